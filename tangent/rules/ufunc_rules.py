"""Elementwise functions: NumPy ufuncs, and math and builtins on scalars.

Each primitive has its adjoint (`d[x] = ...` from `d[y]`) and its tangent
(`d[y] = ...` from the inputs' tangents) side by side. `d[x] = e` in an
adjoint adds e to the gradient of x; `tangent.unbroadcast` sums a gradient
back to an operand's shape and is dropped where shapes provably match.

Conventions that keep derivatives cheap and correct:
  * every function a template calls has templates itself, is declared
    non-differentiable (a mask), or is a helper below that tangent
    differentiates from its source, so derivatives of derivatives work;
  * constants are Python floats, which NumPy 2 does not let upcast a float32
    array (a numpy.float64 constant would);
  * at a kink (maximum at a tie, clip at a bound, abs at 0) the derivative is
    the one of a fixed side: the first operand's for maximum/minimum, the
    operand's (not the bound's) for clip, 0 for abs.
"""
import builtins
import math

import numpy

import tangent
from tangent.rules.registry import adjoint, inert_arguments, linear, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative

# Helpers the templates call. They appear in generated code, so each is either
# non-differentiable (a mask) or a plain function tangent can differentiate.


def clip_selects(which, a, a_min=None, a_max=None, min=None, max=None):
    """Where numpy.clip's result is the operand ('a'), the lower or the upper bound.

    clip(a, lo, hi) is minimum(maximum(a, lo), hi): the upper bound wins where
    it is below the raised value (also when lo > hi), the lower bound where a
    is below it. Either bound may be None; `min`/`max` are NumPy 2's names.
    """
    low = min if a_min is None else a_min
    high = max if a_max is None else a_max
    raised = a if low is None else numpy.maximum(a, low)
    above = False if high is None else numpy.greater(raised, high)
    if which == 'high':
        return above
    below = False if low is None else numpy.less(a, low)
    if which == 'low':
        return numpy.logical_and(below, numpy.logical_not(above))
    return numpy.logical_not(numpy.logical_or(below, above))


def fmax_selects_first(x1, x2):
    """Where numpy.fmax(x1, x2) is x1: x1 is the larger, or x2 is NaN."""
    return numpy.logical_or(numpy.greater_equal(x1, x2), numpy.isnan(x2))


def fmin_selects_first(x1, x2):
    """Where numpy.fmin(x1, x2) is x1: x1 is the smaller, or x2 is NaN."""
    return numpy.logical_or(numpy.less_equal(x1, x2), numpy.isnan(x2))


non_differentiable(clip_selects, fmax_selects_first, fmin_selects_first)


def abs_gradient_of(grad, x):
    """The gradient of |x|: grad * sign(x), with sign(z) = z / |z| for complex z.

    For real x, sign(x) is piecewise constant (0 at 0). For complex z it is
    written out as z / |z| (0 at 0), so that it is differentiated again.
    """
    if numpy.iscomplexobj(x):
        size = numpy.abs(x)
        return grad * x / numpy.where(size == 0.0, 1.0, size)
    return grad * numpy.sign(x)


def abs_tangent_of(tangent_value, x):
    """The tangent of |x|: sign(x) times it for real x, Re(conj(z / |z|) times it) for complex z."""
    if numpy.iscomplexobj(x):
        size = numpy.abs(x)
        return numpy.real(numpy.conjugate(x) * tangent_value) / numpy.where(size == 0.0, 1.0, size)
    return tangent_value * numpy.sign(x)


def sinc_slope(x):
    """d/dx numpy.sinc(x) = (cos(pi x) - sinc(x)) / x, continuous through 0.

    Near 0 (|pi x| < 0.5) the exact formula cancels, so a Taylor polynomial
    is used there instead; its own derivatives are right too (Hessians).
    """
    t = numpy.pi * x
    small = numpy.abs(t) < 0.5
    s = numpy.where(small, 1.0, t)
    exact = numpy.pi * (s * numpy.cos(s) - numpy.sin(s)) / (s * s)
    t2 = t * t
    series = numpy.pi * t * (t2 * (t2 * (t2 / 45360.0 - 1.0 / 840.0) + 1.0 / 30.0) - 1.0 / 3.0)
    return numpy.where(small, series, exact)


