"""The teaching views in the browser (bokeh): the exact regions of a 1-D or 2-D network (hover: pattern,
exact interior point, affine map), the region graph beside them, the batch functional dimension and local
dimension of a batch, and for a 1-1-1 or 1-m-1 network the parameter-space picture of the first neuron.

:func:`report_html` writes them as one self-contained HTML file (bokeh's JavaScript inlined: it opens
offline); :func:`serve` runs them as a local bokeh server app with a slider per weight and bias, every
move re-enumerating exactly. Floats appear only in what is drawn (``# float-ok``); every number shown is
an exact rational. Needs ``pip install "relugeom[explorer]"``.

>>> from relugeom.domain import Domain
>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[1, 1]], [0])])
>>> view = compute_view(net, Domain.box(-2, 2, dim=1), [[-1], ["1/2"], [3 / 2]])
>>> view.summary
'3 activation regions, 3 linear regions, 2 adjacencies; batch functional dimension 3 (bound 3), local dimension 3'
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from .domain import Domain
from .errors import BoundaryError, RelugeomError, ShapeError
from .exact.rational import format_rational
from .graph import linear_regions, region_graph
from .network import ReLUNetwork
from .plot import _polygon, region_colors
from .regions import RegionLimitError, enumerate_regions

__all__ = ["View", "compute_view", "report_html", "make_document", "serve", "MAX_REGIONS", "SLIDER_STEP"]

MAX_REGIONS = 2000  # per view: beyond it the page says so instead of freezing the browser
SLIDER_STEP = Fraction(1, 4)  # slider values are multiples of 1/4: exact as floats and as decimals


def _hex(rgba) -> str:
    return "#" + "".join(f"{round(255 * c):02x}" for c in rgba[:3])  # float-ok: a colour


def _map_text(region) -> str:
    a, c = region.affine_map
    rows = []
    for row, ci in zip(a, c):
        terms = " + ".join(f"{format_rational(w)}·x{j + 1}" for j, w in enumerate(row) if w)
        rows.append((terms + " + " if terms else "") + str(format_rational(ci)))
    return "f(x) = " + "; ".join(rows)


@dataclass
class View:
    """Everything the page draws, computed exactly (floats only in the drawing columns)."""

    regions: dict  # column data for the region glyphs
    nodes: dict  # region graph nodes (at the regions' points)
    edges: dict
    summary: str
    dims: int


def compute_view(net: ReLUNetwork, domain: Domain, inputs: Sequence | None = None) -> View:
    """The regions, region graph and dimensions of ``net`` in ``domain`` (a box or polytope), with ``inputs``."""
    if net.n_inputs not in (1, 2):
        raise ShapeError(f"the explorer draws networks with 1 or 2 inputs, this one has {net.n_inputs}")
    try:
        regions = enumerate_regions(net, domain, max_regions=MAX_REGIONS)
    except RegionLimitError:
        empty = dict(xs=[], ys=[], color=[], pattern=[], point=[], map=[])
        return View(empty, dict(x=[], y=[]), dict(xs=[], ys=[]), f"more than {MAX_REGIONS} regions: not drawn",
                    net.n_inputs)
    graph = region_graph(regions)
    colours = [_hex(c) for c in region_colors(regions)]
    cols = dict(xs=[], ys=[], color=colours, pattern=[], point=[], map=[])
    for r in regions:
        if net.n_inputs == 2:
            corners = _polygon(r)
            cols["xs"].append([float(v[0]) for v in corners])  # float-ok: drawing
            cols["ys"].append([float(v[1]) for v in corners])  # float-ok: drawing
        else:
            lo, hi = sorted(v[0] for v in r.vertices)
            (a,), (c,) = r.affine_map[0][0], r.affine_map[1]
            cols["xs"].append([float(lo), float(hi)])  # float-ok: drawing
            cols["ys"].append([float(a * lo + c), float(a * hi + c)])  # float-ok: drawing
        cols["pattern"].append("|".join("".join(map(str, p)) for p in r.pattern))
        cols["point"].append("(" + ", ".join(str(format_rational(v)) for v in r.point) + ")")
        cols["map"].append(_map_text(r))
    where = [(float(r.point[0]), float(r.point[1]) if net.n_inputs == 2 else 0.0) for r in regions]  # float-ok
    nodes = dict(x=[p[0] for p in where], y=[p[1] for p in where])
    edges = dict(xs=[[where[i][0], where[j][0]] for i, j in graph.edges],
                 ys=[[where[i][1], where[j][1]] for i, j in graph.edges])
    summary = (f"{len(regions)} activation regions, {len(linear_regions(graph))} linear regions, "
               f"{graph.number_of_edges()} adjacencies")
    return View(cols, nodes, edges, summary + _dimension_text(net, inputs), net.n_inputs)


def _dimension_text(net: ReLUNetwork, inputs: Sequence | None) -> str:
    if not inputs:
        return ""
    from .dimension import batch_functional_dimension
    from .generic import local_dimension

    try:
        d = batch_functional_dimension(net, inputs)
    except BoundaryError as exc:
        return f"; the batch functional dimension is undefined here: {exc}"
    local, certified = local_dimension(net, inputs, d.rank)
    return (f"; batch functional dimension {d.rank} (bound {d.bound}), local dimension {local}"
            + ("" if certified else " (lower bound)"))


def _parameter_picture(net: ReLUNetwork, inputs: Sequence | None) -> str:
    """For a 1-1-1 or 1-m-1 network with a batch: the cells of (W1[0,0], b1[0]) as an inline PNG, else ''."""
    arch = net.architecture
    if not inputs or len(arch) != 3 or arch[0] != 1 or arch[2] != 1:
        return ""
    from .parameter_space import parameter_partition
    from .plot import plot_parameter_cells

    try:
        part = parameter_partition(net, inputs, 1, ["W1[0,0]", "b1[0]"], Domain.box(-3, 3, dim=2), method="lifted",
                                   max_cells=400)
    except RelugeomError as exc:
        return f"<p>parameter-space picture not drawn: {exc}</p>"
    buf = io.BytesIO()
    plot_parameter_cells(part).savefig(buf, format="png", dpi=80, bbox_inches="tight")
    data = base64.b64encode(buf.getvalue()).decode()
    return (f"<p><b>Parameter space</b> of neuron 0 (W1[0,0], b1[0]; the other parameters at θ): "
            f"{part.count} cells, coloured by local dimension</p><img alt='parameter cells' "
            f"src='data:image/png;base64,{data}' width='420'>")


def _figures(view: View, title: str):
    from bokeh.models import ColumnDataSource, HoverTool
    from bokeh.plotting import figure

    source = ColumnDataSource(view.regions, name="regions")
    plot = figure(title=title, width=520, height=480, match_aspect=view.dims == 2, name="regions_plot",
                  x_axis_label="x1" if view.dims == 2 else "x", y_axis_label="x2" if view.dims == 2 else "f(x)")
    if view.dims == 2:
        glyph = plot.patches("xs", "ys", source=source, fill_color="color", line_color="gray", line_width=0.6)
    else:
        glyph = plot.multi_line("xs", "ys", source=source, line_color="color", line_width=4)
    plot.add_tools(HoverTool(renderers=[glyph], tooltips=[("pattern", "@pattern"), ("interior point", "@point"),
                                                          ("affine map", "@map")]))
    nodes, edges = ColumnDataSource(view.nodes, name="nodes"), ColumnDataSource(view.edges, name="edges")
    ranges = dict(x_range=plot.x_range, y_range=plot.y_range) if view.dims == 2 else dict(x_range=plot.x_range)
    graph = figure(title="region graph (nodes at the regions' points)", width=420, height=480, name="graph_plot",
                   **ranges)
    graph.multi_line("xs", "ys", source=edges, line_color="gray")
    graph.scatter("x", "y", source=nodes, size=7, color="black")
    return plot, graph, source, nodes, edges


def _layout(net: ReLUNetwork, domain: Domain, inputs: Sequence | None, title: str, sliders: list | None = None):
    from bokeh.layouts import column, row
    from bokeh.models import Div

    view = compute_view(net, domain, inputs)
    plot, graph, source, nodes, edges = _figures(view, title)
    summary = Div(text=view.summary, name="summary", styles={"font-size": "15px"})
    picture = Div(text=_parameter_picture(net, inputs), name="parameters")
    parts = [summary, row(plot, graph)]
    if sliders:
        parts.insert(1, row(*[column(*sliders[k:k + 6]) for k in range(0, len(sliders), 6)]))
    parts.append(picture)
    return column(*parts), (source, nodes, edges, summary, picture)


def report_html(net: ReLUNetwork, domain: Domain, inputs: Sequence | None = None, title: str = "relugeom") -> str:
    """One self-contained HTML page (bokeh's JavaScript and CSS inlined, no server, opens offline)."""
    from bokeh.embed import file_html
    from bokeh.resources import INLINE

    layout, _ = _layout(net, domain, inputs, title)
    return file_html(layout, INLINE, title=title)


def make_document(net: ReLUNetwork, domain: Domain, inputs: Sequence | None = None, title: str = "relugeom"):
    """A bokeh server app: the page of :func:`report_html` plus a slider per weight and bias; moving one
    re-enumerates the regions and recomputes the dimensions exactly (slider values are multiples of 1/4)."""
    from bokeh.models import Slider

    names = net.parameter_names()
    state = {"theta": list(net.parameters())}

    def app(doc) -> None:
        sliders = []
        for k, (name, value) in enumerate(zip(names, state["theta"])):
            lo, hi = min(-3, int(value) - 1), max(3, int(value) + 1)
            sliders.append(Slider(start=lo, end=hi, value=float(value), step=float(SLIDER_STEP),  # float-ok
                                  title=name, name=f"slider_{k}", width=150))
        layout, (source, nodes, edges, summary, picture) = _layout(net, domain, inputs, title, sliders)

        def changed(k: int):
            def update(attr, old, new) -> None:
                theta = list(state["theta"])
                theta[k] = Fraction(str(new))  # a slider value is a multiple of 1/4: its decimal is exact
                state["theta"] = theta
                current = net.with_parameters(theta)
                view = compute_view(current, domain, inputs)
                source.data, nodes.data, edges.data = view.regions, view.nodes, view.edges
                summary.text = view.summary
                picture.text = _parameter_picture(current, inputs)
            return update

        for k, slider in enumerate(sliders):
            slider.on_change("value_throttled", changed(k))
        doc.add_root(layout)
        doc.title = title

    return app


def serve(net: ReLUNetwork, domain: Domain, inputs: Sequence | None = None, port: int = 5006,
          show: bool = True, title: str = "relugeom") -> None:  # pragma: no cover - runs until stopped
    """Serve :func:`make_document` on ``http://localhost:PORT/`` until interrupted."""
    from bokeh.server.server import Server

    server = Server({"/": make_document(net, domain, inputs, title)}, port=port,
                    allow_websocket_origin=[f"localhost:{port}", f"127.0.0.1:{port}"])
    server.start()
    print(f"relugeom explore: http://localhost:{port}/ (Ctrl-C to stop)", flush=True)
    if show:
        server.io_loop.add_callback(server.show, "/")
    try:
        server.io_loop.start()
    finally:  # Ctrl-C, SIGTERM or --timeout: release the port and the loop
        server.stop()
        server.unlisten()
