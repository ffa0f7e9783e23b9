"""More SciPy rules: special functions, distributions and linear algebra (adjoint and tangent).

This module imports SciPy at its top: the registry loads it only where SciPy
is installed (an ImportError here means "no SciPy rules").

Notes:

* scipy.special.psi is scipy.special.digamma (registered in scipy_rules).
* scipy.special.loggamma: real positive arguments only (derivative digamma).
* scipy.special.huber(delta, r) and pseudo_huber(delta, r): derivatives with
  respect to both delta and r.
* scipy.special.zeta(x, q): derivative with respect to q only; one with
  respect to the exponent x raises a TangentError.
* scipy.special.boxcox(x, lmbda) and inv_boxcox(y, lmbda): derivative with
  respect to the first argument only; lmbda is treated as a constant.
* scipy.stats bound methods (norm.logcdf, ...) make a new bound method on
  every access; the registered objects are kept below (NORM_LOGCDF, ...), see
  scipy_rules for why. t.logpdf: derivatives with respect to x, loc and scale
  (df is treated as a constant).
* scipy.linalg.inv, det, solve, cholesky, sqrtm: real square matrices.
  solve: assume_a general (the default or 'gen'; the other kinds read one
  triangle only), transposed=False or True. cholesky(a, lower=False): the
  derivative with respect to a is the symmetric one (a is assumed symmetric;
  a perturbation of a is taken as its symmetric part). sqrtm: a with a real
  principal square root, the single-result form (not disp=False).
* scipy.linalg.block_diag is not registered: its *arrs signature does not fit
  a template (a template `def block_diag(y, *arrs)` gave zero gradients).
"""
import numpy
import scipy.linalg
import scipy.special
import scipy.stats

import tangent
from tangent.errors import TangentError
from tangent.rules.registry import adjoint, linear, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative

_INV_SQRT_TWO_PI = 1.0 / numpy.sqrt(2.0 * numpy.pi)
_SQRT_TWO_PI = numpy.sqrt(2.0 * numpy.pi)
_TWO_OVER_SQRT_PI = 2.0 / numpy.sqrt(numpy.pi)
_SQRT_PI_OVER_TWO = numpy.sqrt(numpy.pi) / 2.0

NORM_LOGCDF = scipy.stats.norm.logcdf
NORM_SF = scipy.stats.norm.sf
NORM_LOGSF = scipy.stats.norm.logsf
NORM_PPF = scipy.stats.norm.ppf
T_LOGPDF = scipy.stats.t.logpdf
LOGISTIC_LOGPDF = scipy.stats.logistic.logpdf
LOGISTIC_CDF = scipy.stats.logistic.cdf
EXPON_LOGPDF = scipy.stats.expon.logpdf


# scipy.special: gamma and beta functions.


@adjoint(scipy.special.gamma)
def gamma(y, x):
    d[x] = d[y] * y * scipy.special.digamma(x)


@tangent_of(scipy.special.gamma)
def gamma_tangent(y, x):
    d[y] = d[x] * y * scipy.special.digamma(x)


@adjoint(scipy.special.loggamma)
def loggamma(y, x):
    d[x] = d[y] * scipy.special.digamma(x)


@tangent_of(scipy.special.loggamma)
def loggamma_tangent(y, x):
    d[y] = d[x] * scipy.special.digamma(x)


@adjoint(scipy.special.beta)
def beta(y, a, b):
    both = scipy.special.digamma(a + b)
    d[a] = tangent.unbroadcast(d[y] * y * (scipy.special.digamma(a) - both), a)
    d[b] = tangent.unbroadcast(d[y] * y * (scipy.special.digamma(b) - both), b)


@tangent_of(scipy.special.beta)
def beta_tangent(y, a, b):
    both = scipy.special.digamma(a + b)
    d[y] = y * (d[a] * (scipy.special.digamma(a) - both) + d[b] * (scipy.special.digamma(b) - both))


