"""Faces of the polyhedral complex of a ReLU network: sign vectors, face poset, f-vector.

A face (cell) of the complex is a nonempty set ``{x : σ(x) = σ}`` in the domain, where ``σ(x)``
lists the signs (−1, 0, +1) of every hidden pre-activation and, for a bounded domain, which domain
inequalities are tight (0) or strict (+1). Inside the closure of a region with pattern ``δ`` every
pre-activation equals its ``δ``-frozen affine form (where a neuron switches, it is 0 either way), and
each form is ≥ 0 or ≤ 0 there; so the cells inside the closure are exactly the relative interiors of
its faces. The complex is therefore read off the regions' double descriptions: the faces of each
region's closure (intersections of its facets), labelled by the sign vector of a relative-interior
point, deduplicated across regions.

>>> from relugeom.network import ReLUNetwork
>>> from relugeom.domain import Domain
>>> from relugeom.regions import enumerate_regions
>>> net = ReLUNetwork.from_arrays([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], [0])])
>>> poset = face_poset(enumerate_regions(net, Domain.box(-1, 1, dim=2)))
>>> f_vector(poset), euler_characteristic(poset)
((9, 12, 4), 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import networkx as nx

from .errors import ShapeError
from .exact.lp import _rank, homogeneous
from .network import Pattern, ReLUNetwork
from .regions import Region, Regions, _pre_activations

__all__ = ["Face", "face_poset", "f_vector", "euler_characteristic", "pre_activation_forms"]

SignVector = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Face:
    """A cell of the complex: its sign vector, dimension and a rational point of its relative interior."""

    signs: SignVector
    domain_signs: tuple[int, ...]
    dim: int
    point: tuple[Fraction, ...]
    bounded: bool

    @property
    def key(self) -> tuple[SignVector, tuple[int, ...]]:
        return self.signs, self.domain_signs


def pre_activation_forms(net: ReLUNetwork, pattern: Pattern) -> list[tuple[int, ...]]:
    """For each hidden neuron, in order, a positive multiple of its ``pattern``-frozen pre-activation
    ``z(x) = w·x + c`` as the homogeneous integer vector ``(w, c)``."""
    d = net.n_inputs
    rows, scale, forms = [tuple(int(i == j) for j in range(d + 1)) for i in range(d)], 1, []
    for layer, bits in zip(net.integer_layers[:-1], pattern):
        zs = _pre_activations(layer, rows, scale, d + 1)
        forms += zs
        rows = [z if on else (0,) * (d + 1) for z, on in zip(zs, bits)]
        scale *= layer[2]
    return forms


def _sign(v: int) -> int:
    return (v > 0) - (v < 0)


def _region_faces(region: Region, forms: list[tuple[int, ...]], domain_rows: list[tuple[int, ...]],
                  widths: tuple[int, ...]) -> tuple[dict[int, Face], list[tuple[int, int]]]:
    """Faces of one region's closure (keyed by generator bitmask) and their cover relations."""
    gens = region.generators
    facet_masks = set()
    for q in region.inequalities:
        h = tuple(-v for v in q.normal) + (q.offset,)
        facet_masks.add(sum(1 << i for i, g in enumerate(gens) if sum(a * b for a, b in zip(h, g)) == 0))
    masks, frontier = {(1 << len(gens)) - 1}, set(facet_masks)
    while frontier:
        masks |= frontier
        frontier = {m & f for m in frontier for f in facet_masks} - masks - {0}
    faces = {}
    for mask in masks:
        members = [g for i, g in enumerate(gens) if mask >> i & 1]
        if not any(g[-1] > 0 for g in members):
            continue  # a face at infinity
        point = [sum(column) for column in zip(*members)]  # homogeneous, t > 0
        values = [_sign(sum(a * b for a, b in zip(f, point))) for f in forms]
        signs, start = [], 0
        for w in widths:
            signs.append(tuple(values[start:start + w]))
            start += w
        domain_signs = tuple(_sign(sum(a * b for a, b in zip(r, point))) for r in domain_rows)
        faces[mask] = Face(tuple(signs), domain_signs, _rank(members) - 1,
                           tuple(Fraction(x, point[-1]) for x in point[:-1]), all(g[-1] > 0 for g in members))
    covers = [(m, n) for m in faces for n in faces
              if n != m and n & m == n and faces[n].dim == faces[m].dim - 1]
    return faces, covers


def face_poset(regions: Regions, progress: bool = False) -> nx.DiGraph:
    """The face poset as a DiGraph: nodes are sign-vector keys (attribute ``face``: a :class:`Face`),
    an edge ``F → G`` when ``G`` is a facet of ``F`` (cover relation); ``progress`` shows a bar per region."""
    net, domain = regions.network, regions.domain
    if any(r.lineality for r in regions):
        raise ShapeError("face enumeration needs pointed regions: the first layer has rank below the input "
                         "dimension on all of R^d; use a box domain")
    domain_rows = [homogeneous([-v for v in row], b) for row, b in zip(domain.a, domain.b)]
    widths = net.architecture[1:-1]
    poset = nx.DiGraph()
    items = regions.regions
    if progress:
        from tqdm import tqdm

        items = tqdm(items, desc="faces", unit="region", leave=False)
    for region in items:
        faces, covers = _region_faces(region, pre_activation_forms(net, region.pattern), domain_rows, widths)
        for face in faces.values():
            if face.key not in poset:
                poset.add_node(face.key, face=face)
        poset.add_edges_from((faces[m].key, faces[n].key) for m, n in covers)
    return poset


def f_vector(poset: nx.DiGraph) -> tuple[int, ...]:
    """``(f_0, f_1, …, f_d)``: the number of faces of each dimension."""
    dims = [data["face"].dim for _, data in poset.nodes(data=True)]
    return tuple(dims.count(k) for k in range(max(dims) + 1)) if dims else ()


def euler_characteristic(poset: nx.DiGraph) -> int:
    """``Σ (−1)^k f_k``; 1 for a complex that subdivides a box or polytope (a ball)."""
    return sum((-1) ** k * f for k, f in enumerate(f_vector(poset)))