# Sums, differences, products and quotients.


@adjoint(numpy.add)
def add(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y], x1)
    d[x2] = tangent.unbroadcast(d[y], x2)


@tangent_of(numpy.add)
def add_tangent(y, x1, x2):
    d[y] = d[x1] + d[x2]


@adjoint(numpy.subtract)
def subtract(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y], x1)
    d[x2] = tangent.unbroadcast(-d[y], x2)


@tangent_of(numpy.subtract)
def subtract_tangent(y, x1, x2):
    d[y] = d[x1] - d[x2]


@adjoint(numpy.multiply)
def multiply(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y] * x2, x1)
    d[x2] = tangent.unbroadcast(d[y] * x1, x2)


@tangent_of(numpy.multiply)
def multiply_tangent(y, x1, x2):
    d[y] = d[x1] * x2 + x1 * d[x2]


@adjoint(numpy.divide)  # numpy.true_divide is the same ufunc
def divide(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y] / x2, x1)
    d[x2] = tangent.unbroadcast(-d[y] * x1 / (x2 * x2), x2)


@tangent_of(numpy.divide)
def divide_tangent(y, x1, x2):
    d[y] = (d[x1] - y * d[x2]) / x2


@adjoint(numpy.negative)
def negative(y, x):
    d[x] = -d[y]


@tangent_of(numpy.negative)
def negative_tangent(y, x):
    d[y] = -d[x]


@adjoint(numpy.positive)
def positive(y, x):
    d[x] = d[y]


@tangent_of(numpy.positive)
def positive_tangent(y, x):
    d[y] = d[x]


@adjoint(numpy.reciprocal)
def reciprocal(y, x):
    d[x] = -d[y] * y * y


@tangent_of(numpy.reciprocal)
def reciprocal_tangent(y, x):
    d[y] = -d[x] * y * y


# Powers and roots.


@adjoint(numpy.power)
def power(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y] * x2 * x1 ** (x2 - 1), x1)
    d[x2] = tangent.unbroadcast(d[y] * y * numpy.log(x1), x2)


@tangent_of(numpy.power)
def power_tangent(y, x1, x2):
    d[y] = d[x1] * x2 * x1 ** (x2 - 1) + d[x2] * y * numpy.log(x1)


@adjoint(numpy.float_power)
def float_power(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y] * x2 * numpy.float_power(x1, x2 - 1.0), x1)
    d[x2] = tangent.unbroadcast(d[y] * y * numpy.log(x1), x2)


@tangent_of(numpy.float_power)
def float_power_tangent(y, x1, x2):
    d[y] = d[x1] * x2 * numpy.float_power(x1, x2 - 1.0) + d[x2] * y * numpy.log(x1)


@adjoint(numpy.square)
def square(y, x):
    d[x] = d[y] * 2.0 * x


@tangent_of(numpy.square)
def square_tangent(y, x):
    d[y] = d[x] * 2.0 * x


@adjoint(numpy.sqrt)
def sqrt(y, x):
    d[x] = d[y] / (2.0 * y)


@tangent_of(numpy.sqrt)
def sqrt_tangent(y, x):
    d[y] = d[x] / (2.0 * y)


@adjoint(numpy.cbrt)
def cbrt(y, x):
    d[x] = d[y] / (3.0 * y * y)


@tangent_of(numpy.cbrt)
def cbrt_tangent(y, x):
    d[y] = d[x] / (3.0 * y * y)


# Remainders. y = x1 - n * x2 with an integer n that is constant between kinks:
# n = round((x1 - y) / x2) exactly, since fmod is exact (truncated quotient);
# numpy.floor_divide is computed consistently with numpy.remainder (floored).


