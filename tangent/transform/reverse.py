"""Reverse mode: emit a forward pass that saves what it must and a backward pass.

The input is a function in A-normal form (see frontend/anf.py). The output is
one function (joint motion): the primal statements, interleaved with pushes
of values that are about to be overwritten, followed by the adjoint of every
active statement in reverse order, each instantiated from its template.

Saving and restoring. Before a statement overwrites a variable that may
already hold a value, the forward pass pushes the old value; the backward
pass, after (or, when the statement reads its own target, before) the
statement's adjoint, pops it back. Every variable therefore holds, at each
point of the backward pass, the value it had at the mirrored point of the
forward pass, which is what the templates read. Most of these pairs are not
needed: optimize/dce.py removes each pair whose restored value nobody reads.
Branch conditions and loop trip counts are pushed after the construct and
popped before its mirror.

Gradient accumulation is resolved statically (see adjoint_state.py): the
first contribution to a gradient is an assignment, later ones additions, and
zeros are only created where two paths disagree.
"""
import io
import itertools
import linecache
import tokenize

import gast
import numpy

from tangent import pytree
from tangent import quoting
from tangent import runtime
from tangent.analysis import kinds as kinds_module
from tangent.errors import error_at
from tangent.frontend.resolve import MISSING
from tangent.rules import registry
from tangent.transform import complex_mode
from tangent.transform import template as templates
from tangent.transform.adjoint_state import MAYBE, OWNED, SHARED, UNSET, States
from tangent.optimize.purity import is_pure_expression
from tangent.transform.base import Transformation, _written_in_place, callee_name, is_user_callee, resolve_callee


SPLIT = '__tangent_split__'
# Pair ids are unique in the whole process: a derivative of a derivative holds
# the pairs of both transformations.
_PAIR_IDS = itertools.count()


