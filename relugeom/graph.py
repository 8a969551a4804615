"""The region graph: one node per activation region, an edge per shared (d−1)-dimensional facet.

Edges are labelled with the neurons that flip across the facet. Linear regions merge connected
activation regions on which the network has the same affine map — a coarser partition (docs/theory.md §2.1):
a neuron can change its pattern without creating a kink of f.

>>> from relugeom.network import ReLUNetwork
>>> from relugeom.regions import enumerate_regions
>>> net = ReLUNetwork.from_arrays([([[1], [1]], [0, 0]), ([[1, -1]], [0])])   # f ≡ 0, two regions
>>> g = region_graph(enumerate_regions(net))
>>> g.number_of_nodes(), list(g.edges(data="neurons")), len(linear_regions(g))
(2, [(0, 1, ((1, 0), (1, 1)))], 1)
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import networkx as nx

from .exact.linalg import nullspace
from .exact.lp import Polyhedron
from .exact.rational import format_rational
from .output import atomic_output, write_text
from .regions import Region, Regions

__all__ = ["region_graph", "linear_regions", "write_graph", "graph_to_dict"]

Key = tuple[tuple[int, ...], int]


def _constraint(normal: tuple[int, ...], offset: int) -> tuple[int, ...]:
    """Homogeneous form ``(-normal, offset)``: ``offset - normal·x ≥ 0`` on the closure."""
    return tuple(-v for v in normal) + (offset,)


def _lineality_bounds(regions: Regions) -> list[tuple[int, ...]]:
    """Constraints ``|ℓ·x| ≤ 1`` for a basis ℓ of the lineality space, making every cell pointed."""
    if not regions.regions or regions.regions[0].lineality == 0:
        return []
    basis = nullspace([list(row) for row in regions.network.layers[0].weight])
    return [c for v in basis for c in (tuple(-x for x in v) + (1,), tuple(v) + (1,))]


def _dot(a, b) -> int:
    return sum(x * y for x, y in zip(a, b))


def _facet_generators(region: Region, on: Key, extra: list[tuple[int, ...]]) -> tuple[list, list]:
    """The homogeneous generators of ``region``'s facet on ``on`` and the region's other constraints."""
    h = _constraint(*on)
    others = [_constraint(q.normal, q.offset) for q in region.inequalities if (q.normal, q.offset) != on] + extra
    gens = list(region.generators)
    if not gens:  # lineality: rebuild the (now pointed) cell from its inequalities
        poly = Polyhedron.from_inequalities([[-v for v in c[:-1]] for c in [h] + others],
                                            [c[-1] for c in [h] + others])
        gens = poly.generators if poly is not None else []
    return [g for g in gens if _dot(h, g) == 0], others


def _shares_facet(a: Region, b: Region, on: Key, extra: list[tuple[int, ...]]) -> bool:
    """Do the closures of ``a`` and ``b`` meet in a (d−1)-dimensional set on hyperplane ``on``?

    Quick answers first: yes if the facet's centre lies strictly inside every other constraint of
    ``b``; no if some constraint of ``b`` is ≤ 0 on the whole facet (it then meets ``b`` only in a
    lower-dimensional set). Otherwise the facet, as a (d−1)-dimensional polyhedron, is cut by ``b``.
    """
    gens, others = _facet_generators(a, on, extra)
    if not gens:
        return False
    opposite = (tuple(-v for v in on[0]), -on[1])
    cuts = [_constraint(q.normal, q.offset) for q in b.inequalities if (q.normal, q.offset) != opposite] + extra
    values = [[_dot(c, g) for g in gens] for c in cuts]
    if any(max(v) <= 0 for v in values):
        return False
    if all(sum(v) > 0 for v in values):  # the facet's centre (sum of its generators) is inside b
        return True
    d = a.dim
    constraints = [(0,) * d + (1,)] + others
    tight = [sum(1 << k for k, c in enumerate(constraints) if _dot(c, g) == 0) for g in gens]
    face: Polyhedron | None = Polyhedron(d - 1, constraints, ["facet"] * len(constraints), gens, tight)
    for c in cuts:
        face = face.cut(c, "neighbour")
        if face is None:
            return False
    return True


def _facet_box(region: Region, on: Key) -> tuple[list, list] | None:
    """Exact bounding box of ``region``'s facet on ``on`` (None entries: unbounded), or None if unknown."""
    if not region.generators:
        return None
    h = _constraint(*on)
    gens = [g for g in region.generators if _dot(h, g) == 0]
    d = region.dim
    lo, hi = [None] * d, [None] * d
    points = [[Fraction(x, g[-1]) for x in g[:-1]] for g in gens if g[-1] > 0]
    for j in range(d):
        lo[j] = min(p[j] for p in points)
        hi[j] = max(p[j] for p in points)
    for g in gens:
        if g[-1] == 0:
            for j in range(d):
                if g[j] < 0:
                    lo[j] = None
                elif g[j] > 0:
                    hi[j] = None
    return lo, hi


