"""Test helpers about source files: finding a line, loading generated programs."""
import importlib.util
import inspect
import itertools
import os
import sys

_counter = itertools.count()


def line_of(func, text):
    """The file line of the first source line of func containing text."""
    lines, first = inspect.getsourcelines(func)
    for offset, line in enumerate(lines):
        if text in line:
            return first + offset
    raise AssertionError('%r not in %s' % (text, func.__name__))


def load_module(directory, source, prefix):
    """Write `source` to a fresh file in `directory` and import it (so that
    inspect.getsource works on its functions, as it does for user code)."""
    name = '%s_%d_%d' % (prefix, os.getpid(), next(_counter))
    path = os.path.join(str(directory), name + '.py')
    with open(path, 'w') as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def assert_error_names(error, filename, func, text, construct):
    """A TangentError names the user's file, the line holding `text` and the construct."""
    message = str(error)
    assert error.filename == filename
    assert error.lineno == line_of(func, text)
    assert construct in message
    assert '%s:%d' % (filename, error.lineno) in message
    return message
