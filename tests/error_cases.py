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


def uses_raise(x):
    if x < 0.0:
        raise ValueError('negative')
    return x * 2.0


def uses_import(x):
    import cmath
    return cmath.sin(x).real


def uses_class(x):
    class Local:
        pass
    return x * 2.0


def uses_match(x):
    match x:
        case 0.0:
            return x
    return x * 2.0


def uses_set(x):
    return len({x, 1.0}) * x


def uses_walrus(x):
    if (y := x * 2.0) > 1.0:
        return y
    return x


def uses_starred(x):
    parts = [x, x]
    return np.sum(np.stack([*parts]))


def uses_loop_else(x):
    for i in range(2):
        x = x * 2.0
    else:
        x = x + 1.0
    return x


def uses_chained_write(x):
    y = np.zeros((2, 2))
    y[0][1] = x
    return np.sum(y)


def uses_dict_comprehension(x):
    d = {i: x * i for i in range(3)}
    return d[1]


def uses_attribute_write(x):
    box = Resource()
    box.value = x
    return x * 2.0


GLOBAL_ARRAY = np.ones(3)


def writes_global_array(x):
    GLOBAL_ARRAY[0] = x
    return np.sum(GLOBAL_ARRAY * x)


def reads_array_attribute(x):
    return np.sum(x.real * 2.0)


def calls_an_argument(x, g=math.sin):
    return g(x)


def uses_yield_from(x):
    yield from [x]


def _make_writer(captured):
    def writes_captured_array(x):
        captured[0] = x
        return np.sum(captured * x)
    return writes_captured_array


writes_captured_array = _make_writer(np.ones(3))
