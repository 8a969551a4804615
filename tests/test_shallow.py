"""Shallow networks (relugeom.shallow, proofs_checks.shallow; docs/theory.md §3.6): the 1-D theorem, its bounds, the (1,m,1) maximum and the rank formula."""

from __future__ import annotations

import time
from fractions import Fraction as F

import pytest
import sympy
from claim_support import failures
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from relugeom import BoundaryError, ReLUNetwork, batch_functional_dimension
from proofs_checks import shallow as S
from relugeom.claims import Case, Skip, cases_in_range, get_claim
from relugeom.shallow import activation_feature_rank, perceived_runs

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def net_1d(w, b, v, c=0) -> ReLUNetwork:
    return ReLUNetwork.from_arrays([([[x] for x in w], list(b)), ([list(v)], [c])])


def case_1d(net: ReLUNetwork, xs) -> Case:
    return Case(net, tuple((F(x),) for x in xs))


def rank_of(net: ReLUNetwork, inputs) -> int:
    return batch_functional_dimension(net, inputs).rank


# ------------------------------------------------------------------------------- strategies

INT = st.integers(-3, 3)
NONZERO = st.integers(-3, 3).filter(bool)


@st.composite
def shallow_nets(draw, nonzero_v: bool = False, max_m: int = 4) -> ReLUNetwork:
    m = draw(st.integers(1, max_m))
    w = draw(st.lists(INT, min_size=m, max_size=m))
    b = draw(st.lists(INT, min_size=m, max_size=m))
    v = draw(st.lists(NONZERO if nonzero_v else INT, min_size=m, max_size=m))
    return net_1d(w, b, v, draw(INT))


# k/35 with 5 ∤ k and 7 ∤ k has denominator 35, so it is never a breakpoint −b/w with |w| ≤ 3
FRACTIONAL = st.integers(-140, 140).filter(lambda k: k % 5 and k % 7).map(lambda k: F(k, 35))


@st.composite
def paired_samples(draw) -> list[F]:
    """Sorted samples in pairs (x, x + 1/1000): no breakpoint with |w| ≤ 3 separates a pair, so every
    perceived run holds ≥ 2 samples."""
    xs = sorted(set(draw(st.lists(FRACTIONAL, min_size=1, max_size=6))))
    return [y for x in xs for y in (x, x + F(1, 1000))]


ANY_SAMPLES = st.lists(FRACTIONAL | st.integers(-4, 4).map(F), min_size=1, max_size=9)  # duplicates allowed


def no_boundary(case: Case) -> bool:
    try:
        perceived_runs(case.network, case.inputs)
    except BoundaryError:
        return False
    return True


# ---------------------------------------------------------------------------- property tests


@PROPERTY
@given(shallow_nets(nonzero_v=True), paired_samples())
def test_theorem_s_equality(net, xs):
    claim, case = get_claim("shallow.rank-vs-regions-1d"), case_1d(net, xs)
    assume(no_boundary(case))  # only w_i = b_i = 0 (every point on the boundary) can fail here
    runs = perceived_runs(net, case.inputs)
    assert all(s >= 2 for s in runs.sizes)
    assert claim.applies(case)
    outcome = claim.evaluate(case)
    assert outcome.holds, outcome.detail
    assert rank_of(net, case.inputs) == 2 * runs.K - 1 + runs.epsilon


@PROPERTY
@given(shallow_nets(), ANY_SAMPLES)
def test_theorem_s_bounds_any_weights(net, xs):
    claim, case = get_claim("shallow.rank-upper-1d"), case_1d(net, xs)
    assume(no_boundary(case))
    assert claim.applies(case)
    outcome = claim.evaluate(case)
    assert outcome.holds, outcome.detail


