"""Exact enumeration of the activation regions of a ReLU network in a domain.

An activation region is the interior of ``{x : Δ(x) = δ}`` for an activation pattern ``δ``
(``Δ`` uses ``1[z > 0]``, so a neuron whose pre-activation is identically 0 on an open set counts as
inactive there). Regions are convex polyhedra; every one that is full-dimensional in the domain is
returned with its irredundant inequalities, a strictly interior rational point, the exact affine
map of the network on it, and whether it is bounded.

Algorithm (output-sensitive, exact): layer-wise splitting. Cells start as the domain (or, for all
of R^d, the 2^k cones of k independent first-layer hyperplanes); each hidden neuron, in order, splits
every current cell by the zero set of its pre-activation — an affine function on the cell, since the
earlier patterns are fixed there. Cells are exact double-description polyhedra
(:mod:`relugeom.exact.lp`), so every split is decided on exact generators: no LP, no float result.
Two shortcuts keep the cost per region low on wide layers: cells cut from one parent share its
unmasked pre-activation rows, so a sibling's rows are the previous sibling's plus the flipped neurons'
terms (:meth:`_Rows.updated`); and the neurons of a layer that do not meet a cell are
found at once by a float screen with a rigorous rounding bound (:meth:`Polyhedron.sides`), whose
undecided rows, and only those, go through the exact split. Both are tested against the dense,
one-neuron-at-a-time path.

>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[1, 1]], [0])])
>>> regions = enumerate_regions(net)
>>> [r.pattern for r in regions], [str(r.point[0]) for r in regions]
([((0, 1),), ((1, 0),), ((1, 1),)], ['-1', '2', '1/2'])
"""

from __future__ import annotations

import math
from operator import mul
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Hashable, Iterator, Sequence

from .collector import paused, paused_iteration
from .domain import Domain
from .errors import InputError, RelugeomError
from .exact.linalg import rank as exact_rank
from .exact.boxes import ScreenedParts
from .exact.lp import Polyhedron, cells_of_space, homogeneous
from .exact.rational import format_rational
from .grid_points import simple_point  # noqa: F401  (re-exported: regions' points)
from .network import Pattern, ReLUNetwork

__all__ = ["Inequality", "Region", "Regions", "RegionLimitError", "enumerate_regions", "iter_regions"]

Point = tuple[Fraction, ...]


class RegionLimitError(RelugeomError):
    """Enumeration stopped because there are more regions than the caller allowed."""


@dataclass(frozen=True)
class Inequality:
    """``normal · x < offset`` on the region, with coprime integer coefficients; ``sources`` are the
    neurons ``("neuron", layer, i)`` or domain constraints ``("domain", k)`` whose zero sets carry
    this facet (several if they coincide)."""

    normal: tuple[int, ...]
    offset: int
    sources: tuple[tuple, ...]

    def to_dict(self) -> dict:
        return {"normal": list(self.normal), "offset": self.offset, "sources": [list(s) for s in self.sources]}


@dataclass(frozen=True)
class Region:
    """One full-dimensional activation region (an open convex polyhedron)."""

    pattern: Pattern
    inequalities: tuple[Inequality, ...]
    point: Point
    affine_map: tuple[tuple[tuple[Fraction, ...], ...], tuple[Fraction, ...]]
    bounded: bool
    dim: int
    generators: tuple[tuple[int, ...], ...]  # homogeneous (t·x, t): vertices t > 0, rays t = 0; () if lineality
    lineality: int = 0

    @property
    def vertices(self) -> tuple[Point, ...]:
        """The vertices of the region's closure (exact); empty when the region contains a line."""
        return tuple(tuple(Fraction(x, g[-1]) for x in g[:-1]) for g in self.generators if g[-1] > 0)

    @property
    def rays(self) -> tuple[tuple[int, ...], ...]:
        """Directions of unboundedness (extreme rays), as coprime integer vectors."""
        return tuple(g[:-1] for g in self.generators if g[-1] == 0)

    def neurons_on_boundary(self) -> frozenset:
        """The neurons ``(layer, i)`` whose zero sets carry a facet of this region."""
        return frozenset(s[1:] for q in self.inequalities for s in q.sources if s[0] == "neuron")

    def to_dict(self, vertices: bool = True) -> dict:
        """JSON form; ``vertices=False`` leaves out ``vertices`` and ``rays`` (most of the size in d ≥ 4)."""
        a, c = self.affine_map
        out = {
            "pattern": [list(p) for p in self.pattern],
            "point": [format_rational(v) for v in self.point],
            "inequalities": [q.to_dict() for q in self.inequalities],
            "affine_map": {"A": [[format_rational(v) for v in row] for row in a], "c": [format_rational(v) for v in c]},
            "bounded": self.bounded,
            "dim": self.dim,
        }
        if vertices:  # built only when asked: the exact vertices cost more than the rest in d ≥ 4
            out["vertices"] = [[format_rational(v) for v in p] for p in self.vertices]
            out["rays"] = [list(r) for r in self.rays]
        out["lineality"] = self.lineality
        return out


