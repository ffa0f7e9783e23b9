"""Functions in all their forms, in both modes and to second order where it applies.

Nested defs and lambdas (inlined where they are called), functools.partial
objects, callees and differentiated functions with keyword-only parameters,
defaults, *args and **kwargs, static methods, class methods and methods called
on self, and builtin max, min and sum over several values.

Every gradient is checked against central finite differences of the Python
function itself: check_grad (reverse mode, optimised and not) and
tangent.check_grads (forward mode, reverse mode, and the dot-product test
between them). Closed forms pin down the conventions: late binding, defaults
evaluated at the def, ties, and what wrt means for *args.
"""
import functools
import inspect

import numpy as np
import pytest

import function_cases as cases
import tangent
from source_helpers import assert_error_names, line_of
from gradcheck import check_grad

rng = np.random.default_rng(5)


def _model_loss():
    return cases.Model(3.0).loss


GRADIENT_CASES = {
    # nested defs and lambdas
    'nested_statements': (cases.nested_statements, (0.4, 0.9), (0, 1)),
    'nested_early_return': (cases.nested_statements, (0.9, 0.3), (0, 1)),
    'nested_default_at_definition': (cases.nested_default_at_definition, (0.4, 0.9), (0, 1)),
    'nested_loop_with_break': (cases.nested_loop_with_break, (0.7, 5), (0,)),
    'nested_called_in_loop': (cases.nested_called_in_loop, (0.7,), (0,)),
    'nested_calls_nested': (cases.nested_calls_nested, (0.7, 1.3), (0, 1)),
    'nested_signatures': (cases.nested_signatures, (0.7, 1.3), (0, 1)),
    'nested_on_arrays': (cases.nested_on_arrays, (rng.normal(size=(3, 3)), rng.normal(size=3)), (0, 1)),
    'nested_same_names': (cases.nested_same_names, (0.7,), (0,)),
    'lambdas_redefined': (cases.lambdas_redefined, (0.7,), (0,)),
    'lambda_with_default': (cases.lambda_with_default, (0.7, 1.2), (0, 1)),
    'nested_local_arrays': (cases.nested_local_arrays, (np.array([0.3, 0.7, -0.4]),), (0,)),
    'lambda_of_temporary': (cases.lambda_of_temporary, (np.array([0.3, 0.7, -0.4]),), (0,)),
    # callees with keyword-only parameters, defaults, *args and **kwargs
    'calls_keyword_only': (cases.calls_keyword_only, (0.7, 1.2), (0, 1)),
    'calls_varargs': (cases.calls_varargs, (0.7, 1.2), (0, 1)),
    'passes_tuple_on': (cases.passes_tuple_on, (0.7, 1.2), (0, 1)),
    'calls_kwargs': (cases.calls_kwargs, (0.7, 1.2), (0, 1)),
    'passes_dict_on': (cases.passes_dict_on, (0.7, 1.2), (0, 1)),
    'calls_everything': (cases.calls_everything, (0.7, 1.2), (0, 1)),
    'forwards_varargs': (cases.forwards_varargs, (0.7, 1.2, 0.3), (0, 1, 2)),
    'top_varargs': (cases.top_varargs, (0.7, 1.2), (0, 1)),
    # partials
    'calls_partials': (cases.calls_partials, (0.7, 1.2), (0, 1)),
    'closure_partial': (cases.make_closure_partial(1.5), (0.7,), (0,)),
    'partial_positional_and_keyword': (functools.partial(cases.base, 2.0, z=3.0), (0.7,), (0,)),
    'partial_keyword': (functools.partial(cases.base, z=3.0), (0.7, 0.4), (0, 1)),
    # methods
    'method_calls_self': (_model_loss(), (0.7,), (0,)),
    'subclass_method': (cases.Scaled(2.0).loss, (0.7,), (0,)),
    'global_method': (cases.calls_global_method, (0.7,), (0,)),
    'classmethod': (cases.Model.cubed_twice, (0.7,), (0,)),
    'staticmethod': (cases.Model.static_square, (0.7,), (0,)),
    # builtins
    'extrema': (cases.builtin_extrema, (0.3, 0.8, 0.5), (0, 1, 2)),
    'extrema_other_order': (cases.builtin_extrema, (0.9, 0.2, 0.5), (0, 1, 2)),
    'sums': (cases.builtin_sums, (0.3, 0.8), (0, 1)),
    'extrema_of_list': (cases.extrema_of_sequence, ([0.3, 0.8, -0.2],), (0,)),
    'extrema_of_tuple': (cases.extrema_of_sequence, ((0.3, 0.8, -0.2),), (0,)),
    'extrema_of_array': (cases.extrema_of_sequence, (np.array([0.3, 0.8, -0.2]),), (0,)),
    'sum_of_list': (cases.sum_of_sequence, ([0.3, 0.8, -0.2],), (0,)),
    'sum_of_array_rows': (cases.sum_of_sequence, (rng.normal(size=(3, 2)),), (0,)),
    'extrema_of_generator': (cases.extrema_of_generator, (0.7,), (0,)),
}


