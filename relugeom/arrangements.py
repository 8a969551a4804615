"""Hyperplane arrangements and region counts (docs/theory.md §2.6, §3.7): exact closed formulas.

Exact closed formulas (integers, no float):

* :func:`zaslavsky_count` — regions of a real affine arrangement, ``r = (−1)^d χ(−1)``, with ``χ`` from the
  Möbius function of the intersection poset (flats computed exactly with :func:`relugeom.exact.linalg.rref`);
  :func:`characteristic_polynomial` and :func:`bounded_region_count` (``b = (−1)^{rank} χ(1)``) alongside;
* :func:`general_position_count` — ``Σ_{i≤d} C(h, i)``;
* :func:`serra_upper_bound` — Serra–Tjandraatmadja–Ramalingam's bound on the activation regions of a deep net;
* :func:`sawtooth_network` — Telgarsky's tent map composed L times, as a network with L hidden layers of width 2.

>>> zaslavsky_count([((1, 1), 0), ((1, 0), 0), ((1, -1), 0), ((0, 1), 1)], 2)
10
>>> characteristic_polynomial([((1, 0, 0), 0), ((0, 1, 0), 0), ((1, 1, 0), 0)], 3)   # t³ − 3t² + 2t
(0, 2, -3, 1)
>>> general_position_count(4, 2), serra_upper_bound(1, (2, 2)), serra_upper_bound(1, (3, 3))
(11, 9, 16)
>>> sawtooth_network(3).architecture
(1, 2, 2, 2, 1)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .errors import InputError, ShapeError
from .exact.linalg import nullspace, rank, rref
from .exact.rational import format_rational, to_rational, to_rational_vector
from .network import Layer, ReLUNetwork

__all__ = [
    "ArrangementCounts",
    "arrangement_counts",
    "bounded_region_count",
    "characteristic_polynomial",
    "distinct_hyperplanes",
    "general_position_count",
    "hidden_layer_family",
    "in_general_position",
    "neuron_hyperplanes",
    "per_neuron_count",
    "sawtooth_network",
    "serra_upper_bound",
    "zaslavsky_count",
]

Hyperplane = tuple[tuple[Fraction, ...], Fraction]  # {x : w·x + b = 0}


# ------------------------------------------------------------------------------ arrangements


def _key(w: Sequence[Fraction], b: Fraction) -> tuple[int, ...]:
    """Primitive integer vector of ``(w, b)`` up to a nonzero factor (first nonzero of ``w`` positive): equal
    keys ⇔ the same hyperplane, whatever the orientation."""
    values = (*w, b)
    den = math.lcm(*(v.denominator for v in values))
    ints = [int(v * den) for v in values]
    g = math.gcd(*ints)
    sign = 1 if next(v for v in ints[:-1] if v) > 0 else -1
    return tuple(sign * v // g for v in ints)


def _hyperplanes(hyperplanes: Iterable[tuple[object, object]], dim: int) -> list[tuple[int, ...]]:
    """Validated, de-duplicated hyperplanes as primitive integer rows ``(w, b)``."""
    if isinstance(dim, bool) or not isinstance(dim, int) or dim < 0:
        raise ShapeError(f"the dimension must be a non-negative integer, got {dim!r}")
    out: dict[tuple[int, ...], None] = {}
    for i, item in enumerate(hyperplanes):
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise ShapeError(f"hyperplane {i} must be a pair (w, b), got {item!r}")
        w = to_rational_vector(item[0], f"hyperplane {i} normal", dim)
        b = to_rational(item[1], f"hyperplane {i} offset")
        if not any(w):
            raise InputError(f"hyperplane {i} has normal 0: {{0·x + {format_rational(b)} = 0}} is not a hyperplane")
        out.setdefault(_key(w, b))
    return list(out)


def _residual_is_zero(row: Sequence[int], reduced: Sequence[Sequence[Fraction]], pivots: Sequence[int]) -> bool:
    """Is ``row`` in the span of the rows of an rref (pivot entries 1, other pivot columns 0)?"""
    v = [Fraction(x) for x in row]
    for r, p in zip(reduced, pivots):
        c = v[p]
        if c:
            v = [a - c * e for a, e in zip(v, r)]
    return not any(v)


def _intersection_poset(rows: list[tuple[int, ...]], dim: int) -> list[tuple[frozenset[int], int]]:
    """The flats of the arrangement as ``(closure, dimension)``, closure = the hyperplanes containing the flat
    (which determines it); ``R^dim`` first, then by increasing codimension."""
    n = len(rows)
    found: dict[frozenset[int], int] = {frozenset(): dim}
    layer: list[tuple[frozenset[int], tuple, tuple]] = [(frozenset(), (), ())]
    while layer:
        nxt = []
        for closure, reduced, pivots in layer:
            done = set(closure)
            for i in range(n):
                if i in done:
                    continue
                new_reduced, new_pivots = rref([*reduced, rows[i]])
                new_reduced = new_reduced[:len(new_pivots)]
                if dim in new_pivots:  # a pivot in the offset column: 0 = 1, the intersection is empty
                    done.add(i)
                    continue
                new_closure = frozenset(j for j in range(n) if j in closure or j == i
                                        or _residual_is_zero(rows[j], new_reduced, new_pivots))
                done |= new_closure
                if new_closure not in found:
                    found[new_closure] = dim - len(new_pivots)
                    nxt.append((new_closure, new_reduced, new_pivots))
        layer = nxt
    return sorted(found.items(), key=lambda item: -item[1])


def _mobius(poset: list[tuple[frozenset[int], int]]) -> list[tuple[int, int]]:
    """``(dim X, μ(R^d, X))`` for every flat X (poset from :func:`_intersection_poset`)."""
    mu: list[int] = []
    for k, (closure, _) in enumerate(poset):
        mu.append(1 if k == 0 else -sum(m for (c, _), m in zip(poset[:k], mu) if c < closure))
    return [(d, m) for (_, d), m in zip(poset, mu)]


def _poset_mobius(hyperplanes: Iterable[tuple[object, object]], dim: int) -> list[tuple[int, int]]:
    return _mobius(_intersection_poset(_hyperplanes(hyperplanes, dim), dim))


def _chi(mobius: list[tuple[int, int]], dim: int) -> tuple[int, ...]:
    coefficients = [0] * (dim + 1)
    for d, m in mobius:
        coefficients[d] += m
    return tuple(coefficients)


def _regions_from(mobius: list[tuple[int, int]], dim: int) -> int:
    return (-1) ** dim * sum(m * (-1) ** d for d, m in mobius)


def _bounded_from(mobius: list[tuple[int, int]], dim: int) -> tuple[int, int]:
    """``(b, rank A)``."""
    rank_a = dim - min(d for d, _ in mobius)
    return (-1) ** rank_a * sum(m for _, m in mobius), rank_a


@dataclass(frozen=True)
class ArrangementCounts:
    """Everything one Möbius computation gives: ``χ_A`` (coefficients), ``r(A)``, ``b(A)`` and ``rank A``."""

    characteristic: tuple[int, ...]
    regions: int
    bounded: int
    rank: int


def arrangement_counts(hyperplanes: Iterable[tuple[object, object]], dim: int) -> ArrangementCounts:
    """:func:`characteristic_polynomial`, :func:`zaslavsky_count`, :func:`bounded_region_count` and the rank of
    the arrangement from one intersection poset.

    >>> arrangement_counts([((1, 0), 0), ((0, 1), 0)], 2)
    ArrangementCounts(characteristic=(1, -2, 1), regions=4, bounded=0, rank=2)
    """
    mobius = _poset_mobius(hyperplanes, dim)
    bounded, rank_a = _bounded_from(mobius, dim)
    return ArrangementCounts(_chi(mobius, dim), _regions_from(mobius, dim), bounded, rank_a)


def characteristic_polynomial(hyperplanes: Iterable[tuple[object, object]], dim: int) -> tuple[int, ...]:
    """Coefficients ``(c_0, …, c_d)`` of ``χ_A(t) = Σ_X μ(R^d, X) t^{dim X}`` (``c_k`` multiplies ``t^k``).

    ``hyperplanes`` are pairs ``(w, b)`` meaning ``{x ∈ R^dim : w·x + b = 0}`` (exact rationals, ``w ≠ 0``);
    a hyperplane given twice, in either orientation or scaled, counts once.

    >>> characteristic_polynomial([((1, 1), 0), ((1, 0), 0), ((1, -1), 0), ((0, 1), 1)], 2)   # t² − 4t + 5
    (5, -4, 1)
    """
    return _chi(_poset_mobius(hyperplanes, dim), dim)


def zaslavsky_count(hyperplanes: Iterable[tuple[object, object]], dim: int) -> int:
    """Number of regions of the arrangement in ``R^dim``: ``r = (−1)^dim χ(−1) = Σ_X |μ(R^d, X)|`` (Zaslavsky).

    >>> zaslavsky_count([((1,), 0), ((-2,), 0), ((1,), "-1/2")], 1)   # the points 0 (twice) and 1/2
    3
    >>> zaslavsky_count([], 2)
    1
    """
    return _regions_from(_poset_mobius(hyperplanes, dim), dim)


def bounded_region_count(hyperplanes: Iterable[tuple[object, object]], dim: int) -> int:
    """Number of relatively bounded regions ``b = (−1)^{rank A} χ(1)`` (bounded regions when ``rank A = dim``).

    >>> bounded_region_count([((1, 1), 0), ((1, 0), 0), ((1, -1), 0), ((0, 1), 1)], 2)
    2
    """
    return _bounded_from(_poset_mobius(hyperplanes, dim), dim)[0]


def general_position_count(h: int, d: int) -> int:
    """Regions of ``h`` hyperplanes in general position in ``R^d``: ``Σ_{i=0}^{d} C(h, i)``.

    >>> general_position_count(3, 3), general_position_count(3, 1), general_position_count(0, 2)
    (8, 4, 1)
    """
    for name, v in (("h", h), ("d", d)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ShapeError(f"{name} must be a non-negative integer, got {v!r}")
    return sum(math.comb(h, i) for i in range(min(h, d) + 1))


def serra_upper_bound(n0: int, widths: Sequence[int]) -> int:
    """Serra–Tjandraatmadja–Ramalingam (2018) upper bound on the number of activation regions of a network
    with input dimension ``n0`` and hidden widths ``widths = (n_1, …, n_L)`` (docs/theory.md §3.7):
    ``Σ_{(j_1..j_L) ∈ J} Π_l C(n_l, j_l)``, ``J = {0 ≤ j_l ≤ min(n0, n_1 − j_1, …, n_{l−1} − j_{l−1}, n_l)}``.

    >>> [serra_upper_bound(1, w) for w in [(1,), (2,), (1, 1), (2, 2), (3, 3)]]
    [2, 3, 3, 9, 16]
    """
    widths = tuple(widths)
    for v in (n0, *widths):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ShapeError(f"the input dimension and widths must be positive integers, got {n0!r}, {widths!r}")

    def count(level: int, cap: int) -> int:  # cap = min(n0, n_1 − j_1, …, n_{l−1} − j_{l−1})
        if level == len(widths):
            return 1
        n = widths[level]
        return sum(math.comb(n, j) * count(level + 1, min(cap, n - j)) for j in range(min(cap, n) + 1))

    return count(0, n0)


def sawtooth_network(L: int) -> ReLUNetwork:
    """Telgarsky's ``m^{∘L}``, ``m(x) = 2 relu(x) − 4 relu(x − 1/2)`` (the tent map on [0, 1]), with L hidden
    layers of width 2: layer 1 computes ``(relu(x), relu(x − 1/2))``, every later layer reads the previous
    tent value ``2 h_1 − 4 h_2``.

    >>> net = sawtooth_network(2)
    >>> [str(net.forward([x])[0]) for x in ("1/8", "1/4", "3/8", "1/2")]
    ['1/2', '1', '1/2', '0']
    """
    if isinstance(L, bool) or not isinstance(L, int) or L < 1:
        raise ShapeError(f"the number of hidden layers must be a positive integer, got {L!r}")
    half = Fraction(1, 2)
    layers = [([[1], [1]], [0, -half])]
    layers += [([[2, -4], [2, -4]], [0, -half])] * (L - 1)
    layers.append(([[2, -4]], [0]))
    return ReLUNetwork.from_arrays(layers)


# ------------------------------------------------------------------------------ shallow networks


def neuron_hyperplanes(net: ReLUNetwork) -> list[Hyperplane]:
    """``(w_i, b_i)`` of every first-layer neuron (zero rows included)."""
    first = net.layers[0]
    return [(tuple(w), b) for w, b in zip(first.weight, first.bias)]


def distinct_hyperplanes(net: ReLUNetwork) -> list[Hyperplane]:
    """The distinct hyperplanes ``{w_i·x + b_i = 0}`` of the first-layer neurons with ``w_i ≠ 0`` (a neuron on
    the same hyperplane as an earlier one, with either orientation, is dropped)."""
    seen, out = set(), []
    for w, b in neuron_hyperplanes(net):
        if any(w):
            key = _key(w, b)
            if key not in seen:
                seen.add(key)
                out.append((w, b))
    return out


def in_general_position(hyperplanes: Sequence[tuple[object, object]], dim: int) -> bool:
    """Are the ``h`` hyperplanes (as listed, repeats not removed) in general position in ``R^dim``: every
    ``k ≤ dim`` of them have independent normals and no ``dim + 1`` of them share a point (so they are distinct
    and nonzero)?

    >>> in_general_position([((1, 0), 0), ((0, 1), 0), ((1, 1), 1)], 2)
    True
    >>> in_general_position([((1, 0), 0), ((0, 1), 0), ((1, 1), 0)], 2)   # three lines through 0
    False
    """
    normals = [list(to_rational_vector(w, "normal", dim)) for w, _ in hyperplanes]
    augmented = [n + [to_rational(b, "offset")] for n, (_, b) in zip(normals, hyperplanes)]
    if any(not any(n) for n in normals):
        return False
    k = min(len(normals), dim)
    if k > 1 and any(rank([normals[i] for i in s]).rank < k for s in itertools.combinations(range(len(normals)), k)):
        return False
    # every dim-subset is independent, so dim+1 of them meet iff their augmented (dim+1)x(dim+1) matrix is singular
    return all(rank([augmented[i] for i in s]).rank == dim + 1
               for s in itertools.combinations(range(len(normals)), dim + 1))


def _trace_count(earlier: Sequence[Hyperplane], w: tuple[Fraction, ...], b: Fraction, dim: int) -> int:
    """Number of pieces into which the hyperplanes ``earlier`` cut ``{w·x + b = 0}`` (``w ≠ 0``): the regions
    of the restricted arrangement, computed in coordinates ``x = x0 + N y`` on the hyperplane."""
    p = next(j for j, v in enumerate(w) if v)
    x0 = [Fraction(0)] * dim
    x0[p] = -b / w[p]
    basis = nullspace([list(w)]) if dim > 1 else ()
    traces = []
    for v, c in earlier:
        normal = tuple(sum((vi * ni for vi, ni in zip(v, n)), Fraction(0)) for n in basis)
        if any(normal):  # else the trace is empty (parallel) or the whole hyperplane (the same one): no cut
            traces.append((normal, sum((vi * xi for vi, xi in zip(v, x0)), c)))
    return zaslavsky_count(traces, dim - 1)


def per_neuron_count(net: ReLUNetwork) -> int:
    """The per-neuron (naive) count ``1 + Σ_i pieces(Z_i)``: each neuron's zero set ``Z_i = {w_i·x + b_i = 0}``,
    cut by the zero sets of the earlier neurons into ``pieces(Z_i)`` parts, adds one region per part — the
    deletion–restriction recurrence applied as if every neuron were its own hyperplane (``Z_i = ∅`` adds 0,
    ``Z_i = R^d`` adds the regions of the earlier neurons' arrangement). It is the true count when every neuron
    has ``w_i ≠ 0`` and its own hyperplane; a repeated hyperplane (same or opposite orientation) or a zero neuron
    (``w_i = 0, b_i = 0``) makes it overcount.

    >>> per_neuron_count(ReLUNetwork.from_arrays([([[1], [2]], [0, 1]), ([[1, 1]], [0])]))
    3
    >>> per_neuron_count(ReLUNetwork.from_arrays([([[1], [-2]], [1, 2]), ([[1, 1]], [0])]))   # the same point
    3
    """
    dim = net.n_inputs
    total, earlier = 1, []
    for w, b in neuron_hyperplanes(net):
        if any(w):
            total += _trace_count([h for h in earlier if any(h[0])], w, b, dim)
        elif b == 0:  # Z_i = R^d, cut by the earlier hyperplanes into r(earlier) pieces
            total += zaslavsky_count([h for h in earlier if any(h[0])], dim)
        earlier.append((w, b))
    return total


# ------------------------------------------------------------------------------ network families


def hidden_layer_family(n0: int, hidden: Sequence[int], values: Sequence[int]) -> tuple[ReLUNetwork, ...]:
    """Every network with input dimension ``n0``, hidden widths ``hidden`` and each hidden weight and bias in
    ``values``, one per neuron-permutation class (each hidden layer's rows ``(w, b)`` non-decreasing, as in
    :func:`relugeom.theory.claims.networks_in_range`); the output layer is fixed to one neuron with all weights
    1 and bias 0, since it does not change the activation regions.

    >>> len(hidden_layer_family(1, (2,), (-1, 0, 1)))   # multisets of 2 among 9 rows
    45
    """
    values = sorted(Fraction(v) for v in values)
    widths = (n0, *hidden)
    choices = []
    for n_in, n_out in itertools.pairwise(widths):
        rows = list(itertools.product(values, repeat=n_in + 1))  # sorted: ``values`` is sorted
        choices.append([Layer(tuple(r[:-1] for r in pick), tuple(r[-1] for r in pick))
                        for pick in itertools.combinations_with_replacement(rows, n_out)])
    one, zero = Fraction(1), Fraction(0)
    output = Layer(((one,) * widths[-1],), (zero,))
    return tuple(ReLUNetwork((*layers, output)) for layers in itertools.product(*choices))


