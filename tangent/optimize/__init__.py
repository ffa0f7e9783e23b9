"""Optimisation of generated derivative code, run to a fixed point."""
from tangent.optimize import dce, fold, loops, methods, propagate, spread, zeros


def optimize(function, scope, protected=frozenset(), facts=None):
    """Simplify a generated FunctionDef in place and return it.

    protected: names whose in-place writes must stay (user arrays). facts: a
    kinds.ShapeFacts with the kinds and shapes of variables, or None.
    Each pass reports whether it changed anything; stop when none did.
    """
    if facts is not None:
        facts.cover(function)
    for _ in range(12):
        changed = fold.fold(function, scope, facts)
        changed |= spread.spread_reductions(function, scope, facts)
        changed |= propagate.propagate(function, scope, facts)
        changed |= dce.eliminate_dead_code(function, scope, protected)
        if not changed:
            break
    # Rewrites that change no value and enable no other: once, at the end.
    if loops.restore_element_loops(function, scope):  # (once propagation inlined `c = coeffs[i]`)
        dce.eliminate_dead_code(function, scope, protected)  # (`n = len(coeffs)` may be unused now)
    methods.reductions_as_methods(function, scope, facts)
    zeros.assign_first_writes(function, scope, facts)
    return function
