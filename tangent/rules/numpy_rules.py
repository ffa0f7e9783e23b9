"""Functions whose outputs carry no derivative, declared in one table.

Piecewise-constant functions (floor, sign, argmax), shapes and sizes,
constructors of constants, comparisons and random draws: their results do
not depend differentiably on their inputs, so no derivative code is emitted
for them. The templates of differentiable functions live in the *_rules
modules beside this one, one module per family.
"""
import builtins
import math

import numpy

import tangent
from tangent import surgery
from tangent.rules.registry import non_differentiable

# Functions whose outputs carry no derivative.

non_differentiable(
    surgery.stop_gradient, builtins.len, builtins.range, builtins.int, builtins.bool,
    builtins.round, builtins.isinstance, builtins.print,
    numpy.shape, numpy.ndim, numpy.size, numpy.argmax, numpy.argmin, numpy.argsort,
    numpy.floor, numpy.ceil, numpy.round, numpy.rint, numpy.trunc, numpy.sign,
    numpy.isnan, numpy.isinf, numpy.isfinite, numpy.zeros, numpy.ones, numpy.empty,
    numpy.zeros_like, numpy.ones_like, numpy.empty_like, numpy.arange, numpy.linspace,
    numpy.eye, numpy.identity, numpy.floor_divide, numpy.equal, numpy.not_equal,
    numpy.less, numpy.less_equal, numpy.greater, numpy.greater_equal, numpy.logical_and,
    numpy.logical_or, numpy.logical_not, numpy.all, numpy.any, numpy.nonzero,
    numpy.random.rand, numpy.random.randn, numpy.random.normal, numpy.random.uniform,
    numpy.random.randint, numpy.random.default_rng, math.floor, math.ceil,
    tangent.zeros_like, tangent.Stack,
)
