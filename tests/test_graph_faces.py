"""Region graph, linear regions and the face complex, against independent exact computations."""

import json
import random
from fractions import Fraction
from itertools import combinations

import networkx as nx
import pytest
from hypothesis import given, settings, strategies as st

from relugeom import ReLUNetwork
from relugeom.domain import Domain
from relugeom.faces import euler_characteristic, f_vector, face_poset
from relugeom.graph import graph_to_dict, linear_regions, region_graph, write_graph
from relugeom.regions import enumerate_regions

F = Fraction


def random_net(rng, arch, values=(-2, -1, 0, 0, 1, 2)):
    layers = []
    for a, b in zip(arch, arch[1:]):
        w = [[rng.choice(values) for _ in range(a)] for _ in range(b)]
        if b > 1 and rng.random() < 0.3:
            w[-1] = list(w[0])  # a repeated row
        layers.append((w, [rng.choice(values) for _ in range(b)]))
    return ReLUNetwork.from_arrays(layers)


def polygon(region):
    """Vertices of a bounded 2-D region in counter-clockwise order (exact angular sort by quadrant + cross)."""
    cx, cy = region.point

    def key(v):  # angle order: half-plane, then the points on the x-axis first, then by cotangent
        x, y = v[0] - cx, v[1] - cy
        half = 0 if (y > 0 or (y == 0 and x > 0)) else 1
        if y == 0:
            return half, 0, F(0)
        return half, 1, (-x / y if half == 0 else x / -y)

    return sorted(region.vertices, key=key)


def edges_of(poly):
    return [(poly[i], poly[(i + 1) % len(poly)]) for i in range(len(poly))]


def share_segment(p, q):
    """Do polygons p and q share a boundary piece of positive length? (independent exact geometry)"""
    for a, b in edges_of(p):
        for c, d in edges_of(q):
            ux, uy = b[0] - a[0], b[1] - a[1]
            cross = lambda px, py: ux * (py - a[1]) - uy * (px - a[0])
            if cross(*c) != 0 or cross(*d) != 0:
                continue  # not collinear
            length = ux * ux + uy * uy
            t = sorted([F(0), F(1)])
            s = sorted(((c[0] - a[0]) * ux + (c[1] - a[1]) * uy) / length for c in (c, d))
            if min(t[1], s[1]) - max(t[0], s[0]) > 0:
                return True
    return False


@pytest.mark.parametrize("seed", range(12))
def test_graph_matches_polygon_adjacency_2d(seed):
    rng = random.Random(seed)
    net = random_net(rng, [(2, 3, 1), (2, 3, 2, 1), (2, 4, 3, 1)][seed % 3])
    regions = enumerate_regions(net, Domain.box(-2, 2, dim=2))
    graph = region_graph(regions)
    polys = [polygon(r) for r in regions]
    expected = {(i, j) for i, j in combinations(range(len(regions)), 2) if share_segment(polys[i], polys[j])}
    assert {tuple(sorted(e)) for e in graph.edges} == expected


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from([(1, 3, 2, 1), (2, 3, 1), (2, 2, 2, 1), (3, 3, 1), (2, 3, 2)]),
       st.booleans())
def test_graph_edges_flip_the_neurons_of_the_shared_facet(seed, arch, boxed):
    net = random_net(random.Random(seed), arch)
    domain = Domain.box(-3, 3, dim=arch[0]) if boxed else Domain.space(arch[0])
    regions = enumerate_regions(net, domain)
    graph = region_graph(regions)
    assert nx.is_connected(graph)  # convex domain
    for i, j, flipped in graph.edges(data="neurons"):
        a, b = regions[i], regions[j]
        assert flipped, "adjacent regions must differ in some neuron"
        shared = {(q.normal, q.offset) for q in a.inequalities} & \
                 {(tuple(-v for v in q.normal), -q.offset) for q in b.inequalities}
        assert shared, "adjacent regions must have opposite facets on a common hyperplane"
        sources = {s[1:] for q in a.inequalities if (q.normal, q.offset) in shared for s in q.sources} | \
                  {s[1:] for q in b.inequalities if (tuple(-v for v in q.normal), -q.offset) in shared for s in q.sources}
        assert set(flipped) <= sources  # (a neuron can vanish identically on one side: union of both)
    assert len(linear_regions(graph)) <= len(regions)


def _edges(graph):
    return {(min(i, j), max(i, j), d) for i, j, d in graph.edges(data="neurons")}


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from([(1, 3, 3, 1), (2, 3, 1), (2, 3, 3, 1), (2, 2, 2, 2, 1), (3, 3, 2, 1),
                                               (3, 4, 1)]),
       st.booleans(), st.sampled_from([(-2, -1, 0, 0, 1, 2), (0, 0, 1), (-1, 0, 1)]))
def test_graph_by_patterns_equals_the_pairwise_oracle(seed, arch, boxed, values):
    """The output-sensitive graph (pattern beyond each facet) against the pairwise exact facet test,
    on degenerate integer networks (repeated rows, zero weights, dead and identically zero neurons)."""
    net = random_net(random.Random(seed), arch, values)
    domain = Domain.box(-3, 3, dim=arch[0]) if boxed else Domain.space(arch[0])
    regions = enumerate_regions(net, domain)
    assert _edges(region_graph(regions)) == _edges(region_graph(regions, method="pairs"))


