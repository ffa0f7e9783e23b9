"""Functions for higher-order tests: closed forms where they exist."""
import numpy as np

import tangent


def cubic(x):
    return x ** 3 - 2.0 * x ** 2 + 5.0 * x


def quartic_loop(x, n):
    s = 1.0
    for i in range(n):
        s = s * x + 1.0
    return s


def poly_branch(x):
    if x > 0.0:
        return x ** 4
    return -x ** 5


def uses_gradient_inside(x):
    slope = tangent.grad(cubic)(x)
    return slope * x


def counting(calls):
    def wrapped(x):
        calls.append(1)
        return x
    return wrapped


def rosenbrock(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def gradient_along(x, v):
    """<grad f(x), v>: its gradient is the Hessian-vector product H v."""
    return np.sum(tangent.grad(rosenbrock)(x) * v)


def mlp_loss(W, x):
    h = np.tanh(x @ W)
    return np.mean(h ** 2)


def mlp_gradient_along(W, x, V):
    return np.sum(tangent.grad(mlp_loss)(W, x) * V)


def maxish(x):
    return np.max(x * x) + np.sum(np.maximum(x, 0.1) ** 3)


def cube_sum(x, W):
    h = np.tanh(x @ W)
    return np.sum(h ** 3)


def writes_then_squares(x):
    y = x * 2.0
    y[0] = np.sin(y[0])
    y = y * y
    return np.sum(y)


def linear_map(x):
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    y = x * 2.0
    y[0] = np.sin(y[0])
    return A @ y
