"""Desugaring control flow into the small core the transformations handle.

After these passes a function body has:
  * a single `return` as its last statement;
  * `for` loops over `range(...)` only (sequences, `enumerate` and `zip` are
    iterated by index);
  * no `break`/`continue` except one `if stop: break` as the last statement of a
    loop body: earlier jumps set a flag and guard the statements after them, so
    the backward pass can replay exactly the statements an iteration ran.

Nested defs and named lambdas are checked in nested.py and desugared here the
same way, each on its own; anf.py inlines them where they are called.
"""
import gast

from tangent import quoting
from tangent.errors import error_at
from tangent.frontend.resolve import MISSING

_REFUSED = {
    gast.Try: ('try/except', 'move the try/except outside the differentiated function'),
    gast.Raise: ('raise', 'validate inputs before calling the derivative'),
    gast.Yield: ('yield', 'generators cannot be differentiated; return a list or array'),
    gast.YieldFrom: ('yield from', 'generators cannot be differentiated; return a list or array'),
    gast.Await: ('await', 'async code cannot be differentiated'),
    gast.AsyncFor: ('async for', 'async code cannot be differentiated'),
    gast.AsyncWith: ('async with', 'async code cannot be differentiated'),
    gast.AsyncFunctionDef: ('async def', 'async code cannot be differentiated'),
    gast.Global: ('global', 'pass the value in as an argument and return it instead'),
    gast.Nonlocal: ('nonlocal', 'pass the value in as an argument and return it instead'),
    gast.Delete: ('del', 'remove the del statement; the derivative keeps alive only what it needs'),
    gast.ClassDef: ('class definition', 'define the class at module level'),
    gast.Lambda: ('lambda', 'assign the lambda to a name and only call it, or define the function '
                            'with def and call it'),
    gast.ListComp: ('list comprehension', 'write the comprehension as a for loop'),
    gast.SetComp: ('set comprehension', 'write the comprehension as a for loop'),
    gast.DictComp: ('dict comprehension', 'write the comprehension as a for loop'),
    gast.GeneratorExp: ('generator expression', 'write it as a for loop'),
    gast.NamedExpr: ('walrus assignment (:=)', 'assign the value in its own statement'),
    gast.Starred: ('starred expression', 'pass the elements explicitly'),
    gast.Import: ('import', 'import at module level'),
    gast.ImportFrom: ('import', 'import at module level'),
    gast.Match: ('match statement', 'write it as if/elif tests'),
    gast.Set: ('set literal', 'use a list or a tuple'),
}


def lower_annotations(node):
    """`y: float = e` is `y = e`; a bare annotation `y: float` does nothing."""
    class Lowering(gast.NodeTransformer):
        def visit_AnnAssign(self, stmt):
            if stmt.value is None:
                return None
            return gast.copy_location(gast.Assign(targets=[stmt.target], value=stmt.value,
                                                  type_comment=None), stmt)

    Lowering().visit(node)  # nested defs too: they are inlined where they are called


def check_supported(node, origin, scope):
    """Refuse constructs the derivative could get wrong, naming the user's line."""
    call_arguments = {id(arg) for child in walk_body(node) if isinstance(child, gast.Call)
                      for arg in child.args}
    for child in walk_body(node):
        if isinstance(child, gast.FunctionDef):
            continue  # checked above; inlined where it is called (see anf.py)
        if isinstance(child, gast.Starred) and id(child) in call_arguments:
            continue  # h(*xs): matched to h's parameters in anf.py
        refused = _REFUSED.get(type(child))
        if refused is not None:
            construct, advice = refused
            raise error_at(child, origin, construct,
                           '%s cannot be differentiated by tangent: %s.' % (construct, advice))
        if isinstance(child, gast.With):
            for item in child.items:
                if not _is_insert_grad_of(item.context_expr, scope):
                    raise error_at(child, origin, 'with statement',
                                   'only `with tangent.insert_grad_of(x) as dx:` is supported; '
                                   'move other context managers outside the function.')
        if isinstance(child, (gast.For, gast.While)) and child.orelse:
            raise error_at(child, origin, 'loop else clause',
                           'rewrite the else clause with a flag set before break.')
        if isinstance(child, gast.Assign) and isinstance(child.targets[0], gast.Attribute):
            raise error_at(child, origin, 'attribute assignment',
                           'mutating objects is not differentiated; build a new value instead.')


def walk_body(node):
    for stmt in node.body:
        yield from gast.walk(stmt)


def _is_insert_grad_of(expr, scope):
    from tangent.surgery import insert_grad_of
    return isinstance(expr, gast.Call) and scope.resolve(expr.func) is insert_grad_of


