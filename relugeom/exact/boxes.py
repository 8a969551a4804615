"""Many parts of one cell split together by hyperplane after hyperplane, with a float screen: the parts'
bounding boxes.

:class:`ScreenedParts` holds the parts (exact :class:`~relugeom.exact.lp.Polyhedron` objects) with
their bits so far and the float bounding box of each part's vertices (each coordinate ``x / t``
correctly rounded). For a hyperplane ``g``, the boxes decide at once, with a rigorous bound on the
rounding, the parts on which ``g > 0`` or ``g < 0`` everywhere; those keep their polyhedron and get their
bit without a Python loop. Only the others (and unbounded parts) go through the exact
``Polyhedron.split``. A decided part lies strictly on one side with no vertex on ``g = 0``, which is
exactly what the exact split returns for it, so the screen changes the speed and nothing else (floats
only screen). The order of the parts is the one of the plain loop: each part in turn, its ``g > 0``
piece before its ``g < 0`` piece.

>>> from relugeom.exact.lp import Polyhedron
>>> squares = [Polyhedron.from_inequalities([[1, 0], [-1, 0], [0, 1], [0, -1]], [a + 1, -a, 1, 0]) for a in range(3)]
>>> parts = ScreenedParts([(p, ()) for p in squares])
>>> parts.sides((1, 0, -2)).tolist()     # x - 2: below on [0, 1]; [1, 2] and [2, 3] touch x = 2
[-1, 0, 0]
>>> parts.split((2, 0, -1), "x > 1/2")   # cuts the first square only
>>> [(p.vertices()[0][0] >= 1 / 2, bits) for p, bits in parts.to_list()]
[(True, (1,)), (False, (0,)), (True, (1,)), (True, (1,))]
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

__all__ = ["ScreenedParts"]

_UNIT = 2.0 ** -52  # float-ok: the rounding unit of the screen's bound


def _box(poly) -> tuple[list[float], list[float], bool]:
    """The float bounding box of the vertices of ``poly`` (False if it has a ray)."""
    gens = poly.generators
    k = len(gens[0]) - 1
    if any(g[-1] <= 0 for g in gens):
        return [0.0] * k, [0.0] * k, False  # float-ok: never used for an unbounded part
    try:
        points = [[x / g[-1] for x in g[:-1]] for g in gens]  # float-ok: int / int is correctly rounded
    except OverflowError:
        return [0.0] * k, [0.0] * k, False  # float-ok
    return [min(c) for c in zip(*points)], [max(c) for c in zip(*points)], True


class ScreenedParts:
    """Parts ``(polyhedron, bits)`` of one cell, all with bits of the same length, and their boxes."""

    __slots__ = ("polys", "bits", "lo", "hi", "ok")

    def __init__(self, parts: Sequence[tuple]) -> None:
        self.polys = np.empty(len(parts), dtype=object)
        self.polys[:] = [poly for poly, _ in parts]
        self.bits = np.array([bits for _, bits in parts], dtype=np.int8).reshape(len(parts), -1)
        rows = [_box(poly) for poly, _ in parts]
        self.lo = np.array([r[0] for r in rows], dtype=float)  # float-ok: screening
        self.hi = np.array([r[1] for r in rows], dtype=float)  # float-ok
        self.ok = np.array([r[2] for r in rows], dtype=bool)

    def __len__(self) -> int:
        return len(self.polys)

    def sides(self, g: Sequence[int]) -> np.ndarray:
        """Per part: 1 if ``g·(x, 1) > 0`` on its whole box, -1 if ``< 0``, 0 if undecided (exact test)."""
        try:
            w = np.array(g[:-1], dtype=float)  # float-ok: screening
            c = float(g[-1])  # float-ok
        except OverflowError:
            return np.zeros(len(self), dtype=int)
        wl, wh = self.lo * w, self.hi * w
        low = c + np.minimum(wl, wh).sum(axis=1)
        high = c + np.maximum(wl, wh).sum(axis=1)
        size = abs(c) + (np.abs(w) * np.maximum(np.abs(self.lo), np.abs(self.hi))).sum(axis=1)
        bound = size * (4 * (len(w) + 4) * _UNIT)
        with np.errstate(invalid="ignore", over="ignore"):
            good = self.ok & np.isfinite(low) & np.isfinite(high) & np.isfinite(bound)
            return (good & (low > bound)).astype(int) - (good & (high < -bound)).astype(int)

    def split(self, g: Sequence[int], label: Hashable) -> None:
        """Split every part by ``g`` (as ``Polyhedron.split`` does, part by part) and append the bits."""
        sides = self.sides(g)
        undecided = np.flatnonzero(sides == 0).tolist()
        pieces = {j: self.polys[j].split(g, label) for j in undecided}
        counts = np.ones(len(self), dtype=int)
        for j, (plus, minus) in pieces.items():
            counts[j] = (plus is not None) + (minus is not None)
        parent = np.repeat(np.arange(len(self)), counts)
        column = (sides[parent] > 0).astype(np.int8)
        polys = self.polys[parent]
        lo, hi, ok = self.lo[parent], self.hi[parent], self.ok[parent]
        starts = np.cumsum(counts) - counts
        for j, (plus, minus) in pieces.items():
            at = int(starts[j])
            for piece, bit in ((plus, 1), (minus, 0)):
                if piece is None:
                    continue
                column[at] = bit
                if piece is not polys[at]:
                    polys[at] = piece
                    lo[at], hi[at], ok[at] = _box(piece)
                at += 1
        self.polys, self.lo, self.hi, self.ok = polys, lo, hi, ok
        self.bits = np.concatenate([self.bits[parent], column[:, None]], axis=1)

    def to_list(self) -> list[tuple]:
        """The parts as ``(polyhedron, bits tuple)``, in order."""
        return list(zip(self.polys.tolist(), map(tuple, self.bits.tolist())))
