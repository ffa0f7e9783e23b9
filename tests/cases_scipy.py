"""Cases for the SciPy rules (tangent/rules/scipy_rules.py); empty without SciPy.

make_args keep inputs inside each function's domain (erfinv and logit on
(-1, 1) and (0, 1), the gamma functions on positive numbers, well-conditioned
triangular matrices). Settings (axis, keepdims, b, lower, trans) are
arguments, so the templates also see run-time values for them.
"""
import numpy as np

from primitive_case import Case

try:
    import scipy.linalg
    import scipy.special
    import scipy.stats
    from tangent.rules import scipy_rules
except ImportError:  # SciPy is optional: no SciPy, no SciPy cases
    scipy = scipy_rules = None


def scipy_erf(x):
    return scipy.special.erf(x) * x


def scipy_erfc(x):
    return scipy.special.erfc(x) * x


def scipy_erfinv(x):
    return scipy.special.erfinv(x)


def scipy_gammaln(x):
    return scipy.special.gammaln(x)


def scipy_digamma(x):
    return scipy.special.digamma(x)


def scipy_polygamma(x):
    return scipy.special.polygamma(1, x) + scipy.special.polygamma(3, x * 0.5)


def scipy_expit(x):
    return scipy.special.expit(x)


def scipy_logit(x):
    return scipy.special.logit(x)


def scipy_logsumexp(a, axis, b, keepdims):
    return scipy.special.logsumexp(a, axis=axis, b=b, keepdims=keepdims)


def scipy_logsumexp_default(a):
    return scipy.special.logsumexp(a)


def scipy_softmax(x, axis):
    return scipy.special.softmax(x, axis=axis) * x


def scipy_log_softmax(x, axis):
    return scipy.special.log_softmax(x, axis) * x


def scipy_xlogy(x, y):
    return scipy.special.xlogy(x, y)


def scipy_xlog1py(x, y):
    return scipy.special.xlog1py(x, y)


def scipy_i0(x):
    return scipy.special.i0(x)


def scipy_i1(x):
    return scipy.special.i1(x)


def scipy_norm_logpdf(x, loc, scale):
    return scipy.stats.norm.logpdf(x, loc=loc, scale=scale)


def scipy_norm_logpdf_standard(x):
    return scipy.stats.norm.logpdf(x)


def scipy_norm_pdf(x, loc, scale):
    return scipy.stats.norm.pdf(x, loc, scale)


def scipy_norm_cdf(x, loc, scale):
    return scipy.stats.norm.cdf(x, loc, scale=scale)


def scipy_solve_triangular(a, b, trans, lower, unit_diagonal):
    return scipy.linalg.solve_triangular(a, b, trans=trans, lower=lower, unit_diagonal=unit_diagonal)


def scipy_cho_solve(c, b, lower):
    return scipy.linalg.cho_solve((c, lower), b)


def scipy_expm(a):
    return scipy.linalg.expm(a)


def real_view(z):
    """A real array from which complex z can be read back (up to Im(z[..., 0]))."""
    return np.fft.irfft(z, 2 * np.shape(z)[-1] - 1)


def scipy_expm_complex(a):
    return real_view(scipy.linalg.expm(a))


def scipy_conjugate_transpose(a):
    return np.sin(real_view(scipy_rules.conjugate_transpose(a)))


def scipy_weights_or_one(b):
    return np.sin(scipy_rules.weights_or_one(b))


def uniform(low, high, *shape):
    return lambda rng: (rng.uniform(low, high, size=shape),)


def triangular(rng, n, lower):
    a = rng.normal(size=(n, n)) * 0.5 + 3.0 * np.eye(n)
    return np.tril(a) if lower else np.triu(a)


if scipy_rules is None:
    CASES = []
