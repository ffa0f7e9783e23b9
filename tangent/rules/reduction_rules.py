"""Reductions: sum, prod, mean, average, var, std, max/min, ptp, nan-reductions,
cumulative sums and products, and numpy.linalg.norm (adjoint and tangent).

Most adjoints have the form `unreduce(d[y]) * direction(x)` and the matching
tangent is `sum(d[x] * direction(x))` over the same axes, with one `direction`
helper shared by both modes, so that ties (max, min, ptp, inf-norms) are split
the same way in forward and in reverse mode: evenly among the tied elements.

The helpers below are called by generated code. Those that appear in adjoints
are either declared non-differentiable (masks, counts and shapes, which are
piecewise constant), carry templates of their own (`_prod_others`,
`_singular_direction`, `_conj`), or are plain NumPy code that tangent reads
and differentiates again (`_norm_direction`, `_cumprod_vjp`, the weights of
`average`), so that Hessians (forward over reverse) work.

prod and cumprod handle zeros in the input exactly, without dividing by them.
Complex inputs follow docs/complex.md (first derivatives; second derivatives
of complex inputs also need the elementwise rules to conjugate).

Template parameters use NumPy's own names and defaults, so keyword calls bind.
`out`, `initial` and `where` are not supported: a call that passes them does
not fit the template and is refused with a message naming the line. Parameters
that NumPy places after `out` are keyword-only here for that reason.
"""
import numpy

import tangent
from tangent.errors import TangentError
from tangent.rules.registry import adjoint, inert_arguments, linear, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative


# ---------------------------------------------------------------------------
# Helpers without a derivative: masks, counts, indices (piecewise constant).

def _float_dtype(value):
    """The floating dtype gradients of `value` are computed in (float32 stays float32)."""
    dtype = numpy.asarray(value).dtype
    return dtype if numpy.issubdtype(dtype, numpy.inexact) else numpy.dtype(numpy.float64)


def _tie_weights(extreme, values, axis):
    """1/count where `values` equals `extreme` (broadcast), 0 elsewhere; count along `axis`.

    The weights with which a max or min hands its gradient to the elements that
    attain it: ties share it evenly.
    """
    values = numpy.asarray(values)
    mask = values == extreme
    count = mask.sum(axis=axis, keepdims=True)
    numpy.maximum(count, 1, out=count)  # no element attains a NaN extreme: weights 0
    dtype = values.dtype if values.dtype.kind in 'fc' else numpy.dtype(numpy.float64)
    return numpy.divide(mask, count, dtype=dtype)


def _select_weights(result, operand, axis=None, keepdims=False):
    """Weights of max/min: 1/count at the elements equal to the result, 0 elsewhere."""
    if not (keepdims or axis is None):
        result = tangent.unreduce(result, operand, axis, keepdims)  # put the reduced axes back
    return _tie_weights(result, operand, axis)


_select_weights.tangent_result_like = 1  # the weights have the operand's shape (analysis/kinds.py)


def _ptp_weights(operand, axis=None):
    """Weights of ptp = max - min: the max's tie weights minus the min's."""
    operand = numpy.asarray(operand)
    high = numpy.max(operand, axis=axis, keepdims=True)
    low = numpy.min(operand, axis=axis, keepdims=True)
    return _tie_weights(high, operand, axis) - _tie_weights(low, operand, axis)


def _count_valid(operand, axis=None):
    """How many non-NaN elements each nanmean combines (at least 1), keepdims, float."""
    valid = numpy.logical_not(numpy.isnan(operand))
    count = numpy.sum(valid, axis=axis, keepdims=True)
    return numpy.maximum(count, 1).astype(_float_dtype(operand))


def _reversing_index(value, axis):
    """An index that reverses `value` along `axis` (axis=None: a flattened, 1-d value)."""
    if axis is None:
        return (slice(None, None, -1),)
    ndim = numpy.ndim(value)
    return (slice(None),) * (axis % ndim) + (slice(None, None, -1),)


def _normalized_axes(ndim, axis):
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if isinstance(axis, (int, numpy.integer)) else tuple(axis)
    return tuple(int(a) % ndim for a in axes)


def _kept_shape(like, axis):
    """The shape of a reduction of `like` over `axis` with keepdims=True."""
    axes = _normalized_axes(numpy.ndim(like), axis)
    return tuple(1 if i in axes else size for i, size in enumerate(numpy.shape(like)))


