"""Patterns determine the rank (C3, C7), the computable full functional dimension (C5), sampling (C6),
and the inhomogeneity of the functional dimension (C13, C14) — THEORY §1.2, §1.3, §1.6, §1.7, §4.

>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[0, 2]], [1])])   # THEORY §1.2, v_1 = 0
>>> X = [[-3], [-2], ["1/2"], ["3/4"], [2], [3]]
>>> g = generic_rank(net, X)
>>> g.rank, g.certified, batch_functional_dimension(net, X).rank      # an exceptional θ
(5, True, 4)
>>> computable_full_dimension(ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])).rank
5
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from ..dimension import batch_functional_dimension, symmetry_bound
from ..errors import BoundaryError
from ..exact.linalg import rank
from ..inputs import Batch, as_batch
from ..jacobian import batch_patterns, frozen_jacobian
from ..network import Pattern, ReLUNetwork
from ..regions import Region, enumerate_regions
from .claims import NO_BOUNDARY_SAMPLE, Case, Claim, Hypothesis, Outcome, Range, Skip, register

__all__ = ["GenericRank", "generic_rank", "FullDimension", "computable_full_dimension", "decisive_batch",
           "random_parameters"]


def random_parameters(net: ReLUNetwork, rng: random.Random, size: int = 10**6) -> list[Fraction]:
    """A random rational parameter vector of ``net``'s architecture (nonzero integers in ±size / small denominators)."""
    return [Fraction(rng.choice((-1, 1)) * rng.randint(1, size), rng.randint(1, 97)) for _ in range(net.n_params)]


@dataclass(frozen=True)
class GenericRank:
    """``r(Δ)``: the rank of the frozen-pattern Jacobian over Q(θ) for a pattern per sample.

    ``rank`` is a certified lower bound (an exact rank at the rational point ``witness``); ``upper``
    = min(N − H, n_L·n, per-region bound) is a proved upper bound; ``certified`` when they meet.
    """

    rank: int
    upper: int
    certified: bool
    witness: tuple[Fraction, ...]


def _region_bound(net: ReLUNetwork, batch: Batch, patterns: Sequence[Pattern]) -> int:
    per_region = Counter(p for p, _ in set(zip(patterns, batch)))
    return net.n_outputs * sum(min(c, net.n_inputs + 1) for c in per_region.values())


def generic_rank(net: ReLUNetwork, inputs: object, patterns: Sequence[Pattern] | None = None,
                 seed: int = 0, trials: int = 3) -> GenericRank:
    """``r(Δ(θ, X))`` (or of the given ``patterns``) by exact ranks at random rational θ' (Schwartz–Zippel),
    stopping as soon as the proved upper bound is reached."""
    batch = as_batch(inputs, net.n_inputs)
    patterns = tuple(patterns) if patterns is not None else batch_patterns(net, batch)
    upper = min(symmetry_bound(net, len(batch)), _region_bound(net, batch, patterns))
    rng = random.Random(seed)
    best, witness = -1, ()
    for _ in range(trials):
        theta = random_parameters(net, rng)
        r = rank(frozen_jacobian(net.with_parameters(theta), batch, patterns).scaled).rank
        if r > best:
            best, witness = r, tuple(theta)
        if best >= upper:
            break
    return GenericRank(best, upper, best >= upper, witness)


@dataclass(frozen=True)
class FullDimension:
    """``dim_cfun(θ) = rank M(θ)`` (THEORY §1.6) over the achievable patterns on all of R^d."""

    rank: int
    regions: int
    bound: int


def _jacobian_rows_of_region(net: ReLUNetwork, pattern: Pattern) -> tuple:
    """Rows ``a_δ, B_δ e_k`` spanning ``{∇_θ f(x) : x ∈ R_δ}``: the frozen Jacobian at 0 and at e_k, differenced."""
    d = net.n_inputs
    points = [[0] * d] + [[int(i == k) for i in range(d)] for k in range(d)]
    rows = frozen_jacobian(net, points, [pattern] * len(points)).matrix
    n_l = net.n_outputs
    base = rows[:n_l]
    out = list(base)
    for k in range(d):
        out += [tuple(x - y for x, y in zip(rows[(k + 1) * n_l + o], base[o])) for o in range(n_l)]
    return tuple(out)


