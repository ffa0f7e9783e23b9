"""The pipeline: parse, normalise, analyse, transform, optimise, compile."""
import dataclasses
import threading
import weakref

import gast
import numpy

from tangent.analysis import cfg
from tangent.analysis import kinds as kinds_module
from tangent import quoting
from tangent.backend import codegen
from tangent.frontend import anf, desugar, idioms, nested, source
from tangent.frontend.resolve import Scope
from tangent.naming import Namer
from tangent.optimize import optimize
from tangent.positional import view_of
from tangent.transform import complex_mode
from tangent.transform.forward import ForwardMode
from tangent.transform.reverse import SPLIT, ReverseMode


@dataclasses.dataclass
class Normalized:
    node: gast.FunctionDef
    origin: source.Origin
    scope: Scope
    namer: Namer
    conditions: set
    generated: bool  # tangent wrote this function (a derivative being differentiated again)


_parsed = weakref.WeakKeyDictionary()
_parse_lock = threading.Lock()


def _parse(func):
    """The parsed, checked function tree (cached per code object)."""
    code = func.__code__
    with _parse_lock:
        cached = _parsed.get(code)
    if cached is None:
        view = view_of(func)
        if view is None:
            cached = source.parse_function(func)
        else:
            # A positional view (positional.py): the function's own source, with its
            # parameters flattened and the ones a method or partial fixes taken out.
            node, origin = source.parse_function(view.function)
            desugar.flatten_parameters(node, view, origin)
            cached = node, origin
        with _parse_lock:
            _parsed[code] = cached
    node, origin = cached
    return quoting.clone(node), origin


def parse_with_scope(func):
    """(syntax tree, Scope) of a user function, from the parse cache; None without source.

    For analyses that only read a callee (is it pure? can it make complex values?).
    """
    try:
        node, _ = _parse(func)
    except Exception:  # noqa: BLE001 - no source, a builtin, a generated view: nothing is known
        return None
    return node, Scope(func, node)


def normalize(func, arg_types=None):
    """Parse `func` and bring it into A-normal form.

    arg_types: the types of the arguments the derivative is for, through which
    methods called on parameters (`self.helper(x)`) are resolved; None when the
    function is only checked (a callee, before it is called).
    """
    node, origin = _parse(func)
    nested.isolate_nested_functions(node)
    view = view_of(func)
    scope = Scope(view.function if view is not None else func, node)
    if view is not None:
        scope.extra.update(view.static)  # `self`, `cls`, a partial's arguments: constants
    names = {child.id for child in gast.walk(node) if isinstance(child, gast.Name)}
    namer = Namer(names | set(scope.locals))
    desugar.lower_annotations(node)
    desugar.lower_comprehensions(node, namer, scope)
    scope.locals = scope.locals | {child.id for child in gast.walk(node)
                                   if isinstance(child, gast.Name) and not isinstance(child.ctx, gast.Load)}
    nested.check_nested_functions(node, origin)
    desugar.check_supported(node, origin, scope)
    idioms.cut_logsumexp_shift(node, scope, namer, _argument_types(node, arg_types))
    nested.lower_nested_functions(node, namer, scope)
    desugar.lower_returns(node, namer)
    desugar.canonicalize_loops(node, namer, scope)
    desugar.lower_jumps(node, namer)
    scope.locals = scope.locals | {child.id for child in gast.walk(node)
                                   if isinstance(child, gast.Name) and not isinstance(child.ctx, gast.Load)}
    normalizer = anf.Normalizer(scope, origin, namer, _argument_types(node, arg_types))
    normalizer.function(node)
    scope.locals = scope.locals | {child.id for child in gast.walk(node)
                                   if isinstance(child, gast.Name) and not isinstance(child.ctx, gast.Load)}
    return Normalized(node, origin, scope, namer, normalizer.conditions,
                      hasattr(func, '__tangent_ast__'))


def _argument_types(node, arg_types):
    """{parameter: type of its argument}, or None when the types are not known."""
    if arg_types is None:
        return None
    params = [arg.id for arg in node.args.args]
    # NumPy arrays are keyed by their shape (api.dispatch_key).
    return {name: numpy.ndarray if isinstance(cls, tuple) else cls
            for name, cls in zip(params, arg_types) if isinstance(cls, (type, tuple))}


