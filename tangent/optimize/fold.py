"""Constant folding and algebraic identities (x * 1, x + 0, x ** 1, -(-x)).

With the shapes of the variables known (a derivative is specialised to the
shapes of its array arguments), run-time helpers whose work is then known in
advance are spelled out: `reduced_count(x)` becomes a number, the spread of
a reduction's gradient in `unreduce(g, x) * w` becomes broadcasting when w has
x's shape, and the matmul adjoints become `@` with a transpose.
"""
import inspect
import operator

import gast
import numpy

from tangent import quoting
from tangent import runtime
from tangent.analysis import kinds as kinds_module
from tangent.optimize import walk
from tangent.transform.template import is_zero_derivative, zero_derivative, zero_rule

_EVALUATE = {gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
             gast.Div: operator.truediv, gast.Pow: operator.pow}


def fold(function, scope, facts=None):
    """Fold in place; returns whether anything changed.

    facts: a kinds.ShapeFacts giving the kinds and shapes of the function's
    variables, or None.
    """
    folder = _Folder(scope, facts)
    folder.visit(function)
    changed = folder.changed
    if folder.unstacks:
        changed |= _index_unstacked(function, scope, facts)
    if facts is not None and isinstance(function, gast.FunctionDef):
        changed |= _reuse_views(function, facts)
    return changed


def _reuse_views(function, facts):
    """After `n = a[1:]`, a later `a[1:]` reads n (a an array parameter, n bound once).

    A slice of an array is a view: n and a new `a[1:]` show the same memory
    (whatever is written into either, or into a), as long as a is the same
    array, so a is a parameter the function never rebinds. Only slices with
    constant bounds, so that the index is the same too. The user's statements
    are left alone, like the rest of the folds.
    """
    stores = walk.store_counts(function)
    parameters = {arg.id for arg in function.args.args if isinstance(arg, gast.Name)}

    def view(stmt):
        """(n, a[...] as source) for `n = a[slices]`, a reusable view; else None."""
        if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Subscript)
                and isinstance(stmt.value.value, gast.Name)
                and getattr(stmt, 'tangent_pair', None) is None):
            return None
        name, base = stmt.targets[0].id, stmt.value.value.id
        if stores.get(name) != 1 or base not in parameters or stores.get(base) != 1 \
                or not _constant_slices(stmt.value.slice):
            return None
        kind, shape = facts.value(stmt.value.value)
        if kind != kinds_module.ARRAY or not isinstance(shape, tuple):
            return None  # (an exact ndarray: the dispatcher saw its shape)
        return name, quoting.to_source(stmt.value)

    changed = False
    for block in walk.blocks(function.body):
        for position, stmt in enumerate(block):
            found = view(stmt)
            if found is None:
                continue
            reuse = _Reuse(*found)
            for later in block[position + 1:]:
                reuse.visit(later)
            changed |= reuse.changed
    return changed


def _constant_slices(index):
    elements = index.elts if isinstance(index, gast.Tuple) else [index]
    return all(isinstance(e, gast.Slice) and all(
        bound is None or walk.constant_int(bound) is not None for bound in (e.lower, e.upper, e.step))
        for e in elements)


class _Reuse(gast.NodeTransformer):
    """Replace reads of one view expression by the name holding it, outside the user's statements."""

    def __init__(self, name, source):
        self.name = name
        self.source = source
        self.changed = False

    def visit(self, node):
        if getattr(node, 'tangent_primal', False) and not isinstance(node, (gast.If, gast.For, gast.While)):
            return node
        return super().visit(node)

    def visit_Subscript(self, node):
        if isinstance(node.ctx, gast.Load) and quoting.to_source(node) == self.source:
            self.changed = True
            return quoting.name(self.name)
        return self.generic_visit(node)


