"""The one loop that checks cases: counts of checked, skipped and failed cases and the first
counterexample. Serial runs, chunked runs and the search all go through :func:`tally`.

>>> from relugeom.claims import get_claim
>>> claim = get_claim("C1")
>>> t = tally(claim, cases_in_range(claim, claim.default))
>>> t.failures, t.cases > 0
(0, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .case import Case, Outcome, Skip
from .claim import Claim, cases_in_range  # noqa: F401  (cases_in_range: for the example above)

__all__ = ["Tally", "tally"]


@dataclass(frozen=True)
class Tally:
    """What checking some cases found: how many were checked, skipped and failed, and the first failure.

    ``admitted``: of the checked cases, how many violate a dropped hypothesis (only the drop let them in).
    """

    cases: int
    skipped: int
    failures: int
    counterexample: Case | None = None
    outcome: Outcome | None = None
    admitted: int = 0


def tally(claim: Claim, cases: Iterable[Case], dropped: Sequence[str] = (),
          stop_at_first: bool = False) -> Tally:
    """Check ``cases`` one by one: counts and the first counterexample (the one loop serial and chunked runs share)."""
    checked = skipped = failures = admitted = 0
    first: tuple[Case, Outcome] | None = None
    for case in cases:
        if not claim.applies(case, dropped):
            skipped += 1
            continue
        try:
            outcome = claim.evaluate(case)
        except Skip:
            skipped += 1
            continue
        checked += 1
        if dropped and claim.violates_dropped(case, dropped):
            admitted += 1
        if not outcome.holds:
            failures += 1
            if first is None:
                first = (case, outcome)
            if stop_at_first:
                break
    return Tally(checked, skipped, failures, first[0] if first else None, first[1] if first else None, admitted)

