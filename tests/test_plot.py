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
    assert len(ax.collections) == 1 and len(ax.collections[0].get_offsets()) == 3


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
    ax = plot_regions_2d(regions, title="triangle").axes[0]
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
