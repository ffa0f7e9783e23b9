"""The public entry points: grad, value_and_grad, autodiff, source."""
import functools
import inspect
import linecache
import threading

import numpy as np

from tangent import runtime
from tangent.analysis import modes
from tangent.errors import TangentError
from tangent.transform import complex_mode
from tangent.frontend.source import unwrap
from tangent.positional import needs_view, positional

_MODES = ('reverse', 'forward')
_GRADIENT_MODES = ('auto', 'reverse', 'forward')
_FORWARD_KINDS = ('forward', 'forward_value')
_ndarray = np.ndarray
# Shape specialisations made per combination of argument types. A derivative
# called with more shapes than this uses one version that reads shapes at run
# time, instead of being transformed again for every new shape.
_SHAPE_VARIANTS = 8
_MAX_KEYS = 4096


_DISPATCHER = '''\
def make(lookup, bind, build, ndarray, complete, complex_array):
    def derivative(*args, **kwargs):
        if kwargs:
            args = bind(args, kwargs)
        if len(args) == {count}:
            {names} = args
            key = ({key})
        else:
            args = complete(args)
            key = tuple([(arg.shape if arg.dtype.kind != 'c' else complex_array) if type(arg) is ndarray
                         else type(arg) for arg in args])
        impl = lookup(key)
        if impl is None:
            impl = build(args)
        return impl(*args)
    return derivative
'''
_dispatcher_makers = {}


def _dispatcher_maker(count):
    """The dispatcher's factory for a function of `count` parameters.

    The key of the usual call (all parameters passed by position) is written
    out argument by argument: a comprehension would cost more than the rest of
    the dispatch. The source is registered in linecache for tracebacks and pdb.
    """
    make = _dispatcher_makers.get(count)
    if make is None:
        names = ['arg%d' % index for index in range(count)]
        source = _DISPATCHER.format(
            count=count, names=', '.join(names) + (',' if count == 1 else '') if names else '()',
            key=', '.join("(%s.shape if %s.dtype.kind != 'c' else complex_array) if type(%s) is ndarray "
                          "else type(%s)" % (name, name, name, name)
                          for name in names) + (',' if count == 1 else ''))
        filename = '<tangent dispatcher for %d arguments>' % count
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        namespace = {}
        exec(compile(source, filename, 'exec'), namespace)  # noqa: S102 - our own template
        make = _dispatcher_makers[count] = namespace['make']
    return make


def dispatch_key(args):
    """What a derivative is specialised on: each real NumPy array's shape (complex arrays
    are all ComplexArray), every other argument's type.

    (The dispatcher computes the same key inline: a call would cost more than the key.)
    """
    return tuple([(arg.shape if arg.dtype.kind != 'c' else ComplexArray) if type(arg) is _ndarray
                  else type(arg) for arg in args])


class ComplexArray(np.ndarray):
    """Stands for "a complex NumPy array" in dispatch keys (never instantiated).

    Reverse-mode templates are written for real arithmetic; a derivative that
    sees complex values conjugates around them (see transform/complex_mode.py),
    so complex arrays get derivatives of their own.
    """


