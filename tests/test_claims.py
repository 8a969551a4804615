"""The claim framework: exhaustive checks, counterexample search with shrinking, user claims, the check CLI."""

import json

import pytest

from relugeom import ReLUNetwork, batch_functional_dimension
from relugeom.cli import main
from proofs_checks.common import EXCEPTIONAL
from relugeom.claims import (Claim, Outcome, Range, all_claims, case_size, check_claim, get_claim, networks_in_range,
                             register, search, shrink)
from relugeom.claims.registry import _REGISTRY
from relugeom.generic import computable_full_dimension, decisive_batch, generic_rank
from relugeom.regions import enumerate_regions


def test_networks_in_range_counts_and_symmetry_reduction():
    everything = list(networks_in_range((1, 2, 1), (-1, 1), canonical=False))
    reduced = list(networks_in_range((1, 2, 1), (-1, 1)))
    assert len(everything) == 3 ** 7
    # every permutation class keeps a representative: swapping the two hidden neurons maps the set onto itself
    keys = {n.parameters() for n in everything}
    assert len(reduced) < len(everything) and all(n.parameters() in keys for n in reduced)
    assert len(reduced) >= len(everything) // 2


def test_exceptional_theta_found_and_shrunk():
    result = search(get_claim("patterns.generic-rank"))
    assert result.shrunk is not None
    small = result.shrunk
    assert case_size(small) <= case_size(result.found)
    dim = batch_functional_dimension(small.network, small.inputs).rank
    assert dim < generic_rank(small.network, small.inputs).rank  # really exceptional
    assert small.network.n_hidden == 1  # shrinking removes the spare neuron


def test_generic_rank_certificate_on_theory_example():
    X = [[-3], [-2], ["1/2"], ["3/4"], [2], [3]]
    g = generic_rank(EXCEPTIONAL, X)
    assert (g.rank, g.upper, g.certified) == (5, 5, True)
    assert batch_functional_dimension(EXCEPTIONAL.with_parameters(g.witness), X).rank >= 0  # witness is a network


def test_decisive_batch_attains_the_full_dimension():
    net = ReLUNetwork.from_arrays([([[1, 2], [-1, 1], [0, 1]], [0, 1, -1]), ([[1, -1, 2]], [0])])
    regions = enumerate_regions(net).regions
    batch = decisive_batch(regions)
    assert len(batch) == 3 * len(regions)
    assert batch_functional_dimension(net, batch).rank == computable_full_dimension(net, regions).rank


def test_user_claim_registration_and_failure_exit_code(capsys):
    def predicate(case):
        rank = batch_functional_dimension(case.network, case.inputs).rank
        return Outcome(rank <= 1, f"rank {rank}", {"rank": rank})

    claim = register(Claim("user-rank-le-1", "rank at most 1 (false)", "dim_bfun ≤ 1", predicate,
                           default=Range(((1, 1, 1),), (-1, 1), ((("-1/3",), ("2/3",), ("5/3",)),))))
    try:
        report = check_claim(claim)
        assert report.failures > 0 and not report.ok
        small, outcome = shrink(claim, report.counterexample)
        assert not outcome.holds and case_size(small) <= case_size(report.counterexample)
        code = main(["check", "--claims", "user-rank-le-1", "--json"])
        doc = json.loads(capsys.readouterr().out)
        assert code == 1 and doc["ok"] is False and doc["claims"][0]["failures"] == report.failures
    finally:
        _REGISTRY.pop("user-rank-le-1", None)


def test_check_cli_json_keys(capsys, tmp_path):
    md = tmp_path / "report.md"
    code = main(["check", "--claims", "C13,C14", "--json", "--markdown", str(md)])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["ok"] is True
    assert [c["name"] for c in doc["claims"]] == ["cfun.maximum-attained", "cfun.dead-neuron"]
    assert all({"name", "cases", "failures"} <= set(c) for c in doc["claims"])
    assert "| cfun.dead-neuron |" in md.read_text()


def test_search_cli_writes_a_reproducible_counterexample(capsys, tmp_path):
    prefix = tmp_path / "cx"
    assert main(["search", "patterns.generic-rank", "--out", str(prefix)]) == 0
    capsys.readouterr()
    assert main(["dim", f"{prefix}.json", "--inputs", f"{prefix}.inputs.json", "--json"]) == 0
    rank = json.loads(capsys.readouterr().out)["rank"]
    net = ReLUNetwork.load(f"{prefix}.json")
    assert rank < generic_rank(net, json.loads((tmp_path / "cx.inputs.json").read_text())["inputs"]).rank


@pytest.mark.parametrize("argv, fragment", [
    (["search", "C99"], "unknown claim"),
    (["search", "patterns.generic-rank", "--drop-hypothesis", "nope"], "no hypothesis"),
    (["search", "patterns.generic-rank", "--weights", "a..b"], "--weights"),
])
def test_search_cli_errors(capsys, argv, fragment):
    assert main(argv) == 2
    assert fragment in capsys.readouterr().err


def test_every_claim_is_documented():
    for claim in all_claims():
        assert claim.title and claim.statement and claim.default is not None
