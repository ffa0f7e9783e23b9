"""The Python people write: lambdas, methods, comprehensions."""
import numpy as np

import tangent

lambda_square = lambda x: x * x + np.sin(x)  # noqa: E731


class Model:
    def __init__(self, W):
        self.W = W

    def loss(self, x):
        return np.sum(np.tanh(x @ self.W) ** 2)


def comprehension(x, n):
    squares = [x * i for i in range(n) if i % 2 == 0]
    total = sum(np.sin(x * j) for j in range(n))
    return np.sum(np.array(squares)) + total


def local_lambda(x):
    scale = 3.0
    f = lambda t: scale * t * t  # noqa: E731
    return f(x) + f(x * 2.0)


def nested_comprehension(xs):
    return sum(sum(a * b for b in xs) for a in xs)


def comprehension_over_rows(X):
    return sum(np.sum(row ** 2) for row in X)


GRAD_OF_LAMBDA = tangent.grad(lambda x, y: x * y ** 2, wrt=(0, 1))
