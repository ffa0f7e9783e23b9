"""Test cases for the elementwise rules (tangent/rules/ufunc_rules.py).

One Case (or more) per registered primitive. Inputs stay inside each
function's domain and away from its kinks; settings cover Python floats,
arrays, broadcasting pairs ((3, 4) with (4,), scalar with array) and float32
(checked with loose tolerances: central differences in float32 are coarse).
"""
import builtins
import math

import numpy as np

from primitive_case import Case

# float32 central differences (step 1e-6) are coarse: the float32 cases use inputs
# of magnitude < 0.35 and outputs of order 1, where they are good to a few percent.
F32 = dict(rtol=0.1, atol=0.1)
SMALL = (-0.3, 0.3)
SMALL_POSITIVE = (0.2, 0.35)


# Argument makers. Each returns a list of functions rng -> argument tuple.


def _uniform(rng, low, high, shape=None, sign=False):
    value = rng.uniform(low, high, size=shape)
    if sign:
        value = value * rng.choice([-1.0, 1.0], size=shape)
    return float(value) if shape is None else value


def unary(low, high, sign=False, shapes=(None, (5,), (3, 4))):
    """One argument drawn from [low, high] (times a random sign if sign)."""
    return [lambda rng, s=shape: (_uniform(rng, low, high, s, sign),) for shape in shapes]


def unary32(low, high, sign=False):
    return [lambda rng: (_uniform(rng, low, high, (3, 4), sign).astype(np.float32),)]


def binary(range1, range2, sign1=False, sign2=False):
    """Two arguments: scalars, equal shapes, (3, 4) with (4,), scalar with array, array with scalar."""
    shapes = [(None, None), ((3, 4), (3, 4)), ((3, 4), (4,)), (None, (2, 3)), ((2, 3), None)]
    return [lambda rng, s1=s1, s2=s2: (_uniform(rng, *range1, s1, sign1), _uniform(rng, *range2, s2, sign2))
            for s1, s2 in shapes]


def binary32(range1, range2, sign1=False, sign2=False):
    return [lambda rng: (_uniform(rng, *range1, (3, 4), sign1).astype(np.float32),
                         _uniform(rng, *range2, (4,), sign2).astype(np.float32))]


def scalars(*pairs):
    """Fixed Python-float argument tuples (to visit each branch of max/min)."""
    return [lambda rng, p=pair: tuple(p) for pair in pairs]


ANY = (-2.0, 2.0)
POSITIVE = (0.5, 2.0)


# Functions under test.


def use_add(a, b):
    return np.add(a, b)


def use_subtract(a, b):
    return np.subtract(a, b)


def use_multiply(a, b):
    return np.multiply(a, b)


def use_divide(a, b):
    return np.divide(a, b)


def use_true_divide(a, b):
    return np.true_divide(a, b) * a


def use_negative(x):
    return np.negative(x) * x


def use_positive(x):
    return np.positive(x) * x


def use_reciprocal(x):
    return np.reciprocal(x)


def use_power(a, b):
    return np.power(a, b)


def use_power_constant(x):
    return np.power(x, 3) + np.power(x, 0.5 * 4)


def use_float_power(a, b):
    return np.float_power(a, b)


def use_square(x):
    return np.square(x)


def use_sqrt(x):
    return np.sqrt(x)


def use_cbrt(x):
    return np.cbrt(x)


def use_fmod(a, b):
    return np.fmod(a, b)


def use_remainder(a, b):
    return np.remainder(a, b)


def use_mod(a, b):
    return np.mod(a, b) * a


def use_exp(x):
    return np.exp(x)


def use_exp2(x):
    return np.exp2(x)


def use_expm1(x):
    return np.expm1(x)


def use_log(x):
    return np.log(x)


def use_log2(x):
    return np.log2(x)


def use_log10(x):
    return np.log10(x)


def use_log1p(x):
    return np.log1p(x)


def use_logaddexp(a, b):
    return np.logaddexp(a, b)


def use_logaddexp2(a, b):
    return np.logaddexp2(a, b)


def use_sin(x):
    return np.sin(x)


