"""Errors raised at transformation time, pointing at the user's own source."""
import linecache


class TangentError(Exception):
    """A construct tangent cannot differentiate, reported with file, line and a fix."""

    def __init__(self, message, filename=None, lineno=None, col=None, construct=None):
        self.filename = filename
        self.lineno = lineno
        self.col = col
        self.construct = construct
        self.reason = message
        super().__init__(_format(message, filename, lineno, col, construct))


def _format(message, filename, lineno, col, construct):
    if filename is None or lineno is None:
        return message
    lines = ['%s:%d: %s' % (filename, lineno, construct or 'error')]
    text = linecache.getline(filename, lineno)
    if text:
        stripped = text.rstrip('\n')
        lines.append('    ' + stripped)
        if col is not None:
            lines.append('    ' + ' ' * col + '^')
    lines.append(message)
    return '\n'.join(lines)


def error_at(node, origin, construct, message):
    """Build a TangentError for `node` of the function described by `origin`."""
    lineno = getattr(node, 'lineno', None)
    col = getattr(node, 'col_offset', None)
    if origin is not None and lineno is not None:
        return TangentError(message, origin.filename, lineno, col, construct)
    return TangentError('%s: %s' % (construct, message), construct=construct)
