"""What reverse and forward mode share: analyses, names, gradient states and zeros."""
import dataclasses
import functools
import inspect
import weakref

import gast

from tangent import quoting
from tangent.analysis import cfg
from tangent.analysis import kinds as kinds_module
from tangent.analysis.activity import Activity, assigned_name
from tangent.analysis.kinds import Kinds
from tangent.errors import TangentError, error_at
from tangent.frontend import arguments
from tangent.frontend.resolve import MISSING
from tangent.positional import needs_view, positional
from tangent.transform.adjoint_state import MAYBE, OWNED, SHARED, UNSET, States, join

COMMENT = '__tangent_comment__'


class Transformation:
    """Analyses of one normalised function and the bookkeeping both modes need.

    A "derivative variable" is the gradient (reverse mode) or the tangent
    (forward mode) of a primal variable; its static state is tracked in an
    adjoint_state.States map by the subclass as it emits code.
    """

    def __init__(self, normalized, wrt, param_kinds):
        self.fn = normalized.node
        self.origin = normalized.origin
        self.scope = normalized.scope
        self.namer = normalized.namer
        self.conditions = normalized.conditions
        self.params = [arg.id for arg in self.fn.args.args]
        self.wrt = wrt
        self.body = self.fn.body[:-1]
        self.ret = self.fn.body[-1]
        self.graph = cfg.Graph(self.fn.body)
        self.kinds = Kinds(self.graph, param_kinds, self.scope)
        self.param_kinds = param_kinds
        output = self.ret.value
        self.output = output.id if isinstance(output, gast.Name) else None
        self.activity = Activity(self.graph, self.scope, wrt, self.output)
        self.def_counts = _definition_counts(self.fn)
        self.stable = _stable_names(self.fn, self.def_counts, self.params)
        self.var_kinds = self._variable_kinds()
        if not normalized.generated:
            # Generated code updates only buffers it owns (see adjoint_state.py).
            self._refuse_stale_views()
        self.tangent = self.scope.bind('tangent', _tangent_package())
        self.generated = normalized.generated
        self.carries = self._tangent_carrying_pairs() if self.generated else set()
        self.stacks = self._stack_names() if self.generated else set()
        self.dnames = {}
        self.fresh_candidates = {}
        self.owned_requests = set()  # gradients that some code updates in place

    def _refuse_stale_views(self):
        """Refuse reading a view of an array after the array was written in place.

        `row = X[0]; X[0] = v; use(row)`: NumPy updates `row` through the shared
        memory, but the derivative would treat `row` as the old value. Rather
        than a wrong gradient, ask for an explicit copy.
        """
        from tangent.optimize import dce
        groups = dce.alias_groups(self.fn, self.scope)
        live = cfg.solve(self.graph, lambda node, fact: (fact - node.kills) | node.uses,
                         lambda a, b: a | b, frozenset(), backward=True)
        for node in self.graph.nodes:
            stmt = node.stmt
            if not isinstance(stmt, gast.Assign):
                continue
            target = stmt.targets[0]
            if isinstance(target, gast.Subscript):
                base = target.value.id
            elif getattr(stmt, 'tangent_augmented', False) and self.var_kind(target.id) != kinds_module.SCALAR:
                base = target.id  # an array's `+=` writes into the object other names may share
            else:
                continue
            stale = (groups.get(base, {base}) - {base}) & live[node][0]
            if stale:
                name = sorted(stale)[0]
                raise error_at(stmt, self.origin, 'write into an array that %s shares memory with' % name,
                               '%s is read after this in-place write to %s and the two share '
                               'memory (NumPy views and plain assignments do not copy), so the '
                               'derivative would be wrong. Call .copy() where %s or %s is created.'
                               % (name, base, name, base))

    # Stacks in generated code that is differentiated again

    def call_to(self, value, function):
        return isinstance(value, gast.Call) and self.scope.resolve(value.func) is function

    def _tangent_carrying_pairs(self):
        """Push/pop pairs whose saved value varies: their derivatives travel on a stack too."""
        from tangent import runtime
        carries = set()
        for node in self.graph.nodes:
            stmt = node.stmt
            pair = getattr(stmt, 'tangent_pair', None)
            if pair is not None and self.call_to(stmt.value, runtime.push):
                pushed = stmt.value.args[1]
                if isinstance(pushed, gast.Name) and pushed.id in self.activity.varied_before(stmt):
                    carries.add(pair)
        return carries

    def _stack_names(self):
        from tangent import runtime
        return {stmt.targets[0].id for stmt in gast.walk(self.fn)
                if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name)
                and self.call_to(stmt.value, runtime.Stack)}

    # Names and small builders

    def output_cotangent_kind(self):
        """The kind of the generated function's last parameter when it is the output
        cotangent (reverse mode), else None."""
        return None

    def dname(self, var):
        if var not in self.dnames:
            self.dnames[var] = self.namer.derivative(var)
        return self.dnames[var]

    def helper(self, attribute):
        return quoting.expression('%s.%s' % (self.tangent, attribute))

    def comment(self, text):
        return gast.Expr(value=gast.Call(func=quoting.name(COMMENT),
                                         args=[quoting.constant(text)], keywords=[]))

    def var_kind(self, var):
        return self.var_kinds.get(var, kinds_module.UNKNOWN)

    def _variable_kinds(self):
        result = {}
        for node in self.graph.nodes:
            for var, kind in self.kinds.facts[node][1]:
                result[var] = kinds_module.join(result.get(var), kind)
        return result

    def kind_before(self, stmt, expr):
        return self.kinds.expression(expr, self.kinds.before(self.graph, stmt))

    def read_derivative(self, var, states, code):
        """The name holding var's derivative, or None where it is zero.

        A lazy zero (MAYBE) is made real first: templates may pass it to NumPy.
        """
        state = states[var]
        if state == UNSET:
            return None
        dvar = self.dname(var)
        if state == MAYBE:
            code.append(quoting.assign(dvar, gast.Call(func=self.helper('materialize'),
                                                       args=[quoting.name(dvar), quoting.name(var)],
                                                       keywords=[])))
            states[var] = SHARED
        return dvar

    def callee_arguments(self, stmt, call, function):
        """A user function's call arguments in parameter order, after checking the callee."""
        if not hasattr(function, '__tangent__') and not _already_checked(function):
            from tangent import derive
            try:
                # Refuse what the callee cannot do now, not in the middle of a call.
                derive.normalize(positional(function) if needs_view(function) else function)
            except TangentError as exc:
                if exc.filename is not None:
                    raise
                raise error_at(stmt, self.origin, 'call to %s' % callee_name(function),
                               exc.reason) from None
            _remember_checked(function)
        return bind_positional(function, call, self.scope, stmt, self.origin)

    def derivative_call(self, call, wrt, args, mode=None):
        """`tangent.autodiff(f, wrt=..., mode=...)(*args)`: f looked up live, as the primal does.

        A callee with *args, **kwargs or keyword-only parameters, a partial and a
        bound method are differentiated through their positional view,
        `tangent.positional(f)`, which takes `args` in the same order.
        """
        keywords = [gast.keyword(arg='wrt', value=quoting.expression(repr(tuple(wrt))))]
        if mode is not None:
            keywords.append(gast.keyword(arg='mode', value=quoting.constant(mode)))
        callee = quoting.clone(call.func)
        if needs_view(resolve_callee(call, self.scope)):
            callee = gast.Call(func=self.helper('positional'), args=[callee], keywords=[])
        return gast.Call(func=gast.Call(func=self.helper('autodiff'), args=[callee], keywords=keywords),
                         args=args, keywords=[])

    def zero_value(self, var):
        if self.var_kind(var) == kinds_module.SCALAR:
            return quoting.constant(0.0)
        return gast.Call(func=self.helper('zeros_like'), args=[quoting.name(var)], keywords=[])

    def refuse_numeric_attribute(self, stmt, value):
        """`x.real` on an array: only record fields (`p.W`) carry derivatives."""
        if kinds_module.is_numeric(self.kind_before(stmt, value.value)):
            raise error_at(stmt, self.origin, 'attribute read .%s' % value.attr,
                           'this attribute of a differentiated number or array has no derivative '
                           'rule; call the NumPy function instead (numpy.real(x), ...).')

    def record_arguments(self, stmt, call, cls):
        """`Params(a, b=c)` as (key, argument) pairs: namedtuple fields by index, others by name.

        Only classes whose constructor stores each argument as the field of the same
        name can be differentiated this way: namedtuples and plain dataclasses.
        """
        from tangent import pytree
        names = pytree.field_names(cls)
        plain = names is not None and not hasattr(cls, '__post_init__') and (
            not dataclasses.is_dataclass(cls) or (
                all(field.init for field in dataclasses.fields(cls))
                # the dataclass made __init__ (its code is compiled from a string)
                and getattr(getattr(cls.__init__, '__code__', None), 'co_filename', None) == '<string>'))
        if not plain:
            raise error_at(stmt, self.origin, 'construction of %s' % cls.__name__,
                           'tangent differentiates building namedtuples and dataclasses whose '
                           'fields are exactly their constructor arguments (no __post_init__, no '
                           'init=False fields). Build %s before the differentiated function and '
                           'pass it in, or use a plain dataclass.' % cls.__name__)
        try:
            bound = inspect.signature(cls).bind(*call.args, **{kw.arg: kw.value for kw in call.keywords})
        except TypeError as exc:
            raise error_at(stmt, self.origin, 'construction of %s' % cls.__name__, str(exc)) from None
        namedtuple = issubclass(cls, tuple)
        return [(names.index(field) if namedtuple else field, arg)
                for field, arg in bound.arguments.items()]

    def copy_written_params(self):
        """Copies of the parameters the function writes into: callers' arrays never change."""
        return [quoting.assign(param, gast.Call(func=self.helper('copy'), args=[quoting.name(param)],
                                                keywords=[]))
                for param in sorted(_written_in_place(self.fn) & set(self.params))]

    def fresh_assignment(self, var, expr):
        """`dvar = expr`; arithmetic makes a new object that may later be updated in place."""
        stmt = quoting.assign(self.dname(var), expr)
        if isinstance(expr, (gast.BinOp, gast.UnaryOp)):
            self.fresh_candidates.setdefault(var, []).append(stmt)
        return stmt

    def ensure_owned(self, var, states, code):
        dvar = self.dname(var)
        state = states[var]
        self.owned_requests.add(var)
        if state == OWNED:
            # This relies on the assignments that made it OWNED returning new
            # objects; the mark keeps them so if the optimiser simplifies g * 1.0.
            for stmt in self.fresh_candidates.get(var, ()):
                stmt.tangent_fresh = True
            return
        if state == UNSET:
            value = gast.Call(func=self.helper('zeros_like'), args=[quoting.name(var)], keywords=[])
        elif state == SHARED:
            value = gast.Call(func=self.helper('copy'), args=[quoting.name(dvar)], keywords=[])
        else:
            value = gast.Call(func=self.helper('owned'), args=[quoting.name(dvar), quoting.name(var)],
                              keywords=[])
        code.append(quoting.assign(dvar, value))
        states[var] = OWNED

    def zero_init(self, var, point=None):
        """(code giving var's gradient a zero value, the state that results, whether
        that zero may be smaller than var: see forward mode's narrow tangents).

        point: the statement the code goes before, if known (a loop's entry).
        """
        dvar = self.dname(var)
        if self.var_kind(var) == kinds_module.SCALAR:
            return quoting.assign(dvar, quoting.constant(0.0)), OWNED, False
        if var in self.stable:
            return quoting.assign(dvar, self.zero_value(var)), OWNED, False
        return quoting.assign(dvar, self.helper('ZERO')), MAYBE, False

    def refuse_missing_derivatives(self, stmt, template, bindings, varied, covered):
        """A varying argument the rule gives no derivative for would silently get zero."""
        from tangent.rules import registry
        function = template.func
        inert = registry.inert_positions(self.scope.resolve(stmt.value.func)) \
            if isinstance(stmt.value, gast.Call) else frozenset()
        for position, param in enumerate(template.params):
            bound = bindings.get(param)
            if (isinstance(bound, gast.Name) and bound.id in varied and bound.id not in covered
                    and position not in inert and not _mentions_derivative_of(template, param)):
                raise error_at(stmt, self.origin, 'no derivative for argument %s' % param,
                               'the rule %s gives no derivative with respect to its argument %r, '
                               'which varies here. Hold it constant with tangent.stop_gradient, '
                               'or extend the rule.' % (function.__qualname__, param))

    def loop_header(self, entry, emit_body, loop=None):
        """The states at a loop header: the fixed point of entry joined with the body's exit.

        emit_body(states) generates the body from the header states (trial runs
        whose code is dropped); returns (header states, body exit states).
        loop: the loop statement (see merge's left_point).
        """
        header = entry.copy()
        trial = header
        for _ in range(8):
            taken = set(self.namer.taken)
            trial = header.copy()
            emit_body(trial)
            self.namer.taken = taken | set(self.dnames.values())  # keep names already handed out
            new_header, _, _ = self.merge(entry, trial, loop)
            if new_header == header:
                break
            header = _weaker(header, new_header)
        return header, trial

    def merge(self, left, right, left_point=None):
        """The states where two paths meet, and the code each path needs first.

        left_point: the statement the left path's fixes go before (a loop's
        entry), where forward mode may know more about a variable's kind.
        """
        merged = States(narrow=left.narrow | right.narrow)
        fix_left, fix_right = [], []
        for var in sorted(left.names() | right.names()):
            a, b = left[var], right[var]
            if a == b:
                merged[var] = a
                continue
            if a == UNSET:
                stmt, a, narrow = self.zero_init(var, left_point)
                fix_left.append(stmt)
                if narrow:
                    merged.narrow.add(var)
            if b == UNSET:
                stmt, b, narrow = self.zero_init(var)
                fix_right.append(stmt)
                if narrow:
                    merged.narrow.add(var)
            merged[var] = join(a, b)
        return merged, fix_left, fix_right


