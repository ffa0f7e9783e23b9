"""Gradient-checking helpers shared by the test-suite (no tests in here).

``numeric_grad`` computes central finite differences in float64 and returns
the same structure as ``tangent.grad`` (one gradient for a single ``wrt``
entry, a tuple otherwise).  ``check_grad`` compares ``tangent.grad`` against
it, and additionally checks the type/shape of each gradient and that the
caller's arguments were not mutated by the gradient call.
"""
import copy
import inspect
import os
import sys

import numpy as np
import numpy.testing as npt

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


# --------------------------------------------------------------------------
# argument bookkeeping
# --------------------------------------------------------------------------

def _normalize_wrt(f, wrt):
    """Return (positions, single) for an int / name / tuple ``wrt``."""
    single = not isinstance(wrt, (tuple, list))
    entries = (wrt,) if single else tuple(wrt)
    if not entries:
        raise ValueError("wrt must name at least one argument")
    params = None
    positions = []
    for entry in entries:
        if isinstance(entry, str):
            if params is None:
                params = list(inspect.signature(f).parameters)
            positions.append(params.index(entry))
        else:
            positions.append(int(entry))
    return tuple(positions), single or len(positions) == 1


def _is_scalar_arg(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (float, np.floating)):
        return True
    return isinstance(value, np.ndarray) and value.ndim == 0


def _fresh(args):
    """Deep copies of the arguments so that ``f`` may mutate them freely."""
    return copy.deepcopy(tuple(args))


def _scalar_output(value):
    arr = np.asarray(value, dtype=np.float64)
    if arr.size != 1:
        raise AssertionError(
            "function must return a scalar, got shape %r" % (arr.shape,))
    return float(arr.reshape(()))


def _evaluate(f, args):
    return _scalar_output(f(*_fresh(args)))


# --------------------------------------------------------------------------
# finite differences
# --------------------------------------------------------------------------

def _numeric_grad_one(f, args, pos, step):
    x = args[pos]
    if _is_scalar_arg(x):
        x0 = float(x)
        h = step * max(1.0, abs(x0))
        plus = list(args)
        minus = list(args)
        plus[pos] = x0 + h
        minus[pos] = x0 - h
        return (_evaluate(f, plus) - _evaluate(f, minus)) / (2.0 * h)
    if isinstance(x, np.ndarray):
        if x.dtype.kind not in "fc":
            raise TypeError(
                "argument %d has non-float dtype %s" % (pos, x.dtype))
        base = np.array(x, dtype=np.float64, copy=True)
        grad = np.zeros(base.shape, dtype=np.float64)
        for idx in np.ndindex(*base.shape):
            xi = float(base[idx])
            h = step * max(1.0, abs(xi))
            xp = base.copy()
            xm = base.copy()
            xp[idx] = xi + h
            xm[idx] = xi - h
            plus = list(args)
            minus = list(args)
            plus[pos] = xp
            minus[pos] = xm
            grad[idx] = (_evaluate(f, plus) - _evaluate(f, minus)) / (2.0 * h)
        return grad
    raise TypeError(
        "numeric_grad supports float and ndarray arguments, got %s for "
        "argument %d" % (type(x).__name__, pos))


def numeric_grad(f, args, wrt=(0,), step=1e-6):
    """Central finite-difference gradient of scalar ``f`` at ``args``.

    ``wrt`` is an int position, a parameter name, or a tuple of them.  Returns
    one gradient for a single entry and a tuple otherwise (like tangent.grad).
    The caller's arguments are never mutated: every evaluation of ``f`` gets
    fresh deep copies.
    """
    args = tuple(args)
    positions, single = _normalize_wrt(f, wrt)
    grads = tuple(_numeric_grad_one(f, args, p, step) for p in positions)
    return grads[0] if single else grads


# --------------------------------------------------------------------------
# structure / mutation checks
# --------------------------------------------------------------------------

