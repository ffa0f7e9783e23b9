"""Shapes, copies and containers: reshape, transpose, concatenate, split, take, pad, ...

Every function here is linear in its array arguments (sort is linear along
its permutation), so each tangent applies the same operation to the tangents,
and each adjoint applies the transposed rearrangement to the gradient:

* pure rearrangements (reshape, transpose, flip, roll, ...) undo themselves;
* joins (concatenate, the *stack family, append) split the gradient with
  `split_as`, and splits join the gradients back;
* gathers (take, take_along_axis, repeat, pad, insert, delete) scatter the
  gradient back with `tangent.add_at` through a *label map*: the same
  operation applied to `arange(size)` tells which input element each output
  element came from, so index semantics (negative indices, modes, broadcasting)
  are NumPy's own.

Helpers named `_...` compute indices, shapes and axes only; they are declared
non-differentiable at the end of this module. The helpers that transform
gradients (`split_as`, `join_as`, `pad_fill`, `pad_fill_sum`, `as_gradient_of`,
`imag_gradient`, `drop_last`, `pad_last`) have templates of their own, so that
generated code calling them can be differentiated again.

Not covered: reshape/ravel with order='A' or 'K' (the gradient is read in its
own memory layout, which need not be the primal's), numpy.split with index
lists that are not increasing (the pieces then overlap), numpy.pad modes other
than constant, edge, reflect, symmetric and wrap, the pad keywords other than
constant_values, atleast_*d with several arguments, and diff's prepend/append.
"""
import numbers

import numpy

import tangent
from tangent.rules.registry import adjoint, inert_arguments, linear, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative


# Index, shape and axis computations (no derivative flows through them).

def _gradient_dtype(value):
    dtype = numpy.asarray(value).dtype
    return dtype if numpy.issubdtype(dtype, numpy.inexact) else numpy.dtype(numpy.float64)


def _flat_zeros(value):
    """A flat zero gradient with one entry per element of `value`."""
    return numpy.zeros(numpy.size(value), dtype=_gradient_dtype(value))


def _labels(value):
    """arange(size) shaped like `value`: each element's flat position."""
    return numpy.arange(numpy.size(value)).reshape(numpy.shape(value))


def _summed_axes(value, grad):
    """The axes of `grad` to sum so that it gets the shape `value` was broadcast from."""
    shape = numpy.shape(value)
    target = numpy.shape(grad)
    lead = len(target) - len(shape)
    return tuple(range(lead)) + tuple(lead + axis for axis, size in enumerate(shape)
                                      if size == 1 and target[lead + axis] != 1)


def _negated(shift):
    """-shift for an int or a sequence of ints (numpy.roll's shift)."""
    if numpy.ndim(shift) == 0:
        return -int(shift)
    return tuple(-int(s) for s in shift)


def _tile_plan(A, reps):
    """How to fold the gradient of numpy.tile(A, reps) back: (split shape, axes to sum)."""
    shape = numpy.shape(A)
    reps = (int(reps),) if numpy.ndim(reps) == 0 else tuple(int(r) for r in reps)
    ndim = max(len(shape), len(reps))
    shape = (1,) * (ndim - len(shape)) + tuple(shape)
    reps = (1,) * (ndim - len(reps)) + reps
    split = ()
    for count, size in zip(reps, shape):
        split += (count, size)
    return split, tuple(range(0, 2 * ndim, 2))


def _take_labels(a, indices, axis=None, mode='raise'):
    return numpy.take(_labels(a), indices, axis=axis, mode=mode)


def _along_axis_labels(arr, indices, axis=-1):
    return numpy.take_along_axis(_labels(arr), indices, axis)


def _repeat_labels(a, repeats, axis=None):
    return numpy.repeat(_labels(a), repeats, axis)


def _delete_labels(arr, obj, axis=None):
    return numpy.delete(_labels(arr), obj, axis)


