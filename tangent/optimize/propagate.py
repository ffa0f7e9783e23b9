"""Assignment propagation: forward copies and inline single-use temporaries.

`a = b` followed by uses of `a` becomes uses of `b`; `t = x * i` used once,
in a later statement of the same block, is substituted into that use. This is
what turns A-normal form back into code that reads like the user's, and what
removes the copies that template instantiation leaves (`dt = ds`).
"""
import collections

import gast

from tangent import quoting
from tangent.optimize import walk
from tangent.optimize.purity import is_pure_expression
from tangent.transform.base import COMMENT


_MAX_LINE = 88


def propagate(function, scope, facts=None):
    """Propagate in place; returns whether anything changed.

    facts (kinds.ShapeFacts or None): lets a temporary be inlined into a line
    that gets too long when folding then shortens it again.
    """
    changed = _coalesce_copies(function)
    changed |= _propagate_constants(function)
    mover = _Mover(function, scope)
    changed |= _propagate_copies(function.body, mover)
    changed |= _drop_copies(function, scope, mover)
    changed |= _inline_single_uses(function, scope, facts)
    changed |= _merge_accumulations(function.body)
    changed |= _reuse_calls(function, scope)
    return changed


def _reuse_calls(function, scope):
    """After `c = np.cos(x)`, a later `np.cos(x)` in the same block reads `c`.

    Only pure calls of names and numbers, where `c` is bound once in the function
    and nothing between the two rebinds or writes into `c`, the call's
    operands or a name sharing their memory. The user's own statements are
    left as written; the derivative code next to them reads the name.
    """
    stores = walk.store_counts(function)
    groups = None
    changed = False
    for block in _blocks(function.body):
        for position, stmt in enumerate(block):
            if not (isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name)
                    and isinstance(stmt.value, gast.Call) and stores[stmt.targets[0].id] == 1
                    and getattr(stmt, 'tangent_pair', None) is None
                    and all(isinstance(arg, (gast.Name, gast.Constant)) for arg in stmt.value.args)
                    and all(isinstance(kw.value, (gast.Name, gast.Constant)) for kw in stmt.value.keywords)
                    and is_pure_expression(stmt.value, scope)):
                continue
            name = stmt.targets[0].id
            if groups is None:
                from tangent.optimize import dce
                groups = dce.alias_groups(function, scope)
            operands = {node.id for node in _loaded(stmt.value)} | {name}
            guarded = set()
            for operand in operands:
                guarded |= groups.get(operand, {operand})
            text = quoting.to_source(stmt.value)
            for later in block[position + 1:]:
                if not getattr(later, 'tangent_primal', False):
                    changed |= walk.substitute(later, lambda node: quoting.name(name) if isinstance(
                        node, gast.Call) and quoting.to_source(node) == text else None)
                if isinstance(later, (gast.If, gast.For, gast.While, gast.With)) \
                        or stored_names(later) & guarded or not is_pure_expression(later, scope):
                    break  # (an impure call may write into the operands)
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
    return walk.names(stmt)[0]


def _loaded(node):
    return walk.names(node)[1]


_blocks = walk.blocks


def _is_copy(stmt):
    return (isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name)
            and isinstance(stmt.value, gast.Name) and stmt.targets[0].id != stmt.value.id
            and getattr(stmt, 'tangent_pair', None) is None)


def _propagate_constants(function):
    """`dx = 1.0` (the seed of a gradient in forward mode) written into the derivative
    code that reads it, where folding then simplifies `y * 1.0` and `0.5 * 1.0`.

    Only a number assigned once, at the top level of the function, is propagated,
    and only into derivative statements that follow it (the user's own lines are
    left as written).
    """
    params = {arg.id for arg in function.args.args}
    stores = walk.store_counts(function)
    changed = False
    for index, stmt in enumerate(function.body):
        if not (isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name)
                and isinstance(stmt.value, gast.Constant) and type(stmt.value.value) in (int, float)
                and not getattr(stmt, 'tangent_primal', False)):
            continue
        name = stmt.targets[0].id
        if name in params or stores[name] != 1:
            continue
        for later in function.body[index + 1:]:
            changed |= _substitute_constant(later, name, stmt.value.value)
    return changed


def _substitute_constant(stmt, name, value):
    if isinstance(stmt, (gast.If, gast.For, gast.While)):
        changed = False
        for inner in stmt.body + stmt.orelse:
            changed |= _substitute_constant(inner, name, value)
        return changed
    if getattr(stmt, 'tangent_primal', False) or not isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Return)):
        return False

    def constant(node):
        if isinstance(node, gast.Name) and node.id == name and isinstance(node.ctx, gast.Load):
            return gast.Constant(value=value, kind=None)
        return None
    return walk.substitute(stmt, constant)


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
            # (the definition may read target itself: its value is computed before
            # the renamed store)
            targets = stmt.targets[0]
            simple = isinstance(targets, gast.Name) or (
                isinstance(targets, gast.Tuple) and all(isinstance(e, gast.Name) for e in targets.elts))
            return stmt if simple else None
        if target in names or isinstance(stmt, (gast.If, gast.For, gast.While, gast.With)):
            return None
    return None


