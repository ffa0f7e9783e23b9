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


def test_a_pure_call_computed_before_is_read_from_its_name():
    node = function('''
        def f(x, dx):
            c = numpy.cos(x)
            y = c * 2.0
            dy = dx * numpy.cos(x)
            return y, dy''')
    node.body[1].tangent_primal = True
    propagate._reuse_calls(node, scope_for(node))
    assert 'dy = dx * c' in quoting.to_source(node)


def test_a_pure_call_is_computed_again_after_its_operand_changes():
    node = function('''
        def f(x, dx):
            c = numpy.cos(x)
            v = x
            v[0] = 1.0
            dy = dx * numpy.cos(x) + c
            w = numpy.sin(x)
            x = x + 1.0
            dz = numpy.sin(x) + w
            return dy, dz''')
    propagate._reuse_calls(node, scope_for(node))
    source = quoting.to_source(node)
    assert 'dy = dx * numpy.cos(x) + c' in source  # written through a view of x
    assert 'dz = numpy.sin(x) + w' in source  # x rebound


def test_the_users_own_lines_keep_their_calls():
    node = function('''
        def f(x):
            c = numpy.cos(x)
            y = numpy.cos(x) * 2.0
            return y + c''')
    node.body[1].tangent_primal = True
    propagate._reuse_calls(node, scope_for(node))
    assert 'y = numpy.cos(x) * 2.0' in quoting.to_source(node)


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


# ---------------------------------------------------------------------------
# Shape specialisation: a derivative is generated per shape of its array
# arguments, so broadcasting bookkeeping is decided at transformation time.
# ---------------------------------------------------------------------------

import numpy as np  # noqa: E402
import numpy.testing as npt  # noqa: E402
import pytest  # noqa: E402

import tangent  # noqa: E402
from tangent import api, derive  # noqa: E402
from tangent.analysis import cfg  # noqa: E402
from tangent.analysis import kinds as kinds_module  # noqa: E402
from gradcheck import check_grad, numeric_grad  # noqa: E402


def mlp(W1, b1, W2, b2, x, y):
    h = np.tanh(x @ W1 + b1)
    out = h @ W2 + b2
    return np.mean((out - y) ** 2)


def mlp_args(batch=5, n_in=4, n_hidden=3, n_out=2, seed=0):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(n_in, n_hidden)), rng.normal(size=n_hidden), rng.normal(size=(n_hidden, n_out)),
            rng.normal(size=n_out), rng.normal(size=(batch, n_in)), rng.normal(size=(batch, n_out)))


def test_known_shapes_spell_out_broadcasting_reductions_and_matmul_adjoints():
    args = mlp_args()
    df = tangent.grad(mlp, wrt=(0, 1, 2, 3))
    df(*args)
    source = tangent.source(df)
    for helper in ('unbroadcast', 'reduced_count', 'unreduce', 'matmul_adjoint'):
        assert helper not in source, source
    assert 'db2 = dout.sum(axis=0)' in source
    assert 'dW2 = h.T @ dout' in source
    assert '/ 10 * 2 *' in source  # mean over 5 x 2 elements: the count is a number
    check_grad(mlp, args, wrt=(0, 1, 2, 3))


def broadcast_sum(x, b):
    return np.sum(np.tanh(x + b) ** 2)


@pytest.mark.parametrize('shapes', [
    [((4, 3), (3,)), ((4, 3), (1,)), ((4, 3), (4, 1)), ((4, 3), (4, 3)), ((3,), (4, 3))],
    [((4, 3), (4, 3)), ((4, 3), (3,)), ((2, 4, 3), (4, 1)), ((3,), ())],
])
def test_a_derivative_called_with_other_shapes_and_ranks_stays_right(shapes):
    """The first call's shapes are not baked into later calls: the key has the shapes."""
    df = tangent.grad(broadcast_sum, wrt=(0, 1))
    rng = np.random.default_rng(1)
    for x_shape, b_shape in shapes:
        x, b = rng.normal(size=x_shape), rng.normal(size=b_shape)
        if not b_shape:
            b = float(b)
        got = df(x, b)
        expected = numeric_grad(broadcast_sum, (x, b), (0, 1))
        for g, e in zip(got, expected):
            assert np.shape(g) == np.shape(e)
            np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-7)


