"""The stable log-sum-exp idiom (tangent/frontend/idioms.py).

In `m + log(sum(exp(z - m), axis, keepdims=True))` with m constant along the
summed axes, the gradient through m is exactly zero, and tangent holds m
constant there. Every function here is checked against central finite
differences in both modes; the source tells whether the idiom fired (a
`tangent.stop_gradient`, no gradient of the max: `_select_weights`). The
functions where it must not fire (m = z, m over other axes, m assigned twice,
no keepdims, ...) keep the gradient through the max and stay correct.
"""
import dataclasses
import os
import sys

import numpy
import numpy as np
import numpy.testing as npt
import pytest
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st
from numpy import exp, log

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gradcheck import numeric_grad  # noqa: E402
from source_helpers import load_module  # noqa: E402

import tangent  # noqa: E402
from tangent.surgery import stop_gradient  # noqa: E402


def _rng(seed=0):
    return np.random.default_rng(seed)


def _as_tuple(value, count):
    return (value,) if count == 1 else tuple(value)


def check_both_modes(f, args, wrt=(0,), rtol=1e-5, atol=1e-7):
    """Reverse (optimized or not) and forward mode against finite differences."""
    expected = _as_tuple(numeric_grad(f, args, wrt), len(wrt))
    for optimized in (True, False):
        got = _as_tuple(tangent.grad(f, wrt=wrt, optimized=optimized)(*args), len(wrt))
        for position, g, e in zip(wrt, got, expected):
            npt.assert_allclose(g, e, rtol=rtol, atol=atol,
                                err_msg='%s: reverse gradient wrt argument %d (optimized=%s)'
                                % (f.__name__, position, optimized))
    directions = [_rng(5).normal(size=np.shape(args[position])) for position in wrt]
    jvp = tangent.autodiff(f, wrt=wrt, mode='forward')
    forward = float(np.asarray(jvp(*args, *directions)))
    projected = sum(float(np.sum(e * d)) for e, d in zip(expected, directions))
    npt.assert_allclose(forward, projected, rtol=rtol, atol=atol,
                        err_msg='%s: forward mode' % f.__name__)


def sources(f, args, wrt=(0,)):
    """The generated reverse and forward code."""
    df = tangent.grad(f, wrt=wrt)
    df(*args)
    jvp = tangent.autodiff(f, wrt=wrt, mode='forward')
    jvp(*args, *[np.ones(np.shape(args[position])) for position in wrt])
    return tangent.source(df), tangent.source(jvp)


def assert_cut(f, args, wrt=(0,)):
    for code in sources(f, args, wrt):
        assert 'stop_gradient' in code, code
        assert '_select_weights' not in code, code


def assert_not_cut(f, args, wrt=(0,), max_gradient=True):
    for code in sources(f, args, wrt):
        assert 'stop_gradient' not in code, code
        if max_gradient:  # the max's tie rule is still used
            assert '_select_weights' in code, code


# ---------------------------------------------------------------------------
# Where the idiom fires
# ---------------------------------------------------------------------------

def softmax_xent(W, b, x, onehot):
    z = x @ W + b
    m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.mean(np.sum(onehot * (lse - z), axis=1))


def softmax_args():
    rng = _rng(7)
    W = rng.normal(size=(6, 4))
    b = 0.1 * rng.normal(size=4)
    x = rng.normal(size=(5, 6))
    onehot = np.eye(4)[rng.integers(0, 4, size=5)]
    return W, b, x, onehot


def test_softmax_cross_entropy_drops_the_max_gradient():
    args = softmax_args()
    check_both_modes(softmax_xent, args, wrt=(0, 1))
    assert_cut(softmax_xent, args, wrt=(0, 1))
    # The hand-written gradient: (softmax(z) - onehot) / batch.
    W, b, x, onehot = args
    z = x @ W + b
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    dz = (p - onehot) / len(x)
    dW, db = tangent.grad(softmax_xent, wrt=(0, 1))(*args)
    npt.assert_allclose(dW, x.T @ dz, rtol=1e-12, atol=1e-15)
    npt.assert_allclose(db, dz.sum(axis=0), rtol=1e-12, atol=1e-15)