@adjoint(scipy.special.betaln)
def betaln(y, a, b):
    both = scipy.special.digamma(a + b)
    d[a] = tangent.unbroadcast(d[y] * (scipy.special.digamma(a) - both), a)
    d[b] = tangent.unbroadcast(d[y] * (scipy.special.digamma(b) - both), b)


@tangent_of(scipy.special.betaln)
def betaln_tangent(y, a, b):
    both = scipy.special.digamma(a + b)
    d[y] = d[a] * (scipy.special.digamma(a) - both) + d[b] * (scipy.special.digamma(b) - both)


# scipy.special: the normal distribution and error functions.


@adjoint(scipy.special.ndtr)
def ndtr(y, x):
    d[x] = d[y] * _INV_SQRT_TWO_PI * numpy.exp(-0.5 * x * x)


@tangent_of(scipy.special.ndtr)
def ndtr_tangent(y, x):
    d[y] = d[x] * _INV_SQRT_TWO_PI * numpy.exp(-0.5 * x * x)


@adjoint(scipy.special.log_ndtr)
def log_ndtr(y, x):
    d[x] = d[y] * _INV_SQRT_TWO_PI * numpy.exp(-0.5 * x * x - y)


@tangent_of(scipy.special.log_ndtr)
def log_ndtr_tangent(y, x):
    d[y] = d[x] * _INV_SQRT_TWO_PI * numpy.exp(-0.5 * x * x - y)


@adjoint(scipy.special.ndtri)
def ndtri(y, x):
    d[x] = d[y] * _SQRT_TWO_PI * numpy.exp(0.5 * y * y)


@tangent_of(scipy.special.ndtri)
def ndtri_tangent(y, x):
    d[y] = d[x] * _SQRT_TWO_PI * numpy.exp(0.5 * y * y)


@adjoint(scipy.special.erfcx)
def erfcx(y, x):
    d[x] = d[y] * (2.0 * x * y - _TWO_OVER_SQRT_PI)


@tangent_of(scipy.special.erfcx)
def erfcx_tangent(y, x):
    d[y] = d[x] * (2.0 * x * y - _TWO_OVER_SQRT_PI)


@adjoint(scipy.special.erfcinv)
def erfcinv(y, x):
    d[x] = -d[y] * _SQRT_PI_OVER_TWO * numpy.exp(y * y)


@tangent_of(scipy.special.erfcinv)
def erfcinv_tangent(y, x):
    d[y] = -d[x] * _SQRT_PI_OVER_TWO * numpy.exp(y * y)


# scipy.special: logistic and entropy functions.


@adjoint(scipy.special.log_expit)
def log_expit(y, x):
    d[x] = d[y] * scipy.special.expit(-x)


@tangent_of(scipy.special.log_expit)
def log_expit_tangent(y, x):
    d[y] = d[x] * scipy.special.expit(-x)


@adjoint(scipy.special.softplus)
def softplus(y, x):
    d[x] = d[y] * scipy.special.expit(x)


@tangent_of(scipy.special.softplus)
def softplus_tangent(y, x):
    d[y] = d[x] * scipy.special.expit(x)


@adjoint(scipy.special.entr)
def entr(y, x):
    d[x] = -d[y] * (numpy.log(x) + 1.0)


@tangent_of(scipy.special.entr)
def entr_tangent(y, x):
    d[y] = -d[x] * (numpy.log(x) + 1.0)


@adjoint(scipy.special.rel_entr)
def rel_entr(z, x, y):
    d[x] = tangent.unbroadcast(d[z] * (numpy.log(x / y) + 1.0), x)
    d[y] = tangent.unbroadcast(-d[z] * x / y, y)


@tangent_of(scipy.special.rel_entr)
def rel_entr_tangent(z, x, y):
    d[z] = d[x] * (numpy.log(x / y) + 1.0) - d[y] * x / y


@adjoint(scipy.special.kl_div)
def kl_div(z, x, y):
    d[x] = tangent.unbroadcast(d[z] * numpy.log(x / y), x)
    d[y] = tangent.unbroadcast(d[z] * (1.0 - x / y), y)


