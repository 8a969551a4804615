"""Segment geometry (relugeom.segments, docs/theory.md §2.7, C30): the exact restriction of a network to a segment
against forward / affine_map / an exact frozen-pattern certificate, the measures' properties (sign, zero iff
affine, symmetry, invariance, the derived chord bound), the gradient jumps at the breakpoints (against exact
finite differences of forward, telescoping, statistics), worked examples, the report, and the claims."""

from __future__ import annotations

import json
from collections import Counter
import random
from fractions import Fraction
from itertools import pairwise

import pytest
from claim_support import verdict
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from relugeom import InputError, ReLUNetwork, ShapeError, random_symmetry
from proofs_checks.segments import ABS_NETWORK, DEEP_NETWORK, DIAGONAL_NETWORK, TENT_NETWORK
from relugeom.claims import Case, Skip, check_claim, get_claim, search
from relugeom.cli import main
from relugeom.segment_report import format_segment_report, segment_report
from relugeom.segments import (chord_deviations, deflection, endpoint_gradient_gap_sq, gradient_gap_deviation_sq,
                               gradient_jumps, restrict_to_segment, segment_measures, sqrt_display)

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
F = Fraction
NAMES = ("segments.measures", "segments.chord-bound", "segments.endpoint-pitfall", "segments.jump-telescoping")

# --------------------------------------------------------------------------- strategies

weights = st.one_of(st.integers(-2, 2).map(F), st.builds(F, st.integers(-6, 6), st.sampled_from([2, 3, 4])))
coordinates = st.builds(F, st.integers(-12, 12), st.sampled_from([1, 2, 3, 5]))
times = st.fractions(0, 1, max_denominator=60)


@st.composite
def networks(draw, max_inputs=3, max_outputs=2):
    hidden = draw(st.sampled_from([0, 1, 1, 2, 2, 2]))  # mostly 1–2 hidden layers
    arch = [draw(st.integers(1, max_inputs)), *(draw(st.integers(1, 3)) for _ in range(hidden)),
            draw(st.integers(1, max_outputs))]
    return ReLUNetwork.from_arrays(
        [([[draw(weights) for _ in range(n_in)] for _ in range(n)], [draw(weights) for _ in range(n)])
         for n_in, n in pairwise(arch)])


@st.composite
def segments(draw, max_inputs=3, max_outputs=2):
    net = draw(networks(max_inputs, max_outputs))
    x = tuple(draw(coordinates) for _ in range(net.n_inputs))
    y = tuple(draw(coordinates) for _ in range(net.n_inputs))
    assume(x != y)
    return net, x, y


# --------------------------------------------------------------------------- helpers


def pattern_at(net, point):
    return tuple(tuple(int(s > 0) for s in layer) for layer in net.sign_vector_at(point))


def frozen_pre_activations(net, pattern, point):
    """Hidden pre-activations with every relu replaced by its bit of ``pattern`` (affine in the point)."""
    h, out = list(point), []
    for layer, bits in zip(net.layers[:-1], pattern):
        z = layer.apply(h)
        out.append(z)
        h = [v if b else F(0) for v, b in zip(z, bits)]
    return out


def certify_piece(net, r, piece):
    """Exact proof that the pattern is ``piece.pattern`` at every point of the open piece: the frozen
    pre-activations are affine along the segment, so their signs at the two ends of the piece decide."""
    ends = (frozen_pre_activations(net, piece.pattern, r.point_at(piece.start)),
            frozen_pre_activations(net, piece.pattern, r.point_at(piece.end)))
    for l, bits in enumerate(piece.pattern):
        for i, bit in enumerate(bits):
            a, b = ends[0][l][i], ends[1][l][i]
            if bit:
                assert a >= 0 and b >= 0 and (a, b) != (0, 0), (l, i, a, b)
            else:
                assert a <= 0 and b <= 0, (l, i, a, b)


def chord_gap(net, r, t):
    f0, f1, ft = net.forward(r.x), net.forward(r.x_prime), net.forward(r.point_at(t))
    return tuple(v - a - t * (b - a) for v, a, b in zip(ft, f0, f1))


def affine_by_forward(net, r):
    return all(not any(chord_gap(net, r, t)) for t in r.breakpoints)


def measure_values(m):
    return (m.gradient_gap_deviation_sq, m.deflection, m.endpoint_gradient_gap_sq, m.max_chord_deviation_sq,
            m.max_chord_deviation, m.secant_slope, m.is_affine)


def neuron_rows(net, r):
    return [Counter(tuple(p.pattern[l][i] for p in r.pieces) for i in range(w))
            for l, w in enumerate(net.architecture[1:-1])]


