"""What a claim's predicate sees and returns: a :class:`Case` (network + batch + extras), an
:class:`Outcome`, the :class:`Skip` signal, and named :class:`Hypothesis` guards (docs/theory.md §1).

>>> from relugeom import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])
>>> NO_BOUNDARY_SAMPLE.check(Case(net, ((0,),))), NO_BOUNDARY_SAMPLE.check(Case(net, (("1/2",),)))
(False, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from ..exact.rational import format_rational
from ..inputs import Batch
from ..network import ReLUNetwork

__all__ = ["Case", "Skip", "Hypothesis", "Outcome", "NO_BOUNDARY_SAMPLE"]


@dataclass(frozen=True)
class Case:
    """What a claim is checked on: a network, a batch of inputs (may be empty) and optional extras
    (e.g. a symmetry to apply), given as a tuple of ``(name, value)`` pairs."""

    network: ReLUNetwork
    inputs: Batch = ()
    extras: tuple[tuple[str, object], ...] = ()

    def extra(self, name: str, default: object = None) -> object:
        return dict(self.extras).get(name, default)

    def to_dict(self) -> dict:
        d = {"network": self.network.to_dict(), "inputs": [[format_rational(v) for v in x] for x in self.inputs]}
        if self.extras:
            d["extras"] = {k: repr(v) for k, v in self.extras}
        return d


class Skip(Exception):
    """The case is outside the claim's scope (e.g. a sample on a neuron boundary): not counted."""


@dataclass(frozen=True)
class Hypothesis:
    """A named hypothesis of a claim; ``check(case)`` is True when the case satisfies it.

    ``structural`` (non-empty) says why the hypothesis cannot be dropped: the predicate is undefined
    on a case that violates it and skips the case whether or not the hypothesis is kept, so a search
    "without" it would check exactly the same cases (docs/theory.md §3).
    """

    name: str
    description: str
    check: Callable[[Case], bool]
    structural: str = ""


@dataclass(frozen=True)
class Outcome:
    """The verdict of a claim on one case: ``holds``, a one-line ``detail`` and JSON-able ``values``."""

    holds: bool
    detail: str = ""
    values: Mapping[str, object] = field(default_factory=dict)



def _boundary_free(case: Case) -> bool:
    net = case.network
    return not any(0 in signs for x in case.inputs for signs in net.sign_vector_at(x))


NO_BOUNDARY_SAMPLE = Hypothesis(
    "no-boundary-sample", "no sample has a pre-activation exactly 0", _boundary_free,
    structural="a sample on a neuron boundary has no activation pattern, so the claim's quantities (patterns, "
    "Jacobian rows) are undefined there and the case is skipped with or without the hypothesis")
