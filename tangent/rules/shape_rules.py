"""Shapes, copies and containers: reshape, transpose, concatenate, stack, ...

Most are linear, so the tangent applies the same operation to the tangent and
the adjoint applies the inverse rearrangement to the gradient.
"""
import numpy

import tangent
from tangent.rules.registry import adjoint, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative


@adjoint(numpy.reshape)
def reshape(y, x, shape):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@tangent_of(numpy.reshape)
def reshape_tangent(y, x, shape):
    d[y] = numpy.reshape(d[x], numpy.shape(y))


@adjoint(numpy.ravel)
def ravel(y, x):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@tangent_of(numpy.ravel)
def ravel_tangent(y, x):
    d[y] = numpy.ravel(d[x])


@adjoint(numpy.transpose)
def transpose(y, x, axes=None):
    d[x] = tangent.transpose_adjoint(d[y], axes)


@tangent_of(numpy.transpose)
def transpose_tangent(y, x, axes=None):
    d[y] = numpy.transpose(d[x], axes)


@adjoint(numpy.expand_dims)
def expand_dims(y, x, axis):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@tangent_of(numpy.expand_dims)
def expand_dims_tangent(y, x, axis):
    d[y] = numpy.reshape(d[x], numpy.shape(y))


@adjoint(numpy.squeeze)
def squeeze(y, x, axis=None):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@tangent_of(numpy.squeeze)
def squeeze_tangent(y, x, axis=None):
    d[y] = numpy.reshape(d[x], numpy.shape(y))


@adjoint(numpy.concatenate)
def concatenate(y, arrays, axis=0):
    d[arrays] = tangent.split_like(d[y], arrays, axis)


@tangent_of(numpy.concatenate)
def concatenate_tangent(y, arrays, axis=0):
    d[y] = numpy.concatenate(tangent.tangents_like(d[arrays], arrays), axis=axis)


@adjoint(numpy.stack)
def stack(y, arrays, axis=0):
    d[arrays] = tangent.unstack(d[y], axis)


@tangent_of(numpy.stack)
def stack_tangent(y, arrays, axis=0):
    d[y] = numpy.stack(tangent.tangents_like(d[arrays], arrays), axis=axis)


@adjoint(numpy.copy)
def copy(y, x):
    d[x] = d[y]


@tangent_of(numpy.copy)
def copy_tangent(y, x):
    d[y] = numpy.copy(d[x])


@adjoint(numpy.asarray)
def asarray(y, x):
    d[x] = tangent.like(d[y], x)


@tangent_of(numpy.asarray)
def asarray_tangent(y, x):
    d[y] = numpy.asarray(tangent.tangents_like(d[x], x))


@adjoint(numpy.array)
def array(y, x):
    d[x] = tangent.like(d[y], x)


@tangent_of(numpy.array)
def array_tangent(y, x):
    d[y] = numpy.array(tangent.tangents_like(d[x], x))


@adjoint(tangent.copy)
def copy_value(y, x):
    d[x] = d[y]


@tangent_of(tangent.copy)
def copy_value_tangent(y, x):
    d[y] = tangent.copy(d[x])


@adjoint(tangent.append)
def append(y, sequence, item):
    d[sequence] = d[y][:-1]
    d[item] = d[y][-1]


@tangent_of(tangent.append)
def append_tangent(y, sequence, item):
    d[y] = tangent.append(tangent.tangents_like(d[sequence], sequence), d[item])