def matvec(a, v):
    return tuple(sum((w * e for w, e in zip(row, v)), F(0)) for row in a)


# --------------------------------------------------------------------------- the restriction


@SETTINGS
@given(segments(), st.lists(times, max_size=6))
def test_restriction_matches_forward_everywhere(seg, ts):
    net, x, y = seg
    r = restrict_to_segment(net, x, y)
    bps = r.breakpoints
    assert all(0 < t < 1 for t in bps) and list(bps) == sorted(set(bps))
    assert [p.start for p in r.pieces] == [F(0), *bps] and [p.end for p in r.pieces] == [*bps, F(1)]
    assert r.point_at(0) == x and r.point_at(1) == y and r.direction == tuple(b - a for a, b in zip(x, y))
    for p in r.pieces:
        assert p.value_start == net.forward(r.point_at(p.start)) and p.value_end == net.forward(r.point_at(p.end))
        assert p.value_at(p.midpoint) == net.forward(r.point_at(p.midpoint))
    for t in ts:
        assert r.value_at(t) == net.forward(r.point_at(t))
    assert r.value_start == net.forward(x) and r.value_end == net.forward(y)


@SETTINGS
@given(segments(), st.lists(times, max_size=6))
def test_breakpoints_are_exactly_the_pattern_changes(seg, ts):
    net, x, y = seg
    r = restrict_to_segment(net, x, y)
    for p in r.pieces:
        certify_piece(net, r, p)  # no breakpoint is missing: the pattern is constant on the open piece
        assert pattern_at(net, r.point_at(p.midpoint)) == p.pattern
    for a, b in pairwise(r.pieces):
        assert a.pattern != b.pattern  # no breakpoint is spurious
    for t in ts:  # any interior point of a piece has the piece's pattern
        if t not in r.breakpoints and 0 < t < 1:
            assert pattern_at(net, r.point_at(t)) == r.piece_at(t).pattern


@SETTINGS
@given(segments())
def test_pieces_are_the_affine_maps_of_their_patterns(seg):
    net, x, y = seg
    r = restrict_to_segment(net, x, y)
    u = r.direction
    for p in r.pieces:
        a, c = net.affine_map(p.pattern)
        assert p.gradient == a
        assert p.slope == matvec(a, u)
        assert p.offset == tuple(v + w for v, w in zip(matvec(a, x), c))
    assert set(r.kinks) <= set(r.breakpoints)
    assert r.is_affine == (len({p.slope for p in r.pieces}) == 1) == affine_by_forward(net, r)


@SETTINGS
@given(segments(), times, times)
def test_sub_segments_see_the_same_breakpoints(seg, a, b):
    net, x, y = seg
    a, b = min(a, b), max(a, b)
    assume(a < b)
    r = restrict_to_segment(net, x, y)
    sub = restrict_to_segment(net, r.point_at(a), r.point_at(b))
    assert sub.breakpoints == tuple((t - a) / (b - a) for t in r.breakpoints if a < t < b)
    assert [p.pattern for p in sub.pieces] == [r.piece_at((p.start + p.end) / 2 * (b - a) + a).pattern
                                               for p in sub.pieces]


# --------------------------------------------------------------------------- the measures


@SETTINGS
@given(segments(), st.lists(times, max_size=4))
def test_measures_sign_zero_iff_affine_and_chord_bound(seg, ts):
    net, x, y = seg
    r = restrict_to_segment(net, x, y)
    m = segment_measures(r)
    ggd = m.gradient_gap_deviation_sq
    assert ggd >= 0 and m.endpoint_gradient_gap_sq >= 0 and m.max_chord_deviation_sq >= 0
    affine = affine_by_forward(net, r)
    assert (ggd == 0) == (m.max_chord_deviation_sq == 0) == (m.max_chord_deviation == 0) == affine == m.is_affine
    if r.kinks:
        assert ggd > 0 and m.max_chord_deviation > 0
    if affine:
        assert not any(m.deflection)
    # GGD² from its definition as an integral of the piecewise constant (g − s)²
    s = m.secant_slope
    assert ggd == sum(p.length * sum((g - c) ** 2 for g, c in zip(p.slope, s)) for p in r.pieces)
    assert s == tuple(sum(p.length * p.slope[j] for p in r.pieces) for j in range(net.n_outputs))
    # derived bound ‖d(t)‖² ≤ t(1 − t) GGD² at arbitrary t (d from forward), and the max at a breakpoint
    for t in [*ts, *r.breakpoints]:
        d = chord_gap(net, r, t)
        assert sum(v * v for v in d) <= t * (1 - t) * ggd
        assert sum(v * v for v in d) <= m.max_chord_deviation_sq and max(map(abs, d)) <= m.max_chord_deviation
    assert 4 * m.max_chord_deviation_sq <= ggd
    if m.max_chord_deviation_at is not None:
        assert sum(v * v for v in chord_gap(net, r, m.max_chord_deviation_at)) == m.max_chord_deviation_sq
    assert dict(chord_deviations(r)) == {t: chord_gap(net, r, t) for t in r.breakpoints}
    uu = sum(v * v for v in r.direction)
    assert m.direction_norm_sq == uu
    assert m.deflection == tuple((b - a) / uu for a, b in zip(r.pieces[0].slope, r.pieces[-1].slope))


