"""Forward mode: beside each active statement, the statement computing its tangent.

The input is a function in A-normal form. Walking forwards, every statement
whose result varies with the inputs and reaches the output gets its tangent
from the primitive's tangent template (`d[y] = d[x] * cos(x)`). Tangents of
values that do not vary are known to be zero: templates see a literal 0.0 for
them, which the optimiser folds away, so `x * c` with a constant c costs one
multiplication. Control flow is kept as it is; where two paths disagree on
whether a tangent exists, the missing side gets a zero (see base.merge).
"""

import gast
import numpy

from tangent import pytree
from tangent import quoting
from tangent import runtime
from tangent.analysis import kinds as kinds_module
from tangent.errors import error_at
from tangent.rules import registry
from tangent.transform import template as templates
from tangent.transform.adjoint_state import OWNED, SHARED, UNSET, States
from tangent.transform.base import Transformation, is_user_callee, resolve_callee


_ELEMENTWISE_OPERATORS = (gast.Add, gast.Sub, gast.Mult, gast.Div, gast.Pow)
_SCALAR_BUILTINS = (abs,)


class ForwardMode(Transformation):
    """Builds the Jacobian-vector product of one normalised function.

    seed: the derivative of a scalar function of one scalar input (what
    tangent.grad generates for a number): the input's tangent is the constant
    1.0 instead of a parameter, so the tangent of the output is the gradient.
    """

    def __init__(self, normalized, wrt, param_kinds, *, return_value=False, seed=False,
                 scalar_output=False):
        super().__init__(normalized, wrt, param_kinds)
        self.return_value = return_value
        self.seed = seed
        self.scalar_output = scalar_output
        self.known_shapes = {var for var, (_, shape) in self.kinds.variable_shapes().items()
                             if shape is not None}
        self._narrowed = set()
        self._loop_entries = {}  # id(loop) -> the kinds where control enters it

    def transform(self):
        states = States({name: SHARED for name in self.wrt})
        seeds = [quoting.assign(self.dname(name), quoting.constant(1.0)) for name in self.wrt] \
            if self.seed else []
        body = seeds + self.copy_written_params() + self.block(self.body, states)
        output = self.output
        if self.scalar_output and output is not None and self.var_kind(output) != kinds_module.SCALAR:
            body.append(gast.Expr(value=gast.Call(func=self.helper('require_scalar'),
                                                  args=[quoting.name(output)], keywords=[])))
        if output is not None and states[output] != UNSET:
            if self.scalar_output:
                states.narrow.discard(output)  # a number's tangent is a number
            result = self.read_derivative(output, states, body)  # full-sized, not lazy
        elif output is not None:
            result = self.namer.fresh('d' + output)
            body.append(quoting.assign(result, self.zero_value(output)))
        else:
            result = self.namer.fresh('dout')
            body.append(quoting.assign(result, quoting.constant(0.0)))
        value = quoting.name(result)
        if self.return_value:
            value = gast.Tuple(elts=[quoting.clone(self.ret.value), value], ctx=gast.Load())
        body.append(gast.Return(value=value))
        args = quoting.clone(self.fn.args)
        args.defaults = []
        if self.seed:
            name = 'd%s_%s' % (self.fn.name, '_'.join('d' + w for w in self.wrt))
        else:
            for name in self.wrt:
                args.args.append(gast.Name(id=self.dname(name), ctx=gast.Param(), annotation=None,
                                           type_comment=None))
            name = 'd%s_forward_%s' % (self.fn.name, '_'.join('d' + w for w in self.wrt))
        function = gast.FunctionDef(name=name, args=args, body=body, decorator_list=[], returns=None,
                                    type_comment=None, type_params=[])
        return function

    # Statements

    def block(self, stmts, states):
        out = []
        for stmt in stmts:
            out.extend(self.statement(stmt, states))
        return out

    def statement(self, stmt, states):
        if isinstance(stmt, gast.Assign):
            return self.assignment(stmt, states)
        if isinstance(stmt, gast.If):
            return self.branch(stmt, states)
        if isinstance(stmt, (gast.For, gast.While)):
            return self.loop(stmt, states)
        if isinstance(stmt, gast.With):
            return []  # insert_grad_of acts on gradients in reverse mode only
        return [stmt]

    def read_derivative(self, var, states, code, elementwise=False):
        """The name holding var's tangent (None where it is zero).

        A narrow tangent (see adjoint_state.py) is given its primal's shape first
        unless the reader is elementwise arithmetic, which broadcasts anyway.
        """
        dvar = super().read_derivative(var, states, code)
        if dvar is not None and var in states.narrow and not elementwise:
            code.append(quoting.assign(dvar, self.broadcast_like(quoting.name(dvar), var)))
            states.narrow.discard(var)
            states[var] = SHARED  # possibly a read-only broadcast view
        return dvar

    def zero_init(self, var, point=None):
        """A loop variable that is a number when the loop starts (`y = 0.0`) starts with
        the tangent 0.0 even if the loop may make it an array: a narrow zero."""
        if (point is not None and self.var_kind(var) != kinds_module.SCALAR
                and var not in self.known_shapes and self.kind_on_entry(point, var) == kinds_module.SCALAR):
            return quoting.assign(self.dname(var), quoting.constant(0.0)), OWNED, True
        return super().zero_init(var)

    def kind_on_entry(self, loop, var):
        """var's kind where control enters `loop` from before it (not from its body)."""
        entries = self._loop_entries.get(id(loop))
        if entries is None:
            head = self.graph.by_stmt[id(loop)]
            inside = {id(node) for stmt in loop.body for node in gast.walk(stmt)}
            entries = self._loop_entries[id(loop)] = [
                kinds_module.KindMap(self.kinds.values[pred][1])
                for pred in head.pred if pred.stmt is None or id(pred.stmt) not in inside]
        kinds = [self.kinds.expression(quoting.name(var), env) for env in entries]
        return kinds[0] if kinds and all(kind == kinds[0] for kind in kinds) else kinds_module.UNKNOWN

    def assignment(self, stmt, states):
        self._narrowed = set()
        code = self._assignment(stmt, states)
        target = stmt.targets[0]
        if isinstance(target, gast.Name):
            if target.id in self._narrowed:
                states.narrow.add(target.id)
            else:
                states.narrow.discard(target.id)
        return code

    def _assignment(self, stmt, states):
        stmt.tangent_primal = True
        target = stmt.targets[0]
        if isinstance(target, gast.Subscript):
            return [stmt] + self.subscript_write(stmt, states)
        name = target.id
        value = stmt.value
        if getattr(stmt, 'tangent_pair', None) is not None or self.call_to(value, runtime.Stack):
            return self.stack_operation(stmt, states)
        if not self.activity.is_active(stmt):
            states[name] = UNSET
            return [stmt]
        code = []
        if isinstance(value, gast.Name):
            # The same value, the same tangent: narrow too, unless name's shape is known.
            source = self.read_derivative(value.id, states, code, elementwise=name not in self.known_shapes)
            if source is None:
                states[name] = UNSET
                return [stmt]
            if value.id in states.narrow:
                self._narrowed.add(name)
            states[name] = SHARED
            return [stmt] + code + [quoting.assign(self.dname(name), quoting.name(source))]
        if isinstance(value, gast.Subscript):
            base = value.value
            source = self.read_derivative(base.id, states, code) if isinstance(base, gast.Name) else None
            if source is None:
                states[name] = UNSET
                return [stmt]
            states[name] = SHARED  # a view of the base's tangent
            tangent = gast.Subscript(value=quoting.name(source), slice=quoting.clone(value.slice),
                                     ctx=gast.Load())
            return [stmt] + code + [quoting.assign(self.dname(name), tangent)]
        if isinstance(value, (gast.Tuple, gast.List)):
            elements = []
            for elt in value.elts:
                source = self.read_derivative(elt.id, states, code) if isinstance(elt, gast.Name) else None
                elements.append(quoting.name(source) if source is not None else self.zero_value_of(elt))
            states[name] = SHARED
            return [stmt] + code + [quoting.assign(self.dname(name), type(value)(elts=elements, ctx=gast.Load()))]
        if isinstance(value, gast.Dict):
            values = []
            for item in value.values:
                source = self.read_derivative(item.id, states, code) if isinstance(item, gast.Name) else None
                values.append(quoting.name(source) if source is not None else self.zero_value_of(item))
            states[name] = SHARED
            tangent = gast.Dict(keys=quoting.clone(value.keys), values=values)
            return [stmt] + code + [quoting.assign(self.dname(name), tangent)]
        if isinstance(value, (gast.BinOp, gast.UnaryOp)):
            template = registry.tangent_template_of(type(value.op))
            if template is None:
                raise error_at(stmt, self.origin, 'operator %s' % type(value.op).__name__,
                               'this operator has no forward-mode rule.')
            operands = [value.left, value.right] if isinstance(value, gast.BinOp) else [value.operand]
            return self.apply_template(stmt, template, dict(zip(template.params, operands)), operands, states)
        if isinstance(value, gast.Call):
            return self.call(stmt, value, states)
        if isinstance(value, gast.Attribute):
            return self.attribute_read(stmt, value, states)
        raise error_at(stmt, self.origin, type(value).__name__,
                       'tangent has no forward-mode derivative for this expression.')

    def attribute_read(self, stmt, value, states):
        """`y = p.W`: the tangent of a record is a record of the same class, so dy = dp.W."""
        name = stmt.targets[0].id
        self.refuse_numeric_attribute(stmt, value)
        code = []
        source = self.read_derivative(value.value.id, states, code)
        if source is None:
            states[name] = UNSET
            return [stmt]
        states[name] = SHARED
        tangent = gast.Attribute(value=quoting.name(source), attr=value.attr, ctx=gast.Load())
        return [stmt] + code + [quoting.assign(self.dname(name), tangent)]

    def record_build(self, stmt, call, cls, states):
        """`q = Params(W=a, b=c)`: dq is a Params holding da and dc (zeros where none)."""
        name = stmt.targets[0].id
        names = pytree.field_names(cls)
        code, keywords = [], []
        for key, arg in self.record_arguments(stmt, call, cls):
            source = self.read_derivative(arg.id, states, code) if isinstance(arg, gast.Name) else None
            if source is not None:
                field = names[key] if isinstance(key, int) else key
                keywords.append(gast.keyword(arg=field, value=quoting.name(source)))
        if not keywords:
            states[name] = UNSET
            return [stmt]
        states[name] = SHARED
        tangent = gast.Call(func=self.helper('record_tangent'), args=[quoting.name(name)], keywords=keywords)
        return [stmt] + code + [quoting.assign(self.dname(name), tangent)]

    def stack_operation(self, stmt, states):
        """Tangents travel on a stack of their own beside the values they belong to."""
        value = stmt.value
        stack = stmt.targets[0].id if not self.call_to(value, runtime.pop) else value.args[0].id
        dstack = self.dname(stack)
        pair = getattr(stmt, 'tangent_pair', None)
        if pair is None:  # stack = tangent.Stack()
            if not self.carries:
                return [stmt]
            states[stack] = SHARED
            return [stmt, quoting.assign(dstack, gast.Call(func=self.helper('Stack'), args=[], keywords=[]))]
        if pair not in self.carries:
            if self.call_to(value, runtime.pop):
                states[stmt.targets[0].id] = UNSET
            return [stmt]
        if self.call_to(value, runtime.push):
            code = []
            pushed = value.args[1]
            source = self.read_derivative(pushed.id, states, code)
            tangent = quoting.name(source) if source is not None else self.zero_value(pushed.id)
            call = gast.Call(func=self.helper('push'), args=[quoting.name(dstack), tangent], keywords=[])
            push = quoting.assign(dstack, call)
            push.tangent_pair = ('d', pair)  # paired again, for derivatives of this code
            return [stmt] + code + [push]
        target = stmt.targets[0].id
        states[target] = SHARED
        call = gast.Call(func=self.helper('pop'), args=[quoting.name(dstack)], keywords=[])
        pop = quoting.assign(self.dname(target), call)
        pop.tangent_pair = ('d', pair)
        return [stmt, pop]

    def zero_value_of(self, atom):
        if isinstance(atom, gast.Name):
            return self.zero_value(atom.id)
        return quoting.constant(0.0)

    def apply_template(self, stmt, template, bindings, operands, states):
        name = stmt.targets[0].id
        code = []
        zeroed = []

        elementwise = self.is_elementwise(stmt.value)
        narrow_operands = []

        def derivative_of(var):
            if elementwise and var in states.narrow:
                narrow_operands.append(var)
            source = self.read_derivative(var, states, code, elementwise=elementwise)
            if source is None:
                zeroed.append(var)
            return source

        in_operands = any(isinstance(op, gast.Name) and op.id == name for op in operands)
        primal = [stmt]
        after = []
        if in_operands and templates.reads_result(template):
            # y = f(y): the template needs the old y and the new one; compute into a temporary.
            new = self.namer.fresh(name + '_new')
            primal = [quoting.assign(new, stmt.value)]
            primal[0].tangent_primal = True
            after = [quoting.assign(name, quoting.name(new))]
            after[0].tangent_primal = True
            result = new
        else:
            result = name
        varied = {var for var in self.activity.varied_before(stmt) if states[var] != UNSET}
        self.refuse_missing_derivatives(stmt, template, bindings, varied, set())
        items = templates.instantiate(template, result, bindings, None, derivative_of, self.namer, self.scope)
        constants = [op for op in operands if not isinstance(op, gast.Name)]
        statements = [item for item in items if not isinstance(item, templates.Contribution)]
        (tangent,) = [item for item in items if isinstance(item, templates.Contribution)]
        expr = templates.absorb_zeros(tangent.expr, self.scope)
        widen = False
        if narrow_operands or self.may_broadcast(stmt, zeroed, constants):
            if elementwise and name not in self.known_shapes:
                # Broadcasting later computes the same: give the tangent its primal's
                # shape only where something reads its shape (read_derivative).
                self._narrowed.add(name)
            else:
                widen = True
        before_primal = in_operands and result == name  # the tangent reads the old value
        if widen and not before_primal:
            expr = self.broadcast_like(expr, result)
        assignment = self.fresh_assignment(name, expr)
        states[name] = OWNED if isinstance(expr, (gast.BinOp, gast.UnaryOp)) else SHARED
        if before_primal:
            # Computed before the primal overwrites its operand: widened to the new
            # value's shape after it (the old value may have another shape).
            widened = [quoting.assign(self.dname(name), self.broadcast_like(quoting.name(self.dname(name)),
                                                                            name))] if widen else []
            if widen:
                states[name] = SHARED
            return code + statements + [assignment] + primal + widened
        return primal + code + statements + [assignment] + after

    def broadcast_like(self, expr, name):
        return gast.Call(func=self.helper('broadcast_like'), args=[expr, quoting.name(name)], keywords=[])

    def is_elementwise(self, value):
        """Arithmetic whose tangent template computes elementwise, so that tangents
        smaller than their primals give the full tangent after broadcasting."""
        if isinstance(value, gast.BinOp):
            return isinstance(value.op, _ELEMENTWISE_OPERATORS)
        if isinstance(value, gast.UnaryOp):
            return isinstance(value.op, (gast.USub, gast.UAdd))
        if isinstance(value, gast.Call) and not value.keywords:
            function = resolve_callee(value, self.scope)
            return (isinstance(function, numpy.ufunc) and len(value.args) == function.nin) \
                or getattr(function, '__module__', None) == 'math' or function in _SCALAR_BUILTINS
        return False

    def may_broadcast(self, stmt, zeroed, constants):
        """Whether dropping zero tangents may leave one smaller than its primal."""
        if not zeroed:
            return False
        result_kind = self.kinds.expression(stmt.targets[0], self.kinds.after(self.graph, stmt))
        if result_kind == kinds_module.SCALAR:
            return False
        return any(self.var_kind(var) != kinds_module.SCALAR for var in zeroed)

    def call(self, stmt, call, states):
        function = resolve_callee(call, self.scope)
        if pytree.is_record_class(function):
            return self.record_build(stmt, call, function, states)
        template = registry.tangent_template_of(function)
        if template is not None:
            where = '%s:%s' % (self.origin.filename, getattr(stmt, 'lineno', '?'))
            keywords = {kw.arg: kw.value for kw in call.keywords}
            bindings = templates.bind_arguments(template, call.args, keywords, where)
            operands = list(call.args) + [kw.value for kw in call.keywords]
            return self.apply_template(stmt, template, bindings, operands, states)
        if is_user_callee(function):
            return self.user_call(stmt, call, function, states)
        source = quoting.to_source(call.func)
        raise error_at(stmt, self.origin, 'call to %s' % source,
                       '%s has no forward-mode rule and no Python source to differentiate. Register '
                       'one with @tangent.tangent_of(%s), or declare it with '
                       'tangent.non_differentiable(%s) if its output carries no derivative.'
                       % (source, source, source))

    def user_call(self, stmt, call, function, states):
        name = stmt.targets[0].id
        positional = self.callee_arguments(stmt, call, function)
        code = []
        wrt, tangents = [], []
        for index, arg in enumerate(positional):
            if isinstance(arg, gast.Name):
                source = self.read_derivative(arg.id, states, code)
                if source is not None:
                    wrt.append(index)
                    tangents.append(quoting.name(source))
        if not wrt:
            states[name] = UNSET
            return [stmt]
        derivative = self.derivative_call(call, wrt, positional + tangents, mode='forward')
        states[name] = SHARED
        in_operands = any(isinstance(arg, gast.Name) and arg.id == name for arg in positional)
        assignment = quoting.assign(self.dname(name), derivative)
        if in_operands:
            return code + [assignment, stmt]
        return [stmt] + code + [assignment]

    def subscript_write(self, stmt, states):
        target = stmt.targets[0]
        base = target.value.id
        value = stmt.value
        code = []
        source = self.read_derivative(value.id, states, code) if isinstance(value, gast.Name) else None
        if source is None and states[base] == UNSET:
            return code
        if base in states.narrow:
            self.read_derivative(base, states, code)  # full-sized before elements are written
        self.ensure_owned(base, states, code)
        written = gast.Subscript(value=quoting.name(self.dname(base)), slice=quoting.clone(target.slice),
                                 ctx=gast.Store())
        code.append(quoting.assign(written, quoting.name(source) if source is not None
                                   else quoting.constant(0.0)))
        return code

    def branch(self, stmt, states):
        body_states = states.copy()
        body = self.block(stmt.body, body_states)
        else_states = states.copy()
        orelse = self.block(stmt.orelse, else_states)
        merged, fix_body, fix_else = self.merge(body_states, else_states)
        states.replace(merged)
        return [gast.If(test=stmt.test, body=(body + fix_body) or [gast.Pass()], orelse=orelse + fix_else)]

    def loop(self, stmt, states):
        entry = states.copy()
        header, _ = self.loop_header(entry, lambda trial: self.block(stmt.body, trial), stmt)
        exit_states = header.copy()
        body = self.block(stmt.body, exit_states)
        _, fix_entry, fix_exit = self.merge(entry, exit_states, stmt)
        states.replace(header)
        if isinstance(stmt, gast.For):
            loop = gast.For(target=stmt.target, iter=stmt.iter, body=body + fix_exit, orelse=[],
                            type_comment=None)
            loop.tangent_element = getattr(stmt, 'tangent_element', None)  # see optimize/loops.py
        else:
            loop = gast.While(test=stmt.test, body=body + fix_exit, orelse=[])
        return fix_entry + [loop]
