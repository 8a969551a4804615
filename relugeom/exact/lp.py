"""Exact polyhedra ``{x : A x ≤ b, C x < d}``: feasibility, a strictly interior rational point,
facets (irredundant inequalities), boundedness — with no floating point at all.

The engine is the double description method on the homogenized cone
``{(x, t) : t ≥ 0, a·x + a_t t ≥ 0 …}``: a :class:`Polyhedron` keeps both its inequalities and its
generators (vertices ``t > 0`` and rays ``t = 0``), as primitive integer vectors, with for each
generator the bitmask of inequalities it makes tight. Every answer is read off exact generators:

* full-dimensional ⇔ the generators span the whole homogeneous space;
* a strictly interior point is the barycentre of the vertices plus the sum of the rays;
* an inequality is a facet ⇔ the generators tight on it span a hyperplane;
* bounded ⇔ no ray.

Only pointed polyhedra (containing no line) are represented; :func:`cells_of_space` covers R^d by
the pointed cones of a hyperplane basis.

Large cells (at least ``VECTOR_MIN`` generators, typical from dimension 6 on) take two shortcuts, each
tested against the loops it replaces: the edges and faces come from the tight masks in numpy
(:mod:`relugeom.exact.incidence`), and a split reads the signs of the new hyperplane off double copies of
the generators with a rigorous rounding bound, computing exactly only the undecided values (exact zeros
among them) and those at the ends of the new edges.

>>> P = Polyhedron.from_inequalities([[1, 0], [0, 1], [-1, -1]], [0, 0, -1])   # x ≤ 0, y ≤ 0, x + y ≥ 1
>>> P is None
True
>>> A, b = [[-1, 0], [0, -1], [1, 1], [1, 0]], [0, 0, 1, 2]               # a triangle (x ≤ 2 redundant)
>>> interior_point(A, b), is_bounded(A, b), facets(A, b)
((Fraction(1, 3), Fraction(1, 3)), True, (0, 1, 2))
"""

from __future__ import annotations

import math
from fractions import Fraction
from operator import mul
from itertools import product
from typing import Hashable, Sequence

import numpy as np

from ..errors import ShapeError
from . import incidence
from .rational import to_rational

__all__ = ["Polyhedron", "homogeneous", "cells_of_space", "feasible", "interior_point", "facets", "is_bounded",
           "float_rows", "screen_values"]

Vector = tuple[int, ...]
VECTOR_MIN = 32  # cells with this many generators use exact.incidence and the float-screened split (not tuned)


