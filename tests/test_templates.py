"""User-registered derivative templates and non-differentiable declarations."""
import numpy as np
import pytest

import tangent
import template_cases
from gradcheck import check_grad, numeric_grad


def test_a_registered_template_replaces_differentiating_the_body():
    x = np.array([-1.0, 0.5, 2.0])
    check_grad(template_cases.uses_softplus, (x,))
    source = tangent.source(tangent.grad(template_cases.uses_softplus))
    assert '_sigmoid(x)' in source
    assert 'autodiff(softplus' not in source


def test_a_template_for_a_function_without_python_source():
    check_grad(template_cases.uses_gamma, (2.5,), rtol=1e-6)


def test_templates_receive_keyword_arguments_and_defaults():
    x = np.array([-1.0, 0.5, 2.0])
    check_grad(template_cases.uses_keywords, (x,))


def test_non_differentiable_functions_contribute_no_gradient():
    x = np.array([-1.0, 0.5, 2.0])
    gradient = tangent.grad(template_cases.uses_noisy_count)(x)
    np.testing.assert_allclose(gradient, np.full(3, 2.0))  # count held constant
    assert 'autodiff(noisy_count' not in tangent.source(tangent.grad(template_cases.uses_noisy_count))


def test_numeric_check_agrees_away_from_the_counts_jumps():
    x = np.array([-1.0, 0.5, 2.0])
    np.testing.assert_allclose(numeric_grad(template_cases.uses_noisy_count, (x,), (0,)), [2.0] * 3)


def test_registering_a_template_for_a_new_primitive_is_one_decorator():
    registered = tangent.rules.registry.registered_adjoints()
    assert template_cases.softplus in registered
    with pytest.raises(tangent.TangentError):
        # a template must be attached to something callable or an operator
        tangent.grad(lambda_free)(1.0)


def lambda_free(x):
    return unknown_builtin(x)  # noqa: F821


unknown_builtin = np.frompyfunc(lambda v: v * 2.0, 1, 1)


def test_a_rule_missing_a_varying_argument_is_refused_not_zero():
    import partial_rule_cases
    with pytest.raises(tangent.TangentError, match="no derivative with respect to its argument 'b'"):
        tangent.grad(partial_rule_cases.uses)(np.ones(2))