@pytest.mark.parametrize('name', sorted(GRADIENT_CASES))
def test_gradients_in_both_modes(name):
    func, args, wrt = GRADIENT_CASES[name]
    if not any(isinstance(arg, (list, tuple)) for arg in args):  # check_grad takes numbers and arrays
        check_grad(func, args, wrt)
    tangent.check_grads(func, args, wrt=wrt)
    value, _ = tangent.value_and_grad(func, wrt=wrt)(*args)
    np.testing.assert_allclose(value, func(*args), rtol=1e-12)  # inlining kept the semantics


@pytest.mark.parametrize('name', ['nested_statements', 'nested_calls_nested', 'calls_keyword_only',
                                  'calls_varargs', 'calls_kwargs', 'calls_partials',
                                  'partial_positional_and_keyword', 'method_calls_self', 'classmethod',
                                  'extrema', 'sums', 'sum_of_list'])
def test_second_derivatives(name):
    func, args, wrt = GRADIENT_CASES[name]
    tangent.check_grads(func, args, wrt=wrt, order=2)


# Nested functions: Python's scoping, kept by inlining.

def test_nested_def_reads_enclosing_variables_when_called():
    # g reads a = 1.5 (set after the def); the default k=3.0 applies to g(x).
    x, y = 0.9, 0.3  # g(x) returns early (1.35 > 1), g(y) runs the loop
    dx, dy = tangent.grad(cases.nested_statements, wrt=(0, 1))(x, y)
    assert dx == pytest.approx(1.5 * 3.0 + (y * 1.5 > 1.0) * 0.0)
    assert dy == pytest.approx(1.5 + 0.0 + 1.0 + 2.0)


def test_nested_default_is_evaluated_at_the_def():
    # k is y * 2.0 when g is defined, not 100.0 when g is called.
    gradients = tangent.grad(cases.nested_default_at_definition, wrt=(0, 1))(0.4, 0.9)
    assert gradients == pytest.approx((1.8, 0.8))
    tangent_value = tangent.autodiff(cases.nested_default_at_definition, wrt=(1,), mode='forward')(0.4, 0.9, 1.0)
    assert tangent_value == pytest.approx(0.8)


def test_nested_def_is_inlined_readably():
    derivative = tangent.grad(cases.nested_calls_nested, wrt=(0, 1))
    derivative(0.7, 1.3)
    body = tangent.source(derivative).splitlines()[1:]
    code = [line for line in body if not line.strip().startswith('#')]
    assert not [line for line in code if 'def ' in line or 'square(' in line or 'norm(' in line]
    assert '    # grad of: return np.sqrt(square(a) + square(b))' in body


# Callees with keyword-only parameters, *args and **kwargs.

def test_callee_derivatives_take_every_argument_by_position():
    for func, text in [(cases.calls_keyword_only, 'tangent.autodiff(tangent.positional(scaled), wrt=(0,))'),
                       (cases.calls_varargs, 'gathered(*gathered_xs)'),
                       (cases.calls_kwargs, 'with_options(x, **with_options_opts)')]:
        derivative = tangent.grad(func, wrt=(0, 1))
        derivative(0.7, 1.2)
        assert text in tangent.source(derivative)


def test_view_calls_the_original():
    view = tangent.positional(cases.everything)
    assert list(inspect.signature(view).parameters) == ['a', 'b', 'rest', 'scale', 'extra']
    assert view(1.0, 2.0, (3.0,), 4.0, {'bias': 5.0}) == cases.everything(1.0, 2.0, 3.0, scale=4.0, bias=5.0)
    assert tangent.positional(cases.everything) is view


# The differentiated function's own signature.

def test_keyword_only_parameters_of_the_differentiated_function():
    f = cases.top_keyword_only  # x * x * scale
    assert tangent.grad(f)(2.0, scale=3.0) == 12.0
    assert tangent.grad(f)(2.0) == 8.0
    assert tangent.grad(f, wrt='scale')(2.0, scale=3.0) == 4.0
    assert tangent.grad(f, wrt=(0, 'scale'))(2.0, scale=3.0) == (12.0, 4.0)
    assert tangent.value_and_grad(f)(2.0, scale=3.0) == (12.0, 12.0)
    assert tangent.autodiff(f)(2.0, 2.0, scale=3.0) == 24.0
    assert tangent.autodiff(f, mode='forward')(2.0, 1.0, scale=3.0) == 12.0
    assert tangent.autodiff(f, wrt=(0, 'scale'), mode='forward')(2.0, 1.0, 1.0, scale=3.0) == 16.0
    assert tangent.jvp(f, (2.0,), (1.0,)) == (8.0, 8.0)
    tangent.check_grads(functools.partial(f, scale=3.0), (1.3,), order=2)


