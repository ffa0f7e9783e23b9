"""Lambdas, bound methods and comprehensions, in both modes."""
import numpy as np
import pytest

import subset_cases as cases
import tangent
from gradcheck import check_grad

rng = np.random.default_rng(0)


@pytest.mark.parametrize('func, args, wrt', [
    (cases.lambda_square, (0.5,), (0,)),
    (cases.comprehension, (0.7, 5), (0,)),
    (cases.local_lambda, (0.7,), (0,)),
    (cases.nested_comprehension, (rng.normal(size=3),), (0,)),
    (cases.comprehension_over_rows, (rng.normal(size=(4, 3)),), (0,)),
], ids=['lambda', 'comprehension', 'local_lambda', 'nested_comprehension', 'rows'])
def test_gradients_in_both_modes(func, args, wrt):
    check_grad(func, args, wrt)
    tangent.check_grads(func, args, wrt=wrt)


def test_lambda_decorated_inline():
    assert cases.GRAD_OF_LAMBDA(2.0, 3.0) == (9.0, 12.0)


def test_bound_method_differentiates_its_own_arguments():
    model = cases.Model(rng.normal(size=(3, 2)))
    x = rng.normal(size=(4, 3))
    gradient = tangent.grad(model.loss)(x)
    step = 1e-6
    moved = x.copy()
    moved[1, 2] += step
    back = x.copy()
    back[1, 2] -= step
    assert gradient[1, 2] == pytest.approx((model.loss(moved) - model.loss(back)) / (2 * step), rel=1e-5)
    assert 'self' not in str(__import__('inspect').signature(tangent.grad(model.loss)))
