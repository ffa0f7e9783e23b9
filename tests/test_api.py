"""The public API: decorators, caching, laziness, threads, source, types."""
import inspect
import linecache
import subprocess
import sys
import textwrap
import threading
import traceback

import numpy as np
import pytest

import tangent
import api_cases
from tangent import derive


@pytest.fixture
def count_transformations(monkeypatch):
    calls = []
    for mode in ('reverse', 'forward'):
        original = getattr(derive, mode)

        def counting(*args, original=original, **kwargs):
            calls.append(args[0].__name__)
            return original(*args, **kwargs)
        monkeypatch.setattr(derive, mode, counting)
    return calls


def define(source, filename):
    """Define a function the way IPython does: source registered in linecache."""
    source = textwrap.dedent(source)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {'np': np}
    exec(compile(source, filename, 'exec'), namespace)
    return namespace


def test_second_grad_call_does_no_transformation(count_transformations):
    namespace = define('def cube(x):\n    return x * x * x\n', '<ipython-input-1-cube>')
    assert tangent.grad(namespace['cube'])(2.0) == 12.0
    assert tangent.grad(namespace['cube'])(3.0) == 27.0
    assert tangent.grad(namespace['cube']) is tangent.grad(namespace['cube'])
    assert count_transformations == ['cube']


def test_redefined_function_gets_a_fresh_derivative():
    first = define('def f(x):\n    return x * x\n', '<ipython-input-2-f>')['f']
    second = define('def f(x):\n    return x * x * x\n', '<ipython-input-3-f>')['f']
    assert tangent.grad(first)(2.0) == 4.0
    assert tangent.grad(second)(2.0) == 12.0


def test_transformation_is_lazy_and_callees_may_be_defined_later():
    assert api_cases.calls_later_defined(2.0) == pytest.approx(36.0)


def test_decorator_with_arguments():
    assert api_cases.second_argument(3.0, 2.0) == pytest.approx(12.0)


def test_wrt_accepts_names_and_tuples():
    assert tangent.grad(api_cases.square, wrt='x')(3.0) == 6.0
    (dx,) = (tangent.grad(api_cases.square, wrt=('x',))(3.0),)
    assert dx == 6.0


def test_derivative_has_the_signature_of_the_function():
    assert inspect.signature(tangent.grad(api_cases.square)) == inspect.signature(api_cases.square)
    assert list(inspect.signature(tangent.autodiff(api_cases.square)).parameters) == ['x', 'cotangent']


def test_cache_is_thread_safe(count_transformations):
    namespace = define('def g(x):\n    return np.sin(x) * x\n', '<ipython-input-4-g>')
    dg = tangent.grad(namespace['g'])
    results = []

    def work():
        for value in np.linspace(0.1, 1.0, 20):
            results.append((value, dg(float(value))))
    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 160
    for value, gradient in results:
        assert gradient == pytest.approx(np.cos(value) * value + np.sin(value))
    assert count_transformations == ['g']


def test_globals_stay_live():
    dscaled = tangent.grad(api_cases.scaled)
    assert dscaled(1.0) == 4.0
    api_cases.SCALE = 5.0
    try:
        assert dscaled(1.0) == 10.0
    finally:
        api_cases.SCALE = 2.0


def test_closures_are_read_through_their_cells():
    weights = np.array([1.0, 2.0])
    model = api_cases.make_closure(weights)
    x = np.array([0.3, 0.4])
    np.testing.assert_allclose(tangent.grad(model)(x), weights * np.cos(x))


def test_gradient_types_follow_the_arguments():
    assert type(tangent.grad(api_cases.square)(3.0)) is float
    x32 = np.ones(3, dtype=np.float32)
    gradient = tangent.grad(lambda_free_sum)(x32)
    assert gradient.dtype == np.float32 and gradient.shape == (3,)


def lambda_free_sum(x):
    return np.sum(x * x)


