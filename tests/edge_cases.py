import numpy as np

def stale_view(X, v):
    row = X[0]
    X[0] = v
    return np.sum(row * 2.0)

def copied_view(X, v):
    row = X[0].copy()
    X[0] = v
    return np.sum(row * 2.0 + X[0])

def alias_then_write(x):
    y = x
    y[0] = 5.0
    return np.sum(x * x)

def fancy(x):
    idx = np.array([0, 0, 2])
    return np.sum(x[idx] ** 2)

def mask(x):
    return np.sum(x[x > 0.0] ** 3)

def maybe_zero(x, n):
    for i in range(n):
        if i == 1:
            y = x * 2.0
    return y * x

def const_out(x):
    return 3.0

def recursive(x, n):
    if n == 0:
        return x
    return recursive(x * 1.5, n - 1) * x

def grow(x):
    h = x[:1]
    for i in range(3):
        h = np.concatenate([h, x[i:i + 1] * h[-1:]])
    return np.sum(h ** 2)

def partial_tuple(x):
    a, b = pair(x)
    return a * 3.0

def pair(x):
    return x * x, np.sin(x)


def augmented_alias(x, y):
    x = y
    y += np.sin(x)
    return np.sum(x)


def augmented_alias_of_copy(y):
    z = y.copy()
    w = z
    w += 1.0 * z
    return np.sum(z)


def augmented_scalars_alias_freely(x):
    y = x
    y += 2.0 * x
    return x * y


def dict_of_values(x):
    d = {'a': x * 2.0, 'b': x}
    return np.sum(d['a'] * d['b'])


def while_doubling(x):
    y = x
    while y < 10.0:
        y = y * 2.0
    return y


def reset_in_branch(x):
    y = x * x
    if y > 10.0:
        y = 10.0
    return y


def reset_in_loop(x):
    y = x
    for i in range(3):
        y = y * x
        if i == 1:
            y = 2.0
    return y


def floor_in_branch(x):
    y = x * 3.0
    if y > 1.0:
        y = np.floor(y)
    return y * x
