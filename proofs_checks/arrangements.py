"""Hyperplane arrangements and region counts (docs/theory.md §3.7): Zaslavsky's theorem for shallow
networks, general position, distinct hyperplanes, Serra's bound, the (1; 2, 2) maximum and Telgarsky's
sawtooth. The closed formulas are :mod:`relugeom.arrangements`; the counts they are compared with are
the exact regions of :func:`relugeom.regions.enumerate_regions`.

Run: ``python -m proofs_checks arrangements [--thorough] [--json]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from relugeom.arrangements import (arrangement_counts, distinct_hyperplanes,
                                   general_position_count, hidden_layer_family, in_general_position,
                                   neuron_hyperplanes, per_neuron_count, sawtooth_network, serra_upper_bound,
                                   zaslavsky_count)
from relugeom.claims import Case, Claim, Hypothesis, LazyNetworks, Outcome, Range, Skip, register
from relugeom.domain import Domain
from relugeom.network import ReLUNetwork
from relugeom.regions import enumerate_regions

def _net(*layers: tuple[object, object]) -> ReLUNetwork:
    return ReLUNetwork.from_arrays(layers)


def _shallow(rows: Sequence[Sequence[object]]) -> ReLUNetwork:
    """A one-hidden-layer network whose neurons have rows ``(w..., b)``, output all ones."""
    return _net(([r[:-1] for r in rows], [r[-1] for r in rows]), ([[1] * len(rows)], [0]))


PENCIL = _shallow([(1, 0, 0, 0), (0, 1, 0, 0), (1, 1, 0, 0)])  # 3 planes through a line in R^3: 6 regions, not 8
REFERENCE_ARRANGEMENT = _shallow([(1, 1, 0), (1, 0, 0), (1, -1, 0), (0, 1, 1)])  # docs/theory.md §2.6: χ = t² − 4t + 5, r = 10
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
    counts = arrangement_counts(planes, d)
    chi, r, b, rank_a = counts.characteristic, counts.regions, counts.bounded, counts.rank
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
_SHALLOW_DEFAULT = Range(((1, 2, 1),), (-1, 1), networks=LazyNetworks(lambda: _SHALLOW_HAND + hidden_layer_family(
    2, (2,), (-1, 0, 1)) + hidden_layer_family(1, (3,), (-1, 0, 1)) + hidden_layer_family(2, (3,), (-1, 1))
    + hidden_layer_family(3, (2,), (-1, 1)) + _central(hidden_layer_family(3, (3,), (0, 1)))))
_SHALLOW_THOROUGH = Range(((1, 2, 1),), (-2, 2), networks=LazyNetworks(lambda: _SHALLOW_HAND + hidden_layer_family(
    2, (3,), (-1, 0, 1)) + hidden_layer_family(3, (2,), (-1, 0, 1)) + hidden_layer_family(1, (3,), (-2, -1, 0, 1, 2))))

register(Claim(
    "regions.zaslavsky", "Zaslavsky: shallow activation regions = regions of the hyperplane arrangement",
    "For a network (d, n_1, n_L), the number of activation regions on R^d is r(A) = (−1)^d χ_A(−1) = Σ_X |μ(R^d, X)| "
    "and the number of bounded ones is b(A) = (−1)^{rank A} χ_A(1) if rank A = d, else 0, where A is the arrangement "
    "of the distinct hyperplanes {w_i·x + b_i = 0} of the neurons with w_i ≠ 0 (docs/theory.md §2.6, §3.7).",
    _zaslavsky_predicate, default=_SHALLOW_DEFAULT, thorough=_SHALLOW_THOROUGH,
    aliases=("C22",)))

register(Claim(
    "regions.general-position", "Shallow regions = Σ_{i≤d} C(n_1, i) in general position",
    "For a network (d, n_1, n_L) whose n_1 neuron hyperplanes are in general position (every k ≤ d of them have "
    "independent normals, no d + 1 of them share a point), the number of activation regions on R^d is "
    "Σ_{i=0}^{d} C(n_1, i). Without general position it fails, e.g. the pencil of 3 planes through a line in R^3 "
    "has 6 regions, not 8.",
    _general_position_predicate, default=_SHALLOW_DEFAULT, thorough=_SHALLOW_THOROUGH,
    hypotheses=(Hypothesis("general-position", "the neurons' hyperplanes are in general position (w_i ≠ 0, every "
                                               "k ≤ d independent, no d + 1 through a point)", _general_position),),
    aliases=("C22-general-position",)))

_C23_DEFAULT = Range(((1, 2, 1),), (-1, 1), networks=LazyNetworks(lambda: DEGENERATE_SHALLOW + hidden_layer_family(
    2, (2,), (-1, 0, 1)) + hidden_layer_family(1, (3,), (-1, 0, 1))))
_C23_THOROUGH = Range(((1, 2, 1),), (-2, 2), networks=LazyNetworks(lambda: DEGENERATE_SHALLOW + hidden_layer_family(
    2, (3,), (-1, 0, 1)) + hidden_layer_family(1, (3,), (-2, -1, 0, 1, 2))))

register(Claim(
    "regions.distinct-hyperplanes", "Shallow regions count each distinct hyperplane once",
    "For a network (d, n_1, n_L) whose neurons all have w_i ≠ 0 and pairwise different hyperplanes, the activation "
    "regions are those of an arrangement of n_1 hyperplanes, one per neuron: #regions = 1 + Σ_i pieces(H_i) "
    "(H_i cut by H_1..H_{i−1}) = r(A). In general (regions.zaslavsky) a neuron on the same hyperplane as another (same or opposite "
    "orientation) counts once and a neuron with w_i = 0 counts zero, so the per-neuron count overcounts.",
    _per_neuron_predicate, default=_C23_DEFAULT, thorough=_C23_THOROUGH,
    hypotheses=(Hypothesis("distinct-hyperplanes", "every neuron has w_i ≠ 0 and no two neurons have the same "
                                                   "hyperplane (either orientation)", _distinct),),
    aliases=("C23",)))

_DEEP_1D_DEFAULT = Range(((1, 1, 1, 1),), (-1, 1), networks=LazyNetworks(lambda: (MAX_1_2_2,) + hidden_layer_family(
    1, (2, 1), (-1, 0, 1)) + hidden_layer_family(1, (2, 2), (-1, 1))))
_DEEP_1D_THOROUGH = Range(((1, 1, 1, 1),), (-2, 2), networks=LazyNetworks(lambda: (MAX_1_2_2,) + hidden_layer_family(
    1, (2, 2), (-1, 0, 1)) + hidden_layer_family(1, (1, 2), (-1, 0, 1)) + hidden_layer_family(
    1, (3,), (-2, -1, 0, 1, 2)) + hidden_layer_family(1, (2, 1, 1), (-1, 1))))

register(Claim(
    "regions.serra-bound", "Serra upper bound on the activation regions (input dimension 1)",
    "For a network with input dimension 1 and hidden widths (n_1, …, n_L), the number of activation regions on R is "
    "at most Σ_{j ∈ J} Π_l C(n_l, j_l), J = {0 ≤ j_l ≤ min(1, n_1 − j_1, …, n_{l−1} − j_{l−1}, n_l)} "
    "(Serra–Tjandraatmadja–Ramalingam 2018, docs/theory.md §3.7).",
    _serra_predicate, default=_DEEP_1D_DEFAULT, thorough=_DEEP_1D_THOROUGH,
    aliases=("C25",)))

register(Claim(
    "regions.max-1-2-2", "Input dimension 1, hidden widths (2, 2): at most 7 activation regions, attained",
    "Every network (1, 2, 2, n_L) has at most 7 activation regions on R (docs/theory.md §3.7: each layer-2 neuron has at most "
    "2 zeros besides the 2 layer-1 breakpoints), fewer than Serra's bound 9; the range includes a network with 7 "
    "(relu(x − 1), relu(−x), then 1 − h_1 − h_2 and 2 − h_1 − h_2: breakpoints −2, −1, 0, 1, 2, 3).",
    _max_1_2_2_predicate,
    default=Range((), networks=LazyNetworks(lambda: (MAX_1_2_2,) + hidden_layer_family(1, (2, 2), (-1, 1)))),
    thorough=Range((), networks=LazyNetworks(lambda: (MAX_1_2_2,) + hidden_layer_family(1, (2, 2), (-1, 0, 1)))),
    aliases=("C26",)))

_SAWTOOTH = tuple(sawtooth_network(L) for L in range(1, 7))


def _sawtooth_range(depths: Iterable[int]) -> Range:
    return Range((), networks=tuple(_SAWTOOTH[L - 1] if L <= 6 else sawtooth_network(L) for L in depths))


def _with_depth(case: Case, _rng) -> Case:
    return Case(case.network, case.inputs, (("L", case.network.depth - 1),))


register(Claim(
    "regions.sawtooth", "Telgarsky's sawtooth m^{∘L} has 2^L activation regions on [0, 1]",
    "The tent map m(x) = 2 relu(x) − 4 relu(x − 1/2) composed L times (L hidden layers of width 2) has exactly 2^L "
    "activation regions on the box [0, 1], the intervals between the breakpoints k/2^L, with slopes ±2^L "
    "alternating (docs/theory.md §3.7).",
    _sawtooth_predicate, default=_sawtooth_range(range(1, 7)), thorough=_sawtooth_range(range(1, 9)),
    extend=_with_depth,
    aliases=("C27",)))