@adjoint(numpy.fmod)
def fmod(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y], x1)
    d[x2] = tangent.unbroadcast(-d[y] * numpy.round((x1 - y) / x2), x2)


@tangent_of(numpy.fmod)
def fmod_tangent(y, x1, x2):
    d[y] = d[x1] - d[x2] * numpy.round((x1 - y) / x2)


@adjoint(numpy.remainder)  # numpy.mod is the same ufunc
def remainder(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y], x1)
    d[x2] = tangent.unbroadcast(-d[y] * numpy.floor_divide(x1, x2), x2)


@tangent_of(numpy.remainder)
def remainder_tangent(y, x1, x2):
    d[y] = d[x1] - d[x2] * numpy.floor_divide(x1, x2)


# Exponentials and logarithms.


@adjoint(numpy.exp)
def exp(y, x):
    d[x] = d[y] * y


@tangent_of(numpy.exp)
def exp_tangent(y, x):
    d[y] = d[x] * y


@adjoint(numpy.exp2)
def exp2(y, x):
    d[x] = d[y] * y * 0.6931471805599453


@tangent_of(numpy.exp2)
def exp2_tangent(y, x):
    d[y] = d[x] * y * 0.6931471805599453


@adjoint(numpy.expm1)
def expm1(y, x):
    d[x] = d[y] * (y + 1.0)


@tangent_of(numpy.expm1)
def expm1_tangent(y, x):
    d[y] = d[x] * (y + 1.0)


@adjoint(numpy.log)
def log(y, x):
    d[x] = d[y] / x


@tangent_of(numpy.log)
def log_tangent(y, x):
    d[y] = d[x] / x


@adjoint(numpy.log2)
def log2(y, x):
    d[x] = d[y] / (x * 0.6931471805599453)


@tangent_of(numpy.log2)
def log2_tangent(y, x):
    d[y] = d[x] / (x * 0.6931471805599453)


@adjoint(numpy.log10)
def log10(y, x):
    d[x] = d[y] / (x * 2.302585092994046)


@tangent_of(numpy.log10)
def log10_tangent(y, x):
    d[y] = d[x] / (x * 2.302585092994046)


@adjoint(numpy.log1p)
def log1p(y, x):
    d[x] = d[y] / (1.0 + x)


@tangent_of(numpy.log1p)
def log1p_tangent(y, x):
    d[y] = d[x] / (1.0 + x)


@adjoint(numpy.logaddexp)
def logaddexp(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y] * numpy.exp(x1 - y), x1)
    d[x2] = tangent.unbroadcast(d[y] * numpy.exp(x2 - y), x2)


@tangent_of(numpy.logaddexp)
def logaddexp_tangent(y, x1, x2):
    d[y] = d[x1] * numpy.exp(x1 - y) + d[x2] * numpy.exp(x2 - y)


@adjoint(numpy.logaddexp2)
def logaddexp2(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y] * numpy.exp2(x1 - y), x1)
    d[x2] = tangent.unbroadcast(d[y] * numpy.exp2(x2 - y), x2)


@tangent_of(numpy.logaddexp2)
def logaddexp2_tangent(y, x1, x2):
    d[y] = d[x1] * numpy.exp2(x1 - y) + d[x2] * numpy.exp2(x2 - y)


# Trigonometric functions and their inverses.


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


@adjoint(numpy.arcsin)
def arcsin(y, x):
    d[x] = d[y] / numpy.sqrt(1.0 - x * x)


@tangent_of(numpy.arcsin)
def arcsin_tangent(y, x):
    d[y] = d[x] / numpy.sqrt(1.0 - x * x)


@adjoint(numpy.arccos)
def arccos(y, x):
    d[x] = -d[y] / numpy.sqrt(1.0 - x * x)


@tangent_of(numpy.arccos)
def arccos_tangent(y, x):
    d[y] = -d[x] / numpy.sqrt(1.0 - x * x)


