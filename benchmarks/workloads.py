"""Workloads for the peer benchmarks (see benchmarks/peers.py).

Every workload is written once as ordinary Python/NumPy: that is the function
tangent differentiates, so it has to stay a plain module-level ``def``
(tangent reads its source). Next to it:

* a gradient derived by hand in plain NumPy/Python, the baseline every other
  contestant is checked against (rtol 1e-8) and compared with (for the
  Hessian-vector product workload, H v derived by hand);
* where the array module matters, one version per peer: ``*_ag`` uses
  ``autograd.numpy``, ``*_jax`` ``jax.numpy`` (run eagerly, and under
  ``jax.jit`` unless a ``*_lax`` version exists: Python control flow that
  depends on traced values cannot be jitted, and long Python loops unroll into
  huge programs, so those use ``lax.fori_loop``), ``*_torch`` PyTorch.
  Workloads on Python floats run unchanged under every framework and share one
  function.

Every array is float64 and every input comes from a fixed seed. Importing this
module imports NumPy only (the transformation-time benchmark re-imports it
many times); ``load_peers()`` binds the peer modules the peer versions use.
"""
import dataclasses
from typing import Callable, Optional, Tuple

import numpy as np

# Bound by load_peers(); None for peers that are not installed.
anp = None  # autograd.numpy
jnp = None  # jax.numpy
lax = None  # jax.lax
torch = None


def load_peers():
    """Import the installed peers and bind them here. Returns {name: module or ImportError}."""
    global anp, jnp, lax, torch
    found = {}
    try:
        import autograd
        import autograd.numpy as autograd_numpy
        anp = autograd_numpy
        found['autograd'] = autograd
    except ImportError as exc:
        found['autograd'] = exc
    try:
        import jax
        jax.config.update('jax_enable_x64', True)
        import jax.numpy as jax_numpy
        from jax import lax as jax_lax
        jnp, lax = jax_numpy, jax_lax
        found['jax'] = jax
    except ImportError as exc:
        found['jax'] = exc
    try:
        import torch as torch_module
        torch = torch_module
        found['torch'] = torch_module
    except ImportError as exc:
        found['torch'] = exc
    return found


@dataclasses.dataclass
class Workload:
    """One benchmark: the function, what it is differentiated wrt, its inputs and versions."""

    key: str
    title: str
    description: str
    func: Callable                      # plain NumPy/Python: what tangent differentiates
    wrt: Tuple[int, ...]                # argument positions
    make_args: Callable                 # rng -> tuple of arguments (float64 arrays, floats, ints, lists)
    hand: Callable                      # hand-written gradient: same arguments, gradient(s) in wrt order
    autograd_fn: Optional[Callable] = None
    jax_fn: Optional[Callable] = None
    jax_jit_fn: Optional[Callable] = None   # defaults to jax_fn
    jax_static: Tuple[int, ...] = ()        # static_argnums under jax.jit (loop counts)
    torch_fn: Optional[Callable] = None
    hand_reverse: Optional[Callable] = None  # scalar workloads: reverse mode by hand, for reference
    kind: str = 'grad'                  # 'grad', or 'hvp': arguments (x, v), result H v (wrt x)
    hand_grad: Optional[Callable] = None  # hvp: the gradient by hand, to check the hand-written H v
    seed: int = 0
    notes: str = ''

    def args(self):
        return self.make_args(np.random.default_rng(self.seed))


# ---------------------------------------------------------------------------
# 1. Horner's rule, degree 200, on Python floats
# ---------------------------------------------------------------------------

HORNER_DEGREE = 200


def horner(x, coeffs):
    y = 0.0
    for c in coeffs:
        y = y * x + c
    return y


def horner_grad(x, coeffs):
    """y_{k+1} = y_k x + c_k, so dy_{k+1}/dx = x dy_k/dx + y_k (forward mode by hand)."""
    y = 0.0
    dy = 0.0
    for c in coeffs:
        dy = dy * x + y
        y = y * x + c
    return dy


