"""tangent: source-to-source automatic differentiation for Python and NumPy."""
from tangent.api import (autodiff, grad, hessian, hvp, jacobian, jvp, source, value_and_grad,
                         vjp)
from tangent.check import GradientCheckError, check_grads
from tangent.errors import TangentError
from tangent.pytree import register_container
from tangent.rules.registry import adjoint, non_differentiable, tangent_of
from tangent.surgery import insert_grad_of, stop_gradient

# Run-time support referenced by generated derivative code (`tangent.unbroadcast`
# and friends appear in the source users read).
from tangent.runtime import (  # noqa: F401
    ZERO, Stack, add_at, add_at_tangent, add_grad, append, broadcast_like, copy, copy_stack,
    dot_adjoint_a, dot_adjoint_b, like, materialize, matmul_adjoint_a, matmul_adjoint_b, owned, pop,
    push, reduced_count, require_scalar, select_adjoint, select_adjoint_transpose, select_tangent,
    split_like, structure_like, sum_like, tangents_like, transpose_adjoint, unbroadcast, unreduce,
    unstack, zeros_like)
from tangent.runtime import add_field, field_of, part, record_tangent  # noqa: F401  (records)
from tangent.runtime import conj, conj_for, real_for  # noqa: F401  (complex values)
from tangent.runtime import max_index, min_index  # noqa: F401  (builtin max and min)
from tangent.positional import positional  # noqa: F401  (callees with *args, partials, methods)

__all__ = ['grad', 'value_and_grad', 'autodiff', 'vjp', 'jvp', 'jacobian', 'hessian', 'hvp',
           'source', 'adjoint', 'tangent_of', 'non_differentiable', 'insert_grad_of',
           'stop_gradient', 'register_container', 'check_grads', 'GradientCheckError', 'TangentError']
__version__ = '0.1.0'
