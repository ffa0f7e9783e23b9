"""Checking derivatives: finite differences and the dot-product test.

check_grads(f, args) compares, for the arguments it differentiates,
  * reverse mode against central finite differences of <w, f(x)>,
  * forward mode against central finite differences along random directions,
  * forward against reverse: <J v, w> = <v, J^T w>,
and raises GradientCheckError with a readable report when any disagree.
Complex values use the real inner product Re(sum(conj(a) * b)), the one under
which reverse mode is the adjoint of forward mode.
"""
import inspect

import numpy

from tangent import api
from tangent import pytree
from tangent.errors import TangentError


class GradientCheckError(AssertionError):
    """A derivative disagreed with its independent check."""


def check_grads(f, args, modes=('forward', 'reverse'), order=1, wrt=None, rtol=1e-5, atol=1e-7,
                step=1e-6, seed=0):
    """Check f's derivatives at args; raise GradientCheckError on a mismatch.

    wrt: positions to differentiate (default: every argument holding a float or float array).
    step: the finite-difference step (single precision needs a larger one than the default).
    order=2 also checks the derivatives of f's reverse-mode derivative
    (forward over reverse, and reverse over reverse where it applies).
    """
    args = _completed(f, tuple(args))
    if wrt is None:
        wrt = tuple(i for i, arg in enumerate(args) if any(map(_is_float, pytree.leaves(arg))))
    wrt = tuple(wrt)
    if not wrt:
        raise TangentError('check_grads: no float argument to differentiate; pass wrt=')
    report = []
    _check_first_order(f, args, modes, wrt, rtol, atol, step, numpy.random.default_rng(seed), report)
    if order >= 2:
        rng = numpy.random.default_rng(seed + 1)
        cotangent = _random_like(_call(f, args), rng)
        derivative = api.autodiff(f, wrt=wrt, mode='reverse')
        _check_first_order(derivative, args + (cotangent,), modes, wrt, rtol, atol, step, rng, report,
                           label='order 2 ')
    if report:
        raise GradientCheckError('derivatives of %s disagree:\n%s'
                                 % (getattr(f, '__qualname__', f), '\n'.join(report)))


def _completed(f, args):
    """args with f's defaults filled in, so that a cotangent or tangent after them lands right."""
    try:
        bound = inspect.signature(f).bind(*args)
    except (TypeError, ValueError):
        return args
    bound.apply_defaults()
    return tuple(bound.args)


def _check_first_order(f, args, modes, wrt, rtol, atol, step, rng, report, label=''):
    output = _call(f, args)
    directions = [_random_like(args[i], rng) for i in wrt]
    cotangent = _random_like(output, rng)
    numeric = _directional_difference(f, args, wrt, directions, step)
    expected = _inner(cotangent, numeric)
    forward = reverse = None
    if 'forward' in modes:
        forward = api.autodiff(f, wrt=wrt, mode='forward')(*args, *directions)
        _compare(report, label + 'forward mode vs finite differences', _flat(forward), _flat(numeric),
                 rtol, atol)
    if 'reverse' in modes:
        gradients = api.autodiff(f, wrt=wrt, mode='reverse')(*args, cotangent)
        if len(wrt) == 1:
            gradients = (gradients,)
        for position, gradient in zip(wrt, gradients):
            _check_structure(report, '%sreverse mode: gradient of argument %d' % (label, position),
                             gradient, args[position])
        reverse = sum(_inner(gradient, direction) for gradient, direction in zip(gradients, directions))
        _compare(report, label + 'reverse mode vs finite differences <w, J v>', reverse, expected,
                 rtol, atol)
    if forward is not None and reverse is not None:
        _compare(report, label + 'dot-product test <J v, w> = <v, J^T w>', _inner(cotangent, forward),
                 reverse, max(rtol, 1e-8), atol)


def _call(f, args):
    return f(*[pytree.map_structure(_fresh_copy, a) for a in args])


