"""What the claim modules share: batches of non-integer samples (never on a boundary of an integer
network's first layer) and small helpers on cases.

>>> from relugeom import ReLUNetwork
>>> from relugeom.claims import Case
>>> batch_rank(Case(ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])]), (("-1/3",), ("2/3",), ("5/3",))))
3
"""

from __future__ import annotations

from relugeom.claims import Case, Range, Skip
from relugeom.dimension import batch_functional_dimension
from relugeom.network import ReLUNetwork

__all__ = ["BATCHES_1D", "BATCHES_2D", "MORE_1D", "MORE_2D", "GENERIC_1D", "GENERIC_2D", "EXCEPTIONAL",
           "GENERIC_THOROUGH", "nonempty_batch", "batch_rank"]

# Non-integer samples: with integer weights a first-layer pre-activation w·x + b is never 0 on them
# (1-D: thirds; 2-D: thirds then fifths, so no ±x_1 ± x_2 is an integer).
BATCHES_1D = (
    (("-7/3",), ("-1/3",), ("2/3",), ("5/3",)),
    (("-5/3",), ("-2/3",), ("4/3",)),
)
BATCHES_2D = (
    (("-7/3", "2/5"), ("2/3", "-8/5"), ("5/3", "7/5")),
    (("-4/3", "-3/5"), ("1/3", "6/5"), ("4/3", "-2/5"), ("-2/3", "9/5")),
)
MORE_1D = (
    (("-8/3",), ("-4/3",), ("-1/3",), ("1/3",), ("2/3",), ("5/3",), ("8/3",)),
    (("-1/3",), ("2/3",), ("5/3",)),
)
MORE_2D = (
    (("-7/3", "2/5"), ("2/3", "-8/5"), ("5/3", "7/5"), ("-4/3", "-3/5"), ("1/3", "6/5"), ("4/3", "-2/5")),
)

# Batches for the pattern / full-dimension / sampling claims, and the exceptional θ they start from.
GENERIC_1D = (
    (("-7/3",), ("-4/3",), ("-1/3",), ("2/3",), ("5/3",), ("8/3",)),
    (("-5/3",), ("-2/3",), ("1/3",), ("4/3",)),
)
GENERIC_2D = ((("-4/3", "1/3"), ("-1/3", "-5/3"), ("2/3", "2/3"), ("5/3", "-1/3"), ("1/3", "7/3")),)
EXCEPTIONAL = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[0, 2]], [1])])  # one output weight 0: exceptional
GENERIC_THOROUGH = Range(((1, 2, 1), (2, 1, 1), (1, 1, 1, 1), (2, 2, 1)), (-1, 1), GENERIC_1D + GENERIC_2D, (EXCEPTIONAL,))


def nonempty_batch(case: Case) -> tuple:
    """The case's batch; :class:`Skip` when it is empty."""
    if not case.inputs:
        raise Skip("empty batch")
    return case.inputs


def batch_rank(case: Case) -> int:
    """``dim_bfun(θ, X)`` of the case (a boundary sample raises ``BoundaryError``: a skip)."""
    return batch_functional_dimension(case.network, nonempty_batch(case)).rank
