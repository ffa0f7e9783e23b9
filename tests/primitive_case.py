"""The format of the table-driven primitive tests (tests/cases_*.py)."""
import dataclasses
from typing import Callable, Sequence


@dataclasses.dataclass
class Case:
    """One registered primitive, exercised by `func` (a module-level def calling it).

    make_args: functions rng -> argument tuple, one per shape/setting to try
    (different shapes, broadcasting, keepdims, ...). wrt: positions to
    differentiate (default: every float argument). order: 2 also checks
    second derivatives (forward over reverse). tolerances for check_grads.
    """

    primitive: object
    func: Callable
    make_args: Sequence[Callable]
    wrt: tuple = None
    order: int = 1
    rtol: float = 1e-5
    atol: float = 1e-7
    modes: tuple = ('forward', 'reverse')
