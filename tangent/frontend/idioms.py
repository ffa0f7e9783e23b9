"""Idioms: numerical patterns whose exact derivative is simpler than the code.

The stable log-sum-exp
----------------------
Log-sum-exp is written with a shift, so that `exp` cannot overflow:

    m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))

Differentiated as written, the derivative carries a gradient into `m` (the sum
of the two paths through it) and from there through `np.max` back into `z`,
with the tie rule of the maximum. In exact arithmetic that gradient is zero:

    m + log(sum_A exp(z - m)) = m + log(exp(-m) * sum_A exp(z)) = log(sum_A exp(z))

whenever m is the same number across every axis the sum runs over (A), so that
exp(-m) comes out of the sum. The expression then does not depend on m at
all, whatever its value, and its derivative is the same whether or not m is
held constant in it. Holding m constant there is therefore exact: the
gradient flows only through the `z` inside the `exp`, where it is the softmax,
which is also shift-invariant (so derivatives of the derivative stay exact).
Rounding only improves: the generated code no longer computes the
gradient-through-the-max as the difference of two nearly equal numbers.

This pass finds `M + log(sum(exp(Z - M), ...))` (either order of the outer +,
`numpy.log`, `numpy.sum` or the `.sum` method on the `exp`, `numpy.exp`; the
functions are resolved through the function's scope, never matched on their
spelling) and holds both M constant there with `tangent.stop_gradient`. Uses
of M elsewhere keep their gradient. Z may be any expression, even one that
uses M: the identity holds for every value of the two explicit Ms.

When is M certainly constant along the summed axes? Only these cases fire:

* M is a plain name assigned exactly once in the function (`m = ...`, nothing
  else stores to it: no second assignment, no loop target, no `+=`), in the
  same block as the expression or in a block around it, before it, so the
  value read is the value of that assignment (in a loop: of the same
  iteration);
* that assignment is a NumPy reduction (`np.max`, `np.amax`, `np.min`,
  `np.mean`, `np.sum`, `np.median`, the `nan` variants, ...; the array methods
  `x.max()` ...; `scipy.special.logsumexp`) with only `axis` and `keepdims`
  arguments, both constants; and
* either M reduces over all axes (no `axis`, or `axis=None`): M holds one
  number, constant along any axes, so any sum qualifies (with or without
  `axis`, with or without `keepdims`);
* or M reduces with `keepdims=True` over axes A_m, the sum has
  `keepdims=True` and axes A_s contained in A_m, and broadcasting lines the
  axes up: NumPy broadcasting aligns trailing axes, so negative axes name the
  same axis of M and of `Z - M` whatever their numbers of dimensions; for
  non-negative axes, Z must be the very array M reduced (the same local name,
  not assigned between the reduction and the expression), so both have the
  same number of dimensions.

Anything else is left as written, and differentiated as written (with the
max's tie rule): `m = z`, an M reduced over other axes, a sum without
keepdims against a keepdims M (the shapes then broadcast crosswise and the
identity fails), M assigned twice, M an expression.

When every read of M is in such an expression, the assignment itself is held
constant (`m = tangent.stop_gradient(np.max(...))`): the generated code then
keeps the user's names. Otherwise a constant copy of M is made next to its
assignment (`m_const = tangent.stop_gradient(m)`) and the expressions read it.
"""
import sys

import gast
import numpy

from tangent import quoting

_FULL = 'all axes'  # an axis specification: every axis (no `axis`, or `axis=None`)

_REDUCTION_NAMES = ('max', 'amax', 'min', 'amin', 'sum', 'prod', 'mean', 'std', 'var', 'median',
                    'ptp', 'nanmax', 'nanmin', 'nansum', 'nanprod', 'nanmean', 'nanstd', 'nanvar',
                    'nanmedian')
# Array methods that anf.py writes as the NumPy function of the same name.
_REDUCTION_METHODS = frozenset({'max', 'min', 'sum', 'prod', 'mean', 'std', 'var'})
# Argument types of a parameter on which `x.max(...)` is NumPy's method.
_ARRAY_TYPES = (numpy.ndarray, numpy.generic, float, int, complex)


def cut_logsumexp_shift(node, scope, namer, argument_types=None):
    """Hold the shift of each stable log-sum-exp in `node` constant (see the module docstring).

    argument_types: {parameter: type of its argument} of `node`, or None; it
    decides whether `x.max(...)` on a parameter is the array method.
    Returns the number of expressions rewritten.
    """
    finder = _Finder(node, scope, argument_types or {})
    for function in [node] + [child for child in gast.walk(node)
                              if isinstance(child, gast.FunctionDef) and child is not node]:
        finder.block(function.body, [])
    rewritten = 0
    for definition, block, shift, reads in finder.found.values():
        rewritten += len(reads) // 2
        if len(reads) == finder.loads.get(shift, 0):
            # Every read is a shift: hold the assignment itself constant.
            held = _stop_gradient(scope, quoting.constant(None))
            _locate(held, definition.value)
            held.args = [definition.value]
            definition.value = held
            continue
        alias = namer.fresh(shift + '_const')
        copy = quoting.assign(alias, _stop_gradient(scope, quoting.name(shift)))
        _locate(copy, definition)
        block.insert(_index(block, definition) + 1, copy)
        for read in reads:
            read.id = alias
    return rewritten


