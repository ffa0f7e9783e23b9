"""Templates for the run-time helpers that generated code calls.

They make generated code differentiable again: forward mode over a gradient
(Hessian-vector products) sees calls to unbroadcast, unreduce, the matmul
adjoints, ... and needs their tangents. Each helper is linear in the gradient
it transforms, so its tangent is the same helper applied to that gradient's
tangent (plus, for the matmul adjoints, a term for the other operand).
"""
import numpy

import tangent
from tangent import runtime
from tangent.rules.registry import adjoint, inert_arguments, linear, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative


@tangent_of(runtime.unbroadcast)
def unbroadcast_tangent(y, grad, like):
    d[y] = tangent.unbroadcast(d[grad], like)


@tangent_of(runtime.unreduce)
def unreduce_tangent(y, grad, like, axis=None, keepdims=False):
    d[y] = tangent.unreduce(d[grad], like, axis, keepdims)


@tangent_of(runtime.matmul_adjoint_a)
def matmul_adjoint_a_tangent(y, grad, a, b):
    d[y] = tangent.matmul_adjoint_a(d[grad], a, b) + tangent.matmul_adjoint_a(grad, a, d[b])


@tangent_of(runtime.matmul_adjoint_b)
def matmul_adjoint_b_tangent(y, grad, a, b):
    d[y] = tangent.matmul_adjoint_b(d[grad], a, b) + tangent.matmul_adjoint_b(grad, d[a], b)


@tangent_of(runtime.dot_adjoint_a)
def dot_adjoint_a_tangent(y, grad, a, b):
    d[y] = tangent.dot_adjoint_a(d[grad], a, b) + tangent.dot_adjoint_a(grad, a, d[b])


@tangent_of(runtime.dot_adjoint_b)
def dot_adjoint_b_tangent(y, grad, a, b):
    d[y] = tangent.dot_adjoint_b(d[grad], a, b) + tangent.dot_adjoint_b(grad, d[a], b)


@tangent_of(runtime.transpose_adjoint)
def transpose_adjoint_tangent(y, grad, axes=None):
    d[y] = tangent.transpose_adjoint(d[grad], axes)


@tangent_of(runtime.split_like)
def split_like_tangent(y, grad, arrays, axis=0):
    d[y] = tangent.split_like(d[grad], arrays, axis)


@tangent_of(runtime.unstack)
def unstack_tangent(y, grad, axis=0):
    d[y] = tangent.unstack(d[grad], axis)


@tangent_of(runtime.select_adjoint)
def select_adjoint_tangent(y, grad, result, operand, axis=None, keepdims=False):
    d[y] = tangent.select_adjoint(d[grad], result, operand, axis, keepdims)


@tangent_of(runtime.materialize)
def materialize_tangent(y, grad, like):
    d[y] = tangent.materialize(d[grad], like)


@tangent_of(runtime.owned)
def owned_tangent(y, grad, like):
    d[y] = tangent.owned(tangent.materialize(d[grad], like), like)


@tangent_of(runtime.add_grad)
def add_grad_tangent(y, left, right):
    d[y] = tangent.add_grad(d[left], d[right])


@tangent_of(runtime.add_at)
def add_at_tangent(y, grad, index, value):
    d[y] = tangent.add_at_tangent(d[grad], grad, index, d[value])


@tangent_of(runtime.like)
def like_tangent(y, grad, value):
    d[y] = tangent.like(d[grad], value)


non_differentiable(runtime.reduced_count, runtime.require_scalar, runtime.zeros_like)

# Zero in, zero out: the optimiser folds these calls away for a zero tangent.
for _function, _positions in [
        (runtime.unbroadcast, (0,)), (runtime.unreduce, (0,)), (runtime.matmul_adjoint_a, (0, 2)),
        (runtime.matmul_adjoint_b, (0, 1)), (runtime.dot_adjoint_a, (0, 2)),
        (runtime.dot_adjoint_b, (0, 1)), (runtime.transpose_adjoint, (0,)), (runtime.select_adjoint, (0,)),
        (runtime.copy, (0,)), (runtime.like, (0,)), (numpy.sum, (0,)), (numpy.mean, (0,)),
        (numpy.reshape, (0,)), (numpy.transpose, (0,)), (numpy.ravel, (0,)), (numpy.squeeze, (0,)),
        (numpy.expand_dims, (0,)), (numpy.dot, (0, 1)), (numpy.matmul, (0, 1)),
        (numpy.multiply, (0, 1)), (numpy.negative, (0,)), (numpy.copy, (0,))]:
    linear(_function, *_positions)