@dataclass(frozen=True)
class Regions:
    """All activation regions of ``network`` in ``domain``, sorted by pattern."""

    network: ReLUNetwork
    domain: Domain
    regions: tuple[Region, ...]

    def __len__(self) -> int:
        return len(self.regions)

    def __iter__(self) -> Iterator[Region]:
        return iter(self.regions)

    def __getitem__(self, i: int) -> Region:
        return self.regions[i]

    def __repr__(self) -> str:
        return f"Regions({len(self.regions)} regions of {self.network!r} in {self.domain.kind})"

    def by_pattern(self) -> dict[Pattern, Region]:
        return {r.pattern: r for r in self.regions}

    def to_dict(self, vertices: bool = True) -> dict:
        with paused():
            regions = [r.to_dict(vertices) for r in self.regions]
        return {"count": len(self.regions), "domain": self.domain.to_dict(), "regions": regions}


# ------------------------------------------------------------------------ coordinates


@dataclass(frozen=True)
class _Frame:
    """Coordinates ``y = Q x`` on the row space of ``W^1`` (identity when ``Q`` is None).

    On all of R^d the network depends on x only through ``W^1 x``; enumerating in the row space
    keeps every cell pointed. ``first`` is the first layer's weight in y coordinates.
    """

    q: tuple[tuple[Fraction, ...], ...] | None
    first: tuple[tuple[Fraction, ...], ...]
    lift: tuple[tuple[Fraction, ...], ...] | None  # x = lift · y  (lift = Q^T (Q Q^T)^-1)

    @property
    def dim(self) -> int:
        return len(self.first[0]) if self.first and self.first[0] else len(self.q or ())

    def to_x_point(self, y: Point) -> Point:
        if self.lift is None:
            return y
        return tuple(sum((l * v for l, v in zip(row, y)), Fraction(0)) for row in self.lift)

    def to_x_normal(self, w: Sequence[Fraction]) -> tuple[Fraction, ...]:
        if self.q is None:
            return tuple(w)
        return tuple(sum((Fraction(wi) * row[j] for wi, row in zip(w, self.q)), Fraction(0)) for j in range(len(self.q[0])))


def _solve(a: list[list[Fraction]], b: list[list[Fraction]]) -> list[list[Fraction]]:
    """``X`` with ``a X = b`` for square nonsingular ``a`` (small, exact)."""
    from .exact.linalg import _rref_python

    n = len(a)
    reduced, _ = _rref_python([list(a[i]) + list(b[i]) for i in range(n)])
    return [row[n:] for row in reduced]


def _frame(net: ReLUNetwork, domain: Domain) -> tuple[_Frame, list[int]]:
    """The coordinate frame and the first-layer neurons forming a basis of its row space."""
    w1 = [list(row) for row in net.layers[0].weight]
    result = exact_rank(w1)
    basis = sorted(result.certificate.rows)
    d, k = net.n_inputs, result.rank
    if domain.kind != "space" or k == d:
        return _Frame(None, tuple(tuple(r) for r in w1), None), basis
    q = [w1[i] for i in basis]
    # W^1 = T Q: solve T (Q Q^T) = W^1 Q^T
    qqt = [[sum((x * y for x, y in zip(qi, qj)), Fraction(0)) for qj in q] for qi in q]
    wqt = [[sum((x * y for x, y in zip(wi, qj)), Fraction(0)) for qj in q] for wi in w1]
    t_transposed = _solve(qqt, [list(col) for col in zip(*wqt)]) if k else []
    first = tuple(zip(*t_transposed)) if k else tuple(() for _ in w1)
    inverse = _solve(qqt, [[Fraction(int(i == j)) for j in range(k)] for i in range(k)]) if k else []
    lift = tuple(tuple(sum((q[t][j] * inverse[t][s] for t in range(k)), Fraction(0)) for s in range(k))
                 for j in range(d))
    return _Frame(tuple(tuple(r) for r in q), tuple(tuple(r) for r in first), lift), basis


