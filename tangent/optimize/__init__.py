"""Optimisation of generated derivative code, run to a fixed point."""
from tangent.optimize import dce, fold, propagate


def optimize(function, scope, protected=frozenset()):
    """Simplify a generated FunctionDef in place and return it.

    protected: names whose in-place writes must stay (user arrays).
    Each pass reports whether it changed anything; stop when none did.
    """
    for _ in range(12):
        changed = fold.fold(function, scope)
        changed |= propagate.propagate(function, scope)
        changed |= dce.eliminate_dead_code(function, scope, protected)
        if not changed:
            break
    return function
