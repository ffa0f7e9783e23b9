"""Elementwise functions: NumPy ufuncs, and math and builtins on scalars.

Each primitive has its adjoint (`d[x] = ...` from `d[y]`) and its tangent
(`d[y] = ...` from the inputs' tangents) side by side. `d[x] = e` in an
adjoint adds e to the gradient of x; `tangent.unbroadcast` sums a gradient
back to an operand's shape and is dropped where shapes provably match.
"""
import builtins
import math

import numpy

import tangent
from tangent.rules.registry import adjoint, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative


@adjoint(numpy.negative)
def negative(y, x):
    d[x] = -d[y]


@tangent_of(numpy.negative)
def negative_tangent(y, x):
    d[y] = -d[x]


@adjoint(numpy.exp)
def exp(y, x):
    d[x] = d[y] * y


@tangent_of(numpy.exp)
def exp_tangent(y, x):
    d[y] = d[x] * y


@adjoint(numpy.log)
def log(y, x):
    d[x] = d[y] / x


@tangent_of(numpy.log)
def log_tangent(y, x):
    d[y] = d[x] / x


@adjoint(numpy.sin)
def sin(y, x):
    d[x] = d[y] * numpy.cos(x)


@tangent_of(numpy.sin)
def sin_tangent(y, x):
    d[y] = d[x] * numpy.cos(x)


@adjoint(numpy.cos)
def cos(y, x):
    d[x] = -d[y] * numpy.sin(x)


@tangent_of(numpy.cos)
def cos_tangent(y, x):
    d[y] = -d[x] * numpy.sin(x)


@adjoint(numpy.tan)
def tan(y, x):
    d[x] = d[y] * (1.0 + y * y)


@tangent_of(numpy.tan)
def tan_tangent(y, x):
    d[y] = d[x] * (1.0 + y * y)


@adjoint(numpy.tanh)
def tanh(y, x):
    d[x] = d[y] * (1.0 - y * y)


@tangent_of(numpy.tanh)
def tanh_tangent(y, x):
    d[y] = d[x] * (1.0 - y * y)


@adjoint(numpy.sqrt)
def sqrt(y, x):
    d[x] = d[y] / (2.0 * y)


@tangent_of(numpy.sqrt)
def sqrt_tangent(y, x):
    d[y] = d[x] / (2.0 * y)


@adjoint(numpy.square)
def square(y, x):
    d[x] = d[y] * 2.0 * x


@tangent_of(numpy.square)
def square_tangent(y, x):
    d[y] = d[x] * 2.0 * x


@adjoint(numpy.abs)
def absolute(y, x):
    d[x] = d[y] * numpy.sign(x)


@tangent_of(numpy.abs)
def absolute_tangent(y, x):
    d[y] = d[x] * numpy.sign(x)


@adjoint(numpy.log1p)
def log1p(y, x):
    d[x] = d[y] / (1.0 + x)


@tangent_of(numpy.log1p)
def log1p_tangent(y, x):
    d[y] = d[x] / (1.0 + x)


@adjoint(numpy.expm1)
def expm1(y, x):
    d[x] = d[y] * (y + 1.0)


@tangent_of(numpy.expm1)
def expm1_tangent(y, x):
    d[y] = d[x] * (y + 1.0)


@adjoint(numpy.arctan)
def arctan(y, x):
    d[x] = d[y] / (1.0 + x * x)


@tangent_of(numpy.arctan)
def arctan_tangent(y, x):
    d[y] = d[x] / (1.0 + x * x)


@adjoint(numpy.add)
def add(y, a, b):
    d[a] = tangent.unbroadcast(d[y], a)
    d[b] = tangent.unbroadcast(d[y], b)


@tangent_of(numpy.add)
def add_tangent(y, a, b):
    d[y] = d[a] + d[b]


@adjoint(numpy.multiply)
def multiply(y, a, b):
    d[a] = tangent.unbroadcast(d[y] * b, a)
    d[b] = tangent.unbroadcast(d[y] * a, b)


@tangent_of(numpy.multiply)
def multiply_tangent(y, a, b):
    d[y] = d[a] * b + a * d[b]


@adjoint(numpy.maximum)
def maximum(y, a, b):
    d[a] = tangent.unbroadcast(d[y] * (a >= b), a)
    d[b] = tangent.unbroadcast(d[y] * (a < b), b)


@tangent_of(numpy.maximum)
def maximum_tangent(y, a, b):
    d[y] = numpy.where(a >= b, d[a], d[b])


@adjoint(numpy.minimum)
def minimum(y, a, b):
    d[a] = tangent.unbroadcast(d[y] * (a <= b), a)
    d[b] = tangent.unbroadcast(d[y] * (a > b), b)


@tangent_of(numpy.minimum)
def minimum_tangent(y, a, b):
    d[y] = numpy.where(a <= b, d[a], d[b])


@adjoint(numpy.where)
def where(y, condition, a, b):
    d[a] = tangent.unbroadcast(numpy.where(condition, d[y], 0.0), a)
    d[b] = tangent.unbroadcast(numpy.where(condition, 0.0, d[y]), b)


@tangent_of(numpy.where)
def where_tangent(y, condition, a, b):
    d[y] = numpy.where(condition, d[a], d[b])


@adjoint(numpy.clip)
def clip(y, x, a_min, a_max):
    d[x] = d[y] * ((x >= a_min) & (x <= a_max))


@tangent_of(numpy.clip)
def clip_tangent(y, x, a_min, a_max):
    d[y] = d[x] * ((x >= a_min) & (x <= a_max))


@adjoint(builtins.abs)
def abs_(y, x):
    d[x] = d[y] * numpy.sign(x)


@tangent_of(builtins.abs)
def abs_tangent(y, x):
    d[y] = d[x] * numpy.sign(x)


@adjoint(builtins.float)
def float_(y, x):
    d[x] = d[y]


@tangent_of(builtins.float)
def float_tangent(y, x):
    d[y] = d[x]


@adjoint(math.sin)
def math_sin(y, x):
    d[x] = d[y] * math.cos(x)


@tangent_of(math.sin)
def math_sin_tangent(y, x):
    d[y] = d[x] * math.cos(x)


@adjoint(math.cos)
def math_cos(y, x):
    d[x] = -d[y] * math.sin(x)


@tangent_of(math.cos)
def math_cos_tangent(y, x):
    d[y] = -d[x] * math.sin(x)


@adjoint(math.exp)
def math_exp(y, x):
    d[x] = d[y] * y


@tangent_of(math.exp)
def math_exp_tangent(y, x):
    d[y] = d[x] * y


@adjoint(math.log)
def math_log(y, x):
    d[x] = d[y] / x


@tangent_of(math.log)
def math_log_tangent(y, x):
    d[y] = d[x] / x


@adjoint(math.sqrt)
def math_sqrt(y, x):
    d[x] = d[y] / (2.0 * y)


@tangent_of(math.sqrt)
def math_sqrt_tangent(y, x):
    d[y] = d[x] / (2.0 * y)


@adjoint(math.tanh)
def math_tanh(y, x):
    d[x] = d[y] * (1.0 - y * y)


@tangent_of(math.tanh)
def math_tanh_tangent(y, x):
    d[y] = d[x] * (1.0 - y * y)
