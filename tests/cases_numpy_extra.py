"""Cases for tangent/rules/numpy_extra_rules.py.

Inputs stay away from ties, zeros and knots; the NaN-aware cases put NaNs
where the case is about them (every slice keeps some numbers).
"""
import numpy as np

from primitive_case import Case
from tangent.rules.numpy_extra_rules import _bessel_i


def _pos(rng, *shape):
    return rng.uniform(0.5, 1.5, shape)


def _mixed(rng, *shape):
    return rng.uniform(0.3, 1.5, shape) * rng.choice([-1.0, 1.0], shape)


def _distinct(rng, *shape):
    size = int(np.prod(shape))
    return (rng.permutation(size) * 0.3 - 0.15 * size + rng.uniform(-0.05, 0.05, size)).reshape(shape)


def _nans(x, rng):
    """NaNs in about a quarter of the elements, never in the first row/column/element."""
    x = np.array(x, dtype=float)
    flat = x.reshape(-1)
    flat[rng.choice(flat.size, size=max(1, flat.size // 4), replace=False)] = np.nan
    if x.ndim == 1:
        x[0] = 0.7
        x[1] = 1.1
    else:
        x[0, :] = rng.uniform(0.5, 1.5, x.shape[1]) + np.arange(x.shape[1])
        x[1, :] = rng.uniform(0.5, 1.5, x.shape[1]) - 5.0
        x[:, 0] = rng.uniform(0.5, 1.5, x.shape[0]) + 10.0
        x[:, 1] = rng.uniform(0.5, 1.5, x.shape[0]) - 10.0
    return x


# Functions.

def nanmax_(a, axis, keepdims):
    return np.nanmax(a, axis=axis, keepdims=keepdims)


def nanmin_(a, axis, keepdims):
    return np.nanmin(a, axis=axis, keepdims=keepdims)


def nanprod_(a, axis, keepdims):
    return np.nanprod(a, axis=axis, keepdims=keepdims)


def nanvar_(a, axis, ddof):
    return np.nanvar(a, axis=axis, ddof=ddof)


def nanstd_(a, axis, keepdims):
    return np.nanstd(a, axis=axis, keepdims=keepdims)


def nancumsum_(a, axis):
    return np.nancumsum(a, axis=axis)


def nancumprod_(a, axis):
    return np.nancumprod(a, axis=axis)


def nan_to_num_(x):
    return np.nan_to_num(x) * x


def copysign_(x1, x2):
    return np.copysign(x1, x2)


def ldexp_(x1, e):
    return np.ldexp(x1, e)


def trapezoid_(y, dx, axis):
    return np.trapezoid(y, dx=dx, axis=axis)


def trapezoid_x(y, x):
    return np.trapezoid(y, x)


def convolve_(a, v, mode):
    return np.convolve(a, v, mode)


def correlate_(a, v, mode):
    return np.correlate(a, v, mode=mode)


def polyval_(p, x):
    return np.polyval(p, x)


def vander_(x, n, increasing):
    return np.vander(x, n, increasing=increasing)


def ediff1d_(ary, to_begin):
    return np.ediff1d(ary, to_begin=to_begin)


def matrix_transpose_(x):
    return np.linalg.matrix_transpose(x)


def vecdot_(x1, x2, axis):
    return np.vecdot(x1, x2, axis=axis)


def linalg_vecdot_(x1, x2):
    return np.linalg.vecdot(x1, x2)


def linalg_outer_(x1, x2):
    return np.linalg.outer(x1, x2)


CASES = [
    Case(np.nanmax, nanmax_, [lambda rng: (_nans(_distinct(rng, 4, 5), rng), None, False),
                              lambda rng: (_nans(_distinct(rng, 4, 5), rng), 0, True),
                              lambda rng: (_nans(_distinct(rng, 4, 5), rng), 1, False)], order=2),
    Case(np.nanmin, nanmin_, [lambda rng: (_nans(_distinct(rng, 4, 5), rng), None, False),
                              lambda rng: (_nans(_distinct(rng, 4, 5), rng), 1, True)]),
    Case(np.nanprod, nanprod_, [lambda rng: (_nans(_mixed(rng, 4, 3), rng), None, False),
                                lambda rng: (_nans(_mixed(rng, 4, 3), rng), 0, True)], order=2),
    Case(np.nanvar, nanvar_, [lambda rng: (_nans(_mixed(rng, 5, 4), rng), None, 0),
                              lambda rng: (_nans(_mixed(rng, 5, 4), rng), 0, 1)], order=2),
    Case(np.nanstd, nanstd_, [lambda rng: (_nans(_mixed(rng, 5, 4), rng), None, False),
                              lambda rng: (_nans(_mixed(rng, 5, 4), rng), 1, True)]),
    Case(np.nancumsum, nancumsum_, [lambda rng: (_nans(_mixed(rng, 4, 3), rng), None),
                                    lambda rng: (_nans(_mixed(rng, 4, 3), rng), 0)]),
    Case(np.nancumprod, nancumprod_, [lambda rng: (_nans(_mixed(rng, 4, 3), rng), None),
                                      lambda rng: (_nans(_mixed(rng, 4, 3), rng), 1)], order=2),
    Case(np.nan_to_num, nan_to_num_, [lambda rng: (_mixed(rng, 3, 4),)], order=2),
    Case(np.copysign, copysign_, [lambda rng: (_mixed(rng, 3, 4), _mixed(rng, 3, 4)),
                                  lambda rng: (_mixed(rng, 4), _mixed(rng, 3, 4)),
                                  lambda rng: (_mixed(rng, 3, 4), -1.0)], wrt=(0,), order=2),
    Case(np.ldexp, ldexp_, [lambda rng: (_mixed(rng, 3, 4), rng.integers(-2, 3, (3, 4))),
                            lambda rng: (_mixed(rng, 4), rng.integers(-2, 3, (3, 4))),
                            lambda rng: (_mixed(rng, 3, 4), 3)], wrt=(0,), order=2),
    Case(np.trapezoid, trapezoid_, [lambda rng: (_mixed(rng, 6), 0.3, -1),
                                    lambda rng: (_mixed(rng, 4, 5), 0.7, 0)], order=2),
    Case(np.trapezoid, trapezoid_x, [lambda rng: (_mixed(rng, 6), np.cumsum(_pos(rng, 6))),
                                     lambda rng: (_mixed(rng, 3, 5), np.cumsum(_pos(rng, 5)))], order=2),
    Case(np.convolve, convolve_, [lambda rng: (_mixed(rng, 6), _mixed(rng, 3), 'full'),
                                  lambda rng: (_mixed(rng, 6), _mixed(rng, 3), 'same'),
                                  lambda rng: (_mixed(rng, 3), _mixed(rng, 6), 'same'),
                                  lambda rng: (_mixed(rng, 6), _mixed(rng, 4), 'valid'),
                                  lambda rng: (_mixed(rng, 4), _mixed(rng, 6), 'valid')], order=2),
    Case(np.correlate, correlate_, [lambda rng: (_mixed(rng, 6), _mixed(rng, 3), 'full'),
                                    lambda rng: (_mixed(rng, 6), _mixed(rng, 4), 'same'),
                                    lambda rng: (_mixed(rng, 3), _mixed(rng, 6), 'same'),
                                    lambda rng: (_mixed(rng, 6), _mixed(rng, 3), 'valid'),
                                    lambda rng: (_mixed(rng, 3), _mixed(rng, 6), 'valid')], order=2),
    Case(np.polyval, polyval_, [lambda rng: (_mixed(rng, 4), _mixed(rng, 5)),
                                lambda rng: (_mixed(rng, 3), _mixed(rng, 2, 3)),
                                lambda rng: (_mixed(rng, 1), _mixed(rng, 3)),
                                lambda rng: (_mixed(rng, 4), 0.7)], order=2),
    Case(np.vander, vander_, [lambda rng: (_mixed(rng, 4), None, False),
                              lambda rng: (_mixed(rng, 3), 5, True)], order=2),
    Case(np.ediff1d, ediff1d_, [lambda rng: (_mixed(rng, 6), None),
                                lambda rng: (_mixed(rng, 2, 3), np.array([1.0, 2.0]))], wrt=(0,)),
    Case(np.linalg.matrix_transpose, matrix_transpose_, [lambda rng: (_mixed(rng, 3, 4),),
                                                        lambda rng: (_mixed(rng, 2, 3, 4),)]),
    Case(np.vecdot, vecdot_, [lambda rng: (_mixed(rng, 3, 4), _mixed(rng, 3, 4), -1),
                              lambda rng: (_mixed(rng, 3, 4), _mixed(rng, 4), -1),
                              lambda rng: (_mixed(rng, 3, 4), _mixed(rng, 3, 4), 0)], order=2),
    Case(np.linalg.vecdot, linalg_vecdot_, [lambda rng: (_mixed(rng, 3, 4), _mixed(rng, 3, 4)),
                                            lambda rng: (_mixed(rng, 4), _mixed(rng, 2, 4))]),
    Case(np.linalg.outer, linalg_outer_, [lambda rng: (_mixed(rng, 3), _mixed(rng, 4))], order=2),
]


def i0_(x):
    return np.i0(x)


def bessel_i_(x, n):
    return _bessel_i(n, x)


def cov_(m, rowvar, ddof):
    return np.cov(m, rowvar=rowvar, ddof=ddof)


def cov_bias(m):
    return np.cov(m, bias=True)


def corrcoef_(x, rowvar):
    return np.corrcoef(x, rowvar=rowvar)


def median_(a, axis, keepdims):
    return np.median(a, axis=axis, keepdims=keepdims)


def quantile_(a, q, axis):
    return np.quantile(a, q, axis=axis)


def percentile_(a, q, axis, keepdims):
    return np.percentile(a, q, axis=axis, keepdims=keepdims)


def interp_(x, fp):
    return np.interp(x, np.array([-1.0, 0.0, 0.5, 2.0]), fp)


def interp_outside(x, fp, left):
    return np.interp(x, np.array([-1.0, 0.0, 0.5, 2.0]), fp, left=left)


def gradient_(f, h, edge_order):
    return np.gradient(f, h, edge_order=edge_order)


def _knot_free(rng, *shape):
    """Points in [-1.5, 2.5] at least 0.05 from the knots -1, 0, 0.5, 2."""
    x = rng.uniform(-1.5, 2.5, shape)
    knots = np.array([-1.0, 0.0, 0.5, 2.0])
    near = np.min(np.abs(x[..., None] - knots), axis=-1) < 0.05
    return np.where(near, x + 0.1, x)


CASES += [
    Case(np.i0, i0_, [lambda rng: (_mixed(rng, 3, 4) * 3.0,), lambda rng: (2.5,)], order=2),
    Case(_bessel_i, bessel_i_, [lambda rng: (_mixed(rng, 5) * 3.0, 0), lambda rng: (_mixed(rng, 5) * 3.0, 3)],
         order=2),
    Case(np.cov, cov_, [lambda rng: (_mixed(rng, 3, 6), True, None),
                        lambda rng: (_mixed(rng, 6, 3), False, 0),
                        lambda rng: (_mixed(rng, 6), True, 2)], order=2),
    Case(np.cov, cov_bias, [lambda rng: (_mixed(rng, 2, 5),)]),
    Case(np.corrcoef, corrcoef_, [lambda rng: (_mixed(rng, 3, 6), True),
                                  lambda rng: (_mixed(rng, 6, 2), False)], order=2),
    Case(np.median, median_, [lambda rng: (_distinct(rng, 5), None, False),
                              lambda rng: (_distinct(rng, 4, 3), 0, True),
                              lambda rng: (_distinct(rng, 3, 5), 1, False)], order=2),
    Case(np.quantile, quantile_, [lambda rng: (_distinct(rng, 7), 0.3, None),
                                  lambda rng: (_distinct(rng, 4, 5), 0.55, 1),
                                  lambda rng: (_distinct(rng, 5, 3), 0.9, 0)], order=2),
    Case(np.percentile, percentile_, [lambda rng: (_distinct(rng, 6), 30.0, None, False),
                                      lambda rng: (_distinct(rng, 4, 5), 72.0, 0, True)]),
    Case(np.interp, interp_, [lambda rng: (_knot_free(rng, 7), _mixed(rng, 4)),
                              lambda rng: (_knot_free(rng, 2, 3), _mixed(rng, 4)),
                              lambda rng: (0.3, _mixed(rng, 4))], order=2),
    Case(np.interp, interp_outside, [lambda rng: (_knot_free(rng, 7), _mixed(rng, 4), 0.3)]),
    Case(np.gradient, gradient_, [lambda rng: (_mixed(rng, 6), 0.5, 1), lambda rng: (_mixed(rng, 5), 1.3, 2)],
         order=2),
]


def nan_to_num_values(x, nan, posinf):
    return np.nan_to_num(x, nan=nan, posinf=posinf) * 2.0


def ediff1d_padded(ary, to_begin, to_end):
    return np.ediff1d(ary, to_end=to_end, to_begin=to_begin)


def _with_specials(rng):
    x = _mixed(rng, 3, 4)
    x[0, 1] = np.nan
    x[2, 2] = np.inf
    return x


CASES += [
    Case(np.nan_to_num, nan_to_num_values, [lambda rng: (_with_specials(rng), 0.5, 7.0)], wrt=(1, 2)),
    Case(np.ediff1d, ediff1d_padded, [lambda rng: (_mixed(rng, 5), _mixed(rng, 2), _mixed(rng, 3)),
                                      lambda rng: (_mixed(rng, 5), 0.7, _mixed(rng, 1))], order=2),
]


def multi_dot_(a, b, c):
    return np.linalg.multi_dot([a, b, c])


def multi_dot_vectors(a, b, c):
    return np.linalg.multi_dot([a, b, c])


def numpy_matrix_transpose_(x):
    return np.matrix_transpose(x) * x


CASES += [
    Case(np.linalg.multi_dot, multi_dot_, [lambda rng: (_mixed(rng, 2, 3), _mixed(rng, 3, 4), _mixed(rng, 4, 2))], order=2),
    Case(np.linalg.multi_dot, multi_dot_vectors, [lambda rng: (_mixed(rng, 3), _mixed(rng, 3, 4), _mixed(rng, 4))]),
    Case(np.matrix_transpose, numpy_matrix_transpose_, [lambda rng: (_mixed(rng, 3, 3),),
                                                        lambda rng: (_mixed(rng, 2, 4, 4),)], order=2),
]
