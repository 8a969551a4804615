"""Tests of relugeom.plot: files are valid PNGs, one polygon / segment per region, shape errors."""

from fractions import Fraction

import matplotlib.image
import pytest
from matplotlib.patches import Polygon

from relugeom.domain import Domain
from relugeom.errors import ShapeError
from relugeom.network import ReLUNetwork
from relugeom.plot import plot, plot_function_1d, plot_regions_2d, region_color
from relugeom.regions import enumerate_regions

NET_2D = ReLUNetwork.from_arrays([
    ([[1, 0], [0, 1], [1, -1]], [0, 0, "1/2"]),
    ([[1, -1, 1], [-1, 2, 1]], [-1, 0]),
    ([[1, -1]], [0]),
])
NET_1D = ReLUNetwork.from_arrays([([[1], [-1], [2], [1]], [0, 1, -1, -2]), ([[1, -2, 1, -1]], [0])])


def _png(path):
    assert path.exists() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = matplotlib.image.imread(path)
    assert image.ndim == 3 and image.shape[0] > 100 and image.shape[1] > 100 and image.shape[2] in (3, 4)
    return image


def test_regions_2d_png_and_one_polygon_per_region(tmp_path):
    regions = enumerate_regions(NET_2D, Domain.box(-2, 2, dim=2))
    assert len(regions) > 4
    path = tmp_path / "regions.png"
    fig = plot_regions_2d(regions, path, samples=[[0, 0], ["1/2", "-3/2"], [1.25, 1]])
    _png(path)
    ax = fig.axes[0]
    polygons = [p for p in ax.patches if isinstance(p, Polygon)]
    assert len(polygons) == len(regions)
    assert ax.get_xlim() == (-2.0, 2.0) and ax.get_ylim() == (-2.0, 2.0)
    from matplotlib.collections import PathCollection

    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]  # the others: zero sets by layer
    assert len(scatters) == 1 and len(scatters[0].get_offsets()) == 3


def test_polygons_tile_the_box():
    regions = enumerate_regions(NET_2D, Domain.box(-2, 2, dim=2))
    fig = plot_regions_2d(regions)

    def area(xy):  # shoelace on the drawn (float) polygon: positive = counter-clockwise
        pts = list(xy[:-1]) if tuple(xy[0]) == tuple(xy[-1]) else list(xy)
        return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1])) / 2

    areas = [area(p.get_xy()) for p in fig.axes[0].patches]
    assert all(a > 0 for a in areas)
    assert sum(areas) == pytest.approx(16)


def test_polygon_domain_and_colors_are_deterministic():
    domain = Domain.polytope([[-1, 0], [0, -1], [1, 1]], [0, 0, 3])
    regions = enumerate_regions(NET_2D, domain)
    ax = plot_regions_2d(regions, title="triangle", colors="hash").axes[0]
    assert len(ax.patches) == len(regions) and ax.get_title() == "triangle"
    assert ax.get_xlim() == (0.0, 3.0)
    assert [p.get_facecolor() for p in ax.patches] == [region_color(r.pattern) for r in regions]


def test_function_1d_png_and_one_segment_per_region(tmp_path):
    regions = enumerate_regions(NET_1D, Domain.box(-3, 4, dim=1))
    path = tmp_path / "f.png"
    fig = plot_function_1d(regions, path, samples=[-2, "1/3", [Fraction(5, 2)]])
    _png(path)
    ax = fig.axes[0]
    assert len(ax.lines) == len(regions) == 5
    for line in ax.lines:  # every segment joins two points of the graph of f
        for x, y in zip(*line.get_data()):
            assert y == pytest.approx(float(NET_1D.forward([Fraction(x)])[0]))
    breaks = ax.collections[0].get_segments()
    assert sorted(s[0][0] for s in breaks) == pytest.approx([0, 0.5, 1, 2])
    samples = ax.collections[1].get_offsets()
    assert samples[1][1] == pytest.approx(float(NET_1D.forward([Fraction(1, 3)])[0]))


