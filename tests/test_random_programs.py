"""Random-program tests: hypothesis builds the source text of small functions
``def f(x, y):`` (straight-line code, if/else, for and while loops with a
data-dependent break) and tangent's gradient is checked against finite
differences.

Each program is written to a real file (so ``inspect.getsource`` works) and
imported as a module under a unique name.
"""
import math
import os
import re
import sys

import numpy as np
import numpy.testing as npt
import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gradcheck import assert_grad_structure, numeric_grad  # noqa: E402
from source_helpers import load_module  # noqa: E402

import tangent  # noqa: E402


# ---------------------------------------------------------------------------
# program generator
# ---------------------------------------------------------------------------

TEMPS = ("a", "b", "c", "d")
BOUNDED = ("np.sin", "np.cos", "np.tanh")


def _const(draw, lo=-1.5, hi=1.5):
    value = round(draw(st.floats(lo, hi, allow_nan=False)), 2) + 0.0
    text = repr(value)
    return "(%s)" % text if value < 0 else text


@st.composite
def expressions(draw, names, depth, extra=()):
    """A (possibly unbounded) expression over ``names``.

    Magnitudes stay moderate: products always have a bounded factor (a
    constant or a sin/cos/tanh/exp(tanh) call) so repeated assignments cannot
    blow up.
    """
    leaves = list(names) + list(extra)
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        if draw(st.integers(0, 4)) == 0:
            return _const(draw)
        return draw(st.sampled_from(leaves))
    kind = draw(st.sampled_from(["add", "sub", "mul", "bounded", "bounded"]))
    if kind == "bounded":
        return draw(bounded(names, depth - 1, extra))
    left = draw(expressions(names, depth - 1, extra))
    if kind == "mul":
        if draw(st.booleans()):
            right = _const(draw, -2.0, 2.0)
        else:
            right = draw(bounded(names, depth - 1, extra))
        return "%s * %s" % (_paren(left), right)
    right = draw(expressions(names, depth - 1, extra))
    op = "+" if kind == "add" else "-"
    return "%s %s %s" % (left, op, _paren(right))


def _paren(text):
    return text if text.replace("_", "").isalnum() or text.startswith("np.") \
        and text.endswith(")") and _balanced_call(text) else "(%s)" % text


def _balanced_call(text):
    # "np.sin(a) + np.cos(b)" must be parenthesised, "np.sin(a + b)" need not
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return True


@st.composite
def bounded(draw, names, depth, extra=()):
    """An expression whose value lies in [-e, e] elementwise."""
    inner = draw(expressions(names, max(depth, 0), extra))
    fn = draw(st.sampled_from(BOUNDED + ("exp_tanh",)))
    if fn == "exp_tanh":
        return "np.exp(np.tanh(%s))" % inner
    return "%s(%s)" % (fn, inner)


def _anchored(draw, expr, names):
    """Make sure ``expr`` mentions at least one program variable, so that in
    array programs every variable stays an array (never a bare constant or
    the loop counter)."""
    if any(re.search(r"\b%s\b" % n, expr) for n in names):
        return expr
    var = draw(st.sampled_from(sorted(names)))
    return "%s + 0.5 * %s" % (expr, var)


class _Emitter:
    def __init__(self):
        self.lines = []

    def emit(self, indent, text):
        self.lines.append("    " * indent + text)


def _condition(draw, names, array):
    var = draw(st.sampled_from(sorted(names)))
    threshold = _const(draw, -1.0, 1.0)
    op = draw(st.sampled_from([">", "<"]))
    if array:
        lhs = draw(st.sampled_from(["np.sum(%s)" % var, "%s[0]" % var,
                                    "%s[2]" % var]))
    else:
        lhs = var
    return "%s %s %s" % (lhs, op, threshold)


def _loop_update(draw, out, indent, names, extra, array):
    target = draw(st.sampled_from(sorted(names)))
    decay = round(draw(st.floats(0.5, 0.95)), 2)
    term = draw(bounded(sorted(names), 1, extra))
    scale = draw(st.sampled_from(["", " * 0.5"] + [" * %s" % e for e in extra]))
    # ``+=`` only on floats: on arrays it mutates in place, and after an
    # aliasing assignment such as ``x = y`` that changes both names, which
    # tangent does not model; these random programs leave aliasing out.
    if not array and draw(st.integers(0, 3)) == 0:
        out.emit(indent, "%s += %s%s" % (target, term, scale))
    else:
        out.emit(indent, "%s = %s * %s + %s%s" % (target, target, decay, term,
                                                   scale))


