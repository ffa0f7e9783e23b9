"""Assignment propagation: forward copies and inline single-use temporaries.

`a = b` followed by uses of `a` becomes uses of `b`; `t = x * i` used once,
in a later statement of the same block, is substituted into that use. This is
what turns A-normal form back into code that reads like the user's, and what
removes the copies that template instantiation leaves (`dt = ds`).
"""
import collections

import gast

from tangent import quoting
from tangent.optimize.purity import is_pure_expression
from tangent.transform.base import COMMENT


_MAX_LINE = 88


def propagate(function, scope):
    """Propagate in place; returns whether anything changed."""
    changed = _coalesce_copies(function)
    changed |= _propagate_copies(function.body)
    changed |= _inline_single_uses(function, scope)
    changed |= _merge_accumulations(function.body)
    return changed


def _merge_accumulations(body):
    """`g = a` then `g = g + b` becomes `g = a + b`."""
    changed = False
    for block in _blocks(body):
        index = 0
        while index + 1 < len(block):
            first, second = block[index], block[index + 1]
            if (isinstance(first, gast.Assign) and isinstance(second, gast.Assign)
                    and isinstance(first.targets[0], gast.Name) and isinstance(second.targets[0], gast.Name)
                    and first.targets[0].id == second.targets[0].id
                    and getattr(first, 'tangent_pair', None) is None
                    and isinstance(second.value, gast.BinOp) and isinstance(second.value.op, gast.Add)
                    and isinstance(second.value.left, gast.Name)
                    and second.value.left.id == first.targets[0].id
                    and first.targets[0].id not in {n.id for n in _loaded(second.value.right)}):
                second.value.left = first.value
                del block[index]
                changed = True
                continue
            if (isinstance(first, gast.Assign) and isinstance(second, gast.AugAssign)
                    and isinstance(first.targets[0], gast.Name) and isinstance(second.target, gast.Name)
                    and first.targets[0].id == second.target.id and isinstance(second.op, gast.Add)
                    and isinstance(first.value, (gast.BinOp, gast.UnaryOp))
                    and getattr(first, 'tangent_pair', None) is None
                    and first.targets[0].id not in {n.id for n in _loaded(second.value)}):
                # g = a; g += b  ->  g = a + b (a is a new object: nothing else sees it)
                first.value = gast.BinOp(left=first.value, op=gast.Add(), right=second.value)
                del block[index + 1]
                changed = True
                continue
            index += 1
    return changed


def stored_names(stmt):
    """Names a statement (including nested blocks) may assign or write into."""
    names = set()
    for node in gast.walk(stmt):
        if isinstance(node, gast.Name) and isinstance(node.ctx, (gast.Store, gast.Del)):
            names.add(node.id)
        elif isinstance(node, (gast.Assign, gast.AugAssign)):
            targets = node.targets if isinstance(node, gast.Assign) else [node.target]
            for target in targets:
                while isinstance(target, (gast.Subscript, gast.Attribute)):
                    target = target.value
                if isinstance(target, gast.Name):
                    names.add(target.id)
    return names


def _loaded(node):
    return [child for child in gast.walk(node) if isinstance(child, gast.Name) and isinstance(child.ctx, gast.Load)]


def _blocks(body):
    yield body
    for stmt in body:
        for field in ('body', 'orelse'):
            inner = getattr(stmt, field, None)
            if isinstance(inner, list):
                yield from _blocks(inner)


def _is_copy(stmt):
    return (isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name)
            and isinstance(stmt.value, gast.Name) and stmt.targets[0].id != stmt.value.id
            and getattr(stmt, 'tangent_pair', None) is None)


def _coalesce_copies(function):
    """`t = expr; a = t` with no other use of t becomes `a = expr` (keeps the user's name)."""
    counts = collections.Counter(name.id for name in _loaded(function))
    changed = False
    for block in _blocks(function.body):
        index = 0
        while index < len(block):
            stmt = block[index]
            if _is_copy(stmt) and counts[stmt.value.id] == 1:
                source, target = stmt.value.id, stmt.targets[0].id
                definition = _coalescible_definition(block, index, source, target)
                if definition is not None:
                    for node in gast.walk(definition):
                        if isinstance(node, gast.Name) and node.id == source and not isinstance(node.ctx, gast.Load):
                            node.id = target
                    del block[index]
                    changed = True
                    continue
            index += 1
    return changed


def _coalescible_definition(block, index, source, target):
    """The statement that defines `source` for the copy at block[index], if renaming is safe."""
    for position in range(index - 1, -1, -1):
        stmt = block[position]
        names = stored_names(stmt) | {name.id for name in _loaded(stmt)}
        if source in stored_names(stmt):
            if not isinstance(stmt, gast.Assign) or getattr(stmt, 'tangent_pair', None) is not None:
                return None
            if target in {name.id for name in _loaded(stmt)}:
                return None
            targets = stmt.targets[0]
            simple = isinstance(targets, gast.Name) or (
                isinstance(targets, gast.Tuple) and all(isinstance(e, gast.Name) for e in targets.elts))
            return stmt if simple else None
        if target in names or isinstance(stmt, (gast.If, gast.For, gast.While, gast.With)):
            return None
    return None