def computable_full_dimension(net: ReLUNetwork, regions: Sequence[Region] | None = None) -> FullDimension:
    """Exact ``dim_cfun(θ)``: the rank of the rows ``a_δ, B_δ e_k`` of every activation region of R^d."""
    regions = regions if regions is not None else enumerate_regions(net).regions
    rows = [row for r in regions for row in _jacobian_rows_of_region(net, r.pattern)]
    return FullDimension(rank(rows).rank, len(regions), net.n_params - net.n_hidden)


def decisive_batch(regions: Sequence[Region]) -> Batch:
    """``n_0 + 1`` affinely independent points inside every region: its interior point and small steps
    along each axis, the step chosen exactly so that every inequality stays strict."""
    batch = []
    for r in regions:
        p = r.point
        steps = [Fraction(1)]
        for q in r.inequalities:
            slack = q.offset - sum(n * x for n, x in zip(q.normal, p))
            steps += [slack / (2 * abs(n)) for n in q.normal if n]
        eps = min(steps)
        batch.append(p)
        batch += [tuple(x + eps if i == k else x for i, x in enumerate(p)) for k in range(len(p))]
    return tuple(batch)


# ----------------------------------------------------------------------------- claims

BATCHES_1D = (
    (("-7/3",), ("-4/3",), ("-1/3",), ("2/3",), ("5/3",), ("8/3",)),
    (("-5/3",), ("-2/3",), ("1/3",), ("4/3",)),
)
BATCHES_2D = ((("-4/3", "1/3"), ("-1/3", "-5/3"), ("2/3", "2/3"), ("5/3", "-1/3"), ("1/3", "7/3")),)
EXCEPTIONAL = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[0, 2]], [1])])  # THEORY §1.2 with v_1 = 0
THOROUGH = Range(((1, 2, 1), (2, 1, 1), (1, 1, 1, 1), (2, 2, 1)), (-1, 1), BATCHES_1D + BATCHES_2D, (EXCEPTIONAL,))


def _c3(case: Case) -> Outcome:
    dim = batch_functional_dimension(case.network, case.inputs).rank
    g = generic_rank(case.network, case.inputs)
    values = {"dim_bfun": dim, "generic_rank": g.rank, "certified": g.certified}
    if dim > g.rank:
        return Outcome(False, f"dim_bfun {dim} > r(Δ) {g.rank}: the theorem would be false", values)
    return Outcome(dim == g.rank, f"dim_bfun {dim}, r(Δ) {g.rank}" + ("" if dim == g.rank else " (exceptional θ)"),
                   values)


def _c3_upper(case: Case) -> Outcome:
    dim = batch_functional_dimension(case.network, case.inputs).rank
    g = generic_rank(case.network, case.inputs)
    return Outcome(dim <= g.rank <= g.upper, f"dim_bfun {dim} ≤ r(Δ) {g.rank} ≤ {g.upper}",
                   {"dim_bfun": dim, "generic_rank": g.rank, "upper": g.upper, "certified": g.certified})


def _c7(case: Case) -> Outcome:
    """Rank at a nearby θ' in the same pattern cell: equal at a generic θ, larger at an exceptional one."""
    net, batch = case.network, case.inputs
    dim = batch_functional_dimension(net, batch).rank
    g = generic_rank(net, batch)
    rng = random.Random(hash(tuple(net.parameters())) & 0xFFFF)
    theta = [q + Fraction(rng.choice((-1, 1)) * rng.randint(1, 997), 10**7) for q in net.parameters()]
    near = net.with_parameters(theta)
    try:
        moved = batch_patterns(near, batch) != batch_patterns(net, batch)
    except BoundaryError as exc:  # a sample on a boundary at θ'
        raise Skip(str(exc)) from None
    if moved:
        raise Skip("the perturbation left the pattern cell")
    dim_near = batch_functional_dimension(near, batch).rank
    values = {"dim_bfun": dim, "nearby": dim_near, "generic_rank": g.rank}
    if dim == g.rank:
        return Outcome(dim_near == dim, f"rank {dim} at θ and {dim_near} nearby (locally constant)", values)
    return Outcome(dim_near > dim, f"exceptional θ: rank {dim} at θ, {dim_near} nearby", values)