# Arguments read only for their shape: no derivative flows through them.
for _function, _positions in [
        (runtime.unbroadcast, (1,)), (runtime.unreduce, (1,)), (runtime.matmul_adjoint_a, (1,)),
        (runtime.matmul_adjoint_b, (2,)), (runtime.dot_adjoint_a, (1,)), (runtime.dot_adjoint_b, (2,)),
        (runtime.split_like, (1,)), (runtime.select_adjoint, (1, 2)), (runtime.materialize, (1,)),
        (runtime.owned, (1,)), (runtime.like, (1,)), (runtime.broadcast_like, (1,)),
        (runtime.structure_like, (1,))]:
    inert_arguments(_function, *_positions)


# Reverse mode over generated code: adjoints of the helpers. Each helper is
# linear in its gradient argument, so its adjoint is the transposed operation.


@adjoint(runtime.unbroadcast)
def unbroadcast_adjoint(y, grad, like):
    d[grad] = tangent.broadcast_like(d[y], grad)


@adjoint(runtime.unreduce)
def unreduce_adjoint(y, grad, like, axis=None, keepdims=False):
    d[grad] = tangent.sum_like(d[y], grad, axis, keepdims)


@adjoint(runtime.matmul_adjoint_a)
def matmul_adjoint_a_adjoint(y, grad, a, b):
    d[grad] = numpy.matmul(d[y], b)
    d[b] = tangent.matmul_adjoint_b(grad, d[y], b)


@adjoint(runtime.matmul_adjoint_b)
def matmul_adjoint_b_adjoint(y, grad, a, b):
    d[grad] = numpy.matmul(a, d[y])
    d[a] = tangent.matmul_adjoint_a(grad, a, d[y])


@adjoint(runtime.dot_adjoint_a)
def dot_adjoint_a_adjoint(y, grad, a, b):
    d[grad] = numpy.dot(d[y], b)
    d[b] = tangent.dot_adjoint_b(grad, d[y], b)


@adjoint(runtime.dot_adjoint_b)
def dot_adjoint_b_adjoint(y, grad, a, b):
    d[grad] = numpy.dot(a, d[y])
    d[a] = tangent.dot_adjoint_a(grad, a, d[y])


@adjoint(runtime.transpose_adjoint)
def transpose_adjoint_adjoint(y, grad, axes=None):
    d[grad] = numpy.transpose(d[y], axes)


@adjoint(runtime.split_like)
def split_like_adjoint(y, grad, arrays, axis=0):
    d[grad] = numpy.concatenate(tangent.tangents_like(d[y], y), axis)


@adjoint(runtime.unstack)
def unstack_adjoint(y, grad, axis=0):
    d[grad] = numpy.stack(tangent.tangents_like(d[y], y), axis)


@adjoint(runtime.select_adjoint)
def select_adjoint_adjoint(y, grad, result, operand, axis=None, keepdims=False):
    d[grad] = tangent.select_adjoint_transpose(d[y], result, operand, axis, keepdims)


@adjoint(runtime.materialize)
def materialize_adjoint(y, grad, like):
    d[grad] = d[y]


@adjoint(runtime.owned)
def owned_adjoint(y, grad, like):
    d[grad] = d[y]


@adjoint(runtime.add_grad)
def add_grad_adjoint(y, left, right):
    d[left] = d[y]
    d[right] = d[y]


@adjoint(runtime.add_at)
def add_at_adjoint(y, grad, index, value):
    d[grad] = d[y]
    d[value] = d[y][index]


@adjoint(runtime.like)
def like_adjoint(y, grad, value):
    d[grad] = d[y]


@tangent_of(runtime.structure_like)
def structure_like_tangent(y, grad, value):
    d[y] = tangent.structure_like(d[grad], value)


@adjoint(runtime.structure_like)
def structure_like_adjoint(y, grad, value):
    d[grad] = d[y]


# The helpers forward-mode code calls, so that it can be differentiated again
# (third derivatives, reverse over forward). All are linear in the tangents.


@tangent_of(runtime.broadcast_like)
def broadcast_like_tangent(y, tangent_value, value):
    d[y] = tangent.broadcast_like(d[tangent_value], value)


@adjoint(runtime.broadcast_like)
def broadcast_like_adjoint(y, tangent_value, value):
    d[tangent_value] = tangent.unbroadcast(d[y], tangent_value)


@tangent_of(runtime.select_tangent)
def select_tangent_tangent(y, tangent_value, result, operand, axis=None, keepdims=False):
    d[y] = tangent.select_tangent(d[tangent_value], result, operand, axis, keepdims)


