"""One function per statement or expression form of issue 5, item 3."""
import logging
import math

import numpy as np

logger = logging.getLogger('tangent.tests')


def iterate_with_enumerate(x, ys):
    s = 0.0
    for i, y in enumerate(ys):
        s = s + y * x ** i
    return s


def iterate_with_enumerate_start(x, ys):
    s = 0.0
    for i, y in enumerate(ys, 1):
        s = s + y * x ** i
    return s


def iterate_with_zip(x, ys):
    s = 0.0
    for a, b in zip(ys, reversed(ys)):
        s = s + a * b * x
    return s


def iterate_reversed(x, ys):
    s = x
    for y in reversed(ys):
        s = s * 0.5 + y * s
    return s


def range_with_step(x):
    s = 0.0
    for k in range(5, 0, -2):
        s = s + k * x ** 2
    for k in range(0, 6, 3):
        s = s * x + k
    return s


def conditional_expression(x):
    y = x * x if x > 0.0 else -x
    return y * (2.0 if y > 1.0 else 3.0)


def and_or_conditions(x, y):
    if x > 0.0 and y > 0.0 or x < -5.0:
        z = x * y
    else:
        z = x + y
    if not (x > 10.0 or y > 10.0):
        z = z * 2.0
    return z


def assert_print_and_logging(x):
    assert x > -100.0, 'x out of range'
    print('x =', x)
    logger.info('x = %s', x)
    logging.debug('debug %s', x)
    return x ** 3


def isinstance_len_and_shape_tests(x, xs):
    y = np.sum(x ** 2)
    if isinstance(xs, list) and len(xs) == 2:
        y = y * xs[0]
    if x.shape[0] == 3 and x.ndim == 1 and x.size > 1:
        y = y + np.sum(x)
    return y


def math_module(x):
    return (math.sin(x) + math.cos(x) * math.exp(x / 4.0) + math.log(x + 3.0) + math.sqrt(x * x + 1.0)
            + math.tanh(x) + math.atan(x) + math.pow(x * x + 1.0, 1.5) + math.log10(x + 5.0))


def builtins_on_numbers(x, y):
    return abs(x) + min(x, y) + max(x, y, 0.1) + pow(x, 3) + float(y) * sum([x, y, 1.0])


def annotated_assignment(x):
    y: float = x * 2.0
    z: np.ndarray
    return y * x
