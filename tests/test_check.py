"""tangent.check_grads: passes correct derivatives, reports wrong ones readably."""
import numpy as np
import pytest

import check_cases
import tangent


def test_correct_derivatives_pass_in_both_modes_and_second_order():
    rng = np.random.default_rng(0)
    tangent.check_grads(check_cases.fine, (rng.normal(size=(4, 3)), rng.normal(size=(3, 2))))
    tangent.check_grads(check_cases.fine, (rng.normal(size=(4, 3)), rng.normal(size=(3, 2))),
                        order=2, wrt=(0,))


def test_a_wrong_adjoint_is_reported():
    with pytest.raises(tangent.GradientCheckError) as info:
        tangent.check_grads(check_cases.uses_wobble, (np.array([0.1, 0.2]),))
    report = str(info.value)
    assert 'reverse mode vs finite differences' in report
    assert 'dot-product test' in report
    assert 'forward mode vs finite differences' not in report


def test_reverse_only_check_skips_forward():
    with pytest.raises(tangent.GradientCheckError):
        tangent.check_grads(check_cases.uses_wobble, (np.array([0.1]),), modes=('reverse',))
    tangent.check_grads(check_cases.uses_wobble, (np.array([0.1]),), modes=('forward',))