def _coprime(v: Sequence[int]) -> Vector:
    g = math.gcd(*v)
    return tuple([x // g for x in v]) if g > 1 else tuple(v)  # a list first: faster than a generator


def homogeneous(normal: Sequence[object], offset: object) -> Vector:
    """The primitive integer vector ``(w, c)`` of the half-space ``w·x + c ≥ 0`` (up to a positive factor).

    >>> homogeneous(["1/2", 1], "-3/4")     # x/2 + y - 3/4 ≥ 0  ~  2x + 4y - 3 ≥ 0
    (2, 4, -3)
    """
    q = [*normal, offset]
    if all(type(v) is int for v in q):
        return _coprime(q)
    q = [to_rational(v) for v in q]
    d = math.lcm(*(v.denominator for v in q))
    return _coprime([v.numerator * (d // v.denominator) for v in q])


def _dot(a: Sequence[int], b: Sequence[int]) -> int:
    return sum(map(mul, a, b))


def _rank(vectors: list[Sequence[int]]) -> int:
    """Rank of a few integer vectors (fraction-free elimination)."""
    rows = [list(v) for v in vectors]
    rank, n = 0, len(rows[0]) if rows else 0
    for j in range(n):
        p = next((i for i in range(rank, len(rows)) if rows[i][j]), None)
        if p is None:
            continue
        rows[rank], rows[p] = rows[p], rows[rank]
        piv = rows[rank]
        for i in range(rank + 1, len(rows)):
            if rows[i][j]:
                f, row = rows[i][j], rows[i]
                rows[i] = [piv[j] * x - f * y for x, y in zip(row, piv)]
        rank += 1
    return rank


class Polyhedron:
    """A full-dimensional pointed polyhedron in R^d, in double description (see the module docstring).

    ``constraints[k]`` is a homogeneous integer vector ``a`` meaning ``a·(x, 1) ≥ 0``; constraint 0 is
    always ``t ≥ 0`` (the hyperplane at infinity). ``labels[k]`` says where constraint ``k`` came from.
    """

    __slots__ = ("dim", "constraints", "labels", "generators", "tight", "floats")

    def __init__(self, dim: int, constraints: list[Vector], labels: list[Hashable],
                 generators: list[Vector], tight: list[int], floats: "np.ndarray | None" = None):
        self.dim = dim
        self.constraints = constraints
        self.labels = labels
        self.generators = generators
        self.tight = tight
        self.floats = floats  # the generators in float64, a screen only (see _floats); None until asked

    # ------------------------------------------------------------------ building

    @classmethod
    def simplicial(cls, basis: list[Vector], labels: list[Hashable],
                   kernels: list[Vector] | None = None) -> "Polyhedron":
        """The cone cut out by ``d + 1`` independent homogeneous constraints (``basis[0]`` must be ``t ≥ 0``).

        Its generators are the columns of the adjugate of the constraint matrix, signed to satisfy all.
        ``kernels``: those columns up to sign (:func:`_cone_kernels` of ``basis``, or of ``basis`` with
        some constraints negated, which changes no kernel), when the caller has them already.
        """
        dim = len(basis) - 1
        kernels = kernels if kernels is not None else _cone_kernels(basis)
        full = (1 << len(basis)) - 1
        gens = [g if _dot(c, g) >= 0 else tuple(-x for x in g) for c, g in zip(basis, kernels)]
        tight = [full & ~(1 << k) for k in range(len(basis))]  # generator k: tight on all but constraint k
        return cls(dim, list(basis), list(labels), gens, tight)

    @classmethod
    def from_inequalities(cls, a: Sequence[Sequence[object]], b: Sequence[object],
                          labels: Sequence[Hashable] | None = None) -> "Polyhedron | None":
        """``{x : A x ≤ b}`` if it has nonempty interior and contains no line, else None (empty interior).

        Raises ``ShapeError`` if the polyhedron contains a line (not pointed).
        """
        if not a:
            raise ShapeError("a polyhedron needs at least one inequality")
        dim = len(a[0])
        labels = list(labels) if labels is not None else list(range(len(a)))
        rows = [homogeneous([-to_rational(v) for v in row], b_i) for row, b_i in zip(a, b)]  # b - a·x ≥ 0
        cons = [(0,) * dim + (1,)] + rows
        labs = ["infinity"] + labels
        basis = [0]
        for k in range(1, len(cons)):
            if _rank([cons[i] for i in basis] + [cons[k]]) == len(basis) + 1:
                basis.append(k)
            if len(basis) == dim + 1:
                break
        if len(basis) < dim + 1:
            raise ShapeError("the polyhedron contains a line (its inequalities do not have full rank); "
                             "add bounds in the missing directions")
        poly: Polyhedron | None = cls.simplicial([cons[i] for i in basis], [labs[i] for i in basis])
        for k in range(1, len(cons)):
            if k not in basis and poly is not None:
                poly = poly.cut(cons[k], labs[k])
        if poly is None or not poly.vertices():
            return None
        return poly

    # ------------------------------------------------------------------ cutting

    def split(self, g: Vector, label: Hashable) -> tuple["Polyhedron | None", "Polyhedron | None"]:
        """The full-dimensional parts of ``{g > 0}`` and ``{g < 0}`` (None where a part is empty).

        If ``g`` does not cut the interior, the polyhedron comes back on its side, with ``g`` recorded
        as a constraint when it touches the boundary (so coincident hyperplanes label shared facets).
        ``g ≡ 0`` on the polyhedron counts as the ``g < 0`` side (a neuron with ``z ≡ 0`` is inactive).
        """
        gens, tight = self.generators, self.tight
        floats = self._floats() if len(gens) >= VECTOR_MIN else None
        screened = None if floats is None else _screened_signs(floats, g, gens)  # large cell: exact where needed
        if screened is None:
            values = [_dot(g, u) for u in gens]
            signs = [(v > 0) - (v < 0) for v in values]
        else:
            values, signs = screened
        pos = [i for i, s in enumerate(signs) if s > 0]
        neg = [i for i, s in enumerate(signs) if s < 0]
        zero = [i for i, s in enumerate(signs) if not s]
        bit = 1 << len(self.constraints)
        if not pos or not neg:
            if not pos and not neg:
                return None, self
            oriented = g if pos else tuple(-x for x in g)
            whole = self
            if zero:
                tight = list(tight)
                for i in zero:
                    tight[i] |= bit
                whole = Polyhedron(self.dim, self.constraints + [oriented], self.labels + [label],
                                   gens, tight, self.floats)
            return (whole, None) if pos else (None, whole)
        new_gens, new_tight = [], []
        for u, v in self._adjacent_pairs(pos, neg):
            gu, gv = values[u], values[v]
            if gu is None:
                gu = values[u] = _dot(g, gens[u])
            if gv is None:
                gv = values[v] = _dot(g, gens[v])
            new_gens.append(_coprime([gu * y - gv * x for x, y in zip(gens[u], gens[v])]))
            new_tight.append(tight[u] & tight[v] | bit)
        zero_gens = [gens[i] for i in zero]
        zero_tight = [tight[i] | bit for i in zero]
        new_floats = None
        if floats is not None:  # the parts inherit the float rows (only large cells carry them on)
            new_floats = float_rows(new_gens, len(g))
            if new_floats is not None:
                new_floats = np.concatenate((floats[zero], new_floats))

        def side(keep: list[int], constraint: Vector) -> Polyhedron:
            rows = None if new_floats is None else np.concatenate((floats[keep], new_floats))
            return Polyhedron(self.dim, self.constraints + [constraint], self.labels + [label],
                              [gens[i] for i in keep] + zero_gens + new_gens,
                              [tight[i] for i in keep] + zero_tight + new_tight, rows)

        return side(pos, g), side(neg, tuple(-x for x in g))

    def _floats(self) -> "np.ndarray | None":
        """The generators as float64 rows, for screening (cached); None if an entry is beyond float range."""
        if self.floats is None:
            rows = float_rows(self.generators, self.dim + 1)
            self.floats = False if rows is None else rows
        return self.floats if self.floats is not False else None

    def _adjacent_pairs(self, pos: list[int], neg: list[int]) -> list[tuple[int, int]]:
        """The pairs (u, v), u in ``pos`` and v in ``neg``, spanning a 2-face of the homogeneous cone, sorted.

        Adjacency: if u or v is tight on exactly dim constraints (*simple*), sharing dim − 1 of them
        suffices; otherwise the combinatorial test: no third generator is tight on everything they share.
        Two simple generators sharing dim − 1 constraints are found through an index of each simple v's
        (dim − 1)-subsets, in time linear in the generators; every other pair is tested directly.
        """
        tight, dim, need = self.tight, self.dim, self.dim - 1
        if len(tight) >= VECTOR_MIN and len(self.constraints) <= incidence.MAX_CONSTRAINTS:
            return incidence.adjacent_pairs(tight, pos, neg, dim)
        simple = [t.bit_count() == dim for t in tight]
        index: dict[int, list[int]] = {}
        for v in neg:
            if simple[v]:
                t = tight[v]
                while t:
                    low = t & -t
                    index.setdefault(tight[v] ^ low, []).append(v)
                    t ^= low
        hard_neg = [v for v in neg if not simple[v]]

        def combinatorial(u: int, v: int, common: int) -> bool:
            return not any(t & common == common for w, t in enumerate(tight) if w != u and w != v)

        pairs = []
        for u in pos:
            tu = tight[u]
            if simple[u]:
                t, seen = tu, set()
                while t:
                    low = t & -t
                    t ^= low
                    for v in index.get(tu ^ low, ()):
                        if tight[v] != tu:
                            pairs.append((u, v))  # both simple, sharing exactly dim − 1
                        elif v not in seen:  # the same tight set: the general test
                            seen.add(v)
                            if combinatorial(u, v, tu):
                                pairs.append((u, v))
                others = hard_neg
            else:
                others = neg
            for v in others:
                common = tu & tight[v]
                size = common.bit_count()
                if size < need:
                    continue
                if (size == need and (simple[u] or simple[v])) or combinatorial(u, v, common):
                    pairs.append((u, v))
        pairs.sort()
        return pairs

    def sides(self, rows: Sequence[Vector]) -> list[int]:
        """Per homogeneous row ``g``: ``1`` if ``g > 0`` at every generator (the whole polyhedron lies on
        its positive side, untouched), ``-1`` if ``g < 0`` at every one, ``0`` if undecided — ``g`` may cut
        or touch; ask :meth:`split`. A float screen (numpy, with a rigorous rounding bound) decides most
        rows; a value within the bound, or numbers too large for floats, leaves the row undecided, so the
        answer is exact."""
        if len(self.generators) >= VECTOR_MIN:
            gens = self._floats()  # cached: a large cell is split by these rows next
        else:
            gens = float_rows(self.generators, self.dim + 1)
        zs = float_rows(rows, len(rows[0])) if rows else None
        screened = None if gens is None or zs is None else screen_values(zs, gens)
        if screened is None:
            return [0] * len(rows)
        values, bound = screened
        above = (values > bound).all(axis=1)
        below = (values < -bound).all(axis=1)
        return [1 if a else -1 if b else 0 for a, b in zip(above.tolist(), below.tolist())]

    def cut(self, g: Vector, label: Hashable) -> "Polyhedron | None":
        """The part where ``g ≥ 0``, or None if it is not full-dimensional (``g = 0`` keeps everything)."""
        if not any(g):
            return self
        return self.split(g, label)[0]

    # ------------------------------------------------------------------ reading

    def vertices(self) -> list[tuple[Fraction, ...]]:
        """The vertices (exact points)."""
        return [tuple(Fraction(x, g[-1]) for x in g[:-1]) for g in self.generators if g[-1] > 0]

    def rays(self) -> list[Vector]:
        """The extreme rays (directions of unboundedness), as primitive integer vectors."""
        return [g[:-1] for g in self.generators if g[-1] == 0]

    def is_bounded(self) -> bool:
        return all(g[-1] > 0 for g in self.generators)

    def interior_point(self) -> tuple[Fraction, ...]:
        """A strictly interior rational point: the sum of all (homogeneous) generators, dehomogenized.

        A strictly positive combination of every extreme ray lies inside a full-dimensional cone.
        """
        total = [sum(column) for column in zip(*self.generators)]
        return tuple(Fraction(x, total[-1]) for x in total[:-1])

    def _faces(self) -> list[int]:
        """For each constraint, the bitmask of the generators tight on it."""
        if len(self.tight) >= VECTOR_MIN and len(self.constraints) <= incidence.MAX_CONSTRAINTS:
            return incidence.faces(self.tight, len(self.constraints))
        faces = [0] * len(self.constraints)
        for i, t in enumerate(self.tight):
            bit = 1 << i
            while t:
                low = t & -t
                faces[low.bit_length() - 1] |= bit
                t ^= low
        return faces

    def facets(self, faces: list[int] | None = None) -> tuple[int, ...]:
        """Indices of the constraints that are facets; among coincident ones, the first.

        A constraint is a facet iff its set of tight generators is maximal among all constraints'
        (faces of the homogeneous cone; facets are its maximal proper faces, and each is cut out by
        some constraint). The constraint ``t ≥ 0`` takes part but is never reported. The faces are
        taken largest first, each compared with the maximal ones found so far: a face inside another
        is inside a maximal one, which is larger, so found before it.
        """
        faces = faces if faces is not None else self._faces()
        first: dict[int, int] = {}  # each distinct nonempty face, by its first constraint
        for k in range(len(faces) - 1, 0, -1):
            if faces[k]:
                first[faces[k]] = k
        maximal: list[int] = []  # by decreasing size, each face not inside a larger maximal one
        for f in sorted({*first, faces[0]} if faces[0] else first, key=int.bit_count, reverse=True):
            if not any(g & f == f for g in maximal):
                maximal.append(f)
        return tuple(sorted(first[f] for f in maximal if f != faces[0]))

    def facet_labels(self) -> dict[int, list[Hashable]]:
        """For each facet (by its first constraint index), the labels of every constraint defining it."""
        faces = self._faces()
        out: dict[int, list[Hashable]] = {k: [] for k in self.facets(faces)}
        owner = {faces[k]: k for k in out}
        for k in range(1, len(faces)):
            first = owner.get(faces[k])
            if first is not None and self.labels[k] not in out[first]:
                out[first].append(self.labels[k])
        return out

    def __repr__(self) -> str:
        return (f"Polyhedron(dim={self.dim}, constraints={len(self.constraints) - 1}, "
                f"vertices={len(self.vertices())}, rays={len(self.rays())})")


def float_rows(rows: Sequence[Vector], width: int) -> "np.ndarray | None":
    """Integer rows as a float64 array (each entry correctly rounded), or None if one is beyond float range."""
    try:
        out = np.array(rows, dtype=np.float64)  # float-ok: a screen, see _screen
    except OverflowError:  # an int beyond float range (numpy refuses to make it inf)
        return None
    return out if rows else out.reshape(0, width)


def screen_values(zs: np.ndarray, gens: np.ndarray) -> "tuple[np.ndarray, np.ndarray] | None":
    """Every ``z · u`` (rows ``zs`` × generators ``gens``, float copies of integer vectors) in floats, with
    a rigorous bound on its error — conversion, products and sums: ``4 (n + 4) 2^-52 Σ|z_i u_i|`` — so a
    value beyond its bound has a certain sign; None if the floats overflow."""
    values = zs @ gens.T  # float-ok: screening, undecided entries go exact
    bound = (np.abs(zs) @ np.abs(gens).T) * (4 * (gens.shape[1] + 4) * 2.0 ** -52)  # float-ok
    if not (np.isfinite(values).all() and np.isfinite(bound).all()):
        return None
    return values, bound


def _screen(zs: np.ndarray, gens: np.ndarray) -> "np.ndarray | None":
    """The certain sign of every ``z · u`` (see :func:`screen_values`): ``1``, ``-1``, or ``0`` where
    the float value is within its bound (exact zeros among them); None if the floats overflow."""
    screened = screen_values(zs, gens)
    if screened is None:
        return None
    values, bound = screened
    return (values > bound).astype(np.int8) - (values < -bound).astype(np.int8)


def _screened_signs(floats: np.ndarray, g: Vector, gens: list[Vector]) -> "tuple[list, list[int]] | None":
    """``(values, signs)`` of ``g`` at the generators from the float screen, exact: ``values[i]`` is computed
    where the screen could not decide (exact zeros among them), else None (computed on demand by ``split``);
    None if the floats overflow (then every value is computed exactly)."""
    gf = float_rows([g], len(g))
    screen = None if gf is None else _screen(gf, floats)
    if screen is None:
        return None
    signs = screen[0].tolist()
    values: list = [None] * len(gens)
    for i in [i for i, s in enumerate(signs) if not s]:
        values[i] = v = _dot(g, gens[i])
        signs[i] = (v > 0) - (v < 0)
    return values, signs


def _kernel_vector(rows: list[Vector], n: int) -> Vector:
    """A nonzero integer vector orthogonal to ``n - 1`` independent integer rows (signed minors)."""
    from .linalg import nullspace

    basis = nullspace([list(r) for r in rows], backend="python")
    return tuple(int(x) for x in basis[0])


def _cone_kernels(basis: list[Vector]) -> list[Vector]:
    """For each of ``d + 1`` independent homogeneous constraints, the coprime integer vector (up to sign)
    orthogonal to all the others: the generators of their simplicial cone."""
    if len(basis) == 1:  # R^0: the single point t = 1
        return [(1,)]
    return [_coprime(_kernel_vector(basis[:k] + basis[k + 1:], len(basis))) for k in range(len(basis))]


def cells_of_space(dim: int, basis: list[Vector], labels: list[Hashable]) -> list[tuple[tuple[int, ...], Polyhedron]]:
    """Cover R^dim by the ``2^dim`` pointed cones of ``dim`` independent hyperplanes ``basis``.

    Returns ``(signs, cone)`` pairs: ``signs[i] = 1`` where ``basis[i] > 0`` on the cone, else 0.
    """
    infinity = (0,) * dim + (1,)
    kernels = _cone_kernels([infinity, *basis])  # negating constraints changes no kernel: computed once
    out = []
    for signs in product((1, 0), repeat=dim):
        cons = [infinity] + [b if s else tuple(-x for x in b) for b, s in zip(basis, signs)]
        out.append((signs, Polyhedron.simplicial(cons, ["infinity"] + list(labels), kernels)))
    return out


# --------------------------------------------------------------------------- LP-style API


def _polyhedron(a, b, strict_a, strict_b) -> Polyhedron | None:
    a, b = list(a or []), list(b or [])
    strict_a, strict_b = list(strict_a or []), list(strict_b or [])
    return Polyhedron.from_inequalities(a + strict_a, b + strict_b)


def feasible(a, b, strict_a=None, strict_b=None) -> bool:
    """Is ``{x : A x ≤ b, C x < d}`` nonempty **with nonempty interior**? (exact)

    For the full-dimensional polyhedra relugeom handles, ``{A x ≤ b, C x < d}`` has nonempty interior
    iff its closure does; the strict part matters only through that interior.
    """
    return _polyhedron(a, b, strict_a, strict_b) is not None


def interior_point(a, b, strict_a=None, strict_b=None) -> tuple[Fraction, ...] | None:
    """A rational point satisfying every inequality strictly, or None if the interior is empty."""
    poly = _polyhedron(a, b, strict_a, strict_b)
    return None if poly is None else poly.interior_point()


def facets(a, b) -> tuple[int, ...]:
    """Indices (into the rows of ``A``) of the irredundant inequalities of ``{A x ≤ b}`` (full-dimensional)."""
    poly = _polyhedron(a, b, None, None)
    if poly is None:
        raise ShapeError("the polyhedron has empty interior")
    return tuple(sorted(poly.labels[k] for k in poly.facets()))


def is_bounded(a, b) -> bool:
    """Is ``{A x ≤ b}`` (full-dimensional, pointed) bounded?"""
    poly = _polyhedron(a, b, None, None)
    if poly is None:
        raise ShapeError("the polyhedron has empty interior")
    return poly.is_bounded()
