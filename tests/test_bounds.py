"""The claims of relugeom.theory.bounds (docs/theory.md §3.2, §1.5, C1, C2, C4, C8, C24): property tests on random
small exact cases, exhaustive loops over tiny ranges, and the counterexamples once a hypothesis is dropped."""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
from claim_support import failures, verdict
from hypothesis import HealthCheck, given, settings, strategies as st

from relugeom import ReLUNetwork, batch_functional_dimension, jacobian, rescale
from relugeom.exact.linalg import rank
from relugeom.claims import Case, Range, Skip, cases_in_range, check_claim, fraction_batch, get_claim, search
from relugeom.dimension import architecture_counts
from relugeom.softmax import softmax_bounds
from relugeom.symmetry import signed_rescale
from proofs_checks.bounds import AUTHORS_ARCHITECTURES, C2_EXAMPLE, C2_EXAMPLE_BATCH
from proofs_checks.common import BATCHES_1D, BATCHES_2D, MORE_1D
from proofs_checks.invariance import FACTORS, transformed_network

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
NAMES = ("dim.symmetry-bound", "dim.per-region-bound", "dim.linear-region-pitfall", "symmetry.invariance", "symmetry.rank-invariance", "dim.parameter-counts", "softmax.rank-bound", "softmax.sharp-rank-bound")
RELU = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])  # relu(x), docs/theory.md §3.2


# --------------------------------------------------------------------------- strategies

weights = st.integers(-2, 2)
coordinates = st.builds(Fraction, st.integers(-12, 12), st.sampled_from([1, 3, 5, 7]))


@st.composite
def networks(draw, min_outputs=1, max_outputs=2):
    arch = [draw(st.integers(1, 2)), *draw(st.lists(st.integers(1, 3), min_size=0, max_size=2)),
            draw(st.integers(min_outputs, max_outputs))]
    return ReLUNetwork.from_arrays(
        [([[draw(weights) for _ in range(n_in)] for _ in range(n)], [draw(weights) for _ in range(n)])
         for n_in, n in zip(arch, arch[1:])])


@st.composite
def cases(draw, min_outputs=1, max_outputs=2, extras=()):
    net = draw(networks(min_outputs, max_outputs))
    n = draw(st.integers(1, 6))
    batch = tuple(tuple(draw(coordinates) for _ in range(net.n_inputs)) for _ in range(n))
    return Case(net, batch, extras)


# --------------------------------------------------------------------------- registry


def test_claims_registered_with_their_hypotheses():
    hyps = {name: [h.name for h in get_claim(name).hypotheses] for name in NAMES}
    assert hyps == {"dim.symmetry-bound": ["no-boundary-sample"], "dim.per-region-bound": ["no-boundary-sample"], "dim.linear-region-pitfall": ["no-boundary-sample"],
                    "symmetry.invariance": ["no-boundary-sample", "positive-rescaling"],
                    "symmetry.rank-invariance": ["no-boundary-sample", "positive-rescaling"], "dim.parameter-counts": [],
                    "softmax.rank-bound": ["no-boundary-sample"], "softmax.sharp-rank-bound": ["no-boundary-sample"]}
    assert [n for n in NAMES if get_claim(n).expect_counterexamples] == ["dim.linear-region-pitfall"]
    assert all(get_claim(n).thorough is not None for n in NAMES)


# --------------------------------------------------------------------------- property tests


@SETTINGS
@given(cases())
def test_C1_symmetry_bound(case):
    outcome = verdict("dim.symmetry-bound", case)
    assert outcome.holds, outcome.detail
    n_params, n_hidden = architecture_counts(case.network.architecture)
    assert outcome.values["bound"] == min(n_params - n_hidden, case.network.n_outputs * len(case.inputs))


@SETTINGS
@given(cases())
def test_C2_region_bound_and_linear_count(case):
    outcome = verdict("dim.per-region-bound", case)
    assert outcome.holds, outcome.detail
    d = batch_functional_dimension(case.network, case.inputs)
    assert outcome.values["bound"] == d.region_bound and outcome.values["regions"] == d.perceived_regions
    linear = verdict("dim.linear-region-pitfall", case)  # merging regions can only lower the count
    assert linear.values["bound"] <= linear.values["activation_bound"] == d.region_bound
    assert linear.values["linear_regions"] <= linear.values["activation_regions"]