def _c5(case: Case) -> Outcome:
    net = case.network
    regions = enumerate_regions(net).regions
    full = computable_full_dimension(net, regions)
    try:
        attained = batch_functional_dimension(net, decisive_batch(regions)).rank
    except BoundaryError as exc:  # a neuron identically 0 on a region: every point there is a boundary point
        raise Skip(str(exc)) from None
    dim = batch_functional_dimension(net, case.inputs).rank if case.inputs else 0
    values = {"dim_cfun": full.rank, "attained": attained, "dim_bfun": dim, "N-H": full.bound, "regions": full.regions}
    holds = dim <= full.rank == attained <= full.bound
    return Outcome(holds, f"dim_bfun {dim} ≤ dim_cfun {full.rank} (decisive batch: {attained}) ≤ N − H {full.bound}",
                   values)


def _c6(case: Case) -> Outcome:
    """Monotone in n, bounded by dim_cfun, and equal to it once every region holds n_0 + 1 samples."""
    net, batch = case.network, case.inputs
    regions = enumerate_regions(net).regions
    full = computable_full_dimension(net, regions).rank
    ranks = [batch_functional_dimension(net, batch[:n]).rank for n in range(1, len(batch) + 1)]
    monotone = all(a <= b for a, b in zip(ranks, ranks[1:]))
    counts = Counter(batch_patterns(net, batch))
    saturated = all(counts[r.pattern] >= net.n_inputs + 1 for r in regions)
    holds = monotone and ranks[-1] <= full and (not saturated or ranks[-1] == full)
    return Outcome(holds, f"ranks {ranks} (dim_cfun {full}{', every region saturated' if saturated else ''})",
                   {"ranks": ranks, "dim_cfun": full, "saturated": saturated})


def _distinct(case: Case) -> bool:
    """No repeated sample (a repeated sample adds no row, so it cannot help saturate a region)."""
    return len(set(case.inputs)) == len(case.inputs)


def _c13(case: Case) -> Outcome:
    """Max over random draws of dim_cfun reaches N − H (narrowing architectures)."""
    net = case.network
    rng = random.Random(sum(net.architecture) * 7919)
    best = 0
    for _ in range(int(case.extra("draws", 6))):
        theta = [Fraction(rng.choice((-1, 1)) * rng.randint(1, 9), rng.randint(1, 5)) for _ in range(net.n_params)]
        best = max(best, computable_full_dimension(net.with_parameters(theta)).rank)
        if best == net.n_params - net.n_hidden:
            break
    return Outcome(best == net.n_params - net.n_hidden, f"max dim_cfun {best}, N − H {net.n_params - net.n_hidden}",
                   {"max_dim_cfun": best, "N-H": net.n_params - net.n_hidden})


def _dead_neuron(net: ReLUNetwork) -> tuple[int, int] | None:
    """A neuron (layer ≥ 2, 0-based index) whose incoming weights are ≤ 0 and bias < 0: dead on every input."""
    for l in range(1, net.depth - 1):
        for i, (row, b) in enumerate(zip(net.layers[l].weight, net.layers[l].bias)):
            if b < 0 and all(w <= 0 for w in row):
                return l, i
    return None


def _c14(case: Case) -> Outcome:
    net = case.network
    dead = _dead_neuron(net)
    if dead is None:
        raise Skip("no dead neuron")
    l, _ = dead
    arch = net.architecture
    bound = net.n_params - net.n_hidden - (arch[l] + arch[l + 2])
    full = computable_full_dimension(net).rank
    return Outcome(full <= bound, f"dim_cfun {full} ≤ N − H − (n_{l} + n_{l + 2}) = {bound}",
                   {"dim_cfun": full, "bound": bound})


def _seeded_dead_networks(count: int, seed: int) -> tuple[ReLUNetwork, ...]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        w1 = [[rng.randint(-3, 3)] for _ in range(2)]
        b1 = [rng.randint(-3, 3) for _ in range(2)]
        w2 = [[-rng.randint(0, 3), -rng.randint(0, 3)], [rng.randint(-3, 3), rng.randint(-3, 3)]]
        b2 = [-rng.randint(1, 3), rng.randint(-3, 3)]
        out.append(ReLUNetwork.from_arrays([(w1, b1), (w2, b2), ([[rng.randint(-3, 3), rng.randint(-3, 3)]],
                                                                 [rng.randint(-3, 3)])]))
    return tuple(out)