@tangent_of(scipy.special.kl_div)
def kl_div_tangent(z, x, y):
    d[z] = d[x] * numpy.log(x / y) + d[y] * (1.0 - x / y)


# scipy.special: Huber losses (delta > 0).


@adjoint(scipy.special.huber)
def huber(y, delta, r):
    d[r] = tangent.unbroadcast(d[y] * numpy.clip(r, -delta, delta), r)
    d[delta] = tangent.unbroadcast(
        d[y] * numpy.where(numpy.abs(r) <= delta, 0.0, numpy.abs(r) - delta), delta)


@tangent_of(scipy.special.huber)
def huber_tangent(y, delta, r):
    d[y] = (d[r] * numpy.clip(r, -delta, delta)
            + d[delta] * numpy.where(numpy.abs(r) <= delta, 0.0, numpy.abs(r) - delta))


@adjoint(scipy.special.pseudo_huber)
def pseudo_huber(y, delta, r):
    root = numpy.sqrt(1.0 + (r / delta) ** 2)
    d[r] = tangent.unbroadcast(d[y] * r / root, r)
    d[delta] = tangent.unbroadcast(d[y] * (2.0 * y / delta - r * r / (delta * root)), delta)


@tangent_of(scipy.special.pseudo_huber)
def pseudo_huber_tangent(y, delta, r):
    root = numpy.sqrt(1.0 + (r / delta) ** 2)
    d[y] = d[r] * r / root + d[delta] * (2.0 * y / delta - r * r / (delta * root))


# scipy.special: exponential integrals and the dilogarithm.


@adjoint(scipy.special.exp1)
def exp1(y, x):
    d[x] = -d[y] * numpy.exp(-x) / x


@tangent_of(scipy.special.exp1)
def exp1_tangent(y, x):
    d[y] = -d[x] * numpy.exp(-x) / x


@adjoint(scipy.special.expi)
def expi(y, x):
    d[x] = d[y] * numpy.exp(x) / x


@tangent_of(scipy.special.expi)
def expi_tangent(y, x):
    d[y] = d[x] * numpy.exp(x) / x


@adjoint(scipy.special.spence)
def spence(y, z):
    d[z] = d[y] * numpy.where(z == 1.0, -1.0, numpy.log(z) / numpy.where(z == 1.0, 2.0, 1.0 - z))


@tangent_of(scipy.special.spence)
def spence_tangent(y, z):
    d[y] = d[z] * numpy.where(z == 1.0, -1.0, numpy.log(z) / numpy.where(z == 1.0, 2.0, 1.0 - z))


# scipy.special: Bessel functions, from the standard recurrences
# (J0' = -J1, J1' = J0 - J1 / x, the same for Y; K0' = -K1, K1' = -K0 - K1 / x;
# the exponentially scaled versions add the derivative of the scale).


@adjoint(scipy.special.j0)
def j0(y, x):
    d[x] = -d[y] * scipy.special.j1(x)


@tangent_of(scipy.special.j0)
def j0_tangent(y, x):
    d[y] = -d[x] * scipy.special.j1(x)


@adjoint(scipy.special.j1)
def j1(y, x):
    d[x] = d[y] * numpy.where(x == 0.0, 0.5, scipy.special.j0(x) - y / numpy.where(x == 0.0, 1.0, x))


@tangent_of(scipy.special.j1)
def j1_tangent(y, x):
    d[y] = d[x] * numpy.where(x == 0.0, 0.5, scipy.special.j0(x) - y / numpy.where(x == 0.0, 1.0, x))


@adjoint(scipy.special.y0)
def y0(y, x):
    d[x] = -d[y] * scipy.special.y1(x)


@tangent_of(scipy.special.y0)
def y0_tangent(y, x):
    d[y] = -d[x] * scipy.special.y1(x)


@adjoint(scipy.special.y1)
def y1(y, x):
    d[x] = d[y] * (scipy.special.y0(x) - y / x)


@tangent_of(scipy.special.y1)
def y1_tangent(y, x):
    d[y] = d[x] * (scipy.special.y0(x) - y / x)


