"""Pictures of activation regions (matplotlib, Agg: no display needed).

Everything is computed exactly; coordinates become floats only when handed to matplotlib.

>>> from relugeom.domain import Domain
>>> from relugeom.network import ReLUNetwork
>>> from relugeom.regions import enumerate_regions
>>> net = ReLUNetwork.from_arrays([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], [0])])
>>> fig = plot(enumerate_regions(net, Domain.box(-1, 1, dim=2)))
>>> len(fig.axes[0].patches)
4
"""

from __future__ import annotations

import hashlib
import os
from fractions import Fraction
from functools import cmp_to_key
from typing import Iterable, Sequence

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from .errors import ShapeError
from .exact.rational import format_rational, to_rational_vector
from .network import Pattern
from .output import atomic_output
from .regions import Region, Regions

__all__ = ["plot", "plot_regions_2d", "plot_heatmap_2d", "plot_function_1d", "region_color", "region_colors",
           "samples_outside", "plot_parameter_cells"]

PathLike = str | os.PathLike | None
Point2 = tuple[Fraction, ...]
DPI = 120


def region_color(pattern: Pattern) -> tuple[float, float, float, float]:
    """A deterministic colour for an activation pattern (from a hash, in the ``tab20`` colormap).

    >>> region_color(((0, 1),)) == region_color(((0, 1),))
    True
    """
    digest = hashlib.sha256(repr(pattern).encode()).digest()
    return matplotlib.colormaps["tab20"](int.from_bytes(digest[:4], "big") % 20)


def region_colors(regions: Regions, scheme: str = "graph") -> list:
    """One colour per region. ``"graph"``: a colouring of the region graph on a qualitative palette, so that
    regions sharing a facet never share a colour; greedy, largest degree first, each region taking the least
    used colour its neighbours leave free (so the palette is spread, not just 2 or 3 colours);
    ``"hash"``: by :func:`region_color`, the same colour for a pattern in every picture."""
    if scheme == "hash":
        return [region_color(r.pattern) for r in regions]
    if scheme != "graph":
        raise ValueError(f"unknown colour scheme {scheme!r}; choose 'graph' or 'hash'")
    from .graph import region_graph

    graph = region_graph(regions)
    degree = max((d for _, d in graph.degree), default=0)
    palette = matplotlib.colormaps["tab10" if degree < 10 else "tab20" if degree < 20 else "hsv"]
    size = 10 if degree < 10 else 20 if degree < 20 else degree + 1
    colour: dict[int, int] = {}
    used = [0] * size
    for node in sorted(graph.nodes, key=lambda n: (-graph.degree[n], n)):
        taken = {colour[m] for m in graph.neighbors(node) if m in colour}
        colour[node] = min((c for c in range(size) if c not in taken), key=lambda c: (used[c], c))
        used[colour[node]] += 1
    return [palette(colour[i] / (size - 1) if palette.N > 20 else colour[i]) for i in range(len(regions))]


def samples_outside(regions: Regions, samples: Sequence[Sequence[object]]) -> list[int]:
    """Indices of the samples outside the regions' domain (decided exactly)."""
    domain, d = regions.domain, regions.network.n_inputs
    points = [to_rational_vector(p, f"sample {i}", d) for i, p in enumerate(samples)]
    if domain.kind == "space":
        return []
    return [i for i, x in enumerate(points)
            if any(sum(a * v for a, v in zip(row, x)) > b for row, b in zip(domain.a, domain.b))]


LAYER_STYLES = [("black", "-", 1.5), ("C3", "--", 1.3), ("C0", ":", 1.6), ("C2", "-.", 1.3)]


def _zero_sets(ax: Axes, regions: Regions) -> None:
    """Each neuron's zero set inside the domain, drawn by layer (colour and line style per layer)."""
    from matplotlib.collections import LineCollection

    by_layer: dict[int, set] = {}
    for r in regions:
        for q in r.inequalities:
            layers = [s[1] for s in q.sources if s[0] == "neuron"]
            on = [v for v in r.vertices if sum(a * b for a, b in zip(q.normal, v)) == q.offset]
            if layers and len(on) == 2:
                by_layer.setdefault(min(layers), set()).add(tuple(sorted(on)))
    for layer, segments in sorted(by_layer.items()):
        colour, style, width = LAYER_STYLES[min(layer, len(LAYER_STYLES)) - 1]
        ax.add_collection(LineCollection([[_floats(a), _floats(b)] for a, b in sorted(segments)], colors=colour,
                                         linestyles=style, linewidths=width, label=f"zero sets, layer {layer}",
                                         zorder=2))
    if by_layer:
        ax.legend(loc="upper right", fontsize=7, framealpha=0.85)