def test_generated_code_keeps_the_users_names_and_lines():
    df = tangent.grad(softmax_xent, wrt=(0, 1))
    df(*softmax_args())
    code = tangent.source(df)
    assert 'tangent.stop_gradient(z.max(axis=1, keepdims=True))' in code  # (optimize/methods.py)
    assert 'exp_z_minus_m = np.exp(z - ' in code
    assert ('# grad of: lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))'
            in code)
    assert 'dm =' not in code and 'dm +=' not in code


def lse_full(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def lse_full_keepdims(x):
    m = np.amax(x, keepdims=True)
    return np.sum(np.sin(m + np.log(np.sum(np.exp(x - m)))))


def lse_full_shift_row_sums(x):
    # One number: constant along any axis, with or without keepdims on the sum.
    m = np.max(x)
    lse = m + np.log(np.sum(np.exp(x - m), axis=1))
    return np.sum(lse * lse)


def lse_rows_methods(x):
    m = x.max(axis=-1, keepdims=True)
    return np.sum((np.log(np.exp(x - m).sum(axis=-1, keepdims=True)) + m) ** 2)


def lse_numpy_spelling(x):
    m = numpy.amax(x, 1, keepdims=True)
    lse = numpy.log(numpy.sum(numpy.exp(x - m), 1, keepdims=True)) + m
    return numpy.sum(lse ** 3)


def lse_imported_names(x):
    m = np.max(x, axis=(0, 1), keepdims=True)
    lse = m + log(np.sum(exp(x - m), axis=1, keepdims=True))
    return np.sum(np.cos(lse))


def lse_mean_shift(x):
    # Any reduction works: the identity does not need the maximum.
    m = np.mean(x, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
    return np.sum(lse ** 2)


def lse_other_array(x, y):
    # Trailing axes line up whatever the arrays: y's max is constant along them.
    m = np.max(y * y, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
    return np.sum(lse ** 2)


def lse_shift_in_z(x):
    # Z may use m itself: the identity holds for every value of the explicit ms,
    # and the m inside Z keeps its gradient.
    m = np.max(x, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(x + 0.5 * m - m), axis=-1, keepdims=True))
    return np.sum(lse ** 2)


def lse_in_loop(x, n):
    total = 0.0
    for i in range(n):
        z = x * (i + 1.0)
        m = np.max(z, axis=1, keepdims=True)
        if i > 0:
            total = total + np.sum(np.sin(m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))))
    return total


def lse_twice(x):
    m = np.max(x, axis=-1, keepdims=True)
    a = m + np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
    b = np.log(np.sum(np.exp(2.0 * x - m), axis=-1, keepdims=True)) + m
    return np.sum(a * b)


def lse_nested_helper(x):
    def lse(z):
        m = np.max(z, axis=-1, keepdims=True)
        return m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return np.sum(lse(x) ** 2) + np.sum(lse(2.0 * x))


def lse_early_return(x, flag):
    m = np.max(x, axis=0, keepdims=True)
    if flag:
        return np.sum(np.tanh(m + np.log(np.sum(np.exp(x - m), axis=0, keepdims=True))))
    return np.sum(x)


