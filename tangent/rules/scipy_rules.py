"""SciPy: special functions, the normal distribution and linear algebra (adjoint and tangent).

This module imports SciPy at its top: the registry loads it only where SciPy
is installed (an ImportError here means "no SciPy rules").

Notes on individual rules:

* scipy.special.polygamma(n, x): n is an integer order, not differentiated;
  the derivative with respect to x is polygamma(n + 1, x).
* scipy.special.logsumexp(a, axis, b, keepdims): derivatives with respect to
  a and to b. return_sign=True (a pair of results) is not supported.
* scipy.stats.norm.logpdf/pdf/cdf: `scipy.stats.norm` is an instance of
  `norm_gen`, and reading `scipy.stats.norm.logpdf` makes a new bound method
  on every access (`norm.logpdf is norm.logpdf` is False). Bound methods of
  the same object and function are equal and hash alike, so a template
  registered for one of them is found for any other (the registry is a
  dictionary). The objects registered are kept below as NORM_LOGPDF,
  NORM_PDF and NORM_CDF; tests that need the registered object itself use
  those. Derivatives with respect to x, loc and scale.
* scipy.linalg.solve_triangular(a, b, trans, lower, unit_diagonal): real
  matrices a of shape (n, n); derivatives with respect to a (only the
  triangle the solver reads, without the diagonal when unit_diagonal) and b.
* scipy.linalg.cho_solve((c, lower), b): the derivative is with respect to b
  only. The first argument is a tuple holding the Cholesky factor; a
  derivative with respect to the factor raises an error when the derivative
  runs, rather than silently being zero.
* scipy.linalg.expm(A): the Frechet derivative L(A, E) is the top right block
  of expm([[A, E], [0, A]]). The tangent is L(A, dA); the adjoint is
  L(A^H, G), for real and complex A (complex values use the real inner
  product Re(sum(conj(a) * b)), see docs/complex.md).
"""
import numpy
import scipy.linalg
import scipy.special
import scipy.stats

import tangent
from tangent.errors import TangentError
from tangent.rules.registry import adjoint, linear, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative

_TWO_OVER_SQRT_PI = 2.0 / numpy.sqrt(numpy.pi)
_SQRT_PI_OVER_TWO = numpy.sqrt(numpy.pi) / 2.0
_INV_SQRT_TWO_PI = 1.0 / numpy.sqrt(2.0 * numpy.pi)

# Stable objects for the bound methods of the normal distribution (see the docstring).
NORM_LOGPDF = scipy.stats.norm.logpdf
NORM_PDF = scipy.stats.norm.pdf
NORM_CDF = scipy.stats.norm.cdf


# Helpers the generated code calls.


def weights_or_one(b):
    """logsumexp's weights b, or 1.0 when there are none."""
    return 1.0 if b is None else b


def triangle_mask(a, lower, unit_diagonal):
    """1.0 on the triangle of `a` that a triangular solve reads, 0.0 elsewhere."""
    ones = numpy.ones(numpy.shape(a))
    offset = -1 if unit_diagonal else 0
    return numpy.tril(ones, offset) if lower else numpy.triu(ones, -offset)


def transposed_trans(trans):
    """The `trans` argument of the transposed triangular solve (real matrices)."""
    return 'T' if trans in (0, 'N', 'n') else 'N'


def trans_axes(trans):
    """The permutation numpy.transpose applies for op(A) of a triangular solve."""
    return (0, 1) if trans in (0, 'N', 'n') else (1, 0)


def factor_derivative_unsupported(value):
    """Called where a derivative would flow into cho_solve's Cholesky factor: refuse loudly."""
    raise TangentError(
        'scipy.linalg.cho_solve((c, lower), b): tangent differentiates with respect to b only, '
        'not with respect to the Cholesky factor c. Solve with scipy.linalg.solve_triangular '
        'twice (or with numpy.linalg.solve) to differentiate with respect to the factor.')


def conjugate_transpose(a):
    """The conjugate transpose of the last two axes (the adjoint of a matrix)."""
    return numpy.conj(numpy.swapaxes(a, -1, -2))


def expm_frechet(a, e):
    """The Frechet derivative of expm at a in direction e, from expm([[a, e], [0, a]]).

    Written with differentiable primitives, so that derivatives of derivatives
    (Hessians) differentiate it again.
    """
    size = numpy.shape(a)[-1]
    top = numpy.concatenate([a, e], axis=-1)
    bottom = numpy.concatenate([numpy.zeros_like(a), a], axis=-1)
    block = scipy.linalg.expm(numpy.concatenate([top, bottom], axis=-2))
    return block[..., :size, size:]


non_differentiable(triangle_mask, transposed_trans, trans_axes)
linear(factor_derivative_unsupported, 0)
linear(conjugate_transpose, 0)
linear(expm_frechet, 1)


@tangent_of(conjugate_transpose)
def conjugate_transpose_tangent(y, a):
    d[y] = conjugate_transpose(d[a])


@adjoint(conjugate_transpose)
def conjugate_transpose_adjoint(y, a):
    d[a] = conjugate_transpose(d[y])


