"""The vectorized sweep (relugeom.claims.sweep) against the per-case path it must equal."""

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from proofs_checks.common import BATCHES_1D, BATCHES_2D
from relugeom import BoundaryError, ReLUNetwork, batch_functional_dimension
from relugeom.claims import Claim, Outcome, Range, get_claim
from relugeom.claims import sweep as S
from relugeom.claims.check import check_claim
from relugeom.inputs import as_batch
from relugeom.jacobian import batch_patterns

SMALL = Range(((1, 1, 1), (1, 2, 1), (2, 1, 1), (1, 1, 2), (1, 1, 1, 1)), (-1, 1), BATCHES_1D + BATCHES_2D,
              wider=(((1, 1, 1), (-2, 2)),))


def _same(a, b):
    return (a.cases, a.skipped, a.failures, a.counterexample, a.outcome) == \
        (b.cases, b.skipped, b.failures, b.counterexample, b.outcome)


@pytest.mark.parametrize("name", ["dim.symmetry-bound", "dim.per-region-bound"])
def test_sweep_equals_the_per_case_path(name):
    claim = replace(get_claim(name), default=SMALL)
    assert _same(check_claim(claim), check_claim(claim, vectorized=False))


def _rank_at_most_two(case):
    r = batch_functional_dimension(case.network, case.inputs).rank
    return Outcome(r <= 2, f"rank {r}")


FALSE = Claim(name="false.rank-le-2", title="", statement="", predicate=_rank_at_most_two, default=SMALL,
              sweep=lambda block: block.ranks <= 2)


def test_sweep_finds_the_same_first_counterexample_and_counts_as_the_per_case_path():
    fast, slow = check_claim(FALSE), check_claim(FALSE, vectorized=False)
    assert fast.failures > 0 and _same(fast, slow)
    assert _same(check_claim(FALSE, stop_at_first=True), check_claim(FALSE, stop_at_first=True, vectorized=False))


def test_a_sweep_that_disagrees_with_the_predicate_is_an_error():
    liar = replace(FALSE, sweep=lambda block: block.ranks < 0)  # claims every case fails
    with pytest.raises(Exception, match="disagree"):
        check_claim(liar)


def test_a_block_that_could_overflow_falls_back_to_the_per_case_path(monkeypatch):
    monkeypatch.setattr(S, "LIMIT", 10)
    claim = replace(get_claim("dim.per-region-bound"), default=SMALL)
    assert _same(check_claim(claim), check_claim(claim, vectorized=False))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_block_ranks_and_patterns_match_the_exact_jacobian(seed):
    rng = random.Random(seed)
    arch = rng.choice([(1, 2, 1), (2, 2, 1), (1, 1, 2), (2, 1, 2, 1), (1, 3, 1, 2)])
    n_params = sum(o * (i + 1) for i, o in zip(arch, arch[1:]))
    thetas = [[rng.randint(-2, 2) for _ in range(n_params)] for _ in range(5)]
    batch = as_batch([[f"{rng.randint(-9, 9)}/{rng.choice((3, 5, 7))}" for _ in range(arch[0])]
                      for _ in range(rng.randint(1, 6))])
    import numpy as np

    block = S.block_ranks(arch, np.array(thetas, dtype=np.int64), batch)
    template = ReLUNetwork.from_arrays([([[0] * i for _ in range(o)], [0] * o) for i, o in zip(arch, arch[1:])])
    for k, theta in enumerate(thetas):
        net = template.with_parameters(theta)
        try:
            rank = batch_functional_dimension(net, batch).rank
            patterns = batch_patterns(net, batch)
        except BoundaryError:
            assert block.boundary[k]
            continue
        assert not block.boundary[k] and block.ranks[k] == rank
        same_key = [[block.patterns[k][i] == block.patterns[k][j] for j in range(len(batch))] for i in range(len(batch))]
        assert same_key == [[patterns[i] == patterns[j] for j in range(len(batch))] for i in range(len(batch))]


def test_canonical_mask_matches_networks_in_range():
    from relugeom.claims import networks_in_range

    for arch in [(1, 2, 1), (1, 3, 1), (2, 2, 1, 1)]:
        fast = [tuple(map(int, t)) for chunk in S._thetas(arch, (-1, 1)) for t in chunk]
        slow = [tuple(int(v) for v in net.parameters()) for net in networks_in_range(arch, (-1, 1))]
        assert fast == slow


def test_chunks_of_a_swept_claim_merge_to_the_serial_report():
    from relugeom.claims.chunks import merge, plan_chunks, run_chunk

    claim = replace(FALSE, default=SMALL)
    serial = check_claim(claim, vectorized=False)
    merged = merge([run_chunk(claim, SMALL, c) for c in plan_chunks(claim, SMALL, target=16)])
    assert (merged.cases, merged.skipped, merged.failures, merged.counterexample) == \
        (serial.cases, serial.skipped, serial.failures, serial.counterexample)