@SETTINGS
@given(cases(), st.integers(0, 2 ** 20), st.lists(st.sampled_from(["2", "1/2", "3", "5/7"]), max_size=8))
def test_C4_invariance_under_positive_symmetries(case, seed, factors):
    case = Case(case.network, case.inputs, (("symmetry_seed", seed), ("factors", tuple(factors))))
    for name in ("symmetry.invariance", "symmetry.rank-invariance"):
        outcome = verdict(name, case)
        assert outcome.holds, outcome.detail
        assert outcome.values["rank"] == outcome.values["rank_transformed"]


@SETTINGS
@given(cases(min_outputs=2, max_outputs=3))
def test_C24_softmax_bounds(case):
    theory, sharp = verdict("softmax.rank-bound", case), verdict("softmax.sharp-rank-bound", case)
    assert theory.holds and sharp.holds, (theory.detail, sharp.detail)
    assert theory.values["rank"] == sharp.values["rank"] <= sharp.values["bound"] <= theory.values["bound"]
    # the projected Jacobian never has more rank than the logits' Jacobian (one kernel vector at least more)
    d = batch_functional_dimension(case.network, case.inputs)
    assert theory.values["rank"] <= d.rank


@SETTINGS
@given(networks())
def test_C8_counts_on_random_networks(net):
    outcome = get_claim("dim.parameter-counts").evaluate(Case(net))
    assert outcome.holds, outcome.detail
    assert (outcome.values["N"], outcome.values["H"]) == (net.n_params, net.n_hidden)


# --------------------------------------------------------------------------- exhaustive tiny ranges

TINY_1D = (BATCHES_1D[1],)
TINY = {
    "dim.symmetry-bound": Range(((1, 1, 1), (1, 2, 1)), (-1, 1), TINY_1D),
    "dim.per-region-bound": Range(((1, 1, 1), (1, 2, 1)), (-1, 1), TINY_1D + (C2_EXAMPLE_BATCH,)),
    "symmetry.invariance": Range(((1, 1, 1), (1, 2, 1)), (-1, 1), TINY_1D),
    "symmetry.rank-invariance": Range(((1, 1, 1), (1, 2, 1)), (-1, 1), TINY_1D),
    "dim.parameter-counts": Range(((1, 1), (1, 2, 1), (2, 3, 2), (1, 100, 1)), (0, 0)),
    "softmax.rank-bound": Range(((1, 1, 2),), (-1, 1), TINY_1D + (MORE_1D[0],)),
    "softmax.sharp-rank-bound": Range(((1, 1, 2),), (-1, 1), TINY_1D + (MORE_1D[0],)),
}


@pytest.mark.parametrize("name", sorted(TINY))
def test_no_failure_in_a_tiny_range(name):
    checked, bad = failures(name, TINY[name])
    assert checked > 0 and not bad, bad[:1]


def test_C2_linear_fails_in_a_tiny_range_on_the_theory_example():
    checked, bad = failures("dim.linear-region-pitfall", Range((), (-1, 1), (C2_EXAMPLE_BATCH,), networks=(C2_EXAMPLE,)))
    assert checked == 1 and len(bad) == 1
    assert bad[0][1].values == {"rank": 3, "bound": 2, "linear_regions": 1, "activation_regions": 2,
                                "activation_bound": 4}


@pytest.mark.parametrize("name", NAMES)
def test_default_range_checks_as_expected(name):
    """What ``relugeom check`` reports: no failure, except for the pitfall, which reports the theory's example first."""
    claim = get_claim(name)
    report = check_claim(claim)
    assert report.ok and report.cases > 0
    if claim.expect_counterexamples:
        assert report.counterexample == Case(C2_EXAMPLE, fraction_batch(*C2_EXAMPLE_BATCH))
        assert report.outcome.values["rank"] == 3 and report.outcome.values["bound"] == 2


# --------------------------------------------------------------------------- dropped hypotheses