# Callees found differentiable, with the code they had then: a function called
# from many places (or in a loop the analyses visit repeatedly) is parsed once.
_CHECKED_CALLEES = weakref.WeakKeyDictionary()


def _already_checked(function):
    try:
        return _CHECKED_CALLEES.get(function) is getattr(function, '__code__', None) is not None
    except TypeError:  # not weakly referenceable
        return False


def _remember_checked(function):
    try:
        _CHECKED_CALLEES[function] = getattr(function, '__code__', None)
    except TypeError:
        pass


def _weaker(a, b):
    """Pointwise the weaker of two state maps (used to force loop fixpoints)."""
    result = States(narrow=a.narrow | b.narrow)
    for var in a.names() | b.names():
        x, y = a[var], b[var]
        if x == UNSET:
            result[var] = y
        elif y == UNSET:
            result[var] = x
        else:
            result[var] = join(x, y)
    return result


def _is_literal(value):
    return value is None or isinstance(value, (bool, int, float, str))


def _definition_counts(fn):
    counts = {arg.id: 1 for arg in fn.args.args}
    for node in gast.walk(fn):
        if isinstance(node, gast.Assign) and isinstance(node.targets[0], gast.Name):
            counts[node.targets[0].id] = counts.get(node.targets[0].id, 0) + 1
        elif isinstance(node, gast.For):
            counts[node.target.id] = counts.get(node.target.id, 0) + 1
    return counts


