"""Linear algebra: products, decompositions and solves (adjoint and tangent).

Products (dot, inner, outer, tensordot, einsum, kron, cross) are multilinear:
their tangent is the sum of the product with one argument replaced by its
tangent, and their adjoints are contractions of the gradient with the other
arguments. Contractions are written with `_contract`, an einsum whose output
may also repeat a label (a diagonal) or name a label no input has (a
broadcast), so that the adjoint of a contraction is again a contraction.

Decompositions follow the textbook matrix-calculus results: for A = L L^T,
A = V diag(w) V^T, A = U diag(s) V^T and A = Q R the tangent of the factors is
obtained from the differential of the defining identity, and the adjoint is
its transpose. Functions that read one triangle of a symmetric input
(cholesky, eigh) are differentiated as exactly that: perturbing an element of
the unread triangle changes nothing. Matrices may be stacked (batched) on
leading axes wherever NumPy allows it.

Every helper that appears in generated code is differentiable again, either
through its own templates or because it is plain NumPy tangent can read, so
that Hessians (forward over reverse) of code using these primitives work.

Limits: real inputs (the adjoints transpose, they do not conjugate); eigh
and svd assume distinct eigenvalues and distinct nonzero singular values,
svd of a non-square matrix needs full_matrices=False (or compute_uv=False),
qr the reduced mode of a square or tall matrix, pinv and lstsq a matrix of
full rank; einsum takes a subscripts string and at most three operands.
"""
import string

import numpy

import tangent
from tangent.errors import TangentError
from tangent.rules.registry import adjoint, inert_arguments, linear, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative


# --------------------------------------------------------------------------
# Helpers: shapes, specs and structural linear maps.


def _mT(x):
    """The matrix transpose of the last two axes (of each matrix of a stack)."""
    return numpy.swapaxes(x, -1, -2)


def _eye_like(x):
    """The identity matrix matching the last axis of x (and its floating dtype)."""
    dtype = numpy.result_type(x)
    return numpy.eye(numpy.shape(x)[-1], dtype=dtype if dtype.kind in 'fc' else numpy.float64)


def _contract(spec, shape, a, b=None, c=None):
    """einsum(spec, a, b, c), with a generalised output.

    The output subscripts may repeat a label (the result is zero off that
    diagonal) or contain a label no input has (the result is broadcast along
    it; its size is read from `shape`, the result's shape). Both occur in the
    adjoint of a contraction, and the adjoint of this function is again such a
    contraction (see `_transpose_spec`).
    """
    inputs, output = spec.split('->')
    operands = (a, b, c)[:inputs.count(',') + 1]
    present = ''.join(dict.fromkeys(label for label in output if label in inputs))
    core = numpy.einsum(inputs + '->' + present, *operands)
    if present == output:
        return core
    sizes = dict(zip(present, numpy.shape(core)))
    dtype = core.dtype if numpy.asarray(core).dtype.kind in 'fc' else numpy.float64
    unused = iter([label for label in string.ascii_letters if label not in spec])
    final, subscripts, factors = '', [present], [core]
    for position, label in enumerate(output):
        if label not in final and label not in sizes:
            sizes[label] = shape[position]  # a broadcast label
            subscripts.append(label)
            factors.append(numpy.ones(shape[position], dtype=dtype))
            final += label
        elif label not in final:
            final += label
        else:  # a repeated label: a diagonal, made with an identity matrix
            fresh = next(unused)
            subscripts.append(label + fresh)
            factors.append(numpy.eye(sizes[label], dtype=dtype))
            final += fresh
    return numpy.einsum(','.join(subscripts) + '->' + final, *factors)


def _transpose_spec(spec, index):
    """The spec of the adjoint of `_contract(spec, ...)` with respect to operand `index`.

    Its operands are the gradient of the result, then the other operands in order.
    """
    inputs, output = spec.split('->')
    subscripts = inputs.split(',')
    others = [s for position, s in enumerate(subscripts) if position != index]
    return ','.join([output] + others) + '->' + subscripts[index]


