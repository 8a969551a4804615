"""Chunks: a claim's range split into independent, deterministic pieces, run anywhere by
:func:`run_chunk` and merged by :func:`merge` (:mod:`relugeom.claims.dask` runs them on Dask).

The chunks, concatenated in order, enumerate exactly the serial case stream of
:func:`relugeom.claims.claim.cases_in_range`, so merging the chunk results in chunk order gives
the serial :class:`~relugeom.claims.check.CheckReport` (same cases, skips, failures, and the same first
counterexample: the one with the smallest case index).

* Claims without ``extend``: the fixed networks in slices, then each architecture split by the
  values of its first parameters (the enumeration is lexicographic in the parameter vector).
* Claims with ``extend`` (which draws from one seeded random stream along the whole range): contiguous
  index ranges of the case stream; each worker re-enumerates the stream up to its range (cheap next to
  the exact evaluations) so that the random draws are the serial ones.

>>> from relugeom.claims import get_claim
>>> claim = get_claim("dim.symmetry-bound")
>>> chunks = plan_chunks(claim, claim.default, target=8)
>>> merge([run_chunk(claim, claim.default, c) for c in chunks]).cases == check_claim(claim).cases
True
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module

from ..inputs import as_batch
from ..network import ReLUNetwork
from .case import Case
from .check import check_claim  # noqa: F401  (for the example above)
from .claim import Claim, cases_in_range
from .ranges import Range, is_canonical, networks_in_range
from .registry import get_claim
from .tally import Tally, tally

__all__ = ["Chunk", "ChunkResult", "plan_chunks", "run_chunk", "merge"]

ChunkResult = Tally  # what one chunk found

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
    per_arch = max(1, target // max(1, len(rng.architectures)))
    for arch in rng.architectures:
        lo, hi = rng.weights_of(arch)
        values = list(range(lo, hi + 1))
        n_params = sum(o * (i + 1) for i, o in zip(arch, arch[1:]))
        depth = 0
        while depth < n_params and len(values) ** depth < per_arch and values:
            depth += 1
        chunks += [Chunk("arch", arch=tuple(arch), prefix=p) for p in itertools.product(values, repeat=depth)]
    return chunks


def _plain_cases(rng: Range) -> Iterator[None]:
    batches = [as_batch(b) if b else () for b in rng.batches]
    nets = itertools.chain(rng.networks, *(networks_in_range(a, rng.weights_of(a)) for a in rng.architectures))
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
    batches = [as_batch(b) if b else () for b in rng.batches]
    shapes = list(zip(chunk.arch, chunk.arch[1:]))
    n_params = sum(o * (i + 1) for i, o in shapes)
    template = ReLUNetwork.from_arrays([([[0] * i for _ in range(o)], [0] * o) for i, o in shapes])
    lo, hi = rng.weights_of(chunk.arch)
    for rest in itertools.product(range(lo, hi + 1), repeat=n_params - len(chunk.prefix)):
        net = template.with_parameters(chunk.prefix + rest)
        if not is_canonical(net):
            continue
        for batch in batches:
            if batch and len(batch[0]) != net.n_inputs:
                continue
            yield Case(net, batch)


def _lookup(claim: Claim | str | tuple[str, str]) -> Claim:
    """A claim, a registered id, or ``(module, id)``: the module (where the claim is registered) is imported
    first, so that a worker process finds claims registered outside the entry points."""
    if isinstance(claim, Claim):
        return claim
    if isinstance(claim, tuple):
        module, claim = claim
        import_module(module)
    return get_claim(claim)


def run_chunk(claim: Claim | str | tuple[str, str], rng: Range, chunk: Chunk, seed: int = 0, dropped: Sequence[str] = (),
              stop_at_first: bool = False) -> ChunkResult:
    """Check one chunk (runs on a worker); ``claim`` as in :func:`_lookup`. An architecture chunk of a
    claim with a sweep is swept (:mod:`relugeom.claims.sweep`), with the same result."""
    claim = _lookup(claim)
    if chunk.kind == "arch":
        from .sweep import sweep_range, sweepable

        if sweepable(claim, rng, dropped):
            part = Range((chunk.arch,), rng.weights_of(chunk.arch), rng.batches)
            return sweep_range(claim, part, seed, dropped, stop_at_first, prefix=chunk.prefix)
    return tally(claim, _chunk_cases(claim, rng, chunk, seed), dropped, stop_at_first)


def merge(results: Sequence[ChunkResult | None], stop_at_first: bool = False) -> ChunkResult:
    """Chunk results in chunk order → one result; with ``stop_at_first``, up to the first counterexample."""
    cases = skipped = failures = admitted = 0
    first: ChunkResult | None = None
    for r in results:
        if r is None:  # only after the first counterexample, with stop_at_first
            break
        cases, skipped, failures = cases + r.cases, skipped + r.skipped, failures + r.failures
        admitted += r.admitted
        if r.counterexample is not None and first is None:
            first = r
            if stop_at_first:
                break
    return ChunkResult(cases, skipped, failures, first.counterexample if first else None,
                       first.outcome if first else None, admitted)

