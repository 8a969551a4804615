"""Region enumeration on several processes (``enumerate_regions(..., workers=n)``), with the same regions
as one process. Every process builds the first layer's cells up to the first neuron that leaves at least
``SHARE · n`` parts (``SHARE_HIGH · n`` in dimension ``HIGH_DIM`` and above), the same parts in each,
deterministically; from there the parts are claimed one at a time from a shared counter, so a process
that finishes early takes the next part (dynamic balance). Each claimed part is split by the rest of the
first layer and refined through the later layers. This process works on parts too, and takes the
children's regions (packed as integers, or encoded: ``iter_regions(encode=...)``) in between.

>>> from relugeom.network import ReLUNetwork
>>> from relugeom.domain import Domain
>>> from relugeom.regions import enumerate_regions
>>> net = ReLUNetwork.from_arrays([([[1, 2], [2, -1], [1, 1]], [0, 1, -1]), ([[1, -1, 1]], [0])])
>>> enumerate_regions(net, Domain.box(-2, 2, dim=2), workers=2) == enumerate_regions(net, Domain.box(-2, 2, dim=2))
True
"""

from __future__ import annotations

import gc
import multiprocessing
import queue as queues
import sys
from collections.abc import Callable, Iterator
from fractions import Fraction

from .domain import Domain
from .errors import RelugeomError
from .exact.rational import coprime_fraction
from .collector import paused_iteration
from .network import ReLUNetwork
from .regions import (Inequality, Region, RegionLimitError, Setup, _LayerRows, _too_many, assemble, split, stage,
                      through_later_layers)

__all__ = ["stream_parallel", "SHARE", "SHARE_HIGH", "HIGH_DIM"]

SHARE = 64  # with n processes, the parts are shared once there are SHARE · n of them ...
SHARE_HIGH = 256  # ... or SHARE_HIGH · n from dimension HIGH_DIM on, where parts hold many slow regions:
HIGH_DIM = 5  # finer parts shorten the tail (6-16-16-1: 190 % CPU, not 178 %); in 2-D the extra per-part
# work costs more than it saves (2-64-64-1 on 2 workers: 1.61 s against 1.21 s)
BATCH = 256  # regions per message from a child


