"""Builtins over sequences: sum(xs), max(xs), min(xs).

The front end (anf.py) writes most forms with rules that exist already:

  * sum([a, b, c]) over a list or tuple display is a + b + c (start + a + b + c
    with a start), so each element's gradient is the output's;
  * max(a, b, c) and max([a, b, c]) are max(max(a, b), c), and
  * max(xs) over a list, tuple or array is xs[tangent.max_index(xs)].

Python's max returns the first of equal values, and both forms keep that
choice, so the gradient goes to that one element, as the two-argument rule
(max(a, b) is a unless b > a) sends it to a. numpy.max instead splits the
gradient evenly among tied elements: the two are different functions at a
tie, and each derivative follows its own function. min is the same.

What is left is sum over a sequence only known at run time, below.
"""
import builtins

import numpy

import tangent
from tangent import runtime
from tangent.rules.registry import adjoint, inert_arguments, linear, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative

non_differentiable(runtime.max_index, runtime.min_index)


def _sum_gradient(grad, values):
    """The gradient of sum(values) with respect to values: grad for each element.

    An element that broadcast in the sum gets grad summed back to its shape; the
    rows of an array get grad each.
    """
    if grad is runtime.ZERO:
        return runtime.zeros_like(values)
    if isinstance(values, numpy.ndarray):
        return numpy.zeros(values.shape, dtype=numpy.result_type(values.dtype, grad, 1.0)) + grad
    return [tangent.unbroadcast(grad, item) for item in values]


def _sum_of(parts, values):
    """The sum of one part per element of `values` (their tangents, or cotangents)."""
    if parts is runtime.ZERO or isinstance(parts, (int, float)):
        return parts  # a zero: the derivative of the whole sequence is zero
    if isinstance(values, numpy.ndarray):
        return numpy.sum(parts, axis=0)
    total = 0.0
    for part in parts:
        total = total + part
    return total


@adjoint(builtins.sum)
def sum_(y, iterable, start=0):
    d[iterable] = _sum_gradient(d[y], iterable)
    d[start] = tangent.unbroadcast(d[y], start)


@tangent_of(builtins.sum)
def sum_tangent(y, iterable, start=0):
    d[y] = _sum_of(d[iterable], iterable) + d[start]


# The helpers are linear in their first argument and each is the other's
# adjoint, so derivatives of derivatives work in both modes.
linear(_sum_gradient, 0)
linear(_sum_of, 0)
inert_arguments(_sum_gradient, 1)
inert_arguments(_sum_of, 1)


@tangent_of(_sum_gradient)
def _sum_gradient_tangent(y, grad, values):
    d[y] = _sum_gradient(d[grad], values)


@adjoint(_sum_gradient)
def _sum_gradient_adjoint(y, grad, values):
    d[grad] = tangent.unbroadcast(_sum_of(d[y], values), grad)


@tangent_of(_sum_of)
def _sum_of_tangent(y, parts, values):
    d[y] = _sum_of(d[parts], values)


@adjoint(_sum_of)
def _sum_of_adjoint(y, parts, values):
    d[parts] = _sum_gradient(d[y], values)