def _may_see_complex(normalized, arg_types):
    """Whether complex values may flow through this derivative (see transform/complex_mode.py)."""
    return (any(complex_mode.is_complex_type(descriptor) for descriptor in arg_types or ())
            or complex_mode.containers_hold_complex()
            or complex_mode.makes_complex(normalized.node, normalized.scope))


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
    (None when unknown; an ndarray's entry is its shape, see api.dispatch_key),
    possibly followed by the cotangent's. Returns (derivative function, its source).
    """
    normalized = normalize(func, arg_types)
    params, param_kinds = _param_kinds(normalized, arg_types)
    mode = ReverseMode(normalized, list(wrt), param_kinds, return_value=return_value,
                       scalar_output=scalar_output)
    mode.complex_mode = _may_see_complex(normalized, arg_types)
    if len(arg_types) > len(params) and arg_types[len(params)] is not None:
        mode.cotangent_kind = kinds_module.kind_of_type(arg_types[len(params)])
    function, _ = mode.transform()
    defaults = tuple(func.__defaults__ or ()) + (1.0,)
    return _finish(function, normalized, params, mode, optimized, defaults)


def reverse_split(func, wrt, arg_types, *, optimized=True):
    """Split motion: (forward, backward) functions and their sources.

    forward(*args) returns (output, saved); backward(saved, cotangent) returns
    the gradients and may be called any number of times with the same saved
    values: it works on copies of what it consumes (the stack, arrays it restores).
    """
    normalized = normalize(func, arg_types)
    params, param_kinds = _param_kinds(normalized, arg_types)
    mode = ReverseMode(normalized, list(wrt), param_kinds, split=True)
    mode.complex_mode = _may_see_complex(normalized, arg_types)
    function, cotangent = mode.transform()
    _optimized(function, normalized, params, mode, optimized)
    forward_node, backward_node = split_function(function, params, cotangent, mode.stack,
                                                 normalized.namer, mode.helper, set(mode.dnames.values()))
    forward_impl, forward_source = codegen.compile_function(
        forward_node, normalized.scope, normalized.origin, tuple(func.__defaults__ or ()))
    backward_impl, backward_source = codegen.compile_function(
        backward_node, normalized.scope, normalized.origin, ())
    return (forward_impl, backward_impl), forward_source + '\n\n' + backward_source


def split_function(function, params, cotangent, stack, namer, helper, derivative_names):
    """Cut a joint-motion function at its split marker into forward and backward."""
    body = function.body
    (marker,) = [index for index, stmt in enumerate(body) if _is_split_marker(stmt)]
    forward_body, backward_body = body[:marker], body[marker + 1:]
    result = backward_body[-1].value  # (value, gradients)
    value, gradients = result.elts
    backward_body[-1] = gast.Return(value=gradients)
    assigned = set(params)
    for stmt in forward_body:
        assigned |= {node.id for node in gast.walk(stmt)
                     if isinstance(node, gast.Name) and not isinstance(node.ctx, gast.Load)}
    graph = cfg.Graph(backward_body)
    live = cfg.solve(graph, lambda node, fact: (fact - node.kills) | node.uses,
                     lambda a, b: a | b, frozenset(), backward=True)
    saved_names = sorted((live[graph.entry][1] & assigned) - {cotangent})
    saved = namer.fresh('saved')
    forward_body.append(gast.Return(value=gast.Tuple(elts=[value, gast.Tuple(
        elts=[quoting.name(name) for name in saved_names], ctx=gast.Load())], ctx=gast.Load())))
    forward_node = gast.FunctionDef(name=function.name + '_forward', args=quoting.clone(function.args),
                                    body=forward_body, decorator_list=[], returns=None,
                                    type_comment=None, type_params=[])
    forward_node.args.args = forward_node.args.args[:-1]  # no cotangent
    forward_node.args.defaults = forward_node.args.defaults[:-1]
    prologue = []
    if saved_names:
        prologue.append(gast.Assign(targets=[gast.Tuple(elts=[quoting.name(name, store=True)
                                                              for name in saved_names], ctx=gast.Store())],
                                    value=quoting.name(saved), type_comment=None))
    written = {stmt.targets[0].value.id for stmt in gast.walk(gast.Module(body=backward_body, type_ignores=[]))
               if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Subscript)
               and isinstance(stmt.targets[0].value, gast.Name)}
    for name in saved_names:
        # The backward pass consumes the stack and restores arrays in place: work on
        # copies so the same saved values serve every call.
        if name == stack:
            # Arrays popped from the stack may be written into as well (x = pop();
            # x[i] = pop()), so copy them too when the backward pass writes into any.
            copier = 'copy_stack' if written - derivative_names else 'Stack'
            prologue.append(quoting.assign(name, gast.Call(func=helper(copier), args=[quoting.name(name)],
                                                           keywords=[])))
        elif name in written:
            prologue.append(quoting.assign(name, gast.Call(func=helper('copy'), args=[quoting.name(name)],
                                                           keywords=[])))
    backward_args = gast.arguments(
        args=[quoting.name(saved, store=False), quoting.name(cotangent, store=False)],
        posonlyargs=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
    for arg in backward_args.args:
        arg.ctx = gast.Param()
    backward_node = gast.FunctionDef(name=function.name + '_backward', args=backward_args,
                                     body=prologue + backward_body, decorator_list=[], returns=None,
                                     type_comment=None, type_params=[])
    return forward_node, backward_node


def _is_split_marker(stmt):
    return (isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Call)
            and isinstance(stmt.value.func, gast.Name) and stmt.value.func.id == SPLIT)


def forward(func, wrt, arg_types, *, optimized=True, return_value=False, seed=False):
    """Generate, optimise and compile the forward-mode derivative (a Jacobian-vector product).

    seed=True: the gradient of a scalar function of one number (tangent.grad's
    forward mode), which takes f's arguments only.
    """
    normalized = normalize(func, arg_types)
    params, param_kinds = _param_kinds(normalized, arg_types)
    mode = ForwardMode(normalized, list(wrt), param_kinds, return_value=return_value, seed=seed,
                       scalar_output=seed)
    function = mode.transform()
    return _finish(function, normalized, params, mode, optimized, ())


def _finish(function, normalized, params, mode, optimized, defaults):
    _optimized(function, normalized, params, mode, optimized)
    return codegen.compile_function(function, normalized.scope, normalized.origin, defaults)


def _optimized(function, normalized, params, mode, optimized):
    """Unshare the generated tree and optimise it in place (parameters are protected)."""
    normalized.scope.reserved |= set(normalized.namer.taken)
    quoting.unshare(function)
    if optimized:
        protected = set(params) - set(mode.dnames.values())
        optimize(function, normalized.scope, protected=frozenset(protected),
                 facts=kinds_module.ShapeFacts.of(mode, function))