def horner_grad_reverse(x, coeffs):
    """Reverse mode by hand with a tape: what a reverse-mode tool has to do (reference only)."""
    y = 0.0
    tape = []
    for c in coeffs:
        tape.append(y)
        y = y * x + c
    dy = 1.0
    dx = 0.0
    for y_old in reversed(tape):  # y = y_old * x + c
        dx += dy * y_old
        dy *= x
    return dx


def horner_args(rng):
    coeffs = [float(c) for c in rng.uniform(-1.0, 1.0, HORNER_DEGREE + 1)]
    return 0.93, coeffs


# ---------------------------------------------------------------------------
# 2. A scalar loop with a data-dependent if/else
# ---------------------------------------------------------------------------

LOOP_STEPS = 500


def branchy_loop(x, n):
    s = 0.0
    for i in range(n):
        if s > 1.0:
            s = s * x - 1.0
        else:
            s = s + 0.5 * x
    return s


def branchy_loop_grad(x, n):
    """Carries ds/dx along with s (forward mode by hand)."""
    s = 0.0
    ds = 0.0
    for i in range(n):
        if s > 1.0:
            ds = ds * x + s
            s = s * x - 1.0
        else:
            ds = ds + 0.5
            s = s + 0.5 * x
    return ds


def branchy_loop_grad_reverse(x, n):
    """Reverse mode by hand with a tape (reference only)."""
    s = 0.0
    tape = []  # s before `s = s * x - 1.0`, or None where the else branch ran
    for i in range(n):
        if s > 1.0:
            tape.append(s)
            s = s * x - 1.0
        else:
            tape.append(None)
            s = s + 0.5 * x
    ds = 1.0
    dx = 0.0
    for s_old in reversed(tape):
        if s_old is None:
            dx += 0.5 * ds
        else:
            dx += ds * s_old
            ds *= x
    return dx


def branchy_loop_lax(x, n):
    def body(i, s):
        return jnp.where(s > 1.0, s * x - 1.0, s + 0.5 * x)
    return lax.fori_loop(0, n, body, jnp.zeros_like(x))


def branchy_loop_args(rng):
    return 0.9, LOOP_STEPS


# ---------------------------------------------------------------------------
# 3, 4. A one-hidden-layer MLP with tanh and a mean squared error
# ---------------------------------------------------------------------------

def mlp_loss(W1, b1, W2, b2, x, y):
    h = np.tanh(x @ W1 + b1)
    out = h @ W2 + b2
    return np.mean((out - y) ** 2)


def mlp_loss_grad(W1, b1, W2, b2, x, y):
    h = np.tanh(x @ W1 + b1)
    r = h @ W2 + b2 - y
    dout = (2.0 / r.size) * r                   # d mean(r ** 2) / d out
    dW2 = h.T @ dout
    db2 = dout.sum(axis=0)
    dz = (dout @ W2.T) * (1.0 - h * h)          # through tanh
    dW1 = x.T @ dz
    db1 = dz.sum(axis=0)
    return dW1, db1, dW2, db2


def mlp_loss_ag(W1, b1, W2, b2, x, y):
    h = anp.tanh(x @ W1 + b1)
    out = h @ W2 + b2
    return anp.mean((out - y) ** 2)


def mlp_loss_jax(W1, b1, W2, b2, x, y):
    h = jnp.tanh(x @ W1 + b1)
    out = h @ W2 + b2
    return jnp.mean((out - y) ** 2)


def mlp_loss_torch(W1, b1, W2, b2, x, y):
    h = torch.tanh(x @ W1 + b1)
    out = h @ W2 + b2
    return torch.mean((out - y) ** 2)


def _mlp_args(rng, batch, n_in, n_hidden, n_out):
    W1 = rng.normal(size=(n_in, n_hidden)) / np.sqrt(n_in)
    b1 = 0.1 * rng.normal(size=n_hidden)
    W2 = rng.normal(size=(n_hidden, n_out)) / np.sqrt(n_hidden)
    b2 = 0.1 * rng.normal(size=n_out)
    x = rng.normal(size=(batch, n_in))
    y = rng.normal(size=(batch, n_out))
    return W1, b1, W2, b2, x, y


