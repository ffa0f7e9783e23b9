"""Complex values in reverse mode.

Derivative templates are written for real arithmetic: the adjoint of
`z = x * y` is `dx = dz * y`, the transpose J^T of the Jacobian applied to dz.
Under the inner product tangent uses for complex values,
<a, b> = Re(sum(conj(a) * b)) (see docs/complex.md), the adjoint of a
complex-linear Jacobian is its conjugate transpose, and

    J^H dz = conj(J^T conj(dz)).

So a derivative that may see complex values runs each such template on the
conjugated cotangent and conjugates what comes out; a real variable keeps the
real part of its gradient (the imaginary part is a change it cannot make).
Templates that already handle complex values themselves (FFTs, abs, real,
imag, conjugate, and the rules that call a `conj` helper) are used as written.

Whether a derivative may see complex values is decided when it is generated:
a complex argument (a Python complex, a NumPy complex scalar, a complex array),
or a body, or a function it calls, that makes complex values from real ones
(a complex literal, a complex constant, numpy.fft, numpy.emath, a complex
dtype). Real code pays nothing.
"""
import inspect
import re
import threading
import weakref

import gast
import numpy

_AWARE_MODULES = ('tangent.rules.fft_rules',)
# Names whose presence in a template means it handles complex values itself.
_AWARE_MARKERS = ('conj', 'real', 'imag', 'complex', 'abs_gradient_of', 'as_gradient_of')
_PRODUCERS = ('numpy.fft', 'numpy.emath', 'numpy.lib.scimath', 'scipy.fft', 'scipy.fftpack')

_CALLED = re.compile(r'\b([A-Za-z_]\w*)\s*\(')
_producers_cache = weakref.WeakKeyDictionary()


def is_complex_type(descriptor):
    """Whether a dispatch-key entry stands for a complex value."""
    from tangent.api import ComplexArray
    return descriptor is ComplexArray or (
        isinstance(descriptor, type) and issubclass(descriptor, (complex, numpy.complexfloating)))


def template_is_aware(template):
    """Whether a template is right for complex values as written (it is then not
    conjugated around): it handles them itself, or it is real-linear with real
    coefficients (+, -, sums, reshapes), where conjugating around changes nothing."""
    aware = getattr(template, 'complex_aware', None)
    if aware is None:
        func = template.func
        aware = template.complex_aware = (
            getattr(func, '__module__', '') in _AWARE_MODULES or template in _real_linear_templates()
            or _mentions_complex(func, template.globals, depth=2))
    return aware


def _real_linear_templates():
    from tangent.rules import registry
    return [registry.adjoint_of(primitive) for primitive in (
        gast.Add, gast.Sub, gast.USub, gast.UAdd, numpy.sum, numpy.mean, numpy.reshape, numpy.ravel,
        numpy.transpose, numpy.squeeze, numpy.expand_dims, numpy.concatenate, numpy.stack)]


def _mentions_complex(func, namespace, depth):
    """Whether a function's body, or a rules helper it calls (two levels), handles complex values."""
    try:
        text = inspect.getsource(func)
    except (OSError, TypeError):
        return False
    body = text.split(':', 1)[-1]  # not the signature: parameters may be called `real`
    if any(marker in body for marker in _AWARE_MARKERS):
        return True
    if depth == 0:
        return False
    for name in set(_CALLED.findall(body)):
        helper = namespace.get(name)
        if (inspect.isfunction(helper) and helper.__module__.startswith('tangent.')
                and _mentions_complex(helper, helper.__globals__, depth - 1)):
            return True
    return False


def makes_complex(node, scope, depth=0):
    """Whether a function body may turn real values into complex ones.

    Looks for complex literals, complex globals, complex dtypes, FFTs and
    numpy.emath, here and in the user functions it calls (their source, once).
    """
    for child in gast.walk(node):
        if isinstance(child, gast.Constant) and isinstance(child.value, complex):
            return True
        if isinstance(child, (gast.Name, gast.Attribute)) and isinstance(getattr(child, 'ctx', None), gast.Load):
            value = scope.resolve(child)
            if _is_complex_value(value) or _is_producer(value):
                return True
            if depth < 8 and inspect.isfunction(value) and _callee_makes_complex(value, depth):
                return True
    return False


def _is_complex_value(value):
    if isinstance(value, (complex, numpy.complexfloating)):
        return True
    if isinstance(value, numpy.ndarray):
        return value.dtype.kind == 'c'
    if isinstance(value, type):
        return issubclass(value, (complex, numpy.complexfloating))
    return isinstance(value, numpy.dtype) and value.kind == 'c'


def _is_producer(value):
    module = getattr(value, '__module__', None) or ''
    return callable(value) and any(module == name or module.startswith(name + '.') for name in _PRODUCERS)


def _callee_makes_complex(function, depth):
    cached = _producers_cache.get(function)
    if cached is not None:
        return cached
    _producers_cache[function] = False  # recursion: assume not while looking
    from tangent.derive import parse_with_scope
    parsed = parse_with_scope(function)
    if parsed is None:  # no source (a builtin, a C function): its rule, if any, decides
        return False
    result = makes_complex(*parsed, depth + 1)
    _producers_cache[function] = result
    return result


# Containers are keyed by their type alone, so whether they hold complex arrays
# is read from the arguments of the call that generates the derivative.
_first_call = threading.local()


class first_call:
    """Context: the arguments whose derivative is being generated."""

    def __init__(self, args):
        self.args = args

    def __enter__(self):
        _first_call.args = self.args

    def __exit__(self, *exc):
        _first_call.args = None


def containers_hold_complex():
    """Whether a container argument of the call being served holds complex values."""
    from tangent import pytree
    for arg in getattr(_first_call, 'args', None) or ():
        if isinstance(arg, (list, tuple, dict)) or pytree.is_record(arg):
            if any(_is_complex_value(leaf) for leaf in pytree.leaves(arg)):
                return True
    return False
