"""Containers (pytrees) as arguments and results, in reverse and forward mode.

Every case goes through tangent.check_grads: reverse mode and forward mode
against central finite differences of the whole structure, and the dot-product
test between the two. The gradients' types and structures are checked apart,
and a few closed forms pin the values down.
"""
import dataclasses

import numpy as np
import pytest

import pytree_cases as cases
import tangent
from tangent import pytree

rng = np.random.default_rng(7)


def dense(n_in=3, n_out=2):
    return cases.Dense(rng.normal(size=(n_in, n_out)), rng.normal(size=n_out))


def model():
    return cases.Model([dense(3, 4), dense(4, 2)], cases.Pair(0.7, rng.normal(size=2)))


CASES = {
    'dataclass': (cases.dense_loss, lambda: (dense(), rng.normal(size=(5, 3))), (0, 1)),
    'frozen_dataclass_with_int_and_str': (
        cases.frozen_loss, lambda: (cases.Frozen(0.8, rng.normal(size=3)), rng.normal(size=3)), (0, 1)),
    'typing_namedtuple_fields': (cases.namedtuple_fields, lambda: (cases.Pair(0.5, rng.normal(size=4)),),
                                 (0,)),
    'collections_namedtuple_fields': (cases.point_norm, lambda: (cases.Point(0.3, -1.2),), (0,)),
    'nested_two_levels': (cases.model_loss, lambda: (model(), rng.normal(size=(2, 3))), (0, 1)),
    'dict_of_records': (cases.dict_of_records,
                        lambda: ({'enc': dense(3, 3), 'scale': 1.5}, rng.normal(size=(3, 3))), (0,)),
    'registered_class': (cases.registered_loss,
                         lambda: (cases.Affine(rng.normal(size=(2, 3)), rng.normal(size=2)),
                                  rng.normal(size=3)), (0, 1)),
    'field_read_twice': (cases.read_field_twice, lambda: (cases.Frozen(1.3, rng.normal(size=2)),), (0,)),
    'field_chain': (cases.field_chain, lambda: (model(),), (0,)),
    'rebinding_to_a_field': (cases.outer_inner, lambda: (model(),), (0,)),
    'build_dataclass': (cases.build_dataclass,
                        lambda: (rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=(4, 3))),
                        (0, 1)),
    'build_namedtuple': (cases.build_namedtuple, lambda: (0.4, 1.1), (0, 1)),
    'build_positional': (cases.build_positional_record,
                         lambda: (rng.normal(size=(2, 2)), rng.normal(size=3)), (0, 1)),
    'user_function_returning_a_record': (
        cases.through_helper, lambda: (cases.Pair(0.9, rng.normal(size=3)), 1.7), (0, 1)),
    'records_rebuilt_in_a_loop': (
        cases.record_in_loop, lambda: (cases.Pair(0.9, rng.normal(size=3)), 1.1), (0, 1)),
}

VECTOR_CASES = {
    'dataclass_result': (cases.build_and_return, lambda: (rng.normal(size=3),), (0,)),
    'nested_result': (cases.return_nested, lambda: (rng.normal(size=2), cases.Pair(0.6, rng.normal(size=2))),
                      (0, 1)),
    'record_to_record': (cases.update_record, lambda: (dense(2, 2), 0.3), (0, 1)),
}


@pytest.mark.parametrize('name', sorted(CASES))
def test_scalar_functions_of_containers(name):
    function, make_args, wrt = CASES[name]
    tangent.check_grads(function, make_args(), wrt=wrt)


@pytest.mark.parametrize('name', sorted(VECTOR_CASES))
def test_container_results(name):
    function, make_args, wrt = VECTOR_CASES[name]
    tangent.check_grads(function, make_args(), wrt=wrt)


@pytest.mark.parametrize('name', sorted(CASES))
def test_gradient_has_the_argument_structure(name):
    function, make_args, wrt = CASES[name]
    args = make_args()
    gradients = tangent.grad(function, wrt=wrt)(*args)
    gradients = gradients if len(wrt) > 1 else (gradients,)
    for position, gradient in zip(wrt, gradients):
        _assert_same_structure(gradient, args[position])


def _assert_same_structure(gradient, value):
    assert type(gradient) is type(value) or (np.ndim(value) == 0 and np.ndim(gradient) == 0), (
        type(gradient), type(value))
    if isinstance(value, (list, tuple)):
        assert len(gradient) == len(value)
        for g, v in zip(gradient, value):
            _assert_same_structure(g, v)
    elif isinstance(value, dict):
        assert gradient.keys() == value.keys()
        for key in value:
            _assert_same_structure(gradient[key], value[key])
    elif pytree.is_record(value):
        value_fields, grad_fields = pytree.fields(value), pytree.fields(gradient)
        assert grad_fields.keys() == value_fields.keys()
        for key in value_fields:
            if grad_fields[key] is not None:
                _assert_same_structure(grad_fields[key], value_fields[key])
    else:
        assert np.shape(gradient) == np.shape(value)


def test_closed_form_for_a_dataclass():
    layer = cases.Dense(np.array([[1.0], [2.0]]), np.array([0.5]))
    x = np.array([[3.0, -1.0]])
    # loss = tanh(x W + b)^2 with x W + b = 1.5
    slope = 2 * np.tanh(1.5) * (1 - np.tanh(1.5) ** 2)
    gradient = tangent.grad(cases.dense_loss)(layer, x)
    np.testing.assert_allclose(gradient.W, slope * x.T)
    np.testing.assert_allclose(gradient.b, [slope])


