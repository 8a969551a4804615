"""Segments (docs/theory.md §3.9): the exact restriction of f to a segment, the gradient jumps at its
breakpoints and relugeom's own measures of how far f is from affine along it (:mod:`relugeom.segments`).

* ``segments.measures`` (C30): GGD² and the deflection — sign, zero iff affine, symmetry, invariance, and the
  restriction agrees with ``forward``.
* ``segments.chord-bound`` (C30-chord): the chord deviation and the derived bound ``‖d(t)‖² ≤ t(1 − t) GGD²``.
* ``segments.endpoint-pitfall`` (C30-endpoints, a pitfall): endpoint-only measures do *not* vanish iff f is
  affine on the segment.
* ``segments.jump-telescoping``: the gradient jumps at the breakpoints (after Kubo et al., arXiv:1903.01997)
  telescope, ``Σ_k J_k = A_last − A_first``, their statistics are consistent, reverse with the segment and are
  invariant under positive rescalings and permutations.

Run: ``python -m proofs_checks segments [--thorough] [--json]``.
"""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction
from itertools import combinations, pairwise

from relugeom.claims import Case, Claim, Outcome, Range, Skip, register
from relugeom.exact.rational import format_rational
from relugeom.network import ReLUNetwork, Vector
from relugeom.segments import (GradientJumps, SegmentMeasures, SegmentRestriction, chord_deviations, deflection,
                               endpoint_gradient_gap_sq, format_vector, frobenius_sq, gradient_jumps, norm_sq,
                               restrict_to_segment, segment_measures)

from .invariance import FACTORS, POSITIVE_RESCALING, transformed_network

__all__ = ["ABS_NETWORK", "TENT_NETWORK", "DIAGONAL_NETWORK", "DEEP_NETWORK"]


ABS_NETWORK = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [0])])               # |x|
TENT_NETWORK = ReLUNetwork.from_arrays([([[1], [1]], [0, -1]), ([[1, -1]], [0])])             # relu(x) − relu(x − 1)
DIAGONAL_NETWORK = ReLUNetwork.from_arrays([([[1, 0], [0, 1]], [0, 0]), ([[1, -1]], [0])])   # relu(x1) − relu(x2)
DEEP_NETWORK = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [-1]), ([[1]], [0])])  # relu(|x| − 1)

# Segment endpoints: every pair of distinct points of a batch is a segment. Integer points are allowed
# (endpoints on a boundary are fine: the gradients are taken inside the segment).
SEGMENTS_1D = (((-2,), (1,), ("5/2",)),)
SEGMENTS_2D = (((-1, -1), (1, 1), ("1/2", "-3/2")),)
MORE_SEGMENTS_1D = (((-3,), ("-1/2",), (0,), ("7/2",)),)


def _pairs(case: Case) -> list[tuple[Vector, Vector]]:
    pairs = [(a, b) for a, b in combinations(case.inputs, 2) if a != b]
    if not pairs:
        raise Skip("a segment case needs two distinct points")
    return pairs


def _affine_by_forward(net: ReLUNetwork, r: SegmentRestriction,
                       values: dict[Fraction, Vector] | None = None) -> bool:
    """Is ``f∘γ`` affine, decided from ``net.forward`` alone (or the given forward ``values``): every
    breakpoint's value lies on the chord (``f∘γ`` is affine between breakpoints)."""
    values = values or {}

    def f(t: Fraction) -> Vector:
        return values[t] if t in values else net.forward(r.point_at(t))

    f0, f1 = f(Fraction(0)), f(Fraction(1))
    return all(f(t) == tuple(a + t * (b - a) for a, b in zip(f0, f1)) for t in r.breakpoints)


