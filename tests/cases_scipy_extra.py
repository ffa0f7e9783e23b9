"""Cases for tangent/rules/scipy_extra_rules.py; empty without SciPy.

Inputs stay inside each function's domain (positive arguments for the gamma,
Bessel K/Y and exponential-integral functions, (0, 1) for ndtri and erfcinv's
(0, 2), |r| away from delta for huber's kink).
"""
import numpy as np

from primitive_case import Case

try:
    import scipy.linalg
    import scipy.special
    import scipy.stats
    from tangent.rules import scipy_extra_rules as rules
except ImportError:  # SciPy is optional: no SciPy, no SciPy cases
    scipy = rules = None


def uniform(low, high, *shape):
    return lambda rng: (rng.uniform(low, high, size=shape),)


def pair(low, high, shape_a, shape_b):
    return lambda rng: (rng.uniform(low, high, size=shape_a), rng.uniform(low, high, size=shape_b))


def extra_gamma(x):
    return scipy.special.gamma(x)


def extra_loggamma(x):
    return scipy.special.loggamma(x)


def extra_beta(a, b):
    return scipy.special.beta(a, b)


def extra_betaln(a, b):
    return scipy.special.betaln(a, b)


def extra_ndtr(x):
    return scipy.special.ndtr(x)


def extra_log_ndtr(x):
    return scipy.special.log_ndtr(x)


def extra_ndtri(x):
    return scipy.special.ndtri(x)


def extra_erfcx(x):
    return scipy.special.erfcx(x)


def extra_erfcinv(x):
    return scipy.special.erfcinv(x)


def extra_log_expit(x):
    return scipy.special.log_expit(x)


def extra_softplus(x):
    return scipy.special.softplus(x)


def extra_entr(x):
    return scipy.special.entr(x)


def extra_rel_entr(x, y):
    return scipy.special.rel_entr(x, y)


def extra_kl_div(x, y):
    return scipy.special.kl_div(x, y)


def extra_huber(delta, r):
    return scipy.special.huber(delta, r)


def extra_pseudo_huber(delta, r):
    return scipy.special.pseudo_huber(delta, r)


def extra_exp1(x):
    return scipy.special.exp1(x)


def extra_expi(x):
    return scipy.special.expi(x)


def extra_spence(x):
    return scipy.special.spence(x)


def extra_j0(x):
    return scipy.special.j0(x)


def extra_j1(x):
    return scipy.special.j1(x)


def extra_y0(x):
    return scipy.special.y0(x)


def extra_y1(x):
    return scipy.special.y1(x)


def extra_k0(x):
    return scipy.special.k0(x)


def extra_k1(x):
    return scipy.special.k1(x)


def extra_k0e(x):
    return scipy.special.k0e(x)


def extra_k1e(x):
    return scipy.special.k1e(x)


def extra_i0e(x):
    return scipy.special.i0e(x)


def extra_i1e(x):
    return scipy.special.i1e(x)


def extra_zeta(x, q):
    return scipy.special.zeta(x, q)


def extra_ellipk(m):
    return scipy.special.ellipk(m)


def extra_ellipe(m):
    return scipy.special.ellipe(m)


def extra_ellipk_limit(m):
    return scipy.special.ellipk(m) * m


def extra_ellipe_limit(m):
    return scipy.special.ellipe(m) * m


def extra_boxcox(x, lmbda):
    return scipy.special.boxcox(x, lmbda)


def extra_inv_boxcox(y, lmbda):
    return scipy.special.inv_boxcox(y, lmbda)


def extra_norm_logcdf(x, loc, scale):
    return scipy.stats.norm.logcdf(x, loc, scale)


def extra_norm_logcdf_standard(x):
    return scipy.stats.norm.logcdf(x)


def extra_norm_sf(x, loc, scale):
    return scipy.stats.norm.sf(x, loc=loc, scale=scale)


def extra_norm_logsf(x, loc, scale):
    return scipy.stats.norm.logsf(x, loc, scale=scale)


def extra_norm_ppf(q, loc, scale):
    return scipy.stats.norm.ppf(q, loc, scale)


