"""The pipeline: parse, normalise, analyse, transform, optimise, compile."""
import copy
import dataclasses
import threading
import weakref

import gast

from tangent.analysis import kinds as kinds_module
from tangent import quoting
from tangent.backend import codegen
from tangent.frontend import anf, desugar, source
from tangent.frontend.resolve import Scope
from tangent.naming import Namer
from tangent.optimize import optimize
from tangent.transform.forward import ForwardMode
from tangent.transform.reverse import ReverseMode


@dataclasses.dataclass
class Normalized:
    node: gast.FunctionDef
    origin: source.Origin
    scope: Scope
    namer: Namer
    conditions: set


_parsed = weakref.WeakKeyDictionary()
_parse_lock = threading.Lock()


def _parse(func):
    """The parsed, checked function tree (cached per code object)."""
    code = func.__code__
    with _parse_lock:
        cached = _parsed.get(code)
    if cached is None:
        cached = source.parse_function(func)
        with _parse_lock:
            _parsed[code] = cached
    node, origin = cached
    return copy.deepcopy(node), origin


def normalize(func):
    """Parse `func` and bring it into A-normal form."""
    node, origin = _parse(func)
    scope = Scope(func, node)
    desugar.check_supported(node, origin, scope)
    names = {child.id for child in gast.walk(node) if isinstance(child, gast.Name)}
    namer = Namer(names | set(scope.locals))
    desugar.lower_returns(node, namer)
    desugar.canonicalize_loops(node, namer, scope)
    desugar.lower_jumps(node, namer)
    scope.locals = scope.locals | {child.id for child in gast.walk(node)
                                   if isinstance(child, gast.Name) and not isinstance(child.ctx, gast.Load)}
    normalizer = anf.Normalizer(scope, origin, namer)
    normalizer.function(node)
    scope.locals = scope.locals | {child.id for child in gast.walk(node)
                                   if isinstance(child, gast.Name) and not isinstance(child.ctx, gast.Load)}
    return Normalized(node, origin, scope, namer, normalizer.conditions)


def _param_kinds(normalized, arg_types):
    params = [arg.id for arg in normalized.node.args.args]
    kinds = {name: kinds_module.UNKNOWN for name in params}
    for name, cls in zip(params, arg_types):
        if cls is not None:
            kinds[name] = kinds_module.kind_of_type(cls)
    return params, kinds


def reverse(func, wrt, arg_types, *, optimized=True, return_value=False, scalar_output=False):
    """Generate, optimise and compile the reverse-mode derivative of `func`.

    wrt: parameter names; arg_types: the types of the positional arguments
    (None when unknown). Returns (derivative function, its source).
    """
    normalized = normalize(func)
    params, param_kinds = _param_kinds(normalized, arg_types)
    mode = ReverseMode(normalized, list(wrt), param_kinds, return_value=return_value,
                       scalar_output=scalar_output)
    function, _ = mode.transform()
    defaults = tuple(func.__defaults__ or ()) + (1.0,)
    return _finish(function, normalized, params, mode, optimized, defaults)


def forward(func, wrt, arg_types, *, optimized=True, return_value=False):
    """Generate, optimise and compile the forward-mode derivative (a Jacobian-vector product)."""
    normalized = normalize(func)
    params, param_kinds = _param_kinds(normalized, arg_types)
    mode = ForwardMode(normalized, list(wrt), param_kinds, return_value=return_value)
    function = mode.transform()
    return _finish(function, normalized, params, mode, optimized, ())


def _finish(function, normalized, params, mode, optimized, defaults):
    normalized.scope.reserved |= set(normalized.namer.taken)
    quoting.unshare(function)
    if optimized:
        protected = set(params) - set(mode.dnames.values())
        optimize(function, normalized.scope, protected=frozenset(protected))
    return codegen.compile_function(function, normalized.scope, normalized.origin, defaults)