class Derivative:
    """A derivative of a Python function, generated lazily per argument types.

    Its dispatcher (what grad returns) looks at the types of the positional
    arguments and the shapes of NumPy arrays (see dispatch_key: scalar code
    needs no broadcasting bookkeeping, and neither does array code whose
    shapes are known) and transforms the function the first time a
    combination is seen. Transformations are cached and thread safe; the
    dispatcher carries this object as `__tangent__`.
    """

    def __init__(self, func, wrt, *, kind, optimized, verbose):
        self.func = func
        # kind: 'grad', 'value_and_grad', 'autodiff', 'forward', 'forward_value' or
        # 'split'; the gradients may add the mode asked for: 'grad:reverse'.
        self.kind, _, mode = kind.partition(':')
        self.mode = mode or 'auto'
        self.optimized = optimized
        self.verbose = verbose
        self.signature = inspect.signature(func)
        self.params = [p.name for p in self.signature.parameters.values()]
        self.wrt = _wrt_names(wrt, self.params, func)
        self.positions = [self.params.index(name) for name in self.wrt]
        self._impls = {}
        self._shape_variants = {}
        self._layouts = {}
        self._sources = {}
        self._last_key = None
        self._lock = threading.Lock()
        self.__signature__ = self._public_signature()

    def _public_signature(self):
        params = list(self.signature.parameters.values())
        if self.kind == 'autodiff':
            name = 'cotangent'
            while name in self.params:  # an autodiff of an autodiff: cotangent2, ...
                name = 'cotangent%d' % (int(name[9:] or 1) + 1)
            extra = [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=1.0)]
        elif self.kind in _FORWARD_KINDS:
            params = [p.replace(default=inspect.Parameter.empty) for p in params]
            taken = {p.name for p in params}
            extra = []
            for name in self.wrt:
                tangent_name = 'd' + name
                while tangent_name in taken:  # a derivative of a derivative: ddx, dddx, ...
                    tangent_name = 'd' + tangent_name
                taken.add(tangent_name)
                extra.append(inspect.Parameter(tangent_name, inspect.Parameter.POSITIONAL_OR_KEYWORD))
        else:
            return self.signature
        try:
            return self.signature.replace(parameters=params + extra)
        except ValueError:
            return self.signature

    def dispatcher(self):
        """The function users call: a closure, cheaper to call than a method."""
        make = _dispatcher_maker(len(self.__signature__.parameters))
        derivative = make(self._impls.get, self._bind, self._build, _ndarray, self._complete,
                          ComplexArray)
        for attribute in ('__module__', '__name__', '__qualname__', '__doc__'):
            setattr(derivative, attribute, getattr(self.func, attribute, None))
        derivative.__signature__ = self.__signature__
        derivative.__tangent__ = self
        return derivative

    def _complete(self, args):
        """Positional arguments, with f's defaults filled in before a forward derivative's tangents."""
        if self.kind not in _FORWARD_KINDS or len(args) < len(self.wrt):
            return args
        split = len(args) - len(self.wrt)
        try:
            bound = self.signature.bind(*args[:split])
        except TypeError as exc:
            raise TypeError('%s takes the arguments of %s, then one tangent per wrt entry (%s): %s'
                            % (self.func.__qualname__, self.func.__qualname__, ', '.join(self.wrt), exc)) from None
        bound.apply_defaults()
        return tuple(bound.args) + tuple(args[split:])

    def _bind(self, args, kwargs):
        if self.kind in _FORWARD_KINDS:
            tangent_names = list(self.__signature__.parameters)[len(self.params):]
            tangents = [kwargs.pop(name) for name in tangent_names if name in kwargs]
            if tangents:
                args = tuple(args) + tuple(tangents)
            split = len(args) - len(self.wrt)
            bound = self.signature.bind(*args[:split], **kwargs)
            bound.apply_defaults()
            return tuple(bound.args) + tuple(args[split:])
        cotangent = ()
        name = list(self.__signature__.parameters)[-1]
        if self.kind == 'autodiff' and name in kwargs:
            kwargs = dict(kwargs)
            cotangent = (kwargs.pop(name),)
        bound = self.signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return tuple(bound.args) + cotangent

    def _build(self, args):
        key = dispatch_key(args)
        used = self._served_by(key)
        with complex_mode.first_call(args):
            impl = self.impl_for_key(used)
        if used != key and len(self._impls) < _MAX_KEYS:
            self._layouts[key] = self._layouts[used]
            self._impls[key] = impl  # later calls with this shape find it directly
        self._last_key = used
        return impl

    def _served_by(self, key):
        """The key of the version that serves `key`: its own, or once a combination of
        types has been seen with many shapes, the version for those types alone."""
        types = tuple(_ndarray if isinstance(entry, tuple) else entry for entry in key)
        if key == types or key in self._impls:
            return key
        with self._lock:
            count = self._shape_variants.get(types, 0)
            if count >= _SHAPE_VARIANTS:
                return types
            self._shape_variants[types] = count + 1
        return key

    def layout_for_types(self, arg_types):
        """(generated function, position, values): the function called for arguments of
        these types, with `values` inserted at `position` (see _hidden_defaults)."""
        key = self._served_by(tuple(arg_types))
        self.impl_for_key(key)
        return self._layouts[key]

    def impl_for_key(self, key):
        with self._lock:
            impl = self._impls.get(key)
            if impl is None:
                impl, source = self._transform(key[:len(self.params)], key)
                self._impls[key] = impl
                self._sources[key] = source
        return impl

    def _transform(self, arg_types, key=None):
        from tangent import derive
        target = self.func
        inner = getattr(target, '__tangent__', None)
        position, hidden = len(self.params), ()
        if inner is not None:
            # A derivative of a derivative: transform the generated function itself.
            target, position, hidden = inner.layout_for_types(arg_types)
            if not hidden:
                position = len(self.params)
                hidden = _hidden_defaults(target, position)
            arg_types = (tuple(arg_types[:position]) + tuple(type(value) for value in hidden)
                         + tuple(arg_types[position:]))
        code = target.__code__
        names = code.co_varnames[:code.co_argcount]
        wrt = tuple(names[p if p < position else p + len(hidden)] for p in self.positions)
        if self.kind == 'split':
            (forward, backward), source = derive.reverse_split(target, wrt, arg_types,
                                                               optimized=self.optimized)
            impl = _split_call(forward, backward)
        elif self.kind in _FORWARD_KINDS:
            impl, source = derive.forward(target, wrt, arg_types, optimized=self.optimized,
                                          return_value=self.kind == 'forward_value')
        elif self._forward_gradient(key[:len(self.params)] if key else ()):
            impl = None
            try:
                impl, source = derive.forward(target, wrt, arg_types, optimized=self.optimized,
                                              return_value=self.kind == 'value_and_grad', seed=True)
            except TangentError:
                if self.mode == 'forward':
                    raise
            if impl is None:
                # Something forward mode cannot differentiate: reverse mode may, or
                # will say what it cannot (in its own words, not as a second error).
                impl, source = derive.reverse(
                    target, wrt, arg_types, optimized=self.optimized,
                    return_value=self.kind == 'value_and_grad', scalar_output=True)
        else:
            if self.kind == 'autodiff' and inner is None and key and len(key) > len(arg_types):
                arg_types = tuple(arg_types) + (key[len(arg_types)],)  # and the cotangent's
            impl, source = derive.reverse(
                target, wrt, arg_types, optimized=self.optimized,
                return_value=self.kind == 'value_and_grad', scalar_output=self.kind != 'autodiff')
        if self.verbose:
            print(source)
        if key is not None:
            self._layouts[key] = (impl, position, hidden)
        if hidden:
            impl = _with_defaults(impl, position, hidden)
        return impl, source

    def _forward_gradient(self, arg_types):
        """Whether this gradient is computed in forward mode for these argument types
        (see analysis/modes.py: one number in, a number out)."""
        if self.kind not in ('grad', 'value_and_grad') or self.mode == 'reverse':
            return False
        number = (len(self.positions) == 1 and len(arg_types) > self.positions[0]
                  and modes.is_number_type(arg_types[self.positions[0]]))
        if self.mode == 'forward':
            if not number:
                name = self.func.__qualname__
                if hasattr(self.func, '__tangent__'):
                    name = 'the derivative of %s' % name
                raise TangentError(
                    'mode="forward" computes the gradient with respect to one number; %s is '
                    'differentiated with respect to %s, given %s. Use mode="reverse" (or the '
                    'default, mode="auto") for arrays, containers and several arguments.'
                    % (name, ', '.join(self.wrt),
                       ', '.join(_type_name(arg_types[p]) if p < len(arg_types) else 'nothing'
                                 for p in self.positions)))
            return True
        if not number:
            return False
        inner = getattr(self.func, '__tangent__', None)
        target = self.func if inner is None else inner.func
        return modes.reverse_only(target, arg_types) is None

    def source(self):
        """The source of the most recently used specialisation (generic if none)."""
        with self._lock:
            key = self._last_key
            if key is None:
                impl, source = self._transform((), ())
                self._sources[()] = source
                self._last_key = ()
                return source
            return self._sources[key]

    def __repr__(self):
        return '<tangent %s of %s wrt %s>' % (self.kind, self.func.__qualname__, ', '.join(self.wrt))


