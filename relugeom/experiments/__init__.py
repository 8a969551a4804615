"""Replays of the seed papers' experiments, exact and small (docs/experiments.md): one module per experiment,
each with ``run(quick, seed, save=None, figure=None, executor=None, progress=False) -> dict`` and a one-line ``QUESTION``.

>>> sorted(EXPERIMENTS)
['bfun-training', 'cfun-vs-params', 'float-vs-exact', 'straight-interpolation']
"""

from __future__ import annotations

from . import bfun_training, cfun_vs_params, float_vs_exact, straight_interpolation

__all__ = ["EXPERIMENTS", "get_experiment"]

EXPERIMENTS = {"bfun-training": bfun_training, "cfun-vs-params": cfun_vs_params, "float-vs-exact": float_vs_exact,
               "straight-interpolation": straight_interpolation}


def get_experiment(name: str):
    """The module of experiment ``name``; a clear error for an unknown one."""
    from ..errors import RelugeomError

    if name not in EXPERIMENTS:
        raise RelugeomError(f"unknown experiment {name!r}; known: {', '.join(sorted(EXPERIMENTS))} "
                            "(relugeom experiment list)")
    return EXPERIMENTS[name]