@SETTINGS
@given(segments(), times, times)
def test_measures_vanish_inside_one_piece(seg, a, b):
    net, x, y = seg
    r = restrict_to_segment(net, x, y)
    piece = r.pieces[len(r.pieces) // 2]
    lo, hi = sorted((piece.start + a * piece.length, piece.start + b * piece.length))
    assume(lo < hi)
    sub = restrict_to_segment(net, r.point_at(lo), r.point_at(hi))
    assert sub.breakpoints == () and sub.pieces[0].pattern == piece.pattern
    assert sub.pieces[0].slope == tuple((hi - lo) * g for g in piece.slope)
    j = gradient_jumps(sub)  # and no gradient jump either
    assert j.count == 0 and j.jumps == j.partial_sums == () and not any(map(any, j.accumulated))
    m = segment_measures(sub)
    assert (m.gradient_gap_deviation_sq, m.endpoint_gradient_gap_sq, m.max_chord_deviation_sq,
            m.max_chord_deviation, m.max_chord_deviation_at) == (0, 0, 0, 0, None)
    assert not any(m.deflection) and m.is_affine


@SETTINGS
@given(segments())
def test_measures_are_symmetric_in_the_endpoints(seg):
    net, x, y = seg
    r, rev = restrict_to_segment(net, x, y), restrict_to_segment(net, y, x)
    assert rev.breakpoints == tuple(1 - t for t in reversed(r.breakpoints))
    assert [p.pattern for p in rev.pieces] == [p.pattern for p in reversed(r.pieces)]
    assert [p.gradient for p in rev.pieces] == [p.gradient for p in reversed(r.pieces)]
    m, m_rev = segment_measures(r), segment_measures(rev)
    assert measure_values(m_rev)[:5] == measure_values(m)[:5]
    assert m_rev.secant_slope == tuple(-v for v in m.secant_slope)


@SETTINGS
@given(segments(), st.integers(0, 2 ** 20))
def test_invariance_under_random_symmetry(seg, seed):
    net, x, y = seg
    other = random_symmetry(net, seed)
    r, t = restrict_to_segment(net, x, y), restrict_to_segment(other, x, y)
    assert t.breakpoints == r.breakpoints
    assert [(p.slope, p.offset, p.gradient, p.value_start, p.value_end) for p in t.pieces] == \
           [(p.slope, p.offset, p.gradient, p.value_start, p.value_end) for p in r.pieces]
    assert neuron_rows(other, t) == neuron_rows(net, r)
    assert measure_values(segment_measures(t)) == measure_values(segment_measures(r))


# --------------------------------------------------------------------------- gradient jumps


def mat_sub(a, b):
    return tuple(tuple(v - w for v, w in zip(ra, rb)) for ra, rb in zip(a, b))


def frob_sq(m):
    return sum((v * v for row in m for v in row), F(0))


def fd_gradient(net, point):
    """The input gradient at ``point`` by exact finite differences of ``forward`` alone, or None on a boundary.

    An activation region is an open convex polyhedron (the frozen pre-activations have fixed strict signs), so
    if ``point + h e_i`` has the same strict sign vector as ``point``, f is affine on the whole step and the
    difference quotient is exact. ``h`` is halved until that holds."""
    signs = net.sign_vector_at(point)
    if any(0 in layer for layer in signs):
        return None
    f0, cols = net.forward(point), []
    for i in range(len(point)):
        h = F(1)
        while net.sign_vector_at(q := tuple(v + h * (k == i) for k, v in enumerate(point))) != signs:
            h /= 2
            assert h > F(1, 2 ** 200)
        cols.append(tuple((a - b) / h for a, b in zip(net.forward(q), f0)))
    return tuple(zip(*cols))


def jumps_by_finite_differences(net, r):
    """``{k: A_{k+1} − A_k}`` from finite-difference gradients at the piece midpoints (pieces on a boundary skipped)."""
    grads = [fd_gradient(net, r.point_at(p.midpoint)) for p in r.pieces]
    for p, g in zip(r.pieces, grads):
        assert g is None or g == p.gradient
    return {k: mat_sub(b, a) for k, (a, b) in enumerate(pairwise(grads)) if a is not None and b is not None}


@SETTINGS
@given(segments())
def test_jumps_match_finite_differences_of_forward(seg):
    net, x, y = seg
    r = restrict_to_segment(net, x, y)
    j = gradient_jumps(r)
    for k, jump in jumps_by_finite_differences(net, r).items():
        assert j.jumps[k] == jump


@SETTINGS
@given(segments())
def test_jumps_telescope_and_their_statistics(seg):
    net, x, y = seg
    r = restrict_to_segment(net, x, y)
    j = gradient_jumps(r)
    grads, slopes, u = [p.gradient for p in r.pieces], [p.slope for p in r.pieces], r.direction
    p = len(r.breakpoints)
    assert j.breakpoints == r.breakpoints and j.count == p == len(j.directional_jumps) == len(j.partial_sums)
    assert list(j.jumps) == [mat_sub(b, a) for a, b in pairwise(grads)]
    assert list(j.directional_jumps) == [tuple(v - w for v, w in zip(b, a)) for a, b in pairwise(slopes)]
    assert all(dg == matvec(jump, u) for jump, dg in zip(j.jumps, j.directional_jumps))
    assert {t for t, dg in zip(j.breakpoints, j.directional_jumps) if any(dg)} == set(r.kinks)
    # telescoping, exactly: the walk S_k = J_1 + … + J_k ends at A_last − A_first
    assert j.accumulated == mat_sub(grads[-1], grads[0])
    assert list(j.partial_sums) == [mat_sub(g, grads[0]) for g in grads[1:]]
    assert j.directional_accumulated == tuple(v - w for v, w in zip(slopes[-1], slopes[0]))
    assert frob_sq(j.accumulated) == endpoint_gradient_gap_sq(r)
    uu = sum(v * v for v in u)
    assert tuple(v / uu for v in j.directional_accumulated) == deflection(r)
    if not p:
        assert (j.mean, j.mean_norm_sq, j.deviation_sq) == (None, None, None) and not any(map(any, j.accumulated))
        return
    flat = [[v for row in jump for v in row] for jump in j.jumps]  # the jumps as vectors in R^(n_L d)
    mean = [sum(col, F(0)) / p for col in zip(*flat)]
    assert [v for row in j.mean for v in row] == mean
    assert j.mean_norm_sq == sum(sum(v * v for v in f) for f in flat) / p
    assert j.deviation_sq == sum(sum((v - m) ** 2 for v, m in zip(f, mean)) for f in flat) / p
    assert j.deviation_sq == j.mean_norm_sq - sum(m * m for m in mean) >= 0
    assert (j.deviation_sq == 0) == (len({tuple(f) for f in flat}) == 1)


@SETTINGS
@given(segments(), st.integers(0, 2 ** 20))
def test_jumps_reverse_with_the_segment_and_are_invariant(seg, seed):
    net, x, y = seg
    j, rev = gradient_jumps(restrict_to_segment(net, x, y)), gradient_jumps(restrict_to_segment(net, y, x))
    assert rev.breakpoints == tuple(1 - t for t in reversed(j.breakpoints))
    assert list(rev.jumps) == [mat_sub(mat_sub(jump, jump), jump) for jump in reversed(j.jumps)]
    assert (rev.mean_norm_sq, rev.deviation_sq) == (j.mean_norm_sq, j.deviation_sq)
    assert rev.accumulated == mat_sub(mat_sub(j.accumulated, j.accumulated), j.accumulated)
    t = gradient_jumps(restrict_to_segment(random_symmetry(net, seed), x, y))
    assert t == j


def test_jumps_worked_examples():
    j = gradient_jumps(restrict_to_segment(ABS_NETWORK, [-1], [1]))  # ∇f: −1 → +1 at t = 1/2
    assert (j.breakpoints, j.jumps, j.directional_jumps) == ((F(1, 2),), (((2,),),), ((4,),))
    assert (j.mean, j.mean_norm_sq, j.deviation_sq, j.accumulated) == (((2,),), 4, 0, ((2,),))
    assert j.deviation_display() == "= 0"
    j = gradient_jumps(restrict_to_segment(TENT_NETWORK, [-1], [2]))  # +1 then −1: the walk returns to 0
    assert j.jumps == (((1,),), ((-1,),)) and j.partial_sums == (((1,),), ((0,),)) and j.accumulated == ((0,),)
    assert (j.mean, j.mean_norm_sq, j.deviation_sq) == (((0,),), 1, 1)
    j = gradient_jumps(restrict_to_segment(DIAGONAL_NETWORK, [-1, -1], [1, 1]))  # a breakpoint without a kink
    assert j.jumps == (((1, -1),),) and j.directional_jumps == ((0,),) and j.mean_norm_sq == 2
    j = gradient_jumps(restrict_to_segment(DEEP_NETWORK, [-2], [2]))  # relu(|x| − 1): no jump of ∇f at x = 0
    assert j.jumps == (((1,),), ((0,),), ((1,),)) and j.directional_jumps == ((4,), (0,), (4,))
    assert (j.mean, j.mean_norm_sq, j.deviation_sq, j.accumulated) == (((F(2, 3),),), F(2, 3), F(2, 9), ((2,),))
    assert j.deviation_display().startswith("≈ 0.4714")  # sqrt(2)/3, display only
    pair = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 0], [0, 1]], [0, 0])])  # (relu(x), relu(−x))
    j = gradient_jumps(restrict_to_segment(pair, [-1], [1]))
    assert j.jumps == (((1,), (1,)),) and j.directional_jumps == ((2, 2),) and j.mean_norm_sq == 2
    plane = ReLUNetwork.from_arrays([([[1, 0]], [0]), ([[1]], [0])])  # relu(x1), x2-dependence none
    j = gradient_jumps(restrict_to_segment(plane, [-1, 0], [1, 4]))
    assert j.jumps == (((1, 0),),) and j.directional_jumps == ((2,),)
    assert jumps_by_finite_differences(plane, restrict_to_segment(plane, [-1, 0], [1, 4])) == {0: ((1, 0),)}
    assert sqrt_display(F(9, 4)) == "= 3/2" and sqrt_display(None) == ""


