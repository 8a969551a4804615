"""Exact rationals: the number rules of docs/formats.md.

>>> to_rational("3/4"), to_rational("0.125"), to_rational(2), to_rational(0.5)
(Fraction(3, 4), Fraction(1, 8), Fraction(2, 1), Fraction(1, 2))
>>> format_rational(Fraction(3, 4)), format_rational(Fraction(4, 2))
('3/4', 2)
"""

from __future__ import annotations

import math
import numbers
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction

from ..errors import NumberError

__all__ = ["Rational", "coprime_fraction", "to_rational", "to_rational_vector", "format_rational", "InexactFloatWarning", "lifted_digits",
           "MAX_DIGITS", "binary_value"]

Rational = Fraction

_INTEGER = re.compile(r"[+-]?\d+")
_FRACTION = re.compile(r"([+-]?\d+)/(\d+)")
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?")
MAX_DECIMAL_EXPONENT = 10_000  # "1e1000000000" would allocate a gigantic integer
MAX_DIGITS = 100_000  # per integer written in a file (converting one takes ~0.1 s; Python's own limit is 4 300)


def _coprime_constructor():
    """The fastest way to build a Fraction from a numerator and a positive denominator already coprime:
    CPython's ``Fraction._from_coprime_ints`` (3.12+) or ``_normalize=False`` (3.11), checked once here;
    else the ordinary constructor (which divides by the gcd)."""
    make = getattr(Fraction, "_from_coprime_ints", None)
    if make is None:
        def make(n: int, d: int) -> Fraction:
            return Fraction(n, d, _normalize=False)
    try:
        ok = make(6, 35) == Fraction(6, 35) and make(-3, 4).denominator == 4 and type(make(1, 2)) is Fraction
    except TypeError:
        ok = False
    return make if ok else Fraction


_COPRIME = _coprime_constructor()


def coprime_fraction(numerator: int, denominator: int) -> Fraction:
    """``Fraction(numerator, denominator)`` when the two are coprime and ``denominator > 0`` (as read back
    from a Fraction's own ``numerator, denominator``), without recomputing the gcd.

    >>> coprime_fraction(-3, 4)
    Fraction(-3, 4)
    """
    return _COPRIME(numerator, denominator)


@contextmanager
def lifted_digits() -> Iterator[None]:
    """Lift Python's limit on int ↔ decimal string conversion (4 300 digits) for the duration: long exact
    numbers are valid rationals. Readers cap each number at ``MAX_DIGITS`` digits instead."""
    get = getattr(sys, "get_int_max_str_digits", None)
    if get is None:  # Python without the limit
        yield
        return
    old = get()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(old)


def _digits_ok(text: str, where: str) -> None:
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_DIGITS:
        raise NumberError(f"a number{_describe(where)} has {digits} digits, more than relugeom reads ({MAX_DIGITS})")


class InexactFloatWarning(UserWarning):
    """A float was read as its exact binary value, which differs from the decimal it prints as."""


