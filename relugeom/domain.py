"""Input domains: all of R^d, a box, or a polytope ``{x : A x ≤ b}``.

Regions are always taken inside the domain's interior.

>>> Domain.box(-1, 1, dim=2).bounds
((Fraction(-1, 1), Fraction(-1, 1)), (Fraction(1, 1), Fraction(1, 1)))
>>> Domain.parse_box("-2:3,0:1").bounds[1]
(Fraction(3, 1), Fraction(1, 1))
>>> Domain.space(3).kind
'space'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Sequence

from .errors import FormatError, ShapeError
from .exact.lp import Polyhedron
from .exact.rational import format_rational, to_rational, to_rational_vector

__all__ = ["Domain", "POLYTOPE_FORMAT"]

POLYTOPE_FORMAT = "relugeom.polytope/1"


@dataclass(frozen=True)
class Domain:
    """``kind`` is ``"space"`` (all of R^dim), ``"box"`` or ``"polytope"``; ``a x ≤ b`` are its inequalities."""

    dim: int
    kind: str
    a: tuple[tuple[Fraction, ...], ...] = ()
    b: tuple[Fraction, ...] = ()

    @classmethod
    def space(cls, dim: int) -> "Domain":
        """All of R^dim (regions may be unbounded)."""
        if isinstance(dim, bool) or not isinstance(dim, int) or dim < 1:
            raise ShapeError(f"the input dimension must be a positive integer, got {dim!r}")
        return cls(dim, "space")

    @classmethod
    def box(cls, lo: object, hi: object, dim: int | None = None) -> "Domain":
        """``[lo, hi]^dim`` (scalars) or the per-axis box ``[lo_1, hi_1] × …`` (sequences)."""
        def axis_values(v: object, name: str) -> tuple[Fraction, ...]:
            if isinstance(v, (list, tuple)):
                return to_rational_vector(v, f"box {name}")
            if dim is None:
                raise ShapeError(f"give dim= for a scalar box bound {name} = {v!r}")
            return (to_rational(v, f"box {name}"),) * dim

        lows, highs = axis_values(lo, "lower bound"), axis_values(hi, "upper bound")
        if len(lows) != len(highs) or (dim is not None and len(lows) != dim) or not lows:
            raise ShapeError(f"box bounds have lengths {len(lows)} and {len(highs)}"
                             + (f", expected {dim}" if dim is not None else ""))
        for i, (l, h) in enumerate(zip(lows, highs)):
            if not l < h:
                raise ShapeError(f"box axis {i}: lower bound {l} is not below upper bound {h}")
        d = len(lows)
        a = tuple(tuple(Fraction(-1 if j == i else 0) for j in range(d)) for i in range(d)) + \
            tuple(tuple(Fraction(1 if j == i else 0) for j in range(d)) for i in range(d))
        b = tuple(-l for l in lows) + highs
        return cls(d, "box", a, b)

    @classmethod
    def polytope(cls, a: Sequence[Sequence[object]], b: Sequence[object], dim: int | None = None) -> "Domain":
        """``{x : A x ≤ b}``; it must have nonempty interior and contain no line (be pointed; all of R^d,
        which has lineality, is :meth:`space`). Checked in this order, each with its own message: the
        shape (``dim`` columns, when given), a nonempty interior, pointedness.

        >>> Domain.polytope([[1, 0], [0, 1]], [1, 1]).kind          # x ≤ 1, y ≤ 1: a pointed cone
        'polytope'
        >>> Domain.polytope([[1, 0], [-1, 0]], [1, 1])               # |x| ≤ 1: a strip
        Traceback (most recent call last):
        ...
        relugeom.errors.ShapeError: the polytope contains a line (A has rank 1 < 2 columns): a domain must be pointed; add bounds in the missing directions, or use all of R^d (no --box/--polytope)
        """
        if any(isinstance(v, (str, bytes, dict)) or not hasattr(v, "__iter__") for v in (a, b)):
            raise ShapeError("a polytope needs A as a list of rows and b as a list of numbers")
        rows = [to_rational_vector(r, f"polytope A[{i}]") for i, r in enumerate(a)]
        if not rows:
            raise ShapeError("a polytope needs at least one inequality")
        width = len(rows[0])
        if width == 0 or any(len(r) != width for r in rows):
            raise ShapeError("polytope A is ragged or has rows of length 0")
        if dim is not None and width != dim:
            raise ShapeError(f"the polytope has dimension {width} (columns of A) but the network has {dim} inputs")
        rhs = to_rational_vector(b, "polytope b", len(rows))
        from .exact.linalg import nullspace

        line = nullspace(rows)  # the lineality space: directions along which the polyhedron is invariant
        slab = [r for v in line for r in (list(v), [-x for x in v])]  # |v·x| ≤ 1 keeps the interior, if any
        if Polyhedron.from_inequalities(rows + slab, list(rhs) + [1] * len(slab)) is None:
            raise ShapeError("the polytope is empty or has empty interior (no point satisfies A x < b)")
        if line:
            raise ShapeError(f"the polytope contains a line (A has rank {width - len(line)} < {width} columns): "
                             "a domain must be pointed; add bounds in the missing directions, or use all of R^d "
                             "(no --box/--polytope)")
        return cls(width, "polytope", tuple(rows), rhs)

    @classmethod
    def parse_box(cls, text: str, dim: int | None = None, of: str = "inputs of the network") -> "Domain":
        """Command-line box: ``"B"`` = ``[-B, B]^dim``, ``"lo:hi"`` = ``[lo, hi]^dim``, ``"l1:h1,l2:h2"`` per axis."""
        parts = [p.strip() for p in text.split(",")]
        axes = []
        for p in parts:
            if ":" in p:
                lo, hi = p.split(":", 1)
                axes.append((to_rational(lo, f"box {text!r}"), to_rational(hi, f"box {text!r}")))
            else:
                r = to_rational(p, f"box {text!r}")
                axes.append((-r, r))
        if len(axes) == 1 and dim is not None:
            axes = axes * dim
        if dim is not None and len(axes) != dim:
            raise ShapeError(f"box {text!r} has {len(axes)} axes but there are {dim} {of}")
        return cls.box([l for l, _ in axes], [h for _, h in axes])

    @classmethod
    def load_polytope(cls, path: str | Path, dim: int | None = None) -> "Domain":
        """Read ``{"format": "relugeom.polytope/1", "A": [[…]], "b": […]}`` (numbers as in FORMAT.md); ``dim``
        as in :meth:`polytope`."""
        from .reading import load_json

        doc = load_json(path, "polytope")
        if not isinstance(doc, dict) or "A" not in doc or "b" not in doc:
            raise FormatError(f'{path}: a polytope document is an object {{"A": [[...]], "b": [...]}}')
        if doc.get("format", POLYTOPE_FORMAT) != POLYTOPE_FORMAT:
            raise FormatError(f"{path}: unknown polytope format {doc['format']!r}")
        try:
            return cls.polytope(doc["A"], doc["b"], dim)
        except ShapeError as exc:
            raise ShapeError(f"{path}: {exc}") from None

    @property
    def bounds(self) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """``(lo, hi)`` of a box."""
        if self.kind != "box":
            raise ShapeError(f"a {self.kind} domain has no box bounds")
        return tuple(-v for v in self.b[: self.dim]), self.b[self.dim:]

    def polyhedron(self) -> Polyhedron | None:
        """The domain as an exact polyhedron, its constraints labelled ``("domain", k)`` (None for R^d)."""
        if self.kind == "space":
            return None
        return Polyhedron.from_inequalities(self.a, self.b, [("domain", k) for k in range(len(self.a))])

    def to_dict(self) -> dict:
        d: dict = {"kind": self.kind, "dim": self.dim}
        if self.kind == "box":
            lo, hi = self.bounds
            d.update(lo=[format_rational(v) for v in lo], hi=[format_rational(v) for v in hi])
        elif self.kind == "polytope":
            d.update(A=[[format_rational(v) for v in r] for r in self.a], b=[format_rational(v) for v in self.b])
        return d
