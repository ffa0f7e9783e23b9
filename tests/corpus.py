"""A corpus of small differentiable functions written like ordinary NumPy code.

Every function is a plain module-level ``def`` returning a scalar.  Each one
is registered in ``CASES`` together with a ``make_args(rng)`` that builds its
arguments (float64 values in ranges where the function is smooth: branch
conditions, kinks of abs/maximum/minimum and loop exit conditions are kept
well away from the sampled points by construction) and the positions to
differentiate with respect to.
"""
from dataclasses import dataclass
from typing import Callable, Tuple

import numpy as np
import numpy
from numpy import sin, exp


@dataclass
class Case:
    name: str
    func: Callable
    make_args: Callable
    wrt: Tuple[int, ...] = (0,)
    rtol: float = 1e-5
    atol: float = 1e-7


# ---------------------------------------------------------------------------
# argument builders
# ---------------------------------------------------------------------------

def _f(rng, lo, hi):
    """A Python float drawn uniformly from [lo, hi)."""
    return float(rng.uniform(lo, hi))


def _a(rng, lo, hi, *shape):
    """A float64 array drawn uniformly from [lo, hi)."""
    return rng.uniform(lo, hi, size=shape)


def _away(rng, lo, hi, *shape):
    """Values with magnitude in [lo, hi) and a random sign (away from 0)."""
    if not shape:
        return float(rng.uniform(lo, hi) * rng.choice([-1.0, 1.0]))
    return rng.uniform(lo, hi, size=shape) * rng.choice([-1.0, 1.0], size=shape)


def _same_sign(rng, lo, hi, *shape):
    """An array whose entries all share one random sign."""
    return rng.uniform(lo, hi, size=shape) * rng.choice([-1.0, 1.0])


# ---------------------------------------------------------------------------
# helpers called from several cases
# ---------------------------------------------------------------------------

def helper_square(v):
    return v * v


def helper_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def helper_softplus(z):
    return np.log(1.0 + np.exp(z))


def helper_layer(h, W, b):
    return np.tanh(h @ W + b)


def helper_mlp(X, W1, b1, W2, b2):
    hidden = helper_layer(X, W1, b1)
    return hidden @ W2 + b2


def helper_mse(pred, target):
    diff = pred - target
    return np.mean(diff * diff)


def helper_moments(v):
    return np.sum(v), np.sum(v * v)


def helper_logsumexp(z):
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m)))


def helper_step(y, x):
    return 0.5 * y + np.sin(x * y)


def helper_piecewise(t):
    if t > 0.0:
        return t * t
    else:
        return -0.5 * t


def helper_scale(v, factor=2.0):
    return v * factor


def helper_norm2(v):
    return np.sqrt(helper_square(v).sum())


def helper_oscillator(state, k):
    # damped harmonic oscillator: pos' = vel, vel' = -k pos - 0.1 vel
    pos = state[0]
    vel = state[1]
    e0 = np.array([1.0, 0.0])
    e1 = np.array([0.0, 1.0])
    return vel * e0 + (-k * pos - 0.1 * vel) * e1


def helper_van_der_pol(state, mu):
    p = state[0]
    q = state[1]
    return np.array([1.0, 0.0]) * q + np.array([0.0, 1.0]) * (mu * (1.0 - p * p) * q - p)


# ===========================================================================
# 1. arithmetic
# ===========================================================================

def arith_poly(x):
    return 3.0 * x * x - 2.0 * x + 1.0


def arith_div(x, y):
    return x / y + y / (1.0 + x * x)


def arith_pow_int(x):
    return x ** 3 + x ** 2 - 4 * x


def arith_pow_float(x):
    return x ** 2.5 + x ** 0.5 - x ** -1.5


def arith_pow_var(x, y):
    return x ** y + y ** 2


def arith_neg(x):
    return -x * x + -(x * 2.0) - (-x) ** 3


def arith_array_ops(x, y):
    return np.sum(x * y - x / (y * y + 1.0) + 2.0 * x - y)


def arith_matmul(A, B):
    return np.sum(A @ B)


def arith_matvec(A, v):
    return np.sum((A @ v) ** 2)


def arith_vecmat(v, A):
    return np.sum(np.sin(v @ A))


def arith_inner(u, v):
    return u @ v


def arith_broadcast_row(X, w):
    return np.sum(X * w + X / (w * w + 1.0))


def arith_broadcast_col(X, c):
    return np.sum(X / c + c)


def arith_scalar_times_array(a, x):
    return np.sum(a * x ** 2 - a * a)


def arith_bias_batch(X, W, b):
    return np.sum(np.tanh(X @ W + b) ** 2)


def arith_reflected(x):
    return np.sum(1.0 - 2.0 / (1.0 + x * x) + 3.0 * x - 0.5)


def arith_int_arg(x, n):
    return x * n + x ** n


def arith_scalar_array_mix(x, s):
    return np.sum((x - s) ** 2) / s


def arith_square_of_sum(x):
    s = np.sum(x)
    return s * s


def arith_outer(u, v):
    return np.sum(np.sin(u[:, None] * v[None, :]))


def arith_array_pow_float(x):
    return np.sum(x ** 3.0 + x ** 1.5)


def arith_const_base_pow(x):
    return np.sum(2.0 ** x)


def arith_int_pow_negative(x):
    return np.sum(x ** 3 - 2 * x ** 2)


def arith_matmul_chain(A, B, C):
    return np.sum(np.tanh(A @ B @ C))


def arith_int_literal_mix(x):
    y = 2 * x + 1
    return (y * y - 3) / 4


# ===========================================================================
# 2. assignment forms, conditional expressions, boolean logic
# ===========================================================================

def aug_scalar(x):
    y = x
    y += x * x
    y -= 0.5 * x
    y *= 2.0
    y /= 3.0
    return y


def aug_array(x):
    a = x * 1.0
    a += np.sin(x)
    a *= x
    a -= 1.0
    a /= 2.0
    return np.sum(a)


def aug_pow_and_mixed(x, y):
    z = x + y
    z **= 2
    z += x * y
    z *= y
    return z


def tuple_unpack(x):
    a, b = x * 2.0, x + 1.0
    return a * b


