"""Property tests of the generic-rank, full-dimension, sampling and dead-neuron claims (C3, C5-C7, C13, C14)."""

import random

import pytest
from fractions import Fraction

from claim_support import verdict
from hypothesis import HealthCheck, given, settings, strategies as st

from relugeom import BoundaryError, ReLUNetwork, batch_functional_dimension
from relugeom.domain import Domain
from relugeom.claims import Case, get_claim
from relugeom.generic import computable_full_dimension, generic_rank
from relugeom.sampling import failure_bound, region_volume, sampling_curve
from relugeom.regions import enumerate_regions

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


@st.composite
def cases(draw, archs=((1, 2, 1), (1, 3, 1), (2, 2, 1), (1, 2, 2, 1), (2, 1, 2))):
    arch = draw(st.sampled_from(archs))
    layers = [([[draw(st.integers(-3, 3)) for _ in range(i)] for _ in range(o)],
               [draw(st.integers(-3, 3)) for _ in range(o)]) for i, o in zip(arch, arch[1:])]
    n = draw(st.integers(1, 7))
    points = [[Fraction(draw(st.integers(-20, 20)), 7) for _ in range(arch[0])] for _ in range(n)]
    return Case(ReLUNetwork.from_arrays(layers), tuple(tuple(p) for p in points))


@SETTINGS
@given(cases())
def test_rank_never_exceeds_the_generic_rank_or_the_bounds(case):
    assert verdict("patterns.generic-rank-upper", case).holds


@SETTINGS
@given(cases())
def test_exceptional_theta_is_a_local_minimum_of_the_rank(case):
    assert verdict("patterns.local-constancy", case).holds


@SETTINGS
@given(cases(archs=((1, 2, 1), (2, 2, 1), (1, 1, 2, 1), (2, 1, 1))))
def test_full_dimension_bounds_and_decisive_batch(case):
    assert verdict("cfun.computable", case).holds


@SETTINGS
@given(cases(archs=((1, 2, 1), (1, 3, 1))))
def test_sampling_monotone_and_saturated(case):
    assert verdict("sampling.monotone-saturation", case).holds


def test_generic_rank_upper_bound_is_respected_by_random_theta():
    rng, checked = random.Random(5), 0
    for _ in range(20):
        net = ReLUNetwork.from_arrays([([[rng.randint(-3, 3)] for _ in range(3)], [rng.randint(-3, 3) for _ in range(3)]),
                                       ([[rng.randint(-3, 3) for _ in range(3)]], [0])])
        X = [[Fraction(rng.randint(-30, 30), 7)] for _ in range(8)]
        try:
            g = generic_rank(net, X)
        except BoundaryError:
            continue
        checked += 1
        assert g.rank <= g.upper
        assert batch_functional_dimension(net, X).rank <= g.rank
    assert checked >= 10


def test_dead_neuron_claim_and_its_counterexample_shape():
    claim = get_claim("cfun.dead-neuron")
    dead = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[-1, -2], [1, 1]], [-1, 0]), ([[1, 1]], [0])])
    outcome = claim.evaluate(Case(dead))
    assert outcome.holds and outcome.values["dim_cfun"] <= outcome.values["bound"] == 6
    alive = dead.with_parameters([-3, 2, -1, 2, -2, 2, 2, 2, -1, 1, -3, 2, 1])  # no dead neuron
    assert get_claim("cfun.dead-neuron").default.networks and computable_full_dimension(alive).rank == 8 > 6


def test_c13_reaches_n_minus_h():
    assert get_claim("cfun.maximum-attained").evaluate(Case(ReLUNetwork.from_arrays([([[0], [0]], [0, 0]), ([[0, 0]], [0])]))).holds


def test_exact_volumes_and_bound():
    net = ReLUNetwork.from_arrays([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], [0])])
    regions = enumerate_regions(net, Domain.box(-1, 1, dim=2))
    assert sorted(region_volume(r) for r in regions) == [1, 1, 1, 1]
    assert failure_bound([Fraction(1, 2)] * 2, 3, 1) == 1  # 2 · (1/8 + 3/8), capped
    assert failure_bound([Fraction(1)], 5, 1) == 0


def test_sampling_frequency_below_bound_and_deterministic():
    net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])
    a = sampling_curve(net, Domain.box(-2, 2, dim=1), [6, 12, 24], trials=15, seed=3)
    b = sampling_curve(net, Domain.box(-2, 2, dim=1), [6, 12, 24], trials=15, seed=3)
    assert a == b and a.failures[-1] <= a.failures[0]
    assert get_claim("sampling.failure-bound").evaluate(Case(net)).holds


def test_sampling_curve_refuses_a_network_whose_every_draw_is_a_boundary_sample():
    """A neuron identically 0 (zero row, zero bias) puts every sample on a boundary: an error, not a hang."""
    net = ReLUNetwork.from_arrays([([[0], [1]], [0, 0]), ([[1, 1]], [0])])
    with pytest.raises(BoundaryError, match="positive volume"):
        sampling_curve(net, Domain.box(-2, 2, dim=1), [2], trials=1)