# ------------------------------------------------------------------------ enumeration


def _integer_layer(weight: Sequence[Sequence[Fraction]], bias: Sequence[Fraction]):
    q = math.lcm(*(v.denominator for row in weight for v in row), *(v.denominator for v in bias))
    return [[int(v * q) for v in row] for row in weight], [int(v * q) for v in bias], q


def _pre_activations(layer, h_rows: list[tuple[int, ...]], scale: int, width: int) -> list[tuple[int, ...]]:
    """Homogeneous integer rows of ``z̃ = W̃ H + s b̃ e_t`` (a positive multiple of ``z``)."""
    weight, bias, _ = layer
    out = []
    for row, b in zip(weight, bias):
        z = [0] * width
        for w, h in zip(row, h_rows):
            if w:
                for j, v in enumerate(h):
                    if v:
                        z[j] += w * v
        z[-1] += scale * b
        out.append(tuple(z))
    return out


class _Rows:
    """The homogeneous integer rows ``z̃_i`` (length k + 1) of one layer on one cell, stored by column, so
    that a sibling's rows are a few whole-column updates (:meth:`updated`)."""

    __slots__ = ("cols",)

    def __init__(self, cols: list[list[int]]):
        self.cols = cols

    @classmethod
    def from_rows(cls, rows: list[tuple[int, ...]], width: int) -> "_Rows":
        return cls([list(c) for c in zip(*rows)] if rows else [[] for _ in range(width)])

    @classmethod
    def masked_product(cls, layer, source: "_Rows", mask: tuple[int, ...], scale: int) -> "_Rows":
        """``W̃ (mask ⊙ source) + s b̃ e_t``, column by column (what :func:`_pre_activations` computes)."""
        weight, bias, _ = layer
        masked = [[w if on else 0 for w, on in zip(row, mask)] for row in weight]
        cols = [[sum(map(mul, row, column)) for row in masked] for column in source.cols]
        cols[-1] = [v + scale * b for v, b in zip(cols[-1], bias)]
        return cls(cols)

    def rows(self) -> list[tuple[int, ...]]:
        return list(zip(*self.cols))

    def updated(self, source: "_Rows", old: tuple[int, ...], new: tuple[int, ...],
                dense_columns: list[list[int]]) -> "_Rows":
        """The rows for the mask ``new`` from these, for ``old`` (same unmasked ``source`` rows and scale):
        add or subtract ``W̃[:, j] · source_j`` for each bit j that flips (unchanged columns are shared)."""
        cols = list(self.cols)
        for j, (a, b) in enumerate(zip(old, new)):
            if a != b:
                weights = dense_columns[j]
                for c, column in enumerate(source.cols):
                    y = column[j] if b else -column[j]
                    if y:
                        cols[c] = [x + w * y for x, w in zip(cols[c], weights)]
        return _Rows(cols)


@dataclass
class _Cell:
    poly: Polyhedron
    scale: int
    pattern: list[tuple[int, ...]]
    source: _Rows | None = None  # the unmasked rows s · z^{l-1} (shared by siblings); None for initial cells
    h: list[tuple[int, ...]] | None = None  # initial cells: the rows of h^0 = x in frame coordinates


def _initial_cells(net: ReLUNetwork, domain: Domain, frame: _Frame, basis: list[int], first_layer) -> list[Polyhedron]:
    if domain.kind != "space":
        poly = domain.polyhedron()
        if poly is None:
            raise InputError("the domain has empty interior")
        return [poly]
    weight, bias, _ = first_layer
    hyperplanes = [homogeneous(weight[i], bias[i]) for i in basis]
    return [cone for _, cone in cells_of_space(frame.dim, hyperplanes, [("neuron", 1, i) for i in basis])]


