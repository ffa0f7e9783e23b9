"""Linear algebra: products, decompositions and solves (adjoint and tangent)."""
import numpy

import tangent
from tangent.rules.registry import adjoint, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative


@adjoint(numpy.dot)
def dot(y, a, b):
    d[a] = tangent.dot_adjoint_a(d[y], a, b)
    d[b] = tangent.dot_adjoint_b(d[y], a, b)


@tangent_of(numpy.dot)
def dot_tangent(y, a, b):
    d[y] = numpy.dot(d[a], b) + numpy.dot(a, d[b])


@adjoint(numpy.matmul)
def matmul(y, a, b):
    d[a] = tangent.matmul_adjoint_a(d[y], a, b)
    d[b] = tangent.matmul_adjoint_b(d[y], a, b)


@tangent_of(numpy.matmul)
def matmul_tangent(y, a, b):
    d[y] = numpy.matmul(d[a], b) + numpy.matmul(a, d[b])
