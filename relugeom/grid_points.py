"""Interior points with small denominators: the first point of the grid (1/q)·Z^d, for q = 1, 2, 3, 4,
5, 6, 8, 10, 12, 16, …, strictly inside an open polyhedral region (a region's ``point``). The search is
exact; past the first few q a float screen (numpy, with rigorous bounds) skips the q whose grid point
clearly violates an inequality, and every q it cannot rule out is checked exactly, so the point found
is the same as with no screen.

>>> from fractions import Fraction
>>> from relugeom.regions import Inequality
>>> thin = [Inequality((1, 0), 1, ()), Inequality((-1, 0), 0, ()), Inequality((0, 1000), 1, ()), Inequality((0, -1000), 0, ())]
>>> simple_point((Fraction(1, 3), Fraction(1, 3000)), thin)      # 0 < x < 1, 0 < y < 1/1000
(Fraction(1, 3), Fraction(1, 1536))
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from fractions import Fraction
from operator import mul

import numpy as np

__all__ = ["simple_point"]

EXACT_FIRST = 8  # denominators tried exactly before the float screen is set up
_UNIT = 2.0 ** -52  # float-ok: the rounding unit of the screen's bounds


def _denominators(limit: int):
    """1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, … below ``limit``: small denominators first, then doubling."""
    for q in range(1, 7):
        if q >= limit:
            return
        yield q
    for k in range(60):
        for base in (8, 10, 12):
            if base << k >= limit:
                return
            yield base << k


def simple_point(point: Sequence[Fraction], inequalities: Sequence) -> tuple[Fraction, ...]:
    """A point of the open region ``{normal·x < offset}`` (``inequalities``: objects with integer
    ``normal`` and ``offset``, such as :class:`relugeom.regions.Inequality`) with small denominators, near ``point``
    (itself in the region): ``point`` rounded to the grid ``(1/q) Z^d`` for growing ``q``, the first
    grid point strictly inside; ``point`` itself if none with a smaller denominator is.

    >>> from relugeom.regions import Inequality
    >>> q = [Inequality((1, 0), 1, ()), Inequality((-1, 0), 0, ()), Inequality((0, 1), 1, ()), Inequality((0, -1), 0, ())]
    >>> simple_point((Fraction(1, 3), Fraction(2, 7)), q)          # the open unit square
    (Fraction(1, 2), Fraction(1, 2))
    """
    limit = math.lcm(*(v.denominator for v in point))
    fractions = [(v.numerator, v.denominator) for v in point]
    rows = [(ineq.normal, ineq.offset) for ineq in inequalities]
    for q in _candidates(point, rows, limit):
        grid = [_round_half_even(n * q, d) for n, d in fractions]  # round(v * q), in integers
        for j, (normal, offset) in enumerate(rows):
            if sum(map(mul, normal, grid)) >= offset * q:
                if j:  # this inequality is tried first for the next q: it often fails again
                    rows.insert(0, rows.pop(j))
                break
        else:
            return tuple(Fraction(x, q) for x in grid)
    return point


def _round_half_even(n: int, d: int) -> int:
    """``round(Fraction(n, d))`` for d > 0 (ties to even), without a Fraction."""
    f, r = divmod(n, d)
    return f + 1 if 2 * r > d or (2 * r == d and f % 2) else f




def _candidates(point: Sequence[Fraction], rows: list, limit: int) -> Iterator[int]:
    """The denominators in order: the first ``EXACT_FIRST`` as they are, then only those the float
    screen does not rule out (a q is ruled out when, at the float grid point, provably equal to the
    exact one, some inequality is violated by more than the rounding bound)."""
    qs = list(_denominators(limit))
    yield from qs[:EXACT_FIRST]
    rest = qs[EXACT_FIRST:]
    if not rest:
        return
    try:
        p = np.array([float(v) for v in point])  # float-ok: screening only
        a = np.array([normal for normal, _ in rows], dtype=float).reshape(len(rows), len(p))  # float-ok
        b = np.array([offset for _, offset in rows], dtype=float)  # float-ok
    except OverflowError:
        yield from rest
        return
    q = np.array(rest, dtype=float)[:, None]  # float-ok: exact below 2^53 (larger q are never ruled out)
    scaled = p[None, :] * q
    grid = np.round(scaled)  # ties to even, as round() on a Fraction
    slack = np.abs(np.abs(scaled - np.floor(scaled)) - 0.5)  # distance of p·q to a half-integer
    same = (slack > 2.0 ** -48 * (np.abs(scaled) + 1)).all(axis=1) & (np.abs(scaled) < 2.0 ** 50).all(axis=1)
    values = grid @ a.T - q * b[None, :]  # > 0: the inequality normal·x < offset fails at the grid point
    bound = (np.abs(grid) @ np.abs(a).T + q * np.abs(b)[None, :]) * (8 * (len(p) + 4) * _UNIT)
    with np.errstate(invalid="ignore", over="ignore"):
        out = same & np.isfinite(values).all(axis=1) & np.isfinite(bound).all(axis=1) & (values > bound).any(axis=1)
    yield from (value for value, ruled_out in zip(rest, out.tolist()) if not ruled_out)
