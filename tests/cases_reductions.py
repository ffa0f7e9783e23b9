"""Cases for the reduction rules (tangent/rules/reduction_rules.py).

Each func passes the reduction's settings (axis, keepdims, ord, ...) as
arguments, so one func covers many settings; check_grads differentiates the
float arguments only. Inputs stay away from ties and zeros, except in the
cases about them: ties between copies of the same element (where finite
differences agree with an even split), and zeros in products and cumulative
products (polynomials, so finite differences are exact there too).

float32 cases use small inputs (about 1e-3) and loose tolerances: in float32,
central differences with a step of 1e-6 are accurate to about 0.03 |x| relative.
"""
import numpy as np

from primitive_case import Case
from tangent.rules.reduction_rules import _conj, _prod_others, _singular_direction

INF = np.inf


# Inputs.

def _pos(rng, *shape):
    """Away from zero: in [0.5, 1.5]."""
    return rng.uniform(0.5, 1.5, shape)


def _mixed(rng, *shape):
    """Both signs, magnitudes in [0.3, 1.5]."""
    return rng.uniform(0.3, 1.5, shape) * rng.choice([-1.0, 1.0], shape)


def _distinct(rng, *shape):
    """Values at least 0.2 apart (no ties), both signs."""
    size = int(np.prod(shape))
    return (rng.permutation(size) * 0.3 - 0.15 * size + rng.uniform(-0.05, 0.05, size)).reshape(shape)


def _distinct_magnitudes(rng, *shape):
    """Absolute values at least 0.2 apart, both signs."""
    size = int(np.prod(shape))
    magnitudes = rng.permutation(size) * 0.3 + 0.5 + rng.uniform(-0.05, 0.05, size)
    return (magnitudes * rng.choice([-1.0, 1.0], size)).reshape(shape)


