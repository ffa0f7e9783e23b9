"""Instantiating derivative templates: substitute real names for the template's."""

import gast

from tangent import quoting
from tangent.errors import TangentError
from tangent.frontend.resolve import MISSING


def zero_derivative():
    """A literal 0.0 standing for a derivative known to be zero.

    Only these zeros are folded as absorbing (0 * x -> 0): a zero the user wrote
    keeps the shape it gives `0.0 * x`.
    """
    zero = gast.Constant(value=0.0, kind=None)
    zero.tangent_zero = True
    return zero


def is_zero_derivative(node):
    return getattr(node, 'tangent_zero', False)


def zero_rule(node, scope):
    """node with a derivative known to be zero absorbed (`0 * x` -> 0, `x + 0` -> x), or None.

    What a zero derivative means, not an optimisation: a forward-mode template
    term `d[y] * z * log(x)` with d[y] zero contributes nothing, even where
    log(x) is nan. Used by forward mode and by the optimiser's fold.
    """
    if isinstance(node, gast.BinOp):
        left, right = is_zero_derivative(node.left), is_zero_derivative(node.right)
        op = node.op
        if isinstance(op, (gast.Add, gast.Sub)) and left and right:
            return zero_derivative()
        if isinstance(op, (gast.Mult, gast.MatMult)) and (left or right) \
                or isinstance(op, gast.Div) and left:
            return zero_derivative()
        if isinstance(op, (gast.Add, gast.Sub)) and right:
            return node.left
        if isinstance(op, gast.Add) and left:
            return node.right
        if isinstance(op, gast.Sub) and left:
            return gast.UnaryOp(op=gast.USub(), operand=node.right)
    elif isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub) and is_zero_derivative(node.operand):
        return node.operand
    elif isinstance(node, gast.Call) and isinstance(node.func, (gast.Name, gast.Attribute)):
        from tangent.rules import registry
        function = scope.resolve(node.func)
        if function is not MISSING:
            positions = registry.zero_preserving_positions(function)
            if any(position < len(node.args) and is_zero_derivative(node.args[position])
                   for position in positions):
                return zero_derivative()
    return None


def absorb_zeros(expr, scope):
    """expr with every zero_rule applied, innermost first."""
    return _AbsorbZeros(scope).visit(expr)


class _AbsorbZeros(gast.NodeTransformer):
    def __init__(self, scope):
        self.scope = scope

    def generic_visit(self, node):
        node = super().generic_visit(node)
        replaced = zero_rule(node, self.scope)
        return node if replaced is None else replaced


class Contribution:
    """`d[var] = expr` in a template: add expr to the gradient of `var`."""

    __slots__ = ('var', 'expr')

    def __init__(self, var, expr):
        self.var = var
        self.expr = expr


def bind_arguments(template, args, keywords, where):
    """Map the template's parameters to the call's argument nodes (defaults as constants)."""
    try:
        bound = template.signature.bind(None, *args, **keywords)
    except TypeError as exc:
        raise TangentError('%s: the derivative template %s does not accept these arguments (%s)'
                           % (where, template.name, exc)) from None
    bound.apply_defaults()
    bindings = {}
    for name, value in list(bound.arguments.items())[1:]:
        if isinstance(value, gast.AST):
            bindings[name] = value
        else:
            bindings[name] = gast.Constant(value=value, kind=None)
    return bindings


def instantiate(template, result, bindings, cotangent, derivative_of, namer, scope):
    """The template's statements with names substituted.

    result: name of the primitive's output; bindings: parameter -> atom node;
    cotangent: name holding d[result] (reverse mode); derivative_of(name): the
    derivative variable of a primal name, or None where it is zero.
    Returns a list of gast statements and Contribution objects, in order.
    """
    local_names = _assigned_names(template.body)
    renames = {name: namer.fresh(name) for name in local_names}
    substitution = _Substitution(template, result, bindings, cotangent, derivative_of, renames, scope)
    out = []
    for stmt in template.body:
        stmt = quoting.clone(stmt)
        if _is_contribution(stmt):
            param = stmt.targets[0].slice.id
            target = result if param == template.result else bindings.get(param)
            expr = substitution.visit(stmt.value)
            if isinstance(target, str):
                out.append(Contribution(target, expr))
            elif isinstance(target, gast.Name):
                out.append(Contribution(target.id, expr))
            # contributions to constants and global values are dropped
            continue
        out.append(substitution.visit(stmt))
    return out


def reads_result(template):
    """Whether the template reads the primitive's output value (not just d[y])."""
    for stmt in template.body:
        for node in gast.walk(stmt):
            if isinstance(node, gast.Subscript) and _is_d(node):
                continue
            if isinstance(node, gast.Name) and node.id == template.result and not _inside_d(stmt, node):
                return True
    return False


def _inside_d(stmt, target):
    for node in gast.walk(stmt):
        if isinstance(node, gast.Subscript) and _is_d(node) and node.slice is target:
            return True
    return False


def _is_d(node):
    return (isinstance(node, gast.Subscript) and isinstance(node.value, gast.Name)
            and node.value.id == 'd' and isinstance(node.slice, gast.Name))


def _is_contribution(stmt):
    return isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and _is_d(stmt.targets[0])


def _assigned_names(body):
    names = set()
    for stmt in body:
        for node in gast.walk(stmt):
            if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Store):
                names.add(node.id)
    return names


class _Substitution(gast.NodeTransformer):
    def __init__(self, template, result, bindings, cotangent, derivative_of, renames, scope):
        self.template = template
        self.result = result
        self.bindings = bindings
        self.cotangent = cotangent
        self.derivative_of = derivative_of
        self.renames = renames
        self.scope = scope

    def visit_Subscript(self, node):
        if _is_d(node):
            param = node.slice.id
            if param == self.template.result:
                return gast.Name(id=self.cotangent, ctx=gast.Load(), annotation=None, type_comment=None)
            bound = self.bindings.get(param)
            derivative = self.derivative_of(bound.id) if isinstance(bound, gast.Name) else None
            if derivative is None:  # a constant, or a value without a derivative
                return zero_derivative()
            return gast.Name(id=derivative, ctx=gast.Load(), annotation=None, type_comment=None)
        return self.generic_visit(node)

    def visit_Name(self, node):
        name = node.id
        if name == self.template.result:
            return gast.Name(id=self.result, ctx=node.ctx, annotation=None, type_comment=None)
        if name in self.bindings:
            replacement = quoting.clone(self.bindings[name])
            if hasattr(replacement, 'ctx'):
                replacement.ctx = node.ctx
            return replacement
        if name in self.renames:
            return gast.Name(id=self.renames[name], ctx=node.ctx, annotation=None, type_comment=None)
        obj = self.template.globals.get(name, MISSING)
        if obj is MISSING:
            import builtins
            obj = getattr(builtins, name, MISSING)
        if obj is MISSING:
            raise TangentError('template %s uses the unknown name %r' % (self.template.name, name))
        bound = self.scope.bind(name, obj)
        return gast.Name(id=bound, ctx=node.ctx, annotation=None, type_comment=None)