def test_finite_differences_see_every_piece_of_a_generic_segment():
    net = ReLUNetwork.from_arrays([([[1, -2], ["1/2", "1/4"], [0, 3]], [0, "-3/4", 1]),
                                   ([[1, 1, -1], [2, -1, "1/3"]], [0, "-1/2"]), ([[1, -1]], [0])])
    r = restrict_to_segment(net, [-3, -3], [3, 2])
    fd = jumps_by_finite_differences(net, r)
    assert len(fd) == len(r.breakpoints) == 4 and [fd[k] for k in range(4)] == list(gradient_jumps(r).jumps)


# --------------------------------------------------------------------------- worked examples


def test_abs_on_minus_one_one():
    r = restrict_to_segment(ABS_NETWORK, [-1], [1])
    assert r.breakpoints == (F(1, 2),) and r.kinks == (F(1, 2),)
    assert [p.pattern for p in r.pieces] == [((0, 1),), ((1, 0),)]
    assert [(p.value_start, p.value_end) for p in r.pieces] == [((1,), (0,)), ((0,), (1,))]
    assert [p.slope for p in r.pieces] == [(-2,), (2,)] and [p.gradient for p in r.pieces] == [((-1,),), ((1,),)]
    m = segment_measures(r)
    assert m.secant_slope == (0,) and m.direction_norm_sq == 4
    assert m.gradient_gap_deviation_sq == 4 and m.deflection == (1,) and m.endpoint_gradient_gap_sq == 4
    assert (m.max_chord_deviation, m.max_chord_deviation_sq, m.max_chord_deviation_at) == (1, 1, F(1, 2))
    assert 4 * m.max_chord_deviation_sq == m.gradient_gap_deviation_sq  # the derived bound is attained


