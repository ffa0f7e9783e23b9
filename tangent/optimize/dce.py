"""Dead-code elimination over generated code, including stack push/pop pairs.

Contract with transform/reverse.py: every `stack.push(v)` statement and its
matching `v = stack.pop()` carry the same integer `tangent_pair` attribute.
A pop whose restored value is never read is removed together with its push,
which keeps the stack balanced on every path.
"""
import gast
import numpy

from tangent import runtime
from tangent.frontend.resolve import MISSING

from tangent.analysis import cfg
from tangent.optimize.purity import is_hashable, is_pure_expression
from tangent.optimize.walk import nodes
from tangent.transform.base import COMMENT


# Functions known to return new arrays, never views of their arguments.
_FRESH = frozenset({
    numpy.zeros, numpy.ones, numpy.empty, numpy.zeros_like, numpy.ones_like, numpy.array,
    numpy.copy, numpy.sum, numpy.mean, numpy.dot, numpy.matmul, numpy.concatenate, numpy.stack,
    numpy.where, numpy.clip, numpy.max, numpy.min, runtime.copy, runtime.zeros_like, runtime.owned,
    runtime.matmul_adjoint_a, runtime.matmul_adjoint_b, runtime.dot_adjoint_a, runtime.dot_adjoint_b,
    runtime.select_adjoint, runtime.append, len, float, int,
})


def eliminate_dead_code(function, scope, protected=frozenset()):
    """Remove dead code in place; returns whether anything was removed."""
    changed = False
    while True:
        removed_any, removed_pairs = _remove_dead_statements(function, scope, protected)
        if removed_pairs:
            _remove_pushes(function, removed_pairs)
        changed |= removed_any
        if removed_any:
            continue
        if not _remove_empty_structures(function, scope):
            break
        changed = True
    _remove_orphan_comments(function)
    return changed


def _remove_dead_statements(function, scope, protected):
    graph = cfg.Graph(function.body)
    liveness = cfg.solve(graph, _liveness_transfer, _union, frozenset(), backward=True)
    contents = cfg.solve(graph, _contents_transfer(scope), _union, frozenset(), backward=True)
    groups = alias_groups(function, scope)
    dead = set()
    removed_pairs = set()
    for node in graph.nodes:
        stmt = node.stmt
        if node.kind != 'stmt' or stmt is None:
            continue
        live_after = liveness[node][0]
        if _is_dead(stmt, live_after, scope, groups, protected) or _writes_unread_elements(
                stmt, contents[node][0], scope, groups, protected):
            dead.add(id(stmt))
            pair = getattr(stmt, 'tangent_pair', None)
            if pair is not None:
                removed_pairs.add(pair)
    if dead:
        _Remover(dead).visit(function)
    return bool(dead), removed_pairs


def _is_dead(stmt, live_after, scope, groups, protected):
    pair = getattr(stmt, 'tangent_pair', None)
    if isinstance(stmt, gast.Assign):
        target = stmt.targets[0]
        if pair is not None:  # a pop restoring a saved value
            return not (_target_names(target, groups) & live_after)
        if isinstance(target, gast.Name) and isinstance(stmt.value, gast.Name) and target.id == stmt.value.id:
            return True
        if not is_pure_expression(stmt.value, scope):
            return False
        if isinstance(target, gast.Name):
            return target.id not in live_after
        if isinstance(target, gast.Subscript) and isinstance(target.value, gast.Name):
            base = target.value.id
            if base in protected:
                return False
            return not (_target_names(target, groups) & live_after)
        return False
    if isinstance(stmt, gast.AugAssign) and isinstance(stmt.target, gast.Name):
        return stmt.target.id not in live_after and is_pure_expression(stmt.value, scope)
    if isinstance(stmt, gast.AugAssign) and isinstance(stmt.target, gast.Subscript):
        base = stmt.target.value.id
        if base in protected or not is_pure_expression(stmt.value, scope):
            return False
        return not (_target_names(stmt.target, groups) & live_after)
    if isinstance(stmt, gast.Expr):
        if _is_comment(stmt) or pair is not None:
            return False
        return isinstance(stmt.value, (gast.Constant, gast.Name))
    if isinstance(stmt, gast.Pass):
        return False
    return False