def tuple_swap(x, y):
    a, b = x, y
    a, b = b, a * b
    return a + b * b


def tuple_from_variable(x):
    t = (x, x * x)
    a, b = t
    return a + b * np.sin(a)


def cond_expr(x):
    y = x * x if x > 0 else -x
    return y * 3.0


def cond_expr_array(x):
    s = np.sum(x)
    scale = 2.0 if s > 0.0 else 0.5
    return np.sum(x * x) * scale


def cond_expr_select(x, y):
    return (x if x > y else y) * (x + y)


def bool_and_or(x, y):
    if x > 0.0 and y > 0.0:
        r = x * y
    elif not (x > 0.0) or y > 5.0:
        r = x + y * y
    else:
        r = x * x - y
    return r


def compare_chain(x):
    if 0.0 < x < 1.0:
        return x ** 2
    return 2.0 * x - 1.0


def chained_assign(x):
    a = b = x * 2.0
    return a * b + a


def bool_flag_variable(x, y):
    big = x > 1.0
    pos = y > 0.0
    if big and pos:
        return x * y
    if big or pos:
        return x + y
    return x - y


def cond_expr_in_loop(x):
    s = 0.0
    for i in range(4):
        s = s + (x[i] * 2.0 if x[i] > 0.0 else x[i] * x[i])
    return s


def not_condition(x):
    if not x < 0.5:
        y = np.sin(x)
    else:
        y = np.cos(x)
    return y * x


# ===========================================================================
# 3. method sugar on arrays
# ===========================================================================

def meth_sum(x):
    return (x * x).sum()


def meth_sum_axis(X):
    return np.sum(X.sum(axis=0) ** 2)


def meth_sum_axis1(X):
    return np.sum(np.sin(X.sum(axis=1)))


def meth_mean(X):
    return np.sin(X).mean()


def meth_mean_axis(X):
    return np.sum(X.mean(axis=0) ** 2)


def meth_T(A):
    return np.sum(A.T @ A)


def meth_reshape(x):
    y = x.reshape((2, 6))
    return np.sum(y[0] * y[1])


def meth_dot(x, y):
    return x.dot(y)


def meth_dot_matrix(A, v):
    return np.sum(A.dot(v) ** 2)


def meth_chain(X):
    return X.T.reshape((12,)).sum() * 2.0 + (X * X).mean()


def meth_T_dot(A, B):
    return np.sum(np.tanh(A.T.dot(B)))


# ===========================================================================
# 4. NumPy functions and indexing reads
# ===========================================================================

def np_sum_axis(X):
    return np.sum(np.sum(X, axis=1) ** 2)


def np_sum_keepdims(X, W):
    norms = np.sqrt(np.sum(X * X, axis=0, keepdims=True))
    return np.sum(X / norms * W)


def np_mean(X):
    return np.mean(X ** 2) + np.mean(X, axis=0)[1]


def np_mean_keepdims(X):
    centered = X - np.mean(X, axis=0, keepdims=True)
    return np.sum(centered ** 2)


def np_sum_negative_axis(X):
    return np.sum(np.mean(X, axis=-1) ** 2)


def np_softplus(x):
    return np.sum(np.log(1.0 + np.exp(x)))


def np_trig(x):
    return np.sum(np.sin(x) * np.cos(x) + np.tan(x))


def np_tanh(x):
    return np.sum(np.tanh(2.0 * x) ** 2)


def np_sqrt(x):
    return np.sum(np.sqrt(x * x + 1.0))


def np_abs(x):
    return np.sum(np.abs(x) * x)


def np_abs_scalar(x):
    return np.abs(x) ** 1.5


def np_maximum(x, y):
    return np.sum(np.maximum(x, y) ** 2)


def np_minimum(x):
    return np.sum(np.minimum(x, 0.5) * x)


def np_relu(x, w):
    return np.sum(np.maximum(0.0, x) * w)


def np_where(x):
    return np.sum(np.where(x > 0.0, x * x, np.sin(x)))


def np_where_two(x, y):
    return np.sum(np.where(x > y, x - y, y * 2.0))


def np_dot(A, B):
    return np.sum(np.dot(A, B))


def np_dot_vec(u, v):
    return np.dot(u, v) * np.dot(u, u)


def np_matmul(A, B):
    return np.sum(np.tanh(np.matmul(A, B)))


def np_reshape(x, w):
    return np.sum(np.reshape(x, (3, 4)) @ w)


def np_transpose(A, B):
    return np.sum(np.transpose(A) * B)


def np_expand_dims(x):
    return np.sum(np.expand_dims(x, 0) * np.expand_dims(x, 1))


def np_squeeze(X):
    return np.sum(np.squeeze(X) ** 3)


def np_concatenate(x, y):
    z = np.concatenate([x, y * 2.0])
    return np.sum(np.sin(z) * z)


def np_concatenate_axis(A, B):
    C = np.concatenate((A, B), axis=1)
    return np.sum(C * C) + C[1, 3]


def np_stack(x, y):
    S = np.stack([x, y])
    return np.sum(S[0] * S[1] + S ** 2)


def np_stack_axis(x, y, w):
    S = np.stack([x, y], axis=1)
    return np.sum(np.tanh(S @ w))


def np_exp_log_scalars(x, y):
    return np.log(x * x + y * y) + np.exp(-x)


def np_exp_of_sin(x):
    return np.exp(np.sin(x)) * np.cos(x)


def np_max_smooth(x):
    return np.max(x) + np.sum(x * 0.1)


def from_import_names(x):
    return sin(x) * exp(-x * x)


def from_import_arrays(x):
    return np.sum(exp(sin(x)) - x)


def numpy_module_name(x):
    return numpy.sum(numpy.cos(x) ** 2) + numpy.mean(x)


def numpy_and_np_mixed(x, y):
    return np.sum(numpy.tanh(x) * np.exp(-y * y))


def idx_basic(x):
    return x[0] * x[1] + x[-1] ** 2


def idx_slices(x):
    return np.sum(x[1:3] ** 2) + np.sum(x[::2])


def idx_column(X):
    return np.sum(X[:, 1] * X[0])