@PROPERTY
@given(shallow_nets(), ANY_SAMPLES)
def test_epsilon_rule_and_runs(net, xs):
    """ε by the stated rule equals ε by the proof (𝟙 ∈ span of the neuron indicators), and in 1-D the
    runs are exactly the distinct patterns (a neuron switches at most once along the line)."""
    case = case_1d(net, xs)
    assume(no_boundary(case))
    runs = perceived_runs(net, case.inputs)
    assert runs.epsilon == runs.epsilon_span
    assert runs.K == len({net.pattern_at(x) for x in case.inputs})
    assert sum(runs.sizes) == len(set(case.inputs))


@st.composite
def maximal_cases(draw) -> Case:
    """Distinct integer breakpoints β_i, w_i, v_i ≠ 0, b_i = −w_i β_i; two samples in every interval."""
    betas = sorted(draw(st.lists(st.integers(-4, 4), min_size=1, max_size=4, unique=True)))
    m = len(betas)
    w = draw(st.lists(NONZERO, min_size=m, max_size=m))
    v = draw(st.lists(NONZERO, min_size=m, max_size=m))
    order = draw(st.permutations(range(m)))
    net = net_1d([w[i] for i in order], [-w[i] * betas[i] for i in order], [v[i] for i in order], draw(INT))
    xs = [betas[0] - F(2, 3), betas[0] - F(1, 3)] + [beta + d for beta in betas for d in (F(1, 3), F(2, 3))]
    return case_1d(net, draw(st.permutations(xs)))


@PROPERTY
@given(maximal_cases())
def test_maximum_attained(case):
    claim = get_claim("shallow.max-rank-1m1")
    assert claim.applies(case)
    outcome = claim.evaluate(case)
    assert outcome.holds, outcome.detail
    assert rank_of(case.network, case.inputs) == case.network.n_params - case.network.n_hidden


@PROPERTY
@given(shallow_nets(), ANY_SAMPLES)
def test_degenerate_bound(net, xs):
    claim, case = get_claim("shallow.degenerate-rank-1m1"), case_1d(net, xs)
    assume(no_boundary(case) and claim.applies(case))
    outcome = claim.evaluate(case)
    assert outcome.holds, outcome.detail


@st.composite
def general_cases(draw) -> Case:
    n0, m = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    w = [[draw(st.integers(-2, 2)) for _ in range(n0)] for _ in range(m)]
    b = [draw(st.integers(-2, 2)) for _ in range(m)]
    v = [draw(NONZERO) for _ in range(m)]
    net = ReLUNetwork.from_arrays([(w, b), ([v], [draw(INT)])])
    coord = st.integers(-20, 20).map(lambda k: F(k, 7))
    xs = draw(st.lists(st.tuples(*[coord] * n0), min_size=1, max_size=10))
    return Case(net, tuple(xs))


@PROPERTY
@given(general_cases())
def test_general_d_formula(case):
    claim = get_claim("shallow.rank-formula")
    assume(no_boundary(case))
    assert claim.applies(case)
    outcome = claim.evaluate(case)
    assert outcome.holds, outcome.detail


# ------------------------------------------------------------- independent check of §1.2


def hand_jacobian_rank(w, b, v, xs) -> int:
    """Rank of the Jacobian of θ = (w, b, v, c) ↦ (f(x_j))_j written out by hand, computed by sympy:
    ∂w_i = v_i x 1[w_i x + b_i > 0], ∂b_i = v_i 1[…], ∂v_i = relu(w_i x + b_i), ∂c = 1."""
    rows = []
    for x in xs:
        z = [wi * x + bi for wi, bi in zip(w, b)]
        assert all(zi != 0 for zi in z)
        on = [int(zi > 0) for zi in z]
        rows.append([vi * x * a for vi, a in zip(v, on)] + [vi * a for vi, a in zip(v, on)]
                    + [zi * a for zi, a in zip(z, on)] + [1])
    return sympy.Matrix([[sympy.Rational(q.numerator, q.denominator) if isinstance(q, F) else q for q in r]
                         for r in rows]).rank()


EXAMPLE_X = [F(-3), F(-2), F(1, 2), F(3, 4), F(2), F(3)]