def test_abs_with_an_endpoint_on_the_boundary():
    r = restrict_to_segment(ABS_NETWORK, [0], [1])  # x = 0 is a boundary point: not a breakpoint
    assert r.breakpoints == () and r.pieces[0].pattern == ((1, 0),) and r.pieces[0].gradient == ((1,),)
    m = segment_measures(r)
    assert (m.gradient_gap_deviation_sq, m.deflection, m.endpoint_gradient_gap_sq) == (0, (0,), 0)
    r = restrict_to_segment(ABS_NETWORK, [-1], [0])
    assert r.breakpoints == () and r.pieces[0].pattern == ((0, 1),)


def test_tent_defeats_the_endpoint_measures():
    r = restrict_to_segment(TENT_NETWORK, [-1], [2])
    assert r.breakpoints == (F(1, 3), F(2, 3)) and [p.slope for p in r.pieces] == [(0,), (3,), (0,)]
    m = segment_measures(r)
    assert m.gradient_gap_deviation_sq == 2 and m.max_chord_deviation == F(1, 3)
    assert m.deflection == (0,) and m.endpoint_gradient_gap_sq == 0 and not m.is_affine


def test_diagonal_crossing_two_boundaries_at_once():
    r = restrict_to_segment(DIAGONAL_NETWORK, [-1, -1], [1, 1])
    assert r.breakpoints == (F(1, 2),) and r.kinks == () and r.is_affine
    m = segment_measures(r)
    assert (m.gradient_gap_deviation_sq, m.max_chord_deviation, m.deflection) == (0, 0, (0,))
    assert m.endpoint_gradient_gap_sq == 2  # the full gradient jumps from (0, 0) to (1, −1)
    assert endpoint_gradient_gap_sq(r) == 2 and deflection(r) == (0,) and gradient_gap_deviation_sq(r) == 0