def test_C4_negative_factor_is_theory_counterexample():
    """docs/theory.md §3.2: relu(x) "rescaled" by −1 is min(x, 0); on X = (−1, 1, 2) the rank drops from 3 to 2."""
    case = Case(RELU, fraction_batch([-1], [1], [2]), (("factors", ("-1",)),))
    for name in ("symmetry.invariance", "symmetry.rank-invariance"):
        claim = get_claim(name)
        assert not claim.applies(case) and claim.applies(case, ("positive-rescaling",))
        outcome = claim.evaluate(case)
        assert not outcome.holds
        assert (outcome.values["rank"], outcome.values["rank_transformed"]) == (3, 2)
    assert "f CHANGED" in get_claim("symmetry.invariance").evaluate(case).detail
    flipped = transformed_network(case)
    assert flipped.parameters() == (-1, 0, -1, 0)
    assert [flipped.forward(x)[0] for x in ([-1], [1], [2])] == [-1, 0, 0]  # min(x, 0)


@pytest.mark.parametrize("name", ["symmetry.invariance", "symmetry.rank-invariance"])
def test_search_finds_negative_rescaling_counterexample(name):
    claim = get_claim(name)
    result = search(claim, dropped=("positive-rescaling",))
    assert result.found is not None and result.shrunk is not None
    for case in (result.found, result.shrunk):
        assert not claim.applies(case) and claim.applies(case, ("positive-rescaling",))
        assert not claim.evaluate(case).holds
    if name == "symmetry.rank-invariance":  # the rank really changes (first found: the mirror image of §1.4's example)
        values = claim.evaluate(result.found).values
        assert values["rank"] != values["rank_transformed"]


def test_extend_attaches_deterministic_seeds_and_factors():
    claim = get_claim("symmetry.invariance")
    first = [c.extras for c in cases_in_range(claim, TINY["symmetry.invariance"], seed=5)]
    assert first == [c.extras for c in cases_in_range(claim, TINY["symmetry.invariance"], seed=5)]
    factors = [Fraction(f) for extras in first for f in dict(extras)["factors"]]
    assert set(factors) == set(FACTORS)
    signs = [all(Fraction(f) > 0 for f in dict(extras)["factors"]) for extras in first]
    assert any(signs) and not all(signs)


@pytest.mark.parametrize("name", ["dim.symmetry-bound", "dim.per-region-bound", "dim.linear-region-pitfall", "symmetry.invariance", "symmetry.rank-invariance", "softmax.rank-bound", "softmax.sharp-rank-bound"])
def test_boundary_sample_is_excluded_and_skipped(name):
    """Without the no-boundary-sample hypothesis the Jacobian is undefined: the case is skipped, never failed."""
    claim = get_claim(name)
    net = RELU if name not in ("softmax.rank-bound", "softmax.sharp-rank-bound") else ReLUNetwork.from_arrays([([[1]], [0]), ([[1], [2]], [0, 0])])
    case = Case(net, fraction_batch([0], [1]))  # x = 0 is on the neuron's boundary
    assert not claim.applies(case) and claim.applies(case, ("no-boundary-sample",))
    with pytest.raises(Skip):
        claim.evaluate(case)


def test_zero_factor_is_out_of_scope():
    with pytest.raises(Skip):
        get_claim("symmetry.invariance").evaluate(Case(RELU, fraction_batch([1]), (("factors", ("0",)),)))


# --------------------------------------------------------------------------- helpers and examples


def test_signed_rescale_matches_rescale_for_positive_factors():
    net = ReLUNetwork.from_arrays([([[1, -2], [3, 1]], [1, 0]), ([[1, 1], [2, 0], [0, 1]], [0, 1, 1]),
                                   ([[1, -3, 2]], [2])])
    factors = [Fraction(2), Fraction(1, 3), Fraction(3), Fraction(5, 7), Fraction(1, 2)]
    expected = net
    for (layer, neuron), lam in zip([(1, 0), (1, 1), (2, 0), (2, 1), (2, 2)], factors):
        expected = rescale(expected, layer, neuron, lam)
    assert signed_rescale(net, factors) == expected
    short = Case(net, (), (("factors", ("2", "1/3")),))  # missing factors are 1
    assert transformed_network(short) == rescale(rescale(net, 1, 0, 2), 1, 1, "1/3")