def _einsum_spec(subscripts, a, b=None, c=None):
    """numpy.einsum's subscripts made explicit: no ellipsis, an output, no broadcasting.

    Ellipses become letters; a dimension of size 1 that NumPy broadcasts
    against a larger one gets a label of its own (summed over, size 1).
    """
    if not isinstance(subscripts, str):
        raise TangentError('tangent differentiates numpy.einsum called with a subscripts string, '
                           'not with the interleaved operand/sublist form')
    operands = [x for x in (a, b, c) if x is not None]
    shapes = [numpy.shape(x) for x in operands]
    text = subscripts.replace(' ', '')
    if '->' in text:
        inputs, output = text.split('->')
    else:
        inputs, output = text, None
    subs = inputs.split(',')
    unused = iter([label for label in string.ascii_letters if label not in text])
    ellipsis_dims = max([len(shape) - len(s) + 3 for s, shape in zip(subs, shapes) if '...' in s] + [0])
    ellipsis = ''.join(next(unused) for _ in range(ellipsis_dims))
    if output is None:  # implicit output: labels seen once, sorted, after the ellipsis
        labels = inputs.replace('.', '').replace(',', '')
        output = ('...' if '...' in inputs else '') + ''.join(
            sorted(label for label in set(labels) if labels.count(label) == 1))
    expanded = []
    for s, shape in zip(subs, shapes):
        if '...' in s:
            count = len(shape) - len(s) + 3
            s = s.replace('...', ellipsis[len(ellipsis) - count:])
        expanded.append(s)
    output = output.replace('...', ellipsis)
    sizes = {}
    for s, shape in zip(expanded, shapes):
        for label, size in zip(s, shape):
            sizes[label] = max(sizes.get(label, 1), size)
    final = [''.join(next(unused) if size == 1 and sizes[label] > 1 else label
                     for label, size in zip(s, shape)) for s, shape in zip(expanded, shapes)]
    return ','.join(final) + '->' + output


def _tensordot_spec(a, b, axes=2):
    """The einsum spec of numpy.tensordot(a, b, axes)."""
    na, nb = numpy.ndim(a), numpy.ndim(b)
    if isinstance(axes, (int, numpy.integer)):
        axes_a, axes_b = list(range(na - axes, na)), list(range(axes))
    else:
        axes_a, axes_b = axes
        axes_a = [axes_a] if isinstance(axes_a, (int, numpy.integer)) else list(axes_a)
        axes_b = [axes_b] if isinstance(axes_b, (int, numpy.integer)) else list(axes_b)
    axes_a = [axis % na for axis in axes_a]
    axes_b = [axis % nb for axis in axes_b]
    letters = iter(string.ascii_letters)
    sub_a = [next(letters) for _ in range(na)]
    sub_b = [next(letters) for _ in range(nb)]
    for i, j in zip(axes_a, axes_b):
        sub_b[j] = sub_a[i]
    output = ([label for i, label in enumerate(sub_a) if i not in axes_a]
              + [label for j, label in enumerate(sub_b) if j not in axes_b])
    return ''.join(sub_a) + ',' + ''.join(sub_b) + '->' + ''.join(output)


def _inner_spec(a, b):
    """The einsum spec of numpy.inner(a, b)."""
    na, nb = numpy.ndim(a), numpy.ndim(b)
    if na == 0 or nb == 0:
        return _tensordot_spec(a, b, 0)
    return _tensordot_spec(a, b, ([na - 1], [nb - 1]))


non_differentiable(_eye_like, _transpose_spec, _einsum_spec, _tensordot_spec, _inner_spec)


@adjoint(_mT)
def matrix_transpose(y, x):
    d[x] = _mT(d[y])


@tangent_of(_mT)
def matrix_transpose_tangent(y, x):
    d[y] = _mT(d[x])


@adjoint(_contract)
def contract(y, spec, shape, a, b=None, c=None):
    d[a] = _contract(_transpose_spec(spec, 0), numpy.shape(a), d[y], b, c)
    d[b] = _contract(_transpose_spec(spec, 1), numpy.shape(b), d[y], a, c)
    d[c] = _contract(_transpose_spec(spec, 2), numpy.shape(c), d[y], a, b)


@tangent_of(_contract)
def contract_tangent(y, spec, shape, a, b=None, c=None):
    d[y] = _contract(spec, shape, d[a], b, c) + _contract(spec, shape, a, d[b], c) \
        + _contract(spec, shape, a, b, d[c])


# --------------------------------------------------------------------------
# Products.


@adjoint(numpy.dot)
def dot(y, a, b):
    d[a] = tangent.dot_adjoint_a(d[y], a, b)
    d[b] = tangent.dot_adjoint_b(d[y], a, b)


@tangent_of(numpy.dot)
def dot_tangent(y, a, b):
    d[y] = numpy.dot(d[a], b) + numpy.dot(a, d[b])


@adjoint(numpy.matmul)
def matmul(y, a, b):
    d[a] = tangent.matmul_adjoint_a(d[y], a, b)
    d[b] = tangent.matmul_adjoint_b(d[y], a, b)


@tangent_of(numpy.matmul)
def matmul_tangent(y, a, b):
    d[y] = numpy.matmul(d[a], b) + numpy.matmul(a, d[b])


@adjoint(numpy.vdot)
def vdot(y, a, b):
    d[a] = numpy.reshape(d[y] * numpy.ravel(b), numpy.shape(a))
    d[b] = numpy.reshape(d[y] * numpy.ravel(a), numpy.shape(b))