def _restriction_problems(net: ReLUNetwork, r: SegmentRestriction) -> tuple[list[str], bool]:
    """Cross-checks of the restriction against ``forward``, the patterns and ``affine_map``; and whether
    ``f∘γ`` is affine according to ``forward``."""
    out = []
    ends = [Fraction(0), *r.breakpoints, Fraction(1)]
    values = {t: net.forward(r.point_at(t)) for t in ends}
    for t in ends:
        if r.value_at(t) != values[t]:
            out.append(f"f(γ({t})) differs from forward")
    u = r.direction
    for p in r.pieces:
        point = r.point_at(p.midpoint)
        if p.value_at(p.midpoint) != net.forward(point):
            out.append(f"f(γ({p.midpoint})) differs from forward")
        if tuple(tuple(int(s > 0) for s in layer) for layer in net.sign_vector_at(point)) != p.pattern:
            out.append(f"pattern at the midpoint of [{p.start}, {p.end}] differs")
        a, _ = net.affine_map(p.pattern)
        if a != p.gradient or p.slope != tuple(sum((w * v for w, v in zip(row, u)), Fraction(0)) for row in a):
            out.append(f"gradient or slope on [{p.start}, {p.end}] is not A, A u")
    if any(a.pattern == b.pattern for a, b in pairwise(r.pieces)):
        out.append("two consecutive pieces have the same pattern")
    return out, _affine_by_forward(net, r, values)


def _neuron_rows(net: ReLUNetwork, r: SegmentRestriction) -> list[Counter]:
    """Per hidden layer, the multiset of neuron rows (one bit per piece)."""
    return [Counter(tuple(p.pattern[l][i] for p in r.pieces) for i in range(w))
            for l, w in enumerate(net.architecture[1:-1])]


def _measure_tuple(m: SegmentMeasures) -> tuple:
    return (m.gradient_gap_deviation_sq, m.deflection, m.endpoint_gradient_gap_sq, m.max_chord_deviation_sq,
            m.max_chord_deviation)


def _c30_pair(net: ReLUNetwork, other: ReLUNetwork, x: Vector, y: Vector) -> tuple[list[str], SegmentMeasures]:
    r = restrict_to_segment(net, x, y)
    m = segment_measures(r)
    problems, affine = _restriction_problems(net, r)
    ggd = m.gradient_gap_deviation_sq
    if ggd < 0:
        problems.append(f"GGD² = {ggd} < 0")
    if (ggd == 0) != affine:
        problems.append(f"GGD² = {ggd} but f∘γ is {'' if affine else 'not '}affine")
    if affine and any(m.deflection):
        problems.append(f"f∘γ affine but deflection {list(map(str, m.deflection))} ≠ 0")
    rev = restrict_to_segment(net, y, x)
    m_rev = segment_measures(rev)
    if rev.breakpoints != tuple(1 - t for t in reversed(r.breakpoints)):
        problems.append("breakpoints of [x', x] are not 1 − t")
    if (m_rev.gradient_gap_deviation_sq, m_rev.deflection) != (ggd, m.deflection):
        problems.append("GGD² or deflection not symmetric in (x, x')")
    t = restrict_to_segment(other, x, y)
    m_t = segment_measures(t)
    if t.breakpoints != r.breakpoints:
        problems.append("T changes the breakpoints")
    if _measure_tuple(m_t) != _measure_tuple(m):
        problems.append("T changes the measures")
    if [p.gradient for p in t.pieces] != [p.gradient for p in r.pieces]:
        problems.append("T changes the gradients")
    if _neuron_rows(net, r) != _neuron_rows(other, t):
        problems.append("T does not permute the patterns")
    return problems, m


def _c30(case: Case) -> Outcome:
    net = case.network
    other = transformed_network(case)
    pairs = _pairs(case)
    worst = Fraction(0)
    for x, y in pairs:
        problems, m = _c30_pair(net, other, x, y)
        worst = max(worst, m.gradient_gap_deviation_sq)
        if problems:
            seg = f"[{', '.join(map(str, x))}] → [{', '.join(map(str, y))}]"
            return Outcome(False, f"segment {seg}: " + "; ".join(problems),
                           {"from": format_vector(x), "to": format_vector(y), "problems": problems,
                            "gradient_gap_deviation_sq": format_rational(m.gradient_gap_deviation_sq)})
    return Outcome(True, f"{len(pairs)} segments, max GGD² {worst}",
                   {"segments": len(pairs), "max_gradient_gap_deviation_sq": format_rational(worst)})


