"""Every registered primitive has a test case, checked in both modes by machine.

Case tables live in tests/cases_*.py, one per family of rules. Each case runs
tangent.check_grads: forward and reverse mode against finite differences and
against each other (the dot-product test), at every argument setting listed.
"""
import importlib
import pathlib

import numpy as np
import pytest

import tangent
from tangent import runtime
from tangent.rules import registry

CASE_MODULES = sorted(path.stem for path in pathlib.Path(__file__).parent.glob('cases_*.py'))
CASES = [case for name in CASE_MODULES for case in importlib.import_module(name).CASES]


def _public_primitives():
    """Callables tangent's own rule modules register (not operators, not run-time helpers).

    Templates that other test modules register (in the same process) are theirs to test.
    """
    templates = list(registry.registered_adjoints().items()) + list(registry.registered_tangents().items())
    return {p for p, template in templates if callable(p) and not isinstance(p, type)
            and getattr(p, '__module__', None) != runtime.__name__
            and template.func.__module__.startswith('tangent.rules')}


def _name(primitive):
    return registry.primitive_name(primitive) if not isinstance(primitive, str) else primitive


def test_every_registered_primitive_has_a_case():
    covered = {id(case.primitive) for case in CASES}
    missing = sorted(_name(p) for p in _public_primitives() if id(p) not in covered)
    assert not missing, 'primitives without a test case: %s' % ', '.join(missing)


def _ids(case):
    return _name(case.primitive) + ':' + case.func.__name__


@pytest.mark.parametrize('case', CASES, ids=[_ids(case) for case in CASES])
def test_primitive(case):
    for index, make_args in enumerate(case.make_args):
        args = make_args(np.random.default_rng(index))
        tangent.check_grads(case.func, args, modes=case.modes, order=case.order, wrt=case.wrt,
                            rtol=case.rtol, atol=case.atol)