def test_deeper_layer_breakpoints():
    r = restrict_to_segment(DEEP_NETWORK, [-2], [2])  # relu(|x| − 1): kinks at x = −1, 0 (layer 1), 1
    assert r.breakpoints == (F(1, 4), F(1, 2), F(3, 4))
    assert [p.pattern for p in r.pieces] == [((0, 1), (1,)), ((0, 1), (0,)), ((1, 0), (0,)), ((1, 0), (1,))]
    assert r.kinks == (F(1, 4), F(3, 4))  # at x = 0 only the (dead) layer-2 input switches
    assert [p.value_start for p in r.pieces] + [r.value_end] == [(1,), (0,), (0,), (0,), (1,)]
    net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [-1]), ([[1]], [0])])  # relu(relu(x) − 1)
    assert restrict_to_segment(net, [-1], [3]).breakpoints == (F(1, 4), F(1, 2))


def test_touching_zero_is_not_a_pattern_change():
    net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [0]), ([[1]], [0])])  # z² = |x| ≥ 0
    r = restrict_to_segment(net, [-1], [1])
    assert r.breakpoints == (F(1, 2),)  # only layer 1 switches; layer 2 touches 0 at x = 0
    assert [p.pattern[1] for p in r.pieces] == [(1,), (1,)]
    assert net.sign_vector_at([0])[1] == (0,)


def test_identically_zero_neurons_make_no_breakpoint():
    dead = ReLUNetwork.from_arrays([([[0], [1]], [0, 5]), ([[1, 1]], [0])])  # z_1 ≡ 0, z_2 > 0 on [−2, 2]
    r = restrict_to_segment(dead, [-2], [2])
    assert r.breakpoints == () and r.pieces[0].pattern == ((0, 1),)
    plane = ReLUNetwork.from_arrays([([[1, 0]], [0]), ([[1]], [0])])  # the segment runs inside x1 = 0
    r = restrict_to_segment(plane, [0, -1], [0, 1])
    assert r.breakpoints == () and r.pieces[0].pattern == ((0,),) and r.pieces[0].slope == (0,)
    behind = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0]), ([[1]], [0])])  # z² ≡ 0 for x < 0
    r = restrict_to_segment(behind, [-2], [-1])
    assert r.breakpoints == () and r.pieces[0].pattern == ((0,), (0,))


def test_vector_output_and_affine_network():
    net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 0], [0, 1]], [0, 0])])  # (relu(x), relu(−x))
    m = segment_measures(restrict_to_segment(net, [-1], [1]))
    assert m.secant_slope == (1, -1) and m.gradient_gap_deviation_sq == 2
    assert m.deflection == (F(1, 2), F(1, 2)) and m.endpoint_gradient_gap_sq == 2
    assert (m.max_chord_deviation_sq, m.max_chord_deviation) == (F(1, 2), F(1, 2))
    affine = ReLUNetwork.from_arrays([([[2, "-1/3"]], [1])])  # no hidden layer
    r = restrict_to_segment(affine, [0, 0], [1, 3])
    assert r.breakpoints == () and r.pieces[0].pattern == () and r.pieces[0].slope == (1,)
    assert segment_measures(r).gradient_gap_deviation_sq == 0


def test_errors():
    with pytest.raises(InputError, match="single point"):
        restrict_to_segment(ABS_NETWORK, [1], ["2/2"])
    with pytest.raises(ShapeError):
        restrict_to_segment(ABS_NETWORK, [1, 2], [0, 0])
    with pytest.raises(InputError):
        restrict_to_segment(ABS_NETWORK, [-1], [1]).piece_at(2)
    assert restrict_to_segment(ABS_NETWORK, [-1], [1]).piece_at(F(1, 2)).pattern == ((0, 1),)  # left piece


# --------------------------------------------------------------------------- report