def _weight_axes(weights, a, axis):
    """The axes of `a` that `weights` spans, in the weights' order."""
    if numpy.shape(weights) == numpy.shape(a):
        return tuple(range(numpy.ndim(a)))
    if axis is None and numpy.ndim(weights) == 0:  # a scalar weight (a zero tangent)
        return ()
    return _normalized_axes(numpy.ndim(a), axis)


def _weights_permutation(weights, a, axis):
    """Transposes the weights' axes into increasing order of the axes of `a` they span."""
    if numpy.ndim(weights) == 0:
        return ()
    return tuple(int(i) for i in numpy.argsort(_weight_axes(weights, a, axis)))


def _weights_unpermutation(weights, a, axis):
    """The inverse of _weights_permutation."""
    if numpy.ndim(weights) == 0:
        return ()
    return tuple(int(i) for i in numpy.argsort(numpy.argsort(_weight_axes(weights, a, axis))))


def _weights_kept_shape(weights, a, axis):
    """The shape of the weights with 1s inserted at the axes of `a` they do not span."""
    axes = _weight_axes(weights, a, axis)
    return tuple(size if i in axes else 1 for i, size in enumerate(numpy.shape(a)))


def _weights_other_axes(weights, a, axis):
    """The axes of `a` that the weights are broadcast along."""
    axes = _weight_axes(weights, a, axis)
    return tuple(i for i in range(numpy.ndim(a)) if i not in axes)


def _require_not_returned(returned):
    if returned:
        raise TangentError('tangent differentiates numpy.average(..., returned=False) only: '
                           'compute the sum of the weights separately (numpy.sum(weights)).')
    return returned


def _matrix_axes(x, ord, axis):
    """(rows, cols) for a matrix norm, (None, None) for a vector norm, as NumPy decides."""
    ndim = numpy.ndim(x)
    if axis is None:
        if ord is None or ndim != 2:
            return (None, None)
        return (0, 1)
    if isinstance(axis, (int, numpy.integer)) or len(axis) == 1:
        return (None, None)
    rows, cols = axis
    return (int(rows) % ndim, int(cols) % ndim)


def _to_last_two(x, rows, cols):
    """A permutation moving axes rows, cols to the end (in that order)."""
    ndim = numpy.ndim(x)
    rows, cols = rows % ndim, cols % ndim
    return tuple(i for i in range(ndim) if i not in (rows, cols)) + (rows, cols)


def _inverse_permutation(permutation):
    return tuple(int(i) for i in numpy.argsort(permutation))


def _singular_index(singular_values, which):
    """The index of the singular value `which` (0: largest, -1: smallest)."""
    return which % numpy.shape(singular_values)[-1]


non_differentiable(_float_dtype, _tie_weights, _select_weights, _ptp_weights, _count_valid,
                   _reversing_index, _normalized_axes, _kept_shape, _weight_axes, _weights_permutation,
                   _weights_unpermutation, _weights_kept_shape, _weights_other_axes,
                   _require_not_returned, _matrix_axes, _to_last_two, _inverse_permutation,
                   _singular_index)


# ---------------------------------------------------------------------------
# Complex inputs. Derivatives follow docs/complex.md: reverse mode gives the
# adjoint under <a, b> = Re(sum(conj(a) * b)), so an adjoint multiplies by the
# conjugate of what the tangent multiplies by, and the tangent of a real
# function with gradient g is Re(conj(g) * dz). For real arrays both are no-ops.

def _conj(x):
    """The complex conjugate of x; real values are returned as they are."""
    if numpy.iscomplexobj(x):
        return numpy.conjugate(x)
    return x


@adjoint(_conj)
def conj_adjoint(y, x):
    d[x] = _conj(d[y])


@tangent_of(_conj)
def conj_tangent(y, x):
    d[y] = _conj(d[x])


def _gradient_for(grad, like):
    """`grad` as the gradient of `like`: its real part where `like` is real (docs/complex.md)."""
    if numpy.iscomplexobj(grad) and not numpy.iscomplexobj(like):
        return numpy.real(grad)
    return grad


def _real_product(t, gradient):
    """t * gradient, or Re(conj(gradient) * t) where either is complex: the tangent
    of a real function whose gradient is `gradient`, elementwise."""
    if numpy.iscomplexobj(gradient) or numpy.iscomplexobj(t):
        return numpy.real(numpy.conjugate(gradient) * t)
    return t * gradient


