"""Checking a claim on its range: :func:`check_claim` returns a :class:`CheckReport` (cases checked,
skipped, failures, the first counterexample), serially or on Dask (:mod:`relugeom.claims.dask`).

>>> from relugeom.claims import get_claim
>>> report = check_claim(get_claim("dim.symmetry-bound"))
>>> report.failures, report.cases > 0
(0, True)
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .case import Case, Outcome
from .claim import Claim, cases_in_range
from .ranges import Range
from .tally import tally

__all__ = ["CheckReport", "check_claim", "progress_bar"]


@dataclass(frozen=True)
class CheckReport:
    """The result of checking one claim on one range."""

    claim: str
    title: str
    range: str
    cases: int  # checked (hypotheses hold, not skipped)
    skipped: int  # outside the hypotheses or the claim's scope
    failures: int
    expected: bool  # failures are the point (a pitfall)
    seconds: float
    counterexample: Case | None = None
    outcome: Outcome | None = None
    dropped: tuple[str, ...] = ()
    random_cases: int = 0  # of ``cases``: how many came from the random search (``budget``)
    random_seconds: float = 0.0
    admitted: int = 0  # of ``cases``: how many violate a dropped hypothesis (only the drop let them in)

    @property
    def exhaustive_cases(self) -> int:
        return self.cases - self.random_cases

    @property
    def ok(self) -> bool:
        """No unexpected failure (a pitfall claim is ok when it does fail), and at least one case checked:
        a claim checked on 0 cases is never reported as holding."""
        return self.failures > 0 if self.expected else (self.failures == 0 and self.cases > 0)

    def to_dict(self) -> dict:
        d = {"name": self.claim, "title": self.title, "range": self.range, "cases": self.cases,
             "skipped": self.skipped, "failures": self.failures, "expected_failures": self.expected,
             "ok": self.ok, "seconds": round(self.seconds, 3), "dropped": list(self.dropped),
             "exhaustive_cases": self.exhaustive_cases, "random_cases": self.random_cases,
             "random_seconds": round(self.random_seconds, 3), "admitted_by_drop": self.admitted}
        if self.counterexample is not None:
            d["counterexample"] = self.counterexample.to_dict()
            d["detail"] = self.outcome.detail if self.outcome else ""
        return d


def progress_bar(iterable: Iterable, enabled: bool, desc: str, total: int | None = None) -> Iterable:
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, total=total, leave=False, unit="case")


def _run(claim: Claim, cases: Iterable[Case], dropped: Sequence[str], stop_at_first: bool,
         description: str, started: float) -> CheckReport:
    r = tally(claim, cases, dropped, stop_at_first)
    return CheckReport(claim.name, claim.title, description, r.cases, r.skipped, r.failures,
                       claim.expect_counterexamples and not dropped, time.perf_counter() - started,
                       r.counterexample, r.outcome, tuple(dropped), admitted=r.admitted)


def _distributed(claim: Claim, rng: Range, dropped: Sequence[str], stop_at_first: bool, seed: int,
                 progress: bool, desc: str, executor: object, started: float) -> CheckReport | None:
    """The report of a run on ``executor`` (merged in chunk order: equal to the serial one), or None if serial."""
    from .dask import resolve_executor

    runner, owned = resolve_executor(executor)
    if runner is None:
        return None
    try:
        r = runner.run(claim, rng, seed, dropped, stop_at_first, progress=progress, desc=desc)
    finally:
        if owned:
            runner.close()
    first = r.counterexample
    return CheckReport(claim.name, claim.title, rng.describe(), r.cases, r.skipped, r.failures,
                       claim.expect_counterexamples and not dropped, time.perf_counter() - started,
                       first, r.outcome if first is not None else None, tuple(dropped), admitted=r.admitted)


def check_claim(claim: Claim, thorough: bool = False, dropped: Sequence[str] = (), seed: int = 0,
                progress: bool = False, stop_at_first: bool = False, executor: object = None,
                budget: float | None = None, vectorized: bool = True) -> CheckReport:
    """Check ``claim`` on every case of its default (or thorough) range — the exhaustive part of the
    default search space when it has none — then, with ``budget`` seconds, on the seeded random stream
    of :mod:`relugeom.claims.space` for that long.

    ``executor``: ``None``/``"serial"`` (here), ``"dask"`` (a local Dask cluster started and closed for
    this call), or a :class:`relugeom.claims.dask.DaskExecutor` (reused); the report is the same. The
    random part always runs here. A claim with a ``sweep`` is evaluated on whole blocks of networks at once
    (:mod:`relugeom.claims.sweep`) unless ``vectorized=False``; the report is the same.
    """
    for name in dropped:
        claim.droppable(name)  # validates the name; a structural hypothesis cannot be dropped
    rng = claim.thorough if thorough and claim.thorough is not None else claim.exhaustive
    started = time.perf_counter()
    report = _distributed(claim, rng, dropped, stop_at_first, seed, progress, claim.name, executor, started)
    if report is None and vectorized:
        from .sweep import sweep_range, sweepable

        if sweepable(claim, rng, dropped):
            r = sweep_range(claim, rng, seed, dropped, stop_at_first)
            report = CheckReport(claim.name, claim.title, rng.describe(), r.cases, r.skipped, r.failures,
                                 claim.expect_counterexamples and not dropped, time.perf_counter() - started,
                                 r.counterexample, r.outcome, tuple(dropped), admitted=r.admitted)
    if report is None:
        cases = progress_bar(cases_in_range(claim, rng, seed), progress, claim.name)
        report = _run(claim, cases, dropped, stop_at_first, rng.describe(), started)
    if not budget or (stop_at_first and report.counterexample is not None):
        return report
    return with_random_search(claim, report, budget, dropped, seed, stop_at_first)


def with_random_search(claim: Claim, report: CheckReport, budget: float, dropped: Sequence[str], seed: int,
                       stop_at_first: bool) -> CheckReport:
    """``report`` extended by ``budget`` seconds of the random stream (counts added; the exhaustive
    counterexample, if any, stays the first one)."""
    from .space import claim_cases, until

    begun = time.perf_counter()
    r = tally(claim, until(claim_cases(claim, seed), begun + budget), dropped, stop_at_first)
    spent = time.perf_counter() - begun
    first = (report.counterexample, report.outcome) if report.counterexample is not None else (r.counterexample,
                                                                                                r.outcome)
    return replace(report, range=f"{report.range}; random {r.cases + r.skipped} cases",
                   cases=report.cases + r.cases, skipped=report.skipped + r.skipped,
                   failures=report.failures + r.failures, seconds=report.seconds + spent,
                   counterexample=first[0], outcome=first[1], random_cases=r.cases, random_seconds=spent,
                   admitted=report.admitted + r.admitted)

