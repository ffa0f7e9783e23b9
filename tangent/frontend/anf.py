"""A-normal form: every operation gets its own statement and a readable name.

After this pass every statement in the body is one of
  name = <simple>              where <simple> is one operation over atoms
  name[index] = atom           an in-place write (index made of atoms)
  if cond: ... else: ...       cond is a name
  for name in range(atoms): ...
  while cond: ...              cond is a name, recomputed at the end of the body
  with tangent.insert_grad_of(name) as dname: ...
  an expression statement (print, assert), kept for its effect only
  return atom                  once, at the end
Atoms are names, constants and non-local names (`np.pi`, a global array).
Augmented assignment, tuple unpacking, conditional expressions, `and`/`or`
and method sugar on arrays (`x.sum(axis=0)`, `x.T`) are rewritten here too.

Calls are rewritten where that makes them differentiable: nested functions
(defs and named lambdas) are inlined, methods called on parameters resolve
through the argument's class (`self.g(x)` becomes `Model.g(self, x)`), the
extra arguments of a callee taking *args or **kwargs are packed into one tuple
or dict, and builtin max, min and sum over several values become operations
that have rules.
"""
import builtins
import functools
import inspect

import numpy

import gast

from tangent import quoting
from tangent import runtime
from tangent.errors import error_at
from tangent.frontend import arguments
from tangent.frontend.desugar import is_range_expression
from tangent.frontend.nested import describe_nested, nested_definitions
from tangent.naming import describe

# x.method(...) on a run-time value -> numpy.function(x, ...)
_ARRAY_METHODS = {
    'sum': 'sum', 'mean': 'mean', 'prod': 'prod', 'max': 'max', 'min': 'min',
    'std': 'std', 'var': 'var', 'cumsum': 'cumsum', 'cumprod': 'cumprod',
    'argmax': 'argmax', 'argmin': 'argmin', 'argsort': 'argsort', 'all': 'all', 'any': 'any',
    'ravel': 'ravel', 'flatten': 'ravel', 'squeeze': 'squeeze', 'dot': 'dot', 'clip': 'clip',
    'round': 'round', 'trace': 'trace', 'diagonal': 'diagonal', 'swapaxes': 'swapaxes',
    'nonzero': 'nonzero', 'conj': 'conj',
}
_VARARG_METHODS = {'reshape': 'reshape', 'transpose': 'transpose'}
_ARRAY_ATTRIBUTES = {'T': 'transpose'}
_METADATA_ATTRIBUTES = {'shape', 'ndim', 'size', 'dtype'}


