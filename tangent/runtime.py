"""Run-time support called by generated derivative code.

Everything here is small on purpose: generated code inlines plain arithmetic
wherever the transformation can prove it is enough, and calls these helpers only
where a value's type or shape is not known until run time.
"""
import numbers

import numpy

from tangent import pytree


class Stack(list):
    """The values the forward pass saves for the backward pass (last in, first out)."""

    push = list.append


class _Zero:
    """A gradient that has received no contribution yet.

    Used only where the transformation cannot tell statically whether a gradient
    was assigned (for example after a branch that assigns it on one path). It
    behaves as the additive identity and as an absorbing element for products,
    so the arithmetic in adjoint templates stays correct without allocating.
    """

    __slots__ = ()
    __array_ufunc__ = None  # make NumPy defer `array + ZERO` to __radd__

    def __repr__(self):
        return 'tangent.ZERO'

    def __add__(self, other):
        return other

    __radd__ = __add__

    def __sub__(self, other):
        return -other

    def __rsub__(self, other):
        return other

    def __mul__(self, other):
        return self

    __rmul__ = __truediv__ = __matmul__ = __rmatmul__ = __mul__

    def __neg__(self):
        return self

    def __bool__(self):
        return False


ZERO = _Zero()

_ndarray = numpy.ndarray
_PYTHON_NUMBERS = (float, int)


def zeros_like(value):
    """A zero gradient with the structure of `value` (float -> 0.0, array -> zeros)."""
    if type(value) is _ndarray:
        # numpy.zeros is several times cheaper than numpy.zeros_like for a plain array.
        return numpy.zeros(value.shape, _gradient_dtype(value.dtype))
    if isinstance(value, numpy.ndarray):
        return numpy.zeros_like(value, dtype=_gradient_dtype(value.dtype))
    if isinstance(value, bool):
        return 0.0
    if isinstance(value, numpy.number):
        return _gradient_dtype(value.dtype).type(0)
    if isinstance(value, numbers.Number):
        return 0.0
    if isinstance(value, (list, tuple)):
        # Mutable during accumulation; the API restores the input's type at the end.
        return [zeros_like(item) for item in value]
    if isinstance(value, dict):
        return {key: zeros_like(item) for key, item in value.items()}
    if value is None or value is ZERO:
        return value  # (ZERO: the derivative of a lazy zero gradient, in derivatives of derivatives)
    if pytree.is_record(value):
        return pytree.rebuild(value, {name: _zero_part(item)
                                      for name, item in pytree.fields(value).items()})
    raise TypeError('tangent cannot build a zero gradient for a value of type %s'
                    % type(value).__name__)


def _zero_part(value):
    """A field's zero gradient; None for fields that carry none (strings, objects)."""
    try:
        return zeros_like(value)
    except TypeError:
        return None


_FLOAT64 = numpy.dtype(numpy.float64)


def _gradient_dtype(dtype):
    return dtype if dtype.kind in 'fc' else _FLOAT64  # inexact dtypes keep their precision


def materialize(grad, like):
    """Replace a lazy ZERO by a real zero shaped like `like`."""
    return zeros_like(like) if grad is ZERO else grad


def owned(grad, like):
    """A private, mutable copy of `grad` that can be updated in place."""
    if grad is ZERO:
        return zeros_like(like)
    return copy(grad)