def _pattern_text(pattern: Pattern) -> str:
    return "|".join("".join(map(str, p)) for p in pattern)


def _floats(values: Iterable[Fraction]) -> list[float]:
    return [float(v) for v in values]  # float-ok: drawing only


def new_figure(size: tuple[float, float]) -> Figure:
    """A matplotlib figure on the Agg canvas (no display needed)."""
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    return fig


def save_figure(fig: Figure, path: PathLike, dpi: int = DPI) -> None:
    """Save ``fig`` to ``path`` (format from the suffix), complete or absent."""
    with atomic_output(path) as tmp:
        fig.savefig(tmp, dpi=dpi, bbox_inches="tight")


def _axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = new_figure(size)
    return fig, fig.add_subplot()


def _finish(fig: Figure, ax: Axes, title: str, path: PathLike) -> Figure:
    ax.set_title(title)
    if path is not None:
        save_figure(fig, path)
    return fig


def _check_bounded(regions: Regions, d: int) -> None:
    for r in regions:
        if not r.bounded:
            raise ShapeError(
                f"region {r.pattern} is unbounded, so it cannot be drawn: regions over all of R^{d} need a box, "
                f"e.g. enumerate_regions(net, Domain.box(-2, 2, dim={d}))")


def _polygon(region: Region) -> list[Point2]:
    """The vertices of a bounded 2-D region in counter-clockwise order (exact angle sort)."""
    cx, cy = region.point

    def upper(v: Point2) -> bool:  # angle in [0, π)
        return v[1] > cy or (v[1] == cy and v[0] > cx)

    def compare(u: Point2, v: Point2) -> int:
        if upper(u) != upper(v):
            return -1 if upper(u) else 1
        cross = (u[0] - cx) * (v[1] - cy) - (u[1] - cy) * (v[0] - cx)
        return (cross < 0) - (cross > 0)

    return sorted(region.vertices, key=cmp_to_key(compare))


def plot_regions_2d(regions: Regions, path: PathLike = None, samples: Sequence[Sequence[object]] | None = None,
                    ax: Axes | None = None, title: str | None = None, colors: str = "graph",
                    labels: bool = False, zero_sets: bool = True) -> Figure:
    """Draw the activation regions of a 2-input network in a bounded domain, one filled polygon each.

    ``colors``: see :func:`region_colors` (adjacent regions never share a colour by default); ``labels``
    writes each region's pattern at its interior point; ``zero_sets`` draws the neurons' zero sets by layer.
    ``samples`` (exact 2-D points) inside the domain are scattered on top (:func:`samples_outside` lists the
    others); ``path`` saves a PNG.

    >>> from relugeom.domain import Domain
    >>> from relugeom.network import ReLUNetwork
    >>> from relugeom.regions import enumerate_regions
    >>> net = ReLUNetwork.from_arrays([([[1, -1]], [0]), ([[1]], [0])])
    >>> len(plot_regions_2d(enumerate_regions(net, Domain.box(0, 1, dim=2)), samples=[["1/2", "1/4"]]).axes[0].patches)
    2
    """
    d = regions.network.n_inputs
    if d != 2:
        raise ShapeError(f"plot_regions_2d needs a network with 2 inputs, this one has {d}"
                         + ("; use plot_function_1d" if d == 1 else ""))
    _check_bounded(regions, 2)
    fig, ax = _axes(ax, (6, 6))
    xs, ys = [], []
    for r, colour in zip(regions, region_colors(regions, colors)):
        corners = [_floats(v) for v in _polygon(r)]
        ax.add_patch(Polygon(corners, closed=True, facecolor=colour, edgecolor="gray", linewidth=0.4))
        xs += [v[0] for v in r.vertices]
        ys += [v[1] for v in r.vertices]
        if labels:
            ax.text(*_floats(r.point), _pattern_text(r.pattern), fontsize=6, ha="center", va="center", zorder=4)
    if zero_sets:
        _zero_sets(ax, regions)
    _scatter_inside(ax, regions, samples)
    return _finish_2d(fig, ax, regions, xs, ys, title, f"{len(regions)} activation regions", path)


def _finish_2d(fig: Figure, ax: Axes, regions: Regions, xs: list, ys: list, title: str | None, default: str,
               path: PathLike) -> Figure:
    if xs:
        ax.set_xlim(*_floats((min(xs), max(xs))))
        ax.set_ylim(*_floats((min(ys), max(ys))))
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    arch = "-".join(map(str, regions.network.architecture))
    return _finish(fig, ax, title if title is not None else f"{default} ({arch})", path)