def _boxes_overlap(a, b) -> bool:
    """False only if the boxes are disjoint in some coordinate (a cheap, safe screen)."""
    if a is None or b is None:
        return True
    (alo, ahi), (blo, bhi) = a, b
    return not any((ah is not None and bl is not None and ah < bl) or (bh is not None and al is not None and bh < al)
                   for al, ah, bl, bh in zip(alo, ahi, blo, bhi))


def region_graph(regions: Regions, method: str = "patterns", progress: bool = False) -> nx.Graph:
    """Graph of the activation regions: node ``i`` is ``regions[i]`` (attributes ``pattern``, ``point``,
    ``affine_map``), edge ``(i, j)`` when they share a facet, with ``neurons`` = the ``(layer, i)`` that flip.

    ``method="patterns"`` (default, output-sensitive): each region's neighbour across each inner facet
    is the region of the pattern just beyond the facet, computed exactly and looked up by pattern
    (docs/theory.md §2.1), so the cost is linear in the number of facets. ``method="pairs"`` (the
    oracle): candidates are regions with facets on the same hyperplane from opposite sides whose facets'
    exact bounding boxes overlap, each pair decided exactly (:func:`_shares_facet`). Both give the same graph.
    """
    if method == "patterns":
        return _graph_by_patterns(regions, progress)
    if method != "pairs":
        raise ValueError(f"unknown method {method!r}; choose 'patterns' or 'pairs'")
    graph = nx.Graph()
    by_key: dict[Key, list[tuple[int, object]]] = {}
    for i, r in enumerate(regions):
        graph.add_node(i, pattern=r.pattern, point=r.point, affine_map=r.affine_map)
        for q in r.inequalities:
            if any(s[0] == "neuron" for s in q.sources):
                key = (q.normal, q.offset)
                by_key.setdefault(key, []).append((i, _facet_box(r, key)))
    extra = _lineality_bounds(regions)
    for key, members in by_key.items():
        opposite = (tuple(-v for v in key[0]), -key[1])
        others = by_key.get(opposite, ())
        for i, box_i in members:
            for j, box_j in others:
                if i < j and _boxes_overlap(box_i, box_j) and not graph.has_edge(i, j) \
                        and _shares_facet(regions[i], regions[j], key, extra):
                    graph.add_edge(i, j, neurons=_flips(regions[i], regions[j]))
    return graph


def _graph_by_patterns(regions: Regions, progress: bool) -> nx.Graph:
    graph = nx.Graph()
    index = {r.pattern: i for i, r in enumerate(regions)}
    for i, r in enumerate(regions):
        graph.add_node(i, pattern=r.pattern, point=r.point, affine_map=r.affine_map)
    net = regions.network
    layers = net.integer_layers
    items = enumerate(regions)
    if progress:
        from tqdm import tqdm

        items = tqdm(items, total=len(regions), desc="region graph", unit="region", leave=False)
    for i, r in items:
        zero_form = frozenset((l, k) for l, signs in enumerate(net.sign_vector_at(r.point), start=1)
                              for k, s in enumerate(signs) if s == 0)  # 0 at an interior point: z ≡ 0 on the region
        for q in r.inequalities:
            if not q.sources or any(s[0] != "neuron" for s in q.sources):
                continue  # a facet on the domain's boundary has no neighbour inside the domain
            beyond = _pattern_beyond(layers, r.pattern, q, zero_form)
            j = index.get(beyond)
            if j is None:
                raise AssertionError(f"region {i}: no region has the pattern beyond its facet {q} (please report)")
            if not graph.has_edge(i, j):
                graph.add_edge(min(i, j), max(i, j), neurons=_flips(regions[min(i, j)], regions[max(i, j)]))
    return graph


