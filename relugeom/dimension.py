"""Batch functional dimension ``dim_bfun(θ, X) = rank D_θ f_θ(X)``, exactly, with its bounds.

>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])    # relu(x), docs/theory.md §3.2
>>> d = batch_functional_dimension(net, [[-1], [1], [2]])
>>> d.rank, d.bound, d.region_bound
(3, 3, 3)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .exact.linalg import Backend, RankCertificate, rank
from .inputs import as_batch
from .jacobian import jacobian
from .network import Pattern, ReLUNetwork

__all__ = ["BatchDimension", "batch_functional_dimension", "symmetry_bound", "region_bound", "grouped_bound", "architecture_counts"]


@dataclass(frozen=True)
class BatchDimension:
    """``dim_bfun(θ, X)`` and the bounds it must respect.

    * ``bound = min(N − H, n_L·n)`` (docs/theory.md §3.1);
    * ``region_bound = n_L · Σ_δ min(#distinct samples in R_δ, n_0 + 1)`` over the activation
      regions the batch perceives (docs/theory.md §3.1; distinct samples, since repeated ones add no row).
    """

    rank: int
    bound: int
    region_bound: int
    n_params: int
    n_hidden: int
    n_samples: int
    n_outputs: int
    perceived_regions: int
    certificate: RankCertificate

    def __repr__(self) -> str:
        return (f"BatchDimension(rank={self.rank}, bound={self.bound}, region_bound={self.region_bound}, "
                f"n_params={self.n_params}, n_hidden={self.n_hidden}, perceived_regions={self.perceived_regions})")

    def to_dict(self, certificate: bool = False) -> dict:
        d = {
            "rank": self.rank, "bound": self.bound, "region_bound": self.region_bound,
            "n_params": self.n_params, "n_hidden": self.n_hidden, "n_samples": self.n_samples,
            "n_outputs": self.n_outputs, "perceived_regions": self.perceived_regions,
        }
        if certificate:
            d["certificate"] = self.certificate.to_dict()
        return d


def symmetry_bound(net: ReLUNetwork, n_samples: int) -> int:
    """``min(N − H, n_L · n)``: no batch of ``n`` samples can exceed it (claim dim.symmetry-bound)."""
    return min(net.n_params - net.n_hidden, net.n_outputs * n_samples)


def grouped_bound(n_inputs: int, n_outputs: int, batch: Sequence, keys: Sequence) -> int:
    """``n_L · Σ_groups min(#distinct samples in the group, n_0 + 1)``, the samples grouped by ``keys``
    (one key per sample: a pattern, an affine map, a pattern code).

    >>> grouped_bound(1, 1, [(0,), (1,), (1,), (2,)], ["a", "a", "a", "b"])   # a: 2 distinct samples, b: 1
    3
    """
    per_group = Counter(k for k, _ in set(zip(keys, batch)))
    return n_outputs * sum(min(c, n_inputs + 1) for c in per_group.values())


def region_bound(net: ReLUNetwork, batch: tuple, patterns: tuple[Pattern, ...]) -> int:
    """``n_L · Σ_δ min(#distinct samples with pattern δ, n_0 + 1)`` (claim dim.per-region-bound)."""
    return grouped_bound(net.n_inputs, net.n_outputs, batch, patterns)


def batch_functional_dimension(net: ReLUNetwork, inputs: object, backend: Backend = "auto") -> BatchDimension:
    """Exact ``rank D_θ f_θ(X)`` with certificate and bounds.

    Raises ``BoundaryError`` when a sample lies on a neuron boundary (the Jacobian is undefined).
    """
    batch = as_batch(inputs, net.n_inputs)
    jac = jacobian(net, batch)
    patterns = jac.patterns
    result = rank(jac.scaled, backend)
    return BatchDimension(
        rank=result.rank,
        bound=symmetry_bound(net, len(batch)),
        region_bound=region_bound(net, batch, patterns),
        n_params=net.n_params,
        n_hidden=net.n_hidden,
        n_samples=len(batch),
        n_outputs=net.n_outputs,
        perceived_regions=len(set(patterns)),
        certificate=result.certificate,
    )


def architecture_counts(arch: Sequence[int]) -> tuple[int, int]:
    """``(N, H)`` from the closed formulas ``N = Σ n_l (n_{l−1} + 1)``, ``H = Σ_{0<l<L} n_l`` (docs/theory.md §1).

    >>> architecture_counts((784, 30, 30, 30, 10))
    (25720, 90)
    """
    return sum(n * (m + 1) for m, n in zip(arch, arch[1:])), sum(arch[1:-1])
