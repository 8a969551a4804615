"""``cfun-vs-params``: the computable full functional dimension against the parameter count (after
arXiv:2402.08269), exactly. For d-w-w-1 MLPs with d ≤ 3, over a width sweep and several seeds, every
activation region of R^d is enumerated exactly, and dim_cfun(θ) = rank M(θ) (docs/theory.md §2.4) is
computed at initialisation and after SGD on a d-dimensional regression toy, beside N − H (its upper
bound), numpy's float rank of the same M(θ), and the hidden neurons that are inactive (or active) on all
of R^d, which explain most deficits.

>>> r = point(1, 2, 0, 20)
>>> r["init"]["rank"] <= r["n_minus_h"], r["trained"]["regions"] >= 1
(True, True)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..generic import full_dimension_rows
from ..exact.linalg import rank
from ..regions import enumerate_regions
from .sweep import experiment_report, sweep_trained
from .training import train

__all__ = ["QUESTION", "run", "point", "SWEEPS"]

QUESTION = ("does the computable full functional dimension stay close to N − H, at initialisation and after "
            "training, across widths?")

# (input dimension, widths) rows, seeds per network, SGD steps
SWEEPS = {"quick": dict(grid=((1, (2, 4, 8)), (2, (2, 4, 8)), (3, (2, 4))), seeds=2, steps=300),
          "full": dict(grid=((1, (2, 4, 8, 16, 32)), (2, (2, 4, 8, 12, 16)), (3, (2, 4, 8, 12))), seeds=4,
                       steps=2000)}


def _data(d: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """256 points of [−1, 1]^d and y = sin 3x₁ + ½ Σ_{k>1} x_k² (float32)."""
    x = np.random.default_rng(seed + 7).uniform(-1, 1, (256, d)).astype(np.float32)
    y = np.sin(3 * x[:, :1]) + 0.5 * np.sum(x[:, 1:] ** 2, axis=1, keepdims=True)
    return x, y.astype(np.float32)


def _measure(net) -> dict:
    regions = enumerate_regions(net).regions
    rows = full_dimension_rows(net, regions)
    exact = rank(rows).rank
    matrix = np.array([[float(v) for v in row] for row in rows])  # float-ok: the float rank, reported beside
    float_rank = int(np.linalg.matrix_rank(matrix))  # float-ok: numpy's default tolerance, as the authors'
    sizes = [len(layer) for layer in regions[0].pattern]
    on = [[any(r.pattern[k][i] for r in regions) for i in range(n)] for k, n in enumerate(sizes)]
    off = [[any(not r.pattern[k][i] for r in regions) for i in range(n)] for k, n in enumerate(sizes)]
    bound = min(net.n_params - net.n_hidden, len(rows))  # each region gives n_L (d + 1) rows
    return {"rank": exact, "float_rank": float_rank, "regions": len(regions), "region_bound": bound,
            "dead_neurons": sum(not a for layer in on for a in layer),
            "always_active_neurons": sum(not a for layer in off for a in layer)}


def point(d: int, w: int, seed: int, steps: int) -> dict:
    """One network of the sweep: d-w-w-1 from ``seed``, measured at step 0 and after ``steps`` SGD steps:
    ``rank`` (dim_cfun), ``float_rank``, ``regions`` (of R^d), ``region_bound`` = min(N − H, rows of M(θ)),
    and the neurons inactive (``dead_neurons``) or active (``always_active_neurons``) on all of R^d."""
    x, y = _data(d, seed)
    arch = (d, w, w, 1)
    first, last = train(arch, x, y, steps, (0, steps), seed=seed)
    n = first.network
    return {"architecture": list(arch), "seed": seed, "steps": steps, "n_params": n.n_params,
            "n_minus_h": n.n_params - n.n_hidden, "loss": {"init": round(first.loss, 6), "trained": round(last.loss, 6)},
            "init": _measure(first.network), "trained": _measure(last.network), "_networks": (first.network,
                                                                                               last.network)}


def run(quick: bool = False, seed: int = 0, save: str | Path | None = None, figure: str | Path | None = None,
        executor: object = None, progress: bool = False) -> dict:
    """One entry per (d, w, seed) under ``networks``, in sweep order; the same report on any executor."""
    sw = SWEEPS["quick" if quick else "full"]
    tasks = [(d, w, seed + k, sw["steps"]) for d, widths in sw["grid"] for w in widths for k in range(sw["seeds"])]
    networks = sweep_trained(point, tasks, executor, progress, "cfun-vs-params", save,
                             lambda r: "-".join(map(str, r["architecture"])) + f"-seed-{r['seed']}")
    return experiment_report("cfun-vs-params", seed, quick, QUESTION, figure, _figure, networks=networks)


def _figure(report: dict, path) -> None:
    from ..plot import new_figure, save_figure

    fig = new_figure((11, 3.8))
    dims = sorted({r["architecture"][0] for r in report["networks"]})
    axes = fig.subplots(1, len(dims), squeeze=False)[0]
    for ax, d in zip(axes, dims):
        rows = [r for r in report["networks"] if r["architecture"][0] == d]
        ws = [r["architecture"][1] for r in rows]
        ax.axhline(1, color="gray", linestyle=":", label="N − H")
        for when, style in (("init", "o"), ("trained", "s")):
            ax.plot(ws, [r[when]["rank"] / r["n_minus_h"] for r in rows], style, alpha=0.6, label=when)
        ax.plot(ws, [r["init"]["region_bound"] / r["n_minus_h"] for r in rows], "k_", markersize=12,
                label="region bound (init)")
        ax.set_xscale("log", base=2)
        ax.set_xticks(sorted(set(ws)), [str(w) for w in sorted(set(ws))])
        ax.set_xlabel(f"width w ({d}-w-w-1)")
        if ax is axes[0]:
            ax.set_ylabel("dim_cfun / (N − H)")
        ax.set_ylim(0, 1.05)
        ax.legend(fontsize=7)
    save_figure(fig, path, dpi=110)
