"""Which expressions can be removed or moved without changing what a program does."""
import builtins
import types

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
    if obj in _PURE_BUILTINS if _hashable(obj) else False:
        return True
    module = getattr(obj, '__module__', None) or ''
    if isinstance(obj, types.BuiltinFunctionType) and module == 'math':
        return True
    if module.startswith('numpy') and not module.startswith('numpy.random'):
        return True
    if module == 'tangent.runtime':
        return True
    return type(obj).__name__ == 'ufunc'


def _resolves_to_autodiff(func, scope):
    from tangent import api
    obj = scope.resolve(func) if isinstance(func, (gast.Name, gast.Attribute)) else MISSING
    return obj is api.autodiff


def _hashable(obj):
    try:
        hash(obj)
    except TypeError:
        return False
    return True


del builtins