def use_cos(x):
    return np.cos(x)


def use_tan(x):
    return np.tan(x)


def use_arcsin(x):
    return np.arcsin(x)


def use_arccos(x):
    return np.arccos(x)


def use_arctan(x):
    return np.arctan(x)


def use_arctan2(y, x):
    return np.sum(np.arctan2(y, x) ** 2)


def use_arctan2_elementwise(y, x):
    return np.arctan2(y, x)


def use_hypot(a, b):
    return np.hypot(a, b)


def use_sinh(x):
    return np.sinh(x)


def use_cosh(x):
    return np.cosh(x)


def use_tanh(x):
    return np.tanh(x)


def use_arcsinh(x):
    return np.arcsinh(x)


def use_arccosh(x):
    return np.arccosh(x)


def use_arctanh(x):
    return np.arctanh(x)


def use_abs(x):
    return np.abs(x) * x


def use_abs_complex(z):
    return np.abs(z) * np.abs(z + 1.0)


def use_absolute(x):
    return np.absolute(x)


def use_fabs(x):
    return np.fabs(x)


def use_maximum(a, b):
    return np.maximum(a, b) * a


def use_minimum(a, b):
    return np.minimum(a, b)


def use_fmax(a, b):
    return np.fmax(a, b)


def use_fmin(a, b):
    return np.fmin(a, b) * b


def use_deg2rad(x):
    return np.deg2rad(x)


def use_rad2deg(x):
    return np.rad2deg(x)


def use_degrees(x):
    return np.degrees(x)


def use_radians(x):
    return np.radians(x)


def use_sinc(x):
    return np.sinc(x)


def use_clip(x, low, high):
    return np.clip(x, low, high)


def use_clip_keywords(x, low, high):
    return np.clip(x, a_min=low, a_max=high) * x


def use_clip_min_max(x, low, high):
    return np.clip(x, min=low, max=high)


def use_clip_upper_only(x, high):
    return np.clip(x, None, high)


def use_clip_lower_only(x, low):
    return np.clip(x, min=low)


def use_clip_constants(x):
    return np.clip(x, -0.5, 0.5) ** 2


def use_where(c, a, b):
    return np.where(c, a, b)


def use_where_comparison(a, b):
    return np.sum(np.where(a > b, a * b, np.sin(b)) ** 2)


def use_builtin_abs(x):
    return abs(x) * x


def use_builtin_abs_complex(z):
    return abs(z) * abs(z - 0.5j)


def use_builtin_pow(a, b):
    return pow(a, b)


def use_builtin_pow_constant(x):
    return pow(x, 3) + x ** 2


def use_builtin_float(x):
    return float(np.sum(x * x)) * 2.0


def use_builtin_max(a, b):
    return max(a, b) * a


def use_builtin_min(a, b):
    return min(a, b) * b


def use_math_sin(x):
    return math.sin(x)


def use_math_cos(x):
    return math.cos(x)


def use_math_tan(x):
    return math.tan(x)


def use_math_exp(x):
    return math.exp(x)


def use_math_expm1(x):
    return math.expm1(x)


def use_math_log(x):
    return math.log(x)


def use_math_log_base(x, base):
    return math.log(x, base) * x


def use_math_log2(x):
    return math.log2(x)


def use_math_log10(x):
    return math.log10(x)


def use_math_log1p(x):
    return math.log1p(x)


def use_math_sqrt(x):
    return math.sqrt(x)


def use_math_pow(x, y):
    return math.pow(x, y)


def use_math_sinh(x):
    return math.sinh(x)


def use_math_cosh(x):
    return math.cosh(x)


def use_math_tanh(x):
    return math.tanh(x)


def use_math_asin(x):
    return math.asin(x)


def use_math_acos(x):
    return math.acos(x)


def use_math_atan(x):
    return math.atan(x)


def use_math_atan2(y, x):
    return math.atan2(y, x) * y


def use_math_hypot(x, y):
    return math.hypot(x, y)


def use_math_fabs(x):
    return math.fabs(x) * x


def use_math_degrees(x):
    return math.degrees(x)