@tangent_of(weights_or_one)
def weights_or_one_tangent(y, b):
    d[y] = d[b]


@adjoint(weights_or_one)
def weights_or_one_adjoint(y, b):
    d[b] = d[y]


# scipy.special: error functions.


@adjoint(scipy.special.erf)
def erf(y, x):
    d[x] = d[y] * _TWO_OVER_SQRT_PI * numpy.exp(-x * x)


@tangent_of(scipy.special.erf)
def erf_tangent(y, x):
    d[y] = d[x] * _TWO_OVER_SQRT_PI * numpy.exp(-x * x)


@adjoint(scipy.special.erfc)
def erfc(y, x):
    d[x] = -d[y] * _TWO_OVER_SQRT_PI * numpy.exp(-x * x)


@tangent_of(scipy.special.erfc)
def erfc_tangent(y, x):
    d[y] = -d[x] * _TWO_OVER_SQRT_PI * numpy.exp(-x * x)


@adjoint(scipy.special.erfinv)
def erfinv(y, x):
    d[x] = d[y] * _SQRT_PI_OVER_TWO * numpy.exp(y * y)


@tangent_of(scipy.special.erfinv)
def erfinv_tangent(y, x):
    d[y] = d[x] * _SQRT_PI_OVER_TWO * numpy.exp(y * y)


# scipy.special: gamma functions.


@adjoint(scipy.special.gammaln)
def gammaln(y, x):
    d[x] = d[y] * scipy.special.digamma(x)


@tangent_of(scipy.special.gammaln)
def gammaln_tangent(y, x):
    d[y] = d[x] * scipy.special.digamma(x)


@adjoint(scipy.special.digamma)
def digamma(y, x):
    d[x] = d[y] * scipy.special.polygamma(1, x)


@tangent_of(scipy.special.digamma)
def digamma_tangent(y, x):
    d[y] = d[x] * scipy.special.polygamma(1, x)


@adjoint(scipy.special.polygamma)
def polygamma(y, n, x):
    d[x] = tangent.unbroadcast(d[y] * scipy.special.polygamma(n + 1, x), x)


@tangent_of(scipy.special.polygamma)
def polygamma_tangent(y, n, x):
    d[y] = d[x] * scipy.special.polygamma(n + 1, x)


# scipy.special: logistic functions.


@adjoint(scipy.special.expit)
def expit(y, x):
    d[x] = d[y] * y * (1.0 - y)


@tangent_of(scipy.special.expit)
def expit_tangent(y, x):
    d[y] = d[x] * y * (1.0 - y)


@adjoint(scipy.special.logit)
def logit(y, x):
    d[x] = d[y] / (x * (1.0 - x))


@tangent_of(scipy.special.logit)
def logit_tangent(y, x):
    d[y] = d[x] / (x * (1.0 - x))


# scipy.special: reductions over an axis.


@adjoint(scipy.special.logsumexp)
def logsumexp(y, a, axis=None, b=None, keepdims=False, return_sign=False):
    share = numpy.exp(a - tangent.unreduce(y, a, axis, keepdims))
    incoming = tangent.unreduce(d[y], a, axis, keepdims)
    d[a] = incoming * weights_or_one(b) * share
    d[b] = tangent.unbroadcast(incoming * share, b)


@tangent_of(scipy.special.logsumexp)
def logsumexp_tangent(y, a, axis=None, b=None, keepdims=False, return_sign=False):
    share = numpy.exp(a - tangent.unreduce(y, a, axis, keepdims))
    d[y] = (numpy.sum(d[a] * weights_or_one(b) * share, axis=axis, keepdims=keepdims)
            + numpy.sum(d[b] * share, axis=axis, keepdims=keepdims))


@adjoint(scipy.special.softmax)
def softmax(y, x, axis=None):
    d[x] = y * (d[y] - numpy.sum(d[y] * y, axis=axis, keepdims=True))


@tangent_of(scipy.special.softmax)
def softmax_tangent(y, x, axis=None):
    d[y] = y * (d[x] - numpy.sum(d[x] * y, axis=axis, keepdims=True))


@adjoint(scipy.special.log_softmax)
def log_softmax(y, x, axis=None):
    d[x] = d[y] - numpy.exp(y) * numpy.sum(d[y], axis=axis, keepdims=True)


@tangent_of(scipy.special.log_softmax)
def log_softmax_tangent(y, x, axis=None):
    d[y] = d[x] - numpy.sum(numpy.exp(y) * d[x], axis=axis, keepdims=True)


# scipy.special: x * log(y) without 0 * log(0) trouble.


@adjoint(scipy.special.xlogy)
def xlogy(z, x, y):
    d[x] = tangent.unbroadcast(d[z] * numpy.log(y), x)
    d[y] = tangent.unbroadcast(d[z] * x / y, y)


@tangent_of(scipy.special.xlogy)
def xlogy_tangent(z, x, y):
    d[z] = d[x] * numpy.log(y) + d[y] * x / y