def _context():
    """Forked children on Linux, whatever the default start method (Python 3.14 makes it forkserver): they
    inherit the frozen heap and any ``encode`` function, a lambda included. Elsewhere, the platform's
    default (spawn): then ``encode`` and the network must pickle."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _claims(counter) -> Iterator[int]:
    """0, 1, 2, … shared among the processes: each number goes to exactly one of them."""
    while True:
        with counter.get_lock():
            value = counter.value
            counter.value += 1
        yield value


def own_regions(net: ReLUNetwork, domain: Domain, workers: int, max_regions: int | None,
                claims: Iterator[int]) -> Iterator[Region]:
    """The regions of the parts this process claims (all of them when ``claims`` is ``itertools.count()``)."""
    setup = Setup.of(net, domain)
    first, k = setup.layers[0], setup.k
    staged, decided = stage(setup.cells, _LayerRows(first, k))
    n = len(first[1])
    share = SHARE_HIGH if k >= HIGH_DIM else SHARE
    start = split(staged, decided, 1, range(n), max_regions, 0, None, stop_at=share * workers)
    index = [(c, t) for c, (_, _, parts) in enumerate(staged) for t in range(len(parts))]
    later = setup.later_rows()  # kept from part to part: a part's first cell is a sibling of an earlier part's
    for claim in claims:
        if claim >= len(index):
            return
        c, t = index[claim]
        cell, rows, parts = staged[c]
        side = _screened_again(parts[t][0], rows[1], decided[c], start)
        part = [(cell, rows, [parts[t]])]
        split(part, [side], 1, range(start, n), max_regions, 0, None)
        yield from through_later_layers(assemble(part, [side], first), setup, max_regions, later=later)


def _screened_again(poly, rows: list, side: list[int], start: int) -> list[int]:
    """The cell's sides of the first layer's neurons, with those from ``start`` on that the cell left
    undecided decided again on this part (``Polyhedron.sides``: rigorous, so the exact split would have
    kept the part whole on that side)."""
    todo = [i for i in range(start, len(side)) if not side[i]]
    if not todo:
        return side
    again = poly.sides([rows[i] for i in todo])
    out = list(side)
    for i, v in zip(todo, again):
        out[i] = v
    return out


def _pack(r: Region) -> tuple:
    """A region as ints and bytes only (a Fraction pickles through its decimal string, far slower; each
    layer's bits as one ``bytes``)."""
    def q(v: Fraction) -> tuple[int, int]:
        return v.numerator, v.denominator
    a, c = r.affine_map
    return (tuple(map(bytes, r.pattern)), tuple((i.normal, i.offset, i.sources) for i in r.inequalities),
            tuple(map(q, r.point)),
            tuple(tuple(map(q, row)) for row in a), tuple(map(q, c)), r.bounded, r.dim, r.generators, r.lineality)


def _unpack(t: tuple) -> Region:
    def q(v: tuple[int, int]) -> Fraction:
        return coprime_fraction(*v)  # each pair is a Fraction's own numerator and denominator
    pattern, inequalities, point, a, c, bounded, dim, generators, lineality = t
    return Region(tuple(map(tuple, pattern)), tuple(Inequality(*i) for i in inequalities), tuple(map(q, point)),
                  (tuple(tuple(map(q, row)) for row in a), tuple(map(q, c))), bounded, dim, generators, lineality)


def _produce(net: ReLUNetwork, domain: Domain, workers: int, max_regions: int | None, counter, channel,
             pack: Callable[[Region], object]) -> None:
    """A child: the regions of the parts it claims, packed (``_pack``, or the caller's ``encode``), in
    batches on ``channel``; then None (or an error). Its collector is paused as the caller's is, with the
    same young collections (a forked child inherits a paused collector, which would otherwise never run)."""
    try:
        batch = []
        for r in paused_iteration(own_regions(net, domain, workers, max_regions, _claims(counter))):
            batch.append(pack(r))
            if len(batch) == BATCH:
                channel.put(batch)
                batch = []
        channel.put(batch)
        channel.put(None)
    except Exception as exc:  # reported to the parent, which raises it
        channel.put(("error", isinstance(exc, RegionLimitError), str(exc)))


def stream_parallel(net: ReLUNetwork, domain: Domain, workers: int, max_regions: int | None,
                    progress: bool, encode: Callable[[Region], object] | None = None) -> Iterator:
    """The regions from this process and ``workers - 1`` children, as they come; a bounded queue keeps
    memory bounded, and this process takes the children's batches between its own regions. With
    ``encode``, ``encode(region)`` instead, computed where the region was found (see ``iter_regions``)."""
    context = _context()
    counter = context.Value("q", 0)
    channel = context.Queue(maxsize=4 * workers)
    args = (net, domain, workers, max_regions, counter, channel, encode or _pack)
    procs = [context.Process(target=_produce, args=args, daemon=True) for _ in range(workers - 1)]
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(desc=f"regions ({workers} processes)", unit="region", leave=False)
    state = {"done": 0, "count": 0}

    def counted(n: int) -> None:
        state["count"] += n
        if max_regions is not None and state["count"] > max_regions:
            raise _too_many(max_regions)
        if bar is not None:
            bar.update(n)

    def take(item) -> list[Region]:
        if item is None:
            state["done"] += 1
            return []
        if isinstance(item, tuple):
            raise (RegionLimitError if item[1] else RelugeomError)(item[2])
        counted(len(item))
        return item if encode is not None else [_unpack(t) for t in item]

    def ready() -> Iterator[Region]:
        while True:
            try:
                item = channel.get_nowait()
            except queues.Empty:
                return
            yield from take(item)

    try:
        ours = gc.get_freeze_count() == 0  # a caller's own frozen objects are left as the caller set them
        if ours:
            gc.freeze()  # the children inherit this heap: their collections leave it alone (no copy-on-write storm)
        try:
            for proc in procs:
                proc.start()
        finally:
            if ours:
                gc.unfreeze()
        own = 0
        for own, region in enumerate(own_regions(net, domain, workers, max_regions, _claims(counter)), 1):
            yield region if encode is None else encode(region)
            if own % 64 == 0:
                counted(64)
                yield from ready()
        counted(own % 64)
        while state["done"] < len(procs):
            yield from take(channel.get())
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()
        if bar is not None:
            bar.close()