def _propagate_copies(body, mover=None):
    changed = False
    for block in _blocks(body):
        facts = [walk.names(stmt) for stmt in block]
        for index, stmt in enumerate(block):
            if not _is_copy(stmt):
                continue
            source, target = stmt.value.id, stmt.targets[0].id
            position = index + 1
            while position < len(block):
                later, (stores, loads) = block[position], facts[position]
                if isinstance(later, gast.Return):
                    break  # `return dx` reads better than `return dy`
                if (source in stores and target not in stores and mover is not None
                        and mover.sink(block, facts, position, target)):
                    # `t = g; g = f(t); h += t`: with `h += t` first, t is g throughout.
                    changed = True
                    continue
                position += 1
                compound = isinstance(later, (gast.If, gast.For, gast.While, gast.With))
                if compound and stores & {source, target}:
                    break
                if _writes_into(later, target):
                    break
                if isinstance(later, gast.AugAssign) and not isinstance(later.target, gast.Name) and (
                        mover is None or mover.writes(later, set()) & mover.aliases({source, target})):
                    break  # dx[i] += g may change what source and target refer to
                for name in loads:
                    if name.id == target:
                        name.id = source
                        changed = True
                if stores & {source, target}:
                    break
    return changed


def _drop_copies(function, scope, mover):
    """`g = tangent.copy(d[i]); d[i] = 0.0; h = g * w` becomes `h = d[i] * w; d[i] = 0.0`.

    The copy only protects g from the write into d. Once every read of g comes
    before any write into d (moving the write down where it commutes), g can
    share d's memory.
    """
    from tangent import runtime

    def is_copy_call(stmt):
        return (isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name)
                and isinstance(stmt.value, gast.Call) and len(stmt.value.args) == 1
                and not stmt.value.keywords and scope.resolve(stmt.value.func) is runtime.copy
                and getattr(stmt, 'tangent_pair', None) is None)
    if not any(is_copy_call(stmt) for block in _blocks(function.body) for stmt in block):
        return False
    loads = collections.Counter(name.id for name in _loaded(function))
    stores = collections.Counter()
    in_place = set()
    for node in walk.nodes(function):
        if isinstance(node, gast.Name) and not isinstance(node.ctx, gast.Load):
            stores[node.id] += 1
        elif isinstance(node, (gast.Assign, gast.AugAssign)):
            for target in (node.targets if isinstance(node, gast.Assign) else [node.target]):
                if isinstance(node, gast.AugAssign) or isinstance(target, gast.Subscript):
                    while isinstance(target, (gast.Subscript, gast.Attribute)):
                        target = target.value
                    if isinstance(target, gast.Name):
                        in_place.add(target.id)
    changed = False
    for block in _blocks(function.body):
        facts = [walk.names(stmt) for stmt in block]
        for index, stmt in enumerate(block):
            if not is_copy_call(stmt):
                continue
            name, copied = stmt.targets[0].id, stmt.value.args[0]
            base = copied
            while isinstance(base, gast.Subscript):
                base = base.value
            if not isinstance(base, gast.Name) or stores[name] != 1 or name in in_place:
                continue
            protected = mover.aliases({base.id})
            # The first write into the copied array moves below the reads of the copy.
            for later in range(index + 1, len(block)):
                if not mover.simple(block[later]):
                    break
                if mover.writes(block[later], facts[later][0]) & protected:
                    if name not in {node.id for node in facts[later][1]}:
                        mover.sink(block, facts, later, name)
                    break
            # Then, if every read of the copy comes before any write into the array, it
            # can read the array itself.
            reads = 0
            for later in range(index + 1, len(block)):
                if not mover.simple(block[later]):
                    break
                reads += _operand_reads(block[later], name)
                if mover.writes(block[later], facts[later][0]) & protected:
                    break  # (its own reads happen before its write)
            if reads and reads == loads[name]:
                stmt.value = copied
                return True  # the next round sees the new alias of the array
    return changed


def _operand_reads(stmt, name):
    """How often `stmt` reads `name` as an operand of arithmetic that makes a new array.

    (`g * w`, `g / w`, `g @ w`, `-g` never return g itself; `g + tangent.ZERO` and
    a plain `h = g` do, and then h would share the array's memory too.)
    """
    count = 0
    for node in walk.nodes(stmt):
        if isinstance(node, gast.BinOp) and isinstance(node.op, (gast.Mult, gast.Div, gast.MatMult)):
            operands = (node.left, node.right)
        elif isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
            operands = (node.operand,)
        else:
            continue
        count += sum(isinstance(operand, gast.Name) and operand.id == name for operand in operands)
    return count