class Normalizer:
    """Rewrites a desugared function body into A-normal form."""

    def __init__(self, scope, origin, namer, argument_types=None):
        self.field_reads = {}
        self.scope = scope
        self.origin = origin
        self.namer = namer
        # {parameter: type of its argument}; None when only checking the function.
        self.argument_types = argument_types
        # Names introduced only to hold a branch or loop condition.
        self.conditions = set()

    def function(self, node):
        self.nested = {}  # nested functions whose def has been passed, by name
        self.pending = {function.name for function in nested_definitions(node)}
        self.inlining = []
        self.inlined = {}
        self.initial_names = set(self.namer.taken)
        self.assigned = {child.id for child in gast.walk(node) if isinstance(child, gast.Name)
                         and isinstance(child.ctx, (gast.Store, gast.Del))}
        node.body = self.block(node.body)
        return node

    def block(self, stmts):
        out = []
        for stmt in stmts:
            out.extend(self.statement(stmt))
        return out

    # Statements

    def statement(self, stmt):
        self.field_reads = {}  # (base, attribute) -> (temporary, block): see atom()
        method = getattr(self, 'visit_' + type(stmt).__name__, None)
        if method is None:
            raise error_at(stmt, self.origin, type(stmt).__name__,
                           'this statement is not supported in differentiated functions.')
        return method(stmt)

    def visit_Pass(self, stmt):
        return []

    def visit_Break(self, stmt):
        return [stmt]

    def visit_Assert(self, stmt):
        return [stmt]

    def visit_Expr(self, stmt):
        value = stmt.value
        if isinstance(value, gast.Constant):  # docstrings
            return []
        if _is_comment(value):
            return [stmt]
        pair = getattr(stmt, 'tangent_pair', None)
        if pair is not None:
            # stack.push(v) in generated code -> stack = tangent.push(stack, v)
            out = []
            stack = value.func.value.id
            pushed = self.atom(value.args[0], out)
            call = gast.Call(func=self.runtime('push'), args=[quoting.name(stack), pushed], keywords=[])
            push = quoting.assign(stack, call)
            push.tangent_pair = pair
            return out + [push]
        if isinstance(value, gast.Call) and self.scope.resolve(value.func) is runtime.add_at:
            # add_at updates its first argument and returns it: make the update visible.
            target = value.args[0]
            return self.assign_to(quoting.as_store(target), value, stmt)
        if (isinstance(value, gast.Call) and isinstance(value.func, gast.Attribute)
                and isinstance(value.func.value, gast.Name) and value.func.attr == 'append'
                and value.func.value.id in self.scope.locals and len(value.args) == 1):
            # lst.append(v) -> lst = tangent.append(lst, v): no mutation to track.
            module = self.scope.bind('tangent', _tangent_package())
            call = gast.Call(func=quoting.expression('%s.append' % module),
                             args=[quoting.name(value.func.value.id), value.args[0]], keywords=[])
            return self.assign_to(quoting.name(value.func.value.id, store=True), call, stmt)
        if any(isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute)
               and self.scope.is_local_value(node.func) for node in gast.walk(value)):
            raise error_at(stmt, self.origin, 'method call for its side effect',
                           'mutating a value through a method is not differentiated; build a new '
                           'value and assign it instead.')
        return [stmt]

    def visit_Return(self, stmt):
        out = []
        stmt.value = self.atom(stmt.value, out, name='out')
        return out + [stmt]

    def visit_Assign(self, stmt):
        out = []
        pair = getattr(stmt, 'tangent_pair', None)
        if pair is not None and self.scope.resolve(stmt.value.func) is runtime.push:
            # stack = tangent.push(stack, v): already in functional form
            stmt.value.args = [self.atom(arg, out) for arg in stmt.value.args]
            return out + [stmt]
        if pair is not None:
            # v = stack.pop() in generated code -> v = tangent.pop(stack)
            if self.scope.resolve(stmt.value.func) is runtime.pop:
                stack = stmt.value.args[0].id
            else:
                stack = stmt.value.func.value.id
            popped = self.namer.fresh('popped') if not isinstance(stmt.targets[0], gast.Name) \
                else stmt.targets[0].id
            pop = quoting.assign(popped, gast.Call(func=self.runtime('pop'), args=[quoting.name(stack)],
                                                   keywords=[]))
            pop.tangent_pair = pair
            out.append(pop)
            if not isinstance(stmt.targets[0], gast.Name):
                out.extend(self.assign_to(stmt.targets[0], quoting.name(popped), stmt))
            return out
        if len(stmt.targets) > 1:
            value = self.atom(stmt.value, out)
            for target in stmt.targets:
                out.extend(self.assign_to(target, value, stmt))
            return out
        return self.assign_to(stmt.targets[0], stmt.value, stmt)

    def assign_to(self, target, value, stmt):
        out = []
        if isinstance(target, gast.Name):
            out.append(self._located(quoting.assign(target.id, self.simple(value, out, target.id)), stmt))
        elif isinstance(target, gast.Subscript):
            base = self._subscript_base(target, stmt)
            index = self.index(target.slice, out)
            atom = self.atom(value, out)
            write = gast.Subscript(value=quoting.name(base), slice=index, ctx=gast.Store())
            out.append(self._located(quoting.assign(write, atom), stmt))
        elif isinstance(target, (gast.Tuple, gast.List)):
            out.extend(self._unpack(target, value, stmt))
        else:
            raise error_at(stmt, self.origin, 'assignment to %s' % type(target).__name__,
                           'assign to names or array elements only.')
        return out

    def _unpack(self, target, value, stmt):
        out = []
        if isinstance(value, (gast.Tuple, gast.List)) and len(value.elts) == len(target.elts):
            # Evaluate every right-hand side first: `a, b = b, a` swaps.
            atoms = [self._fresh_atom(elt, out) for elt in value.elts]
        else:
            whole = self.atom(value, out)
            atoms = [gast.Subscript(value=quoting.clone(whole), slice=quoting.constant(k), ctx=gast.Load())
                     for k in range(len(target.elts))]
        for elt, atom in zip(target.elts, atoms):
            out.extend(self.assign_to(elt, atom, stmt))
        return out

    def _fresh_atom(self, expr, out):
        simple = self.simple(expr, out)
        if isinstance(simple, gast.Constant):
            return simple
        name = self.namer.fresh(describe(simple) if not isinstance(simple, gast.Name) else simple.id + '_value')
        out.append(quoting.assign(name, simple))
        return quoting.name(name)

    def visit_AugAssign(self, stmt):
        target = stmt.target
        if isinstance(target, gast.Name):
            value = gast.BinOp(left=quoting.name(target.id), op=stmt.op, right=stmt.value)
            out = self.assign_to(target, value, stmt)
            # On an array, `x += v` updates the object in place; the transformation
            # checks that no other name sharing it is read afterwards.
            out[-1].tangent_augmented = True
            return out
        if isinstance(target, gast.Subscript):
            out = []
            base = self._subscript_base(target, stmt)
            index = self.index(target.slice, out)
            old = self.atom(gast.Subscript(value=quoting.name(base), slice=index, ctx=gast.Load()), out)
            new = self.atom(gast.BinOp(left=old, op=stmt.op, right=stmt.value), out)
            write = gast.Subscript(value=quoting.name(base), slice=quoting.as_load(index), ctx=gast.Store())
            out.append(self._located(quoting.assign(write, new), stmt))
            return out
        raise error_at(stmt, self.origin, 'augmented assignment',
                       'augmented assignment to %s is not supported.' % type(target).__name__)

    def _subscript_base(self, target, stmt):
        if not isinstance(target.value, gast.Name):
            raise error_at(stmt, self.origin, 'chained subscript assignment',
                           'write to the array with a single index, e.g. x[i, j] = v '
                           'instead of x[i][j] = v.')
        if target.value.id in self.scope.closure:
            raise error_at(stmt, self.origin, 'write into a captured array',
                           'the function would modify %s, a variable of the enclosing function; '
                           'copy it into a local first (w = %s.copy()).' % (target.value.id, target.value.id))
        if target.value.id not in self.scope.locals:
            raise error_at(stmt, self.origin, 'write into a global array',
                           'the function would modify %s outside itself; copy it into a local '
                           'first (w = %s.copy()).' % (target.value.id, target.value.id))
        return target.value.id

    def visit_If(self, stmt):
        out = []
        condition = self.condition(stmt.test, out)
        stmt.test = condition
        stmt.body = self.block(stmt.body)
        stmt.orelse = self.block(stmt.orelse)
        if not stmt.body:
            stmt.body = [gast.Pass()]
        return out + [stmt]

    def visit_For(self, stmt):
        out = []
        if not isinstance(stmt.target, gast.Name):
            raise error_at(stmt, self.origin, 'for loop target',
                           'loop over range(...) with a single name as the loop variable.')
        stmt.iter = self._range_expression(stmt.iter, out)
        stmt.body = self.block(stmt.body) or [gast.Pass()]
        return out + [stmt]

    def _range_expression(self, node, out):
        """Atomise the arguments of range(...), reversed(...) and slices of them."""
        if isinstance(node, gast.Call):
            node.args = [self._range_expression(arg, out) if is_range_expression(arg, self.scope)
                         else self.atom(arg, out) for arg in node.args]
            return node
        node.value = self._range_expression(node.value, out)
        node.slice = self.index(node.slice, out)
        return node

    def visit_While(self, stmt):
        out = []
        condition = self.condition(stmt.test, out)
        recompute = []
        again = self.simple(quoting.clone(stmt.test), recompute)  # never share nodes between copies
        recompute.append(quoting.assign(condition.id, again))
        stmt.test = condition
        stmt.body = self.block(stmt.body) + recompute
        return out + [stmt]

    def visit_With(self, stmt):
        (item,) = stmt.items
        call = item.context_expr
        out = []
        if len(call.args) != 1 or not isinstance(call.args[0], gast.Name):
            raise error_at(stmt, self.origin, 'insert_grad_of',
                           'insert_grad_of takes one variable: with tangent.insert_grad_of(x) as dx:')
        if not isinstance(item.optional_vars, gast.Name):
            raise error_at(stmt, self.origin, 'insert_grad_of',
                           'name the gradient: with tangent.insert_grad_of(x) as dx:')
        return out + [stmt]

    def condition(self, test, out):
        simple = self.simple(test, out)
        if isinstance(simple, gast.Name) and simple.id in self.conditions:
            return simple
        name = self.namer.fresh(describe(simple) if describe(simple) != 't' else 'cond')
        out.append(quoting.assign(name, simple))
        self.conditions.add(name)
        return quoting.name(name)

    @staticmethod
    def _located(new, old):
        new.lineno = getattr(old, 'lineno', None)
        new.col_offset = getattr(old, 'col_offset', None)
        return new

    # Expressions

    def atom(self, expr, out, hint=None, name=None):
        simple = self.simple(expr, out, hint)
        if self.is_atom(simple):
            return simple
        read = _field_read_key(simple)
        if read is not None and self.field_reads.get(read, (None, None))[1] is out:
            # `model.head` read twice in one statement: one temporary, one derivative.
            return quoting.name(self.field_reads[read][0])
        if name is None:
            # Name the value after what the user wrote (x.shape[0] -> x_shape_0).
            name = describe(expr) if describe(expr) != 't' else describe(simple)
        name = self.namer.fresh(name)
        out.append(self._located(quoting.assign(name, simple), expr))
        if read is not None:
            self.field_reads[read] = (name, out)  # reused only in this block of this statement
        return quoting.name(name)

    def is_atom(self, node):
        if isinstance(node, gast.Constant):
            return True
        if isinstance(node, gast.Name):
            return True
        if isinstance(node, gast.Attribute):
            # A field of a run-time value (`p.W`, also `d['b'].W` once d['b'] has a
            # temporary's name) is an operation of its own, with its own derivative.
            return not (self.scope.is_local_value(node) or getattr(node, 'tangent_field_read', False))
        return False

    def simple(self, expr, out, hint=None):
        """One operation over atoms computing the value of `expr`."""
        if isinstance(expr, (gast.Name, gast.Constant)):
            return expr
        if isinstance(expr, gast.BinOp):
            return gast.BinOp(left=self.atom(expr.left, out), op=expr.op, right=self.atom(expr.right, out))
        if isinstance(expr, gast.UnaryOp):
            if (isinstance(expr.op, gast.USub) and isinstance(expr.operand, gast.Constant)
                    and isinstance(expr.operand.value, (int, float))):
                return gast.Constant(value=-expr.operand.value, kind=None)  # a literal like -3.0
            return gast.UnaryOp(op=expr.op, operand=self.atom(expr.operand, out))
        if isinstance(expr, gast.Compare):
            if len(expr.ops) == 1:
                return gast.Compare(left=self.atom(expr.left, out), ops=expr.ops,
                                    comparators=[self.atom(expr.comparators[0], out)])
            return self._chained_comparison(expr, out)
        if isinstance(expr, gast.BoolOp):
            return self._boolean(expr, out)
        if isinstance(expr, gast.IfExp):
            return self._conditional(expr, out, hint)
        if isinstance(expr, gast.Call):
            return self._call(expr, out)
        if isinstance(expr, gast.Subscript):
            value = self.atom(expr.value, out)
            return gast.Subscript(value=value, slice=self.index(expr.slice, out), ctx=gast.Load())
        if isinstance(expr, gast.Attribute):
            return self._attribute(expr, out)
        if isinstance(expr, (gast.Tuple, gast.List)):
            return type(expr)(elts=[self.atom(elt, out) for elt in expr.elts], ctx=gast.Load())
        if isinstance(expr, gast.Dict):
            return gast.Dict(keys=[self.atom(key, out) for key in expr.keys],
                             values=[self.atom(value, out) for value in expr.values])
        raise error_at(expr, self.origin, type(expr).__name__,
                       'this expression is not supported in differentiated functions.')

    def index(self, index, out):
        if isinstance(index, gast.Slice):
            return gast.Slice(*[None if part is None else self.atom(part, out)
                                for part in (index.lower, index.upper, index.step)])
        if isinstance(index, gast.Tuple):
            return gast.Tuple(elts=[self.index(elt, out) for elt in index.elts], ctx=gast.Load())
        return self.atom(index, out)

    def _attribute(self, expr, out):
        if not self.scope.is_local_value(expr):
            return expr  # a module constant such as np.pi, or a global's attribute
        value = self.atom(expr.value, out)
        if expr.attr in _ARRAY_ATTRIBUTES:
            return self._numpy_call(_ARRAY_ATTRIBUTES[expr.attr], [value], [])
        read = gast.Attribute(value=value, attr=expr.attr, ctx=gast.Load())
        read.tangent_field_read = True
        return read

    def _call(self, expr, out):
        func = expr.func
        if isinstance(func, gast.Name) and func.id in self.pending:
            return self._inline(func.id, expr, out)
        if isinstance(func, gast.Attribute) and self.scope.is_local_value(func):
            return self._method_call(expr, out)
        if isinstance(func, gast.Name) and func.id in self.scope.locals:
            raise error_at(expr, self.origin, 'call of a local variable',
                           'call functions by their global name; tangent resolves callees '
                           'at transformation time.')
        function = self.scope.resolve(func)
        if function is builtins.max or function is builtins.min:
            return self._extremum(expr, out)
        if function is builtins.sum and _literal_sequence(expr):
            return self._literal_sum(expr, out)
        args = [self._argument(arg, out) for arg in expr.args]
        keywords = [gast.keyword(arg=kw.arg, value=self.atom(kw.value, out)) for kw in expr.keywords]
        return self._matched_call(function, gast.Call(func=func, args=args, keywords=keywords), expr, out)

    def _argument(self, arg, out):
        if isinstance(arg, gast.Starred):
            return gast.Starred(value=self.atom(arg.value, out), ctx=gast.Load())
        return self.atom(arg, out)

    # Nested functions

    def visit_FunctionDef(self, stmt):
        """A nested def: inlined at each call. Its defaults are evaluated here, as in Python."""
        out = []
        parameters = []
        for param, kind, default in _parameter_entries(stmt.args):
            if default is None:
                default = inspect.Parameter.empty
            elif not isinstance(default, gast.Constant):
                value = self.namer.fresh('%s_%s_default' % (stmt.name, param.id))
                out.append(self._located(quoting.assign(value, self.simple(default, out)), default))
                default = quoting.name(value)
            parameters.append(inspect.Parameter(param.id, kind, default=default))
        assigned = {child.id for body_stmt in stmt.body for child in gast.walk(body_stmt)
                    if isinstance(child, gast.Name) and not isinstance(child.ctx, gast.Load)}
        self.nested[stmt.name] = _Nested(stmt, parameters, assigned)
        return out

    def _inline(self, name, call, out):
        """`g(a)` for a nested `def g(t): ...`: g's body with t bound to a, evaluated here."""
        nested = self.nested.get(name)
        if nested is None:
            raise error_at(call, self.origin, 'call to %s before its definition' % name,
                           'define the nested function before the first line that calls it.')
        what = describe_nested(nested.node)
        if name in self.inlining:
            raise error_at(call, self.origin, 'recursive ' + what,
                           'tangent inlines nested functions, so they cannot call themselves; '
                           'define %s at module level.' % name)
        args = [self._argument(arg, out) for arg in call.args]
        keywords = [gast.keyword(arg=kw.arg, value=self.atom(kw.value, out)) for kw in call.keywords]
        try:
            bound = arguments.bind(nested.parameters, args, keywords, name)
        except arguments.BindError as exc:
            raise error_at(call, self.origin, 'call to ' + what, '%s.' % exc) from None
        # The first inlining keeps the function's own names (they clash with nothing:
        # see nested.isolate_nested_functions); later ones get fresh names.
        first = id(nested.node) not in self.inlined
        self.inlined[id(nested.node)] = True
        renames = {local: local if first else self.namer.fresh(local) for local in nested.locals}
        # Temporaries, and the nested function's names, are local values (x.T, x.sum()
        # and x[i] = v on them are the array's): the scope learns them now, as the
        # body is normalised with parameters replaced by the arguments.
        self.scope.locals = (self.scope.locals | set(renames.values())
                             | (self.namer.taken - self.initial_names))
        prologue = []
        for param, value in bound.items():
            if param not in nested.assigned and self.is_atom(value):
                renames[param] = value  # read-only parameter: use the argument itself
            else:
                prologue.append(self._located(quoting.assign(renames[param], value), call))
        body = [quoting.rename(stmt, renames) for stmt in nested.node.body]
        self.inlining.append(name)
        try:
            out.extend(self.block(prologue + body[:-1]))
            return self.simple(body[-1].value, out)  # body[-1] is its one return (see desugar)
        finally:
            self.inlining.pop()

    # Calls to Python functions, methods and builtins

    def _matched_call(self, function, call, expr, out):
        """The call with a callee's *args and **kwargs packed: `h(*h_xs, **h_opts)`.

        The derivative of h receives the packed tuple and dict by position
        (transform/base.py), so their elements get gradients like any tuple's.
        """
        starred = (any(isinstance(arg, gast.Starred) for arg in call.args)
                   or any(kw.arg is None for kw in call.keywords))
        if not _differentiated_from_source(function):
            if starred and not _registry().is_non_differentiable(function):
                raise error_at(expr, self.origin, 'starred argument',
                               'tangent matches *args and **kwargs only in calls to your own Python '
                               'functions; pass the elements one by one.')
            return call
        try:
            parameters = list(inspect.signature(function).parameters.values())
        except (TypeError, ValueError):
            return call
        if arguments.is_positional(parameters) and not starred:
            return call
        callee = quoting.to_source(call.func)
        try:
            bound = arguments.bind(parameters, call.args, call.keywords, callee)
        except arguments.BindError as exc:
            raise error_at(expr, self.origin, 'call to %s' % callee, '%s.' % exc) from None
        named = {p.name for p in parameters if p.kind not in (arguments.VAR_POSITIONAL,
                                                               arguments.VAR_KEYWORD)}
        count = sum(1 for p in parameters if p.kind in arguments.POSITIONAL)
        args = [arg for arg in call.args if not isinstance(arg, gast.Starred)][:count]
        keywords = [kw for kw in call.keywords if kw.arg in named]
        prefix = _callee_name(function)
        for parameter in parameters:
            packed = bound[parameter.name]
            if parameter.kind == arguments.VAR_POSITIONAL and not _empty(packed):
                args.append(gast.Starred(value=self._packed(packed, prefix, parameter, expr, out),
                                         ctx=gast.Load()))
            elif parameter.kind == arguments.VAR_KEYWORD and not _empty(packed):
                keywords.append(gast.keyword(arg=None, value=self._packed(packed, prefix, parameter,
                                                                          expr, out)))
        return gast.Call(func=call.func, args=args, keywords=keywords)

    def _packed(self, value, prefix, parameter, expr, out):
        if isinstance(value, gast.Name):
            return value  # passed on as it is: h(*xs), h(**opts)
        name = self.namer.fresh('%s_%s' % (prefix, parameter.name))
        out.append(self._located(quoting.assign(name, value), expr))
        return quoting.name(name)

    def _extremum(self, expr, out):
        """max(a, b, c) and max([a, b, c]) as max(max(a, b), c); max(xs) as xs[max_index(xs)].

        Both keep what Python's max returns, the first of equal values, so the
        gradient goes to that element, as the two-argument rule sends it to a.
        """
        name = expr.func.id if isinstance(expr.func, gast.Name) else expr.func.attr
        if expr.keywords or any(isinstance(arg, gast.Starred) for arg in expr.args):
            raise error_at(expr, self.origin, 'call to %s with key=, default= or *args' % name,
                           'tangent differentiates %s(a, b, ...) and %s(sequence); compute the '
                           'keys in a loop, or pass the values one by one.' % (name, name))
        items = expr.args
        if len(items) == 1:
            if not _literal_sequence(expr):
                sequence = self.atom(items[0], out)
                index = self.atom(gast.Call(func=self.runtime('%s_index' % name), args=[sequence],
                                            keywords=[]), out)
                return gast.Subscript(value=sequence, slice=index, ctx=gast.Load())
            items = items[0].elts
        atoms = [self.atom(item, out) for item in items]
        if len(atoms) == 1:
            return atoms[0]
        if len(expr.args) == 2 or not atoms:
            return gast.Call(func=expr.func, args=atoms if atoms else [gast.List(elts=[], ctx=gast.Load())],
                             keywords=[])  # max(a, b) has a rule; max([]) raises as in Python
        result = atoms[0]
        for index, item in enumerate(atoms[1:], start=2):
            call = gast.Call(func=quoting.clone(expr.func), args=[result, item], keywords=[])
            result = self._temporary(call, out, _label(name, atoms[:index], 'largest' if name == 'max'
                                                      else 'smallest'), expr)
        return result

    def _literal_sum(self, expr, out):
        """sum([a, b, c], start) as start + a + b + c (a + b + c without a start)."""
        atoms = [self.atom(item, out) for item in expr.args[0].elts]
        start = expr.args[1] if len(expr.args) > 1 else next(
            (kw.value for kw in expr.keywords if kw.arg == 'start'), None)
        if start is not None:
            terms = [self.atom(start, out)] + atoms
        elif len(atoms) >= 2:
            terms = atoms
        else:
            terms = [quoting.constant(0)] + atoms  # sum([]) is 0, sum([a]) is 0 + a
        result = terms[0]
        for index, term in enumerate(terms[1:], start=2):
            total = gast.BinOp(left=result, op=gast.Add(), right=term)
            result = self._temporary(total, out, _label('sum', terms[:index], 'total'), expr)
        return result

    def _temporary(self, simple, out, name, expr):
        """A new variable holding one operation over atoms (part of what `expr` computes)."""
        name = self.namer.fresh(name)
        out.append(self._located(quoting.assign(name, simple), expr))
        return quoting.name(name)

    def _method_call(self, expr, out):
        method = expr.func.attr
        cls = self._receiver_class(expr.func.value)
        if cls is not None:
            return self._user_method_call(cls, expr, out)
        receiver = self.atom(expr.func.value, out)
        args = [self.atom(arg, out) for arg in expr.args]
        keywords = [gast.keyword(arg=kw.arg, value=self.atom(kw.value, out)) for kw in expr.keywords]
        if method in _ARRAY_METHODS:
            return self._numpy_call(_ARRAY_METHODS[method], [receiver] + args, keywords)
        if method in _VARARG_METHODS:
            if len(args) > 1:
                args = [gast.Tuple(elts=args, ctx=gast.Load())]
            return self._numpy_call(_VARARG_METHODS[method], [receiver] + args, keywords)
        if method == 'copy' and not args:
            module = self.scope.bind('tangent', _tangent_package())
            return gast.Call(func=quoting.expression('%s.copy' % module), args=[receiver], keywords=[])
        if self._is_parameter(expr.func.value) and self.argument_types is None:
            # Only checking: the argument's class, known when the derivative is
            # generated, decides which method this is.
            return gast.Call(func=gast.Attribute(value=receiver, attr=method, ctx=gast.Load()),
                             args=args, keywords=keywords)
        if self._is_parameter(expr.func.value) and expr.func.value.id not in self.argument_types:
            raise error_at(expr, self.origin, 'method call .%s()' % method,
                           'tangent finds methods through the class of the argument, which is known '
                           'once the derivative is called: call it before asking for its source.')
        raise error_at(expr, self.origin, 'method call .%s()' % method,
                       'only NumPy array methods with a NumPy function equivalent, and methods '
                       'of your own classes called on a parameter (self.%s(...)), are '
                       'understood; call the function instead (e.g. numpy.%s(x, ...)).'
                       % (method, method))

    def _is_parameter(self, node):
        return (isinstance(node, gast.Name) and node.id in self.scope.locals
                and node.id not in self.assigned)

    def _receiver_class(self, node):
        """The class of a parameter a method is called on, when it is a class of the user's."""
        if self.argument_types is None or not self._is_parameter(node):
            return None
        cls = self.argument_types.get(node.id)
        if cls is None or issubclass(cls, _VALUE_TYPES):
            return None
        return cls

    def _user_method_call(self, cls, expr, out):
        """self.g(x) as Model.g(self, x): the method the argument's class has.

        The derivative is generated per argument type, so resolving through the
        class at transformation time is what Python does at run time.
        """
        method = expr.func.attr
        attribute = inspect.getattr_static(cls, method, None)
        owner = quoting.expression('%s.%s' % (self.scope.bind(cls.__name__, cls), method))
        if isinstance(attribute, (staticmethod, classmethod)):
            args = list(expr.args)  # Model.static_g(x); Model.class_g(x) binds the class
        elif inspect.isfunction(attribute):
            args = [quoting.clone(expr.func.value)] + list(expr.args)
        else:
            raise error_at(expr, self.origin, 'method call .%s()' % method,
                           '%s.%s is not a method defined with def in a class, so tangent cannot '
                           'differentiate it; call a function instead.' % (cls.__name__, method))
        call = gast.Call(func=owner, args=args, keywords=list(expr.keywords))
        return self._call(gast.copy_location(call, expr), out)

    def runtime(self, function):
        module = self.scope.bind('tangent', _tangent_package())
        return quoting.expression('%s.%s' % (module, function))

    def _numpy_call(self, function, args, keywords):
        module = self.scope.bind('numpy', numpy)
        return gast.Call(func=quoting.expression('%s.%s' % (module, function)), args=args, keywords=keywords)

    def _boolean(self, expr, out):
        # Short-circuit semantics: later operands are evaluated only when needed.
        result = self.namer.fresh('either' if isinstance(expr.op, gast.Or) else 'both')
        out.append(quoting.assign(result, self.simple(expr.values[0], out)))
        body = out
        for value in expr.values[1:]:
            test_name = self.namer.fresh('cond')
            self.conditions.add(test_name)
            test = quoting.name(result)
            if isinstance(expr.op, gast.Or):
                test = gast.UnaryOp(op=gast.Not(), operand=test)
            body.append(quoting.assign(test_name, test))
            branch = []
            branch.append(quoting.assign(result, self.simple(value, branch)))
            body.append(gast.If(test=quoting.name(test_name), body=branch, orelse=[]))
            body = branch
        return quoting.name(result)

    def _chained_comparison(self, expr, out):
        left = expr.left
        parts = []
        for op, right in zip(expr.ops, expr.comparators):
            right_atom = self.atom(right, out)
            parts.append(gast.Compare(left=left, ops=[op], comparators=[right_atom]))
            left = right_atom
        return self._boolean(gast.BoolOp(op=gast.And(), values=parts), out)

    def _conditional(self, expr, out, hint):
        result = self.namer.fresh(hint + '_value' if hint else 'chosen')
        condition = self.condition(expr.test, out)
        body, orelse = [], []
        body.append(quoting.assign(result, self.simple(expr.body, body)))
        orelse.append(quoting.assign(result, self.simple(expr.orelse, orelse)))
        out.append(gast.If(test=condition, body=body, orelse=orelse))
        return quoting.name(result)