class ReverseMode(Transformation):
    """Builds the joint-motion derivative of one normalised function."""

    def __init__(self, normalized, wrt, param_kinds, *, return_value=False, scalar_output=False,
                 split=False):
        super().__init__(normalized, wrt, param_kinds)
        self.split = split
        self.return_value = return_value or split
        self.scalar_output = scalar_output
        self.cotangent_kind = None  # what the dispatcher saw of tangent.autodiff's cotangent
        self.stack = self.namer.fresh('stack')
        self.saves = {}
        self.saved_names = set()
        self.trip_names = {}
        self.uses_stack = False
        self.complex_mode = False  # set by derive.py when complex values may flow

    # Names and small builders

    def push(self, key, value):
        pair = next(_PAIR_IDS)
        self.saves[key] = pair
        self.uses_stack = True
        stmt = gast.Expr(value=gast.Call(func=quoting.expression('%s.push' % self.stack),
                                         args=[value], keywords=[]))
        stmt.tangent_pair = pair
        return stmt

    def pop(self, key, target):
        pair = self.saves[key]
        target = quoting.name(target) if isinstance(target, str) else target
        stmt = quoting.assign(target, quoting.expression('%s.pop()' % self.stack))
        stmt.tangent_pair = pair
        return stmt

    # The whole function

    def output_cotangent_kind(self):
        # tangent.grad's output is a number (tangent.require_scalar checks)
        return kinds_module.SCALAR if self.scalar_output else self.cotangent_kind

    def transform(self):
        forward = self.forward_block(self.body, in_loop=False)
        states = States()
        out_name = self.output
        if out_name is not None and out_name in self.activity.varied_before(self.ret):
            cotangent = self.dname(out_name)
            states[out_name] = SHARED
        else:
            cotangent = self.namer.fresh('d' + (out_name or 'out'))
        backward = self.backward_block(self.body, states)
        gradients, finish = self.final_gradients(states)

        prologue = self.prologue()
        body = prologue + forward
        if self.return_value:
            value = self.namer.fresh('value')
            body.append(quoting.assign(value, quoting.clone(self.ret.value)))
        if self.split:
            # Split motion: derive.py cuts the optimised function here into a forward
            # function returning the saved values and a backward function taking them.
            body.append(gast.Expr(value=gast.Call(func=quoting.name(SPLIT), args=[], keywords=[])))
        if self.scalar_output and out_name is not None and self.var_kind(out_name) != kinds_module.SCALAR:
            body.append(gast.Expr(value=gast.Call(func=self.helper('require_scalar'),
                                                  args=[quoting.name(out_name)], keywords=[])))
        body += backward + finish
        result = (quoting.name(gradients[0]) if len(gradients) == 1 else
                  gast.Tuple(elts=[quoting.name(g) for g in gradients], ctx=gast.Load()))
        if self.return_value:
            result = gast.Tuple(elts=[quoting.name(value), result], ctx=gast.Load())
        body.append(gast.Return(value=result))

        args = quoting.clone(self.fn.args)
        args.args.append(gast.Name(id=cotangent, ctx=gast.Param(), annotation=None, type_comment=None))
        args.defaults.append(quoting.constant(1.0))
        name = 'd%s_%s' % (self.fn.name, '_'.join('d' + w for w in self.wrt))
        function = gast.FunctionDef(name=name, args=args, body=body, decorator_list=[], returns=None,
                                    type_comment=None, type_params=[])
        return function, cotangent

    def prologue(self):
        out = self.copy_written_params()
        if self.carries:
            for stack in sorted(self.stacks):
                out.append(quoting.assign(self.dname(stack), gast.Call(func=self.helper('Stack'), args=[],
                                                                       keywords=[])))
        for name in sorted(self.saved_names):
            out.append(quoting.assign(name, quoting.constant(None)))
        if self.uses_stack:
            out.append(quoting.assign(self.stack, gast.Call(func=self.helper('Stack'), args=[], keywords=[])))
        return out

    def final_gradients(self, states):
        names, code = [], []
        for param in self.wrt:
            dparam = self.dname(param)
            state = states[param]
            if state == UNSET:
                code.append(quoting.assign(dparam, self.zero_value(param)))
            elif state == MAYBE:
                code.append(quoting.assign(dparam, gast.Call(
                    func=self.helper('materialize'),
                    args=[quoting.name(dparam), quoting.name(param)], keywords=[])))
            if not kinds_module.is_numeric(self.param_kinds.get(param)):
                # Containers are accumulated as lists: give the gradient the argument's
                # own structure (a tuple's gradient is a tuple).
                code.append(quoting.assign(dparam, gast.Call(
                    func=self.helper('structure_like'),
                    args=[quoting.name(dparam), quoting.name(param)], keywords=[])))
            names.append(dparam)
        return names, code

    # Forward pass

    def forward_block(self, stmts, in_loop):
        out = []
        for stmt in stmts:
            out.extend(self.forward(stmt, in_loop))
        return out

    def forward(self, stmt, in_loop):
        stmt.tangent_primal = True  # the optimiser's algebra must not touch the user's code
        if isinstance(stmt, gast.Assign):
            target = stmt.targets[0]
            if isinstance(target, gast.Name):
                name = target.id
                if name in self.conditions or name in self.stacks or not (in_loop or self.def_counts[name] > 1):
                    return [stmt]
                if self.is_loop_invariant(stmt):
                    return [stmt]  # the same value in every iteration: nothing to restore
                if name not in self.params:
                    self.saved_names.add(name)
                return [self.push(id(stmt), quoting.name(name)), stmt]
            old = gast.Call(func=self.helper('copy'), args=[quoting.as_load(target)], keywords=[])
            return [self.push(id(stmt), old), stmt]
        if isinstance(stmt, gast.If):
            new = gast.If(test=stmt.test, body=self.forward_block(stmt.body, in_loop),
                          orelse=self.forward_block(stmt.orelse, in_loop))
            out = [new]
            if in_loop and not _ends_with_break(stmt):
                # (`if stop: break` leaves the loop: the backward pass replays no branch)
                out.append(self.push((id(stmt), 'cond'), quoting.name(stmt.test.id)))
            return out
        if isinstance(stmt, (gast.For, gast.While)):
            return self.forward_loop(stmt, in_loop)
        if isinstance(stmt, gast.With):
            return []  # insert_grad_of bodies run in the backward pass
        return [stmt]

    def is_loop_invariant(self, stmt):
        """`v = expr` assigned only here, from values no iteration changes.

        Such a statement gives `v` the same value in every iteration (the first
        one reads nothing older: `v` has no other definition), so the backward
        pass finds that value in `v` throughout and nothing needs saving.
        """
        name = stmt.targets[0].id
        if self.def_counts[name] != 1 or self.generated:
            return False
        written = self.written_in_place()
        if name in written or not is_pure_expression(stmt.value, self.scope):
            return False
        for node in gast.walk(stmt.value):
            if isinstance(node, gast.Name) and node.id in self.scope.locals:
                if node.id not in self.stable or node.id in written:
                    return False
        return True

    def written_in_place(self):
        if not hasattr(self, '_written'):
            self._written = _written_in_place(self.fn)
        return self._written

    def forward_loop(self, stmt, in_loop):
        out = []
        body = self.forward_block(stmt.body, in_loop=True)
        if isinstance(stmt, gast.For):
            target = stmt.target.id
            if in_loop or self.def_counts[target] > 1:
                if target not in self.params:
                    self.saved_names.add(target)
                out.append(self.push((id(stmt), 'target'), quoting.name(target)))
        if self.needs_trip_count(stmt):
            trips = self.namer.fresh('trips')
            self.trip_names[id(stmt)] = trips
            out.append(quoting.assign(trips, quoting.constant(0)))
            body.insert(0, quoting.statement('%s = %s + 1' % (trips, trips)))
        if isinstance(stmt, gast.For):
            out.append(gast.For(target=stmt.target, iter=stmt.iter, body=body, orelse=[], type_comment=None))
        else:
            out.append(gast.While(test=stmt.test, body=body, orelse=[]))
        if self.needs_trip_count(stmt) and in_loop:
            out.append(self.push((id(stmt), 'trips'), quoting.name(self.trip_names[id(stmt)])))
        return out

    @staticmethod
    def needs_trip_count(stmt):
        return isinstance(stmt, gast.While) or any(_ends_with_break(s) for s in stmt.body)

    # Backward pass

    def backward_block(self, stmts, states):
        out = []
        last_line = None
        for stmt in reversed(stmts):
            code = self.backward(stmt, states)
            if not code:
                continue
            line = getattr(stmt, 'lineno', None) if not self.generated else None
            if (line is not None and line != last_line and not isinstance(stmt, (gast.If, gast.For, gast.While))
                    and any(not _is_restore(c) for c in code)):
                text = _without_comment(linecache.getline(self.origin.filename, line).strip())
                if text:
                    code.insert(0, self.comment('grad of: ' + text))
                last_line = line
            out.extend(code)
        return out

    def backward(self, stmt, states):
        if isinstance(stmt, gast.Assign):
            return self.backward_assign(stmt, states)
        if isinstance(stmt, gast.If):
            return self.backward_if(stmt, states)
        if isinstance(stmt, (gast.For, gast.While)):
            return self.backward_loop(stmt, states)
        if isinstance(stmt, gast.With):
            return self.backward_insert_grad_of(stmt, states)
        return []

    def backward_assign(self, stmt, states):
        target = stmt.targets[0]
        restore = ([self.pop(id(stmt), quoting.as_store(target))] if id(stmt) in self.saves else [])
        if getattr(stmt, 'tangent_pair', None) is not None:
            return self.backward_stack_operation(stmt, states) + restore
        if not self.activity.is_active(stmt):
            if isinstance(target, gast.Name):
                # The value this overwrote has no path to the output through here:
                # the gradient of the earlier value starts again from zero.
                states[target.id] = UNSET
            return restore
        if isinstance(target, gast.Subscript):
            return self.backward_subscript_write(stmt, states) + restore
        name = target.id
        code = []
        cotangent = self.read_derivative(name, states, code)
        if cotangent is None:
            return restore
        value = stmt.value
        varied = self.activity.varied_before(stmt)
        if isinstance(value, gast.Name):
            states[name] = UNSET
            if value.id in varied:
                self.contribute(value.id, quoting.name(cotangent), states, code)
            return code + restore
        if isinstance(value, gast.Subscript):
            if isinstance(value.value, gast.Name) and value.value.id == name:
                # x = x[:-1]: the old x's gradient is built from the incoming one.
                cotangent, restore = self.restore_first(cotangent, code, restore)
            states[name] = UNSET
            code += self.backward_subscript_read(stmt, value, cotangent, states)
            return code + restore
        if isinstance(value, (gast.Tuple, gast.List)):
            states[name] = UNSET
            for index, elt in enumerate(value.elts):
                if isinstance(elt, gast.Name) and elt.id in varied:
                    item = gast.Subscript(value=quoting.name(cotangent), slice=quoting.constant(index),
                                          ctx=gast.Load())
                    self.contribute(elt.id, item, states, code)
            return code + restore
        if isinstance(value, gast.Dict):
            states[name] = UNSET
            for key, item_value in zip(value.keys, value.values):
                if isinstance(item_value, gast.Name) and item_value.id in varied:
                    item = gast.Subscript(value=quoting.name(cotangent), slice=quoting.clone(key),
                                          ctx=gast.Load())
                    self.contribute(item_value.id, item, states, code)
            return code + restore
        if isinstance(value, (gast.BinOp, gast.UnaryOp)):
            template = registry.adjoint_of(type(value.op))
            if template is None:
                raise error_at(stmt, self.origin, 'operator %s' % type(value.op).__name__,
                               'this operator has no derivative rule.')
            operands = [value.left, value.right] if isinstance(value, gast.BinOp) else [value.operand]
            bindings = dict(zip(template.params, operands))
            return self.apply_template(stmt, template, bindings, operands, cotangent, states, code)
        if isinstance(value, gast.Call):
            return self.backward_call(stmt, value, cotangent, states, code, restore)
        if isinstance(value, gast.Attribute):
            return self.backward_attribute_read(stmt, value, cotangent, states, code, restore)
        raise error_at(stmt, self.origin, type(value).__name__,
                       'tangent has no derivative for this expression.')

    def restore_first(self, cotangent, code, restore):
        """For `x = g(x)`: keep the incoming gradient under a new name, then restore the old x.

        The adjoint then reads the old x (its value, or its shape), as the forward pass did.
        """
        incoming = self.namer.fresh(cotangent + '_in')
        code.append(quoting.assign(incoming, quoting.name(cotangent)))
        code += restore
        return incoming, []

    def backward_attribute_read(self, stmt, value, cotangent, states, code, restore):
        """`y = p.W`: dy arrives in the W field of p's gradient, a record of p's class."""
        name = stmt.targets[0].id
        base = value.value
        self.refuse_numeric_attribute(stmt, value)
        if base.id == name:
            # p = p.inner: the outer p gets the incoming gradient.
            cotangent, restore = self.restore_first(cotangent, code, restore)
        states[name] = UNSET
        if base.id not in self.activity.varied_before(stmt):
            return code + restore
        previous = quoting.name(self.dname(base.id)) if states[base.id] != UNSET else self.helper('ZERO')
        code.append(quoting.assign(self.dname(base.id), gast.Call(
            func=self.helper('add_field'),
            args=[previous, quoting.name(base.id), quoting.constant(value.attr), quoting.name(cotangent)],
            keywords=[])))
        states[base.id] = SHARED
        return code + restore

    def backward_record_build(self, stmt, call, function, cotangent, states, code, restore):
        """`q = Params(W=a, b=c)`: each argument gets its field of q's gradient."""
        name = stmt.targets[0].id
        parts = self.record_arguments(stmt, call, function)
        if any(isinstance(arg, gast.Name) and arg.id == name for _, arg in parts):
            cotangent, restore = self.restore_first(cotangent, code, restore)
        states[name] = UNSET
        varied = self.activity.varied_before(stmt)
        for key, arg in parts:
            if isinstance(arg, gast.Name) and arg.id in varied:
                piece = gast.Call(func=self.helper('part'),
                                  args=[quoting.name(cotangent), quoting.constant(key), quoting.name(arg.id)],
                                  keywords=[])
                self.contribute(arg.id, piece, states, code)
        return code + restore

    def backward_stack_operation(self, stmt, states):
        """Reverse over a push/pop pair of generated code: gradients go the other way.

        Where the pop handed a value back, its gradient is pushed on a gradient
        stack; where the value was pushed, that gradient is popped and added in.
        """
        pair = stmt.tangent_pair
        value = stmt.value
        if pair not in self.carries:
            if self.call_to(value, runtime.pop):
                states[stmt.targets[0].id] = UNSET
            return []
        if self.call_to(value, runtime.push):
            stack = stmt.targets[0].id
            pushed = value.args[1].id
            popped = gast.Call(func=self.helper('pop'), args=[quoting.name(self.dname(stack))], keywords=[])
            code = []
            if states[pushed] == UNSET:
                code.append(quoting.assign(self.dname(pushed), popped))
                states[pushed] = MAYBE  # what was pushed may be a lazy zero
            else:
                code.append(quoting.assign(self.dname(pushed), gast.Call(
                    func=self.helper('add_grad'), args=[quoting.name(self.dname(pushed)), popped],
                    keywords=[])))
                states[pushed] = SHARED
            return code
        target = stmt.targets[0].id
        stack = value.args[0].id
        gradient = quoting.name(self.dname(target)) if states[target] != UNSET else self.helper('ZERO')
        states[target] = UNSET
        call = gast.Call(func=self.helper('push'), args=[quoting.name(self.dname(stack)), gradient],
                         keywords=[])
        return [quoting.assign(self.dname(stack), call)]

    def contribute(self, var, expr, states, code):
        dvar = self.dname(var)
        state = states[var]
        if state == UNSET:
            if not (isinstance(expr, gast.Name) and expr.id == dvar):
                code.append(self.fresh_assignment(var, expr))
            # Arithmetic makes a new object; anything else may alias another gradient.
            states[var] = OWNED if self.makes_new_object(expr) else SHARED
        elif kinds_module.is_numeric(self.var_kind(var)) and state == OWNED:
            # Nothing else refers to this gradient's array: add in place, no allocation.
            self.ensure_owned(var, states, code)  # (emits nothing; keeps the owner a new object)
            code.append(gast.AugAssign(target=quoting.name(dvar, store=True), op=gast.Add(), value=expr))
        elif kinds_module.is_numeric(self.var_kind(var)):
            code.append(self.fresh_assignment(var, gast.BinOp(left=quoting.name(dvar), op=gast.Add(), right=expr)))
            states[var] = OWNED if state != MAYBE else SHARED
        else:
            code.append(quoting.assign(dvar, gast.Call(func=self.helper('add_grad'),
                                                       args=[quoting.name(dvar), expr], keywords=[])))
            states[var] = SHARED

    def makes_new_object(self, expr):
        """Whether `expr` evaluates to an object nothing else refers to."""
        if isinstance(expr, (gast.BinOp, gast.UnaryOp)):
            return True
        if not isinstance(expr, gast.Call) or expr.keywords and not all(
                kw.arg in ('axis', 'keepdims') for kw in expr.keywords):
            return False
        if isinstance(expr.func, gast.Attribute) and expr.func.attr == 'sum' \
                and self.scope.resolve(expr.func) is MISSING:
            return True  # g.sum(axis=...), written by unbroadcast_by_shapes
        function = self.scope.resolve(expr.func)
        return isinstance(function, numpy.ufunc) or function in (
            runtime.matmul_adjoint_a, runtime.matmul_adjoint_b, runtime.dot_adjoint_a, runtime.dot_adjoint_b)

    def backward_subscript_read(self, stmt, value, cotangent, states):
        code = []
        base = value.value
        if not (isinstance(base, gast.Name) and base.id in self.activity.varied_before(stmt)):
            return code
        self.ensure_owned(base.id, states, code)
        target = gast.Subscript(value=quoting.name(self.dname(base.id)), slice=quoting.clone(value.slice),
                                ctx=gast.Store())
        base_kind = self.kinds.expression(base, self.kinds.before(self.graph, stmt))
        if self.is_basic_index(stmt, value.slice) and kinds_module.is_numeric(base_kind):
            code.append(gast.AugAssign(target=target, op=gast.Add(), value=quoting.name(cotangent)))
        else:
            code.append(gast.Expr(value=gast.Call(
                func=self.helper('add_at'),
                args=[quoting.name(self.dname(base.id)), _index_expression(value.slice),
                      quoting.name(cotangent)], keywords=[])))
        return code

    def is_basic_index(self, stmt, index):
        if isinstance(index, gast.Tuple):
            return all(self.is_basic_index(stmt, elt) for elt in index.elts)
        if isinstance(index, gast.Slice):
            return True
        if isinstance(index, gast.Constant):
            return not isinstance(index.value, float)  # ints, None, ..., and dict keys
        if isinstance(index, gast.Name):
            return self.kind_before(stmt, index) == kinds_module.SCALAR
        return False

    def backward_subscript_write(self, stmt, states):
        target = stmt.targets[0]
        base = target.value.id
        code = []
        if states[base] == UNSET:
            return code  # the array's gradient is zero: nothing flows anywhere
        value = stmt.value
        if states[base] == MAYBE:
            self.ensure_owned(base, states, code)
        written = gast.Subscript(value=quoting.name(self.dname(base)), slice=quoting.clone(target.slice),
                                 ctx=gast.Load())
        if isinstance(value, gast.Name) and value.id in self.activity.varied_before(stmt):
            contribution = written
            if states[value.id] == UNSET:
                # dbase[i] is a view that is zeroed next: keep a copy.
                contribution = gast.Call(func=self.helper('copy'), args=[written], keywords=[])
            self.contribute(value.id, contribution, states, code)
        # The overwritten elements did not reach the output through this array.
        self.ensure_owned(base, states, code)
        code.append(quoting.assign(quoting.as_store(written), quoting.constant(0.0)))
        return code

    def backward_call(self, stmt, call, cotangent, states, code, restore):
        function = resolve_callee(call, self.scope)
        if pytree.is_record_class(function):
            return self.backward_record_build(stmt, call, function, cotangent, states, code, restore)
        template = registry.adjoint_of(function)
        if template is not None:
            where = '%s:%s' % (self.origin.filename, getattr(stmt, 'lineno', '?'))
            keywords = {kw.arg: kw.value for kw in call.keywords}
            bindings = templates.bind_arguments(template, call.args, keywords, where)
            operands = list(call.args) + [kw.value for kw in call.keywords]
            return self.apply_template(stmt, template, bindings, operands, cotangent, states, code)
        if getattr(function, '__module__', None) == runtime.__name__:
            raise error_at(stmt, self.origin, 'reverse mode over tangent.%s' % function.__name__,
                           'this run-time helper has no adjoint rule, so this derivative cannot be '
                           'differentiated again in reverse mode. Take it forward-over-reverse: '
                           'tangent.hessian, tangent.hvp, or tangent.autodiff(tangent.grad(f), '
                           'mode="forward").')
        if is_user_callee(function):
            return self.backward_user_call(stmt, call, function, cotangent, states, code, restore)
        source = quoting.to_source(call.func)
        raise error_at(stmt, self.origin, 'call to %s' % source,
                       '%s has no derivative rule and no Python source to differentiate. Register '
                       'one with @tangent.adjoint(%s), or declare it with tangent.non_differentiable(%s) '
                       'if its output carries no derivative.' % (source, source, source))

    def backward_user_call(self, stmt, call, function, cotangent, states, code, restore):
        name = stmt.targets[0].id
        positional = self.callee_arguments(stmt, call, function)
        varied = self.activity.varied_before(stmt)
        wrt = [index for index, arg in enumerate(positional) if isinstance(arg, gast.Name) and arg.id in varied]
        in_args = any(positional[index].id == name for index in wrt)
        if in_args and restore:
            code += restore
            restore = []
        states[name] = UNSET
        if not wrt:
            return code + restore
        derivative = self.derivative_call(call, wrt, positional + [quoting.name(cotangent)])
        function_name = callee_name(function)
        temps = [self.namer.fresh('%s_from_%s' % (self.dname(positional[index].id), function_name))
                 for index in wrt]
        if len(temps) == 1:
            code.append(quoting.assign(temps[0], derivative))
        else:
            target = gast.Tuple(elts=[quoting.name(t, store=True) for t in temps], ctx=gast.Store())
            code.append(gast.Assign(targets=[target], value=derivative, type_comment=None))
        for index, temp in zip(wrt, temps):
            self.contribute(positional[index].id, quoting.name(temp), states, code)
        return code + restore

    def apply_template(self, stmt, template, bindings, operands, cotangent, states, code):
        name = stmt.targets[0].id
        varied = self.activity.varied_before(stmt)
        restore = [self.pop(id(stmt), name)] if id(stmt) in self.saves else []
        operand_names = {op.id for op in operands if isinstance(op, gast.Name)}
        after = []
        old_name = None
        if name in operand_names:
            # The statement overwrote one of its own inputs (s = s * x): the adjoint
            # needs the old value, so bring it back first.
            if templates.reads_result(template):
                old = old_name = self.namer.fresh(name + '_old')
                code.append(self.pop(id(stmt), old))
                bindings = {key: (quoting.name(old) if isinstance(value, gast.Name) and value.id == name
                                  else value) for key, value in bindings.items()}
                after.append(quoting.assign(name, quoting.name(old)))
                restore = []
            else:
                code.extend(restore)
                restore = []
        conjugate = self.complex_mode and not complex_mode.template_is_aware(template)
        if conjugate:
            # J^H dz = conj(J^T conj(dz)): see complex_mode.py.
            conjugated = self.namer.fresh(cotangent + '_conj')
            code.append(quoting.assign(conjugated, gast.Call(func=self.helper('conj'),
                                                             args=[quoting.name(cotangent)], keywords=[])))
            cotangent = conjugated
        items = templates.instantiate(template, name, bindings, cotangent, self.dname, self.namer, self.scope)
        for item in items:
            if isinstance(item, templates.Contribution) and item.var == old_name:
                item.var = name  # the old value is the same variable, one step back
        contributions = [item for item in items if isinstance(item, templates.Contribution)
                         and item.var in varied]
        self.refuse_missing_derivatives(stmt, template, bindings, varied,
                                        {item.var for item in contributions} | {old_name})
        statements = [item for item in items if not isinstance(item, templates.Contribution)]
        for item in contributions:
            item.expr = self.elide_unbroadcast(stmt, item, bindings, operands)
            if conjugate:
                item.expr = gast.Call(func=self.helper('conj_for'),
                                      args=[item.expr, quoting.name(item.var), quoting.name(name)],
                                      keywords=[])
            elif self.complex_mode:
                item.expr = gast.Call(func=self.helper('real_for'), args=[item.expr, quoting.name(item.var)],
                                      keywords=[])
        states[name] = UNSET
        # Contributions to the statement's own target read the incoming cotangent:
        # do them last, through a copy if there is more than one.
        own = [item for item in contributions if item.var == name]
        others = [item for item in contributions if item.var != name]
        if len(own) > 1:
            incoming = self.namer.fresh(cotangent + '_in')
            code.append(quoting.assign(incoming, quoting.name(cotangent)))
            for item in own:
                item.expr = quoting.rename(item.expr, {cotangent: incoming})
        code.extend(statements)
        for item in others + own:
            self.contribute(item.var, item.expr, states, code)
        return code + after + restore

    def elide_unbroadcast(self, stmt, contribution, bindings, operands):
        """Drop unbroadcast(g, v) when no other operand can broadcast v."""
        expr = contribution.expr
        if not (isinstance(expr, gast.Call) and self.scope.resolve(expr.func) is runtime.unbroadcast):
            return expr
        target = expr.args[1]
        result_kind = self.kinds.expression(quoting.name(stmt.targets[0].id),
                                            self.kinds.after(self.graph, stmt))
        others = [op for op in operands if not (isinstance(op, gast.Name) and isinstance(target, gast.Name)
                                                and op.id == target.id)]
        if result_kind == kinds_module.SCALAR:
            return expr.args[0]
        summed = self.unbroadcast_by_shapes(stmt, expr.args[0], target)
        if summed is not None:
            return summed
        if not others:
            # x * x, -x: an elementwise operator on one array keeps its shape. A
            # one-argument function may not (a user template for broadcast_to).
            return expr.args[0] if self.is_elementwise(stmt.value) else expr
        if all(self.kind_before(stmt, op) == kinds_module.SCALAR for op in others):
            return expr.args[0]
        return expr

    def unbroadcast_by_shapes(self, stmt, grad, target):
        """unbroadcast(grad, target) spelled out where both shapes are known, else None.

        The same shape: grad itself. Leading axes or size-1 axes to sum (a bias over
        a batch): one `.sum(axis=...)`. A scalar target keeps the call, which also
        gives a Python number's gradient the type float.
        """
        before = self.kinds.before(self.graph, stmt)
        target_kind, target_value_shape = self.kinds.value(target, kinds_module.values_of(before))
        target_shape = kinds_module.dims(target_value_shape)
        if target_shape is None or not kinds_module.is_numeric(target_kind):
            return None
        grad_shape = kinds_module.dims(self.gradient_shape(stmt, grad, before))
        if grad_shape is None:
            return None
        if grad_shape == target_shape:
            return grad
        if target_value_shape == kinds_module.ITEM:
            # An element read from an array (theta[0]): its gradient only flows back
            # into the array's, so a NumPy scalar sum serves.
            if (isinstance(grad, gast.BinOp) and isinstance(grad.op, gast.Mult) and len(grad_shape) == 1
                    and self.kinds.value(grad.left, self.gradient_values(stmt, before))[1] == grad_shape
                    and self.kinds.value(grad.right, self.gradient_values(stmt, before))[1] == grad_shape):
                return gast.BinOp(left=grad.left, op=gast.MatMult(), right=grad.right)  # sum(a * b)
            return gast.Call(func=gast.Attribute(value=grad, attr='sum', ctx=gast.Load()), args=[],
                             keywords=[])
        if target_kind != kinds_module.ARRAY or len(grad_shape) < len(target_shape):
            return None
        extra = len(grad_shape) - len(target_shape)
        kept = [extra + axis for axis, size in enumerate(target_shape)
                if size == 1 and grad_shape[extra + axis] != 1]
        if extra and kept:
            return None
        axes = list(range(extra)) if extra else kept
        axis = quoting.constant(axes[0]) if len(axes) == 1 else gast.Tuple(
            elts=[quoting.constant(a) for a in axes], ctx=gast.Load())
        keywords = [gast.keyword(arg='axis', value=axis)] if target_shape else []
        if kept:
            keywords.append(gast.keyword(arg='keepdims', value=quoting.constant(True)))
        return gast.Call(func=gast.Attribute(value=grad, attr='sum', ctx=gast.Load()), args=[],
                         keywords=keywords)

    def gradient_shape(self, stmt, grad, before):
        """The shape of a template's gradient expression for statement `stmt`.

        Derivative names have their variables' shapes; the statement's result (and
        its derivative) the shape after it. An elementwise primitive's gradient
        expressions all have the result's shape.
        """
        values = self.gradient_values(stmt, before)
        shape = self.kinds.value(grad, values)[1]
        if shape is None and self.is_elementwise(stmt.value):
            shape = values[stmt.targets[0].id][1]
        return shape

    def gradient_values(self, stmt, before):
        """(kind, shape) of the variables a template's gradient expression for `stmt` reads."""
        values = kinds_module.values_of(before)
        result = stmt.targets[0].id
        after = self.kinds.after(self.graph, stmt)
        values[result] = (after.get(result, kinds_module.UNKNOWN), after.shapes.get(result))
        for var, dvar in self.dnames.items():
            if var in values:
                values[dvar] = values[var]
        return values

    def is_elementwise(self, value):
        if isinstance(value, (gast.BinOp, gast.UnaryOp)):
            return not isinstance(getattr(value, 'op', None), gast.MatMult)
        return isinstance(self.scope.resolve(value.func), numpy.ufunc)

    def backward_if(self, stmt, states):
        body_states = states.copy()
        body = self.backward_block(stmt.body, body_states)
        else_states = states.copy()
        orelse = self.backward_block(stmt.orelse, else_states)
        merged, fix_body, fix_else = self.merge(body_states, else_states)
        states.replace(merged)
        body += fix_body
        orelse += fix_else
        code = []
        if (id(stmt), 'cond') in self.saves:
            code.append(self.pop((id(stmt), 'cond'), stmt.test.id))
        if body or orelse:
            code.append(gast.If(test=quoting.name(stmt.test.id), body=body or [gast.Pass()], orelse=orelse))
        return code

    def backward_loop(self, stmt, states):
        entry = states.copy()
        header, trial = self.loop_header(entry, lambda trial: self.backward_block(stmt.body, trial))
        # A gradient the body updates in place is copied once before the loop,
        # not in every iteration.
        hoisted = []
        for var in sorted(header.names() & self.owned_requests):
            if header[var] == SHARED and trial[var] == OWNED and entry[var] == SHARED:
                self.ensure_owned(var, entry, hoisted)
                header[var] = OWNED
        exit_states = header.copy()
        body = self.backward_block(stmt.body, exit_states)
        _, fix_entry, fix_exit = self.merge(entry, exit_states)
        fix_entry = hoisted + fix_entry
        body += fix_exit
        states.replace(header)
        code = []
        trips = self.trip_names.get(id(stmt))
        if (id(stmt), 'trips') in self.saves:
            code.append(self.pop((id(stmt), 'trips'), trips))
        code += fix_entry
        if body:
            if isinstance(stmt, gast.For):
                iterator = quoting.clone(stmt.iter)
                if trips is not None:
                    iterator = gast.Subscript(value=iterator, slice=gast.Slice(lower=None, upper=quoting.name(trips),
                                                                               step=None), ctx=gast.Load())
                loop = gast.For(target=quoting.clone(stmt.target), iter=self.reversed_iterator(iterator),
                                body=body, orelse=[], type_comment=None)
            else:
                loop = gast.For(target=quoting.name(self.namer.fresh('_'), store=True),
                                iter=quoting.expression('range(%s)' % trips), body=body, orelse=[],
                                type_comment=None)
            code.append(loop)
        if (id(stmt), 'target') in self.saves:
            code.append(self.pop((id(stmt), 'target'), stmt.target.id))
        return code

    def reversed_iterator(self, iterator):
        """reversed(R), written R when R is itself reversed(...)."""
        if (isinstance(iterator, gast.Call) and self.scope.resolve(iterator.func) is reversed
                and len(iterator.args) == 1):
            return iterator.args[0]
        return gast.Call(func=quoting.name('reversed'), args=[iterator], keywords=[])

    def backward_insert_grad_of(self, stmt, states):
        (item,) = stmt.items
        var = item.context_expr.args[0].id
        user_name = item.optional_vars.id
        dvar = self.dname(var)
        code = []
        if states[var] == UNSET:
            code.append(quoting.assign(dvar, self.zero_value(var)))
        elif states[var] == MAYBE:
            self.read_derivative(var, states, code)
        if user_name != dvar:
            code.append(quoting.assign(user_name, quoting.name(dvar)))
        code.extend(quoting.clone(stmt.body))
        if user_name != dvar:
            code.append(quoting.assign(dvar, quoting.name(user_name)))
        states[var] = SHARED
        return code


def _ends_with_break(stmt):
    return isinstance(stmt, gast.If) and len(stmt.body) == 1 and isinstance(stmt.body[0], gast.Break)


def _is_restore(stmt):
    return getattr(stmt, 'tangent_pair', None) is not None


def _index_expression(index):
    """An index node as an expression (slices become slice(...) calls)."""
    if isinstance(index, gast.Slice):
        parts = [part if part is not None else quoting.constant(None)
                 for part in (index.lower, index.upper, index.step)]
        return gast.Call(func=quoting.name('slice'), args=parts, keywords=[])
    if isinstance(index, gast.Tuple):
        return gast.Tuple(elts=[_index_expression(elt) for elt in index.elts], ctx=gast.Load())
    return quoting.clone(index)


def _without_comment(line):
    """A source line without its trailing # comment."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(line).readline):
            if token.type == tokenize.COMMENT:
                return line[:token.start[1]].rstrip()
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return line
