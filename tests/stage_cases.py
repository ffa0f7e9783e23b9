"""Small functions whose intermediate forms the stage tests inspect."""
import numpy as np


def augmented(x, y):
    x += y
    x *= 2.0
    return x


def unpacking(x):
    a, b = x * 2.0, x + 1.0
    a, b = b, a
    return a - b


def conditional_expression(x):
    y = x * 2.0 if x > 0.0 else -x
    return y


def methods(X):
    return X.sum(axis=0).T.reshape(2, 2)


def short_circuit(x, n):
    if n > 0 and x[n - 1] > 0.0:
        return x[0]
    return x[1]


def loop_over_rows(X):
    total = 0.0
    for row in X:
        total = total + np.sum(row)
    return total


def enumerate_zip(xs, ys):
    total = 0.0
    for i, x in enumerate(xs):
        total = total + x * i
    for a, b in zip(xs, ys):
        total = total + a * b
    return total


def with_continue(x):
    s = 0.0
    for i in range(4):
        if i == 2:
            continue
        s = s + x * i
    return s


def counter_loop(x, n):
    s = x
    k = 0
    for i in range(n):
        k = k + 1
        s = s * 1.5
    return s * k