def test_fields_without_gradient():
    """Integers get a zero gradient (like integer arguments); strings get None."""
    p = cases.Frozen(0.8, rng.normal(size=3))
    gradient = tangent.grad(cases.frozen_loss)(p, rng.normal(size=3))
    assert gradient.name is None
    assert gradient.steps == 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        gradient.scale = 1.0  # still the user's frozen class


def test_unread_fields_get_zeros():
    m = model()
    gradient = tangent.grad(cases.field_chain)(m)
    assert gradient.head.first == pytest.approx(3 * m.head.first ** 2)
    np.testing.assert_array_equal(gradient.head.second, np.zeros(2))
    for layer, dlayer in zip(m.layers, gradient.layers):
        np.testing.assert_array_equal(dlayer.W, np.zeros_like(layer.W))


def test_forward_tangent_of_a_record_result():
    x, dx = rng.normal(size=3), rng.normal(size=3)
    tangent_out = tangent.jvp(cases.build_and_return, (x,), (dx,))[1]
    assert type(tangent_out) is cases.Dense
    np.testing.assert_allclose(tangent_out.W, 2 * dx)
    np.testing.assert_allclose(tangent_out.b, np.cos(x) * dx)


def test_vjp_with_a_record_seed():
    x = rng.normal(size=3)
    seed = cases.Dense(rng.normal(size=3), rng.normal(size=3))
    gradient = tangent.autodiff(cases.build_and_return, mode='reverse')(x, seed)
    np.testing.assert_allclose(gradient, 2 * seed.W + np.cos(x) * seed.b)


def test_generated_code_reads_fields_by_name():
    derivative = tangent.grad(cases.dense_loss)
    derivative(dense(), rng.normal(size=(5, 3)))
    source = tangent.source(derivative)
    assert "tangent.add_field(" in source and "'W'" in source
    forward = tangent.autodiff(cases.dense_loss, mode='forward')
    forward(dense(), rng.normal(size=(5, 3)), dense())
    assert 'dlayer.W' in tangent.source(forward)


def test_registered_container_gradient_is_built_by_from_fields():
    a = cases.Affine(rng.normal(size=(2, 3)), rng.normal(size=2))
    gradient = tangent.grad(cases.registered_loss)(a, rng.normal(size=3))
    assert isinstance(gradient, cases.Affine)
    assert gradient.W.shape == (2, 3) and gradient.b.shape == (2,)


def test_register_container_checks_its_arguments():
    with pytest.raises(TypeError, match='class'):
        tangent.register_container(cases.Affine(1, 2), dict, dict)
    with pytest.raises(TypeError, match='two functions'):
        tangent.register_container(cases.Affine, None, dict)


@pytest.mark.parametrize('function, args, construct', [
    (cases.refused_array_attribute, (np.ones(2),), 'attribute read .real'),
    (cases.refused_registered_build, (np.ones((2, 2)), np.ones(2)), 'construction of Affine'),
    (cases.refused_post_init, (1.5,), 'construction of Checked'),
])
def test_refused_record_constructs(function, args, construct):
    with pytest.raises(tangent.TangentError) as info:
        tangent.grad(function)(*args)
    message = str(info.value)
    assert construct in message
    assert 'pytree_cases.py:' in message


def test_attribute_of_an_unregistered_object_is_a_clear_error():
    class Opaque:
        def __init__(self, W, b):
            self.W, self.b = W, b
    with pytest.raises(TypeError, match='register_container'):
        tangent.grad(cases.dense_loss)(Opaque(np.ones((3, 2)), np.ones(2)), np.ones((1, 3)))


@pytest.mark.parametrize('name', ['dataclass', 'nested_two_levels', 'collections_namedtuple_fields',
                                  'registered_class'])
def test_second_order_through_records(name):
    """Forward over reverse and reverse over reverse through field reads."""
    function, make_args, wrt = CASES[name]
    tangent.check_grads(function, make_args(), wrt=wrt, order=2)


def test_second_order_through_records_built_in_the_function():
    """Forward over reverse works; reverse over reverse of building a record is refused."""
    function, make_args, wrt = CASES['records_rebuilt_in_a_loop']
    tangent.check_grads(function, make_args(), wrt=wrt, order=2, modes=('forward',))
    gradient = tangent.grad(function, wrt=wrt)
    with pytest.raises(tangent.TangentError, match='reverse mode over tangent.part'):
        tangent.autodiff(gradient, wrt=(1,))(*make_args(), 1.0)


def test_hvp_with_a_dataclass_argument():
    layer, x = dense(), rng.normal(size=(4, 3))
    direction = cases.Dense(rng.normal(size=layer.W.shape), rng.normal(size=layer.b.shape))
    product = tangent.hvp(cases.dense_loss)(layer, x, direction)
    assert type(product) is cases.Dense
    step = 1e-6
    def gradient_at(sign):
        moved = cases.Dense(layer.W + sign * step * direction.W, layer.b + sign * step * direction.b)
        return tangent.grad(cases.dense_loss)(moved, x)
    plus, minus = gradient_at(1.0), gradient_at(-1.0)
    np.testing.assert_allclose(product.W, (plus.W - minus.W) / (2 * step), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(product.b, (plus.b - minus.b) / (2 * step), rtol=1e-5, atol=1e-7)


def test_a_field_read_twice_in_a_statement_is_read_once():
    derivative = tangent.grad(cases.field_chain)
    derivative(model())
    m = model()
    gradient = tangent.grad(cases.model_loss)
    gradient(m, rng.normal(size=(2, 3)))
    assert tangent.source(gradient).count('= model.head') == 1


@pytest.mark.parametrize('x', [0.7, -0.7])
def test_a_field_read_in_both_branches_of_a_conditional(x):
    tangent.check_grads(cases.field_in_both_branches, (cases.Frozen(1.3, np.ones(2)), x))