def _with_nans(rng, *shape):
    x = _mixed(rng, *shape)
    flat = x.reshape(-1)
    flat[rng.choice(flat.size, size=max(1, flat.size // 4), replace=False)] = np.nan
    # Every slice keeps a number: the first element along each axis stays put.
    x[(0,) * len(shape)] = 0.7
    if len(shape) == 2:
        x[0, :] = rng.uniform(0.3, 1.5, shape[1])
        x[:, 0] = rng.uniform(0.3, 1.5, shape[0])
    return x


def _f32(settings, scale=1e-3):
    """The same settings in float32, scaled down (see the module docstring)."""
    def convert(make_args):
        def make(rng):
            return tuple(np.asarray(arg * scale, dtype=np.float32)
                         if isinstance(arg, np.ndarray) and arg.dtype.kind == 'f' else arg
                         for arg in make_args(rng))
        return make
    return [convert(make_args) for make_args in settings]


def _complex(settings, positions=None):
    """The same settings with complex arrays (at `positions`, default all); zeros stay zero."""
    def convert(make_args):
        def make(rng):
            args = make_args(rng)
            return tuple(arg + 1j * rng.normal(size=arg.shape) * (arg != 0)
                         if isinstance(arg, np.ndarray) and arg.dtype.kind == 'f'
                         and (positions is None or i in positions) else arg
                         for i, arg in enumerate(args))
        return make
    return [convert(make_args) for make_args in settings]


# The usual settings of a reduction with (x, axis, keepdims) arguments.

def _reduction_settings(values):
    return [
        lambda r: (values(r, 5), None, False),
        lambda r: (values(r, 3, 4), 0, False),
        lambda r: (values(r, 3, 4), 1, False),
        lambda r: (values(r, 3, 4), None, False),
        lambda r: (values(r, 3, 4), -1, True),
        lambda r: (values(r, 3, 4), None, True),
        lambda r: (values(r, 2, 3, 4), (0, 2), False),
        lambda r: (values(r, 2, 3, 4), (-1, 0), True),
        lambda r: (values(r, 2, 3, 4), -2, False),
    ]


# Functions.

def sum_of(x, axis, keepdims):
    return np.sum(x, axis=axis, keepdims=keepdims)


def sum_of_sines(x, axis, keepdims):
    return np.sum(np.sin(x), axis=axis, keepdims=keepdims) ** 2


def sum_positional(x):
    return np.sum(x * x, 1) + np.sum(x, axis=-1, keepdims=True)[:, 0]


def mean_of(x, axis, keepdims):
    return np.mean(x, axis=axis, keepdims=keepdims)


def mean_of_squares(x, axis, keepdims):
    return np.mean(x * x, axis=axis, keepdims=keepdims) ** 2


def prod_of(x, axis, keepdims):
    return np.prod(x, axis=axis, keepdims=keepdims)


def prod_others_of(x, axis):
    return _prod_others(x, axis)


def average_of(a, weights, axis, keepdims):
    return np.average(a, axis=axis, weights=weights, keepdims=keepdims)


def average_unweighted(a, axis, keepdims):
    return np.average(a, axis=axis, keepdims=keepdims)


def average_positional(a, weights):
    return np.average(a, 1, weights, False) * np.average(a)


def var_of(x, axis, ddof, keepdims):
    return np.var(x, axis=axis, ddof=ddof, keepdims=keepdims)


def std_of(x, axis, ddof, keepdims):
    return np.std(x, axis=axis, ddof=ddof, keepdims=keepdims)


def max_of(x, axis, keepdims):
    return np.max(x, axis=axis, keepdims=keepdims)


def min_of(x, axis, keepdims):
    return np.min(x, axis=axis, keepdims=keepdims)


def amax_of(x, axis, keepdims):
    return np.amax(x, axis=axis, keepdims=keepdims)


def amin_of(x, axis, keepdims):
    return np.amin(x, axis=axis, keepdims=keepdims)


def ptp_of(x, axis, keepdims):
    return np.ptp(x, axis=axis, keepdims=keepdims)


# Ties between two copies of x: the derivative along any direction is the
# copies' common tangent, and an even split of the gradient gives the same.

def max_tied(x, axis, keepdims):
    return np.max(np.stack([x, x]), axis=axis, keepdims=keepdims)


def min_tied(x, axis, keepdims):
    return np.min(np.stack([x, x]), axis=axis, keepdims=keepdims)


def amax_tied(x, axis, keepdims):
    return np.amax(np.stack([x, x]), axis=axis, keepdims=keepdims)


def amin_tied(x, axis, keepdims):
    return np.amin(np.stack([x, x]), axis=axis, keepdims=keepdims)


def ptp_tied(x, axis, keepdims):
    return np.ptp(np.stack([x, x]), axis=axis, keepdims=keepdims)


def nansum_of(x, axis, keepdims):
    return np.nansum(x, axis=axis, keepdims=keepdims)


def nanmean_of(x, axis, keepdims):
    return np.nanmean(x, axis=axis, keepdims=keepdims)


def cumsum_of(x, axis):
    return np.cumsum(x, axis=axis)


def cumsum_squared(x, axis):
    return np.cumsum(x, axis=axis) ** 2


def cumprod_of(x, axis):
    return np.cumprod(x, axis=axis)


def cumprod_scaled(x, axis):
    """For float32: small inputs (accurate differences), products near 1 (no cancellation)."""
    return np.cumprod(1e3 * x, axis=axis)


def norm_of(x, ord, axis, keepdims):
    return np.linalg.norm(x, ord, axis, keepdims)


def singular_direction_of(x, rows, cols, which):
    return _singular_direction(x, rows, cols, which)


def conj_of(x):
    return np.abs(_conj(x) + 1.0) ** 3


def norm_keywords(x):
    rows = np.linalg.norm(x, ord=1, axis=-1, keepdims=True)
    return np.linalg.norm(x) * np.sum(np.linalg.norm(x, axis=0)) + np.sum(rows)


def norm_inf_tied(x):
    return np.linalg.norm(np.concatenate([x, -x]), INF) + np.linalg.norm(np.stack([x, x]), -INF, axis=0)


# Settings.

_CUMULATIVE = [
    lambda r: (_pos(r, 5), None),
    lambda r: (_pos(r, 5), 0),
    lambda r: (_pos(r, 3, 4), None),
    lambda r: (_pos(r, 3, 4), 0),
    lambda r: (_pos(r, 3, 4), 1),
    lambda r: (_pos(r, 3, 4), -1),
    lambda r: (_pos(r, 2, 3, 4), -2),
]

_STATISTICS = [
    lambda r: (_mixed(r, 5), None, 0, False),
    lambda r: (_mixed(r, 5), None, 1, False),
    lambda r: (_mixed(r, 3, 4), 0, 0, False),
    lambda r: (_mixed(r, 3, 4), 1, 1, False),
    lambda r: (_mixed(r, 3, 4), None, 0, True),
    lambda r: (_mixed(r, 3, 4), -1, 0, True),
    lambda r: (_mixed(r, 2, 3, 4), (0, 2), 1, False),
    lambda r: (_mixed(r, 2, 3, 4), (-1, 1), 0, True),
]


def _zeros(shape, positions):
    def make(rng):
        x = _mixed(rng, *shape)
        for position in positions:
            x[position] = 0.0
        return x
    return make


_PRODUCT_ZEROS = [
    # one, two and three zeros in a vector
    lambda r: (_zeros((5,), [2])(r), None, False),
    lambda r: (_zeros((5,), [1, 3])(r), None, False),
    lambda r: (_zeros((5,), [0, 1, 4])(r), None, False),
    lambda r: (_zeros((5,), [1, 3])(r), 0, True),
    # columns with no, one, two and three zeros
    lambda r: (_zeros((4, 4), [(1, 1), (0, 2), (3, 2), (0, 3), (1, 3), (2, 3)])(r), 0, False),
    lambda r: (_zeros((4, 4), [(1, 1), (0, 2), (3, 2), (0, 3), (1, 3), (2, 3)])(r), -1, True),
    lambda r: (_zeros((4, 4), [(1, 1), (0, 2), (3, 2)])(r), None, False),
    lambda r: (_zeros((2, 3, 2), [(0, 1, 0), (1, 2, 0)])(r), (0, 1), False),
    lambda r: (_zeros((2, 3, 2), [(0, 1, 0)])(r), (2, 0), True),
]

_CUMULATIVE_ZEROS = [
    lambda r: (_zeros((6,), [2])(r), None),
    lambda r: (_zeros((6,), [0, 1])(r), 0),
    lambda r: (_zeros((6,), [1, 3, 5])(r), None),
    # rows with no, one, two and three zeros
    lambda r: (_zeros((4, 5), [(1, 1), (2, 0), (2, 3), (3, 1), (3, 2), (3, 4)])(r), 1),
    lambda r: (_zeros((5, 4), [(1, 1), (0, 2), (3, 2), (0, 3), (1, 3), (4, 3)])(r), -2),
    lambda r: (_zeros((3, 4), [(0, 1), (2, 2)])(r), None),
]

_AVERAGE = [
    lambda r: (_mixed(r, 5), _pos(r, 5), None, False),
    lambda r: (_mixed(r, 3, 4), _pos(r, 4), 1, False),
    lambda r: (_mixed(r, 3, 4), _pos(r, 3), 0, False),
    lambda r: (_mixed(r, 3, 4), _pos(r, 4), -1, True),
    lambda r: (_mixed(r, 3, 4), _pos(r, 3, 4), None, False),
    lambda r: (_mixed(r, 3, 4), _pos(r, 3, 4), 0, True),
    lambda r: (_mixed(r, 2, 3, 4), _pos(r, 2, 4), (0, 2), False),
    lambda r: (_mixed(r, 2, 3, 4), _pos(r, 4, 2), (2, 0), True),
    lambda r: (_mixed(r, 2, 3, 4), _pos(r, 4, 3), (-1, 1), False),
]

_AVERAGE_UNWEIGHTED = [
    lambda r: (_mixed(r, 5), None, False),
    lambda r: (_mixed(r, 3, 4), 0, False),
    lambda r: (_mixed(r, 3, 4), 1, True),
    lambda r: (_mixed(r, 2, 3, 4), (0, -1), False),
]

_NANS = [
    lambda r: (_with_nans(r, 6), None, False),
    lambda r: (_with_nans(r, 4, 5), 0, False),
    lambda r: (_with_nans(r, 4, 5), 1, False),
    lambda r: (_with_nans(r, 4, 5), None, True),
    lambda r: (_with_nans(r, 4, 5), -1, True),
    lambda r: (_mixed(r, 2, 3, 4), (0, 2), False),
]

_TIED = [
    lambda r: (_distinct(r, 5), 0, False),
    lambda r: (_distinct(r, 5), None, False),
    lambda r: (_distinct(r, 3, 4), (0, 2), False),
    lambda r: (_distinct(r, 3, 4), (0, 1), True),
]

_VECTOR_NORMS = [
    lambda r: (_mixed(r, 5), None, None, False),
    lambda r: (_mixed(r, 5), 2, None, False),
    lambda r: (_mixed(r, 5), 1, None, False),
    lambda r: (_distinct_magnitudes(r, 5), INF, None, False),
    lambda r: (_distinct_magnitudes(r, 5), -INF, None, False),
    lambda r: (_mixed(r, 5), 3, 0, False),
    lambda r: (_mixed(r, 5), 2.5, None, True),
    lambda r: (_mixed(r, 5), -1.5, None, False),
    lambda r: (_mixed(r, 5), 0.5, -1, False),
    lambda r: (_mixed(r, 5), 0, None, False),
    lambda r: (_mixed(r, 3, 4), None, 1, False),
    lambda r: (_mixed(r, 3, 4), 3, 0, True),
    lambda r: (_distinct_magnitudes(r, 3, 4), INF, -1, True),
    lambda r: (_distinct_magnitudes(r, 3, 4), -INF, 0, False),
    lambda r: (_mixed(r, 2, 3, 4), 1, (1,), False),
    lambda r: (_mixed(r, 3, 4), None, None, False),  # a 2-d array, flattened
    lambda r: (_mixed(r, 2, 3, 4), None, None, True),
]

_MATRIX_NORMS = [
    lambda r: (_mixed(r, 3, 4), 'fro', None, False),
    lambda r: (_mixed(r, 3, 4), 1, None, False),
    lambda r: (_mixed(r, 4, 3), -1, None, True),
    lambda r: (_mixed(r, 3, 4), INF, None, False),
    lambda r: (_mixed(r, 4, 3), -INF, None, False),
    lambda r: (_mixed(r, 2, 3, 4), 'fro', (0, 2), False),
    lambda r: (_mixed(r, 2, 3, 4), 1, (2, 0), True),
    lambda r: (_mixed(r, 2, 3, 4), INF, (-1, -2), False),
]

_SINGULAR_NORMS = [
    lambda r: (_mixed(r, 3, 4), 'nuc', None, False),
    lambda r: (_mixed(r, 4, 3), 2, None, False),
    lambda r: (_mixed(r, 3, 3), -2, None, True),
    lambda r: (_mixed(r, 2, 3, 4), 'nuc', (2, 0), True),
    lambda r: (_mixed(r, 2, 3, 4), 2, (0, 1), False),
    lambda r: (_mixed(r, 2, 4, 3), -2, (-1, -2), False),
]


CASES = [
    Case(np.sum, sum_of, _reduction_settings(_mixed)),
    Case(np.sum, sum_of_sines, _reduction_settings(_mixed), order=2),
    Case(np.sum, sum_positional, [lambda r: (_mixed(r, 3, 4),)]),
    Case(np.sum, sum_of, _f32(_reduction_settings(_mixed)), rtol=2e-2, atol=1e-3),

    Case(np.mean, mean_of, _reduction_settings(_mixed)),
    Case(np.mean, mean_of_squares, _reduction_settings(_mixed), order=2),
    Case(np.mean, mean_of, _f32(_reduction_settings(_mixed)), rtol=2e-2, atol=1e-3),

    Case(np.prod, prod_of, _reduction_settings(_mixed) + _PRODUCT_ZEROS, order=2),
    Case(np.prod, prod_of, _f32(_reduction_settings(_pos), scale=0.1), rtol=2e-2, atol=1e-5),
    Case(_prod_others, prod_others_of, [lambda r, make=make: make(r)[:2] for make in _PRODUCT_ZEROS]),
    Case(_prod_others, prod_others_of, [lambda r: (_mixed(r, 5), None), lambda r: (_mixed(r, 3, 4), 1),
                                        lambda r: (_mixed(r, 2, 3, 4), (0, 2))], order=2),

    Case(np.average, average_of, _AVERAGE, order=2),
    Case(np.average, average_unweighted, _AVERAGE_UNWEIGHTED),
    Case(np.average, average_positional, [lambda r: (_mixed(r, 3, 4), _pos(r, 4))]),
    Case(np.average, average_of, _f32(_AVERAGE), rtol=2e-2, atol=1e-3),

    Case(np.var, var_of, _STATISTICS, order=2),
    Case(np.var, var_of, _f32(_STATISTICS), rtol=2e-2, atol=1e-6),
    Case(np.std, std_of, _STATISTICS, order=2),
    Case(np.std, std_of, _f32(_STATISTICS), rtol=2e-2, atol=1e-3),

    Case(np.max, max_of, _reduction_settings(_distinct), order=2),
    Case(np.max, max_tied, _TIED),
    Case(np.max, max_of, _f32(_reduction_settings(_distinct)), rtol=2e-2, atol=1e-3),
    Case(np.min, min_of, _reduction_settings(_distinct)),
    Case(np.min, min_tied, _TIED, order=2),
    Case(np.min, min_of, _f32(_reduction_settings(_distinct)), rtol=2e-2, atol=1e-3),
    Case(np.amax, amax_of, _reduction_settings(_distinct)),
    Case(np.amax, amax_tied, _TIED),
    Case(np.amax, amax_of, _f32(_reduction_settings(_distinct)), rtol=2e-2, atol=1e-3),
    Case(np.amin, amin_of, _reduction_settings(_distinct)),
    Case(np.amin, amin_tied, _TIED),
    Case(np.amin, amin_of, _f32(_reduction_settings(_distinct)), rtol=2e-2, atol=1e-3),
    Case(np.ptp, ptp_of, _reduction_settings(_distinct), order=2),
    Case(np.ptp, ptp_tied, _TIED),
    Case(np.ptp, ptp_of, _f32(_reduction_settings(_distinct)), rtol=2e-2, atol=1e-3),

    Case(np.nansum, nansum_of, _NANS, order=2),
    Case(np.nansum, nansum_of, _f32(_NANS), rtol=2e-2, atol=1e-3),
    Case(np.nanmean, nanmean_of, _NANS, order=2),
    Case(np.nanmean, nanmean_of, _f32(_NANS), rtol=2e-2, atol=1e-3),

    Case(np.cumsum, cumsum_of, _CUMULATIVE),
    Case(np.cumsum, cumsum_squared, _CUMULATIVE, order=2),
    Case(np.cumsum, cumsum_of, _f32(_CUMULATIVE), rtol=2e-2, atol=1e-3),
    Case(np.cumprod, cumprod_of, _CUMULATIVE + _CUMULATIVE_ZEROS, order=2),
    Case(np.cumprod, cumprod_scaled, _f32(_CUMULATIVE), rtol=2e-2, atol=1.0),

    Case(np.linalg.norm, norm_of, _VECTOR_NORMS, wrt=(0,), order=2),
    Case(np.linalg.norm, norm_of, _MATRIX_NORMS, wrt=(0,), order=2),
    Case(np.linalg.norm, norm_of, _SINGULAR_NORMS, wrt=(0,), order=2),
    Case(_singular_direction, singular_direction_of, [
        lambda r: (_mixed(r, 3, 4), 0, 1, None), lambda r: (_mixed(r, 4, 3), 0, 1, 0),
        lambda r: (_mixed(r, 3, 3), 1, 0, -1), lambda r: (_mixed(r, 2, 3, 4), 2, 0, None),
        lambda r: (_mixed(r, 2, 4, 3), 0, 1, 0), lambda r: (_mixed(r, 2, 3, 4), -1, -3, -1)], wrt=(0,)),
    Case(np.linalg.norm, norm_keywords, [lambda r: (_mixed(r, 3, 4),)], order=2),
    Case(np.linalg.norm, norm_inf_tied, [lambda r: (_distinct_magnitudes(r, 5),)]),
    Case(np.linalg.norm, norm_of, _complex(_VECTOR_NORMS + _MATRIX_NORMS + _SINGULAR_NORMS), wrt=(0,)),
    Case(np.linalg.norm, norm_of, _f32(_VECTOR_NORMS[:9] + _MATRIX_NORMS + _SINGULAR_NORMS), wrt=(0,),
         rtol=2e-2, atol=1e-3),

    # Complex inputs (docs/complex.md), first derivatives.
    Case(_conj, conj_of, [lambda r: (_mixed(r, 3),), lambda r: (_mixed(r, 3, 4),)], order=2),
    Case(_conj, conj_of, _complex([lambda r: (_mixed(r, 3),), lambda r: (_mixed(r, 3, 4),)])),
    Case(np.sum, sum_of, _complex(_reduction_settings(_mixed)[:5])),
    Case(np.mean, mean_of, _complex(_reduction_settings(_mixed)[:5])),
    Case(np.prod, prod_of, _complex(_reduction_settings(_mixed)[:5] + _PRODUCT_ZEROS)),
    Case(_prod_others, prod_others_of, _complex([lambda r, make=make: make(r)[:2] for make in _PRODUCT_ZEROS])),
    Case(np.average, average_of, _complex(_AVERAGE[:4]) + _complex(_AVERAGE[4:7], positions=(0,))
         + _complex(_AVERAGE[7:], positions=(1,))),
    Case(np.var, var_of, _complex(_STATISTICS)),
    Case(np.std, std_of, _complex(_STATISTICS)),
    Case(np.nansum, nansum_of, _complex(_NANS)),
    Case(np.nanmean, nanmean_of, _complex(_NANS)),
    Case(np.cumsum, cumsum_of, _complex(_CUMULATIVE)),
    Case(np.cumprod, cumprod_of, _complex(_CUMULATIVE + _CUMULATIVE_ZEROS)),
]