def test_the_same_shapes_reuse_their_derivative_and_new_shapes_get_their_own():
    df = tangent.grad(broadcast_sum, wrt=(1,))
    x, b = np.ones((4, 3)), np.ones(3)
    df(x, b)
    df(x * 2.0, b + 1.0)  # same shapes
    assert len(df.__tangent__._impls) == 1
    df(x, np.ones((1, 3)))
    assert len(df.__tangent__._impls) == 2
    assert api.dispatch_key((x, 2.0, [1.0])) == ((4, 3), float, list)


def test_many_shapes_share_one_version_that_reads_shapes_at_run_time():
    def scaled_sum(x, b):
        return np.sum(np.tanh(x * b) ** 2)
    df = tangent.grad(scaled_sum, wrt=(0, 1))
    rng = np.random.default_rng(2)
    for n in range(1, api._SHAPE_VARIANTS + 6):
        x, b = rng.normal(size=(n, 3)), rng.normal(size=(1, 3))
        got = df(x, b)
        expected = numeric_grad(scaled_sum, (x, b), (0, 1))
        for g, e in zip(got, expected):
            np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-7)
    versions = {id(impl) for impl in df.__tangent__._impls.values()}
    assert len(versions) == api._SHAPE_VARIANTS + 1  # the generic version serves the rest
    assert 'unbroadcast' in tangent.source(df)  # the generic version cannot know


def test_an_index_that_reads_one_element_of_an_array_gives_a_number():
    def first_times(theta, x):
        return np.sum(theta[0] * x + theta[1])
    theta, x = np.array([0.5, -1.5]), np.linspace(0.0, 1.0, 4)
    df = tangent.grad(first_times, wrt=(0, 1))
    df(theta, x)
    source = tangent.source(df)
    assert 'tangent.add_at' not in source and 'dtheta[0] = ' in source  # (a first write: optimize/zeros.py)
    check_grad(first_times, (theta, x), wrt=(0, 1))


# Kind and shape inference

def analyse(func, *args):
    normalized = derive.normalize(func)
    _, param_kinds = derive._param_kinds(normalized, api.dispatch_key(args))
    graph = cfg.Graph(normalized.node.body)
    return kinds_module.Kinds(graph, param_kinds, normalized.scope).variable_shapes()


def shapes_demo(x, w, i):
    row = x[i]
    col = x[:, 1:]
    t = x @ w
    s = np.sum(t, axis=0, keepdims=True)
    m = np.mean(t, axis=1)
    e = np.exp(t - s)
    st = np.stack((m, m), axis=1)
    one = x[1, 2]
    z = np.zeros_like(col)
    n = len(x)
    k = n - 1
    return helper_of_shapes(st, e)


def helper_of_shapes(a, b):
    return a[:, :1] * b


def test_shapes_follow_numpy_rules():
    values = analyse(shapes_demo, np.ones((5, 4)), np.ones((4, 3)), 2)
    expected = {'row': (4,), 'col': (5, 3), 't': (5, 3), 's': (1, 3), 'm': (5,), 'e': (5, 3),
                'st': (5, 2), 'one': kinds_module.ITEM, 'z': (5, 3), 'n': kinds_module.INT, 'k': kinds_module.INT,
                'i': kinds_module.INT}
    for name, shape in expected.items():
        assert values[name][1] == shape, (name, values[name])
    assert values['one'][0] == kinds_module.SCALAR  # an element of an array is a number
    assert values['row'][0] == kinds_module.ARRAY
    assert values['out'] == (kinds_module.ARRAY, (5, 3))  # from the helper's own body


def test_unknown_shapes_stay_unknown():
    def unknown(x, idx, flag):
        a = x[idx]          # an index array: shape depends on idx
        b = x[:flag]        # a slice bound known only at run time
        c = np.reshape(x, (-1,))  # not modelled
        return a, b, c
    values = analyse(unknown, np.ones((5, 4)), np.array([0, 1]), 3)
    for name in ('a', 'b', 'c'):
        assert name not in values or values[name][1] is None


def test_shapes_join_to_unknown_where_paths_disagree():
    def grows(x, n):
        for i in range(n):
            x = np.concatenate((x, x))
        return x
    values = analyse(grows, np.ones(3), 2)
    assert 'x' not in values


