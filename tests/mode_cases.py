"""Functions for tests/test_modes.py: which mode tangent.grad generates, and that it is right."""
import math

import numpy as np

import tangent


def horner(x, coeffs):
    y = 0.0
    for c in coeffs:
        y = y * x + c
    return y


def horner_summed(x, coeffs):
    """Horner over coefficients that may be arrays: y becomes an array partway."""
    y = 0.0
    for c in coeffs:
        y = y * x + c
    return np.sum(y)


def total(coeffs):
    y = 0.0
    for c in coeffs:
        y = y + c
    return y


def offset(x, coeffs):
    """y + x: the tangent is dx, a number, whatever y turns out to be."""
    return total(coeffs) + x


def offset_summed(x, coeffs):
    y = 0.0
    for c in coeffs:
        y = y + c
    return np.sum(y + x)


def offset_then_write(x, coeffs):
    y = 0.0
    for c in coeffs:
        y = y + c
    z = y + x
    z[0] = x * x
    return np.sum(z)


def offset_then_index(x, coeffs):
    y = 0.0
    for c in coeffs:
        y = y + c
    z = y + x
    return np.sum(z[1:] * z[0])


def branchy(x, n):
    s = 0.0
    for i in range(n):
        if s > 1.0:
            s = s * x - 1.0
        else:
            s = s + 0.5 * x
    return s


def scalar_math(x, y):
    return math.sin(x) * y + math.exp(-x * x) / (1.0 + abs(x))


def clipped_scalar(x):
    y = x * 3.0
    with tangent.insert_grad_of(y) as dy:
        dy = min(max(dy, -1.0), 1.0)
    return y * y


def calls_clipped(x):
    return clipped_scalar(x) + x


def straight_through(x):
    return float(np.round(x))


@tangent.adjoint(straight_through)
def _straight_through_adjoint(y, x):
    d[x] = d[y]  # noqa: F821 (the gradient passes through the rounding)


def uses_straight_through(x):
    return straight_through(x * 2.0) * x


def both_rules(x):
    return float(np.round(x))


@tangent.adjoint(both_rules)
def _both_rules_adjoint(y, x):
    d[x] = d[y]  # noqa: F821


@tangent.tangent_of(both_rules)
def _both_rules_tangent(y, x):
    d[y] = d[x]  # noqa: F821


def uses_both_rules(x):
    return both_rules(x * 2.0) * x


def loop_variable_kept(x, values):
    total = 0.0
    for v in values:
        total = total + v * x
    return total * v


def appends_while_looping(x, values):
    out = []
    for v in values:
        out.append(v * x)
    return sum(out)


def shifted_sum(w, x):
    """The number w is the first argument and an array the last (what forward mode's
    optimiser assumes about each must come from the call, not from reverse mode's habits)."""
    return np.sum(x + w) + np.mean(np.exp(x * w))


def doubles_first(x, values):
    """Writes into the list it loops over: the loop must keep reading values[i]."""
    total = 0.0
    for v in values:
        total = total + v * x
        values[0] = values[0] * 2.0
    return total * x


def reads_rows_twice(x, rows):
    total = 0.0
    for row in rows:
        total = total + np.sum(row * x) + row[0]
    return total * x


def reshaped_in_place(x, M):
    """y changes shape as it is updated from itself: its tangent takes the new shape."""
    y = x + np.zeros(3)
    y = np.dot(y, M)
    return np.sum(y)


class Scaler:
    def __init__(self, factor):
        self.factor = factor

    def clipped(self, x):
        y = x * self.factor
        with tangent.insert_grad_of(y) as dy:
            dy = min(max(dy, -1.0), 1.0)
        return y * y

    def plain(self, x):
        return x * self.factor


def uses_clipping_method(x, scaler):
    return scaler.clipped(x) + x


def uses_plain_method(x, scaler):
    return scaler.plain(x) * x


def forwards_to_method(x, scaler):
    return calls_method_of_argument(scaler, x)


def calls_method_of_argument(scaler, x):
    return scaler.plain(x) * x


GLOBAL_SCALER = Scaler(3.0)


def uses_a_global_objects_clipping_method(x):
    return GLOBAL_SCALER.clipped(x) + x
