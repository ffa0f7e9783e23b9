"""Optimisation of generated derivative code, run to a fixed point."""
from tangent import quoting
from tangent.optimize import dce, fold, propagate


def optimize(function, scope, protected=frozenset()):
    """Simplify a generated FunctionDef in place and return it.

    protected: names whose in-place writes must stay (user arrays).
    """
    previous = None
    for _ in range(12):
        fold.fold(function, scope)
        propagate.propagate(function, scope)
        dce.eliminate_dead_code(function, scope, protected)
        current = quoting.to_source(function)
        if current == previous:
            break
        previous = current
    return function