def idx_element(X):
    return X[1, 2] * X[0, 0] + np.sin(X[2, 1])


def idx_ellipsis(T):
    return np.sum(T[..., 0] ** 2) + T[1, 2, 3]


def idx_newaxis(x, W):
    return np.sum(np.tanh(x[None, :] @ W))


def idx_negative_slices(x):
    return np.sum(x[-3:] * x[:3]) + np.sum(x[:-1] * x[1:])


def idx_2d_block(X):
    return np.sum(X[1:, :2] ** 2) + np.sum(X[-1])


def idx_row_of_product(A, B):
    P = A @ B
    return np.sum(P[0] * P[-1])


def idx_reversed(x):
    return np.sum(x * x[::-1])


# ===========================================================================
# 5. if / elif / else with data-dependent conditions
# ===========================================================================

def if_simple(x):
    if x > 0.0:
        y = x * x
    else:
        y = -2.0 * x
    return y


def if_elif_else(x):
    if x < -1.0:
        y = x * x
    elif x < 1.0:
        y = np.sin(x) + 1.0
    else:
        y = 3.0 * x - np.cos(x)
    return y


def if_array_condition(x):
    if np.sum(x) > 0.0:
        return np.sum(x ** 2)
    else:
        return np.sum(np.sin(x))


def if_nested(x, y):
    if x > 0.0:
        if y > 0.0:
            r = x * y
        else:
            r = x - y * y
    else:
        if y > 0.0:
            r = np.exp(x) * y
        else:
            r = x * x * y
    return r


def if_without_else(x):
    y = x * 2.0
    if x > 1.0:
        y = y * y
    return y


def if_method_condition(X):
    if X.mean() > 0.5:
        return np.sum(np.tanh(X))
    return np.sum(X * X)


def if_array_branches(x, y):
    if x[0] > y[0]:
        z = x * y
    else:
        z = x + y
    return np.sum(z ** 2)


def if_early_return(x):
    if x < 0.0:
        return x * x
    return np.sin(x)


def if_returns_everywhere(x):
    if x > 2.0:
        return x ** 3
    elif x > 0.0:
        return x * np.exp(x)
    else:
        return -x


def if_int_mode(x, mode):
    if mode == 1:
        y = np.sin(x)
    elif mode == 2:
        y = np.cos(x) * x
    else:
        y = x ** 2
    return np.sum(y)


def if_in_loop(x):
    s = 0.0
    for i in range(5):
        if x[i] > 0.0:
            s = s + x[i] ** 2
        else:
            s = s - np.sin(x[i])
    return s


def if_variable_defined_in_branches(x, y):
    if x * y > 0.0:
        scale = x
        shift = y
    else:
        scale = y
        shift = -x
    return scale * scale + shift


# ===========================================================================
# 6. loops
# ===========================================================================

def for_range_n(x, n):
    y = x
    for i in range(n):
        y = y * 0.9 + np.sin(y)
    return y


def for_range_const(x):
    s = 0.0
    for i in range(4):
        s = s + x ** i / (i + 1.0)
    return s


def for_range_step(x):
    s = 0.0
    for i in range(1, 7, 2):
        s = s + x[i] * x[i - 1]
    return s


def for_range_negative_step(x):
    s = 0.0
    for i in range(5, 0, -1):
        s = s * 0.5 + x[i] * i
    return s * s


def for_range_len(x):
    s = 0.0
    for i in range(len(x)):
        s = s + np.sin(x[i]) * (i + 1)
    return s


def for_range_shape(X):
    total = 0.0
    for i in range(X.shape[0]):
        total = total + np.sum(X[i] ** 2) * (i + 1.0)
    return total


def for_rows(X):
    s = 0.0
    for row in X:
        s = s + np.tanh(np.sum(row))
    return s


def for_columns(X):
    s = 0.0
    for col in X.T:
        s = s + np.sum(col * col) * 0.5
    return s


def for_list_of_arrays(x):
    total = 0.0
    for v in [x, x * 2.0, np.sin(x)]:
        total = total + np.sum(v * v)
    return total


def for_tuple_of_args(A, B, v):
    h = v
    for W in (A, B):
        h = np.tanh(W @ h)
    return np.sum(h)


def for_enumerate(x):
    s = 0.0
    for i, v in enumerate(x):
        s = s + v * (i + 1.0)
    return s * s


def for_zip(x, y):
    s = 0.0
    for a, b in zip(x, y):
        s = s + a * b + np.sin(a)
    return s


def for_nested(X):
    s = 0.0
    for i in range(3):
        for j in range(4):
            s = s + X[i, j] * X[2 - i, 3 - j]
    return s


def for_nested_int_args(x, n, m):
    s = x
    for i in range(n):
        for j in range(m):
            s = s * 0.8 + np.cos(s) * 0.1 * (i + j)
    return s


def for_accumulate_scalar_array(x):
    acc = np.zeros(3)
    for i in range(4):
        acc = acc + x[i] * x[i + 1:i + 4]
    return np.sum(acc ** 2)


def for_list_append(x):
    parts = []
    for i in range(3):
        parts.append(x * (i + 1.0))
    return np.sum(np.stack(parts) ** 2)


def while_data_dependent(x):
    y = 1.0
    while y < 10.0:
        y = y * 1.5 + x
    return y


def while_counter(x):
    i = 0
    y = x
    while i < 5:
        y = np.sin(y) + x
        i += 1
    return y


def while_break(x):
    y = x
    k = 0
    while k < 10:
        y = y * 1.4
        if y > 5.0:
            break
        k = k + 1
    return y * y


def while_newton_sqrt(a):
    y = a
    k = 0
    while k < 6:
        y = 0.5 * (y + a / y)
        k += 1
    return y


def while_true_break(x):
    y = x
    while True:
        y = y + np.exp(-y)
        if y > 3.0:
            break
    return y


def for_break(x):
    y = x
    for i in range(10):
        y = y * 1.3
        if y > 10.0:
            break
    return y


def for_continue_index(x):
    s = 0.0
    for i in range(6):
        if i % 2 == 0:
            continue
        s = s + x[i] ** 2
    return s


