"""The registry of derivative templates, keyed by primitive.

A primitive is an operator class (`gast.Mult`), or a Python callable
(`numpy.sin`). Adjoint templates are plain functions whose body is read as
code, never run:

    @adjoint(numpy.sin)
    def sin(y, x):
        d[x] = d[y] * numpy.cos(x)

The first parameter names the primitive's result, the others its arguments
(keyword parameters with defaults mirror the primitive's keywords). `d[x] = e`
means "add e to the gradient of x": the engine decides whether that is an
assignment, an addition or nothing at all.
"""
import inspect
import sys
import textwrap

import gast

from tangent.errors import TangentError


_ADJOINTS = {}
_TANGENTS = {}
_NON_DIFFERENTIABLE = set()
_LINEAR = {}
_INERT = {}


class Template:
    """A parsed derivative template."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.signature = inspect.signature(func)
        for parameter in self.signature.parameters.values():
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                raise TangentError(
                    'template %s takes *%s: templates name each argument (d[x] needs a name); '
                    'give a fixed number of parameters, with defaults for optional ones.'
                    % (func.__qualname__, parameter.name))
        self._body = None
        params = list(self.signature.parameters)
        self.result = params[0]
        self.params = params[1:]
        self.globals = func.__globals__

    @property
    def body(self):
        """The template's statements, parsed the first time a derivative uses them."""
        if self._body is None:
            try:
                lines = inspect.getsourcelines(self.func)[0]
            except (OSError, TypeError):
                raise TangentError('tangent could not read the source of the template %s; define '
                                   'templates in a file or a notebook cell.'
                                   % self.func.__qualname__) from None
            node = gast.parse(textwrap.dedent(''.join(lines))).body[0]
            body = node.body
            if body and isinstance(body[0], gast.Expr) and isinstance(body[0].value, gast.Constant):
                body = body[1:]
            self._body = body
        return self._body

    def __repr__(self):
        return '<Template %s>' % self.name


def _key(primitive):
    return primitive


def adjoint(primitive):
    """Register the reverse-mode template of `primitive` (decorator)."""
    def register(func):
        _ADJOINTS[_key(primitive)] = Template(func)
        return func
    return register


def tangent_of(primitive):
    """Register the forward-mode template of `primitive` (decorator)."""
    def register(func):
        _TANGENTS[_key(primitive)] = Template(func)
        return func
    return register


def non_differentiable(*primitives):
    """Declare primitives whose outputs carry no derivative (argmax, shape, ...)."""
    for primitive in primitives:
        _NON_DIFFERENTIABLE.add(_key(primitive))
    return primitives[0] if len(primitives) == 1 else None


def linear(primitive, *positions):
    """Declare that `primitive` returns zero when any argument at `positions` is zero.

    The optimiser uses it to drop terms such as f(0.0, ...) that forward mode
    writes for inputs whose tangent is known to be zero.
    """
    _LINEAR[_key(primitive)] = frozenset(positions)
    return primitive


def inert_arguments(primitive, *positions):
    """Declare arguments that `primitive` reads only for their shape or type.

    No derivative flows through them, so activity analysis ignores them:
    `unbroadcast(g, x)` depends on g, not on the values of x.
    """
    _INERT[_key(primitive)] = frozenset(positions)
    return primitive


def inert_positions(primitive):
    _load_rules(primitive)
    try:
        return _INERT.get(_key(primitive), frozenset())
    except TypeError:
        return frozenset()


def zero_preserving_positions(primitive):
    _load_rules(primitive)
    try:
        return _LINEAR.get(_key(primitive), frozenset())
    except TypeError:
        return frozenset()


def adjoint_of(primitive):
    _load_rules(primitive)
    try:
        return _ADJOINTS.get(_key(primitive))
    except TypeError:  # unhashable callables
        return None


def tangent_template_of(primitive):
    _load_rules(primitive)
    try:
        return _TANGENTS.get(_key(primitive))
    except TypeError:
        return None


def is_non_differentiable(primitive):
    _load_rules(primitive)
    try:
        return _key(primitive) in _NON_DIFFERENTIABLE
    except TypeError:
        return False


def registered_adjoints():
    _load_rules(everything=True)
    return dict(_ADJOINTS)


def registered_tangents():
    _load_rules(everything=True)
    return dict(_TANGENTS)


def registered_non_differentiable():
    _load_rules(everything=True)
    return set(_NON_DIFFERENTIABLE)


_loaded = False
_optional_loaded = False
# Importing a rule module registers its templates; families live in their own module.
_RULE_MODULES = ('syntax_rules', 'ufunc_rules', 'reduction_rules', 'linalg_rules', 'shape_rules',
                 'fft_rules', 'numpy_rules', 'numpy_extra_rules', 'runtime_rules', 'builtin_rules')
_OPTIONAL_RULE_MODULES = ('scipy_rules', 'scipy_extra_rules')


def _load_rules(primitive=None, everything=False):
    """Import the rule modules the first time a rule is looked up.

    SciPy's rules load only once SciPy has been imported (or when everything is
    listed): importing scipy.stats alone takes half a second.
    """
    global _loaded, _optional_loaded
    import importlib
    if not _loaded:
        _loaded = True
        for module in _RULE_MODULES:
            importlib.import_module('tangent.rules.' + module)
    # Code that calls SciPy has imported it already; otherwise its rules are not needed.
    wants_scipy = everything or 'scipy' in sys.modules
    if wants_scipy and not _optional_loaded:
        _optional_loaded = True
        for module in _OPTIONAL_RULE_MODULES:
            try:
                importlib.import_module('tangent.rules.' + module)
            except ImportError:  # SciPy is optional: its rules exist only where it is installed
                pass


def primitive_name(primitive):
    """A readable dotted name: numpy.sin, scipy.special.erf, operator Add."""
    import importlib
    if isinstance(primitive, type):
        return 'operator %s' % primitive.__name__
    name = getattr(primitive, '__name__', repr(primitive))
    for module_name in ('numpy', 'numpy.linalg', 'numpy.fft', 'math', 'builtins', 'scipy.special',
                        'scipy.linalg', 'scipy.stats'):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if module_name == 'scipy.stats':
            module, module_name = module.norm, 'scipy.stats.norm'
        if getattr(module, name, None) == primitive:
            return '%s.%s' % (module_name, name)
    return '%s.%s' % (getattr(primitive, '__module__', None) or '?', name)