def flatten_parameters(node, view, origin):
    """The parameter list of a positional view (positional.py): every parameter by position.

    `def h(x, *xs, scale=2.0, **opts)` becomes `def h(x, xs, scale, opts)`, where
    xs is the tuple and opts the dict that h receives. The parameters a bound
    method or a partial fixes are taken out: they are constants of the derivative.
    """
    args = node.args
    params = (list(args.posonlyargs) + list(args.args) + [args.vararg] + list(args.kwonlyargs)
              + [args.kwarg])
    static = {name for name, _ in view.static}
    for child in walk_body(node):
        if isinstance(child, gast.Name) and child.id in static and not isinstance(child.ctx, gast.Load):
            raise error_at(child, origin, 'assignment to %s' % child.id,
                           '%s is fixed by a partial or a bound method, so tangent differentiates '
                           '%s with %s as a constant; assign the new value to another name.'
                           % (child.id, node.name, child.id))
    kept = [param for param in params if param is not None and param.id not in static]
    if [param.id for param in kept] != list(view.parameters):
        raise AssertionError('the view of %s does not match its source' % node.name)
    node.args = gast.arguments(args=kept, posonlyargs=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                               kwarg=None, defaults=[])


def walk_own(node):
    """The nodes of a function body, not descending into nested defs (but into their defaults)."""
    todo = list(reversed(node.body))
    while todo:
        child = todo.pop()
        yield child
        if isinstance(child, gast.FunctionDef):
            inner = (list(child.args.defaults) + [d for d in child.args.kw_defaults if d is not None]
                     + list(child.decorator_list))
        else:
            inner = list(gast.iter_child_nodes(child))
        todo.extend(reversed(inner))


def lower_comprehensions(node, namer, scope):
    """Write list comprehensions and generator expressions as for loops.

    `[e for x in xs if c]` becomes a list built with append in a loop, and
    `sum(e for x in xs)` a running total, so the loops are differentiated like
    any other. Comprehension variables get fresh names: they do not leak.
    """
    node.body = _Comprehensions(namer, scope).block(node.body)


class _Comprehensions:
    _KINDS = (gast.ListComp, gast.GeneratorExp)

    def __init__(self, namer, scope):
        self.namer = namer
        self.scope = scope

    def block(self, stmts):
        out = []
        for stmt in stmts:
            before = []
            for expr in self._evaluated_once(stmt):
                self._replace_in(expr, stmt, before)
            for field in ('body', 'orelse'):
                inner = getattr(stmt, field, None)
                if isinstance(inner, list) and inner:
                    setattr(stmt, field, self.block(inner))
            out.extend(before)
            out.append(stmt)
        return out

    @staticmethod
    def _evaluated_once(stmt):
        if isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Return, gast.Expr)):
            return [stmt]
        if isinstance(stmt, gast.If):
            return [stmt.test]
        if isinstance(stmt, gast.For):
            return [stmt.iter]
        return []

    def _replace_in(self, root, stmt, before):
        lower = self._lower

        class Replace(gast.NodeTransformer):
            def visit(self, node):
                if isinstance(node, gast.Lambda):
                    return node
                replacement = lower(node, before)
                if replacement is not None:
                    return replacement  # inner comprehensions are lowered inside its loop
                return self.generic_visit(node)

        for field, value in gast.iter_fields(root):
            if isinstance(value, list):
                setattr(root, field, [Replace().visit(item) if isinstance(item, gast.AST) else item
                                      for item in value])
            elif isinstance(value, gast.AST):
                setattr(root, field, Replace().visit(value))

    def _lower(self, child, before):
        summing = (isinstance(child, gast.Call) and self.scope.resolve(child.func) is sum
                   and len(child.args) == 1 and not child.keywords
                   and isinstance(child.args[0], self._KINDS))
        if not (summing or isinstance(child, self._KINDS)):
            return None
        comprehension = child.args[0] if summing else child
        result = self.namer.fresh('total' if summing else 'values')
        renames = {}
        for generator in comprehension.generators:
            for name in _store_names(generator.target):
                renames[name] = self.namer.fresh(name)
        element = quoting.rename(comprehension.elt, renames)
        if summing:
            innermost = [quoting.assign(result, gast.BinOp(left=quoting.name(result), op=gast.Add(),
                                                           right=element))]
        else:
            innermost = [gast.Expr(value=gast.Call(func=quoting.expression('%s.append' % result),
                                                   args=[element], keywords=[]))]
        body = innermost
        for generator in reversed(comprehension.generators):
            for condition in reversed(generator.ifs):
                body = [gast.If(test=quoting.rename(condition, renames), body=body, orelse=[])]
            body = [gast.For(target=quoting.rename(generator.target, renames),
                             iter=quoting.rename(generator.iter, renames), body=body, orelse=[],
                             type_comment=None)]
        before.append(quoting.assign(result, quoting.constant(0) if summing
                                     else gast.List(elts=[], ctx=gast.Load())))
        before.extend(self.block(body))  # comprehensions nested inside the element
        return quoting.name(result)


