"""Interior points with small denominators: the first point of the grid (1/q)·Z^d, for q = 1, 2, 3, 4,
5, 6, 8, 10, 12, 16, …, strictly inside an open polyhedral region (a region's ``point``), found in
integer arithmetic. (A float screen of the denominators was tried and measured: its numpy overhead per
region cost more than the exact checks it saved, in 2-D and in 6-D.)

>>> from fractions import Fraction
>>> from relugeom.regions import Inequality
>>> thin = [Inequality((1, 0), 1, ()), Inequality((-1, 0), 0, ()), Inequality((0, 1000), 1, ()), Inequality((0, -1000), 0, ())]
>>> simple_point((Fraction(1, 3), Fraction(1, 3000)), thin)      # 0 < x < 1, 0 < y < 1/1000
(Fraction(1, 3), Fraction(1, 1536))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from operator import mul

__all__ = ["simple_point"]


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
    for q in _denominators(limit):
        grid = []
        for n, d in fractions:  # round(n q / d) in integers: floor(n q / d + 1/2), ties to even
            t, r = divmod(2 * n * q + d, 2 * d)
            grid.append(t - 1 if r == 0 and t & 1 else t)
        for j, (normal, offset) in enumerate(rows):
            if sum(map(mul, normal, grid)) >= offset * q:
                if j:  # this inequality is tried first for the next q: it often fails again
                    rows.insert(0, rows.pop(j))
                break
        else:
            return tuple(Fraction(x, q) for x in grid)
    return point