def _insert_sources(arr, obj, values, axis=None):
    """Where numpy.insert put arr's and values' elements.

    Returns (mask of the result's elements taken from arr, mask of those taken
    from values, the flat positions in values of the latter).
    """
    size = numpy.size(arr)
    labels = numpy.insert(_labels(arr), obj, size + _labels(values), axis)
    inserted = labels >= size
    return ~inserted, inserted, labels[inserted] - size


def _pad_pairs(pad_width, ndim):
    """numpy.pad's pad_width as one (before, after) pair per axis."""
    if isinstance(pad_width, dict):
        pairs = [(0, 0)] * ndim
        for axis, width in pad_width.items():
            width = numpy.ravel(width)
            pairs[axis] = (int(width[0]), int(width[-1]))
        return pairs
    width = numpy.asarray(pad_width)
    if width.size == 1:
        return [(int(width.ravel()[0]),) * 2] * ndim
    if width.size == 2 and width.shape != (2, 1):
        before, after = width.ravel()
        return [(int(before), int(after))] * ndim
    return [(int(before), int(after)) for before, after in numpy.broadcast_to(width, (ndim, 2))]


_PAD_GATHER_MODES = ('edge', 'reflect', 'symmetric', 'wrap')


def _pad_sources(array, pad_width, mode='constant'):
    """(selection in the padded result, flat positions in array it came from)."""
    shape = numpy.shape(array)
    if mode in ('constant', 'empty'):
        pairs = _pad_pairs(pad_width, len(shape))
        interior = tuple(slice(before, before + size) for (before, _), size in zip(pairs, shape))
        return interior, slice(None)
    if mode in _PAD_GATHER_MODES:
        return Ellipsis, numpy.ravel(numpy.pad(_labels(array), pad_width, mode))
    raise NotImplementedError(
        'tangent differentiates numpy.pad in the modes constant, %s; not %r.'
        % (', '.join(_PAD_GATHER_MODES), mode))


def _sort_order(a, axis=-1):
    """The permutation numpy.sort applies (ties broken stably, the same in both modes)."""
    return numpy.argsort(a, axis=axis, kind='stable')


def _sort_inverse(a, axis=-1):
    """Where each element of `a` went in numpy.sort(a, axis)."""
    order = _sort_order(a, axis)
    return numpy.argsort(order, axis=-1 if axis is None else axis, kind='stable')


def _diff_widths(grad, n, axis=-1):
    """pad_width that surrounds `grad` with n zeros on both sides of `axis`."""
    ndim = numpy.ndim(grad)
    widths = [(0, 0)] * ndim
    widths[axis % ndim] = (n, n)
    return widths


def _hstack_axis(tup):
    """numpy.hstack joins 1-d arrays (and scalars) along axis 0, others along axis 1."""
    return 0 if numpy.ndim(tup[0]) <= 1 else 1


# Gradient transformations with their own templates.