def _branch_update(draw, out, indent, names, extra=(), array=False):
    target = draw(st.sampled_from(sorted(names)))
    if draw(st.integers(0, 4)) == 0:
        # An overwrite that does not depend on the inputs: the old value's
        # gradient must stop here.
        constant = _const(draw, -1.0, 1.0)
        out.emit(indent, "%s = %s" % (target, "np.ones(3) * %s" % constant if array else constant))
        return
    expr = _anchored(draw, draw(expressions(sorted(names), 2, extra)), names)
    if draw(st.booleans()):
        expr = draw(bounded(sorted(names), 1, extra)) + " + " + _paren(expr) \
            + " * 0.5"
    out.emit(indent, "%s = %s" % (target, expr))


@st.composite
def programs(draw, array=False):
    out = _Emitter()
    out.emit(0, "import numpy as np")
    out.emit(0, "")
    out.emit(0, "")
    out.emit(0, "def f(x, y):")
    names = {"x", "y"}
    n_statements = draw(st.integers(1, 6))
    for _ in range(n_statements):
        kind = draw(st.sampled_from(["assign", "assign", "if", "for",
                                     "while"]))
        if kind == "assign":
            fresh = [t for t in TEMPS if t not in names]
            if fresh and draw(st.booleans()):
                target = fresh[0]
            else:
                target = draw(st.sampled_from(sorted(names)))
            expr = _anchored(draw, draw(expressions(sorted(names), 3)), names)
            out.emit(1, "%s = %s" % (target, expr))
            names.add(target)
        elif kind == "if":
            out.emit(1, "if %s:" % _condition(draw, names, array))
            for _ in range(draw(st.integers(1, 2))):
                _branch_update(draw, out, 2, names, array=array)
            if draw(st.booleans()):
                out.emit(1, "else:")
                for _ in range(draw(st.integers(1, 2))):
                    _branch_update(draw, out, 2, names, array=array)
        elif kind == "for":
            k = draw(st.integers(0, 4))
            out.emit(1, "for i in range(%d):" % k)
            for _ in range(draw(st.integers(1, 2))):
                _loop_update(draw, out, 2, names, ("i",), array)
            if draw(st.integers(0, 3)) == 0:
                out.emit(2, "if %s:" % _condition(draw, names, array))
                _branch_update(draw, out, 3, names, ("i",), array=array)
        else:
            bound = draw(st.integers(1, 5))
            out.emit(1, "j = 0")
            out.emit(1, "while j < %d:" % bound)
            _loop_update(draw, out, 2, names, (), array)
            out.emit(2, "if %s:" % _condition(draw, names, array))
            out.emit(3, "break")
            out.emit(2, "j = j + 1")
    # final combination of (some of) the variables
    chosen = draw(st.lists(st.sampled_from(sorted(names)), min_size=1,
                           max_size=4, unique=True))
    terms = ["%s * %s" % (_const(draw, -2.0, 2.0), v) for v in chosen]
    if draw(st.booleans()):
        terms.append(draw(bounded(sorted(names), 1)) + " * " + chosen[0])
    result = " + ".join(terms)
    if array:
        out.emit(1, "return np.sum(%s)" % result)
    else:
        out.emit(1, "return %s" % result)
    return "\n".join(out.lines) + "\n"


scalar_programs = programs(array=False)
array_programs = programs(array=True)


# ---------------------------------------------------------------------------
# loading generated source from a real file
# ---------------------------------------------------------------------------

def load_program(directory, source):
    """Write ``source`` to a fresh file in ``directory``, import it and return
    its ``f``."""
    return load_module(directory, source, "tangent_randprog").f


@pytest.fixture(scope="session")
def program_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("random_programs")


# ---------------------------------------------------------------------------
# the checks
# ---------------------------------------------------------------------------

def _finite_and_moderate(value):
    value = float(np.asarray(value))
    return math.isfinite(value) and abs(value) < 1e6


def _eval(f, args):
    return float(np.asarray(f(*[np.copy(a) if isinstance(a, np.ndarray)
                                else a for a in args])))


