"""Where numpy's ``matrix_rank`` and the certified exact rank of the same matrix disagree."""  # float-ok: under test

# numpy's rank (default tolerance: the authors' method) is the figure this experiment checks, reported
# beside the exact rank, never in its place: over every checkpoint and batch Jacobian of ``bfun-training``
# and every M(θ) of ``cfun-vs-params``.

from __future__ import annotations

from pathlib import Path

from . import bfun_training, cfun_vs_params
from .sweep import experiment_report

__all__ = ["QUESTION", "run"]

QUESTION = "how often is the float rank of the authors' method wrong on these matrices, and by how much?"


def run(quick: bool = False, seed: int = 0, save: str | Path | None = None, figure: str | Path | None = None,
        executor: object = None, progress: bool = False) -> dict:
    """Counts and examples of disagreements (``float_rank ≠ rank``) over the runs of ``bfun-training``
    (batch Jacobians) and ``cfun-vs-params`` (the matrices M(θ)); ``compared`` counts the matrices."""
    options = dict(quick=quick, seed=seed, executor=executor, progress=progress)
    base = bfun_training.run(save=save, **options)
    cfun = cfun_vs_params.run(**options)
    cases = [({"run": run_name, "step": c["step"], "batch": batch, "n": r["n"]}, r)
             for run_name, checkpoints in (("digits", base["checkpoints"]), ("toy", base["toy"]["checkpoints"]))
             for c in checkpoints for batch, r in c["batches"].items() if r["rank"] is not None]
    cases += [({"run": "cfun-vs-params", "architecture": r["architecture"], "seed": r["seed"],
                "step": 0 if when == "init" else r["steps"], "matrix": "M(θ)"}, r[when])
              for r in cfun["networks"] for when in ("init", "trained")]
    disagreements = [dict(where, rank=r["rank"], float_rank=r["float_rank"])
                     for where, r in cases if r["float_rank"] != r["rank"]]
    return experiment_report("float-vs-exact", seed, quick, QUESTION, compared=len(cases),
                             disagreements=disagreements, count=len(disagreements),
                             by_run={name: sum(w["run"] == name for w, _ in cases)
                                     for name in ("digits", "toy", "cfun-vs-params")})