def split_as(grad, arrays, axis=0):
    """Split the gradient of a join along `axis` into gradients shaped like `arrays`.

    Each piece holds as many elements of `grad` as its array has, so this undoes
    concatenate (axis=None: of flattened arrays), stack and the *stack family,
    whatever promotion (atleast_1d, column vectors) the join applied.
    """
    grad = numpy.asarray(grad)
    if axis is None:
        flat = numpy.ravel(grad)
        bounds = numpy.cumsum([0] + [numpy.size(array) for array in arrays])
        return [numpy.reshape(flat[start:stop], numpy.shape(array))
                for start, stop, array in zip(bounds[:-1], bounds[1:], arrays)]
    length = grad.shape[axis]
    other = grad.size // length if length else 0
    counts = [numpy.size(array) // other if other else 0 for array in arrays]
    pieces = numpy.split(grad, numpy.cumsum(counts)[:-1], axis=axis)
    return [numpy.reshape(piece, numpy.shape(array)) for piece, array in zip(pieces, arrays)]


def join_as(pieces, arrays, like, axis=0):
    """The transpose of split_as: pieces shaped like `arrays` joined into `like`'s shape."""
    pieces = tangent.tangents_like(pieces, arrays)
    shape = numpy.shape(like)
    if axis is None:
        flat = [numpy.ravel(piece) for piece in pieces]
        return numpy.reshape(numpy.concatenate(flat), shape)
    axis = axis % len(shape)
    other = int(numpy.prod(shape)) // shape[axis] if shape[axis] else 0
    blocks = []
    for piece, array in zip(pieces, arrays):
        count = numpy.size(array) // other if other else 0
        blocks.append(numpy.reshape(piece, shape[:axis] + (count,) + shape[axis + 1:]))
    return numpy.concatenate(blocks, axis=axis)


def pad_fill(fill, array, pad_width, mode='constant'):
    """numpy.pad(zeros like array, ..., constant_values=fill): the part of pad linear in its fill."""
    if mode != 'constant':
        shape = numpy.shape(numpy.pad(numpy.zeros(numpy.shape(array)), pad_width, mode))
        return numpy.zeros(shape, dtype=numpy.result_type(numpy.asarray(fill), 1.0))
    zeros = numpy.zeros(numpy.shape(array), dtype=numpy.result_type(numpy.asarray(fill), 1.0))
    return numpy.pad(zeros, pad_width, 'constant', constant_values=fill)


def pad_fill_sum(grad, fill, array, pad_width, mode='constant'):
    """The transpose of pad_fill: for each entry of `fill`, the sum of grad where pad put it."""
    grad = numpy.asarray(grad)
    shape = numpy.shape(fill)
    count = int(numpy.prod(shape))
    sums = numpy.zeros(count, dtype=numpy.result_type(grad, 1.0))
    if mode == 'constant':
        for k in range(count):
            unit = numpy.zeros(count)
            unit[k] = 1.0
            basis = numpy.pad(numpy.zeros(numpy.shape(array)), pad_width, 'constant',
                              constant_values=unit.reshape(shape))
            sums[k] = numpy.sum(grad * basis)
    if isinstance(fill, numbers.Number) and not isinstance(fill, numpy.generic):
        return sums[0].item()  # a Python number's gradient is a Python number
    return sums.reshape(shape)


def as_gradient_of(grad, value):
    """`grad` as a gradient of `value`: its real part if value is real, complex if value is complex."""
    real_value = not numpy.iscomplexobj(value)
    if real_value and numpy.iscomplexobj(grad):
        return numpy.real(grad)
    if not real_value and not numpy.iscomplexobj(grad):
        return grad + 0j
    return grad


def imag_gradient(grad, value):
    """The gradient of `value` from the gradient of imag(value): 1j * grad, or zero for a real value."""
    if numpy.iscomplexobj(value):
        return grad * 1j
    return numpy.zeros_like(numpy.real(grad))


def drop_last(sequence):
    """sequence[:-1] as a new list: the gradient of a list before an append."""
    return list(sequence[:-1])


def pad_last(grad, sequence):
    """The transpose of drop_last: the gradients of sequence[:-1], and a zero for its last item."""
    return list(tangent.tangents_like(grad, sequence[:-1])) + [tangent.zeros_like(sequence[-1])]


# Rearrangements: the adjoint undoes them.


@adjoint(numpy.reshape)
def reshape(y, a, /, shape, order='C', *, copy=None):
    d[a] = numpy.reshape(d[y], numpy.shape(a), order=order)


@tangent_of(numpy.reshape)
def reshape_tangent(y, a, /, shape, order='C', *, copy=None):
    d[y] = numpy.reshape(d[a], numpy.shape(y), order=order)


@adjoint(numpy.ravel)
def ravel(y, a, order='C'):
    d[a] = numpy.reshape(d[y], numpy.shape(a), order=order)


@tangent_of(numpy.ravel)
def ravel_tangent(y, a, order='C'):
    d[y] = numpy.ravel(d[a], order=order)


@adjoint(numpy.transpose)
def transpose(y, a, axes=None):
    d[a] = tangent.transpose_adjoint(d[y], axes)


@tangent_of(numpy.transpose)
def transpose_tangent(y, a, axes=None):
    d[y] = numpy.transpose(d[a], axes)


@adjoint(numpy.swapaxes)
def swapaxes(y, a, axis1, axis2):
    d[a] = numpy.swapaxes(d[y], axis1, axis2)


@tangent_of(numpy.swapaxes)
def swapaxes_tangent(y, a, axis1, axis2):
    d[y] = numpy.swapaxes(d[a], axis1, axis2)


@adjoint(numpy.moveaxis)
def moveaxis(y, a, source, destination):
    d[a] = numpy.moveaxis(d[y], destination, source)


@tangent_of(numpy.moveaxis)
def moveaxis_tangent(y, a, source, destination):
    d[y] = numpy.moveaxis(d[a], source, destination)


@adjoint(numpy.expand_dims)
def expand_dims(y, a, axis):
    d[a] = numpy.reshape(d[y], numpy.shape(a))


@tangent_of(numpy.expand_dims)
def expand_dims_tangent(y, a, axis):
    d[y] = numpy.expand_dims(d[a], axis)


@adjoint(numpy.squeeze)
def squeeze(y, a, axis=None):
    d[a] = numpy.reshape(d[y], numpy.shape(a))


@tangent_of(numpy.squeeze)
def squeeze_tangent(y, a, axis=None):
    d[y] = numpy.squeeze(d[a], axis)


@adjoint(numpy.atleast_1d)
def atleast_1d(y, x):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@tangent_of(numpy.atleast_1d)
def atleast_1d_tangent(y, x):
    d[y] = numpy.atleast_1d(d[x])


@adjoint(numpy.atleast_2d)
def atleast_2d(y, x):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@tangent_of(numpy.atleast_2d)
def atleast_2d_tangent(y, x):
    d[y] = numpy.atleast_2d(d[x])


@adjoint(numpy.atleast_3d)
def atleast_3d(y, x):
    d[x] = numpy.reshape(d[y], numpy.shape(x))


@tangent_of(numpy.atleast_3d)
def atleast_3d_tangent(y, x):
    d[y] = numpy.atleast_3d(d[x])


@adjoint(numpy.broadcast_to)
def broadcast_to(y, array, shape, subok=False):
    d[array] = numpy.reshape(numpy.sum(d[y], axis=_summed_axes(array, d[y])), numpy.shape(array))


@tangent_of(numpy.broadcast_to)
def broadcast_to_tangent(y, array, shape, subok=False):
    d[y] = numpy.broadcast_to(d[array], shape)


@adjoint(numpy.flip)
def flip(y, m, axis=None):
    d[m] = numpy.flip(d[y], axis)


@tangent_of(numpy.flip)
def flip_tangent(y, m, axis=None):
    d[y] = numpy.flip(d[m], axis)


@adjoint(numpy.fliplr)
def fliplr(y, m):
    d[m] = numpy.fliplr(d[y])


@tangent_of(numpy.fliplr)
def fliplr_tangent(y, m):
    d[y] = numpy.fliplr(d[m])


@adjoint(numpy.flipud)
def flipud(y, m):
    d[m] = numpy.flipud(d[y])


@tangent_of(numpy.flipud)
def flipud_tangent(y, m):
    d[y] = numpy.flipud(d[m])


@adjoint(numpy.roll)
def roll(y, a, shift, axis=None):
    d[a] = numpy.roll(d[y], _negated(shift), axis)


@tangent_of(numpy.roll)
def roll_tangent(y, a, shift, axis=None):
    d[y] = numpy.roll(d[a], shift, axis)


@adjoint(numpy.rot90)
def rot90(y, m, k=1, axes=(0, 1)):
    d[m] = numpy.rot90(d[y], -k, axes)


@tangent_of(numpy.rot90)
def rot90_tangent(y, m, k=1, axes=(0, 1)):
    d[y] = numpy.rot90(d[m], k, axes)


@adjoint(numpy.tile)
def tile(y, A, reps):
    plan = _tile_plan(A, reps)
    d[A] = numpy.reshape(numpy.sum(numpy.reshape(d[y], plan[0]), axis=plan[1]), numpy.shape(A))


@tangent_of(numpy.tile)
def tile_tangent(y, A, reps):
    d[y] = numpy.tile(d[A], reps)


@adjoint(numpy.sort)
def sort(y, a, axis=-1, kind=None, order=None, *, stable=None):
    d[a] = numpy.reshape(numpy.take_along_axis(d[y], _sort_inverse(a, axis), axis), numpy.shape(a))


@tangent_of(numpy.sort)
def sort_tangent(y, a, axis=-1, kind=None, order=None, *, stable=None):
    d[y] = numpy.take_along_axis(d[a], _sort_order(a, axis), axis)


@adjoint(numpy.diff)
def diff(y, a, n=1, axis=-1):
    d[a] = (-1) ** n * numpy.diff(numpy.pad(d[y], _diff_widths(d[y], n, axis)), n, axis)


@tangent_of(numpy.diff)
def diff_tangent(y, a, n=1, axis=-1):
    d[y] = numpy.diff(d[a], n, axis)


# Gathers: the adjoint scatters the gradient back through a label map.


@adjoint(numpy.take)
def take(y, a, indices, axis=None, out=None, mode='raise'):
    d[a] = numpy.reshape(tangent.add_at(_flat_zeros(a), _take_labels(a, indices, axis, mode), d[y]),
                         numpy.shape(a))


@tangent_of(numpy.take)
def take_tangent(y, a, indices, axis=None, out=None, mode='raise'):
    d[y] = numpy.take(d[a], indices, axis, mode=mode)


@adjoint(numpy.take_along_axis)
def take_along_axis(y, arr, indices, axis=-1):
    d[arr] = numpy.reshape(tangent.add_at(_flat_zeros(arr), _along_axis_labels(arr, indices, axis), d[y]),
                           numpy.shape(arr))


@tangent_of(numpy.take_along_axis)
def take_along_axis_tangent(y, arr, indices, axis=-1):
    d[y] = numpy.take_along_axis(d[arr], indices, axis)


@adjoint(numpy.repeat)
def repeat(y, a, repeats, axis=None):
    d[a] = numpy.reshape(tangent.add_at(_flat_zeros(a), _repeat_labels(a, repeats, axis), d[y]),
                         numpy.shape(a))


@tangent_of(numpy.repeat)
def repeat_tangent(y, a, repeats, axis=None):
    d[y] = numpy.repeat(d[a], repeats, axis)


@adjoint(numpy.delete)
def delete(y, arr, obj, axis=None):
    d[arr] = numpy.reshape(tangent.add_at(_flat_zeros(arr), _delete_labels(arr, obj, axis), d[y]),
                           numpy.shape(arr))


@tangent_of(numpy.delete)
def delete_tangent(y, arr, obj, axis=None):
    d[y] = numpy.delete(d[arr], obj, axis)


@adjoint(numpy.insert)
def insert(y, arr, obj, values, axis=None):
    sources = _insert_sources(arr, obj, values, axis)
    d[arr] = numpy.reshape(d[y][sources[0]], numpy.shape(arr))
    d[values] = numpy.reshape(tangent.add_at(_flat_zeros(values), sources[2], d[y][sources[1]]),
                              numpy.shape(values))


@tangent_of(numpy.insert)
def insert_tangent(y, arr, obj, values, axis=None):
    d[y] = numpy.insert(tangent.tangents_like(d[arr], arr), obj, d[values], axis)


@adjoint(numpy.pad)
def pad(y, array, pad_width, mode='constant', constant_values=0):
    sources = _pad_sources(array, pad_width, mode)
    d[array] = numpy.reshape(
        tangent.add_at(_flat_zeros(array), sources[1], numpy.ravel(d[y][sources[0]])), numpy.shape(array))
    d[constant_values] = pad_fill_sum(d[y], constant_values, array, pad_width, mode)


@tangent_of(numpy.pad)
def pad_tangent(y, array, pad_width, mode='constant', constant_values=0):
    d[y] = (numpy.pad(tangent.tangents_like(d[array], array), pad_width, mode)
            + pad_fill(d[constant_values], array, pad_width, mode))


@adjoint(pad_fill)
def pad_fill_adjoint(y, fill, array, pad_width, mode='constant'):
    d[fill] = pad_fill_sum(d[y], fill, array, pad_width, mode)


@tangent_of(pad_fill)
def pad_fill_tangent(y, fill, array, pad_width, mode='constant'):
    d[y] = pad_fill(d[fill], array, pad_width, mode)


@adjoint(pad_fill_sum)
def pad_fill_sum_adjoint(y, grad, fill, array, pad_width, mode='constant'):
    d[grad] = pad_fill(d[y], array, pad_width, mode)


@tangent_of(pad_fill_sum)
def pad_fill_sum_tangent(y, grad, fill, array, pad_width, mode='constant'):
    d[y] = pad_fill_sum(d[grad], fill, array, pad_width, mode)


# Joins and splits.


@adjoint(numpy.concatenate)
def concatenate(y, arrays, /, axis=0, out=None, *, dtype=None, casting='same_kind'):
    d[arrays] = split_as(d[y], arrays, axis)


@tangent_of(numpy.concatenate)
def concatenate_tangent(y, arrays, /, axis=0, out=None, *, dtype=None, casting='same_kind'):
    d[y] = numpy.concatenate(tangent.tangents_like(d[arrays], arrays), axis=axis)


@adjoint(numpy.stack)
def stack(y, arrays, axis=0, out=None, *, dtype=None, casting='same_kind'):
    d[arrays] = tangent.unstack(d[y], axis)


@tangent_of(numpy.stack)
def stack_tangent(y, arrays, axis=0, out=None, *, dtype=None, casting='same_kind'):
    d[y] = numpy.stack(tangent.tangents_like(d[arrays], arrays), axis=axis)


@adjoint(numpy.hstack)
def hstack(y, tup, *, dtype=None, casting='same_kind'):
    d[tup] = split_as(d[y], tup, _hstack_axis(tup))


@tangent_of(numpy.hstack)
def hstack_tangent(y, tup, *, dtype=None, casting='same_kind'):
    d[y] = numpy.hstack(tangent.tangents_like(d[tup], tup))


@adjoint(numpy.vstack)
def vstack(y, tup, *, dtype=None, casting='same_kind'):
    d[tup] = split_as(d[y], tup, 0)


@tangent_of(numpy.vstack)
def vstack_tangent(y, tup, *, dtype=None, casting='same_kind'):
    d[y] = numpy.vstack(tangent.tangents_like(d[tup], tup))


@adjoint(numpy.dstack)
def dstack(y, tup):
    d[tup] = split_as(d[y], tup, 2)


@tangent_of(numpy.dstack)
def dstack_tangent(y, tup):
    d[y] = numpy.dstack(tangent.tangents_like(d[tup], tup))


@adjoint(numpy.column_stack)
def column_stack(y, tup):
    d[tup] = split_as(d[y], tup, 1)


@tangent_of(numpy.column_stack)
def column_stack_tangent(y, tup):
    d[y] = numpy.column_stack(tangent.tangents_like(d[tup], tup))


@adjoint(numpy.append)
def numpy_append(y, arr, values, axis=None):
    pieces = split_as(d[y], [arr, values], axis)
    d[arr] = pieces[0]
    d[values] = pieces[1]


@tangent_of(numpy.append)
def numpy_append_tangent(y, arr, values, axis=None):
    d[y] = numpy.append(tangent.tangents_like(d[arr], arr), tangent.tangents_like(d[values], values), axis)


@adjoint(numpy.split)
def split(y, ary, indices_or_sections, axis=0):
    d[ary] = numpy.concatenate(tangent.tangents_like(d[y], y), axis=axis)


@tangent_of(numpy.split)
def split_tangent(y, ary, indices_or_sections, axis=0):
    d[y] = numpy.split(d[ary], indices_or_sections, axis)


@adjoint(numpy.array_split)
def array_split(y, ary, indices_or_sections, axis=0):
    d[ary] = numpy.concatenate(tangent.tangents_like(d[y], y), axis=axis)


@tangent_of(numpy.array_split)
def array_split_tangent(y, ary, indices_or_sections, axis=0):
    d[y] = numpy.array_split(d[ary], indices_or_sections, axis)


@adjoint(split_as)
def split_as_adjoint(y, grad, arrays, axis=0):
    d[grad] = join_as(d[y], arrays, grad, axis)


@tangent_of(split_as)
def split_as_tangent(y, grad, arrays, axis=0):
    d[y] = split_as(d[grad], arrays, axis)


@adjoint(join_as)
def join_as_adjoint(y, pieces, arrays, like, axis=0):
    d[pieces] = split_as(d[y], arrays, axis)


@tangent_of(join_as)
def join_as_tangent(y, pieces, arrays, like, axis=0):
    d[y] = join_as(d[pieces], arrays, like, axis)


# Copies, conversions and constructors.


@adjoint(numpy.copy)
def copy(y, a, order='K', subok=False):
    d[a] = d[y]


@tangent_of(numpy.copy)
def copy_tangent(y, a, order='K', subok=False):
    d[y] = numpy.copy(d[a])


@adjoint(numpy.asarray)
def asarray(y, a, dtype=None, order=None, *, device=None, copy=None, like=None):
    d[a] = tangent.like(d[y], a)


@tangent_of(numpy.asarray)
def asarray_tangent(y, a, dtype=None, order=None, *, device=None, copy=None, like=None):
    d[y] = numpy.asarray(tangent.tangents_like(d[a], a), dtype=dtype)


@adjoint(numpy.array)
def array(y, object, dtype=None, *, copy=True, order='K', subok=False, ndmin=0, ndmax=0, like=None):
    d[object] = tangent.like(numpy.reshape(d[y], numpy.shape(object)), object)


@tangent_of(numpy.array)
def array_tangent(y, object, dtype=None, *, copy=True, order='K', subok=False, ndmin=0, ndmax=0,
                  like=None):
    d[y] = numpy.array(tangent.tangents_like(d[object], object), dtype=dtype, ndmin=ndmin)


@adjoint(numpy.full)
def full(y, shape, fill_value, dtype=None, order='C', *, device=None, like=None):
    d[fill_value] = numpy.reshape(numpy.sum(d[y], axis=_summed_axes(fill_value, d[y])),
                                  numpy.shape(fill_value))


@tangent_of(numpy.full)
def full_tangent(y, shape, fill_value, dtype=None, order='C', *, device=None, like=None):
    d[y] = numpy.full(shape, d[fill_value], dtype=dtype)


@adjoint(numpy.full_like)
def full_like(y, a, fill_value, dtype=None, order='K', subok=True, shape=None, *, device=None):
    d[fill_value] = numpy.reshape(numpy.sum(d[y], axis=_summed_axes(fill_value, d[y])),
                                  numpy.shape(fill_value))


@tangent_of(numpy.full_like)
def full_like_tangent(y, a, fill_value, dtype=None, order='K', subok=True, shape=None, *, device=None):
    d[y] = numpy.full_like(a, d[fill_value], dtype=dtype, shape=shape)


@adjoint(numpy.real)
def real(y, val):
    d[val] = as_gradient_of(d[y], val)


@tangent_of(numpy.real)
def real_tangent(y, val):
    d[y] = numpy.real(d[val])


@adjoint(numpy.imag)
def imag(y, val):
    d[val] = imag_gradient(d[y], val)


@tangent_of(numpy.imag)
def imag_tangent(y, val):
    d[y] = numpy.imag(d[val])


@adjoint(numpy.conjugate)
def conjugate(y, x):
    d[x] = numpy.conjugate(d[y])


@tangent_of(numpy.conjugate)
def conjugate_tangent(y, x):
    d[y] = numpy.conjugate(d[x])


@adjoint(as_gradient_of)
def as_gradient_of_adjoint(y, grad, value):
    d[grad] = as_gradient_of(d[y], grad)


@tangent_of(as_gradient_of)
def as_gradient_of_tangent(y, grad, value):
    d[y] = as_gradient_of(d[grad], value)


@adjoint(imag_gradient)
def imag_gradient_adjoint(y, grad, value):
    d[grad] = numpy.imag(d[y])


@tangent_of(imag_gradient)
def imag_gradient_tangent(y, grad, value):
    d[y] = imag_gradient(d[grad], value)


# Run-time helpers that differentiated code calls.


@adjoint(tangent.copy)
def copy_value(y, x):
    d[x] = d[y]


@tangent_of(tangent.copy)
def copy_value_tangent(y, x):
    d[y] = tangent.copy(d[x])


@adjoint(tangent.append)
def append(y, sequence, item):
    d[sequence] = drop_last(d[y])
    d[item] = d[y][-1]


@tangent_of(tangent.append)
def append_tangent(y, sequence, item):
    d[y] = tangent.append(tangent.tangents_like(d[sequence], sequence), d[item])


@adjoint(drop_last)
def drop_last_adjoint(y, sequence):
    d[sequence] = pad_last(d[y], sequence)


@tangent_of(drop_last)
def drop_last_tangent(y, sequence):
    d[y] = drop_last(tangent.tangents_like(d[sequence], sequence))


@adjoint(pad_last)
def pad_last_adjoint(y, grad, sequence):
    d[grad] = drop_last(d[y])


@tangent_of(pad_last)
def pad_last_tangent(y, grad, sequence):
    d[y] = pad_last(d[grad], sequence)


non_differentiable(
    _flat_zeros, _labels, _summed_axes, _negated, _tile_plan, _take_labels, _along_axis_labels,
    _repeat_labels, _delete_labels, _insert_sources, _pad_pairs, _pad_sources, _sort_order,
    _sort_inverse, _diff_widths, _hstack_axis)

# Zero in, zero out: the optimiser folds these calls away for a zero tangent.
for _function in (numpy.reshape, numpy.ravel, numpy.transpose, numpy.swapaxes, numpy.moveaxis,
                  numpy.expand_dims, numpy.squeeze, numpy.atleast_1d, numpy.atleast_2d, numpy.atleast_3d,
                  numpy.broadcast_to, numpy.flip, numpy.fliplr, numpy.flipud, numpy.roll, numpy.rot90,
                  numpy.tile, numpy.diff, numpy.take, numpy.take_along_axis, numpy.repeat, numpy.delete,
                  numpy.copy, numpy.real, numpy.imag, numpy.conjugate, join_as, pad_fill, pad_fill_sum,
                  as_gradient_of, imag_gradient):
    linear(_function, 0)
linear(numpy.full, 1)
linear(numpy.full_like, 1)

# Arguments read only for their shape, type or positions.
inert_arguments(numpy.full_like, 0)
inert_arguments(split_as, 1)
inert_arguments(join_as, 1, 2)
inert_arguments(pad_fill, 1)
inert_arguments(pad_fill_sum, 1, 2)
inert_arguments(as_gradient_of, 1)
inert_arguments(imag_gradient, 1)
inert_arguments(pad_last, 1)
