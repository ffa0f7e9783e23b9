"""Adjoint templates for NumPy functions, grouped by family.

A new function is one template next to its siblings; the engine never needs
to change. Functions whose outputs carry no derivative are listed at the end.
"""
import builtins
import math

import numpy

import tangent
from tangent import surgery
from tangent.rules.registry import adjoint, non_differentiable

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
