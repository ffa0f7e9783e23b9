"""Cases for tangent/rules/builtin_rules.py: sum over a sequence, and its helpers.

sum([a, b]), max(...) and min(...) are rewritten by the front end and tested in
tests/test_functions.py; what has a rule of its own is sum over a sequence
known only at run time, and the two helpers its rules use.
"""
import builtins

import numpy as np

from primitive_case import Case
from tangent.rules.builtin_rules import _sum_gradient, _sum_of


def use_sum(xs):
    return sum(xs) * sum(xs)


def use_sum_start(xs, start):
    return sum(xs, start) ** 2


def use_sum_of_arrays(xs):
    return np.sum(sum(xs) ** 2)


def use_sum_of_rows(X):
    return np.sum(np.sin(sum(X)))


def sum_gradient_of_array(g, X):
    return _sum_gradient(g, X) * 1.5


def sum_gradient_of_list(g, a, b):
    parts = _sum_gradient(g, [a, b])
    return parts[0] * 2.0 + parts[1]


def sum_of_array(P, X):
    return _sum_of(P, X) * 2.0


def sum_of_list(p, q, a, b):
    return _sum_of([p, q], [a, b]) * 3.0


def _floats(count):
    return lambda rng: ([float(v) for v in rng.uniform(-1.5, 1.5, count)],)


CASES = [
    Case(builtins.sum, use_sum, [_floats(3), lambda rng: (tuple(rng.uniform(-1, 1, 2)),)], order=2),
    Case(builtins.sum, use_sum_start, [lambda rng: ([0.3, -1.2], 0.7),
                                       lambda rng: ([rng.normal(size=3), 0.4], rng.normal(size=3))]),
    Case(builtins.sum, use_sum_of_arrays, [lambda rng: ([rng.normal(size=(2, 3)), 0.5, rng.normal(size=3)],)],
         order=2),
    Case(builtins.sum, use_sum_of_rows, [lambda rng: (rng.normal(size=(4, 3)),)], order=2),
    Case(_sum_gradient, sum_gradient_of_array, [lambda rng: (rng.normal(size=3), rng.normal(size=(4, 3)))],
         wrt=(0,)),
    Case(_sum_gradient, sum_gradient_of_list, [lambda rng: (rng.normal(size=3), rng.normal(size=3), 0.5)],
         wrt=(0,)),
    Case(_sum_of, sum_of_array, [lambda rng: (rng.normal(size=(4, 3)), rng.normal(size=(4, 3)))], wrt=(0,)),
    Case(_sum_of, sum_of_list, [lambda rng: (rng.normal(size=3), 0.3, rng.normal(size=3), 1.0)],
         wrt=(0, 1)),
]