class Saved:
    """What a split-motion forward pass saved: call .backward(cotangent) any number of times."""

    __slots__ = ('_backward', '_values')

    def __init__(self, backward, values):
        self._backward = backward
        self._values = values

    def backward(self, cotangent=1.0):
        return self._backward(self._values, cotangent)


def _split_call(forward, backward):
    def call(*args):
        out, values = forward(*args)
        return out, Saved(backward, values)
    call.__wrapped_impl__ = forward
    return call


def _hidden_defaults(impl, public_count):
    """Defaults of a generated function's parameters that its users never pass.

    grad(f)'s generated function takes f's arguments and then the output
    cotangent (default 1.0); a derivative of grad(f) keeps that parameter, and
    its users pass only f's arguments and their own extra ones.
    """
    code = impl.__code__
    count = code.co_argcount - public_count
    if count <= 0:
        return ()
    defaults = impl.__defaults__ or ()
    return tuple(defaults[len(defaults) - count:])


def _with_defaults(impl, position, values):
    """impl with `values` inserted as arguments at `position`."""
    def call(*args):
        return impl(*args[:position], *values, *args[position:])
    call.__wrapped_impl__ = impl
    return call


def _wrt_names(wrt, params, func):
    entries = wrt if isinstance(wrt, (tuple, list)) else (wrt,)
    if not entries:
        raise TangentError('wrt must name at least one argument of %s' % func.__qualname__)
    names = []
    for entry in entries:
        if isinstance(entry, int) and not isinstance(entry, bool):
            if not 0 <= entry < len(params):
                raise TangentError('wrt=%d is out of range: %s takes %d arguments (%s)'
                                   % (entry, func.__qualname__, len(params), ', '.join(params)))
            names.append(params[entry])
        elif isinstance(entry, str):
            if entry not in params:
                raise TangentError('wrt=%r is not a parameter of %s (%s)'
                                   % (entry, func.__qualname__, ', '.join(params)))
            names.append(entry)
        else:
            raise TangentError('wrt entries are argument positions or names, got %r' % (entry,))
    if len(set(names)) != len(names):
        raise TangentError('wrt names the same argument twice: %r' % (wrt,))
    return tuple(names)


