"""Resolving the names a function uses to the Python objects they denote."""
import builtins
import types

import gast

_MISSING = object()


class Scope:
    """What the names in a function body refer to at transformation time.

    Local names (parameters and anything assigned in the body) are values that
    only exist at run time; every other name is looked up in the closure, the
    function's globals and the builtins, and attribute chains such as
    `np.linalg.norm` are followed to the object they end at.
    """

    def __init__(self, func, node):
        self.func = func
        self.globals = getattr(func, '__globals__', {})
        code = func.__code__
        cells = func.__closure__ or ()
        self.closure = {}
        for name, cell in zip(code.co_freevars, cells):
            try:
                self.closure[name] = cell.cell_contents
            except ValueError:  # an empty cell: the variable is not bound yet
                pass
        self.locals = local_names(node)
        # Objects the generated code needs beyond the user's names (numpy, tangent).
        self.extra = {}
        # Every non-local name the generated code refers to; temporaries avoid them.
        self.reserved = set()

    def lookup(self, name):
        """The object bound to a non-local name, or _MISSING."""
        if name in self.locals:
            return _MISSING
        if name in self.extra:
            return self.extra[name]
        if name in self.closure:
            return self.closure[name]
        if name in self.globals:
            return self.globals[name]
        return getattr(builtins, name, _MISSING)

    def bind(self, preferred, obj):
        """A name under which generated code can refer to `obj`."""
        if isinstance(obj, types.ModuleType):
            alias = self._module_alias(obj)
            if alias is not None:
                self.reserved.add(alias)
                return alias
        name = preferred
        while True:
            found = self.lookup(name) if name not in self.locals else _MISSING
            if found is obj:
                self.reserved.add(name)
                return name
            if found is _MISSING and name not in self.locals:
                self.extra[name] = obj
                self.reserved.add(name)
                return name
            name += '_'

    def _module_alias(self, module):
        """The user's own name for a module (`np` for numpy), if it has one."""
        for name, value in self.globals.items():
            if value is module and name not in self.locals and not name.startswith('_'):
                return name
        return None

    def resolve(self, node):
        """The object an expression of names and attributes denotes, or _MISSING."""
        if isinstance(node, gast.Name):
            return self.lookup(node.id)
        if isinstance(node, gast.Attribute):
            owner = self.resolve(node.value)
            if owner is _MISSING:
                return _MISSING
            return getattr(owner, node.attr, _MISSING)
        return _MISSING

    def is_local_value(self, node):
        """Whether an attribute chain starts at a run-time value (a local or computed one)."""
        while isinstance(node, gast.Attribute):
            node = node.value
        if isinstance(node, gast.Name):
            return node.id in self.locals
        return True


def local_names(node):
    """Parameters and every name stored to anywhere in a function body."""
    names = set()
    for child in gast.walk(node):
        if isinstance(child, gast.Name) and isinstance(child.ctx, (gast.Store, gast.Param, gast.Del)):
            names.add(child.id)
    return names


MISSING = _MISSING
