"""The search must break false claims: plausible but false conjectures about regions, ranks, patterns and
symmetries, registered without a range, are refuted on the default search space (relugeom.claims.space)
within 30 s each, and each shrunk counterexample is re-checked. The built-in true claims run on the same
random stream raise no false alarm."""

import signal
import time
from contextlib import contextmanager
from fractions import Fraction

import pytest

from relugeom import batch_functional_dimension
from relugeom.claims import Claim, Outcome, Skip, all_claims, search, tally
from relugeom.claims.space import claim_cases, until
from relugeom.generic import computable_full_dimension, generic_rank
from relugeom.graph import linear_regions, region_graph
from relugeom.jacobian import batch_patterns
from relugeom.regions import enumerate_regions
from relugeom.symmetry import signed_rescale

SECONDS = 30


@contextmanager
def hard_limit(seconds: int):
    """Fail (instead of hanging) when one case takes far longer than the time budget."""
    def expired(*_):
        raise TimeoutError(f"a single case took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _batch(case):
    if not case.inputs:
        raise Skip("empty batch")
    return case.inputs


def _rank(case):
    return batch_functional_dimension(case.network, _batch(case)).rank


def _regions(case, limit=7):
    if case.network.n_hidden > limit:
        raise Skip("too many neurons for an all-of-R^d enumeration in a test")
    return enumerate_regions(case.network)


def rank_at_most_samples(case):
    r, n = _rank(case), len(_batch(case))
    return Outcome(r <= n, f"rank {r} vs {n} samples")


def rank_is_generic(case):
    r, g = _rank(case), generic_rank(case.network, _batch(case)).rank
    return Outcome(r == g, f"rank {r} vs r(Δ) {g}")


def symmetry_bound_is_attained(case):
    if len(set(_batch(case))) != len(case.inputs):
        raise Skip("repeated samples")
    net = case.network
    bound = min(net.n_params - net.n_hidden, net.n_outputs * len(case.inputs))
    r = _rank(case)
    return Outcome(r == bound, f"rank {r} vs min(N − H, n_L n) = {bound}")


def full_rank_once_saturated(case):
    net, batch = case.network, _batch(case)
    patterns = batch_patterns(net, batch)
    if any(sum(1 for q in patterns if q == p) < net.n_inputs + 1 for p in patterns):
        raise Skip("a perceived region holds too few samples")
    r = _rank(case)
    return Outcome(r == net.n_params - net.n_hidden, f"rank {r} vs N − H = {net.n_params - net.n_hidden}")


def extra_sample_in_a_seen_region_adds_nothing(case):
    net, batch = case.network, _batch(case)
    patterns = batch_patterns(net, batch)
    repeats = [j for j in range(1, len(batch)) if patterns[j] in patterns[:j] and batch[j] not in batch[:j]]
    if not repeats:
        raise Skip("no second sample in a region")
    j = repeats[0]
    without = batch[:j] + batch[j + 1:]
    a, b = batch_functional_dimension(net, without).rank, _rank(case)
    return Outcome(a == b, f"rank {a} without sample {j}, {b} with it (same region as an earlier sample)")


def negative_rescaling_keeps_rank(case):
    net = case.network
    if net.n_hidden == 0:
        raise Skip("no hidden neuron")
    other = signed_rescale(net, [Fraction(-1)] + [Fraction(1)] * (net.n_hidden - 1))
    a = _rank(case)
    b = batch_functional_dimension(other, case.inputs).rank  # a boundary sample of Tθ is a skip
    return Outcome(a == b, f"rank {a} → {b} after λ = −1 on neuron 0")


def linear_region_count_bounds_rank(case):
    net, batch = case.network, _batch(case)
    maps = {}
    for x, p in zip(batch, batch_patterns(net, batch)):
        maps.setdefault(net.affine_map(p), set()).add(x)
    bound = net.n_outputs * sum(min(len(xs), net.n_inputs + 1) for xs in maps.values())
    r = _rank(case)
    return Outcome(r <= bound, f"rank {r} vs linear-region bound {bound}")


def regions_at_least_neurons_plus_one(case):
    count = len(_regions(case).regions)
    return Outcome(count >= case.network.n_hidden + 1, f"{count} regions, H = {case.network.n_hidden}")


def shallow_regions_are_2_to_the_m(case):
    net = case.network
    if net.depth != 2:
        raise Skip("one hidden layer only")
    count = len(_regions(case).regions)
    return Outcome(count == 2 ** net.n_hidden, f"{count} regions vs 2^{net.n_hidden}")


def activation_regions_are_linear_regions(case):
    regions = _regions(case, limit=6)
    linear = len(linear_regions(region_graph(regions)))
    return Outcome(linear == len(regions.regions), f"{len(regions.regions)} activation regions, {linear} linear regions")


def some_region_is_bounded(case):
    regions = _regions(case).regions
    return Outcome(any(r.bounded for r in regions), f"{len(regions)} regions, none bounded")


def full_dimension_without_dead_neurons(case):
    net = case.network
    regions = _regions(case).regions
    for l in range(net.depth - 1):
        for i in range(net.layers[l].n_out):
            if all(r.pattern[l][i] == 0 for r in regions):
                raise Skip("a neuron is inactive everywhere")
    full = computable_full_dimension(net, regions).rank
    return Outcome(full == net.n_params - net.n_hidden, f"dim_cfun {full} vs N − H {net.n_params - net.n_hidden}")


def convex_on_the_batch(case):
    net, batch = case.network, _batch(case)
    if net.n_outputs != 1:
        raise Skip("scalar output only")
    for x in batch:
        for y in batch:
            mid = tuple((a + b) / 2 for a, b in zip(x, y))
            if net.forward(mid)[0] > (net.forward(x)[0] + net.forward(y)[0]) / 2:
                return Outcome(False, f"f((x + y)/2) > (f(x) + f(y))/2 for x = {x}, y = {y}")
    return Outcome(True, "midpoint-convex on the batch")


FALSE_CONJECTURES = [
    ("rank ≤ number of samples", rank_at_most_samples),
    ("the rank at θ is the generic rank of its pattern", rank_is_generic),
    ("distinct samples attain min(N − H, n_L·n)", symmetry_bound_is_attained),
    ("n_0 + 1 samples in every perceived region give rank N − H", full_rank_once_saturated),
    ("a second sample in a region adds nothing to the rank", extra_sample_in_a_seen_region_adds_nothing),
    ("flipping the sign of a neuron's rescaling keeps the rank", negative_rescaling_keeps_rank),
    ("the per-region bound holds with linear regions", linear_region_count_bounds_rank),
    ("there are at least H + 1 activation regions", regions_at_least_neurons_plus_one),
    ("a one-hidden-layer network of width m has 2^m regions", shallow_regions_are_2_to_the_m),
    ("activation regions are linear regions", activation_regions_are_linear_regions),
    ("some activation region is bounded", some_region_is_bounded),
    ("without a neuron inactive everywhere, dim_cfun = N − H", full_dimension_without_dead_neurons),
    ("a ReLU network is midpoint-convex on its samples", convex_on_the_batch),
]


@pytest.mark.parametrize("statement,predicate", FALSE_CONJECTURES, ids=[f.__name__ for _, f in FALSE_CONJECTURES])
def test_false_conjecture_is_refuted_and_the_counterexample_rechecked(statement, predicate):
    claim = Claim(name=f"false.{predicate.__name__}", title=statement, statement=statement, predicate=predicate)
    started = time.perf_counter()
    with hard_limit(SECONDS + 30):
        result = search(claim, seconds=SECONDS, seed=0)
    assert result.shrunk is not None, f"not refuted in {result.cases} cases: {statement}"
    assert time.perf_counter() - started < SECONDS + 15
    again = claim.evaluate(result.shrunk)
    assert not again.holds and claim.applies(result.shrunk)
    first, small = result.found, result.shrunk
    assert small.network.n_hidden <= first.network.n_hidden and len(small.inputs) <= len(first.inputs)


def test_refutation_is_deterministic_for_a_seed():
    claim = Claim(name="false.rank-at-most-samples", title="", statement="", predicate=rank_at_most_samples)
    a, b = search(claim, seconds=SECONDS, seed=4), search(claim, seconds=SECONDS, seed=4)
    assert a.shrunk == b.shrunk and a.found == b.found


TRUE_CLAIMS = [c for c in all_claims() if not c.expect_counterexamples]


@pytest.mark.parametrize("claim", TRUE_CLAIMS, ids=[c.name for c in TRUE_CLAIMS])
def test_builtin_claims_raise_no_false_alarm_on_the_random_stream(claim):
    with hard_limit(30):
        result = tally(claim, until(claim_cases(claim, seed=0), time.perf_counter() + 1.0))
    assert result.failures == 0, (claim.name, result.counterexample, result.outcome)
