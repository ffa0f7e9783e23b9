"""Adjoint templates for Python's operators.

`d[x] = e` adds e to the gradient of x. `tangent.unbroadcast(g, x)` sums g
back to x's shape; the engine drops it when shapes provably match.
"""
import gast
import numpy

import tangent
from tangent.rules.registry import adjoint, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative


@adjoint(gast.Add)
def add(y, a, b):
    d[a] = tangent.unbroadcast(d[y], a)
    d[b] = tangent.unbroadcast(d[y], b)


@adjoint(gast.Sub)
def subtract(y, a, b):
    d[a] = tangent.unbroadcast(d[y], a)
    d[b] = tangent.unbroadcast(-d[y], b)


@adjoint(gast.Mult)
def multiply(y, a, b):
    d[a] = tangent.unbroadcast(d[y] * b, a)
    d[b] = tangent.unbroadcast(d[y] * a, b)


@adjoint(gast.Div)
def divide(y, a, b):
    d[a] = tangent.unbroadcast(d[y] / b, a)
    d[b] = tangent.unbroadcast(-d[y] * a / (b * b), b)


@adjoint(gast.Pow)
def power(y, a, b):
    d[a] = tangent.unbroadcast(d[y] * b * a ** (b - 1), a)
    d[b] = tangent.unbroadcast(d[y] * y * numpy.log(a), b)


@adjoint(gast.MatMult)
def matmul(y, a, b):
    d[a] = tangent.matmul_adjoint_a(d[y], a, b)
    d[b] = tangent.matmul_adjoint_b(d[y], a, b)


@adjoint(gast.Mod)
def modulo(y, a, b):
    d[a] = tangent.unbroadcast(d[y], a)
    d[b] = tangent.unbroadcast(-d[y] * numpy.floor_divide(a, b), b)


@adjoint(gast.USub)
def negative(y, x):
    d[x] = -d[y]


@adjoint(gast.UAdd)
def positive(y, x):
    d[x] = d[y]


non_differentiable(
    gast.FloorDiv, gast.Not, gast.Invert, gast.BitAnd, gast.BitOr, gast.BitXor,
    gast.LShift, gast.RShift, gast.Eq, gast.NotEq, gast.Lt, gast.LtE, gast.Gt, gast.GtE,
    gast.Is, gast.IsNot, gast.In, gast.NotIn, gast.And, gast.Or,
)


# Forward mode: `d[y] = e` gives the tangent of the result. The engine writes a
# zero for the tangent of any input that does not vary and folds it away.


@tangent_of(gast.Add)
def add_tangent(y, a, b):
    d[y] = d[a] + d[b]


@tangent_of(gast.Sub)
def subtract_tangent(y, a, b):
    d[y] = d[a] - d[b]


@tangent_of(gast.Mult)
def multiply_tangent(y, a, b):
    d[y] = d[a] * b + a * d[b]


@tangent_of(gast.Div)
def divide_tangent(y, a, b):
    d[y] = d[a] / b - a * d[b] / (b * b)


@tangent_of(gast.Pow)
def power_tangent(y, a, b):
    d[y] = d[a] * b * a ** (b - 1) + d[b] * y * numpy.log(a)


@tangent_of(gast.MatMult)
def matmul_tangent(y, a, b):
    d[y] = d[a] @ b + a @ d[b]


@tangent_of(gast.Mod)
def modulo_tangent(y, a, b):
    d[y] = d[a] - d[b] * numpy.floor_divide(a, b)


@tangent_of(gast.USub)
def negative_tangent(y, x):
    d[y] = -d[x]


@tangent_of(gast.UAdd)
def positive_tangent(y, x):
    d[y] = d[x]
