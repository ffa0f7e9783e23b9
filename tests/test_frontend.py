"""Front end: parsing, desugaring and A-normal form, shown as source."""
import textwrap

import numpy as np

import stage_cases
from tangent import quoting
from tangent.derive import normalize


def normalized(func):
    return quoting.to_source(normalize(func).node)


def body_of(source):
    return textwrap.dedent(source).strip()


def test_augmented_assignment_is_desugared():
    assert normalized(stage_cases.augmented) == body_of('''
        def augmented(x, y):
            x = x + y
            x = x * 2.0
            return x''')


def test_tuple_unpacking_evaluates_every_right_hand_side_first():
    source = normalized(stage_cases.unpacking)
    assert 'a, b' not in source
    namespace = dict(vars(stage_cases))
    exec(source, namespace)
    assert namespace['unpacking'](3.0) == stage_cases.unpacking(3.0) == -2.0


def test_conditional_expression_becomes_a_branch():
    source = normalized(stage_cases.conditional_expression)
    assert 'if x_gt_0:' in source and ' if ' not in source.split('if x_gt_0:')[1].split('\n')[0]


def test_array_methods_become_numpy_calls():
    source = normalized(stage_cases.methods)
    assert 'np.sum(X, axis=0)' in source
    assert 'np.transpose(' in source
    assert 'np.reshape(' in source and '(2, 2)' in source


def test_and_keeps_short_circuit_semantics():
    source = normalized(stage_cases.short_circuit)
    # x[n - 1] is only read inside the branch taken when n > 0
    guarded = source.split('if cond:')[1]
    assert 'x[n_minus_1]' in guarded.split('if both2:')[0]


def test_single_return_at_the_end():
    node = normalize(stage_cases.short_circuit).node
    returns = [stmt for stmt in node.body if type(stmt).__name__ == 'Return']
    assert len(returns) == 1 and node.body[-1] is returns[0]


def test_loops_over_sequences_iterate_by_index():
    source = normalized(stage_cases.loop_over_rows)
    assert 'for i in range(len_X):' in source
    assert 'row = X[i]' in source


def test_enumerate_and_zip_iterate_by_index():
    source = normalized(stage_cases.enumerate_zip)
    assert 'for j in range(len_xs):' in source and 'x = xs[j]' in source
    assert 'min(len_xs2, len_ys)' in source and 'a = xs[k]' in source


def test_continue_becomes_a_guard():
    source = normalized(stage_cases.with_continue)
    assert 'continue' not in source.replace('with_continue', '')
    assert 'skip = True' in source and 'if not_skip:' in source


def test_temporaries_are_named_after_what_they_hold():
    source = normalized(stage_cases.enumerate_zip)
    assert 'a_times_b = a * b' in source


def test_line_numbers_point_into_the_users_file():
    import inspect
    node = normalize(stage_cases.augmented).node
    _, first = inspect.getsourcelines(stage_cases.augmented)
    assert node.body[0].lineno == first + 1


def test_normalized_functions_compute_the_same_values():
    # The normal form is executable Python with the same meaning.
    for func, args in [(stage_cases.augmented, (1.5, 2.0)), (stage_cases.unpacking, (3.0,)),
                       (stage_cases.conditional_expression, (-2.0,)),
                       (stage_cases.short_circuit, (np.array([1.0, -2.0]), 1)),
                       (stage_cases.with_continue, (1.5,)), (stage_cases.counter_loop, (1.2, 3))]:
        namespace = dict(vars(stage_cases))
        exec(normalized(func), namespace)
        assert namespace[func.__name__](*args) == func(*args)
