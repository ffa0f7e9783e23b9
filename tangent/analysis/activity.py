"""Activity analysis: which statements need derivative code.

A variable is *varied* at a point if its value there depends differentiably on
an input we differentiate with respect to, and *useful* if its value there
influences the output differentiably. Only statements whose target is both
get adjoint code; an integer loop counter, a shape, or a comparison never does.
"""
import gast

from tangent.analysis import cfg
from tangent.rules import registry

METADATA_ATTRIBUTES = frozenset({'shape', 'ndim', 'size', 'dtype'})


class Activity:
    def __init__(self, graph, scope, wrt_names, output_name):
        self.graph = graph
        self.scope = scope
        self.varied = cfg.solve(graph, self._varied_transfer(set(wrt_names)), _union, frozenset())
        self.useful = cfg.solve(graph, self._useful_transfer(output_name), _union, frozenset(),
                                backward=True)

    def varied_before(self, stmt):
        return self.varied[self.graph.by_stmt[id(stmt)]][0]

    def varied_after(self, stmt):
        return self.varied[self.graph.by_stmt[id(stmt)]][1]

    def useful_after(self, stmt):
        return self.useful[self.graph.by_stmt[id(stmt)]][0]

    def is_active(self, stmt):
        """Whether an assignment's result carries a derivative to the output."""
        target = assigned_name(stmt)
        if target is None:
            return False
        return target in self.varied_after(stmt) and target in self.useful_after(stmt)

    def _varied_transfer(self, wrt):
        graph = self.graph

        def transfer(node, fact):
            if node is graph.entry:
                return frozenset(wrt)
            stmt = node.stmt
            if node.kind == 'for':
                return fact - {stmt.target.id}
            if not isinstance(stmt, gast.Assign):
                return fact
            target = stmt.targets[0]
            flows = bool(self.differentiable_inputs(stmt.value) & fact)
            if isinstance(target, gast.Name):
                return (fact | {target.id}) if flows else (fact - {target.id})
            base = target.value.id  # x[i] = v: x keeps its other elements
            return (fact | {base}) if flows else fact
        return transfer

    def _useful_transfer(self, output_name):
        def transfer(node, fact):
            stmt = node.stmt
            if isinstance(stmt, gast.Return):
                return fact | cfg.names_in(stmt.value)
            if not isinstance(stmt, gast.Assign):
                return fact
            target = stmt.targets[0]
            if isinstance(target, gast.Name):
                if target.id not in fact:
                    return fact
                return (fact - {target.id}) | self.differentiable_inputs(stmt.value)
            base = target.value.id
            if base not in fact:
                return fact
            return fact | self.differentiable_inputs(stmt.value)
        return transfer

    def differentiable_inputs(self, expr):
        """Names in `expr` through which a derivative can flow."""
        if isinstance(expr, gast.Name):
            return {expr.id} if expr.id in self.scope.locals else set()
        if isinstance(expr, gast.BinOp):
            if registry.is_non_differentiable(type(expr.op)):
                return set()
            return self.differentiable_inputs(expr.left) | self.differentiable_inputs(expr.right)
        if isinstance(expr, gast.UnaryOp):
            if registry.is_non_differentiable(type(expr.op)):
                return set()
            return self.differentiable_inputs(expr.operand)
        if isinstance(expr, gast.Call):
            function = self.scope.resolve(expr.func)
            if registry.is_non_differentiable(function):
                return set()
            names = set()
            inert = registry.inert_positions(function)
            for position, arg in enumerate(expr.args):
                if position not in inert:
                    names |= self.differentiable_inputs(arg)
            for keyword in expr.keywords:
                names |= self.differentiable_inputs(keyword.value)
            return names
        if isinstance(expr, gast.Starred):
            return self.differentiable_inputs(expr.value)  # h(*xs): the elements of xs
        if isinstance(expr, gast.Subscript):
            return self.differentiable_inputs(expr.value)
        if isinstance(expr, gast.Attribute):
            if expr.attr in METADATA_ATTRIBUTES:
                return set()
            return self.differentiable_inputs(expr.value)
        if isinstance(expr, (gast.Tuple, gast.List)):
            names = set()
            for elt in expr.elts:
                names |= self.differentiable_inputs(elt)
            return names
        if isinstance(expr, gast.Dict):
            names = set()
            for value in expr.values:
                names |= self.differentiable_inputs(value)
            return names
        return set()  # constants, comparisons, boolean logic


def assigned_name(stmt):
    """The variable an assignment writes (the array, for x[i] = v), else None."""
    if not isinstance(stmt, gast.Assign):
        return None
    target = stmt.targets[0]
    if isinstance(target, gast.Name):
        return target.id
    if isinstance(target, gast.Subscript) and isinstance(target.value, gast.Name):
        return target.value.id
    return None


def _union(a, b):
    return a | b