def test_wrt_positions_count_the_arguments_passed_to_varargs():
    f = cases.top_varargs  # xs[0] * xs[1] ** 2
    assert tangent.grad(f)(2.0, 3.0) == 9.0
    assert tangent.grad(f, wrt=1)(2.0, 3.0) == 12.0
    assert tangent.grad(f, wrt=(1, 0))(2.0, 3.0) == (12.0, 9.0)
    assert tangent.grad(f, wrt='xs')(2.0, 3.0) == (9.0, 12.0)  # the name: the whole tuple
    assert tangent.autodiff(f, wrt=(0, 1), mode='forward')(2.0, 3.0, 1.0, 1.0) == 21.0
    assert tangent.autodiff(f, wrt=1, mode='forward')(2.0, 3.0, 1.0) == 12.0
    # With *args taking every positional argument, the cotangent is the last one (or a keyword).
    assert tangent.autodiff(f)(2.0, 3.0, 2.0) == 18.0
    assert tangent.autodiff(f)(2.0, 3.0, cotangent=2.0) == 18.0
    assert tangent.vjp(f, 2.0, 3.0, wrt=(1, 0))[1](1.0) == (12.0, 9.0)
    with pytest.raises(tangent.TangentError, match=r'\*xs\[2\]'):
        tangent.grad(f, wrt=2)(2.0, 3.0)


def test_mixed_signature_of_the_differentiated_function():
    # a * xs[0] * s + kw['b'] * a
    gradients = tangent.grad(cases.top_mixed, wrt=(0, 1, 's', 'kw'))(2.0, 3.0, 4.0, s=5.0, b=7.0)
    assert gradients == (22.0, 10.0, 6.0, {'b': 2.0})


def test_partial_as_the_function_to_differentiate():
    base = cases.base  # a * y * z ** 2
    assert tangent.grad(functools.partial(base, 2.0, z=3.0))(5.0) == 18.0
    assert tangent.grad(functools.partial(base, 2.0, z=3.0), wrt='z')(5.0) == 60.0
    assert tangent.grad(functools.partial(base, 2.0), wrt=1)(5.0, 3.0) == 60.0  # wrt counts (y, z)
    assert tangent.autodiff(functools.partial(base, 2.0, z=3.0), mode='forward')(5.0, 1.0) == 18.0
    assert tangent.hessian(functools.partial(base, z=3.0), wrt=0)(1.0, 2.0) == 0.0


# Methods.

def test_methods_resolve_through_the_class_of_self():
    w, x = 2.0, 0.7
    # Scaled overrides helper: sin(x) * w * x + x ** 2 + 2 x ** 3 + 2 x ** 3
    expected = w * (np.cos(x) * x + np.sin(x)) + 2 * x + 12 * x ** 2
    assert tangent.grad(cases.Scaled(w).loss)(x) == pytest.approx(expected)
    assert tangent.autodiff(cases.Scaled(w).loss, mode='forward')(x, 1.0) == pytest.approx(expected)
    big = tangent.grad(cases.BigSquare().area)
    assert big(x) == pytest.approx(8.0 * x)
    assert ' BigSquare.side(self, x)' in tangent.source(big)
    plain = tangent.grad(cases.Square().area)  # the same function, generated again for this class
    assert plain(x) == pytest.approx(2.0 * x)
    assert ' Square.side(self, x)' in tangent.source(plain)


def test_derivatives_of_derivatives_of_methods():
    w, x = 3.0, 0.7
    model = cases.Model(w)  # loss = w x^2 + x^2 + 4 x^3
    assert tangent.grad(tangent.grad(model.loss))(x) == pytest.approx(2 * w + 2 + 24 * x)
    assert tangent.hessian(model.loss)(x) == pytest.approx(2 * w + 2 + 24 * x)
    assert tangent.grad(model.keyword_loss)(x, k=2.0) == pytest.approx(3 * w * x ** 2 * 2.0)
    assert tangent.grad(model.keyword_loss, wrt='k')(x, k=2.0) == pytest.approx(w * x ** 3)
    assert tangent.hessian(cases.Model.cubed_twice)(x) == pytest.approx(12 * x)


# Builtins.

