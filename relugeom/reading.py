"""Reading input files safely: size cap, UTF-8 with the byte offset of a bad byte, JSON with exact long
numbers, and every failure as a :class:`relugeom.errors.FormatError` naming the file (docs/formats.md,
"Limits").

>>> parse_json('{"a": [1, 2]}', "x.json")
{'a': [1, 2]}
>>> parse_json('{"a": [1, 2', "x.json")
Traceback (most recent call last):
...
relugeom.errors.FormatError: x.json: not valid JSON: Expecting ',' delimiter: line 1 column 12 (char 11)
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .errors import FormatError, NumberError
from .exact.rational import MAX_DIGITS, lifted_digits

__all__ = ["MAX_INPUT_BYTES", "read_bytes", "read_text", "parse_json", "load_json"]

MAX_INPUT_BYTES = 64 * 2**20  # one input file; an exact network or batch this large is beyond relugeom's reach


def read_bytes(path: str | Path, what: str) -> bytes:
    """The file's bytes; a clear error if it is missing, a directory, unreadable or over ``MAX_INPUT_BYTES``."""
    p = Path(path)
    try:
        if p.is_dir():
            raise FormatError(f"{path}: is a directory, not a {what} file")
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise FormatError(f"{path}: {size} bytes, more than relugeom reads in a {what} file "
                              f"({MAX_INPUT_BYTES // 2**20} MiB)")
        return p.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read {what} file {str(path)!r}: {exc.strerror or exc}") from None


def read_text(path: str | Path, what: str) -> str:
    """The file as UTF-8 text (a BOM is allowed); a bad byte is reported with its offset."""
    data = read_bytes(path, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{path}: not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x}); "
                          f"save the {what} file as UTF-8") from None


def _json_int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise NumberError(f"a JSON integer has {len(text.lstrip('-'))} digits, more than relugeom reads ({MAX_DIGITS})")
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)  # float-ok: a JSON float is a double; to_rational reads its exact value (warning if not the decimal)
    if math.isinf(value):
        raise NumberError(f"the JSON number {text[:30]} is beyond the range of a double (JSON floats are read as "
                          f"doubles); write it as the string {text[:30]!r} to mean the exact decimal")
    return value


def parse_json(text: str, source: str) -> object:
    """``json.loads`` with long exact integers (up to ``MAX_DIGITS`` digits), JSON floats beyond a double
    refused with a hint, and any failure a ``FormatError``/``NumberError`` naming ``source`` (NaN and
    Infinity parse, and the readers refuse them where they sit)."""
    try:
        with lifted_digits():
            return json.loads(text, parse_int=_json_int, parse_float=_json_float)
    except json.JSONDecodeError as exc:
        raise FormatError(f"{source}: not valid JSON: {exc}") from None
    except RecursionError:
        raise FormatError(f"{source}: JSON nested too deeply") from None
    except NumberError as exc:
        raise NumberError(f"{source}: {exc}") from None


def load_json(path: str | Path, what: str) -> object:
    """Read and parse a JSON file (:func:`read_text` then :func:`parse_json`)."""
    return parse_json(read_text(path, what), str(path))
