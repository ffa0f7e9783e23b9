"""Readable, collision-free names for temporaries and derivatives."""
import builtins
import keyword
import re

import gast

_OPERATOR_WORDS = {
    gast.Add: 'plus', gast.Sub: 'minus', gast.Mult: 'times', gast.Div: 'over',
    gast.FloorDiv: 'floordiv', gast.Mod: 'mod', gast.Pow: 'pow', gast.MatMult: 'at',
    gast.Lt: 'lt', gast.LtE: 'le', gast.Gt: 'gt', gast.GtE: 'ge', gast.Eq: 'eq',
    gast.NotEq: 'ne', gast.Is: 'is', gast.IsNot: 'isnot', gast.In: 'in', gast.NotIn: 'notin',
    gast.USub: 'neg', gast.UAdd: 'pos', gast.Not: 'not', gast.Invert: 'invert',
    gast.And: 'and', gast.Or: 'or',
}
_MAX_LENGTH = 30


class Namer:
    """Hands out names that collide neither with each other nor with the user's."""

    def __init__(self, taken=()):
        # Builtins stay reachable: a temporary never shadows `sum` or `len`.
        self.taken = set(taken) | set(dir(builtins))

    def reserve(self, name):
        self.taken.add(name)

    def fresh(self, base):
        base = _sanitize(base)
        if base not in self.taken:
            self.taken.add(base)
            return base
        index = 2
        while '%s%d' % (base, index) in self.taken:
            index += 1
        name = '%s%d' % (base, index)
        self.taken.add(name)
        return name

    def derivative(self, name):
        """The name of the derivative of `name`: `x` -> `dx`."""
        return self.fresh('d' + name)


def _sanitize(base):
    if base == '_':
        return base
    base = re.sub(r'\W+', '_', base).strip('_') or 't'
    if base[0].isdigit():
        base = 't' + base
    if keyword.iskeyword(base):
        base += '_'
    return base


def describe(node):
    """A short name for the value of an expression: `x * i` -> `x_times_i`."""
    text = _describe(node)
    if text is None or len(text) > _MAX_LENGTH:
        return 't'
    return text


def _describe(node):
    if isinstance(node, gast.Name):
        return node.id
    if isinstance(node, gast.Constant):
        value = node.value
        if isinstance(value, bool) or value is None:
            return str(value)
        if isinstance(value, (int, float)):
            text = ('%g' % value).replace('-', 'neg').replace('.', '_').replace('+', '')
            return text
        if isinstance(value, str) and value.isidentifier():
            return value  # a dict key: params['W'] -> params_W
        return None
    if isinstance(node, gast.BinOp):
        left, right = _describe(node.left), _describe(node.right)
        if isinstance(node.op, gast.Pow) and isinstance(node.right, gast.Constant) and node.right.value == 2:
            return left and left + '_squared'
        if left and right:
            return '%s_%s_%s' % (left, _OPERATOR_WORDS[type(node.op)], right)
        return None
    if isinstance(node, gast.UnaryOp):
        operand = _describe(node.operand)
        return operand and '%s_%s' % (_OPERATOR_WORDS[type(node.op)], operand)
    if isinstance(node, gast.Compare) and len(node.ops) == 1:
        left, right = _describe(node.left), _describe(node.comparators[0])
        if left and right:
            return '%s_%s_%s' % (left, _OPERATOR_WORDS[type(node.ops[0])], right)
        return None
    if isinstance(node, gast.Call):
        func = node.func.attr if isinstance(node.func, gast.Attribute) else getattr(node.func, 'id', None)
        if func is None:
            return None
        args = [_describe(arg) for arg in node.args[:2]]
        joined = '_'.join([func] + args) if args and all(args) else None
        if joined and (len(args) == 1 or len(joined) <= 2 * _MAX_LENGTH // 3):
            return joined
        return func  # short, so that expressions using the result get names too
    if isinstance(node, gast.Subscript):
        value = _describe(node.value)
        index = node.slice
        if isinstance(index, (gast.Name, gast.Constant)):
            inner = _describe(index)
            return value and inner and '%s_%s' % (value, inner)
        return value and value + '_slice'
    if isinstance(node, gast.Attribute):
        value = _describe(node.value)
        return value and '%s_%s' % (value, node.attr)
    return None
