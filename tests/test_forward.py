"""Forward mode: checked against finite differences and, over the whole corpus,
against reverse mode with the dot-product test <J v, w> = <v, J^T w>."""
import numpy as np
import pytest

import tangent
from corpus import CASES
from gradcheck import numeric_grad


def _random_like(value, rng):
    if isinstance(value, np.ndarray):
        return rng.normal(size=value.shape)
    return float(rng.normal())


def _inner(a, b):
    return float(np.sum(np.asarray(a, dtype=np.float64) * np.asarray(b, dtype=np.float64)))


@pytest.mark.parametrize('case', CASES, ids=[case.name for case in CASES])
def test_dot_product_forward_against_reverse(case):
    rng = np.random.default_rng(1)
    args = case.make_args(np.random.default_rng(0))
    tangents = [_random_like(args[position], rng) for position in case.wrt]
    cotangent = float(rng.normal())
    jvp = tangent.autodiff(case.func, wrt=case.wrt, mode='forward')
    vjp = tangent.autodiff(case.func, wrt=case.wrt, mode='reverse')
    forward = jvp(*args, *tangents)
    gradients = vjp(*args, cotangent)
    if len(case.wrt) == 1:
        gradients = (gradients,)
    left = _inner(forward, cotangent)
    right = sum(_inner(v, g) for v, g in zip(tangents, gradients))
    assert left == pytest.approx(right, rel=1e-8, abs=1e-10)


@pytest.mark.parametrize('case', CASES[::3], ids=[case.name for case in CASES[::3]])
def test_forward_mode_matches_finite_differences(case):
    args = case.make_args(np.random.default_rng(0))
    expected = numeric_grad(case.func, args, case.wrt)
    if len(case.wrt) == 1:
        expected = (expected,)
    jvp = tangent.autodiff(case.func, wrt=case.wrt, mode='forward')
    for index, position in enumerate(case.wrt):
        # The directional derivative along each unit vector of one argument.
        value = args[position]
        zeros = [np.zeros_like(args[p]) if isinstance(args[p], np.ndarray) else 0.0 for p in case.wrt]
        if isinstance(value, np.ndarray):
            direction = np.random.default_rng(2).normal(size=value.shape)
        else:
            direction = 1.0
        tangents = list(zeros)
        tangents[index] = direction
        got = jvp(*args, *tangents)
        assert float(got) == pytest.approx(_inner(expected[index], direction), rel=1e-5, abs=1e-7)


def test_forward_mode_source_reads_like_the_function():
    from golden_functions import for_loop
    jvp = tangent.autodiff(for_loop, mode='forward')
    assert jvp(1.1, 5, 1.0) == pytest.approx(tangent.grad(for_loop)(1.1, 5))
    source = tangent.source(jvp)
    assert 'stack' not in source
    assert 'ds = ds * x + s * dx' in source


def test_forward_mode_signature_takes_one_tangent_per_wrt():
    from golden_functions import straight_line
    import inspect
    jvp = tangent.autodiff(straight_line, wrt=(0, 1), mode='forward')
    assert list(inspect.signature(jvp).parameters) == ['x', 'y', 'dx', 'dy']


def _with_defaults(x, y=2.0, z=1.0):
    return x * y + z * x ** 2


def test_forward_mode_applies_defaults_before_the_tangents():
    derivative = tangent.autodiff(_with_defaults, mode='forward')
    # d/dx (x y + z x^2) = y + 2 z x
    assert derivative(1.5, 1.0) == pytest.approx(2.0 + 3.0)
    assert derivative(1.5, 3.0, 1.0) == pytest.approx(3.0 + 3.0)
    assert derivative(1.5, z=3.0, dx=1.0) == pytest.approx(2.0 + 9.0)
    both = tangent.autodiff(_with_defaults, wrt=(0, 2), mode='forward')
    assert both(1.5, 0.0, 1.0) == pytest.approx(1.5 ** 2)
    tangent.check_grads(_with_defaults, (1.5,))