@tangent_of(numpy.vdot)
def vdot_tangent(y, a, b):
    d[y] = numpy.vdot(d[a], b) + numpy.vdot(a, d[b])


@adjoint(numpy.inner)
def inner(y, a, b):
    spec = _inner_spec(a, b)
    d[a] = _contract(_transpose_spec(spec, 0), numpy.shape(a), d[y], b)
    d[b] = _contract(_transpose_spec(spec, 1), numpy.shape(b), d[y], a)


@tangent_of(numpy.inner)
def inner_tangent(y, a, b):
    d[y] = numpy.inner(d[a], b) + numpy.inner(a, d[b])


@adjoint(numpy.outer)
def outer(y, a, b):
    d[a] = numpy.reshape(numpy.dot(d[y], numpy.ravel(b)), numpy.shape(a))
    d[b] = numpy.reshape(numpy.dot(numpy.ravel(a), d[y]), numpy.shape(b))


@tangent_of(numpy.outer)
def outer_tangent(y, a, b):
    d[y] = numpy.outer(d[a], b) + numpy.outer(a, d[b])


@adjoint(numpy.tensordot)
def tensordot(y, a, b, axes=2):
    spec = _tensordot_spec(a, b, axes)
    d[a] = _contract(_transpose_spec(spec, 0), numpy.shape(a), d[y], b)
    d[b] = _contract(_transpose_spec(spec, 1), numpy.shape(b), d[y], a)


@tangent_of(numpy.tensordot)
def tensordot_tangent(y, a, b, axes=2):
    d[y] = numpy.tensordot(d[a], b, axes) + numpy.tensordot(a, d[b], axes)


@adjoint(numpy.einsum)
def einsum(y, subscripts, a, b=None, c=None, *, optimize=False):
    spec = _einsum_spec(subscripts, a, b, c)
    d[a] = _contract(_transpose_spec(spec, 0), numpy.shape(a), d[y], b, c)
    d[b] = _contract(_transpose_spec(spec, 1), numpy.shape(b), d[y], a, c)
    d[c] = _contract(_transpose_spec(spec, 2), numpy.shape(c), d[y], a, b)


@tangent_of(numpy.einsum)
def einsum_tangent(y, subscripts, a, b=None, c=None, *, optimize=False):
    spec = _einsum_spec(subscripts, a, b, c)
    d[y] = _contract(spec, None, d[a], b, c) + _contract(spec, None, a, d[b], c) \
        + _contract(spec, None, a, b, d[c])


def _kron_layout(a, b):
    """Shapes for numpy.kron(a, b): the result viewed as a grid of interleaved axes.

    Returns (grid shape, a's shape padded to the common rank, b's padded shape,
    the einsum spec contracting the grid with b, the one contracting it with a).
    """
    rank = max(numpy.ndim(a), numpy.ndim(b))
    shape_a = (1,) * (rank - numpy.ndim(a)) + numpy.shape(a)
    shape_b = (1,) * (rank - numpy.ndim(b)) + numpy.shape(b)
    grid = sum(((m, n) for m, n in zip(shape_a, shape_b)), ())
    labels_a, labels_b = string.ascii_letters[:rank], string.ascii_letters[rank:2 * rank]
    grid_labels = ''.join(p + q for p, q in zip(labels_a, labels_b))
    return (grid, shape_a, shape_b, grid_labels + ',' + labels_b + '->' + labels_a,
            grid_labels + ',' + labels_a + '->' + labels_b)


non_differentiable(_kron_layout)


@adjoint(numpy.kron)
def kron(y, a, b):
    layout = _kron_layout(a, b)
    grid = numpy.reshape(d[y], layout[0])
    d[a] = numpy.reshape(numpy.einsum(layout[3], grid, numpy.reshape(b, layout[2])), numpy.shape(a))
    d[b] = numpy.reshape(numpy.einsum(layout[4], grid, numpy.reshape(a, layout[1])), numpy.shape(b))


@tangent_of(numpy.kron)
def kron_tangent(y, a, b):
    d[y] = numpy.kron(d[a], b) + numpy.kron(a, d[b])