def _fresh_copy(leaf):
    return numpy.copy(leaf) if isinstance(leaf, numpy.ndarray) else leaf


def _directional_difference(f, args, wrt, directions, step):
    """(f(x + h v) - f(x - h v)) / 2h along the given directions."""
    def shifted(sign):
        moved = list(args)
        for position, direction in zip(wrt, directions):
            moved[position] = pytree.map_structure(
                lambda value, way: value if way is None else value + sign * step * way,
                args[position], direction)
        return _call(f, moved)
    plus, minus = shifted(1.0), shifted(-1.0)
    return pytree.map_structure(lambda a, b: (numpy.asarray(a) - numpy.asarray(b)) / (2 * step),
                                plus, minus)


def _flat(value):
    """All float leaves of a value (arrays, numbers, containers) as one vector."""
    parts = [numpy.ravel(numpy.asarray(leaf)) for leaf in pytree.leaves(value) if leaf is not None]
    return numpy.concatenate(parts) if parts else numpy.zeros(0)


def _inner(a, b):
    """Re <a, b> over the leaves both values have (None marks a leaf with no derivative)."""
    total = []

    def add(left, right):
        if left is not None and right is not None:
            total.append(numpy.sum(numpy.real(numpy.conj(numpy.asarray(left)) * numpy.asarray(right))))
    pytree.map_structure(add, a, b)
    return float(sum(total))


def _random_like(value, rng):
    """A random direction shaped like value: None for leaves that carry no derivative."""
    def draw(leaf):
        if isinstance(leaf, numpy.ndarray):
            if leaf.dtype.kind not in 'fc':
                return None
            sample = rng.normal(size=leaf.shape)
            if numpy.iscomplexobj(leaf):
                sample = sample + 1j * rng.normal(size=leaf.shape)
            return sample.astype(leaf.dtype)
        if isinstance(leaf, complex):
            return complex(rng.normal(), rng.normal())
        if _is_float(leaf):
            return float(rng.normal())
        return None  # integers, booleans, strings, None: held fixed
    return pytree.map_structure(draw, value)


def _check_structure(report, what, gradient, value):
    """A gradient has its argument's container types and leaf shapes."""
    mismatches = []

    def compare(leaf, grad_leaf):
        if grad_leaf is not None and numpy.shape(grad_leaf) != numpy.shape(leaf):
            mismatches.append((numpy.shape(grad_leaf), numpy.shape(leaf)))
    try:
        pytree.map_structure(compare, value, gradient)
    except (KeyError, IndexError, TypeError, AttributeError):
        report.append('%s has structure %r, expected the structure of %r' % (what, gradient, value))
        return
    if type(gradient) is not type(value) and not (_is_float(value) or numpy.ndim(value) == 0):
        report.append('%s has type %s, expected %s' % (what, type(gradient).__name__,
                                                       type(value).__name__))
    for got, expected in mismatches:
        report.append('%s has shape %s, expected %s' % (what, got, expected))


def _is_float(value):
    if isinstance(value, numpy.ndarray):
        return value.dtype.kind in 'fc'
    return isinstance(value, (float, numpy.floating)) and not isinstance(value, bool)


def _compare(report, what, got, expected, rtol, atol):
    got, expected = numpy.asarray(got), numpy.asarray(expected)
    if got.shape != expected.shape:
        report.append('%s: shape %s, expected %s' % (what, got.shape, expected.shape))
        return
    error = numpy.abs(got - expected)
    tolerance = atol + rtol * numpy.abs(expected)
    if numpy.all(error <= tolerance):
        return
    worst = int(numpy.argmax(error - tolerance)) if error.ndim else 0
    report.append('%s: max abs error %.3g (tolerance %.3g); at element %d got %r, expected %r'
                  % (what, float(numpy.max(error)), float(numpy.ravel(tolerance)[worst]), worst,
                     numpy.ravel(got)[worst].item(), numpy.ravel(expected)[worst].item()))