# Arguments that are read only for their shape and dtype, never their elements.
_SHAPE_ONLY = {runtime.zeros_like: (0,), runtime.unbroadcast: (1,), runtime.unreduce: (1,),
               runtime.reduced_count: (0,), numpy.zeros_like: (0,), numpy.ones_like: (0,),
               numpy.empty_like: (0,), numpy.shape: (0,), numpy.ndim: (0,), numpy.size: (0,)}
_SHAPE_ATTRIBUTES = frozenset({'shape', 'ndim', 'size', 'dtype'})


def _writes_unread_elements(stmt, contents_after, scope, groups, protected):
    """`dx[i] = v` (or `+=`) where no later statement reads dx's elements.

    Reads of dx's shape alone (`tangent.zeros_like(dx)`, the `like` of unbroadcast)
    keep dx itself alive, but not the values written into it: the write is dead.
    (In forward over reverse, the first-order gradient is often needed only so.)
    """
    if isinstance(stmt, gast.Assign) and getattr(stmt, 'tangent_pair', None) is None:
        target, value = stmt.targets[0], stmt.value
    elif isinstance(stmt, gast.AugAssign):
        target, value = stmt.target, stmt.value
    else:
        return False
    if not (isinstance(target, gast.Subscript) and isinstance(target.value, gast.Name)):
        return False
    if target.value.id in protected or not is_pure_expression(value, scope):
        return False
    return not (_target_names(target, groups) & contents_after)


def _contents_transfer(scope):
    """Liveness of array elements: like _liveness_transfer, without shape-only reads."""
    def transfer(node, live):
        stmt = node.stmt
        if stmt is None:
            return live
        if node.kind != 'stmt' or not isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Expr)):
            return (live - node.kills) | node.uses
        uses = _element_reads(stmt, scope)
        if isinstance(stmt, gast.AugAssign) and isinstance(stmt.target, gast.Name):
            uses.add(stmt.target.id)
        return (live - node.kills) | uses
    return transfer


def _element_reads(stmt, scope):
    """Names a statement reads the elements of (every load but shape-only ones)."""
    skip = set()
    for child in gast.walk(stmt):
        if isinstance(child, gast.Call):
            function = scope.resolve(child.func) if isinstance(child.func, (gast.Name, gast.Attribute)) \
                else MISSING
            for position in _SHAPE_ONLY.get(function, ()) if is_hashable(function) else ():
                if position < len(child.args) and isinstance(child.args[position], gast.Name):
                    skip.add(id(child.args[position]))
        elif isinstance(child, gast.Attribute) and child.attr in _SHAPE_ATTRIBUTES \
                and isinstance(child.value, gast.Name):
            skip.add(id(child.value))
    return {child.id for child in gast.walk(stmt) if isinstance(child, gast.Name)
            and isinstance(child.ctx, gast.Load) and id(child) not in skip}


def _target_names(target, groups):
    if isinstance(target, gast.Name):
        return {target.id}
    base = target.value
    while isinstance(base, gast.Subscript):
        base = base.value
    if isinstance(base, gast.Name):
        return groups.get(base.id, {base.id})
    return set()


def _possible_views(expr, scope):
    """Names whose objects the value of `expr` may share memory with."""
    if isinstance(expr, gast.Name):
        return {expr.id}
    if isinstance(expr, gast.Subscript):
        return _possible_views(expr.value, scope)
    if isinstance(expr, gast.Call):
        function = scope.resolve(expr.func) if isinstance(expr.func, (gast.Name, gast.Attribute)) else MISSING
        if isinstance(function, numpy.ufunc) or function in _FRESH:
            return set()
        names = set()
        for arg in list(expr.args) + [kw.value for kw in expr.keywords]:
            names |= _possible_views(arg, scope) if isinstance(arg, (gast.Name, gast.Subscript)) else set()
        return names
    if isinstance(expr, (gast.Tuple, gast.List)):
        names = set()
        for elt in expr.elts:
            names |= _possible_views(elt, scope)
        return names
    return set()  # arithmetic, comparisons and constants make new objects


