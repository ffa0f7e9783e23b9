"""Which mode computes tangent.grad best: forward mode for one number, reverse otherwise.

The gradient of a scalar function of one scalar input is a single
Jacobian-vector product: forward mode carries the derivative along with the
value (`dy = dy * x + y`), needs no tape and no backward pass, and is the
code a person writes by hand. It is used when three things hold:

- the gradient is taken with respect to one argument, and that argument is a
  number (a Python or NumPy real scalar) at the call;
- no `with tangent.insert_grad_of(...)` block is reachable: gradient surgery
  acts on the backward pass, and forward mode has none;
- no reachable function has a reverse-mode rule of the user's
  (`@tangent.adjoint`) without a forward-mode one: forward mode would
  differentiate its source instead, which is not what the user asked for.

Reachable means the function itself and, through their source, the Python
functions it calls. A method called on one of the function's arguments is
looked up in the argument's class. A method called on an argument of a
callee cannot be looked up before the call (the callee's argument types are
not known yet), so it keeps reverse mode too. Methods of values the code
builds itself (`out.append(v)`) are those of lists, arrays and the like.
"""
import functools
import inspect
import weakref

import gast
import numpy

from tangent.frontend.resolve import MISSING
from tangent.rules import registry

SCALAR_TYPES = (float, int, numpy.floating, numpy.integer)
_DEPTH = 8

_blockers = weakref.WeakKeyDictionary()


def is_number_type(cls):
    """An argument type whose gradient forward mode computes in one pass."""
    return isinstance(cls, type) and issubclass(cls, SCALAR_TYPES) and not issubclass(cls, bool)


def reverse_only(function, arg_types=()):
    """Why `function` must be differentiated in reverse mode (a sentence), or None.

    arg_types: the classes of its positional arguments (for methods called on them).
    """
    classes = tuple(cls if isinstance(cls, type) else numpy.ndarray for cls in arg_types)
    try:
        known = _blockers.setdefault(function, {})
    except TypeError:
        return _reverse_only(function, classes, 0, set())
    if classes not in known:
        known[classes] = _reverse_only(function, classes, 0, set())
    return known[classes]


def _reverse_only(function, classes, depth, seen):
    """classes: the argument classes of the top-level function (depth 0), else None."""
    if depth > _DEPTH or id(function) in seen:
        return None
    seen.add(id(function))
    from tangent.derive import parse_with_scope
    parsed = parse_with_scope(function)
    if parsed is None:
        return None
    node, scope = parsed
    params = [arg.id for arg in node.args.args]
    argument_classes = dict(zip(params, classes or ()))
    reason = None
    for child in gast.walk(node):
        if isinstance(child, gast.With):
            for item in child.items:
                context = item.context_expr
                if isinstance(context, gast.Call) and _is_insert_grad_of(scope.resolve(context.func)):
                    reason = ('%s uses tangent.insert_grad_of (line %s), which acts on the backward pass'
                              % (_name(function), getattr(child, 'lineno', '?')))
        elif isinstance(child, gast.Call) and isinstance(child.func, (gast.Name, gast.Attribute)):
            callee = scope.resolve(child.func)
            if callee is MISSING:
                method = _method_of_argument(child.func, params)
                if method is None:
                    continue
                if method not in argument_classes:
                    reason = ('%s calls the method %s of its argument %s, whose class is not known '
                              'before the call' % (_name(function), child.func.attr, method))
                    break
                callee = inspect.getattr_static(argument_classes[method], child.func.attr, None)
            callee = _underlying(callee)
            if _has_own_adjoint_only(callee):
                reason = ('%s calls %s, which has a reverse-mode rule and no forward-mode rule'
                          % (_name(function), _name(callee)))
            elif _is_source_function(callee):
                reason = _reverse_only(callee, None, depth + 1, seen)
        if reason is not None:
            break
    return reason


def _method_of_argument(func, params):
    """The parameter `p` for a call of `p.method(...)`, else None."""
    if isinstance(func, gast.Attribute) and isinstance(func.value, gast.Name) and func.value.id in params:
        return func.value.id
    return None


def _underlying(callee):
    """The function a bound, static or class method, or a partial, calls."""
    if isinstance(callee, functools.partial):
        return _underlying(callee.func)
    function = getattr(callee, '__func__', None)
    return function if inspect.isfunction(function) else callee


def _is_insert_grad_of(obj):
    from tangent import surgery
    return obj is surgery.insert_grad_of


def _has_own_adjoint_only(callee):
    try:
        return registry.adjoint_of(callee) is not None and registry.tangent_template_of(callee) is None
    except Exception:  # noqa: BLE001 - an object the registry cannot look up has no rule
        return False


def _is_source_function(callee):
    return inspect.isfunction(callee) and not hasattr(callee, '__tangent__')


def _name(function):
    return getattr(function, '__qualname__', None) or repr(function)
