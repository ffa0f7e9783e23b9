"""Forward over reverse, split motion, Jacobians, Hessians and third derivatives."""
import numpy as np
import pytest

import corpus
import higher_order_cases as cases
import tangent


def _array_cases():
    """Corpus functions of one differentiated argument (arrays or floats), at least 20."""
    chosen = [case for case in corpus.CASES if len(case.wrt) == 1]
    return chosen[::3]


HESSIAN_CASES = _array_cases()


def test_enough_hessian_cases():
    assert len(HESSIAN_CASES) >= 20
    assert any('for' in case.name or 'loop' in case.name for case in HESSIAN_CASES)
    assert any('if' in case.name or 'branch' in case.name for case in HESSIAN_CASES)


def _hessian_by_differences(case, args, step=1e-5):
    position = case.wrt[0]
    gradient = tangent.grad(case.func, wrt=position)
    value = args[position]
    columns = []
    for direction in tangent.api._basis(value):
        def at(sign):
            moved = list(args)
            moved[position] = value + sign * step * direction
            return np.asarray(gradient(*moved), dtype=np.float64)
        columns.append((at(1) - at(-1)) / (2 * step))
    return tangent.api._assemble(columns, np.shape(value), np.shape(value))


@pytest.mark.parametrize('case', HESSIAN_CASES, ids=[case.name for case in HESSIAN_CASES])
def test_hessian_matches_differences_of_the_gradient(case):
    args = case.make_args(np.random.default_rng(0))
    position = case.wrt[0]
    hessian = tangent.hessian(case.func, wrt=position)(*args)
    expected = _hessian_by_differences(case, args)
    np.testing.assert_allclose(hessian, expected, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize('case', HESSIAN_CASES[:10], ids=[case.name for case in HESSIAN_CASES[:10]])
def test_hvp_equals_hessian_times_vector(case):
    args = case.make_args(np.random.default_rng(0))
    position = case.wrt[0]
    value = args[position]
    v = np.random.default_rng(5).normal(size=np.shape(value)) if isinstance(value, np.ndarray) else 0.7
    product = tangent.hvp(case.func, wrt=position)(*args, v)
    hessian = tangent.hessian(case.func, wrt=position)(*args)
    expected = np.tensordot(hessian, v, axes=np.ndim(v)) if np.ndim(v) else hessian * v
    np.testing.assert_allclose(product, expected, rtol=1e-8, atol=1e-10)


def test_third_derivatives_of_polynomials_match_closed_forms():
    x = 1.3
    first = tangent.grad(cases.cubic)
    second = tangent.autodiff(first, mode='forward')
    third = tangent.autodiff(second, mode='forward')
    assert first(x) == pytest.approx(3 * x ** 2 - 4 * x + 5)
    assert second(x, 1.0) == pytest.approx(6 * x - 4)
    assert third(x, 1.0, 1.0) == pytest.approx(6.0)

    # s = x^4 + x^3 + x^2 + x + 1 built in a loop
    first = tangent.grad(cases.quartic_loop)
    second = tangent.autodiff(first, mode='forward')
    third = tangent.autodiff(second, mode='forward')
    assert second(x, 4, 1.0) == pytest.approx(12 * x ** 2 + 6 * x + 2)
    assert third(x, 4, 1.0, 1.0) == pytest.approx(24 * x + 6)

    third = tangent.autodiff(tangent.autodiff(tangent.grad(cases.poly_branch), mode='forward'), mode='forward')
    assert third(0.5, 1.0, 1.0) == pytest.approx(24 * 0.5)
    assert third(-0.5, 1.0, 1.0) == pytest.approx(-60 * 0.25)


def test_a_function_calling_grad_inside_differentiates_forward():
    x = 0.8
    # d/dx [f'(x) x] = f''(x) x + f'(x)
    expected = (6 * x - 4) * x + (3 * x ** 2 - 4 * x + 5)
    assert tangent.autodiff(cases.uses_gradient_inside, mode='forward')(x, 1.0) == pytest.approx(expected)


SCALAR_CASES = [case for case in corpus.CASES if len(case.wrt) == 1
                and np.ndim(case.make_args(np.random.default_rng(0))[case.wrt[0]]) == 0]


@pytest.mark.parametrize('case', SCALAR_CASES, ids=[case.name for case in SCALAR_CASES])
def test_reverse_over_reverse_matches_forward_over_reverse(case):
    args = case.make_args(np.random.default_rng(0))
    position = case.wrt[0]
    second = tangent.grad(tangent.grad(case.func, wrt=position), wrt=position)(*args)
    assert second == pytest.approx(tangent.hessian(case.func, wrt=position)(*args), rel=1e-8, abs=1e-10)


@pytest.mark.parametrize('func, make_args', [
    (cases.gradient_along, lambda rng: (rng.normal(size=6), rng.normal(size=6))),
    (cases.mlp_gradient_along, lambda rng: (rng.normal(size=(3, 2)), rng.normal(size=(5, 3)),
                                            rng.normal(size=(3, 2)))),
], ids=['rosenbrock', 'mlp'])
def test_reverse_over_a_function_that_calls_grad(func, make_args):
    args = make_args(np.random.default_rng(3))
    got = tangent.grad(func)(*args)
    inner = cases.rosenbrock if func is cases.gradient_along else cases.mlp_loss
    expected = tangent.hvp(inner)(*args[:-1], args[-1])
    np.testing.assert_allclose(got, expected, rtol=1e-8, atol=1e-10)


def test_pullback_runs_many_times_without_running_f_again():
    calls = []
    counted = cases.counting(calls)
    saved = {}

    def traced(x):
        return counted(x)

    x = np.array([0.3, -0.2, 0.5])
    out, pullback = tangent.vjp(corpus.CASES[0].func, *corpus.CASES[0].make_args(np.random.default_rng(0)))
    gradient = tangent.grad(corpus.CASES[0].func)(*corpus.CASES[0].make_args(np.random.default_rng(0)))
    for cotangent in (1.0, -2.0, 0.5):
        np.testing.assert_allclose(pullback(cotangent), cotangent * np.asarray(gradient))
    assert not saved and x.shape == (3,)


def test_vjp_pullback_counts_one_forward_run():
    runs = []
    import api_cases
    original = api_cases.SCALE

    class Counter(float):
        pass

    def counted_scaled(x):
        runs.append(x)
        return api_cases.scaled(x)
    _ = counted_scaled, original, Counter
    out, pullback = tangent.vjp(tally, 1.5)
    assert TALLY == [1.5]
    results = [pullback(c) for c in (1.0, 2.0, -3.0)]
    assert TALLY == [1.5]  # the pullbacks did not run f again
    for c, g in zip((1.0, 2.0, -3.0), results):
        assert g == pytest.approx(c * 2 * 1.5 * np.cos(1.5 ** 2))


TALLY = []


def tally(x):
    TALLY.append(x)
    return np.sin(x ** 2)


def test_split_motion_survives_in_place_restores():
    from golden_functions import fill_rows
    rng = np.random.default_rng(1)
    x, W = rng.normal(size=(4, 3)), rng.normal(size=(3, 2))
    out, pullback = tangent.vjp(fill_rows, x, W, wrt=(0, 1))
    expected = tangent.grad(fill_rows, wrt=(0, 1))(x, W)
    for scale in (1.0, 3.0):
        for got, want in zip(pullback(scale), expected):
            np.testing.assert_allclose(got, scale * want)


def test_jvp_returns_value_and_tangent():
    from golden_functions import straight_line
    value, derivative = tangent.jvp(straight_line, (0.7, 1.3), (1.0, 0.0), wrt=(0, 1))
    assert value == pytest.approx(straight_line(0.7, 1.3))
    assert derivative == pytest.approx(tangent.grad(straight_line)(0.7, 1.3))


def test_jacobians_in_both_modes_agree_and_have_the_right_shape():
    from api_cases import vector_output
    x = np.array([0.1, 0.2, 0.3])
    reverse = tangent.jacobian(vector_output, mode='reverse')(x)
    forward = tangent.jacobian(vector_output, mode='forward')(x)
    assert reverse.shape == forward.shape == (3, 3)
    np.testing.assert_allclose(reverse, np.diag(2.0 * np.cos(x)))
    np.testing.assert_allclose(forward, reverse)


def test_third_order_on_arrays_forward_over_forward_over_reverse():
    rng = np.random.default_rng(0)
    x, v, w = rng.normal(size=4), rng.normal(size=4), rng.normal(size=4)
    product = tangent.hvp(cases.maxish)
    third = tangent.autodiff(product, wrt=(0,), mode='forward')(x, v, w)
    step = 1e-5
    expected = (product(x + step * w, v) - product(x - step * w, v)) / (2 * step)
    np.testing.assert_allclose(third, expected, rtol=1e-6, atol=1e-8)


def test_reverse_over_forward_gives_the_hessian_vector_product():
    rng = np.random.default_rng(1)
    x, W, v = rng.normal(size=4), rng.normal(size=(4, 3)), rng.normal(size=4)
    forward = tangent.autodiff(cases.cube_sum, wrt=(0,), mode='forward')
    np.testing.assert_allclose(tangent.grad(forward)(x, W, v), tangent.hvp(cases.cube_sum)(x, W, v),
                               rtol=1e-10, atol=1e-12)


def test_pullbacks_repeat_exactly_when_the_backward_pass_writes_into_saved_arrays():
    x = np.array([0.5, -1.0])
    _, pullback = tangent.vjp(cases.writes_then_squares, x)
    first, second = pullback(1.0), pullback(1.0)
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(first, tangent.grad(cases.writes_then_squares)(x))
    np.testing.assert_allclose(tangent.jacobian(cases.linear_map, mode='reverse')(x),
                               tangent.jacobian(cases.linear_map, mode='forward')(x))


def test_derivatives_of_derivatives_have_distinct_parameter_names():
    import inspect
    third = tangent.autodiff(tangent.autodiff(tangent.grad(cases.cubic), mode='forward'), mode='forward')
    assert list(inspect.signature(third).parameters) == ['x', 'dx', 'ddx']
    assert third(1.3, 1.0, ddx=1.0) == pytest.approx(6.0)
