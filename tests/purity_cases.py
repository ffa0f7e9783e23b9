"""User functions the optimiser may or may not drop when their result is unused."""
import numpy as np


def pure_helper(x):
    y = np.sin(x) * 2.0
    return y * y


def printing_helper(x):
    print('called with', x)
    return x * 2.0


def writing_helper(x):
    x[0] = 0.0
    return np.sum(x)


def calls_printing_helper(x):
    return printing_helper(x) + 1.0


def uses_pure(x):
    unused = pure_helper(x)
    return x * 3.0


def uses_printing(x):
    unused = printing_helper(x)
    return x * 3.0
