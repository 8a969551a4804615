"""Regenerate every figure shown in docs/tutorial.md (deterministic: exact regions, fixed samples).

    python docs/make_figures.py            # writes docs/figures/*.png
    python docs/make_figures.py OUT_DIR    # writes them elsewhere

The networks and samples are the tutorial's own (sections 1, 3, 5 and 6).
"""

from __future__ import annotations

import sys
from fractions import Fraction as F
from pathlib import Path

from relugeom import Domain, ReLUNetwork, enumerate_regions
from relugeom.parameter_space import parameter_partition
from relugeom.plot import plot_function_1d, plot_parameter_cells, plot_regions_2d

FIGURES = Path(__file__).resolve().parent / "figures"

# Section 1: the 2-3-2-1 network; section 3: its 64-point sample.
NET = ReLUNetwork.from_arrays([
    ([[1, 1], [1, -1], ["1/2", 2]], [0, "1/2", -1]),
    ([[1, -1, 1], [-1, "1/2", 1]], ["-1/4", 1]),
    ([[1, 2]], ["-1/2"]),
])
GRID = [[F(i, 2) + F(1, 7), F(j, 2) + F(1, 11)] for i in range(-4, 4) for j in range(-4, 4)]

# Section 5: f(x) = 3 relu(x) + 2 relu(1 - x) + 1 and its six samples.
SHALLOW = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])
SAMPLES = [[-3], [-2], ["1/2"], ["3/4"], [2], [3]]

# Section 6: relu(w x + b) (v = 1, c = 0) on x = 0, 1, 2; and the two biases of SHALLOW.
RELU = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])


def main(out_dir: str | Path = FIGURES) -> list[Path]:
    """Write regions.png, function_1d.png, params_111.png and params_121.png into ``out_dir``; return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    regions_png, function_png = out / "regions.png", out / "function_1d.png"
    plot_regions_2d(enumerate_regions(NET, Domain.box(-2, 2, dim=2)), regions_png, samples=GRID,
                    title="12 activation regions of a 2-3-2-1 network, 64 samples")
    plot_function_1d(enumerate_regions(SHALLOW, Domain.box(-4, 4, dim=1)), function_png, samples=SAMPLES,
                     title="f(x) = 3 relu(x) + 2 relu(1 − x) + 1, six samples")
    params_111, params_121 = out / "params_111.png", out / "params_121.png"
    plot_parameter_cells(parameter_partition(RELU, [[0], [1], [2]], 1, domain=Domain.box(-3, 3, dim=2)), params_111,
                         title="relu(w x + b) on x = 0, 1, 2: the (w, b) plane by local dimension")
    plot_parameter_cells(parameter_partition(SHALLOW, SAMPLES, 1, ["b1[0]", "b1[1]"], Domain.box(-4, 4, dim=2),
                                             method="lifted"), params_121,
                         title="3 relu(x + b1) + 2 relu(−x + b2) + 1: the bias plane by local dimension")
    return [regions_png, function_png, params_111, params_121]


if __name__ == "__main__":
    for path in main(*sys.argv[1:2]):
        print(path)
