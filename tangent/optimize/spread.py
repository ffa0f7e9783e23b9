"""The spread of a reduction's gradient, left to broadcasting across statements.

`v = tangent.unreduce(g, x)` copies the gradient g of a reduction over x into
an array of x's shape. fold.py drops the call where it is a factor of a product
whose other factors have x's shape. Here the same is done when v is a variable:
`v = g` (g with the reduced axes put back as size 1), when every read of v is

- a factor of a product whose other factors broadcast to x's shape or to a
  shape that contains it (then g is spread by the product's broadcasting, and
  the product has the same shape and elements as before); or
- a factor of a product whose other factors are all numbers, which is the
  whole value of `w = ...` (under unary minus or not), where w is a variable
  whose reads all pass this test in turn: w then holds a spread of g too.

v and every such w must be assigned once in the whole function and never
written into, so that every read sees that one value. Anything else keeps the
call. The variables whose shapes change are given their new shapes in the
optimiser's ShapeFacts, so that the other folds do not rely on the old ones.
"""
import gast

from tangent import quoting
from tangent import runtime
from tangent.analysis import kinds as kinds_module
from tangent.optimize import walk
from tangent.optimize.fold import _expanded, reduced_axes


def spread_reductions(function, scope, facts):
    """Replace unreduce calls assigned to variables by broadcasting; returns whether any changed."""
    if facts is None:
        return False
    if not any(isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute)
               and node.func.attr == 'unreduce' for node in walk.nodes(function)):
        return False
    changed = False
    while True:
        # Each spread changes shapes (in facts) and the tree: look again from scratch.
        program = _Program(function, scope, facts)
        if not any(program.spread(stmt) for stmt in program.candidates()):
            return changed
        changed = True