@pytest.mark.parametrize("layers", [
    # z2 = relu(z1) and z3 = -relu(z1): both vanish on z1's hyperplane from one side, identically 0 on the other
    [([[1]], [0]), ([[1], [-1]], [0, 0]), ([[1, 1]], [0])],
    # z2 = relu(-z1) is identically 0 where z1 > 0 and a source of the same facet on the other side
    [([[1]], [0]), ([[-1], [1]], [0, 0]), ([[1, 1]], [0])],
    # two coincident first-layer hyperplanes and a second layer bending on them
    [([[1, 1], [2, 2]], [0, 0]), ([[1, -1], [-1, 1]], [0, 1]), ([[1, 1]], [0])],
])
def test_graph_by_patterns_on_sources_in_several_layers(layers):
    net = ReLUNetwork.from_arrays(layers)
    for domain in (Domain.space(net.n_inputs), Domain.box(-2, 2, dim=net.n_inputs)):
        regions = enumerate_regions(net, domain)
        graph = region_graph(regions)
        assert _edges(graph) == _edges(region_graph(regions, method="pairs"))
        assert nx.is_connected(graph)  # the regions tile a connected domain


def test_graph_method_is_checked():
    with pytest.raises(ValueError, match="unknown method"):
        region_graph(enumerate_regions(ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])), method="fast")


def test_linear_regions_differ_from_activation_regions():
    """claim dim.per-region-bound: f ≡ 0 with two activation regions is one linear region."""
    net = ReLUNetwork.from_arrays([([[1], [1]], [0, 0]), ([[1, -1]], [0])])
    regions = enumerate_regions(net)
    graph = region_graph(regions)
    assert len(regions) == 2 and len(linear_regions(graph)) == 1
    generic = ReLUNetwork.from_arrays([([[1], [-1], [2]], [0, 1, -3]), ([[1, 2, -1]], [0])])
    assert len(linear_regions(region_graph(enumerate_regions(generic)))) == len(enumerate_regions(generic))


def test_graph_export_round_trip(tmp_path):
    net = random_net(random.Random(3), (2, 3, 2, 1))
    graph = region_graph(enumerate_regions(net, Domain.box(-2, 2, dim=2)))
    write_graph(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == graph.number_of_nodes() and back.number_of_edges() == graph.number_of_edges()
    write_graph(graph, tmp_path / "g.json")
    doc = json.loads((tmp_path / "g.json").read_text())
    assert len(doc["nodes"]) == graph.number_of_nodes() and doc == graph_to_dict(graph)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from([(2, 3, 1), (2, 3, 2, 1), (3, 3, 1), (3, 2, 2, 1), (1, 3, 3, 1)]))
def test_faces_satisfy_euler_and_count_vertices(seed, arch):
    net = random_net(random.Random(seed), arch)
    regions = enumerate_regions(net, Domain.box(-2, 2, dim=arch[0]))
    poset = face_poset(regions)
    f = f_vector(poset)
    assert euler_characteristic(poset) == 1  # the complex subdivides a box (a ball)
    assert f[-1] == len(regions) and len(f) == arch[0] + 1
    assert f[0] == len({v for r in regions for v in r.vertices})  # independent vertex count
    for key, data in poset.nodes(data=True):
        face = data["face"]
        assert all(poset.nodes[g]["face"].dim == face.dim - 1 for g in poset.successors(key))
        if face.dim >= 1:
            assert poset.out_degree(key) >= face.dim + 1  # a bounded k-polytope has ≥ k + 1 facets


def test_faces_of_a_square_grid():
    """Two lines through the centre of a square: 9 vertices, 12 edges, 4 regions."""
    net = ReLUNetwork.from_arrays([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], [0])])
    poset = face_poset(enumerate_regions(net, Domain.box(-1, 1, dim=2)))
    assert f_vector(poset) == (9, 12, 4)
    centre = [d["face"] for _, d in poset.nodes(data=True) if d["face"].dim == 0 and d["face"].point == (0, 0)]
    assert len(centre) == 1 and centre[0].signs == ((0, 0),) and centre[0].domain_signs == (1, 1, 1, 1)


def test_lp_api_trivial_rows():
    from relugeom.exact.lp import facets, feasible, interior_point

    square = [[1, 0], [-1, 0], [0, 1], [0, -1]]
    assert feasible(square + [[0, 0]], [1, 1, 1, 1, 0])  # 0·x ≤ 0 holds everywhere
    assert not feasible(square + [[0, 0]], [1, 1, 1, 1, -1])  # 0·x ≤ -1 holds nowhere
    assert interior_point(square, [1, 1, 1, 1], [[1, 1]], [0]) == (F(-1, 3), F(-1, 3))
    assert facets(square + [[1, 1]], [1, 1, 1, 1, 5]) == (0, 1, 2, 3)
