"""Incidence kernels of the double description on large cells, in numpy: which generators span an edge,
and which generators lie on each constraint.

A :class:`~relugeom.exact.lp.Polyhedron` records, for every generator, the bitmask of the constraints
it makes tight. These masks are exact small integers, so the combinatorial questions asked of them —
no arithmetic on the generators themselves — can be answered for all generators at once on ``uint64``
arrays, with the same answers as the loops in :mod:`relugeom.exact.lp` (which stay the oracle, and the
path for small cells). Usable when a polyhedron has at most :data:`MAX_CONSTRAINTS` constraints.

>>> # the square 0 ≤ x, y ≤ 1: generators (0,0) (1,0) (1,1) (0,1), tight on {x≥0,y≥0} {y≥0,x≤1} …
>>> tight = [0b0011, 0b0110, 0b1100, 0b1001]
>>> adjacent_pairs(tight, [0, 1], [2, 3], 2)       # u in the first list, v in the second, sharing an edge
[(0, 3), (1, 2)]
>>> [bin(f) for f in faces(tight, 4)]               # constraint k: the generators tight on it
['0b1001', '0b11', '0b110', '0b1100']
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["MAX_CONSTRAINTS", "adjacent_pairs", "faces"]

MAX_CONSTRAINTS = 64  # a tight mask must fit in a uint64
_BLOCK = 1 << 22  # at most this many (pair, generator) tests at once: bounded memory on degenerate cells


def adjacent_pairs(tight: Sequence[int], pos: Sequence[int], neg: Sequence[int], dim: int) -> list[tuple[int, int]]:
    """The pairs ``(u, v)``, ``u`` in ``pos`` and ``v`` in ``neg``, that span a 2-face of the homogeneous
    cone of dimension ``dim + 1``, sorted — the rule of ``Polyhedron._adjacent_pairs``: sharing at least
    ``dim − 1`` tight constraints, and either exactly that many with ``u`` or ``v`` simple (tight on exactly
    ``dim``), or no third generator tight on all they share.
    """
    t = np.array(tight, dtype=np.uint64)
    p, n = np.array(pos, dtype=np.intp), np.array(neg, dtype=np.intp)
    simple = np.bitwise_count(t) == dim
    us, vs = [], []
    rows = max(1, _BLOCK // max(1, len(n)))
    for start in range(0, len(p), rows):  # the pos × neg table, a block of rows at a time
        block = p[start:start + rows]
        common = t[block][:, None] & t[n][None, :]
        size = np.bitwise_count(common)
        i, j = np.nonzero(size >= dim - 1)
        u, v, c, s = block[i], n[j], common[i, j], size[i, j]
        easy = (s == dim - 1) & (simple[u] | simple[v])
        hard = np.nonzero(~easy)[0]
        keep = easy
        if len(hard):
            ok = np.zeros(len(hard), dtype=bool)
            step = max(1, _BLOCK // len(t))
            for k in range(0, len(hard), step):
                ch = c[hard[k:k + step]]
                # u and v contain what they share; any other generator that does makes them not adjacent
                ok[k:k + step] = ((t[None, :] & ch[:, None]) == ch[:, None]).sum(axis=1) == 2
            keep = easy.copy()
            keep[hard[ok]] = True
        us.append(u[keep])
        vs.append(v[keep])
    if not us:
        return []
    return list(zip(np.concatenate(us).tolist(), np.concatenate(vs).tolist()))


def faces(tight: Sequence[int], n_constraints: int) -> list[int]:
    """For each of ``n_constraints`` constraints, the bitmask (a Python int, bit ``i`` for generator ``i``)
    of the generators tight on it — ``Polyhedron._faces``, at once."""
    t = np.array(tight, dtype=np.uint64)
    bits = ((t[None, :] >> np.arange(n_constraints, dtype=np.uint64)[:, None]) & np.uint64(1)).astype(bool)
    packed = np.packbits(bits, axis=1, bitorder="little")
    return [int.from_bytes(row.tobytes(), "little") for row in packed]
