"""More NumPy primitives (adjoint and tangent): NaN-aware reductions and
cumulative operations, nan_to_num, copysign, ldexp, trapezoid, convolve,
correlate, polyval, vander, ediff1d, and NumPy 2's matrix_transpose, vecdot
and linalg.outer.

Real inputs only. Helpers called by generated code are either declared
non-differentiable (masks, offsets, exponents) or plain NumPy code built from
primitives that have templates, so that second derivatives work.
"""
import numpy

import tangent
from tangent.rules.reduction_rules import (_count_valid, _cumprod_jvp, _cumprod_vjp, _prod_others,
                                           _reversing_index, _select_weights)
from tangent.rules.registry import adjoint, inert_arguments, linear, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative


# ---------------------------------------------------------------------------
# Helpers without a derivative.

def _valid(a):
    """True where `a` is not NaN."""
    return numpy.logical_not(numpy.isnan(a))


def _finite(x):
    return numpy.isfinite(x)


def _full_padding(n, m, mode):
    """(left, right) zeros that embed a convolve/correlate result of `mode` in the 'full' one."""
    n, m = int(n), int(m)
    full = n + m - 1
    if mode == 'full':
        return (0, 0)
    if mode == 'same':
        left = (min(n, m) - 1) // 2
        return (left, full - max(n, m) - left)
    if mode == 'valid':
        left = min(n, m) - 1
        return (left, full - (max(n, m) - min(n, m) + 1) - left)
    raise ValueError('mode must be full, same or valid')


def _polyval_powers(p):
    """The exponents of the derivative's coefficients: n-1, ..., 1 for n coefficients."""
    n = numpy.shape(p)[0]
    return numpy.arange(n - 1, 0, -1, dtype=numpy.float64)


def _polyval_exponents(p):
    """The exponents n-1, ..., 0 of the coefficients of `p`, as a float column."""
    n = numpy.shape(p)[0]
    return numpy.arange(n - 1, -1, -1, dtype=numpy.float64)


def _vander_powers(x, N=None, increasing=False):
    """The exponents of the columns of numpy.vander(x, N, increasing), as floats."""
    columns = numpy.shape(x)[0] if N is None else int(N)
    powers = numpy.arange(columns, dtype=numpy.float64)
    return powers if increasing else powers[::-1]


def _ediff1d_bounds(ary, to_end=None, to_begin=None):
    """The slice of ediff1d's result that holds the differences of `ary`."""
    begin = 0 if to_begin is None else numpy.size(to_begin)
    return (begin, begin + max(numpy.size(ary) - 1, 0))


def _padding_tangent(t, value):
    """The tangent of ediff1d's to_begin/to_end: None when the padding is None."""
    if value is None:
        return None
    return t + numpy.zeros(numpy.shape(value))


def _along_axis_shape(y, axis):
    """The shape that broadcasts a 1-d vector along `axis` of y."""
    shape = [1] * numpy.ndim(y)
    shape[axis] = numpy.shape(y)[axis]
    return tuple(shape)


def _ones_between(y, axis):
    """One for each interval along `axis` of y."""
    return numpy.ones(numpy.shape(y)[axis] - 1)


def _trapezoid_weights(y, x, dx, axis):
    """d trapezoid / d y along `axis`: half the width of the intervals on each side of a sample."""
    if x is None:
        spacing = _ones_between(y, axis) * dx
    else:
        spacing = numpy.diff(x)
    weights = 0.5 * (numpy.pad(spacing, (0, 1)) + numpy.pad(spacing, (1, 0)))
    return numpy.reshape(weights, _along_axis_shape(y, axis))


def _trapezoid_x_adjoint(g, y, axis):
    """The gradient of trapezoid with respect to a 1-d x: d/dx_i = (y_{i-1} - y_{i+1}) / 2 (ends one-sided)."""
    moved = numpy.moveaxis(y, axis, -1)
    sums = moved[..., 1:] + moved[..., :-1]
    edge = numpy.zeros(numpy.shape(sums)[:-1] + (1,))
    slopes = -0.5 * numpy.diff(numpy.concatenate([edge, sums, edge], axis=-1), axis=-1)
    weighted = numpy.expand_dims(g, -1) * slopes
    return numpy.sum(numpy.reshape(weighted, (-1, numpy.shape(weighted)[-1])), axis=0)


def _trapezoid_x_tangent(t, y, axis):
    """The tangent of trapezoid for a tangent t of a 1-d x."""
    moved = numpy.moveaxis(y, axis, -1)
    return numpy.sum(numpy.diff(t) * (moved[..., 1:] + moved[..., :-1]) * 0.5, axis=-1)


