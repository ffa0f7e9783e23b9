"""Core benchmarks: transformation time and the call overhead of cached derivatives.

Measured:

1. Transformation time for two generated 50-statement functions (a scalar
   straight-line one and an ndarray one with a ``for`` loop and an ``if``):
   the first call of ``tangent.grad(f)(x)`` in a fresh interpreter
   (transformation + compile + one run; median over several processes), and
   ``tangent.derive.reverse`` alone, in-process, on a freshly imported copy of
   the function each time (so the per-code-object parse cache never hits).
2. The per-call cost of a cached derivative versus a hand-written gradient,
   for a tiny scalar function and a small NumPy function: the ``grad`` object
   (type dispatch + generated code), the generated function called directly,
   and the hand-written gradient.
3. The same comparison for the loop ``f(x, n)`` of ``examples/demo.py``.

Every hand-written gradient is checked against tangent's result before it is
timed. Run with ``python -m benchmarks`` (``--write`` saves the markdown to
``docs/benchmarks-core.md``).
"""
import argparse
import ast
import importlib
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import tangent  # noqa: E402
import tangent.derive  # noqa: E402

N_STATEMENTS = 50
SUBPROCESS_RUNS = 5
INPROCESS_RUNS = 5
TIMEIT_REPEATS = 7
DEFAULT_OUTPUT = os.path.join(ROOT, 'docs', 'benchmarks-core.md')


# ---------------------------------------------------------------------------
# Generated 50-statement functions
# ---------------------------------------------------------------------------

# Right-hand sides that keep every temporary bounded (by about max(|x|, 2)),
# whatever the operands: convex combinations, bounded nonlinearities, and
# products with a factor of magnitude at most one.
_RHS = (
    '{a} * {j} + {b} * {k}',
    'np.sin({j}) * {k}',
    'np.tanh({j} - {k})',
    'np.exp(-{j} * {j})',
    '{j} * {k} / (1.0 + {k} * {k})',
    'np.sin(x * {j}) + 0.5 * {k}',
    '0.5 * {j} - {c} * np.tanh({k})',
    '{j} * np.exp(-{k} * {k}) + {c}',
)


def _straight_line(rng, names, count, prefix):
    """`count` assignments to new temporaries, each reading earlier values."""
    lines = []
    for _ in range(count):
        j, k = rng.choice(names[-6:]), rng.choice(names)
        a = round(rng.uniform(0.2, 0.8), 2)
        rhs = rng.choice(_RHS).format(j=j, k=k, a=a, b=round(1.0 - a, 2), c=round(rng.uniform(0.1, 0.5), 2))
        name = '%s%d' % (prefix, len(names))
        lines.append('    %s = %s' % (name, rhs))
        names.append(name)
    return lines


def scalar_source(name, seed=0):
    """A straight-line function of a float: 49 assignments and a return."""
    rng = random.Random(seed)
    names = ['x']
    lines = ['def %s(x):' % name]
    lines += _straight_line(rng, names, N_STATEMENTS - 1, 't')
    lines.append('    return %s * %s + %s' % (names[-1], names[-2], names[-3]))
    return 'import numpy as np\n\n\n' + '\n'.join(lines) + '\n'


def array_source(name, seed=1):
    """A 50-statement function of a 1-d array with a for loop and an if/else."""
    rng = random.Random(seed)
    names = ['x']
    lines = ['def %s(x):' % name]
    lines += _straight_line(rng, names, 24, 't')
    lines.append('    m = %s * np.mean(%s)' % (names[-1], names[-2]))
    names.append('m')
    lines += [
        '    acc = 0.5 * %s' % names[-3],
        '    for i in range(4):',
        '        u = np.tanh(acc + 0.25 * i * %s)' % names[-4],
        '        v = np.sin(u * x)',
        '        acc = 0.5 * acc + 0.5 * v * u',
        '    if np.sum(acc) > 0.0:',
        '        w = acc * np.exp(-m * m)',
        '        w = w + 0.5 * np.tanh(w)',
        '    else:',
        '        w = 0.5 * acc - 0.25 * np.sin(m)',
        '        w = w * np.tanh(w + x)',
    ]
    names += ['acc', 'w']
    lines += _straight_line(rng, names, 14, 'r')
    lines.append('    return np.sum(%s * %s)' % (names[-1], names[-2]))
    return 'import numpy as np\n\n\n' + '\n'.join(lines) + '\n'


