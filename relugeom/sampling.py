"""Sampling (docs/theory.md §3.5): how often an i.i.d. uniform sample of size n attains dim_cfun.

With ``p_δ`` the exact probability of region ``δ`` under the uniform law on a box,
``P[dim_bfun(θ, X) ≠ dim_cfun(θ)] ≤ Σ_δ P[Bin(n, p_δ) ≤ n_0]``. Region volumes are exact (1-D lengths,
2-D polygon areas), the bound is an exact rational, and the frequency comes from exact ranks.

>>> from relugeom.network import ReLUNetwork
>>> from relugeom.domain import Domain
>>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])
>>> curve = sampling_curve(net, Domain.box(-2, 2, dim=1), sizes=[4, 12], trials=5, seed=1)
>>> [str(b) for b in curve.bounds], curve.failures, curve.dim_cfun   # bound 1 at n = 4 (trivial)
(['1', '2683829/8388608'], (5, 0), 5)
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from math import comb
from typing import Sequence

from .dimension import batch_functional_dimension
from .domain import Domain
from .errors import BoundaryError, ShapeError
from .generic import computable_full_dimension
from .network import ReLUNetwork
from .regions import Region, enumerate_regions

__all__ = ["region_volume", "failure_bound", "SamplingCurve", "sampling_curve"]


def region_volume(region: Region) -> Fraction:
    """Exact length (1-D) or area (2-D) of a bounded region."""
    verts = region.vertices
    if region.dim == 1:
        return max(v[0] for v in verts) - min(v[0] for v in verts)
    if region.dim != 2:
        raise ShapeError("exact region volumes are implemented for input dimension 1 and 2")
    cx, cy = region.point

    def angle_key(v):
        x, y = v[0] - cx, v[1] - cy
        half = 0 if (y > 0 or (y == 0 and x > 0)) else 1
        return (half, 0, Fraction(0)) if y == 0 else (half, 1, -x / y if half == 0 else x / -y)

    poly = sorted(verts, key=angle_key)
    twice = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(poly, poly[1:] + poly[:1]))
    return abs(twice) / 2


def failure_bound(probabilities: Sequence[Fraction], n: int, n0: int) -> Fraction:
    """``Σ_δ P[Bin(n, p_δ) ≤ n_0]`` exactly (capped at 1)."""
    total = sum((sum(comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(min(n0, n) + 1))
                 for p in probabilities), Fraction(0))
    return min(total, Fraction(1))


@dataclass(frozen=True)
class SamplingCurve:
    """For each sample size: the observed frequency of ``dim_bfun ≠ target`` and the exact bound.

    ``dim_cfun`` is the computable full functional dimension over all of R^d, ``dim_support`` the same rank
    over the regions the box meets (the regions of positive probability), and ``target`` the one the
    failures are counted against (``relative_to``: "support", the true statement, or "global", the
    pitfall of docs/theory.md §3.5).
    """

    sizes: tuple[int, ...]
    failures: tuple[int, ...]
    trials: int
    bounds: tuple[Fraction, ...]
    dim_cfun: int
    dim_support: int = -1
    relative_to: str = "support"

    @property
    def target(self) -> int:
        return self.dim_support if self.relative_to == "support" else self.dim_cfun

    def frequencies(self) -> tuple[Fraction, ...]:
        return tuple(Fraction(f, self.trials) for f in self.failures)


MAX_BOUNDARY_DRAWS = 200  # a boundary has volume 0: this many draws in a row on one means a neuron is ≡ 0 on a region


def _uniform_point(domain: Domain, rng: random.Random, resolution: int = 10**9) -> tuple[Fraction, ...]:
    lo, hi = domain.bounds
    return tuple(l + (h - l) * Fraction(2 * rng.randrange(resolution) + 1, 2 * resolution) for l, h in zip(lo, hi))


def sampling_curve(net: ReLUNetwork, domain: Domain, sizes: Sequence[int], trials: int, seed: int = 0,
                   relative_to: str = "support") -> SamplingCurve:
    """Exact frequencies over ``trials`` uniform samples of each size of ``dim_bfun`` missing the target
    dimension, and the bound ``Σ_δ P[Bin(n, p_δ) ≤ n_0]`` over the regions of the box (docs/theory.md §3.5).

    ``relative_to="support"`` (the default, for which the bound is a theorem) counts a failure when the rank
    misses ``dim_support``, the rank of the rows of the regions that meet the box; ``"global"`` compares with
    ``dim_cfun`` over all of R^d, which the bound does not control (a region the box misses contributes
    rows no sample can reach).
    """
    if domain.kind != "box":
        raise ShapeError("the sampling curve needs a box domain (uniform samples)")
    if relative_to not in ("support", "global"):
        raise ShapeError(f"relative_to must be 'support' or 'global', got {relative_to!r}")
    regions = enumerate_regions(net, domain).regions
    total = region_volume(regions[0]) if len(regions) == 1 else sum(region_volume(r) for r in regions)
    probabilities = [region_volume(r) / total for r in regions]
    dim_cfun = computable_full_dimension(net).rank
    dim_support = computable_full_dimension(net, regions).rank
    full = dim_support if relative_to == "support" else dim_cfun
    rng = random.Random(seed)
    failures = [0] * len(sizes)
    for _ in range(trials):
        batch: list[tuple[Fraction, ...]] = []
        for k, n in enumerate(sizes):
            misses = 0
            while len(batch) < n:
                x = _uniform_point(domain, rng)
                try:
                    net.pattern_at(x)
                except BoundaryError as exc:
                    misses += 1
                    if misses > MAX_BOUNDARY_DRAWS:  # a neuron is identically 0 on a region of positive volume
                        raise BoundaryError(f"{MAX_BOUNDARY_DRAWS} uniform draws in a row lie on a boundary ({exc}): "
                                            "some pre-activation vanishes on a set of positive volume",
                                            sample=None, layer=exc.layer, neuron=exc.neuron) from None
                    continue
                misses = 0
                batch.append(x)
            if batch_functional_dimension(net, batch).rank != full:
                failures[k] += 1
    bounds = tuple(failure_bound(probabilities, n, net.n_inputs) for n in sizes)
    return SamplingCurve(tuple(sizes), tuple(failures), trials, bounds, dim_cfun, dim_support, relative_to)