MATCHED = [
    (lse_full, lambda: (_rng().normal(size=5),), (0,)),
    (lse_full_keepdims, lambda: (_rng().normal(size=(3, 4)),), (0,)),
    (lse_full_shift_row_sums, lambda: (_rng().normal(size=(3, 4)),), (0,)),
    (lse_rows_methods, lambda: (_rng().normal(size=(2, 3, 4)),), (0,)),
    (lse_numpy_spelling, lambda: (_rng().normal(size=(3, 4)),), (0,)),
    (lse_imported_names, lambda: (_rng().normal(size=(2, 3, 4)),), (0,)),
    (lse_mean_shift, lambda: (_rng().normal(size=(3, 4)),), (0,)),
    (lse_other_array, lambda: (_rng().normal(size=(2, 3, 4)), _rng(1).normal(size=(3, 1))), (0, 1)),
    (lse_in_loop, lambda: (_rng().normal(size=(3, 4)), 3), (0,)),
    (lse_twice, lambda: (_rng().normal(size=(3, 4)),), (0,)),
    (lse_nested_helper, lambda: (_rng().normal(size=(3, 4)),), (0,)),
    (lse_early_return, lambda: (_rng().normal(size=(3, 4)), True), (0,)),
]


@pytest.mark.parametrize('func, make_args, wrt', MATCHED, ids=[case[0].__name__ for case in MATCHED])
def test_idiom_fires_and_gradients_are_right(func, make_args, wrt):
    args = make_args()
    check_both_modes(func, args, wrt)
    assert_cut(func, args, wrt)


def lse_shift_used_elsewhere(x):
    m = np.max(x, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(x - m), axis=1, keepdims=True))
    return np.sum(lse * lse) + np.sum(m ** 2)


def test_other_uses_of_the_shift_keep_their_gradient():
    args = (_rng().normal(size=(3, 4)),)
    check_both_modes(lse_shift_used_elsewhere, args)
    reverse, forward = sources(lse_shift_used_elsewhere, args)
    for code in (reverse, forward):
        # A constant copy for the log-sum-exp; the max keeps its gradient for m ** 2.
        assert 'm_const = tangent.stop_gradient(m)' in code, code
        assert '_select_weights' in code, code
    # The gradient is the one where only m ** 2 reaches the max.
    x, = args
    m = x.max(axis=1, keepdims=True)
    lse = m + np.log(np.exp(x - m).sum(axis=1, keepdims=True))
    p = np.exp(x - lse)
    expected = 2 * lse * p + 2 * m * (x == m)
    npt.assert_allclose(tangent.grad(lse_shift_used_elsewhere)(x), expected, rtol=1e-12)


def test_shift_inside_z_keeps_its_gradient():
    args = (_rng().normal(size=(3, 4)),)
    check_both_modes(lse_shift_in_z, args)
    for code in sources(lse_shift_in_z, args):
        assert 'm_const = tangent.stop_gradient(m)' in code, code
        assert '_select_weights' in code, code


def lse_ties(x):
    m = np.max(x, axis=1, keepdims=True)
    return np.sum(m + np.log(np.sum(np.exp(x - m), axis=1, keepdims=True)))


def test_ties_give_the_softmax():
    # Tied maxima: the function is smooth, and the derivative is exactly the softmax.
    x = np.array([[1.0, 1.0, 0.0], [2.0, 2.0, 2.0]])
    expected = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
    npt.assert_allclose(tangent.grad(lse_ties)(x), expected, rtol=1e-14)
    jvp = tangent.autodiff(lse_ties, mode='forward')
    v = _rng().normal(size=x.shape)
    npt.assert_allclose(jvp(x, v), np.sum(expected * v), rtol=1e-13)


def test_idiom_does_not_touch_the_users_function():
    x = _rng().normal(size=(3, 4))
    tangent.grad(lse_rows_methods)(x)
    npt.assert_allclose(lse_rows_methods(x), np.sum((np.log(np.exp(x).sum(axis=-1)) ** 2)))


# ---------------------------------------------------------------------------
# Second derivatives
# ---------------------------------------------------------------------------