def _propagate_copies(body):
    changed = False
    for block in _blocks(body):
        facts = [(stored_names(stmt), _loaded(stmt)) for stmt in block]
        for index, stmt in enumerate(block):
            if not _is_copy(stmt):
                continue
            source, target = stmt.value.id, stmt.targets[0].id
            for later, (stores, loads) in zip(block[index + 1:], facts[index + 1:]):
                if isinstance(later, gast.Return):
                    break  # `return dx` reads better than `return dy`
                compound = isinstance(later, (gast.If, gast.For, gast.While, gast.With))
                if compound and stores & {source, target}:
                    break
                if (isinstance(later, gast.AugAssign) and not isinstance(later.target, gast.Name)) \
                        or _writes_into(later, target):
                    break
                for name in loads:
                    if name.id == target:
                        name.id = source
                        changed = True
                if stores & {source, target}:
                    break
    return changed


def _writes_into(stmt, name):
    if isinstance(stmt, gast.Assign):
        target = stmt.targets[0]
        return isinstance(target, gast.Subscript) and isinstance(target.value, gast.Name) \
            and target.value.id == name
    return False


def _inline_single_uses(function, scope):
    counts = collections.Counter(name.id for name in _loaded(function))
    changed = False
    for block in _blocks(function.body):
        facts = [_Facts(stmt, scope) for stmt in block]
        index = 0
        while index < len(block):
            stmt = block[index]
            if _inline_candidate(stmt, counts, scope) and _try_inline(block, facts, index):
                del block[index]
                del facts[index]
                changed = True
                continue
            index += 1
    return changed


class _Facts:
    """What inlining needs to know about a statement, computed once."""

    __slots__ = ('stores', 'loads', 'use_sites', 'effects')

    def __init__(self, stmt, scope):
        self.stores = stored_names(stmt)
        self.loads = {name.id for name in _loaded(stmt)}
        self.use_sites = _use_sites(stmt)
        self.effects = _has_effects(stmt, scope)


def _inline_candidate(stmt, counts, scope):
    if not (isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name)):
        return False
    if getattr(stmt, 'tangent_pair', None) is not None:
        return False
    name = stmt.targets[0].id
    return counts[name] == 1 and is_pure_expression(stmt.value, scope) \
        and not isinstance(stmt.value, gast.Name)


def _try_inline(block, facts, index):
    stmt = block[index]
    name = stmt.targets[0].id
    depends = {child.id for child in _loaded(stmt.value)} | {name}
    for position in range(index + 1, len(block)):
        later, fact = block[position], facts[position]
        uses = [child for child in fact.use_sites if child.id == name]
        if uses:
            (use,) = uses
            if _inlined_length(later, name, stmt.value) > _MAX_LINE:
                return False  # a named temporary reads better than a very long line
            _replace(later, use, stmt.value)
            facts[position].loads |= depends - {name}
            facts[position].use_sites = _use_sites(later)
            return True
        if fact.stores & depends or fact.effects or name in fact.loads:
            return False  # a write in between, or a use we do not inline into (a loop body)
    return False


def _use_sites(stmt):
    """Names in the parts of `stmt` evaluated exactly once, before anything it stores."""
    if isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Expr)):
        return _loaded(stmt)
    if isinstance(stmt, gast.If):
        return _loaded(stmt.test)
    if isinstance(stmt, gast.For):
        return _loaded(stmt.iter)
    return []


def _has_effects(stmt, scope):
    """Whether a statement may change state other than the names it assigns."""
    if getattr(stmt, 'tangent_pair', None) is not None:
        return False  # stack.push only reads; a pop assigns a name
    if isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Call):
        func = stmt.value.func
        if isinstance(func, gast.Name) and func.id == COMMENT:
            return False
    if isinstance(stmt, (gast.Assign, gast.AugAssign)):
        return not is_pure_expression(stmt.value, scope)
    return True


def _inlined_length(stmt, name, value):
    return _approximate_length(stmt) - len(name) + _approximate_length(value)


def _approximate_length(node):
    """About how many characters `node` prints as (cheaper than printing it)."""
    length = 0
    for child in gast.walk(node):
        if isinstance(child, gast.Name):
            length += len(child.id)
        elif isinstance(child, gast.Constant):
            length += len(repr(child.value))
        elif isinstance(child, gast.Attribute):
            length += len(child.attr) + 1
        elif isinstance(child, (gast.BinOp, gast.Compare, gast.Assign, gast.AugAssign)):
            length += 4
        elif isinstance(child, (gast.Call, gast.Subscript, gast.Tuple)):
            length += 2 + 2 * max(len(getattr(child, 'args', getattr(child, 'elts', ()))) - 1, 0)
    return length


def _replace(stmt, use, value):
    class Replace(gast.NodeTransformer):
        def visit_Name(self, node):
            if node is use:
                return quoting.as_load(value)
            return node
    Replace().visit(stmt)