@adjoint(numpy.arctan)
def arctan(y, x):
    d[x] = d[y] / (1.0 + x * x)


@tangent_of(numpy.arctan)
def arctan_tangent(y, x):
    d[y] = d[x] / (1.0 + x * x)


@adjoint(numpy.arctan2)
def arctan2(y, x1, x2):
    radius2 = x1 * x1 + x2 * x2
    d[x1] = tangent.unbroadcast(d[y] * x2 / radius2, x1)
    d[x2] = tangent.unbroadcast(-d[y] * x1 / radius2, x2)


@tangent_of(numpy.arctan2)
def arctan2_tangent(y, x1, x2):
    d[y] = (d[x1] * x2 - d[x2] * x1) / (x1 * x1 + x2 * x2)


@adjoint(numpy.hypot)
def hypot(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y] * x1 / y, x1)
    d[x2] = tangent.unbroadcast(d[y] * x2 / y, x2)


@tangent_of(numpy.hypot)
def hypot_tangent(y, x1, x2):
    d[y] = (d[x1] * x1 + d[x2] * x2) / y


@adjoint(numpy.deg2rad)
def deg2rad(y, x):
    d[x] = d[y] * 0.017453292519943295


@tangent_of(numpy.deg2rad)
def deg2rad_tangent(y, x):
    d[y] = d[x] * 0.017453292519943295


@adjoint(numpy.radians)
def radians(y, x):
    d[x] = d[y] * 0.017453292519943295


@tangent_of(numpy.radians)
def radians_tangent(y, x):
    d[y] = d[x] * 0.017453292519943295


@adjoint(numpy.rad2deg)
def rad2deg(y, x):
    d[x] = d[y] * 57.29577951308232


@tangent_of(numpy.rad2deg)
def rad2deg_tangent(y, x):
    d[y] = d[x] * 57.29577951308232


@adjoint(numpy.degrees)
def degrees(y, x):
    d[x] = d[y] * 57.29577951308232


@tangent_of(numpy.degrees)
def degrees_tangent(y, x):
    d[y] = d[x] * 57.29577951308232


@adjoint(numpy.sinc)
def sinc(y, x):
    d[x] = d[y] * sinc_slope(x)


@tangent_of(numpy.sinc)
def sinc_tangent(y, x):
    d[y] = d[x] * sinc_slope(x)


# Hyperbolic functions and their inverses.


@adjoint(numpy.sinh)
def sinh(y, x):
    d[x] = d[y] * numpy.cosh(x)


@tangent_of(numpy.sinh)
def sinh_tangent(y, x):
    d[y] = d[x] * numpy.cosh(x)


@adjoint(numpy.cosh)
def cosh(y, x):
    d[x] = d[y] * numpy.sinh(x)


@tangent_of(numpy.cosh)
def cosh_tangent(y, x):
    d[y] = d[x] * numpy.sinh(x)


@adjoint(numpy.tanh)
def tanh(y, x):
    d[x] = d[y] * (1.0 - y * y)


@tangent_of(numpy.tanh)
def tanh_tangent(y, x):
    d[y] = d[x] * (1.0 - y * y)


@adjoint(numpy.arcsinh)
def arcsinh(y, x):
    d[x] = d[y] / numpy.sqrt(x * x + 1.0)


@tangent_of(numpy.arcsinh)
def arcsinh_tangent(y, x):
    d[y] = d[x] / numpy.sqrt(x * x + 1.0)


@adjoint(numpy.arccosh)
def arccosh(y, x):
    d[x] = d[y] / numpy.sqrt(x * x - 1.0)


@tangent_of(numpy.arccosh)
def arccosh_tangent(y, x):
    d[y] = d[x] / numpy.sqrt(x * x - 1.0)


@adjoint(numpy.arctanh)
def arctanh(y, x):
    d[x] = d[y] / (1.0 - x * x)


@tangent_of(numpy.arctanh)
def arctanh_tangent(y, x):
    d[y] = d[x] / (1.0 - x * x)