_cache = {}
_cache_lock = threading.Lock()
_known = {}  # (function, its code, defaults, wrt, kind, ...) -> dispatcher
_FUNCTION = type(_wrt_names)


def _derivative(func, wrt, kind, optimized, verbose):
    """The dispatcher of a derivative; asking again for a plain function's costs one lookup.

    (Generated code asks for a callee's derivative at every call, also inside loops.)
    """
    if type(func) is not _FUNCTION:
        return _make_derivative(func, wrt, kind, optimized, verbose)
    try:
        key = (func, func.__code__, func.__defaults__, func.__kwdefaults__ and tuple(func.__kwdefaults__.items()),
               tuple(wrt) if isinstance(wrt, list) else wrt, kind, optimized, verbose)
        found = _known.get(key)
    except TypeError:  # an unhashable default
        return _make_derivative(func, wrt, kind, optimized, verbose)
    if found is None:
        found = _known[key] = _make_derivative(func, wrt, kind, optimized, verbose)
    return found


def _make_derivative(func, wrt, kind, optimized, verbose):
    rewrap = getattr(func, '__tangent_rewrap__', None)
    if rewrap is not None:  # a derivative of a method, partial, ...: differentiate what it wraps
        return rewrap(wrt, kind, optimized, verbose)
    if inspect.ismethod(func) and not inspect.isclass(func.__self__):
        return _method_derivative(func, wrt, kind, optimized, verbose)
    if not hasattr(func, '__tangent__') and needs_view(func):
        return _view_derivative(func, wrt, kind, optimized, verbose)
    if not hasattr(func, '__tangent__'):
        func = unwrap(func)
        if not inspect.isfunction(func):
            raise TangentError('tangent differentiates Python functions; got %r' % (func,))
    wrt_key = tuple(wrt) if isinstance(wrt, (tuple, list)) else wrt
    if hasattr(func, '__tangent__'):
        key = (func, wrt_key, kind, optimized, verbose)
    else:
        key = (func.__code__, _closure_key(func), id(func.__globals__), func.__defaults__,
               wrt_key, kind, optimized, verbose)
    derivative = _cache.get(key)
    if derivative is None:
        with _cache_lock:
            derivative = _cache.get(key)
            if derivative is None:
                derivative = Derivative(func, wrt, kind=kind, optimized=optimized,
                                        verbose=verbose).dispatcher()
                _cache[key] = derivative
    return derivative


