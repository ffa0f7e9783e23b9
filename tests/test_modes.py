"""tangent.grad's choice of mode: forward mode for one number, reverse mode otherwise.

Every gradient here is checked against central differences or a closed form,
and the mode chosen is read off the generated source: reverse mode takes the
output cotangent as its last parameter (`dout=1.0`), forward mode does not.
"""
import inspect

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import mode_cases as cases
import tangent
from gradcheck import check_grad, numeric_grad

COEFFS = [0.5, -1.0, 2.0, 0.25, 1.5]


def generated_signature(df):
    return tangent.source(df).splitlines()[0]


def is_forward(df):
    """Forward-mode gradients have f's parameters only; reverse mode adds the cotangent."""
    return '=1.0)' not in generated_signature(df)


def horner_derivative(x, coeffs):
    return sum(k * c * x ** (k - 1) for k, c in enumerate(reversed(coeffs)) if k)


# The choice

def test_one_number_gives_forward_mode_with_no_tape():
    df = tangent.grad(cases.horner)
    assert df(0.9, COEFFS) == pytest.approx(horner_derivative(0.9, COEFFS), rel=1e-12)
    source = tangent.source(df)
    assert is_forward(df)
    assert 'Stack' not in source and 'push' not in source
    assert 'for c in coeffs:' in source  # the user's loop, not an index loop


def test_arrays_and_several_arguments_give_reverse_mode():
    df = tangent.grad(cases.horner_summed)
    df(np.array([0.5, 0.7]), COEFFS)
    assert not is_forward(df)
    dxy = tangent.grad(cases.scalar_math, wrt=(0, 1))
    expected = numeric_grad(cases.scalar_math, (0.3, 1.2), (0, 1))
    assert dxy(0.3, 1.2) == pytest.approx(expected, rel=1e-6)
    assert not is_forward(dxy)


def test_each_call_chooses_for_its_own_argument_types():
    df = tangent.grad(cases.horner_summed)
    array = np.array([0.5, 0.7])
    assert df(array, COEFFS) == pytest.approx(numeric_grad(cases.horner_summed, (array, COEFFS)))
    assert not is_forward(df)
    assert df(0.9, COEFFS) == pytest.approx(horner_derivative(0.9, COEFFS))
    assert is_forward(df)


@pytest.mark.parametrize('number', [0.7, 2, np.float64(0.7), np.float32(0.5), np.int64(3)])
def test_numbers_of_every_type_use_forward_mode(number):
    df = tangent.grad(cases.horner)
    assert df(number, COEFFS) == pytest.approx(horner_derivative(float(number), COEFFS), rel=1e-6)
    assert is_forward(df)


def test_forced_modes_agree():
    forward = tangent.grad(cases.branchy, mode='forward')
    reverse = tangent.grad(cases.branchy, mode='reverse')
    assert forward(0.9, 40) == pytest.approx(reverse(0.9, 40), rel=1e-12)
    assert is_forward(forward) and not is_forward(reverse)
    assert 'stack' in tangent.source(reverse)


def test_value_and_grad_in_forward_mode():
    value, gradient = tangent.value_and_grad(cases.branchy)(0.9, 40)
    assert value == cases.branchy(0.9, 40)
    assert gradient == pytest.approx(numeric_grad(cases.branchy, (0.9, 40)), rel=1e-6)


def test_forced_forward_mode_refuses_arrays_with_a_reason():
    df = tangent.grad(cases.horner_summed, mode='forward')
    with pytest.raises(tangent.TangentError, match='one number.*array of shape \\(2,\\).*mode="reverse"'):
        df(np.array([0.5, 0.7]), COEFFS)


def test_an_unknown_mode_is_refused():
    with pytest.raises(tangent.TangentError, match='"auto", "reverse" or "forward"'):
        tangent.grad(cases.horner, mode='backward')


def test_the_generated_function_takes_the_functions_arguments():
    df = tangent.grad(cases.horner)
    df(0.9, COEFFS)
    assert generated_signature(df) == 'def dhorner_dx(x, coeffs):'
    assert list(inspect.signature(df).parameters) == ['x', 'coeffs']


# What keeps reverse mode

def test_insert_grad_of_keeps_reverse_mode():
    df = tangent.grad(cases.clipped_scalar)
    # y = 3x, dy = 2y = 18x clipped to [-1, 1], dx = 3 * clip(dy)
    assert df(2.0) == pytest.approx(3.0)
    assert not is_forward(df)