@pytest.mark.parametrize("v1, expected", [(3, 5), (0, 4)])
def test_theorem_s_on_the_section_1_2_example(v1, expected):
    w, b, v = [1, -1], [0, 1], [v1, 2]
    assert hand_jacobian_rank(w, b, v, EXAMPLE_X) == expected
    net = net_1d(w, b, v, 1)
    case = case_1d(net, EXAMPLE_X)
    assert rank_of(net, case.inputs) == expected
    runs = perceived_runs(net, case.inputs)
    # patterns (0,1),(0,1) | (1,1),(1,1) | (1,0),(1,0): two cuts, one neuron each, none always active
    assert runs.patterns == ((0, 1), (1, 1), (1, 0)) and runs.sizes == (2, 2, 2)
    assert (runs.K, runs.epsilon, runs.formula, runs.run_bound) == (3, 0, 5, 6)
    claim = get_claim("shallow.rank-vs-regions-1d")
    assert claim.applies(case) == (v1 != 0)
    assert claim.applies(case, dropped=["nonzero-output-weights"])
    assert claim.evaluate(case).holds == (v1 != 0)
    assert get_claim("shallow.rank-upper-1d").evaluate(case).holds
    assert get_claim("shallow.rank-formula").evaluate(case).holds == (v1 != 0)
    assert activation_feature_rank(net, case.inputs) == 5


def test_epsilon_examples():
    # |x|: the cut at 0 is made by a prefix and a suffix neuron → ε = 1, dim = 2K = 4
    runs = perceived_runs(S.TWO_SIDED_CUT, S.DENSE8)
    assert (runs.K, runs.two_sided_cuts, runs.all_active, runs.epsilon) == (2, (0,), (), 1)
    assert rank_of(S.TWO_SIDED_CUT, S.DENSE8) == 4
    # a neuron active everywhere → ε = 1
    runs = perceived_runs(S.ALWAYS_ON, S.DENSE8)
    assert (runs.K, runs.all_active, runs.epsilon) == (2, (1,), 1)
    assert rank_of(S.ALWAYS_ON, S.DENSE8) == 4
    # a single suffix neuron: ε = 0, dim = 3; all neurons dead: K = 1, dim = 1
    assert perceived_runs(net_1d([1], [0], [1]), S.DENSE8).formula == 3 == rank_of(net_1d([1], [0], [1]), S.DENSE8)
    dead = net_1d([1, -1], [-5, -5], [1, 1])
    assert perceived_runs(dead, S.DENSE8).formula == 1 == rank_of(dead, S.DENSE8)


# ------------------------------------------------------------ each hypothesis is needed


P = S._points
VIOLATIONS = [
    # (claim, hypothesis, network, batch): violates only that hypothesis, and the claim fails
    ("shallow.rank-vs-regions-1d", "scalar-input", S.PLANE_NET, S.PLANE8),
    ("shallow.rank-vs-regions-1d", "nonzero-output-weights", S.EXAMPLE_NET_V0, S.EXAMPLE_1_2),                 # rank 4, predicted 5
    ("shallow.rank-vs-regions-1d", "two-samples-per-run", net_1d([1, -1, 0], [0, 1, 1], [1, 1, 1]), P(-2, -1, "1/2", 2, 3)),  # ≤ 5 vs 6
    ("shallow.rank-upper-1d", "scalar-input", S.PLANE_NET, S.PLANE8),
    ("shallow.max-rank-1m1", "nonzero-weights", net_1d([1, 0], [0, 1], [1, 1]), S.DENSE8),
    ("shallow.max-rank-1m1", "nonzero-output-weights", S.EXAMPLE_NET_V0, S.EXAMPLE_1_2),
    ("shallow.max-rank-1m1", "distinct-breakpoints", S.TWO_SIDED_CUT, S.DENSE8),
    ("shallow.max-rank-1m1", "dense-samples", S.EXAMPLE_NET, P("1/3", "2/3", "4/3", "5/3")),
    ("shallow.degenerate-rank-1m1", "degenerate", S.EXAMPLE_NET, S.EXAMPLE_1_2),
    ("shallow.rank-formula", "one-hidden-layer", S.DEEP_NET, S.DENSE8),
    ("shallow.rank-formula", "scalar-output", S.TWO_OUTPUTS, S.DENSE8),
    ("shallow.rank-formula", "nonzero-output-weights", S.EXAMPLE_NET_V0, S.EXAMPLE_1_2),
]