linear(_trapezoid_x_tangent, 0)


non_differentiable(_valid, _finite, _full_padding, _polyval_powers, _polyval_exponents, _vander_powers,
                   _ediff1d_bounds, _along_axis_shape, _ones_between)


# ---------------------------------------------------------------------------
# NaN-aware reductions: NaNs are skipped, so they receive no gradient.

@adjoint(numpy.nanmax)
def nanmax_adjoint(y, a, axis=None, *, keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _select_weights(y, a, axis, keepdims)


@tangent_of(numpy.nanmax)
def nanmax_tangent(y, a, axis=None, *, keepdims=False):
    d[y] = numpy.sum(numpy.where(_valid(a), d[a], 0.0) * _select_weights(y, a, axis, keepdims),
                     axis=axis, keepdims=keepdims)


@adjoint(numpy.nanmin)
def nanmin_adjoint(y, a, axis=None, *, keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _select_weights(y, a, axis, keepdims)


@tangent_of(numpy.nanmin)
def nanmin_tangent(y, a, axis=None, *, keepdims=False):
    d[y] = numpy.sum(numpy.where(_valid(a), d[a], 0.0) * _select_weights(y, a, axis, keepdims),
                     axis=axis, keepdims=keepdims)


@adjoint(numpy.nanprod)
def nanprod_adjoint(y, a, axis=None, dtype=None, *, keepdims=False):
    ones = numpy.where(_valid(a), a, 1.0)
    d[a] = numpy.where(_valid(a), tangent.unreduce(d[y], a, axis, keepdims) * _prod_others(ones, axis), 0.0)


@tangent_of(numpy.nanprod)
def nanprod_tangent(y, a, axis=None, dtype=None, *, keepdims=False):
    ones = numpy.where(_valid(a), a, 1.0)
    d[y] = numpy.sum(numpy.where(_valid(a), d[a], 0.0) * _prod_others(ones, axis), axis=axis, keepdims=keepdims)


@adjoint(numpy.nanvar)
def nanvar_adjoint(y, a, axis=None, dtype=None, *, ddof=0, keepdims=False):
    centered = numpy.where(_valid(a), a - numpy.nanmean(a, axis=axis, keepdims=True), 0.0)
    count = _count_valid(a, axis) - ddof
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * centered * 2.0 / count


@tangent_of(numpy.nanvar)
def nanvar_tangent(y, a, axis=None, dtype=None, *, ddof=0, keepdims=False):
    centered = numpy.where(_valid(a), a - numpy.nanmean(a, axis=axis, keepdims=True), 0.0)
    count = _count_valid(a, axis) - ddof
    d[y] = numpy.sum(numpy.where(_valid(a), d[a], 0.0) * centered * 2.0 / count, axis=axis, keepdims=keepdims)


@adjoint(numpy.nanstd)
def nanstd_adjoint(y, a, axis=None, dtype=None, *, ddof=0, keepdims=False):
    centered = numpy.where(_valid(a), a - numpy.nanmean(a, axis=axis, keepdims=True), 0.0)
    count = _count_valid(a, axis) - ddof
    d[a] = tangent.unreduce(d[y] / y, a, axis, keepdims) * centered / count


@tangent_of(numpy.nanstd)
def nanstd_tangent(y, a, axis=None, dtype=None, *, ddof=0, keepdims=False):
    centered = numpy.where(_valid(a), a - numpy.nanmean(a, axis=axis, keepdims=True), 0.0)
    count = _count_valid(a, axis) - ddof
    d[y] = numpy.sum(numpy.where(_valid(a), d[a], 0.0) * centered / count, axis=axis, keepdims=keepdims) / y


@adjoint(numpy.nancumsum)
def nancumsum_adjoint(y, a, axis=None, dtype=None):
    backwards = _reversing_index(y, axis)
    summed = numpy.reshape(numpy.cumsum(d[y][backwards], axis=axis)[backwards], numpy.shape(a))
    d[a] = numpy.where(_valid(a), summed, 0.0)


@tangent_of(numpy.nancumsum)
def nancumsum_tangent(y, a, axis=None, dtype=None):
    d[y] = numpy.cumsum(numpy.where(_valid(a), d[a], 0.0), axis=axis)


@adjoint(numpy.nancumprod)
def nancumprod_adjoint(y, a, axis=None, dtype=None):
    ones = numpy.where(_valid(a), a, 1.0)
    d[a] = numpy.where(_valid(a), _cumprod_vjp(d[y], y, ones, axis), 0.0)


@tangent_of(numpy.nancumprod)
def nancumprod_tangent(y, a, axis=None, dtype=None):
    ones = numpy.where(_valid(a), a, 1.0)
    d[y] = _cumprod_jvp(numpy.where(_valid(a), d[a], 0.0), y, ones, axis)


# ---------------------------------------------------------------------------
# Elementwise.

@adjoint(numpy.nan_to_num)
def nan_to_num_adjoint(y, x, copy=True, nan=0.0, posinf=None, neginf=None):
    d[x] = numpy.where(_finite(x), d[y], 0.0)
    d[nan] = tangent.unbroadcast(numpy.sum(d[y] * numpy.isnan(x)), nan)
    d[posinf] = tangent.unbroadcast(numpy.sum(d[y] * numpy.isposinf(x)), posinf)
    d[neginf] = tangent.unbroadcast(numpy.sum(d[y] * numpy.isneginf(x)), neginf)


@tangent_of(numpy.nan_to_num)
def nan_to_num_tangent(y, x, copy=True, nan=0.0, posinf=None, neginf=None):
    d[y] = (numpy.where(_finite(x), d[x], 0.0) + d[nan] * numpy.isnan(x) + d[posinf] * numpy.isposinf(x)
            + d[neginf] * numpy.isneginf(x))


@adjoint(numpy.copysign)
def copysign_adjoint(y, x1, x2):
    d[x1] = tangent.unbroadcast(d[y] * numpy.copysign(1.0, x1) * numpy.copysign(1.0, x2), x1)


@tangent_of(numpy.copysign)
def copysign_tangent(y, x1, x2):
    d[y] = d[x1] * numpy.copysign(1.0, x1) * numpy.copysign(1.0, x2)


@adjoint(numpy.ldexp)
def ldexp_adjoint(y, x1, x2):
    d[x1] = tangent.unbroadcast(numpy.ldexp(d[y], x2), x1)


@tangent_of(numpy.ldexp)
def ldexp_tangent(y, x1, x2):
    d[y] = numpy.ldexp(d[x1], x2)


linear(numpy.ldexp, 0)


# ---------------------------------------------------------------------------
# trapezoid: linear in y; x (1-d sample points) or a scalar spacing dx.

@adjoint(numpy.trapezoid)
def trapezoid_adjoint(z, y, x=None, dx=1.0, axis=-1):
    d[y] = numpy.expand_dims(d[z], axis) * _trapezoid_weights(y, x, dx, axis)
    d[x] = _trapezoid_x_adjoint(d[z], y, axis)
    d[dx] = tangent.unbroadcast(numpy.sum(d[z] * numpy.trapezoid(y, x, 1.0, axis)), dx)


@tangent_of(numpy.trapezoid)
def trapezoid_tangent(z, y, x=None, dx=1.0, axis=-1):
    d[z] = (numpy.trapezoid(d[y], x, dx, axis) + d[dx] * numpy.trapezoid(y, x, 1.0, axis)
            + _trapezoid_x_tangent(d[x], y, axis))


# ---------------------------------------------------------------------------
# convolve and correlate (1-d, real). Each output mode is a slice of 'full';
# the adjoint pads the gradient back to 'full' and correlates.

@adjoint(numpy.convolve)
def convolve_adjoint(y, a, v, mode='full'):
    full = numpy.pad(d[y], _full_padding(numpy.size(a), numpy.size(v), mode))
    d[a] = numpy.correlate(full, v, 'valid')
    d[v] = numpy.correlate(full, a, 'valid')


@tangent_of(numpy.convolve)
def convolve_tangent(y, a, v, mode='full'):
    d[y] = numpy.convolve(d[a], v, mode) + numpy.convolve(a, d[v], mode)


@adjoint(numpy.correlate)
def correlate_adjoint(y, a, v, mode='valid'):
    full = numpy.pad(d[y], _full_padding(numpy.size(a), numpy.size(v), mode))
    d[a] = numpy.convolve(full, v, 'valid')
    d[v] = numpy.flip(numpy.correlate(full, a, 'valid'), 0)


@tangent_of(numpy.correlate)
def correlate_tangent(y, a, v, mode='valid'):
    d[y] = numpy.correlate(d[a], v, mode) + numpy.correlate(a, d[v], mode)


linear(numpy.convolve, 0, 1)
linear(numpy.correlate, 0, 1)


# ---------------------------------------------------------------------------
# Polynomials.

@adjoint(numpy.polyval)
def polyval_adjoint(y, p, x):
    d[p] = numpy.sum(numpy.reshape(d[y], (-1, 1)) * numpy.reshape(x, (-1, 1)) ** _polyval_exponents(p), axis=0)
    d[x] = d[y] * numpy.polyval(p[:-1] * _polyval_powers(p), x)


@tangent_of(numpy.polyval)
def polyval_tangent(y, p, x):
    d[y] = numpy.polyval(d[p], x) + d[x] * numpy.polyval(p[:-1] * _polyval_powers(p), x)


linear(numpy.polyval, 0)


@adjoint(numpy.vander)
def vander_adjoint(y, x, N=None, increasing=False):
    powers = _vander_powers(x, N, increasing)
    d[x] = numpy.sum(d[y] * powers * numpy.reshape(x, (-1, 1)) ** numpy.maximum(powers - 1.0, 0.0), axis=1)


@tangent_of(numpy.vander)
def vander_tangent(y, x, N=None, increasing=False):
    powers = _vander_powers(x, N, increasing)
    d[y] = numpy.reshape(d[x], (-1, 1)) * powers * numpy.reshape(x, (-1, 1)) ** numpy.maximum(powers - 1.0, 0.0)


# ---------------------------------------------------------------------------
# Differences.

@adjoint(numpy.ediff1d)
def ediff1d_adjoint(y, ary, to_end=None, to_begin=None):
    bounds = _ediff1d_bounds(ary, to_end, to_begin)
    middle = d[y][bounds[0]:bounds[1]]
    d[ary] = numpy.reshape(-numpy.diff(numpy.pad(middle, 1)), numpy.shape(ary))
    d[to_begin] = numpy.reshape(d[y][:bounds[0]], numpy.shape(to_begin))
    d[to_end] = numpy.reshape(d[y][bounds[1]:], numpy.shape(to_end))


@tangent_of(numpy.ediff1d)
def ediff1d_tangent(y, ary, to_end=None, to_begin=None):
    d[y] = numpy.ediff1d(d[ary] + 0.0 * ary, _padding_tangent(d[to_end], to_end),
                         _padding_tangent(d[to_begin], to_begin))


# ---------------------------------------------------------------------------
# NumPy 2 array-API functions.

@adjoint(numpy.linalg.matrix_transpose)
def matrix_transpose_adjoint(y, x):
    d[x] = numpy.swapaxes(d[y], -1, -2)


@tangent_of(numpy.linalg.matrix_transpose)
def matrix_transpose_tangent(y, x):
    d[y] = numpy.swapaxes(d[x], -1, -2)


@adjoint(numpy.vecdot)
def vecdot_adjoint(y, x1, x2, *, axis=-1):
    d[x1] = tangent.unbroadcast(numpy.expand_dims(d[y], axis) * x2, x1)
    d[x2] = tangent.unbroadcast(numpy.expand_dims(d[y], axis) * x1, x2)


@tangent_of(numpy.vecdot)
def vecdot_tangent(y, x1, x2, *, axis=-1):
    d[y] = numpy.vecdot(d[x1], x2, axis=axis) + numpy.vecdot(x1, d[x2], axis=axis)


@adjoint(numpy.linalg.vecdot)
def linalg_vecdot_adjoint(y, x1, x2, *, axis=-1):
    d[x1] = tangent.unbroadcast(numpy.expand_dims(d[y], axis) * x2, x1)
    d[x2] = tangent.unbroadcast(numpy.expand_dims(d[y], axis) * x1, x2)


@tangent_of(numpy.linalg.vecdot)
def linalg_vecdot_tangent(y, x1, x2, *, axis=-1):
    d[y] = numpy.linalg.vecdot(d[x1], x2, axis=axis) + numpy.linalg.vecdot(x1, d[x2], axis=axis)


linear(numpy.vecdot, 0, 1)
linear(numpy.linalg.vecdot, 0, 1)


@adjoint(numpy.linalg.outer)
def linalg_outer_adjoint(y, x1, x2):
    d[x1] = numpy.dot(d[y], x2)
    d[x2] = numpy.dot(x1, d[y])


@tangent_of(numpy.linalg.outer)
def linalg_outer_tangent(y, x1, x2):
    d[y] = numpy.linalg.outer(d[x1], x2) + numpy.linalg.outer(x1, d[x2])


linear(numpy.linalg.outer, 0, 1)


# ---------------------------------------------------------------------------
# Modified Bessel functions of the first kind: numpy.i0, and I_n (a power
# series, for moderate |x|) for its derivatives: I_n' = (I_{n-1} + I_{n+1}) / 2.

def _bessel_i(n, x):
    """I_n(x) for an integer order n >= 0, by its power series (accurate for |x| up to about 20)."""
    x = numpy.asarray(x, dtype=numpy.float64)
    half = x / 2.0
    term = half ** n
    for k in range(1, n + 1):
        term = term / k
    total = term
    for k in range(1, 120):
        term = term * half * half / (k * (k + n))
        total = total + term
    return total


@adjoint(_bessel_i)
def bessel_i_adjoint(y, n, x):
    d[x] = d[y] * (_bessel_i(abs(n - 1), x) + _bessel_i(n + 1, x)) * 0.5


@tangent_of(_bessel_i)
def bessel_i_tangent(y, n, x):
    d[y] = d[x] * (_bessel_i(abs(n - 1), x) + _bessel_i(n + 1, x)) * 0.5


@adjoint(numpy.i0)
def i0_adjoint(y, x):
    d[x] = d[y] * _bessel_i(1, x)


@tangent_of(numpy.i0)
def i0_tangent(y, x):
    d[y] = d[x] * _bessel_i(1, x)


# ---------------------------------------------------------------------------
# cov and corrcoef (real m; y, fweights and aweights are not supported).
# X is m as a 2-d array of variables in rows; C = Xc Xc^T / fact.

def _cov_2d_shape(m):
    shape = numpy.shape(m)
    return (1, shape[0]) if len(shape) == 1 else shape


def _cov_permutation(m, rowvar):
    """(1, 0) when NumPy transposes m (rowvar=False and more than one row), else (0, 1)."""
    if not rowvar and _cov_2d_shape(m)[0] != 1:
        return (1, 0)
    return (0, 1)


def _cov_factor(m, y=None, rowvar=True, bias=False, ddof=None):
    """N - ddof, NumPy's normalisation (refuses a second array y)."""
    if y is not None:
        raise ValueError('tangent differentiates numpy.cov(m) and numpy.corrcoef(x) without y: '
                         'stack the variables into one array')
    if ddof is None:
        ddof = 0 if bias else 1
    shape = _cov_2d_shape(m)
    observations = shape[1] if _cov_permutation(m, rowvar) == (0, 1) else shape[0]
    return float(observations - ddof)


def _cov_centered(m, rowvar):
    """m as a centred 2-d array, one variable per row."""
    x = numpy.transpose(numpy.reshape(m, _cov_2d_shape(m)), _cov_permutation(m, rowvar))
    return x - numpy.mean(x, axis=1, keepdims=True)


def _cov_matrix_shape(m, rowvar):
    rows = _cov_2d_shape(m)[_cov_permutation(m, rowvar)[0]]
    return (rows, rows)


def _cov_vjp(g, m, rowvar, fact):
    """The gradient of cov's m for a gradient g of the covariance matrix."""
    centered = _cov_centered(m, rowvar)
    square = numpy.reshape(g, _cov_matrix_shape(m, rowvar))
    grad = numpy.matmul(square + numpy.transpose(square), centered) / fact
    return numpy.reshape(numpy.transpose(grad, _cov_permutation(m, rowvar)), numpy.shape(m))


def _cov_jvp(t, m, rowvar, fact):
    """The tangent of cov for a tangent t of m, squeezed like NumPy's result."""
    centered = _cov_centered(m, rowvar)
    moved = _cov_centered(t, rowvar)
    product = numpy.matmul(moved, numpy.transpose(centered)) / fact
    return numpy.squeeze(product + numpy.transpose(product))


non_differentiable(_cov_2d_shape, _cov_permutation, _cov_factor, _cov_matrix_shape)
linear(_cov_jvp, 0)


@adjoint(numpy.cov)
def cov_adjoint(c, m, y=None, rowvar=True, bias=False, ddof=None):
    d[m] = _cov_vjp(d[c], m, rowvar, _cov_factor(m, y, rowvar, bias, ddof))


@tangent_of(numpy.cov)
def cov_tangent(c, m, y=None, rowvar=True, bias=False, ddof=None):
    d[c] = _cov_jvp(d[m], m, rowvar, _cov_factor(m, y, rowvar, bias, ddof))


def _corrcoef_vjp(g, r, x, rowvar):
    """R = C / sqrt(outer(diag C, diag C)): the gradient of x for a gradient g of R."""
    fact = _cov_factor(x, None, rowvar)
    centered = _cov_centered(x, rowvar)
    cov = numpy.matmul(centered, numpy.transpose(centered)) / fact
    variances = numpy.diagonal(cov)
    scale = numpy.sqrt(numpy.outer(variances, variances))
    weighted = g * r
    diagonal = (numpy.sum(weighted, axis=1) + numpy.sum(weighted, axis=0)) / (2.0 * variances)
    return _cov_vjp(g / scale - numpy.diag(diagonal), x, rowvar, fact)


def _corrcoef_jvp(t, r, x, rowvar):
    fact = _cov_factor(x, None, rowvar)
    centered = _cov_centered(x, rowvar)
    cov = numpy.matmul(centered, numpy.transpose(centered)) / fact
    variances = numpy.diagonal(cov)
    scale = numpy.sqrt(numpy.outer(variances, variances))
    moved = _cov_jvp(t, x, rowvar, fact)
    relative = numpy.diagonal(moved) / variances
    return moved / scale - 0.5 * r * (numpy.reshape(relative, (-1, 1)) + numpy.reshape(relative, (1, -1)))


def _corrcoef_rowvar(y, rowvar):
    """rowvar, after refusing a second array y."""
    if y is not None:
        raise ValueError('tangent differentiates numpy.corrcoef(x) without y: stack the variables into one array')
    return rowvar


non_differentiable(_corrcoef_rowvar)
linear(_corrcoef_jvp, 0)


@adjoint(numpy.corrcoef)
def corrcoef_adjoint(r, x, y=None, rowvar=True):
    d[x] = _corrcoef_vjp(d[r], r, x, _corrcoef_rowvar(y, rowvar))


@tangent_of(numpy.corrcoef)
def corrcoef_tangent(r, x, y=None, rowvar=True):
    d[r] = _corrcoef_jvp(d[x], r, x, _corrcoef_rowvar(y, rowvar))


# ---------------------------------------------------------------------------
# Order statistics without ties: median and the linear-method quantiles are
# fixed combinations of one or two elements, chosen by rank.

def _ranks(a, axis):
    """The rank of each element along `axis` (of the flattened a when axis is None)."""
    values = numpy.reshape(a, (-1,)) if axis is None else numpy.asarray(a)
    ranks = numpy.argsort(numpy.argsort(values, axis=-1 if axis is None else axis),
                          axis=-1 if axis is None else axis)
    return numpy.reshape(ranks, numpy.shape(a))


def _reduced_size(a, axis):
    return numpy.size(a) if axis is None else numpy.shape(a)[axis]


def _quantile_low(a, q, axis):
    """The rank below the linear-method quantile q (at most n - 2), as a float (scalar q)."""
    if numpy.ndim(q) != 0:
        raise ValueError('tangent differentiates numpy.quantile and numpy.percentile for a scalar q only')
    size = _reduced_size(a, axis)
    return float(max(min(numpy.floor((size - 1) * float(q)), size - 2), 0))


def _rank_mask(a, axis, rank):
    """1.0 where the element has the given rank along `axis`, 0.0 elsewhere."""
    return (_ranks(a, axis) == rank).astype(numpy.float64)


def _quantile_fraction(a, q, axis):
    """(n - 1) q - low: where the quantile lies between the elements of rank low and low + 1."""
    return (_reduced_size(a, axis) - 1) * q - _quantile_low(a, q, axis)


def _quantile_weights(a, q, axis):
    """The weight of each element in numpy.quantile(a, q, axis, method='linear') (scalar q)."""
    low = _quantile_low(a, q, axis)
    fraction = _quantile_fraction(a, q, axis)
    return _rank_mask(a, axis, low) * (1.0 - fraction) + _rank_mask(a, axis, low + 1.0) * fraction


def _median_weights(a, axis):
    return _quantile_weights(a, 0.5, axis)


def _quantile_slope_weights(a, q, axis):
    """d quantile / d q as weights on the elements: (n - 1) * (a[high] - a[low])."""
    low = _quantile_low(a, q, axis)
    return (_rank_mask(a, axis, low + 1.0) - _rank_mask(a, axis, low)) * (_reduced_size(a, axis) - 1)


non_differentiable(_ranks, _reduced_size, _quantile_low, _rank_mask, _median_weights, _quantile_slope_weights)


@adjoint(numpy.median)
def median_adjoint(y, a, axis=None, out=None, overwrite_input=False, keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _median_weights(a, axis)


@tangent_of(numpy.median)
def median_tangent(y, a, axis=None, out=None, overwrite_input=False, keepdims=False):
    d[y] = numpy.sum(d[a] * _median_weights(a, axis), axis=axis, keepdims=keepdims)


@adjoint(numpy.quantile)
def quantile_adjoint(y, a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _quantile_weights(a, q, _linear_method(method, axis))
    d[q] = tangent.unbroadcast(numpy.sum(d[y] * numpy.sum(a * _quantile_slope_weights(a, q, axis), axis=axis,
                                                           keepdims=keepdims)), q)


@tangent_of(numpy.quantile)
def quantile_tangent(y, a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False):
    d[y] = (numpy.sum(d[a] * _quantile_weights(a, q, _linear_method(method, axis)), axis=axis, keepdims=keepdims)
            + d[q] * numpy.sum(a * _quantile_slope_weights(a, q, axis), axis=axis, keepdims=keepdims))


@adjoint(numpy.percentile)
def percentile_adjoint(y, a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _quantile_weights(a, q / 100.0, _linear_method(method, axis))
    d[q] = tangent.unbroadcast(numpy.sum(d[y] * numpy.sum(a * _quantile_slope_weights(a, q / 100.0, axis),
                                                           axis=axis, keepdims=keepdims)) / 100.0, q)


@tangent_of(numpy.percentile)
def percentile_tangent(y, a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False):
    d[y] = (numpy.sum(d[a] * _quantile_weights(a, q / 100.0, _linear_method(method, axis)), axis=axis,
                      keepdims=keepdims)
            + d[q] * numpy.sum(a * _quantile_slope_weights(a, q / 100.0, axis), axis=axis, keepdims=keepdims) / 100.0)


def _linear_method(method, axis):
    """Refuses methods other than 'linear'; returns axis."""
    if method != 'linear':
        raise ValueError("tangent differentiates numpy.quantile and numpy.percentile with method='linear' only")
    return axis


non_differentiable(_linear_method)


# ---------------------------------------------------------------------------
# interp (no period): linear in fp; in x, the slope of the segment x lies in
# (x away from the knots xp, which are treated as constants).

def _interp_weights(x, xp, left=None, right=None, period=None):
    """W with interp(x, xp, fp) = W @ fp (+ the constants left/right), x flattened."""
    _require_no_period(period)
    flat = numpy.reshape(x, (-1,))
    size = numpy.shape(xp)[0]
    basis = numpy.eye(size)
    outside_left = None if left is None else 0.0
    outside_right = None if right is None else 0.0
    return numpy.stack([numpy.interp(flat, xp, basis[j], outside_left, outside_right) for j in range(size)],
                       axis=1)


def _interp_slopes(x, xp, period=None):
    """S with d interp(x, xp, fp) / dx = S @ fp: -1/h and 1/h on the segment of x, 0 outside."""
    _require_no_period(period)
    flat = numpy.reshape(numpy.asarray(x, dtype=numpy.float64), (-1,))
    xp = numpy.asarray(xp, dtype=numpy.float64)
    size = xp.shape[0]
    index = numpy.clip(numpy.searchsorted(xp, flat, side='right') - 1, 0, size - 2)
    inside = (flat > xp[0]) & (flat < xp[-1])
    width = xp[index + 1] - xp[index]
    slopes = numpy.zeros((flat.shape[0], size))
    rows = numpy.arange(flat.shape[0])
    slopes[rows, index] = inside * (-1.0 / width)
    slopes[rows, index + 1] = inside * (1.0 / width)
    return slopes


def _interp_offsets(x, xp, left=None, right=None, period=None):
    """W - x S: the part of the weights that does not move with x (see _interp_matrix)."""
    flat = numpy.reshape(numpy.asarray(x, dtype=numpy.float64), (-1, 1))
    return _interp_weights(x, xp, left, right, period) - flat * _interp_slopes(x, xp, period)


def _interp_matrix(x, xp, left=None, right=None, period=None):
    """The weights W (interp = W @ fp), written as offsets + x S so that they differentiate in x."""
    return _interp_offsets(x, xp, left, right, period) + numpy.reshape(x, (-1, 1)) * _interp_slopes(x, xp, period)


def _interp_apply(matrix, values, x):
    """(matrix @ values) shaped like x."""
    return numpy.reshape(numpy.dot(matrix, values), numpy.shape(x))


def _require_no_period(period):
    if period is not None:
        raise ValueError('tangent differentiates numpy.interp without period')
    return None


def _interp_xp_unsupported(xp):
    raise ValueError('tangent differentiates numpy.interp with respect to x, fp, left and right only: '
                     'the sample points xp must not depend on the differentiated arguments')


non_differentiable(_interp_weights, _interp_slopes, _interp_offsets, _require_no_period)
linear(_interp_xp_unsupported, 0)
linear(_interp_apply, 1)


@adjoint(numpy.interp)
def interp_adjoint(y, x, xp, fp, left=None, right=None, period=None):
    d[fp] = numpy.dot(numpy.reshape(d[y], (-1,)), _interp_matrix(x, xp, left, right, period))
    d[x] = d[y] * _interp_apply(_interp_slopes(x, xp, period), fp, x)
    d[left] = tangent.unbroadcast(numpy.sum(d[y] * (x < xp[0])), left)
    d[right] = tangent.unbroadcast(numpy.sum(d[y] * (x > xp[-1])), right)
    d[xp] = _interp_xp_unsupported(xp)


@tangent_of(numpy.interp)
def interp_tangent(y, x, xp, fp, left=None, right=None, period=None):
    d[y] = (_interp_apply(_interp_matrix(x, xp, left, right, period), d[fp], x)
            + d[x] * _interp_apply(_interp_slopes(x, xp, period), fp, x)
            + d[left] * (x < xp[0]) + d[right] * (x > xp[-1]) + _interp_xp_unsupported(d[xp]))


# ---------------------------------------------------------------------------
# numpy.gradient of a 1-d array with a scalar spacing: y = G f / spacing.

def _gradient_matrix(f, axis=None, edge_order=1):
    """G with numpy.gradient(f, 1.0) = G @ f, for a 1-d f."""
    if numpy.ndim(f) != 1:
        raise ValueError('tangent differentiates numpy.gradient of a 1-d array with a scalar spacing only')
    return numpy.gradient(numpy.eye(numpy.shape(f)[0]), axis=0, edge_order=edge_order)


non_differentiable(_gradient_matrix)


@adjoint(numpy.gradient)
def gradient_adjoint(y, f, spacing=1.0, *, axis=None, edge_order=1):
    d[f] = numpy.dot(d[y], _gradient_matrix(f, axis, edge_order)) / spacing
    d[spacing] = tangent.unbroadcast(-numpy.sum(d[y] * y) / spacing, spacing)


@tangent_of(numpy.gradient)
def gradient_tangent(y, f, spacing=1.0, *, axis=None, edge_order=1):
    d[y] = _interp_apply(_gradient_matrix(f, axis, edge_order), d[f], f) / spacing - d[spacing] * y / spacing


# ---------------------------------------------------------------------------
# numpy.linalg.multi_dot: the product of a list of matrices (1-d ends allowed).

def _as_matrix(a, position, count):
    """a as a matrix: a 1-d first factor is a row, a 1-d last factor a column."""
    if numpy.ndim(a) == 2:
        return a
    if position == 0:
        return numpy.reshape(a, (1, -1))
    return numpy.reshape(a, (-1, 1))


def _chain(matrices, size):
    """The product of a list of matrices; the identity of the given size for an empty list."""
    product = numpy.eye(size)
    for matrix in matrices:
        product = numpy.matmul(product, matrix)
    return product


def _multi_dot_vjp(g, arrays):
    """The gradients of the factors of multi_dot(arrays) for a gradient g of the product."""
    count = len(arrays)
    matrices = [_as_matrix(arrays[i], i, count) for i in range(count)]
    rows = numpy.shape(matrices[0])[0]
    columns = numpy.shape(matrices[-1])[1]
    square = numpy.reshape(g, (rows, columns))
    grads = []
    for i in range(count):
        before = _chain(matrices[:i], rows)
        after = _chain(matrices[i + 1:], numpy.shape(matrices[i])[1])
        grad = numpy.matmul(numpy.matmul(numpy.transpose(before), square), numpy.transpose(after))
        grads.append(numpy.reshape(grad, numpy.shape(arrays[i])))
    return grads


def _multi_dot_jvp(tangents, arrays):
    """The tangent of multi_dot(arrays): the sum over factors of the product with that factor's tangent."""
    count = len(arrays)
    total = 0.0
    for i in range(count):
        factors = ([arrays[j] for j in range(i)] + [tangents[i] + 0.0 * arrays[i]]
                   + [arrays[j] for j in range(i + 1, count)])
        total = total + numpy.linalg.multi_dot(factors)
    return total





@adjoint(numpy.linalg.multi_dot)
def multi_dot_adjoint(y, arrays):
    d[arrays] = _multi_dot_vjp(d[y], arrays)


@tangent_of(numpy.linalg.multi_dot)
def multi_dot_tangent(y, arrays):
    d[y] = _multi_dot_jvp(d[arrays], arrays)


@adjoint(numpy.matrix_transpose)
def numpy_matrix_transpose_adjoint(y, x):
    d[x] = numpy.swapaxes(d[y], -1, -2)


@tangent_of(numpy.matrix_transpose)
def numpy_matrix_transpose_tangent(y, x):
    d[y] = numpy.swapaxes(d[x], -1, -2)

# copysign's second argument only chooses a sign: its derivative is zero wherever it exists.
inert_arguments(numpy.copysign, 1)