def test_report_is_json_and_readable():
    rep = segment_report(DEEP_NETWORK, ["-2"], ["2"])
    assert json.loads(json.dumps(rep)) == rep
    assert rep["breakpoints"] == ["1/4", "1/2", "3/4"] and rep["kinks"] == ["1/4", "3/4"]
    assert rep["breakpoint_points"] == [[-1], [0], [1]] and rep["architecture"] == [1, 2, 1, 1]
    assert rep["pieces"][0] == {"start": 0, "end": "1/4", "pattern": [[0, 1], [1]], "value_start": [1],
                                "value_end": [0], "offset": [1], "slope": [-4], "gradient": [[-1]], "in_zero_set": []}
    assert rep["measures"]["gradient_gap_deviation_sq"] == 8 and rep["measures"]["is_affine"] is False
    text = format_segment_report(rep)
    assert "4 pieces, 3 breakpoints (2 kinks)" in text and "t = 1/4 at x = [-1]" in text
    assert "gradient gap deviation GGD²" in text and "not those of arXiv:1903.01997" in text
    assert "01|1" in text  # pattern column
    jumps = rep["gradient_jumps"]
    assert set(jumps) == {"count", "breakpoints", "jumps", "directional_jumps", "mean", "mean_norm_sq",
                          "deviation_sq", "accumulated", "directional_accumulated", "partial_sums"}
    assert jumps["breakpoints"] == rep["breakpoints"] and jumps["jumps"] == [[[1]], [[0]], [[1]]]
    assert (jumps["mean"], jumps["deviation_sq"], jumps["accumulated"]) == ([["2/3"]], "2/9", [[2]])
    assert jumps["partial_sums"] == [[[1]], [[1]], [[2]]] and jumps["directional_jumps"] == [[4], [0], [4]]
    assert "the measure after Kubo et al." in text and "statistics of the jumps of the input gradient" in text
    assert "relugeom's own measures" in text and "deviation ≈ 0.4714" in text
    assert text.index("the measure after Kubo et al.") < text.index("relugeom's own measures") \
        < text.index("gradient gap deviation GGD²")
    flat = format_segment_report(segment_report(ABS_NETWORK, [0], [1]))
    assert "no breakpoint, so no jump" in flat and "number of jumps                                 0" in flat


def test_segment_command_reports_the_jumps(capsys, tmp_path):
    net = tmp_path / "tent.json"
    net.write_text(json.dumps({"layers": [{"weight": [[1], [1]], "bias": [0, -1]}, {"weight": [[1, -1]], "bias": [0]}]}))
    assert main(["segment", str(net), "--from=-1", "--to=2", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["gradient_jumps"]["jumps"] == [[[1]], [[-1]]] and doc["gradient_jumps"]["deviation_sq"] == 1
    assert doc["measures"]["endpoint_gradient_gap_sq"] == 0 and "gradient_jumps" in doc["note"]
    assert main(["segment", str(net), "--from=-1", "--to=2"]) == 0
    assert "the measure after Kubo et al." in capsys.readouterr().out


@SETTINGS
@given(segments())
def test_report_round_trips_the_restriction(seg):
    net, x, y = seg
    rep = segment_report(net, x, y)
    r = restrict_to_segment(net, x, y)
    assert json.loads(json.dumps(rep)) == rep
    assert [F(str(t)) for t in rep["breakpoints"]] == list(r.breakpoints)
    assert [[F(str(v)) for v in p["value_end"]] for p in rep["pieces"]] == [list(p.value_end) for p in r.pieces]
    assert format_segment_report(rep).count("\n") >= 3 + len(r.pieces)


# --------------------------------------------------------------------------- claims


def test_claims_registered():
    claims = {n: get_claim(n) for n in NAMES}
    assert {n: [h.name for h in c.hypotheses] for n, c in claims.items()} == \
           {"segments.measures": ["positive-rescaling"], "segments.chord-bound": [], "segments.endpoint-pitfall": [],
            "segments.jump-telescoping": ["positive-rescaling"]}
    assert [n for n, c in claims.items() if c.expect_counterexamples] == ["segments.endpoint-pitfall"]
    assert all(c.thorough is not None for c in claims.values())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(networks(max_inputs=2), st.lists(st.tuples(coordinates, coordinates), min_size=2, max_size=3),
       st.integers(0, 2 ** 20), st.lists(st.sampled_from(["2", "1/2", "3", "5/7"]), max_size=6))
def test_claims_hold_on_random_cases(net, points, seed, factors):
    batch = tuple(p[:net.n_inputs] for p in points)
    case = Case(net, batch, (("symmetry_seed", seed), ("factors", tuple(factors))))
    for name in ("segments.measures", "segments.chord-bound", "segments.jump-telescoping"):
        outcome = verdict(name, case)
        assert outcome.holds, outcome.detail


def test_claim_default_ranges_pass():
    for name in ("segments.measures", "segments.chord-bound", "segments.jump-telescoping"):
        report = check_claim(get_claim(name))
        assert report.ok and report.failures == 0 and report.cases > 500, report


def test_endpoint_pitfall_and_negative_rescaling_counterexamples():
    found = search(get_claim("segments.endpoint-pitfall"))
    assert found.shrunk is not None and found.shrunk.network.n_hidden <= 2
    assert "with f∘γ not affine" in found.outcome.detail
    tent = Case(TENT_NETWORK, ((-1,), (2,)))
    assert not get_claim("segments.endpoint-pitfall").evaluate(tent).holds
    diag = Case(DIAGONAL_NETWORK, ((-1, -1), (1, 1)))
    assert "endpoint gradient gap 2 with f∘γ affine" in get_claim("segments.endpoint-pitfall").evaluate(diag).detail
    # λ = −1 on relu(x) is not a symmetry: C30 fails once the hypothesis is dropped
    relu = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])
    flip = Case(relu, ((-1,), (2,)), (("factors", ("-1",)),))
    claim = get_claim("segments.measures")
    assert not claim.applies(flip) and claim.applies(flip, dropped=("positive-rescaling",))
    assert not claim.evaluate(flip).holds
    assert search(claim, dropped=("positive-rescaling",)).shrunk is not None
    assert claim.evaluate(Case(relu, ((-1,), (2,)), (("factors", ("3",)), ("symmetry_seed", 5)))).holds
    with pytest.raises(Skip):
        claim.evaluate(Case(relu, ((1,),)))