def test_insert_grad_of_in_a_callee_keeps_reverse_mode():
    df = tangent.grad(cases.calls_clipped)
    assert df(2.0) == pytest.approx(4.0)
    assert not is_forward(df)


def test_a_reverse_only_rule_of_the_users_keeps_reverse_mode():
    # round(2x) * x with the gradient passed straight through round: 2x + round(2x)
    df = tangent.grad(cases.uses_straight_through)
    assert df(0.8) == pytest.approx(2 * 0.8 + round(1.6))
    assert not is_forward(df)


def test_a_function_with_both_rules_uses_forward_mode():
    df = tangent.grad(cases.uses_both_rules)
    assert df(0.8) == pytest.approx(2 * 0.8 + round(1.6))
    assert is_forward(df)


# Correctness of forward-mode gradients

@pytest.mark.parametrize('x', [0.3, -1.7, 2.5])
def test_scalar_functions_match_finite_differences(x):
    check_grad(cases.scalar_math, (x, 1.3))
    check_grad(cases.branchy, (x, 30))
    check_grad(cases.horner, (x, COEFFS))


def test_loop_variable_read_after_the_loop():
    check_grad(cases.loop_variable_kept, (0.7, [1.0, 2.0, 3.0]))


def test_a_list_built_in_the_loop():
    check_grad(cases.appends_while_looping, (0.7, [1.0, 2.0, 3.0]))


# Tangents smaller than their arrays (lists whose elements may be arrays)

MIXED = [1.0, np.array([1.0, -2.0, 0.5]), 2.0, np.array([0.25, 0.0, 3.0])]


def test_a_tangent_is_given_its_arrays_shape_before_a_reduction():
    df = tangent.grad(cases.offset_summed)
    assert df(0.8, MIXED) == pytest.approx(3.0)  # one per element of y + x
    assert df(0.8, COEFFS) == pytest.approx(1.0)  # the same code, on numbers
    check_grad(cases.horner_summed, (0.8, MIXED))


def test_a_tangent_is_given_its_arrays_shape_before_elements_are_written():
    assert tangent.grad(cases.offset_then_write)(0.8, MIXED) == pytest.approx(2 * 0.8 + 2.0)
    check_grad(cases.offset_then_write, (0.8, MIXED))


def test_a_tangent_is_given_its_arrays_shape_before_it_is_indexed():
    check_grad(cases.offset_then_index, (0.8, MIXED))


def test_jacobian_vector_products_have_the_shape_of_the_output():
    jvp = tangent.autodiff(cases.offset, mode='forward')
    tangent_out = jvp(0.8, MIXED, 1.0)
    assert np.shape(tangent_out) == (3,)
    np.testing.assert_array_equal(tangent_out, np.ones(3))
    assert jvp(0.8, COEFFS, 1.0) == 1.0


@settings(max_examples=40, deadline=None)
@given(kinds=st.lists(st.sampled_from(['number', 'array', 'row']), min_size=1, max_size=6),
       x=st.floats(-1.5, 1.5), seed=st.integers(0, 2 ** 16))
def test_random_mixtures_of_numbers_and_arrays(kinds, x, seed):
    """Forward (auto) and reverse mode against central differences, with the coefficients'
    kinds drawn at random: the tangent may stay a number while the value becomes an array."""
    rng = np.random.default_rng(seed)
    coeffs = [float(rng.normal()) if kind == 'number' else
              rng.normal(size=3) if kind == 'array' else rng.normal(size=(2, 3)) for kind in kinds]
    expected = numeric_grad(cases.horner_summed, (x, coeffs))
    for mode in ('auto', 'reverse'):
        got = tangent.grad(cases.horner_summed, mode=mode)(x, coeffs)
        assert got == pytest.approx(expected, rel=1e-5, abs=1e-7)


# Higher order

def test_second_derivative_is_forward_over_forward():
    ddf = tangent.grad(tangent.grad(cases.horner))
    exact = sum(k * (k - 1) * c * 0.9 ** (k - 2) for k, c in enumerate(reversed(COEFFS)) if k > 1)
    assert ddf(0.9, COEFFS) == pytest.approx(exact, rel=1e-12)
    assert is_forward(ddf)


