"""Cases where a careless transformation would give a wrong gradient."""
import numpy as np
import pytest

import edge_cases
import tangent
from gradcheck import check_grad

rng = np.random.default_rng(3)


@pytest.mark.parametrize('func, args, wrt', [
    (edge_cases.copied_view, (rng.normal(size=(3, 2)), rng.normal(size=2)), (0, 1)),
    (edge_cases.fancy, (rng.normal(size=3),), (0,)),
    (edge_cases.mask, (rng.normal(size=5),), (0,)),
    (edge_cases.maybe_zero, (0.7, 3), (0,)),
    (edge_cases.recursive, (0.7, 3), (0,)),
    (edge_cases.grow, (rng.normal(size=4),), (0,)),
    (edge_cases.partial_tuple, (0.4,), (0,)),
    (edge_cases.augmented_scalars_alias_freely, (0.4,), (0,)),
    (edge_cases.dict_of_values, (rng.normal(size=3),), (0,)),
    (edge_cases.while_doubling, (1.5,), (0,)),
    (edge_cases.reset_in_branch, (4.0,), (0,)),
    (edge_cases.reset_in_branch, (2.0,), (0,)),
    (edge_cases.reset_in_loop, (1.3,), (0,)),
    (edge_cases.floor_in_branch, (0.7,), (0,)),
], ids=lambda value: getattr(value, '__name__', ''))
def test_gradient(func, args, wrt):
    check_grad(func, args, wrt)
    tangents = [1.0 if isinstance(args[p], float) else np.ones_like(args[p]) for p in wrt]
    forward = tangent.autodiff(func, wrt=wrt, mode='forward')(*args, *tangents)
    gradients = tangent.grad(func, wrt=wrt)(*args)
    gradients = gradients if len(wrt) > 1 else (gradients,)
    assert float(forward) == pytest.approx(sum(float(np.sum(g)) for g in gradients))


@pytest.mark.parametrize('func, args', [
    (edge_cases.stale_view, (np.ones((2, 2)), np.ones(2))),
    (edge_cases.alias_then_write, (np.ones(3),)),
    (edge_cases.augmented_alias, (np.ones(3), np.ones(3))),
    (edge_cases.augmented_alias_of_copy, (np.ones(3),)),
])
def test_reading_memory_changed_by_an_in_place_write_is_refused(func, args):
    with pytest.raises(tangent.TangentError, match='share'):
        tangent.grad(func)(*args)


def test_output_independent_of_input_has_zero_gradient_of_the_right_shape():
    assert tangent.grad(edge_cases.const_out)(2.0) == 0.0
    assert tangent.grad(edge_cases.const_out)(np.ones(2)).tolist() == [0.0, 0.0]


def test_subscript_reads_that_overwrite_their_base_and_nested_lists():
    import edge_cases_containers as more
    check_grad(more.h, (np.array([1.0, 2.0, 3.0]),), (0,))
    assert tangent.grad(more.lst, wrt=(0, 1))(2.0, 3.0) == (3.0, 2.0)
    assert tangent.grad(more.nested, wrt=(0, 1))(2.0, 3.0) == (4.0, 2.0)


def test_reverse_over_reverse_leaves_the_callers_cotangent_alone():
    import edge_cases_containers as more
    x, cotangent = np.array([0.3, 0.5]), np.array([1.0, 2.0])
    second = tangent.autodiff(tangent.autodiff(more.f3))
    second(x, 1.0, cotangent)
    assert cotangent.tolist() == [1.0, 2.0]