@adjoint(scipy.special.k0)
def k0(y, x):
    d[x] = -d[y] * scipy.special.k1(x)


@tangent_of(scipy.special.k0)
def k0_tangent(y, x):
    d[y] = -d[x] * scipy.special.k1(x)


@adjoint(scipy.special.k1)
def k1(y, x):
    d[x] = -d[y] * (scipy.special.k0(x) + y / x)


@tangent_of(scipy.special.k1)
def k1_tangent(y, x):
    d[y] = -d[x] * (scipy.special.k0(x) + y / x)


@adjoint(scipy.special.k0e)
def k0e(y, x):
    d[x] = d[y] * (y - scipy.special.k1e(x))


@tangent_of(scipy.special.k0e)
def k0e_tangent(y, x):
    d[y] = d[x] * (y - scipy.special.k1e(x))


@adjoint(scipy.special.k1e)
def k1e(y, x):
    d[x] = d[y] * (y - scipy.special.k0e(x) - y / x)


@tangent_of(scipy.special.k1e)
def k1e_tangent(y, x):
    d[y] = d[x] * (y - scipy.special.k0e(x) - y / x)


@adjoint(scipy.special.i0e)
def i0e(y, x):
    d[x] = d[y] * (scipy.special.i1e(x) - numpy.sign(x) * y)


@tangent_of(scipy.special.i0e)
def i0e_tangent(y, x):
    d[y] = d[x] * (scipy.special.i1e(x) - numpy.sign(x) * y)


@adjoint(scipy.special.i1e)
def i1e(y, x):
    d[x] = d[y] * numpy.where(
        x == 0.0, 0.5, scipy.special.i0e(x) - y / numpy.where(x == 0.0, 1.0, x) - numpy.sign(x) * y)


@tangent_of(scipy.special.i1e)
def i1e_tangent(y, x):
    d[y] = d[x] * numpy.where(
        x == 0.0, 0.5, scipy.special.i0e(x) - y / numpy.where(x == 0.0, 1.0, x) - numpy.sign(x) * y)


# scipy.special: Box-Cox transforms (lmbda constant).


@adjoint(scipy.special.boxcox)
def boxcox(y, x, lmbda):
    d[x] = d[y] * x ** (lmbda - 1.0)


@tangent_of(scipy.special.boxcox)
def boxcox_tangent(y, x, lmbda):
    d[y] = d[x] * x ** (lmbda - 1.0)


@adjoint(scipy.special.inv_boxcox)
def inv_boxcox(x, y, lmbda):
    d[y] = d[x] * x ** (1.0 - lmbda)


@tangent_of(scipy.special.inv_boxcox)
def inv_boxcox_tangent(x, y, lmbda):
    d[x] = d[y] * x ** (1.0 - lmbda)


# scipy.stats: the normal distribution, z = (x - loc) / scale.