# Absolute values, extrema and selections (piecewise linear).


@adjoint(numpy.absolute)  # numpy.abs is the same ufunc
def absolute(y, x):
    d[x] = abs_gradient_of(d[y], x)


@tangent_of(numpy.absolute)
def absolute_tangent(y, x):
    d[y] = abs_tangent_of(d[x], x)


@adjoint(numpy.fabs)
def fabs(y, x):
    d[x] = d[y] * numpy.sign(x)


@tangent_of(numpy.fabs)
def fabs_tangent(y, x):
    d[y] = d[x] * numpy.sign(x)


@adjoint(numpy.maximum)
def maximum(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y] * (x1 >= x2), x1)
    d[x2] = tangent.unbroadcast(d[y] * (x1 < x2), x2)


@tangent_of(numpy.maximum)
def maximum_tangent(y, x1, x2):
    d[y] = numpy.where(x1 >= x2, d[x1], d[x2])


@adjoint(numpy.minimum)
def minimum(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y] * (x1 <= x2), x1)
    d[x2] = tangent.unbroadcast(d[y] * (x1 > x2), x2)


@tangent_of(numpy.minimum)
def minimum_tangent(y, x1, x2):
    d[y] = numpy.where(x1 <= x2, d[x1], d[x2])


@adjoint(numpy.fmax)
def fmax(y, x1, x2):
    first = fmax_selects_first(x1, x2)
    d[x1] = tangent.unbroadcast(numpy.where(first, d[y], 0.0), x1)
    d[x2] = tangent.unbroadcast(numpy.where(first, 0.0, d[y]), x2)


@tangent_of(numpy.fmax)
def fmax_tangent(y, x1, x2):
    d[y] = numpy.where(fmax_selects_first(x1, x2), d[x1], d[x2])


@adjoint(numpy.fmin)
def fmin(y, x1, x2):
    first = fmin_selects_first(x1, x2)
    d[x1] = tangent.unbroadcast(numpy.where(first, d[y], 0.0), x1)
    d[x2] = tangent.unbroadcast(numpy.where(first, 0.0, d[y]), x2)


@tangent_of(numpy.fmin)
def fmin_tangent(y, x1, x2):
    d[y] = numpy.where(fmin_selects_first(x1, x2), d[x1], d[x2])


# numpy.clip(a, a_min, a_max) and NumPy 2's clip(a, min=..., max=...); a bound
# may be None or an array that broadcasts against a. There is no `out=`: a
# result written into another array is refused rather than differentiated wrong.


@adjoint(numpy.clip)
def clip(y, a, a_min=None, a_max=None, *, min=None, max=None):
    d[a] = tangent.unbroadcast(d[y] * clip_selects('a', a, a_min, a_max, min, max), a)
    d[a_min] = tangent.unbroadcast(d[y] * clip_selects('low', a, a_min, a_max, min, max), a_min)
    d[a_max] = tangent.unbroadcast(d[y] * clip_selects('high', a, a_min, a_max, min, max), a_max)
    d[min] = tangent.unbroadcast(d[y] * clip_selects('low', a, a_min, a_max, min, max), min)
    d[max] = tangent.unbroadcast(d[y] * clip_selects('high', a, a_min, a_max, min, max), max)


@tangent_of(numpy.clip)
def clip_tangent(y, a, a_min=None, a_max=None, *, min=None, max=None):
    d[y] = (d[a] * clip_selects('a', a, a_min, a_max, min, max)
            + d[a_min] * clip_selects('low', a, a_min, a_max, min, max)
            + d[min] * clip_selects('low', a, a_min, a_max, min, max)
            + d[a_max] * clip_selects('high', a, a_min, a_max, min, max)
            + d[max] * clip_selects('high', a, a_min, a_max, min, max))


@adjoint(numpy.where)
def where(out, condition, x, y):
    d[x] = tangent.unbroadcast(numpy.where(condition, d[out], 0.0), x)
    d[y] = tangent.unbroadcast(numpy.where(condition, 0.0, d[out]), y)


