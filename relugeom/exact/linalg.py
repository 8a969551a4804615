"""Exact linear algebra over Q: certified rank, nullspace, rref.

Every rank comes with a certificate that anyone can re-check:

* a lower bound: pivot rows and columns of an ``r x r`` minor that is nonsingular
  (checked modulo a prime ``p``: a determinant that is nonzero mod ``p`` is nonzero);
* an upper bound: ``n - r`` right-kernel vectors (or ``m - r`` left-kernel vectors)
  that annihilate the matrix **exactly**, in the free-variable form (nonzero at their
  own free index, 0 at the other free indices), so they are independent by construction.

Backends: ``"flint"`` (python-flint: rref modulo a 62-bit prime; the kernel is read off
that rref and lifted to Q by rational reconstruction, with an exact integer solve only
for vectors too large to lift; the lift is then verified by an exact integer product)
and ``"python"`` (fraction-free Bareiss elimination on Python ints, exact solve).
``"auto"`` picks flint when it is installed. A float is never used.

>>> r = rank([[1, 2], [2, 4], [0, 1]])
>>> r.rank, r.certificate.rows, r.certificate.cols
(2, (0, 2), (0, 1))
>>> nullspace([[1, 1, 1]])
((-1, 1, 0), (-1, 0, 1))
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, Sequence

from ..errors import ShapeError
from .rational import format_rational, to_rational

try:  # python-flint is a dependency, but the pure-Python path must work without it
    import flint
except ImportError:  # pragma: no cover - exercised by forcing backend="python"
    flint = None

__all__ = ["ScaledMatrix", "RankCertificate", "RankResult", "rank", "nullspace", "rref", "check_certificate",
           "available_backends"]

Backend = Literal["auto", "flint", "python"]
Side = Literal["right", "left"]

# Primes just below 2**62 for the modular rank; the next one is tried if one is unlucky (it
# divides a pivot minor), then exact elimination.
PRIMES = (4611686018427387847, 4611686018427387817, 4611686018427387787)


@dataclass(frozen=True)
class RankCertificate:
    """Proof of ``rank(M) == len(rows)``.

    ``M[rows][:, cols]`` is nonsingular (modulo ``prime``, or over Q when ``prime`` is None),
    and the ``kernel`` vectors (on ``side``, primitive integer vectors) satisfy ``M v = 0`` (right)
    or ``v M = 0`` (left).
    """

    rows: tuple[int, ...]
    cols: tuple[int, ...]
    prime: int | None
    side: Side
    kernel: tuple[tuple[int, ...], ...]

    def to_dict(self) -> dict:
        return {
            "rows": list(self.rows),
            "cols": list(self.cols),
            "prime": self.prime,
            "kernel_side": self.side,
            "kernel": [[format_rational(q) for q in v] for v in self.kernel],
        }


@dataclass(frozen=True)
class RankResult:
    """Exact rank of an ``m x n`` rational matrix, with its certificate."""

    rank: int
    shape: tuple[int, int]
    certificate: RankCertificate
    backend: str

    def __repr__(self) -> str:
        m, n = self.shape
        return f"RankResult(rank={self.rank}, shape={m}x{n}, backend={self.backend!r})"

    def to_dict(self) -> dict:
        return {"rank": self.rank, "shape": list(self.shape), "backend": self.backend,
                "certificate": self.certificate.to_dict()}


def available_backends() -> tuple[str, ...]:
    """Backends usable on this machine, fastest first."""
    return ("flint", "python") if flint is not None else ("python",)


# ---------------------------------------------------------------------------- input


@dataclass(frozen=True)
class ScaledMatrix:
    """A rational matrix stored as integer rows and a positive scale per row: ``M[i][j] = rows[i][j] / scales[i]``.

    Producers that can compute in integers (e.g. the Jacobian) hand this to :func:`rank` and skip
    every ``Fraction``; row scaling changes neither the rank nor the right kernel.

    >>> ScaledMatrix(((1, 2),), (4,)).to_fractions()
    ((Fraction(1, 4), Fraction(1, 2)),)
    """

    rows: tuple[tuple[int, ...], ...]
    scales: tuple[int, ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0]) if self.rows else 0

    def to_fractions(self) -> tuple[tuple[Fraction, ...], ...]:
        return tuple(tuple(Fraction(x, d) for x in row) for row, d in zip(self.rows, self.scales))

    @staticmethod
    def of(matrix: "Sequence[Sequence[object]] | ScaledMatrix") -> "ScaledMatrix":
        """Convert any rational matrix (rows of numbers) to integer rows, checking it is rectangular."""
        if isinstance(matrix, ScaledMatrix):
            return matrix
        ints, scales = _integer_rows(_as_rational_rows(matrix))
        return ScaledMatrix(tuple(map(tuple, ints)), tuple(scales))


def _as_rational_rows(matrix: Sequence[Sequence[object]]) -> list[list[Fraction]]:
    rows = [list(r) for r in matrix]
    n = len(rows[0]) if rows else 0
    out = []
    for i, row in enumerate(rows):
        if len(row) != n:
            raise ShapeError(f"matrix row {i} has {len(row)} entries, row 0 has {n}")
        out.append([q if isinstance(q, Fraction) else to_rational(q, f"matrix[{i}][{j}]") for j, q in enumerate(row)])
    return out


def _integer_rows(rows: Sequence[Sequence[Fraction]]) -> tuple[list[list[int]], list[int]]:
    """Scale every row by the lcm of its denominators; return the int rows and the scales."""
    ints, scales = [], []
    for row in rows:
        d = math.lcm(*(q.denominator for q in row)) if row else 1
        ints.append([q.numerator * (d // q.denominator) for q in row])
        scales.append(d)
    return ints, scales


def _primitive(v: Sequence[Fraction | int]) -> tuple[int, ...]:
    """Scale a nonzero rational vector to coprime integers (a canonical, readable form)."""
    d = math.lcm(*(q.denominator for q in v))
    return _coprime([q.numerator * (d // q.denominator) for q in v])


def _coprime(ints: list[int]) -> tuple[int, ...]:
    """Divide an integer vector by the gcd of its entries."""
    g = math.gcd(*ints)
    return tuple(x // g for x in ints) if g > 1 else tuple(ints)


# ------------------------------------------------------------------ pivot finding


def _bareiss_pivots(a: list[list[int]]) -> tuple[list[int], list[int]]:
    """Fraction-free elimination; returns (pivot rows, pivot cols) of a nonsingular maximal minor."""
    a = [list(row) for row in a]
    m, n = len(a), len(a[0]) if a else 0
    order = list(range(m))
    prev, k, cols = 1, 0, []
    for j in range(n):
        if k == m:
            break
        p = next((i for i in range(k, m) if a[i][j] != 0), None)
        if p is None:
            continue
        a[k], a[p], order[k], order[p] = a[p], a[k], order[p], order[k]
        piv = a[k][j]
        for i in range(k + 1, m):
            lead = a[i][j]
            row_i, row_k = a[i], a[k]
            for t in range(j + 1, n):
                row_i[t] = (piv * row_i[t] - lead * row_k[t]) // prev
            row_i[j] = 0
        prev, k = piv, k + 1
        cols.append(j)
    return sorted(order[:k]), cols


def _pivot_columns(reduced, r: int) -> list[int]:
    cols, j = [], 0
    for i in range(r):
        while reduced[i, j] == 0:
            j += 1
        cols.append(j)
        j += 1
    return cols


# -------------------------------------------------------------------- kernels
# A kernel is given in free-variable form: one vector per non-pivot index f, with 1 at f, 0 at the
# other non-pivot indices, and the values at the pivot indices determined by the nonsingular minor.


def _rref_python(rows: list[list[Fraction]]) -> tuple[list[list[Fraction]], int]:
    """Gauss-Jordan on Fractions: the reduced row echelon form and the rank."""
    out, r = [list(row) for row in rows], 0
    m, n = len(out), len(out[0]) if out else 0
    for j in range(n):
        p = next((i for i in range(r, m) if out[i][j] != 0), None)
        if p is None:
            continue
        out[r], out[p] = out[p], out[r]
        inv = 1 / out[r][j]
        out[r] = [x * inv for x in out[r]]
        for i in range(m):
            if i != r and out[i][j] != 0:
                f = out[i][j]
                out[i] = [x - f * y for x, y in zip(out[i], out[r])]
        r += 1
    return out, r


def _solve_python(square: list[list[int]], rhs: list[list[int]]) -> list[list[Fraction]]:
    """Solve ``square @ X = rhs`` exactly (square nonsingular): the rref of ``[square | rhs]`` is ``[I | X]``."""
    r = len(square)
    reduced, _ = _rref_python([[Fraction(x) for x in square[i] + rhs[i]] for i in range(r)])
    return [row[r:] for row in reduced]


def _solve_flint(square: list[list[int]], rhs: list[list[int]]) -> list[list[Fraction]]:
    x = flint.fmpz_mat(square).solve(flint.fmpz_mat(rhs))
    return [[Fraction(int(x[i, j].p), int(x[i, j].q)) for j in range(x.ncols())] for i in range(x.nrows())]


def _exact_kernel(a: list[list[int]], rows: list[int], cols: list[int], solve,
                  only: Sequence[int] | None = None) -> list[tuple[int, ...]]:
    """Right kernel of ``a[rows]`` in free-variable form, by an exact solve with the minor ``a[rows][:, cols]``.

    ``only`` restricts the result to the vectors of these free indices.
    """
    n = len(a[0])
    pivots = set(cols)
    free = [j for j in range(n) if j not in pivots] if only is None else list(only)
    if not free or not cols:
        return [tuple(int(j == f) for j in range(n)) for f in free]
    y = solve([[a[i][j] for j in cols] for i in rows], [[-a[i][f] for f in free] for i in rows])
    kernel = []
    for t, f in enumerate(free):
        v = [Fraction(0)] * n
        v[f] = Fraction(1)
        for s, j in enumerate(cols):
            v[j] = y[s][t]
        kernel.append(_primitive(v))
    return kernel


def _reconstruct(x: int, p: int, bound: int) -> Fraction | None:
    """The fraction a/b with |a|, b <= bound and a ≡ b·x (mod p), if there is one."""
    if x <= bound:
        return Fraction(x)
    if p - x <= bound:
        return Fraction(x - p)
    r0, r1, t0, t1 = p, x, 0, 1
    while r1 > bound:
        q = r0 // r1
        r0, r1, t0, t1 = r1, r0 - q * r1, t1, t0 - q * t1
    if t1 == 0 or abs(t1) > bound:
        return None
    return Fraction(r1, t1)


def _modular_kernel(reduced, pivots: list[int], length: int, p: int,
                    give_up: bool = False) -> dict[int, tuple[int, ...] | None] | None:
    """Free-variable kernel read off a mod-p rref, lifted to Q by rational reconstruction.

    Maps each free index to its vector (as primitive integers), or to None where an entry is too
    large to reconstruct from one prime (``give_up``: return None at the first such vector). Small
    entries are the usual case for structured matrices (e.g. a Jacobian's right kernel); the caller
    verifies every lift exactly, so a wrong lift is harmless.
    """
    bound = math.isqrt(p // 2)
    pivot_set = set(pivots)
    kernel: dict[int, tuple[int, ...] | None] = {}
    for f in (j for j in range(length) if j not in pivot_set):
        entries, d = [], 1
        for i, j in enumerate(pivots):
            x = int(reduced[i, f])
            if x:
                q = _reconstruct(p - x, p, bound)
                if q is None:
                    break
                entries.append((j, q))
                d = d * q.denominator // math.gcd(d, q.denominator)
        else:
            v = [0] * length
            v[f] = d
            for j, q in entries:
                v[j] = q.numerator * (d // q.denominator)
            kernel[f] = _coprime(v)
            continue
        if give_up:
            return None
        kernel[f] = None
    return kernel


def _transpose(a: Sequence[Sequence]) -> list[list]:
    return [list(col) for col in zip(*a)]


def _annihilates(a: Sequence[Sequence[int]], kernel: list[tuple[int, ...]], side: Side, za=None) -> bool:
    """Exactly: ``a v = 0`` (right) or ``v a = 0`` (left) for every integer kernel vector."""
    if not kernel:
        return True
    ints = [list(v) for v in kernel]
    if flint is not None:
        za = za if za is not None else flint.fmpz_mat(a)
        zk = flint.fmpz_mat(ints)
        return (za * zk.transpose() if side == "right" else zk * za).is_zero()
    mat = a if side == "right" else _transpose(a)
    return all(sum(x * y for x, y in zip(row, v) if x) == 0 for v in ints for row in mat)


# ------------------------------------------------------------------ public API


def _resolve(backend: Backend) -> str:
    if backend == "auto":
        return available_backends()[0]
    if backend not in ("flint", "python"):
        raise ValueError(f"unknown backend {backend!r}; choose 'auto', 'flint' or 'python'")
    if backend == "flint" and flint is None:
        raise ImportError("backend 'flint' needs python-flint: pip install python-flint")
    return backend


def _certified(sm: ScaledMatrix, rows, cols, prime, side: Side, kernel: list[tuple[int, ...]], backend: str,
               za=None, verified: bool = False) -> RankResult | None:
    """Wrap pivots and a candidate kernel (primitive integer vectors) into a result, if it annihilates exactly.

    ``verified``: the caller has already checked every vector exactly (one product per vector, not two).
    """
    if not verified and not _annihilates(sm.rows, kernel, side, za):
        return None
    if side == "left" and any(s != 1 for s in sm.scales):  # rows = D M: u (D M) = 0  <=>  (u D) M = 0
        kernel = [_primitive([q * s for q, s in zip(v, sm.scales)]) for v in kernel]
    cert = RankCertificate(tuple(rows), tuple(cols), prime, side, tuple(kernel))
    return RankResult(len(rows), sm.shape, cert, backend)


def _lift_kernel(reduced, reduced_t, rows: list[int], cols: list[int], shape: tuple[int, int], p: int,
                 side: Side | None) -> tuple[Side, dict[int, tuple[int, ...] | None]]:
    """Pick the certificate's kernel side and lift that kernel from the mod-p rrefs.

    Prefers a side whose kernel lifts completely from one prime (an exact solve costs far more than
    a few extra vectors; for Jacobians the right kernel usually does), then the side with fewer vectors.
    """
    m, n = shape
    r = len(rows)

    def lift(which: Side, give_up: bool = False):
        if which == "right":
            return _modular_kernel(reduced, cols, n, p, give_up)
        return _modular_kernel(reduced_t, rows, m, p, give_up)

    if side is not None:
        return side, lift(side)
    smaller: Side = "right" if n - r <= m - r else "left"
    candidates: list[Side] = [smaller, "left" if smaller == "right" else "right"]
    for which in candidates:
        lifted = lift(which, give_up=True)
        if lifted is not None:
            return which, lifted
    options = [(which, lift(which)) for which in candidates]  # neither lifts: fewer vectors left to solve
    return min(options, key=lambda o: sum(v is None for v in o[1].values()))


def _wrong_lifts(za, lifted: dict[int, tuple[int, ...] | None], side: Side) -> set[int]:
    """The free indices whose lifted vector does not annihilate the matrix (one exact product for all)."""
    found = [(f, v) for f, v in lifted.items() if v is not None]
    if not found:
        return set()
    zk = flint.fmpz_mat([list(v) for _, v in found])
    product = za * zk.transpose() if side == "right" else zk * za  # columns (right) or rows (left) per vector
    if side == "right":
        return {f for t, (f, _) in enumerate(found) if any(product[i, t] != 0 for i in range(product.nrows()))}
    return {f for t, (f, _) in enumerate(found) if any(product[t, j] != 0 for j in range(product.ncols()))}


def _rank_flint(sm: ScaledMatrix, side: Side | None) -> RankResult | None:
    za = flint.fmpz_mat(sm.rows)
    zt = za.transpose()
    for p in PRIMES:
        reduced, r = flint.nmod_mat(za, p).rref()
        reduced_t, r_t = flint.nmod_mat(zt, p).rref()
        assert r == r_t
        # r independent columns and r independent rows of a rank-r matrix meet in a nonsingular minor.
        cols, rows = _pivot_columns(reduced, r), _pivot_columns(reduced_t, r)
        chosen, lifted = _lift_kernel(reduced, reduced_t, rows, cols, sm.shape, p, side)
        if chosen == "right":
            a, minor = [list(row) for row in sm.rows], (rows, cols)
        else:
            a, minor = _transpose(sm.rows), (cols, rows)
        wrong = _wrong_lifts(za, lifted, chosen)  # one exact product checks every lift; the rest are verified
        missing = [f for f, v in lifted.items() if v is None or f in wrong]
        if missing:  # entries too large for one prime, or a wrong lift: solve exactly for those vectors only
            solved = dict(zip(missing, _exact_kernel(a, *minor, _solve_flint, only=missing)))
            if _wrong_lifts(za, solved, chosen):  # the pivot rows' exact kernel misses a row: p is unlucky
                continue
            lifted.update(solved)
        return _certified(sm, rows, cols, p, chosen, list(lifted.values()), "flint", verified=True)
    return None  # every prime unlucky (astronomically unlikely)


def _full_rank_flint(sm: ScaledMatrix, side: Side | None) -> RankResult | None:
    """Full rank of a wide (or tall) matrix from a few of its columns (rows), if they suffice.

    ``rank M ≥ rank M[:, S]``, and ``rank M ≤ min(m, n)``: if ``min(m, n) + 16`` pseudo-random columns
    (rows) of M already have rank ``min(m, n)`` modulo a prime, that is the rank, certified by the
    nonsingular minor found there and an empty kernel on the short side. Only those columns are reduced
    modulo the prime, so neither M nor its transpose is converted or reduced whole (the Jacobian of a
    large network on fewer samples than parameters is the typical case). When they fall short by ``k``,
    the next try keeps their pivot columns and draws ``2k + 16`` new ones, so a retry costs about what
    the first try did. None when it does not apply, or when full rank is out of reach.
    """
    m, n = sm.shape
    short, wide = min(m, n), m < n
    if m == n or short < 8 or (wide and side == "right") or (not wide and side == "left"):
        return None
    p = PRIMES[0]
    rng = random.Random(f"{m}x{n}")  # deterministic: the same columns for the same shape
    pool = list(range(max(m, n)))
    rng.shuffle(pool)
    kept: list[int] = []  # independent columns (rows) found so far
    want = short + 16
    while True:
        fresh, pool = pool[:want - len(kept)], pool[want - len(kept):]
        take = sorted(kept + fresh)
        if wide:
            block = flint.nmod_mat([[row[j] % p for j in take] for row in sm.rows], p)
        else:  # the chosen rows, transposed: its pivot columns are independent rows
            block = flint.nmod_mat([[sm.rows[i][j] % p for i in take] for j in range(n)], p)
        reduced, r = block.rref()
        chosen = [take[t] for t in _pivot_columns(reduced, r)]
        if r == short:
            rows, cols = (tuple(range(m)), tuple(chosen)) if wide else (tuple(chosen), tuple(range(n)))
            cert = RankCertificate(rows, cols, p, "left" if wide else "right", ())
            return RankResult(short, (m, n), cert, "flint")
        if r + len(pool) < short:  # rank M <= rank M[:, S] + (columns not in S): not full
            return None
        kept, want = chosen, r + 2 * (short - r) + 16


def rank(matrix: "Sequence[Sequence[object]] | ScaledMatrix", backend: Backend = "auto",
         side: Side | None = None) -> RankResult:
    """Exact rank of a rational matrix with a certificate (see the module docstring).

    ``side`` forces the kernel side of the certificate (default: a side whose kernel lifts
    from one prime, else the one needing fewer exact solves; the smaller side on ties).

    >>> rank([[1, 0], [0, 0]]).rank
    1
    """
    chosen = _resolve(backend)
    if side not in (None, "right", "left"):
        raise ValueError(f"unknown kernel side {side!r}; choose 'right', 'left' or None (the smaller one)")
    sm = ScaledMatrix.of(matrix)
    m, n = sm.shape
    if m == 0 or n == 0:
        return RankResult(0, (m, n), RankCertificate((), (), None, side or "right", ()), chosen)
    if chosen == "flint":
        result = _full_rank_flint(sm, side) or _rank_flint(sm, side)
        if result is not None:
            return result
    rows, cols = _bareiss_pivots(sm.rows)
    r = len(rows)
    chosen_side = side or ("right" if n - r <= m - r else "left")
    solve = _solve_flint if chosen == "flint" else _solve_python
    if chosen_side == "right":
        kernel = _exact_kernel([list(row) for row in sm.rows], rows, cols, solve)
    else:
        kernel = _exact_kernel(_transpose(sm.rows), cols, rows, solve)
    result = _certified(sm, rows, cols, None, chosen_side, kernel, chosen)
    assert result is not None, "exact elimination produced a kernel that does not annihilate"
    return result


def nullspace(matrix: Sequence[Sequence[object]], backend: Backend = "auto") -> tuple[tuple[int, ...], ...]:
    """A basis of ``{v : M v = 0}`` over Q, each vector as coprime integers.

    >>> nullspace([[1, 2]])
    ((-2, 1),)
    """
    rows = _as_rational_rows(matrix)
    if rows and not rows[0]:
        return ()
    if not rows:
        raise ShapeError("nullspace of a matrix with no rows: its number of columns is unknown")
    return rank(rows, backend, side="right").certificate.kernel


def rref(matrix: Sequence[Sequence[object]], backend: Backend = "auto") -> tuple[tuple[tuple[Fraction, ...], ...], tuple[int, ...]]:
    """Reduced row echelon form over Q and its pivot columns.

    >>> rref([[2, 4], [1, 3]])[0]
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))
    """
    chosen = _resolve(backend)
    rows = _as_rational_rows(matrix)
    m, n = len(rows), len(rows[0]) if rows else 0
    if m == 0 or n == 0:
        return tuple(tuple(r) for r in rows), ()
    if chosen == "flint":
        reduced, r = flint.fmpq_mat([[flint.fmpq(q.numerator, q.denominator) for q in row] for row in rows]).rref()
        out = [[Fraction(int(reduced[i, j].p), int(reduced[i, j].q)) for j in range(n)] for i in range(m)]
    else:
        out, r = _rref_python(rows)
    pivots = tuple(next(j for j in range(n) if out[i][j] != 0) for i in range(r))
    return tuple(tuple(row) for row in out), pivots


def _minor_nonsingular(a: Sequence[Sequence[int]], rows, cols, prime: int | None) -> bool:
    if not rows:
        return True
    square = [[a[i][j] for j in cols] for i in rows]
    if prime is not None and flint is not None:
        return flint.nmod_mat(square, prime).det() != 0
    return len(_bareiss_pivots(square)[0]) == len(rows)  # rank over Q (also valid when a prime is given)


def check_certificate(matrix: "Sequence[Sequence[object]] | ScaledMatrix", result: RankResult) -> bool:
    """Re-check a rank certificate from scratch: True iff it proves ``rank(matrix) == result.rank``.

    >>> m = [[1, 2], [2, 4]]
    >>> check_certificate(m, rank(m))
    True
    """
    sm = ScaledMatrix.of(matrix)
    m, n = sm.shape
    cert, r = result.certificate, result.rank
    if cert.side not in ("right", "left") or (cert.prime is not None and cert.prime < 2):
        return False
    if (m, n) != tuple(result.shape) or len(cert.rows) != r or len(cert.cols) != r:
        return False
    if len(set(cert.rows)) != r or len(set(cert.cols)) != r:
        return False
    if not all(0 <= i < m for i in cert.rows) or not all(0 <= j < n for j in cert.cols):
        return False
    if m == 0 or n == 0:
        return r == 0
    if not _minor_nonsingular(sm.rows, cert.rows, cert.cols, cert.prime):
        return False
    length, pivots = (n, cert.cols) if cert.side == "right" else (m, cert.rows)
    free = [i for i in range(length) if i not in set(pivots)]
    if len(cert.kernel) != len(free) or any(len(v) != length for v in cert.kernel):
        return False
    for f, v in zip(free, cert.kernel):  # free-variable form => independent
        if v[f] == 0 or any(v[g] != 0 for g in free if g != f):
            return False
    kernel = [_primitive(v) for v in cert.kernel]
    if cert.side == "left":  # the certificate is for M; the integer rows are D M
        kernel = [_primitive([Fraction(q, s) for q, s in zip(v, sm.scales)]) for v in kernel]
    return _annihilates(sm.rows, kernel, cert.side)
