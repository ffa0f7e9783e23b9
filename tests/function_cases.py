"""Functions in all their forms: nested defs, lambdas, partials, signatures, methods, builtins.

tests/test_functions.py differentiates these; the refused ones are at the end,
each with the offending construct on a line the test finds by its text.
"""
import functools

import numpy as np


# Nested defs and lambdas: inlined where they are called.


def nested_statements(x, y):
    a = 2.0

    def g(t, k=3.0):
        u = t * a
        if u > 1.0:
            return u * k  # an early return
        for i in range(3):
            u = u + t * i
        return u
    a = 1.5  # late binding: g reads a when it is called
    return g(x) + g(y, k=x)


def nested_default_at_definition(x, y):
    scale = y * 2.0

    def g(t, k=scale):  # the default is the value of scale here, as in Python
        return t * k
    scale = 100.0
    return g(x) + scale * 0.0


def nested_loop_with_break(x, n):
    def first_above(v, limit):
        total = 0.0
        for i in range(n):
            total = total + v * i
            if total > limit:
                break
        return total
    return first_above(x, 2.0) * first_above(x * 0.5, 1.0)


def nested_called_in_loop(x):
    def step(s, t):
        return np.sin(s) * t + s

    s = x
    for i in range(3):
        s = step(s, x)
    return s


def nested_calls_nested(x, y):
    def square(t):
        return t * t

    def norm(a, b):
        return np.sqrt(square(a) + square(b))
    return norm(x, y) * square(x)


def nested_signatures(x, y):
    def combine(*parts, scale=1.0, **extra):
        total = 0.0
        for part in parts:
            total = total + part
        return total * scale + extra['shift']
    return combine(x, y, x * y, scale=y, shift=x * x) + combine(y, shift=1.0)


def nested_on_arrays(W, x):
    def layer(v):
        return np.tanh(W @ v)
    return np.sum(layer(layer(x)) ** 2)


def nested_same_names(x):
    t = x * 2.0

    def g(x):  # its parameter shadows the enclosing x
        t = x * 3.0
        return t + 1.0
    return g(t) * t


def lambdas_redefined(x):
    g = lambda t: t * 2.0  # noqa: E731
    a = g(x)
    g = lambda t: np.sin(t) * a  # noqa: E731
    return g(x) + a


def lambda_with_default(x, y):
    f = lambda t, k=y: t * k  # noqa: E731
    return f(x) + f(x, k=x)


# Callees with keyword-only parameters, defaults, *args and **kwargs.


def scaled(x, *, scale=2.0):
    return x * scale


def gathered(*xs):
    total = 0.0
    for i, v in enumerate(xs):
        total = total + v * (i + 1.0)
    return total


def with_options(x, **opts):
    return x * opts['w'] + opts['b']


def everything(a, b=1.0, *rest, scale=2.0, **extra):
    total = a * b
    for r in rest:
        total = total + r * r
    return total * scale + (extra['bias'] if 'bias' in extra else 0.0)


def calls_keyword_only(x, y):
    return scaled(x, scale=y) + scaled(y) * scaled(x=x, scale=3.0)


def calls_varargs(x, y):
    return gathered(x, y, 2.0) + gathered() + gathered(y)


def passes_tuple_on(x, y):
    values = (x, y * y)
    return gathered(*values) * x


def calls_kwargs(x, y):
    return with_options(x, w=y, b=x * x)


def passes_dict_on(x, y):
    options = {'w': y, 'b': 1.0}
    return with_options(x, **options)


def calls_everything(x, y):
    return everything(x, y, x, y, scale=x, bias=y) + everything(y)


def forwards_varargs(*xs):
    return gathered(*xs)


def top_keyword_only(x, *, scale=2.0):
    return x * x * scale


def top_varargs(*xs):
    return xs[0] * xs[1] ** 2


def top_mixed(a, *xs, s=1.0, **kw):
    return a * xs[0] * s + kw['b'] * a


# functools.partial objects.


def base(a, y, z=1.0):
    return a * y * z ** 2


fixed_z = functools.partial(base, z=3.0)
fixed_a = functools.partial(base, 2.0)


def calls_partials(x, y):
    return fixed_z(x, y) + fixed_a(x, z=y)


def make_closure_partial(scale):
    inner = functools.partial(base, scale)

    def uses_closure(x):
        return inner(x, x)
    return uses_closure


# Methods.


