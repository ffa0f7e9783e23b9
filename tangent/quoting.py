"""Writing code that writes code as code: parse snippets, print trees."""
import ast

import gast


def statements(source, **substitutions):
    """Parse statements; `substitutions` replace Names with the given nodes."""
    body = gast.parse(source).body
    if substitutions:
        body = [_Substitute(substitutions).visit(stmt) for stmt in body]
    return body


def statement(source, **substitutions):
    (stmt,) = statements(source, **substitutions)
    return stmt


def expression(source, **substitutions):
    return statement(source, **substitutions).value


def name(identifier, store=False):
    return gast.Name(id=identifier, ctx=gast.Store() if store else gast.Load(),
                     annotation=None, type_comment=None)


def constant(value):
    return gast.Constant(value=value, kind=None)


def assign(target, value):
    """`target = value`; target is a name or an expression node."""
    if isinstance(target, str):
        target = name(target, store=True)
    else:
        target = as_store(target)
    return gast.Assign(targets=[target], value=value, type_comment=None)


def as_store(node):
    node = clone(node)
    node.ctx = gast.Store()
    return node


def as_load(node):
    node = clone(node)
    if hasattr(node, 'ctx'):
        node.ctx = gast.Load()
    return node


def clone(node):
    """A deep copy of a tree, several times faster than copy.deepcopy for ASTs.

    Attributes set on nodes by the passes (line numbers, `tangent_pair`, ...)
    are copied along.
    """
    if isinstance(node, list):
        return [clone(item) for item in node]
    if not isinstance(node, gast.AST):
        return node
    new = node.__class__.__new__(node.__class__)
    for key, value in node.__dict__.items():
        if isinstance(value, list):
            new.__dict__[key] = [clone(item) if isinstance(item, gast.AST) else item for item in value]
        elif isinstance(value, gast.AST):
            new.__dict__[key] = clone(value)
        else:
            new.__dict__[key] = value
    return new


def rename(node, mapping):
    """A copy of `node` with the Names in `mapping` renamed."""
    return _Substitute(mapping).visit(clone(node))


def unshare(tree):
    """Copy every node that occurs twice, so that passes may edit nodes in place."""
    seen = {id(tree)}

    def fix(node):
        if id(node) in seen:
            node = clone(node)
        seen.add(id(node))
        visit(node)
        return node

    def visit(node):
        for field, value in gast.iter_fields(node):
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, gast.AST):
                        value[index] = fix(item)
            elif isinstance(value, gast.AST):
                setattr(node, field, fix(value))

    visit(tree)
    return tree


def to_source(node):
    """Python source for a gast node (statement, expression or list of statements)."""
    if isinstance(node, list):
        return '\n'.join(to_source(stmt) for stmt in node)
    tree = gast.gast_to_ast(node)
    ast.fix_missing_locations(tree)
    return ast.unparse(tree)


class _Substitute(gast.NodeTransformer):
    def __init__(self, substitutions):
        self.substitutions = substitutions

    def visit_Name(self, node):
        if node.id in self.substitutions:
            replacement = self.substitutions[node.id]
            if isinstance(replacement, str):
                return gast.Name(id=replacement, ctx=node.ctx, annotation=None, type_comment=None)
            replacement = clone(replacement)
            if hasattr(replacement, 'ctx'):
                replacement.ctx = node.ctx
            return replacement
        return node
