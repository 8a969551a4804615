"""Output files that are complete or absent: written under a temporary name beside the target and renamed
only when complete, so that an error, Ctrl-C, SIGTERM or ``--timeout`` leaves no partial file.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "out.jsonl")
>>> write_jsonl(({"n": n} for n in range(3)), path), open(path).read().splitlines()[-1]
(3, '{"n": 2}')
>>> with atomic_output(os.path.join(os.path.dirname(path), "note.txt")) as tmp:
...     _ = tmp.write_text("done")
>>> sorted(os.listdir(os.path.dirname(path)))
['note.txt', 'out.jsonl']
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_output", "write_jsonl", "write_lines", "write_text"]


@contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` (same suffix, so writers that go by it still work); rename it
    to ``path`` when the block ends normally, remove it otherwise."""
    target = Path(path)
    partial = target.with_name(f"{target.stem}.partial{target.suffix}")
    try:
        yield partial
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()


def write_text(path: str | os.PathLike, text: str) -> None:
    """``Path(path).write_text(text)``, complete or absent."""
    with atomic_output(path) as tmp:
        tmp.write_text(text)


def write_jsonl(objects: Iterable[dict], path: str | os.PathLike) -> int:
    """Write each object as one line of ``path``; returns the number of lines."""
    return write_lines((json.dumps(obj) + "\n" for obj in objects), path)


def write_lines(lines: Iterable[str], path: str | os.PathLike) -> int:
    """Write the ``lines`` (each ending in a newline) to ``path``, complete or absent; returns their number."""
    count = 0
    with atomic_output(path) as tmp, open(tmp, "w") as out:
        for line in lines:
            out.write(line)
            count += 1
    return count