# Folding with shapes

def given_facts(scope, values):
    """ShapeFacts holding `values` ({name: (kind, shape)}) for a snippet."""
    class Facts(kinds_module.ShapeFacts):
        def __init__(self):
            self.kinds = kinds_module.Kinds(cfg.Graph([]), {}, scope)
            self.values = dict(values)
    return Facts()


def folded(source, values):
    node = function(source)
    scope = scope_for(node)
    scope.extra['tangent'] = tangent
    optimize(node, scope, facts=given_facts(scope, values))
    return quoting.to_source(node)


def test_reductions_spread_by_broadcasting_when_the_other_factor_has_the_shape():
    A = kinds_module.ARRAY
    source = folded('''
        def f(g, v, w, u, c):
            a = tangent.unreduce(g / tangent.reduced_count(v), v) * 2 * w
            b = tangent.unreduce(c, v, 1) * w
            d = tangent.unreduce(c, v, 1, True) * u
            return a, b, d''', {'g': (kinds_module.SCALAR, ()), 'v': (A, (4, 3)), 'w': (A, (4, 3)),
                                'u': (A, (4, 3)), 'c': (A, (4,))})
    assert 'a = g / 12 * 2 * w' in source
    assert 'b = c[:, None] * w' in source
    assert 'd = c * u' in source  # kept dimensions broadcast as they are


def test_a_reduction_spread_over_a_smaller_factor_is_kept():
    A = kinds_module.ARRAY
    source = folded('''
        def f(g, v, w):
            return tangent.unreduce(g, v) * w''', {'g': (kinds_module.SCALAR, ()), 'v': (A, (4, 3)),
                                                   'w': (A, (3,))})
    assert 'tangent.unreduce(g, v) * w' in source


def test_matmul_adjoints_of_known_ranks_become_products():
    A = kinds_module.ARRAY
    source = folded('''
        def f(g, a, b, v, h):
            da = tangent.matmul_adjoint_a(g, a, b)
            db = tangent.matmul_adjoint_b(g, a, b)
            dv = tangent.matmul_adjoint_a(h, v, b)
            db2 = tangent.matmul_adjoint_b(h, v, b)
            return da, db, dv, db2''', {'g': (A, (5, 3)), 'a': (A, (5, 4)), 'b': (A, (4, 3)),
                                        'v': (A, (4,)), 'h': (A, (3,))})
    for line in ('da = g @ b.T', 'db = a.T @ g', 'dv = b @ h', 'db2 = numpy.outer(v, h)'):
        assert line in source, source


def test_negations_move_onto_the_smaller_array_and_into_subtractions():
    A = kinds_module.ARRAY
    source = folded('''
        def f(a, b):
            return a + (-b).sum(axis=1, keepdims=True)''', {'a': (A, (4, 1)), 'b': (A, (4, 3))})
    assert 'return a - b.sum(axis=1, keepdims=True)' in source


# Saving less, accumulating in place

def rk4_like(theta, u, dt, steps):
    for i in range(steps):
        half = 0.5 * dt
        k = theta * u
        u = u + half * k
    return np.sum(u * u)


def test_values_equal_in_every_iteration_are_not_saved():
    args = (np.array([0.3, -0.2]), np.array([1.0, 2.0]), 0.1, 4)
    df = tangent.grad(rk4_like, wrt=(0, 1))
    df(*args)
    source = tangent.source(df)
    assert 'half = 0.5 * dt' in source
    assert 'stack.push(half)' not in source and 'half = stack.pop()' not in source
    check_grad(rk4_like, args, wrt=(0, 1))


def rnn_like(W, b, xs, h):
    for i in range(len(xs)):
        h = np.tanh(xs[i] @ W + h + b)
    return np.sum(h * h)


def test_gradients_accumulate_in_place_inside_loops():
    rng = np.random.default_rng(3)
    args = (rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=(4, 5, 3)), rng.normal(size=(5, 2)))
    df = tangent.grad(rnn_like, wrt=(0, 1))
    df(*args)
    source = tangent.source(df)
    assert 'dW += ' in source and 'db += ' in source, source
    assert 'dW = dW +' not in source
    check_grad(rnn_like, args, wrt=(0, 1))


# Scheduling copies away

