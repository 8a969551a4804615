"""A :class:`Claim`: a checkable statement, i.e. a predicate on a case guarded by named hypotheses,
with the ranges it is checked on (docs/theory.md §3); :func:`cases_in_range` lists a range's cases.

>>> from relugeom.claims import get_claim
>>> claim = get_claim("dim.symmetry-bound")
>>> claim.aliases, [h.name for h in claim.hypotheses]
(('C1',), ['no-boundary-sample'])
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import BoundaryError, RelugeomError
from ..inputs import as_batch
from ..network import ReLUNetwork
from .case import Case, Hypothesis, Outcome, Skip
from .ranges import Range, networks_in_range

__all__ = ["Claim", "cases_in_range"]


@dataclass(frozen=True)
class Claim:
    """A checkable statement (docs/theory.md §3). ``predicate(case)`` returns an :class:`Outcome` or raises
    :class:`Skip`; a case is checked only if it satisfies every hypothesis not dropped.

    ``expect_counterexamples`` marks demonstrations whose point is that the statement fails (a
    pitfall); ``extend(case, rng)`` may add extras (e.g. a random symmetry) to each generated case;
    ``aliases`` are other names accepted by :func:`relugeom.claims.get_claim` (the old C-numbers).
    A claim without a ``default`` range is checked on the default search space
    (:mod:`relugeom.claims.space`).
    """

    name: str
    title: str
    statement: str
    predicate: Callable[[Case], Outcome]
    default: Range | None = None
    thorough: Range | None = None
    hypotheses: tuple[Hypothesis, ...] = ()
    expect_counterexamples: bool = False
    extend: Callable[[Case, random.Random], Case] | None = None
    aliases: tuple[str, ...] = ()
    sweep: Callable[[object], object] | None = None  # vectorized form, see relugeom.claims.sweep

    @property
    def exhaustive(self) -> Range:
        """The default range, or the exhaustive part of the default search space when the claim has none."""
        if self.default is not None:
            return self.default
        from .space import EXHAUSTIVE

        return EXHAUSTIVE

    def hypothesis(self, name: str) -> Hypothesis:
        for h in self.hypotheses:
            if h.name == name:
                return h
        known = ", ".join(h.name for h in self.hypotheses) or "none"
        raise RelugeomError(f"claim {self.name} has no hypothesis {name!r} (its hypotheses: {known})")

    def droppable(self, name: str) -> Hypothesis:
        """The hypothesis ``name``, if it can be dropped; a clear error if it is unknown or structural."""
        h = self.hypothesis(name)
        if h.structural:
            raise RelugeomError(f"hypothesis {name!r} of claim {self.name} cannot be dropped: {h.structural}")
        return h

    def violates_dropped(self, case: Case, dropped: Sequence[str]) -> bool:
        """Does the case violate one of the ``dropped`` hypotheses (a case only the drop lets through)?"""
        return any(not h.check(case) for h in self.hypotheses if h.name in dropped)

    def applies(self, case: Case, dropped: Sequence[str] = ()) -> bool:
        """Does the case satisfy every hypothesis that is not dropped?"""
        return all(h.check(case) for h in self.hypotheses if h.name not in dropped)

    def evaluate(self, case: Case) -> Outcome:
        """The predicate, with a boundary sample turned into :class:`Skip`."""
        try:
            return self.predicate(case)
        except BoundaryError as exc:
            raise Skip(str(exc)) from None



def cases_in_range(claim: Claim, rng: Range, seed: int = 0) -> Iterator[Case]:
    """Every case of a range (fixed networks first), extended by ``claim.extend`` if any."""
    batches = [as_batch(b) if b else () for b in rng.batches]
    gen = random.Random(seed)

    def with_batches(net: ReLUNetwork) -> Iterator[Case]:
        for batch in batches:
            if batch and len(batch[0]) != net.n_inputs:
                continue
            case = Case(net, batch)
            yield claim.extend(case, gen) if claim.extend else case

    for net in rng.networks:
        yield from with_batches(net)
    for arch in rng.architectures:
        for net in networks_in_range(arch, rng.weights_of(arch)):
            yield from with_batches(net)

