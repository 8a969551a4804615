"""The partition of parameter space into cells of constant batch pattern, with the local dimension of each
cell (docs/theory.md §2.2, §2.3).

Fix a network θ and a batch X and free some parameters of one layer ``l`` (all of ``W^l, b^l`` by default, or
a subset by the names of :meth:`relugeom.network.ReLUNetwork.parameter_names`); the others keep θ's values.
For fixed inputs, ``h^{l−1}(x_j)`` does not depend on the free parameters, so every pre-activation of layer
``l`` is an affine function of them, and the layers above apply ReLU layers with fixed weights. The
free-parameter space is therefore cut exactly like the input space of a ReLU network: the *lifted network*
whose input is the vector of free parameters, whose first layer computes ``z^l(x_j)`` for every sample ``j``
and whose later layers are the layers above ``l``, copied block-diagonally once per sample. Its activation
regions (:func:`relugeom.regions.enumerate_regions`) are the cells; a cell's batch pattern is the fixed
pattern of the layers below ``l`` followed by the lifted pattern, sample by sample.

Per cell: a strictly interior rational point, its inequalities (each labelled by the sample and the neuron of
the original network whose zero set it is), the **local dimension** — the generic rank ``r(Δ)`` of the
frozen-pattern Jacobian with respect to *all* parameters (:func:`relugeom.generic.generic_rank`) — and the
**rank at the cell's point**, with the other parameters at θ; a cell is **exceptional** where they differ.
Parameters of two layers would make the pre-activations products of free parameters: the cells would no
longer be polyhedra, so that is refused.

>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])          # relu(w x + b), v = 1, c = 0
>>> cells = parameter_partition(net, [[0], [1], [2]], layer=1)
>>> cells.count, sorted(c.local_dimension for c in cells.cells)          # the lines b = 0, w + b = 0, 2w + b = 0
(6, [1, 2, 2, 2, 3, 3])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
import math
from fractions import Fraction
from itertools import product

from .domain import Domain
from .errors import InputError, ShapeError
from .exact.linalg import rank
from .exact.rational import format_rational
from .generic import local_dimension
from .inputs import Batch, as_batch
from .jacobian import frozen_jacobian
from .network import Layer, Pattern, ReLUNetwork
from .regions import Inequality, RegionLimitError, enumerate_regions

__all__ = ["ParameterCell", "ParameterPartition", "parameter_partition", "lifted_network"]


@dataclass(frozen=True)
class ParameterCell:
    """One full-dimensional cell of the free-parameter space."""

    patterns: tuple[Pattern, ...]  # the batch pattern: one activation pattern per sample
    point: dict[str, Fraction]  # a strictly interior point: free parameter name → value
    inequalities: tuple[Inequality, ...]  # normal · p < offset in the free coordinates
    labels: tuple[tuple[str, ...], ...]  # per inequality: "sample j, layer k neuron i" or "domain"
    local_dimension: int
    certified: bool  # local_dimension meets its proved upper bound (else a lower bound from random θ')
    rank: int  # the rank at the cell's point, the other parameters at θ
    bounded: bool

    @property
    def exceptional(self) -> bool:
        return self.rank < self.local_dimension

    def to_dict(self) -> dict:
        return {"pattern": [[list(layer) for layer in p] for p in self.patterns],
                "point": {k: format_rational(v) for k, v in self.point.items()},
                "local_dimension": self.local_dimension, "local_dimension_certified": self.certified,
                "rank": self.rank, "exceptional": self.exceptional, "bounded": self.bounded,
                "inequalities": [dict(q.to_dict(), sources=list(lab)) for q, lab in zip(self.inequalities, self.labels)]}


@dataclass(frozen=True)
class ParameterPartition:
    """Every cell of the free-parameter space of layer ``layer`` (1-based) for the batch, in a domain."""

    free: tuple[str, ...]
    layer: int
    cells: tuple[ParameterCell, ...]
    regions: object = None  # the lifted network's Regions (cell k is regions.regions[k]), for drawing

    @property
    def count(self) -> int:
        return len(self.cells)

    def to_dict(self) -> dict:
        return {"count": self.count, "layer": self.layer, "free": list(self.free),
                "cells": [c.to_dict() for c in self.cells]}


def _free_indices(net: ReLUNetwork, layer: int, free: Sequence[str] | None) -> list[int]:
    if isinstance(layer, bool) or not isinstance(layer, int) or not 1 <= layer <= net.depth:
        raise ShapeError(f"layer {layer!r} is not a layer of the network (layers 1..{net.depth})")
    names = net.parameter_names()
    own = [k for k, n in enumerate(names) if n.startswith((f"W{layer}[", f"b{layer}["))]
    if free is None:
        return own
    index = {n: k for k, n in enumerate(names)}
    out = []
    for name in free:
        if name not in index:
            raise InputError(f"no parameter named {name!r} (names look like W{layer}[0,0] and b{layer}[0])")
        if index[name] not in own:
            raise InputError(f"{name} is not a parameter of layer {layer}: free parameters must come from one layer, "
                             "since parameters of two layers multiply and the cells would not be polyhedra")
        out.append(index[name])
    if not out or len(set(out)) != len(out):
        raise InputError("give each free parameter once, and at least one")
    return out


def lifted_network(net: ReLUNetwork, batch: Batch, layer: int, free: Sequence[int]) -> ReLUNetwork:
    """The network whose input is the vector of free parameters (indices into ``net.parameters()``, all of
    layer ``layer``) and whose activation regions are the cells (module docstring)."""
    theta = net.parameters()
    k0 = sum(lay.n_out * (lay.n_in + 1) for lay in net.layers[:layer - 1])
    cur = net.layers[layer - 1]
    position = {k: c for c, k in enumerate(free)}
    rows, biases = [], []
    for x in batch:
        h = list(x)
        for lay in net.layers[:layer - 1]:
            h = [v if v > 0 else Fraction(0) for v in lay.apply(h)]
        for i in range(cur.n_out):
            row, b = [Fraction(0)] * len(free), Fraction(0)
            for j in range(cur.n_in + 1):  # weight W[i, j] (coefficient h_j), then the bias (coefficient 1)
                k = k0 + i * cur.n_in + j if j < cur.n_in else k0 + cur.n_out * cur.n_in + i
                coefficient = h[j] if j < cur.n_in else Fraction(1)
                if k in position:
                    row[position[k]] += coefficient
                else:
                    b += theta[k] * coefficient
            rows.append(tuple(row))
            biases.append(b)
    layers = [Layer(tuple(rows), tuple(biases))]
    n = len(batch)
    for lay in net.layers[layer:]:
        zero = (Fraction(0),) * lay.n_in
        weight = tuple(zero * s + row + zero * (n - s - 1) for s in range(n) for row in lay.weight)
        layers.append(Layer(weight, lay.bias * n))
    return ReLUNetwork(tuple(layers))


def parameter_partition(net: ReLUNetwork, inputs: object, layer: int, free: Sequence[str] | None = None,
                        domain: Domain | None = None, seed: int = 0, method: str = "auto",
                        max_cells: int | None = None, progress: bool = False) -> ParameterPartition:
    """The cells of constant batch pattern in the space of the free parameters of ``layer`` (1-based;
    ``free`` names a subset), in ``domain`` (default: all of R^{#free}), each with its local dimension and its
    rank at the cell's point.

    ``method``: ``"lifted"`` enumerates the regions of the lifted network; ``"product"`` (when ``layer`` is
    the last hidden layer and the domain a box or all of space) multiplies one small arrangement per neuron;
    ``"auto"`` takes the product where it applies and there are two or more neurons. Both give the same
    cells (the lifted method is the oracle the tests compare with); the cell order differs. ``max_cells``: a
    ``RegionLimitError`` as soon as the partition is known to have more cells (before their ranks)."""
    if method not in ("auto", "lifted", "product"):
        raise InputError(f"method must be 'auto', 'lifted' or 'product', got {method!r}")
    batch = as_batch(inputs, net.n_inputs)
    if not batch:
        raise InputError("the batch is empty: give at least one sample")
    indices = _free_indices(net, layer, free)
    names = net.parameter_names()
    below = []  # the layers below l are fixed: their pattern is that of θ, and no sample may be on their boundary
    for j, x in enumerate(batch):
        signs = net.sign_vector_at(x)[:layer - 1]
        if any(0 in s for s in signs):
            net.pattern_at(x, sample=j)  # raises the BoundaryError naming the neuron
        below.append(tuple(tuple(int(v > 0) for v in s) for s in signs))
    lifted = lifted_network(net, batch, layer, indices)
    if domain is not None and domain.dim != len(indices):
        raise ShapeError(f"the domain has dimension {domain.dim} but there are {len(indices)} free parameters")
    domain = domain or Domain.space(len(indices))
    groups = _neuron_groups(net, layer, indices, lifted, domain)
    if method == "product" and groups is None:
        raise InputError("the product method needs layer l to be the last hidden layer, every neuron of it with a "
                         "free parameter, and a box (or all of space) as domain")
    regions = None
    if groups is not None and method != "lifted" and (method == "product" or len(groups) > 1):
        pieces = _product_cells(lifted, domain, groups, len(batch), max_cells)
    else:
        try:
            regions = enumerate_regions(lifted, domain, max_regions=max_cells)
        except RegionLimitError:
            raise RegionLimitError(f"the partition has more than {max_cells} cells (--max-cells)") from None
        pieces = [(r.pattern, r.point, r.inequalities, r.bounded) for r in regions.regions]
    widths = net.architecture[layer:-1]  # hidden layers from layer l on
    n = len(batch)
    theta = list(net.parameters())
    cells = []
    if progress:
        from tqdm import tqdm

        pieces = tqdm(pieces, desc="cells: ranks", unit="cell", leave=False)
    for lifted_pattern, point, inequalities, bounded in pieces:
        patterns = []
        for j in range(n):
            upper = tuple(bits[j * w:(j + 1) * w] for bits, w in zip(lifted_pattern, widths))
            patterns.append(tuple(below[j]) + upper)
        values = list(theta)
        for k, v in zip(indices, point):
            values[k] = v
        at = net.with_parameters(values)
        r = rank(frozen_jacobian(at, batch, patterns).scaled).rank
        local, certified = local_dimension(at, batch, r, patterns, seed=seed)
        labels = tuple(tuple(_label(s, layer, net.architecture, n) for s in q.sources) for q in inequalities)
        cells.append(ParameterCell(tuple(patterns), {names[k]: v for k, v in zip(indices, point)},
                                   inequalities, labels, local, certified, r, bounded))
    return ParameterPartition(tuple(names[k] for k in indices), layer, tuple(cells), regions)


def _neuron_groups(net: ReLUNetwork, layer: int, free: Sequence[int], lifted: ReLUNetwork,
                   domain: Domain) -> list[list[int]] | None:
    """When layer l is the last hidden layer, neuron i's walls involve only its own free parameters, so the
    cells are products of one arrangement per neuron: the positions (into ``free``) of each neuron's free
    parameters, or None when that does not apply (more layers above, a neuron with no free parameter, a
    domain that is not a product)."""
    if lifted.depth != 2 or domain.kind == "polytope":
        return None
    cur = net.layers[layer - 1]
    k0 = sum(lay.n_out * (lay.n_in + 1) for lay in net.layers[:layer - 1])
    groups: list[list[int]] = [[] for _ in range(cur.n_out)]
    for c, k in enumerate(free):
        off = k - k0
        groups[off // cur.n_in if off < cur.n_out * cur.n_in else off - cur.n_out * cur.n_in].append(c)
    return groups if all(groups) else None


def _product_cells(lifted: ReLUNetwork, domain: Domain, groups: list[list[int]], n: int,
                   max_cells: int | None = None) -> list[tuple]:
    """The cells of a one-hidden-layer lifted network as products of the per-neuron arrangements: for each
    neuron i, the regions of the n walls ``z_i(x_j) = 0`` in its own free coordinates (and the box's axes)."""
    width, dim = len(groups), lifted.n_inputs
    first = lifted.layers[0]
    per_group = []
    for i, cols in enumerate(groups):
        rows = tuple(tuple(first.weight[j * width + i][c] for c in cols) for j in range(n))
        sub = ReLUNetwork((Layer(rows, tuple(first.bias[j * width + i] for j in range(n))),
                           Layer(((Fraction(0),) * n,), (Fraction(0),))))
        if domain.kind == "box":
            lo, hi = domain.bounds
            sub_domain = Domain.box([lo[c] for c in cols], [hi[c] for c in cols])
        else:
            sub_domain = Domain.space(len(cols))

        def source(s: tuple, cols=cols, i=i) -> tuple:
            if s[0] == "neuron":
                return ("neuron", 1, s[2] * width + i)
            p = s[1]  # box constraint: lower bounds first, then upper bounds
            return ("domain", cols[p] if p < len(cols) else dim + cols[p - len(cols)])

        cells = []
        for r in enumerate_regions(sub, sub_domain).regions:
            inequalities = []
            for q in r.inequalities:
                normal = [0] * dim
                for c, a in zip(cols, q.normal):
                    normal[c] = a
                inequalities.append(Inequality(tuple(normal), q.offset, tuple(source(s) for s in q.sources)))
            cells.append((r.pattern[0], r.point, inequalities, r.bounded))
        per_group.append(cells)
    count = math.prod(len(cells) for cells in per_group)
    if max_cells is not None and count > max_cells:
        raise RegionLimitError(f"the partition has {count} cells, more than {max_cells} (--max-cells)")
    out = []
    for combo in product(*per_group):
        bits = [0] * (n * width)
        point = [Fraction(0)] * dim
        for i, (cols, (pattern, p, _, _)) in enumerate(zip(groups, combo)):
            for j in range(n):
                bits[j * width + i] = pattern[j]
            for c, v in zip(cols, p):
                point[c] = v
        out.append(((tuple(bits),), tuple(point), tuple(q for cell in combo for q in cell[2]),
                    all(cell[3] for cell in combo)))
    return out


def _label(source: tuple, layer: int, arch: Sequence[int], n: int) -> str:
    if source[0] != "neuron":
        return "domain"
    lifted_layer, i = source[1], source[2]  # 1-based lifted layer, neuron index (sample-major blocks)
    width = arch[layer + lifted_layer - 1]
    return f"sample {i // width}, layer {layer + lifted_layer - 1} neuron {i % width}"
