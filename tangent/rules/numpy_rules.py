"""Adjoint templates for NumPy functions, grouped by family.

A new function is one template next to its siblings; the engine never needs
to change. Functions whose outputs carry no derivative are listed at the end.
"""
import builtins
import math

import numpy

import tangent
from tangent import surgery
from tangent.rules.registry import adjoint, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative

# Unary elementwise functions.


@adjoint(numpy.negative)
def negative(y, x):
    d[x] = -d[y]


@adjoint(numpy.exp)
def exp(y, x):
    d[x] = d[y] * y


@adjoint(numpy.log)
def log(y, x):
    d[x] = d[y] / x


@adjoint(numpy.sin)
def sin(y, x):
    d[x] = d[y] * numpy.cos(x)


@adjoint(numpy.cos)
def cos(y, x):
    d[x] = -d[y] * numpy.sin(x)


@adjoint(numpy.tan)
def tan(y, x):
    d[x] = d[y] * (1.0 + y * y)


@adjoint(numpy.tanh)
def tanh(y, x):
    d[x] = d[y] * (1.0 - y * y)


@adjoint(numpy.sqrt)
def sqrt(y, x):
    d[x] = d[y] / (2.0 * y)


@adjoint(numpy.square)
def square(y, x):
    d[x] = d[y] * 2.0 * x


@adjoint(numpy.abs)
def absolute(y, x):
    d[x] = d[y] * numpy.sign(x)


@adjoint(numpy.log1p)
def log1p(y, x):
    d[x] = d[y] / (1.0 + x)


@adjoint(numpy.expm1)
def expm1(y, x):
    d[x] = d[y] * (y + 1.0)


@adjoint(numpy.arctan)
def arctan(y, x):
    d[x] = d[y] / (1.0 + x * x)


# Binary elementwise functions.


@adjoint(numpy.add)
def add(y, a, b):
    d[a] = tangent.unbroadcast(d[y], a)
    d[b] = tangent.unbroadcast(d[y], b)


@adjoint(numpy.multiply)
def multiply(y, a, b):
    d[a] = tangent.unbroadcast(d[y] * b, a)
    d[b] = tangent.unbroadcast(d[y] * a, b)


@adjoint(numpy.maximum)
def maximum(y, a, b):
    d[a] = tangent.unbroadcast(d[y] * (a >= b), a)
    d[b] = tangent.unbroadcast(d[y] * (a < b), b)


@adjoint(numpy.minimum)
def minimum(y, a, b):
    d[a] = tangent.unbroadcast(d[y] * (a <= b), a)
    d[b] = tangent.unbroadcast(d[y] * (a > b), b)


@adjoint(numpy.where)
def where(y, condition, a, b):
    d[a] = tangent.unbroadcast(numpy.where(condition, d[y], 0.0), a)
    d[b] = tangent.unbroadcast(numpy.where(condition, 0.0, d[y]), b)


@adjoint(numpy.clip)
def clip(y, x, a_min, a_max):
    d[x] = d[y] * ((x >= a_min) & (x <= a_max))


# Reductions.


@adjoint(numpy.sum)
def sum(y, x, axis=None, keepdims=False):
    d[x] = tangent.unreduce(d[y], x, axis, keepdims)


@adjoint(numpy.mean)
def mean(y, x, axis=None, keepdims=False):
    d[x] = tangent.unreduce(d[y], x, axis, keepdims) / tangent.reduced_count(x, axis)


@adjoint(numpy.max)
def max(y, x, axis=None, keepdims=False):
    d[x] = tangent.select_adjoint(d[y], y, x, axis, keepdims)


@adjoint(numpy.min)
def min(y, x, axis=None, keepdims=False):
    d[x] = tangent.select_adjoint(d[y], y, x, axis, keepdims)


# Linear algebra.


@adjoint(numpy.dot)
def dot(y, a, b):
    d[a] = tangent.dot_adjoint_a(d[y], a, b)
    d[b] = tangent.dot_adjoint_b(d[y], a, b)


@adjoint(numpy.matmul)
def matmul(y, a, b):
    d[a] = tangent.matmul_adjoint_a(d[y], a, b)
    d[b] = tangent.matmul_adjoint_b(d[y], a, b)


# Shapes and copies.


@adjoint(numpy.reshape)
def reshape(y, x, shape):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@adjoint(numpy.ravel)
def ravel(y, x):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@adjoint(numpy.transpose)
def transpose(y, x, axes=None):
    d[x] = tangent.transpose_adjoint(d[y], axes)