def lse_vector(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def lse_rows_squared(x):
    m = np.max(x, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
    return np.sum(lse ** 2)


def test_hessian_of_log_sum_exp():
    x = np.array([0.3, -1.2, 2.0, 0.7])
    p = np.exp(x) / np.sum(np.exp(x))
    npt.assert_allclose(tangent.hessian(lse_vector)(x), np.diag(p) - np.outer(p, p),
                        rtol=1e-12, atol=1e-15)


def test_hvp_matches_finite_differences_of_the_gradient():
    x = _rng(3).normal(size=(3, 4))
    v = _rng(4).normal(size=(3, 4))
    grad = tangent.grad(lse_rows_squared)
    step = 1e-6
    expected = (grad(x + step * v) - grad(x - step * v)) / (2 * step)
    hv = tangent.hvp(lse_rows_squared)(x, v)
    npt.assert_allclose(hv, expected, rtol=1e-6, atol=1e-8)
    assert '_select_weights' not in tangent.source(tangent.hvp(lse_rows_squared))
    # Reverse over reverse agrees.
    second = tangent.grad(gradient_along)
    npt.assert_allclose(second(x, v), hv, rtol=1e-10, atol=1e-12)


def gradient_along(x, v):
    return np.sum(tangent.grad(lse_rows_squared)(x) * v)


# ---------------------------------------------------------------------------
# Where the idiom must not fire: still correct, max gradient kept
# ---------------------------------------------------------------------------

def shift_is_z(z):
    m = z
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.sum(np.sin(lse))


def shift_over_other_axis(z):
    m = np.max(z, axis=0, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.sum(lse ** 2)


def shift_reassigned_after(z):
    m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    m = m * 2.0
    return np.sum(lse ** 2) + np.sum(m)


def shift_without_keepdims(z):  # square z: m broadcasts across the rows
    m = np.max(z, axis=1)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.sum(lse ** 2)


def sum_without_keepdims(z):
    m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1))
    return np.sum(lse ** 2)


def shift_is_expression(z):
    lse = (np.max(z, axis=1, keepdims=True)
           + np.log(np.sum(np.exp(z - np.max(z, axis=1, keepdims=True)), axis=1, keepdims=True)))
    return np.sum(lse ** 2)


def shift_of_other_rank(z, w):
    # m: (3, 1) is max over z's axis 1, but axis 1 of the 3-d y is z's axis 0.
    m = np.max(z, axis=1, keepdims=True)
    y = w * z
    lse = m + np.log(np.sum(np.exp(y - m), axis=1, keepdims=True))
    return np.sum(lse ** 2)


def z_reassigned_between(z, w):
    m = np.max(z, axis=1, keepdims=True)
    z = w * z
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.sum(lse ** 2)


def mixed_axis_signs(z):
    m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return np.sum(lse ** 2)


def empty_axes(z):
    m = np.max(z, axis=(), keepdims=True)  # reduces over nothing: m is z
    return np.sum(np.sin(m + np.log(np.sum(np.exp(z - m)))))


def sum_over_more_axes(z):
    m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=(0, 1), keepdims=True))
    return np.sum(lse ** 2)


def shift_from_previous_iteration(z):
    total = 0.0
    for i in range(3):
        y = z * (i + 1.0)
        if i > 0:
            total = total + np.sum(np.sin(m + np.log(np.sum(np.exp(y - m), axis=1, keepdims=True))))
        m = np.max(y, axis=1, keepdims=True)
    return total


def shift_is_not_a_reduction(z):
    m = np.sort(z, axis=1)[:, -1:]
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.sum(lse ** 2)


def shift_not_subtracted(z):
    m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z + m), axis=1, keepdims=True))
    return np.sum(lse ** 2)


def shift_keepdims_not_constant(z, keep):
    m = np.max(z, axis=1, keepdims=keep)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.sum(lse ** 2)


def defined_in_branch(z, flag):
    if flag:
        m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.sum(lse ** 2)