def test_third_derivative_of_a_scalar_function():
    third = tangent.grad(tangent.grad(tangent.grad(cases.scalar_math)))
    x, y = 0.4, 1.3
    second = tangent.grad(tangent.grad(cases.scalar_math))
    step = 1e-4
    expected = (second(x + step, y) - second(x - step, y)) / (2 * step)
    assert third(x, y) == pytest.approx(expected, rel=1e-6)


def test_reverse_over_forward_and_forward_over_reverse_agree():
    inner_forward = tangent.grad(cases.branchy)
    inner_reverse = tangent.grad(cases.branchy, mode='reverse')
    a = tangent.grad(inner_forward, mode='reverse')(0.9, 40)
    b = tangent.grad(inner_reverse)(0.9, 40)
    c = tangent.grad(inner_forward)(0.9, 40)
    assert a == pytest.approx(c, rel=1e-10) and b == pytest.approx(c, rel=1e-10)


def test_hvp_of_a_scalar_function():
    hvp = tangent.hvp(cases.horner)
    exact = sum(k * (k - 1) * c * 0.9 ** (k - 2) for k, c in enumerate(reversed(COEFFS)) if k > 1)
    assert hvp(0.9, COEFFS, 2.0) == pytest.approx(2.0 * exact, rel=1e-12)


def test_a_forward_gradient_knows_its_last_argument_is_an_array():
    x = np.array([0.1, 0.2, 0.3])
    df = tangent.grad(cases.shifted_sum)
    assert df(0.7, x) == pytest.approx(3.0 + np.mean(x * np.exp(0.7 * x)), rel=1e-12)
    assert is_forward(df)


# Loops over sequences read like the user's (optimize/loops.py)

def test_a_loop_binds_its_element_again_where_nothing_changes_the_sequence():
    df = tangent.grad(cases.loop_variable_kept)
    assert df(0.7, [1.0, 2.0, 3.0]) == pytest.approx(6.0 * 3.0)
    assert 'for v in values:' in tangent.source(df)
    rows = [np.array([1.0, 2.0]), np.array([3.0, -1.0])]
    dr = tangent.grad(cases.reads_rows_twice)
    check_grad(cases.reads_rows_twice, (0.7, rows))
    dr(0.7, rows)
    assert 'for row in rows:' in tangent.source(dr)


def test_a_loop_that_writes_into_its_sequence_keeps_its_index():
    values = [1.0, 2.0, 3.0]
    df = tangent.grad(cases.doubles_first)
    expected = numeric_grad(cases.doubles_first, (0.7, list(values)))
    assert df(0.7, list(values)) == pytest.approx(expected, rel=1e-6)
    assert 'for v in values:' not in tangent.source(df)


def test_a_tangent_updated_from_itself_takes_the_new_values_shape():
    M = np.arange(12.0).reshape(3, 4)
    assert tangent.grad(cases.reshaped_in_place)(0.5, M) == pytest.approx(M.sum())
    jvp = tangent.autodiff(cases.reshaped_in_place, mode='forward')
    assert jvp(0.5, M, 2.0) == pytest.approx(2.0 * M.sum())


def test_insert_grad_of_in_a_method_of_an_argument_keeps_reverse_mode():
    # y = 3x, dy = 2y = 18x clipped to [-1, 1], d/dx (y * y) = 3 * clip(dy); then + 1
    df = tangent.grad(cases.uses_clipping_method)
    assert df(2.0, cases.Scaler(3.0)) == pytest.approx(4.0)
    assert not is_forward(df)


def test_a_plain_method_of_an_argument_allows_forward_mode():
    df = tangent.grad(cases.uses_plain_method)
    assert df(2.0, cases.Scaler(3.0)) == pytest.approx(12.0)
    assert is_forward(df)


def test_a_callee_calling_a_method_of_its_argument_keeps_reverse_mode():
    # (its class is known only when the callee runs: forward mode could not check it first)
    df = tangent.grad(cases.forwards_to_method)
    assert df(2.0, cases.Scaler(3.0)) == pytest.approx(12.0)
    assert not is_forward(df)


def test_insert_grad_of_in_a_method_of_a_global_object_keeps_reverse_mode():
    df = tangent.grad(cases.uses_a_global_objects_clipping_method)
    assert df(2.0) == pytest.approx(4.0)
    assert not is_forward(df)
