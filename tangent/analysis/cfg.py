"""Control-flow graphs over function bodies and a generic data-flow solver.

A node stands for one simple statement, or for the header of a compound one
(the test of an `if`/`while`, the iteration of a `for`). The graph is used for
analyses of the user's normalised code (kinds, activity) and of generated code
(liveness for dead-code elimination).
"""
import gast


class Node:
    __slots__ = ('stmt', 'kind', 'succ', 'pred', 'defs', 'uses', 'kills')

    def __init__(self, stmt, kind):
        self.stmt = stmt
        self.kind = kind  # 'stmt', 'if', 'for', 'while', 'entry', 'exit'
        self.succ = []
        self.pred = []
        self.defs, self.uses, self.kills = defs_and_uses(stmt, kind)

    def __repr__(self):
        return '<Node %s %s>' % (self.kind, getattr(self.stmt, 'lineno', ''))


class Graph:
    def __init__(self, stmts):
        self.nodes = []
        self.by_stmt = {}
        self.entry = self._node(None, 'entry')
        self.exit = self._node(None, 'exit')
        self._loops = []
        ends = self._block(stmts, [self.entry])
        for end in ends:
            self._link(end, self.exit)

    def _node(self, stmt, kind):
        node = Node(stmt, kind)
        self.nodes.append(node)
        if stmt is not None:
            self.by_stmt[id(stmt)] = node
        return node

    @staticmethod
    def _link(source, target):
        source.succ.append(target)
        target.pred.append(source)

    def _block(self, stmts, ends):
        for stmt in stmts:
            ends = self._statement(stmt, ends)
        return ends

    def _statement(self, stmt, ends):
        if isinstance(stmt, gast.If):
            head = self._enter(stmt, 'if', ends)
            return self._block(stmt.body, [head]) + self._block(stmt.orelse, [head])
        if isinstance(stmt, (gast.For, gast.While)):
            head = self._enter(stmt, 'for' if isinstance(stmt, gast.For) else 'while', ends)
            breaks = []
            self._loops.append(breaks)
            body_ends = self._block(stmt.body, [head])
            self._loops.pop()
            for end in body_ends:
                self._link(end, head)
            return [head] + breaks
        if isinstance(stmt, gast.Break):
            node = self._enter(stmt, 'stmt', ends)
            self._loops[-1].append(node)
            return []
        if isinstance(stmt, gast.Continue):
            self._enter(stmt, 'stmt', ends)
            return []
        if isinstance(stmt, gast.Return):
            node = self._enter(stmt, 'stmt', ends)
            self._link(node, self.exit)
            return []
        return [self._enter(stmt, 'stmt', ends)]

    def _enter(self, stmt, kind, ends):
        node = self._node(stmt, kind)
        for end in ends:
            self._link(end, node)
        return node


def defs_and_uses(stmt, kind):
    """Names a node writes, reads, and writes completely (kills)."""
    if stmt is None:
        return frozenset(), frozenset(), frozenset()
    if kind == 'if' or kind == 'while':
        return frozenset(), frozenset(names_in(stmt.test)), frozenset()
    if kind == 'for':
        target = frozenset(names_in(stmt.target))
        return target, frozenset(names_in(stmt.iter)), target
    if isinstance(stmt, gast.With):
        uses = set()
        for item in stmt.items:
            uses |= names_in(item.context_expr)
        return frozenset(), frozenset(uses), frozenset()
    defs, uses, kills = set(), set(), set()
    if isinstance(stmt, gast.AugAssign) and isinstance(stmt.target, gast.Name):
        # g += e reads g as well as writing it.
        return frozenset({stmt.target.id}), frozenset(names_in(stmt.value) | {stmt.target.id}), frozenset()
    if isinstance(stmt, gast.Assign):
        uses |= names_in(stmt.value)
        for target in stmt.targets:
            _collect_target(target, defs, uses, kills)
        return frozenset(defs), frozenset(uses), frozenset(kills)
    for child in gast.walk(stmt):
        if isinstance(child, gast.Name):
            if isinstance(child.ctx, gast.Load):
                uses.add(child.id)
            else:
                defs.add(child.id)
    return frozenset(defs), frozenset(uses), frozenset(kills)


def _collect_target(target, defs, uses, kills):
    if isinstance(target, gast.Name):
        defs.add(target.id)
        kills.add(target.id)
    elif isinstance(target, (gast.Tuple, gast.List)):
        for elt in target.elts:
            _collect_target(elt, defs, uses, kills)
    elif isinstance(target, gast.Subscript):
        # x[i] = v writes part of x: it neither reads x's values nor kills x.
        base = target.value
        while isinstance(base, gast.Subscript):
            uses |= names_in(base.slice)
            base = base.value
        uses |= names_in(target.slice)
        if isinstance(base, gast.Name):
            defs.add(base.id)
        else:
            uses |= names_in(base)
    else:
        uses |= names_in(target)


def names_in(node):
    return {child.id for child in gast.walk(node) if isinstance(child, gast.Name)}


def solve(graph, transfer, join, initial, backward=False):
    """Fixed point of a data-flow problem; returns {node: (in_fact, out_fact)}.

    For a forward problem `in` is the fact before the node and `out` after it;
    for a backward problem `in` is after the node (from its successors) and
    `out` before it. `transfer(node, fact)` maps in to out.
    """
    facts_in = {node: initial for node in graph.nodes}
    facts_out = {node: initial for node in graph.nodes}
    order = list(reversed(graph.nodes)) if backward else list(graph.nodes)
    work = list(order)
    queued = set(order)
    while work:
        node = work.pop(0)
        queued.discard(node)
        sources = node.succ if backward else node.pred
        fact = initial
        for index, source in enumerate(sources):
            fact = facts_out[source] if index == 0 else join(fact, facts_out[source])
        facts_in[node] = fact
        new = transfer(node, fact)
        if new != facts_out[node]:
            facts_out[node] = new
            for target in (node.pred if backward else node.succ):
                if target not in queued:
                    work.append(target)
                    queued.add(target)
    return {node: (facts_in[node], facts_out[node]) for node in graph.nodes}