def _store_names(target):
    return [child.id for child in gast.walk(target) if isinstance(child, gast.Name)]


def lower_returns(node, namer):
    """Give the function a single `return` at the end of its body."""
    returns = [child for child in walk_own(node) if isinstance(child, gast.Return)]
    if not returns:
        node.body.append(gast.Return(value=quoting.constant(None)))
        return
    if len(returns) == 1 and node.body[-1] is returns[0]:
        return
    result = namer.fresh('result')
    flag = namer.fresh('returned')
    lowering = _ReturnLowering(result, flag)
    node.body = ([quoting.assign(flag, quoting.constant(False)),
                  quoting.assign(result, quoting.constant(None))]
                 + lowering.block(node.body, in_loop=False)
                 + [gast.Return(value=quoting.name(result))])


class _ReturnLowering:
    def __init__(self, result, flag):
        self.result = result
        self.flag = flag

    def block(self, stmts, in_loop):
        out = []
        for index, stmt in enumerate(stmts):
            rest = stmts[index + 1:]
            if isinstance(stmt, gast.Return):
                value = stmt.value if stmt.value is not None else quoting.constant(None)
                out.append(quoting.assign(self.result, value))
                out.append(quoting.assign(self.flag, quoting.constant(True)))
                if in_loop:
                    out.append(gast.Break())
                return out
            if not _contains(stmt, gast.Return):
                out.append(stmt)
                continue
            if isinstance(stmt, gast.If):
                stmt.body = self.block(stmt.body, in_loop)
                stmt.orelse = self.block(stmt.orelse, in_loop)
                out.append(stmt)
            elif isinstance(stmt, (gast.For, gast.While)):
                stmt.body = self.block(stmt.body, in_loop=True)
                out.append(stmt)
                if in_loop:
                    out.append(quoting.statement('if %s: break' % self.flag))
            else:
                out.append(stmt)
            if rest:
                out.append(gast.If(test=quoting.expression('not %s' % self.flag),
                                   body=self.block(rest, in_loop), orelse=[]))
            return out
        return out


def _contains(node, kind, stop_at_loops=False):
    for child in gast.iter_child_nodes(node):
        if isinstance(child, gast.FunctionDef):
            continue  # a nested def is desugared on its own
        if isinstance(child, kind):
            return True
        if stop_at_loops and isinstance(child, (gast.For, gast.While)):
            continue
        if _contains(child, kind, stop_at_loops):
            return True
    return False


def canonicalize_loops(node, namer, scope):
    """Rewrite every `for` loop to iterate over `range(...)`."""
    _LoopCanonicalizer(namer, scope).generic_visit(node)


class _LoopCanonicalizer(gast.NodeTransformer):
    def __init__(self, namer, scope):
        self.namer = namer
        self.scope = scope

    def visit_FunctionDef(self, node):
        return node  # a nested def is desugared on its own

    def visit_For(self, node):
        self.generic_visit(node)
        iterator = node.iter
        function = self.scope.resolve(iterator.func) if isinstance(iterator, gast.Call) else MISSING
        if is_range_expression(iterator, self.scope):
            return node
        before = []
        if function is enumerate and len(iterator.args) >= 1 and isinstance(node.target, gast.Tuple):
            counter, element = node.target.elts
            sequence, setup = self._sequence(iterator.args[0])
            before += setup
            index = self._index_name()
            node.target = quoting.name(index, store=True)
            node.iter = quoting.expression('range(len(SEQ))', SEQ=sequence)
            start = iterator.args[1] if len(iterator.args) > 1 else None
            counter_value = (quoting.name(index) if start is None else
                             gast.BinOp(left=quoting.name(index), op=gast.Add(), right=start))
            prologue = [quoting.assign(counter, counter_value),
                        quoting.assign(element, quoting.expression('SEQ[I]', SEQ=sequence, I=index))]
        elif function is zip and isinstance(node.target, gast.Tuple) and len(node.target.elts) == len(iterator.args):
            targets = node.target.elts
            sequences = []
            for arg in iterator.args:
                sequence, setup = self._sequence(arg)
                before += setup
                sequences.append(sequence)
            index = self._index_name()
            node.target = quoting.name(index, store=True)
            lengths = ', '.join('len(%s)' % quoting.to_source(seq) for seq in sequences)
            node.iter = quoting.expression('range(min(%s))' % lengths if len(sequences) > 1
                                           else 'range(%s)' % lengths)
            prologue = [quoting.assign(target, quoting.expression('SEQ[I]', SEQ=seq, I=index))
                        for target, seq in zip(targets, sequences)]
        else:
            sequence, setup = self._sequence(iterator)
            before += setup
            element = node.target
            if isinstance(iterator, gast.Name) and isinstance(element, gast.Name):
                # What the user iterated: forward mode may iterate it again (optimize/loops.py).
                node.tangent_element = element.id
            index = self._index_name()
            node.target = quoting.name(index, store=True)
            node.iter = quoting.expression('range(len(SEQ))', SEQ=sequence)
            prologue = [quoting.assign(element, quoting.expression('SEQ[I]', SEQ=sequence, I=index))]
        node.body = prologue + node.body
        return before + [node]

    def _sequence(self, expr):
        if (isinstance(expr, gast.Call) and self.scope.resolve(expr.func) is reversed
                and len(expr.args) == 1 and not expr.keywords):
            # reversed(xs) is an iterator; xs[::-1] can be indexed (and differentiated).
            backwards = gast.Slice(lower=None, upper=None, step=quoting.constant(-1))
            expr = gast.Subscript(value=expr.args[0], slice=backwards, ctx=gast.Load())
        if isinstance(expr, gast.Name):
            return expr, []
        name = self.namer.fresh(_describe_sequence(expr))
        return quoting.name(name), [quoting.assign(name, expr)]

    def _index_name(self):
        for candidate in ('i', 'j', 'k'):
            if candidate not in self.namer.taken:
                return self.namer.fresh(candidate)
        return self.namer.fresh('index')


