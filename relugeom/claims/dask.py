"""Distributed sweeps on Dask: :class:`DaskExecutor` runs the chunks of :mod:`relugeom.claims.chunks`
on a cluster and merges them in chunk order, so the report equals the serial one.

Workers receive only plain data where they can: ``(module, claim id)`` for a registered claim (the
worker imports the module that registered it), else the claim by value (cloudpickle), a
:class:`~relugeom.claims.ranges.Range`, chunk bounds and the seed.

Dask is optional (``pip install relugeom[dask]``) and imported only when used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..errors import RelugeomError
from .chunks import ChunkResult, merge, plan_chunks, run_chunk
from .claim import Claim
from .ranges import Range
from .registry import get_claim

__all__ = ["DaskExecutor", "resolve_executor"]


# ---------------------------------------------------------------------------- executor


def _import_distributed():
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise RelugeomError("the dask executor needs dask and distributed: pip install 'relugeom[dask]' "
                            "(or pip install 'dask[distributed]')") from None
    return distributed


class DaskExecutor:
    """Runs chunks on a Dask cluster: an existing scheduler (``scheduler="tcp://host:8786"``) or, by
    default, a ``LocalCluster(n_workers, threads_per_worker=1, processes=True)`` started on first use
    and closed by :meth:`close` (or on leaving a ``with`` block)."""

    def __init__(self, scheduler: str | None = None, n_workers: int = 2, chunks_per_worker: int = 16,
                 client: object = None) -> None:
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.chunks_per_worker = chunks_per_worker
        self._client = client
        self._cluster = None
        self._own_client = client is None
        _import_distributed()

    @property
    def client(self):
        if self._client is None:
            distributed = _import_distributed()
            import dask

            dask.config.set({"distributed.worker.daemon": False})
            try:
                if self.scheduler:
                    self._client = distributed.Client(self.scheduler, timeout="20s")
                else:
                    self._cluster = distributed.LocalCluster(n_workers=self.n_workers, threads_per_worker=1,
                                                             processes=True, dashboard_address=None)
                    self._client = distributed.Client(self._cluster)
            except (OSError, TimeoutError) as exc:
                raise RelugeomError(f"cannot reach the Dask scheduler {self.scheduler or 'LocalCluster'}: {exc}") \
                    from None
        return self._client

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def close(self) -> None:
        if self._client is not None and self._own_client:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> "DaskExecutor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map(self, fn: Callable, tasks: Sequence[tuple], progress: bool = False, desc: str = "") -> list:
        """``[fn(*t) for t in tasks]`` on the cluster, in task order (``fn`` importable by the workers).

        >>> # with DaskExecutor() as ex: ex.map(pow, [(2, 3), (3, 2)])  ->  [8, 9]
        """
        from distributed import as_completed

        futures = [self.client.submit(fn, *t, pure=False) for t in tasks]
        index = {f.key: k for k, f in enumerate(futures)}
        results: list = [None] * len(futures)
        bar = _bar(progress, len(futures), desc, "task")
        try:
            for fut in as_completed(futures):
                results[index[fut.key]] = fut.result()
                if bar is not None:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.close()
            self.client.cancel([f for f in futures if not f.done()])
        return results

    def run(self, claim: Claim, rng: Range, seed: int, dropped: Sequence[str], stop_at_first: bool,
            progress: bool = False, desc: str = "") -> ChunkResult:
        """Every chunk of the range, merged in chunk order (the serial result)."""
        from distributed import as_completed

        chunks = plan_chunks(claim, rng, target=self.chunks_per_worker * self.workers(),
                             index_target=2 * self.workers())
        ref = (claim.predicate.__module__, claim.name) if _is_registered(claim) else claim
        client = self.client
        futures = [client.submit(run_chunk, ref, rng, chunk, seed, tuple(dropped), stop_at_first, pure=False)
                   for chunk in chunks]
        index = {f.key: k for k, f in enumerate(futures)}
        results: list[ChunkResult | None] = [None] * len(futures)
        bar = _bar(progress, len(futures), desc, "chunk")
        try:
            done_prefix = 0
            for fut in as_completed(futures):
                results[index[fut.key]] = fut.result()
                if bar is not None:
                    bar.update(1)
                while done_prefix < len(results) and results[done_prefix] is not None:
                    done_prefix += 1
                if stop_at_first and any(r.counterexample is not None for r in results[:done_prefix]):
                    break  # every earlier chunk is known: the first counterexample is settled
        finally:
            if bar is not None:
                bar.close()
            client.cancel([f for f in futures if not f.done()])
        return merge(results, stop_at_first)


def _bar(progress: bool, total: int, desc: str, unit: str):
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, leave=False, unit=unit)


def _is_registered(claim: Claim) -> bool:
    try:
        return get_claim(claim.name) is claim
    except RelugeomError:
        return False


def resolve_executor(executor: object) -> tuple[object, bool]:
    """``None``/"serial" → (None, False); "dask" → a new local :class:`DaskExecutor` (owned: close it);
    a :class:`DaskExecutor` → itself; a ``distributed.Client`` → wrapped."""
    if executor is None or executor == "serial":
        return None, False
    if executor == "dask":
        return DaskExecutor(), True
    if isinstance(executor, DaskExecutor):
        return executor, False
    if type(executor).__name__ == "Client":
        return DaskExecutor(client=executor), False
    raise RelugeomError(f"unknown executor {executor!r} (use 'serial', 'dask' or a DaskExecutor)")