def _c30_chord(case: Case) -> Outcome:
    net, pairs = case.network, _pairs(case)
    for x, y in pairs:
        r = restrict_to_segment(net, x, y)
        m = segment_measures(r)
        ggd, dev = m.gradient_gap_deviation_sq, m.max_chord_deviation_sq
        affine = _affine_by_forward(net, r)
        problems = []
        if r.value_start != net.forward(x) or r.value_end != net.forward(y):
            problems.append("end values differ from forward")
        if dev < 0 or (dev == 0) != affine or (m.max_chord_deviation == 0) != affine:
            problems.append(f"max deviation {dev} but f∘γ is {'' if affine else 'not '}affine")
        for t, d in chord_deviations(r):
            if norm_sq(d) > t * (1 - t) * ggd:
                problems.append(f"‖d({t})‖² = {norm_sq(d)} > t(1 − t) GGD² = {t * (1 - t) * ggd}")
        if 4 * dev > ggd:
            problems.append(f"max ‖d‖² = {dev} > GGD²/4 = {ggd / 4}")
        m_rev = segment_measures(restrict_to_segment(net, y, x))
        if (m_rev.max_chord_deviation_sq, m_rev.max_chord_deviation) != (dev, m.max_chord_deviation):
            problems.append("the chord deviation is not symmetric in (x, x')")
        if problems:
            seg = f"[{', '.join(map(str, x))}] → [{', '.join(map(str, y))}]"
            return Outcome(False, f"segment {seg}: " + "; ".join(problems),
                           {"from": format_vector(x), "to": format_vector(y), "problems": problems})
    return Outcome(True, f"{len(pairs)} segments", {"segments": len(pairs)})


def _c30_endpoints(case: Case) -> Outcome:
    net = case.network
    for x, y in _pairs(case):
        r = restrict_to_segment(net, x, y)
        affine = _affine_by_forward(net, r)
        gd, egg = deflection(r), endpoint_gradient_gap_sq(r)
        bad = []
        if (not any(gd)) != affine:
            bad.append(f"deflection {list(map(str, gd))} with f∘γ {'' if affine else 'not '}affine")
        if (egg == 0) != affine:
            bad.append(f"endpoint gradient gap {egg} with f∘γ {'' if affine else 'not '}affine")
        if bad:
            seg = f"[{', '.join(map(str, x))}] → [{', '.join(map(str, y))}]"
            return Outcome(False, f"segment {seg}: " + "; ".join(bad),
                           {"from": format_vector(x), "to": format_vector(y), "affine": affine,
                            "deflection": format_vector(gd), "endpoint_gradient_gap_sq": format_rational(egg)})
    return Outcome(True, "endpoint measures vanish exactly on the affine segments here")


def _jump_statistics(j: GradientJumps) -> tuple:
    return j.mean, j.mean_norm_sq, j.deviation_sq, j.accumulated, j.directional_accumulated