def _scatter_inside(ax: Axes, regions: Regions, samples) -> None:
    if samples is None:
        return
    outside = set(samples_outside(regions, samples))
    points = [_floats(to_rational_vector(p, f"sample {i}", 2)) for i, p in enumerate(samples) if i not in outside]
    if points:
        ax.scatter(*zip(*points), s=14, color="black", zorder=5)


def plot_heatmap_2d(regions: Regions, path: PathLike = None, samples: Sequence[Sequence[object]] | None = None,
                    ax: Axes | None = None, title: str | None = None, output: int = 0) -> Figure:
    """The function ``f`` (output ``output``) of a 2-input network as a heat map over its bounded domain.

    Each region is cut into triangles from its exact vertices and shaded by linear interpolation of the exact
    values of ``f`` at them (Gouraud shading): since ``f`` is affine on each region, this *is* ``f``, up to the
    colours. Region boundaries are drawn thin and white.

    >>> from relugeom.domain import Domain
    >>> from relugeom.network import ReLUNetwork
    >>> from relugeom.regions import enumerate_regions
    >>> net = ReLUNetwork.from_arrays([([[1, 0], [0, 1]], [0, 0]), ([[1, -1]], [0])])
    >>> len(plot_heatmap_2d(enumerate_regions(net, Domain.box(-1, 1, dim=2))).axes)   # the map and its colour bar
    2
    """
    from matplotlib.tri import Triangulation

    if regions.network.n_inputs != 2:
        raise ShapeError(f"plot_heatmap_2d needs a network with 2 inputs, this one has {regions.network.n_inputs}")
    _check_bounded(regions, 2)
    fig, ax = _axes(ax, (6.6, 6))
    xs, ys, values, triangles = [], [], [], []
    for r in regions:
        corners = _polygon(r)
        a, c = r.affine_map
        base = len(xs)
        for v in corners:
            xs.append(v[0])
            ys.append(v[1])
            values.append(sum(w * x for w, x in zip(a[output], v)) + c[output])
        triangles += [(base, base + k, base + k + 1) for k in range(1, len(corners) - 1)]
        ax.add_patch(Polygon([_floats(v) for v in corners], closed=True, fill=False, edgecolor="white",
                             linewidth=0.5, zorder=3))
    mesh = ax.tripcolor(Triangulation(_floats(xs), _floats(ys), triangles), _floats(values), shading="gouraud",
                        cmap="viridis")
    fig.colorbar(mesh, ax=ax, label=f"f{'_' + str(output) if regions.network.n_outputs > 1 else ''}(x)",
                 shrink=0.8)
    _scatter_inside(ax, regions, samples)
    return _finish_2d(fig, ax, regions, xs, ys, title, f"f on {len(regions)} regions", path)


def plot_function_1d(regions: Regions, path: PathLike = None, samples: Sequence[object] | None = None,
                     ax: Axes | None = None, title: str | None = None) -> Figure:
    """Plot a 1-input, 1-output network on a bounded interval: one straight segment per region.

    Breakpoints inside the interval are dotted vertical lines; ``samples`` (numbers or 1-element
    lists) are drawn as points ``(x, f(x))``.

    >>> from relugeom.domain import Domain
    >>> from relugeom.network import ReLUNetwork
    >>> from relugeom.regions import enumerate_regions
    >>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [0])])
    >>> len(plot_function_1d(enumerate_regions(net, Domain.box(-1, 1, dim=1)), samples=[0.5]).axes[0].lines)
    2
    """
    net = regions.network
    if net.n_inputs != 1 or net.n_outputs != 1:
        raise ShapeError(f"plot_function_1d needs a network with 1 input and 1 output, this one has "
                         f"{net.n_inputs} inputs and {net.n_outputs} outputs"
                         + ("; use plot_regions_2d" if net.n_inputs == 2 else ""))
    _check_bounded(regions, 1)
    fig, ax = _axes(ax, (7, 4))
    pieces = sorted((sorted(v[0] for v in r.vertices), r) for r in regions)
    for k, ((lo, hi), r) in enumerate(pieces):
        (a,), (c,) = r.affine_map[0][0], r.affine_map[1]
        ax.plot(_floats((lo, hi)), _floats((a * lo + c, a * hi + c)), color="C0", linewidth=1.8)
        if k % 2:
            ax.axvspan(*_floats((lo, hi)), color="gray", alpha=0.12, linewidth=0)
    if pieces:
        breaks = [lo for (lo, _), _ in pieces[1:]]
        ax.vlines(_floats(breaks), 0, 1, transform=ax.get_xaxis_transform(), colors="gray",
                  linestyles=":", linewidth=1)
        ax.set_xlim(*_floats((pieces[0][0][0], pieces[-1][0][1])))
    if samples is not None:
        xs = [to_rational_vector(s if isinstance(s, (list, tuple)) else [s], f"sample {i}", 1)
              for i, s in enumerate(samples)]
        if xs:
            ax.scatter(_floats(x[0] for x in xs), _floats(net.forward(x)[0] for x in xs), s=18,
                       color="C3", zorder=3)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$")
    arch = "-".join(map(str, net.architecture))
    return _finish(fig, ax, title if title is not None else f"f on {len(regions)} regions ({arch})", path)