def _stop_gradient(scope, value):
    import tangent
    module = scope.bind('tangent', tangent)
    return gast.Call(func=quoting.expression('%s.stop_gradient' % module), args=[value],
                     keywords=[])


def _locate(new, old):
    for child in gast.walk(new):
        gast.copy_location(child, old)


def _index(block, stmt):
    return next(position for position, item in enumerate(block) if item is stmt)


class _Finder:
    def __init__(self, node, scope, argument_types):
        self.scope = scope
        self.argument_types = argument_types
        self.parameters = {arg.id for arg in node.args.args if isinstance(arg, gast.Name)}
        self.stores, self.loads = {}, {}
        for child in gast.walk(node):
            if isinstance(child, gast.Name):
                counts = self.loads if isinstance(child.ctx, gast.Load) else self.stores
                counts[child.id] = counts.get(child.id, 0) + 1
        self.assigned = {child.id for child in gast.walk(node)
                         if isinstance(child, gast.Name) and isinstance(child.ctx, gast.Store)}
        # id(assignment of M) -> (assignment, its block, M, the Name nodes reading M as a shift)
        self.found = {}
        self._reductions = None

    # Walking the statements, with the path of (block, index) pairs that leads to each.

    def block(self, stmts, path):
        for index, stmt in enumerate(stmts):
            if isinstance(stmt, gast.FunctionDef):
                continue  # a function of its own; its reads of M are reads elsewhere
            here = path + [(stmts, index)]
            for expr in _own_expressions(stmt):
                for child in _walk_expression(expr):
                    if isinstance(child, gast.BinOp) and isinstance(child.op, gast.Add):
                        self.consider(child, here)
            for inner in _inner_blocks(stmt):
                self.block(inner, here)

    def consider(self, add, path):
        for shift, log in ((add.left, add.right), (add.right, add.left)):
            if not (isinstance(shift, gast.Name) and isinstance(shift.ctx, gast.Load)):
                continue
            lse = self.logsumexp(log, shift.id)
            if lse is None:
                continue
            inner, shifted, sum_axes, sum_keepdims = lse
            found = self.definition(shift.id, path)
            if found is None:
                return
            definition, block, level = found
            reduction = self.reduction(definition.value)
            if reduction is None:
                return
            reduced, axes, keepdims = reduction
            if not self.constant_along(reduced, axes, keepdims, shifted, sum_axes, sum_keepdims,
                                       path, level, definition):
                return
            key = id(definition)
            if key not in self.found:
                self.found[key] = (definition, block, shift.id, [])
            self.found[key][3].extend([shift, inner])
            return

    # The pattern M + log(sum(exp(Z - M), ...)).

    def logsumexp(self, node, shift):
        """(the inner Name M, Z, axes, keepdims) when node is log(sum(exp(Z - M), ...)), else None."""
        if not (self.calls(node, numpy.log) and len(node.args) == 1 and not node.keywords):
            return None
        total = node.args[0]
        if not isinstance(total, gast.Call):
            return None
        if self.calls(total, numpy.sum) and total.args:
            exponential, extra = total.args[0], total.args[1:]
        elif (isinstance(total.func, gast.Attribute) and total.func.attr == 'sum'
              and isinstance(total.func.value, gast.Call)):
            exponential, extra = total.func.value, total.args  # np.exp(z - m).sum(...)
        else:
            return None
        options = _reduction_options(extra, total.keywords)
        if options is None:
            return None
        if not (self.calls(exponential, numpy.exp) and len(exponential.args) == 1
                and not exponential.keywords):
            return None
        difference = exponential.args[0]
        if not (isinstance(difference, gast.BinOp) and isinstance(difference.op, gast.Sub)
                and isinstance(difference.right, gast.Name) and difference.right.id == shift
                and isinstance(difference.right.ctx, gast.Load)):
            return None
        return (difference.right, difference.left) + options

    def calls(self, node, function):
        return isinstance(node, gast.Call) and self.scope.resolve(node.func) is function

    # M: assigned once, from a reduction.

    def definition(self, shift, path):
        """(the one assignment of `shift`, its block, its depth in path), if it comes before path."""
        if self.stores.get(shift, 0) != 1 or shift not in self.scope.locals:
            return None
        for level in range(len(path) - 1, -1, -1):
            stmts, index = path[level]
            for stmt in stmts[:index]:
                if (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1
                        and isinstance(stmt.targets[0], gast.Name) and stmt.targets[0].id == shift):
                    return stmt, stmts, level
        return None

    def reduction(self, value):
        """(the array reduced, axes, keepdims) when value is a NumPy reduction, else None."""
        if not isinstance(value, gast.Call):
            return None
        function = self.scope.resolve(value.func)
        if any(function is reduction for reduction in self.reductions()):
            if not value.args:
                return None
            array, extra = value.args[0], value.args[1:]
        elif (isinstance(value.func, gast.Attribute) and value.func.attr in _REDUCTION_METHODS
              and self.array_receiver(value.func.value)):
            array, extra = value.func.value, value.args
        else:
            return None
        options = _reduction_options(extra, value.keywords)
        return None if options is None else (array,) + options

    def reductions(self):
        if self._reductions is None:
            found = [getattr(numpy, name) for name in _REDUCTION_NAMES if hasattr(numpy, name)]
            special = sys.modules.get('scipy.special')  # loaded if the function can use it
            if special is not None and hasattr(special, 'logsumexp'):
                found.append(special.logsumexp)
            self._reductions = found
        return self._reductions

    def array_receiver(self, node):
        """Whether anf.py turns `node.max(...)` into `numpy.max(node, ...)`."""
        if isinstance(node, gast.Call):
            return True
        if not isinstance(node, gast.Name):
            return False
        if node.id in self.assigned:
            return True
        cls = self.argument_types.get(node.id) if node.id in self.parameters else None
        return isinstance(cls, type) and issubclass(cls, _ARRAY_TYPES)

    # Is M constant along the summed axes?

    def constant_along(self, reduced, axes, keepdims, shifted, sum_axes, sum_keepdims, path, level,
                       definition):
        if axes == _FULL:
            return True  # one number
        if not (keepdims and sum_keepdims and sum_axes != _FULL and set(sum_axes) <= set(axes)):
            return False
        if (min(axes) < 0) != (min(sum_axes) < 0):
            return False
        if min(axes) < 0:
            return True  # trailing axes: aligned by broadcasting
        # Leading axes: Z must have M's number of dimensions, i.e. be the array M reduced.
        if not (isinstance(reduced, gast.Name) and isinstance(shifted, gast.Name)
                and reduced.id == shifted.id and reduced.id in self.scope.locals):
            return False
        stmts, index = path[level]
        between = stmts[_index(stmts, definition) + 1:index]
        use = stmts[index]
        if _own_expressions(use) != [use]:
            # A compound statement: its blocks, and a while test run again after them.
            between = between + [use]
        return not any(isinstance(child, gast.Name) and child.id == reduced.id
                       and not isinstance(child.ctx, gast.Load)
                       for stmt in between for child in gast.walk(stmt))


