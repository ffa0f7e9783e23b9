"""A faster gast.walk for the optimiser, which walks the generated code many times."""
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
