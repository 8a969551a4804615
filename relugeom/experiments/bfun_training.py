"""``bfun-training``: the batch functional dimension during training (after arXiv:2402.08269), exactly.

A 64-16-16-10 MLP trained by SGD on scikit-learn's 8×8 digits, and a 1-16-16-1 MLP on a 1-D regression
toy (sin 3x). At each checkpoint the exact rank of the parameter Jacobian (certified) is computed on a
training batch, a test batch and a Gaussian batch, beside numpy's float rank of the same matrix (default
tolerance, as in the authors' code), the bound min(N − H, n_L·n) and the per-region bound.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..dimension import batch_functional_dimension
from ..errors import BoundaryError, RelugeomError
from ..exact.rational import binary_value, format_rational
from ..jacobian import jacobian
from .sweep import experiment_report, sweep
from .training import train

__all__ = ["QUESTION", "run", "SETUPS"]

QUESTION = ("does the batch functional dimension decrease during training, and does it differ between training, "
            "test and Gaussian inputs?")

# name: (architecture, steps, checkpoints, batch size n) for quick and full runs
SETUPS = {
    "quick": {"digits": ((64, 16, 16, 10), 300, (0, 100, 300), 12), "toy": ((1, 16, 16, 1), 600, (0, 200, 600), 16)},
    "full": {"digits": ((64, 16, 16, 10), 3000, (0, 100, 300, 1000, 3000), 30),
             "toy": ((1, 16, 16, 1), 6000, (0, 200, 600, 2000, 6000), 40)},
}


def _data(name: str, seed: int):
    rng = np.random.default_rng(seed + 1)
    if name == "digits":
        try:
            from sklearn.datasets import load_digits
        except ImportError:
            raise RelugeomError('bfun-training needs scikit-learn for its digits: pip install "relugeom[experiments]"') \
                from None
        digits = load_digits()
        x = (digits.data / 16).astype(np.float32)
        y = np.eye(10, dtype=np.float32)[digits.target]
        order = rng.permutation(len(x))
        x, y = x[order], y[order]
        return x[:1200], y[:1200], x[1200:], rng.standard_normal((400, 64)).astype(np.float32)
    x = np.linspace(-1, 1, 97, dtype=np.float32)[:, None]
    y = np.sin(3 * x).astype(np.float32)
    return x[::2], y[::2], x[1::2], rng.standard_normal((48, 1)).astype(np.float32)


def _batch_ranks(net, batch: np.ndarray) -> dict:
    exact = [[binary_value(v) for v in row] for row in batch]  # each float32 as the rational it is
    try:
        d = batch_functional_dimension(net, exact)
        matrix = np.array([[float(v) for v in row] for row in jacobian(net, exact).matrix])  # float-ok: the float rank
    except BoundaryError as exc:
        return {"rank": None, "float_rank": None, "n": len(batch), "error": str(exc)}
    float_rank = int(np.linalg.matrix_rank(matrix))  # float-ok: the authors' float rank, reported beside the exact one
    return {"rank": d.rank, "float_rank": float_rank, "n": len(batch), "bound": d.bound,
            "region_bound": d.region_bound}


def _run_setup(name: str, setup: tuple, seed: int, save: Path | None, executor: object, progress: bool) -> dict:
    arch, steps, marks, n = setup
    x_train, y_train, x_test, gauss = _data(name, seed)
    batches = {"train": x_train[:n], "test": x_test[:n], "gaussian": gauss[:n]}
    run = train(arch, x_train, y_train, steps, marks, seed=seed)
    ranks = iter(sweep(_batch_ranks, [(c.network, x) for c in run for x in batches.values()], executor, progress,
                       desc=f"bfun-training: {name}"))
    checkpoints = []
    for c in run:
        checkpoints.append({"step": c.step, "loss": round(c.loss, 6), "n_params": c.network.n_params,
                            "n_minus_h": c.network.n_params - c.network.n_hidden,
                            "batches": {b: next(ranks) for b in batches}})
        if save is not None:
            c.network.save(save / f"step-{c.step}.json")
    if save is not None:
        for b, x in batches.items():
            (save / f"{b}.inputs.json").write_text(json.dumps(
                {"inputs": [[format_rational(binary_value(v)) for v in row] for row in x]}) + "\n")  # exact
    return {"architecture": list(arch), "steps": steps, "checkpoints": checkpoints}


def run(quick: bool = False, seed: int = 0, save: str | Path | None = None, figure: str | Path | None = None,
        executor: object = None, progress: bool = False) -> dict:
    """The experiment's JSON report: the digits run's checkpoints at the top (``checkpoints``), the toy's
    under ``toy``; with ``save``, each checkpoint's network as ``DIR/step-<k>.json`` and each batch as
    ``DIR/<name>.inputs.json`` (the toy's in ``DIR/toy/``), in the formats ``relugeom dim`` reads. The
    ranks of each checkpoint and batch are independent tasks (``executor``, :func:`.sweep.sweep`)."""
    setups = SETUPS["quick" if quick else "full"]
    root = Path(save) if save is not None else None
    runs = {}
    for name, setup in setups.items():
        where = None if root is None else (root if name == "digits" else root / name)
        if where is not None:
            where.mkdir(parents=True, exist_ok=True)
        runs[name] = _run_setup(name, setup, seed, where, executor, progress)
    return experiment_report("bfun-training", seed, quick, QUESTION, figure, _figure,
                             architecture=runs["digits"]["architecture"], checkpoints=runs["digits"]["checkpoints"],
                             toy=runs["toy"])


def _figure(report: dict, path) -> None:
    from ..plot import new_figure, save_figure

    fig = new_figure((11, 4))
    for ax, (title, checkpoints) in zip(fig.subplots(1, 2), (("digits 64-16-16-10", report["checkpoints"]),
                                                             ("1-D toy 1-16-16-1", report["toy"]["checkpoints"]))):
        steps = [c["step"] for c in checkpoints]
        for k, name in enumerate(("train", "test", "gaussian")):
            ax.plot(steps, [c["batches"][name]["rank"] for c in checkpoints], "o-", color=f"C{k}",
                    label=f"{name} (exact)")
            ax.plot(steps, [c["batches"][name]["float_rank"] for c in checkpoints], "x", color=f"C{k}",
                    markersize=9, label=f"{name} (float rank)")
        ax.axhline(checkpoints[0]["batches"]["train"]["bound"], color="gray", linestyle=":", label="bound")
        ax.set_xlabel("SGD step")
        ax.set_ylabel("batch functional dimension")
        ax.set_title(title)
        ax.legend(fontsize=7)
    save_figure(fig, path, dpi=110)
