"""Kind and shape inference: which variables are scalars or arrays, and of what shape.

Derivatives are generated per combination of argument types seen at call
time, and for NumPy arrays per shape (see api.dispatch_key), so the
transformation knows which parameters are Python/NumPy scalars and the exact
shape of each array. This analysis carries that forward: a product of two
scalars is a scalar, so its adjoint needs no `unbroadcast` and its gradient
accumulates with plain `+`; `a + b` of two arrays of the same shape
broadcasts nothing, so neither operand's gradient needs summing.

Every variable gets a kind (SCALAR, ARRAY, NUMERIC, UNKNOWN) and a shape: a
tuple of ints, INT (an integer scalar, shape ()), ITEM (an element of an
array, shape ()), or None (not known). Shapes
are only ever computed from shapes the dispatcher saw, and an operation the
analysis does not model gives None: a wrong shape would mean a wrong
gradient, a missing one only a slower one.
"""
import inspect
import numbers
import operator
import threading
import weakref

import gast
import numpy

from tangent.analysis import cfg

SCALAR = 'scalar'    # a 0-d number (Python or NumPy scalar)
ARRAY = 'array'      # a numpy.ndarray
NUMERIC = 'numeric'  # a scalar or an array
UNKNOWN = 'unknown'  # anything else (containers, user objects, ...)

INT = 'int'          # the shape of an integer scalar (a valid index; shape ())
ITEM = 'item'        # the shape of one element read from an array (a NumPy scalar; shape ())

_NUMERIC_KINDS = (SCALAR, ARRAY, NUMERIC)
# NumPy functions whose results are tuples or lists rather than arrays.
_NON_ARRAY_RESULTS = frozenset({numpy.split, numpy.array_split, numpy.hsplit, numpy.vsplit,
                                numpy.dsplit, numpy.nonzero, numpy.shape, numpy.broadcast_arrays,
                                numpy.meshgrid, numpy.linalg.eigh, numpy.linalg.svd, numpy.linalg.qr,
                                numpy.linalg.slogdet, numpy.linalg.lstsq})
# Reductions that return a scalar when called without an axis.
_FULL_REDUCTIONS = frozenset({numpy.sum, numpy.mean, numpy.prod, numpy.max, numpy.min, numpy.var,
                              numpy.std, numpy.linalg.norm, numpy.vdot})
# Reductions whose result shape follows `axis` and `keepdims`.
_AXIS_REDUCTIONS = frozenset({numpy.sum, numpy.mean, numpy.prod, numpy.max, numpy.min, numpy.amax,
                              numpy.amin, numpy.var, numpy.std})
# Functions returning an array of their (only) argument's shape.
_SAME_SHAPE = frozenset({numpy.zeros_like, numpy.ones_like, numpy.empty_like, numpy.copy,
                         numpy.array, numpy.asarray})


class Described(str):
    """A kind that also carries what the dispatcher saw of the argument's shape.

    Equal to the plain kind (`Described(ARRAY, (3, 4)) == ARRAY`), so code that
    only asks for the kind never notices; Kinds reads `.shape`.
    """

    def __new__(cls, kind, shape):
        described = str.__new__(cls, kind)
        described.shape = shape
        return described


def kind_of_type(descriptor):
    """The kind of an argument from its dispatch descriptor (a type, or an ndarray's shape)."""
    if isinstance(descriptor, tuple):
        return Described(ARRAY, descriptor)  # an exact numpy.ndarray of this shape
    if issubclass(descriptor, numpy.ndarray):
        return ARRAY
    if issubclass(descriptor, (int, numpy.integer)) and not issubclass(descriptor, (bool, numpy.bool_)):
        return Described(SCALAR, INT)
    if issubclass(descriptor, (numbers.Number, numpy.number, numpy.bool_)):
        return SCALAR
    return UNKNOWN


def is_numeric(kind):
    return kind in _NUMERIC_KINDS


def join(a, b):
    if a is None:
        return b
    if b is None or a == b:
        return a
    if a in _NUMERIC_KINDS and b in _NUMERIC_KINDS:
        return NUMERIC
    return UNKNOWN


def join_shapes(a, b):
    if a == b:
        return a
    if {a, b} <= {INT, ITEM, ()}:
        return ()
    return None