NOT_MATCHED = [
    (shift_is_z, lambda: (_rng().normal(size=(3, 4)),), (0,), False),
    (shift_over_other_axis, lambda: (_rng().normal(size=(3, 4)),), (0,), True),
    (shift_reassigned_after, lambda: (_rng().normal(size=(3, 4)),), (0,), True),
    (shift_without_keepdims, lambda: (_rng().normal(size=(4, 4)),), (0,), True),
    (sum_without_keepdims, lambda: (_rng().normal(size=(3, 4)),), (0,), True),
    (shift_is_expression, lambda: (_rng().normal(size=(3, 4)),), (0,), True),
    (shift_of_other_rank, lambda: (_rng().normal(size=(3, 4)), 1.0 + _rng(1).random((2, 1, 1))),
     (0, 1), True),
    (z_reassigned_between, lambda: (_rng().normal(size=(3, 4)), 1.0 + _rng(1).random((2, 1, 1))),
     (0, 1), True),
    (mixed_axis_signs, lambda: (_rng().normal(size=(3, 4)),), (0,), True),
    (empty_axes, lambda: (_rng().normal(size=(3, 4)),), (0,), False),
    (sum_over_more_axes, lambda: (_rng().normal(size=(3, 4)),), (0,), True),
    (shift_from_previous_iteration, lambda: (_rng().normal(size=(3, 4)),), (0,), True),
    (shift_is_not_a_reduction, lambda: (_rng().normal(size=(3, 4)),), (0,), False),
    (shift_not_subtracted, lambda: (_rng().normal(size=(3, 4)),), (0,), True),
    (shift_keepdims_not_constant, lambda: (_rng().normal(size=(3, 4)), True), (0,), True),
    (defined_in_branch, lambda: (_rng().normal(size=(3, 4)), True), (0,), True),
]


@pytest.mark.parametrize('func, make_args, wrt, max_gradient', NOT_MATCHED,
                         ids=[case[0].__name__ for case in NOT_MATCHED])
def test_idiom_does_not_fire_and_gradients_are_right(func, make_args, wrt, max_gradient):
    args = make_args()
    check_both_modes(func, args, wrt)
    assert_not_cut(func, args, wrt, max_gradient)


def cut_anyway(z, w):
    m = stop_gradient(np.max(z, axis=1, keepdims=True))
    y = w * z
    lse = m + np.log(np.sum(np.exp(y - m), axis=1, keepdims=True))
    return np.sum(lse ** 2)


def test_cutting_where_refused_would_be_wrong():
    # The gradient through m is not zero when the axes do not line up: had the
    # idiom fired on shift_of_other_rank, its gradient would be cut_anyway's.
    args = (_rng().normal(size=(3, 4)), 1.0 + _rng(1).random((2, 1, 1)))
    right = tangent.grad(shift_of_other_rank)(*args)
    wrong = tangent.grad(cut_anyway)(*args)
    npt.assert_allclose(right, numeric_grad(shift_of_other_rank, args), rtol=1e-5, atol=1e-7)
    assert not np.allclose(right, wrong, rtol=1e-3)


@dataclasses.dataclass
class Logits:
    """Not an array: its .max() is not NumPy's, so the idiom must not trust its shape."""

    values: np.ndarray

    def max(self, axis=None, keepdims=False):
        return self.values


def method_on_a_user_object(logits):
    m = logits.max(axis=1, keepdims=True)
    return np.sum(m + np.log(np.sum(np.exp(logits.values - m), axis=1, keepdims=True)))


def test_method_on_a_user_object_is_not_trusted():
    logits = Logits(_rng().normal(size=(3, 4)))
    df = tangent.grad(method_on_a_user_object)
    grads = df(logits)
    assert 'stop_gradient' not in tangent.source(df)
    expected = numeric_grad(lambda v: method_on_a_user_object(Logits(v)), (logits.values,))
    npt.assert_allclose(grads.values, expected, rtol=1e-5, atol=1e-7)


# ---------------------------------------------------------------------------
# Random shapes and axes
# ---------------------------------------------------------------------------

