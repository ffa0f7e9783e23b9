"""A primitive with a deliberately wrong rule, to show check_grads catches it."""
import numpy as np

import tangent


def wobble(x):
    return np.sin(x) * 2.0


@tangent.adjoint(wobble)
def _wobble_adjoint(y, x):
    d[x] = d[y] * np.cos(x) * 3.0  # noqa: F821 (wrong on purpose: should be 2.0)


@tangent.tangent_of(wobble)
def _wobble_tangent(y, x):
    d[y] = d[x] * np.cos(x) * 2.0  # noqa: F821


def uses_wobble(x):
    return np.sum(wobble(x))


def fine(x, W):
    return np.tanh(x @ W)
