"""Functions whose outputs carry no derivative, declared in one table.

Piecewise-constant functions (floor, sign, argmax), shapes and sizes,
constructors of constants, comparisons, logical operations and random draws:
their results do not depend differentiably on their inputs, so no derivative
code is emitted for them, and activity analysis stops at them. The templates
of differentiable functions live in the *_rules modules beside this one, one
module per family.

numpy.full and numpy.full_like are not here: with constant arguments they
generate no derivative code anyway, and their fill value does carry a
derivative when it varies (shape_rules gives them templates).

Random draws are treated as constants: tangent does not differentiate through
the sampling (`numpy.random.normal(mu, 1.0)` has no derivative in mu). The
methods of numpy.random.Generator are listed as the class's functions; a call
`rng.normal(...)` on a Generator held in a variable is not resolved to them.
"""
import builtins
import math

import numpy

import tangent
from tangent import surgery
from tangent.rules.registry import non_differentiable

_generator = numpy.random.Generator

non_differentiable(
    # tangent's own markers and helpers
    surgery.stop_gradient, tangent.zeros_like, tangent.Stack,
    # Python builtins that return integers, booleans, or nothing
    builtins.len, builtins.range, builtins.int, builtins.bool, builtins.round, builtins.isinstance,
    builtins.print,
    # math: rounding and classification
    math.floor, math.ceil, math.trunc, math.isnan, math.isinf, math.isfinite,
    # rounding and sign: piecewise constant
    numpy.floor, numpy.ceil, numpy.round, numpy.around, numpy.rint, numpy.trunc, numpy.fix,
    numpy.sign, numpy.signbit, numpy.floor_divide, numpy.heaviside,
    # classification
    numpy.isnan, numpy.isinf, numpy.isfinite, numpy.isneginf, numpy.isposinf, numpy.iscomplexobj,
    numpy.isrealobj, numpy.iscomplex, numpy.isreal,
    # comparisons
    numpy.equal, numpy.not_equal, numpy.less, numpy.less_equal, numpy.greater,
    numpy.greater_equal, numpy.isclose, numpy.allclose, numpy.array_equal, numpy.array_equiv,
    # logical and bitwise operations
    numpy.logical_and, numpy.logical_or, numpy.logical_not, numpy.logical_xor, numpy.all,
    numpy.any, numpy.bitwise_and, numpy.bitwise_or, numpy.bitwise_xor, numpy.invert,
    # indices and counts
    numpy.argmax, numpy.argmin, numpy.argsort, numpy.nonzero, numpy.flatnonzero,
    numpy.argwhere, numpy.count_nonzero, numpy.searchsorted,
    # shapes and sizes
    numpy.shape, numpy.ndim, numpy.size,
    # constant arrays
    numpy.zeros, numpy.ones, numpy.empty, numpy.zeros_like, numpy.ones_like, numpy.empty_like,
    numpy.arange, numpy.linspace, numpy.eye, numpy.identity,
    # random draws: the legacy module-level functions ...
    numpy.random.rand, numpy.random.randn, numpy.random.random, numpy.random.random_sample,
    numpy.random.standard_normal, numpy.random.normal, numpy.random.uniform,
    numpy.random.randint, numpy.random.choice, numpy.random.permutation, numpy.random.shuffle,
    numpy.random.seed, numpy.random.exponential, numpy.random.poisson, numpy.random.binomial,
    numpy.random.beta, numpy.random.gamma, numpy.random.lognormal, numpy.random.laplace,
    numpy.random.multivariate_normal,
    # ... and numpy.random.Generator (default_rng builds one)
    numpy.random.default_rng, _generator.random, _generator.standard_normal, _generator.normal,
    _generator.uniform, _generator.integers, _generator.choice, _generator.permutation,
    _generator.permuted, _generator.shuffle, _generator.exponential, _generator.poisson,
    _generator.binomial, _generator.beta, _generator.gamma, _generator.lognormal,
    _generator.laplace, _generator.multivariate_normal,
)