def test_a_statement_moves_below_the_reads_of_a_copy_of_what_it_overwrites():
    node = function('''
        def f(ds, x, s, dx):
            dt = ds
            ds = dt * x
            dx += dt * s
            return ds, dx''')
    optimize(node, scope_for(node))
    source = quoting.to_source(node)
    assert 'dt' not in source
    assert source.index('dx += ds * s') < source.index('ds = ds * x')


def test_nothing_moves_past_an_in_place_write_to_an_alias():
    node = function('''
        def f(ds, x, v):
            dt = ds
            w = v
            ds = dt * w
            v[0] = 1.0
            y = dt * v
            return ds, y''')
    optimize(node, scope_for(node))
    source = quoting.to_source(node)
    assert source.index('ds = ') < source.index('v[0] = 1.0')


def test_stack_operations_keep_their_order():
    node = function('''
        def f(ds, x, stack):
            dt = ds
            ds = stack.pop()
            y = stack.pop()
            z = dt * y
            return ds, z''')
    first, second = node.body[1], node.body[2]
    first.tangent_pair, second.tangent_pair = 1, 2
    optimize(node, scope_for(node))
    source = quoting.to_source(node)
    assert source.index('ds = stack.pop()') < source.index('y = stack.pop()')


def test_the_demo_loop_reads_like_hand_written_reverse_mode():
    from mode_cases import branchy as loop
    df = tangent.grad(loop, mode='reverse')
    df(0.9, 20)
    source = tangent.source(df)
    assert 'ds_times_x' not in source
    assert source.index('dx += ds * s') < source.index('ds = ds * x')
    check_grad(loop, (0.9, 20))


# Callees

def test_asking_again_for_a_callees_derivative_is_a_lookup():
    first = tangent.autodiff(helper_of_shapes, wrt=(0, 1))
    assert tangent.autodiff(helper_of_shapes, wrt=(0, 1)) is first
    assert tangent.autodiff(helper_of_shapes, wrt=[0, 1]) is first
    assert tangent.autodiff(helper_of_shapes, wrt=(0,)) is not first


def test_a_copy_that_only_protected_reads_from_a_later_write_is_dropped():
    node = function('''
        def f(dout, i, t, w):
            g = tangent.copy(dout[i])
            dout[i] = 0.0
            h = g * (1.0 - t * t)
            return h * w, dout''')
    scope = scope_for(node)
    scope.extra['tangent'] = tangent
    optimize(node, scope)
    source = quoting.to_source(node)
    assert 'tangent.copy' not in source
    assert source.index('dout[i] * (1.0 - t * t)') < source.index('dout[i] = 0.0')


def test_a_copy_that_escapes_or_is_read_after_the_write_stays():
    for body in ('''
            g = tangent.copy(dout[i])
            dout[i] = 0.0
            h = g
            return h, dout''', '''
            g = tangent.copy(dout[i])
            dout[i] = 0.0
            dout[j] += g * 2.0
            h = g * 3.0
            return h, dout''', '''
            g = tangent.copy(dout[i])
            dout[i] = 0.0
            h = g + z
            return h, dout'''):
        node = function('def f(dout, i, j, z):' + body)
        scope = scope_for(node)
        scope.extra['tangent'] = tangent
        optimize(node, scope)
        assert 'tangent.copy(dout[i])' in quoting.to_source(node), body


def test_rows_written_in_place_reuse_the_gradient_row_without_copying_it():
    def rows(w, x):
        out = np.zeros_like(x)
        out[0] = np.tanh(w * x[0])
        for i in range(1, len(x)):
            out[i] = np.tanh(w * x[i] + 0.5 * out[i - 1])
        return np.mean(out ** 2)
    rng = np.random.default_rng(4)
    args = (rng.normal(size=3), rng.normal(size=(5, 3)))
    df = tangent.grad(rows)
    df(*args)
    assert 'tangent.copy' not in tangent.source(df)
    check_grad(rows, args)


def field(theta, u):
    x = u[:, 0]
    y = u[:, 1]
    return np.stack((theta[0] * x - theta[1] * x * y, theta[2] * x * y - theta[3] * y), axis=1)


def integrate(theta, u, dt, steps):
    for i in range(steps):
        u = u + dt * field(theta, u)
    return np.mean(u ** 2)


