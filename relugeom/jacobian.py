"""Exact parameter Jacobian of θ ↦ (f_θ(x_1), …, f_θ(x_n)).

Rows are sample-major then output (row ``j * n_L + o`` is output ``o`` at sample ``j``);
columns follow the parameter order of :mod:`relugeom.network`. For a hidden-layer pattern
``Δ`` fixed per sample, :func:`frozen_jacobian` differentiates the *frozen-pattern* map
``F_Δ`` (every ``relu(z)`` replaced by ``Δ·z``), a polynomial in θ defined for every θ;
:func:`jacobian` uses each sample's own pattern, where ``F_Δ`` and ``f`` agree near θ.

>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])        # relu(x)
>>> [[str(q) for q in row] for row in jacobian(net, [[2], [-1]]).matrix]  # d/d(w1, b1, w2, b2)
[['2', '1', '2', '1'], ['0', '0', '0', '1']]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from .errors import InputError, ShapeError
from .inputs import Batch, as_batch
from .network import Pattern, ReLUNetwork

__all__ = ["Jacobian", "jacobian", "frozen_jacobian", "sample_rows"]

ZERO = Fraction(0)


@dataclass(frozen=True)
class Jacobian:
    """The ``(n_L · n) × N`` exact Jacobian together with the samples' patterns."""

    matrix: tuple[tuple[Fraction, ...], ...]
    patterns: tuple[Pattern, ...]
    n_outputs: int

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.matrix), len(self.matrix[0]) if self.matrix else 0

    def __repr__(self) -> str:
        m, n = self.shape
        return f"Jacobian({m}x{n}, samples={len(self.patterns)})"


def sample_rows(net: ReLUNetwork, x: Sequence[Fraction], pattern: Pattern) -> list[list[Fraction]]:
    """The ``n_L`` Jacobian rows of the frozen-pattern map at one sample ``x``.

    Forward: ``h^l = Δ^l ⊙ z^l``. Backward: ``G^L = I``, ``G^l = G^{l+1} W^{l+1} diag(Δ^l)``
    (``G^l = ∂f/∂z^l``). Row ``o``: for each layer, ``G^l[o,i] h^{l-1}_j`` (row-major), then ``G^l[o,i]``.
    """
    depth = net.depth
    hs = [list(x)]
    for k, layer in enumerate(net.layers[:-1]):
        z = layer.apply(hs[-1])
        hs.append([v if on else ZERO for v, on in zip(z, pattern[k])])
    n_out = net.n_outputs
    grads = [None] * depth
    g = [[Fraction(int(o == i)) for i in range(n_out)] for o in range(n_out)]
    grads[depth - 1] = g
    for k in range(depth - 1, 0, -1):
        weight, mask = net.layers[k].weight, pattern[k - 1]
        n_prev = net.layers[k].n_in
        g = [[sum((go[i] * weight[i][t] for i in range(len(go)) if go[i] and weight[i][t]), ZERO) if mask[t] else ZERO
              for t in range(n_prev)] for go in g]
        grads[k - 1] = g
    rows = []
    for o in range(n_out):
        row: list[Fraction] = []
        for k in range(depth):
            go, h = grads[k][o], hs[k]
            row.extend(gi * hj if gi and hj else ZERO for gi in go for hj in h)
            row.extend(go)
        rows.append(row)
    return rows


def _check_patterns(net: ReLUNetwork, patterns: Sequence[Pattern], n: int) -> tuple[Pattern, ...]:
    if len(patterns) != n:
        raise InputError(f"got {len(patterns)} patterns for {n} samples")
    out = []
    for j, p in enumerate(patterns):
        p = tuple(tuple(int(b) for b in layer) for layer in p)
        try:
            net._check_pattern(p)
        except ShapeError as exc:
            raise ShapeError(f"pattern of sample {j}: {exc}") from None
        out.append(p)
    return tuple(out)


def frozen_jacobian(net: ReLUNetwork, inputs: object, patterns: Sequence[Pattern]) -> Jacobian:
    """Jacobian at θ of the frozen-pattern map ``F_Δ`` (sample ``j`` uses ``patterns[j]``)."""
    batch = as_batch(inputs, net.n_inputs)
    pats = _check_patterns(net, patterns, len(batch))
    matrix = tuple(tuple(r) for x, p in zip(batch, pats) for r in sample_rows(net, x, p))
    return Jacobian(matrix, pats, net.n_outputs)


def batch_patterns(net: ReLUNetwork, batch: Batch) -> tuple[Pattern, ...]:
    """Each sample's activation pattern; ``BoundaryError`` names the first sample on a boundary."""
    return tuple(net.pattern_at(x, sample=j) for j, x in enumerate(batch))


def jacobian(net: ReLUNetwork, inputs: object) -> Jacobian:
    """Exact Jacobian of θ ↦ f_θ(X); raises ``BoundaryError`` if a sample lies on a neuron boundary."""
    batch = as_batch(inputs, net.n_inputs)
    return frozen_jacobian(net, batch, batch_patterns(net, batch))
