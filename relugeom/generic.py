"""The generic rank ``r(Δ)`` of an activation pattern (the local dimension of the image at a generic θ
with that pattern, docs/theory.md §2.3) and the computable full functional dimension ``dim_cfun``
(§2.4), with a batch that attains it.

>>> from relugeom.dimension import batch_functional_dimension
>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[0, 2]], [1])])   # one output weight 0
>>> X = [[-3], [-2], ["1/2"], ["3/4"], [2], [3]]
>>> g = generic_rank(net, X)
>>> g.rank, g.certified, batch_functional_dimension(net, X).rank      # an exceptional θ
(5, True, 4)
>>> computable_full_dimension(ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])).rank
5
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from .dimension import symmetry_bound
from .exact.linalg import rank
from .inputs import Batch, as_batch
from .jacobian import batch_patterns, frozen_jacobian
from .network import Pattern, ReLUNetwork
from .regions import Region, enumerate_regions
from .symmetry import rescaling_directions

__all__ = ["GenericRank", "generic_rank", "local_dimension", "live_parameters", "structural_bound", "affine_region_bound", "proved_upper_bound", "FullDimension", "computable_full_dimension", "full_dimension_rows", "decisive_batch",
           "random_parameters"]


def random_parameters(net: ReLUNetwork, rng: random.Random, size: int = 10**6) -> list[Fraction]:
    """A random rational parameter vector of ``net``'s architecture (nonzero integers in ±size / small denominators)."""
    return [Fraction(rng.choice((-1, 1)) * rng.randint(1, size), rng.randint(1, 97)) for _ in range(net.n_params)]


def live_parameters(net: ReLUNetwork, batch: Batch, patterns: Sequence[Pattern]) -> list[bool]:
    """Per parameter: is its column of the frozen-pattern Jacobian a nonzero polynomial in θ (docs/theory.md
    §2.3)? ``∂F/∂W^l_ij`` on sample s is ``G^l_i(s) h^{l−1}_j(s)``: ``G^l_i`` is a sum of distinct path
    monomials, nonzero exactly when an all-active path joins neuron (l, i) to the output, and
    ``h^{l−1}_j`` is ``x_j`` on layer 1, else nonzero exactly when neuron j is active (its bias monomial).

    >>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])      # (w, b, v, c), one dead neuron
    >>> live_parameters(net, [[1], [2]], [((0,),), ((0,),)])
    [False, False, False, True]
    """
    live = [False] * net.n_params
    offsets, k = [], 0
    for layer in net.layers:
        offsets.append(k)
        k += layer.n_out * (layer.n_in + 1)
    for x, pattern in zip(batch, patterns):
        reach = _reach(net, pattern)
        for l, layer in enumerate(net.layers):
            source = [v != 0 for v in x] if l == 0 else [bool(b) for b in pattern[l - 1]]
            for i in range(layer.n_out):
                if reach[l][i]:
                    live[offsets[l] + layer.n_out * layer.n_in + i] = True
                    for j in range(layer.n_in):
                        if source[j]:
                            live[offsets[l] + i * layer.n_in + j] = True
    return live


def _reach(net: ReLUNetwork, pattern: Pattern) -> list[list[bool]]:
    """``reach[l][i]``: an all-active path joins neuron i of layer l + 1 (1-based) to the output."""
    reach = [[True] * net.n_outputs]
    for l in range(net.depth - 2, -1, -1):
        onward = any(reach[0])  # the weights are indeterminates: any reaching neuron above will do
        reach.insert(0, [bool(pattern[l][i]) and onward for i in range(net.layers[l].n_out)])
    return reach


def affine_region_bound(net: ReLUNetwork, batch: Batch, patterns: Sequence[Pattern]) -> int:
    """``n_L · Σ_δ c_δ`` with ``c_δ`` the rank of the rows ``(1, x_s)`` of the samples with pattern δ, or 1
    when no all-active path joins the input to the output under δ (docs/theory.md §2.3): a sharper
    per-region bound for r(Δ).

    >>> net = ReLUNetwork.from_arrays([([[2], [2]], [-2, -1]), ([[-2, 2]], [-1])])
    >>> affine_region_bound(net, [[-1], [2], [-2]], [((0, 0),), ((1, 1),), ((0, 0),)])   # the dead pattern: 1
    2
    """
    groups: dict = {}
    for x, pattern in zip(batch, patterns):
        groups.setdefault(tuple(map(tuple, pattern)), set()).add(tuple(x))
    total = 0
    for pattern, xs in groups.items():
        constant = net.depth > 1 and not any(_reach(net, pattern)[0])
        total += 1 if constant else rank([(1, *x) for x in sorted(xs)]).rank
    return net.n_outputs * total


