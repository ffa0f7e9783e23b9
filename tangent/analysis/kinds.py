"""Kind inference: which variables are scalars, arrays, or unknown.

Derivatives are generated per combination of argument types seen at call time,
so the transformation knows which parameters are Python/NumPy scalars. This
analysis carries that forward: a product of two scalars is a scalar, so its
adjoint needs no `unbroadcast` and its gradient accumulates with plain `+`.
"""
import numbers

import gast
import numpy

from tangent.analysis import cfg

SCALAR = 'scalar'    # a 0-d number (Python or NumPy scalar)
ARRAY = 'array'      # a numpy.ndarray
NUMERIC = 'numeric'  # a scalar or an array
UNKNOWN = 'unknown'  # anything else (containers, user objects, ...)

_NUMERIC_KINDS = (SCALAR, ARRAY, NUMERIC)
# NumPy functions whose results are tuples or lists rather than arrays.
_NON_ARRAY_RESULTS = frozenset({numpy.split, numpy.array_split, numpy.hsplit, numpy.vsplit,
                                numpy.dsplit, numpy.nonzero, numpy.shape, numpy.broadcast_arrays,
                                numpy.meshgrid, numpy.linalg.eigh, numpy.linalg.svd, numpy.linalg.qr,
                                numpy.linalg.slogdet, numpy.linalg.lstsq})
# Reductions that return a scalar when called without an axis.
_FULL_REDUCTIONS = frozenset({numpy.sum, numpy.mean, numpy.prod, numpy.max, numpy.min, numpy.var,
                              numpy.std, numpy.linalg.norm, numpy.vdot})


def kind_of_type(cls):
    if issubclass(cls, numpy.ndarray):
        return ARRAY
    if issubclass(cls, (numbers.Number, numpy.number, numpy.bool_)):
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


def _join_facts(left, right):
    left, right = dict(left), dict(right)
    return frozenset((key, join(left.get(key), right.get(key))) for key in set(left) | set(right))


class Kinds:
    """The kind of every variable before and after every statement."""

    def __init__(self, graph, params, scope):
        self.scope = scope
        initial = frozenset(params.items())
        self.facts = cfg.solve(graph, self._transfer_with(initial, graph), _join_facts, frozenset())

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
            env[stmt.target.id] = SCALAR  # range() yields ints
        elif isinstance(stmt, gast.Assign):
            target = stmt.targets[0]
            if isinstance(target, gast.Name):
                if getattr(stmt, 'tangent_pair', None) is not None:
                    pass  # a restore brings back an earlier value of the same variable
                elif isinstance(stmt.value, gast.Constant) and stmt.value.value is None:
                    env.pop(target.id, None)  # a placeholder, not a value of any kind
                else:
                    env[target.id] = self.expression(stmt.value, env)
        return frozenset(env.items())

    def before(self, graph, stmt):
        return dict(self.facts[graph.by_stmt[id(stmt)]][0])

    def after(self, graph, stmt):
        return dict(self.facts[graph.by_stmt[id(stmt)]][1])

    def expression(self, expr, env):
        if isinstance(expr, gast.Constant):
            return SCALAR if isinstance(expr.value, (int, float)) else UNKNOWN
        if isinstance(expr, gast.Name):
            if expr.id in env:
                return env[expr.id] or UNKNOWN
            return self._global_kind(expr)
        if isinstance(expr, gast.BinOp):
            left = self.expression(expr.left, env)
            right = self.expression(expr.right, env)
            if left == SCALAR and right == SCALAR:
                return SCALAR
            if is_numeric(left) and is_numeric(right):
                return ARRAY if ARRAY in (left, right) and not isinstance(expr.op, gast.MatMult) else NUMERIC
            return UNKNOWN
        if isinstance(expr, gast.UnaryOp):
            return self.expression(expr.operand, env) if not isinstance(expr.op, gast.Not) else UNKNOWN
        if isinstance(expr, gast.Call):
            return self._call_kind(expr, env)
        if isinstance(expr, gast.Subscript):
            return NUMERIC if is_numeric(self.expression(expr.value, env)) else UNKNOWN
        if isinstance(expr, gast.Attribute):
            return self._global_kind(expr)
        return UNKNOWN

    def _global_kind(self, expr):
        value = self.scope.resolve(expr)
        if isinstance(value, (float, int, numpy.number)) and not isinstance(value, bool):
            return SCALAR
        if isinstance(value, numpy.ndarray):
            return ARRAY
        return UNKNOWN

    def _call_kind(self, expr, env):
        function = self.scope.resolve(expr.func)
        arg_kinds = [self.expression(arg, env) for arg in expr.args]
        if isinstance(function, numpy.ufunc):
            if all(kind == SCALAR for kind in arg_kinds):
                return SCALAR
            return NUMERIC if all(is_numeric(kind) for kind in arg_kinds) else UNKNOWN
        module = getattr(function, '__module__', None) or ''
        if function in _FULL_REDUCTIONS and not any(kw.arg == 'axis' for kw in expr.keywords) \
                and len(expr.args) == 1:
            return SCALAR
        if module == 'math' or function in (float, abs):
            return SCALAR if all(kind == SCALAR for kind in arg_kinds) else UNKNOWN
        if module.startswith('numpy') and function not in _NON_ARRAY_RESULTS:
            return NUMERIC
        return UNKNOWN
