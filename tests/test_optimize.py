"""Optimiser passes on small generated-code snippets."""
import textwrap

import gast
import numpy

from tangent import quoting
from tangent.frontend.resolve import Scope
from tangent.optimize import dce, fold, optimize, propagate


def scope_for(node):
    def placeholder():
        pass
    scope = Scope(placeholder, node)
    scope.extra['numpy'] = numpy
    return scope


def function(source):
    return gast.parse(textwrap.dedent(source)).body[0]


def test_fold_applies_algebraic_identities():
    node = function('''
        def f(a, b):
            x = a * 1.0
            y = 0.0 + b
            z = a ** (2 - 1)
            w = -(-a)
            v = -(-a * b)
            return x, y, z, w, v''')
    fold.fold(node, scope_for(node))
    source = quoting.to_source(node)
    for line in ('x = a', 'y = b', 'z = a', 'w = a', 'v = a * b'):
        assert line in source


def test_dead_push_pop_pairs_are_removed_together():
    node = function('''
        def f(x, stack):
            stack.push(x)
            x = x * 2.0
            y = x + 1.0
            x = stack.pop()
            return y''')
    push, _, _, pop = node.body[:4]
    push.tangent_pair = pop.tangent_pair = 0
    dce.eliminate_dead_code(node, scope_for(node))
    source = quoting.to_source(node)
    assert 'push' not in source and 'pop' not in source


def test_live_pops_keep_their_pushes():
    node = function('''
        def f(x, stack):
            stack.push(x)
            x = x * 2.0
            y = x + 1.0
            x = stack.pop()
            return y * x''')
    push, _, _, pop = node.body[:4]
    push.tangent_pair = pop.tangent_pair = 0
    dce.eliminate_dead_code(node, scope_for(node))
    source = quoting.to_source(node)
    assert 'stack.push(x)' in source and 'x = stack.pop()' in source


def test_single_use_temporaries_are_inlined_and_copies_propagated():
    node = function('''
        def f(x, i, ds):
            t = x * i
            s = t + 1.0
            dt = ds
            dx = dt * i
            return s, dx''')
    optimize(node, scope_for(node))
    source = quoting.to_source(node)
    assert 's = x * i + 1.0' in source
    assert 'dx = ds * i' in source


def test_inlining_never_moves_a_read_past_a_write():
    node = function('''
        def f(x, a):
            t = x[0]
            x[0] = a
            return t''')
    propagate.propagate(node, scope_for(node))
    assert 't = x[0]' in quoting.to_source(node)


def test_unused_pure_assignments_are_removed_but_calls_to_user_code_stay():
    node = function('''
        def f(x):
            unused = numpy.sin(x)
            also_unused = helper(x)
            return x''')
    dce.eliminate_dead_code(node, scope_for(node))
    source = quoting.to_source(node)
    assert 'unused = numpy.sin' not in source
    assert 'helper(x)' in source
