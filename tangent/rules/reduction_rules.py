"""Reductions: sum, mean, max, min and their relatives (adjoint and tangent)."""
import numpy

import tangent
from tangent.rules.registry import adjoint, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative


@adjoint(numpy.sum)
def sum(y, x, axis=None, keepdims=False):
    d[x] = tangent.unreduce(d[y], x, axis, keepdims)


@tangent_of(numpy.sum)
def sum_tangent(y, x, axis=None, keepdims=False):
    d[y] = numpy.sum(d[x], axis=axis, keepdims=keepdims)


@adjoint(numpy.mean)
def mean(y, x, axis=None, keepdims=False):
    d[x] = tangent.unreduce(d[y], x, axis, keepdims) / tangent.reduced_count(x, axis)


@tangent_of(numpy.mean)
def mean_tangent(y, x, axis=None, keepdims=False):
    d[y] = numpy.mean(d[x], axis=axis, keepdims=keepdims)


@adjoint(numpy.max)
def max(y, x, axis=None, keepdims=False):
    d[x] = tangent.select_adjoint(d[y], y, x, axis, keepdims)


@tangent_of(numpy.max)
def max_tangent(y, x, axis=None, keepdims=False):
    d[y] = tangent.select_tangent(d[x], y, x, axis, keepdims)


@adjoint(numpy.min)
def min(y, x, axis=None, keepdims=False):
    d[x] = tangent.select_adjoint(d[y], y, x, axis, keepdims)


@tangent_of(numpy.min)
def min_tangent(y, x, axis=None, keepdims=False):
    d[y] = tangent.select_tangent(d[x], y, x, axis, keepdims)