def _short(text: str, limit: int = 40) -> str:
    """``text`` for a one-line message: long inputs are cut, with their length."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def _describe(where: str) -> str:
    """`` at <where>``; a very long one (a number echoed in it) keeps its start and its end (the place)."""
    if len(where) > 300:
        where = f"{where[:60]}… ({len(where)} characters) …{where[-80:]}"
    return f" at {where}" if where else ""


def _from_string(text: str, where: str) -> Fraction:
    s = text.strip()
    if len(s) > 64:  # long: check the size, then convert without Python's 4 300-digit limit
        _digits_ok(s, where)
        with lifted_digits():
            return _parse(text, s, where)
    return _parse(text, s, where)


def _parse(text: str, s: str, where: str) -> Fraction:
    if _INTEGER.fullmatch(s):
        return Fraction(int(s))
    m = _FRACTION.fullmatch(s)
    if m:
        if int(m.group(2)) == 0:
            raise NumberError(f"zero denominator in {_short(text)!r}{_describe(where)}")
        return Fraction(int(m.group(1)), int(m.group(2)))
    m = _DECIMAL.fullmatch(s)
    if m:
        if m.group(1) is not None and abs(int(m.group(1))) > MAX_DECIMAL_EXPONENT:
            raise NumberError(f"exponent of {_short(text)!r}{_describe(where)} is larger than {MAX_DECIMAL_EXPONENT}")
        return Fraction(Decimal(s))
    raise NumberError(
        f"{_short(text)!r}{_describe(where)} is not a number: use an integer, 'p/q' or a decimal such as '0.125'"
    )


def binary_value(value: object, where: str = "") -> Fraction:
    """The exact rational a binary float *is* (Python float or numpy floating of any width, long double
    included), without the decimal warning: for data that is binary by nature (float32 weights, .npy, ONNX).

    >>> binary_value(0.1)
    Fraction(3602879701896397, 36028797018963968)
    """
    try:
        return Fraction(*value.as_integer_ratio())
    except (OverflowError, ValueError):
        raise NumberError(f"{_short(repr(value))}{_describe(where)} is not a finite number") from None


def _from_float(value: float, where: str) -> Fraction:
    if not math.isfinite(value):
        raise NumberError(f"{_short(repr(value))}{_describe(where)} is not a finite number")
    exact = Fraction(value)
    if exact != Fraction(repr(value)):
        warnings.warn(
            f"float {value!r}{_describe(where)} was read as its exact binary value {exact} "
            f"(not {repr(value)}); write it as the string {repr(value)!r} to mean the decimal",
            InexactFloatWarning,
            stacklevel=3,
        )
    return exact


def to_rational(value: object, where: str = "") -> Fraction:
    """Return ``value`` as an exact ``Fraction``; ``where`` names its origin in error messages.

    Accepts ints, Fractions, Decimals, strings ("-3", "3/4", "0.125", "-1e-3") and finite
    floats (read exactly; a warning says when the float is not the decimal it prints as).
    Rejects bools, NaN, infinities and anything else with a ``NumberError``.

    >>> to_rational("-1e-3")
    Fraction(-1, 1000)
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        raise NumberError(f"boolean {_short(repr(value))}{_describe(where)} is not a number")
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, str):
        return _from_string(value, where)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberError(f"{_short(repr(value))}{_describe(where)} is not a finite number")
        return Fraction(value)
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, float):
        return _from_float(value, where)
    if isinstance(value, numbers.Real) and hasattr(value, "as_integer_ratio"):  # numpy floating, long double too
        return binary_value(value, where)
    if isinstance(value, numbers.Real):
        return _from_float(float(value), where)  # float-ok: exact conversion of a given float
    raise NumberError(f"{_short(repr(value))}{_describe(where)} (of type {type(value).__name__}) is not a number")


def to_rational_vector(values: object, where: str, length: int | None = None) -> tuple[Fraction, ...]:
    """Convert a sequence of numbers; ``length`` (if given) is checked.

    >>> to_rational_vector([1, "1/2"], "x")
    (Fraction(1, 1), Fraction(1, 2))
    """
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or not hasattr(values, "__iter__"):
        raise NumberError(f"{where} must be a list of numbers, got {values!r}")
    out = tuple(to_rational(v, f"{where}[{i}]") for i, v in enumerate(values))
    if length is not None and len(out) != length:
        from ..errors import ShapeError

        raise ShapeError(f"{where} has length {len(out)}, expected {length}")
    return out


def format_rational(q: Fraction) -> int | str:
    """JSON form of a rational: an int when integral, else the string ``"p/q"`` (of any length)."""
    if q.denominator == 1:
        return int(q)
    try:
        return f"{q.numerator}/{q.denominator}"
    except ValueError:  # beyond Python's int → str digit limit
        with lifted_digits():
            return f"{q.numerator}/{q.denominator}"
