"""Shallow networks: perceived runs, breakpoints and the activation-feature rank (docs/theory.md §3.6).

For ``f(x) = Σ_i v_i relu(w_i x + b_i) + c`` on sorted samples ``x_1 < … < x_n`` (none on a breakpoint),
the samples fall into ``K`` maximal runs ``G_1, …, G_K`` of equal activation pattern (the activation
regions *perceived*), and with all ``v_i ≠ 0`` and every run of ≥ 2 samples,
``dim_bfun = 2K − 1 + ε`` (the derived shallow 1-D theorem, claim ``shallow.rank-vs-regions-1d``), where ``ε = 1`` iff some neuron is active on every
sample or some cut between consecutive runs is made both by a neuron switching off (``w < 0``,
prefix type) and by one switching on (``w > 0``, suffix type).

>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])
>>> runs = perceived_runs(net, [[-3], [-2], ["1/2"], ["3/4"], [2], [3]])
>>> runs.sizes, runs.epsilon, runs.formula
((2, 2, 2), 0, 5)

The claims built on these functions are in ``proofs_checks/shallow.py`` (docs/theory.md §3.6).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from .errors import ShapeError
from .exact.linalg import rank
from .inputs import as_batch
from .network import ReLUNetwork

__all__ = ["PerceivedRuns", "activation_feature_rank", "activation_feature_rows", "breakpoints", "perceived_runs"]


# ----------------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class PerceivedRuns:
    """The activation regions a batch perceives, with the data of the shallow 1-D theorem (docs/theory.md §3.6).

    * ``patterns[k]``: the (flattened) hidden activation pattern of region ``k``; for ``n_0 = 1`` the
      regions are the maximal runs of consecutive sorted samples, in increasing order of x;
      for ``n_0 ≥ 2`` they are the distinct patterns, in order of first appearance;
    * ``sizes[k]``: the number of *distinct* samples in region ``k``;
    * ``all_active``: neurons active on every sample;
    * ``two_sided_cuts`` (``n_0 = 1``): the cuts ``k`` (between runs ``k`` and ``k + 1``) at which one
      neuron switches on and another switches off;
    * ``epsilon_span``: 1 iff the all-ones vector lies in the span of the neurons' region indicators
      ``ind(S_i) ∈ {0,1}^K`` (the quantity of the proof; it equals the 1-D rule, docs/theory.md §3.6);
    * ``epsilon``: for ``n_0 = 1`` the stated rule (``all_active`` or ``two_sided_cuts`` non-empty),
      otherwise ``epsilon_span``.
    """

    n_inputs: int
    patterns: tuple[tuple[int, ...], ...]
    sizes: tuple[int, ...]
    all_active: tuple[int, ...]
    two_sided_cuts: tuple[int, ...]
    epsilon: int
    epsilon_span: int

    @property
    def K(self) -> int:
        """Number of perceived activation regions."""
        return len(self.sizes)

    @property
    def formula(self) -> int:
        """``2K − 1 + ε`` (the equality of claim ``shallow.rank-vs-regions-1d``)."""
        return 2 * self.K - 1 + self.epsilon

    @property
    def run_bound(self) -> int:
        """``Σ_k min(2, |G_k|)`` (the bound of claim ``shallow.rank-upper-1d``)."""
        return sum(min(2, s) for s in self.sizes)

    def __repr__(self) -> str:
        return (f"PerceivedRuns(K={self.K}, sizes={self.sizes}, epsilon={self.epsilon}, "
                f"formula={self.formula}, run_bound={self.run_bound})")

    def to_dict(self) -> dict:
        return {"n_inputs": self.n_inputs, "K": self.K, "sizes": list(self.sizes),
                "patterns": ["".join(map(str, p)) for p in self.patterns], "all_active": list(self.all_active),
                "two_sided_cuts": list(self.two_sided_cuts), "epsilon": self.epsilon,
                "epsilon_span": self.epsilon_span, "formula": self.formula, "run_bound": self.run_bound}


def _flat_patterns(net: ReLUNetwork, batch: Sequence[Sequence[Fraction]]) -> list[tuple[int, ...]]:
    """Each sample's hidden pattern, all hidden layers concatenated, in integer arithmetic (as in
    :mod:`relugeom.jacobian`: with ``d`` the denominator of x and ``q_l`` the layer denominators, the
    scaled pre-activations ``s_l z^l`` have the signs of ``z^l``). ``BoundaryError`` on a boundary sample."""
    layers = net.integer_layers[:-1]
    out = []
    for j, x in enumerate(batch):
        d = math.lcm(*(v.denominator for v in x))
        h, s, bits = [int(v * d) for v in x], d, []
        for w, b, q in layers:
            z = [sum(wi * hi for wi, hi in zip(row, h) if wi and hi) + s * bi for row, bi in zip(w, b)]
            if 0 in z:
                net.pattern_at(x, sample=j)  # raises the BoundaryError that names the neuron
            bits.extend(int(v > 0) for v in z)
            h, s = [max(0, v) for v in z], s * q
        out.append(tuple(bits))
    return out


def _ones_in_span(vectors: Sequence[Sequence[int]], length: int) -> bool:
    if length == 0:
        return False
    ones = [1] * length
    if not vectors:
        return False
    return rank(list(vectors)).rank == rank(list(vectors) + [ones]).rank


_LAST: list = [None, None, None]  # (network, inputs, result) of the last call: a hypothesis and the predicate share it


def perceived_runs(net: ReLUNetwork, inputs: object) -> PerceivedRuns:
    """The perceived activation regions of ``inputs`` (any depth; patterns of all hidden layers).

    Raises ``BoundaryError`` if a sample lies on a neuron boundary.
    """
    if _LAST[0] is net and _LAST[1] is inputs:
        return _LAST[2]
    result = _perceived_runs(net, inputs)
    if isinstance(inputs, tuple):  # a Batch (immutable): safe to remember by identity
        _LAST[:] = [net, inputs, result]
    return result


def _perceived_runs(net: ReLUNetwork, inputs: object) -> PerceivedRuns:
    batch = as_batch(inputs, net.n_inputs)
    of_sample = dict(zip(batch, _flat_patterns(net, batch)))  # distinct samples, in order of first appearance
    distinct = sorted(of_sample) if net.n_inputs == 1 else list(of_sample)
    pats = [of_sample[x] for x in distinct]
    h = net.n_hidden
    if net.n_inputs == 1:
        runs: list[tuple[tuple[int, ...], int]] = []
        for p in pats:
            if runs and runs[-1][0] == p:
                runs[-1] = (p, runs[-1][1] + 1)
            else:
                runs.append((p, 1))
        cuts = []
        for k, ((p, _), (q, _)) in enumerate(pairwise(runs)):
            on = any(a == 0 and b == 1 for a, b in zip(p, q))
            off = any(a == 1 and b == 0 for a, b in zip(p, q))
            if on and off:
                cuts.append(k)
        patterns = tuple(p for p, _ in runs)
        sizes = tuple(s for _, s in runs)
    else:
        groups: OrderedDict[tuple[int, ...], int] = OrderedDict()
        for p in pats:
            groups[p] = groups.get(p, 0) + 1
        patterns, sizes, cuts = tuple(groups), tuple(groups.values()), []
    all_active = tuple(i for i in range(h) if all(p[i] for p in pats))
    indicators = [[p[i] for p in patterns] for i in range(h)]
    eps_span = int(_ones_in_span([v for v in indicators if any(v)], len(patterns)))
    eps = int(bool(all_active or cuts)) if net.n_inputs == 1 else eps_span
    return PerceivedRuns(net.n_inputs, patterns, sizes, all_active, tuple(cuts), eps, eps_span)


def breakpoints(net: ReLUNetwork) -> tuple[Fraction | None, ...]:
    """For a network with scalar input and one hidden layer: ``−b_i / w_i`` per neuron (None if ``w_i = 0``)."""
    if net.n_inputs != 1 or net.depth != 2:
        raise ShapeError(f"breakpoints need a (1, m, n_L) network, got architecture {net.architecture}")
    first = net.layers[0]
    return tuple(None if row[0] == 0 else -b / row[0] for row, b in zip(first.weight, first.bias))


def activation_feature_rows(net: ReLUNetwork, inputs: object) -> list[list[Fraction]]:
    """One row per sample: ``[a_1(x)·(x, 1), …, a_H(x)·(x, 1), 1]`` with ``a(x)`` the hidden pattern
    (all hidden layers concatenated; for one hidden layer this is the theory's ``(x,1) ⊗ a(x)``)."""
    batch = as_batch(inputs, net.n_inputs)
    one = Fraction(1)
    rows = []
    for x, pattern in zip(batch, _flat_patterns(net, batch)):
        row: list[Fraction] = []
        for bit in pattern:
            row.extend((*x, one) if bit else (Fraction(0),) * (len(x) + 1))
        row.append(one)
        rows.append(row)
    return rows


def activation_feature_rank(net: ReLUNetwork, inputs: object) -> int:
    """Rank of :func:`activation_feature_rows` — ``dim_bfun`` of a scalar-output shallow net with all
    output weights nonzero (claim ``S-general-d``)."""
    return rank(activation_feature_rows(net, inputs)).rank