class _Mover:
    """Moves a statement later in its block, past statements it does not depend on."""

    def __init__(self, function, scope):
        from tangent.optimize import dce
        self.scope = scope
        self.groups = dce.alias_groups(function, scope)

    def sink(self, block, facts, position, target):
        """Move block[position] past the later reads of `target` it may be moved past."""
        mover = block[position]
        if not self.simple(mover):
            return False
        last = None
        for later in range(position + 1, len(block)):
            stores, loads = facts[later]
            if not self.simple(block[later]):
                break
            if any(name.id == target for name in loads):
                last = later
            if target in stores:
                break
        if last is None:
            return False
        for later in range(position + 1, last + 1):
            if not self.commute(mover, block[later], facts[position], facts[later]):
                return False
        # (after the pop, the last reader is at index last - 1: insert right after it)
        block.insert(last, block.pop(position))
        facts.insert(last, facts.pop(position))
        return True

    def simple(self, stmt):
        if not isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Expr)) or _is_comment(stmt):
            return False
        return getattr(stmt, 'tangent_pair', None) is not None or not _has_effects(stmt, self.scope)

    def writes(self, stmt, stores):
        """The names whose objects `stmt` may change: rebinds, and in-place writes with their aliases."""
        names = set(stores)
        targets = stmt.targets if isinstance(stmt, gast.Assign) else [getattr(stmt, 'target', None)]
        for target in targets:
            if isinstance(stmt, gast.AugAssign) or isinstance(target, gast.Subscript):
                while isinstance(target, (gast.Subscript, gast.Attribute)):
                    target = target.value
                if isinstance(target, gast.Name):
                    names |= self.groups.get(target.id, {target.id})
        return names

    def aliases(self, names):
        """The names that may refer to the same objects as `names`."""
        result = set()
        for name in names:
            result |= self.groups.get(name, {name})
        return result

    def commute(self, first, second, first_facts, second_facts):
        if getattr(first, 'tangent_pair', None) is not None and getattr(second, 'tangent_pair', None) is not None:
            return False  # two stack operations keep their order
        first_writes = self.writes(first, first_facts[0])
        second_writes = self.writes(second, second_facts[0])
        first_loads = {name.id for name in first_facts[1]}
        second_loads = {name.id for name in second_facts[1]}
        return not (first_writes & (second_loads | second_writes) or second_writes & first_loads)


def _is_comment(stmt):
    return (isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Call)
            and isinstance(stmt.value.func, gast.Name) and stmt.value.func.id == COMMENT)


def _writes_into(stmt, name):
    if isinstance(stmt, gast.Assign):
        target = stmt.targets[0]
        return isinstance(target, gast.Subscript) and isinstance(target.value, gast.Name) \
            and target.value.id == name
    return False


def _inline_single_uses(function, scope, shape_facts=None):
    counts = collections.Counter(name.id for name in _loaded(function))
    changed = False
    shortened = _folded_length(scope, shape_facts) if shape_facts is not None else None
    for block in _blocks(function.body):
        facts = [_Facts(stmt, scope) for stmt in block]
        index = 0
        while index < len(block):
            stmt = block[index]
            if _inline_candidate(stmt, counts, scope) and _try_inline(block, facts, index, shortened):
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
        self.stores, loaded = walk.names(stmt)
        self.loads = {name.id for name in loaded}
        self.use_sites = loaded if isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Expr)) else _use_sites(stmt)
        self.effects = _has_effects(stmt, scope)


def _inline_candidate(stmt, counts, scope):
    if not (isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name)):
        return False
    if getattr(stmt, 'tangent_pair', None) is not None:
        return False
    name = stmt.targets[0].id
    return counts[name] == 1 and is_pure_expression(stmt.value, scope) \
        and not isinstance(stmt.value, gast.Name)


def _try_inline(block, facts, index, shortened=None):
    stmt = block[index]
    name = stmt.targets[0].id
    depends = {child.id for child in _loaded(stmt.value)} | {name}
    for position in range(index + 1, len(block)):
        later, fact = block[position], facts[position]
        uses = [child for child in fact.use_sites if child.id == name]
        if uses:
            (use,) = uses
            if _inlined_length(later, name, stmt.value) > _MAX_LINE and not (
                    shortened is not None and shortened(later, use, stmt.value) <= _MAX_LINE):
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


def _folded_length(scope, shape_facts):
    """length(statement, use, value): how long the statement is once value is inlined and folded."""
    from tangent.optimize import fold

    def length(stmt, use, value):
        trial = quoting.clone(stmt)
        (copy,) = [node for node, original in zip(gast.walk(trial), gast.walk(stmt)) if original is use]
        _replace(trial, copy, quoting.clone(value))
        fold.fold(trial, scope, shape_facts)
        return _approximate_length(trial)
    return length


def _replace(stmt, use, value):
    class Replace(gast.NodeTransformer):
        def visit_Name(self, node):
            if node is use:
                return quoting.as_load(value)
            return node
    Replace().visit(stmt)
