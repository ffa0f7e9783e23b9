"""Gradient surgery: user code that runs on, or blocks, a value's gradient."""
from tangent import runtime


class insert_grad_of:
    """`with tangent.insert_grad_of(x) as dx:` runs its body in the backward pass.

    In the derivative, the body sees `dx`, the gradient of `x` accumulated so far
    at that point of the backward pass, and may replace it (clipping, logging,
    scaling). Called without differentiation, the body runs once on a zero
    gradient and changes nothing the function computes.
    """

    def __init__(self, value):
        self.value = value

    def __enter__(self):
        return runtime.zeros_like(self.value)

    def __exit__(self, *exc_info):
        return False


def stop_gradient(value):
    """Return `value` unchanged; no gradient flows back through it."""
    return value
