"""Statements and expressions of ordinary Python, in reverse and forward mode.

Each function is checked by tangent.check_grads: both modes against central
finite differences, and against each other (the dot-product test).
"""
import numpy as np
import pytest

import statement_cases as cases
import tangent

CASES = [
    (cases.iterate_with_enumerate, (0.7, [1.0, 2.0, 3.0])),
    (cases.iterate_with_enumerate_start, (0.7, [1.0, -2.0, 3.0])),
    (cases.iterate_with_zip, (0.7, [1.0, 2.0, 3.0])),
    (cases.iterate_reversed, (0.7, (1.0, 2.0, 3.0))),
    (cases.range_with_step, (1.3,)),
    (cases.conditional_expression, (0.6,)),
    (cases.conditional_expression, (-1.6,)),
    (cases.conditional_expression, (1.6,)),
    (cases.and_or_conditions, (0.5, 2.0)),
    (cases.and_or_conditions, (-6.0, 2.0)),
    (cases.and_or_conditions, (-1.0, 2.0)),
    (cases.assert_print_and_logging, (0.8,)),
    (cases.isinstance_len_and_shape_tests, (np.array([0.5, -1.0, 2.0]), [1.5, 2.0])),
    (cases.math_module, (0.9,)),
    (cases.builtins_on_numbers, (-0.7, 1.9)),
    (cases.annotated_assignment, (1.1,)),
]


@pytest.mark.parametrize('function, args', CASES,
                         ids=['%s-%d' % (case[0].__name__, index) for index, case in enumerate(CASES)])
def test_both_modes_match_finite_differences(function, args):
    tangent.check_grads(function, args)


def test_iterating_backwards_over_a_list():
    """reversed(ys) weights ys[0] least: a closed form pins the order down."""
    gradient = tangent.grad(cases.iterate_reversed, wrt=1)(0.0, (1.0, 2.0, 3.0))
    # s = 0 throughout, so only s * (0.5 + y) chains matter: all gradients are zero
    assert gradient == (0.0, 0.0, 0.0)
    x = 1.0
    gradient = tangent.grad(cases.iterate_with_zip, wrt=1)(x, [1.0, 2.0, 3.0])
    # s = x * (y0 y2 + y1 y1 + y2 y0): d/dy = x * (2 y2, 2 y1, 2 y0)
    assert gradient == [6.0, 4.0, 2.0]


def test_print_and_logging_run_once_in_the_forward_pass(capsys):
    tangent.grad(cases.assert_print_and_logging)(0.5)
    assert capsys.readouterr().out.count('x =') == 1


def test_a_failing_assert_still_fails():
    with pytest.raises(AssertionError, match='out of range'):
        tangent.grad(cases.assert_print_and_logging)(-200.0)