def _index_unstacked(function, scope, facts):
    """`parts = tangent.unstack(g, 1)` read as `parts[0]`: `g[:, 0]` (g an array, not reassigned)."""
    stores, loads = {}, {}
    for node in walk.nodes(function):
        if isinstance(node, gast.Name):
            if isinstance(node.ctx, gast.Load):
                loads.setdefault(node.id, []).append(node)
            elif isinstance(node.ctx, gast.Store):
                stores[node.id] = stores.get(node.id, 0) + 1
    parents = {}
    for node in walk.nodes(function):
        for field in node._fields:
            value = getattr(node, field, None)
            for child in (value if isinstance(value, list) else [value]):
                if isinstance(child, gast.Name):
                    parents[id(child)] = node
    changed = False
    for node in walk.nodes(function):
        if not (isinstance(node, gast.Assign) and isinstance(node.targets[0], gast.Name)
                and isinstance(node.value, gast.Call) and not node.value.keywords
                and scope.resolve(node.value.func) is runtime.unstack and 1 <= len(node.value.args) <= 2):
            continue
        parts, grad = node.targets[0].id, node.value.args[0]
        axis = node.value.args[1] if len(node.value.args) == 2 else quoting.constant(0)
        kind, shape = facts.value(grad)
        shape = kinds_module.dims(shape)
        if not (isinstance(grad, gast.Name) and stores.get(grad.id, 0) == 0 and stores.get(parts) == 1
                and kind == kinds_module.ARRAY and shape and isinstance(axis, gast.Constant)
                and type(axis.value) is int and 0 <= axis.value < len(shape)):
            continue
        uses = [parents.get(id(use)) for use in loads.get(parts, [])]
        if not uses or not all(isinstance(use, gast.Subscript) and isinstance(use.value, gast.Name)
                               and use.value.id == parts and isinstance(use.slice, gast.Constant)
                               and type(use.slice.value) is int for use in uses):
            continue
        for use in uses:
            index = [gast.Slice(lower=None, upper=None, step=None)] * axis.value + [quoting.constant(use.slice.value)]
            use.value = quoting.name(grad.id)
            use.slice = gast.Tuple(elts=index, ctx=gast.Load()) if len(index) > 1 else index[0]
        changed = True
    return changed


def _tangent_package():
    import tangent
    return tangent


def _number(node):
    if isinstance(node, gast.Constant) and isinstance(node.value, (int, float)) \
            and not isinstance(node.value, bool):
        return node.value
    return None