@pytest.mark.parametrize("name, hypothesis, net, batch", VIOLATIONS, ids=[f"{v[0]}-{v[1]}" for v in VIOLATIONS])
def test_dropping_a_hypothesis_falsifies(name, hypothesis, net, batch):
    claim = get_claim(name)
    case = Case(net, tuple(tuple(F(q) for q in x) for x in batch))
    assert not claim.hypothesis(hypothesis).check(case)
    assert not claim.applies(case)
    assert claim.applies(case, dropped=[hypothesis])
    outcome = claim.evaluate(case)
    assert not outcome.holds, outcome.detail


DROPPABLE = sorted({(v[0], v[1]) for v in VIOLATIONS})


@pytest.mark.parametrize("name, hypothesis", DROPPABLE, ids=[f"{n}-{h}" for n, h in DROPPABLE])
def test_default_range_has_a_counterexample_without_the_hypothesis(name, hypothesis):
    claim = get_claim(name)
    for case in cases_in_range(claim, claim.default):
        if not claim.applies(case, dropped=[hypothesis]):
            continue
        try:
            if not claim.evaluate(case).holds:
                return
        except Skip:
            continue
    pytest.fail(f"no counterexample to {name} without {hypothesis} in its default range")


def test_every_needed_hypothesis_has_a_violation_example():
    names = {"shallow.rank-vs-regions-1d", "shallow.rank-upper-1d", "shallow.max-rank-1m1", "shallow.degenerate-rank-1m1", "shallow.rank-formula"}
    declared = {(n, h.name) for n in names for h in get_claim(n).hypotheses if h.name != "no-boundary-sample"}
    assert declared == set(DROPPABLE)


@pytest.mark.parametrize("name", ["shallow.rank-vs-regions-1d", "shallow.rank-upper-1d", "shallow.max-rank-1m1", "shallow.degenerate-rank-1m1", "shallow.rank-formula"])
def test_boundary_sample_is_skipped(name):
    claim = get_claim(name)
    case = case_1d(S.EXAMPLE_NET, [-3, -2, 0, F(3, 4), 2, 3])  # x = 0 is neuron 1's breakpoint
    assert not claim.applies(case)
    with pytest.raises(Skip):
        claim.evaluate(case)


@pytest.mark.parametrize("name, net", [("shallow.rank-vs-regions-1d", S.DEEP_NET), ("shallow.rank-vs-regions-1d", S.TWO_OUTPUTS), ("shallow.rank-upper-1d", S.DEEP_NET),
                                       ("shallow.max-rank-1m1", S.PLANE_NET), ("shallow.max-rank-1m1", S.TWO_OUTPUTS),
                                       ("shallow.degenerate-rank-1m1", S.DEEP_NET)])
def test_out_of_scope_networks_are_skipped(name, net):
    batch = S.PLANE8 if net.n_inputs == 2 else S.DENSE8
    with pytest.raises(Skip):
        get_claim(name).evaluate(Case(net, tuple(tuple(F(q) for q in x) for x in batch)))


# ---------------------------------------------------------------- exhaustive default ranges


@pytest.mark.parametrize("name", ["shallow.rank-vs-regions-1d", "shallow.rank-upper-1d", "shallow.max-rank-1m1", "shallow.degenerate-rank-1m1", "shallow.rank-formula"])
def test_default_range_exhaustive(name):
    started = time.perf_counter()
    checked, bad = failures(name)
    print(f"{name}: {checked} cases checked in {time.perf_counter() - started:.1f}s")
    assert checked > 100
    assert not bad, (bad[0][0].to_dict(), bad[0][1].detail)
