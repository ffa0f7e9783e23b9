"""Nested functions: `def` inside the differentiated function, and named lambdas.

A nested def, or a lambda assigned to a name and only ever called, is inlined
at each call (anf.py): its body then reads the enclosing variables at the time
of the call, which is Python's late binding. Here they are checked, get names
of their own, and are desugared like any function.
"""
import builtins

import gast

from tangent import quoting
from tangent.errors import error_at
from tangent.frontend.desugar import (walk_body, walk_own, canonicalize_loops, lower_jumps,
                                      lower_returns)
from tangent.naming import Namer

def nested_definitions(node):
    """The nested defs in a function body (those nested in them excluded)."""
    return [child for child in walk_own(node) if isinstance(child, gast.FunctionDef)]


def isolate_nested_functions(node):
    """Turn named lambdas into nested defs, and give nested functions names of their own.

    Parameters and locals of a nested function that clash with a name of the
    enclosing function, of a builtin or of another nested function are renamed,
    so that inlined code reads exactly the enclosing variables it means to.
    """
    _lambdas_to_defs(node)
    definitions = nested_definitions(node)
    if not definitions:
        return
    namer = Namer({child.id for child in gast.walk(node) if isinstance(child, gast.Name)})
    claimed = ({child.id for child in walk_own(node) if isinstance(child, gast.Name)}
               | set(_parameter_names(node)) | {function.name for function in definitions}
               | set(dir(builtins)))
    for function in definitions:
        renames = {}
        for name in _own_names(function):
            if name in claimed:
                renames[name] = namer.fresh(name)
            claimed.add(renames.get(name, name))
        if renames:
            _rename_own(function, renames)


def check_nested_functions(node, origin):
    """Refuse nested functions that cannot be inlined where they are called."""
    functions = {}
    top_level = {id(stmt) for stmt in node.body}
    for function in nested_definitions(node):
        what = describe_nested(function)
        if function.name in functions and not (id(function) in top_level
                                               and id(functions[function.name]) in top_level):
            # Each call inlines the definition that precedes it in the body: only
            # right when the definitions are not in branches or loops.
            raise error_at(function, origin, what + ' defined twice',
                           '%s is defined again inside a branch or loop; give the two functions '
                           'different names.' % function.name)
        functions[function.name] = function
        if function.decorator_list:
            raise error_at(function, origin, 'decorated ' + what,
                           'a decorator changes what %s does, and tangent inlines nested functions '
                           'from their source; define the decorated function at module level and '
                           'call it.' % function.name)
        for child in walk_body(function):
            if isinstance(child, gast.Nonlocal):
                raise error_at(function, origin, what + ' with nonlocal',
                               '%s assigns a variable of the enclosing function with nonlocal; return '
                               'the new value from %s and assign it in the enclosing function instead.'
                               % (function.name, function.name))
            if isinstance(child, (gast.FunctionDef, gast.Lambda)):
                raise error_at(child, origin, 'function inside ' + what,
                               'tangent inlines nested functions one level deep; define this function '
                               'in the enclosing function instead of inside %s.' % function.name)
    if functions:
        _check_nested_uses(node, functions, origin)


def _check_nested_uses(node, functions, origin):
    callees = {id(child.func) for child in gast.walk(node) if isinstance(child, gast.Call)}
    for child in gast.walk(node):
        if isinstance(child, gast.Name) and child.id in functions:
            what = describe_nested(functions[child.id])
            if not isinstance(child.ctx, gast.Load):
                raise error_at(child, origin, 'assignment to ' + what,
                               '%s names a nested function; give the variable another name.'
                               % child.id)
            if id(child) not in callees:
                raise error_at(child, origin, what + ' used as a value',
                               'tangent inlines a nested function where it is called, so %s can '
                               'only be called here: not returned, stored or passed to another '
                               'function (map, sorted, ...). Define it at module level to pass it '
                               'around.' % child.id)
    calls = {name: set() for name in functions}
    for function in nested_definitions(node):
        calls[function.name] |= {child.func.id for child in gast.walk(function)
                                 if isinstance(child, gast.Call) and isinstance(child.func, gast.Name)
                                 and child.func.id in functions}
    for name, function in functions.items():
        if _calls_itself(name, calls):
            raise error_at(function, origin, 'recursive ' + describe_nested(function),
                           'tangent inlines nested functions where they are called, so %s cannot '
                           'call itself; define it at module level, where recursive functions are '
                           'differentiated call by call.' % name)