def _jump_pair(net: ReLUNetwork, other: ReLUNetwork, x: Vector, y: Vector) -> tuple[list[str], int]:
    r = restrict_to_segment(net, x, y)
    j = gradient_jumps(r)
    grads = [p.gradient for p in r.pieces]
    first, last = grads[0], grads[-1]
    problems = []
    if j.breakpoints != r.breakpoints or j.count != len(r.breakpoints) or len(j.partial_sums) != j.count:
        problems.append("not one jump per breakpoint")
    zero = tuple(tuple(Fraction(0) for _ in row) for row in first)
    total, walk = zero, []  # Σ_k J_k, summed here; each partial sum must be A_{k+1} − A_first
    for k, jump in enumerate(j.jumps):
        total = tuple(tuple(a + b for a, b in zip(ra, rb)) for ra, rb in zip(total, jump))
        walk.append(total == tuple(tuple(b - a for a, b in zip(ra, rb)) for ra, rb in zip(first, grads[k + 1])))
    span = tuple(tuple(b - a for a, b in zip(ra, rb)) for ra, rb in zip(first, last))
    if total != span or j.accumulated != span:
        problems.append(f"Σ_k J_k = {total} (reported {j.accumulated}) but A_last − A_first = {span}")
    if not all(walk) or (j.partial_sums and j.partial_sums[-1] != span):
        problems.append("a partial sum S_k is not A_{k+1} − A_first")
    dir_span = tuple(b - a for a, b in zip(r.pieces[0].slope, r.pieces[-1].slope))
    dir_total = tuple(sum(col, Fraction(0)) for col in zip(*j.directional_jumps)) if j.count else (0,) * len(dir_span)
    if dir_total != dir_span or j.directional_accumulated != dir_span:
        problems.append(f"Σ_k (g_(k+1) − g_k) = {dir_total} but g_last − g_first = {dir_span}")
    u = r.direction
    if any(dg != tuple(sum((w * v for w, v in zip(row, u)), Fraction(0)) for row in jump)
           for jump, dg in zip(j.jumps, j.directional_jumps)):
        problems.append("a directional jump is not J_k u")
    if frobenius_sq(j.accumulated) != endpoint_gradient_gap_sq(r):
        problems.append("‖Σ_k J_k‖² is not the endpoint gradient gap")
    if j.count:
        if j.deviation_sq < 0 or j.mean_norm_sq < 0:
            problems.append(f"deviation² {j.deviation_sq} or mean ‖J‖² {j.mean_norm_sq} < 0")
        if j.deviation_sq != j.mean_norm_sq - frobenius_sq(j.mean):
            problems.append("deviation² ≠ mean ‖J‖² − ‖mean‖²")
        if j.mean != tuple(tuple(v / j.count for v in row) for row in span):
            problems.append("mean ≠ (A_last − A_first) / count")
    elif (j.mean, j.mean_norm_sq, j.deviation_sq) != (None, None, None):
        problems.append("statistics given without a jump")
    rev = gradient_jumps(restrict_to_segment(net, y, x))
    neg = tuple(tuple(tuple(-v for v in row) for row in jump) for jump in reversed(j.jumps))
    if rev.jumps != neg or (rev.mean_norm_sq, rev.deviation_sq) != (j.mean_norm_sq, j.deviation_sq):
        problems.append("the jumps of [x', x] are not −J_k in reverse order with the same statistics")
    t = gradient_jumps(restrict_to_segment(other, x, y))
    if (t.breakpoints, t.jumps, t.directional_jumps, t.partial_sums) != \
            (j.breakpoints, j.jumps, j.directional_jumps, j.partial_sums) or _jump_statistics(t) != _jump_statistics(j):
        problems.append("T changes the jumps or their statistics")
    return problems, j.count


def _jump_telescoping(case: Case) -> Outcome:
    net = case.network
    other = transformed_network(case)
    pairs = _pairs(case)
    jumps = 0
    for x, y in pairs:
        problems, count = _jump_pair(net, other, x, y)
        if problems:
            seg = f"[{', '.join(map(str, x))}] → [{', '.join(map(str, y))}]"
            return Outcome(False, f"segment {seg}: " + "; ".join(problems),
                           {"from": format_vector(x), "to": format_vector(y), "problems": problems})
        jumps += count
    return Outcome(True, f"{len(pairs)} segments, {jumps} jumps", {"segments": len(pairs), "jumps": jumps})


def _extend(case: Case, rng: random.Random) -> Case:
    seed = rng.randrange(2 ** 20)
    factors = tuple(str(rng.choice(FACTORS)) for _ in range(case.network.n_hidden))
    return Case(case.network, case.inputs, case.extras + (("symmetry_seed", seed), ("factors", factors)))


_EXAMPLES = (ABS_NETWORK, TENT_NETWORK, DIAGONAL_NETWORK, DEEP_NETWORK)

SEGMENTS_MEASURES = register(Claim(
    "segments.measures", "segment measures: gradient gap deviation and deflection",
    "for every segment [x, x'] (x ≠ x', pairs of the case's points; project definitions, docs/theory.md §2.7, not the "
    "paper's): GGD² = Σ_k Δt_k ‖g_k − s‖² is rational, ≥ 0, = 0 iff f is affine on the segment (decided by "
    "forward at the breakpoints), symmetric in (x, x'); the deflection (g_last − g_first)/‖u‖² is symmetric and 0 "
    "when f is affine on the segment (in particular inside one linear region); breakpoints, measures and "
    "gradients are invariant and patterns permuted under T = positive rescalings (extras 'factors') then a "
    "random symmetry (extras 'symmetry_seed'); the restriction agrees with forward and affine_map (claim segments.measures)",
    _c30,
    default=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1)), (-1, 1), SEGMENTS_1D + SEGMENTS_2D, networks=_EXAMPLES),
    thorough=Range(((1, 2, 1), (1, 1, 2), (1, 1, 1, 1), (2, 1, 1), (2, 2, 1)), (-1, 1),
                   SEGMENTS_1D + MORE_SEGMENTS_1D + SEGMENTS_2D, networks=_EXAMPLES),
    hypotheses=(POSITIVE_RESCALING,), extend=_extend, aliases=("C30",)))