@tangent_of(numpy.where)
def where_tangent(out, condition, x, y):
    d[out] = numpy.where(condition, d[x], d[y])


# Python's builtins on numbers.


@adjoint(builtins.abs)
def abs_(y, x):
    d[x] = abs_gradient_of(d[y], x)


@tangent_of(builtins.abs)
def abs_tangent(y, x):
    d[y] = abs_tangent_of(d[x], x)


@adjoint(builtins.float)
def float_(y, x):
    d[x] = d[y]


@tangent_of(builtins.float)
def float_tangent(y, x):
    d[y] = d[x]


@adjoint(builtins.pow)
def pow_(y, base, exp, mod=None):
    d[base] = tangent.unbroadcast(d[y] * exp * base ** (exp - 1), base)
    d[exp] = tangent.unbroadcast(d[y] * y * numpy.log(base), exp)


@tangent_of(builtins.pow)
def pow_tangent(y, base, exp, mod=None):
    d[y] = d[base] * exp * base ** (exp - 1) + d[exp] * y * numpy.log(base)


# max(a, b) is a unless b > a; min(a, b) is a unless b < a. Only the
# two-argument form has a rule: max(iterable) is refused with a clear message.


@adjoint(builtins.max)
def max_(y, a, b):
    d[a] = d[y] * (a >= b)
    d[b] = d[y] * (a < b)


@tangent_of(builtins.max)
def max_tangent(y, a, b):
    d[y] = d[a] * (a >= b) + d[b] * (a < b)


@adjoint(builtins.min)
def min_(y, a, b):
    d[a] = d[y] * (a <= b)
    d[b] = d[y] * (a > b)


@tangent_of(builtins.min)
def min_tangent(y, a, b):
    d[y] = d[a] * (a <= b) + d[b] * (a > b)


# The math module (Python floats in, Python floats out).


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


@adjoint(math.tan)
def math_tan(y, x):
    d[x] = d[y] * (1.0 + y * y)


@tangent_of(math.tan)
def math_tan_tangent(y, x):
    d[y] = d[x] * (1.0 + y * y)


@adjoint(math.exp)
def math_exp(y, x):
    d[x] = d[y] * y


@tangent_of(math.exp)
def math_exp_tangent(y, x):
    d[y] = d[x] * y


@adjoint(math.expm1)
def math_expm1(y, x):
    d[x] = d[y] * (y + 1.0)


@tangent_of(math.expm1)
def math_expm1_tangent(y, x):
    d[y] = d[x] * (y + 1.0)


@adjoint(math.log)  # math.log(x) or math.log(x, base); log(e) is exactly 1.0
def math_log(y, x, base=math.e):
    d[x] = d[y] / (x * math.log(base))
    d[base] = -d[y] * y / (base * math.log(base))


@tangent_of(math.log)
def math_log_tangent(y, x, base=math.e):
    d[y] = (d[x] / x - d[base] * y / base) / math.log(base)


@adjoint(math.log2)
def math_log2(y, x):
    d[x] = d[y] / (x * 0.6931471805599453)


@tangent_of(math.log2)
def math_log2_tangent(y, x):
    d[y] = d[x] / (x * 0.6931471805599453)


@adjoint(math.log10)
def math_log10(y, x):
    d[x] = d[y] / (x * 2.302585092994046)


@tangent_of(math.log10)
def math_log10_tangent(y, x):
    d[y] = d[x] / (x * 2.302585092994046)


@adjoint(math.log1p)
def math_log1p(y, x):
    d[x] = d[y] / (1.0 + x)


@tangent_of(math.log1p)
def math_log1p_tangent(y, x):
    d[y] = d[x] / (1.0 + x)


@adjoint(math.sqrt)
def math_sqrt(y, x):
    d[x] = d[y] / (2.0 * y)


@tangent_of(math.sqrt)
def math_sqrt_tangent(y, x):
    d[y] = d[x] / (2.0 * y)