def mlp_small_args(rng):
    return _mlp_args(rng, 32, 16, 32, 1)


def mlp_large_args(rng):
    return _mlp_args(rng, 256, 512, 1024, 10)


# ---------------------------------------------------------------------------
# 5. A tanh RNN, a Python loop over 50 time steps
# ---------------------------------------------------------------------------

def rnn_loss(Wx, Wh, b, xs, h0, target):
    h = h0
    for x_t in xs:
        h = np.tanh(x_t @ Wx + h @ Wh + b)
    return np.mean((h - target) ** 2)


def rnn_loss_grad(Wx, Wh, b, xs, h0, target):
    """Backpropagation through time, saving every hidden state."""
    hs = [h0]
    h = h0
    for x_t in xs:
        h = np.tanh(x_t @ Wx + h @ Wh + b)
        hs.append(h)
    dh = (2.0 / h.size) * (h - target)
    dWx = np.zeros_like(Wx)
    dWh = np.zeros_like(Wh)
    db = np.zeros_like(b)
    for t in range(len(xs) - 1, -1, -1):
        dz = dh * (1.0 - hs[t + 1] * hs[t + 1])  # through tanh at step t
        dWx += xs[t].T @ dz
        dWh += hs[t].T @ dz
        db += dz.sum(axis=0)
        dh = dz @ Wh.T
    return dWx, dWh, db


def rnn_loss_ag(Wx, Wh, b, xs, h0, target):
    h = h0
    for x_t in xs:
        h = anp.tanh(x_t @ Wx + h @ Wh + b)
    return anp.mean((h - target) ** 2)


def rnn_loss_jax(Wx, Wh, b, xs, h0, target):
    h = h0
    for x_t in xs:
        h = jnp.tanh(x_t @ Wx + h @ Wh + b)
    return jnp.mean((h - target) ** 2)


def rnn_loss_torch(Wx, Wh, b, xs, h0, target):
    h = h0
    for x_t in xs:
        h = torch.tanh(x_t @ Wx + h @ Wh + b)
    return torch.mean((h - target) ** 2)


def rnn_args(rng, steps=50, batch=16, n_in=8, n_hidden=32):
    Wx = rng.normal(size=(n_in, n_hidden)) / np.sqrt(n_in)
    Wh = 0.9 * rng.normal(size=(n_hidden, n_hidden)) / np.sqrt(n_hidden)
    b = 0.1 * rng.normal(size=n_hidden)
    xs = rng.normal(size=(steps, batch, n_in))
    h0 = np.zeros((batch, n_hidden))
    target = rng.uniform(-0.5, 0.5, size=(batch, n_hidden))
    return Wx, Wh, b, xs, h0, target


# ---------------------------------------------------------------------------
# 6. RK4 integration of a Lotka-Volterra field, 100 steps, batch of 64 states
# ---------------------------------------------------------------------------

RK4_STEPS = 100


def lotka_volterra(theta, u):
    """The vector field at states u (batch, 2); theta = (alpha, beta, delta, gamma)."""
    x = u[:, 0]
    y = u[:, 1]
    dx = theta[0] * x - theta[1] * x * y
    dy = theta[2] * x * y - theta[3] * y
    return np.stack((dx, dy), axis=1)