class _Folder(gast.NodeTransformer):
    def __init__(self, scope, facts=None):
        self.scope = scope
        self.facts = facts
        self.changed = False
        self.unstacks = False  # saw tangent.unstack, with shapes known
        self.tangent = scope.bind('tangent', _tangent_package())

    def visit(self, node):
        if getattr(node, 'tangent_primal', False) and not isinstance(node, (gast.If, gast.For, gast.While)):
            return node  # `x * 1.0` in the user's code may convert an int: leave it alone
        result = super().visit(node)
        if result is not node:
            self.changed = True
        return result

    def visit_Call(self, node):
        """Drop trailing arguments equal to the callee's defaults (templates pass them all)."""
        self.generic_visit(node)
        if (isinstance(node.func, gast.Attribute) and node.func.attr == 'sum' and not node.args
                and isinstance(node.func.value, gast.UnaryOp) and isinstance(node.func.value.op, gast.USub)
                and self.facts is not None and self.facts.value(node.func.value)[0] == kinds_module.ARRAY):
            # (-g).sum(axis=...) -> -g.sum(axis=...): negate the smaller array
            node.func.value = node.func.value.operand
            return gast.UnaryOp(op=gast.USub(), operand=node)
        if zero_rule(node, self.scope) is not None:
            return zero_derivative()
        function = self.scope.resolve(node.func) if isinstance(node.func, (gast.Name, gast.Attribute)) else None
        module = getattr(function, '__module__', None) or ''
        if not (module == 'tangent.runtime' or module.startswith('numpy')):
            return node
        if function is runtime.zeros_like and len(node.args) == 1 and isinstance(node.args[0], gast.Call) \
                and self.scope.resolve(node.args[0].func) is runtime.zeros_like:
            return node.args[0]  # zeros shaped like zeros shaped like x
        if self.facts is not None and module == 'tangent.runtime':
            self.unstacks |= function is runtime.unstack
            spelled = self.spell_out(function, node)
            if spelled is not None:
                return spelled
        try:
            parameters = list(inspect.signature(function).parameters.values())
        except (TypeError, ValueError):
            return node
        defaults = {p.name: p.default for p in parameters if p.default is not inspect.Parameter.empty}
        kept = [kw for kw in node.keywords if not (
            kw.arg in defaults and isinstance(kw.value, gast.Constant)
            and (type(kw.value.value) is type(defaults[kw.arg]) and kw.value.value == defaults[kw.arg]
                 # NumPy reductions take `keepdims=<no value>`, which means False
                 or kw.arg == 'keepdims' and kw.value.value is False
                 and defaults[kw.arg] is getattr(numpy, '_NoValue', None)))]
        if len(kept) != len(node.keywords):
            node.keywords = kept
            self.changed = True
        if module != 'tangent.runtime':
            return node
        while node.args and len(node.args) <= len(parameters):
            parameter = parameters[len(node.args) - 1]
            last = node.args[-1]
            if (parameter.default is inspect.Parameter.empty or not isinstance(last, gast.Constant)
                    or last.value is not parameter.default and last.value != parameter.default
                    or type(last.value) is not type(parameter.default)):
                break
            node.args.pop()
            self.changed = True
        return node

    def visit_Assign(self, node):
        self.generic_visit(node)
        if getattr(node, 'tangent_fresh', False) and not isinstance(node.value, (gast.BinOp, gast.UnaryOp)):
            # The simplified value may be another gradient's object: copy it, since
            # the code that follows updates this one in place.
            node.value = gast.Call(func=quoting.expression('%s.copy' % self.tangent), args=[node.value],
                                   keywords=[])
            node.tangent_fresh = False
            self.changed = True
        if self.facts is not None:
            update = self.update_in_place(node)
            if update is not None:
                return update
        return node

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if (isinstance(node.target, gast.Subscript) and isinstance(node.op, gast.Add)
                and isinstance(node.value, gast.UnaryOp) and isinstance(node.value.op, gast.USub)):
            # g[i] += -e -> g[i] -= e (a + -b is a - b). Not for a name: propagate merges
            # `g = a; g += b` into one sum.
            node.op = gast.Sub()
            node.value = node.value.operand
            self.changed = True
        return node

    def update_in_place(self, node):
        """`a[i] = a[i] + e` -> `a[i] += e` for an array a, when e fits a[i]'s shape.

        NumPy's in-place add reads a[i] and e as the expression does (overlapping
        memory included) and writes the sum into a's memory, where the assignment
        copies it; it only refuses what the assignment would silently cast (a
        float into an integer array) or broadcast (e of more axes than a[i]).
        """
        target, value = node.targets[0], node.value
        if not (len(node.targets) == 1 and isinstance(target, gast.Subscript)
                and isinstance(target.value, gast.Name) and isinstance(value, gast.BinOp)
                and isinstance(value.op, (gast.Add, gast.Sub)) and isinstance(value.left, gast.Subscript)
                and getattr(node, 'tangent_pair', None) is None and _pure_index(target.slice)
                and quoting.to_source(value.left) == quoting.to_source(quoting.as_load(target))):
            return None
        kind, _ = self.facts.value(target.value)
        element = self.shape(value.left)
        if kind != kinds_module.ARRAY or element is None:
            return None
        if not kinds_module.is_numeric(self.facts.value(value.right)[0]):
            return None
        shape = self.shape(value.right)
        if shape is None or kinds_module.broadcast(element, shape) != element:
            return None
        return gast.AugAssign(target=target, op=value.op, value=value.right)

    # Helpers whose work the shapes decide

    def shape(self, node):
        return kinds_module.dims(self.facts.value(node)[1])

    def spell_out(self, function, node):
        args = node.args
        if node.keywords:
            return None
        if function is runtime.reduced_count and len(args) <= 2:
            shape = self.shape(args[0])
            axes = _axes(args[1] if len(args) == 2 else None, shape)
            if shape is None or axes is None:
                return None
            count = 1
            for axis in axes:
                count *= shape[axis]
            return quoting.constant(max(count, 1) if len(args) == 1 else count)
        if function in (runtime.matmul_adjoint_a, runtime.matmul_adjoint_b) and len(args) == 3:
            return self.matmul_adjoint(function is runtime.matmul_adjoint_a, *args)
        if function in (runtime.unbroadcast, runtime.broadcast_like) and len(args) == 2:
            # unbroadcast(g, x) and broadcast_like(t, x) return their first argument
            # when it already has x's shape.
            shape = self.shape(args[1])
            if shape is not None and self.shape(args[0]) == shape \
                    and kinds_module.is_numeric(self.facts.value(args[1])[0]):
                return args[0]
        return None

    def matmul_adjoint(self, first, grad, a, b):
        """The adjoint of `a @ b` for known ranks of a and b (one or two axes)."""
        if not (isinstance(a, gast.Name) and isinstance(b, gast.Name)):
            return None
        ranks = (kinds_module.rank(self.shape(a)), kinds_module.rank(self.shape(b)))
        if self.facts.value(a)[0] != kinds_module.ARRAY or self.facts.value(b)[0] != kinds_module.ARRAY:
            return None

        def transpose(node):
            return gast.Attribute(value=quoting.clone(node), attr='T', ctx=gast.Load())

        def matmul(left, right):
            return gast.BinOp(left=left, op=gast.MatMult(), right=right)

        def outer(left, right):
            numpy_name = self.scope.bind('numpy', numpy)
            return gast.Call(func=quoting.expression('%s.outer' % numpy_name),
                             args=[quoting.clone(left), quoting.clone(right)], keywords=[])
        if ranks == (2, 2):
            return matmul(grad, transpose(b)) if first else matmul(transpose(a), grad)
        if ranks == (1, 2):
            return matmul(quoting.clone(b), grad) if first else outer(a, grad)
        if ranks == (2, 1):
            return outer(grad, b) if first else matmul(transpose(a), grad)
        return None

    def is_unreduce(self, node):
        return (isinstance(node, gast.Call) and not node.keywords
                and self.scope.resolve(node.func) is runtime.unreduce and 2 <= len(node.args) <= 4)

    def spread_reduction(self, node):
        """`unreduce(g, x, ...) * w`: broadcasting spreads g where w has x's shape.

        Also `unreduce(g, x)[:, None] * w` for a number g (a full reduction),
        where w alone already has the shape of the product.
        """
        factors = _factors(node)
        for index, factor in enumerate(factors):
            rest = [self.shape(other) for position, other in enumerate(factors) if position != index]
            if any(other is None for other in rest):
                continue
            rest = kinds_module.broadcast(*rest)
            if self.is_unreduce(factor):
                shape = self.shape(factor.args[1])
                if shape is None or rest != shape:
                    continue
                grad = _expanded(factor.args[0], factor.args[2:], shape, self.shape(factor.args[0]))
            elif isinstance(factor, gast.Subscript) and self.is_unreduce(factor.value) \
                    and len(factor.value.args) == 2:
                shape = self.shape(factor.value.args[1])
                spread = None if shape is None else kinds_module.index_shape(shape, factor.slice)
                number = self.shape(factor.value.args[0]) == ()
                if spread is None or not number or kinds_module.broadcast(spread, rest) != rest \
                        or not _adds_axes_only(factor.slice):
                    continue
                grad = factor.value.args[0]
            else:
                continue
            if grad is None:
                continue
            factors[index] = grad
            result = factors[0]
            for other in factors[1:]:
                result = gast.BinOp(left=result, op=gast.Mult(), right=other)
            return result
        return None

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if self.facts is not None and isinstance(node.op, gast.Mult):
            spread = self.spread_reduction(node)
            if spread is not None:
                return spread
        zeroed = zero_rule(node, self.scope)
        if zeroed is not None:
            return zeroed  # (a zero stays known to be zero, so still absorbing)
        left, right = _number(node.left), _number(node.right)
        op = type(node.op)
        if left is not None and right is not None and op in _EVALUATE:
            try:
                value = _EVALUATE[op](left, right)
            except (ArithmeticError, ValueError):
                return node
            if isinstance(value, (int, float)) and abs(value) < 1e15:
                return gast.Constant(value=value, kind=None)
            return node
        if op is gast.Add and isinstance(node.right, gast.UnaryOp) and isinstance(node.right.op, gast.USub):
            return gast.BinOp(left=node.left, op=gast.Sub(), right=node.right.operand)  # a + -b
        if op is gast.Mult:
            if right == 1:
                return node.left
            if left == 1:
                return node.right
            if right == -1:
                return gast.UnaryOp(op=gast.USub(), operand=node.left)
            if left == -1:
                return gast.UnaryOp(op=gast.USub(), operand=node.right)
            # The sign moves into the number: (-a) * c is a * (-c) exactly, with one operation less.
            if right is not None and _is_negation(node.left):
                return gast.BinOp(left=node.left.operand, op=gast.Mult(), right=quoting.constant(-right))
            if left is not None and _is_negation(node.right):
                return gast.BinOp(left=quoting.constant(-left), op=gast.Mult(), right=node.right.operand)
        if op in (gast.Div, gast.Pow) and right == 1:
            return node.left
        if op is gast.Add:
            if right == 0:
                return node.left
            if left == 0:
                return node.right
        if op is gast.Sub:
            if right == 0:
                return node.left
            if left == 0:
                return gast.UnaryOp(op=gast.USub(), operand=node.right)
        return node

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, gast.USub):
            inner = node.operand
            if isinstance(inner, gast.UnaryOp) and isinstance(inner.op, gast.USub):
                return inner.operand
            if (isinstance(inner, gast.BinOp) and isinstance(inner.op, (gast.Mult, gast.Div))
                    and isinstance(inner.left, gast.UnaryOp) and isinstance(inner.left.op, gast.USub)):
                inner.left = inner.left.operand  # -(-a * b) -> a * b
                self.changed = True
                return inner
            if (isinstance(inner, gast.BinOp) and isinstance(inner.op, (gast.Mult, gast.Div))
                    and isinstance(inner.right, gast.UnaryOp) and isinstance(inner.right.op, gast.USub)):
                inner.right = inner.right.operand  # -(a * -b) -> a * b
                self.changed = True
                return inner
            if is_zero_derivative(inner):
                return inner
            value = _number(inner)
            if value is not None:
                return gast.Constant(value=-value, kind=None)
        return node

    def visit_If(self, node):
        self.generic_visit(node)
        if isinstance(node.test, gast.Constant) and isinstance(node.test.value, bool):
            chosen = node.body if node.test.value else node.orelse
            return chosen or [gast.Pass()]
        return node


