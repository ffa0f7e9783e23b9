"""NumPy reductions of arrays called as array methods: `np.sum(e, axis=1)` -> `e.sum(axis=1)`.

For an exact `numpy.ndarray`, `numpy.sum(a, axis, keepdims=...)` and
`a.sum(axis=..., keepdims=...)` run the same reduction and return the same
value; the function form first goes through NumPy's Python-level dispatch
(`_wrapreduction`, about 0.8 µs a call). The optimiser knows which names are
arrays (the derivative is specialised to its arguments' types and shapes), so
where the reduced operand is known to be an array, the call is written as the
method, in the user's lines as in the derivative's.
"""
import gast
import numpy

from tangent.analysis import kinds as kinds_module
from tangent.frontend.resolve import MISSING
from tangent.optimize import walk

# function -> (method name, keywords the method takes as the function does)
_REDUCTIONS = {
    numpy.sum: ('sum', ('axis', 'dtype', 'keepdims')),
    numpy.prod: ('prod', ('axis', 'dtype', 'keepdims')),
    numpy.mean: ('mean', ('axis', 'dtype', 'keepdims')),
    numpy.max: ('max', ('axis', 'keepdims')),
    numpy.min: ('min', ('axis', 'keepdims')),
    numpy.amax: ('max', ('axis', 'keepdims')),
    numpy.amin: ('min', ('axis', 'keepdims')),
    numpy.all: ('all', ('axis', 'keepdims')),
    numpy.any: ('any', ('axis', 'keepdims')),
}


def reductions_as_methods(function, scope, facts):
    """Rewrite in place; returns whether anything changed."""
    if facts is None:
        return False
    return walk.substitute(function, lambda node: _as_method(node, scope, facts))


def _as_method(node, scope, facts):
    if not (isinstance(node, gast.Call) and isinstance(node.func, (gast.Name, gast.Attribute))
            and 1 <= len(node.args) <= 2):
        return None
    function = scope.resolve(node.func)
    if function is MISSING:
        return None
    try:
        entry = _REDUCTIONS.get(function)
    except TypeError:  # an unhashable callee
        return None
    if entry is None:
        return None
    name, accepted = entry
    if any(keyword.arg not in accepted for keyword in node.keywords):
        return None
    operand = node.args[0]
    if facts.value(operand)[0] != kinds_module.ARRAY:
        return None
    keywords = list(node.keywords)
    if len(node.args) == 2:
        if any(keyword.arg == 'axis' for keyword in keywords):
            return None
        keywords.insert(0, gast.keyword(arg='axis', value=node.args[1]))
    return gast.Call(func=gast.Attribute(value=operand, attr=name, ctx=gast.Load()), args=[],
                     keywords=keywords)