# ---------------------------------------------------------------------------
# sum, mean, nansum, nanmean

@adjoint(numpy.sum)
def sum_adjoint(y, a, axis=None, dtype=None, *, keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims)


@tangent_of(numpy.sum)
def sum_tangent(y, a, axis=None, dtype=None, *, keepdims=False):
    d[y] = numpy.sum(d[a], axis=axis, dtype=dtype, keepdims=keepdims)


@adjoint(numpy.mean)
def mean_adjoint(y, a, axis=None, dtype=None, *, keepdims=False):
    # Divide the (small) reduced gradient before spreading it: one pass less over a.
    d[a] = tangent.unreduce(d[y] / tangent.reduced_count(a, axis), a, axis, keepdims)


@tangent_of(numpy.mean)
def mean_tangent(y, a, axis=None, dtype=None, *, keepdims=False):
    d[y] = numpy.mean(d[a], axis=axis, dtype=dtype, keepdims=keepdims)


@adjoint(numpy.nansum)
def nansum_adjoint(y, a, axis=None, dtype=None, *, keepdims=False):
    d[a] = numpy.where(numpy.isnan(a), 0.0, tangent.unreduce(d[y], a, axis, keepdims))


@tangent_of(numpy.nansum)
def nansum_tangent(y, a, axis=None, dtype=None, *, keepdims=False):
    d[y] = numpy.sum(numpy.where(numpy.isnan(a), 0.0, d[a]), axis=axis, dtype=dtype, keepdims=keepdims)


@adjoint(numpy.nanmean)
def nanmean_adjoint(y, a, axis=None, dtype=None, *, keepdims=False):
    d[a] = numpy.where(numpy.isnan(a), 0.0, tangent.unreduce(d[y], a, axis, keepdims) / _count_valid(a, axis))


@tangent_of(numpy.nanmean)
def nanmean_tangent(y, a, axis=None, dtype=None, *, keepdims=False):
    valid = numpy.where(numpy.isnan(a), 0.0, d[a])
    d[y] = numpy.sum(valid / _count_valid(a, axis), axis=axis, keepdims=keepdims)


# ---------------------------------------------------------------------------
# prod: the derivative of each factor is the product of the others, computed
# without dividing by the factor, so zeros in the input are handled exactly.

def _prod_others(x, axis=None):
    """For each element of x, the product of the other elements reduced with it over `axis`."""
    x = numpy.asarray(x)
    zero = x == 0
    nonzero = numpy.where(zero, 1, x)
    product = numpy.prod(nonzero, axis=axis, keepdims=True)  # of the nonzero elements
    zeros = numpy.sum(zero, axis=axis, keepdims=True)
    # No zero: product / x. One zero: the product of the others at the zero, 0 elsewhere.
    # Two or more zeros: 0.
    return numpy.where(zeros == 0, product / nonzero, numpy.where(zero & (zeros == 1), product, 0))


def _prod_others_jvp(t, x, axis=None):
    """The derivative of _prod_others(x, axis) along t, exact when x has zeros.

    Element i gets sum over k != i of t[k] times the product of the elements
    other than i and k. The Jacobian is symmetric, so this with conj(x) in
    place of x is also the adjoint.
    """
    x = numpy.asarray(x)
    zero = x == 0
    nonzero = numpy.where(zero, 1, x)
    product = numpy.prod(nonzero, axis=axis, keepdims=True)
    zeros = numpy.sum(zero, axis=axis, keepdims=True)
    ratio = t / nonzero
    ratios = numpy.sum(numpy.where(zero, 0, ratio), axis=axis, keepdims=True)  # over nonzero k
    at_zeros = numpy.sum(numpy.where(zero, t, 0), axis=axis, keepdims=True)  # t at the zeros
    none = product / nonzero * (ratios - ratio)
    one = numpy.where(zero, product * ratios, at_zeros * product / nonzero)
    two = numpy.where(zero, product * (at_zeros - t), 0)
    return numpy.where(zeros == 0, none, numpy.where(zeros == 1, one, numpy.where(zeros == 2, two, 0)))


@adjoint(_prod_others)
def prod_others_adjoint(y, x, axis=None):
    d[x] = _prod_others_jvp(d[y], _conj(x), axis)