class _Program:
    """Who assigns, writes into and reads each name of a generated function."""

    def __init__(self, function, scope, facts):
        self.function = function
        self.scope = scope
        self.facts = facts
        self.stores = {}       # name -> how many times it is bound (parameters count)
        self.written = set()   # names written into: x[i] = ..., x.a = ..., x[i] += ..., x += ...
        self.loads = {}        # name -> its Name nodes in Load context
        self.parents = {}      # id(node) -> parent node
        self.primal = set()    # ids of the nodes under statements copied from the user's function
        for node in walk.nodes(function):  # (parameters are Names too, in Param context)
            for field in node._fields:
                value = getattr(node, field, None)
                for child in (value if isinstance(value, list) else [value]):
                    if isinstance(child, gast.AST):
                        self.parents[id(child)] = node
            if isinstance(node, gast.Name):
                if isinstance(node.ctx, gast.Load):
                    self.loads.setdefault(node.id, []).append(node)
                else:
                    self.stores[node.id] = self.stores.get(node.id, 0) + 1
            elif isinstance(node, (gast.Assign, gast.AugAssign, gast.AnnAssign, gast.For, gast.Delete)):
                if isinstance(node, gast.AugAssign) and isinstance(node.target, gast.Name):
                    self.written.add(node.target.id)  # an array's += updates it in place
                targets = (node.targets if isinstance(node, (gast.Assign, gast.Delete))
                           else [node.target])
                for target in targets:
                    for inner in walk.nodes(target):
                        if not isinstance(inner, (gast.Subscript, gast.Attribute)):
                            continue
                        while isinstance(inner, (gast.Subscript, gast.Attribute)):
                            inner = inner.value
                        if isinstance(inner, gast.Name):
                            self.written.add(inner.id)
            if getattr(node, 'tangent_primal', False) and isinstance(node, gast.stmt):
                self.primal.update(id(inner) for inner in walk.nodes(node))

    def candidates(self):
        """The statements `v = tangent.unreduce(...)`, in the order they appear."""
        return [stmt for stmt in _statements_in_order(self.function) if self.is_candidate(stmt)]

    def is_candidate(self, stmt):
        return (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], gast.Name) and self.is_unreduce(stmt.value)
                and id(stmt) not in self.primal and getattr(stmt, 'tangent_pair', None) is None)

    def is_unreduce(self, node):
        return (isinstance(node, gast.Call) and not node.keywords
                and isinstance(node.func, (gast.Name, gast.Attribute))
                and self.scope.resolve(node.func) is runtime.unreduce and 2 <= len(node.args) <= 4)

    def single(self, name):
        """Bound once (not a parameter, not a loop variable) and never written into."""
        return self.stores.get(name, 0) == 1 and name not in self.written

    def spread(self, stmt):
        name = stmt.targets[0].id
        call = stmt.value
        grad, like, options = call.args[0], call.args[1], call.args[2:]
        if not self.single(name) or not self.loads.get(name):
            return False
        if any(id(node) in self.primal for node in self.loads[name]):
            return False
        like_kind, like_shape = self.facts.value(like)
        grad_kind, grad_shape = self.facts.value(grad)
        if grad_shape == kinds_module.INT:
            return False  # unreduce makes an integer gradient a float array: keep that
        shape, grad_shape = kinds_module.dims(like_shape), kinds_module.dims(grad_shape)
        if shape is None or grad_shape is None or not (
                kinds_module.is_numeric(like_kind) and kinds_module.is_numeric(grad_kind)):
            return False
        spread_shape = _expanded_shape(options, shape, grad_shape)
        if spread_shape is None or kinds_module.broadcast(spread_shape, shape) != shape:
            return False
        if _reads(grad, self.written):
            return False  # v = g would share g's memory, which is then updated in place
        value = _expanded(quoting.clone(grad), [quoting.clone(option) for option in options], shape, grad_shape)
        if value is None:
            return False
        # The variables that will hold the spread gradient: v, then each w = v * numbers.
        holders, pending = [name], [name]
        while pending:
            current = pending.pop()
            for use in self.loads[current]:
                holder = self.scalar_product_target(use)
                if holder is None:
                    continue
                if holder in holders or not self.single(holder) or not self.loads.get(holder):
                    return False
                holders.append(holder)
                pending.append(holder)
        holding = set(holders)
        for holder in holders:
            for use in self.loads[holder]:
                if id(use) in self.primal:
                    return False
                _, leaves = self.product(use)
                if any(_reads(leaf, holding) for leaf in leaves):
                    return False  # v * v, or v * w: both would change
                shapes = [self.leaf_shape(leaf) for leaf in leaves]
                if any(leaf_shape is None for leaf_shape in shapes):
                    return False
                if self.scalar_product_target(use) is not None:
                    continue  # w = v * numbers: w's own reads are checked in this loop
                covered = kinds_module.broadcast(*shapes) if shapes else ()
                if covered is None or kinds_module.broadcast(shape, covered) != covered:
                    return False
        stmt.value = value
        kind, value_shape = self.facts.value(value)
        if kinds_module.dims(value_shape) != spread_shape:
            value_shape = spread_shape
        kind = kinds_module.SCALAR if spread_shape == () and kind != kinds_module.ARRAY else kind
        for holder in holders:
            self.facts.values[holder] = (kind if kinds_module.is_numeric(kind) else kinds_module.NUMERIC,
                                         value_shape)
        return True

    def leaf_shape(self, leaf):
        kind, shape = self.facts.value(leaf)
        if not kinds_module.is_numeric(kind):
            return None
        return kinds_module.dims(shape)

    def product(self, use):
        """The largest tree of products and negations around `use`: (its root, the other operands)."""
        root = use
        parent = self.parents.get(id(root))
        while (isinstance(parent, gast.BinOp) and isinstance(parent.op, gast.Mult)
               or isinstance(parent, gast.UnaryOp) and isinstance(parent.op, gast.USub)):
            root = parent
            parent = self.parents.get(id(root))
        leaves = []

        def collect(node):
            if isinstance(node, gast.BinOp) and isinstance(node.op, gast.Mult):
                collect(node.left)
                collect(node.right)
            elif isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
                collect(node.operand)
            elif node is not use:
                leaves.append(node)
        collect(root)
        return root, leaves

    def scalar_product_target(self, use):
        """w, when `use` is in a product of numbers that is the whole value of `w = ...`."""
        root, leaves = self.product(use)
        parent = self.parents.get(id(root))
        if not (isinstance(parent, gast.Assign) and parent.value is root and len(parent.targets) == 1
                and isinstance(parent.targets[0], gast.Name) and id(parent) not in self.primal
                and getattr(parent, 'tangent_pair', None) is None):
            return None
        if all(self.leaf_shape(leaf) == () for leaf in leaves):
            return parent.targets[0].id
        return None


def _statements_in_order(node):
    for field in node._fields:
        value = getattr(node, field, None)
        for child in (value if isinstance(value, list) else [value]):
            if isinstance(child, gast.stmt):
                yield child
                yield from _statements_in_order(child)


def _reads(node, names):
    return any(isinstance(inner, gast.Name) and inner.id in names for inner in walk.nodes(node))


def _expanded_shape(options, shape, grad_shape):
    """The shape of unreduce's gradient with the reduced axes put back as size 1 (as _expanded spells it)."""
    reduction = reduced_axes(options, shape)
    if reduction is None:
        return None
    axes, broadcasts = reduction
    if broadcasts:
        return grad_shape
    if len(grad_shape) + len(axes) != len(shape):
        return None
    remaining = iter(grad_shape)
    return tuple(1 if position in axes else next(remaining) for position in range(len(shape)))