@adjoint(numpy.expand_dims)
def expand_dims(y, x, axis):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@adjoint(numpy.squeeze)
def squeeze(y, x, axis=None):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@adjoint(numpy.concatenate)
def concatenate(y, arrays, axis=0):
    d[arrays] = tangent.split_like(d[y], arrays, axis)


@adjoint(numpy.stack)
def stack(y, arrays, axis=0):
    d[arrays] = tangent.unstack(d[y], axis)


@adjoint(numpy.copy)
def copy(y, x):
    d[x] = d[y]


@adjoint(numpy.asarray)
def asarray(y, x):
    d[x] = tangent.like(d[y], x)


@adjoint(numpy.array)
def array(y, x):
    d[x] = tangent.like(d[y], x)


@adjoint(tangent.copy)
def copy_value(y, x):
    d[x] = d[y]


@adjoint(tangent.append)
def append(y, sequence, item):
    d[sequence] = d[y][:-1]
    d[item] = d[y][-1]


# Python builtins and math on scalars.


@adjoint(builtins.abs)
def abs_(y, x):
    d[x] = d[y] * numpy.sign(x)


@adjoint(builtins.float)
def float_(y, x):
    d[x] = d[y]


@adjoint(math.sin)
def math_sin(y, x):
    d[x] = d[y] * math.cos(x)


@adjoint(math.cos)
def math_cos(y, x):
    d[x] = -d[y] * math.sin(x)


@adjoint(math.exp)
def math_exp(y, x):
    d[x] = d[y] * y


@adjoint(math.log)
def math_log(y, x):
    d[x] = d[y] / x


@adjoint(math.sqrt)
def math_sqrt(y, x):
    d[x] = d[y] / (2.0 * y)


@adjoint(math.tanh)
def math_tanh(y, x):
    d[x] = d[y] * (1.0 - y * y)


# Forward mode: tangent templates, in the same order as the adjoints above.


@tangent_of(numpy.negative)
def negative_tangent(y, x):
    d[y] = -d[x]


@tangent_of(numpy.exp)
def exp_tangent(y, x):
    d[y] = d[x] * y


@tangent_of(numpy.log)
def log_tangent(y, x):
    d[y] = d[x] / x


@tangent_of(numpy.sin)
def sin_tangent(y, x):
    d[y] = d[x] * numpy.cos(x)


@tangent_of(numpy.cos)
def cos_tangent(y, x):
    d[y] = -d[x] * numpy.sin(x)


@tangent_of(numpy.tan)
def tan_tangent(y, x):
    d[y] = d[x] * (1.0 + y * y)


@tangent_of(numpy.tanh)
def tanh_tangent(y, x):
    d[y] = d[x] * (1.0 - y * y)


@tangent_of(numpy.sqrt)
def sqrt_tangent(y, x):
    d[y] = d[x] / (2.0 * y)


@tangent_of(numpy.square)
def square_tangent(y, x):
    d[y] = d[x] * 2.0 * x


@tangent_of(numpy.abs)
def absolute_tangent(y, x):
    d[y] = d[x] * numpy.sign(x)


@tangent_of(numpy.log1p)
def log1p_tangent(y, x):
    d[y] = d[x] / (1.0 + x)


@tangent_of(numpy.expm1)
def expm1_tangent(y, x):
    d[y] = d[x] * (y + 1.0)


@tangent_of(numpy.arctan)
def arctan_tangent(y, x):
    d[y] = d[x] / (1.0 + x * x)


@tangent_of(numpy.add)
def add_tangent(y, a, b):
    d[y] = d[a] + d[b]


@tangent_of(numpy.multiply)
def multiply_tangent(y, a, b):
    d[y] = d[a] * b + a * d[b]


@tangent_of(numpy.maximum)
def maximum_tangent(y, a, b):
    d[y] = numpy.where(a >= b, d[a], d[b])


@tangent_of(numpy.minimum)
def minimum_tangent(y, a, b):
    d[y] = numpy.where(a <= b, d[a], d[b])


@tangent_of(numpy.where)
def where_tangent(y, condition, a, b):
    d[y] = numpy.where(condition, d[a], d[b])


@tangent_of(numpy.clip)
def clip_tangent(y, x, a_min, a_max):
    d[y] = d[x] * ((x >= a_min) & (x <= a_max))


@tangent_of(numpy.sum)
def sum_tangent(y, x, axis=None, keepdims=False):
    d[y] = numpy.sum(d[x], axis=axis, keepdims=keepdims)


@tangent_of(numpy.mean)
def mean_tangent(y, x, axis=None, keepdims=False):
    d[y] = numpy.mean(d[x], axis=axis, keepdims=keepdims)