def test_value_and_grad():
    value, gradient = tangent.value_and_grad(api_cases.square)(3.0)
    assert (value, gradient) == (9.0, 6.0)


def test_autodiff_takes_the_output_cotangent():
    x = np.array([0.1, 0.2, 0.3])
    cotangent = np.array([1.0, -2.0, 0.5])
    vjp = tangent.autodiff(api_cases.vector_output)
    np.testing.assert_allclose(vjp(x, cotangent), cotangent * 2.0 * np.cos(x))
    np.testing.assert_allclose(vjp(x, cotangent=cotangent), cotangent * 2.0 * np.cos(x))


def test_insert_grad_of_clips_the_gradient():
    x = np.array([0.1, 1.0, -2.0])
    np.testing.assert_allclose(tangent.grad(api_cases.clipped)(x), [1.8, 3.0, -3.0])


def test_stop_gradient_blocks_the_gradient():
    x = np.array([0.5, -1.0])
    # d/dx sum(x * c) with c = 2x held constant is c.
    np.testing.assert_allclose(tangent.grad(api_cases.stopped)(x), 2.0 * x)


def test_plain_calls_of_functions_with_surgery_still_work():
    assert api_cases.clipped(np.array([1.0])) == 9.0
    assert api_cases.stopped(np.array([2.0])) == 8.0


def test_the_callers_arrays_are_never_modified():
    x = np.array([1.0, 2.0, 3.0])
    before = x.copy()
    gradient = tangent.grad(api_cases.writes_input)(x)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(gradient, [0.0, 2 * 2.0 * 4.0 + 2 * 2.0, 6.0])


def test_source_and_verbose(capsys):
    df = tangent.grad(api_cases.square, verbose=1)
    df(2.0)
    printed = capsys.readouterr().out
    assert 'def dsquare_dx(x):' in printed  # forward mode: no output cotangent
    assert tangent.source(df) == printed.rstrip('\n') + '\n' or tangent.source(df) in printed


def test_generated_code_is_in_linecache_for_tracebacks_and_inspect():
    df = tangent.grad(api_cases.square)
    df(2.0)
    (impl,) = df.__tangent__._impls.values()
    assert 'def dsquare_dx' in inspect.getsource(impl)
    with pytest.raises(FloatingPointError) as info:
        with np.errstate(invalid='raise'):
            tangent.grad(api_cases.raises_in_backward)(1.0)
    frames = traceback.extract_tb(info.tb)
    generated = [frame for frame in frames if frame.filename.startswith('<tangent')]
    assert generated and all(frame.line for frame in generated)


def test_unoptimized_output_is_raw_but_correct():
    raw = tangent.grad(api_cases.square, optimized=False)
    assert raw(3.0) == 6.0
    assert len(tangent.source(raw)) >= len(tangent.source(tangent.grad(api_cases.square)))


def test_command_line_prints_the_derivative():
    result = subprocess.run([sys.executable, '-m', 'tangent', 'examples/demo.py:loss', '--wrt', 'W,b'],
                            capture_output=True, text=True, check=True,
                            cwd=str(__import__('pathlib').Path(__file__).parent.parent))
    assert result.stdout.startswith('def dloss_dW_db(W, b, x, y, dout=1.0):')


def test_container_gradients_have_the_arguments_structure():
    import container_cases
    rng = np.random.default_rng(0)
    params, x = (rng.normal(size=(3, 2)), rng.normal(size=2)), rng.normal(size=(4, 3))
    gradient = tangent.grad(container_cases.tuple_loss)(params, x)
    assert type(gradient) is tuple and [g.shape for g in gradient] == [(3, 2), (2,)]
    named = tangent.grad(container_cases.named_loss)(container_cases.Params(*params), x)
    assert type(named) is container_cases.Params
    np.testing.assert_allclose(named.W, gradient[0])
    np.testing.assert_allclose(named.b, gradient[1])