def _method_derivative(method, wrt, kind, optimized, verbose):
    """grad(obj.method): differentiate the function with `self` bound to obj.

    `self` is held constant: the derivative is with respect to the method's own
    arguments, which `wrt` counts without `self`. Methods the body calls on self
    resolve through its class (anf.py).
    """
    params = list(inspect.signature(method).parameters)
    return _owner_bound(method.__func__, method.__self__, params, method.__qualname__,
                        wrt, kind, optimized, verbose)


def _owner_bound(function, owner, params, name, wrt, kind, optimized, verbose):
    """The derivative of `function` with `owner` passed as its first argument."""
    entries = wrt if isinstance(wrt, (tuple, list)) else (wrt,)
    shifted = []
    for entry in entries:
        if isinstance(entry, str):
            if entry not in params:
                raise TangentError('wrt=%r is not a parameter of %s (%s)'
                                   % (entry, name, ', '.join(params)))
            shifted.append(entry)
        elif isinstance(entry, int) and not isinstance(entry, bool) and entry >= 0:
            shifted.append(entry + 1)
        else:
            raise TangentError('wrt entries are argument positions or names, got %r' % (entry,))
    inner = _derivative(function, tuple(shifted) if isinstance(wrt, (tuple, list)) else shifted[0],
                        kind, optimized, verbose)

    def bound(*args, **kwargs):
        return inner(owner, *args, **kwargs)
    bound.__tangent__ = inner.__tangent__
    # A derivative of this derivative: the derivative of `inner`, with owner bound again.
    bound.__tangent_rewrap__ = functools.partial(_owner_bound, inner, owner, params, name)
    bound.__name__ = bound.__qualname__ = name
    signature = inspect.signature(inner)
    bound.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])
    return bound


def _view_derivative(func, wrt, kind, optimized, verbose):
    """The derivative of a partial, a classmethod, or a function with *args, **kwargs or
    keyword-only parameters: the derivative of its positional view (positional.py),
    called with the arguments bound the way `func` binds them.

    wrt counts func's own parameters. A position counts positional arguments as
    they are passed: for `def f(x, *xs)`, wrt=2 is xs[1]. A name may be any
    parameter's: wrt='xs' is the whole tuple, a keyword-only parameter by its name.
    """
    signature = inspect.signature(func)
    entries = _view_entries(signature, wrt, getattr(func, '__qualname__', repr(func)))
    inner = _derivative(positional(func), tuple(dict.fromkeys(name for name, _ in entries)),
                        kind, optimized, verbose)
    return _view_wrapper(func, signature, wrt, entries, inner, kind)


def _view_entries(signature, wrt, name):
    """wrt as (parameter name, index into *args or None) pairs."""
    params = list(signature.parameters.values())
    positional_names = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    varargs = next((p.name for p in params if p.kind == p.VAR_POSITIONAL), None)
    entries = []
    for entry in wrt if isinstance(wrt, (tuple, list)) else (wrt,):
        if isinstance(entry, int) and not isinstance(entry, bool):
            if 0 <= entry < len(positional_names):
                entries.append((positional_names[entry], None))
            elif entry >= len(positional_names) and varargs is not None:
                entries.append((varargs, entry - len(positional_names)))
            else:
                raise TangentError('wrt=%d is out of range: %s takes %d positional arguments (%s)'
                                   % (entry, name, len(positional_names), ', '.join(positional_names)))
        elif isinstance(entry, str):
            if entry not in signature.parameters:
                raise TangentError('wrt=%r is not a parameter of %s (%s)'
                                   % (entry, name, ', '.join(signature.parameters)))
            entries.append((entry, None))
        else:
            raise TangentError('wrt entries are argument positions or names, got %r' % (entry,))
    if not entries:
        raise TangentError('wrt must name at least one argument of %s' % name)
    if len(set(entries)) != len(entries):
        raise TangentError('wrt names the same argument twice: %r' % (wrt,))
    whole = {param for param, index in entries if index is None}
    if any(index is not None and param in whole for param, index in entries):
        raise TangentError('wrt names *%s both as a whole and by position: %r' % (varargs, wrt))
    return entries