def _pattern_beyond(layers, pattern, q, zero_form: frozenset) -> tuple[tuple[int, ...], ...]:
    """The pattern at ``p + ε·normal`` for small ε > 0, ``p`` in the relative interior of the facet ``q``.

    A neuron that is not 0 on the facet keeps its sign (its zero set cannot meet the facet's relative
    interior without containing it); the others — the facet's sources and the neurons ≡ 0 on the
    region — vanish at p, and their sign beyond is that of their derivative along the outward normal,
    computed layer by layer with the masks beyond (exact integers: each layer scaled by q_l > 0).
    """
    sources = frozenset((s[1], s[2]) for s in q.sources)
    vanish = sources | zero_form
    first = min(l for l, _ in sources)
    if all(l == first for l, _ in vanish if l >= first) and not (zero_form & {v for v in vanish if v[0] == first}):
        # the usual case: only the sources of one layer vanish beyond it, and each flips
        return tuple(tuple(1 - b if (l, k) in sources else b for k, b in enumerate(bits))
                     for l, bits in enumerate(pattern, start=1))
    d = list(q.normal)
    out = []
    for l, (w, _, _) in enumerate(layers[:-1], start=1):
        d = [sum(wi * di for wi, di in zip(row, d) if wi and di) for row in w]
        bits = tuple((int(d[k] > 0) if (l, k) in vanish else b) for k, b in enumerate(pattern[l - 1]))
        out.append(bits)
        d = [dk if bk else 0 for dk, bk in zip(d, bits)]
    return tuple(out)


def _flips(a: Region, b: Region) -> tuple[tuple[int, int], ...]:
    return tuple((l, i) for l, (pa, pb) in enumerate(zip(a.pattern, b.pattern), start=1)
                 for i, (x, y) in enumerate(zip(pa, pb)) if x != y)


def linear_regions(graph: nx.Graph) -> list[frozenset[int]]:
    """Linear regions: connected components of the regions joined across facets where the affine map
    does not change. Sorted by their smallest region index."""
    same = nx.Graph()
    same.add_nodes_from(graph.nodes)
    same.add_edges_from((i, j) for i, j in graph.edges
                        if graph.nodes[i]["affine_map"] == graph.nodes[j]["affine_map"])
    return sorted((frozenset(c) for c in nx.connected_components(same)), key=min)


def _plain_graph(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are strings and ints (for GraphML / JSON)."""
    out = nx.Graph()
    for i, data in graph.nodes(data=True):
        a, c = data["affine_map"]
        out.add_node(i, pattern="|".join("".join(map(str, p)) for p in data["pattern"]),
                     point=",".join(str(v) for v in data["point"]),
                     affine_map=json.dumps({"A": [[format_rational(v) for v in row] for row in a],
                                            "c": [format_rational(v) for v in c]}))
    for i, j, data in graph.edges(data=True):
        out.add_edge(i, j, neurons=";".join(f"{l}:{k}" for l, k in data["neurons"]))
    return out


def graph_to_dict(graph: nx.Graph) -> dict:
    """Node-link JSON form (attributes as strings)."""
    return nx.node_link_data(_plain_graph(graph), edges="edges")


def write_graph(graph: nx.Graph, path: str | Path) -> None:
    """Write GraphML (``.graphml``) or node-link JSON (``.json``)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        write_text(path, json.dumps(graph_to_dict(graph)) + "\n")
    else:
        with atomic_output(path) as tmp:
            nx.write_graphml(_plain_graph(graph), tmp)
