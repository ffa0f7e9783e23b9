"""Loops over a sequence given back their element: `for c in coeffs`.

The front end rewrites `for c in coeffs:` to `for i in range(len(coeffs)):
c = coeffs[i]`, because reverse mode replays loops by index. Forward mode
never runs a loop backwards, so where the generated loop still reads the
sequence only as `coeffs[i]`, it can iterate the sequence again, as the user
wrote it: the code reads like the user's and skips an index per step.

The rewrite keeps what the loop computes when, in the loop body,
- the index is only read as `coeffs[i]` (and not after the loop),
- nothing rebinds `coeffs` or writes into it or any name sharing its memory,
  and every call is pure (so nothing else can change it either),
- the element's name is bound nowhere else in the function (a kept
  `c = coeffs[i]` at the top of the body becomes the loop's own binding), and,
  if the loop did not bind it already, not read anywhere either.
Then `coeffs[i]` is the same value all through step i, and it is the i-th
value iteration yields (lists, tuples and arrays iterate by index).
"""
import gast

from tangent import quoting
from tangent.frontend.resolve import MISSING
from tangent.optimize import walk
from tangent.optimize.purity import is_pure_expression


def restore_element_loops(function, scope):
    """Rewrite in place; returns whether anything changed."""
    candidates = [(block, position) for block in walk.blocks(function.body)
                  for position, node in enumerate(block)
                  if isinstance(node, gast.For) and getattr(node, 'tangent_element', None)]
    if not candidates:
        return False
    from tangent.optimize import dce
    groups = dce.alias_groups(function, scope)
    stores = walk.store_counts(function)
    changed = False
    for block, position in candidates:
        loop = block[position]
        sequence = _iterated_sequence(loop, scope, stores, block[:position], groups)
        if sequence is None:
            continue
        element, index = loop.tangent_element, loop.target.id
        first = loop.body[0] if loop.body else None
        kept = (isinstance(first, gast.Assign) and isinstance(first.targets[0], gast.Name)
                and first.targets[0].id == element and _is_element_read(first.value, sequence, index))
        if stores[element] != (1 if kept else 0) or (not kept and walk.mentions(function, element)):
            continue  # (the element is the name the loop binds, and only the loop)
        if not _only_indexes(function, loop, sequence, index):
            continue
        rest = loop.body[1:] if kept else loop.body
        if not _leaves_sequence_alone(rest, sequence, groups.get(sequence, {sequence}), scope):
            continue
        if kept:
            del loop.body[0]  # `c = coeffs[i]`: the loop binds c itself
            loop.body = loop.body or [gast.Pass()]
        _Substitute(sequence, index, element).visit(gast.Module(body=loop.body, type_ignores=[]))
        loop.target = quoting.name(element, store=True)
        loop.iter = quoting.name(sequence)
        loop.tangent_element = None
        changed = True
    return changed


def _iterated_sequence(loop, scope, stores, before, groups):
    """S for `for i in range(len(S))`, or for `n = len(S)` earlier in the block and
    `for i in range(n)` with nothing in between that may change S; else None."""
    iterator = loop.iter
    if not (isinstance(loop.target, gast.Name) and isinstance(iterator, gast.Call)
            and len(iterator.args) == 1 and not iterator.keywords
            and _resolves_to(iterator.func, range, scope)):
        return None
    length = iterator.args[0]
    if isinstance(length, gast.Name) and stores[length.id] == 1:
        for position in range(len(before) - 1, -1, -1):
            stmt = before[position]
            if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name) \
                    and stmt.targets[0].id == length.id:
                sequence = _length_of(stmt.value, scope)
                between = before[position + 1:]
                if sequence is None or not _leaves_sequence_alone(
                        between, sequence, groups.get(sequence, {sequence}), scope):
                    return None
                return sequence
        return None
    return _length_of(length, scope)


def _length_of(node, scope):
    """S for `len(S)` (S a name), else None."""
    if (isinstance(node, gast.Call) and len(node.args) == 1 and not node.keywords
            and _resolves_to(node.func, len, scope) and isinstance(node.args[0], gast.Name)):
        return node.args[0].id
    return None


def _resolves_to(func, builtin, scope):
    if not isinstance(func, gast.Name):
        return False
    obj = scope.resolve(func)
    return obj is not MISSING and obj is builtin


def _only_indexes(function, loop, sequence, index):
    """Every read of `index` in the function is `sequence[index]` inside the loop body."""
    inside = {id(node) for stmt in loop.body for node in walk.nodes(stmt)}
    reads = [node for node in walk.nodes(function) if isinstance(node, gast.Name) and node.id == index]
    subscripts = [node for stmt in loop.body for node in walk.nodes(stmt)
                  if _is_element_read(node, sequence, index)]
    target = loop.target
    return (all(id(node) in inside or node is target for node in reads)
            and len(reads) == len(subscripts) + 1  # (+ the loop's own target)
            and all(isinstance(node.ctx, gast.Load) for node in reads if node is not target))


def _is_element_read(node, sequence, index):
    return (isinstance(node, gast.Subscript) and isinstance(node.ctx, gast.Load)
            and isinstance(node.value, gast.Name) and node.value.id == sequence
            and isinstance(node.slice, gast.Name) and node.slice.id == index)


def _leaves_sequence_alone(body, sequence, aliases, scope):
    """Nothing in `body` rebinds or writes into `sequence` (or a name sharing its memory),
    and nothing calls what could."""
    for stmt in body:
        stored, _ = walk.names(stmt)
        if stored & (aliases | {sequence}):
            return False
        if not is_pure_expression(stmt, scope):
            return False
    return True


class _Substitute(gast.NodeTransformer):
    def __init__(self, sequence, index, element):
        self.sequence, self.index, self.element = sequence, index, element

    def visit_Subscript(self, node):
        if _is_element_read(node, self.sequence, self.index):
            return quoting.name(self.element)
        return self.generic_visit(node)