def _template(*arch: int) -> ReLUNetwork:
    return ReLUNetwork.from_arrays([([[0] * i for _ in range(o)], [0] * o) for i, o in zip(arch, arch[1:])])


register(Claim(
    "C3", "patterns determine the rank (equality for generic θ)",
    "dim_bfun(θ, X) = r(Δ(θ, X)) for almost every θ; integer θ on a small grid are often exceptional",
    _c3, default=Range(((1, 2, 1),), (-1, 1), BATCHES_1D, (EXCEPTIONAL,)),
    thorough=THOROUGH, hypotheses=(NO_BOUNDARY_SAMPLE,), expect_counterexamples=True))

register(Claim(
    "C3-upper", "dim_bfun ≤ r(Δ) ≤ min(N − H, n_L·n, per-region bound)",
    "the rank at θ never exceeds the generic rank of its pattern, which never exceeds the proved bounds",
    _c3_upper, default=Range(((1, 2, 1),), (-1, 1), BATCHES_1D, (EXCEPTIONAL,)),
    thorough=THOROUGH, hypotheses=(NO_BOUNDARY_SAMPLE,)))

register(Claim(
    "C5", "computable full functional dimension",
    "dim_bfun(θ, X) ≤ dim_cfun(θ) = rank M(θ) ≤ N − H, attained by n_0 + 1 affinely independent points per region",
    _c5, default=Range(((1, 2, 1), (2, 1, 1)), (-1, 1), BATCHES_1D[:1] + BATCHES_2D),
    thorough=THOROUGH, hypotheses=(NO_BOUNDARY_SAMPLE,)))

register(Claim(
    "C6", "sampling: n ↦ dim_bfun(θ, X_1:n) is monotone, ≤ dim_cfun, and equal once every region is saturated",
    "for any sample sequence; equality once every region holds n_0 + 1 samples in general position",
    _c6, default=Range(((1, 2, 1),), (-1, 1), (BATCHES_1D[0] + (("-11/3",), ("11/3",), ("1/7",), ("-1/7",)),
                                               (("-7/3",), ("-7/3",), ("1/3",), ("1/3",), ("7/3",), ("7/3",)))),
    thorough=Range(((1, 2, 1), (1, 1, 1, 1)), (-1, 1), BATCHES_1D + (BATCHES_1D[0] + (("-11/3",), ("11/3",)),)),
    hypotheses=(NO_BOUNDARY_SAMPLE, Hypothesis("distinct-samples", "no repeated sample", _distinct))))

register(Claim(
    "C7", "the rank is locally constant at generic θ, larger nearby at exceptional θ",
    "on U_Δ \\ E_Δ the rank equals its value at nearby θ' with the same pattern; at θ ∈ E_Δ nearby ranks are larger",
    _c7, default=Range(((1, 2, 1),), (-1, 1), BATCHES_1D[:1], (EXCEPTIONAL,)),
    thorough=THOROUGH, hypotheses=(NO_BOUNDARY_SAMPLE,)))

register(Claim(
    "C13", "max over θ of the functional dimension is N − H (narrowing architectures)",
    "random draws reach dim_cfun = N − H (not every draw does: C14)",
    _c13, default=Range((), networks=(_template(1, 1, 1), _template(1, 2, 1), _template(2, 2, 1),
                                      _template(2, 2, 2, 1))),
    thorough=Range((), networks=(_template(1, 3, 1), _template(2, 2, 2, 1), _template(3, 2, 2, 1),
                                 _template(2, 2, 1, 1)))))

register(Claim(
    "C14", "a dead neuron lowers the functional dimension",
    "a layer-l neuron (l ≥ 2) with incoming weights ≤ 0 and bias < 0 gives dim_cfun ≤ N − H − (n_{l-1} + n_{l+1})",
    _c14, default=Range((), networks=_seeded_dead_networks(40, 14)),
    thorough=Range((), networks=_seeded_dead_networks(300, 14))))
