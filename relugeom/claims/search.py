"""The counterexample search: every (or random) small network of a range, crossed with the claim's
batches, until the claim fails; the counterexample is then shrunk (:mod:`relugeom.claims.shrink`).

>>> from relugeom.claims import get_claim
>>> result = search(get_claim("C3"))          # a pitfall: integer θ are often exceptional
>>> result.shrunk is not None, result.shrunk.network.architecture
(True, (1, 1, 1))
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..network import ReLUNetwork
from .case import Case, Outcome
from .check import _distributed, _run, progress_bar
from .claim import Claim, cases_in_range
from .ranges import Range
from .shrink import shrink

__all__ = ["SearchResult", "search"]


@dataclass(frozen=True)
class SearchResult:
    """A counterexample (shrunk) and the one first found, or none."""

    claim: str
    dropped: tuple[str, ...]
    cases: int
    seconds: float
    found: Case | None = None
    shrunk: Case | None = None
    outcome: Outcome | None = None

    def to_dict(self) -> dict:
        d = {"claim": self.claim, "dropped": list(self.dropped), "cases": self.cases,
             "seconds": round(self.seconds, 3), "found": self.shrunk is not None}
        if self.shrunk is not None:
            d.update(counterexample=self.shrunk.to_dict(), first_found=self.found.to_dict(),
                     detail=self.outcome.detail, values={k: _plain(v) for k, v in self.outcome.values.items()})
        return d


def _plain(v: object) -> object:
    return str(v) if isinstance(v, Fraction) else v


def _random_networks(architectures: Sequence[Sequence[int]], weights: tuple[int, int], count: int,
                     seed: int) -> Iterator[ReLUNetwork]:
    rng = random.Random(seed)
    lo, hi = weights
    for k in range(count):
        arch = architectures[k % len(architectures)]
        yield ReLUNetwork.from_arrays([([[rng.randint(lo, hi) for _ in range(i)] for _ in range(o)],
                                        [rng.randint(lo, hi) for _ in range(o)]) for i, o in zip(arch, arch[1:])])


def search(claim: Claim, architectures: Sequence[Sequence[int]] | None = None, weights: tuple[int, int] | None = None,
           dropped: Sequence[str] = (), examples: int | None = None, seed: int = 0,
           progress: bool = False, executor: object = None) -> SearchResult:
    """The first counterexample to ``claim`` (hypotheses ``dropped`` removed), shrunk to a minimal one.

    Exhaustive (``examples=None``) over all integer networks of the architectures with weights in
    range (one per permutation class) — plus the claim's fixed networks — crossed with the claim's
    batches; or ``examples`` random networks (seeded). Architectures and weights default to the
    claim's default range. ``executor`` as in :func:`check_claim` (the same counterexample is found).
    """
    for name in dropped:
        claim.hypothesis(name)
    base = claim.default
    rng = Range(tuple(tuple(a) for a in architectures) if architectures else base.architectures,
                weights or base.weights, base.batches + (claim.thorough.batches if claim.thorough else ()),
                base.networks)
    started = time.perf_counter()
    if examples is not None:
        rng_run = Range((), rng.weights, rng.batches,
                        tuple(_random_networks(rng.architectures or [n.architecture for n in rng.networks] or [(1, 1, 1)],
                                               rng.weights, examples, seed)))
    else:
        rng_run = rng
    report = _distributed(claim, rng_run, dropped, True, seed, progress, f"search {claim.name}", executor, started)
    if report is None:
        cases: Iterable[Case] = cases_in_range(claim, rng_run, seed)
        report = _run(claim, progress_bar(cases, progress, f"search {claim.name}"), dropped, True, rng.describe(),
                      started)
    if report.counterexample is None:
        return SearchResult(claim.name, tuple(dropped), report.cases + report.skipped, report.seconds)
    small, outcome = shrink(claim, report.counterexample, dropped)
    return SearchResult(claim.name, tuple(dropped), report.cases + report.skipped, time.perf_counter() - started,
                        report.counterexample, small, outcome)

