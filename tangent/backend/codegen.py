"""From a generated tree to a live Python function whose source can be read.

The generated function's globals are the user's module globals, so a global
the user rebinds later is seen by the derivative exactly as by the function.
Names the derivative needs beyond the user's (numpy, tangent, defaults) and the
user's own closure variables reach it through closure cells: the user's cells
are shared, never copied. The source is registered with linecache so that
tracebacks, pdb and inspect.getsource show the generated lines.
"""
import ast
import itertools
import linecache
import re
import textwrap
import types

import gast

from tangent import quoting
from tangent.transform.base import COMMENT

_COUNTER = itertools.count()
_COMMENT_LINE = re.compile(r'^(\s*)%s\((.*)\)$' % COMMENT)


def render(function):
    """Readable source for a generated FunctionDef, comments restored."""
    lines = []
    for line in quoting.to_source(function).splitlines():
        match = _COMMENT_LINE.match(line)
        if match:
            line = '%s# %s' % (match.group(1), ast.literal_eval(match.group(2)))
        lines.append(line)
    return '\n'.join(lines) + '\n'


def compile_function(function, scope, origin, defaults=()):
    """Compile a generated FunctionDef into a function; returns (function, source)."""
    source = render(function)
    free = sorted(_free_names(function) - set(_builtin_names()) | _cell_names(function, scope))
    cells = {}
    for name in free:
        if name in scope.closure and name in _user_cells(scope):
            cells[name] = _user_cells(scope)[name]
        elif name in scope.extra:
            cells[name] = types.CellType(scope.extra[name])
        elif name in scope.closure:
            cells[name] = types.CellType(scope.closure[name])
    factory_params = sorted(cells)
    factory = 'def __tangent_factory__(%s):\n%s    return %s\n' % (
        ', '.join(factory_params), textwrap.indent(source, '    '), function.name)
    filename = '<tangent %s #%d from %s:%d>' % (function.name, next(_COUNTER), origin.filename,
                                                origin.first_line)
    linecache.cache[filename] = (len(factory), None, factory.splitlines(True), filename)
    code = compile(factory, filename, 'exec')
    factory_code = next(const for const in code.co_consts if isinstance(const, types.CodeType))
    inner = next(const for const in factory_code.co_consts
                 if isinstance(const, types.CodeType) and const.co_name == function.name)
    closure = tuple(cells[name] for name in inner.co_freevars)
    result = types.FunctionType(inner, scope.globals, function.name, tuple(defaults) or None, closure)
    result.__qualname__ = function.name
    # The tree keeps what the source cannot say (which push matches which pop):
    # differentiating this function again starts from it.
    result.__tangent_ast__ = quoting.clone(function)
    return result, source


def _user_cells(scope):
    func = scope.func
    return dict(zip(func.__code__.co_freevars, func.__closure__ or ()))


def _free_names(function):
    loaded, stored = set(), set()
    for node in gast.walk(function):
        if isinstance(node, gast.Name):
            (loaded if isinstance(node.ctx, gast.Load) else stored).add(node.id)
    return loaded - stored


def _cell_names(function, scope):
    """Free names that must come from cells rather than the module's globals."""
    return {name for name in _free_names(function) if name in scope.extra or name in scope.closure}


def _builtin_names():
    import builtins
    return dir(builtins)