def plot(regions: Regions, path: PathLike = None, samples: Sequence[object] | None = None,
         title: str | None = None, heatmap: bool = False, **options) -> Figure:
    """``plot_function_1d`` for 1 input; for 2 inputs ``plot_regions_2d`` (``options``: colors, labels,
    zero_sets), or ``plot_heatmap_2d`` with ``heatmap``."""
    d = regions.network.n_inputs
    if d == 1:
        return plot_function_1d(regions, path, samples, title=title)
    if d == 2 and heatmap:
        return plot_heatmap_2d(regions, path, samples, title=title)
    if d == 2:
        return plot_regions_2d(regions, path, samples, title=title, **options)
    raise ShapeError(f"can only plot networks with 1 or 2 inputs, this one has {d}")


def plot_sampling(curve, path: PathLike = None, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Sampling (docs/theory.md §3.5): observed frequency of ``dim_bfun ≠ dim_cfun`` against the exact bound, per sample size.

    ``curve`` is a :class:`relugeom.sampling.SamplingCurve`.
    """
    fig, ax = _axes(ax, (6.0, 4.0))
    sizes = list(curve.sizes)
    ax.plot(sizes, _floats(curve.frequencies()), "o-", color="C0", label=f"observed ({curve.trials} draws each)")
    ax.plot(sizes, _floats(curve.bounds), "s--", color="C3", label="bound Σ_δ P[Bin(n, p_δ) ≤ n₀]")
    ax.set_xlabel("sample size n")
    ax.set_ylabel("P[dim_bfun ≠ dim_cfun]")
    ax.set_ylim(-0.02, 1.02)
    ax.legend()
    return _finish(fig, ax, title or f"sampling: dim_cfun = {curve.dim_cfun}", path)


def plot_segment(restriction, path: PathLike = None, ax: Axes | None = None, title: str | None = None) -> Figure:
    """f along a segment ``x(t) = x + t (x' − x)``, t ∈ [0, 1]: exact pieces, breakpoints dotted, kinks red.

    ``restriction`` is a :class:`relugeom.segments.SegmentRestriction` (scalar or vector output).
    """
    fig, ax = _axes(ax, (6.5, 4.0))
    for o in range(restriction.n_outputs):
        for k, piece in enumerate(restriction.pieces):
            ax.plot(_floats((piece.start, piece.end)), _floats((piece.value_start[o], piece.value_end[o])),
                    color=f"C{o}", linewidth=1.8, label=f"f_{o}" if k == 0 and restriction.n_outputs > 1 else None)
    kinks = set(restriction.kinks)
    for t in restriction.breakpoints:
        ax.axvline(*_floats((t,)), color="red" if t in kinks else "gray", linestyle=":", linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_xlabel("t  (x(t) = x + t·(x′ − x))")
    ax.set_ylabel("f(x(t))")
    if restriction.n_outputs > 1:
        ax.legend()
    return _finish(fig, ax, title or f"{len(restriction.pieces)} pieces, {len(kinks)} kinks", path)


def plot_parameter_cells(partition, path: PathLike = None, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Two free parameters: the cells of a :class:`relugeom.parameter_space.ParameterPartition` (in a box),
    coloured by local dimension and marked with it, each wall labelled by the sample whose hyperplane it is.

    >>> from relugeom.domain import Domain
    >>> from relugeom.network import ReLUNetwork
    >>> from relugeom.parameter_space import parameter_partition
    >>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])
    >>> part = parameter_partition(net, [[0], [1], [2]], 1, domain=Domain.box(-2, 2, dim=2))
    >>> len(plot_parameter_cells(part).axes[0].patches)
    6
    """
    regions = partition.regions
    if len(partition.free) not in (1, 2) or regions is None:
        raise ShapeError(f"the picture needs one or two free parameters (computed with method='lifted'), "
                         f"got {len(partition.free)}")
    _check_bounded(regions, len(partition.free))
    dims = sorted({c.local_dimension for c in partition.cells})
    cmap = matplotlib.colormaps["viridis"]
    shade = {d: cmap(k / max(1, len(dims) - 1)) for k, d in enumerate(dims)}
    handles = [Polygon([[0, 0]], facecolor=shade[d], label=f"local dimension {d}") for d in dims]
    default = f"{partition.count} cells of layer {partition.layer}'s parameters, by local dimension"
    if len(partition.free) == 1:
        return _parameter_strip(partition, shade, handles, path, ax, title if title is not None else default)
    fig, ax = _axes(ax, (6, 6))
    labels: dict[tuple, list] = {}
    for cell, r in zip(partition.cells, regions.regions):
        ax.add_patch(Polygon([_floats(v) for v in _polygon(r)], closed=True, facecolor=shade[cell.local_dimension],
                             edgecolor="black", linewidth=0.8, alpha=0.85))
        cx, cy = _floats(r.point)
        ax.text(cx, cy, str(cell.local_dimension), ha="center", va="center", fontsize=12, color="white",
                weight="bold")
        for q, names in zip(r.inequalities, cell.labels):
            on = [v for v in r.vertices if sum(a * b for a, b in zip(q.normal, v)) == q.offset]
            if len(on) == 2 and names != ("domain",):
                labels.setdefault((q.normal, q.offset), [on, names])
    for on, names in labels.values():  # near the outer end of the wall, where walls through one point part
        inner, outer = sorted(on, key=lambda v: max(abs(v[0]), abs(v[1])))
        mx, my = _floats(tuple(a + Fraction(4, 5) * (b - a) for a, b in zip(inner, outer)))
        ax.text(mx, my, _short(names), fontsize=7, ha="center", va="center",
                bbox=dict(facecolor="white", alpha=0.75, linewidth=0))
    xs = [v[0] for r in regions.regions for v in r.vertices]
    ys = [v[1] for r in regions.regions for v in r.vertices]
    ax.set_xlim(*_floats((min(xs), max(xs))))
    ax.set_ylim(*_floats((min(ys), max(ys))))
    ax.set_aspect("equal")
    ax.set_xlabel(partition.free[0])
    ax.set_ylabel(partition.free[1])
    ax.legend(handles=handles, loc="upper right", fontsize=8)
    return _finish(fig, ax, title if title is not None else default, path)


def _short(names: Sequence[str]) -> str:
    return "\n".join(n.replace("sample ", "x").replace(", layer ", ": L").replace(" neuron ", " n") for n in names)


def _parameter_strip(partition, shade: dict, handles: list, path: PathLike, ax: Axes | None, title: str) -> Figure:
    """One free parameter: its cells are intervals, drawn as a coloured strip with the walls labelled."""
    fig, ax = _axes(ax, (8, 2.4))
    walls: dict[Fraction, tuple] = {}
    ends = []
    for cell, r in zip(partition.cells, partition.regions.regions):
        lo, hi = sorted(v[0] for v in r.vertices)
        ends += [lo, hi]
        a, b = _floats((lo, hi))
        ax.add_patch(Polygon([[a, 0], [b, 0], [b, 1], [a, 1]], closed=True, facecolor=shade[cell.local_dimension],
                             edgecolor="black", linewidth=0.8, alpha=0.85))
        ax.text((a + b) / 2, 0.5, str(cell.local_dimension), ha="center", va="center", fontsize=12,  # float-ok
                color="white", weight="bold")
        for q, names in zip(r.inequalities, cell.labels):
            if names != ("domain",):
                walls.setdefault(Fraction(q.offset, q.normal[0]), names)
    for at, names in sorted(walls.items()):
        ax.text(float(at), -0.08, f"{format_rational(at)}\n{_short(names)}", fontsize=7,  # float-ok
                ha="center", va="top")
    ax.set_xlim(*_floats((min(ends), max(ends))))
    ax.set_ylim(-1.3, 1.05)
    ax.set_yticks([])
    ax.set_xlabel(partition.free[0])
    ax.legend(handles=handles, loc="lower center", fontsize=8, ncol=len(handles), frameon=False)
    return _finish(fig, ax, title, path)
