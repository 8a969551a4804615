"""Distributed sweeps: a claim's range split into independent, deterministic chunks run on Dask.

The chunks, concatenated in order, enumerate exactly the serial case stream of
:func:`relugeom.theory.claims.cases_in_range`, so merging the chunk results in chunk order gives
the serial :class:`~relugeom.search.CheckReport` (same cases, skips, failures, and the same first
counterexample: the one with the smallest case index).

* Claims without ``extend``: the fixed networks in slices, then each architecture split by the
  values of its first parameters (the enumeration is lexicographic in the parameter vector).
* Claims with ``extend`` (which draws from one seeded random stream along the whole range): contiguous
  index ranges of the case stream; each worker re-enumerates the stream up to its range (cheap next to
  the exact evaluations) so that the random draws are the serial ones.

Workers receive only plain data: the claim *name* (looked up with ``get_claim``; a claim not in the
builtin registry is shipped by value with cloudpickle), a :class:`Range`, chunk bounds and the seed.

Dask is optional (``pip install relugeom[dask]``) and imported only when used.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from .errors import RelugeomError
from .theory.claims import Case, Claim, Outcome, Range, Skip, cases_in_range

__all__ = ["DaskExecutor", "Chunk", "ChunkResult", "plan_chunks", "run_chunk", "resolve_executor"]


# ---------------------------------------------------------------------------- chunks


@dataclass(frozen=True)
class Chunk:
    """One independent piece of a range: ``kind`` is "networks" (fixed networks ``start:stop``),
    "arch" (architecture ``arch`` with parameters starting with ``prefix``) or "index" (cases
    ``start:stop`` of the whole stream)."""

    kind: str
    start: int = 0
    stop: int = 0
    arch: tuple[int, ...] = ()
    prefix: tuple[int, ...] = ()


@dataclass(frozen=True)
class ChunkResult:
    cases: int
    skipped: int
    failures: int
    counterexample: Case | None = None
    outcome: Outcome | None = None


def plan_chunks(claim: Claim, rng: Range, target: int = 32, index_target: int = 4) -> list[Chunk]:
    """Deterministic chunks (about ``target`` of them; ``index_target`` when each chunk must re-enumerate
    the stream) whose case streams concatenate to the serial one."""
    if claim.extend is not None:
        total = sum(1 for _ in _plain_cases(rng))  # cases_in_range minus extend: same count and order
        n = max(1, min(index_target, total))
        bounds = [total * k // n for k in range(n + 1)]
        return [Chunk("index", a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    chunks: list[Chunk] = []
    n_nets = len(rng.networks)
    if n_nets:
        n = max(1, min(n_nets, target // 4 or 1))
        bounds = [n_nets * k // n for k in range(n + 1)]
        chunks += [Chunk("networks", a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    lo, hi = rng.weights
    values = list(range(lo, hi + 1))
    per_arch = max(1, target // max(1, len(rng.architectures)))
    for arch in rng.architectures:
        n_params = sum(o * (i + 1) for i, o in zip(arch, arch[1:]))
        depth = 0
        while depth < n_params and len(values) ** depth < per_arch and values:
            depth += 1
        chunks += [Chunk("arch", arch=tuple(arch), prefix=p) for p in itertools.product(values, repeat=depth)]
    return chunks


def _plain_cases(rng: Range) -> Iterator[None]:
    from .inputs import as_batch
    from .theory.claims import networks_in_range

    batches = [as_batch(b) if b else () for b in rng.batches]
    nets = itertools.chain(rng.networks, *(networks_in_range(a, rng.weights) for a in rng.architectures))
    for net in nets:
        for batch in batches:
            if not (batch and len(batch[0]) != net.n_inputs):
                yield None


def _chunk_cases(claim: Claim, rng: Range, chunk: Chunk, seed: int) -> Iterable[Case]:
    if chunk.kind == "index":
        return itertools.islice(cases_in_range(claim, rng, seed), chunk.start, chunk.stop)
    if chunk.kind == "networks":
        return cases_in_range(claim, Range((), rng.weights, rng.batches, rng.networks[chunk.start:chunk.stop]), seed)
    return _arch_cases(rng, chunk)


def _arch_cases(rng: Range, chunk: Chunk) -> Iterator[Case]:
    from .inputs import as_batch
    from .network import ReLUNetwork
    from .theory.claims import _canonical

    batches = [as_batch(b) if b else () for b in rng.batches]
    shapes = list(zip(chunk.arch, chunk.arch[1:]))
    n_params = sum(o * (i + 1) for i, o in shapes)
    template = ReLUNetwork.from_arrays([([[0] * i for _ in range(o)], [0] * o) for i, o in shapes])
    lo, hi = rng.weights
    for rest in itertools.product(range(lo, hi + 1), repeat=n_params - len(chunk.prefix)):
        net = template.with_parameters(chunk.prefix + rest)
        if not _canonical(net):
            continue
        for batch in batches:
            if batch and len(batch[0]) != net.n_inputs:
                continue
            yield Case(net, batch)


def _lookup(claim: Claim | str) -> Claim:
    if isinstance(claim, Claim):
        return claim
    from .theory import get_claim

    return get_claim(claim)


def tally(claim: Claim, cases: Iterable[Case], dropped: Sequence[str] = (),
          stop_at_first: bool = False) -> ChunkResult:
    """Check ``cases`` one by one: counts and the first counterexample (the one loop serial and chunked runs share)."""
    checked = skipped = failures = 0
    first: tuple[Case, Outcome] | None = None
    for case in cases:
        if not claim.applies(case, dropped):
            skipped += 1
            continue
        try:
            outcome = claim.evaluate(case)
        except Skip:
            skipped += 1
            continue
        checked += 1
        if not outcome.holds:
            failures += 1
            if first is None:
                first = (case, outcome)
            if stop_at_first:
                break
    return ChunkResult(checked, skipped, failures, first[0] if first else None, first[1] if first else None)


def run_chunk(claim: Claim | str, rng: Range, chunk: Chunk, seed: int = 0, dropped: Sequence[str] = (),
              stop_at_first: bool = False) -> ChunkResult:
    """Check one chunk (runs on a worker); ``claim`` is a registered name or a claim."""
    claim = _lookup(claim)
    return tally(claim, _chunk_cases(claim, rng, chunk, seed), dropped, stop_at_first)


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

    def run(self, claim: Claim, rng: Range, seed: int, dropped: Sequence[str], stop_at_first: bool,
            progress: bool = False, desc: str = "") -> ChunkResult:
        """Every chunk of the range, merged in chunk order (the serial result)."""
        from distributed import as_completed

        chunks = plan_chunks(claim, rng, target=self.chunks_per_worker * self.workers(),
                             index_target=2 * self.workers())
        ref = claim.name if _is_registered(claim) else claim
        client = self.client
        futures = [client.submit(run_chunk, ref, rng, chunk, seed, tuple(dropped), stop_at_first, pure=False)
                   for chunk in chunks]
        index = {f.key: k for k, f in enumerate(futures)}
        results: list[ChunkResult | None] = [None] * len(futures)
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(futures), desc=desc, leave=False, unit="chunk")
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


def _is_registered(claim: Claim) -> bool:
    from .theory import get_claim

    try:
        return get_claim(claim.name) is claim
    except RelugeomError:
        return False


def merge(results: Sequence[ChunkResult | None], stop_at_first: bool = False) -> ChunkResult:
    """Chunk results in chunk order → one result; with ``stop_at_first``, up to the first counterexample."""
    cases = skipped = failures = 0
    first: ChunkResult | None = None
    for r in results:
        if r is None:  # only after the first counterexample, with stop_at_first
            break
        cases, skipped, failures = cases + r.cases, skipped + r.skipped, failures + r.failures
        if r.counterexample is not None and first is None:
            first = r
            if stop_at_first:
                break
    return ChunkResult(cases, skipped, failures, first.counterexample if first else None,
                       first.outcome if first else None)


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


def timed(started: float) -> float:
    return time.perf_counter() - started
