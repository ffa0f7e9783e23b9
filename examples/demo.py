"""A first look at tangent: gradients as readable Python source.

Run with:  python examples/demo.py
"""
import numpy as np

import tangent


def f(x, n):
    s = 0.0
    for i in range(n):
        s = s + x * i
        if s > 3.0:
            s = s * x
    return s


def loss(W, b, x, y):
    h = np.tanh(x @ W + b)
    return np.mean((h - y) ** 2)


def main():
    df = tangent.grad(f)
    print('df/dx at x=1.1, n=5:', df(1.1, 5))
    eps = 1e-6
    print('finite difference  :', (f(1.1 + eps, 5) - f(1.1 - eps, 5)) / (2 * eps))
    print()
    print('The derivative tangent generated for f (one number in: forward mode):')
    print(tangent.source(df))

    df_reverse = tangent.grad(f, mode='reverse')
    print('The same in reverse mode:', df_reverse(1.1, 5))
    print(tangent.source(df_reverse))

    rng = np.random.default_rng(0)
    W, b = rng.normal(size=(3, 2)), np.zeros(2)
    x, y = rng.normal(size=(8, 3)), rng.normal(size=(8, 2))
    dloss = tangent.grad(loss, wrt=('W', 'b'))
    dW, db = dloss(W, b, x, y)
    print('dloss/dW =\n', dW)
    print('dloss/db =', db)
    print()
    print(tangent.source(dloss))


if __name__ == '__main__':
    main()