def test_a_callees_result_shape_and_its_derivatives_cotangent_shape_are_known():
    rng = np.random.default_rng(5)
    args = (np.array([1.1, 0.4, 0.4, 0.9]), rng.uniform(0.5, 1.5, size=(6, 2)), 0.05, 3)
    df = tangent.grad(integrate)
    df(*args)
    source = tangent.source(df)
    assert 'unbroadcast' not in source and 'add_grad' not in source  # field(...) is a (6, 2) array
    dfield = tangent.autodiff(field, wrt=(0, 1))
    dfield(args[0], args[1], np.ones((6, 2)))
    inner = tangent.source(dfield)
    assert 'unstack' not in inner and 'dout[:, 0]' in inner  # the cotangent is a (6, 2) array
    assert '@ x' in inner  # theta[0]'s gradient: a sum of products
    check_grad(integrate, args)


def _with_tangent(node):
    scope = scope_for(node)
    scope.extra['tangent'] = tangent
    return scope


def test_writes_into_an_array_read_only_for_its_shape_are_dead():
    node = function('''
        def f(x, v):
            g = tangent.zeros_like(x)
            g[:-1] = g[:-1] + v * 2.0
            h = tangent.zeros_like(g)
            h[1:] = v
            return h''')
    dce.eliminate_dead_code(node, _with_tangent(node))
    source = quoting.to_source(node)
    assert 'g[:-1]' not in source  # the elements of g are never read
    assert 'h = tangent.zeros_like(g)' in source and 'g = tangent.zeros_like(x)' in source
    assert 'h[1:] = v' in source


def test_writes_whose_elements_are_read_later_are_kept():
    node = function('''
        def f(x, v):
            g = tangent.zeros_like(x)
            g[:-1] = g[:-1] + v * 2.0
            h = tangent.zeros_like(g) + g.shape[0] * g
            return h''')
    dce.eliminate_dead_code(node, _with_tangent(node))
    assert 'g[:-1] = g[:-1] + v * 2.0' in quoting.to_source(node)


def test_user_functions_are_pure_only_when_their_source_shows_it():
    import purity_cases as cases
    from tangent.optimize.purity import is_pure_function
    assert is_pure_function(cases.pure_helper)
    assert not is_pure_function(cases.printing_helper)
    assert not is_pure_function(cases.writing_helper)  # it writes into its argument
    assert not is_pure_function(cases.calls_printing_helper)


def test_an_unused_call_to_a_pure_user_function_is_dropped(capsys):
    import purity_cases as cases
    pure = tangent.grad(cases.uses_pure)
    assert pure(0.5) == 3.0
    assert 'pure_helper' not in tangent.source(pure)
    printing = tangent.grad(cases.uses_printing)
    assert printing(0.5) == 3.0
    assert 'printing_helper' in tangent.source(printing)
    assert capsys.readouterr().out.count('called with') == 1  # the print still runs, once


# The spread of a reduction's gradient, across statements (optimize/spread.py)

def folded_and_run(source, values, args):
    """The optimised source of `f`, after checking it returns what the original returns, exactly."""
    optimized = folded(source, values)
    results = []
    for text in (textwrap.dedent(source), optimized):
        namespace = {'tangent': tangent, 'numpy': numpy}
        exec(compile(text, '<snippet>', 'exec'), namespace)
        copies = [numpy.copy(arg) if isinstance(arg, numpy.ndarray) else arg for arg in args]
        result = namespace['f'](*copies)
        results.append(result if isinstance(result, tuple) else (result,))
    for before, after in zip(*results):
        assert numpy.shape(after) == numpy.shape(before), optimized
        numpy.testing.assert_array_equal(after, before, err_msg=optimized)
    return optimized


def _spread_values(**shapes):
    values = {}
    for name, shape in shapes.items():
        values[name] = (kinds_module.SCALAR, ()) if shape == () else (kinds_module.ARRAY, shape)
    return values


def _normal(*shape):
    return np.random.default_rng(len(shape) + sum(shape)).normal(size=shape)