def _one_sided_slopes(f, args, pos, h=1e-5):
    """Second-order forward and backward difference slopes for every element
    of argument ``pos``; they differ when a kink sits at (or within 2h of)
    the evaluation point."""
    x = np.asarray(args[pos], dtype=np.float64)
    fwd = np.zeros(x.shape)
    bwd = np.zeros(x.shape)
    for idx in np.ndindex(*x.shape):
        def at(k):
            moved = x.copy()
            moved[idx] += k * h
            new_args = list(args)
            new_args[pos] = moved if x.ndim else float(moved)
            return _eval(f, new_args)
        f0 = at(0)
        fwd[idx] = (-3.0 * f0 + 4.0 * at(1) - at(2)) / (2.0 * h)
        bwd[idx] = (3.0 * f0 - 4.0 * at(-1) + at(-2)) / (2.0 * h)
    return fwd, bwd


def _reliable_numeric_grad(f, args):
    """Finite-difference gradient wrt both args, or an ``assume`` failure when
    a branch/loop-exit condition is too close to its threshold: then the
    central estimates for two step sizes disagree (threshold within ~1e-4),
    or the one-sided slopes disagree (threshold at the point itself, which
    a piecewise-linear program would otherwise hide)."""
    fine = numeric_grad(f, args, (0, 1), step=1e-6)
    coarse = numeric_grad(f, args, (0, 1), step=1e-4)
    for pos, (a, b) in enumerate(zip(fine, coarse)):
        assume(np.all(np.isfinite(a)))
        assume(np.allclose(a, b, rtol=1e-5, atol=1e-7))
        fwd, bwd = _one_sided_slopes(f, args, pos)
        assume(np.allclose(fwd, bwd, rtol=1e-5, atol=1e-7))
    return fine


def _check_program(directory, source, args, optimized):
    note(source)
    f = load_program(directory, source)
    assume(_finite_and_moderate(f(*[np.copy(a) if isinstance(a, np.ndarray)
                                    else a for a in args])))
    expected = _reliable_numeric_grad(f, args)
    originals = [np.copy(a) for a in args]
    grads = tangent.grad(f, wrt=(0, 1), optimized=optimized)(*args)
    assert isinstance(grads, tuple) and len(grads) == 2
    assert_grad_structure(args, (0, 1), grads)
    for before, after in zip(originals, args):
        npt.assert_array_equal(np.asarray(after), before)
    for name, g, e in zip("xy", grads, expected):
        npt.assert_allclose(np.asarray(g, dtype=np.float64), e, rtol=1e-4,
                            atol=1e-6, err_msg="gradient wrt %s" % name)
    # One argument at a time: for a number tangent.grad generates forward mode.
    for position, (name, e) in enumerate(zip("xy", expected)):
        g = tangent.grad(f, wrt=position, optimized=optimized)(*args)
        npt.assert_allclose(np.asarray(g, dtype=np.float64), e, rtol=1e-4,
                            atol=1e-6, err_msg="gradient wrt %s alone" % name)
    # Forward mode along a random direction agrees with the reverse gradients.
    rng = np.random.default_rng(0)
    directions = [rng.normal(size=np.shape(a)) if isinstance(a, np.ndarray) else float(rng.normal())
                  for a in args]
    jvp = tangent.autodiff(f, wrt=(0, 1), mode='forward', optimized=optimized)
    forward = float(np.asarray(jvp(*args, *directions)))
    expected_forward = sum(float(np.sum(np.asarray(g) * d)) for g, d in zip(grads, directions))
    npt.assert_allclose(forward, expected_forward, rtol=1e-8, atol=1e-10,
                        err_msg="forward mode disagrees with reverse mode")


_coords = st.floats(-1.5, 1.5, allow_nan=False, allow_infinity=False)
_OFFSET = 1.2345e-3
_vectors = st.lists(_coords, min_size=3, max_size=3).map(
    lambda v: np.array(v, dtype=np.float64))

_SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("TANGENT_RANDOM_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                           HealthCheck.data_too_large],
)


@_SETTINGS
@given(source=scalar_programs, x=_coords, y=_coords, optimized=st.booleans())
def test_random_scalar_programs(program_dir, source, x, y, optimized):
    # Off every 2-decimal threshold the programs use: at a threshold itself the
    # derivative of the path taken need not be the function's (x == 0 exactly).
    _check_program(program_dir, source, (float(x) + _OFFSET, float(y) - _OFFSET), optimized)


@_SETTINGS
@given(source=array_programs, x=_vectors, y=_vectors, optimized=st.booleans())
def test_random_array_programs(program_dir, source, x, y, optimized):
    _check_program(program_dir, source, (x + _OFFSET, y - _OFFSET), optimized)
