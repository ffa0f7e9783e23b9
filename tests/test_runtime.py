"""Run-time helpers called by generated code."""
import numpy as np
import pytest

import tangent
from tangent import runtime


def test_unbroadcast_sums_over_broadcast_axes():
    grad = np.ones((4, 3))
    assert runtime.unbroadcast(grad, np.zeros(3)).tolist() == [4.0, 4.0, 4.0]
    assert runtime.unbroadcast(grad, np.zeros((4, 1))).shape == (4, 1)
    assert runtime.unbroadcast(grad, 2.0) == 12.0
    assert type(runtime.unbroadcast(grad, 2.0)) is float
    assert runtime.unbroadcast(grad, np.zeros((4, 3))) is grad


def test_zero_is_an_additive_identity_that_never_allocates():
    x = np.arange(3.0)
    assert runtime.ZERO + x is x
    assert (x + runtime.ZERO) is x
    assert runtime.ZERO * x is runtime.ZERO
    assert 2.0 + runtime.ZERO == 2.0
    assert runtime.materialize(runtime.ZERO, x).tolist() == [0.0, 0.0, 0.0]


def test_zeros_like_follows_structure_and_dtype():
    assert runtime.zeros_like(3.0) == 0.0
    assert runtime.zeros_like(np.ones(2, dtype=np.float32)).dtype == np.float32
    assert runtime.zeros_like(np.ones(2, dtype=np.int64)).dtype == np.float64
    assert runtime.zeros_like((1.0, np.ones(2)))[1].shape == (2,)
    assert runtime.zeros_like({'a': 1.0}) == {'a': 0.0}


def test_add_grad_handles_containers_and_zero():
    assert runtime.add_grad([1.0, 2.0], [3.0, 4.0]) == [4.0, 6.0]
    assert runtime.add_grad(runtime.ZERO, 5.0) == 5.0
    assert runtime.add_grad({'a': 1.0}, {'a': 2.0}) == {'a': 3.0}


def test_add_at_accumulates_repeated_indices():
    grad = np.zeros(3)
    runtime.add_at(grad, np.array([0, 0, 2]), np.ones(3))
    assert grad.tolist() == [2.0, 0.0, 1.0]
    runtime.add_at(grad, slice(0, 2), 1.0)
    assert grad.tolist() == [3.0, 1.0, 1.0]


def test_unreduce_restores_reduced_axes():
    x = np.ones((2, 3))
    assert runtime.unreduce(np.array([1.0, 2.0]), x, axis=1).tolist() == [[1.0] * 3, [2.0] * 3]
    assert runtime.unreduce(np.ones((1, 3)), x, axis=0, keepdims=True).shape == (2, 3)


def test_matmul_adjoints_match_the_dot_product_identity():
    rng = np.random.default_rng(0)
    for a_shape, b_shape in [((3, 4), (4, 2)), ((4,), (4, 2)), ((3, 4), (4,)), ((4,), (4,)),
                             ((5, 3, 4), (4, 2))]:
        a, b = rng.normal(size=a_shape), rng.normal(size=b_shape)
        y = a @ b
        g = rng.normal(size=np.shape(y))
        da, db = runtime.matmul_adjoint_a(g, a, b), runtime.matmul_adjoint_b(g, a, b)
        va, vb = rng.normal(size=a_shape), rng.normal(size=b_shape)
        # <g, d(a @ b)> = <da, va> + <db, vb> for the directional derivative along (va, vb)
        lhs = np.sum(g * (va @ b + a @ vb))
        rhs = np.sum(da * va) + np.sum(db * vb)
        assert lhs == pytest.approx(rhs)


def test_stack_is_last_in_first_out():
    stack = tangent.Stack()
    stack.push(1)
    stack.push(2)
    assert stack.pop() == 2 and stack.pop() == 1


def test_require_scalar_refuses_arrays():
    with pytest.raises(tangent.TangentError):
        runtime.require_scalar(np.ones(2))
    assert runtime.require_scalar(np.float64(1.0)) == 1.0
