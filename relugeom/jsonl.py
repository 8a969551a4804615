"""JSON-lines output that is complete or absent: one JSON object per line, written to ``PATH.partial`` and
renamed to ``PATH`` only when every line is written (an error or Ctrl-C leaves no file).

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "out.jsonl")
>>> write_jsonl(({"n": n} for n in range(3)), path), open(path).read().splitlines()[-1]
(3, '{"n": 2}')
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["write_jsonl"]


def write_jsonl(objects: Iterable[dict], path: str | os.PathLike) -> int:
    """Write each object as one line of ``path``; returns the number of lines."""
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    count = 0
    try:
        with open(partial, "w") as out:
            for obj in objects:
                out.write(json.dumps(obj) + "\n")
                count += 1
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()
    return count
