"""The cyclic garbage collector paused while the exact kernels allocate.

Region enumeration allocates millions of small acyclic objects — tuples of integers, Fractions, lists —
that reference counting frees. CPython's cyclic collector scans every one still alive at each of its
collections (every 700 allocations) and, in full collections, the whole heap: in vain here. At 6-8-8-1
that was 13 % of the enumeration's time, and three quarters of the time to turn its regions into JSON
(benchmarks/README.md). :func:`paused` turns the collector off for a block; :func:`paused_iteration`
does so for a stream, collecting the young generation every ``every`` items so that cycles made by the
caller's loop body are still freed and memory stays bounded. Either puts the collector back as it was
(a collector the caller had disabled stays disabled). The switch is process-wide, as ``gc`` is.

>>> import gc
>>> was = gc.isenabled()
>>> with paused():
...     gc.isenabled()
False
>>> gc.isenabled() == was
True
>>> list(paused_iteration(iter(range(5)), every=2))
[0, 1, 2, 3, 4]
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator, TypeVar

__all__ = ["paused", "paused_iteration"]

T = TypeVar("T")


@contextmanager
def paused() -> Iterator[None]:
    """The cyclic collector off for the duration of the block, then back as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def paused_iteration(items: Iterator[T], every: int = 4096) -> Iterator[T]:
    """``items`` with the cyclic collector off, the young generation collected every ``every`` items."""
    with paused():
        for count, item in enumerate(items, 1):
            if count % every == 0:
                gc.collect(0)
            yield item