def _describe_sequence(expr):
    from tangent.naming import describe
    return describe(expr) if describe(expr) != 't' else 'sequence'


def is_range_expression(node, scope):
    """range(...), reversed(R) or R[:n] for a range expression R: loops replayed by index."""
    if isinstance(node, gast.Call):
        function = scope.resolve(node.func)
        if function is range:
            return True
        return function is reversed and len(node.args) == 1 and is_range_expression(node.args[0], scope)
    if isinstance(node, gast.Subscript) and isinstance(node.slice, gast.Slice):
        return is_range_expression(node.value, scope)
    return False


def lower_jumps(node, namer):
    """Replace break/continue by flags so each loop ends with at most `if stop: break`."""
    _JumpLowering(namer).generic_visit(node)


class _JumpLowering(gast.NodeTransformer):
    def __init__(self, namer):
        self.namer = namer

    def visit_FunctionDef(self, node):
        return node  # a nested def is desugared on its own

    def _visit_loop(self, node):
        self.generic_visit(node)
        has_break = _contains_at_level(node.body, gast.Break)
        has_continue = _contains_at_level(node.body, gast.Continue)
        if not (has_break or has_continue):
            return node
        self.stop = self.namer.fresh('stop') if has_break else None
        self.skip = self.namer.fresh('skip') if has_continue else None
        body = self._block(node.body)
        if self.skip:
            body.insert(0, quoting.assign(self.skip, quoting.constant(False)))
        if self.stop:
            body.append(quoting.statement('if %s: break' % self.stop))
        node.body = body
        if self.stop:
            return [quoting.assign(self.stop, quoting.constant(False)), node]
        return node

    visit_For = visit_While = _visit_loop

    def _guard(self):
        flags = [flag for flag in (self.stop, self.skip) if flag]
        if len(flags) == 1:
            return quoting.expression('not %s' % flags[0])
        return quoting.expression('not (%s or %s)' % tuple(flags))

    def _block(self, stmts):
        out = []
        for index, stmt in enumerate(stmts):
            if isinstance(stmt, gast.Break):
                out.append(quoting.assign(self.stop, quoting.constant(True)))
                return out
            if isinstance(stmt, gast.Continue):
                out.append(quoting.assign(self.skip, quoting.constant(True)))
                return out
            if isinstance(stmt, gast.If) and (_contains_at_level([stmt], gast.Break)
                                              or _contains_at_level([stmt], gast.Continue)):
                stmt.body = self._block(stmt.body)
                stmt.orelse = self._block(stmt.orelse)
                out.append(stmt)
                rest = stmts[index + 1:]
                if rest:
                    out.append(gast.If(test=self._guard(), body=self._block(rest), orelse=[]))
                return out
            out.append(stmt)
        return out


def _contains_at_level(stmts, kind):
    """Whether `kind` occurs in stmts outside nested loops."""
    for stmt in stmts:
        if isinstance(stmt, kind):
            return True
        if isinstance(stmt, (gast.For, gast.While)):
            continue
        if _contains(stmt, kind, stop_at_loops=True):
            return True
    return False