def assert_grad_structure(args, wrt_positions, grads):
    """Each gradient must look like its argument (type kind and shape)."""
    assert len(grads) == len(wrt_positions), (
        "expected %d gradients, got %d" % (len(wrt_positions), len(grads)))
    for pos, g in zip(wrt_positions, grads):
        x = args[pos]
        if _is_scalar_arg(x):
            ok = (isinstance(g, float)
                  or isinstance(g, np.floating)
                  or (isinstance(g, np.ndarray) and g.ndim == 0
                      and g.dtype.kind == "f"))
            assert ok, (
                "gradient for float argument %d should be a float scalar, got "
                "%s %r" % (pos, type(g).__name__, getattr(g, "shape", "")))
        elif isinstance(x, np.ndarray):
            assert isinstance(g, np.ndarray), (
                "gradient for ndarray argument %d should be an ndarray, got %s"
                % (pos, type(g).__name__))
            assert g.shape == x.shape, (
                "gradient for argument %d has shape %r, argument has %r"
                % (pos, g.shape, x.shape))
            assert g.dtype.kind == "f", (
                "gradient for argument %d has dtype %s" % (pos, g.dtype))
        else:
            raise TypeError("unsupported argument type %s" % type(x).__name__)


def _assert_same_value(before, after, where):
    if isinstance(before, np.ndarray):
        assert isinstance(after, np.ndarray), where
        assert before.shape == after.shape, where
        npt.assert_array_equal(after, before, err_msg=where)
    elif isinstance(before, (list, tuple)):
        assert type(before) is type(after) and len(before) == len(after), where
        for i, (b, a) in enumerate(zip(before, after)):
            _assert_same_value(b, a, "%s[%d]" % (where, i))
    elif isinstance(before, dict):
        assert before.keys() == after.keys(), where
        for k in before:
            _assert_same_value(before[k], after[k], "%s[%r]" % (where, k))
    else:
        assert before == after or (before != before and after != after), (
            "%s changed from %r to %r" % (where, before, after))


def assert_not_mutated(originals, args):
    for i, (b, a) in enumerate(zip(originals, args)):
        _assert_same_value(b, a, "argument %d was mutated by the gradient "
                                 "call" % i)


def _is_number(value):
    return isinstance(value, (float, int, np.floating, np.integer)) and not isinstance(value, bool)


def _as_tuple(grads, single):
    if single:
        return (grads,)
    assert isinstance(grads, tuple), (
        "several wrt entries should give a tuple of gradients, got %s"
        % type(grads).__name__)
    return grads


# --------------------------------------------------------------------------
# main entry point
# --------------------------------------------------------------------------

def check_grad(f, args, wrt=(0,), rtol=1e-5, atol=1e-7, **grad_kwargs):
    """Compare ``tangent.grad(f, wrt=wrt, **grad_kwargs)(*args)`` to finite
    differences, check gradient types/shapes and that ``args`` are not
    mutated.  Runs optimized=True and optimized=False unless ``optimized``
    is given.  A gradient with respect to one number is computed in forward
    mode by default: unless ``mode`` is given, reverse mode is checked too.
    Returns the gradient (of the first run)."""
    import tangent

    args = tuple(args)
    positions, single = _normalize_wrt(f, wrt)
    expected = _as_tuple(numeric_grad(f, args, wrt), single)

    if "optimized" in grad_kwargs:
        variants = [grad_kwargs.pop("optimized")]
    else:
        variants = [True, False]

    modes = [grad_kwargs.pop("mode", "auto")]
    if modes == ["auto"] and single and _is_number(args[positions[0]]):
        modes.append("reverse")

    result = None
    for optimized, mode in [(o, m) for m in modes for o in variants]:
        label = "%s (optimized=%s, mode=%s)" % (getattr(f, "__name__", f), optimized, mode)
        df = tangent.grad(f, wrt=wrt, optimized=optimized, mode=mode, **grad_kwargs)
        originals = copy.deepcopy(args)
        grads = df(*args)
        assert_not_mutated(originals, args)
        got = _as_tuple(grads, single)
        assert_grad_structure(args, positions, got)
        for pos, g, e in zip(positions, got, expected):
            npt.assert_allclose(
                np.asarray(g, dtype=np.float64), e, rtol=rtol, atol=atol,
                err_msg="%s: gradient wrt argument %d" % (label, pos))
        if result is None:
            result = grads
    return result
