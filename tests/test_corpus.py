"""Gradient checks of tangent over the function corpus in ``corpus.py``."""
import copy
import inspect
import os
import sys
import zlib

import numpy as np
import numpy.testing as npt
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from corpus import CASES  # noqa: E402
from gradcheck import check_grad, numeric_grad  # noqa: E402

import tangent  # noqa: E402


CASES_BY_NAME = {case.name: case for case in CASES}


def _args_for(case):
    rng = np.random.default_rng(zlib.crc32(case.name.encode()))
    return case.make_args(rng)


def _wrt_arg(case):
    return case.wrt[0] if len(case.wrt) == 1 else case.wrt


def _as_tuple(grads, n):
    if n == 1:
        return (grads,)
    assert isinstance(grads, tuple) and len(grads) == n
    return grads


def _assert_grads_close(actual, expected, n, rtol=1e-10, atol=1e-12):
    for a, e in zip(_as_tuple(actual, n), _as_tuple(expected, n)):
        npt.assert_allclose(np.asarray(a, dtype=np.float64),
                            np.asarray(e, dtype=np.float64),
                            rtol=rtol, atol=atol)


# A handful of cases covering scalars, arrays, several wrt positions, loops,
# branches, helper calls and in-place updates.
HANDFUL = [
    "arith_div",
    "arith_bias_batch",
    "tuple_swap",
    "if_nested",
    "for_range_n",
    "while_data_dependent",
    "call_tuple_helper",
    "inplace_fill_rows",
    "mlp_mse",
    "horner",
    "softmax_xent",
]


def test_corpus_size():
    assert len(CASES) >= 100
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_gradient(case):
    args = _args_for(case)
    check_grad(case.func, args, wrt=_wrt_arg(case), rtol=case.rtol,
               atol=case.atol)


@pytest.mark.parametrize("name", HANDFUL)
def test_value_and_grad(name):
    case = CASES_BY_NAME[name]
    args = _args_for(case)
    wrt = _wrt_arg(case)
    expected_value = case.func(*copy.deepcopy(args))
    expected_grad = tangent.grad(case.func, wrt=wrt)(*copy.deepcopy(args))

    result = tangent.value_and_grad(case.func, wrt=wrt)(*args)
    assert isinstance(result, tuple) and len(result) == 2
    value, grad = result
    assert np.ndim(value) == 0
    npt.assert_allclose(float(value), float(expected_value), rtol=1e-12,
                        atol=1e-14)
    _assert_grads_close(grad, expected_grad, len(case.wrt))
    _assert_grads_close(grad, numeric_grad(case.func, args, wrt),
                        len(case.wrt), rtol=case.rtol, atol=case.atol)


@pytest.mark.parametrize("name", HANDFUL)
def test_autodiff_scales_with_cotangent(name):
    case = CASES_BY_NAME[name]
    args = _args_for(case)
    wrt = _wrt_arg(case)
    n = len(case.wrt)
    expected = _as_tuple(
        tangent.grad(case.func, wrt=wrt)(*copy.deepcopy(args)), n)

    df = tangent.autodiff(case.func, wrt=wrt)
    doubled = _as_tuple(df(*copy.deepcopy(args), 2.0), n)
    for d, e in zip(doubled, expected):
        npt.assert_allclose(np.asarray(d), 2.0 * np.asarray(e), rtol=1e-10,
                            atol=1e-12)

    default = _as_tuple(df(*copy.deepcopy(args)), n)
    for d, e in zip(default, expected):
        npt.assert_allclose(np.asarray(d), np.asarray(e), rtol=1e-10,
                            atol=1e-12)


@pytest.mark.parametrize("name", HANDFUL)
def test_autodiff_explicit_reverse_mode(name):
    case = CASES_BY_NAME[name]
    args = _args_for(case)
    wrt = _wrt_arg(case)
    expected = tangent.grad(case.func, wrt=wrt)(*copy.deepcopy(args))
    got = tangent.autodiff(case.func, wrt=wrt, mode="reverse")(
        *copy.deepcopy(args), 1.0)
    _assert_grads_close(got, expected, len(case.wrt))


