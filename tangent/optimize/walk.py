"""A faster gast.walk for the optimiser, which walks the generated code many times."""
import collections

import gast

_AST = gast.AST


def nodes(node):
    """Every node under `node` (itself included), depth first; the order is unspecified."""
    todo = [node]
    out = []
    pop, push, add = todo.pop, todo.append, out.append
    while todo:
        node = pop()
        add(node)
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, _AST):
                        push(item)
            elif isinstance(value, _AST):
                push(value)
    return out


def names(stmt):
    """(names `stmt` may assign or write into, the Name nodes it reads), in one walk."""
    stored = set()
    loaded = []
    for node in nodes(stmt):
        kind = type(node)
        if kind is gast.Name:
            if type(node.ctx) is gast.Load:
                loaded.append(node)
            else:
                stored.add(node.id)
        elif kind is gast.Assign or kind is gast.AugAssign:
            for target in (node.targets if kind is gast.Assign else [node.target]):
                while isinstance(target, (gast.Subscript, gast.Attribute)):
                    target = target.value
                if isinstance(target, gast.Name):
                    stored.add(target.id)
    return stored, loaded


def blocks(body):
    """The statement list `body` and every statement list nested in it."""
    yield body
    for stmt in body:
        for field in ('body', 'orelse'):
            inner = getattr(stmt, field, None)
            if isinstance(inner, list):
                yield from blocks(inner)


def substitute(node, replace):
    """Replace, under `node`, each child `c` for which replace(c) returns a node; returns
    whether any was replaced. (The replacements themselves are not visited.)"""
    changed = False
    for parent in nodes(node):
        for field in parent._fields:
            value = getattr(parent, field, None)
            items = value if isinstance(value, list) else [value]
            for position, child in enumerate(items):
                if not isinstance(child, _AST):
                    continue
                new = replace(child)
                if new is None:
                    continue
                if isinstance(value, list):
                    value[position] = new
                else:
                    setattr(parent, field, new)
                changed = True
    return changed


def store_counts(node):
    """{name: how many times it is bound under `node`} (parameters and loop targets count)."""
    return collections.Counter(child.id for child in nodes(node)
                               if type(child) is gast.Name and type(child.ctx) is not gast.Load)


def mentions(node, name):
    """Whether `name` occurs under `node`, read or bound."""
    return any(type(child) is gast.Name and child.id == name for child in nodes(node))


def constant_int(node):
    """The value of an integer literal (`3`, `-1`), else None."""
    sign = 1
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        sign, node = -1, node.operand
    if isinstance(node, gast.Constant) and type(node.value) is int:
        return sign * node.value
    return None