else:
    special = scipy.special
    CASES = [
        Case(special.erf, scipy_erf, [uniform(-2.0, 2.0, 5), uniform(-1.0, 1.0, 2, 3)], order=2),
        Case(special.erfc, scipy_erfc, [uniform(-2.0, 2.0, 5), uniform(-1.0, 1.0, 2, 3)]),
        Case(special.erfinv, scipy_erfinv, [uniform(-0.9, 0.9, 5), uniform(-0.5, 0.5, 2, 3)], order=2),
        Case(special.gammaln, scipy_gammaln, [uniform(0.5, 4.0, 5), uniform(1.0, 3.0, 2, 2)], order=2),
        Case(special.digamma, scipy_digamma, [uniform(0.5, 4.0, 5), uniform(1.0, 3.0, 2, 2)], order=2),
        Case(special.polygamma, scipy_polygamma, [uniform(0.5, 4.0, 5), uniform(1.0, 3.0, 2, 2)],
             order=2),
        Case(special.expit, scipy_expit, [uniform(-3.0, 3.0, 5), uniform(-1.0, 1.0, 2, 3)], order=2),
        Case(special.logit, scipy_logit, [uniform(0.1, 0.9, 5), uniform(0.2, 0.8, 2, 3)], order=2),
        Case(special.logsumexp, scipy_logsumexp, [
            lambda rng: (rng.normal(size=5), None, None, False),
            lambda rng: (rng.normal(size=(3, 4)), 1, None, False),
            lambda rng: (rng.normal(size=(3, 4)), 0, None, True),
            lambda rng: (rng.normal(size=(2, 3, 4)), (0, 2), None, False),
            lambda rng: (rng.normal(size=(3, 4)), 1, rng.uniform(0.5, 2.0, size=(3, 4)), False),
            lambda rng: (rng.normal(size=(3, 4)), 0, rng.uniform(0.5, 2.0, size=4), True),  # b broadcast
        ], order=2),
        Case(special.logsumexp, scipy_logsumexp_default, [lambda rng: (rng.normal(size=(2, 3)),)]),
        Case(special.softmax, scipy_softmax, [
            lambda rng: (rng.normal(size=5), None),
            lambda rng: (rng.normal(size=(3, 4)), 1),
            lambda rng: (rng.normal(size=(3, 4)), 0),
            lambda rng: (rng.normal(size=(2, 3)), None),
        ], order=2),
        Case(special.log_softmax, scipy_log_softmax, [
            lambda rng: (rng.normal(size=5), None),
            lambda rng: (rng.normal(size=(3, 4)), 1),
            lambda rng: (rng.normal(size=(3, 4)), 0),
        ], order=2),
        Case(special.xlogy, scipy_xlogy, [
            lambda rng: (rng.normal(size=4), rng.uniform(0.5, 2.0, size=4)),
            lambda rng: (rng.normal(size=(2, 3)), rng.uniform(0.5, 2.0, size=3)),   # broadcasting
            lambda rng: (rng.normal(), rng.uniform(0.5, 2.0, size=3)),
        ], order=2),
        Case(special.xlog1py, scipy_xlog1py, [
            lambda rng: (rng.normal(size=4), rng.uniform(-0.5, 2.0, size=4)),
            lambda rng: (rng.normal(size=(2, 3)), rng.uniform(-0.5, 2.0, size=(2, 1))),
        ]),
        Case(special.i0, scipy_i0, [uniform(-3.0, 3.0, 5), uniform(-1.0, 1.0, 2, 3)], order=2),
        Case(special.i1, scipy_i1, [uniform(-3.0, 3.0, 5), uniform(-1.0, 1.0, 2, 3),
                                   lambda rng: (np.array([0.0, 0.7]),)], order=2),
        Case(scipy_rules.NORM_LOGPDF, scipy_norm_logpdf, [
            lambda rng: (rng.normal(size=5), 0.3, 1.5),
            lambda rng: (rng.normal(size=(2, 3)), rng.normal(size=3), rng.uniform(0.5, 2.0, size=(2, 1))),
            lambda rng: (0.4, -0.2, 0.8),
        ], order=2),
        Case(scipy_rules.NORM_LOGPDF, scipy_norm_logpdf_standard, [lambda rng: (rng.normal(size=4),)]),
        Case(scipy_rules.NORM_PDF, scipy_norm_pdf, [
            lambda rng: (rng.normal(size=5), 0.3, 1.5),
            lambda rng: (rng.normal(size=(2, 3)), rng.normal(size=3), rng.uniform(0.5, 2.0, size=(2, 1))),
        ]),
        Case(scipy_rules.NORM_CDF, scipy_norm_cdf, [
            lambda rng: (rng.normal(size=5), 0.3, 1.5),
            lambda rng: (rng.normal(size=(2, 3)), rng.normal(size=3), rng.uniform(0.5, 2.0, size=(2, 1))),
        ], order=2),
        Case(scipy.linalg.solve_triangular, scipy_solve_triangular, [
            lambda rng: (triangular(rng, 3, True), rng.normal(size=3), 0, True, False),
            lambda rng: (triangular(rng, 3, False), rng.normal(size=(3, 2)), 0, False, False),
            lambda rng: (triangular(rng, 3, True), rng.normal(size=(3, 2)), 1, True, False),
            lambda rng: (triangular(rng, 4, False), rng.normal(size=4), 'T', False, True),
            lambda rng: (triangular(rng, 3, True), rng.normal(size=3), 'C', True, False),
            lambda rng: (rng.normal(size=(3, 3)) + 3.0 * np.eye(3), rng.normal(size=3), 'N', True, True),
        ], order=2),
        Case(scipy.linalg.cho_solve, scipy_cho_solve, [
            lambda rng: (triangular(rng, 3, True), rng.normal(size=3), True),
            lambda rng: (triangular(rng, 3, False), rng.normal(size=(3, 2)), False),
        ], wrt=(1,)),
        Case(scipy.linalg.expm, scipy_expm, [
            lambda rng: (rng.normal(size=(3, 3)) * 0.5,),
            lambda rng: (rng.normal(size=(2, 2, 2)) * 0.5,),   # a batch of matrices
        ], order=2),
        Case(scipy.linalg.expm, scipy_expm_complex, [
            lambda rng: (rng.normal(size=(2, 2)) * 0.5 + 0.5j * rng.normal(size=(2, 2)),),
        ]),
        Case(scipy_rules.conjugate_transpose, scipy_conjugate_transpose, [
            lambda rng: (rng.normal(size=(2, 3)),),
            lambda rng: (rng.normal(size=(2, 3, 2)) + 1j * rng.normal(size=(2, 3, 2)),),
        ]),
        Case(scipy_rules.weights_or_one, scipy_weights_or_one, [
            lambda rng: (rng.normal(size=3),),
            lambda rng: (0.7,),
        ], order=2),
    ]
