"""Peer benchmarks: tangent against a hand-written gradient, autograd, JAX and PyTorch.

For each workload of benchmarks/workloads.py (float64 everywhere, fixed seeds):

1. the hand-written gradient is checked against central finite differences of
   the plain function (directional derivatives, rtol 1e-5); for the
   Hessian-vector product, H v by hand against differences of the gradient;
2. every contestant (hand-written NumPy, tangent, autograd, JAX eager, JAX
   jit, PyTorch eager) computes the gradient once and is checked equal to the
   hand-written one (rtol 1e-8) before it is timed; a contestant that raises or
   disagrees is recorded as failed and not timed;
3. the checked contestants are timed together: timeit's autorange picks each
   one's loop count, then the repeats are interleaved (everyone once, then
   again) and the median time per call is reported.

Also measured: tangent's first call on a freshly imported copy of the workload
(transformation + compile + one run, in-process, so no cache can hit) and its
cached-call overhead (the ``tangent.grad`` object versus the generated
function called directly), and JAX jit's first call (trace + compile).

Peers that are not installed are skipped with a note. Run with
``python -m benchmarks.peers`` (``--write`` saves the markdown report to
``docs/benchmarks.md``); ``python -m benchmarks --write`` runs it after the
core benchmarks.
"""
import argparse
import dataclasses
import functools
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import tangent  # noqa: E402
from benchmarks import workloads as W  # noqa: E402

DEFAULT_OUTPUT = os.path.join(ROOT, 'docs', 'benchmarks.md')
REPEATS = 5
TRANSFORM_RUNS = 5
RTOL = 1e-8
ATOL_SCALE = 1e-12   # absolute floor: ATOL_SCALE * max |expected| of each gradient array
FD_RTOL = 1e-5
DISPATCH_PAIRS = 21
DISPATCH_MAX_CALL = 2e-4  # longer calls hide a microsecond of dispatch in their noise
TARGET_RATIO = 1.2
TARGET_TRANSFORM_MS = 100.0
# Workloads of the "faster than autograd, PyTorch eager and JAX without jit" target.
SPEED_TARGET_WORKLOADS = ('horner', 'loop', 'mlp_small', 'rnn', 'rk4', 'softmax', 'inplace', 'hvp')
SPEED_TARGET_PEERS = ('autograd', 'jax', 'torch')


class Unavailable(Exception):
    """A contestant that cannot run here at all (its package is not installed)."""


# ---------------------------------------------------------------------------
# Contestants
# ---------------------------------------------------------------------------

class Prepared:
    """A contestant ready to be timed on one workload."""

    def __init__(self, call, result, first_call, extra=None):
        self.call = call              # no arguments; returns the gradient(s), finished
        self.result = result          # the gradient(s) of the first call
        self.first_call = first_call  # seconds taken by the first call
        self.extra = extra or {}