def use_math_radians(x):
    return math.radians(x)


def _where_args(shape_c, shape_a, shape_b):
    def make(rng):
        a = _uniform(rng, -2.0, 2.0, shape_a)
        b = _uniform(rng, -2.0, 2.0, shape_b)
        return rng.random(shape_c) > 0.5, a, b
    return make


def _clip_args(shape_x, shape_low, shape_high):
    def make(rng):
        x = _uniform(rng, -2.0, 2.0, shape_x)
        low = _uniform(rng, -0.6, -0.4, shape_low)
        high = _uniform(rng, 0.4, 0.6, shape_high)
        return x, low, high
    return make


def _clip_crossed(rng):
    """Bounds that cross (low > high somewhere): the upper bound wins there."""
    return rng.uniform(-2.0, 2.0, (3, 4)), rng.uniform(-1.0, 1.0, (4,)), rng.uniform(-1.0, 1.0, (3, 1))


def _clip_args32(rng):
    x = rng.uniform(-0.3, 0.3, (3, 4)).astype(np.float32)
    return x, rng.uniform(-0.12, -0.08, 4).astype(np.float32), np.float32(0.1)


def _complex_args(rng):
    return (rng.normal(size=(3, 4)) + 1j * rng.normal(size=(3, 4)),)


def _complex_scalar_args(rng):
    return (complex(rng.normal(), rng.normal()),)


def _sinc_args(rng):
    return (np.array([0.0, 0.01, -0.05, 0.1, -0.3, 0.7, 1.3, -2.6]),)


CLIP_ARGS = [_clip_args(None, None, None), _clip_args((3, 4), None, None),
             _clip_args((3, 4), (4,), (3, 1)), _clip_args(None, (5,), None), _clip_crossed]


