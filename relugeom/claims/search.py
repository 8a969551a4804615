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
from .check import _distributed, _run, progress_bar, with_random_search
from .claim import Claim, cases_in_range
from .ranges import Range
from .shrink import shrink
from .space import until

__all__ = ["SearchResult", "search"]


@dataclass(frozen=True)
class SearchResult:
    """A counterexample (shrunk) and the one first found, or none."""

    claim: str
    dropped: tuple[str, ...]
    cases: int  # evaluated (every hypothesis not dropped holds, not skipped)
    seconds: float
    found: Case | None = None
    shrunk: Case | None = None
    outcome: Outcome | None = None
    skipped: int = 0
    random_cases: int = 0  # of ``cases``: from the random stream of the default search space
    admitted: int = 0  # of ``cases``: how many violate a dropped hypothesis (only the drop let them in)
    uses_drop: bool = False  # the shrunk counterexample violates a dropped hypothesis

    @property
    def conclusive(self) -> bool:
        """Did the search find something or test anything: a counterexample, or a case evaluated and, with a
        hypothesis dropped, one that violates it?"""
        return self.shrunk is not None or (self.cases > 0 and (not self.dropped or self.admitted > 0))

    def to_dict(self) -> dict:
        d = {"claim": self.claim, "dropped": list(self.dropped), "cases": self.cases, "skipped": self.skipped,
             "random_cases": self.random_cases, "admitted_by_drop": self.admitted, "conclusive": self.conclusive,
             "seconds": round(self.seconds, 3), "found": self.shrunk is not None}
        if self.shrunk is not None:
            d.update(counterexample=self.shrunk.to_dict(), first_found=self.found.to_dict(), uses_drop=self.uses_drop,
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
           progress: bool = False, executor: object = None, seconds: float | None = None) -> SearchResult:
    """The first counterexample to ``claim`` (hypotheses ``dropped`` removed), shrunk to a minimal one.

    Exhaustive (``examples=None``) over all integer networks of the architectures with weights in
    range (one per permutation class) — plus the claim's fixed networks — crossed with the claim's
    batches; or ``examples`` random networks (seeded). Architectures and weights default to the
    claim's default range (the exhaustive part of the default search space when it has none).
    With ``seconds``, the search stops after that long, and time left after the exhaustive part goes to
    the seeded random stream of the default search space (:mod:`relugeom.claims.space`).
    ``executor`` as in :func:`check_claim` (the same counterexample is found).

    >>> from relugeom.claims import Claim, Outcome
    >>> def small(case):
    ...     return Outcome(case.network.n_hidden <= 3, f"{case.network.n_hidden} hidden neurons")
    >>> result = search(Claim(name="few-neurons", title="at most 3 neurons", statement="H ≤ 3", predicate=small),
    ...                 seconds=5, seed=1)
    >>> result.shrunk.network.n_hidden, result.random_cases > 0
    (4, True)
    """
    for name in dropped:
        claim.droppable(name)
    base = claim.exhaustive
    rng = Range(tuple(tuple(a) for a in architectures) if architectures else base.architectures,
                weights or base.weights, base.batches + (claim.thorough.batches if claim.thorough else ()),
                base.networks, () if architectures or weights else base.wider)
    started = time.perf_counter()
    deadline = started + seconds if seconds is not None else None
    if examples is not None:
        rng_run = Range((), rng.weights, rng.batches,
                        tuple(_random_networks(rng.architectures or [n.architecture for n in rng.networks] or [(1, 1, 1)],
                                               rng.weights, examples, seed)))
    else:
        rng_run = rng
    report = None if deadline is not None else _distributed(claim, rng_run, dropped, True, seed, progress,
                                                             f"search {claim.name}", executor, started)
    if report is None:
        cases: Iterable[Case] = cases_in_range(claim, rng_run, seed)
        if deadline is not None:
            cases = until(cases, deadline)
        report = _run(claim, progress_bar(cases, progress, f"search {claim.name}"), dropped, True, rng.describe(),
                      started)
    if report.counterexample is None and deadline is not None and time.perf_counter() < deadline:
        report = with_random_search(claim, report, deadline - time.perf_counter(), dropped, seed, True)
    found = dict(cases=report.cases, skipped=report.skipped, random_cases=report.random_cases, admitted=report.admitted)
    if report.counterexample is None:
        return SearchResult(claim.name, tuple(dropped), seconds=time.perf_counter() - started, **found)
    small, outcome = shrink(claim, report.counterexample, dropped)
    return SearchResult(claim.name, tuple(dropped), seconds=time.perf_counter() - started,
                        found=report.counterexample, shrunk=small, outcome=outcome,
                        uses_drop=bool(dropped) and claim.violates_dropped(small, dropped), **found)
