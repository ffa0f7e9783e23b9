"""Functions whose generated derivatives are kept as golden files in tests/golden/.

Each entry: (function, example arguments, wrt). The derivative is generated for
the example arguments' types, so the file shows exactly what users get.
"""
import numpy as np


def straight_line(x, y):
    z = x * y + np.sin(x)
    w = z / y - np.exp(-x)
    return w * z


def branch(x):
    if x > 0.0:
        y = x * x
    else:
        y = -3.0 * x
    return y + 1.0


def for_loop(x, n):
    s = 0.0
    for i in range(n):
        s = s + x * i
        if s > 3.0:
            s = s * x
    return s


def while_break(x):
    y = x
    k = 0
    while k < 10:
        y = y * 1.4
        if y > 5.0:
            break
        k = k + 1
    return y * y


def helper(a, b):
    return a * np.tanh(b)


def subroutine(x, w):
    h = helper(x, w)
    return np.sum(helper(h, w) ** 2)


def fill_rows(x, W):
    out = np.zeros((x.shape[0], W.shape[1]))
    for i in range(x.shape[0]):
        out[i] = np.tanh(x[i] @ W)
    return np.sum(out ** 2)


def mlp_loss(W1, b1, W2, b2, x, y):
    h = np.tanh(x @ W1 + b1)
    prediction = h @ W2 + b2
    return np.mean((prediction - y) ** 2)


def rosenbrock(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def horner(x, coeffs):
    y = 0.0
    for c in coeffs:
        y = y * x + c
    return y


_rng = np.random.default_rng(0)
# name: (function, example arguments, wrt, what to generate)
# 'grad' is reverse mode (tangent.grad(mode='reverse')), 'grad_auto' what
# tangent.grad generates by default (forward mode for one number), 'forward' a
# Jacobian-vector product (the example arguments then end with the tangents),
# 'hvp' a Hessian-vector product.
CASES = {
    'straight_line': (straight_line, (0.7, 1.3), (0, 1), 'grad'),
    'branch': (branch, (0.5,), (0,), 'grad'),
    'for_loop': (for_loop, (1.1, 5), (0,), 'grad'),
    'while_break': (while_break, (0.9,), (0,), 'grad'),
    'subroutine': (subroutine, (_rng.normal(size=3), _rng.normal(size=3)), (0, 1), 'grad'),
    'fill_rows': (fill_rows, (_rng.normal(size=(4, 3)), _rng.normal(size=(3, 2))), (0, 1), 'grad'),
    'mlp_loss': (mlp_loss, (_rng.normal(size=(3, 5)), np.zeros(5), _rng.normal(size=(5, 1)),
                            np.zeros(1), _rng.normal(size=(8, 3)), _rng.normal(size=(8, 1))),
                 (0, 1, 2, 3), 'grad'),
    'forward_for_loop': (for_loop, (1.1, 5, 1.0), (0,), 'forward'),
    'auto_for_loop': (for_loop, (1.1, 5), (0,), 'grad_auto'),
    'auto_horner': (horner, (0.9, [0.5, -1.0, 2.0, 0.25]), (0,), 'grad_auto'),
    'hvp_rosenbrock': (rosenbrock, (_rng.normal(size=4), _rng.normal(size=4)), (0,), 'hvp'),
}