def extra_t_logpdf(x, df, loc, scale):
    return scipy.stats.t.logpdf(x, df, loc, scale)


def extra_t_logpdf_standard(x, df):
    return scipy.stats.t.logpdf(x, df)


def extra_logistic_logpdf(x, loc, scale):
    return scipy.stats.logistic.logpdf(x, loc, scale)


def extra_logistic_cdf(x, loc, scale):
    return scipy.stats.logistic.cdf(x, loc=loc, scale=scale)


def extra_expon_logpdf(x, loc, scale):
    return scipy.stats.expon.logpdf(x, loc, scale)


def extra_expon_logpdf_scale(x, scale):
    return scipy.stats.expon.logpdf(x, scale=scale)


def extra_inv(a):
    return scipy.linalg.inv(a)


def extra_det(a):
    return scipy.linalg.det(a)


def extra_solve(a, b):
    return scipy.linalg.solve(a, b)


def extra_solve_gen(a, b):
    return scipy.linalg.solve(a, b, assume_a='gen')


def extra_solve_transposed(a, b, transposed):
    return scipy.linalg.solve(a, b, transposed=transposed)


def extra_sqrtm(a):
    return scipy.linalg.sqrtm(a)


def extra_cholesky(a, lower):
    return scipy.linalg.cholesky(a + np.transpose(a), lower=lower)


def extra_cholesky_default(a):
    return scipy.linalg.cholesky(a + np.transpose(a))


def extra_lower_half_diagonal(x):
    return np.sin(rules.lower_half_diagonal(x))


def well_conditioned(rng, n):
    return rng.normal(size=(n, n)) * 0.5 + 3.0 * np.eye(n)


def positive_definite_half(rng, n):
    """a with a + a.T positive definite."""
    m = rng.normal(size=(n, n))
    return 0.5 * (m @ m.T) + 1.5 * np.eye(n) + np.triu(rng.normal(size=(n, n)) * 0.3, 1)


def loc_scale(x):
    return [
        lambda rng: (x(rng, 5), 0.3, 1.5),
        lambda rng: (x(rng, (2, 3)), rng.normal(size=3) * 0.3, rng.uniform(0.5, 2.0, size=(2, 1))),
    ]


if rules is None:
    CASES = []