def enumerate_regions(net: ReLUNetwork, domain: Domain | None = None, *, max_regions: int | None = None,
                      progress: bool = False, workers: int = 1) -> Regions:
    """Every full-dimensional activation region of ``net`` in ``domain`` (default: all of R^d), sorted by pattern.

    ``max_regions`` stops with a ``RegionLimitError`` as soon as more cells than that exist;
    ``progress`` shows a tqdm bar on stderr (first-layer neurons, then first-layer cells refined);
    ``workers > 1`` shares the first-layer cells among that many processes (same result).
    :func:`iter_regions` streams the regions instead, in bounded memory.
    """
    domain = domain or Domain.space(net.n_inputs)
    out = list(iter_regions(net, domain, max_regions=max_regions, progress=progress, workers=workers))
    out.sort(key=lambda r: r.pattern)
    return Regions(net, domain, tuple(out))


def _too_many(max_regions: int, where: str = "") -> RegionLimitError:
    return RegionLimitError(f"more than {max_regions} regions{where}; raise the limit or use a smaller domain")


CHUNK = 128  # first-layer cells refined together through the later layers (memory: one chunk's subtree)


def iter_regions(net: ReLUNetwork, domain: Domain | None = None, *, max_regions: int | None = None,
                 progress: bool = False, workers: int = 1,
                 encode: Callable[[Region], object] | None = None) -> Iterator:
    """The regions of :func:`enumerate_regions`, one at a time and in a deterministic order (not sorted):
    the first layer is enumerated, then its cells are refined through the later layers in chunks of
    ``CHUNK``, so memory holds the first-layer cells and one chunk's regions. ``workers > 1`` shares the
    work with ``workers - 1`` child processes (:mod:`relugeom.regions_parallel`) and yields the regions as
    they come (in an order that depends on timing). While the iteration runs, the cyclic garbage collector
    is paused, but for a young collection every few thousand regions (:mod:`relugeom.collector`).

    With ``encode``, the stream yields ``encode(region)`` instead of each region, computed by the process
    that found it: with ``workers > 1`` the children send only the encoded values (which must pickle),
    so a stream written out as text (``relugeom regions --jsonl``) is encoded on every core and never
    rebuilt as regions in this process.

    >>> from relugeom.network import ReLUNetwork
    >>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[1, 1]], [0])])
    >>> sorted(r.pattern for r in iter_regions(net))
    [((0, 1),), ((1, 0),), ((1, 1),)]
    >>> sorted(iter_regions(net, encode=lambda r: r.bounded))     # 0 < x < 1 is the bounded one
    [False, False, True]
    """
    domain = domain or Domain.space(net.n_inputs)
    if domain.dim != net.n_inputs:
        raise InputError(f"the domain has dimension {domain.dim} but the network has {net.n_inputs} inputs")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers must be a positive integer, got {workers!r}")
    if workers > 1 and net.depth > 1:
        from .regions_parallel import stream_parallel

        items = stream_parallel(net, domain, workers, max_regions, progress, encode)
    else:
        items = _iter_regions(net, domain, max_regions, progress)
        if encode is not None:
            items = map(encode, items)
    # millions of acyclic objects: the cyclic collector would scan them in vain
    yield from paused_iteration(items)


def _iter_regions(net: ReLUNetwork, domain: Domain, max_regions: int | None, progress: bool) -> Iterator[Region]:
    if net.depth == 1 and domain.kind == "space":  # no hidden layer: one region, all of R^d
        layer = net.layers[0]
        yield Region((), (), (Fraction(0),) * net.n_inputs, (layer.weight, layer.bias), False, net.n_inputs, (),
                     net.n_inputs)
        return
    setup = Setup.of(net, domain)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(setup.layers[0][1]) if net.depth > 1 else 0, desc="regions", unit="step", leave=False)
    try:
        cells = setup.cells
        if net.depth > 1:
            cells = _refine(cells, 1, _LayerRows(setup.layers[0], setup.k), max_regions, 0, bar)
        if bar is not None:
            bar.total += len(cells)
            bar.refresh()
        yield from through_later_layers(cells, setup, max_regions, bar)
    finally:
        if bar is not None:
            bar.close()