def test_a_spread_read_only_by_products_of_its_shape_or_of_numbers_becomes_broadcasting():
    source = folded_and_run('''
        def f(g, x, a, b):
            v = tangent.unreduce(g, x)
            w = -(v * 100.0) * 2
            p = v * 2 * a
            q = b * w
            return p, q''', _spread_values(g=(), x=(4, 3), a=(4, 3), b=(4, 3)),
        (1.5, _normal(4, 3), _normal(4, 3), _normal(3, 4).T.copy()))
    assert 'unreduce' not in source
    assert 'g * 2 * a' in source


def test_a_spread_over_reduced_axes_puts_them_back_as_size_one():
    source = folded_and_run('''
        def f(c, x, a, e, k):
            v = tangent.unreduce(c, x, 1)
            u = tangent.unreduce(e, x, 0, False)
            t = tangent.unreduce(k, x, 1, True)
            return v * a, a * u, t * a''', _spread_values(c=(4,), x=(4, 3), a=(4, 3), e=(3,), k=(4, 1)),
        (_normal(4), _normal(4, 3), _normal(4, 3), _normal(3), _normal(4, 1)))
    assert 'unreduce' not in source
    assert 'v = c[:, None]' in source and 'u = e[None]' in source and 't = k' in source


def test_a_spread_multiplied_into_a_larger_shape_that_contains_it_becomes_broadcasting():
    source = folded_and_run('''
        def f(g, x, y, c, z, h):
            v = tangent.unreduce(g, x)
            u = tangent.unreduce(c, z, 0)
            return v * y, h * u''', _spread_values(g=(), x=(3,), y=(4, 3), c=(3,), z=(2, 3), h=(5, 2, 3)),
        (0.5, _normal(3), _normal(4, 3), _normal(3), _normal(2, 3), _normal(5, 2, 3)))
    assert 'unreduce' not in source


@pytest.mark.parametrize('body, shapes, args', [
    # read by a call, by a sum, by a return
    ('v = tangent.unreduce(g, x)\n    return numpy.sum(v) * a', dict(a=(4, 3)), (_normal(4, 3),)),
    ('v = tangent.unreduce(g, x)\n    return v + a, v * a', dict(a=(4, 3)), (_normal(4, 3),)),
    ('v = tangent.unreduce(g, x)\n    w = v * 3.0\n    return w, w * a', dict(a=(4, 3)), (_normal(4, 3),)),
    # a factor of a smaller shape, or one that broadcasts with x's to a shape it has not
    ('v = tangent.unreduce(g, x)\n    return v * c', dict(c=(3,)), (_normal(3),)),
    ('v = tangent.unreduce(g, x)\n    w = -v * 2.0\n    return w * c', dict(c=(3,)), (_normal(3),)),
    ('v = tangent.unreduce(g, x)\n    return v * c', dict(c=(4, 1)), (_normal(4, 1),)),
    ('v = tangent.unreduce(g, x)\n    return v * c', dict(c=(2, 4, 1)), (_normal(2, 4, 1),)),
    # the spread times itself
    ('v = tangent.unreduce(g, x)\n    return v * v', {}, ()),
    # w reassigned, v written into
    ('v = tangent.unreduce(g, x)\n    w = v * 2.0\n    for i in range(2):\n        w = w * 0.5\n    return w',
     {}, ()),
    ('v = tangent.unreduce(g, x)\n    w = v * 2.0\n    w += 1.0\n    return w * a', dict(a=(4, 3)),
     (_normal(4, 3),)),
    ('v = tangent.unreduce(g, x)\n    v[0] = 1.0\n    return v * a', dict(a=(4, 3)), (_normal(4, 3),)),
    # unknown shapes
    ('v = tangent.unreduce(g, x)\n    return v * a', dict(a=None), (_normal(4, 3),)),
])
def test_a_spread_read_otherwise_is_kept(body, shapes, args):
    names = ', '.join(['g', 'x'] + list(shapes))
    values = _spread_values(g=(), x=(4, 3), v=(4, 3), w=(4, 3))  # as the kinds analysis finds them
    for name, shape in shapes.items():
        values[name] = (kinds_module.ARRAY, shape) if shape is not None else (kinds_module.UNKNOWN, None)
    source = folded_and_run('def f(%s):\n    %s' % (names, body), values, (0.5, _normal(4, 3)) + args)
    assert 'tangent.unreduce(g, x)' in source


