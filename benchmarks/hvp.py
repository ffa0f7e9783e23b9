"""Hessian-vector product of the 100-dimensional Rosenbrock function.

tangent.hvp (forward over reverse, never forms H) against a hand-written
Hessian-vector product and against forming the full Hessian with
tangent.hessian and multiplying. Run with `python -m benchmarks.hvp`. The same
workload, with autograd, JAX and PyTorch, is part of `python -m benchmarks.peers`
(benchmarks/workloads.py).
"""
import os
import platform
import statistics
import sys
import timeit

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import tangent  # noqa: E402
from benchmarks.workloads import HVP_SIZE as N, rosenbrock, rosenbrock_hvp  # noqa: E402


def _median_microseconds(func, repeats=7):
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    return statistics.median(t / number for t in timer.repeat(repeats, number)) * 1e6


def run():
    rng = np.random.default_rng(0)
    x, v = rng.normal(size=N), rng.normal(size=N)
    product = tangent.hvp(rosenbrock)
    hessian = tangent.hessian(rosenbrock)
    expected = rosenbrock_hvp(x, v)
    np.testing.assert_allclose(product(x, v), expected, rtol=1e-10)
    np.testing.assert_allclose(hessian(x) @ v, expected, rtol=1e-10)
    hand = _median_microseconds(lambda: rosenbrock_hvp(x, v))
    rows = [('hand-written Hessian-vector product', hand),
            ('tangent.hvp (forward over reverse)', _median_microseconds(lambda: product(x, v))),
            ('tangent.hessian(x) @ v (full Hessian)', _median_microseconds(lambda: hessian(x) @ v, 3))]
    lines = ['Hessian-vector product, Rosenbrock, n=%d, float64' % N,
             'machine: %s, %d cores, Python %s, NumPy %s'
             % (platform.machine(), os.cpu_count(), platform.python_version(), np.__version__),
             '', '| method | median us | ratio to hand-written |', '|---|---:|---:|']
    for name, micros in rows:
        lines.append('| %s | %.1f | %.2f |' % (name, micros, micros / hand))
    return '\n'.join(lines)


if __name__ == '__main__':
    print(run())