@tangent_of(_prod_others)
def prod_others_tangent(y, x, axis=None):
    d[y] = _prod_others_jvp(d[x], x, axis)


@adjoint(numpy.prod)
def prod_adjoint(y, a, axis=None, dtype=None, *, keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _conj(_prod_others(a, axis))


@tangent_of(numpy.prod)
def prod_tangent(y, a, axis=None, dtype=None, *, keepdims=False):
    d[y] = numpy.sum(d[a] * _prod_others(a, axis), axis=axis, dtype=dtype, keepdims=keepdims)


# ---------------------------------------------------------------------------
# average (weighted mean), var, std

def _expand_weights(weights, a, axis, returned=False):
    """numpy.average's weights, broadcast to the shape of `a` (ones when weights is None)."""
    _require_not_returned(returned)
    if weights is None:
        return numpy.ones(numpy.shape(a), _float_dtype(a))
    spread = numpy.reshape(numpy.transpose(weights, _weights_permutation(weights, a, axis)),
                           _weights_kept_shape(weights, a, axis))
    return spread * numpy.ones(numpy.shape(a), _float_dtype(spread))


def _keep_dims(grad, like, axis):
    """The result of a reduction of `like` over `axis` (or its gradient), with the reduced
    axes kept, so that it broadcasts against `like`; scalars are returned as they are."""
    if numpy.ndim(grad) == 0:
        return grad
    return numpy.reshape(grad, _kept_shape(like, axis))


def _collapse_weights(grad, weights, a, axis):
    """The adjoint of _expand_weights: sums `grad` (shaped like a) back to the weights' shape."""
    summed = _gradient_for(numpy.sum(grad, axis=_weights_other_axes(weights, a, axis)), weights)
    return numpy.transpose(summed, _weights_unpermutation(weights, a, axis))


@adjoint(numpy.average)
def average_adjoint(y, a, axis=None, weights=None, returned=False, *, keepdims=False):
    w = _conj(_expand_weights(weights, a, axis, returned))
    g = _keep_dims(d[y], a, axis) / numpy.sum(w, axis=axis, keepdims=True)  # the cotangent may be complex
    d[a] = _gradient_for(g * w, a)
    d[weights] = _collapse_weights(g * _conj(a - _keep_dims(y, a, axis)), weights, a, axis)


@tangent_of(numpy.average)
def average_tangent(y, a, axis=None, weights=None, returned=False, *, keepdims=False):
    w = _expand_weights(weights, a, axis, returned)
    centered = a - _keep_dims(y, a, axis)
    d[y] = numpy.sum(w * d[a] + _expand_weights(d[weights], a, axis, returned) * centered, axis=axis,
                     keepdims=keepdims) / numpy.sum(w, axis=axis, keepdims=keepdims)


@adjoint(numpy.var)
def var_adjoint(y, a, axis=None, dtype=None, *, ddof=0, keepdims=False):
    centered = a - numpy.mean(a, axis=axis, keepdims=True)
    count = tangent.reduced_count(a, axis) - ddof
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * centered * (2.0 / count)


@tangent_of(numpy.var)
def var_tangent(y, a, axis=None, dtype=None, *, ddof=0, keepdims=False):
    centered = a - numpy.mean(a, axis=axis, keepdims=True)
    count = tangent.reduced_count(a, axis) - ddof
    d[y] = numpy.sum(_real_product(d[a], centered), axis=axis, keepdims=keepdims) * (2.0 / count)


@adjoint(numpy.std)
def std_adjoint(y, a, axis=None, dtype=None, *, ddof=0, keepdims=False):
    centered = a - numpy.mean(a, axis=axis, keepdims=True)
    count = tangent.reduced_count(a, axis) - ddof
    d[a] = tangent.unreduce(d[y] / y, a, axis, keepdims) * centered / count


@tangent_of(numpy.std)
def std_tangent(y, a, axis=None, dtype=None, *, ddof=0, keepdims=False):
    centered = a - numpy.mean(a, axis=axis, keepdims=True)
    count = tangent.reduced_count(a, axis) - ddof
    d[y] = numpy.sum(_real_product(d[a], centered), axis=axis, keepdims=keepdims) / (count * y)


# ---------------------------------------------------------------------------
# max, min, amax, amin, ptp: the gradient goes to the elements that attain the
# extreme, split evenly among ties; the tangent is the mean tangent over them.

@adjoint(numpy.max)
def max_adjoint(y, a, axis=None, *, keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _select_weights(y, a, axis, keepdims)


@tangent_of(numpy.max)
def max_tangent(y, a, axis=None, *, keepdims=False):
    d[y] = numpy.sum(d[a] * _select_weights(y, a, axis, keepdims), axis=axis, keepdims=keepdims)


@adjoint(numpy.min)
def min_adjoint(y, a, axis=None, *, keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _select_weights(y, a, axis, keepdims)


@tangent_of(numpy.min)
def min_tangent(y, a, axis=None, *, keepdims=False):
    d[y] = numpy.sum(d[a] * _select_weights(y, a, axis, keepdims), axis=axis, keepdims=keepdims)


@adjoint(numpy.amax)
def amax_adjoint(y, a, axis=None, *, keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _select_weights(y, a, axis, keepdims)


@tangent_of(numpy.amax)
def amax_tangent(y, a, axis=None, *, keepdims=False):
    d[y] = numpy.sum(d[a] * _select_weights(y, a, axis, keepdims), axis=axis, keepdims=keepdims)


@adjoint(numpy.amin)
def amin_adjoint(y, a, axis=None, *, keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _select_weights(y, a, axis, keepdims)


@tangent_of(numpy.amin)
def amin_tangent(y, a, axis=None, *, keepdims=False):
    d[y] = numpy.sum(d[a] * _select_weights(y, a, axis, keepdims), axis=axis, keepdims=keepdims)


@adjoint(numpy.ptp)
def ptp_adjoint(y, a, axis=None, *, keepdims=False):
    d[a] = tangent.unreduce(d[y], a, axis, keepdims) * _ptp_weights(a, axis)


@tangent_of(numpy.ptp)
def ptp_tangent(y, a, axis=None, *, keepdims=False):
    d[y] = numpy.sum(d[a] * _ptp_weights(a, axis), axis=axis, keepdims=keepdims)


# ---------------------------------------------------------------------------
# cumsum, cumprod. With axis=None NumPy flattens: the gradient is reshaped back.
# The adjoint of a cumulative sum is a cumulative sum from the other end.

@adjoint(numpy.cumsum)
def cumsum_adjoint(y, a, axis=None, dtype=None):
    backwards = _reversing_index(y, axis)
    d[a] = numpy.reshape(numpy.cumsum(d[y][backwards], axis=axis)[backwards], numpy.shape(a))


@tangent_of(numpy.cumsum)
def cumsum_tangent(y, a, axis=None, dtype=None):
    d[y] = numpy.cumsum(d[a], axis=axis, dtype=dtype)


def _nth_zeros(x, axis, n):
    """Where x holds its n-th zero along `axis` (x already flattened when axis is None)."""
    zero = x == 0
    return zero & (numpy.cumsum(zero, axis=axis) == n)


non_differentiable(_nth_zeros)


def _cumprod_vjp(g, y, a, axis):
    """The gradient of y = numpy.cumprod(a, axis) for the cotangent g, exact with zeros.

    Element k gets sum over i >= k of g[i] times the product of a[:i+1] other
    than a[k]: reversed cumulative sums of g * y / a[k] where a[k] != 0. At the
    first zero z it is the same sum with a[z] replaced by 1; after the first
    zero every product holds it, so later elements, zero or not, get 0. At the
    second zero s that 0 is written as a[z] times the sum without a[z] and
    a[s], so that its derivative, and the Hessian, are right too.
    """
    x = numpy.reshape(a, numpy.shape(y))
    backwards = _reversing_index(y, axis)
    zero = x == 0
    through = numpy.cumsum((g * _conj(y))[backwards], axis=axis)[backwards] / _conj(numpy.where(zero, 1, x))
    grad = numpy.where(zero, 0, through)
    first = _nth_zeros(x, axis, 1)
    if numpy.any(first):
        others = numpy.cumprod(numpy.where(first, 1, x), axis=axis)
        through = numpy.cumsum((g * _conj(others))[backwards], axis=axis)[backwards]
        grad = grad + numpy.where(first, through, 0)
        second = _nth_zeros(x, axis, 2)
        if numpy.any(second):
            first_zero = numpy.sum(numpy.where(first, x, 0), axis=axis, keepdims=True)  # 0, with a derivative
            others = numpy.cumprod(numpy.where(numpy.logical_or(first, second), 1, x), axis=axis)
            through = numpy.cumsum((g * _conj(others))[backwards], axis=axis)[backwards]
            grad = grad + numpy.where(second, _conj(first_zero) * through, 0)
    return numpy.reshape(grad, numpy.shape(a))


def _cumprod_jvp(t, y, a, axis):
    """The tangent of y = numpy.cumprod(a, axis) along t, exact with zeros (see _cumprod_vjp)."""
    x = numpy.reshape(a, numpy.shape(y))
    t = numpy.reshape(t, numpy.shape(y))
    zero = x == 0
    result = y * numpy.cumsum(numpy.where(zero, 0, t / numpy.where(zero, 1, x)), axis=axis)
    first = _nth_zeros(x, axis, 1)
    if numpy.any(first):
        others = numpy.cumprod(numpy.where(first, 1, x), axis=axis)
        result = result + others * numpy.cumsum(numpy.where(first, t, 0), axis=axis)
    return result


@adjoint(numpy.cumprod)
def cumprod_adjoint(y, a, axis=None, dtype=None):
    d[a] = _cumprod_vjp(d[y], y, a, axis)


@tangent_of(numpy.cumprod)
def cumprod_tangent(y, a, axis=None, dtype=None):
    d[y] = _cumprod_jvp(d[a], y, a, axis)


# ---------------------------------------------------------------------------
# numpy.linalg.norm. The adjoint is unreduce(d[y]) * direction and the tangent
# sum(d[x] * direction) over the reduced axes, where direction (shaped like x)
# is the gradient of the norm. _norm_direction is plain NumPy code, which
# tangent differentiates again for second derivatives.

def _safe_divisor(value):
    return numpy.where(value == 0, 1, value)


def _unit(x):
    """sign(x), and x / |x| for complex x (0 at 0), on every NumPy version."""
    if numpy.iscomplexobj(x):
        return x / _safe_divisor(numpy.abs(x))
    return numpy.sign(x)


def _vector_norm_direction(scale, x, ord, axis):
    if ord is None or ord == 2:
        return x / _safe_divisor(scale)  # 0 at a zero vector
    if ord == numpy.inf or ord == -numpy.inf:
        return _unit(x) * _tie_weights(scale, numpy.abs(x), axis)
    if ord == 0:
        return numpy.zeros_like(x)  # a count of nonzero elements
    if ord == 1:
        return _unit(x)
    return _unit(x) * (numpy.abs(x) / _safe_divisor(scale)) ** (ord - 1)


def _singular_direction(x, rows, cols, which=None):
    """The gradient of the sum of the singular values (which=None) or of one of them.

    The singular values are those of the matrices on axes (rows, cols) of x;
    which=0 is the largest, which=-1 the smallest.
    """
    permutation = _to_last_two(x, rows, cols)
    u, s, vh = numpy.linalg.svd(numpy.transpose(x, permutation), full_matrices=False)
    if which is None:
        direction = numpy.matmul(u, vh)
    else:
        k = _singular_index(s, which)
        direction = numpy.matmul(u[..., k:k + 1], vh[..., k:k + 1, :])
    return numpy.transpose(direction, _inverse_permutation(permutation))


def _swap(matrices):
    return numpy.swapaxes(matrices, -1, -2)


def _singular_direction_jvp(t, x, rows, cols, which=None):
    """The derivative of _singular_direction(x, rows, cols, which) along t.

    _singular_direction is a gradient, so its Jacobian (a Hessian) is
    symmetric: this is also its adjoint. Assumes distinct, nonzero singular
    values. With x = U S V^T (thin) and M = U^T t V, the nuclear norm's gives
    U ((M - M^T) / (s_j + s_k)) V^T plus the parts of t outside the ranges of
    U and V; the singular value s_k's gives du_k v_k^T + u_k dv_k^T.
    """
    permutation = _to_last_two(x, rows, cols)
    u, s, vh = numpy.linalg.svd(numpy.transpose(x, permutation), full_matrices=False)
    t = numpy.transpose(t, permutation)
    v = _swap(vh)
    m = numpy.matmul(numpy.matmul(_swap(u), t), v)
    left = t - numpy.matmul(u, numpy.matmul(_swap(u), t))  # t outside the range of U
    right = t - numpy.matmul(numpy.matmul(t, v), vh)  # t outside the range of V
    if which is None:
        inner = (m - _swap(m)) / (s[..., :, None] + s[..., None, :])
        result = (numpy.matmul(numpy.matmul(u, inner), vh) + numpy.matmul(left, v / s[..., None, :]) @ vh
                  + numpy.matmul(u / s[..., None, :], numpy.matmul(_swap(u), right)))
    else:
        k = _singular_index(s, which)
        s_k = s[..., k:k + 1]  # (..., 1)
        gap = s_k ** 2 - s ** 2  # (..., r); zero at k
        others = gap != 0
        gap = numpy.where(others, gap, 1)
        m_jk = m[..., :, k]  # (..., r)
        m_kj = m[..., k, :]
        a = numpy.where(others, (s_k * m_jk + s * m_kj) / gap, 0)
        b = numpy.where(others, (s * m_jk + s_k * m_kj) / gap, 0)
        u_k = u[..., :, k]
        v_k = v[..., :, k]
        du = numpy.matmul(u, a[..., None])[..., 0] + numpy.matmul(left, v_k[..., None])[..., 0] / s_k
        dv = numpy.matmul(v, b[..., None])[..., 0] + numpy.matmul(_swap(right), u_k[..., None])[..., 0] / s_k
        result = du[..., :, None] * v_k[..., None, :] + u_k[..., :, None] * dv[..., None, :]
    return numpy.transpose(result, _inverse_permutation(permutation))


@adjoint(_singular_direction)
def singular_direction_adjoint(y, x, rows, cols, which=None):
    d[x] = _singular_direction_jvp(d[y], x, rows, cols, which)


@tangent_of(_singular_direction)
def singular_direction_tangent(y, x, rows, cols, which=None):
    d[y] = _singular_direction_jvp(d[x], x, rows, cols, which)


def _matrix_norm_direction(scale, x, ord, rows, cols):
    if ord is None or ord == 'fro':
        return x / _safe_divisor(scale)
    if ord == 'nuc':
        return _singular_direction(x, rows, cols, None)
    if ord == 2:
        return _singular_direction(x, rows, cols, 0)
    if ord == -2:
        return _singular_direction(x, rows, cols, -1)
    if ord == 1 or ord == -1:  # the largest (smallest) column sum of |x|
        return _unit(x) * _tie_weights(scale, numpy.sum(numpy.abs(x), axis=rows, keepdims=True), cols)
    # inf, -inf: the largest (smallest) row sum of |x|
    return _unit(x) * _tie_weights(scale, numpy.sum(numpy.abs(x), axis=cols, keepdims=True), rows)


def _norm_direction(y, x, ord=None, axis=None, keepdims=False):
    """The gradient of y = numpy.linalg.norm(x, ord, axis, keepdims) with respect to x."""
    scale = _keep_dims(y, x, axis)  # the norm, broadcastable against x
    axes = _matrix_axes(x, ord, axis)
    if axes[0] is None:
        return _vector_norm_direction(scale, x, ord, axis)
    return _matrix_norm_direction(scale, x, ord, axes[0], axes[1])


@adjoint(numpy.linalg.norm)
def norm_adjoint(y, x, ord=None, axis=None, keepdims=False):
    d[x] = tangent.unreduce(d[y], x, axis, keepdims) * _norm_direction(y, x, ord, axis, keepdims)


@tangent_of(numpy.linalg.norm)
def norm_tangent(y, x, ord=None, axis=None, keepdims=False):
    direction = _norm_direction(y, x, ord, axis, keepdims)
    d[y] = numpy.sum(_real_product(d[x], direction), axis=axis, keepdims=keepdims)


# Zero in, zero out: the optimiser folds these calls away for a zero tangent.
for _function in (numpy.cumsum, numpy.nansum, _prod_others_jvp, _singular_direction_jvp, _expand_weights,
                  _collapse_weights, _keep_dims, _conj, _gradient_for, _real_product, _cumprod_vjp, _cumprod_jvp):
    linear(_function, 0)
# Arguments read only for their shape.
for _function, _positions in [(_expand_weights, (1,)), (_collapse_weights, (1, 2)), (_gradient_for, (1,)),
                              (_keep_dims, (1,))]:
    inert_arguments(_function, *_positions)
