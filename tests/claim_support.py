"""Helpers shared by the claim tests: one verdict under hypothesis, and exhaustive runs over a range."""

from hypothesis import assume

from relugeom.claims import Range, Skip, cases_in_range, get_claim


def verdict(name, case, dropped=()):
    """The claim's outcome on a case satisfying its (non-dropped) hypotheses; other cases are discarded."""
    claim = get_claim(name)
    assume(claim.applies(case, dropped))
    try:
        return claim.evaluate(case)
    except Skip:
        assume(False)


def failures(name, rng: Range | None = None):
    """``(cases checked, [(case, outcome) that fail])`` over a range (default: the claim's own)."""
    claim, checked, bad = get_claim(name), 0, []
    for case in cases_in_range(claim, rng or claim.default):
        if not claim.applies(case):
            continue
        try:
            outcome = claim.evaluate(case)
        except Skip:
            continue
        checked += 1
        if not outcome.holds:
            bad.append((case, outcome))
    return checked, bad


__all__ = ["verdict", "failures"]
