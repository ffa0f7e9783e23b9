"""Functions used by test_api.py (they must live in a file so tangent can read them)."""
import numpy as np

import tangent

SCALE = 2.0


def square(x):
    return x * x


def scaled(x):
    return SCALE * x * x


def make_closure(weights):
    def model(x):
        return np.sum(weights * np.sin(x))
    return model


@tangent.grad
def calls_later_defined(x):
    return defined_later(x) * 3.0


def defined_later(x):
    return x * x * x


@tangent.grad(wrt=(1,))
def second_argument(x, y):
    return x * y * y


def clipped(x):
    y = x * 3.0
    with tangent.insert_grad_of(y) as dy:
        dy = np.clip(dy, -1.0, 1.0)
    return np.sum(y ** 2)


def stopped(x):
    y = tangent.stop_gradient(x * 2.0)
    return np.sum(x * y)


def vector_output(x):
    return np.sin(x) * 2.0


def writes_input(x):
    x[0] = x[1] * 2.0
    return np.sum(x ** 2)


def raises_in_backward(x):
    return explode(x) * 2.0


def explode(x):
    if x > 100.0:
        return x * 0.0
    return x * np.log(-x)