class Model:
    def __init__(self, w):
        self.w = w

    def helper(self, x):
        return x * self.w

    def loss(self, x):
        return self.helper(x) * x + self.static_square(x) + self.cubed_twice(x) + Model.cubed_twice(x)

    def keyword_loss(self, x, *, k=1.0):
        return self.w * x ** 3 * k

    @staticmethod
    def static_square(x):
        return x * x

    @classmethod
    def cubed_twice(cls, x):
        return cls.cube(x) * 2.0

    @classmethod
    def cube(cls, x):
        return x * x * x


class Scaled(Model):
    def helper(self, x):  # self.helper(x) in loss must find this one
        return np.sin(x) * self.w


model = Model(3.0)


class Unseen:
    """Differentiated only by tangent.source, before any call."""

    def helper(self, x):
        return x

    def loss(self, x):
        return self.helper(x) * x


def calls_global_method(x):
    return model.loss(x) + Model.static_square(x)


# Builtins max, min and sum over several values.


def builtin_extrema(x, y, z):
    return max(x, y, z) * min([x, y, 1.0]) + max((x, 0.5))


def builtin_sums(x, y):
    return sum([x, y * y]) * sum((x,)) + sum([x, y], 1.0)


def extrema_of_sequence(xs):
    return max(xs) * min(xs)


def sum_of_sequence(xs):
    return np.sum(sum(xs) * sum(xs, 0.5))


def extrema_of_generator(x):
    return max(x * i - i * i for i in range(4)) + min(np.sin(x * i) for i in range(1, 4))


def tie_first(x, y):
    return max(x, y, x) + max([y, x])


# Refused.


def recursive_nested(x):
    def fact(n):
        return x if n == 0 else fact(n - 1) * x
    return fact(3)


def nested_returned(x):
    def g(t):
        return t * x
    return g


def nested_passed_to_map(x):
    def g(t):
        return t * x
    return sum(map(g, [x, 2.0]))


def nested_decorated(x):
    @functools.lru_cache
    def g(t):
        return t * x
    return g(x)


def nested_nonlocal(x):
    total = 0.0

    def add(t):
        nonlocal total
        total = total + t
    add(x)
    return total


def nested_inside_nested(x):
    def outer(t):
        def inner(u):
            return u * 2.0
        return inner(t)
    return outer(x)


def nested_redefined_in_branch(x):
    def g(t):
        return t
    if x > 0.0:
        def g(t):  # noqa: F811
            return t * 2.0
    return g(x)


def nested_called_too_early(x, n):
    y = x
    for i in range(n):
        if i > 0:
            y = g(y)  # noqa: F821

        def g(t):
            return t * x
    return y


def nested_bad_call(x):
    def g(t, u):
        return t * u
    return g(x)


def fixed_pair(a, b):
    return a * b


def starred_into_fixed(x, y):
    values = (x, y)
    return fixed_pair(*values)


def mapping_into_named(x, y):
    options = {'scale': y}
    return everything(x, **options)


def starred_into_numpy(x, y):
    values = (x, y)
    return np.sum(np.stack(*values))


def max_with_key(x, y):
    return max([x, y], key=abs)


fills_varargs = functools.partial(gathered, 1.0)


def calls_partial_filling_varargs(x):
    return fills_varargs(x)


def passes_extra(x, **opts):
    return x * opts['w']


into_kwargs = functools.partial(passes_extra, w=2.0)


class Opaque:
    """A callable object: not a method defined with def."""

    def __call__(self, x):
        return x


class WithCallableAttribute:
    scale = Opaque()

    def loss(self, x):
        return self.scale(x) * x


def nested_local_arrays(x):
    def smooth(v):
        buf = np.zeros(3)
        for i in range(3):
            buf[i] = v[i] * (i + 1.0)
        return buf.sum() * v.T[0]
    return smooth(x) + smooth(x * x)


def lambda_of_temporary(x):
    first = lambda t: t.T[0] * t.sum()  # noqa: E731
    return first(x * x) + first(np.sin(x))


def reassigns_fixed(a, x):
    a = a * 2.0
    return a * x


fixed_then_reassigned = functools.partial(reassigns_fixed, 3.0)


class Square:
    """Used by one test only: tangent.source shows the derivative built last."""

    def side(self, x):
        return x

    def area(self, x):
        return self.side(x) ** 2


class BigSquare(Square):
    def side(self, x):
        return 2.0 * x