SEGMENTS_CHORD_BOUND = register(Claim(
    "segments.chord-bound", "segment measures: deviation from the chord and the bound ‖d(t)‖² ≤ t(1 − t) GGD²",
    "for every segment [x, x'] of the case's points, d(t) = f(γ(t)) − f(x) − t (f(x') − f(x)): max_t ‖d(t)‖² "
    "and max_t max_j |d_j(t)| are ≥ 0, = 0 iff f is affine on the segment, symmetric in (x, x'), and "
    "‖d(t_k)‖² ≤ t_k(1 − t_k) GGD² at every breakpoint, so max ‖d‖² ≤ GGD²/4 (derived by Cauchy–Schwarz; "
    "equality for |x| on [−1, 1])",
    _c30_chord,
    default=Range(((1, 1, 1), (2, 1, 1), (1, 1, 2), (1, 1, 1, 1)), (-1, 1), SEGMENTS_1D + SEGMENTS_2D,
                  networks=_EXAMPLES),
    thorough=Range(((1, 2, 1), (1, 1, 2), (1, 1, 1, 1), (2, 2, 1), (2, 1, 1, 1)), (-1, 1),
                   SEGMENTS_1D + MORE_SEGMENTS_1D + SEGMENTS_2D, networks=_EXAMPLES), aliases=("C30-chord",)))

SEGMENTS_ENDPOINT_PITFALL = register(Claim(
    "segments.endpoint-pitfall", "pitfall: endpoint-only measures do not detect non-affine segments",
    "NOT a theorem: 'the deflection (g_last − g_first)/‖u‖² and the endpoint gradient gap ‖∇f(x') − ∇f(x)‖² "
    "vanish iff f is affine on [x, x']' fails: the tent relu(x) − relu(x − 1) on [−1, 2] has both 0 but is not "
    "affine, and relu(x1) − relu(x2) on (−1,−1) → (1,1) is ≡ 0 there with endpoint gradient gap 2",
    _c30_endpoints,
    default=Range(((1, 2, 1),), (-1, 1), SEGMENTS_1D + SEGMENTS_2D, networks=_EXAMPLES),
    thorough=Range(((1, 2, 1), (2, 2, 1)), (-1, 1), SEGMENTS_1D + SEGMENTS_2D, networks=_EXAMPLES),
    expect_counterexamples=True, aliases=("C30-endpoints",)))

SEGMENTS_JUMP_TELESCOPING = register(Claim(
    "segments.jump-telescoping", "gradient jumps at the breakpoints telescope; their statistics are invariant",
    "for every segment [x, x'] of the case's points, the jumps J_k = A_(k+1) − A_k of the input gradient at the "
    "breakpoints (after Kubo et al., arXiv:1903.01997, as described by secondary sources) sum exactly to "
    "A_last − A_first (and every partial sum S_k to A_(k+1) − A_first), the directional jumps g_(k+1) − g_k = J_k u "
    "to g_last − g_first; ‖Σ_k J_k‖² is the endpoint gradient gap; the mean is (A_last − A_first)/count and "
    "deviation² = mean ‖J_k‖² − ‖mean‖² ≥ 0; [x', x] has the jumps −J_k in reverse order with the same statistics; "
    "jumps and statistics are unchanged under T = positive rescalings (extras 'factors') then a random symmetry "
    "(extras 'symmetry_seed')",
    _jump_telescoping,
    default=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1)), (-1, 1), SEGMENTS_1D + SEGMENTS_2D, networks=_EXAMPLES),
    thorough=Range(((1, 2, 1), (1, 1, 2), (1, 1, 1, 1), (2, 1, 1), (2, 2, 1)), (-1, 1),
                   SEGMENTS_1D + MORE_SEGMENTS_1D + SEGMENTS_2D, networks=_EXAMPLES),
    hypotheses=(POSITIVE_RESCALING,), extend=_extend))