def _stable_names(fn, counts, params):
    """Names bound once, before any branch or loop: defined wherever they are read."""
    stable = {p for p in params if counts.get(p) == 1}
    for stmt in fn.body:
        name = assigned_name(stmt)
        if name is not None and isinstance(stmt.targets[0], gast.Name) and counts.get(name) == 1:
            stable.add(name)
    return stable


def _written_in_place(fn):
    """Names whose arrays are written in place, including names they were copied from."""
    written = set()
    for node in gast.walk(fn):
        if isinstance(node, gast.Assign) and isinstance(node.targets[0], gast.Subscript):
            written.add(node.targets[0].value.id)
    changed = True
    while changed:
        changed = False
        for node in gast.walk(fn):
            if (isinstance(node, gast.Assign) and isinstance(node.targets[0], gast.Name)
                    and node.targets[0].id in written and isinstance(node.value, gast.Name)
                    and node.value.id not in written):
                written.add(node.value.id)
                changed = True
    return written


def _tangent_package():
    import tangent
    return tangent


def bind_positional(function, call, scope, stmt, origin):
    """A call's arguments in the callee's parameter order, defaults filled in.

    A *args parameter gets one tuple and **kwargs one dict (anf.py packed them
    into names): the order in which the callee's positional view takes them.
    """
    name = callee_name(function)
    parameters = inspect.signature(function).parameters.values()
    if hasattr(function, '__tangent__') and not arguments.is_positional(parameters):
        raise error_at(stmt, origin, 'call to a derivative of a function with *args or keywords',
                       'differentiating a derivative of %s inside another function is not '
                       'supported; differentiate the outer function with respect to the '
                       'arguments directly.' % name)
    try:
        bound = arguments.bind(parameters, call.args, call.keywords, name)
    except arguments.BindError as exc:
        raise error_at(stmt, origin, 'call to %s' % name, '%s.' % exc) from None
    positional = []
    for parameter, value in bound.items():
        if isinstance(value, gast.Tuple) and not value.elts:
            value = quoting.constant(())
        elif not isinstance(value, gast.AST):
            value = (quoting.constant(value) if _is_literal(value) else
                     quoting.name(scope.bind('%s_%s_default' % (name, parameter), value)))
        positional.append(value)
    return positional


