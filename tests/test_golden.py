"""Golden files: the generated source of a handful of functions, kept in tests/golden/.

A change to the transformation shows up here as a diff of the derivative code
users read. To accept new output after reading it, run
    TANGENT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""
import ast
import os
import pathlib
import re
import sys

import pytest

import tangent
from gradcheck import check_grad
from golden_functions import CASES

GOLDEN = pathlib.Path(__file__).parent / 'golden'
UPDATE = os.environ.get('TANGENT_UPDATE_GOLDEN') == '1'


def derivative(name):
    func, args, wrt, kind = CASES[name]
    if kind == 'forward':
        return tangent.autodiff(func, wrt=wrt, mode='forward')
    if kind == 'hvp':
        return tangent.hvp(func, wrt=wrt[0])
    if kind == 'grad_auto':  # what tangent.grad chooses (forward mode for one number)
        return tangent.grad(func, wrt=wrt)
    return tangent.grad(func, wrt=wrt, mode='reverse')


def generated_source(name):
    df = derivative(name)
    df(*CASES[name][1])
    return tangent.source(df)


GRADIENTS = sorted(name for name in CASES if CASES[name][3] in ('grad', 'grad_auto'))


@pytest.mark.parametrize('name', sorted(CASES))
def test_generated_source_matches_golden_file(name):
    source = generated_source(name)
    path = GOLDEN / (name + '.py')
    if UPDATE:
        path.write_text(source)
    assert path.exists(), 'missing golden file %s (set TANGENT_UPDATE_GOLDEN=1)' % path
    expected = path.read_text()
    if sys.version_info < (3, 11):
        # ast.unparse on 3.10 prints tuple targets in parentheses: compare the trees.
        assert ast.dump(ast.parse(source)) == ast.dump(ast.parse(expected))
    else:
        assert source == expected


@pytest.mark.parametrize('name', GRADIENTS)
def test_golden_functions_have_correct_gradients(name):
    func, args, wrt, _ = CASES[name]
    check_grad(func, args, wrt)


@pytest.mark.parametrize('name', sorted(CASES))
def test_every_saved_value_is_restored(name):
    source = generated_source(name)
    assert source.count('stack.push(') == source.count('stack.pop()')
    assert source.count('tangent.push(') == source.count('tangent.pop(')


def test_integers_get_no_derivative():
    for name in ('for_loop', 'while_break', 'fill_rows'):
        source = generated_source(name)
        for integer in ('i', 'n', 'k', 'trips'):
            assert not re.search(r'\bd%s\b' % integer, source), (name, integer)


def test_loops_over_range_are_replayed_not_recorded():
    source = generated_source('for_loop')
    assert 'reversed(range(n))' in source
    assert 'stack.push(i)' not in source


def test_in_place_update_saves_no_whole_array():
    source = generated_source('fill_rows')
    assert 'stack.push(out)' not in source
    assert 'copy(out)' not in source
