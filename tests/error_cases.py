"""Functions tangent must refuse, each with the construct on a known line."""
import math

import numpy as np

import tangent

counter = 0


def uses_try(x):
    try:
        y = x * 2.0
    except ValueError:
        y = x
    return y


def uses_yield(x):
    yield x * 2.0


async def uses_async(x):
    return x * 2.0


def uses_global(x):
    global counter
    counter = counter + 1
    return x * 2.0


def uses_nonlocal(x):
    total = 0.0

    def inner():
        nonlocal total
        total = total + x
    inner()
    return total


def uses_del(x):
    y = x * 2.0
    del y
    return x


class Resource:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


def uses_with(x):
    with Resource():
        y = x * 2.0
    return y


# Compiled functions with no Python source and no derivative rule.
opaque = np.frompyfunc(lambda value: value * 2.0, 1, 1)
opaque_math = math.nextafter


def calls_unregistered(x):
    y = opaque(x)
    return y * 2.0


def calls_unregistered_math(x):
    return opaque_math(x * 2.0, 10.0)


def uses_lambda(x):
    return sum(map(lambda t: t * 2.0, [x]))


def uses_comprehension(x):
    return len({x * i for i in range(3)})


def mutates_with_method(x):
    parts = [x]
    parts.extend([x * 2.0])
    return parts[0]


def calls_bad_helper(x):
    return uses_try(x) * 2.0


def returns_array(x):
    return x * 2.0


def uses_insert_grad_of_badly(x):
    with tangent.insert_grad_of(x * 2.0) as dx:
        dx = dx * 0.0
    return x