@pytest.mark.parametrize("name", HANDFUL)
def test_wrt_by_parameter_name(name):
    case = CASES_BY_NAME[name]
    args = _args_for(case)
    params = list(inspect.signature(case.func).parameters)
    n = len(case.wrt)
    positional = _as_tuple(
        tangent.grad(case.func, wrt=case.wrt)(*copy.deepcopy(args)), n)

    # each argument on its own, by name and by bare int position
    for pos, expected in zip(case.wrt, positional):
        by_name = tangent.grad(case.func, wrt=params[pos])(
            *copy.deepcopy(args))
        by_int = tangent.grad(case.func, wrt=pos)(*copy.deepcopy(args))
        npt.assert_allclose(np.asarray(by_name), np.asarray(expected),
                            rtol=1e-12, atol=1e-14)
        npt.assert_allclose(np.asarray(by_int), np.asarray(expected),
                            rtol=1e-12, atol=1e-14)

    # all of them as a tuple of names
    names = tuple(params[pos] for pos in case.wrt)
    by_names = _as_tuple(
        tangent.grad(case.func, wrt=names)(*copy.deepcopy(args)), n)
    for a, e in zip(by_names, positional):
        npt.assert_allclose(np.asarray(a), np.asarray(e), rtol=1e-12,
                            atol=1e-14)


def test_wrt_order_is_respected():
    case = CASES_BY_NAME["tuple_swap"]
    args = _args_for(case)
    g01 = tangent.grad(case.func, wrt=(0, 1))(*args)
    g10 = tangent.grad(case.func, wrt=(1, 0))(*args)
    g_named = tangent.grad(case.func, wrt=("y", 0))(*args)
    npt.assert_allclose(g10[0], g01[1], rtol=1e-12)
    npt.assert_allclose(g10[1], g01[0], rtol=1e-12)
    npt.assert_allclose(g_named[0], g01[1], rtol=1e-12)
    npt.assert_allclose(g_named[1], g01[0], rtol=1e-12)


def test_grad_default_wrt_is_first_argument():
    case = CASES_BY_NAME["arith_div"]
    args = _args_for(case)
    default = tangent.grad(case.func)(*args)
    first = tangent.grad(case.func, wrt=(0,))(*args)
    npt.assert_allclose(default, first, rtol=1e-12)
    npt.assert_allclose(default, numeric_grad(case.func, args, (0,)),
                        rtol=1e-5, atol=1e-7)


def test_grad_keeps_signature_keyword_call():
    case = CASES_BY_NAME["arith_div"]
    x, y = _args_for(case)
    df = tangent.grad(case.func, wrt=(0, 1))
    gx, gy = df(x, y=y)
    ex, ey = df(x, y)
    npt.assert_allclose(gx, ex, rtol=1e-12)
    npt.assert_allclose(gy, ey, rtol=1e-12)


# ---------------------------------------------------------------------------
# decorator forms.  Decoration happens at import time; failures are recorded
# so that they show up in the tests below rather than as a collection error.
# ---------------------------------------------------------------------------

_DECORATION_ERRORS = {}

try:
    @tangent.grad
    def decorated_plain(x, y):
        return np.sum(np.sin(x) * y) + np.sum(x * x)
except Exception as exc:  # pragma: no cover - reported by the test
    _DECORATION_ERRORS["plain"] = exc

try:
    @tangent.grad(wrt=(1,))
    def decorated_wrt(x, y):
        return np.sum(np.sin(x) * y) + np.sum(x * x)
except Exception as exc:  # pragma: no cover - reported by the test
    _DECORATION_ERRORS["wrt"] = exc


def _reference(x, y):
    return np.sum(np.sin(x) * y) + np.sum(x * x)


def test_decorator_plain():
    if "plain" in _DECORATION_ERRORS:
        raise _DECORATION_ERRORS["plain"]
    x = np.array([0.3, -0.7, 1.1])
    y = np.array([1.5, 0.2, -0.4])
    gx = decorated_plain(x, y)
    assert isinstance(gx, np.ndarray) and gx.shape == x.shape
    npt.assert_allclose(gx, np.cos(x) * y + 2.0 * x, rtol=1e-12)
    npt.assert_allclose(gx, numeric_grad(_reference, (x, y), 0), rtol=1e-5)


def test_decorator_with_wrt():
    if "wrt" in _DECORATION_ERRORS:
        raise _DECORATION_ERRORS["wrt"]
    x = np.array([0.3, -0.7, 1.1])
    y = np.array([1.5, 0.2, -0.4])
    gy = decorated_wrt(x, y)
    assert isinstance(gy, np.ndarray) and gy.shape == y.shape
    npt.assert_allclose(gy, np.sin(x), rtol=1e-12)


def test_tangent_error_is_exported():
    assert isinstance(tangent.TangentError, type)
    assert issubclass(tangent.TangentError, Exception)
