"""Hyperplane arrangements and region counts (THEORY §5.1–5.4): closed formulas and claims C22, C23, C25–C27.

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from fractions import Fraction

from ..domain import Domain
from ..errors import InputError, ShapeError
from ..exact.linalg import nullspace, rank, rref
from ..exact.rational import format_rational, to_rational, to_rational_vector
from ..network import Layer, ReLUNetwork
from ..regions import enumerate_regions
from .claims import Case, Claim, Hypothesis, Outcome, Range, Skip, register

__all__ = [
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
    with input dimension ``n0`` and hidden widths ``widths = (n_1, …, n_L)`` (THEORY §5.3):
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


class _LazyNetworks(Sequence):
    """A tuple-like sequence of networks built on first use, so that importing the claims stays fast."""

    def __init__(self, build: Callable[[], Iterable[ReLUNetwork]]):
        self._build, self._items = build, None

    def _get(self) -> tuple[ReLUNetwork, ...]:
        if self._items is None:
            self._items = tuple(self._build())
        return self._items

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i):
        return self._get()[i]

    def __iter__(self) -> Iterator[ReLUNetwork]:
        return iter(self._get())

    def __add__(self, other: Iterable[ReLUNetwork]) -> tuple[ReLUNetwork, ...]:
        return self._get() + tuple(other)

    def __radd__(self, other: Iterable[ReLUNetwork]) -> tuple[ReLUNetwork, ...]:
        return tuple(other) + self._get()

    def __repr__(self) -> str:
        return f"<{len(self)} networks>" if self._items is not None else "<networks, built on first use>"


def _lazy(build: Callable[[], Iterable[ReLUNetwork]]) -> _LazyNetworks:
    return _LazyNetworks(build)


def _net(*layers: tuple[object, object]) -> ReLUNetwork:
    return ReLUNetwork.from_arrays(layers)


def _shallow(rows: Sequence[Sequence[object]]) -> ReLUNetwork:
    """A one-hidden-layer network whose neurons have rows ``(w..., b)``, output all ones."""
    return _net(([r[:-1] for r in rows], [r[-1] for r in rows]), ([[1] * len(rows)], [0]))


PENCIL = _shallow([(1, 0, 0, 0), (0, 1, 0, 0), (1, 1, 0, 0)])  # 3 planes through a line in R^3: 6 regions, not 8
REFERENCE_ARRANGEMENT = _shallow([(1, 1, 0), (1, 0, 0), (1, -1, 0), (0, 1, 1)])  # THEORY §5.1: χ = t² − 4t + 5, r = 10
GENERIC_LINES = _shallow([(1, 0, 0), (0, 1, 0), (1, 1, 1), (1, -1, 3)])  # 4 lines in general position: 11
GENERIC_PLANES = _shallow([(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (1, 1, 1, 1)])  # 4 planes in R^3: 15
DEGENERATE_SHALLOW = (
    _shallow([(1, 0, 0), (-1, 0, 0)]),  # opposite neurons: one line, 2 regions (per-neuron count 3)
    _shallow([(1, 1, 1), (2, 2, 2), (1, -1, 0)]),  # a duplicated line
    _shallow([(1, 0, 0), (0, 0, 1), (0, 1, 0)]),  # a zero-weight neuron with bias 1 (always active)
    _shallow([(1, 0, 0), (0, 0, 0), (0, 1, 0)]),  # a zero neuron (always inactive)
    _shallow([(1, 0, -1, 0), (-2, 0, 2, 0), (0, 1, 0, 1), (0, 0, 0, -1)]),  # R^3: opposite planes + zero neuron
)

# (1; 2, 2) with 7 regions: relu(x − 1), relu(−x) break at 1, 0; 1 − h_1 − h_2 at −1, 2; 2 − h_1 − h_2 at −2, 3
MAX_1_2_2 = _net(([[1], [-1]], [-1, 0]), ([[-1, -1], [-1, -1]], [1, 2]), ([[1, 1]], [0]))


# ------------------------------------------------------------------------------ claims


def _shallow_only(case: Case) -> ReLUNetwork:
    net = case.network
    if net.depth != 2:
        raise Skip(f"not a one-hidden-layer network (architecture {net.architecture})")
    return net


def _regions(net: ReLUNetwork, domain: Domain | None = None):
    return enumerate_regions(net, domain or Domain.space(net.n_inputs))


def _zaslavsky_predicate(case: Case) -> Outcome:
    net = _shallow_only(case)
    d = net.n_inputs
    planes = distinct_hyperplanes(net)
    regions = _regions(net)
    mobius = _poset_mobius(planes, d)
    chi, r = _chi(mobius, d), _regions_from(mobius, d)
    b, rank_a = _bounded_from(mobius, d)
    bounded = sum(1 for reg in regions if reg.bounded)
    expected_bounded = b if rank_a == d else 0  # a non-essential arrangement has no bounded region
    holds = len(regions) == r and bounded == expected_bounded
    return Outcome(holds, f"{len(regions)} regions ({bounded} bounded) vs Zaslavsky r = {r} (b = {b}, rank {rank_a}) "
                          f"for {len(planes)} distinct hyperplanes of {net.layers[0].n_out} neurons",
                   {"regions": len(regions), "zaslavsky": r, "bounded": bounded, "b": b, "rank": rank_a,
                    "hyperplanes": len(planes), "chi": list(chi)})


def _general_position(case: Case) -> bool:
    return in_general_position(neuron_hyperplanes(case.network), case.network.n_inputs)


def _general_position_predicate(case: Case) -> Outcome:
    net = _shallow_only(case)
    h, d = net.layers[0].n_out, net.n_inputs
    n, formula = len(_regions(net)), general_position_count(h, d)
    return Outcome(n == formula, f"{n} regions vs Σ_(i≤{d}) C({h}, i) = {formula}",
                   {"regions": n, "formula": formula, "neurons": h})


def _distinct(case: Case) -> bool:
    planes = neuron_hyperplanes(case.network)
    return all(any(w) for w, _ in planes) and len(distinct_hyperplanes(case.network)) == len(planes)


def _per_neuron_predicate(case: Case) -> Outcome:
    net = _shallow_only(case)
    n = len(_regions(net))
    naive = per_neuron_count(net)
    r = zaslavsky_count(distinct_hyperplanes(net), net.n_inputs)
    return Outcome(n == naive == r, f"{n} regions; per-neuron count {naive} ({net.layers[0].n_out} neurons); "
                                    f"Zaslavsky over the {len(distinct_hyperplanes(net))} distinct hyperplanes {r}",
                   {"regions": n, "per_neuron": naive, "zaslavsky_distinct": r})


def _serra_predicate(case: Case) -> Outcome:
    net = case.network
    if net.n_inputs != 1 or net.depth < 2:
        raise Skip(f"not a network with input dimension 1 and a hidden layer (architecture {net.architecture})")
    hidden = net.architecture[1:-1]
    n, bound = len(_regions(net)), serra_upper_bound(1, hidden)
    return Outcome(n <= bound, f"{n} regions ≤ Serra bound {bound} for hidden widths {hidden}",
                   {"regions": n, "bound": bound})


def _max_1_2_2_predicate(case: Case) -> Outcome:
    net = case.network
    if net.architecture[:-1] != (1, 2, 2):
        raise Skip(f"not input dimension 1 with hidden widths (2, 2) (architecture {net.architecture})")
    n = len(_regions(net))
    return Outcome(n <= 7, f"{n} regions ≤ 7 (Serra bound 9)", {"regions": n, "bound": 7, "serra": 9})


def _sawtooth_predicate(case: Case) -> Outcome:
    net = case.network
    L = case.extra("L", net.depth - 1)
    if not isinstance(L, int) or L < 1 or net != sawtooth_network(L):
        raise Skip("not the sawtooth network m^{∘L}")
    regions = _regions(net, Domain.box(0, 1, dim=1))
    n = len(regions)
    breakpoints = sorted({v[0] for r in regions for v in r.vertices})
    expected = [Fraction(k, 2 ** L) for k in range(2 ** L + 1)]
    slopes = [r.affine_map[0][0][0] for r in sorted(regions, key=lambda r: r.point)]
    alternating = slopes == [(-1) ** k * 2 ** L for k in range(n)]
    holds = n == 2 ** L and breakpoints == expected and alternating
    return Outcome(holds, f"L = {L}: {n} regions on [0, 1] (2^L = {2 ** L}), breakpoints at k/2^L: "
                          f"{breakpoints == expected}, slopes ±2^L alternating: {alternating}",
                   {"L": L, "regions": n, "expected": 2 ** L})


# Ranges: the output layer never changes the activation regions, so the fixed families vary only the hidden layers
# (output all ones); they are built on first use. Default ranges take 0–3 s each through the exhaustive checker,
# thorough ones 10–65 s.


def _central(networks: Iterable[ReLUNetwork]) -> tuple[ReLUNetwork, ...]:
    """The networks whose first-layer biases are all 0 (central arrangements, e.g. pencils of planes)."""
    return tuple(n for n in networks if not any(n.layers[0].bias))


_SHALLOW_HAND = (PENCIL, REFERENCE_ARRANGEMENT, GENERIC_LINES, GENERIC_PLANES) + DEGENERATE_SHALLOW
_SHALLOW_DEFAULT = Range(((1, 2, 1),), (-1, 1), networks=_lazy(lambda: _SHALLOW_HAND + hidden_layer_family(
    2, (2,), (-1, 0, 1)) + hidden_layer_family(1, (3,), (-1, 0, 1)) + hidden_layer_family(2, (3,), (-1, 1))
    + hidden_layer_family(3, (2,), (-1, 1)) + _central(hidden_layer_family(3, (3,), (0, 1)))))
_SHALLOW_THOROUGH = Range(((1, 2, 1),), (-2, 2), networks=_lazy(lambda: _SHALLOW_HAND + hidden_layer_family(
    2, (3,), (-1, 0, 1)) + hidden_layer_family(3, (2,), (-1, 0, 1)) + hidden_layer_family(1, (3,), (-2, -1, 0, 1, 2))))

register(Claim(
    "C22", "Zaslavsky: shallow activation regions = regions of the hyperplane arrangement",
    "For a network (d, n_1, n_L), the number of activation regions on R^d is r(A) = (−1)^d χ_A(−1) = Σ_X |μ(R^d, X)| "
    "and the number of bounded ones is b(A) = (−1)^{rank A} χ_A(1) if rank A = d, else 0, where A is the arrangement "
    "of the distinct hyperplanes {w_i·x + b_i = 0} of the neurons with w_i ≠ 0 (THEORY §5.1–5.2).",
    _zaslavsky_predicate, default=_SHALLOW_DEFAULT, thorough=_SHALLOW_THOROUGH))

register(Claim(
    "C22-general-position", "Shallow regions = Σ_{i≤d} C(n_1, i) in general position",
    "For a network (d, n_1, n_L) whose n_1 neuron hyperplanes are in general position (every k ≤ d of them have "
    "independent normals, no d + 1 of them share a point), the number of activation regions on R^d is "
    "Σ_{i=0}^{d} C(n_1, i). Without general position it fails, e.g. the pencil of 3 planes through a line in R^3 "
    "has 6 regions, not 8.",
    _general_position_predicate, default=_SHALLOW_DEFAULT, thorough=_SHALLOW_THOROUGH,
    hypotheses=(Hypothesis("general-position", "the neurons' hyperplanes are in general position (w_i ≠ 0, every "
                                               "k ≤ d independent, no d + 1 through a point)", _general_position),)))

_C23_DEFAULT = Range(((1, 2, 1),), (-1, 1), networks=_lazy(lambda: DEGENERATE_SHALLOW + hidden_layer_family(
    2, (2,), (-1, 0, 1)) + hidden_layer_family(1, (3,), (-1, 0, 1))))
_C23_THOROUGH = Range(((1, 2, 1),), (-2, 2), networks=_lazy(lambda: DEGENERATE_SHALLOW + hidden_layer_family(
    2, (3,), (-1, 0, 1)) + hidden_layer_family(1, (3,), (-2, -1, 0, 1, 2))))

register(Claim(
    "C23", "Shallow regions count each distinct hyperplane once",
    "For a network (d, n_1, n_L) whose neurons all have w_i ≠ 0 and pairwise different hyperplanes, the activation "
    "regions are those of an arrangement of n_1 hyperplanes, one per neuron: #regions = 1 + Σ_i pieces(H_i) "
    "(H_i cut by H_1..H_{i−1}) = r(A). In general (C22) a neuron on the same hyperplane as another (same or opposite "
    "orientation) counts once and a neuron with w_i = 0 counts zero, so the per-neuron count overcounts.",
    _per_neuron_predicate, default=_C23_DEFAULT, thorough=_C23_THOROUGH,
    hypotheses=(Hypothesis("distinct-hyperplanes", "every neuron has w_i ≠ 0 and no two neurons have the same "
                                                   "hyperplane (either orientation)", _distinct),)))

_DEEP_1D_DEFAULT = Range(((1, 1, 1, 1),), (-1, 1), networks=_lazy(lambda: (MAX_1_2_2,) + hidden_layer_family(
    1, (2, 1), (-1, 0, 1)) + hidden_layer_family(1, (2, 2), (-1, 1))))
_DEEP_1D_THOROUGH = Range(((1, 1, 1, 1),), (-2, 2), networks=_lazy(lambda: (MAX_1_2_2,) + hidden_layer_family(
    1, (2, 2), (-1, 0, 1)) + hidden_layer_family(1, (1, 2), (-1, 0, 1)) + hidden_layer_family(
    1, (3,), (-2, -1, 0, 1, 2)) + hidden_layer_family(1, (2, 1, 1), (-1, 1))))

register(Claim(
    "C25", "Serra upper bound on the activation regions (input dimension 1)",
    "For a network with input dimension 1 and hidden widths (n_1, …, n_L), the number of activation regions on R is "
    "at most Σ_{j ∈ J} Π_l C(n_l, j_l), J = {0 ≤ j_l ≤ min(1, n_1 − j_1, …, n_{l−1} − j_{l−1}, n_l)} "
    "(Serra–Tjandraatmadja–Ramalingam 2018, THEORY §5.3).",
    _serra_predicate, default=_DEEP_1D_DEFAULT, thorough=_DEEP_1D_THOROUGH))

register(Claim(
    "C26", "Input dimension 1, hidden widths (2, 2): at most 7 activation regions, attained",
    "Every network (1, 2, 2, n_L) has at most 7 activation regions on R (THEORY §5.3: each layer-2 neuron has at most "
    "2 zeros besides the 2 layer-1 breakpoints), fewer than Serra's bound 9; the range includes a network with 7 "
    "(relu(x − 1), relu(−x), then 1 − h_1 − h_2 and 2 − h_1 − h_2: breakpoints −2, −1, 0, 1, 2, 3).",
    _max_1_2_2_predicate,
    default=Range((), networks=_lazy(lambda: (MAX_1_2_2,) + hidden_layer_family(1, (2, 2), (-1, 1)))),
    thorough=Range((), networks=_lazy(lambda: (MAX_1_2_2,) + hidden_layer_family(1, (2, 2), (-1, 0, 1))))))

_SAWTOOTH = tuple(sawtooth_network(L) for L in range(1, 7))


def _sawtooth_range(depths: Iterable[int]) -> Range:
    return Range((), networks=tuple(_SAWTOOTH[L - 1] if L <= 6 else sawtooth_network(L) for L in depths))


def _with_depth(case: Case, _rng) -> Case:
    return Case(case.network, case.inputs, (("L", case.network.depth - 1),))


register(Claim(
    "C27", "Telgarsky's sawtooth m^{∘L} has 2^L activation regions on [0, 1]",
    "The tent map m(x) = 2 relu(x) − 4 relu(x − 1/2) composed L times (L hidden layers of width 2) has exactly 2^L "
    "activation regions on the box [0, 1], the intervals between the breakpoints k/2^L, with slopes ±2^L "
    "alternating (THEORY §5.4).",
    _sawtooth_predicate, default=_sawtooth_range(range(1, 7)), thorough=_sawtooth_range(range(1, 9)),
    extend=_with_depth))