def _field_read_key(node):
    """(base, attribute) for a field read `p.W` of a local value, else None."""
    if getattr(node, 'tangent_field_read', False) and isinstance(node.value, gast.Name):
        return node.value.id, node.attr
    return None


def _tangent_package():
    import tangent
    return tangent


def _is_comment(value):
    from tangent.transform.base import COMMENT
    return (isinstance(value, gast.Call) and isinstance(value.func, gast.Name)
            and value.func.id == COMMENT)


def _parameter_entries(args):
    """(parameter node, inspect kind, default node or None) of a def's parameters, in order."""
    positional = list(args.posonlyargs) + list(args.args)
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    kinds = ([inspect.Parameter.POSITIONAL_ONLY] * len(args.posonlyargs)
             + [inspect.Parameter.POSITIONAL_OR_KEYWORD] * len(args.args))
    entries = list(zip(positional, kinds, defaults))
    if args.vararg is not None:
        entries.append((args.vararg, inspect.Parameter.VAR_POSITIONAL, None))
    entries += [(param, inspect.Parameter.KEYWORD_ONLY, default)
                for param, default in zip(args.kwonlyargs, args.kw_defaults)]
    if args.kwarg is not None:
        entries.append((args.kwarg, inspect.Parameter.VAR_KEYWORD, None))
    return entries


