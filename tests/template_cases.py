"""A user library with its own primitives and derivative templates."""
import math

import numpy as np

import tangent


def softplus(x):
    """A primitive we give a template to, instead of differentiating its body."""
    return np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0.0)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


@tangent.adjoint(softplus)
def _softplus_adjoint(y, x):
    d[x] = d[y] * _sigmoid(x)  # noqa: F821 (d is template syntax)


def gamma_of(x):
    return math.gamma(x)


@tangent.adjoint(math.gamma)
def _gamma_adjoint(y, x):
    d[x] = d[y] * y * _digamma(x)  # noqa: F821


def _digamma(x, h=1e-5):
    return (math.lgamma(x + h) - math.lgamma(x - h)) / (2 * h)


def noisy_count(x):
    return float(np.sum(x > 0.0))


tangent.non_differentiable(noisy_count)


def uses_softplus(x):
    return np.sum(softplus(x) * 2.0)


def uses_gamma(x):
    return gamma_of(x) * x


def uses_noisy_count(x):
    return np.sum(x * noisy_count(x))


def scaled_norm(x, scale=2.0, power=2):
    return scale * np.sum(np.abs(x) ** power)


@tangent.adjoint(scaled_norm)
def _scaled_norm_adjoint(y, x, scale=2.0, power=2):
    d[x] = d[y] * scale * power * np.abs(x) ** (power - 1) * np.sign(x)  # noqa: F821


def uses_keywords(x):
    return scaled_norm(x, power=3) + scaled_norm(x, scale=0.5)