def _reduction_options(extra, keywords):
    """(axes, keepdims) of a reduction's arguments after the array, or None if not understood."""
    if len(extra) > 1:
        return None
    given = {}
    if extra:
        given['axis'] = extra[0]
    for keyword in keywords:
        if keyword.arg not in ('axis', 'keepdims') or keyword.arg in given:
            return None
        given[keyword.arg] = keyword.value
    axes = _axes(given.get('axis'))
    keepdims = given.get('keepdims')
    if keepdims is None:
        keepdims = False
    elif isinstance(keepdims, gast.Constant) and isinstance(keepdims.value, bool):
        keepdims = keepdims.value
    else:
        return None
    if axes is None:
        return None
    return axes, keepdims


def _axes(node):
    """_FULL, or a tuple of int axes all negative or all non-negative; None if not understood."""
    if node is None or (isinstance(node, gast.Constant) and node.value is None):
        return _FULL
    elements = node.elts if isinstance(node, gast.Tuple) else [node]
    axes = []
    for element in elements:
        sign = 1
        if isinstance(element, gast.UnaryOp) and isinstance(element.op, gast.USub):
            sign, element = -1, element.operand
        if not (isinstance(element, gast.Constant) and type(element.value) is int):
            return None
        axes.append(sign * element.value)
    if not axes or len(set(axes)) != len(axes):
        return None  # axis=() reduces over nothing
    if min(axes) < 0 <= max(axes):
        return None  # mixed: which axes they name depends on the number of dimensions
    return tuple(axes)


def _own_expressions(stmt):
    """What a statement evaluates itself; a compound statement's blocks are walked apart."""
    if isinstance(stmt, (gast.If, gast.While)):
        return [stmt.test]
    if isinstance(stmt, gast.For):
        return [stmt.iter]
    if isinstance(stmt, gast.With):
        return [item.context_expr for item in stmt.items]
    if isinstance(stmt, gast.FunctionDef):
        return []
    return [stmt]


def _inner_blocks(stmt):
    if isinstance(stmt, (gast.If, gast.For, gast.While)):
        return [stmt.body, stmt.orelse]
    if isinstance(stmt, gast.With):
        return [stmt.body]
    return []


def _walk_expression(node):
    """The nodes of an expression or simple statement, not entering nested functions."""
    todo = [node]
    while todo:
        child = todo.pop()
        yield child
        if not isinstance(child, (gast.FunctionDef, gast.Lambda)):
            todo.extend(gast.iter_child_nodes(child))
