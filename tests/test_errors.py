"""Every construct tangent refuses raises TangentError naming file, line and construct."""

import numpy as np
import pytest

import tangent
from source_helpers import assert_error_names, line_of
import error_cases


CASES = [
    (error_cases.uses_try, 1.0, 'try:', 'try/except'),
    (error_cases.uses_yield, 1.0, 'yield x', 'yield'),
    (error_cases.uses_async, 1.0, 'async def', 'async def'),
    (error_cases.uses_global, 1.0, 'global counter', 'global'),
    (error_cases.uses_nonlocal, 1.0, 'def inner', 'nested def'),
    (error_cases.uses_del, 1.0, 'del y', 'del'),
    (error_cases.uses_with, 1.0, 'with Resource', 'with statement'),
    (error_cases.calls_unregistered, 2.5, 'opaque(x)', 'call to opaque'),
    (error_cases.calls_unregistered_math, 2.5, 'opaque_math(', 'call to opaque_math'),
    (error_cases.uses_lambda, 1.0, 'lambda t', 'lambda'),
    (error_cases.uses_comprehension, 1.0, 'for i in range', 'set comprehension'),
    (error_cases.mutates_with_method, 1.0, 'parts.extend', 'method call'),
    (error_cases.uses_raise, 1.0, 'raise ValueError', 'raise'),
    (error_cases.uses_import, 1.0, 'import cmath', 'import'),
    (error_cases.uses_class, 1.0, 'class Local', 'class definition'),
    (error_cases.uses_match, 1.0, 'match x', 'match statement'),
    (error_cases.uses_set, 1.0, 'len({x', 'set literal'),
    (error_cases.uses_walrus, 1.0, 'y := x', 'walrus'),
    (error_cases.uses_starred, 1.0, '*parts', 'starred expression'),
    (error_cases.uses_loop_else, 1.0, 'for i in range(2)', 'loop else clause'),
    (error_cases.uses_chained_write, 1.0, 'y[0][1] = x', 'chained subscript assignment'),
    (error_cases.uses_dict_comprehension, 1.0, 'd = {i', 'dict comprehension'),
    (error_cases.uses_attribute_write, 1.0, 'box.value = x', 'attribute assignment'),
    (error_cases.writes_global_array, 1.0, 'GLOBAL_ARRAY[0] = x', 'write into a global array'),
    (error_cases.reads_array_attribute, np.ones(2), 'x.real', 'attribute read .real'),
    (error_cases.calls_an_argument, 1.0, 'return g(x)', 'call of a local variable'),
    (error_cases.uses_yield_from, 1.0, 'yield from', 'yield from'),
    (error_cases.writes_captured_array, 1.0, 'captured[0] = x', 'write into a captured array'),
]


@pytest.mark.parametrize('func, arg, text, construct', CASES, ids=[c[0].__name__ for c in CASES])
def test_refused_construct_names_file_line_and_construct(func, arg, text, construct):
    with pytest.raises(tangent.TangentError) as info:
        tangent.grad(func)(arg)
    message = assert_error_names(info.value, error_cases.__file__, func, text, construct)
    assert text.split()[0] in message  # the offending source line is quoted


def test_messages_say_what_to_do():
    with pytest.raises(tangent.TangentError) as info:
        tangent.grad(error_cases.calls_unregistered)(2.5)
    assert 'tangent.adjoint' in str(info.value)
    assert 'non_differentiable' in str(info.value)


def test_error_in_a_callee_names_the_callee_line():
    with pytest.raises(tangent.TangentError) as info:
        tangent.grad(error_cases.calls_bad_helper)(1.0)
    assert info.value.lineno == line_of(error_cases.uses_try, 'try:')


def test_a_caret_points_at_the_construct():
    with pytest.raises(tangent.TangentError) as info:
        tangent.grad(error_cases.uses_del)(1.0)
    lines = str(info.value).splitlines()
    source_line = next(line for line in lines if 'del y' in line)
    caret_line = lines[lines.index(source_line) + 1]
    assert caret_line.index('^') == source_line.index('del')


def test_grad_of_non_scalar_output_is_refused():
    with pytest.raises(tangent.TangentError, match='scalar'):
        tangent.grad(error_cases.returns_array)(np.ones(3))


def test_insert_grad_of_needs_a_variable():
    with pytest.raises(tangent.TangentError, match='insert_grad_of'):
        tangent.grad(error_cases.uses_insert_grad_of_badly)(1.0)


def test_bad_wrt_is_refused():
    with pytest.raises(tangent.TangentError, match='out of range'):
        tangent.grad(error_cases.returns_array, wrt=3)
    with pytest.raises(tangent.TangentError, match='not a parameter'):
        tangent.grad(error_cases.returns_array, wrt='y')


def test_functions_without_source_are_refused():
    namespace = {}
    exec('def f(x):\n    return x * 2.0\n', namespace)  # no file, nothing in linecache
    with pytest.raises(tangent.TangentError, match='source'):
        tangent.grad(namespace['f'])(1.0)