else:
    special = scipy.special
    CASES = [
        Case(special.gamma, extra_gamma, [uniform(0.5, 4.0, 5), uniform(1.0, 3.0, 2, 2)], order=2),
        Case(special.loggamma, extra_loggamma, [uniform(0.5, 4.0, 5), uniform(1.0, 3.0, 2, 2)]),
        Case(special.beta, extra_beta, [pair(0.5, 3.0, (4,), (4,)), pair(0.5, 3.0, (2, 3), (3,))],
             order=2),
        Case(special.betaln, extra_betaln, [pair(0.5, 3.0, (4,), (4,)), pair(0.5, 3.0, (2, 3), (2, 1))]),
        Case(special.ndtr, extra_ndtr, [uniform(-3.0, 3.0, 5), uniform(-1.0, 1.0, 2, 3)], order=2),
        Case(special.log_ndtr, extra_log_ndtr, [uniform(-5.0, 3.0, 5), uniform(-1.0, 1.0, 2, 3)]),
        Case(special.ndtri, extra_ndtri, [uniform(0.05, 0.95, 5), uniform(0.2, 0.8, 2, 3)], order=2),
        Case(special.erfcx, extra_erfcx, [uniform(-1.0, 3.0, 5), uniform(0.0, 1.0, 2, 3)]),
        Case(special.erfcinv, extra_erfcinv, [uniform(0.1, 1.9, 5), uniform(0.5, 1.5, 2, 3)]),
        Case(special.log_expit, extra_log_expit, [uniform(-4.0, 4.0, 5), uniform(-1.0, 1.0, 2, 3)],
             order=2),
        Case(special.softplus, extra_softplus, [uniform(-4.0, 4.0, 5), uniform(-1.0, 1.0, 2, 3)]),
        Case(special.entr, extra_entr, [uniform(0.1, 3.0, 5), uniform(0.5, 1.5, 2, 3)]),
        Case(special.rel_entr, extra_rel_entr, [pair(0.2, 3.0, (4,), (4,)), pair(0.2, 3.0, (2, 3), (3,))]),
        Case(special.kl_div, extra_kl_div, [pair(0.2, 3.0, (4,), (4,)), pair(0.2, 3.0, (2, 1), (2, 3))],
             order=2),
        Case(special.huber, extra_huber, [
            lambda rng: (1.0, np.array([-2.5, -0.4, 0.3, 1.7])),
            lambda rng: (np.array([0.5, 2.0, 1.0]), np.array([[-1.2, 0.6, 0.2], [0.1, -3.0, 1.5]])),
        ]),
        Case(special.pseudo_huber, extra_pseudo_huber, [
            lambda rng: (1.3, rng.normal(size=4)),
            lambda rng: (rng.uniform(0.5, 2.0, size=3), rng.normal(size=(2, 3))),
        ], order=2),
        Case(special.exp1, extra_exp1, [uniform(0.2, 3.0, 5), uniform(0.5, 1.5, 2, 3)]),
        Case(special.expi, extra_expi, [uniform(0.2, 3.0, 5), uniform(-2.0, -0.5, 2, 3)]),
        Case(special.spence, extra_spence, [uniform(0.2, 3.0, 5), lambda rng: (np.array([1.0, 0.5]),)]),
        Case(special.j0, extra_j0, [uniform(-4.0, 4.0, 5), uniform(0.5, 1.5, 2, 3)], order=2),
        Case(special.j1, extra_j1, [uniform(-4.0, 4.0, 5), lambda rng: (np.array([0.0, 0.7]),)],
             order=2),
        Case(special.y0, extra_y0, [uniform(0.5, 4.0, 5), uniform(0.5, 1.5, 2, 3)], order=2),
        Case(special.y1, extra_y1, [uniform(0.5, 4.0, 5), uniform(0.5, 1.5, 2, 3)]),
        Case(special.k0, extra_k0, [uniform(0.3, 4.0, 5), uniform(0.5, 1.5, 2, 3)], order=2),
        Case(special.k1, extra_k1, [uniform(0.3, 4.0, 5), uniform(0.5, 1.5, 2, 3)]),
        Case(special.k0e, extra_k0e, [uniform(0.3, 4.0, 5), uniform(0.5, 1.5, 2, 3)]),
        Case(special.k1e, extra_k1e, [uniform(0.3, 4.0, 5), uniform(0.5, 1.5, 2, 3)], order=2),
        Case(special.i0e, extra_i0e, [uniform(-3.0, 3.0, 5), uniform(0.5, 1.5, 2, 3)]),
        Case(special.i1e, extra_i1e, [uniform(-3.0, 3.0, 5), lambda rng: (np.array([0.0, -0.7]),)]),
        Case(special.zeta, extra_zeta, [
            lambda rng: (3.0, rng.uniform(0.5, 3.0, size=4)),
            lambda rng: (np.array([2.5, 4.0, 3.0]), rng.uniform(0.5, 3.0, size=(2, 3))),
        ], wrt=(1,), order=2),
        Case(special.ellipk, extra_ellipk, [uniform(-2.0, 0.9, 5), uniform(0.1, 0.6, 2, 2)], order=2),
        Case(special.ellipk, extra_ellipk_limit, [lambda rng: (np.array([0.0, 0.4]),)]),  # the limit at m = 0
        Case(special.ellipe, extra_ellipe, [uniform(-2.0, 0.9, 5), uniform(0.1, 0.6, 2, 2)], order=2),
        Case(special.ellipe, extra_ellipe_limit, [lambda rng: (np.array([0.0, 0.4]),)]),  # the limit at m = 0
        Case(special.boxcox, extra_boxcox, [
            lambda rng: (rng.uniform(0.5, 3.0, size=4), 0.5),
            lambda rng: (rng.uniform(0.5, 3.0, size=(2, 3)), 0.0),
        ], wrt=(0,)),
        Case(special.inv_boxcox, extra_inv_boxcox, [
            lambda rng: (rng.uniform(0.5, 3.0, size=4), 0.5),
            lambda rng: (rng.uniform(-1.0, 1.0, size=(2, 3)), 0.0),
        ], wrt=(0,)),
        Case(rules.NORM_LOGCDF, extra_norm_logcdf, loc_scale(lambda rng, n: rng.normal(size=n) * 2.0),
             order=2),
        Case(rules.NORM_LOGCDF, extra_norm_logcdf_standard, [uniform(-6.0, 3.0, 4)]),
        Case(rules.NORM_SF, extra_norm_sf, loc_scale(lambda rng, n: rng.normal(size=n))),
        Case(rules.NORM_LOGSF, extra_norm_logsf, loc_scale(lambda rng, n: rng.normal(size=n) * 2.0),
             order=2),
        Case(rules.NORM_PPF, extra_norm_ppf, loc_scale(lambda rng, n: rng.uniform(0.1, 0.9, size=n)),
             order=2),
        Case(rules.T_LOGPDF, extra_t_logpdf, [
            lambda rng: (rng.normal(size=5), 4.0, 0.3, 1.5),
            lambda rng: (rng.normal(size=(2, 3)), rng.uniform(2.0, 6.0, size=3), rng.normal(size=3) * 0.3,
                         rng.uniform(0.5, 2.0, size=(2, 1))),
        ], order=2),
        Case(rules.T_LOGPDF, extra_t_logpdf_standard, [lambda rng: (rng.normal(size=4), 3.0)], wrt=(0,)),
        Case(rules.LOGISTIC_LOGPDF, extra_logistic_logpdf, loc_scale(lambda rng, n: rng.normal(size=n)),
             order=2),
        Case(rules.LOGISTIC_CDF, extra_logistic_cdf, loc_scale(lambda rng, n: rng.normal(size=n))),
        Case(rules.EXPON_LOGPDF, extra_expon_logpdf, [
            lambda rng: (rng.uniform(0.5, 3.0, size=5), 0.3, 1.5),
            lambda rng: (rng.uniform(0.5, 3.0, size=(2, 3)), rng.uniform(0.0, 0.4, size=3),
                         rng.uniform(0.5, 2.0, size=(2, 1))),
        ], order=2),
        Case(rules.EXPON_LOGPDF, extra_expon_logpdf_scale, [lambda rng: (rng.uniform(0.5, 3.0, size=4), 2.0)]),
        Case(scipy.linalg.inv, extra_inv, [
            lambda rng: (well_conditioned(rng, 3),),
            lambda rng: (well_conditioned(rng, 2),),
        ], order=2),
        Case(scipy.linalg.det, extra_det, [
            lambda rng: (well_conditioned(rng, 3),),
            lambda rng: (rng.normal(size=(2, 2)) + 2.0 * np.eye(2),),
        ], order=2),
        Case(scipy.linalg.solve, extra_solve, [
            lambda rng: (well_conditioned(rng, 3), rng.normal(size=3)),
            lambda rng: (well_conditioned(rng, 3), rng.normal(size=(3, 2))),
        ]),
        Case(scipy.linalg.solve, extra_solve_gen, [
            lambda rng: (well_conditioned(rng, 4), rng.normal(size=(4, 2))),
        ]),
        Case(scipy.linalg.solve, extra_solve_transposed, [
            lambda rng: (well_conditioned(rng, 3), rng.normal(size=3), True),
            lambda rng: (well_conditioned(rng, 3), rng.normal(size=(3, 2)), False),
        ], order=2),
        Case(scipy.linalg.sqrtm, extra_sqrtm, [
            lambda rng: (well_conditioned(rng, 3),),
            lambda rng: (positive_definite_half(rng, 2),),
        ]),
        Case(scipy.linalg.cholesky, extra_cholesky, [
            lambda rng: (positive_definite_half(rng, 3), True),
            lambda rng: (positive_definite_half(rng, 3), False),
        ], order=2),
        Case(scipy.linalg.cholesky, extra_cholesky_default, [lambda rng: (positive_definite_half(rng, 4),)]),
        Case(rules.lower_half_diagonal, extra_lower_half_diagonal, [lambda rng: (rng.normal(size=(3, 3)),)],
             order=2),
    ]
