"""Bounded resources for long commands: a wall-clock deadline (``--timeout``), SIGTERM unwinding, the
partial report of what was done, and a memory estimate checked before a large exact computation.

>>> with deadline(None):
...     1 + 1
2
>>> check_memory(10 * 2**30, 2**30, "the Jacobian")
Traceback (most recent call last):
...
relugeom.limits.MemoryLimitError: the Jacobian would need about 10.0 GiB, more than the limit of 1.0 GiB (--max-memory GIB to change it)
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import RelugeomError

__all__ = ["TimedOut", "Terminated", "deadline", "sigterm_unwinds", "partial", "record", "MemoryLimitError",
           "check_memory", "physical_memory", "default_memory_limit"]

_PARTIAL: dict = {}


class TimedOut(BaseException):
    """The ``--timeout`` ran out (a BaseException, so that no ``except Exception`` swallows it)."""


class Terminated(BaseException):
    """SIGTERM, raised so that ``finally`` blocks run (a partial output file is removed)."""


class MemoryLimitError(RelugeomError):
    """An exact computation would need more memory than allowed."""


def record(key: str, value: object) -> None:
    """Note what a command has completed so far, for the report of a timeout."""
    _PARTIAL[key] = value


def partial() -> dict:
    """What the running command recorded (a copy)."""
    return dict(_PARTIAL)


def _raise(exc_type):
    def handler(signum, frame) -> None:
        raise exc_type
    return handler


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimedOut` in the main thread after ``seconds`` of wall-clock time (None: no deadline)."""
    _PARTIAL.clear()
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    def expired(signum, frame) -> None:
        # Raised from whatever runs at that moment; if that is a finalizer (__del__, a weakref callback),
        # Python prints and swallows the exception, so the alarm is re-armed until the block is left.
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        raise TimedOut

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` (like Ctrl-C raises KeyboardInterrupt): no partial files stay."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise(Terminated))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def physical_memory() -> int | None:
    """This machine's RAM in bytes, if the system says."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - not POSIX
        return None


def default_memory_limit() -> int | None:
    """80 % of the RAM: beyond it a computation would swap or be killed."""
    ram = physical_memory()
    return int(ram * 0.8) if ram else None


def size_text(n: float) -> str:
    """``1536`` → ``'1.5 KiB'``."""
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"  # pragma: no cover


def check_memory(estimate: int, limit: int | None, what: str) -> None:
    """Refuse, before starting, a computation estimated to need more than ``limit`` bytes."""
    if limit is not None and estimate > limit:
        raise MemoryLimitError(f"{what} would need about {size_text(estimate)}, more than the limit of "
                               f"{size_text(limit)} (--max-memory GIB to change it)")