def test_sampling_bound_holds_on_the_box_and_its_global_form_fails_outside_the_box():
    """3 relu(x) + 2 relu(x − 5) + 1 on [−2, 2]: dim_cfun 5 but the box only sees 3 (docs/theory.md §3.5)."""
    net = ReLUNetwork.from_arrays([([[1], [1]], [0, -5]), ([[3, 2]], [1])])
    curve = sampling_curve(net, Domain.box(-2, 2, dim=1), [4, 16], trials=10, seed=2)
    assert (curve.dim_cfun, curve.dim_support, curve.target) == (5, 3, 3)
    glob = sampling_curve(net, Domain.box(-2, 2, dim=1), [4, 16], trials=10, seed=2, relative_to="global")
    assert glob.failures == (10, 10) and glob.bounds[-1] < Fraction(1, 100)
    assert get_claim("sampling.failure-bound").evaluate(Case(net)).holds
    assert not get_claim("sampling.global-dimension-pitfall").evaluate(Case(net)).holds


def test_local_dimension_is_certified_only_when_it_meets_the_upper_bound():
    """1-1-1-1 with two samples whose output is constant (layer 2 inactive), each counted once by the
    affine per-region bound, though both rows are ∂f/∂c: r(Δ) = 3 is found, the bounds say 4, so it is not
    certified (an earlier version called it certified because the random θ' did not exceed the rank at θ)."""
    from relugeom.generic import local_dimension, proved_upper_bound
    from relugeom.jacobian import batch_patterns

    net = ReLUNetwork.from_arrays([([[-1]], [1]), ([[2]], [-2]), ([[2]], [-1])])
    X = [[-2], ["1/2"], ["3/2"], ["-1/2"]]
    assert batch_functional_dimension(net, X).rank == 3
    assert proved_upper_bound(net, X, batch_patterns(net, X)) == 4
    assert local_dimension(net, X, 3) == (3, False)
    generic = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])
    assert local_dimension(generic, [[-3], [-2], ["1/2"], ["3/4"], [2], [3]], 5) == (5, True)


@st.composite
def frozen_cases(draw, archs=((1, 2, 1), (2, 2, 1), (1, 2, 2, 1), (2, 1, 2), (1, 3, 2))):
    """A network, a batch (zeros allowed) and an arbitrary pattern per sample (realised or not)."""
    case = draw(cases(archs))
    hidden = case.network.architecture[1:-1]
    patterns = [tuple(tuple(draw(st.integers(0, 1)) for _ in range(w)) for w in hidden) for _ in case.inputs]
    return case.network, case.inputs, patterns


@SETTINGS
@given(frozen_cases(), st.integers(0, 2**16))
def test_structural_bound_is_sound_and_live_columns_are_exactly_the_nonzero_ones(fc, seed):
    """Against random θ': the rank never exceeds the structural or the affine per-region bound, a column declared dead is zero, and
    a column declared live is nonzero at a random θ' (a nonzero polynomial at a random point)."""
    from relugeom.generic import live_parameters, proved_upper_bound, random_parameters, structural_bound
    from relugeom.jacobian import frozen_jacobian
    from relugeom.exact.linalg import rank

    net, batch, patterns = fc
    live = live_parameters(net, batch, patterns)
    bound = min(structural_bound(net, batch, patterns, seed=seed), proved_upper_bound(net, batch, patterns))
    from relugeom.dimension import region_bound
    from relugeom.generic import affine_region_bound
    from relugeom.inputs import as_batch

    exact_batch = as_batch(batch, net.n_inputs)  # the affine form never loosens the per-region bound
    assert affine_region_bound(net, exact_batch, patterns) <= region_bound(net, exact_batch, patterns)
    rng = random.Random(seed)
    for _ in range(2):
        at = net.with_parameters(random_parameters(net, rng))
        jac = frozen_jacobian(at, batch, patterns).matrix
        columns = [any(row[k] for row in jac) for k in range(net.n_params)]
        assert columns == live
        assert rank(jac).rank <= bound


def test_structural_bound_certifies_dead_cells_that_the_other_bounds_miss():
    """relu(b) on x = 0, 1, 2 with b < −2: every sample inactive, f ≡ c, r(Δ) = 1; the per-region bound says 2."""
    from relugeom.generic import local_dimension

    net = ReLUNetwork.from_arrays([([[1]], [Fraction(-5, 2)]), ([[1]], [0])])
    assert local_dimension(net, [[0], [1], [2]], rank_at_theta=1) == (1, True)
    two = ReLUNetwork.from_arrays([([[2], [2]], [-2, -1]), ([[-2, 2]], [-1])])   # the dead pattern counts once
    assert local_dimension(two, [[-1], ["5/2"], [-2]], rank_at_theta=2) == (2, True)
