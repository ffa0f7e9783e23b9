"""Which expressions can be removed or moved without changing what a program does."""
import builtins
import inspect
import types
import weakref

import gast

from tangent.frontend.resolve import MISSING

_PURE_BUILTINS = {len, range, reversed, float, int, abs, min, max, slice, tuple, list, bool, sum,
                  isinstance, round}


def is_pure_expression(node, scope):
    """No side effects and no dependence on mutable state beyond its operands."""
    from tangent.optimize.walk import nodes
    for child in nodes(node):
        if isinstance(child, gast.Call) and not _is_pure_callee(child.func, scope):
            return False
        if isinstance(child, (gast.Yield, gast.YieldFrom, gast.Await, gast.NamedExpr)):
            return False
    return True


def _is_pure_callee(func, scope):
    if isinstance(func, gast.Call):
        # tangent.autodiff(g, wrt=...)(...) computes a gradient and changes nothing.
        return _resolves_to_autodiff(func.func, scope)
    obj = scope.resolve(func) if isinstance(func, (gast.Name, gast.Attribute)) else MISSING
    if obj is MISSING:
        return False
    if obj in _PURE_BUILTINS if is_hashable(obj) else False:
        return True
    module = getattr(obj, '__module__', None) or ''
    if isinstance(obj, types.BuiltinFunctionType) and module == 'math':
        return True
    if module.startswith('numpy') and not module.startswith('numpy.random'):
        return True
    if module == 'tangent.runtime':
        return True
    if type(obj).__name__ == 'ufunc':
        return True
    return inspect.isfunction(obj) and is_pure_function(obj)


_pure_functions = weakref.WeakKeyDictionary()


def is_pure_function(function):
    """Whether calling a Python function of the user's can only compute a value.

    Read from its source: no stores into attributes or elements (it could write into
    an argument), no global/nonlocal, no yield, and only calls that are pure in turn
    (print and logging are not). A call whose result is unused can then be dropped.
    """
    known = _pure_functions.get(function)
    if known is not None:
        return known
    _pure_functions[function] = False  # recursion: assume impure while looking
    from tangent.derive import parse_with_scope
    parsed = parse_with_scope(function)
    if parsed is None:  # no source: nothing is known
        return False
    node, scope = parsed
    pure = all(_pure_node(child, scope) for stmt in node.body for child in gast.walk(stmt))
    _pure_functions[function] = pure
    return pure


def _pure_node(child, scope):
    if isinstance(child, (gast.Global, gast.Nonlocal, gast.Yield, gast.YieldFrom, gast.Await,
                          gast.FunctionDef, gast.ClassDef, gast.Lambda, gast.With, gast.Delete)):
        return False
    if isinstance(child, (gast.Attribute, gast.Subscript)) and not isinstance(child.ctx, gast.Load):
        return False
    if isinstance(child, gast.Call):
        return _is_pure_callee(child.func, scope)
    return True


def _resolves_to_autodiff(func, scope):
    from tangent import api
    obj = scope.resolve(func) if isinstance(func, (gast.Name, gast.Attribute)) else MISSING
    return obj is api.autodiff


def is_hashable(obj):
    try:
        hash(obj)
    except TypeError:
        return False
    return True


del builtins