def copy(value):
    """A shallow copy for arrays and containers; numbers are returned as they are."""
    if isinstance(value, numpy.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    if pytree.is_record(value):
        return pytree.rebuild(value, pytree.fields(value))
    return value


def add_grad(left, right):
    """Sum of two gradients of any supported structure (numbers, arrays, containers)."""
    if left is ZERO or left is None:
        return right
    if right is ZERO or right is None:
        return left
    if isinstance(left, (list, tuple)):
        return [add_grad(a, b) for a, b in zip(left, right)]
    if isinstance(left, dict):
        return {key: add_grad(left[key], right[key]) for key in left}
    if pytree.is_record(left):
        right_fields = _parts(right)
        return pytree.rebuild(left, {name: add_grad(item, right_fields[name])
                                     for name, item in pytree.fields(left).items()})
    return left + right


def unbroadcast(grad, like):
    """Sum `grad` over the axes along which `like` was broadcast."""
    grad_type = type(grad)
    if grad_type is _ndarray:
        like_type = type(like)
        if like_type is _ndarray:
            if grad.shape == like.shape:
                return grad  # the common cases, checked without any NumPy call
        elif grad.shape and (like_type is float or like_type is int):
            return float(grad.sum())  # an array's contributions to a Python number
        elif grad.shape and isinstance(like, numpy.generic):
            return grad.sum()  # ... and to a NumPy scalar (x[0] of an array)
    elif grad_type is float and type(like) in _PYTHON_NUMBERS:
        return grad
    if grad is ZERO:
        return grad
    grad_shape = numpy.shape(grad)
    like_shape = numpy.shape(like)
    if grad_shape == like_shape:
        return grad
    extra = len(grad_shape) - len(like_shape)
    if extra > 0 and grad_type is _ndarray and type(like) is _ndarray and 1 not in like_shape:
        # A bias added over a batch: one sum over the leading axes does it all.
        return grad.sum(axis=tuple(range(extra))) if extra > 1 else grad.sum(axis=0)
    if extra > 0:
        grad = numpy.sum(grad, axis=tuple(range(extra)))
    axes = tuple(axis for axis, size in enumerate(like_shape)
                 if size == 1 and numpy.shape(grad)[axis] != 1)
    if axes:
        grad = numpy.sum(grad, axis=axes, keepdims=True)
    if not like_shape and isinstance(like, (int, float)) and not isinstance(like, numpy.generic):
        return float(grad)  # a Python number's gradient is a Python float
    return grad


def add_at(grad, index, value):
    """grad[index] += value, accumulating repeated integer indices correctly."""
    if not isinstance(grad, numpy.ndarray):
        grad[index] = add_grad(grad[index], value)  # lists and dicts of gradients
    elif _is_basic_index(index):
        grad[index] += value
    else:
        numpy.add.at(grad, index, value)
    return grad


def _is_basic_index(index):
    if isinstance(index, tuple):
        return all(_is_basic_index(item) for item in index)
    return (index is None or index is Ellipsis or isinstance(index, (int, slice, numpy.integer))
            or (isinstance(index, numpy.ndarray) and index.dtype == numpy.bool_))


def require_scalar(value):
    """tangent.grad differentiates scalar-valued functions only."""
    if type(value) is not float and numpy.ndim(value) != 0:
        from tangent.errors import TangentError
        raise TangentError(
            'tangent.grad needs a function that returns a scalar, but it returned a value '
            'of shape %s. Use tangent.autodiff(f) and pass the output cotangent, or reduce '
            'the output (for example with numpy.sum). For second derivatives of a function '
            'of an array, use tangent.hessian or tangent.hvp.' % (numpy.shape(value),))
    return value



# Helpers for adjoints of array primitives whose gradient depends on ranks
# known only at run time.

def unreduce(grad, like, axis=None, keepdims=False):
    """Broadcast the gradient of a reduction back to the reduced operand's shape."""
    shape = numpy.shape(like)
    if axis is None and shape and numpy.ndim(grad) == 0:
        # The common full reduction: one value spread over the whole shape
        # (numpy.full is several times cheaper than broadcast_to on small arrays).
        inexact = type(like) is _ndarray and like.dtype.kind in 'fc'
        dtype = numpy.result_type(like.dtype, grad) if inexact else numpy.result_type(grad, 1.0)
        return numpy.full(shape, grad, dtype=dtype)
    if type(grad) is float and type(like) is _ndarray and like.dtype.kind in 'fc':
        grad = like.dtype.type(grad)  # keep float32 gradients float32
    if not keepdims and axis is not None:
        axes = (axis,) if isinstance(axis, (int, numpy.integer)) else tuple(axis)
        axes = sorted(a % len(shape) for a in axes)
        for a in axes:
            grad = numpy.expand_dims(grad, a)
    return numpy.broadcast_to(grad, shape) if shape else grad


def reduced_count(like, axis=None):
    """How many elements a reduction over `axis` combines (for mean)."""
    shape = numpy.shape(like)
    if axis is None:
        return max(int(numpy.prod(shape)), 1) if shape else 1
    axes = (axis,) if isinstance(axis, (int, numpy.integer)) else tuple(axis)
    count = 1
    for a in axes:
        count *= shape[a]
    return count


def matmul_adjoint_a(grad, a, b):
    """Gradient of `a @ b` with respect to a."""
    if type(a) is _ndarray and type(b) is _ndarray and a.ndim == 2 and b.ndim == 2:
        return grad @ b.T  # the common case, without the general bookkeeping
    a_nd, b_nd = numpy.ndim(a), numpy.ndim(b)
    if b_nd == 1:
        result = numpy.multiply.outer(grad, b) if a_nd > 1 else grad * b
    elif a_nd == 1:
        result = numpy.matmul(b, grad[..., None])[..., 0] if numpy.ndim(grad) > 1 else numpy.matmul(b, grad)
    else:
        result = numpy.matmul(grad, numpy.swapaxes(b, -1, -2))
    return unbroadcast(result, a)


def matmul_adjoint_b(grad, a, b):
    """Gradient of `a @ b` with respect to b."""
    if type(a) is _ndarray and type(b) is _ndarray and a.ndim == 2 and b.ndim == 2:
        return a.T @ grad
    a_nd, b_nd = numpy.ndim(a), numpy.ndim(b)
    if a_nd == 1:
        # a (k,) @ b (..., k, n) = y (..., n): the gradient of b is a[:, None] * grad[..., None, :]
        result = numpy.asarray(a)[:, None] * numpy.asarray(grad)[..., None, :] if b_nd > 1 else grad * a
    elif b_nd == 1:
        result = numpy.matmul(numpy.swapaxes(a, -1, -2), grad[..., None])[..., 0]
    else:
        result = numpy.matmul(numpy.swapaxes(a, -1, -2), grad)
    return unbroadcast(result, b)


def dot_adjoint_a(grad, a, b):
    """Gradient of `numpy.dot(a, b)` with respect to a."""
    if numpy.ndim(a) == 0 or numpy.ndim(b) == 0:
        return unbroadcast(grad * b, a)
    if numpy.ndim(b) <= 2:
        return matmul_adjoint_a(grad, a, b)
    # dot contracts a's last axis with b's second-to-last axis.
    b_axes = [axis for axis in range(numpy.ndim(b)) if axis != numpy.ndim(b) - 2]
    grad_axes = list(range(numpy.ndim(a) - 1, numpy.ndim(grad)))
    return numpy.tensordot(grad, b, axes=(grad_axes, b_axes))


def dot_adjoint_b(grad, a, b):
    """Gradient of `numpy.dot(a, b)` with respect to b."""
    if numpy.ndim(a) == 0 or numpy.ndim(b) == 0:
        return unbroadcast(grad * a, b)
    if numpy.ndim(b) <= 2:
        return matmul_adjoint_b(grad, a, b)
    a_axes = list(range(numpy.ndim(a) - 1))
    grad_axes = list(range(numpy.ndim(a) - 1))
    result = numpy.tensordot(a, grad, axes=(a_axes, grad_axes))
    return numpy.moveaxis(result, 0, -2)


def transpose_adjoint(grad, axes=None):
    """Undo a transpose on the gradient."""
    if axes is None:
        return numpy.transpose(grad)
    return numpy.transpose(grad, numpy.argsort(axes))


def split_like(grad, arrays, axis=0):
    """Split the gradient of a concatenation into the pieces' gradients."""
    sizes = [numpy.shape(array)[axis] for array in arrays]
    return numpy.split(grad, numpy.cumsum(sizes)[:-1], axis=axis)


def unstack(grad, axis=0):
    """Split the gradient of numpy.stack into the stacked arrays' gradients."""
    if type(grad) is _ndarray and type(axis) is int and -grad.ndim <= axis < grad.ndim:
        if axis < 0:
            axis += grad.ndim
        if axis == 0:
            return list(grad)
        before = (slice(None),) * axis
        return [grad[before + (index,)] for index in range(grad.shape[axis])]
    return list(numpy.moveaxis(grad, axis, 0))


def structure_like(grad, value):
    """The gradient of a container argument, in the container's own type."""
    if isinstance(value, tuple) and isinstance(grad, (list, tuple)):
        parts = [structure_like(g, v) for g, v in zip(grad, value)]
        return type(value)(*parts) if hasattr(value, '_fields') else tuple(parts)
    if isinstance(value, list) and isinstance(grad, (list, tuple)):
        return [structure_like(g, v) for g, v in zip(grad, value)]
    if isinstance(value, dict) and isinstance(grad, dict):
        return {key: structure_like(grad[key], value[key]) for key in value}
    if pytree.is_record(value):
        if grad is ZERO:
            return zeros_like(value)
        parts = _parts(grad)
        return pytree.rebuild(value, {name: structure_like(parts[name], item) if parts[name] is not None
                                      else None for name, item in pytree.fields(value).items()})
    if grad is ZERO:
        return _zero_part(value)
    return grad


def like(grad, value):
    """Give a gradient the container type of `value` (lists stay lists)."""
    if isinstance(value, (list, tuple)):
        return [like(g, v) for g, v in zip(grad, value)]
    return grad


def select_adjoint(grad, result, operand, axis=None, keepdims=False):
    """Gradient of max/min: it flows to the elements equal to the result, split among ties."""
    grad = unreduce(grad, operand, axis, keepdims)
    mask = numpy.asarray(operand) == unreduce(result, operand, axis, keepdims)
    count = _count_like(numpy.sum(mask, axis=axis, keepdims=True), grad)
    return grad * mask / count


def _count_like(count, value):
    """A tie count in value's float type, so float32 stays float32."""
    dtype = getattr(value, 'dtype', None)
    return count.astype(dtype) if dtype is not None and dtype.kind in 'fc' else count


def append(sequence, item):
    """`sequence.append(item)` without mutation: differentiated code never aliases lists."""
    return list(sequence) + [item]


# Helpers for forward mode.

def select_tangent(tangent, result, operand, axis=None, keepdims=False):
    """Tangent of max/min: the average tangent over the elements equal to the result."""
    mask = numpy.asarray(operand) == unreduce(result, operand, axis, keepdims)
    count = _count_like(numpy.asarray(numpy.sum(mask, axis=axis, keepdims=keepdims)), tangent)
    return numpy.sum(tangent * mask, axis=axis, keepdims=keepdims) / count


def tangents_like(tangent, values):
    """Tangents for each of a sequence of values, with zeros where a tangent is missing."""
    if isinstance(tangent, (list, tuple)):
        parts = [zeros_like(v) if (t is ZERO or (isinstance(t, float) and t == 0.0 and
                                                   isinstance(v, numpy.ndarray)))
                 else t for t, v in zip(tangent, values)]
        return type(values)(*parts) if pytree.is_namedtuple(values) else parts
    if tangent is ZERO or (isinstance(tangent, float) and tangent == 0.0):
        return zeros_like(values)
    return tangent


def broadcast_like(tangent, value):
    """Give a tangent the shape of its primal (inputs without tangents may have broadcast)."""
    if type(value) is float:  # (a tangent is never larger than its primal)
        return tangent
    if type(tangent) is _ndarray and type(value) is _ndarray and tangent.shape == value.shape:
        return tangent
    if isinstance(value, (list, tuple, dict)) or pytree.is_record(value):
        return tangents_like(tangent, value)  # containers do not broadcast
    shape = numpy.shape(value)
    if numpy.shape(tangent) == shape:
        return tangent
    return numpy.broadcast_to(tangent, shape)


def push(stack, value):
    """stack.push(value) as a function (how derivatives of derivatives see it)."""
    stack.append(value)
    return stack


def copy_stack(stack):
    """A stack whose arrays are copies: a backward pass may write into what it pops."""
    return Stack(copy(value) for value in stack)


def pop(stack):
    """stack.pop() as a function."""
    return stack.pop()


def add_at_tangent(tangent, grad, index, value_tangent):
    """Tangent of add_at: the same update applied to a private copy of the tangent."""
    if isinstance(tangent, (int, float)) and not isinstance(grad, (int, float)):
        tangent = zeros_like(grad)
    else:
        tangent = copy(tangent)
    return add_at(tangent, index, value_tangent)


# Helpers for adjoints of the helpers above (derivatives of derivatives).

def sum_like(grad, like, axis=None, keepdims=False):
    """Sum `grad` over the axes a reduction removed, giving `like`'s shape."""
    return numpy.reshape(numpy.sum(grad, axis=axis, keepdims=keepdims), numpy.shape(like))


def select_adjoint_transpose(grad, result, operand, axis=None, keepdims=False):
    """Adjoint of select_adjoint with respect to its gradient argument."""
    mask = numpy.asarray(operand) == unreduce(result, operand, axis, keepdims)
    count = _count_like(numpy.sum(mask, axis=axis, keepdims=True), grad)
    return sum_like(grad * mask / count, result, axis, keepdims)


# Records: dataclasses, namedtuples and registered containers (tangent/pytree.py).

def _parts(grad):
    """A record gradient's fields by name."""
    if pytree.is_record(grad):
        return pytree.fields(grad)
    raise TypeError('expected a gradient of a record, got a value of type %s' % type(grad).__name__)


def add_field(grad, value, name, field_grad):
    """The gradient of record `value` once `value.<name>` has received `field_grad`.

    The gradient of a dataclass or registered container is an instance of the
    same class; a namedtuple's is a list while it accumulates (like a tuple's),
    given its own class by `structure_like` at the end.
    """
    if _no_record_gradient(grad):
        grad = ZERO
    if pytree.is_namedtuple(value):
        parts = zeros_like(value) if grad is ZERO else list(grad)
        index = type(value)._fields.index(name)
        parts[index] = add_grad(parts[index], field_grad)
        return parts
    if not pytree.is_record(value):
        raise TypeError(
            'tangent cannot send a gradient through the attribute .%s of a %s: only fields of '
            'dataclasses, namedtuples and classes registered with tangent.register_container '
            'carry gradients.' % (name, type(value).__name__))
    if grad is ZERO:
        # A dataclass gradient starts with lazy zeros, made real by structure_like;
        # a registered class's from_fields may insist on real values.
        parts = (pytree.fields(zeros_like(value)) if pytree._registered(type(value))
                 else dict.fromkeys(pytree.fields(value), ZERO))
    else:
        parts = dict(_parts(grad))
    parts[name] = add_grad(parts[name], field_grad)
    return pytree.rebuild(value, parts)


def _no_record_gradient(grad):
    """ZERO, None, or a zero number standing for a whole record's zero derivative
    (forward mode writes a zero tangent as 0.0)."""
    return grad is ZERO or grad is None or (type(grad) is float and grad == 0.0)


def field_of(grad, value, name):
    """The gradient of `value.<name>` inside the gradient of record `value` (ZERO if none)."""
    if _no_record_gradient(grad):
        return ZERO
    if pytree.is_namedtuple(value):
        return grad[type(value)._fields.index(name)]
    return _parts(grad)[name]


def part(grad, key, like):
    """Part `key` (an index, a dict key or a field name) of a container's gradient.

    Zeros shaped like `like` where no gradient arrived, so templates can compute with it.
    """
    if grad is ZERO or grad is None:
        return _zero_part(like)
    if isinstance(grad, (list, tuple, dict)):
        item = grad[key]
    else:
        item = _parts(grad)[key]
    return _zero_part(like) if item is ZERO or item is None else item


def record_tangent(value, **tangents):
    """The tangent of a newly built record: the fields' tangents, zeros for the rest."""
    parts = {name: tangents[name] if name in tangents else _zero_part(item)
             for name, item in (value._asdict().items() if pytree.is_namedtuple(value)
                                else pytree.fields(value).items())}
    if pytree.is_namedtuple(value):
        return type(value)(**parts)
    return pytree.rebuild(value, parts)


def max_index(values):
    """The index of the element builtin max(values) returns: the first of the largest."""
    return max(range(len(values)), key=values.__getitem__)


def min_index(values):
    """The index of the element builtin min(values) returns: the first of the smallest."""
    return min(range(len(values)), key=values.__getitem__)


# Complex values in reverse mode (see transform/complex_mode.py).

def conj(value):
    """The complex conjugate; real values are returned as they are, without a copy."""
    if value is ZERO or type(value) is float or (type(value) is _ndarray and value.dtype.kind != 'c'):
        return value
    return numpy.conjugate(value) if numpy.iscomplexobj(value) else value


def conj_for(grad, value, result):
    """A real-arithmetic template's contribution to `value`'s gradient, made complex-correct.

    The template ran on the conjugated cotangent. Where the operation gave a complex
    result from a complex value (a holomorphic function), conjugate back. Where the
    result is real (var, norm: the template is the gradient of a real function, right
    as written) the contribution stays; a real value keeps the real part.
    """
    if grad is ZERO:
        return grad
    if numpy.iscomplexobj(value):
        return numpy.conjugate(grad) if numpy.iscomplexobj(result) else grad
    return numpy.real(grad) if numpy.iscomplexobj(grad) else grad


def real_for(grad, value):
    """The real part of a gradient arriving at a real value; complex values keep it whole."""
    if grad is ZERO or numpy.iscomplexobj(value) or not numpy.iscomplexobj(grad):
        return grad
    return numpy.real(grad)