def _view_wrapper(func, signature, wrt, entries, inner, kind):
    """What the user calls: func's arguments bound to the view's order, then `inner`."""
    names = list(dict.fromkeys(param for param, _ in entries))
    selecting = [param for param, _ in entries] != names or any(index is not None for _, index in entries)
    single = not isinstance(wrt, (tuple, list)) or len(entries) == 1

    def select(gradients):
        """The gradients in wrt's order, elements of *args picked out of its tuple."""
        if not selecting:
            return gradients
        by_name = dict(zip(names, (gradients,) if len(names) == 1 else gradients))
        picked = [by_name[param] if index is None else _element(by_name[param], index, param)
                  for param, index in entries]
        return picked[0] if single else tuple(picked)

    def flatten(args, kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return tuple(bound.arguments.values())

    public = signature
    kind = kind.partition(':')[0]  # ('grad:reverse': the mode does not change the wrapping)
    if kind in ('grad', 'split'):
        def derivative(*args, **kwargs):
            result = inner(*flatten(args, kwargs))
            if kind == 'split' and selecting:
                out, saved = result
                return out, Saved(lambda values, cotangent: select(saved.backward(cotangent)), None)
            return result if kind == 'split' else select(result)
    elif kind == 'value_and_grad':
        def derivative(*args, **kwargs):
            value, gradients = inner(*flatten(args, kwargs))
            return value, select(gradients)
    elif kind == 'autodiff':
        public, cotangent = _with_cotangent(signature)
        varargs = any(p.kind == p.VAR_POSITIONAL for p in signature.parameters.values())

        def derivative(*args, **kwargs):
            if varargs and cotangent not in kwargs:
                # *args takes every positional argument: the last one is the cotangent.
                if not args:
                    raise TangentError('pass the output cotangent as the last argument')
                return select(inner(*flatten(args[:-1], kwargs), args[-1]))
            bound = public.bind(*args, **kwargs)
            bound.apply_defaults()
            output_cotangent = bound.arguments.pop(cotangent)
            return select(inner(*bound.arguments.values(), output_cotangent))
    else:
        def derivative(*args, **kwargs):
            # Forward mode: the tangents are the last positional arguments, one per wrt entry.
            if len(args) < len(entries):
                raise TangentError('%s takes one tangent per wrt entry (%d) after its arguments'
                                   % (derivative.__qualname__, len(entries)))
            primals = flatten(args[:len(args) - len(entries)], kwargs)
            given = dict(zip(entries, args[len(args) - len(entries):]))
            tangents = [_view_tangent(param, primals[list(signature.parameters).index(param)], given)
                        for param in names]
            return inner(*primals, *tangents)

    derivative.__tangent__ = inner.__tangent__
    derivative.__name__ = getattr(func, '__name__', 'derivative')
    derivative.__qualname__ = getattr(func, '__qualname__', derivative.__name__)
    derivative.__signature__ = public
    derivative.__tangent_rewrap__ = functools.partial(_view_rewrap, func, public, entries, inner, kind)
    return derivative


def _view_rewrap(func, signature, entries, inner, inner_kind, wrt, kind, optimized, verbose):
    """A derivative of a derivative made by _view_wrapper: the derivative of its inner one."""
    if any(index is not None for _, index in entries) or inner_kind in _FORWARD_KINDS + ('split',):
        raise TangentError('a derivative of this derivative of %s is not supported: it is taken '
                           'with respect to elements of *args, or in forward mode. Give the values '
                           'named parameters.' % getattr(func, '__qualname__', func))
    entries = _view_entries(signature, wrt, getattr(func, '__qualname__', repr(func)))
    if any(index is not None for _, index in entries):
        raise TangentError('wrt entries of a derivative taken through *args must name parameters')
    outer = _derivative(inner, tuple(dict.fromkeys(name for name, _ in entries)), kind, optimized, verbose)
    return _view_wrapper(func, signature, wrt, entries, outer, kind)


def _with_cotangent(signature):
    """signature with the output cotangent added: after the positional parameters, or as
    a keyword when *args takes every positional argument (then the last positional
    argument is the cotangent, unless it is passed by keyword)."""
    name = 'cotangent'
    while name in signature.parameters:
        name = 'cotangent%d' % (int(name[9:] or 1) + 1)
    params = list(signature.parameters.values())
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        extra = inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=1.0)
        at = next((i for i, p in enumerate(params) if p.kind == p.VAR_KEYWORD), len(params))
    else:
        extra = inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=1.0)
        at = sum(1 for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
    return signature.replace(parameters=params[:at] + [extra] + params[at:]), name


def _element(gradient, index, param):
    if not 0 <= index < len(gradient):
        raise TangentError('wrt asks for *%s[%d], but only %d values were passed'
                           % (param, index, len(gradient)))
    return gradient[index]


def _view_tangent(param, value, given):
    """The tangent of one view parameter: the one given, or *args's with zeros elsewhere."""
    if (param, None) in given:
        return given[(param, None)]
    for (name, index) in given:
        if name == param and not 0 <= index < len(value):
            raise TangentError('wrt asks for *%s[%d], but only %d values were passed'
                               % (param, index, len(value)))
    return tuple(given[(param, index)] if (param, index) in given else runtime.zeros_like(item)
                 for index, item in enumerate(value))


def _type_name(entry):
    if isinstance(entry, tuple):
        return 'an array of shape %s' % (entry,)
    return 'a %s' % getattr(entry, '__name__', entry)


def _closure_key(func):
    return tuple(id(cell) for cell in func.__closure__ or ())


def grad(func=None, wrt=(0,), *, mode='auto', optimized=True, verbose=0):
    """The gradient of a scalar-valued function with respect to argument(s) `wrt`.

    `wrt` is a position, a parameter name, or a tuple of them; one entry gives
    one gradient, several a tuple in the same order. Usable as `@grad` or
    `@grad(wrt=(1,))`. The derivative is generated at the first call, for the
    types (and array shapes) of the arguments.

    mode='auto' (the default) generates forward mode when the gradient is with
    respect to one argument that is a number at the call, and reverse mode
    otherwise (see analysis/modes.py); 'reverse' and 'forward' force one.
    """
    if func is None:
        return lambda f: grad(f, wrt, mode=mode, optimized=optimized, verbose=verbose)
    return _derivative(func, wrt, _gradient_kind('grad', mode), optimized, verbose)


def value_and_grad(func=None, wrt=(0,), *, mode='auto', optimized=True, verbose=0):
    """Like grad, but returns `(value, gradient)` from one forward pass."""
    if func is None:
        return lambda f: value_and_grad(f, wrt, mode=mode, optimized=optimized, verbose=verbose)
    return _derivative(func, wrt, _gradient_kind('value_and_grad', mode), optimized, verbose)


def _gradient_kind(kind, mode):
    if mode not in _GRADIENT_MODES:
        raise TangentError('mode=%r is not available; use "auto", "reverse" or "forward"' % (mode,))
    return kind if mode == 'auto' else '%s:%s' % (kind, mode)


def autodiff(func, wrt=(0,), mode='reverse', optimized=True, verbose=0, motion='joint'):
    """A derivative of f in either mode.

    mode='reverse': a vector-Jacobian product taking f's arguments, then the
    output cotangent (default 1.0), and returning the gradients as grad does.
    mode='forward': a Jacobian-vector product taking f's positional arguments
    followed by one tangent per wrt entry, returning the output's tangent.
    motion='split' (reverse mode): a function returning (output, saved) whose
    saved.backward(cotangent) gives the gradients, as often as needed,
    without running f again.
    """
    if mode not in _MODES:
        raise TangentError('mode=%r is not available; use "reverse" or "forward"' % (mode,))
    if motion not in ('joint', 'split'):
        raise TangentError('motion=%r is not available; use "joint" or "split"' % (motion,))
    if motion == 'split':
        if mode != 'reverse':
            raise TangentError('split motion is a reverse-mode technique; use mode="reverse"')
        return _derivative(func, wrt, 'split', optimized, verbose)
    return _derivative(func, wrt, 'autodiff' if mode == 'reverse' else 'forward', optimized, verbose)


def vjp(func, *primals, wrt=(0,)):
    """Run f once; return (output, pullback) where pullback(cotangent) gives the gradients."""
    out, saved = autodiff(func, wrt=wrt, motion='split')(*primals)
    return out, saved.backward


def jvp(func, primals, tangents, wrt=(0,)):
    """(output, output tangent) of f at primals along tangents (one per wrt entry)."""
    tangents = tuple(tangents) if isinstance(tangents, (tuple, list)) else (tangents,)
    return _derivative(func, wrt, 'forward_value', True, 0)(*primals, *tangents)


def jacobian(func, wrt=0, mode='reverse'):
    """A function returning the Jacobian of f: shape output.shape + input.shape.

    mode='reverse' runs f once and pulls back one basis cotangent per output
    element; mode='forward' pushes one basis tangent per input element.
    """
    if mode not in _MODES:
        raise TangentError('mode=%r is not available; use "reverse" or "forward"' % (mode,))
    if isinstance(wrt, (tuple, list)):
        parts = [jacobian(func, entry, mode) for entry in wrt]
        return lambda *args: tuple(part(*args) for part in parts)

    def compute(*args):
        position = _position(func, wrt)
        value = args[position]
        if mode == 'reverse':
            out, pullback = vjp(func, *args, wrt=(wrt,))
            rows = [pullback(cotangent) for cotangent in _basis(out)]
            return _assemble(rows, np.shape(out), np.shape(value))
        forward = autodiff(func, wrt=(wrt,), mode='forward')
        columns = [forward(*args, direction) for direction in _basis(value)]
        out_shape = np.shape(columns[0]) if columns else ()
        return np.moveaxis(_assemble(columns, np.shape(value), out_shape),
                           list(range(len(np.shape(value)))),
                           list(range(len(out_shape), len(out_shape) + len(np.shape(value)))))
    return compute


def hvp(func, wrt=0):
    """A function (*args, v) -> H v, the Hessian of f times v, forward-over-reverse.

    It never forms H: one forward-mode pass through the generated gradient.
    """
    gradient = grad(func, wrt=wrt)
    return autodiff(gradient, wrt=wrt, mode='forward')


def hessian(func, wrt=0):
    """A function returning the Hessian of scalar f: shape input.shape + input.shape."""
    product = hvp(func, wrt)

    def compute(*args):
        value = args[_position(func, wrt)]
        columns = [product(*args, direction) for direction in _basis(value)]
        return _assemble(columns, np.shape(value), np.shape(value))
    return compute


def _position(func, wrt):
    if isinstance(wrt, int):
        return wrt
    params = list(inspect.signature(func).parameters)
    return params.index(wrt)


def _basis(value):
    """Unit vectors with the shape and type of value."""
    if isinstance(value, np.ndarray):
        for index in range(value.size):
            unit = np.zeros(value.size, dtype=value.dtype if value.dtype.kind in 'fc' else np.float64)
            unit[index] = 1.0
            yield unit.reshape(value.shape)
    else:
        yield 1.0


def _assemble(pieces, outer_shape, inner_shape):
    """Stack per-element results (outer index first) into one array."""
    array = np.array([np.asarray(piece, dtype=np.float64) for piece in pieces])
    array = array.reshape(tuple(outer_shape) + tuple(inner_shape))
    return array if array.shape else float(array)


def source(derivative):
    """The Python source of a derivative returned by grad, value_and_grad or autodiff."""
    state = getattr(derivative, '__tangent__', None)
    if not isinstance(state, Derivative):
        raise TangentError('tangent.source expects a derivative made by tangent.grad or autodiff')
    return state.source()
