"""The public entry points: grad, value_and_grad, autodiff, source."""
import inspect
import threading

import numpy as np

from tangent.errors import TangentError
from tangent.frontend.source import unwrap

_MODES = ('reverse', 'forward')
_FORWARD_KINDS = ('forward', 'forward_value')


class Derivative:
    """A derivative of a Python function, generated lazily per argument types.

    Its dispatcher (what grad returns) looks at the types of the positional
    arguments (a float and an array get different code: scalar code needs no
    broadcasting bookkeeping) and transforms the function the first time a
    combination is seen. Transformations are cached and thread safe; the
    dispatcher carries this object as `__tangent__`.
    """

    def __init__(self, func, wrt, *, kind, optimized, verbose):
        self.func = func
        self.kind = kind  # 'grad', 'value_and_grad' or 'autodiff'
        self.optimized = optimized
        self.verbose = verbose
        self.signature = inspect.signature(func)
        self.params = [p.name for p in self.signature.parameters.values()]
        self.wrt = _wrt_names(wrt, self.params, func)
        self.positions = [self.params.index(name) for name in self.wrt]
        self._impls = {}
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
        lookup = self._impls.get
        bind = self._bind
        build = self._build

        def derivative(*args, **kwargs):
            if kwargs:
                args = bind(args, kwargs)
            impl = lookup(tuple(map(type, args)))
            if impl is None:
                impl = build(args)
            return impl(*args)

        for attribute in ('__module__', '__name__', '__qualname__', '__doc__'):
            setattr(derivative, attribute, getattr(self.func, attribute, None))
        derivative.__signature__ = self.__signature__
        derivative.__tangent__ = self
        return derivative

    def _bind(self, args, kwargs):
        if self.kind in _FORWARD_KINDS:
            return self.__signature__.bind(*args, **kwargs).args
        cotangent = ()
        name = list(self.__signature__.parameters)[-1]
        if self.kind == 'autodiff' and name in kwargs:
            kwargs = dict(kwargs)
            cotangent = (kwargs.pop(name),)
        bound = self.signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return tuple(bound.args) + cotangent

    def _build(self, args):
        key = tuple(map(type, args))
        impl = self.impl_for_key(key)
        self._last_key = key
        return impl

    def layout_for_types(self, arg_types):
        """(generated function, position, values): the function called for arguments of
        these types, with `values` inserted at `position` (see _hidden_defaults)."""
        key = tuple(arg_types)
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
        else:
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


def _derivative(func, wrt, kind, optimized, verbose):
    if inspect.ismethod(func):
        return _method_derivative(func, wrt, kind, optimized, verbose)
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
    arguments, which `wrt` counts without `self`.
    """
    function, owner = method.__func__, method.__self__
    params = list(inspect.signature(method).parameters)
    entries = wrt if isinstance(wrt, (tuple, list)) else (wrt,)
    positions = []
    for entry in entries:
        if isinstance(entry, str):
            if entry not in params:
                raise TangentError('wrt=%r is not a parameter of %s (%s)'
                                   % (entry, method.__qualname__, ', '.join(params)))
            entry = params.index(entry)
        positions.append(entry + 1)
    shifted = tuple(positions) if isinstance(wrt, (tuple, list)) else positions[0]
    inner = _derivative(function, shifted, kind, optimized, verbose)

    def bound(*args, **kwargs):
        return inner(owner, *args, **kwargs)
    bound.__tangent__ = inner.__tangent__
    bound.__name__ = bound.__qualname__ = method.__qualname__
    signature = inspect.signature(inner)
    bound.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])
    return bound


def _closure_key(func):
    return tuple(id(cell) for cell in func.__closure__ or ())


def grad(func=None, wrt=(0,), *, optimized=True, verbose=0):
    """The gradient of a scalar-valued function with respect to argument(s) `wrt`.

    `wrt` is a position, a parameter name, or a tuple of them; one entry gives
    one gradient, several a tuple in the same order. Usable as `@grad` or
    `@grad(wrt=(1,))`. The derivative is generated at the first call.
    """
    if func is None:
        return lambda f: grad(f, wrt, optimized=optimized, verbose=verbose)
    return _derivative(func, wrt, 'grad', optimized, verbose)


def value_and_grad(func=None, wrt=(0,), *, optimized=True, verbose=0):
    """Like grad, but returns `(value, gradient)` from one forward pass."""
    if func is None:
        return lambda f: value_and_grad(f, wrt, optimized=optimized, verbose=verbose)
    return _derivative(func, wrt, 'value_and_grad', optimized, verbose)


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
