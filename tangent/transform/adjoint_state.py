"""What the backward pass knows statically about each gradient variable.

UNSET    the gradient has received no contribution on any path: the next
         contribution is a plain assignment, and adjoints reading it are skipped.
SHARED   assigned; the object may be shared with another gradient, so it must
         be copied before it is updated in place.
OWNED    assigned to an object only this variable refers to (a fresh zeros
         array, or the result of an addition): it may be updated in place.
MAYBE    assigned on some paths only; holds `tangent.ZERO` on the others.

Forward mode also tracks which tangents may be *narrow*: smaller than their
primal but equal to its true tangent after broadcasting (`y = x + c` with an
inactive c that may be an array gives dy = dx). Elementwise arithmetic
computes with narrow tangents as they are; anything that reads a tangent's
shape first broadcasts it (see transform/forward.py).
"""
UNSET = 'unset'
SHARED = 'shared'
OWNED = 'owned'
MAYBE = 'maybe'


def join(a, b):
    """The state after two paths meet, assuming neither is UNSET."""
    if a == b:
        return a
    if MAYBE in (a, b) or UNSET in (a, b):
        return MAYBE
    return SHARED


class States:
    """A mapping from primal variable names to the state of their gradient."""

    def __init__(self, states=None, narrow=()):
        self.states = dict(states or {})
        self.narrow = set(narrow)  # forward mode: tangents that may be smaller than their primal

    def __getitem__(self, var):
        return self.states.get(var, UNSET)

    def __setitem__(self, var, state):
        if state == UNSET:
            self.states.pop(var, None)
        else:
            self.states[var] = state

    def copy(self):
        return States(self.states, self.narrow)

    def replace(self, other):
        """Take over another map's states (after a branch or loop merged)."""
        self.states = other.states
        self.narrow = other.narrow

    def names(self):
        return set(self.states)

    def __eq__(self, other):
        return self.states == other.states and self.narrow == other.narrow