def _timed_first(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


class Hand:
    key, label = 'hand', 'hand-written'
    function = None  # the Workload attribute holding this contestant's version, if it needs one

    def __init__(self, modules):
        pass

    def version(self):
        return 'NumPy ' + np.__version__

    def prepare(self, wl, args):
        call = functools.partial(wl.hand, *args)
        result, first = _timed_first(call)
        return Prepared(call, result, first)


class Tangent:
    key, label = 'tangent', 'tangent'
    function = None

    def __init__(self, modules):
        # Read at the start: the code measured is the code imported then.
        self._version = 'commit ' + _git_commit() + (
            ' + uncommitted changes under tangent/' if _tangent_dirty() else '')

    def version(self):
        return self._version

    def prepare(self, wl, args):
        df = tangent_derivative(wl, wl.func)
        call = functools.partial(df, *args)
        result, first = _timed_first(call)
        raw = df.__tangent__._impls[tangent.api.dispatch_key(args)]
        return Prepared(call, result, first, extra={'df': df, 'raw': functools.partial(raw, *args)})


class Autograd:
    key, label = 'autograd', 'autograd'
    function = 'autograd_fn'

    def __init__(self, modules):
        self.module = modules.get('autograd')
        if not _is_module(self.module):
            raise Unavailable('autograd is not installed (pip install autograd)')

    def version(self):
        return _dist_version('autograd')

    def prepare(self, wl, args):
        argnum = wl.wrt if len(wl.wrt) > 1 else wl.wrt[0]
        if wl.kind == 'hvp':
            g = self.module.hessian_vector_product(wl.autograd_fn, argnum)
        else:
            g = self.module.grad(wl.autograd_fn, argnum)
        call = functools.partial(g, *args)
        result, first = _timed_first(call)
        return Prepared(call, result, first)


class _JaxBase:
    def __init__(self, modules):
        self.jax = modules.get('jax')
        if not _is_module(self.jax):
            raise Unavailable('JAX is not installed (pip install jax jaxlib)')

    def version(self):
        return 'jax %s, jaxlib %s' % (_dist_version('jax'), _dist_version('jaxlib'))

    def convert(self, args, lists=False):
        """NumPy arrays become JAX arrays; with `lists`, so do lists of floats."""
        return tuple(self.jax.numpy.asarray(a) if isinstance(a, np.ndarray) or (lists and isinstance(a, list))
                     else a for a in args)

    def derivative(self, wl, fn):
        """jax.grad of fn, or for an hvp workload forward over reverse: jvp of grad."""
        jax = self.jax
        if wl.kind != 'hvp':
            return jax.grad(fn, argnums=wl.wrt)
        gradient = jax.grad(fn, argnums=wl.wrt[0])

        def hvp(x, v):
            return jax.jvp(gradient, (x,), (v,))[1]
        return hvp

    def wrap(self, g, jargs):
        block = self.jax.block_until_ready

        def call():
            return block(g(*jargs))
        return call


class JaxEager(_JaxBase):
    key, label = 'jax', 'JAX (no jit)'
    function = 'jax_fn'

    def prepare(self, wl, args):
        jargs = self.convert(args)
        call = self.wrap(self.derivative(wl, wl.jax_fn), jargs)
        result, first = _timed_first(call)
        return Prepared(call, result, first)


class JaxJit(_JaxBase):
    key, label = 'jax_jit', 'JAX jit'
    function = 'jax_fn'

    def prepare(self, wl, args):
        # Under jit a list of floats would be 201 separate inputs converted on every call.
        jargs = self.convert(args, lists=True)
        fn = wl.jax_jit_fn or wl.jax_fn
        g = self.jax.jit(self.derivative(wl, fn), static_argnums=wl.jax_static)
        call = self.wrap(g, jargs)
        result, first = _timed_first(call)  # trace + compile + run
        return Prepared(call, result, first)


class Torch:
    key, label = 'torch', 'PyTorch eager'
    function = 'torch_fn'

    def __init__(self, modules):
        self.torch = modules.get('torch')
        if not _is_module(self.torch):
            raise Unavailable('PyTorch is not installed (install a CPU build of torch)')

    def version(self):
        return '%s, threads: %d' % (self.torch.__version__, self.torch.get_num_threads())

    def prepare(self, wl, args):
        torch = self.torch
        targs = []
        for index, value in enumerate(args):
            if isinstance(value, np.ndarray) or (index in wl.wrt and isinstance(value, float)):
                value = torch.tensor(value, dtype=torch.float64, requires_grad=index in wl.wrt)
            targs.append(value)
        params = [targs[index] for index in wl.wrt]
        fn = wl.torch_fn
        grad = torch.autograd.grad
        if wl.kind == 'hvp':  # double backward: the gradient's graph, then its product with v
            x, v = targs

            def call():
                (g,) = grad(fn(x), (x,), create_graph=True)
                return grad(g, (x,), grad_outputs=v)
        else:
            def call():
                return grad(fn(*targs), params)
        result, first = _timed_first(call)
        return Prepared(call, result, first)


CONTESTANTS = (Hand, Tangent, Autograd, JaxEager, JaxJit, Torch)
COLUMNS = tuple(c.key for c in CONTESTANTS)
LABELS = {c.key: c.label for c in CONTESTANTS}


def _is_module(value):
    return value is not None and not isinstance(value, BaseException)


def _dist_version(name):
    try:
        from importlib import metadata
        return metadata.version(name)
    except Exception:  # noqa: BLE001 - a version string is informational only
        return 'unknown'


def _tangent_dirty():
    try:
        return bool(subprocess.run(['git', 'status', '--porcelain', '--', 'tangent'], cwd=ROOT, capture_output=True,
                                   text=True, check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        return False


def _git_commit():
    try:
        return subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

def as_arrays(result):
    """A contestant's gradient(s) as a tuple of float64 NumPy arrays."""
    if not isinstance(result, (tuple, list)):
        result = (result,)
    arrays = []
    for value in result:
        if hasattr(value, 'detach'):  # torch
            value = value.detach().cpu().numpy()
        arrays.append(np.asarray(value, dtype=np.float64))
    return tuple(arrays)


def compare(got, expected):
    """None if `got` equals `expected` (rtol RTOL), else a description of the difference."""
    if len(got) != len(expected):
        return 'returned %d gradients, expected %d' % (len(got), len(expected))
    for index, (g, e) in enumerate(zip(got, expected)):
        if g.shape != e.shape:
            return 'gradient %d has shape %s, expected %s' % (index, g.shape, e.shape)
        atol = ATOL_SCALE * float(np.max(np.abs(e))) if e.size else 0.0
        if not np.allclose(g, e, rtol=RTOL, atol=atol):
            err = float(np.max(np.abs(g - e) / (np.abs(e) + atol + 1e-300)))
            return 'gradient %d differs: max relative error %.3g' % (index, err)
    return None


def check_hand_gradient(wl, args, expected):
    """The hand-written gradient against central differences along a random direction.

    For an hvp workload: the hand-written gradient against differences of the
    function, then the hand-written H v against differences of that gradient along v.
    """
    rng = np.random.default_rng(1234)
    eps = 1e-6
    if wl.kind == 'hvp':
        x, v = args
        check_hand_gradient(dataclasses.replace(wl, kind='grad'), (x,), (wl.hand_grad(x),))
        numeric = (wl.hand_grad(x + eps * v) - wl.hand_grad(x - eps * v)) / (2 * eps)
        if not np.allclose(expected[0], numeric, rtol=FD_RTOL, atol=1e-6 * np.max(np.abs(numeric))):
            raise AssertionError('%s: hand-written Hessian-vector product disagrees with finite '
                                 'differences of the gradient' % wl.key)
        return
    for index, position in enumerate(wl.wrt):
        value = args[position]
        direction = rng.normal(size=np.shape(value))

        def at(step):
            shifted = list(args)
            moved = value + step * direction
            shifted[position] = float(moved) if isinstance(value, float) else moved
            return float(wl.func(*shifted))
        numeric = (at(eps) - at(-eps)) / (2 * eps)
        analytic = float(np.sum(expected[index] * direction))
        if not np.isclose(numeric, analytic, rtol=FD_RTOL, atol=1e-8):
            raise AssertionError('%s: hand-written gradient %d disagrees with finite differences '
                                 '(%r vs %r)' % (wl.key, index, analytic, numeric))


# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------

def time_calls(calls, repeats):
    """Median seconds per call of each zero-argument callable, repeats interleaved."""
    timers = [timeit.Timer(call) for call in calls]
    numbers = [timer.autorange()[0] for timer in timers]
    samples = [[] for _ in calls]
    for _ in range(repeats):
        for timer, number, sample in zip(timers, numbers, samples):
            sample.append(timer.timeit(number) / number)
    return [statistics.median(sample) for sample in samples]


def paired_difference(first, second, per_call, pairs=DISPATCH_PAIRS, chunk=0.02):
    """Median over alternating pairs of (time of `first` - time of `second`) per call, in seconds.

    Timing both back to back, in alternating order, cancels most of the drift
    that other processes cause; small differences between long calls stay noise.
    """
    number = max(1, int(chunk / per_call))
    differences = []
    for index in range(pairs):
        order = (first, second) if index % 2 == 0 else (second, first)
        took = {id(call): timeit.Timer(call).timeit(number) / number for call in order}
        differences.append(took[id(first)] - took[id(second)])
    return statistics.median(differences)


_fresh_counter = [0]


def fresh_workloads_module():
    """A new copy of workloads.py: new function and code objects, so no tangent cache hits."""
    _fresh_counter[0] += 1
    name = 'benchmarks_workloads_fresh_%d' % _fresh_counter[0]
    spec = importlib.util.spec_from_file_location(name, W.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tangent_derivative(wl, func):
    """tangent.grad of func wrt the workload's arguments, or tangent.hvp for an hvp workload."""
    if wl.kind == 'hvp':
        return tangent.hvp(func, wrt=wl.wrt[0])
    return tangent.grad(func, wrt=wl.wrt)


def transformation_time(wl, args, runs):
    """Median seconds of the first `tangent.grad(f)(*args)` call on fresh copies of f."""
    times = []
    for _ in range(runs):
        func = getattr(fresh_workloads_module(), wl.func.__name__)
        start = time.perf_counter()
        tangent_derivative(wl, func)(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_workload(wl, contestants, repeats, transform_runs, log):
    args = wl.args()
    expected = as_arrays(wl.hand(*args))
    check_hand_gradient(wl, args, expected)
    row = {'key': wl.key, 'times': {}, 'status': {}, 'first_call': {}, 'source': None}
    prepared = {}
    for contestant in contestants:
        key = contestant.key
        if contestant.function and getattr(wl, contestant.function) is None:
            continue  # the workload has no version for this framework: n/a
        try:
            ready = contestant.prepare(wl, args)
        except Exception as exc:  # noqa: BLE001 - a failing contestant is a result, not a crash
            row['status'][key] = 'error: %s: %s' % (type(exc).__name__, _summary(str(exc)))
            log('  %-8s FAILED (%s)' % (key, row['status'][key]))
            continue
        problem = compare(as_arrays(ready.result), expected)
        if problem:
            row['status'][key] = 'wrong gradient: ' + problem
            log('  %-8s WRONG (%s)' % (key, problem))
            continue
        row['status'][key] = 'ok'
        row['first_call'][key] = ready.first_call
        prepared[key] = ready
    calls = [(key, ready.call) for key, ready in prepared.items()]
    if wl.hand_reverse is not None:
        problem = compare(as_arrays(wl.hand_reverse(*args)), expected)
        if problem:
            raise AssertionError('%s: hand-written reverse mode: %s' % (wl.key, problem))
        calls.append(('hand_reverse', functools.partial(wl.hand_reverse, *args)))
        reverse = tangent.grad(wl.func, wrt=wl.wrt, mode='reverse')
        problem = compare(as_arrays(reverse(*args)), expected)
        if problem:
            row['status']['tangent_reverse'] = 'wrong gradient: ' + problem
        else:
            calls.append(('tangent_reverse', functools.partial(reverse, *args)))
    if 'tangent' in prepared:
        calls.append(('tangent_raw', prepared['tangent'].extra['raw']))
        row['source'] = tangent.source(prepared['tangent'].extra['df'])
    medians = time_calls([call for _, call in calls], repeats)
    row['times'] = dict(zip([key for key, _ in calls], medians))
    if row['status'].get('tangent') == 'ok':
        row['transform'] = transformation_time(wl, args, transform_runs)
        if row['times']['tangent'] < DISPATCH_MAX_CALL:
            row['dispatch'] = paired_difference(prepared['tangent'].call, prepared['tangent'].extra['raw'],
                                                row['times']['tangent'])
    row['load'] = os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan')
    return row


def _summary(text, limit=300):
    text = ' '.join(line.strip() for line in text.strip().splitlines() if line.strip())
    return text if len(text) <= limit else text[:limit - 3] + '...'


# ---------------------------------------------------------------------------
# Threads
# ---------------------------------------------------------------------------

def limit_threads_before_import(threads):
    """XLA reads its thread settings when JAX starts: set them before load_peers()."""
    if threads == 1:
        flags = os.environ.get('XLA_FLAGS', '')
        if 'xla_cpu_multi_thread_eigen' not in flags:
            os.environ['XLA_FLAGS'] = (flags + ' --xla_cpu_multi_thread_eigen=false '
                                       'intra_op_parallelism_threads=1').strip()


def limit_threads(threads, modules):
    """Cap the thread pools of NumPy's BLAS and PyTorch; returns (description, keep-alive handle)."""
    if threads <= 0:
        return 'library defaults (--threads 0)', None
    notes = []
    handle = None
    try:
        from threadpoolctl import threadpool_limits
        handle = threadpool_limits(limits=threads, user_api='blas')
        notes.append('NumPy BLAS %d (threadpoolctl)' % threads)
    except ImportError:
        notes.append('NumPy BLAS not limited (threadpoolctl is not installed)')
    torch = modules.get('torch')
    if _is_module(torch):
        torch.set_num_threads(threads)
        notes.append('PyTorch %d (torch.set_num_threads)' % threads)
    if _is_module(modules.get('jax')):
        notes.append('XLA: ' + ('single-threaded Eigen (XLA_FLAGS)' if threads == 1 else 'default'))
    return '%d per library (--threads %d): %s' % (threads, threads, '; '.join(notes)), handle


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

def _cpu_model():
    try:
        with open('/proc/cpuinfo') as handle:
            for line in handle:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or 'unknown'


def _blas():
    try:
        from threadpoolctl import threadpool_info
        for info in threadpool_info():
            if info.get('user_api') == 'blas':
                return '%s %s, kernel %s, threads: %s' % (info.get('internal_api'), info.get('version'),
                                                         info.get('architecture'), info.get('num_threads'))
    except ImportError:
        pass
    try:
        blas = np.show_config(mode='dicts')['Build Dependencies']['blas']
        return '%s %s (install threadpoolctl to see the kernel)' % (blas.get('name'), blas.get('version'))
    except Exception:  # noqa: BLE001
        return 'unknown'


def machine_info(contestants, skipped, threads_note):
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()
    rows = [
        ('CPU', '%s (%s)' % (_cpu_model(), platform.machine())),
        ('Cores', '%s logical (os.cpu_count), %s usable by this process' % (os.cpu_count(), affinity)),
        ('OS', platform.platform()),
        ('Python', '%s (%s)' % (platform.python_version(), platform.python_implementation())),
        ('NumPy', '%s; BLAS: %s' % (np.__version__, _blas())),
        ('OpenBLAS environment', ', '.join('%s=%s' % (k, os.environ[k]) for k in
                                           ('OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE', 'OPENBLAS_NUM_THREADS',
                                            'OMP_NUM_THREADS') if k in os.environ) or 'none set'),
        ('Threads', threads_note),
    ]
    for contestant in contestants:
        rows.append((contestant.label, contestant.version()))
    for key, note in skipped:
        rows.append((LABELS[key], 'skipped: ' + note))
    return rows


def _fmt_us(seconds):
    us = seconds * 1e6
    if us >= 1000:
        return '{:,.0f}'.format(us)
    if us >= 100:
        return '%.0f' % us
    return '%.1f' % us


def _fmt_ms(seconds):
    return '%.1f' % (seconds * 1e3)


def _dispatch(row):
    if 'dispatch' not in row:
        return 'n/r'
    return '%.2f' % (row['dispatch'] * 1e6)


def _cell(row, key, value_fn):
    status = row['status'].get(key)
    if status is None:
        return 'n/a'
    if status != 'ok':
        return '**wrong**' if status.startswith('wrong') else '**fails**'
    return value_fn(row['times'][key])


def evaluate_targets(rows, contestants_run):
    """[(target, holds (True/False/None), details)]."""
    by_key = {row['key']: row for row in rows}
    results = []
    # 1. within TARGET_RATIO of hand-written everywhere.
    bad, missing = [], []
    for row in rows:
        if row['status'].get('tangent') != 'ok':
            missing.append(row['key'])
            continue
        ratio = row['times']['tangent'] / row['times']['hand']
        if ratio > TARGET_RATIO:
            bad.append('%s %.2fx' % (row['key'], ratio))
    holds = not bad and not missing
    detail = ('all within %.1fx' % TARGET_RATIO) if holds else '; '.join(
        (['over: ' + ', '.join(bad)] if bad else []) + (['tangent failed: ' + ', '.join(missing)] if missing else []))
    results.append(('tangent within %.1fx of hand-written on every workload (median)' % TARGET_RATIO, holds, detail))
    # 2. faster than autograd, torch, JAX eager on the listed workloads.
    bad, unchecked, margins = [], [], []
    for key in SPEED_TARGET_WORKLOADS:
        row = by_key.get(key)
        if row is None:
            continue
        if row['status'].get('tangent') != 'ok':
            bad.append('%s: tangent failed' % key)
            continue
        for peer in SPEED_TARGET_PEERS:
            if row['status'].get(peer) != 'ok':
                unchecked.append('%s/%s' % (key, peer))
                continue
            margins.append((row['times'][peer] / row['times']['tangent'], key, LABELS[peer]))
            if row['times']['tangent'] >= row['times'][peer]:
                bad.append('%s: %s %.2fx of tangent' % (key, LABELS[peer],
                                                         row['times'][peer] / row['times']['tangent']))
    holds = None if not bad and not margins else not bad
    if bad:
        detail = 'not faster: ' + '; '.join(bad)
    elif margins:
        ratio, key, peer = min(margins)
        detail = 'faster on all (smallest margin: %s %.1fx slower on %s)' % (peer, ratio, key)
    else:
        detail = 'no peer to compare with'
    if unchecked:
        detail += ' (not compared, peer skipped or failed: %s)' % ', '.join(unchecked)
    results.append(('tangent faster than autograd, PyTorch eager and JAX without jit on %s'
                    % ', '.join(SPEED_TARGET_WORKLOADS), holds, detail))
    # 3. first-call transformation under TARGET_TRANSFORM_MS.
    bad = []
    for row in rows:
        if 'transform' not in row:
            continue
        transform_ms = (row['transform'] - row['times']['tangent']) * 1e3
        if transform_ms >= TARGET_TRANSFORM_MS:
            bad.append('%s %.0f ms' % (row['key'], transform_ms))
    results.append(('first-call transformation under %.0f ms' % TARGET_TRANSFORM_MS, not bad,
                    'all under' if not bad else 'over: ' + ', '.join(bad)))
    return results


def render(info, workloads, rows, contestants_run, targets, load, total_seconds, repeats, transform_runs):
    columns = [key for key in COLUMNS if key in {c.key for c in contestants_run}]
    titles = {wl.key: wl.title for wl in workloads}
    out = ['# tangent peer benchmarks', '',
           'Generated by `python -m benchmarks.peers --write` (also run by `python -m benchmarks --write`). '
           'Median time per gradient call; every contestant\'s gradient was checked equal to the '
           'hand-written one (rtol %g) before it was timed. Timings depend on the machine and on its '
           'load: compare ratios, not absolute numbers.' % RTOL, '',
           '## Machine', '', '| | |', '|---|---|']
    out += ['| %s | %s |' % item for item in info]
    out += ['| Load average (1 min) | %.2f at start, %.2f at end, %.2f max between workloads '
            '(other processes share this machine) |' % load, '']

    header = '| Workload | ' + ' | '.join(LABELS[key] for key in columns) + ' |'
    rule = '|---|' + '---:|' * len(columns)
    out += ['## Median time per gradient call (µs)', '', header, rule]
    for row in rows:
        out.append('| %s | %s |' % (titles[row['key']], ' | '.join(_cell(row, key, _fmt_us) for key in columns)))
    out += ['', '## Ratio to the hand-written gradient (lower is better)', '', header, rule]
    for row in rows:
        hand = row['times'].get('hand')
        out.append('| %s | %s |' % (titles[row['key']], ' | '.join(
            _cell(row, key, (lambda t: '%.2f' % (t / hand)) if hand else (lambda t: 'n/a')) for key in columns)))

    reverse_rows = [row for row in rows if 'hand_reverse' in row['times']]
    if reverse_rows:
        out += ['', '### Scalar workloads: reverse mode, for reference', '',
                'The hand-written gradients of the scalar workloads carry the derivative forward with '
                'the value (forward mode: no tape), and so does `tangent.grad` for a function of one '
                'number. Reverse mode has to record the forward pass and replay it backwards; done by '
                'hand with a Python list as the tape, and by `tangent.grad(f, mode=\'reverse\')`, it costs:',
                '',
                '| Workload | hand-written, forward (µs) | tangent (µs) | hand-written, reverse with tape (µs) '
                '| tangent, mode=\'reverse\' (µs) | tangent reverse / hand reverse |',
                '|---|---:|---:|---:|---:|---:|']
        for row in reverse_rows:
            t = row['times']
            out.append('| %s | %s | %s | %s | %s | %s |' % (
                titles[row['key']], _fmt_us(t['hand']), _cell(row, 'tangent', _fmt_us),
                _fmt_us(t['hand_reverse']),
                _fmt_us(t['tangent_reverse']) if 'tangent_reverse' in t else 'n/a',
                '%.2f' % (t['tangent_reverse'] / t['hand_reverse']) if 'tangent_reverse' in t else 'n/a'))

    if 'jax_jit' in columns:
        out += ['', '## JAX jit: first call (trace + compile + one run)', '',
                '| Workload | First call (ms) | Later calls (µs) |', '|---|---:|---:|']
        for row in rows:
            if row['status'].get('jax_jit') == 'ok':
                out.append('| %s | %s | %s |' % (titles[row['key']], _fmt_ms(row['first_call']['jax_jit']),
                                                 _fmt_us(row['times']['jax_jit'])))

    out += ['', '## tangent: transformation time and cached-call overhead', '',
            '*First call*: `tangent.grad(f, wrt)(*args)` (`tangent.hvp(f)(x, v)` for the Hessian-vector '
            'product) on a freshly imported copy of the workload module '
            '(new function and code objects, so neither the derivative cache nor the parse cache hits), '
            'in-process after a warm-up; median of %d. It includes one run of the derivative; '
            '*transformation* = first call - cached call (for RK4 it includes generating the helper\'s '
            'derivative, which happens inside the first backward pass). *Generated* is the generated '
            'function called directly; *dispatch* = grad object - generated, the median difference over '
            '%d alternating back-to-back pairs of measurements; n/r (not resolvable) where a call takes '
            'over %.1f ms and a microsecond drowns in its noise.'
            % (transform_runs, DISPATCH_PAIRS, DISPATCH_MAX_CALL * 1e3), '',
            '| Workload | First call (ms) | Transformation (ms) | Cached call (µs) | Generated alone (µs) '
            '| Dispatch (µs) |', '|---|---:|---:|---:|---:|---:|']
    for row in rows:
        if 'transform' not in row:
            out.append('| %s | %s | | | | |' % (titles[row['key']], _cell(row, 'tangent', _fmt_us)))
            continue
        t = row['times']
        out.append('| %s | %s | %s | %s | %s | %s |' % (
            titles[row['key']], _fmt_ms(row['transform']), _fmt_ms(row['transform'] - t['tangent']),
            _fmt_us(t['tangent']), _fmt_us(t['tangent_raw']), _dispatch(row)))

    out += ['', '## Targets', '', '| Target | Holds | Details |', '|---|---|---|']
    for target, holds, detail in targets:
        out.append('| %s | %s | %s |' % (target, {True: 'yes', False: '**no**', None: 'not measured'}[holds],
                                         detail))

    failures = [(row['key'], key, status) for row in rows for key, status in row['status'].items()
                if status != 'ok']
    out += ['', '## Failures', '']
    if failures:
        out += ['| Workload | Contestant | Problem |', '|---|---|---|']
        out += ['| %s | %s | %s |' % (titles[w], LABELS[k], s.replace('|', '\\|')) for w, k, s in failures]
    else:
        out.append('None: every contestant produced the hand-written gradient on every workload.')

    out += ['', '## Workloads', '']
    for wl in workloads:
        out.append('- **%s**: %s%s' % (wl.title, wl.description, (' *(%s)*' % wl.notes) if wl.notes else ''))
    out += ['', '## Method', '',
            '- Code: `benchmarks/workloads.py` (each workload as plain NumPy for tangent, the hand-written '
            'gradient, and the autograd / JAX / PyTorch versions), `benchmarks/peers.py` (runner).',
            '- Every gradient call returns all gradients of the workload; JAX results are waited for with '
            '`block_until_ready`; PyTorch uses `torch.autograd.grad` on float64 leaf tensors; JAX runs with '
            '`jax_enable_x64`. Inputs are converted to each framework\'s arrays once, outside the timing.',
            '- Equality check: `numpy.allclose(got, hand, rtol=%g, atol=%g * max|hand|)` for each gradient '
            'array; the hand-written gradients are themselves checked against central finite differences.'
            % (RTOL, ATOL_SCALE),
            '- Timing: `timeit` autorange (at least 0.2 s per measurement, garbage collector off) for each '
            'contestant, then %d repeats interleaved across contestants; the median is reported.' % repeats,
            '- JAX jit: workloads whose control flow depends on traced values or that loop many times use a '
            '`lax.fori_loop` version under jit (see the workload notes); the others jit the eager version. '
            'Lists of floats are passed to jitted functions as one array.',
            '- Hessian-vector product: every contestant computes H v without forming H (tangent.hvp, '
            'autograd.hessian_vector_product, jax.jvp of jax.grad, PyTorch double backward); the '
            'hand-written H v is checked against central differences of the hand-written gradient.',
            '', 'Total benchmark time: %.0f s.' % total_seconds, '']
    return '\n'.join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m benchmarks.peers', description=__doc__.splitlines()[0])
    parser.add_argument('--write', nargs='?', const=DEFAULT_OUTPUT, default=None, metavar='PATH',
                        help='also write the markdown report (default path: docs/benchmarks.md)')
    parser.add_argument('--only', default=None, metavar='KEYS',
                        help='comma-separated workload keys (%s)' % ', '.join(wl.key for wl in W.WORKLOADS))
    parser.add_argument('--repeats', type=int, default=REPEATS, help='timing repeats (default %d)' % REPEATS)
    parser.add_argument('--transform-runs', type=int, default=TRANSFORM_RUNS,
                        help='fresh copies per workload for the transformation time (default %d)'
                        % TRANSFORM_RUNS)
    parser.add_argument('--threads', type=int, default=1,
                        help='threads for NumPy BLAS, PyTorch and XLA (default 1; 0 = library defaults). '
                        'Several threads on a small, shared machine make PyTorch stall for seconds.')
    parser.add_argument('--show-source', action='store_true',
                        help="print tangent's generated derivative of each workload to stderr")
    options = parser.parse_args(argv)
    started = time.perf_counter()
    load_start = os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan')

    def log(message):
        print(message, file=sys.stderr, flush=True)

    limit_threads_before_import(options.threads)
    modules = W.load_peers()
    threads_note, _thread_limits = limit_threads(options.threads, modules)
    contestants, skipped = [], []
    for cls in CONTESTANTS:
        try:
            contestants.append(cls(modules))
        except Unavailable as exc:
            skipped.append((cls.key, str(exc)))
            log('skipping %s: %s' % (cls.label, exc))

    workloads = W.WORKLOADS
    if options.only:
        keys = options.only.split(',')
        unknown = set(keys) - {wl.key for wl in workloads}
        if unknown:
            parser.error('unknown workload(s): %s' % ', '.join(sorted(unknown)))
        workloads = tuple(wl for wl in workloads if wl.key in keys)

    rows = []
    for wl in workloads:
        log('%s ...' % wl.key)
        row = run_workload(wl, contestants, options.repeats, options.transform_runs, log)
        rows.append(row)
        log('  ' + ', '.join('%s %s us' % (k, _fmt_us(v)) for k, v in row['times'].items()))
        if options.show_source and row['source']:
            log('# --- %s ---\n%s' % (wl.key, row['source']))

    load_end = os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan')
    load = (load_start, load_end, max([load_start, load_end] + [row['load'] for row in rows]))
    targets = evaluate_targets(rows, contestants)
    info = machine_info(contestants, skipped, threads_note)
    report = render(info, workloads, rows, contestants, targets, load, time.perf_counter() - started,
                    options.repeats, options.transform_runs)
    print(report)
    if options.write:
        os.makedirs(os.path.dirname(os.path.abspath(options.write)), exist_ok=True)
        with open(options.write, 'w') as handle:
            handle.write(report)
        log('wrote %s' % options.write)
    return 0


if __name__ == '__main__':
    sys.exit(main())