def structural_bound(net: ReLUNetwork, batch: Batch, patterns: Sequence[Pattern], seed: int = 0) -> int:
    """``r(Δ) ≤ #live parameters − rank of the H rescaling directions restricted to them`` at a random θ'
    (docs/theory.md §2.3): the frozen map is invariant under every neuron's rescaling, so those directions
    lie in the kernel at every θ, and their generic rank is at least their rank at any θ'.

    >>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])
    >>> structural_bound(net, [[1], [2]], [((0,),), ((0,),)]), structural_bound(net, [[1], [2]], [((1,),), ((1,),)])
    (1, 3)
    """
    live = live_parameters(net, batch, patterns)
    theta = net.with_parameters(random_parameters(net, random.Random(seed)))
    directions = [[v for v, keep in zip(d, live) if keep] for d in rescaling_directions(theta)]
    n_live = sum(live)
    if not directions or not n_live:
        return n_live
    return n_live - rank(directions).rank


def proved_upper_bound(net: ReLUNetwork, batch: object, patterns: Sequence[Pattern], seed: int = 0) -> int:
    """``min(N − H, n_L·n, per-region bound, structural bound)``, proved to bound ``r(Δ)`` (§2.3); the
    per-region bound in its affine form (:func:`affine_region_bound`, never above
    :func:`relugeom.dimension.region_bound`: ``rank[(1, x_s)] ≤ min(#distinct, n_0 + 1)``)."""
    batch = as_batch(batch, net.n_inputs)
    return min(symmetry_bound(net, len(batch)), affine_region_bound(net, batch, patterns),
               structural_bound(net, batch, patterns, seed))


@dataclass(frozen=True)
class GenericRank:
    """``r(Δ)``: the rank of the frozen-pattern Jacobian over Q(θ) for a pattern per sample.

    ``rank`` is a certified lower bound (an exact rank at the rational point ``witness``); ``upper``
    = min(N − H, n_L·n, per-region bound, structural bound) is a proved upper bound; ``certified`` when they meet.
    """

    rank: int
    upper: int
    certified: bool
    witness: tuple[Fraction, ...]


def generic_rank(net: ReLUNetwork, inputs: object, patterns: Sequence[Pattern] | None = None,
                 seed: int = 0, trials: int = 3) -> GenericRank:
    """``r(Δ(θ, X))`` (or of the given ``patterns``) by exact ranks at random rational θ' (Schwartz–Zippel),
    stopping as soon as the proved upper bound is reached."""
    batch = as_batch(inputs, net.n_inputs)
    patterns = tuple(patterns) if patterns is not None else batch_patterns(net, batch)
    return _generic_rank(net, batch, patterns, proved_upper_bound(net, batch, patterns, seed), seed, trials)


def _generic_rank(net: ReLUNetwork, batch: Batch, patterns: tuple, upper: int, seed: int, trials: int) -> GenericRank:
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


def local_dimension(net: ReLUNetwork, inputs: object, rank_at_theta: int, patterns: Sequence[Pattern] | None = None,
                    seed: int = 0) -> tuple[int, bool]:
    """The local dimension of the image at θ, ``r(Δ)``, given the exact rank at θ: ``(value, certified)``.

    ``rank at θ ≤ r(Δ) ≤`` :func:`proved_upper_bound`: when the rank meets that bound it is the
    value (certified, nothing computed); otherwise the larger of the rank and :func:`generic_rank`, certified
    only when it meets the bound (else a lower bound).

    >>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[0, 2]], [1])])   # one output weight 0
    >>> local_dimension(net, [[-3], [-2], ["1/2"], ["3/4"], [2], [3]], rank_at_theta=4)
    (5, True)
    """
    batch = as_batch(inputs, net.n_inputs)
    patterns = tuple(patterns) if patterns is not None else batch_patterns(net, batch)
    upper = proved_upper_bound(net, batch, patterns, seed)
    if rank_at_theta >= upper:
        return rank_at_theta, True
    value = max(rank_at_theta, _generic_rank(net, batch, patterns, upper, seed, trials=3).rank)
    return value, value >= upper


@dataclass(frozen=True)
class FullDimension:
    """``dim_cfun(θ) = rank M(θ)`` (docs/theory.md §2.4) over the achievable patterns on all of R^d."""

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


def full_dimension_rows(net: ReLUNetwork, regions: Sequence[Region]) -> list[tuple]:
    """The matrix M(θ) whose rank is ``dim_cfun(θ)``: the rows ``a_δ, B_δ e_k`` of each region, in order."""
    return [row for r in regions for row in _jacobian_rows_of_region(net, r.pattern)]


def computable_full_dimension(net: ReLUNetwork, regions: Sequence[Region] | None = None) -> FullDimension:
    """Exact ``dim_cfun(θ)``: the rank of the rows ``a_δ, B_δ e_k`` of every activation region of R^d."""
    regions = regions if regions is not None else enumerate_regions(net).regions
    return FullDimension(rank(full_dimension_rows(net, regions)).rank, len(regions), net.n_params - net.n_hidden)


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


