"""``straight-interpolation``: is the network output between pairs of training samples nearly straight, and
does SGD make it straighter (after arXiv:1903.01997)? For 64-w-w-10 MLPs on the digits, over a width sweep,
the exact restriction of f to segments between pairs of training samples (``relugeom segment``) at
initialisation and after SGD: breakpoints, kinks, the mean squared gradient jump, GGD² and GGD² relative to
the squared secant ‖f(x') − f(x)‖² (scale-free: 0 iff f is affine on the segment; docs/theory.md §2.7).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np

from ..segments import gradient_jumps, restrict_to_segment, segment_measures
from ..exact.rational import binary_value
from .bfun_training import _data
from .sweep import experiment_report, sweep_trained
from .training import train

__all__ = ["QUESTION", "run", "SWEEPS"]

QUESTION = ("is f nearly affine between pairs of training samples, and is it straighter after SGD than at "
            "initialisation, across widths?")

SWEEPS = {"quick": dict(widths=(4, 8), steps=300, pairs=6), "full": dict(widths=(4, 8, 16, 32), steps=2000, pairs=30)}


def _mean(values: list) -> Fraction | None:
    values = [v for v in values if v is not None]
    return sum(values, Fraction(0)) / len(values) if values else None


def _stats(net, pairs: list) -> dict:
    rows = []
    for x, y in pairs:
        r = restrict_to_segment(net, x, y)
        m = segment_measures(r)
        secant = sum(v * v for v in m.secant_slope)
        rows.append((len(r.breakpoints), len(r.kinks), gradient_jumps(r).mean_norm_sq, m.gradient_gap_deviation_sq,
                     m.gradient_gap_deviation_sq / secant if secant else None))
    means = [_mean([Fraction(row[k]) if row[k] is not None else None for row in rows]) for k in range(5)]
    names = ("breakpoints_mean", "kinks_mean", "jump_norm_sq_mean", "ggd_sq_mean", "ggd_relative_mean")
    out = {name: (None if m is None else (str(m.numerator) if m.denominator == 1 else f"{m.numerator}/{m.denominator}"))
           for name, m in zip(names, means)}
    out["approx"] = {name: (None if m is None else float(m)) for name, m in zip(names, means)}  # float-ok: display
    return out


def width_point(w: int, steps: int, pairs: int, seed: int) -> dict:
    """One width of the sweep: 64-w-w-10 trained ``steps`` SGD steps, its segment statistics over ``pairs``
    pairs of training samples (drawn from ``seed``) at step 0 and after training."""
    x_train, y_train, _, _ = _data("digits", seed)
    rng = np.random.default_rng(seed + 2)
    idx = rng.choice(len(x_train), size=(pairs, 2), replace=False)
    ends = [([binary_value(v) for v in x_train[i]], [binary_value(v) for v in x_train[j]]) for i, j in idx]
    arch = (64, w, w, 10)
    first, last = train(arch, x_train, y_train, steps, (0, steps), seed=seed)
    return {"width": w, "architecture": list(arch), "pairs": pairs, "steps": steps,
            "init": _stats(first.network, ends), "trained": _stats(last.network, ends),
            "loss": {"init": round(first.loss, 6), "trained": round(last.loss, 6)},
            "_networks": (first.network, last.network)}


def run(quick: bool = False, seed: int = 0, save: str | Path | None = None, figure: str | Path | None = None,
        executor: object = None, progress: bool = False) -> dict:
    """Per width: the segment statistics at step 0 and after SGD, each the exact mean over the same pairs
    (each width an independent task: ``executor``, :func:`.sweep.sweep`)."""
    sw = SWEEPS["quick" if quick else "full"]
    widths = sweep_trained(width_point, [(w, sw["steps"], sw["pairs"], seed) for w in sw["widths"]], executor,
                           progress, "straight-interpolation", save, lambda r: f"width-{r['width']}")
    return experiment_report("straight-interpolation", seed, quick, QUESTION, figure, _figure, widths=widths)


def _figure(report: dict, path) -> None:
    from ..plot import new_figure, save_figure

    fig = new_figure((10, 3.8))
    ws = [r["width"] for r in report["widths"]]
    for ax, key, label in zip(fig.subplots(1, 2), ("breakpoints_mean", "ggd_relative_mean"),
                              ("mean breakpoints per segment", "mean GGD² / ‖f(x′) − f(x)‖²")):
        for when, style in (("init", "o--"), ("trained", "s-")):
            ax.plot(ws, [r[when]["approx"][key] for r in report["widths"]], style, label=when)
        ax.set_xscale("log", base=2)
        ax.set_xlabel("width w (64-w-w-10)")
        ax.set_ylabel(label)
        ax.legend()
    save_figure(fig, path, dpi=110)