CASES = [
    # sums, products, quotients
    Case(np.add, use_add, binary(ANY, ANY)),
    Case(np.add, use_add, binary32(SMALL, SMALL), **F32),
    Case(np.subtract, use_subtract, binary(ANY, ANY)),
    Case(np.multiply, use_multiply, binary(ANY, ANY), order=2),
    Case(np.multiply, use_multiply, binary32(SMALL, SMALL), **F32),
    Case(np.divide, use_divide, binary(ANY, POSITIVE, sign2=True), order=2),
    Case(np.true_divide, use_true_divide, binary(ANY, POSITIVE, sign2=True)),
    Case(np.divide, use_divide, binary32(SMALL, SMALL_POSITIVE, sign2=True), **F32),
    Case(np.negative, use_negative, unary(*ANY)),
    Case(np.positive, use_positive, unary(*ANY)),
    Case(np.reciprocal, use_reciprocal, unary(*POSITIVE, sign=True)),
    # powers and roots
    Case(np.power, use_power, binary(POSITIVE, (-1.5, 2.0)), order=2),
    Case(np.power, use_power_constant, unary(*ANY)),
    Case(np.power, use_power, binary32(SMALL_POSITIVE, SMALL), **F32),
    Case(np.float_power, use_float_power, binary(POSITIVE, (-1.5, 2.0))),
    Case(np.square, use_square, unary(*ANY)),
    Case(np.sqrt, use_sqrt, unary(*POSITIVE)),
    Case(np.sqrt, use_sqrt, unary32(*SMALL_POSITIVE), **F32),
    Case(np.cbrt, use_cbrt, unary(*POSITIVE, sign=True)),
    Case(np.fmod, use_fmod, binary((-5.0, 5.0), (0.7, 1.7), sign2=True)),
    Case(np.remainder, use_remainder, binary((-5.0, 5.0), (0.7, 1.7), sign2=True)),
    Case(np.mod, use_mod, binary((-5.0, 5.0), (0.7, 1.7), sign2=True)),
    # exponentials and logarithms
    Case(np.exp, use_exp, unary(*ANY), order=2),
    Case(np.exp, use_exp, unary32(*SMALL), **F32),
    Case(np.exp2, use_exp2, unary(*ANY)),
    Case(np.expm1, use_expm1, unary(*ANY)),
    Case(np.log, use_log, unary(*POSITIVE), order=2),
    Case(np.log, use_log, unary32(*SMALL_POSITIVE), **F32),
    Case(np.log2, use_log2, unary(*POSITIVE)),
    Case(np.log10, use_log10, unary(*POSITIVE)),
    Case(np.log1p, use_log1p, unary(-0.5, 2.0)),
    Case(np.logaddexp, use_logaddexp, binary((-3.0, 3.0), (-3.0, 3.0)), order=2),
    Case(np.logaddexp, use_logaddexp, binary32(SMALL, SMALL), **F32),
    Case(np.logaddexp2, use_logaddexp2, binary((-3.0, 3.0), (-3.0, 3.0))),
    # trigonometry
    Case(np.sin, use_sin, unary(-3.0, 3.0), order=2),
    Case(np.sin, use_sin, unary32(*SMALL), **F32),
    Case(np.cos, use_cos, unary(-3.0, 3.0)),
    Case(np.tan, use_tan, unary(-1.2, 1.2)),
    Case(np.arcsin, use_arcsin, unary(-0.8, 0.8)),
    Case(np.arccos, use_arccos, unary(-0.8, 0.8)),
    Case(np.arctan, use_arctan, unary(-3.0, 3.0)),
    Case(np.arctan2, use_arctan2, binary(ANY, POSITIVE, sign2=True), order=2),
    Case(np.arctan2, use_arctan2_elementwise, binary32(SMALL, SMALL_POSITIVE, sign2=True), **F32),
    Case(np.hypot, use_hypot, binary(POSITIVE, ANY, sign1=True), order=2),
    Case(np.deg2rad, use_deg2rad, unary(-180.0, 180.0)),
    Case(np.rad2deg, use_rad2deg, unary(*ANY)),
    Case(np.degrees, use_degrees, unary(*ANY)),
    Case(np.radians, use_radians, unary(-180.0, 180.0)),
    Case(np.sinc, use_sinc, unary(-2.5, 2.5) + [_sinc_args], order=2),
    # hyperbolic functions
    Case(np.sinh, use_sinh, unary(*ANY)),
    Case(np.cosh, use_cosh, unary(*ANY)),
    Case(np.tanh, use_tanh, unary(*ANY), order=2),
    Case(np.tanh, use_tanh, unary32(*SMALL), **F32),
    Case(np.arcsinh, use_arcsinh, unary(-3.0, 3.0)),
    Case(np.arccosh, use_arccosh, unary(1.2, 3.0)),
    Case(np.arctanh, use_arctanh, unary(-0.8, 0.8)),
    # absolute values, extrema, selections
    Case(np.abs, use_abs, unary(0.1, 2.0, sign=True)),
    Case(np.absolute, use_absolute, unary(0.1, 2.0, sign=True)),
    Case(np.absolute, use_abs_complex, [_complex_args, _complex_scalar_args], wrt=(0,)),
    # forward over reverse only: reverse over reverse needs the complex adjoints of * and /
    Case(np.absolute, use_abs_complex, [_complex_args], wrt=(0,), order=2, modes=('forward',)),
    Case(np.fabs, use_fabs, unary(0.1, 2.0, sign=True)),
    Case(np.maximum, use_maximum, binary(ANY, ANY), order=2),
    Case(np.maximum, use_maximum, binary32(SMALL, SMALL), **F32),
    Case(np.minimum, use_minimum, binary(ANY, ANY)),
    Case(np.fmax, use_fmax, binary(ANY, ANY)),
    Case(np.fmin, use_fmin, binary(ANY, ANY)),
    Case(np.clip, use_clip, CLIP_ARGS, order=2),
    Case(np.clip, use_clip_keywords, CLIP_ARGS),
    Case(np.clip, use_clip_min_max, CLIP_ARGS),
    Case(np.clip, use_clip_upper_only, [lambda rng: (rng.uniform(-2.0, 2.0, (3, 4)), 0.5),
                                        lambda rng: (rng.uniform(-2.0, 2.0, (3, 4)), rng.uniform(0.4, 0.6, 4))]),
    Case(np.clip, use_clip_lower_only, [lambda rng: (rng.uniform(-2.0, 2.0, (3, 4)), -0.5),
                                        lambda rng: (1.3, -0.5), lambda rng: (-1.3, -0.5)]),
    Case(np.clip, use_clip_constants, unary(*ANY)),
    Case(np.clip, use_clip, [_clip_args32], **F32),
    Case(np.where, use_where, [_where_args((3, 4), (3, 4), (3, 4)), _where_args((3, 4), (4,), None),
                               _where_args((3, 4), None, (3, 1)), _where_args((), None, None)], order=2),
    Case(np.where, use_where_comparison, binary(ANY, ANY)),
    # builtins
    Case(builtins.abs, use_builtin_abs, unary(0.1, 2.0, sign=True)),
    Case(builtins.abs, use_builtin_abs_complex, [_complex_scalar_args, _complex_args], wrt=(0,)),
    Case(builtins.pow, use_builtin_pow, scalars((1.5, 2.5), (0.7, -1.3), (2.0, 0.5))),
    Case(builtins.pow, use_builtin_pow_constant, unary(*ANY)),
    Case(builtins.float, use_builtin_float, unary(*ANY, shapes=((5,), (3, 4)))),
    Case(builtins.max, use_builtin_max, scalars((1.5, 0.3), (0.2, 0.9), (-1.0, -2.0)), order=2),
    Case(builtins.min, use_builtin_min, scalars((1.5, 0.3), (0.2, 0.9), (-1.0, -2.0)), order=2),
    # math
    Case(math.sin, use_math_sin, scalars((0.3,), (2.0,), (-1.1,)), order=2),
    Case(math.cos, use_math_cos, scalars((0.3,), (2.0,), (-1.1,))),
    Case(math.tan, use_math_tan, scalars((0.3,), (1.2,), (-1.1,))),
    Case(math.exp, use_math_exp, scalars((0.3,), (2.0,), (-1.1,))),
    Case(math.expm1, use_math_expm1, scalars((0.3,), (1e-3,), (-1.1,))),
    Case(math.log, use_math_log, scalars((0.3,), (2.0,), (5.5,))),
    Case(math.log, use_math_log_base, scalars((0.3, 2.0), (2.0, 10.0), (5.5, 1.7)), order=2),
    Case(math.log2, use_math_log2, scalars((0.3,), (2.0,), (5.5,))),
    Case(math.log10, use_math_log10, scalars((0.3,), (2.0,), (5.5,))),
    Case(math.log1p, use_math_log1p, scalars((0.3,), (-0.5,), (5.5,))),
    Case(math.sqrt, use_math_sqrt, scalars((0.3,), (2.0,), (5.5,))),
    Case(math.pow, use_math_pow, scalars((1.5, 2.5), (0.7, -1.3), (2.0, 0.5)), order=2),
    Case(math.sinh, use_math_sinh, scalars((0.3,), (2.0,), (-1.1,))),
    Case(math.cosh, use_math_cosh, scalars((0.3,), (2.0,), (-1.1,))),
    Case(math.tanh, use_math_tanh, scalars((0.3,), (2.0,), (-1.1,))),
    Case(math.asin, use_math_asin, scalars((0.3,), (0.8,), (-0.6,))),
    Case(math.acos, use_math_acos, scalars((0.3,), (0.8,), (-0.6,))),
    Case(math.atan, use_math_atan, scalars((0.3,), (2.0,), (-1.1,))),
    Case(math.atan2, use_math_atan2, scalars((0.3, 1.0), (2.0, -1.5), (-1.1, -0.2)), order=2),
    Case(math.hypot, use_math_hypot, scalars((0.3, 1.0), (2.0, -1.5), (-1.1, -0.2))),
    Case(math.fabs, use_math_fabs, scalars((0.3,), (-2.0,))),
    Case(math.degrees, use_math_degrees, scalars((0.3,), (-2.0,))),
    Case(math.radians, use_math_radians, scalars((30.0,), (-200.0,))),
]