def _axis_text(draw, ndim):
    kind = draw(st.sampled_from(['none', 'int', 'int', 'negative', 'tuple', 'absent']))
    if kind == 'absent':
        return None
    if kind == 'none':
        return 'None'
    if kind == 'int':
        return str(draw(st.integers(0, ndim - 1)))
    if kind == 'negative':
        return str(-draw(st.integers(1, ndim)))
    axes = draw(st.lists(st.integers(0, ndim - 1), min_size=1, max_size=2, unique=True))
    if draw(st.booleans()):
        axes = [-1 - axis for axis in axes]
    return '(%s,)' % ', '.join(str(axis) for axis in axes)


def _arguments(axis, keepdims, positional):
    parts = []
    if axis is not None:
        parts.append(axis if positional else 'axis=%s' % axis)
    if keepdims is not None:
        parts.append('keepdims=%s' % keepdims)
    return ''.join(', ' + part for part in parts)


@st.composite
def logsumexp_programs(draw):
    z_ndim = draw(st.sampled_from([1, 2, 3, 3]))
    y_ndim = draw(st.sampled_from([1, 2, 2, 3]))
    reduced = draw(st.sampled_from(['z', 'y']))
    m_axis = _axis_text(draw, z_ndim if reduced == 'z' else y_ndim)
    s_axis = draw(st.sampled_from([m_axis, m_axis, _axis_text(draw, z_ndim)]))
    m_keep = draw(st.sampled_from([True, True, True, False, None]))
    s_keep = draw(st.sampled_from([True, True, True, False, None]))
    reduction = draw(st.sampled_from(['np.max', 'np.amax', 'np.min', 'np.mean', 'method']))
    if reduction == 'method':
        shift = '%s.max(%s)' % (reduced, _arguments(m_axis, m_keep, True)[2:])
    else:
        shift = '%s(%s%s)' % (reduction, reduced, _arguments(m_axis, m_keep, draw(st.booleans())))
    total = 'np.sum(np.exp(z - m)%s)' % _arguments(s_axis, s_keep, draw(st.booleans()))
    lse = draw(st.sampled_from(['m + np.log(%s)', 'np.log(%s) + m'])) % total
    source = ('import numpy as np\n\n\n'
              'def f(z, y):\n'
              '    m = %s\n'
              '    lse = %s\n'
              '    return np.sum(np.sin(lse) + 0.1 * lse ** 2)\n' % (shift, lse))
    # Trailing parts of one shape: z and y broadcast together, whatever their ranks.
    shape = draw(st.lists(st.sampled_from([2, 3, 3, 1]), min_size=3, max_size=3))
    return source, tuple(shape[3 - z_ndim:]), tuple(shape[3 - y_ndim:])


@pytest.fixture(scope='session')
def program_dir(tmp_path_factory):
    return tmp_path_factory.mktemp('idioms')


@settings(max_examples=int(os.environ.get('TANGENT_RANDOM_EXAMPLES', '40')), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
@given(program=logsumexp_programs(), seed=st.integers(0, 2 ** 16))
def test_random_log_sum_exps(program_dir, program, seed):
    source, z_shape, y_shape = program
    note(source)
    note('z %s, y %s' % (z_shape, y_shape))
    rng = np.random.default_rng(seed)
    args = (rng.normal(size=z_shape), rng.normal(size=y_shape))
    f = load_module(program_dir, source, 'tangent_idioms').f
    try:
        with np.errstate(all='raise'):
            value = f(*args)
    except (ValueError, TypeError, IndexError, FloatingPointError):
        assume(False)  # the axes or the shapes do not fit
    assume(np.size(value) == 1 and np.isfinite(value))
    # The gradient wrt y (through the shift only) must be zero where the shift
    # cancels, which finite differences check whether or not the idiom fired.
    check_both_modes(f, args, wrt=(0, 1), rtol=1e-4, atol=1e-6)
    fired = 'stop_gradient' in tangent.source(tangent.grad(f, wrt=(0, 1)))
    event('idiom fired' if fired else 'idiom did not fire')
