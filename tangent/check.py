"""Checking derivatives: finite differences and the dot-product test.

check_grads(f, args) compares, for the arguments it differentiates,
  * reverse mode against central finite differences of <w, f(x)>,
  * forward mode against central finite differences along random directions,
  * forward against reverse: <J v, w> = <v, J^T w>,
and raises GradientCheckError with a readable report when any disagree.
Complex values use the real inner product Re(sum(conj(a) * b)), the one under
which reverse mode is the adjoint of forward mode.
"""
import numpy

from tangent import api
from tangent.errors import TangentError


class GradientCheckError(AssertionError):
    """A derivative disagreed with its independent check."""


def check_grads(f, args, modes=('forward', 'reverse'), order=1, wrt=None, rtol=1e-5, atol=1e-7,
                step=1e-6, seed=0):
    """Check f's derivatives at args; raise GradientCheckError on a mismatch.

    wrt: positions to differentiate (default: every float or float-array argument).
    step: the finite-difference step (single precision needs a larger one than the default).
    order=2 also checks the derivatives of f's reverse-mode derivative
    (forward over reverse, and reverse over reverse where it applies).
    """
    args = tuple(args)
    if wrt is None:
        wrt = tuple(i for i, arg in enumerate(args) if _is_float(arg))
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
            if numpy.shape(gradient) != numpy.shape(args[position]):
                report.append('%sreverse mode: gradient of argument %d has shape %s, expected %s'
                              % (label, position, numpy.shape(gradient), numpy.shape(args[position])))
        reverse = sum(_inner(gradient, direction) for gradient, direction in zip(gradients, directions))
        _compare(report, label + 'reverse mode vs finite differences <w, J v>', reverse, expected,
                 rtol, atol)
    if forward is not None and reverse is not None:
        _compare(report, label + 'dot-product test <J v, w> = <v, J^T w>', _inner(cotangent, forward),
                 reverse, max(rtol, 1e-8), atol)


def _call(f, args):
    return f(*[numpy.copy(a) if isinstance(a, numpy.ndarray) else a for a in args])


def _directional_difference(f, args, wrt, directions, step):
    """(f(x + h v) - f(x - h v)) / 2h along the given directions."""
    def shifted(sign):
        moved = list(args)
        for position, direction in zip(wrt, directions):
            moved[position] = args[position] + sign * step * direction
        return _call(f, moved)
    plus, minus = shifted(1.0), shifted(-1.0)
    return _map(lambda a, b: (numpy.asarray(a) - numpy.asarray(b)) / (2 * step), plus, minus)


def _map(function, a, b):
    if isinstance(a, (tuple, list)):
        return type(a)(_map(function, x, y) for x, y in zip(a, b))
    return function(a, b)


def _flat(value):
    if isinstance(value, (tuple, list)):
        parts = [_flat(item) for item in value]
        return numpy.concatenate(parts) if parts else numpy.zeros(0)
    return numpy.ravel(numpy.asarray(value))


def _inner(a, b):
    return float(numpy.sum(numpy.real(numpy.conj(_flat(a)) * _flat(b))))


def _random_like(value, rng):
    if isinstance(value, (tuple, list)):
        return type(value)(_random_like(item, rng) for item in value)
    if isinstance(value, numpy.ndarray):
        sample = rng.normal(size=value.shape)
        if numpy.iscomplexobj(value):
            sample = sample + 1j * rng.normal(size=value.shape)
        return sample.astype(value.dtype) if value.dtype.kind in 'fc' else sample
    if isinstance(value, complex):
        return complex(rng.normal(), rng.normal())
    return float(rng.normal())


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