@adjoint(runtime.select_tangent)
def select_tangent_adjoint(y, tangent_value, result, operand, axis=None, keepdims=False):
    d[tangent_value] = tangent.select_adjoint(d[y], result, operand, axis, keepdims)


@tangent_of(runtime.tangents_like)
def tangents_like_tangent(y, tangent_value, values):
    d[y] = tangent.tangents_like(d[tangent_value], values)


@adjoint(runtime.tangents_like)
def tangents_like_adjoint(y, tangent_value, values):
    d[tangent_value] = d[y]


@tangent_of(runtime.sum_like)
def sum_like_tangent(y, grad, like, axis=None, keepdims=False):
    d[y] = tangent.sum_like(d[grad], like, axis, keepdims)


@adjoint(runtime.sum_like)
def sum_like_adjoint(y, grad, like, axis=None, keepdims=False):
    d[grad] = tangent.unreduce(d[y], grad, axis, keepdims)


@tangent_of(runtime.select_adjoint_transpose)
def select_adjoint_transpose_tangent(y, grad, result, operand, axis=None, keepdims=False):
    d[y] = tangent.select_adjoint_transpose(d[grad], result, operand, axis, keepdims)


@adjoint(runtime.select_adjoint_transpose)
def select_adjoint_transpose_adjoint(y, grad, result, operand, axis=None, keepdims=False):
    d[grad] = tangent.select_adjoint(d[y], result, operand, axis, keepdims)


@tangent_of(runtime.add_at_tangent)
def add_at_tangent_tangent(y, tangent_value, grad, index, value_tangent):
    d[y] = tangent.add_at_tangent(d[tangent_value], grad, index, d[value_tangent])


@adjoint(runtime.add_at_tangent)
def add_at_tangent_adjoint(y, tangent_value, grad, index, value_tangent):
    d[tangent_value] = d[y]
    d[value_tangent] = d[y][index]


for _function, _positions in [
        (runtime.broadcast_like, (0,)), (runtime.select_tangent, (0,)), (runtime.sum_like, (0,)),
        (runtime.select_adjoint_transpose, (0,))]:
    linear(_function, *_positions)
for _function, _positions in [
        (runtime.select_tangent, (1, 2)), (runtime.tangents_like, (1,)), (runtime.sum_like, (1,)),
        (runtime.select_adjoint_transpose, (1, 2)), (runtime.add_at_tangent, (1,))]:
    inert_arguments(_function, *_positions)


# Complex values in reverse mode: each helper is real-linear in the gradient it
# takes (conjugation, or the real part), and its own adjoint.

@adjoint(runtime.conj)
def conj_adjoint(y, value):
    d[value] = tangent.conj(d[y])


@tangent_of(runtime.conj)
def conj_tangent(y, value):
    d[y] = tangent.conj(d[value])


@adjoint(runtime.conj_for)
def conj_for_adjoint(y, grad, value, result):
    d[grad] = tangent.conj_for(d[y], value, result)


@tangent_of(runtime.conj_for)
def conj_for_tangent(y, grad, value, result):
    d[y] = tangent.conj_for(d[grad], value, result)


@adjoint(runtime.real_for)
def real_for_adjoint(y, grad, value):
    d[grad] = tangent.real_for(d[y], value)


@tangent_of(runtime.real_for)
def real_for_tangent(y, grad, value):
    d[y] = tangent.real_for(d[grad], value)


inert_arguments(runtime.conj_for, 1, 2)
inert_arguments(runtime.real_for, 1)


# Records (tangent/pytree.py): add_field adds a field's gradient into a record's
# gradient, field_of reads it back; both are linear in the gradients.

@tangent_of(runtime.add_field)
def add_field_tangent(y, grad, value, name, field_grad):
    d[y] = tangent.add_field(d[grad], value, name, d[field_grad])


@adjoint(runtime.add_field)
def add_field_adjoint(y, grad, value, name, field_grad):
    d[grad] = d[y]
    d[field_grad] = tangent.field_of(d[y], value, name)


@tangent_of(runtime.field_of)
def field_of_tangent(y, grad, value, name):
    d[y] = tangent.field_of(d[grad], value, name)


@adjoint(runtime.field_of)
def field_of_adjoint(y, grad, value, name):
    d[grad] = tangent.add_field(tangent.ZERO, value, name, d[y])


@tangent_of(runtime.part)
def part_tangent(y, grad, key, like):
    d[y] = tangent.part(d[grad], key, like)


inert_arguments(runtime.add_field, 1, 2)
inert_arguments(runtime.field_of, 1, 2)
inert_arguments(runtime.part, 1, 2)
