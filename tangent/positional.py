"""Positional views: any callable as a function whose parameters are all positional.

A derivative passes arguments by position: it takes the function's arguments,
then a cotangent (reverse mode) or tangents (forward mode). Functions with
keyword-only parameters, *args or **kwargs, functools.partial objects and bound
methods do not fit that directly, so tangent differentiates their view:

    def h(x, *xs, scale=2.0, **opts)        view:  h(x, xs, scale, opts)
    functools.partial(h, 1.0, scale=3.0)    view:  h(xs, scale, opts)
    model.loss  (def loss(self, x))         view:  loss(x)

Every parameter of the callable's signature is one positional parameter of
the view, in the same order; `xs` is the tuple and `opts` the dict that the
function receives. Calling the view calls the callable. Its derivative is
generated from the function's own source with the parameter list flattened
(derive.py), and the leading arguments a bound method or a partial supplies
(`self`, `cls`, the partial's positional arguments) become constants of the
derivative, read from closure cells.

Views are cached per callable, so `tangent.positional(h)` in generated code
finds the same view, and with it the same derivative, at every call.
"""
import dataclasses
import functools
import inspect
import threading
import weakref

from tangent.errors import TangentError
from tangent.frontend.arguments import POSITIONAL, VAR_KEYWORD, VAR_POSITIONAL, is_positional


@dataclasses.dataclass(frozen=True)
class View:
    """What a view stands for: `function` with its leading parameters fixed to `static`."""

    function: object        # the Python function whose source is differentiated
    static: tuple           # (parameter name, value) pairs fixed by a bound method or a partial
    parameters: tuple       # the view's parameter names, in the callable's signature order


def needs_view(callable_):
    """Whether a derivative of `callable_` goes through its positional view."""
    if isinstance(callable_, functools.partial) or inspect.ismethod(callable_):
        return True
    try:
        return not is_positional(inspect.signature(callable_).parameters.values())
    except (TypeError, ValueError):
        return False


_views = weakref.WeakKeyDictionary()    # callable -> view (functions, partials)
_method_views = weakref.WeakKeyDictionary()   # method function -> {owner or id(owner): view}
_strong = {}  # views of methods of objects that cannot be weakly referenced
_lock = threading.Lock()


def positional(callable_):
    """The view of `callable_`: a function taking every parameter by position (cached)."""
    with _lock:
        view = _cached(callable_)
        if view is None:
            view = _make_view(callable_)
            _store(callable_, view)
    return view


def _cached(callable_):
    if inspect.ismethod(callable_):
        owners = _method_views.get(callable_.__func__)
        if owners is None:
            return None
        owner = callable_.__self__
        try:
            return owners.get(owner)
        except TypeError:
            entry = _strong.get((id(callable_.__func__), id(owner)))
            return entry[1] if entry is not None and entry[0] is owner else None
    try:
        return _views.get(callable_)
    except TypeError:
        return None


def _store(callable_, view):
    if inspect.ismethod(callable_):
        owners = _method_views.setdefault(callable_.__func__, weakref.WeakKeyDictionary())
        owner = callable_.__self__
        try:
            owners[owner] = view
        except TypeError:  # the owner has __slots__ without __weakref__: keep it alive
            _strong[(id(callable_.__func__), id(owner))] = (owner, view)
        return
    try:
        _views[callable_] = view
    except TypeError:
        pass


def view_of(func):
    """The View a function made by `positional` stands for, or None."""
    return getattr(func, '__tangent_view__', None)


def _make_view(callable_):
    function, static = unbind(callable_)
    signature = inspect.signature(callable_)
    names = tuple(signature.parameters)
    flat = _flat_names(function)
    positional_count = sum(1 for p in inspect.signature(function).parameters.values()
                           if p.kind in POSITIONAL)
    if len(static) > positional_count:
        raise TangentError('%r fills the *args of %s with fixed values, which tangent cannot '
                           'differentiate; pass those values when calling it instead.'
                           % (callable_, function.__qualname__))
    named = {p.name for p in inspect.signature(function).parameters.values()
             if p.kind not in (VAR_POSITIONAL, VAR_KEYWORD)}
    if tuple(flat[len(static):]) != names or not set(_partial_keywords(callable_)) <= named:
        raise TangentError('%r passes keyword arguments that %s gathers in **kwargs; tangent '
                           'differentiates the function from its source, where they are not '
                           'parameters. Pass them when calling it instead.'
                           % (callable_, function.__qualname__))
    view = _compile_view(callable_, function, signature)
    view.__tangent_view__ = View(function, tuple(zip(flat, static)), names)
    return view


def unbind(callable_):
    """(Python function, the values fixed for its leading parameters) behind a callable."""
    from tangent.frontend.source import unwrap
    if isinstance(callable_, functools.partial):
        function, static = unbind(callable_.func)
        return function, static + list(callable_.args)
    if inspect.ismethod(callable_):
        function, static = unbind(callable_.__func__)
        return function, static + [callable_.__self__]
    function = unwrap(callable_)
    if not inspect.isfunction(function):
        raise TangentError('tangent differentiates Python functions; got %r' % (callable_,))
    return function, []


def _partial_keywords(callable_):
    """The keyword arguments partials in front of a function fix."""
    keywords = {}
    while isinstance(callable_, functools.partial) or inspect.ismethod(callable_):
        if isinstance(callable_, functools.partial):
            keywords.update(callable_.keywords)
            callable_ = callable_.func
        else:
            callable_ = callable_.__func__
    return keywords


def _flat_names(function):
    return [parameter.name for parameter in inspect.signature(function).parameters.values()]


def _compile_view(callable_, function, signature):
    """def <name>(a, xs, k, opts): return target(a, *xs, k=k, **opts)"""
    params, arguments = [], []
    for parameter in signature.parameters.values():
        name = parameter.name
        params.append(name)
        if parameter.kind in POSITIONAL:
            arguments.append(name)
        elif parameter.kind == VAR_POSITIONAL:
            arguments.append('*' + name)
        elif parameter.kind == VAR_KEYWORD:
            arguments.append('**' + name)
        else:
            arguments.append('%s=%s' % (name, name))
    name = function.__name__
    if not name.isidentifier():  # a lambda: named as tangent names the lambda's own derivative
        name = 'lambda_%d' % function.__code__.co_firstlineno
    source = 'def %s(%s):\n    return __tangent_target__(%s)\n' % (
        name, ', '.join(params), ', '.join(arguments))
    namespace = {'__tangent_target__': callable_}
    exec(compile(source, '<tangent view of %s>' % function.__qualname__, 'exec'), namespace)
    view = namespace[name]
    view.__qualname__ = getattr(callable_, '__qualname__', function.__qualname__)
    view.__module__ = function.__module__
    view.__doc__ = function.__doc__
    return view