def test_a_spread_over_reduced_axes_times_the_other_axes_only_is_kept():
    source = folded_and_run('''
        def f(c, x, b):
            v = tangent.unreduce(c, x, 1)
            return v * b''', _spread_values(c=(4,), x=(4, 3), b=(3,)), (_normal(4), _normal(4, 3), _normal(3)))
    assert 'tangent.unreduce(c, x, 1)' in source


def test_two_spreads_multiplied_together_keep_one():
    source = folded_and_run('''
        def f(g, h, x):
            v = tangent.unreduce(g, x)
            u = tangent.unreduce(h, x)
            return v * u''', _spread_values(g=(), h=(), x=(4, 3), v=(4, 3), u=(4, 3)), (0.5, 3.0, _normal(4, 3)))
    assert source.count('unreduce') == 1  # once the first is a number, the second is needed for the shape


def rows_squared(x, y):
    return np.sum(np.sum(x * y, axis=1) ** 2)


def sine_rows(x, y):
    return np.sum(np.sin(x) * y)


def test_reductions_spread_in_gradients_and_hessian_vector_products():
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    check_grad(rows_squared, (x, y), wrt=(0, 1))
    df = tangent.grad(rows_squared, wrt=(0, 1))
    df(x, y)
    assert 'unreduce' not in tangent.source(df) and '[:, None]' in tangent.source(df)
    v = rng.normal(size=(4, 3))
    hv = tangent.hvp(rows_squared)(x, y, v)
    expected = 2 * np.sum(v * y, axis=1)[:, None] * y  # d/dx of 2 (x.y rows) y
    np.testing.assert_allclose(hv, expected, rtol=1e-12, atol=1e-12)
    # sin(x) (3,) times y (4, 3): the spread over (4, 3) meets a (3,) factor, and stays
    x1 = rng.normal(size=3)
    check_grad(sine_rows, (x1, y), wrt=(0, 1))
    ds = tangent.grad(sine_rows, wrt=(0, 1))
    ds(x1, y)
    assert 'unreduce' in tangent.source(ds)
    v1 = rng.normal(size=3)
    np.testing.assert_allclose(tangent.hvp(sine_rows)(x1, y, v1), -np.sin(x1) * y.sum(axis=0) * v1,
                               rtol=1e-12, atol=1e-12)


def test_the_rosenbrock_hessian_vector_product_computes_no_value_of_the_function():
    from benchmarks import workloads
    rng = np.random.default_rng(9)
    x, v = workloads.hvp_args(rng)
    hvp = tangent.hvp(workloads.rosenbrock)
    np.testing.assert_allclose(hvp(x, v), workloads.rosenbrock_hvp(x, v), rtol=1e-10, atol=1e-9)
    code = [line for line in tangent.source(hvp).splitlines() if not line.strip().startswith('#')]
    assert not any('unreduce' in line or ') ** 2 +' in line for line in code)  # f's value is not computed
    source = '\n'.join(code)
    assert 'ddx[:-1] +=' in source and 'ddx[1:] +=' in source


# In-place updates and signs

def test_an_update_of_part_of_an_array_is_done_in_place_when_the_shapes_allow():
    source = folded_and_run('''
        def f(a, e, b, big):
            a[:-1] = a[:-1] + e
            a[1:] = a[1:] - 2.0 * e
            b[1:] = b[1:] + big
            return a, b''', _spread_values(a=(5,), e=(4,), b=(5,), big=(1, 4)),
        (_normal(5), _normal(4), _normal(5) + 1, _normal(1, 4)))
    assert 'a[:-1] += e' in source and 'a[1:] -= 2.0 * e' in source
    assert 'b[1:] = b[1:] + big' in source  # an assignment broadcasts (1, 4) into (4,); += does not


def test_a_negation_moves_into_a_number_factor():
    source = folded_and_run('''
        def f(a, b, c):
            p = -(a * b) * 2
            q = 3.0 * -c
            c[1:] += -(a[1:] * 2.0)
            return p, q, c''', _spread_values(a=(4,), b=(4,), c=(4,)), (_normal(4), _normal(4) + 1, _normal(4) - 1))
    assert 'p = a * b * -2' in source and 'q = -3.0 * c' in source and 'c[1:] -= a[1:] * 2.0' in source


