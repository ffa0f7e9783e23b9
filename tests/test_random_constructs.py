"""Random programs mixing the Python of issue 5: containers, lambdas, helpers
with keyword arguments, nested defs, comprehensions, enumerate/zip,
conditional expressions, and/or tests, records built and read, math and
builtins.

Hypothesis picks a sequence of statement fragments and their constants; the
program ``def f(p, x)`` takes a dict holding a dataclass and a float, and an
array. Reverse and forward mode are both checked against central finite
differences along a random direction through every float leaf of (p, x).
"""
import math
import os

import numpy as np
import numpy.testing as npt
import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

import tangent
from source_helpers import load_module
from tangent import pytree

HEADER = '''\
import dataclasses
import math
import typing

import numpy as np


@dataclasses.dataclass
class Layer:
    w: np.ndarray
    b: float


class Pair(typing.NamedTuple):
    first: np.ndarray
    second: np.ndarray


def helper(t, scale=1.0, *, shift=0.0):
    return np.sin(t) * scale + shift * t


def f(p, x):
    a = x
    b = np.cos(x)
    c = x * 0.5
'''


def _constant(draw, low=-1.5, high=1.5):
    value = round(draw(st.floats(low, high, allow_nan=False)), 2) + 0.0
    return '(%r)' % value


def _fragment(draw, kind):
    """Source lines (indented one level) for one statement form."""
    k1, k2 = _constant(draw), _constant(draw)
    target = draw(st.sampled_from('abc'))
    other = draw(st.sampled_from('abc'))
    if kind == 'field':
        return ["%s = p['layer'].w * %s + p['scale'] * %s" % (target, other, k1)]
    if kind == 'lambda':
        return ['g = lambda t: np.tanh(t) * %s' % k1, '%s = g(%s) + %s' % (target, other, target)]
    if kind == 'helper':
        return ['%s = helper(%s, scale=%s, shift=%s)' % (target, other, k1, k2)]
    if kind == 'nested_def':
        return ['def inner(t):',
                '    u = t * %s' % k1,
                "    return np.sin(u) + p['layer'].b * t",
                '%s = inner(%s)' % (target, other)]
    if kind == 'generator_sum':
        return ['%s = sum(v * %s for v in [a, b, c])' % (target, k1)]
    if kind == 'comprehension':
        return ['parts = [np.tanh(v) * %s for v in (a, b)]' % k1, '%s = parts[0] - parts[1]' % target]
    if kind == 'conditional':
        return ['%s = %s * %s if np.sum(%s) > %s else np.sin(%s)' % (target, other, k1, other, k2, target)]
    if kind == 'and_or':
        return ['if np.sum(a) > %s and np.sum(b) < %s or np.sum(c) > 2.5:' % (k1, k2),
                '    %s = %s * np.cos(%s)' % (target, target, other),
                'else:',
                '    %s = %s + %s' % (target, target, other)]
    if kind == 'enumerate':
        return ['for i, v in enumerate([a, b]):',
                '    %s = %s + v * (i + %s)' % (target, target, k1)]
    if kind == 'zip':
        return ['for u, v in zip([a, b], [c, a]):',
                '    %s = %s + np.tanh(u * v) * %s' % (target, target, k1)]
    if kind == 'record':
        return ['q = Pair(%s * %s, np.sin(%s))' % (other, k1, target),
                '%s = q.first + q.second * %s' % (target, k2)]
    if kind == 'math_builtins':
        return ['s = math.sin(float(np.sum(%s))) + abs(p["scale"]) + pow(p["layer"].b, 2)' % other,
                '%s = %s * s * %s' % (target, target, k1)]
    raise AssertionError(kind)


KINDS = ('field', 'lambda', 'helper', 'nested_def', 'generator_sum', 'comprehension', 'conditional',
         'and_or', 'enumerate', 'zip', 'record', 'math_builtins')


@st.composite
def programs(draw):
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=2, max_size=6))
    lines = []
    for kind in kinds:
        lines += ['    ' + line for line in _fragment(draw, kind)]
        # Keep magnitudes moderate whatever the fragments did.
        lines.append('    a, b, c = np.tanh(a), np.sin(b), np.tanh(c)')
    lines.append("    return np.sum(a * b + c) * p['layer'].b")
    return HEADER + '\n'.join(lines) + '\n'


def _shift(value, direction, step):
    return pytree.map_structure(
        lambda leaf, way: leaf if way is None else leaf + step * way, value, direction)


def _direction(value, rng):
    def draw(leaf):
        if isinstance(leaf, np.ndarray):
            return rng.normal(size=leaf.shape)
        return float(rng.normal()) if isinstance(leaf, float) else None
    return pytree.map_structure(draw, value)


def _inner(a, b):
    total = []
    pytree.map_structure(lambda left, right: total.append(float(np.sum(left * right)))
                         if left is not None and right is not None else None, a, b)
    return sum(total)


def _check(module, seed):
    """Both modes against central differences along a random direction through (p, x)."""
    rng = np.random.default_rng(seed)
    p = {'layer': module.Layer(rng.normal(size=3), 0.5 + rng.random()), 'scale': float(rng.normal())}
    x = rng.normal(size=3) + 1.2345e-3
    value = module.f(p, x)
    assume(math.isfinite(value) and abs(value) < 1e6)

    directions = (_direction(p, rng), _direction(x, rng))

    def along(step):
        return (module.f(_shift(p, directions[0], step), _shift(x, directions[1], step))
                - module.f(_shift(p, directions[0], -step), _shift(x, directions[1], -step))) / (2 * step)
    numeric = along(1e-6)
    # A branch threshold near the point makes differences unreliable: skip those.
    assume(np.isclose(numeric, along(1e-4), rtol=1e-5, atol=1e-7))

    dp, dx = tangent.grad(module.f, wrt=(0, 1))(p, x)
    assert type(dp['layer']) is module.Layer
    reverse = _inner(dp, directions[0]) + _inner(dx, directions[1])
    npt.assert_allclose(reverse, numeric, rtol=1e-4, atol=1e-6, err_msg='reverse mode')
    forward = tangent.autodiff(module.f, wrt=(0, 1), mode='forward')(p, x, *directions)
    npt.assert_allclose(forward, numeric, rtol=1e-4, atol=1e-6, err_msg='forward mode')
    npt.assert_allclose(forward, reverse, rtol=1e-8, atol=1e-10, err_msg='dot-product test')


@settings(max_examples=int(os.environ.get('TANGENT_RANDOM_EXAMPLES', '30')), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.data_too_large])
@given(source=programs(), seed=st.integers(0, 2 ** 16))
def test_random_programs_mixing_constructs(tmp_path_factory, source, seed):
    note(source)
    _check(load_module(tmp_path_factory.mktemp('constructs', numbered=True), source, 'tangent_randconstruct'), seed)


def _first_choice(strategy):
    """A stand-in for hypothesis' draw: the first choice of sampled_from, else 0.7."""
    elements = getattr(strategy, 'elements', None)
    return elements[0] if elements is not None else 0.7


@pytest.mark.parametrize('kind', KINDS)
def test_each_fragment_alone(tmp_path, kind):
    """Each construct once, deterministically, so a failure names it directly."""
    lines = ['    ' + line for line in _fragment(_first_choice, kind)]
    source = HEADER + '\n'.join(lines) + "\n    return np.sum(a * b + c) * p['layer'].b\n"
    _check(load_module(tmp_path, source, 'tangent_randconstruct'), seed=3)
