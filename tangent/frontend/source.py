"""Getting a function's source as a gast tree whose line numbers match the user's file."""
import dataclasses
import functools
import inspect
import linecache
import textwrap

import gast

from tangent import quoting

from tangent.errors import TangentError


@dataclasses.dataclass
class Origin:
    """Where a function came from: used to point errors at the user's code."""

    filename: str
    first_line: int
    name: str


def unwrap(func):
    """The plain Python function behind decorators that tangent understands."""
    while True:
        if isinstance(func, functools.partial):
            raise TangentError('functools.partial objects are not supported as the function to '
                               'differentiate; wrap the call in a def instead.')
        inner = getattr(func, '__wrapped__', None)
        if inner is None or not callable(inner):
            return func
        func = inner


def parse_function(func):
    """Parse `func` into a gast FunctionDef with file line numbers, decorators removed."""
    code = getattr(func, '__code__', None)
    if code is None:
        raise TangentError('tangent can only differentiate Python functions, got %r' % (func,))
    generated = getattr(func, '__tangent_ast__', None)
    if generated is not None:
        return quoting.clone(generated), Origin(code.co_filename, code.co_firstlineno, func.__name__)
    try:
        lines, first_line = inspect.getsourcelines(func)
    except (OSError, TypeError) as exc:
        raise TangentError(
            'tangent could not read the source of %s (%s). Functions typed at a bare '
            'REPL or run with `python -c` have no source; define the function in a file, '
            'an IPython/Jupyter cell, or exec() it with a filename registered in linecache.'
            % (func.__qualname__, exc)) from None
    if func.__name__ == '<lambda>':
        return _parse_lambda(func, code)
    source = textwrap.dedent(''.join(lines))
    try:
        module = gast.parse(source)
    except SyntaxError:
        module = None
    node = module.body[0] if module is not None and module.body else None
    if isinstance(node, gast.AsyncFunctionDef) and node.name == func.__name__:
        raise TangentError('async def cannot be differentiated: async code has no derivative; make '
                           'it an ordinary def.', code.co_filename, first_line, None, 'async def')
    if not isinstance(node, gast.FunctionDef) or node.name != func.__name__:
        # linecache held other text under this file name (`<string>` is reused by
        # exec and by tools): never differentiate source that is not f's own.
        raise TangentError(
            'tangent could not find the source of %s: %s:%d does not hold its definition. '
            'Functions created by exec() or typed at a bare REPL have no source; define it in a '
            'file or a notebook cell, or exec() it with a unique filename registered in linecache.'
            % (func.__qualname__, code.co_filename, first_line))
    for child in gast.walk(node):
        if hasattr(child, 'lineno'):
            child.lineno += first_line - 1
            if getattr(child, 'end_lineno', None) is not None:
                child.end_lineno += first_line - 1
    _reindent_columns(node, lines)
    node.decorator_list = []
    return node, Origin(code.co_filename, first_line, func.__name__)


def _reindent_columns(node, lines):
    """Dedenting shifted column offsets; shift them back so carets line up."""
    first = lines[0]
    indent = len(first) - len(first.lstrip())
    if not indent:
        return
    for child in gast.walk(node):
        if hasattr(child, 'col_offset'):
            child.col_offset += indent


def _parse_lambda(func, code):
    """A lambda as a FunctionDef, found in the lines where it was written.

    The source line of a lambda is usually part of a bigger statement
    (`df = tangent.grad(lambda x: x * x)`), so spans starting at its first line
    are parsed, trimmed at the end until they parse, and the lambda whose
    parameters match the code object is taken.
    """
    lines = linecache.getlines(code.co_filename)
    first = code.co_firstlineno
    params = list(code.co_varnames[:code.co_argcount])
    for span in range(1, 8):
        text = textwrap.dedent(''.join(lines[first - 1:first - 1 + span])).rstrip()
        for trim in range(min(len(text), 80)):
            candidate = text[:len(text) - trim]
            try:
                tree = gast.parse(candidate)
            except SyntaxError:
                continue
            found = [node for node in gast.walk(tree) if isinstance(node, gast.Lambda)
                     and node.lineno == 1 and [arg.id for arg in node.args.args] == params]
            if len({quoting.to_source(node) for node in found}) == 1:
                return _lambda_function(found[0], first, code.co_filename)
            break
    raise TangentError('tangent could not find the source of this lambda at %s:%d; write it as a '
                       'def.' % (code.co_filename, first))


def _lambda_function(node, first_line, filename):
    for child in gast.walk(node):
        if hasattr(child, 'lineno'):
            child.lineno += first_line - 1
    name = 'lambda_%d' % first_line
    function = gast.FunctionDef(name=name, args=node.args, body=[gast.Return(value=node.body)],
                                decorator_list=[], returns=None, type_comment=None, type_params=[])
    function.lineno, function.col_offset = first_line, 0
    return function, Origin(filename, first_line, name)