def is_user_callee(function):
    """Whether a call to `function` is differentiated from its Python source.

    Functions, methods and partials are (through positional.py when needed);
    so are derivatives that tangent generated.
    """
    return (inspect.isfunction(function) or inspect.ismethod(function)
            or isinstance(function, functools.partial) or hasattr(function, '__tangent__'))


def callee_name(function):
    """The name of the function a call runs (through partials and methods)."""
    while isinstance(function, functools.partial):
        function = function.func
    return getattr(function, '__name__', 'callee')


def resolve_callee(call, scope):
    """The object a call calls; `tangent.grad(g)(x)` resolves to the derivative of g."""
    if isinstance(call.func, gast.Call):
        from tangent import api
        inner = call.func
        maker = scope.resolve(inner.func)
        if maker in (api.grad, api.autodiff, api.value_and_grad):
            args = [_static_value(arg, scope) for arg in inner.args]
            keywords = {kw.arg: _static_value(kw.value, scope) for kw in inner.keywords}
            if all(arg is not MISSING for arg in args) and MISSING not in keywords.values():
                return maker(*args, **keywords)
        return MISSING
    return scope.resolve(call.func)


def _static_value(node, scope):
    if isinstance(node, gast.Constant):
        return node.value
    if (isinstance(node, gast.Call) and scope.resolve(node.func) is positional
            and len(node.args) == 1 and not node.keywords):
        target = _static_value(node.args[0], scope)  # tangent.positional(h) in generated code
        return MISSING if target is MISSING else positional(target)
    if isinstance(node, (gast.Tuple, gast.List)):
        values = [_static_value(elt, scope) for elt in node.elts]
        return MISSING if MISSING in values else tuple(values)
    if isinstance(node, (gast.Name, gast.Attribute)) and not scope.is_local_value(node):
        return scope.resolve(node)
    return MISSING


def _mentions_derivative_of(template, param):
    """Whether a template writes or reads d[param] anywhere."""
    for stmt in template.body:
        for node in gast.walk(stmt):
            if (isinstance(node, gast.Subscript) and isinstance(node.value, gast.Name)
                    and node.value.id == 'd' and isinstance(node.slice, gast.Name)
                    and node.slice.id == param):
                return True
    return False
