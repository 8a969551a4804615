"""The experiments' sweeps: independent tasks run here or on Dask (``--executor dask``), results in task
order, so a report is the same either way (each task is deterministic under its own arguments).

>>> sweep(pow, [(2, 3), (3, 2)])
[8, 9]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["sweep", "sweep_trained", "experiment_report"]


def sweep(fn: Callable, tasks: Sequence[tuple], executor: object = None, progress: bool = False,
          desc: str = "") -> list:
    """``[fn(*t) for t in tasks]``; ``executor``: ``None``/``"serial"``, ``"dask"`` (a local cluster for this
    call) or a :class:`relugeom.claims.dask.DaskExecutor`. ``fn`` must be a module-level function."""
    from ..claims.dask import resolve_executor

    ex, owned = resolve_executor(executor)
    if ex is not None:
        try:
            return ex.map(fn, tasks, progress=progress, desc=desc)
        finally:
            if owned:
                ex.close()
    if progress:
        from tqdm import tqdm

        tasks = tqdm(tasks, desc=desc, unit="task", leave=False)
    return [fn(*t) for t in tasks]


def sweep_trained(fn: Callable, tasks: Sequence[tuple], executor: object, progress: bool, desc: str,
                  save: object, stem: Callable[[dict], str]) -> list[dict]:
    """:func:`sweep` over tasks whose rows carry ``_networks`` = (initial, trained) and ``steps``: the
    networks are written as ``save/<stem(row)>-step-0.json`` and ``-step-<steps>.json`` (with ``save``)
    and dropped from the rows, which are returned in task order."""
    from .training import save_networks

    rows = sweep(fn, tasks, executor, progress, desc)
    for r in rows:
        first, last = r.pop("_networks")
        save_networks(save, {f"{stem(r)}-step-0": first, f"{stem(r)}-step-{r['steps']}": last})
    return rows


def experiment_report(name: str, seed: int, quick: bool, question: str, figure: object = None,
                      draw: Callable | None = None, **fields: object) -> dict:
    """An experiment's JSON report: ``experiment``, ``seed``, ``quick``, ``question``, then ``fields``;
    with ``figure``, ``draw(report, figure)`` writes the picture first.

    >>> experiment_report("x", 0, True, "why?", widths=[])
    {'experiment': 'x', 'seed': 0, 'quick': True, 'question': 'why?', 'widths': []}
    """
    report = {"experiment": name, "seed": seed, "quick": quick, "question": question, **fields}
    if figure is not None and draw is not None:
        draw(report, figure)
    return report