def _cross_axes(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """numpy.cross's vector axes of a, b and the result, counted from the end."""
    if axis is not None:
        axisa = axisb = axisc = axis
    rank = max(numpy.ndim(a), numpy.ndim(b))
    return (axisa - numpy.ndim(a) if axisa >= 0 else axisa,
            axisb - numpy.ndim(b) if axisb >= 0 else axisb,
            axisc - rank if axisc >= 0 else axisc)


non_differentiable(_cross_axes)


@adjoint(numpy.cross)
def cross(y, a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    axes = _cross_axes(a, b, axisa, axisb, axisc, axis)
    d[a] = tangent.unbroadcast(numpy.cross(b, d[y], axisa=axes[1], axisb=axes[2], axisc=axes[0]), a)
    d[b] = tangent.unbroadcast(numpy.cross(d[y], a, axisa=axes[2], axisb=axes[0], axisc=axes[1]), b)


@tangent_of(numpy.cross)
def cross_tangent(y, a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    d[y] = numpy.cross(d[a], b, axisa=axisa, axisb=axisb, axisc=axisc, axis=axis) \
        + numpy.cross(a, d[b], axisa=axisa, axisb=axisb, axisc=axisc, axis=axis)


# --------------------------------------------------------------------------
# Diagonals and triangles: linear, so the tangent applies the same function
# and the adjoint its transpose.


def _diagonal_length(shape, offset, axis1, axis2):
    rows, cols = shape[axis1], shape[axis2]
    if offset >= 0:
        return max(0, min(rows, cols - offset))
    return max(0, min(rows + offset, cols))


def _embed_diagonal(g, shape, offset=0, axis1=0, axis2=1):
    """Zeros of `shape` holding g on the diagonal numpy.diagonal(., offset, axis1, axis2) reads.

    The adjoint of numpy.diagonal: g has the diagonal's shape (the diagonal last).
    """
    result = numpy.zeros(shape, dtype=numpy.result_type(g, 0.0))
    view = numpy.moveaxis(result, (axis1, axis2), (-2, -1))
    index = numpy.arange(_diagonal_length(shape, offset, axis1, axis2))
    view[..., index + max(-offset, 0), index + max(offset, 0)] = g
    return result


def _trace_adjoint(g, shape, offset=0, axis1=0, axis2=1):
    """The adjoint of numpy.trace: g spread along the summed diagonal of zeros of `shape`."""
    length = _diagonal_length(shape, offset, axis1, axis2)
    spread = numpy.broadcast_to(numpy.expand_dims(g, -1), numpy.shape(g) + (length,))
    return _embed_diagonal(spread, shape, offset, axis1, axis2)


def _diag_adjoint(g, v, k=0):
    """The adjoint of numpy.diag(v, k): a diagonal read back, or g placed on one."""
    if numpy.ndim(v) == 1:
        return numpy.array(numpy.diag(g, k))
    return _embed_diagonal(g, numpy.shape(v), k, 0, 1)


@adjoint(_embed_diagonal)
def embed_diagonal(y, g, shape, offset=0, axis1=0, axis2=1):
    d[g] = numpy.diagonal(d[y], offset=offset, axis1=axis1, axis2=axis2)


@tangent_of(_embed_diagonal)
def embed_diagonal_tangent(y, g, shape, offset=0, axis1=0, axis2=1):
    d[y] = _embed_diagonal(d[g], shape, offset, axis1, axis2)


@adjoint(_trace_adjoint)
def trace_adjoint(y, g, shape, offset=0, axis1=0, axis2=1):
    # numpy.trace(d[y], offset, axis1, axis2), written as the sum of the diagonal: the kind
    # analysis takes any numpy.trace(x) for a scalar, which it is not for a stack of matrices.
    d[g] = numpy.sum(numpy.diagonal(d[y], offset=offset, axis1=axis1, axis2=axis2), axis=-1)


@tangent_of(_trace_adjoint)
def trace_adjoint_tangent(y, g, shape, offset=0, axis1=0, axis2=1):
    d[y] = _trace_adjoint(d[g], shape, offset, axis1, axis2)


@adjoint(_diag_adjoint)
def diag_adjoint(y, g, v, k=0):
    d[g] = numpy.diag(d[y], k=k)


@tangent_of(_diag_adjoint)
def diag_adjoint_tangent(y, g, v, k=0):
    d[y] = _diag_adjoint(d[g], v, k)


@adjoint(numpy.trace)
def trace(y, a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    d[a] = _trace_adjoint(d[y], numpy.shape(a), offset, axis1, axis2)


@tangent_of(numpy.trace)
def trace_tangent(y, a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    d[y] = numpy.trace(d[a], offset=offset, axis1=axis1, axis2=axis2)


@adjoint(numpy.diagonal)
def diagonal(y, a, offset=0, axis1=0, axis2=1):
    d[a] = _embed_diagonal(d[y], numpy.shape(a), offset, axis1, axis2)


@tangent_of(numpy.diagonal)
def diagonal_tangent(y, a, offset=0, axis1=0, axis2=1):
    d[y] = numpy.diagonal(d[a], offset=offset, axis1=axis1, axis2=axis2)


@adjoint(numpy.diag)
def diag(y, v, k=0):
    d[v] = _diag_adjoint(d[y], v, k)


@tangent_of(numpy.diag)
def diag_tangent(y, v, k=0):
    d[y] = numpy.diag(d[v], k=k)


@adjoint(numpy.tril)
def tril(y, m, k=0):
    d[m] = numpy.tril(d[y], k=k)


@tangent_of(numpy.tril)
def tril_tangent(y, m, k=0):
    d[y] = numpy.tril(d[m], k=k)


@adjoint(numpy.triu)
def triu(y, m, k=0):
    d[m] = numpy.triu(d[y], k=k)


@tangent_of(numpy.triu)
def triu_tangent(y, m, k=0):
    d[y] = numpy.triu(d[m], k=k)


# --------------------------------------------------------------------------
# Inverses, determinants and solves.


def _as_matrix(v, b):
    """v as a stack of matrices: a column added where numpy.linalg.solve's b is a vector."""
    if numpy.ndim(b) == 1:
        return numpy.expand_dims(v, -1)
    return v


def _from_matrix(v, b):
    """The inverse of _as_matrix: the column dropped again where b is a vector."""
    if numpy.ndim(b) == 1:
        return numpy.squeeze(v, -1)
    return v


@adjoint(_as_matrix)
def as_matrix(y, v, b):
    d[v] = _from_matrix(d[y], b)


@tangent_of(_as_matrix)
def as_matrix_tangent(y, v, b):
    d[y] = _as_matrix(d[v], b)


@adjoint(_from_matrix)
def from_matrix(y, v, b):
    d[v] = _as_matrix(d[y], b)


@tangent_of(_from_matrix)
def from_matrix_tangent(y, v, b):
    d[y] = _from_matrix(d[v], b)


@adjoint(numpy.linalg.inv)
def inv(y, a):
    d[a] = -numpy.matmul(_mT(y), numpy.matmul(d[y], _mT(y)))


@tangent_of(numpy.linalg.inv)
def inv_tangent(y, a):
    d[y] = -numpy.matmul(y, numpy.matmul(d[a], y))


@adjoint(numpy.linalg.det)
def det(y, a):
    d[a] = numpy.expand_dims(d[y] * y, (-2, -1)) * _mT(numpy.linalg.inv(a))


@tangent_of(numpy.linalg.det)
def det_tangent(y, a):
    d[y] = y * numpy.trace(numpy.linalg.solve(a, d[a]), axis1=-2, axis2=-1)


@adjoint(numpy.linalg.slogdet)
def slogdet(y, a):
    d[a] = numpy.expand_dims(tangent.tangents_like(d[y], y)[1], (-2, -1)) * _mT(numpy.linalg.inv(a))


@tangent_of(numpy.linalg.slogdet)
def slogdet_tangent(y, a):
    d[y] = (tangent.zeros_like(y[0]), numpy.trace(numpy.linalg.solve(a, d[a]), axis1=-2, axis2=-1))


@adjoint(numpy.linalg.solve)
def solve(y, a, b):
    gb = numpy.linalg.solve(_mT(a), _as_matrix(d[y], b))
    d[a] = tangent.unbroadcast(-numpy.matmul(gb, _mT(_as_matrix(y, b))), a)
    d[b] = tangent.unbroadcast(_from_matrix(gb, b), b)


@tangent_of(numpy.linalg.solve)
def solve_tangent(y, a, b):
    d[y] = _from_matrix(numpy.linalg.solve(a, _as_matrix(d[b], b) - numpy.matmul(d[a], _as_matrix(y, b))), b)


# --------------------------------------------------------------------------
# Decompositions of symmetric matrices: cholesky and eigh read one triangle.


def _reads_upper(flag):
    """Whether a cholesky `upper` flag or an eigh `UPLO` string selects the upper triangle."""
    return flag is True or (isinstance(flag, str) and flag.upper() == 'U')


def _from_triangle(x, flag):
    """The symmetric matrix a factorisation reads from x's lower (or upper) triangle."""
    if _reads_upper(flag):
        return numpy.triu(x) + _mT(numpy.triu(x, 1))
    return numpy.tril(x) + _mT(numpy.tril(x, -1))


def _to_triangle(s, flag):
    """The adjoint of _from_triangle: a gradient on the read triangle only."""
    if _reads_upper(flag):
        return numpy.triu(s) + numpy.triu(_mT(s), 1)
    return numpy.tril(s) + numpy.tril(_mT(s), -1)


def _lower(x, upper):
    """A Cholesky factor as the lower triangular one (transposed when `upper`)."""
    if upper:
        return _mT(x)
    return x


def _phi(x):
    """The lower triangle of x with its diagonal halved."""
    return numpy.tril(x) - 0.5 * x * _eye_like(x)


def _gaps(w):
    """F[..., i, j] = 1 / (w[j] - w[i]) off the diagonal, 0 on it.

    Also 0 where two values are exactly equal: there the factor multiplies a
    component of the eigenvector gradient that is not defined, and it keeps
    gradients through the eigenvalues alone finite for repeated eigenvalues.
    """
    gap = numpy.expand_dims(w, -2) - numpy.expand_dims(w, -1)
    equal = gap == 0.0
    return numpy.where(equal, 0.0, 1.0 / numpy.where(equal, 1.0, gap))


non_differentiable(_reads_upper)


@adjoint(numpy.linalg.cholesky)
def cholesky(y, a, *, upper=False):
    lower = _lower(y, upper)
    p = _phi(numpy.matmul(_mT(lower), _lower(d[y], upper)))
    s = _mT(numpy.linalg.solve(_mT(lower), _mT(numpy.linalg.solve(_mT(lower), p))))
    d[a] = _to_triangle(s, upper)


@tangent_of(numpy.linalg.cholesky)
def cholesky_tangent(y, a, *, upper=False):
    lower = _lower(y, upper)
    m = _mT(numpy.linalg.solve(lower, _mT(numpy.linalg.solve(lower, _from_triangle(d[a], upper)))))
    d[y] = _lower(numpy.matmul(lower, _phi(m)), upper)


@adjoint(numpy.linalg.eigh)
def eigh(y, a, UPLO='L'):
    w = y[0]
    v = y[1]
    g = tangent.tangents_like(d[y], y)
    core = _gaps(w) * numpy.matmul(_mT(v), g[1]) + numpy.expand_dims(g[0], -1) * _eye_like(w)
    d[a] = _to_triangle(numpy.matmul(v, numpy.matmul(core, _mT(v))), UPLO)


@tangent_of(numpy.linalg.eigh)
def eigh_tangent(y, a, UPLO='L'):
    w = y[0]
    v = y[1]
    m = numpy.matmul(_mT(v), numpy.matmul(_from_triangle(d[a], UPLO), v))
    d[y] = (numpy.diagonal(m, axis1=-2, axis2=-1), numpy.matmul(v, _gaps(w) * m))


# --------------------------------------------------------------------------
# SVD, QR, pseudo-inverse, least squares, powers.


def _check_svd(a, full_matrices, compute_uv):
    if compute_uv and full_matrices and numpy.shape(a)[-1] != numpy.shape(a)[-2]:
        raise TangentError(
            'tangent differentiates numpy.linalg.svd of a non-square matrix only with '
            'full_matrices=False (the extra singular vectors are not unique)')
    return a


def _svd_factors(a, y, full_matrices, compute_uv):
    """(u, s, vh) of a reduced SVD: the result itself, or computed when compute_uv=False."""
    _check_svd(a, full_matrices, compute_uv)
    if compute_uv:
        return y
    return numpy.linalg.svd(a, full_matrices=False)


def _svd_tangent(da, a, y, full_matrices, compute_uv):
    """Tangent of A = U diag(s) Vh (distinct, nonzero singular values)."""
    u, s, vh = _svd_factors(a, y, full_matrices, compute_uv)
    v = _mT(vh)
    p = numpy.matmul(_mT(u), numpy.matmul(da, v))  # U^T dA V
    ds = numpy.diagonal(p, axis1=-2, axis2=-1)
    if not compute_uv:
        return ds
    f = _gaps(s * s)
    row = numpy.expand_dims(s, -2)
    column = numpy.expand_dims(s, -1)
    du = numpy.matmul(u, f * (p * row + column * _mT(p))) \
        + (numpy.matmul(da, v) - numpy.matmul(u, p)) / row
    dv = numpy.matmul(v, f * (column * p + _mT(p) * row)) \
        + (numpy.matmul(_mT(da), u) - numpy.matmul(v, _mT(p))) / row
    return (du, ds, _mT(dv))


def _svd_adjoint(g, a, y, full_matrices, compute_uv):
    """Adjoint of A = U diag(s) Vh (distinct, nonzero singular values)."""
    u, s, vh = _svd_factors(a, y, full_matrices, compute_uv)
    if not compute_uv:
        return numpy.matmul(u, numpy.expand_dims(g, -1) * vh)
    gu, gs, gvh = tangent.tangents_like(g, y)
    v = _mT(vh)
    gv = _mT(gvh)
    f = _gaps(s * s)
    row = numpy.expand_dims(s, -2)
    column = numpy.expand_dims(s, -1)
    ugu = numpy.matmul(_mT(u), gu)
    vgv = numpy.matmul(_mT(v), gv)
    core = f * (ugu - _mT(ugu)) * row + numpy.expand_dims(gs, -1) * _eye_like(s) \
        + column * (f * (vgv - _mT(vgv)))
    result = numpy.matmul(u, numpy.matmul(core, vh))
    result = result + numpy.matmul((gu - numpy.matmul(u, ugu)) / row, vh)
    return result + numpy.matmul(u, (_mT(gv) - numpy.matmul(_mT(vgv), vh)) / column)


non_differentiable(_check_svd)


@adjoint(numpy.linalg.svd)
def svd(y, a, full_matrices=True, compute_uv=True, hermitian=False):
    d[a] = _svd_adjoint(d[y], a, y, full_matrices, compute_uv)


@tangent_of(numpy.linalg.svd)
def svd_tangent(y, a, full_matrices=True, compute_uv=True, hermitian=False):
    d[y] = _svd_tangent(d[a], a, y, full_matrices, compute_uv)


def _solve_right(x, m):
    """x m^{-1} (for each matrix of a stack)."""
    return _mT(numpy.linalg.solve(_mT(m), _mT(x)))


def _check_qr(a, mode):
    if mode != 'reduced' or numpy.shape(a)[-2] < numpy.shape(a)[-1]:
        raise TangentError(
            "tangent differentiates numpy.linalg.qr only with mode='reduced' and for square or "
            "tall matrices (rows >= columns)")
    return a


non_differentiable(_check_qr)


@adjoint(numpy.linalg.qr)
def qr(y, a, mode='reduced'):
    _check_qr(a, mode)
    q = y[0]
    r = y[1]
    g = tangent.tangents_like(d[y], y)
    n = numpy.matmul(g[1], _mT(r)) - numpy.matmul(_mT(q), g[0])
    d[a] = _solve_right(g[0] + numpy.matmul(q, numpy.triu(n) + numpy.tril(_mT(n), -1)), _mT(r))


@tangent_of(numpy.linalg.qr)
def qr_tangent(y, a, mode='reduced'):
    _check_qr(a, mode)
    q = y[0]
    r = y[1]
    c = _solve_right(numpy.matmul(_mT(q), d[a]), r)  # Q^T dA R^-1
    low = numpy.tril(c, -1)
    d[y] = (numpy.matmul(q, low - _mT(low) - c) + _solve_right(d[a], r),
            numpy.matmul(numpy.triu(c) + _mT(low), r))


@adjoint(numpy.linalg.pinv)
def pinv(y, a, rcond=None, hermitian=False, *, rtol=None):
    left = numpy.matmul(_mT(d[y]), numpy.matmul(y, _mT(y)))
    right = numpy.matmul(numpy.matmul(_mT(y), y), _mT(d[y]))
    d[a] = left - numpy.matmul(a, numpy.matmul(y, left)) + right - numpy.matmul(numpy.matmul(right, y), a) \
        - numpy.matmul(_mT(y), numpy.matmul(d[y], _mT(y)))


@tangent_of(numpy.linalg.pinv)
def pinv_tangent(y, a, rcond=None, hermitian=False, *, rtol=None):
    left = numpy.matmul(numpy.matmul(y, _mT(y)), _mT(d[a]))
    right = numpy.matmul(_mT(d[a]), numpy.matmul(_mT(y), y))
    d[y] = left - numpy.matmul(numpy.matmul(left, a), y) + right - numpy.matmul(y, numpy.matmul(a, right)) \
        - numpy.matmul(y, numpy.matmul(d[a], y))


def _matrix_power_tangent(da, a, n):
    """Tangent of a^n: the sum over k of a^k da a^(n-1-k), through the inverse for n < 0."""
    b = a
    db = da
    if n < 0:
        b = numpy.linalg.inv(a)
        db = -numpy.matmul(b, numpy.matmul(da, b))
    m = abs(n)
    total = tangent.zeros_like(a)
    for k in range(m):
        total = total + numpy.matmul(numpy.linalg.matrix_power(b, k),
                                     numpy.matmul(db, numpy.linalg.matrix_power(b, m - 1 - k)))
    return total


def _matrix_power_adjoint(g, a, n):
    """Adjoint of a^n: the sum over k of (a^T)^k g (a^T)^(n-1-k), through the inverse for n < 0."""
    b = a
    if n < 0:
        b = numpy.linalg.inv(a)
    bt = _mT(b)
    m = abs(n)
    total = tangent.zeros_like(a)
    for k in range(m):
        total = total + numpy.matmul(numpy.linalg.matrix_power(bt, k),
                                     numpy.matmul(g, numpy.linalg.matrix_power(bt, m - 1 - k)))
    if n < 0:
        total = -numpy.matmul(bt, numpy.matmul(total, bt))
    return total


@adjoint(numpy.linalg.matrix_power)
def matrix_power(y, a, n):
    d[a] = _matrix_power_adjoint(d[y], a, n)


@tangent_of(numpy.linalg.matrix_power)
def matrix_power_tangent(y, a, n):
    d[y] = _matrix_power_tangent(d[a], a, n)


def _full_tangent(t, like):
    """A tangent given as a literal zero (an input that does not vary), as an array."""
    if numpy.ndim(t) == 0 and numpy.ndim(like) > 0:
        return tangent.zeros_like(like)
    return t


def _lstsq_tangent(da, db, a, b, y):
    """Tangent of (x, residuals, rank, s) = lstsq(a, b) for a of full rank.

    x = P b with P = pinv(a); dx = dP b + P db, with the derivative of the
    pseudo-inverse dP = -P dA P + P P^T dA^T (I - A P) + (I - P A) dA^T P^T P.
    """
    da = _full_tangent(da, a)
    db = _as_matrix(_full_tangent(db, b), b)
    p = numpy.linalg.pinv(a)
    x = _as_matrix(y[0], b)
    r = _as_matrix(b, b) - numpy.matmul(a, x)  # the residual, orthogonal to the range of a
    dr = db - numpy.matmul(da, x)  # the change of the residual at fixed x
    z = numpy.matmul(_mT(da), numpy.matmul(_mT(p), x))
    dx = numpy.matmul(p, dr + numpy.matmul(_mT(p), numpy.matmul(_mT(da), r))) \
        + z - numpy.matmul(p, numpy.matmul(a, z))
    dresiduals = tangent.zeros_like(y[1])
    if numpy.size(y[1]) > 0:
        dresiduals = 2.0 * numpy.sum(r * dr, axis=0)
    u, s, vh = numpy.linalg.svd(a, full_matrices=False)
    ds = numpy.diagonal(numpy.matmul(_mT(u), numpy.matmul(da, _mT(vh))), axis1=-2, axis2=-1)
    return (_from_matrix(dx, b), dresiduals, 0.0, ds)  # the rank is an integer


def _lstsq_adjoint(g, a, b, y):
    """Adjoint of lstsq (a of full rank): the transpose of _lstsq_tangent, as (grad a, grad b).

    One call for both gradients: the engine types lstsq's result as an array,
    so two helpers reading it would have their gradients of it joined with `+`.
    """
    g = tangent.tangents_like(g, y)
    p = numpy.linalg.pinv(a)
    x = _as_matrix(y[0], b)
    gx = _as_matrix(g[0], b)
    r = _as_matrix(b, b) - numpy.matmul(a, x)
    px = numpy.matmul(_mT(p), gx)  # P^T gx
    nx = gx - numpy.matmul(_mT(a), px)  # (I - P A) gx
    grad_a = numpy.matmul(r, _mT(numpy.matmul(p, px))) - numpy.matmul(px, _mT(x)) \
        + numpy.matmul(numpy.matmul(_mT(p), x), _mT(nx))
    grad_b = px
    if numpy.size(y[1]) > 0:
        grad_a = grad_a - 2.0 * numpy.matmul(r * g[1], _mT(x))
        grad_b = grad_b + 2.0 * r * g[1]
    if numpy.any(g[3]):
        u, s, vh = numpy.linalg.svd(a, full_matrices=False)
        grad_a = grad_a + numpy.matmul(u, numpy.expand_dims(g[3], -1) * vh)
    return (grad_a, _from_matrix(grad_b, b))


@adjoint(numpy.linalg.lstsq)
def lstsq(y, a, b, rcond=None):
    grads = _lstsq_adjoint(d[y], a, b, y)
    d[a] = grads[0]
    d[b] = grads[1]


@tangent_of(numpy.linalg.lstsq)
def lstsq_tangent(y, a, b, rcond=None):
    d[y] = _lstsq_tangent(d[a], d[b], a, b, y)


# --------------------------------------------------------------------------
# Linearity: the optimiser folds a call with a zero tangent in these positions.

for _function, _positions in [
        (numpy.dot, (0, 1)), (numpy.matmul, (0, 1)), (numpy.vdot, (0, 1)), (numpy.inner, (0, 1)),
        (numpy.outer, (0, 1)), (numpy.tensordot, (0, 1)), (numpy.einsum, (1, 2, 3)),
        (numpy.kron, (0, 1)), (numpy.cross, (0, 1)), (numpy.trace, (0,)), (numpy.diagonal, (0,)),
        (numpy.diag, (0,)), (numpy.tril, (0,)), (numpy.triu, (0,)), (numpy.linalg.solve, (1,)),
        (_contract, (2, 3, 4)), (_mT, (0,)), (_embed_diagonal, (0,)), (_trace_adjoint, (0,)),
        (_diag_adjoint, (0,)), (_as_matrix, (0,)), (_from_matrix, (0,))]:
    linear(_function, *_positions)

# Arguments read only for their shape.
for _function, _positions in [
        (_contract, (1,)), (_embed_diagonal, (1,)), (_trace_adjoint, (1,)), (_diag_adjoint, (1,)),
        (_as_matrix, (1,)), (_from_matrix, (1,))]:
    inert_arguments(_function, *_positions)