def test_ties_go_to_the_value_max_returns():
    # max(x, y, x) returns x, max([y, x]) returns y: each gets one gradient.
    assert tangent.grad(cases.tie_first, wrt=(0, 1))(0.5, 0.5) == (1.0, 1.0)
    assert tangent.autodiff(cases.tie_first, wrt=(0,), mode='forward')(0.5, 0.5, 1.0) == 1.0
    # max picks index 0 of the two 0.5s, min the 0.2: max * min.
    assert tangent.grad(cases.extrema_of_sequence)([0.5, 0.5, 0.2]) == pytest.approx([0.2, 0.0, 0.5])


def test_builtin_rewrites_read_as_operations():
    derivative = tangent.grad(cases.extrema_of_sequence)
    derivative([0.3, 0.8, -0.2])
    assert 'xs[max_index_xs]' in tangent.source(derivative)
    derivative = tangent.grad(cases.builtin_extrema)
    derivative(0.3, 0.8, 0.5)
    assert 'max(max_x_y, z)' in tangent.source(derivative)


# Refused, with file, line and construct.

REFUSED = [
    (cases.recursive_nested, (0.5,), 'def fact', 'recursive nested def fact'),
    (cases.nested_returned, (0.5,), 'return g', 'nested def g used as a value'),
    (cases.nested_passed_to_map, (0.5,), 'map(g', 'nested def g used as a value'),
    (cases.nested_decorated, (0.5,), 'def g', 'decorated nested def g'),
    (cases.nested_nonlocal, (0.5,), 'def add', 'nested def add with nonlocal'),
    (cases.nested_inside_nested, (0.5,), 'def inner', 'function inside nested def outer'),
    (cases.nested_redefined_in_branch, (0.5,), 'def g(t):  # noqa', 'nested def g defined twice'),
    (cases.nested_called_too_early, (0.5, 3), 'y = g(y)', 'call to g before its definition'),
    (cases.nested_bad_call, (0.5,), 'return g(x)', 'call to nested def g'),
    (cases.starred_into_fixed, (0.5, 0.2), 'fixed_pair(*values)', 'call to fixed_pair'),
    (cases.mapping_into_named, (0.5, 0.2), 'everything(x, **options)', 'call to everything'),
    (cases.starred_into_numpy, (0.5, 0.2), 'np.stack(*values)', 'starred argument'),
    (cases.max_with_key, (0.5, 0.2), 'key=abs', 'call to max with key='),
    (cases.calls_partial_filling_varargs, (0.5,), 'fills_varargs(x)', 'call to gathered'),
    (cases.WithCallableAttribute().loss, (0.5,), 'self.scale(x)', 'method call .scale()'),
]


@pytest.mark.parametrize('mode', ['reverse', 'forward'])
@pytest.mark.parametrize('func, args, text, construct', REFUSED,
                         ids=[entry[0].__name__ for entry in REFUSED])
def test_refused_construct_names_file_line_and_construct(func, args, text, construct, mode):
    with pytest.raises(tangent.TangentError) as info:
        if mode == 'reverse':
            tangent.grad(func)(*args)
        else:
            tangent.autodiff(func, mode='forward')(*args, 1.0)
    message = assert_error_names(info.value, cases.__file__, func, text, construct)
    assert text.split('(')[0].split()[-1] in message  # the offending source line is quoted


@pytest.mark.parametrize('callable_, text', [
    (cases.fills_varargs, 'fills the *args of gathered'),
    (cases.into_kwargs, 'passes_extra gathers in **kwargs'),
])
def test_refused_partials_name_the_function(callable_, text):
    with pytest.raises(tangent.TangentError) as info:
        tangent.grad(callable_)(0.5)
    assert text in str(info.value)


def test_fixed_parameter_assigned_in_the_body_is_refused():
    with pytest.raises(tangent.TangentError) as info:
        tangent.grad(cases.fixed_then_reassigned)(1.0)
    assert info.value.filename == cases.__file__
    assert info.value.lineno == line_of(cases.reassigns_fixed, 'a = a * 2.0')
    assert 'assignment to a' in str(info.value)


def test_refused_wrt():
    with pytest.raises(tangent.TangentError, match='both as a whole and by position'):
        tangent.grad(cases.top_varargs, wrt=(0, 'xs'))
    with pytest.raises(tangent.TangentError, match='out of range'):
        tangent.grad(cases.top_keyword_only, wrt=1)
    with pytest.raises(tangent.TangentError, match='not a parameter'):
        tangent.grad(functools.partial(cases.base, 2.0), wrt='a')
    with pytest.raises(tangent.TangentError, match='elements of \\*args'):
        tangent.grad(tangent.grad(cases.top_varargs))(2.0, 3.0)


def test_method_before_its_class_is_known():
    with pytest.raises(tangent.TangentError) as info:
        tangent.source(tangent.grad(cases.Unseen().loss))
    assert 'call it before asking for its source' in str(info.value)
    assert info.value.lineno == line_of(cases.Unseen.loss, 'self.helper(x)')
