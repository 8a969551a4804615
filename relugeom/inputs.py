"""Batches of input points: validation and the JSON / CSV / .npy formats of docs/formats.md.

>>> as_batch([[1, "1/2"], [0, "0.25"]], n_inputs=2)
((Fraction(1, 1), Fraction(1, 2)), (Fraction(0, 1), Fraction(1, 4)))
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from pathlib import Path

from .errors import FormatError, InputError, NumberError
from .exact.rational import binary_value, to_rational
from .reading import load_json, read_bytes, read_text

__all__ = ["Batch", "as_batch", "load_inputs"]

Batch = tuple[tuple[Fraction, ...], ...]


def as_batch(points: object, n_inputs: int | None = None, source: str = "inputs") -> Batch:
    """Validate a batch: non-empty, every sample a list of exact numbers of length ``n_inputs``."""
    if hasattr(points, "tolist") and not isinstance(points, (str, bytes)):
        points = points.tolist()
    if isinstance(points, (str, bytes, dict)) or not hasattr(points, "__iter__"):
        raise InputError(f"{source} must be a list of samples, got {type(points).__name__}")
    samples = list(points)
    if not samples:
        raise InputError(f"{source} is an empty batch: give at least one sample")
    out = []
    for i, s in enumerate(samples):
        if isinstance(s, (str, bytes, dict)) or not hasattr(s, "__iter__"):
            raise InputError(f"{source} sample {i} must be a list of numbers, got {s!r}")
        row = tuple(to_rational(v, f"{source} sample {i} coordinate {j}") for j, v in enumerate(s))
        expected = n_inputs if n_inputs is not None else len(out[0]) if out else None
        if expected is not None and len(row) != expected:
            what = "the network has" if n_inputs is not None else "sample 0 has"
            raise InputError(f"{source} sample {i} has {len(row)} coordinates but {what} {expected}")
        if not row:
            raise InputError(f"{source} sample {i} has no coordinates")
        out.append(row)
    return tuple(out)


def _read_json(path: Path) -> list:
    doc = load_json(path, "inputs")
    if not isinstance(doc, dict) or "inputs" not in doc:
        raise FormatError(f'{path}: an inputs document must be an object {{"inputs": [[...], ...]}}')
    return doc["inputs"]


def _read_csv(path: Path) -> list:
    text = read_text(path, "inputs")
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline="")) if row and any(c.strip() for c in row)]
    except csv.Error as exc:
        raise FormatError(f"{path}: not valid CSV: {exc}") from None


def _read_npy(path: Path) -> list:
    import numpy as np

    try:
        arr = np.load(io.BytesIO(read_bytes(path, "inputs")), allow_pickle=False)
    except Exception as exc:  # numpy's header parser raises many kinds (ValueError, SyntaxError, TokenError, …)
        raise FormatError(f"{path}: not a plain .npy array: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    if not isinstance(arr, np.ndarray):
        raise FormatError(f"{path}: not a plain .npy array (an archive of several arrays?)")
    if arr.ndim != 2:
        raise FormatError(f"{path}: expected an array of shape (n, d), got shape {arr.shape}")
    if arr.dtype.kind not in "iuf":
        raise FormatError(f"{path}: expected a numeric array, got dtype {arr.dtype}")
    bad = np.argwhere(~np.isfinite(arr))
    if len(bad):
        i, j = bad[0]
        raise NumberError(f"{path} sample {i} coordinate {j} is {arr[i, j]!r}, not a finite number")
    # A .npy file holds binary floats by nature: convert exactly, without the decimal warning
    # (long double too: its own binary value, not rounded to a double on the way).
    if arr.dtype.kind == "f" and arr.dtype.itemsize > 8:
        return [[binary_value(x) for x in row] for row in arr]
    return [[Fraction(x) for x in row] for row in arr.tolist()]


READERS = {".json": _read_json, ".csv": _read_csv, ".npy": _read_npy}


def load_inputs(path: str | Path, n_inputs: int | None = None) -> Batch:
    """Read a batch from a ``.json``, ``.csv`` or ``.npy`` file (floats are converted exactly)."""
    p = Path(path)
    if p.is_dir():
        raise FormatError(f"{path}: is a directory, not a batch file (.json, .csv or .npy)")
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise FormatError(f"{path}: unknown inputs format {p.suffix!r}; use .json, .csv or .npy")
    if not p.is_file():
        raise FormatError(f"cannot read inputs file {str(path)!r}: no such file")
    return as_batch(reader(p), n_inputs, source=str(path))