def _is_negation(node):
    return isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub)


def _pure_index(index):
    """An index made of names, numbers and slices only: evaluating it twice or once is the same."""
    for node in walk.nodes(index):
        if isinstance(node, gast.Name):
            if not isinstance(node.ctx, gast.Load):
                return False
        elif isinstance(node, gast.Constant):
            if not (node.value is None or isinstance(node.value, (int, float))):
                return False
        elif not isinstance(node, (gast.Slice, gast.Tuple, gast.UnaryOp, gast.BinOp, gast.Load,
                                   gast.USub, gast.UAdd, gast.Add, gast.Sub, gast.Mult, gast.FloorDiv)):
            return False
    return True


def _adds_axes_only(index):
    """An index of `:` and None only (it inserts axes, selects nothing)."""
    elements = index.elts if isinstance(index, gast.Tuple) else [index]
    return all((isinstance(e, gast.Constant) and e.value is None)
               or (isinstance(e, gast.Slice) and e.lower is None and e.upper is None and e.step is None)
               for e in elements)


def _factors(node):
    """The operands of a chain of products ((a * b) * c), left to right.

    Only the left spine: the chain rebuilt from them is the same tree, so the
    products are evaluated in the same order.
    """
    if isinstance(node, gast.BinOp) and isinstance(node.op, gast.Mult):
        return _factors(node.left) + [node.right]
    return [node]


