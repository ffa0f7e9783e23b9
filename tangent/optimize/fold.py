"""Constant folding and algebraic identities (x * 1, x + 0, x ** 1, -(-x))."""
import inspect
import operator

import gast

from tangent import quoting
from tangent.rules import registry
from tangent.transform.template import zero_derivative

_EVALUATE = {gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
             gast.Div: operator.truediv, gast.Pow: operator.pow}


def fold(function, scope):
    """Fold in place; returns whether anything changed."""
    folder = _Folder(scope)
    folder.visit(function)
    return folder.changed


def _tangent_package():
    import tangent
    return tangent


def _is_zero(node):
    return getattr(node, 'tangent_zero', False)


def _number(node):
    if isinstance(node, gast.Constant) and isinstance(node.value, (int, float)) \
            and not isinstance(node.value, bool):
        return node.value
    return None


class _Folder(gast.NodeTransformer):
    def __init__(self, scope):
        self.scope = scope
        self.changed = False
        self.tangent = scope.bind('tangent', _tangent_package())

    def visit(self, node):
        if getattr(node, 'tangent_primal', False) and not isinstance(node, (gast.If, gast.For, gast.While)):
            return node  # `x * 1.0` in the user's code may convert an int: leave it alone
        result = super().visit(node)
        if result is not node:
            self.changed = True
        return result

    def visit_Call(self, node):
        """Drop trailing arguments equal to the callee's defaults (templates pass them all)."""
        self.generic_visit(node)
        function = self.scope.resolve(node.func) if isinstance(node.func, (gast.Name, gast.Attribute)) else None
        positions = registry.zero_preserving_positions(function) if function is not None else ()
        if any(position < len(node.args) and _is_zero(node.args[position]) for position in positions):
            return zero_derivative()
        module = getattr(function, '__module__', None) or ''
        if not (module == 'tangent.runtime' or module.startswith('numpy')):
            return node
        try:
            parameters = list(inspect.signature(function).parameters.values())
        except (TypeError, ValueError):
            return node
        defaults = {p.name: p.default for p in parameters if p.default is not inspect.Parameter.empty}
        kept = [kw for kw in node.keywords if not (
            kw.arg in defaults and isinstance(kw.value, gast.Constant)
            and type(kw.value.value) is type(defaults[kw.arg]) and kw.value.value == defaults[kw.arg])]
        if len(kept) != len(node.keywords):
            node.keywords = kept
            self.changed = True
        if module != 'tangent.runtime':
            return node
        while node.args and len(node.args) <= len(parameters):
            parameter = parameters[len(node.args) - 1]
            last = node.args[-1]
            if (parameter.default is inspect.Parameter.empty or not isinstance(last, gast.Constant)
                    or last.value is not parameter.default and last.value != parameter.default
                    or type(last.value) is not type(parameter.default)):
                break
            node.args.pop()
            self.changed = True
        return node

    def visit_Assign(self, node):
        self.generic_visit(node)
        if getattr(node, 'tangent_fresh', False) and not isinstance(node.value, (gast.BinOp, gast.UnaryOp)):
            # The simplified value may be another gradient's object: copy it, since
            # the code that follows updates this one in place.
            node.value = gast.Call(func=quoting.expression('%s.copy' % self.tangent), args=[node.value],
                                   keywords=[])
            node.tangent_fresh = False
            self.changed = True
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        left, right = _number(node.left), _number(node.right)
        op = type(node.op)
        if op in (gast.Add, gast.Sub) and _is_zero(node.left) and _is_zero(node.right):
            return zero_derivative()  # still known to be zero, so still absorbing
        if left is not None and right is not None and op in _EVALUATE:
            try:
                value = _EVALUATE[op](left, right)
            except (ArithmeticError, ValueError):
                return node
            if isinstance(value, (int, float)) and abs(value) < 1e15:
                return gast.Constant(value=value, kind=None)
            return node
        if op in (gast.Mult, gast.MatMult) and (_is_zero(node.left) or _is_zero(node.right)) \
                or op is gast.Div and _is_zero(node.left):
            return zero_derivative()  # a product with a derivative known to be zero
        if op in (gast.Add, gast.Sub) and _is_zero(node.right):
            return node.left
        if op is gast.Add and _is_zero(node.left):
            return node.right
        if op is gast.Sub and _is_zero(node.left):
            return gast.UnaryOp(op=gast.USub(), operand=node.right)
        if op is gast.Mult:
            if right == 1:
                return node.left
            if left == 1:
                return node.right
            if right == -1:
                return gast.UnaryOp(op=gast.USub(), operand=node.left)
            if left == -1:
                return gast.UnaryOp(op=gast.USub(), operand=node.right)
        if op in (gast.Div, gast.Pow) and right == 1:
            return node.left
        if op is gast.Add:
            if right == 0:
                return node.left
            if left == 0:
                return node.right
        if op is gast.Sub:
            if right == 0:
                return node.left
            if left == 0:
                return gast.UnaryOp(op=gast.USub(), operand=node.right)
        return node

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, gast.USub):
            inner = node.operand
            if isinstance(inner, gast.UnaryOp) and isinstance(inner.op, gast.USub):
                return inner.operand
            if (isinstance(inner, gast.BinOp) and isinstance(inner.op, (gast.Mult, gast.Div))
                    and isinstance(inner.left, gast.UnaryOp) and isinstance(inner.left.op, gast.USub)):
                inner.left = inner.left.operand  # -(-a * b) -> a * b
                self.changed = True
                return inner
            if _is_zero(inner):
                return inner
            value = _number(inner)
            if value is not None:
                return gast.Constant(value=-value, kind=None)
        return node

    def visit_If(self, node):
        self.generic_visit(node)
        if isinstance(node.test, gast.Constant) and isinstance(node.test.value, bool):
            chosen = node.body if node.test.value else node.orelse
            return chosen or [gast.Pass()]
        return node