@dataclass
class Setup:
    """What every enumeration starts from: the frame of the domain's lineality, its dimension k, the
    integer layers (the first in frame coordinates) and the initial cells."""

    frame: _Frame
    k: int
    layers: list
    cells: list
    n_inputs: int

    @classmethod
    def of(cls, net: ReLUNetwork, domain: Domain) -> "Setup":
        frame, basis = _frame(net, domain)
        k = frame.dim
        first = _integer_layer(frame.first, net.layers[0].bias)
        identity = [tuple(int(i == j) for j in range(k + 1)) for i in range(k)]
        cells = [_Cell(p, 1, [], h=identity) for p in _initial_cells(net, domain, frame, basis, first)]
        return cls(frame, k, [first] + [list(lay) for lay in net.integer_layers[1:]], cells, net.n_inputs)

    def later_rows(self) -> list["_LayerRows"]:
        """Fresh row builders for layers 2, 3, …, the output layer last (see :func:`through_later_layers`);
        with no hidden layer, the first layer is the output layer."""
        return [_LayerRows(layer, self.k) for layer in self.layers[1:] or self.layers]


def through_later_layers(cells: list, setup: Setup, max_regions: int | None, bar=None,
                         later: list["_LayerRows"] | None = None) -> Iterator[Region]:
    """The regions of first-layer ``cells``: refined through the later layers ``CHUNK`` cells at a time.
    ``later``: the row builders of layers 2, 3, … (:meth:`Setup.later_rows`; new ones by default), which
    carry their last rows from chunk to chunk, and from call to call when the caller keeps them
    (``regions_parallel`` refines one part of a cell per call)."""
    later = later if later is not None else setup.later_rows()
    emitted = 0
    for start in range(0, len(cells), CHUNK):
        chunk = cells[start:start + CHUNK]
        for l, rows in enumerate(later[:-1], 2):
            chunk = _refine(chunk, l, rows, max_regions, emitted, None)
        emitted += len(chunk)
        if max_regions is not None and emitted > max_regions:
            raise _too_many(max_regions)
        for cell, z in zip(chunk, later[-1](chunk)):
            yield _region(cell, z.rows(), later[-1].layer, setup.frame, setup.n_inputs)
        if bar is not None:
            bar.update(len(cells[start:start + CHUNK]))
            bar.set_postfix(regions=emitted)


def _refine(cells: list[_Cell], l: int, rows: "_LayerRows", max_regions: int | None, emitted: int, bar) -> list[_Cell]:
    """Split every cell by every neuron of layer ``l`` (1-based; ``rows`` builds its pre-activations), in order."""
    staged, decided = stage(cells, rows)
    split(staged, decided, l, range(len(rows.layer[1])), max_regions, emitted, bar)
    return assemble(staged, decided, rows.layer)


def stage(cells: list[_Cell], rows_of: "_LayerRows") -> tuple[list, list]:
    """Each cell with its rows of the layer of ``rows_of`` and its parts (at first the cell itself), and the
    sides of the neurons that do not meet it (0 for those that may)."""
    staged, decided = [], []
    for cell, z in zip(cells, rows_of(cells)):
        rows = z.rows()
        staged.append((cell, (z, rows), [(cell.poly, ())]))
        decided.append(cell.poly.sides(rows) if len(rows) > 2 else [0] * len(rows))
    return staged, decided


def split(staged: list, decided: list, l: int, neurons: range, max_regions: int | None, emitted: int, bar,
           stop_at: int | None = None) -> int:
    """Split the staged parts by the ``neurons`` of layer ``l``, in order; with ``stop_at``, stop after the
    first neuron that leaves at least that many parts. Returns the next neuron to split by."""
    screened: dict[int, ScreenedParts] = {}  # cells with many parts: split together (exact.boxes)
    for i in neurons:
        total = emitted
        for c, ((_, (_, zs), parts), side) in enumerate(zip(staged, decided)):
            if side[i]:  # the neuron does not meet the cell: every part keeps its side (filled in by assemble)
                total += len(screened[c]) if c in screened else len(parts)
                continue
            if c not in screened and len(parts) >= SCREEN and len(zs[i]) <= SCREEN_DIM + 1:
                screened[c] = ScreenedParts(parts)
            if c in screened:
                screened[c].split(zs[i], ("neuron", l, i))
                total += len(screened[c])
                continue
            refined = []
            for poly, bits in parts:
                plus, minus = poly.split(zs[i], ("neuron", l, i))
                if plus is not None:
                    refined.append((plus, bits + (1,)))
                if minus is not None:
                    refined.append((minus, bits + (0,)))
            parts[:] = refined
            total += len(refined)
        if max_regions is not None and total > max_regions:
            raise _too_many(max_regions, f" (stopped at layer {l} neuron {i})")
        if bar is not None:
            bar.update(1)
            bar.set_postfix(cells=total)
        if stop_at is not None and total - emitted >= stop_at:
            _unscreen(staged, screened)
            return i + 1
    _unscreen(staged, screened)
    return neurons.stop