def test_C8_authors_architectures():
    assert AUTHORS_ARCHITECTURES == {(784, 30, 30, 30, 10): (25720, 25630), (1, 100, 1): (301, 201)}
    for arch, (n_params, identifiable) in AUTHORS_ARCHITECTURES.items():
        n, h = architecture_counts(arch)
        assert (n, n - h) == (n_params, identifiable)
        assert n - sum(arch) + arch[0] + arch[-1] == identifiable  # the authors' Npar_identif


def _softmax_jacobian_rank(net, batch, probabilities=None):
    """Rank of blockdiag(D_s) J, D_s = diag(s) − s sᵀ: exact for given rational ``probabilities`` (one positive
    vector per sample), else in floats with s = softmax of the logits."""
    n_out, rows = net.n_outputs, []
    jac = jacobian(net, batch).matrix
    for j, x in enumerate(batch):
        if probabilities is None:
            z = np.array([float(v) for v in net.forward(x)])
            s = np.exp(z - z.max())
            s = list(s / s.sum())
        else:
            s = probabilities[j]
        block = jac[j * n_out:(j + 1) * n_out]
        d_s = [[(s[a] if a == b else 0) - s[a] * s[b] for b in range(n_out)] for a in range(n_out)]
        rows += [[sum(d_s[a][b] * block[b][c] for b in range(n_out)) for c in range(len(block[0]))]
                 for a in range(n_out)]
    if probabilities is None:
        return int(np.linalg.matrix_rank(np.array(rows, dtype=float)))
    return rank(rows).rank


def test_C24_projection_rank_equals_softmax_jacobian_rank():
    """rank(D_s J) = rank(P J) for every positive s (ker D_s = span 1): exactly for random rational s, and in
    floats for the true softmax where the logits do not saturate."""
    gen = random.Random(1)
    exact = floats = 0
    for _ in range(40):
        arch = gen.choice([(1, 2, 2), (2, 2, 3), (1, 3, 2)])
        net = ReLUNetwork.from_arrays([([[gen.randint(-1, 1) for _ in range(i)] for _ in range(o)],
                                        [gen.randint(-1, 1) for _ in range(o)]) for i, o in zip(arch, arch[1:])])
        batch = fraction_batch(*[[Fraction(gen.randint(-5, 5), 3) for _ in range(arch[0])] for _ in range(5)])
        case = Case(net, batch)
        if not get_claim("softmax.rank-bound").applies(case):
            continue
        r = get_claim("softmax.rank-bound").evaluate(case).values["rank"]
        weights_ = [[Fraction(gen.randint(1, 9)) for _ in range(net.n_outputs)] for _ in batch]
        probabilities = [[w / sum(ws) for w in ws] for ws in weights_]
        assert r == _softmax_jacobian_rank(net, batch, probabilities)
        exact += 1
        if all(max(z) - min(z) <= 4 for z in map(net.forward, batch)):
            assert r == _softmax_jacobian_rank(net, batch)
            floats += 1
    assert exact > 10 and floats > 5


def test_C24_theory_bound_is_not_sharp():
    """(1,2,2) with 7 samples: logits reach N − H = 8, softmax reaches only N − H − n_1 − 1 = 5 < N − H − 1 = 7."""
    net = ReLUNetwork.from_arrays([([[-1], [-1]], [-1, 1]), ([[-1, -1], [0, 0]], [0, 0])])
    case = Case(net, fraction_batch(*MORE_1D[0]))
    assert batch_functional_dimension(net, case.inputs).rank == 8
    theory, sharp = get_claim("softmax.rank-bound").evaluate(case), get_claim("softmax.sharp-rank-bound").evaluate(case)
    assert softmax_bounds(net, 7) == (7, 5)
    assert theory.values["rank"] == sharp.values["rank"] == 5 and theory.holds and sharp.holds


def test_batches_avoid_first_layer_boundaries():
    """The ranges' samples: no integer combination ±x_1 ± x_2 + b vanishes, so integer first layers never hit them."""
    for batch in BATCHES_1D + BATCHES_2D:
        for x in fraction_batch(*batch):
            for w in ((1, 0), (0, 1), (1, 1), (1, -1)) if len(x) == 2 else ((1,),):
                assert sum(a * b for a, b in zip(w, x)).denominator != 1