@tangent_of(numpy.max)
def max_tangent(y, x, axis=None, keepdims=False):
    d[y] = tangent.select_tangent(d[x], y, x, axis, keepdims)


@tangent_of(numpy.min)
def min_tangent(y, x, axis=None, keepdims=False):
    d[y] = tangent.select_tangent(d[x], y, x, axis, keepdims)


@tangent_of(numpy.dot)
def dot_tangent(y, a, b):
    d[y] = numpy.dot(d[a], b) + numpy.dot(a, d[b])


@tangent_of(numpy.matmul)
def matmul_tangent(y, a, b):
    d[y] = numpy.matmul(d[a], b) + numpy.matmul(a, d[b])


@tangent_of(numpy.reshape)
def reshape_tangent(y, x, shape):
    d[y] = numpy.reshape(d[x], numpy.shape(y))


@tangent_of(numpy.ravel)
def ravel_tangent(y, x):
    d[y] = numpy.ravel(d[x])


@tangent_of(numpy.transpose)
def transpose_tangent(y, x, axes=None):
    d[y] = numpy.transpose(d[x], axes)


@tangent_of(numpy.expand_dims)
def expand_dims_tangent(y, x, axis):
    d[y] = numpy.reshape(d[x], numpy.shape(y))


@tangent_of(numpy.squeeze)
def squeeze_tangent(y, x, axis=None):
    d[y] = numpy.reshape(d[x], numpy.shape(y))


@tangent_of(numpy.concatenate)
def concatenate_tangent(y, arrays, axis=0):
    d[y] = numpy.concatenate(tangent.tangents_like(d[arrays], arrays), axis=axis)


@tangent_of(numpy.stack)
def stack_tangent(y, arrays, axis=0):
    d[y] = numpy.stack(tangent.tangents_like(d[arrays], arrays), axis=axis)


@tangent_of(numpy.copy)
def copy_tangent(y, x):
    d[y] = numpy.copy(d[x])


@tangent_of(numpy.asarray)
def asarray_tangent(y, x):
    d[y] = numpy.asarray(tangent.tangents_like(d[x], x))


@tangent_of(numpy.array)
def array_tangent(y, x):
    d[y] = numpy.array(tangent.tangents_like(d[x], x))


@tangent_of(tangent.copy)
def copy_value_tangent(y, x):
    d[y] = tangent.copy(d[x])


@tangent_of(tangent.append)
def append_tangent(y, sequence, item):
    d[y] = tangent.append(tangent.tangents_like(d[sequence], sequence), d[item])


@tangent_of(builtins.abs)
def abs_tangent(y, x):
    d[y] = d[x] * numpy.sign(x)


@tangent_of(builtins.float)
def float_tangent(y, x):
    d[y] = d[x]


@tangent_of(math.sin)
def math_sin_tangent(y, x):
    d[y] = d[x] * math.cos(x)


@tangent_of(math.cos)
def math_cos_tangent(y, x):
    d[y] = -d[x] * math.sin(x)


@tangent_of(math.exp)
def math_exp_tangent(y, x):
    d[y] = d[x] * y


@tangent_of(math.log)
def math_log_tangent(y, x):
    d[y] = d[x] / x


@tangent_of(math.sqrt)
def math_sqrt_tangent(y, x):
    d[y] = d[x] / (2.0 * y)


@tangent_of(math.tanh)
def math_tanh_tangent(y, x):
    d[y] = d[x] * (1.0 - y * y)


# Functions whose outputs carry no derivative.

non_differentiable(
    surgery.stop_gradient, builtins.len, builtins.range, builtins.int, builtins.bool,
    builtins.round, builtins.isinstance, builtins.print,
    numpy.shape, numpy.ndim, numpy.size, numpy.argmax, numpy.argmin, numpy.argsort,
    numpy.floor, numpy.ceil, numpy.round, numpy.rint, numpy.trunc, numpy.sign,
    numpy.isnan, numpy.isinf, numpy.isfinite, numpy.zeros, numpy.ones, numpy.empty,
    numpy.zeros_like, numpy.ones_like, numpy.empty_like, numpy.arange, numpy.linspace,
    numpy.eye, numpy.identity, numpy.floor_divide, numpy.equal, numpy.not_equal,
    numpy.less, numpy.less_equal, numpy.greater, numpy.greater_equal, numpy.logical_and,
    numpy.logical_or, numpy.logical_not, numpy.all, numpy.any, numpy.nonzero,
    numpy.random.rand, numpy.random.randn, numpy.random.normal, numpy.random.uniform,
    numpy.random.randint, numpy.random.default_rng, math.floor, math.ceil,
    tangent.zeros_like, tangent.Stack,
)