@adjoint(NORM_LOGCDF)
def norm_logcdf(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    ratio = _INV_SQRT_TWO_PI * numpy.exp(-0.5 * z * z - y) / scale
    d[x] = tangent.unbroadcast(d[y] * ratio, x)
    d[loc] = tangent.unbroadcast(-d[y] * ratio, loc)
    d[scale] = tangent.unbroadcast(-d[y] * ratio * z, scale)


@tangent_of(NORM_LOGCDF)
def norm_logcdf_tangent(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[y] = (d[x] - d[loc] - d[scale] * z) * _INV_SQRT_TWO_PI * numpy.exp(-0.5 * z * z - y) / scale


@adjoint(NORM_SF)
def norm_sf(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    density = _INV_SQRT_TWO_PI * numpy.exp(-0.5 * z * z) / scale
    d[x] = tangent.unbroadcast(-d[y] * density, x)
    d[loc] = tangent.unbroadcast(d[y] * density, loc)
    d[scale] = tangent.unbroadcast(d[y] * density * z, scale)


@tangent_of(NORM_SF)
def norm_sf_tangent(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[y] = (d[loc] + d[scale] * z - d[x]) * _INV_SQRT_TWO_PI * numpy.exp(-0.5 * z * z) / scale


@adjoint(NORM_LOGSF)
def norm_logsf(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    ratio = _INV_SQRT_TWO_PI * numpy.exp(-0.5 * z * z - y) / scale
    d[x] = tangent.unbroadcast(-d[y] * ratio, x)
    d[loc] = tangent.unbroadcast(d[y] * ratio, loc)
    d[scale] = tangent.unbroadcast(d[y] * ratio * z, scale)


@tangent_of(NORM_LOGSF)
def norm_logsf_tangent(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[y] = (d[loc] + d[scale] * z - d[x]) * _INV_SQRT_TWO_PI * numpy.exp(-0.5 * z * z - y) / scale


@adjoint(NORM_PPF)
def norm_ppf(y, q, loc=0, scale=1):
    z = (y - loc) / scale
    d[q] = tangent.unbroadcast(d[y] * scale * _SQRT_TWO_PI * numpy.exp(0.5 * z * z), q)
    d[loc] = tangent.unbroadcast(d[y], loc)
    d[scale] = tangent.unbroadcast(d[y] * z, scale)


@tangent_of(NORM_PPF)
def norm_ppf_tangent(y, q, loc=0, scale=1):
    z = (y - loc) / scale
    d[y] = d[q] * scale * _SQRT_TWO_PI * numpy.exp(0.5 * z * z) + d[loc] + d[scale] * z


# scipy.stats: Student's t, logistic and exponential distributions.


@adjoint(T_LOGPDF)
def t_logpdf(y, x, df, loc=0, scale=1):
    z = (x - loc) / scale
    slope = -(df + 1.0) * z / (df + z * z)
    d[x] = tangent.unbroadcast(d[y] * slope / scale, x)
    d[loc] = tangent.unbroadcast(-d[y] * slope / scale, loc)
    d[scale] = tangent.unbroadcast(-d[y] * (slope * z + 1.0) / scale, scale)
    d[df] = tangent.unbroadcast(d[y] * (
        0.5 * (scipy.special.digamma(0.5 * (df + 1.0)) - scipy.special.digamma(0.5 * df)) - 0.5 / df
        - 0.5 * numpy.log1p(z * z / df) + 0.5 * (df + 1.0) * z * z / (df * (df + z * z))), df)


@tangent_of(T_LOGPDF)
def t_logpdf_tangent(y, x, df, loc=0, scale=1):
    z = (x - loc) / scale
    slope = -(df + 1.0) * z / (df + z * z)
    d[y] = ((d[x] - d[loc]) * slope / scale - d[scale] * (slope * z + 1.0) / scale + d[df] * (
        0.5 * (scipy.special.digamma(0.5 * (df + 1.0)) - scipy.special.digamma(0.5 * df)) - 0.5 / df
        - 0.5 * numpy.log1p(z * z / df) + 0.5 * (df + 1.0) * z * z / (df * (df + z * z))))


@adjoint(LOGISTIC_LOGPDF)
def logistic_logpdf(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    slope = -numpy.tanh(0.5 * z)
    d[x] = tangent.unbroadcast(d[y] * slope / scale, x)
    d[loc] = tangent.unbroadcast(-d[y] * slope / scale, loc)
    d[scale] = tangent.unbroadcast(-d[y] * (slope * z + 1.0) / scale, scale)


@tangent_of(LOGISTIC_LOGPDF)
def logistic_logpdf_tangent(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    slope = -numpy.tanh(0.5 * z)
    d[y] = ((d[x] - d[loc]) * slope - d[scale] * (slope * z + 1.0)) / scale


@adjoint(LOGISTIC_CDF)
def logistic_cdf(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    density = y * (1.0 - y) / scale
    d[x] = tangent.unbroadcast(d[y] * density, x)
    d[loc] = tangent.unbroadcast(-d[y] * density, loc)
    d[scale] = tangent.unbroadcast(-d[y] * density * z, scale)


@tangent_of(LOGISTIC_CDF)
def logistic_cdf_tangent(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[y] = (d[x] - d[loc] - d[scale] * z) * y * (1.0 - y) / scale


@adjoint(EXPON_LOGPDF)
def expon_logpdf(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[x] = tangent.unbroadcast(-d[y] / scale, x)
    d[loc] = tangent.unbroadcast(d[y] / scale, loc)
    d[scale] = tangent.unbroadcast(d[y] * (z - 1.0) / scale, scale)


@tangent_of(EXPON_LOGPDF)
def expon_logpdf_tangent(y, x, loc=0, scale=1):
    z = (x - loc) / scale
    d[y] = (d[loc] - d[x] + d[scale] * (z - 1.0)) / scale


# scipy.linalg: inverse, determinant, solve and Cholesky (real square matrices).


@adjoint(scipy.linalg.inv)
def inv(y, a, overwrite_a=False, check_finite=True):
    transposed = numpy.swapaxes(y, -1, -2)
    d[a] = -numpy.matmul(transposed, numpy.matmul(d[y], transposed))


@tangent_of(scipy.linalg.inv)
def inv_tangent(y, a, overwrite_a=False, check_finite=True):
    d[y] = -numpy.matmul(y, numpy.matmul(d[a], y))


@adjoint(scipy.linalg.det)
def det(y, a, overwrite_a=False, check_finite=True):
    d[a] = numpy.expand_dims(d[y] * y, (-2, -1)) * numpy.swapaxes(numpy.linalg.inv(a), -1, -2)


@tangent_of(scipy.linalg.det)
def det_tangent(y, a, overwrite_a=False, check_finite=True):
    d[y] = y * numpy.sum(numpy.swapaxes(numpy.linalg.inv(a), -1, -2) * d[a], axis=(-2, -1))


def solve_axes(transposed):
    """The permutation numpy.transpose applies for the matrix scipy.linalg.solve inverts."""
    return (1, 0) if transposed else (0, 1)


non_differentiable(solve_axes)


@adjoint(scipy.linalg.solve)
def solve(y, a, b, lower=False, overwrite_a=False, overwrite_b=False, check_finite=True,
          assume_a=None, transposed=False):
    matrix = numpy.transpose(a, solve_axes(transposed))
    gradient_b = scipy.linalg.solve(numpy.transpose(matrix), d[y])
    d[b] = gradient_b
    d[a] = -numpy.transpose(tangent.matmul_adjoint_a(gradient_b, matrix, y), solve_axes(transposed))


@tangent_of(scipy.linalg.solve)
def solve_tangent(y, a, b, lower=False, overwrite_a=False, overwrite_b=False, check_finite=True,
                  assume_a=None, transposed=False):
    d[y] = scipy.linalg.solve(numpy.transpose(a, solve_axes(transposed)),
                              d[b] - numpy.matmul(numpy.transpose(d[a], solve_axes(transposed)), y))


def factor_axes(lower):
    """The permutation numpy.transpose applies to turn cholesky's result into the lower factor."""
    return (0, 1) if lower else (1, 0)


def lower_half_diagonal(x):
    """The lower triangle of a square matrix with its diagonal halved."""
    return numpy.tril(x) - 0.5 * numpy.diag(numpy.diag(x))


non_differentiable(factor_axes)
linear(lower_half_diagonal, 0)
linear(scipy.linalg.solve, 1)


@tangent_of(lower_half_diagonal)
def lower_half_diagonal_tangent(y, x):
    d[y] = lower_half_diagonal(d[x])


@adjoint(lower_half_diagonal)
def lower_half_diagonal_adjoint(y, x):
    d[x] = lower_half_diagonal(d[y])


@adjoint(scipy.linalg.cholesky)
def cholesky(c, a, lower=False, overwrite_a=False, check_finite=True):
    factor = numpy.transpose(c, factor_axes(lower))
    middle = lower_half_diagonal(numpy.matmul(numpy.transpose(factor), numpy.transpose(d[c], factor_axes(lower))))
    left = scipy.linalg.solve_triangular(factor, middle, trans='T', lower=True)
    whole = numpy.transpose(scipy.linalg.solve_triangular(factor, numpy.transpose(left), trans='T', lower=True))
    d[a] = 0.5 * (whole + numpy.transpose(whole))


@tangent_of(scipy.linalg.cholesky)
def cholesky_tangent(c, a, lower=False, overwrite_a=False, check_finite=True):
    factor = numpy.transpose(c, factor_axes(lower))
    left = scipy.linalg.solve_triangular(factor, d[a], lower=True)
    inner = scipy.linalg.solve_triangular(factor, numpy.transpose(left), lower=True)
    d[c] = numpy.transpose(numpy.matmul(factor, lower_half_diagonal(inner)), factor_axes(lower))


# scipy.linalg: the principal square root. Y Y = A gives Y dY + dY Y = dA, a
# Sylvester equation; the adjoint solves the transposed equation.


@adjoint(scipy.linalg.sqrtm)
def sqrtm(y, A, disp=None, blocksize=None):
    d[A] = scipy.linalg.solve_sylvester(numpy.transpose(y), numpy.transpose(y), d[y])


@tangent_of(scipy.linalg.sqrtm)
def sqrtm_tangent(y, A, disp=None, blocksize=None):
    d[y] = scipy.linalg.solve_sylvester(y, y, d[A])


# scipy.special.zeta(x, q): the Hurwitz zeta function, differentiated with
# respect to q only (d/dq zeta(x, q) = -x zeta(x + 1, q)). SciPy has no
# derivative with respect to the exponent x: asking for one raises an error.


def zeta_exponent_unsupported(value):
    """Called where a derivative would flow into zeta's exponent x: refuse loudly."""
    raise TangentError(
        'scipy.special.zeta(x, q): tangent differentiates with respect to q only, not with '
        'respect to the exponent x.')


linear(zeta_exponent_unsupported, 0)


@adjoint(scipy.special.zeta)
def zeta(y, x, q=None, out=None):
    d[q] = tangent.unbroadcast(-d[y] * x * scipy.special.zeta(x + 1.0, q), q)
    d[x] = zeta_exponent_unsupported(x)


@tangent_of(scipy.special.zeta)
def zeta_tangent(y, x, q=None, out=None):
    d[y] = -d[q] * x * scipy.special.zeta(x + 1.0, q) + zeta_exponent_unsupported(d[x])


# scipy.special: complete elliptic integrals (parameter m < 1), with
# dK/dm = (E - (1 - m) K) / (2 m (1 - m)) and dE/dm = (E - K) / (2 m);
# the limits at m = 0 are pi / 8 and -pi / 8 (first derivatives only there: the
# second derivative at exactly m = 0 comes out as 0).


@adjoint(scipy.special.ellipk)
def ellipk(y, m):
    safe = numpy.where(m == 0.0, 0.5, m)
    d[m] = d[y] * numpy.where(
        m == 0.0, numpy.pi / 8.0,
        (scipy.special.ellipe(safe) - (1.0 - safe) * scipy.special.ellipk(safe)) / (2.0 * safe * (1.0 - safe)))


@tangent_of(scipy.special.ellipk)
def ellipk_tangent(y, m):
    safe = numpy.where(m == 0.0, 0.5, m)
    d[y] = d[m] * numpy.where(
        m == 0.0, numpy.pi / 8.0,
        (scipy.special.ellipe(safe) - (1.0 - safe) * scipy.special.ellipk(safe)) / (2.0 * safe * (1.0 - safe)))


@adjoint(scipy.special.ellipe)
def ellipe(y, m):
    safe = numpy.where(m == 0.0, 0.5, m)
    d[m] = d[y] * numpy.where(
        m == 0.0, -numpy.pi / 8.0, (scipy.special.ellipe(safe) - scipy.special.ellipk(safe)) / (2.0 * safe))


@tangent_of(scipy.special.ellipe)
def ellipe_tangent(y, m):
    safe = numpy.where(m == 0.0, 0.5, m)
    d[y] = d[m] * numpy.where(
        m == 0.0, -numpy.pi / 8.0, (scipy.special.ellipe(safe) - scipy.special.ellipk(safe)) / (2.0 * safe))