def _calls_itself(name, calls):
    seen, todo = set(), list(calls[name])
    while todo:
        callee = todo.pop()
        if callee == name:
            return True
        if callee not in seen:
            seen.add(callee)
            todo.extend(calls[callee])
    return False


def describe_nested(function):
    """How error messages name a nested function: `nested def g` or `lambda g`."""
    return '%s %s' % ('lambda' if getattr(function, 'tangent_lambda', False) else 'nested def',
                      function.name)


def lower_nested_functions(node, namer, scope):
    """Desugar each nested function on its own: one return, range loops, no jumps."""
    for function in nested_definitions(node):
        lower_returns(function, namer)
        canonicalize_loops(function, namer, scope)
        lower_jumps(function, namer)


def _lambdas_to_defs(node):
    """`f = lambda t: e`, where f is only ever assigned lambdas and called, becomes `def f(t): return e`."""
    stores = {}
    for child in gast.walk(node):
        if isinstance(child, gast.Name) and not isinstance(child.ctx, gast.Load):
            stores[child.id] = stores.get(child.id, 0) + 1
    for child in gast.walk(node):
        if (isinstance(child, gast.Assign) and isinstance(child.value, gast.Lambda)
                and len(child.targets) == 1 and isinstance(child.targets[0], gast.Name)):
            stores[child.targets[0].id] -= 1  # what remains counts the other assignments
    callees = {id(child.func) for child in gast.walk(node) if isinstance(child, gast.Call)}
    values = {child.id for child in gast.walk(node) if isinstance(child, gast.Name)
              and isinstance(child.ctx, gast.Load) and id(child) not in callees}

    class Convert(gast.NodeTransformer):
        def visit_FunctionDef(self, function):
            return function  # lambdas inside nested defs are refused by check_nested_functions

        def visit_Assign(self, stmt):
            target = stmt.targets[0]
            if not (len(stmt.targets) == 1 and isinstance(target, gast.Name)
                    and isinstance(stmt.value, gast.Lambda) and stores[target.id] == 0
                    and target.id not in values):
                return stmt
            lam = stmt.value
            body = gast.Return(value=lam.body)
            body.lineno, body.col_offset = lam.body.lineno, lam.body.col_offset
            function = gast.FunctionDef(name=target.id, args=lam.args, body=[body], decorator_list=[],
                                        returns=None, type_comment=None, type_params=[])
            function.lineno, function.col_offset = stmt.lineno, stmt.col_offset
            function.tangent_lambda = True
            return function

    node.body = [Convert().visit(stmt) for stmt in node.body]


def _parameter_names(function):
    args = function.args
    params = list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs)
    params += [arg for arg in (args.vararg, args.kwarg) if arg is not None]
    return [param.id for param in params]


def _own_names(function):
    """A nested function's parameters and the names it assigns, in order of appearance."""
    names = _parameter_names(function)
    for stmt in function.body:
        for child in gast.walk(stmt):
            if isinstance(child, gast.Name) and not isinstance(child.ctx, gast.Load):
                if child.id not in names:
                    names.append(child.id)
    return names


def _rename_own(function, renames):
    args = function.args
    for param in list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs) + [args.vararg, args.kwarg]:
        if param is not None and param.id in renames:
            param.id = renames[param.id]
    function.body = [quoting.rename(stmt, renames) for stmt in function.body]