def alias_groups(function, scope):
    """Names that may share an array object (copies, views, slices)."""
    parent = {}

    def find(name):
        parent.setdefault(name, name)
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for node in nodes(function):
        if isinstance(node, gast.Assign) and isinstance(node.targets[0], gast.Name):
            if getattr(node, 'tangent_pair', None) is not None:
                continue
            for name in _possible_views(node.value, scope):
                parent[find(name)] = find(node.targets[0].id)
    groups = {}
    for name in list(parent):
        groups.setdefault(find(name), set()).add(name)
    return {name: groups[find(name)] for name in parent}


def _liveness_transfer(node, live):
    if node.stmt is None:
        return live
    uses = node.uses
    stmt = node.stmt
    if (isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Subscript)
            and getattr(stmt, 'tangent_pair', None) is None):
        # A kept write into x[i] needs x's object: whatever made it (a copy that
        # separates it from another array) must stay. Restores are exempt, or a
        # restore in a loop would keep itself alive.
        uses = uses | _target_names(stmt.targets[0], {})
    return (live - node.kills) | uses


def _union(a, b):
    return a | b


class _Remover(gast.NodeTransformer):
    def __init__(self, dead):
        self.dead = dead

    def generic_visit(self, node):
        for field in ('body', 'orelse'):
            block = getattr(node, field, None)
            if isinstance(block, list):
                setattr(node, field, [stmt for stmt in block if id(stmt) not in self.dead])
        return super().generic_visit(node)


def _remove_pushes(function, pairs):
    class PushRemover(gast.NodeTransformer):
        def generic_visit(self, node):
            for field in ('body', 'orelse'):
                block = getattr(node, field, None)
                if isinstance(block, list):
                    setattr(node, field, [stmt for stmt in block
                                          if getattr(stmt, 'tangent_pair', None) not in pairs])
            return super().generic_visit(node)
    PushRemover().visit(function)


def _remove_empty_structures(function, scope):
    """Drop `if c: pass` and loops whose bodies became empty; returns whether any went."""
    changed = False

    def clean(block):
        nonlocal changed
        out = []
        for stmt in block:
            if isinstance(stmt, (gast.If, gast.For, gast.While)):
                stmt.body = clean(stmt.body)
                stmt.orelse = clean(stmt.orelse)
                empty_body = all(isinstance(s, gast.Pass) or _is_comment(s) for s in stmt.body)
                empty_else = all(isinstance(s, gast.Pass) or _is_comment(s) for s in stmt.orelse)
                if isinstance(stmt, gast.If) and empty_body and empty_else and is_pure_expression(stmt.test, scope):
                    changed = True
                    continue
                if isinstance(stmt, gast.For) and empty_body and is_pure_expression(stmt.iter, scope):
                    changed = True
                    continue
                if isinstance(stmt, gast.If) and not stmt.body:
                    stmt.body = [gast.Pass()]
                if isinstance(stmt, (gast.For, gast.While)) and not stmt.body:
                    stmt.body = [gast.Pass()]
            elif isinstance(stmt, gast.Pass) and len(block) > 1:
                changed = True
                continue
            out.append(stmt)
        return out

    function.body = clean(function.body)
    return changed


def _is_comment(stmt):
    return (isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Call)
            and isinstance(stmt.value.func, gast.Name) and stmt.value.func.id == COMMENT)


def _remove_orphan_comments(function):
    """A comment is kept only when code it describes follows it in its block."""
    def clean(block):
        out = []
        for index, stmt in enumerate(block):
            if _is_comment(stmt):
                following = block[index + 1] if index + 1 < len(block) else None
                if following is None or _is_comment(following):
                    continue
            for field in ('body', 'orelse'):
                inner = getattr(stmt, field, None)
                if isinstance(inner, list) and inner:
                    setattr(stmt, field, clean(inner) or [gast.Pass()])
            out.append(stmt)
        return out
    function.body = clean(function.body)