def test_plot_dispatches(tmp_path):
    fig1 = plot(enumerate_regions(NET_1D, Domain.box(-3, 4, dim=1)), tmp_path / "a.png")
    fig2 = plot(enumerate_regions(NET_2D, Domain.box(-1, 1, dim=2)), tmp_path / "b.png")
    assert len(fig1.axes[0].lines) == 5
    assert fig2.axes[0].patches and not fig2.axes[0].lines
    assert (tmp_path / "a.png").exists() and (tmp_path / "b.png").exists()


def test_shape_errors():
    with pytest.raises(ShapeError, match="2 inputs.*plot_function_1d"):
        plot_regions_2d(enumerate_regions(NET_1D, Domain.box(-1, 1, dim=1)))
    with pytest.raises(ShapeError, match="unbounded.*need a box"):
        plot_regions_2d(enumerate_regions(NET_2D))
    with pytest.raises(ShapeError, match="1 input and 1 output"):
        plot_function_1d(enumerate_regions(NET_2D, Domain.box(-1, 1, dim=2)))
    two_outputs = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1], [1, 0]], [0, 0])])
    with pytest.raises(ShapeError, match="2 outputs"):
        plot_function_1d(enumerate_regions(two_outputs, Domain.box(-1, 1, dim=1)))
    with pytest.raises(ShapeError, match="unbounded"):
        plot_function_1d(enumerate_regions(NET_1D))
    three = ReLUNetwork.from_arrays([([[1, 2, 3]], [0]), ([[1]], [0])])
    with pytest.raises(ShapeError, match="1 or 2 inputs"):
        plot(enumerate_regions(three, Domain.box(-1, 1, dim=3)))


@pytest.mark.parametrize("seed", range(6))
def test_adjacent_regions_never_share_a_colour(seed):
    """Issue 13 item 1: the default colours come from a colouring of the region graph."""
    import random

    from relugeom.graph import region_graph

    rng = random.Random(seed)
    net = ReLUNetwork.from_arrays([([[rng.randint(-3, 3) for _ in range(2)] for _ in range(5)],
                                    [rng.randint(-2, 2) for _ in range(5)]),
                                   ([[rng.randint(-2, 2) for _ in range(5)] for _ in range(3)], [1, 0, -1]),
                                   ([[1, 1, 1]], [0])])
    regions = enumerate_regions(net, Domain.box(-3, 3, dim=2))
    colours = [p.get_facecolor() for p in plot_regions_2d(regions, zero_sets=False).axes[0].patches]
    edges = list(region_graph(regions).edges)
    assert edges and all(colours[i] != colours[j] for i, j in edges)


def test_labels_zero_sets_by_layer_and_heat_map(tmp_path):
    from matplotlib.collections import LineCollection

    from relugeom.plot import plot_heatmap_2d

    regions = enumerate_regions(NET_2D, Domain.box(-2, 2, dim=2))
    ax = plot_regions_2d(regions, labels=True).axes[0]
    texts = {t.get_text() for t in ax.texts}
    assert texts == {"|".join("".join(map(str, p)) for p in r.pattern) for r in regions}
    layers = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert [c.get_label() for c in layers] == [f"zero sets, layer {k}" for k in range(1, len(layers) + 1)]
    assert len(layers) == NET_2D.depth - 1 and len({tuple(map(str, c.get_linestyle())) for c in layers}) == len(layers)
    path = tmp_path / "heat.png"
    fig = plot_heatmap_2d(regions, path, samples=[[0, 0], [5, 5]])
    _png(path)
    assert len(fig.axes) == 2 and fig.axes[0].collections  # the shaded mesh and the colour bar


def test_samples_outside_the_box_are_reported(tmp_path, capsys):
    from relugeom.cli import main

    net, samples = tmp_path / "net.json", tmp_path / "x.json"
    NET_2D.save(net)
    samples.write_text('{"inputs": [[0, 0], [5, 0], [1, 1], [0, -9]]}')
    assert main(["plot", str(net), "--box", "2", "--inputs", str(samples), "-o", str(tmp_path / "p.png")]) == 0
    assert "2 of 4 samples lie outside the box and are not drawn (samples 1, 3)" in capsys.readouterr().out
    assert main(["plot", str(net), "--box", "2", "--inputs", str(samples), "-o", str(tmp_path / "p.png"),
                 "--json", "--heatmap", "--labels"]) == 0
    assert '"samples_outside": [1, 3]' in capsys.readouterr().out