def for_continue_data(x):
    s = 0.0
    for i in range(6):
        if x[i] < 0.0:
            continue
        s = s + x[i] * np.sin(x[i])
    return s


def for_return_inside(x):
    y = x
    for i in range(20):
        y = y * 1.3 + 0.2
        if y > 4.0:
            return y * y
    return -y


def for_nested_break(X):
    s = 0.0
    for i in range(3):
        for j in range(4):
            if X[i, j] > 0.0:
                break
            s = s + X[i, j] ** 2
        s = s + X[i, 0] * 0.5
    return s


def for_while_mixed(x):
    s = 0.0
    for i in range(3):
        j = 0
        t = x[i]
        while j < i + 1:
            t = t * np.cos(t)
            j += 1
        s = s + t
    return s


def for_aug_accumulators(x):
    s = 0.0
    p = 1.0
    for v in x:
        s += v
        p *= 1.0 + 0.1 * v
    return s * p


def for_loop_variable_after_loop(x):
    y = x
    for i in range(3):
        y = y * 2.0 - 0.1 * i
    return y * i


# ===========================================================================
# 7. calls to user functions
# ===========================================================================

def call_helper(x):
    return np.sum(helper_square(np.sin(x)))


def call_helper_twice(x, y):
    return helper_square(x) + helper_square(y) * x


def call_helper_chain(X, W1, b1, W2, b2):
    out = helper_mlp(X, W1, b1, W2, b2)
    return np.sum(out ** 2)


def call_tuple_helper(x):
    s, ss = helper_moments(x)
    n = 6.0
    return ss / n - (s / n) ** 2


def call_helper_in_loop(x):
    y = 1.0
    for i in range(4):
        y = helper_step(y, x)
    return y


def call_helper_with_branch(x, y):
    return helper_piecewise(x) + helper_piecewise(y)


def call_helper_default_kwarg(x):
    return np.sum(helper_scale(x) + helper_scale(x, factor=0.5) ** 2)


def call_helper_nested_call_expr(x):
    return helper_square(helper_square(x) + 1.0)


def call_helper_norm(x):
    return helper_norm2(x) + helper_sigmoid(x[0])


# ===========================================================================
# 8. in-place array updates
# ===========================================================================

def inplace_copy_setitem(x):
    y = x.copy()
    y[0] = y[0] * 3.0
    return np.sum(y ** 2)


def inplace_add_index(x):
    y = x * 1.0
    y[1] += x[0] * x[2]
    return np.sum(np.sin(y))


def inplace_slice_column_mul(X):
    Y = X.copy()
    Y[0:2, 1] *= 3.0
    return np.sum(Y ** 2)


def inplace_fill_rows(x, n):
    out = np.zeros((n, 3))
    for i in range(n):
        out[i] = x * (i + 1.0) + np.sin(x)
    return np.sum(out ** 2)


def inplace_fill_rows_slice(X):
    out = np.zeros((3, 4))
    for i in range(3):
        out[i, :] = np.tanh(X[i] * 2.0)
    return np.sum(out * out)


def inplace_own_arg(x):
    x[0] = x[0] * 2.0
    return np.sum(x * x)


def inplace_own_arg_aug(x):
    x *= 2.0
    x[1] += 1.0
    return np.sum(np.sin(x))


def inplace_elementwise_loop(x):
    y = np.zeros(5)
    for i in range(5):
        y[i] = x[i] * x[i - 1]
    return np.sum(y)


def inplace_cumsum(x):
    c = x.copy()
    for i in range(1, 5):
        c[i] = c[i] + c[i - 1]
    return np.sum(c ** 2)


def inplace_slice_assign(x):
    y = np.zeros(6)
    y[1:4] = x[:3] * 2.0
    y[4:] = np.sin(x[3:5])
    return np.sum(y * np.arange(6.0))


def inplace_overwrite_then_read(x):
    y = x.copy()
    a = y[2] * 1.0
    y[2] = 5.0
    return np.sum(y * y) + a * a


def inplace_2d_element(X):
    Y = X * 1.0
    Y[1, 2] = Y[0, 0] * Y[2, 3]
    Y[0, :] -= Y[2, :]
    return np.sum(np.tanh(Y))


def inplace_subtract_scaled(x, y):
    z = x.copy()
    z[1:] -= 0.5 * y[:-1]
    z /= 2.0
    return np.sum(z ** 2)


def inplace_matrix_rows_from_matmul(A, v):
    out = np.zeros((3, 2))
    for i in range(3):
        out[i] = A[i] @ v
    return np.sum(np.sin(out))


# ===========================================================================
# 9. "realistic" models
# ===========================================================================

def logistic_loss(w, X, t):
    z = X @ w
    p = helper_sigmoid(z)
    return -np.mean(t * np.log(p) + (1.0 - t) * np.log(1.0 - p))


def logistic_loss_bias(w, b, X, t):
    z = X @ w + b
    return np.mean(helper_softplus(z) - t * z)


def mlp_mse(W1, b1, W2, b2, X, Y):
    pred = helper_mlp(X, W1, b1, W2, b2)
    return helper_mse(pred, Y)


def mlp_inline(W1, b1, W2, b2, X, Y):
    h = np.tanh(X @ W1 + b1)
    pred = h @ W2 + b2
    err = pred - Y
    return np.mean(err ** 2)


def rnn_loop(Wh, Wx, h0, xs):
    h = h0
    for x in xs:
        h = np.tanh(Wh @ h + Wx @ x)
    return np.sum(h ** 2)


def rnn_with_outputs(Wh, Wx, Wo, xs, n):
    h = np.zeros(3)
    loss = 0.0
    for t in range(n):
        h = np.tanh(Wh @ h + Wx @ xs[t])
        y = Wo @ h
        loss = loss + np.sum(y * y)
    return loss / n


def softmax_xent(logits, target):
    lse = helper_logsumexp(logits)
    return lse - np.sum(target * logits)


def softmax_xent_batch(W, X, Y):
    logits = X @ W
    m = np.max(logits, axis=1, keepdims=True)
    shifted = logits - m
    logp = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return -np.mean(np.sum(Y * logp, axis=1))