def _join_values(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return join(a[0], b[0]), join_shapes(a[1], b[1])


def _join_facts(left, right):
    left, right = dict(left), dict(right)
    return frozenset((key, _join_values(left.get(key), right.get(key))) for key in set(left) | set(right))


class KindMap(dict):
    """The kinds of the variables at one point (var -> kind); `.shapes` holds their shapes."""

    def __init__(self, fact):
        super().__init__((var, value[0]) for var, value in fact)
        self.shapes = {var: value[1] for var, value in fact if value[1] is not None}


class Seq:
    """The shape of a tuple or list literal of arrays: the shapes of its elements."""

    __slots__ = ('elements',)

    def __init__(self, elements):
        self.elements = tuple(elements)

    def __eq__(self, other):
        return isinstance(other, Seq) and other.elements == self.elements

    def __hash__(self):
        return hash(('seq', self.elements))

    def __repr__(self):
        return 'Seq%r' % (self.elements,)


def rank(shape):
    """The number of dimensions of a known shape (INT and ITEM count as 0), else None."""
    if shape == INT or shape == ITEM:
        return 0
    return len(shape) if isinstance(shape, tuple) else None


def dims(shape):
    """A known shape as a tuple (INT and ITEM become ()), else None."""
    if shape == INT or shape == ITEM:
        return ()
    return shape if isinstance(shape, tuple) else None


def broadcast(*shapes):
    """NumPy's broadcast of known shapes, or None if one is unknown or they do not fit."""
    tuples = [dims(shape) for shape in shapes]
    if any(shape is None for shape in tuples):
        return None
    size = max(len(shape) for shape in tuples)
    result = []
    for axis in range(size):
        extent = 1
        for shape in tuples:
            offset = axis - (size - len(shape))
            if offset < 0:
                continue
            this = shape[offset]
            if this != 1:
                if extent != 1 and extent != this:
                    return None
                extent = this
        result.append(extent)
    return tuple(result)


def matmul_shape(a, b):
    a, b = dims(a), dims(b)
    if a is None or b is None or not a or not b:
        return None
    if len(a) == 1 and len(b) == 1:
        return () if a == b else None
    if len(b) == 1:
        return a[:-1] if a[-1] == b[0] else None
    if len(a) == 1:
        return b[:-2] + b[-1:] if a[0] == b[-2] else None
    if a[-1] != b[-2]:
        return None
    batch = broadcast(a[:-2], b[:-2])
    return None if batch is None else batch + (a[-2], b[-1])


class Kinds:
    """The kind and shape of every variable before and after every statement.

    `facts[node]` is (before, after), each a frozenset of (variable, kind)
    pairs; `values[node]` the same with (kind, shape) pairs.
    """

    def __init__(self, graph, params, scope):
        self.scope = scope
        initial = frozenset((name, (str(kind), getattr(kind, 'shape', () if kind == SCALAR else None)))
                            for name, kind in params.items())
        self.values = cfg.solve(graph, self._transfer_with(initial, graph), _join_facts, frozenset())
        self.facts = {node: (_kinds_only(before), _kinds_only(after))
                      for node, (before, after) in self.values.items()}

    def _transfer_with(self, initial, graph):
        def transfer(node, fact):
            if node is graph.entry:
                return initial
            return self._transfer(node, fact)
        return transfer

    def _transfer(self, node, fact):
        stmt = node.stmt
        env = dict(fact)
        if node.kind == 'for':
            env[stmt.target.id] = (SCALAR, INT)  # range() yields ints
        elif isinstance(stmt, gast.Assign):
            target = stmt.targets[0]
            if isinstance(target, gast.Name):
                if getattr(stmt, 'tangent_pair', None) is not None:
                    pass  # a restore brings back an earlier value of the same variable
                elif isinstance(stmt.value, gast.Constant) and stmt.value.value is None:
                    env.pop(target.id, None)  # a placeholder, not a value of any kind
                else:
                    env[target.id] = self.value(stmt.value, env)
            elif isinstance(target, (gast.Tuple, gast.List)):
                for name in cfg.names_in(target):
                    env.pop(name, None)
        return frozenset(env.items())

    def before(self, graph, stmt):
        return KindMap(self.values[graph.by_stmt[id(stmt)]][0])

    def after(self, graph, stmt):
        return KindMap(self.values[graph.by_stmt[id(stmt)]][1])

    def expression(self, expr, env):
        """The kind of `expr` where the variables have the kinds in `env` (a KindMap or a dict)."""
        return self.value(expr, values_of(env))[0]

    def shape(self, expr, env):
        """The shape of `expr` (a tuple, INT, or None) with the variables as in `env`."""
        return self.value(expr, values_of(env))[1]

    def variable_shapes(self):
        """{variable: shape} for the variables that have one known shape wherever they are set."""
        joined = {}
        for before, after in self.values.values():
            for fact in (before, after):
                for var, value in fact:
                    if var in joined:
                        joined[var] = _join_values(joined[var], value)
                    else:
                        joined[var] = value
        return {var: value for var, value in joined.items() if value[1] is not None}

    # Expressions: (kind, shape)

    def value(self, expr, env):
        if isinstance(expr, gast.Constant):
            constant = expr.value
            if isinstance(constant, bool):
                return SCALAR, ()
            if isinstance(constant, int):
                return SCALAR, INT
            if isinstance(constant, float):
                return SCALAR, ()
            return UNKNOWN, None
        if isinstance(expr, gast.Name):
            if expr.id in env:
                kind, shape = env[expr.id]
                return kind or UNKNOWN, shape
            return self._global_value(expr)
        if isinstance(expr, gast.BinOp):
            return self._binop_value(expr, env)
        if isinstance(expr, gast.UnaryOp):
            if isinstance(expr.op, gast.Not):
                return UNKNOWN, None
            return self.value(expr.operand, env)
        if isinstance(expr, gast.Call):
            return self._call_value(expr, env)
        if isinstance(expr, gast.Subscript):
            return self._subscript_value(expr, env)
        if isinstance(expr, gast.Attribute):
            return self._global_value(expr)
        if isinstance(expr, gast.Compare) and len(expr.comparators) == 1:
            left, right = self.value(expr.left, env), self.value(expr.comparators[0], env)
            if is_numeric(left[0]) and is_numeric(right[0]):
                return UNKNOWN, broadcast(left[1], right[1])
            return UNKNOWN, None
        if isinstance(expr, (gast.Tuple, gast.List)):
            values = [self.value(elt, env) for elt in expr.elts]
            if values and all(is_numeric(kind) and dims(shape) is not None for kind, shape in values):
                return UNKNOWN, Seq(dims(shape) for _, shape in values)
            return UNKNOWN, None
        return UNKNOWN, None

    def _binop_value(self, expr, env):
        left_kind, left_shape = self.value(expr.left, env)
        right_kind, right_shape = self.value(expr.right, env)
        if not (is_numeric(left_kind) and is_numeric(right_kind)):
            return UNKNOWN, None
        if left_kind == SCALAR and right_kind == SCALAR:
            if left_shape == INT and right_shape == INT and isinstance(
                    expr.op, (gast.Add, gast.Sub, gast.Mult, gast.FloorDiv, gast.Mod)):
                return SCALAR, INT
            return SCALAR, ()
        if isinstance(expr.op, gast.MatMult):
            shape = matmul_shape(left_shape, right_shape)
            return _refine(NUMERIC, shape), shape
        kind = ARRAY if ARRAY in (left_kind, right_kind) else NUMERIC
        return _refine(kind, broadcast(left_shape, right_shape)), broadcast(left_shape, right_shape)

    def _global_value(self, expr):
        value = self.scope.resolve(expr)
        if isinstance(value, (float, int, numpy.number)) and not isinstance(value, bool):
            return SCALAR, ()
        if isinstance(value, numpy.ndarray):
            return ARRAY, None  # a global can be rebound: its shape is not part of the key
        return UNKNOWN, None

    def _subscript_value(self, expr, env):
        base_kind, base_shape = self.value(expr.value, env)
        if not is_numeric(base_kind):
            return UNKNOWN, None
        if base_kind != ARRAY or not isinstance(base_shape, tuple):
            return NUMERIC, None
        shape, all_integers = _index_shape(base_shape, expr.slice, lambda node: self.value(node, env))
        if shape is None:
            return NUMERIC, None
        if all_integers and shape == ():
            return SCALAR, ITEM  # every axis indexed by an integer: a NumPy scalar
        return _refine(NUMERIC, shape), shape

    def _call_value(self, expr, env):
        function = self.scope.resolve(expr.func)
        arg_values = [self.value(arg, env) for arg in expr.args]
        arg_kinds = [kind for kind, _ in arg_values]
        shapes = [shape for _, shape in arg_values]
        keywords = {kw.arg: kw.value for kw in expr.keywords}
        if isinstance(function, numpy.ufunc):
            if all(kind == SCALAR for kind in arg_kinds):
                return SCALAR, ()
            if not all(is_numeric(kind) for kind in arg_kinds):
                return UNKNOWN, None
            shape = broadcast(*shapes) if not keywords and len(expr.args) == function.nin else None
            return _refine(NUMERIC, shape), shape
        module = getattr(function, '__module__', None) or ''
        try:
            hashable = hash(function) is not None
        except TypeError:
            hashable = False
        if hashable and function in _FULL_REDUCTIONS and len(expr.args) == 1 \
                and set(keywords) <= {'dtype', 'keepdims'} and _is_false(keywords.get('keepdims')):
            return SCALAR, ()
        if hashable and function in _AXIS_REDUCTIONS and len(expr.args) == 1 and arg_kinds[0] == ARRAY:
            shape = _reduced_shape(shapes[0], keywords)
            return _refine(NUMERIC, shape), shape
        if function is len:
            return SCALAR, INT
        if function is int:
            return SCALAR, INT if arg_kinds and arg_kinds[0] == SCALAR else ()
        if module == 'math' or function in (float, abs):
            return (SCALAR, ()) if all(kind == SCALAR for kind in arg_kinds) else (UNKNOWN, None)
        if module.startswith('numpy') and hashable and function not in _NON_ARRAY_RESULTS:
            shape = self._numpy_shape(function, expr, arg_values, keywords)
            return _refine(NUMERIC, shape), shape
        if module == 'tangent.runtime':
            return self._runtime_value(function, arg_values)
        like = getattr(function, 'tangent_result_like', None)
        if like is not None and like < len(arg_values) and arg_values[like][0] == ARRAY:
            # A rules helper that returns an array of one argument's shape (tie weights, masks).
            return arg_values[like]
        if inspect.isfunction(function) and not hasattr(function, '__tangent__'):
            return _callee_value(function, expr, arg_values, keywords, lambda node: self.value(node, env))
        return UNKNOWN, None

    @staticmethod
    def _numpy_shape(function, expr, arg_values, keywords):
        shapes = [shape for _, shape in arg_values]
        kinds = [kind for kind, _ in arg_values]
        count = len(expr.args)
        if function in _SAME_SHAPE and count == 1 and kinds[0] == ARRAY and set(keywords) <= {'dtype'}:
            return dims(shapes[0])
        if function is numpy.transpose and count == 1 and not keywords and kinds[0] == ARRAY:
            shape = dims(shapes[0])
            return None if shape is None else shape[::-1]
        if function in (numpy.matmul, numpy.dot) and count == 2 and not keywords \
                and all(kind == ARRAY for kind in kinds):
            if function is numpy.dot and any(rank(shape) is None or rank(shape) > 2 for shape in shapes):
                return None
            return matmul_shape(*shapes)
        if function in (numpy.stack, numpy.concatenate) and count == 1 and set(keywords) <= {'axis'} \
                and isinstance(shapes[0], Seq):
            axis = _constant_int(keywords.get('axis'), 0)
            return _joined_shape(function, shapes[0].elements, axis)
        if function in (numpy.where, numpy.clip) and count == 3 and not keywords \
                and all(shape is not None and not isinstance(shape, Seq) for shape in shapes):
            return broadcast(*shapes)
        return None

    @staticmethod
    def _runtime_value(function, arg_values):
        """Helpers that give their result the shape of one argument (derivatives of derivatives)."""
        from tangent import runtime
        if function is runtime.reduced_count:
            return SCALAR, INT
        positions = {runtime.unbroadcast: 1, runtime.copy: 0, runtime.zeros_like: 0,
                     runtime.matmul_adjoint_a: 1, runtime.matmul_adjoint_b: 2, runtime.unreduce: 1,
                     runtime.broadcast_like: 1}
        position = positions.get(function)
        if position is None or position >= len(arg_values):
            return UNKNOWN, None
        kind, shape = arg_values[position]
        if not is_numeric(kind):
            return UNKNOWN, None
        if function is runtime.unreduce:
            return _refine(NUMERIC, dims(shape)), dims(shape)  # a number spread over x: an array
        return kind, shape


class ShapeFacts:
    """What the optimiser may assume about the names of a generated function.

    A variable with one known shape wherever it is assigned keeps it in the
    whole generated function (restores bring back values it had), and so does
    its gradient (or tangent): derivative names get their variable's value.
    """

    def __init__(self, kinds, dnames):
        self.kinds = kinds
        values = kinds.variable_shapes()
        self.values = dict(values)
        for var, dvar in dnames.items():
            if var in values and dvar not in values:
                self.values[dvar] = values[var]

    @classmethod
    def of(cls, mode, function):
        """The facts for the function a transformation (reverse or forward mode) generated.

        A reverse-mode function's last parameter is the output cotangent, whose
        kind the mode knows (mode.output_cotangent_kind()); forward mode has none.
        """
        facts = cls(mode.kinds, mode.dnames)
        cotangent = mode.output_cotangent_kind()
        if cotangent is not None and function.args.args:
            facts.values[function.args.args[-1].id] = (
                str(cotangent), getattr(cotangent, 'shape', () if cotangent == SCALAR else None))
        return facts

    def cover(self, function):
        """Treat every other name `function` assigns or takes as unknown (not as a global)."""
        for node in gast.walk(function):
            if isinstance(node, gast.Name) and not isinstance(node.ctx, gast.Load):
                self.values.setdefault(node.id, (UNKNOWN, None))

    def value(self, expr):
        """(kind, shape) of an expression of generated code."""
        return self.kinds.value(expr, self.values)


def values_of(env):
    """A var -> (kind, shape) view of a KindMap, or of a plain var -> kind dict."""
    shapes = getattr(env, 'shapes', None)
    if shapes is None:
        return {var: (kind, () if kind == SCALAR else None) for var, kind in env.items()}
    return {var: (kind, shapes.get(var)) for var, kind in env.items()}


def _kinds_only(fact):
    return frozenset((var, value[0]) for var, value in fact)


def _refine(kind, shape):
    """An operation on arrays whose result has at least one axis gives an array."""
    if kind == NUMERIC and isinstance(shape, tuple) and shape:
        return ARRAY
    return kind


def _is_false(node):
    return node is None or (isinstance(node, gast.Constant) and node.value is False)


def _constant_int(node, default=None):
    if node is None:
        return default
    if isinstance(node, gast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        inner = _constant_int(node.operand)
        return None if inner is None else -inner
    return None


def _reduced_shape(shape, keywords):
    shape = dims(shape)
    if shape is None or not set(keywords) <= {'axis', 'keepdims'}:
        return None
    keepdims = keywords.get('keepdims')
    if keepdims is not None and not (isinstance(keepdims, gast.Constant) and isinstance(keepdims.value, bool)):
        return None
    keep = keepdims is not None and keepdims.value
    axis = keywords.get('axis')
    if axis is None or (isinstance(axis, gast.Constant) and axis.value is None):
        axes = list(range(len(shape)))
    elif isinstance(axis, gast.Tuple):
        axes = [_constant_int(elt) for elt in axis.elts]
    else:
        axes = [_constant_int(axis)]
    if any(a is None or not -len(shape) <= a < len(shape) for a in axes):
        return None
    axes = {a % len(shape) for a in axes}
    if keep:
        return tuple(1 if index in axes else extent for index, extent in enumerate(shape))
    return tuple(extent for index, extent in enumerate(shape) if index not in axes)


def _joined_shape(function, elements, axis):
    if axis is None or not elements or any(rank(shape) is None for shape in elements):
        return None
    first = elements[0]
    if function is numpy.stack:
        if any(shape != first for shape in elements):
            return None
        if not -len(first) - 1 <= axis <= len(first):
            return None
        axis = axis % (len(first) + 1)
        return first[:axis] + (len(elements),) + first[axis:]
    if not first or not -len(first) <= axis < len(first):
        return None
    axis = axis % len(first)
    rest = [shape[:axis] + shape[axis + 1:] for shape in elements]
    if any(len(shape) != len(first) or other != rest[0] for shape, other in zip(elements, rest)):
        return None
    return first[:axis] + (sum(shape[axis] for shape in elements),) + first[axis + 1:]


def index_shape(shape, index):
    """The shape of array[index] for an index of constants and slices, or None."""
    return _index_shape(shape, index, lambda node: (UNKNOWN, None))[0]


def _index_shape(shape, index, value_of):
    """(shape of array[index], whether every index was an integer), or (None, False)."""
    elements = index.elts if isinstance(index, gast.Tuple) else [index]
    consumed = 0
    for element in elements:
        if _is_constant(element, None) or _is_constant(element, Ellipsis):
            continue
        consumed += 1
    if consumed > len(shape) or sum(_is_constant(e, Ellipsis) for e in elements) > 1:
        return None, False
    out = []
    axis = 0
    all_integers = True
    for element in elements:
        if _is_constant(element, None):
            out.append(1)
            all_integers = False
        elif _is_constant(element, Ellipsis):
            fill = len(shape) - consumed
            out.extend(shape[axis:axis + fill])
            axis += fill
            all_integers = False
        elif isinstance(element, gast.Slice):
            bounds = [_constant_int(part) if part is not None else None
                      for part in (element.lower, element.upper, element.step)]
            if any(part is not None and bound is None
                   for part, bound in zip((element.lower, element.upper, element.step), bounds)):
                return None, False
            if bounds[2] == 0:
                return None, False
            out.append(len(range(shape[axis])[slice(*bounds)]))
            axis += 1
            all_integers = False
        else:
            constant = _constant_int(element)
            if constant is not None:
                if not -shape[axis] <= constant < shape[axis]:
                    return None, False  # raises IndexError
            elif value_of(element) != (SCALAR, INT):
                return None, False  # an array, a list, a float or a bool: not a plain index
            axis += 1
    out.extend(shape[axis:])
    return tuple(out), all_integers


def _is_constant(node, value):
    return isinstance(node, gast.Constant) and node.value is value


# Calls to the user's own functions: the kind and shape of what they return.

_callee_cache = weakref.WeakKeyDictionary()  # function -> {argument values: (kind, shape)}
_callee_state = threading.local()
_CALLEE_DEPTH = 4


def _callee_value(function, call, arg_values, keywords, value_of):
    """(kind, shape) of a user function's result, from an analysis of its body."""
    try:
        signature = inspect.signature(function)
        bound = signature.bind(*arg_values, **{name: value_of(node) for name, node in keywords.items()})
    except (TypeError, ValueError):
        return UNKNOWN, None
    params = {}
    for parameter in signature.parameters.values():
        if parameter.kind not in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            return UNKNOWN, None
        if parameter.name in bound.arguments:
            params[parameter.name] = bound.arguments[parameter.name]
        elif parameter.default is not parameter.empty:
            default = parameter.default
            if isinstance(default, bool) or not isinstance(default, (int, float)):
                return UNKNOWN, None
            params[parameter.name] = (SCALAR, INT if isinstance(default, int) else ())
    key = tuple(sorted(params.items(), key=operator.itemgetter(0)))
    try:
        cached = _callee_cache.setdefault(function, {})
    except TypeError:
        return UNKNOWN, None
    if key in cached:
        return cached[key]
    active = getattr(_callee_state, 'active', None)
    if active is None:
        active = _callee_state.active = []
    if function in active or len(active) >= _CALLEE_DEPTH:
        return UNKNOWN, None  # recursion: nothing is known
    active.append(function)
    try:
        result = _analyse_callee(function, params)
    except Exception:  # noqa: BLE001 - a function tangent cannot read has an unknown result;
        result = UNKNOWN, None  # the transformation reports the problem when it differentiates it
    finally:
        active.pop()
    cached[key] = result
    return result


def _analyse_callee(function, params):
    from tangent import derive
    normalized = derive.normalize(function)
    names = [arg.id for arg in normalized.node.args.args]
    if set(names) != set(params):
        return UNKNOWN, None
    graph = cfg.Graph(normalized.node.body)
    kinds = Kinds(graph, {name: Described(*params[name]) for name in names}, normalized.scope)
    ret = normalized.node.body[-1]
    if not isinstance(ret, gast.Return) or ret.value is None:
        return UNKNOWN, None
    return kinds.value(ret.value, dict(kinds.values[graph.by_stmt[id(ret)]][0]))
