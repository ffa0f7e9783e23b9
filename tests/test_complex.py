"""Reverse mode on complex values follows docs/complex.md: <J v, w> = <v, J* w>
under Re(sum(conj(a) * b)), checked by tangent.check_grads (finite differences
in both modes and the dot-product test)."""
import numpy as np
import pytest

import complex_cases as cases
import tangent

rng = np.random.default_rng(11)


def complex_array(*shape):
    return rng.normal(size=shape) + 1j * rng.normal(size=shape)


CASES = [
    (cases.product_energy, lambda: (complex_array(3), complex_array(3))),
    (cases.quotient_and_matmul, lambda: (complex_array(3), complex_array(3) + 2.0)),
    (cases.holomorphic_then_real, lambda: (0.5 * complex_array(4),)),
    (cases.real_input_complex_inside, lambda: (rng.normal(size=3),)),
    (cases.via_complex_global, lambda: (rng.normal(size=3),)),
    (cases.via_callee, lambda: (rng.normal(size=3), complex_array(3))),
    (cases.python_complex_scalars, lambda: (complex(0.3, -0.8), 1.7)),
    (cases.learnable_filter, lambda: (rng.normal(size=8), complex_array(8))),
    (cases.real_function_of_complex, lambda: (complex_array(5),)),
]


@pytest.mark.parametrize('function, make_args', CASES, ids=[case[0].__name__ for case in CASES])
def test_complex_gradients_follow_the_convention(function, make_args):
    tangent.check_grads(function, make_args())


def test_gradient_of_a_real_input_stays_real():
    gradient = tangent.grad(cases.real_input_complex_inside)(rng.normal(size=3))
    assert gradient.dtype == np.float64


def test_product_gradient_closed_form():
    # f = |z w|^2 summed: df/dz = 2 z |w|^2 (steepest ascent direction, docs/complex.md)
    z, w = complex_array(3), complex_array(3)
    np.testing.assert_allclose(tangent.grad(cases.product_energy)(z, w), 2 * z * np.abs(w) ** 2)


def test_real_code_is_not_conjugated():
    derivative = tangent.grad(cases.product_energy)
    derivative(rng.normal(size=3), rng.normal(size=3))
    assert 'conj' not in tangent.source(derivative)


def test_complex_and_real_arrays_of_one_shape_get_their_own_derivatives():
    derivative = tangent.grad(cases.product_energy)
    z, w = complex_array(3), complex_array(3)
    real = derivative(z.real.copy(), w.real.copy())
    np.testing.assert_allclose(real, 2 * z.real * w.real ** 2)
    np.testing.assert_allclose(derivative(z, w), 2 * z * np.abs(w) ** 2)


def test_complex_arrays_inside_containers_are_seen():
    params = {'z': complex_array(3)}
    tangent.check_grads(cases.complex_in_a_dict, (params, rng.normal(size=3)))
