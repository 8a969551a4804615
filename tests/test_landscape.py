"""relugeom.theory.landscape (docs/theory.md §2.8, claims C17–C21): the counts T, G_A, G_B by closed forms and brute force,
the exact constructions (expansions, the three-segment path, replication of critical points), the counterexamples
once a hypothesis is dropped, and the ReLU caveat of §2.5 (rescaling orbits are not affine)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from claim_support import failures
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from relugeom import BoundaryError, RelugeomError, ReLUNetwork, ShapeError, permute, rescale
from relugeom import landscape as L
from relugeom.claims import NO_BOUNDARY_SAMPLE, Case, cases_in_range, get_claim, search
from relugeom.landscape.expansions import _build

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
NAMES = ("landscape.expansion-count", "landscape.expansion-pieces", "landscape.three-segment-path", "landscape.replication-critical", "landscape.symmetry-counts")

# --------------------------------------------------------------------------- counting: closed forms vs brute force


@pytest.mark.parametrize("r", range(5))
def test_closed_forms_agree_with_brute_force(r):
    for m in range(9):
        t = L.T(r, m)
        assert t == L.T_stirling(r, m) == L.T_bruteforce(r, m) == L.G_B(r, m) == L.G_B_bruteforce(r, m)
        assert L.G_A(r, m) == L.G_A_inclusion_exclusion(r, m) == L.G_A_bruteforce(r, m)


def test_tables_by_both_methods():
    for kind in ("T", "G_A", "G_B"):
        assert L.table(kind, 4, 8) == L.table(kind, 4, 8, method="brute")


def test_worked_values_of_theory_section_2():
    assert L.T(1, 2) == 3
    assert L.shifted_table("T", 5) == [
        [1, 3, 7, 15, 31, 63],
        [2, 12, 50, 180, 602, 1932],
        [6, 60, 390, 2100, 10206, 46620],
        [24, 360, 3360, 25200, 166824, 1020600],
        [120, 2520, 31920, 317520, 2739240, 21538440],
    ]
    assert L.shifted_table("G_A", 5) == [
        [1, 1, 1, 1, 1, 1],
        [2, 6, 14, 30, 62, 126],
        [6, 36, 150, 540, 1806, 5796],
        [24, 240, 1560, 8400, 40824, 186480],
        [120, 1800, 16800, 126000, 834120, 5103000],
    ]
    assert L.shifted_table("G_B", 5) == L.shifted_table("T", 5)
    for r in range(1, 8):
        assert L.T(r, r) == math.factorial(r)
        assert Fraction(L.T(r, r + 1)) == math.factorial(r + 1) * (Fraction(r, 2) + 1)
        assert L.T(1, r) == 2 ** r - 1
    # (A4): h = 1 ratios 0.083 (r* = 2), 0.233 (3), 0.619 (5), 1.75 (10)
    assert [L.ratio("G_A", r, 1) for r in (2, 3, 5, 10)] == [Fraction(1, 12), Fraction(7, 30), Fraction(13, 21),
                                                            Fraction(7, 4)]
    for r in range(2, 40):
        assert L.ratio("G_A", r, 1) == Fraction((r - 1) * (3 * r - 2), 12 * (r + 2))
        assert L.ratio("G_B", r, 1) == Fraction(3 * r + 1, 12)


def test_figure_4a_three_pieces():
    """T(1, 2) = 3: {a_2 = 0, w_2 free} (Γ0), {a_1 = 0, w_1 free} (P(1,2)Γ0) and the duplicate piece."""
    assert list(L.expansion_maps(1, 2)) == [(0, 1), (1, 0), (1, 1)]
    teacher = L.two_layer_network([[1]], [3])
    gamma0 = L.expansion(teacher, [1, 0], [3, 0], free=[([-5], 0)])
    swapped = L.expansion(teacher, [0, 1], [0, 3], free=[([-5], 0)])
    duplicate = L.expansion(teacher, [1, 1], ["1/2", "5/2"])
    for net, phi in ((gamma0, (1, 0)), (swapped, (0, 1)), (duplicate, (1, 1))):
        assert L.same_function(net, teacher) and L.expansion_pieces(net, teacher) == [phi]
    assert swapped == permute(gamma0, 1, [1, 0])


def test_edge_sizes_and_bad_input():
    assert L.T(0, 3) == 1 and L.G_A(0, 0) == 1 and L.G_A(0, 2) == 0 and L.T(3, 2) == 0
    assert L.table("T", 2, 1) == [[1], [0]]
    with pytest.raises(RelugeomError):
        L.T(-1, 2)
    with pytest.raises(RelugeomError):
        L.table("X", 2, 2)


def test_format_table_and_report():
    text = L.format_table("G_A", 3, 4)
    assert "G_A(r, m)" in text and text.splitlines()[3].split()[-1] == "36"
    report = L.landscape_report()
    assert "agrees with the closed forms for every printed entry (r ≤ 4, m ≤ 8)" in report
    assert "166824" in report and "40824" in report and "DISAGREES" not in report


# --------------------------------------------------------------------------- strategies

rationals = st.builds(Fraction, st.integers(-4, 4), st.sampled_from([1, 2, 3]))
nonzero = rationals.filter(bool)
positive = st.builds(Fraction, st.integers(1, 4), st.sampled_from([1, 2, 3]))


@st.composite
def teachers(draw, max_width=3, max_outputs=2, bias=True):
    d, r, d_out = draw(st.integers(1, 2)), draw(st.integers(1, max_width)), draw(st.integers(1, max_outputs))
    w = [[draw(rationals) for _ in range(d)] for _ in range(r)]
    b = [draw(rationals) if bias else 0 for _ in range(r)]
    a = [[draw(rationals) for _ in range(d_out)] for _ in range(r)]
    return L.two_layer_network(w, a, b, [draw(rationals) for _ in range(d_out)])


@st.composite
def onto_maps(draw, r, extra=2, zero=True):
    m = r + draw(st.integers(0, extra))
    phi = list(range(1, r + 1)) + [draw(st.integers(0 if zero else 1, r)) for _ in range(m - r)]
    return tuple(draw(st.permutations(phi)))


@st.composite
def fractions_for(draw, phi):
    """Fractions summing to 1 over the copies of each teacher neuron."""
    out = [Fraction(0)] * len(phi)
    for i in set(phi) - {0}:
        copies = [j for j, v in enumerate(phi) if v == i]
        for j in copies[:-1]:
            out[j] = draw(rationals)
        out[copies[-1]] = 1 - sum(out[j] for j in copies[:-1])
    return out


def outgoing_list(net):
    return [L.outgoing(net, k) for k in range(net.layers[0].n_out)]


# --------------------------------------------------------------------------- exact function equality


@st.composite
def net_pairs(draw):
    f = draw(teachers(max_width=2, max_outputs=1))
    g = draw(st.sampled_from(["same", "rescaled", "permuted", "other", "split"]))
    if g == "rescaled":
        return f, L.rescale_neurons(f, [draw(positive) for _ in range(f.layers[0].n_out)])
    if g == "permuted":
        return f, permute(f, 1, list(reversed(range(f.layers[0].n_out))))
    if g == "split":
        phi = [*range(1, f.layers[0].n_out + 1), 1]
        return f, L.expansion(f, phi, L.split_weights(f, phi))
    if g == "other":
        return f, ReLUNetwork.from_arrays(
            [([list(r) for r in f.layers[0].weight], list(f.layers[0].bias)),
             ([[v + draw(st.integers(-1, 1)) for v in f.layers[1].weight[0]]], list(f.layers[1].bias))])
    return f, f


@SETTINGS
@given(net_pairs())
def test_kinks_and_regions_agree(pair):
    f, g = pair
    if f.n_inputs != g.n_inputs:
        return
    by_kinks = L.same_function(f, g, method="kinks")
    assert by_kinks == L.same_function(f, g, method="regions")
    if not by_kinks:
        pattern = L.function_difference(f, g)
        assert pattern is not None


def test_same_function_rejects_negative_rescaling_and_handles_linear_pairs():
    relu = L.two_layer_network([[1]], [1])
    assert not L.same_function(relu, L.rescale_neurons(relu, [-1]))
    identity_by_pair = L.two_layer_network([[1], [-1]], [1, -1])         # relu(x) − relu(−x) = x
    shifted = L.two_layer_network([[1]], [1], [5], -5)                   # relu(x + 5) − 5 = x only for x ≥ −5
    assert not L.same_function(identity_by_pair, shifted)
    assert L.same_function(identity_by_pair, L.two_layer_network([[2], [-3]], ["1/2", "-1/3"]))


# --------------------------------------------------------------------------- C18: expansions


@SETTINGS
@given(st.data())
def test_expansion_computes_the_teacher(data):
    teacher = data.draw(teachers())
    r, d, d_out = teacher.layers[0].n_out, teacher.n_inputs, teacher.n_outputs
    phi = data.draw(onto_maps(r))
    shifts = None
    if d_out == 1:
        shifts = [0] * len(phi)
        reps = [i for i in set(phi) - {0} if phi.count(i) >= 2]
        if reps:
            j0, j1 = [j for j, v in enumerate(phi) if v == reps[0]][:2]
            t = data.draw(rationals)
            shifts[j0], shifts[j1] = t, -t
    splits = L.split_weights(teacher, phi, data.draw(fractions_for(phi)), shifts)
    free = [([data.draw(rationals) for _ in range(d)], data.draw(rationals)) for _ in range(phi.count(0))]
    student = L.expansion(teacher, phi, splits, free=free)
    assert L.same_function(student, teacher)
    assert phi in L.expansion_pieces(student, teacher)
    factors = [data.draw(positive) for _ in phi]
    rescaled = L.rescale_neurons(student, factors)
    assert L.same_function(rescaled, teacher)
    if all(any(row) or bias for row, bias in zip(teacher.layers[0].weight, teacher.layers[0].bias)):
        assert phi in L.expansion_pieces(rescaled, teacher, rescaled=True)   # λ_j is determined
    j = phi.count(0)
    for biases in (False, True):
        assert L.expansion_subspace_dimension(teacher, phi, biases) == L.expansion_dimension(r, len(phi), j, d, d_out,
                                                                                             biases)
    assert L.expansion_dimension(r, len(phi), j, d, d_out) >= len(phi) - r


def test_expansion_validates():
    teacher = L.two_layer_network([[1], [-1]], [2, 3])
    with pytest.raises(RelugeomError, match="not onto"):
        L.expansion(teacher, [1, 1], [1, 1])
    with pytest.raises(RelugeomError, match="summing"):
        L.expansion(teacher, [1, 2, 2], [2, 1, 1])
    with pytest.raises(RelugeomError, match="zero-type"):
        L.expansion(teacher, [1, 2, 0], [2, 3, 1])
    with pytest.raises(ShapeError):
        L.expansion(teacher, [1, 3], [2, 3])
    with pytest.raises(ShapeError):
        L.expansion(teacher, [1, 2, 0], [2, 3, 0], free=[])
    assert L.expansion(teacher, [None, 2, 1], [None, 3, 2]).architecture == (1, 3, 1)


def test_split_weights_vector_outputs():
    teacher = L.two_layer_network([[1]], [[2, 4]])
    splits = L.split_weights(teacher, [1, 1], ["1/4", "3/4"], [[1, 0], [-1, 0]])
    assert splits == [(Fraction(3, 2), Fraction(1)), (Fraction(1, 2), Fraction(3))]
    with pytest.raises(RelugeomError):
        L.split_weights(teacher, [1, 1], ["1/4", "1/4"])


# --------------------------------------------------------------------------- C19: the three-segment path


@SETTINGS
@given(st.data())
def test_three_segment_path_is_zero_loss(data):
    base = data.draw(teachers(max_width=3))
    width = base.layers[0].n_out
    assume(width >= 2)
    i, j = data.draw(st.permutations(range(width)))[:2]
    rows, biases, outs = list(base.layers[0].weight), list(base.layers[0].bias), outgoing_list(base)
    outs[j] = (Fraction(0),) * base.n_outputs  # the spare neuron
    theta = _build(rows, biases, outs, base.layers[1].bias)
    path = L.three_segment_path(theta, i, j)
    perm = list(range(width))
    perm[i], perm[j] = j, i
    assert path[0] == theta and path[-1] == permute(theta, 1, perm)
    batch = [[Fraction(k, 7) for _ in range(theta.n_inputs)] for k in (-9, -2, 3, 11)]
    check = L.check_path(path, theta, batch, grid=4)
    assert check.proved and check.zero_loss
    t = data.draw(st.builds(Fraction, st.integers(0, 12), st.just(12)))
    for a, b in itertools.pairwise(path):
        assert L.same_function(L.interpolate(a, b, t), theta, method="regions")


def test_path_without_spare_neuron_leaves_zero_loss():
    theta = L.two_layer_network([[1], [-1]], [1, 2])         # a_j = 2 ≠ 0
    path = L.three_segment_path(theta, 0, 1)
    check = L.check_path(path, theta, [["-1/3"], ["2/3"]])
    assert not check.vertices_equal[1] and not check.certified[0] and check.grid_loss > 0
    assert path[-1] == permute(theta, 1, [1, 0])             # it still ends at P(1,2)θ


def test_theory_fig4a_path():
    """((w*, a*), (w', 0)) → P(1,2): every vertex and every t on a grid computes a* relu(w*·x), bias-free."""
    theta = L.two_layer_network([[1, 2], [-3, 1]], [5, 0])
    check = L.check_path(L.three_segment_path(theta, 0, 1), theta, [[1, 1], [-2, 3], [4, -1]], grid=8)
    assert check.proved and check.zero_loss and check.certified == (True, True, True)


# --------------------------------------------------------------------------- C20: replication of critical points

samples = st.builds(Fraction, st.integers(-20, 20), st.just(7))


def finite_difference_gradient(net, batch, targets):
    """Exact: along a line inside one activation cell, L is a polynomial of degree ≤ 4 in ε and the five-point
    stencil is exact for such polynomials."""
    theta, h = net.parameters(), Fraction(1, 10 ** 6)
    out = []
    for k in range(len(theta)):
        def loss(eps, k=k):
            moved = list(theta)
            moved[k] += eps
            return L.squared_loss(net.with_parameters(moved), batch, targets)
        out.append((8 * (loss(h) - loss(-h)) - (loss(2 * h) - loss(-2 * h))) / (12 * h))
    return tuple(out)


@SETTINGS
@given(teachers(max_width=2), st.lists(st.lists(samples, min_size=2, max_size=2), min_size=1, max_size=4),
       st.lists(rationals, min_size=4, max_size=4))
def test_loss_gradient_is_exact(net, points, ys):
    batch = [p[:net.n_inputs] for p in points]
    assume(NO_BOUNDARY_SAMPLE.check(Case(net, tuple(tuple(x) for x in batch))))
    targets = [[ys[(j + o) % 4] for o in range(net.n_outputs)] for j in range(len(batch))]
    assert L.loss_gradient(net, batch, targets) == finite_difference_gradient(net, batch, targets)


@SETTINGS
@given(st.data())
def test_replicating_a_critical_point_keeps_it_critical(data):
    teacher = data.draw(teachers(max_width=2))
    r, d_out = teacher.layers[0].n_out, teacher.n_outputs
    batch = tuple(tuple(data.draw(samples) for _ in range(teacher.n_inputs)) for _ in range(data.draw(st.integers(2, 7))))
    assume(NO_BOUNDARY_SAMPLE.check(Case(teacher, batch)))
    coefficients = data.draw(st.lists(st.integers(-2, 2), min_size=1, max_size=3))
    targets, _ = L.critical_targets(teacher, batch, coefficients)
    assert not any(L.loss_gradient(teacher, batch, targets))
    phi = data.draw(onto_maps(r, zero=True))
    assume(all(any(L.outgoing(teacher, i - 1)) for i in set(phi) - {0} if phi.count(i) >= 2))
    shifts = None
    if d_out == 1:  # any split of a scalar a_i ≠ 0 is parallel to it
        shifts = [0] * len(phi)
        reps = [i for i in set(phi) - {0} if phi.count(i) >= 2]
        if reps:
            j0, j1 = [j for j, v in enumerate(phi) if v == reps[0]][:2]
            t = data.draw(rationals)
            shifts[j0], shifts[j1] = t, -t
    student = L.expansion(teacher, phi, L.split_weights(teacher, phi, data.draw(fractions_for(phi)), shifts))
    assert not any(L.loss_gradient(student, batch, targets))
    assert L.squared_loss(student, batch, targets) == L.squared_loss(teacher, batch, targets)


def test_counterexample_a_i_zero_with_biases():
    """a_i = 0 split as (+1, −1): f and L are unchanged but ∂L/∂b_j = ±Σ δ 1[active] ≠ 0."""
    teacher = L.two_layer_network([[1]], [0])
    batch = [["-1/3"], ["2/3"], ["5/3"]]
    targets, residual = L.critical_targets(teacher, batch)
    assert residual == (3, -5, 2) and L.squared_loss(teacher, batch, targets) == 19
    assert not any(L.loss_gradient(teacher, batch, targets))
    student = L.replicate(teacher, 0, 1)
    grad = dict(zip(student.parameter_names(), L.loss_gradient(student, batch, targets)))
    assert grad["b1[0]"] == 3 and grad["b1[1]"] == -3
    assert grad["W1[0,0]"] == 0  # 1-D without bias, Euler's identity would make this hypothesis unnecessary


def test_counterexample_a_i_zero_bias_free_2d():
    """the theory's bias-free setting needs d ≥ 2: ∂L_r/∂a_i = w_i·Σ δ relu'(w_i·x) x only kills one direction."""
    teacher = L.two_layer_network([[1, 0]], [0])
    batch = [[1, 1], [2, -1], [-1, 3]]
    targets, _ = L.critical_targets(teacher, batch)
    assert L.squared_loss(teacher, batch, targets) > 0 and not any(L.loss_gradient(teacher, batch, targets))
    student = L.replicate(teacher, 0, 1)
    grad = dict(zip(student.parameter_names(), L.loss_gradient(student, batch, targets)))
    assert grad["W1[0,1]"] == 3 and grad["W1[1,1]"] == -3 and grad["W1[0,0]"] == 0


def test_counterexample_vector_outputs_non_parallel_split():
    """docs/theory.md §2.8 divides by a_φ(j): with 2 outputs a split not parallel to a_i ≠ 0 is not critical, so the
    critical replication subspace has dimension m − r, not d_out (m − r)."""
    teacher = L.two_layer_network([[1, 0]], [[1, 0]])
    batch = [[1, 1], [2, -1], [-1, 3], [3, 2]]
    targets, _ = L.critical_targets(teacher, batch, (1, 1, 1))
    assert L.squared_loss(teacher, batch, targets) == 2 and not any(L.loss_gradient(teacher, batch, targets))
    assert not any(L.loss_gradient(L.replicate(teacher, 0, ["1/2", 0]), batch, targets))   # parallel: critical
    bad = L.replicate(teacher, 0, ["1/2", 1])
    assert L.same_function(bad, teacher)
    grad = dict(zip(bad.parameter_names(), L.loss_gradient(bad, batch, targets)))
    assert grad["W1[0,1]"] == -2 and grad["W1[1,1]"] == 2


def test_zero_neurons_are_critical_but_free_zero_type_neurons_are_not():
    teacher = L.two_layer_network([[1]], [2], [1])
    batch = [["-8/3"], ["-4/3"], ["-1/3"], ["2/3"], ["5/3"]]
    targets, _ = L.critical_targets(teacher, batch, (1, 1))
    assert L.squared_loss(teacher, batch, targets) > 0
    zero_neuron = L.expansion(teacher, [1, 0], [2, 0])            # (w, b, a) = (0, 0, 0): kink at every sample
    assert not any(L.loss_gradient(zero_neuron, batch, targets))
    free = L.expansion(teacher, [1, 0], [2, 0], free=[([1], -1)])  # zero-type, w free: ∂L/∂a_j = Σ δ relu(·)
    grad = dict(zip(free.parameter_names(), L.loss_gradient(free, batch, targets)))
    assert grad["W2[0,1]"] != 0


def test_loss_gradient_refuses_a_kink_with_nonzero_outgoing_weight():
    net = L.two_layer_network([[1]], [1])
    with pytest.raises(BoundaryError):
        L.loss_gradient(net, [[0]], [[1]])


# --------------------------------------------------------------------------- §2.5: ReLU pieces are not affine


@SETTINGS
@given(teachers(max_width=2), st.data())
def test_rescaling_orbit_midpoint_is_not_zero_loss(net, data):
    k = data.draw(st.integers(0, net.layers[0].n_out - 1))
    lam = data.draw(positive)
    w, b = L.incoming(net, k)
    a = L.outgoing(net, k)
    other = rescale(net, 1, k, lam)
    assert L.same_function(other, net)
    mid = L.midpoint(net, other)
    defect = L.rescaling_midpoint_defect(lam)
    # exactly: f_mid − f = δ · a relu(w·x + b)
    for x in ([Fraction(v, 3) for v in (-4, 5)][:net.n_inputs], [Fraction(7, 2)] * net.n_inputs):
        z = sum((wi * xi for wi, xi in zip(w, x)), b)
        expected = [fv + defect * av * max(z, 0) for fv, av in zip(net.forward(x), a)]
        assert list(mid.forward(x)) == expected
    alive = any(a) and (any(w) or b > 0)  # a_k relu(w·x + b) is not identically 0, so the defect shows
    assert L.same_function(mid, net) == (lam == 1 or not alive)


def test_duplicate_piece_is_not_affine():
    """{(λ1 w*, a1), (λ2 w*, a2) : λ1 a1 + λ2 a2 = a*}: two zero-loss points whose midpoint is not zero-loss."""
    teacher = L.two_layer_network([[1, 1]], [2])
    p = L.expansion(teacher, [1, 1], [1, 1])
    q = L.rescale_neurons(p, [2, "1/2"])
    assert L.same_function(p, teacher) and L.same_function(q, teacher)
    assert L.expansion_pieces(q, teacher) == [] and L.expansion_pieces(q, teacher, rescaled=True) == [(1, 1)]
    assert not L.same_function(L.midpoint(p, q), teacher)


def test_dead_neuron_is_zero_loss_but_in_no_piece():
    """For ReLU (σ(0) = 0), w_j = 0 with a_j ≠ 0 computes f_{θ*} too but lies in no Γ_φ: T counts pieces of a
    proper part of the zero-loss set."""
    teacher = L.two_layer_network([[1, 2]], [3])
    student = L.two_layer_network([[1, 2], [0, 0]], [3, 5])
    assert L.same_function(student, teacher)
    assert L.expansion_pieces(student, teacher) == [] == L.expansion_pieces(student, teacher, rescaled=True)


# --------------------------------------------------------------------------- claims


def test_claims_registered():
    hyps = {name: [h.name for h in get_claim(name).hypotheses] for name in NAMES}
    assert hyps == {"landscape.expansion-count": [], "landscape.expansion-pieces": ["onto", "positive-rescaling"], "landscape.three-segment-path": ["spare-neuron"],
                    "landscape.replication-critical": ["no-boundary-sample", "nonzero-outgoing", "parallel-split"], "landscape.symmetry-counts": []}


@pytest.mark.parametrize("name", NAMES)
def test_default_range_holds(name):
    checked, bad = failures(name)
    assert checked > 0 and not bad, bad[:1]


@pytest.mark.parametrize("name, hypothesis", [("landscape.expansion-pieces", "onto"), ("landscape.expansion-pieces", "positive-rescaling"), ("landscape.three-segment-path", "spare-neuron"),
                                              ("landscape.replication-critical", "nonzero-outgoing"), ("landscape.replication-critical", "parallel-split")])
def test_search_finds_a_counterexample_without_the_hypothesis(name, hypothesis):
    claim = get_claim(name)
    result = search(claim, dropped=[hypothesis])
    assert result.shrunk is not None, f"no counterexample to {name} without {hypothesis}"
    case = result.shrunk
    assert not claim.hypothesis(hypothesis).check(case)
    assert claim.applies(case, dropped=[hypothesis]) and not claim.evaluate(case).holds


def test_c20_counterexample_is_a_positive_loss_critical_point():
    claim = get_claim("landscape.replication-critical")
    case = search(claim, dropped=["nonzero-outgoing"]).shrunk
    outcome = claim.evaluate(case)
    assert outcome.values["loss"] > 0 and outcome.values["nonzero_gradient"]


def test_c17_c21_cases_carry_their_pairs():
    c17 = get_claim("landscape.expansion-count")
    case = next(iter(cases_in_range(c17, c17.default)))
    assert case.extra("r") == 1 and case.extra("m") == 1
    assert c17.evaluate(Case(case.network, (), (("r", 1), ("m", 2)))).values["pieces"] == 3
    c21 = get_claim("landscape.symmetry-counts")
    outcome = c21.evaluate(Case(case.network, (), (("r_star", 10), ("h", 1))))
    assert outcome.holds and outcome.values["ratio_A"] == Fraction(7, 4)