class _Nested:
    """A nested def the body has defined: where its parameters and locals are."""

    def __init__(self, node, parameters, assigned):
        self.node = node
        self.parameters = parameters
        self.assigned = assigned
        self.locals = [p.name for p in parameters] + sorted(assigned - {p.name for p in parameters})


# Arguments of these types are values, not objects whose methods tangent resolves.
_VALUE_TYPES = (numpy.ndarray, numpy.generic, int, float, complex, bool, str, bytes, list, tuple,
                dict, type(None))


def _literal_sequence(call):
    """Whether a call's first argument is a list or tuple display without *, and at most a start follows."""
    return (len(call.args) in (1, 2) and isinstance(call.args[0], (gast.List, gast.Tuple))
            and not any(isinstance(elt, gast.Starred) for elt in call.args[0].elts)
            and all(kw.arg == 'start' for kw in call.keywords)
            and not (len(call.args) == 2 and call.keywords))


def _label(function, atoms, fallback):
    """A temporary's name listing what it combines: max_x_y_z, sum_a_b."""
    label = '_'.join([function] + [describe(atom) for atom in atoms])
    return label if len(label) <= 30 and 't' not in [describe(atom) for atom in atoms] else fallback


def _empty(node):
    return isinstance(node, (gast.Tuple, gast.Dict)) and not (getattr(node, 'elts', None)
                                                              or getattr(node, 'keys', None))


def _registry():
    from tangent.rules import registry
    return registry


def _differentiated_from_source(function):
    """Whether tangent differentiates calls to `function` from its Python source."""
    if not (inspect.isfunction(function) or inspect.ismethod(function)
            or isinstance(function, functools.partial)):
        return False
    if hasattr(function, '__tangent__') or getattr(function, '__module__', None) == runtime.__name__:
        return False
    registry = _registry()
    return (registry.adjoint_of(function) is None and registry.tangent_template_of(function) is None
            and not registry.is_non_differentiable(function))


def _callee_name(function):
    while isinstance(function, functools.partial):
        function = function.func
    return getattr(function, '__name__', 'callee')