@adjoint(scipy.special.xlog1py)
def xlog1py(z, x, y):
    d[x] = tangent.unbroadcast(d[z] * numpy.log1p(y), x)
    d[y] = tangent.unbroadcast(d[z] * x / (1.0 + y), y)


@tangent_of(scipy.special.xlog1py)
def xlog1py_tangent(z, x, y):
    d[z] = d[x] * numpy.log1p(y) + d[y] * x / (1.0 + y)


# scipy.special: modified Bessel functions. I0' = I1 and I1' = I0 - I1 / x
# (with the limit 1/2 at x = 0).


@adjoint(scipy.special.i0)
def i0(y, x):
    d[x] = d[y] * scipy.special.i1(x)


@tangent_of(scipy.special.i0)
def i0_tangent(y, x):
    d[y] = d[x] * scipy.special.i1(x)


@adjoint(scipy.special.i1)
def i1(y, x):
    d[x] = d[y] * numpy.where(x == 0.0, 0.5, scipy.special.i0(x) - y / numpy.where(x == 0.0, 1.0, x))


@tangent_of(scipy.special.i1)
def i1_tangent(y, x):
    d[y] = d[x] * numpy.where(x == 0.0, 0.5, scipy.special.i0(x) - y / numpy.where(x == 0.0, 1.0, x))


# scipy.stats.norm: z = (x - loc) / scale.


@adjoint(NORM_LOGPDF)
def norm_logpdf(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[x] = tangent.unbroadcast(-d[y] * z / scale, x)
    d[loc] = tangent.unbroadcast(d[y] * z / scale, loc)
    d[scale] = tangent.unbroadcast(d[y] * (z * z - 1.0) / scale, scale)


@tangent_of(NORM_LOGPDF)
def norm_logpdf_tangent(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[y] = ((d[loc] - d[x]) * z + d[scale] * (z * z - 1.0)) / scale


@adjoint(NORM_PDF)
def norm_pdf(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[x] = tangent.unbroadcast(-d[y] * y * z / scale, x)
    d[loc] = tangent.unbroadcast(d[y] * y * z / scale, loc)
    d[scale] = tangent.unbroadcast(d[y] * y * (z * z - 1.0) / scale, scale)


@tangent_of(NORM_PDF)
def norm_pdf_tangent(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[y] = y * ((d[loc] - d[x]) * z + d[scale] * (z * z - 1.0)) / scale


@adjoint(NORM_CDF)
def norm_cdf(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    density = _INV_SQRT_TWO_PI * numpy.exp(-0.5 * z * z) / scale
    d[x] = tangent.unbroadcast(d[y] * density, x)
    d[loc] = tangent.unbroadcast(-d[y] * density, loc)
    d[scale] = tangent.unbroadcast(-d[y] * density * z, scale)


@tangent_of(NORM_CDF)
def norm_cdf_tangent(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[y] = (d[x] - d[loc] - d[scale] * z) * _INV_SQRT_TWO_PI * numpy.exp(-0.5 * z * z) / scale


# scipy.linalg: solves.


@adjoint(scipy.linalg.solve_triangular)
def solve_triangular(y, a, b, trans=0, lower=False, unit_diagonal=False, overwrite_b=False,
                     check_finite=True):
    gradient_b = scipy.linalg.solve_triangular(a, d[y], transposed_trans(trans), lower, unit_diagonal)
    d[b] = gradient_b
    d[a] = -(numpy.transpose(tangent.matmul_adjoint_a(gradient_b, a, y), trans_axes(trans))
             * triangle_mask(a, lower, unit_diagonal))


@tangent_of(scipy.linalg.solve_triangular)
def solve_triangular_tangent(y, a, b, trans=0, lower=False, unit_diagonal=False, overwrite_b=False,
                             check_finite=True):
    d[y] = scipy.linalg.solve_triangular(
        a, d[b] - numpy.matmul(numpy.transpose(d[a] * triangle_mask(a, lower, unit_diagonal),
                                               trans_axes(trans)), y),
        trans, lower, unit_diagonal)


@adjoint(scipy.linalg.cho_solve)
def cho_solve(y, c_and_lower, b, overwrite_b=False, check_finite=True):
    d[b] = scipy.linalg.cho_solve(c_and_lower, d[y])
    d[c_and_lower] = factor_derivative_unsupported(c_and_lower)


@tangent_of(scipy.linalg.cho_solve)
def cho_solve_tangent(y, c_and_lower, b, overwrite_b=False, check_finite=True):
    d[y] = scipy.linalg.cho_solve(c_and_lower, d[b]) + factor_derivative_unsupported(d[c_and_lower])


# scipy.linalg: the matrix exponential.


@adjoint(scipy.linalg.expm)
def expm(y, A):
    d[A] = expm_frechet(conjugate_transpose(A), d[y])


@tangent_of(scipy.linalg.expm)
def expm_tangent(y, A):
    d[y] = expm_frechet(A, d[A])


linear(scipy.linalg.solve_triangular, 1)
linear(scipy.linalg.cho_solve, 1)