def _unscreen(staged: list, screened: dict) -> None:
    for c, parts in screened.items():
        staged[c][2][:] = parts.to_list()


SCREEN = 16  # a cell's parts are split together, screened by their bounding boxes (exact.boxes), from this many on
SCREEN_DIM = 3  # ... in dimension at most this: beyond, boxes are loose and cost more than they save (measured)


def assemble(staged: list, decided: list, layer) -> list[_Cell]:
    """The cells of the next layer: each staged part, its bits completed by the undecided sides."""
    q, out = layer[2], []
    for (cell, (z, _), parts), side in zip(staged, decided):
        base = [1 if v > 0 else 0 for v in side]
        met = [i for i, v in enumerate(side) if not v]
        for poly, cut in parts:  # ``cut``: the bits of the neurons that met the cell, in order
            bits = list(base)
            for i, b in zip(met, cut):
                bits[i] = b
            out.append(_Cell(poly, cell.scale * q, cell.pattern + [tuple(bits)], z))
    return out


class _LayerRows:
    """Builds each cell's pre-activation rows of one ``layer``; siblings (cells cut from one parent, so
    sharing their unmasked rows) differ only in the neurons whose bit flips, so those alone are updated.
    The last cell and its rows are kept from call to call: the first cell of a call is updated from a
    sibling of an earlier call (another chunk, or another part in ``regions_parallel``) when there is one."""

    __slots__ = ("layer", "k", "columns", "previous")

    def __init__(self, layer, k: int):
        self.layer, self.k = layer, k
        weight = layer[0]
        self.columns = [list(col) for col in zip(*weight)] if weight and weight[0] else []
        self.previous: tuple[_Cell, _Rows] | None = None

    def __call__(self, cells: list[_Cell]) -> Iterator[_Rows]:
        """The rows of each of ``cells``, in order."""
        layer, k = self.layer, self.k
        for cell in cells:
            previous = self.previous
            if cell.source is None:  # an initial cell
                z = _Rows.from_rows(_pre_activations(layer, cell.h, cell.scale, k + 1), k + 1)
            elif previous is not None and cell.source is previous[0].source:  # a sibling: same rows and scale
                z = previous[1].updated(cell.source, previous[0].pattern[-1], cell.pattern[-1], self.columns)
            else:
                z = _Rows.masked_product(layer, cell.source, cell.pattern[-1], cell.scale)
            self.previous = (cell, z)
            yield z


def _region(cell: _Cell, z: list[tuple[int, ...]], last_layer, frame: _Frame, n_inputs: int) -> Region:
    poly, k = cell.poly, frame.dim
    denominator = cell.scale * last_layer[2]
    a_y = [[Fraction(v, denominator) for v in row[:k]] for row in z]
    c = tuple(Fraction(row[k], denominator) for row in z)
    a_x = tuple(frame.to_x_normal(row) if k else (Fraction(0),) * n_inputs for row in a_y)
    inequalities = []
    for index, sources in poly.facet_labels().items():
        g = poly.constraints[index]  # w·y + c ≥ 0 on the closure  →  (-w)·x < c on the region
        coefficients = homogeneous(frame.to_x_normal([-v for v in g[:k]]), -g[k])  # (-w Q)·x - c < 0
        inequalities.append(Inequality(coefficients[:-1], -coefficients[-1], tuple(_plain(s) for s in sources)))
    inequalities.sort(key=lambda q: q.sources)
    lineality = n_inputs - k
    return Region(
        pattern=tuple(cell.pattern),
        inequalities=tuple(inequalities),
        point=simple_point(frame.to_x_point(poly.interior_point()), inequalities),
        affine_map=(a_x, c),
        bounded=poly.is_bounded() and lineality == 0,
        dim=n_inputs,
        generators=tuple(poly.generators) if lineality == 0 else (),
        lineality=lineality,
    )


def _plain(label: Hashable) -> tuple:
    return tuple(label) if isinstance(label, tuple) else (label,)