def _constant_axes(node):
    if node is None or (isinstance(node, gast.Constant) and node.value is None):
        return None, True
    if isinstance(node, gast.Constant) and type(node.value) is int:
        return [node.value], True
    if isinstance(node, gast.Tuple) and all(isinstance(e, gast.Constant) and type(e.value) is int
                                            for e in node.elts):
        return [e.value for e in node.elts], True
    return None, False


def _axes(node, shape):
    """The axes (normalised) a reduction over `node` combines, or None if unknown."""
    if shape is None:
        return None
    axes, known = _constant_axes(node)
    if not known:
        return None
    if axes is None:
        return list(range(len(shape)))
    if any(not -len(shape) <= axis < len(shape) for axis in axes):
        return None
    return sorted({axis % len(shape) for axis in axes})


def reduced_axes(options, shape):
    """(axes, broadcasts) for unreduce's options over an operand of `shape`, or None if unknown.

    options: unreduce's axis and keepdims arguments (constants), as written.
    axes: the reduced axes; broadcasts: whether the reduced gradient already
    broadcasts against the operand (kept dimensions, or a full reduction).
    """
    axis = options[0] if options else None
    keepdims = options[1] if len(options) > 1 else None
    if keepdims is not None and not (isinstance(keepdims, gast.Constant) and isinstance(keepdims.value, bool)):
        return None
    axes = _axes(axis, shape)
    if axes is None:
        return None
    return axes, bool(keepdims is not None and keepdims.value) or _constant_axes(axis)[0] is None


def _expanded(grad, options, shape, grad_shape):
    """The reduced gradient `grad` with the reduced axes put back as size 1, or None."""
    reduction = reduced_axes(options, shape)
    if reduction is None:
        return None
    axes, broadcasts = reduction
    if broadcasts:
        return grad
    if grad_shape is None or len(grad_shape) + len(axes) != len(shape):
        return None
    index = []
    for position in range(len(shape)):
        if position in axes:
            index.append(quoting.constant(None))
        elif position < max(axes):
            index.append(gast.Slice(lower=None, upper=None, step=None))
    return gast.Subscript(value=grad, slice=gast.Tuple(elts=index, ctx=gast.Load()) if len(index) > 1
                          else index[0], ctx=gast.Load())