def count_statements(source, name):
    tree = ast.parse(source)
    func = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == name)
    return sum(isinstance(node, ast.stmt) for node in ast.walk(func)) - 1


WORKLOADS = {
    # name: (source generator, argument expression, argument type)
    'scalar': (scalar_source, '0.7', float),
    'array': (array_source, 'np.linspace(-1.0, 1.0, 16)', np.ndarray),
}


class ModuleFactory:
    """Writes generated source to uniquely named modules in a temporary directory.

    Each import is a new file, so each function has a new code object (and the
    transformation's per-code-object parse cache cannot hit) and inspect reads
    the right file.
    """

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix='tangent_bench_')
        self.counter = 0
        sys.path.insert(0, self.directory)

    def write(self, kind):
        self.counter += 1
        module_name = 'bench_%s_%d_%d' % (kind, os.getpid(), self.counter)
        source = WORKLOADS[kind][0]('f_' + kind)
        with open(os.path.join(self.directory, module_name + '.py'), 'w') as handle:
            handle.write(source)
        return module_name, source

    def load(self, kind):
        module_name, _ = self.write(kind)
        importlib.invalidate_caches()
        return getattr(importlib.import_module(module_name), 'f_' + kind)

    def close(self):
        if self.directory in sys.path:
            sys.path.remove(self.directory)
        shutil.rmtree(self.directory, ignore_errors=True)


_CHILD = r'''
import json, sys, time
t0 = time.perf_counter()
import numpy as np
import tangent
t1 = time.perf_counter()
from {module} import {func} as f
x = {arg}
t2 = time.perf_counter()
df = tangent.grad(f)
first = df(x)
t3 = time.perf_counter()
second = df(x)
t4 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "first": t3 - t2, "second": t4 - t3}}))
'''