def rk4_loss(theta, u0, dt, steps):
    u = u0
    for i in range(steps):
        k1 = lotka_volterra(theta, u)
        k2 = lotka_volterra(theta, u + 0.5 * dt * k1)
        k3 = lotka_volterra(theta, u + 0.5 * dt * k2)
        k4 = lotka_volterra(theta, u + dt * k3)
        u = u + (dt / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
    return np.mean(u ** 2)


def _lotka_volterra_vjp(theta, u, g):
    """(g^T df/du, g^T df/dtheta) for the field above, g of shape (batch, 2)."""
    a, b, c, d = theta
    x = u[:, 0]
    y = u[:, 1]
    gx = g[:, 0]
    gy = g[:, 1]
    gu = np.empty_like(u)
    gu[:, 0] = gx * (a - b * y) + gy * (c * y)
    gu[:, 1] = gy * (c * x - d) - gx * (b * x)
    xy = x * y
    gtheta = np.array([gx @ x, -(gx @ xy), gy @ xy, -(gy @ y)])
    return gu, gtheta


def rk4_loss_grad(theta, u0, dt, steps):
    """Discrete adjoint of the RK4 steps: save each step's stage inputs, then go back."""
    f = lotka_volterra
    u = u0
    saved = []
    for i in range(steps):
        k1 = f(theta, u)
        u1 = u + 0.5 * dt * k1
        k2 = f(theta, u1)
        u2 = u + 0.5 * dt * k2
        k3 = f(theta, u2)
        u3 = u + dt * k3
        k4 = f(theta, u3)
        saved.append((u, u1, u2, u3))
        u = u + (dt / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
    gu = (2.0 / u.size) * u                      # d mean(u ** 2) / du
    gtheta = np.zeros(4)
    for u, u1, u2, u3 in reversed(saved):
        # u_next = u + dt/6 (k1 + 2 k2 + 2 k3 + k4): gu flows to u unchanged.
        gk1 = (dt / 6.0) * gu
        gk2 = (dt / 3.0) * gu
        gk3 = (dt / 3.0) * gu
        gk4 = gk1
        g, gt = _lotka_volterra_vjp(theta, u3, gk4)   # k4 = f(u3), u3 = u + dt k3
        gtheta = gtheta + gt
        gu = gu + g
        gk3 = gk3 + dt * g
        g, gt = _lotka_volterra_vjp(theta, u2, gk3)   # k3 = f(u2), u2 = u + dt/2 k2
        gtheta = gtheta + gt
        gu = gu + g
        gk2 = gk2 + (0.5 * dt) * g
        g, gt = _lotka_volterra_vjp(theta, u1, gk2)   # k2 = f(u1), u1 = u + dt/2 k1
        gtheta = gtheta + gt
        gu = gu + g
        gk1 = gk1 + (0.5 * dt) * g
        g, gt = _lotka_volterra_vjp(theta, u, gk1)    # k1 = f(u)
        gtheta = gtheta + gt
        gu = gu + g
    return gtheta


def lotka_volterra_ag(theta, u):
    x = u[:, 0]
    y = u[:, 1]
    dx = theta[0] * x - theta[1] * x * y
    dy = theta[2] * x * y - theta[3] * y
    return anp.stack((dx, dy), axis=1)


def rk4_loss_ag(theta, u0, dt, steps):
    u = u0
    for i in range(steps):
        k1 = lotka_volterra_ag(theta, u)
        k2 = lotka_volterra_ag(theta, u + 0.5 * dt * k1)
        k3 = lotka_volterra_ag(theta, u + 0.5 * dt * k2)
        k4 = lotka_volterra_ag(theta, u + dt * k3)
        u = u + (dt / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
    return anp.mean(u ** 2)


def lotka_volterra_jax(theta, u):
    x = u[:, 0]
    y = u[:, 1]
    dx = theta[0] * x - theta[1] * x * y
    dy = theta[2] * x * y - theta[3] * y
    return jnp.stack((dx, dy), axis=1)


def rk4_loss_jax(theta, u0, dt, steps):
    u = u0
    for i in range(steps):
        k1 = lotka_volterra_jax(theta, u)
        k2 = lotka_volterra_jax(theta, u + 0.5 * dt * k1)
        k3 = lotka_volterra_jax(theta, u + 0.5 * dt * k2)
        k4 = lotka_volterra_jax(theta, u + dt * k3)
        u = u + (dt / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
    return jnp.mean(u ** 2)


def rk4_loss_lax(theta, u0, dt, steps):
    def step(i, u):
        k1 = lotka_volterra_jax(theta, u)
        k2 = lotka_volterra_jax(theta, u + 0.5 * dt * k1)
        k3 = lotka_volterra_jax(theta, u + 0.5 * dt * k2)
        k4 = lotka_volterra_jax(theta, u + dt * k3)
        return u + (dt / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
    return jnp.mean(lax.fori_loop(0, steps, step, u0) ** 2)


def lotka_volterra_torch(theta, u):
    x = u[:, 0]
    y = u[:, 1]
    dx = theta[0] * x - theta[1] * x * y
    dy = theta[2] * x * y - theta[3] * y
    return torch.stack((dx, dy), dim=1)


def rk4_loss_torch(theta, u0, dt, steps):
    u = u0
    for i in range(steps):
        k1 = lotka_volterra_torch(theta, u)
        k2 = lotka_volterra_torch(theta, u + 0.5 * dt * k1)
        k3 = lotka_volterra_torch(theta, u + 0.5 * dt * k2)
        k4 = lotka_volterra_torch(theta, u + dt * k3)
        u = u + (dt / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
    return torch.mean(u ** 2)


def rk4_args(rng):
    theta = np.array([1.1, 0.4, 0.4, 0.9])
    u0 = rng.uniform(0.5, 1.5, size=(64, 2))
    return theta, u0, 0.01, RK4_STEPS


# ---------------------------------------------------------------------------
# 7. Softmax cross-entropy with a stable log-sum-exp
# ---------------------------------------------------------------------------

def softmax_xent(W, b, x, onehot):
    z = x @ W + b
    m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.mean(np.sum(onehot * (lse - z), axis=1))


def softmax_xent_grad(W, b, x, onehot):
    """dL/dz = (softmax(z) - onehot) / batch, for one-hot label rows."""
    z = x @ W + b
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    dz = (p - onehot) / len(x)
    return x.T @ dz, dz.sum(axis=0)


def softmax_xent_ag(W, b, x, onehot):
    z = x @ W + b
    m = anp.max(z, axis=1, keepdims=True)
    lse = m + anp.log(anp.sum(anp.exp(z - m), axis=1, keepdims=True))
    return anp.mean(anp.sum(onehot * (lse - z), axis=1))


def softmax_xent_jax(W, b, x, onehot):
    z = x @ W + b
    m = jnp.max(z, axis=1, keepdims=True)
    lse = m + jnp.log(jnp.sum(jnp.exp(z - m), axis=1, keepdims=True))
    return jnp.mean(jnp.sum(onehot * (lse - z), axis=1))


def softmax_xent_torch(W, b, x, onehot):
    z = x @ W + b
    m = torch.amax(z, dim=1, keepdim=True)
    lse = m + torch.log(torch.sum(torch.exp(z - m), dim=1, keepdim=True))
    return torch.mean(torch.sum(onehot * (lse - z), dim=1))


def softmax_args(rng, batch=128, n_in=64, n_classes=10):
    W = rng.normal(size=(n_in, n_classes)) / np.sqrt(n_in)
    b = 0.1 * rng.normal(size=n_classes)
    x = rng.normal(size=(batch, n_in))
    onehot = np.eye(n_classes)[rng.integers(0, n_classes, size=batch)]
    return W, b, x, onehot


# ---------------------------------------------------------------------------
# 8. In place: one row of a (200, 50) array written per step
# ---------------------------------------------------------------------------

def inplace_rows(w, x):
    out = np.zeros_like(x)
    out[0] = np.tanh(w * x[0])
    for i in range(1, len(x)):
        out[i] = np.tanh(w * x[i] + 0.5 * out[i - 1])
    return np.mean(out ** 2)


def inplace_rows_grad(w, x):
    out = np.zeros_like(x)
    out[0] = np.tanh(w * x[0])
    for i in range(1, len(x)):
        out[i] = np.tanh(w * x[i] + 0.5 * out[i - 1])
    g = (2.0 / out.size) * out                   # d mean(out ** 2) / d out, updated in place below
    dw = np.zeros_like(w)
    for i in range(len(x) - 1, 0, -1):
        dz = g[i] * (1.0 - out[i] * out[i])      # through tanh of row i
        dw += dz * x[i]
        g[i - 1] += 0.5 * dz                     # row i read row i - 1
    dw += g[0] * (1.0 - out[0] * out[0]) * x[0]
    return dw


def inplace_rows_ag(w, x):
    # autograd cannot differentiate item assignment: collect the rows and stack them.
    rows = [anp.tanh(w * x[0])]
    for i in range(1, len(x)):
        rows.append(anp.tanh(w * x[i] + 0.5 * rows[i - 1]))
    return anp.mean(anp.stack(rows) ** 2)


def inplace_rows_jax(w, x):
    out = jnp.zeros_like(x)
    out = out.at[0].set(jnp.tanh(w * x[0]))
    for i in range(1, len(x)):
        out = out.at[i].set(jnp.tanh(w * x[i] + 0.5 * out[i - 1]))
    return jnp.mean(out ** 2)


def inplace_rows_lax(w, x):
    out = jnp.zeros_like(x).at[0].set(jnp.tanh(w * x[0]))

    def step(i, out):
        return out.at[i].set(jnp.tanh(w * x[i] + 0.5 * out[i - 1]))
    return jnp.mean(lax.fori_loop(1, x.shape[0], step, out) ** 2)


def inplace_rows_torch(w, x):
    out = torch.zeros_like(x)
    out[0] = torch.tanh(w * x[0])
    for i in range(1, len(x)):
        out[i] = torch.tanh(w * x[i] + 0.5 * out[i - 1])
    return torch.mean(out ** 2)


def inplace_args(rng, rows=200, cols=50):
    w = rng.normal(size=cols)
    x = rng.normal(size=(rows, cols))
    return w, x


# ---------------------------------------------------------------------------
# 9. Hessian-vector product of the Rosenbrock function, n = 100
# ---------------------------------------------------------------------------

HVP_SIZE = 100


def rosenbrock(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def rosenbrock_grad(x):
    """The gradient, derived by hand (used to check the Hessian-vector product)."""
    head, tail = x[:-1], x[1:]
    inner = tail - head ** 2
    g = np.zeros_like(x)
    g[:-1] = -400.0 * head * inner - 2.0 * (1.0 - head)
    g[1:] += 200.0 * inner
    return g


def rosenbrock_hvp(x, v):
    """H v for the Hessian H of Rosenbrock at x, derived by hand (H is never formed)."""
    head, tail = x[:-1], x[1:]
    hv = np.zeros_like(x)
    hv[:-1] = (1200.0 * head ** 2 - 400.0 * tail + 2.0) * v[:-1] - 400.0 * head * v[1:]
    hv[1:] += 200.0 * v[1:] - 400.0 * head * v[:-1]
    return hv


def rosenbrock_ag(x):
    return anp.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def rosenbrock_jax(x):
    return jnp.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def rosenbrock_torch(x):
    return torch.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def hvp_args(rng):
    return rng.normal(size=HVP_SIZE), rng.normal(size=HVP_SIZE)


WORKLOADS = (
    Workload('horner', 'Horner, degree 200 (floats)',
             'Horner evaluation of a degree-200 polynomial over Python floats; d/dx, '
             'coefficients (a list of 201 floats) not differentiated.',
             horner, (0,), horner_args, horner_grad,
             autograd_fn=horner, jax_fn=horner, torch_fn=horner, hand_reverse=horner_grad_reverse, seed=1,
             notes='JAX jit gets the coefficients as one array'),
    Workload('loop', 'Scalar loop + if/else, 500 steps',
             '500-iteration loop over a Python float with a data-dependent if/else; d/dx.',
             branchy_loop, (0,), branchy_loop_args, branchy_loop_grad,
             autograd_fn=branchy_loop, jax_fn=branchy_loop, jax_jit_fn=branchy_loop_lax,
             jax_static=(1,), torch_fn=branchy_loop, hand_reverse=branchy_loop_grad_reverse, seed=2,
             notes='jit version: lax.fori_loop + jnp.where'),
    Workload('mlp_small', 'Small MLP 16-32-1, batch 32',
             'tanh MLP, batch 32, 16 -> 32 -> 1, mean squared error; wrt W1, b1, W2, b2.',
             mlp_loss, (0, 1, 2, 3), mlp_small_args, mlp_loss_grad,
             autograd_fn=mlp_loss_ag, jax_fn=mlp_loss_jax, torch_fn=mlp_loss_torch, seed=3),
    Workload('mlp_large', 'Large MLP 512-1024-10, batch 256',
             'tanh MLP, batch 256, 512 -> 1024 -> 10, mean squared error; wrt W1, b1, W2, b2 '
             '(BLAS bound).',
             mlp_loss, (0, 1, 2, 3), mlp_large_args, mlp_loss_grad,
             autograd_fn=mlp_loss_ag, jax_fn=mlp_loss_jax, torch_fn=mlp_loss_torch, seed=4),
    Workload('rnn', 'tanh RNN, 50 steps',
             'tanh RNN as a Python loop over 50 time steps, batch 16, 8 -> 32, MSE on the last '
             'state; wrt Wx, Wh, b.',
             rnn_loss, (0, 1, 2), rnn_args, rnn_loss_grad,
             autograd_fn=rnn_loss_ag, jax_fn=rnn_loss_jax, torch_fn=rnn_loss_torch, seed=5),
    Workload('rk4', 'RK4, 100 steps, batch 64',
             '100 RK4 steps of a Lotka-Volterra field (4 parameters, a helper function called '
             'four times per step) on 64 states in 2-D; mean of the squared final states; wrt '
             'the 4 parameters.',
             rk4_loss, (0,), rk4_args, rk4_loss_grad,
             autograd_fn=rk4_loss_ag, jax_fn=rk4_loss_jax, jax_jit_fn=rk4_loss_lax, jax_static=(3,),
             torch_fn=rk4_loss_torch, seed=6, notes='jit version: lax.fori_loop'),
    Workload('softmax', 'Softmax cross-entropy 64-10, batch 128',
             'linear layer + softmax cross-entropy with a stable log-sum-exp (max subtracted), '
             'batch 128, 64 -> 10, one-hot labels; wrt W, b.',
             softmax_xent, (0, 1), softmax_args, softmax_xent_grad,
             autograd_fn=softmax_xent_ag, jax_fn=softmax_xent_jax, torch_fn=softmax_xent_torch,
             seed=7),
    Workload('inplace', 'In-place rows (200, 50)',
             'a loop writing one row of a (200, 50) array per step (`out[i] = np.tanh(w * x[i] + '
             '0.5 * out[i - 1])`), then the mean square; wrt w (50,).',
             inplace_rows, (0,), inplace_args, inplace_rows_grad,
             autograd_fn=inplace_rows_ag, jax_fn=inplace_rows_jax, jax_jit_fn=inplace_rows_lax,
             torch_fn=inplace_rows_torch, seed=8,
             notes='autograd: rows stacked (no item assignment); JAX: .at[i].set; '
                   'jit version: lax.fori_loop'),
    Workload('hvp', 'Hessian-vector product, Rosenbrock n=100',
             'H v for the Hessian of the 100-dimensional Rosenbrock function, never forming H: '
             'tangent.hvp (forward over reverse), autograd.hessian_vector_product, JAX '
             'jax.jvp of jax.grad, PyTorch double backward (torch.autograd.grad with create_graph).',
             rosenbrock, (0,), hvp_args, rosenbrock_hvp, kind='hvp', hand_grad=rosenbrock_grad,
             autograd_fn=rosenbrock_ag, jax_fn=rosenbrock_jax, torch_fn=rosenbrock_torch, seed=9),
)
