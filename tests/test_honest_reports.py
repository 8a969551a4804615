"""Reports say what was checked (issue 16 items 1, 2, 5): no drop of a structural hypothesis, no
empty search reported as success, every drop exercised by its claim's range, check's legend and titles."""

import itertools
import json

import pytest

from relugeom.cli import main
from relugeom.claims import Claim, Hypothesis, Outcome, Range, Skip, all_claims, check_claim, get_claim, register, search
from relugeom.claims.registry import _REGISTRY
from relugeom.claims.case import NO_BOUNDARY_SAMPLE
from relugeom.errors import RelugeomError

LIMIT = 1500  # cases scanned per (claim, hypothesis)


def _violating(claim: Claim, name: str):
    """Cases of the default range that violate ``name`` and satisfy every other hypothesis."""
    h = claim.hypothesis(name)
    for case in itertools.islice(cases_of(claim), LIMIT):
        if not h.check(case) and all(g.check(case) for g in claim.hypotheses if g.name != name):
            yield case


def cases_of(claim):
    from relugeom.claims import cases_in_range

    return cases_in_range(claim, claim.exhaustive)


def _evaluates(claim, case) -> bool:
    try:
        claim.evaluate(case)
    except Skip:
        return False
    return True


PAIRS = [(c.name, h.name) for c in all_claims() for h in c.hypotheses]


@pytest.mark.parametrize("claim_name, hypothesis", PAIRS, ids=[f"{c}:{h}" for c, h in PAIRS])
def test_a_droppable_hypothesis_is_exercised_and_a_structural_one_is_not(claim_name, hypothesis):
    """Dropping a hypothesis must let in cases that are then evaluated (else the drop tests nothing,
    and the hypothesis is structural); a structural hypothesis' violating cases are all skipped."""
    claim = get_claim(claim_name)
    h = claim.hypothesis(hypothesis)
    evaluated = (_evaluates(claim, case) for case in itertools.islice(_violating(claim, hypothesis), 200))
    if h.structural:
        assert not any(evaluated), f"{claim_name}: {hypothesis} is marked structural, but dropping it evaluates cases"
        with pytest.raises(RelugeomError, match="cannot be dropped"):
            claim.droppable(hypothesis)
    else:
        assert any(evaluated), f"{claim_name}: no case of the default range violates {hypothesis} and is evaluated"


def test_no_boundary_sample_cannot_be_dropped(capsys):
    assert NO_BOUNDARY_SAMPLE.structural
    assert main(["search", "C1", "--drop-hypothesis", "no-boundary-sample"]) == 2
    err = capsys.readouterr().err.strip()
    assert "cannot be dropped" in err and len(err.splitlines()) == 1
    with pytest.raises(RelugeomError, match="cannot be dropped"):
        search(get_claim("C1"), dropped=["no-boundary-sample"])
    with pytest.raises(RelugeomError, match="cannot be dropped"):
        check_claim(get_claim("C1"), dropped=["no-boundary-sample"])


@pytest.mark.parametrize("argv", [["--weights=3..1"], ["--weights=2..-2"], ["--examples", "0"], ["--examples", "-5"],
                                  ["--examples=-5"]])
def test_empty_searches_are_refused(capsys, argv):
    assert main(["search", "C1", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_a_drop_no_case_exercises_is_inconclusive(capsys):
    """A hypothesis that every case of the range satisfies: dropping it tests nothing, and the report says so."""
    claim = Claim("user-scalar", "the output is a number", "-", lambda case: Outcome(True),
                  default=Range(((1, 1, 1),), (-1, 1)),
                  hypotheses=(Hypothesis("one-output", "n_L = 1", lambda case: case.network.n_outputs == 1),))
    register(claim)
    try:
        code = main(["search", "user-scalar", "--drop-hypothesis", "one-output", "--json"])
        doc = json.loads(capsys.readouterr().out)
        assert code == 1 and doc["admitted_by_drop"] == 0 and doc["conclusive"] is False and doc["cases"] > 0
        assert main(["search", "user-scalar", "--drop-hypothesis", "one-output"]) == 1
        assert "inconclusive" in capsys.readouterr().out
    finally:
        _REGISTRY.pop("user-scalar", None)
    code = main(["search", "C13", "--drop-hypothesis", "narrowing"])
    out = capsys.readouterr().out
    assert code == 0 and "of them violate narrowing" in out and "inconclusive" not in out


def test_zero_cases_is_never_reported_as_holding(capsys):
    def everything_skipped(case):
        raise Skip("out of scope")

    claim = Claim("user-empty", "a claim whose range is all out of scope", "-", everything_skipped,
                  default=Range(((1, 1, 1),), (0, 0)))
    report = check_claim(claim)
    assert report.cases == 0 and not report.ok
    result = search(claim)
    assert result.cases == 0 and not result.conclusive and result.to_dict()["conclusive"] is False


def test_check_prints_titles_and_a_legend(capsys):
    assert main(["check", "--claims", "C1,C3"]) == 0
    out = capsys.readouterr().out
    assert get_claim("C1").title in out and get_claim("C3").title in out
    assert "legend:" in out and "skipped:" in out and "counterexamples (expected):" in out


def test_check_json_counts_admitted_cases(capsys):
    claim = get_claim("shallow.rank-formula")
    report = check_claim(claim, dropped=["one-hidden-layer"])
    assert report.admitted > 0 and report.to_dict()["admitted_by_drop"] == report.admitted
    assert check_claim(claim).admitted == 0


def test_admitted_cases_are_counted_the_same_in_chunks():
    """The chunked (Dask-style) merge adds the admitted counts: the same as the serial tally."""
    from relugeom.claims.chunks import merge, plan_chunks, run_chunk

    claim = get_claim("shallow.rank-formula")
    rng = claim.exhaustive
    serial = check_claim(claim, dropped=["one-hidden-layer"], vectorized=False)
    merged = merge([run_chunk(claim, rng, chunk, 0, ("one-hidden-layer",), False) for chunk in plan_chunks(claim, rng)])
    assert merged.admitted == serial.admitted and merged.cases == serial.cases