def cold_first_call(factory, kind, runs=SUBPROCESS_RUNS):
    """Median times (seconds) of a first grad call, each in a fresh interpreter."""
    _, arg, _ = WORKLOADS[kind]
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join([factory.directory, ROOT] + (
        [env['PYTHONPATH']] if env.get('PYTHONPATH') else []))
    results = []
    for _ in range(runs):
        module_name, _ = factory.write(kind)
        code = _CHILD.format(module=module_name, func='f_' + kind, arg=arg)
        completed = subprocess.run([sys.executable, '-c', code], env=env, cwd=factory.directory,
                                   capture_output=True, text=True, check=False)
        if completed.returncode:
            raise RuntimeError('benchmark subprocess failed:\n' + completed.stderr)
        results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def warm_reverse(factory, kind, runs=INPROCESS_RUNS):
    """Median seconds of tangent.derive.reverse on a freshly imported function."""
    _, _, arg_type = WORKLOADS[kind]
    times = []
    for _ in range(runs):
        func = factory.load(kind)
        start = time.perf_counter()
        tangent.derive.reverse(func, ('x',), (arg_type,), scalar_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def check_transformed(factory, kind):
    """Sanity: the generated gradient agrees with central differences."""
    _, arg, _ = WORKLOADS[kind]
    func = factory.load(kind)
    x = eval(arg, {'np': np})  # noqa: S307 - our own constant expressions
    gradient = np.asarray(tangent.grad(func)(x), dtype=float)
    direction = np.cos(np.arange(np.size(x)) + 1.0).reshape(np.shape(x))
    eps = 1e-6
    numeric = (func(x + eps * direction) - func(x - eps * direction)) / (2 * eps)
    analytic = float(np.sum(gradient * direction))
    if not np.isclose(numeric, analytic, rtol=1e-5, atol=1e-7):
        raise AssertionError('%s workload: tangent gradient %r disagrees with finite differences %r'
                             % (kind, analytic, numeric))
    return tangent.grad(func)


# ---------------------------------------------------------------------------
# Cached-call overhead
# ---------------------------------------------------------------------------

def tiny(x):
    return x * x + 3.0 * x


def tiny_grad(x):
    return 2.0 * x + 3.0


def small_np(W, x):
    return np.sum(np.tanh(x @ W) ** 2)


def small_np_grad(W, x):
    h = np.tanh(x @ W)
    return x.T @ (2.0 * h * (1.0 - h * h))


def load_demo_f():
    path = os.path.join(ROOT, 'examples', 'demo.py')
    spec = importlib.util.spec_from_file_location('tangent_bench_demo', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.f


def demo_f_grad(x, n):
    """Hand-written reverse mode for examples/demo.py's f (derivative wrt x)."""
    s = 0.0
    tape = []  # per iteration: s before the multiplication, or None if the branch was skipped
    for i in range(n):
        s = s + x * i
        if s > 3.0:
            tape.append(s)
            s = s * x
        else:
            tape.append(None)
    ds = 1.0
    dx = 0.0
    for i in range(n - 1, -1, -1):
        before = tape[i]
        if before is not None:  # s = before * x
            dx += ds * before
            ds *= x
        dx += ds * i  # s = s + x * i
    return dx


def time_per_call(stmts, namespace, repeats=TIMEIT_REPEATS):
    """Median seconds per call of each statement in `stmts`.

    Each statement's loop count comes from timeit's autorange (at least 0.2 s
    per measurement); the repeats are interleaved (all statements once, then
    again, ...) so drifts in machine load affect every statement alike.
    """
    timers = [timeit.Timer(stmt, globals=namespace) for stmt in stmts]
    numbers = [timer.autorange()[0] for timer in timers]
    samples = [[] for _ in stmts]
    for _ in range(repeats):
        for timer, number, sample in zip(timers, numbers, samples):
            sample.append(timer.timeit(number) / number)
    return [statistics.median(sample) for sample in samples]


def cached_impls(df):
    """The derivative's cache of generated functions, keyed by argument types.

    `tangent.grad` returns either the Derivative object itself or a dispatcher
    closure carrying it as `__tangent__` (see tangent/api.py).
    """
    state = getattr(df, '__tangent__', df)
    return state._impls


def call_overhead(label, func, hand, args):
    df = tangent.grad(func)
    expected = df(*args)  # warm-up: transforms and caches
    got = hand(*args)
    if not np.allclose(got, expected, rtol=1e-10, atol=0.0):
        raise AssertionError('%s: hand-written gradient %r != tangent %r' % (label, got, expected))
    impls = list(cached_impls(df).values())
    if len(impls) != 1:
        raise AssertionError('%s: expected exactly one cached specialisation, got %d' % (label, len(impls)))
    raw = impls[0]
    if not np.allclose(raw(*args), expected, rtol=1e-10, atol=0.0):
        raise AssertionError('%s: raw generated function disagrees with the derivative object' % label)
    namespace = {'args': args, 'hand': hand, 'df': df, 'raw': raw}
    hand_t, grad_t, raw_t = time_per_call(['hand(*args)', 'df(*args)', 'raw(*args)'], namespace)
    return {'label': label, 'hand': hand_t, 'grad': grad_t, 'raw': raw_t, 'df': df}


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

def machine_info():
    try:
        commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = 'unknown'
    return [
        ('Processor', platform.processor() or platform.machine() or 'unknown'),
        ('Platform', platform.platform()),
        ('CPUs (os.cpu_count)', str(os.cpu_count())),
        ('Python', '%s (%s)' % (platform.python_version(), platform.python_implementation())),
        ('NumPy', np.__version__),
        ('tangent commit', commit),
        ('Load average (1 min) at start', '%.2f' % os.getloadavg()[0] if hasattr(os, 'getloadavg') else 'n/a'),
    ]


def _ms(seconds):
    return '%.1f' % (seconds * 1e3)


def _us(seconds):
    return '%.2f' % (seconds * 1e6)


def render(info, transform, overhead, total_seconds):
    out = ['# tangent core benchmarks', '',
           'Generated by `python -m benchmarks`. Timings are machine dependent; '
           'compare ratios, not absolute numbers, across machines.', '',
           '| Machine | |', '|---|---|']
    out += ['| %s | %s |' % row for row in info]
    out += ['', '## Transformation time (%d-statement functions)' % N_STATEMENTS, '',
            'First call = `tangent.grad(f)(x)` in a fresh interpreter after importing numpy and '
            'tangent (parse, transform, optimise, compile, one run); median of %d processes. '
            '`derive.reverse` = the transformation alone, in-process after a warm-up, on a newly '
            'imported copy of `f` each time (no parse-cache hits); median of %d.'
            % (SUBPROCESS_RUNS, INPROCESS_RUNS), '',
            '| Workload | First call, cold (ms) | Second call, cached (ms) | `derive.reverse`, warm (ms) '
            '| `import tangent` (ms) |',
            '|---|---:|---:|---:|---:|']
    for kind, description in (('scalar', 'float, straight line'),
                              ('array', 'ndarray (16,), for + if')):
        row = transform[kind]
        out.append('| %s | %s | %.3f | %s | %s |' % (
            description, _ms(row['cold']['first']), row['cold']['second'] * 1e3, _ms(row['reverse']),
            _ms(row['cold']['import'])))
    out += ['', '## Cached call overhead', '',
            'Median time per call (timeit autorange, median of %d repeats; the three variants are '
            'measured interleaved). *grad* is the cached `tangent.grad(f)` object (dispatch on argument types, '
            'then the generated code); *generated* is the generated function called directly; '
            'dispatch = grad - generated.' % TIMEIT_REPEATS, '',
            '| Workload | Hand-written (us) | tangent grad (us) | Generated alone (us) '
            '| grad / hand | generated / hand | Dispatch (us) |',
            '|---|---:|---:|---:|---:|---:|---:|']
    for row in overhead:
        out.append('| %s | %s | %s | %s | %.2f | %.2f | %s |' % (
            row['label'], _us(row['hand']), _us(row['grad']), _us(row['raw']),
            row['grad'] / row['hand'], row['raw'] / row['hand'], _us(row['grad'] - row['raw'])))
    out += ['', 'Total benchmark time: %.1f s.' % total_seconds, '']
    return '\n'.join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m benchmarks', description=__doc__.splitlines()[0])
    parser.add_argument('--write', nargs='?', const=DEFAULT_OUTPUT, default=None, metavar='PATH',
                        help='also write the markdown report (default path: docs/benchmarks-core.md)')
    parser.add_argument('--show-source', action='store_true',
                        help='print the generated derivative source of each workload to stderr')
    options = parser.parse_args(argv)
    started = time.perf_counter()
    info = machine_info()

    factory = ModuleFactory()
    try:
        derivatives = {}
        for kind in WORKLOADS:
            _, source = factory.write(kind)
            count = count_statements(source, 'f_' + kind)
            if count != N_STATEMENTS:
                raise AssertionError('%s workload has %d statements, not %d' % (kind, count, N_STATEMENTS))
            derivatives[kind] = check_transformed(factory, kind)  # also warms up the pipeline
        transform = {kind: {'cold': cold_first_call(factory, kind), 'reverse': warm_reverse(factory, kind)}
                     for kind in WORKLOADS}
    finally:
        factory.close()

    rng = np.random.default_rng(0)
    W, x = rng.normal(size=(8, 4)), rng.normal(size=(16, 8))
    overhead = [
        call_overhead('tiny scalar `x * x + 3.0 * x`', tiny, tiny_grad, (0.7,)),
        call_overhead('small NumPy `sum(tanh(x @ W) ** 2)`, W (8,4), x (16,8)', small_np, small_np_grad, (W, x)),
        call_overhead('demo.py loop `f(x, n)`, n=500', load_demo_f(), demo_f_grad, (1.01, 500)),
    ]

    if options.show_source:
        for kind, df in derivatives.items():
            print('# --- %s workload ---\n%s' % (kind, tangent.source(df)), file=sys.stderr)
        for row in overhead:
            print('# --- %s ---\n%s' % (row['label'], tangent.source(row['df'])), file=sys.stderr)

    report = render(info, transform, overhead, time.perf_counter() - started)
    print(report)
    if options.write:
        os.makedirs(os.path.dirname(os.path.abspath(options.write)), exist_ok=True)
        with open(options.write, 'w') as handle:
            handle.write(report)
    return 0