def horner(coeffs, x):
    y = 0.0
    for c in coeffs:
        y = y * x + c
    return y


def horner_index(coeffs, x):
    n = coeffs.shape[0]
    y = coeffs[n - 1]
    for k in range(n - 2, -1, -1):
        y = y * x + coeffs[k]
    return y


def rk4_oscillator(y0, k):
    y = y0
    dt = 0.1
    for step in range(5):
        k1 = helper_oscillator(y, k)
        k2 = helper_oscillator(y + 0.5 * dt * k1, k)
        k3 = helper_oscillator(y + 0.5 * dt * k2, k)
        k4 = helper_oscillator(y + dt * k3, k)
        y = y + dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
    return np.sum(y * y)


def rk4_van_der_pol(y0, mu, n_steps):
    dt = 0.05
    y = y0.copy()
    for _ in range(n_steps):
        k1 = helper_van_der_pol(y, mu)
        k2 = helper_van_der_pol(y + dt / 2 * k1, mu)
        k3 = helper_van_der_pol(y + dt / 2 * k2, mu)
        k4 = helper_van_der_pol(y + dt * k3, mu)
        y = y + (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4)
    return y[0] + 0.5 * y[1]


def rosenbrock(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def rosenbrock_2d(a, b):
    return (1.0 - a) ** 2 + 100.0 * (b - a * a) ** 2


def ridge_regression(w, X, y, lam):
    r = X @ w - y
    return 0.5 * np.dot(r, r) / X.shape[0] + lam * np.sum(w ** 2)


def gaussian_nll(mu, log_sigma, x):
    sigma = np.exp(log_sigma)
    z = (x - mu) / sigma
    return np.sum(0.5 * z ** 2 + log_sigma + 0.5 * np.log(2.0 * np.pi))


def attention_scores(q, K, V):
    scores = K @ q / np.sqrt(3.0)
    scores = scores - np.max(scores)
    weights = np.exp(scores)
    weights = weights / np.sum(weights)
    return np.sum(weights @ V)


def gradient_descent_unrolled(w0, X, y):
    w = w0
    for it in range(3):
        r = X @ w - y
        g = X.T @ r / 8.0
        w = w - 0.1 * g
    r = X @ w - y
    return np.mean(r * r)


def layer_norm(x, gamma, beta):
    mu = np.mean(x)
    var = np.mean((x - mu) ** 2)
    xhat = (x - mu) / np.sqrt(var + 1e-5)
    return np.sum(np.tanh(gamma * xhat + beta))


def polynomial_features(x, w):
    feats = np.stack([np.ones_like(x), x, x ** 2, x ** 3], axis=1)
    return np.sum((feats @ w - np.sin(x)) ** 2)


# ===========================================================================
# registry
# ===========================================================================

CASES = []


def _add(func, make_args, wrt=(0,), **tol):
    CASES.append(Case(func.__name__, func, make_args, tuple(wrt), **tol))


# 1. arithmetic
_add(arith_poly, lambda r: (_f(r, -2, 2),))
_add(arith_div, lambda r: (_f(r, -2, 2), _f(r, 1, 2)), (0, 1))
_add(arith_pow_int, lambda r: (_f(r, -2, 2),))
_add(arith_pow_float, lambda r: (_f(r, 0.5, 2),))
_add(arith_pow_var, lambda r: (_f(r, 0.5, 2), _f(r, -1.5, 1.5)), (0, 1))
_add(arith_neg, lambda r: (_f(r, -2, 2),))
_add(arith_array_ops, lambda r: (_a(r, -1, 1, 5), _a(r, -1, 1, 5)), (0, 1))
_add(arith_matmul, lambda r: (_a(r, -1, 1, 3, 4), _a(r, -1, 1, 4, 2)), (0, 1))
_add(arith_matvec, lambda r: (_a(r, -1, 1, 3, 4), _a(r, -1, 1, 4)), (0, 1))
_add(arith_vecmat, lambda r: (_a(r, -1, 1, 3), _a(r, -1, 1, 3, 4)), (0, 1))
_add(arith_inner, lambda r: (_a(r, -1, 1, 4), _a(r, -1, 1, 4)), (0, 1))
_add(arith_broadcast_row, lambda r: (_a(r, -1, 1, 3, 4), _a(r, -1, 1, 4)), (0, 1))
_add(arith_broadcast_col, lambda r: (_a(r, -1, 1, 3, 4), _a(r, 0.5, 2, 3, 1)), (0, 1))
_add(arith_scalar_times_array, lambda r: (_f(r, -2, 2), _a(r, -1, 1, 2, 3)), (0, 1))
_add(arith_bias_batch, lambda r: (_a(r, -1, 1, 5, 3), _a(r, -1, 1, 3, 2), _a(r, -1, 1, 2)), (0, 1, 2))
_add(arith_reflected, lambda r: (_a(r, -2, 2, 4),))
_add(arith_int_arg, lambda r: (_f(r, -2, 2), 3))
_add(arith_scalar_array_mix, lambda r: (_a(r, -1, 1, 4), _f(r, 0.5, 2)), (0, 1))
_add(arith_square_of_sum, lambda r: (_a(r, -1, 1, 2, 3),))
_add(arith_outer, lambda r: (_a(r, -1, 1, 3), _a(r, -1, 1, 4)), (0, 1))
_add(arith_array_pow_float, lambda r: (_a(r, 0.5, 2, 4),))
_add(arith_const_base_pow, lambda r: (_a(r, -2, 2, 4),))
_add(arith_int_pow_negative, lambda r: (_a(r, -2, 2, 4),))
_add(arith_matmul_chain, lambda r: (_a(r, -1, 1, 2, 3), _a(r, -1, 1, 3, 4), _a(r, -1, 1, 4, 2)), (0, 1, 2))
_add(arith_int_literal_mix, lambda r: (_f(r, -2, 2),))

# 2. assignment forms / conditional expressions / boolean logic
_add(aug_scalar, lambda r: (_f(r, -2, 2),))
_add(aug_array, lambda r: (_a(r, -2, 2, 5),))
_add(aug_pow_and_mixed, lambda r: (_f(r, -1, 1), _f(r, -1, 1)), (0, 1))
_add(tuple_unpack, lambda r: (_f(r, -2, 2),))
_add(tuple_swap, lambda r: (_f(r, -2, 2), _f(r, -2, 2)), (0, 1))
_add(tuple_from_variable, lambda r: (_f(r, -2, 2),))
_add(cond_expr, lambda r: (_away(r, 0.5, 2),))
_add(cond_expr_array, lambda r: (_same_sign(r, 0.2, 1, 4),))
_add(cond_expr_select, lambda r: (lambda x: (x, x + _away(r, 0.3, 1)))(_f(r, -1, 1)), (0, 1))
_add(bool_and_or, lambda r: (_away(r, 0.5, 2), _away(r, 0.5, 2)), (0, 1))
_add(compare_chain, lambda r: (float(r.choice([_f(r, 0.2, 0.8), _f(r, 1.2, 2.0), _f(r, -1.5, -0.2)])),))
_add(chained_assign, lambda r: (_f(r, -2, 2),))
_add(bool_flag_variable, lambda r: (float(r.choice([_f(r, 0.0, 0.8), _f(r, 1.2, 2.0)])), _away(r, 0.3, 2)), (0, 1))
_add(cond_expr_in_loop, lambda r: (_away(r, 0.3, 1.5, 4),))
_add(not_condition, lambda r: (float(r.choice([_f(r, -1, 0.3), _f(r, 0.7, 2)])),))

# 3. method sugar
_add(meth_sum, lambda r: (_a(r, -1, 1, 5),))
_add(meth_sum_axis, lambda r: (_a(r, -1, 1, 3, 4),))
_add(meth_sum_axis1, lambda r: (_a(r, -1, 1, 3, 4),))
_add(meth_mean, lambda r: (_a(r, -1, 1, 3, 4),))
_add(meth_mean_axis, lambda r: (_a(r, -1, 1, 3, 4),))
_add(meth_T, lambda r: (_a(r, -1, 1, 3, 4),))
_add(meth_reshape, lambda r: (_a(r, -1, 1, 12),))
_add(meth_dot, lambda r: (_a(r, -1, 1, 4), _a(r, -1, 1, 4)), (0, 1))
_add(meth_dot_matrix, lambda r: (_a(r, -1, 1, 3, 4), _a(r, -1, 1, 4)), (0, 1))
_add(meth_chain, lambda r: (_a(r, -1, 1, 3, 4),))
_add(meth_T_dot, lambda r: (_a(r, -1, 1, 3, 2), _a(r, -1, 1, 3, 4)), (0, 1))

# 4. NumPy functions / indexing
_add(np_sum_axis, lambda r: (_a(r, -1, 1, 3, 4),))
_add(np_sum_keepdims, lambda r: (_a(r, 0.5, 1.5, 3, 4), _a(r, -1, 1, 3, 4)))
_add(np_mean, lambda r: (_a(r, -1, 1, 3, 4),))
_add(np_mean_keepdims, lambda r: (_a(r, -1, 1, 4, 3),))
_add(np_sum_negative_axis, lambda r: (_a(r, -1, 1, 2, 3, 4),))
_add(np_softplus, lambda r: (_a(r, -3, 3, 5),))
_add(np_trig, lambda r: (_a(r, -1, 1, 5),))
_add(np_tanh, lambda r: (_a(r, -1, 1, 5),))
_add(np_sqrt, lambda r: (_a(r, -2, 2, 5),))
_add(np_abs, lambda r: (_away(r, 0.2, 2, 5),))
_add(np_abs_scalar, lambda r: (_away(r, 0.3, 2),))
_add(np_maximum, lambda r: (lambda x: (x, x + _away(r, 0.2, 1, 5)))(_a(r, -1, 1, 5)), (0, 1))
_add(np_minimum, lambda r: (0.5 + _away(r, 0.2, 1, 5),))
_add(np_relu, lambda r: (_away(r, 0.2, 2, 5), _a(r, -1, 1, 5)), (0, 1))
_add(np_where, lambda r: (_away(r, 0.2, 2, 5),))
_add(np_where_two, lambda r: (lambda x: (x, x + _away(r, 0.2, 1, 5)))(_a(r, -1, 1, 5)), (0, 1))
_add(np_dot, lambda r: (_a(r, -1, 1, 3, 4), _a(r, -1, 1, 4, 2)), (0, 1))
_add(np_dot_vec, lambda r: (_a(r, -1, 1, 4), _a(r, -1, 1, 4)), (0, 1))
_add(np_matmul, lambda r: (_a(r, -1, 1, 3, 4), _a(r, -1, 1, 4, 2)), (0, 1))
_add(np_reshape, lambda r: (_a(r, -1, 1, 12), _a(r, -1, 1, 4)), (0, 1))
_add(np_transpose, lambda r: (_a(r, -1, 1, 3, 4), _a(r, -1, 1, 4, 3)), (0, 1))
_add(np_expand_dims, lambda r: (_a(r, -1, 1, 4),))
_add(np_squeeze, lambda r: (_a(r, -1, 1, 3, 1),))
_add(np_concatenate, lambda r: (_a(r, -1, 1, 3), _a(r, -1, 1, 2)), (0, 1))
_add(np_concatenate_axis, lambda r: (_a(r, -1, 1, 2, 3), _a(r, -1, 1, 2, 2)), (0, 1))
_add(np_stack, lambda r: (_a(r, -1, 1, 4), _a(r, -1, 1, 4)), (0, 1))
_add(np_stack_axis, lambda r: (_a(r, -1, 1, 4), _a(r, -1, 1, 4), _a(r, -1, 1, 2)), (0, 1, 2))
_add(np_exp_log_scalars, lambda r: (_f(r, 0.5, 2), _f(r, -2, 2)), (0, 1))
_add(np_exp_of_sin, lambda r: (_f(r, -3, 3),))
_add(np_max_smooth, lambda r: (np.array([0.0, 1.0, 2.0, 3.0]) + _a(r, -0.3, 0.3, 4),))
_add(from_import_names, lambda r: (_f(r, -2, 2),))
_add(from_import_arrays, lambda r: (_a(r, -2, 2, 4),))
_add(numpy_module_name, lambda r: (_a(r, -2, 2, 4),))
_add(numpy_and_np_mixed, lambda r: (_a(r, -1, 1, 3), _a(r, -1, 1, 3)), (0, 1))
_add(idx_basic, lambda r: (_a(r, -1, 1, 5),))
_add(idx_slices, lambda r: (_a(r, -1, 1, 6),))
_add(idx_column, lambda r: (_a(r, -1, 1, 3, 3),))
_add(idx_element, lambda r: (_a(r, -1, 1, 3, 4),))
_add(idx_ellipsis, lambda r: (_a(r, -1, 1, 2, 3, 4),))
_add(idx_newaxis, lambda r: (_a(r, -1, 1, 4), _a(r, -1, 1, 4, 3)), (0, 1))
_add(idx_negative_slices, lambda r: (_a(r, -1, 1, 6),))
_add(idx_2d_block, lambda r: (_a(r, -1, 1, 3, 4),))
_add(idx_row_of_product, lambda r: (_a(r, -1, 1, 3, 4), _a(r, -1, 1, 4, 2)), (0, 1))
_add(idx_reversed, lambda r: (_a(r, -1, 1, 5),))

# 5. branches
_add(if_simple, lambda r: (_away(r, 0.3, 2),))
_add(if_elif_else, lambda r: (float(r.choice([_f(r, -2.5, -1.3), _f(r, -0.7, 0.7), _f(r, 1.3, 2.5)])),))
_add(if_array_condition, lambda r: (_same_sign(r, 0.2, 1, 4),))
_add(if_nested, lambda r: (_away(r, 0.3, 1.5), _away(r, 0.3, 1.5)), (0, 1))
_add(if_without_else, lambda r: (float(r.choice([_f(r, -1, 0.7), _f(r, 1.3, 2)])),))
_add(if_method_condition, lambda r: (float(r.choice([0.0, 1.0])) + _a(r, -0.2, 0.2, 3, 4),))
_add(if_array_branches, lambda r: (lambda x: (x, np.concatenate([x[:1] + _away(r, 0.3, 1, 1), _a(r, -1, 1, 2)])))(_a(r, -1, 1, 3)), (0, 1))
_add(if_early_return, lambda r: (_away(r, 0.3, 2),))
_add(if_returns_everywhere, lambda r: (float(r.choice([_f(r, -1.5, -0.3), _f(r, 0.3, 1.7), _f(r, 2.3, 3)])),))
_add(if_int_mode, lambda r: (_a(r, -1, 1, 4), int(r.integers(1, 4))))
_add(if_in_loop, lambda r: (_away(r, 0.3, 1.5, 5),))
_add(if_variable_defined_in_branches, lambda r: (_away(r, 0.5, 1.5), _away(r, 0.5, 1.5)), (0, 1))

# 6. loops
_add(for_range_n, lambda r: (_f(r, -1, 1), int(r.integers(0, 5))))
_add(for_range_const, lambda r: (_f(r, -1.5, 1.5),))
_add(for_range_step, lambda r: (_a(r, -1, 1, 8),))
_add(for_range_negative_step, lambda r: (_a(r, -1, 1, 6),))
_add(for_range_len, lambda r: (_a(r, -1, 1, int(r.integers(2, 7))),))
_add(for_range_shape, lambda r: (_a(r, -1, 1, int(r.integers(1, 5)), 3),))
_add(for_rows, lambda r: (_a(r, -1, 1, 4, 3),))
_add(for_columns, lambda r: (_a(r, -1, 1, 3, 4),))
_add(for_list_of_arrays, lambda r: (_a(r, -1, 1, 4),))
_add(for_tuple_of_args, lambda r: (_a(r, -1, 1, 3, 3), _a(r, -1, 1, 3, 3), _a(r, -1, 1, 3)), (0, 1, 2))
_add(for_enumerate, lambda r: (_a(r, -1, 1, 5),))
_add(for_zip, lambda r: (_a(r, -1, 1, 4), _a(r, -1, 1, 4)), (0, 1))
_add(for_nested, lambda r: (_a(r, -1, 1, 3, 4),))
_add(for_nested_int_args, lambda r: (_f(r, -1, 1), int(r.integers(0, 4)), int(r.integers(1, 4))))
_add(for_accumulate_scalar_array, lambda r: (_a(r, -1, 1, 7),))
_add(for_list_append, lambda r: (_a(r, -1, 1, 3),))
_add(while_data_dependent, lambda r: (_f(r, 0.3, 0.5),))
_add(while_counter, lambda r: (_f(r, -1, 1),))
_add(while_break, lambda r: (_f(r, 0.5, 0.62),))
_add(while_newton_sqrt, lambda r: (_f(r, 0.5, 4),))
_add(while_true_break, lambda r: (_f(r, 0.0, 0.25),))
_add(for_break, lambda r: (_f(r, 1.0, 1.15),))
_add(for_continue_index, lambda r: (_a(r, -1, 1, 6),))
_add(for_continue_data, lambda r: (_away(r, 0.2, 1.5, 6),))
_add(for_return_inside, lambda r: (_f(r, 0.65, 0.85),))
_add(for_nested_break, lambda r: (_away(r, 0.2, 1.5, 3, 4),))
_add(for_while_mixed, lambda r: (_a(r, -1, 1, 3),))
_add(for_aug_accumulators, lambda r: (_a(r, -1, 1, 5),))
_add(for_loop_variable_after_loop, lambda r: (_f(r, -2, 2),))

# 7. user-function calls
_add(call_helper, lambda r: (_a(r, -2, 2, 4),))
_add(call_helper_twice, lambda r: (_f(r, -2, 2), _f(r, -2, 2)), (0, 1))
_add(call_helper_chain, lambda r: (_a(r, -1, 1, 5, 3), _a(r, -1, 1, 3, 4), _a(r, -1, 1, 4), _a(r, -1, 1, 4, 2), _a(r, -1, 1, 2)), (0, 1, 2, 3, 4))
_add(call_tuple_helper, lambda r: (_a(r, -1, 1, 6),))
_add(call_helper_in_loop, lambda r: (_f(r, -1, 1),))
_add(call_helper_with_branch, lambda r: (_away(r, 0.3, 2), _away(r, 0.3, 2)), (0, 1))
_add(call_helper_default_kwarg, lambda r: (_a(r, -1, 1, 4),))
_add(call_helper_nested_call_expr, lambda r: (_f(r, -1.5, 1.5),))
_add(call_helper_norm, lambda r: (_a(r, 0.2, 1, 4),))

# 8. in-place updates
_add(inplace_copy_setitem, lambda r: (_a(r, -1, 1, 4),))
_add(inplace_add_index, lambda r: (_a(r, -1, 1, 4),))
_add(inplace_slice_column_mul, lambda r: (_a(r, -1, 1, 3, 3),))
_add(inplace_fill_rows, lambda r: (_a(r, -1, 1, 3), int(r.integers(1, 5))))
_add(inplace_fill_rows_slice, lambda r: (_a(r, -1, 1, 3, 4),))
_add(inplace_own_arg, lambda r: (_a(r, -1, 1, 4),))
_add(inplace_own_arg_aug, lambda r: (_a(r, -1, 1, 4),))
_add(inplace_elementwise_loop, lambda r: (_a(r, -1, 1, 5),))
_add(inplace_cumsum, lambda r: (_a(r, -1, 1, 5),))
_add(inplace_slice_assign, lambda r: (_a(r, -1, 1, 5),))
_add(inplace_overwrite_then_read, lambda r: (_a(r, -1, 1, 4),))
_add(inplace_2d_element, lambda r: (_a(r, -1, 1, 3, 4),))
_add(inplace_subtract_scaled, lambda r: (_a(r, -1, 1, 5), _a(r, -1, 1, 5)), (0, 1))
_add(inplace_matrix_rows_from_matmul, lambda r: (_a(r, -1, 1, 3, 2, 2), _a(r, -1, 1, 2)), (0, 1))


def _logistic_args(r):
    X = _a(r, -1, 1, 8, 3)
    t = (r.uniform(size=8) > 0.5).astype(np.float64)
    return _a(r, -1, 1, 3), X, t


def _logistic_bias_args(r):
    w, X, t = _logistic_args(r)
    return w, _f(r, -0.5, 0.5), X, t


def _mlp_args(r):
    return (_a(r, -1, 1, 3, 4), _a(r, -0.5, 0.5, 4), _a(r, -1, 1, 4, 2),
            _a(r, -0.5, 0.5, 2), _a(r, -1, 1, 6, 3), _a(r, -1, 1, 6, 2))


def _rnn_args(r):
    return (_a(r, -0.6, 0.6, 3, 3), _a(r, -0.6, 0.6, 3, 2), _a(r, -1, 1, 3),
            _a(r, -1, 1, 4, 2))


def _rnn_out_args(r):
    return (_a(r, -0.6, 0.6, 3, 3), _a(r, -0.6, 0.6, 3, 2), _a(r, -1, 1, 2, 3),
            _a(r, -1, 1, 5, 2), int(r.integers(1, 6)))


def _softmax_args(r):
    target = np.zeros(5)
    target[int(r.integers(0, 5))] = 1.0
    return _a(r, -2, 2, 5), target


def _softmax_batch_args(r):
    Y = np.zeros((6, 4))
    Y[np.arange(6), r.integers(0, 4, size=6)] = 1.0
    return _a(r, -1, 1, 3, 4), _a(r, -1, 1, 6, 3), Y


def _regression_args(r):
    return _a(r, -1, 1, 3), _a(r, -1, 1, 8, 3), _a(r, -1, 1, 8), _f(r, 0.01, 0.5)


def _attention_args(r):
    return _a(r, -1, 1, 3), _a(r, -1, 1, 5, 3), _a(r, -1, 1, 5, 2)


_add(logistic_loss, _logistic_args)
_add(logistic_loss_bias, _logistic_bias_args, (0, 1))
_add(mlp_mse, _mlp_args, (0, 1, 2, 3))
_add(mlp_inline, _mlp_args, (0, 2))
_add(rnn_loop, _rnn_args, (0, 1, 2))
_add(rnn_with_outputs, _rnn_out_args, (0, 1, 2, 3))
_add(softmax_xent, _softmax_args)
_add(softmax_xent_batch, _softmax_batch_args)
_add(horner, lambda r: (_a(r, -1, 1, 5), _f(r, -1.5, 1.5)), (0, 1))
_add(horner_index, lambda r: (_a(r, -1, 1, 5), _f(r, -1.5, 1.5)), (0, 1))
_add(rk4_oscillator, lambda r: (_a(r, -1, 1, 2), _f(r, 0.5, 2)), (0, 1))
_add(rk4_van_der_pol, lambda r: (_a(r, -1, 1, 2), _f(r, 0.2, 1.5), int(r.integers(1, 8))), (0, 1))
_add(rosenbrock, lambda r: (_a(r, -1.2, 1.2, 5),))
_add(rosenbrock_2d, lambda r: (_f(r, -1.5, 1.5), _f(r, -0.5, 2)), (0, 1))
_add(ridge_regression, _regression_args, (0, 3))
_add(gaussian_nll, lambda r: (_a(r, -1, 1, 4), _a(r, -0.5, 0.5, 4), _a(r, -2, 2, 4)), (0, 1))
_add(attention_scores, _attention_args, (0, 1, 2))
_add(gradient_descent_unrolled, lambda r: (_a(r, -1, 1, 3), _a(r, -1, 1, 8, 3), _a(r, -1, 1, 8)), (0, 1, 2))
_add(layer_norm, lambda r: (_a(r, -2, 2, 6), _a(r, 0.5, 1.5, 6), _a(r, -0.5, 0.5, 6)), (0, 1, 2))
_add(polynomial_features, lambda r: (_a(r, -1, 1, 6), _a(r, -1, 1, 4)), (0, 1))

_names = [c.name for c in CASES]
assert len(_names) == len(set(_names)), "duplicate case names"
del _names