@adjoint(math.pow)
def math_pow(z, x, y):
    d[x] = d[z] * y * math.pow(x, y - 1.0)
    d[y] = d[z] * z * math.log(x)


@tangent_of(math.pow)
def math_pow_tangent(z, x, y):
    d[z] = d[x] * y * math.pow(x, y - 1.0) + d[y] * z * math.log(x)


@adjoint(math.sinh)
def math_sinh(y, x):
    d[x] = d[y] * math.cosh(x)


@tangent_of(math.sinh)
def math_sinh_tangent(y, x):
    d[y] = d[x] * math.cosh(x)


@adjoint(math.cosh)
def math_cosh(y, x):
    d[x] = d[y] * math.sinh(x)


@tangent_of(math.cosh)
def math_cosh_tangent(y, x):
    d[y] = d[x] * math.sinh(x)


@adjoint(math.tanh)
def math_tanh(y, x):
    d[x] = d[y] * (1.0 - y * y)


@tangent_of(math.tanh)
def math_tanh_tangent(y, x):
    d[y] = d[x] * (1.0 - y * y)


@adjoint(math.asin)
def math_asin(y, x):
    d[x] = d[y] / math.sqrt(1.0 - x * x)


@tangent_of(math.asin)
def math_asin_tangent(y, x):
    d[y] = d[x] / math.sqrt(1.0 - x * x)


@adjoint(math.acos)
def math_acos(y, x):
    d[x] = -d[y] / math.sqrt(1.0 - x * x)


@tangent_of(math.acos)
def math_acos_tangent(y, x):
    d[y] = -d[x] / math.sqrt(1.0 - x * x)


@adjoint(math.atan)
def math_atan(y, x):
    d[x] = d[y] / (1.0 + x * x)


@tangent_of(math.atan)
def math_atan_tangent(y, x):
    d[y] = d[x] / (1.0 + x * x)


@adjoint(math.atan2)
def math_atan2(angle, y, x):
    radius2 = x * x + y * y
    d[y] = d[angle] * x / radius2
    d[x] = -d[angle] * y / radius2


@tangent_of(math.atan2)
def math_atan2_tangent(angle, y, x):
    d[angle] = (d[y] * x - d[x] * y) / (x * x + y * y)


@adjoint(math.hypot)  # the two-argument form
def math_hypot(r, x, y):
    d[x] = d[r] * x / r
    d[y] = d[r] * y / r


@tangent_of(math.hypot)
def math_hypot_tangent(r, x, y):
    d[r] = (d[x] * x + d[y] * y) / r


@adjoint(math.fabs)
def math_fabs(y, x):
    d[x] = d[y] * numpy.sign(x)


@tangent_of(math.fabs)
def math_fabs_tangent(y, x):
    d[y] = d[x] * numpy.sign(x)


@adjoint(math.degrees)
def math_degrees(y, x):
    d[x] = d[y] * 57.29577951308232


@tangent_of(math.degrees)
def math_degrees_tangent(y, x):
    d[y] = d[x] * 57.29577951308232


@adjoint(math.radians)
def math_radians(y, x):
    d[x] = d[y] * 0.017453292519943295


@tangent_of(math.radians)
def math_radians_tangent(y, x):
    d[y] = d[x] * 0.017453292519943295


# Zero in, zero out: the optimiser folds these calls away for a zero tangent.
# (numpy.multiply and numpy.negative are declared with the run-time helpers.)
for _function, _positions in [
        (numpy.positive, (0,)), (numpy.divide, (0,)), (numpy.deg2rad, (0,)), (numpy.radians, (0,)),
        (numpy.rad2deg, (0,)), (numpy.degrees, (0,)), (math.degrees, (0,)), (math.radians, (0,)),
        (abs_gradient_of, (0,)), (abs_tangent_of, (0,))]:
    linear(_function, *_positions)

# where reads its condition only to choose: no derivative flows through it.
inert_arguments(numpy.where, 0)