def test_a_slice_of_a_parameter_is_read_again_from_the_name_that_holds_it():
    source = folded_and_run('''
        def f(a, b, u, k):
            n = a[:-1]
            m = b[1:]
            h = a[:k]
            b = u
            p = a[:-1] * 2.0
            q = b[1:] * 2.0
            a[0] = 5.0
            r = a[:-1] + m + a[:k]
            return p, q, r, n, h''', _spread_values(a=(5,), b=(5,), u=(5,), k=()),
        (_normal(5), _normal(5), _normal(5) + 1, 4))
    assert source.count('a[:-1]') == 1  # n's view shows what a[0] = 5.0 wrote
    assert 'm * 2.0' not in source and '[1:] * 2.0' in source  # b is another array by then
    assert source.count('a[:k]') == 2  # k could change


# NumPy reductions of arrays as methods (optimize/methods.py)

def reductions_of_arrays(x, w):
    h = np.tanh(x * w)
    return np.sum(np.max(h, axis=1, keepdims=True) * np.mean(h, 0)) + np.sum(np.prod(h, 1))


def reduction_of_a_list(x, values):
    return x * np.sum(values) + np.max([x, 1.0])


def test_reductions_of_arrays_are_called_as_methods():
    rng = np.random.default_rng(4)
    x, w = rng.normal(size=(3, 4)), rng.normal(size=4)
    df = tangent.grad(reductions_of_arrays, wrt=(0, 1))
    df(x, w)
    code = '\n'.join(line for line in tangent.source(df).splitlines() if not line.strip().startswith('#'))
    assert 'np.max(' not in code and 'np.mean(' not in code and 'np.prod(' not in code
    assert 'h.max(axis=1, keepdims=True)' in code and 'h.mean(axis=0)' in code
    check_grad(reductions_of_arrays, (x, w), wrt=(0, 1))


def test_reductions_of_other_values_keep_the_function():
    df = tangent.grad(reduction_of_a_list)
    assert df(2.0, [1.0, 2.0]) == 3.0 + 1.0
    source = tangent.source(df)
    assert 'np.sum(values)' in source and 'np.max(t)' in source


# First writes into fresh zeros (optimize/zeros.py)

def first_writes(source, **kinds):
    node = function(source)
    scope = scope_for(node)
    scope.extra['tangent'] = tangent
    from tangent.optimize import zeros
    zeros.assign_first_writes(node, scope, given_facts(scope, {name: (kind, None) for name, kind in kinds.items()}))
    return quoting.to_source(node)


FIRST_WRITES = '''
    def f(u, a, b, c):
        g = tangent.zeros_like(u)
        g[:, 1] += a
        g[:, 0] += b
        g[:, 1] += c
        g[-1, 0] += c[0]
        g[1:] += c
        return g'''


def test_first_writes_into_fresh_zeros_are_assignments():
    source = first_writes(FIRST_WRITES, u=kinds_module.ARRAY)
    assert 'g[:, 1] = a' in source and 'g[:, 0] = b' in source
    assert 'g[:, 1] += c' in source  # written before
    assert 'g[-1, 0] += c[0]' in source  # may be row 1, column 0 (written by [:, 0])
    assert 'g[1:] += c' in source
    rng = np.random.default_rng(0)
    u, a, b, c = np.zeros((3, 3)), rng.normal(size=3), rng.normal(size=3), rng.normal(size=3)
    original, rewritten = {}, {}
    exec(textwrap.dedent(FIRST_WRITES), {'tangent': tangent}, original)
    exec(source, {'tangent': tangent}, rewritten)
    npt.assert_array_equal(original['f'](u, a, b, c.copy()), rewritten['f'](u, a, b, c.copy()))


def test_writes_after_a_read_or_into_a_list_stay_additions():
    after_read = first_writes('''
        def f(u, a, b):
            g = tangent.zeros_like(u)
            h = g[0]
            g[0] += a
            for i in range(2):
                g[1] += b
            return g, h''', u=kinds_module.ARRAY)
    assert 'g[0] += a' in after_read and 'g[1] += b' in after_read
    into_list = first_writes('''
        def f(u, a):
            g = tangent.zeros_like(u)
            g[0] += a
            return g''', u=kinds_module.UNKNOWN)
    assert 'g[0] += a' in into_list
