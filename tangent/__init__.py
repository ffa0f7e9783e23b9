"""tangent: source-to-source automatic differentiation for Python and NumPy."""
from tangent.api import autodiff, grad, hessian, hvp, jacobian, jvp, source, value_and_grad, vjp
from tangent.errors import TangentError
from tangent.rules.registry import adjoint, non_differentiable, tangent_of
from tangent.surgery import insert_grad_of, stop_gradient

# Run-time support referenced by generated derivative code.
from tangent.runtime import (  # noqa: F401
    ZERO, Stack, add_at, add_grad, append, copy, dot_adjoint_a, dot_adjoint_b, like, materialize,
    matmul_adjoint_a, matmul_adjoint_b, owned, reduced_count, require_scalar, select_adjoint, split_like,
    transpose_adjoint, unbroadcast, unreduce, unstack, zeros_like, select_tangent, tangents_like,
    broadcast_like, push, pop, add_at_tangent, sum_like, select_adjoint_transpose, copy_stack)

__all__ = ['grad', 'value_and_grad', 'autodiff', 'vjp', 'jvp', 'jacobian', 'hessian', 'hvp', 'source', 'adjoint', 'tangent_of', 'non_differentiable',
           'insert_grad_of', 'stop_gradient', 'TangentError']
__version__ = '0.1.0'
