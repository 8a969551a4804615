"""Where numpy's ``matrix_rank`` (default tolerance: the authors' method) and the certified exact rank of
the same Jacobian disagree, over every checkpoint and batch of ``bfun-training`` (experiment
``float-vs-exact``)."""

from __future__ import annotations

from pathlib import Path

from . import bfun_training

__all__ = ["QUESTION", "run"]

QUESTION = "how often is the float rank of the authors' method wrong on these Jacobians, and by how much?"


def run(quick: bool = False, seed: int = 0, save: str | Path | None = None, figure: str | Path | None = None) -> dict:
    """Counts and examples of disagreements (``float_rank ≠ rank``) over the runs of ``bfun-training``."""
    base = bfun_training.run(quick=quick, seed=seed, save=save)
    compared, disagreements = 0, []
    for run_name, checkpoints in (("digits", base["checkpoints"]), ("toy", base["toy"]["checkpoints"])):
        for c in checkpoints:
            for batch, r in c["batches"].items():
                if r["rank"] is None:
                    continue
                compared += 1
                if r["float_rank"] != r["rank"]:
                    disagreements.append({"run": run_name, "step": c["step"], "batch": batch, "rank": r["rank"],
                                          "float_rank": r["float_rank"], "n": r["n"]})
    return {"experiment": "float-vs-exact", "seed": seed, "quick": quick, "question": QUESTION,
            "compared": compared, "disagreements": disagreements, "count": len(disagreements)}
