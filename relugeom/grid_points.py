"""Interior points with small denominators: the first point of the grid (1/q)·Z^d, for q = 1, 2, 3, 4,
5, 6, 8, 10, 12, 16, …, strictly inside an open polyhedral region (a region's ``point``), found in
integer arithmetic. In dimension :data:`SCREEN_DIM` and above, the denominators are first screened all at
once in floats with a rigorous error bound, and only those the screen cannot rule out are tried exactly,
so the point is the same (measured on torch-init networks: the screen costs about 50 µs a region, and
pays from 5-D on, where the exact tries are longer and more of them fail: 1.3× at 5-D, 2× at 6-D).

>>> from fractions import Fraction
>>> from relugeom.regions import Inequality
>>> thin = [Inequality((1, 0), 1, ()), Inequality((-1, 0), 0, ()), Inequality((0, 1000), 1, ()), Inequality((0, -1000), 0, ())]
>>> simple_point((Fraction(1, 3), Fraction(1, 3000)), thin)      # 0 < x < 1, 0 < y < 1/1000
(Fraction(1, 3), Fraction(1, 1536))
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from fractions import Fraction
from itertools import chain
from operator import mul

import numpy as np

from .exact.lp import float_rows, screen_values

__all__ = ["simple_point", "SCREEN_DIM"]

SCREEN_DIM = 5  # the float screen of the denominators is used from this input dimension on
_EXACT_FLOAT = 2.0 ** 50  # float-ok: grid coordinates below this are exact in float64, with room to spare


# 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, …: small denominators first, then doubling
_DENOMINATORS = tuple(range(1, 7)) + tuple(base << k for k in range(60) for base in (8, 10, 12))


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
    denominators = _DENOMINATORS[:bisect_left(_DENOMINATORS, limit)]
    if len(point) >= SCREEN_DIM:
        denominators = _candidates(point, rows, denominators)
    for q in denominators:  # the exact tries, inline: in 2-D they are most of the time
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
    return tuple(point)


def _candidates(point: Sequence[Fraction], rows: list, qs: Sequence[int]) -> Iterable[int]:
    """The denominators ``qs`` (increasing), in order, but for those whose rounded point the float screen
    rules out — every one whose point is inside is kept. The screen rounds ``point · q`` in floats (a
    coordinate within its rounding error of a half-integer leaves ``q`` in) and evaluates every row at the
    grid points at once, with the rigorous bound of :func:`relugeom.exact.lp.screen_values`: a row above
    its bound is certainly violated. Denominators too large for exact float grid points are all kept."""
    try:
        p = [float(v) for v in point]  # float-ok: screen; float(Fraction) is correctly rounded
    except OverflowError:  # a coordinate beyond float range: every denominator is tried exactly
        return qs
    m = bisect_left(qs, _EXACT_FLOAT / (max(map(abs, p), default=0.0) + 1.0))  # float-ok: screen
    zs = float_rows([(*normal, -offset) for normal, offset in rows], len(point) + 1) if rows and m else None
    if zs is None:
        return qs
    grid, near_tie = _grid_rows(np.array(p), qs[:m])  # float-ok: screen
    screened = screen_values(zs, grid)
    if screened is None:
        return qs
    values, bound = screened
    violated = (values > bound).any(axis=0) & ~near_tie
    return chain((qs[i] for i in np.flatnonzero(~violated).tolist()), qs[m:])


def _grid_rows(p: np.ndarray, qs: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """The homogeneous grid points ``(rint(p q), q)``, one row per ``q``, in floats (exact: ``|p q| < 2^50``),
    and per ``q`` whether a coordinate of ``p q`` is within its float error (``|p q| 2^-50``) of a
    half-integer, where ``rint`` may round otherwise than the exact ``p q``."""
    q = np.array(qs, dtype=np.float64)  # float-ok: screen
    scaled = np.multiply.outer(q, p)
    rows = np.empty((len(qs), len(p) + 1))
    rows[:, :-1] = grid = np.rint(scaled)  # ties to even, as the exact rounding
    rows[:, -1] = q
    near_tie = (np.abs(scaled - grid) >= 0.5 - np.abs(scaled) * 2.0 ** -50).any(axis=1)  # float-ok: bound
    return rows, near_tie