def _zero_set_oracle(net, point):
    """Hidden neurons with z = 0 at ``point`` that are nonzero somewhere within 10^-9 of it, probed in the 8
    directions {-1, 0, 1}^2 \\ 0 (2-D: for these small integer networks every piece of a zero set near the
    point is a line through it, so a nonzero z shows up in two probes of each open half-plane)."""
    eps = Fraction(1, 10**9)
    probes = [[point[0] + a * eps, point[1] + b * eps] for a in (-1, 0, 1) for b in (-1, 0, 1) if a or b]
    near = [net.pre_activations(q)[:-1] for q in probes]
    return {(k, i) for k, z in enumerate(net.pre_activations(point)[:-1], start=1) for i, v in enumerate(z)
            if v == 0 and any(zq[k - 1][i] != 0 for zq in near)}


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from([(2, 2, 1), (2, 3, 2, 1), (2, 2, 2, 1)]), st.integers(0, 2))
def test_pieces_inside_a_zero_set_are_flagged(seed, arch, axis_case):
    """Issue 16 item 9: a piece is flagged exactly when the segment runs inside a neuron's zero set
    (z ≡ 0 along it but not near it), against an independent evaluation around the piece's midpoint. The
    flag lists the neurons found under the frozen pattern (a subset: a neuron reached only through another
    flagged one may be left out), and is empty exactly when there are none."""
    rng = random.Random(seed)
    net = ReLUNetwork.from_arrays([([[rng.choice((-1, 0, 1)) for _ in range(a)] for _ in range(b)],
                                    [rng.choice((0, 0, 1)) for _ in range(b)]) for a, b in zip(arch, arch[1:])])
    x, y = [([0, -2], [0, 2]), ([-2, 0], [2, 0]), ([-2, -2], [2, 2])][axis_case]  # lines where kinks lie
    r = restrict_to_segment(net, x, y)
    for p in r.pieces:
        oracle = _zero_set_oracle(net, r.point_at(p.midpoint))
        assert set(p.in_zero_set) <= oracle and bool(p.in_zero_set) == bool(oracle)
    for t, hit in ((0, r.start_boundary), (1, r.end_boundary)):
        found = _zero_set_oracle(net, r.point_at(t))
        assert (hit is None) == (not found) and (hit is None or hit in found)


def test_kink_set_flags_in_the_report(capsys):
    net = ReLUNetwork.from_arrays([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], [0])])  # relu(x1) + relu(x2)
    rep = segment_report(net, [0, -1], [0, 1])  # along x1 = 0, inside neuron (1, 0)'s zero set
    assert [p["in_zero_set"] for p in rep["pieces"]] == [[[1, 0]], [[1, 0]]]
    assert rep["endpoint_on_boundary"] == {"from": [1, 0], "to": [1, 0]}
    assert "not differentiable" in format_segment_report(rep)
    dead = ReLUNetwork.from_arrays([([[1, 0], [0, 0]], [0, 0]), ([[1, 1]], [0])])  # neuron (1, 1) is 0·x + 0
    rep = segment_report(dead, [1, -1], [1, 1])
    assert rep["pieces"][0]["in_zero_set"] == [] and rep["endpoint_on_boundary"] == {"from": None, "to": None}
