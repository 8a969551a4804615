"""Softmax outputs, decided exactly although softmax is not rational (docs/theory.md §3.1).

Per sample the softmax Jacobian is ``D_s J`` with ``D_s = diag(s) − s sᵀ``, a symmetric matrix whose kernel
is exactly ``span(1)`` (all ``s_o > 0``), so ``D_s = D_s P`` with ``P = I − (1/n_L) 1 1ᵀ`` and ``D_s`` is
injective on the range of ``P``: ``rank(D_s J) = rank(P J)``, a rational matrix.

>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1], [2]], [0, 1])])
>>> softmax_rank(net, [["1/3"], ["2/3"], ["5/3"]]), softmax_bounds(net, 3)
(2, (3, 3))
"""

from __future__ import annotations

from .exact.linalg import ScaledMatrix, rank
from .jacobian import jacobian
from .network import ReLUNetwork

__all__ = ["projected_logit_jacobian", "softmax_rank", "softmax_bounds"]


def projected_logit_jacobian(net: ReLUNetwork, inputs: object) -> list[list[int]]:
    """``n_L · P J`` with ``P = I − (1/n_L) 1 1ᵀ`` on each sample's logit rows (integer rows up to row
    scales; same rank as the softmax Jacobian ``D_s J``). Raises ``BoundaryError`` on a boundary sample."""
    jac = jacobian(net, inputs)
    n_out = net.n_outputs
    rows = [list(r) for r in jac.scaled.rows]  # all rows of one sample share one scale
    out = []
    for start in range(0, len(rows), n_out):
        block = rows[start:start + n_out]
        total = [sum(col) for col in zip(*block)]
        out += [[n_out * v - t for v, t in zip(row, total)] for row in block]
    return out


def softmax_bounds(net: ReLUNetwork, n_samples: int) -> tuple[int, int]:
    """``(min(N − H − 1, (n_L − 1)·n), min(N − H − n_{L−1} − 1, (n_L − 1)·n))``: the bound of claim ``softmax.rank-bound`` and
    the sharp one (every shift of all rows of ``[W^L | b^L]`` by one vector is invisible after softmax)."""
    per_samples = (net.n_outputs - 1) * n_samples
    identifiable = net.n_params - net.n_hidden
    return min(identifiable - 1, per_samples), min(identifiable - net.architecture[-2] - 1, per_samples)


def softmax_rank(net: ReLUNetwork, inputs: object) -> int:
    """``rank D_θ softmax(f_θ(X)) = rank(P J)``, exactly (``BoundaryError`` on a boundary sample)."""
    rows = projected_logit_jacobian(net, inputs)
    return rank(ScaledMatrix(tuple(map(tuple, rows)), (1,) * len(rows))).rank
