"""Exact linear algebra (relugeom.exact.linalg) against sympy as an independent reference.

Checks: rank agrees across the "flint" and "python" backends and with sympy's ``Matrix.rank()``;
every certificate re-verifies with ``check_certificate`` and stops verifying when tampered with;
the exact fallback of the flint backend (kernel entries too big for rational reconstruction, unlucky
primes) is exercised; ``nullspace`` and ``rref`` are exact.
"""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from relugeom import check_certificate, nullspace, rank, rref
from relugeom.exact import linalg
from relugeom.exact.linalg import RankCertificate, RankResult, ScaledMatrix

BACKENDS = ("flint", "python")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- helpers


def sym(matrix, ncols=None) -> sympy.Matrix:
    """The sympy matrix of a list of rows of Fractions/ints (exact Rationals)."""
    rows = [list(r) for r in matrix]
    m = len(rows)
    n = len(rows[0]) if rows else (ncols or 0)
    return sympy.Matrix(m, n, [sympy.Rational(Fraction(q).numerator, Fraction(q).denominator)
                               for r in rows for q in r])


def ref_rank(matrix) -> int:
    return sym(matrix).rank()


def matmul(u, v):
    return [[sum((a * b for a, b in zip(row, col)), Fraction(0)) for col in zip(*v)] for row in u]


def times(matrix, vec):
    return [sum((Fraction(a) * b for a, b in zip(row, vec)), Fraction(0)) for row in matrix]


def vec_times(vec, matrix):
    return [sum((b * Fraction(row[j]) for b, row in zip(vec, matrix)), Fraction(0)) for j in range(len(matrix[0]))]


def with_cert(result: RankResult, **changes) -> RankResult:
    return dataclasses.replace(result, certificate=dataclasses.replace(result.certificate, **changes))


def all_ranks(matrix):
    """Rank by every backend and every forced kernel side; all must agree and certify."""
    results = [rank(matrix, b, side=s) for b in BACKENDS for s in (None, "right", "left")]
    results.append(rank(matrix))  # "auto"
    return results


# --------------------------------------------------------------------------- strategies

small_int = st.integers(-5, 5)
big_int = st.integers(-(10 ** 30), 10 ** 30)
big_den_fraction = st.builds(Fraction, st.integers(-(10 ** 25), 10 ** 25), st.integers(1, 10 ** 25))
entry = st.one_of(
    small_int,
    st.just(0),
    st.builds(Fraction, st.integers(-9, 9), st.integers(1, 9)),
    big_den_fraction,
    big_int,
).map(Fraction)


@st.composite
def matrices(draw, max_dim=6, elements=entry):
    m = draw(st.integers(0, max_dim))
    n = draw(st.integers(0, max_dim))
    return [[draw(elements) for _ in range(n)] for _ in range(m)]


@st.composite
def low_rank_matrices(draw, max_dim=7):
    """U @ V with U m x k, V k x n: rank at most k (often exactly k)."""
    m = draw(st.integers(1, max_dim))
    n = draw(st.integers(1, max_dim))
    k = draw(st.integers(0, min(m, n)))
    elements = draw(st.sampled_from([small_int.map(Fraction), entry]))
    if k == 0:
        return [[Fraction(0)] * n for _ in range(m)]
    u = [[draw(elements) for _ in range(k)] for _ in range(m)]
    v = [[draw(elements) for _ in range(n)] for _ in range(k)]
    return matmul(u, v)


@st.composite
def shaped(draw):
    """Tall, wide or square matrices, generic or rank-deficient, with a few duplicate/zero rows."""
    base = draw(st.one_of(matrices(), low_rank_matrices()))
    if base and base[0] and draw(st.booleans()):
        i = draw(st.integers(0, len(base) - 1))
        base.append(list(base[i]) if draw(st.booleans()) else [Fraction(0)] * len(base[0]))
    return base


# ------------------------------------------------------------------------ rank vs sympy


@SETTINGS
@given(shaped())
def test_rank_matches_sympy_and_backends_agree(matrix):
    expected = ref_rank(matrix)
    for result in all_ranks(matrix):
        assert result.rank == expected
        m = len(matrix)
        assert result.shape == (m, len(matrix[0]) if m else 0)
        assert check_certificate(matrix, result)
        # the certificate also checks against the integer-scaled form of the matrix
        assert check_certificate(ScaledMatrix.of(matrix), result)


@SETTINGS
@given(low_rank_matrices())
def test_low_rank_products(matrix):
    expected = ref_rank(matrix)
    for b in BACKENDS:
        result = rank(matrix, b)
        assert result.rank == expected
        assert check_certificate(matrix, result)


def test_seeded_random_matrices():
    rng = random.Random(20240601)
    choices = [lambda: Fraction(rng.randint(-3, 3)),
               lambda: Fraction(rng.randint(-10 ** 30, 10 ** 30)),
               lambda: Fraction(rng.randint(-10 ** 20, 10 ** 20), rng.randint(1, 10 ** 20)),
               lambda: Fraction(0)]
    for trial in range(60):
        m, n = rng.randint(1, 8), rng.randint(1, 8)
        if trial % 2:
            k = rng.randint(0, min(m, n))
            gen = rng.choice(choices[:3])
            u = [[gen() for _ in range(k)] for _ in range(m)]
            v = [[gen() for _ in range(n)] for _ in range(k)]
            matrix = matmul(u, v) if k else [[Fraction(0)] * n for _ in range(m)]
        else:
            matrix = [[rng.choice(choices)() for _ in range(n)] for _ in range(m)]
        expected = ref_rank(matrix)
        for result in all_ranks(matrix):
            assert result.rank == expected, (matrix, result)
            assert check_certificate(matrix, result)


@pytest.mark.parametrize("m,n", [(1, 1), (3, 1), (1, 4), (4, 7), (7, 4), (5, 5)])
@pytest.mark.parametrize("backend", BACKENDS)
def test_zero_matrices(m, n, backend):
    zero = [[0] * n for _ in range(m)]
    for side in (None, "right", "left"):
        result = rank(zero, backend, side=side)
        assert result.rank == 0 and result.shape == (m, n)
        assert result.certificate.rows == () and result.certificate.cols == ()
        expected_kernel = n if result.certificate.side == "right" else m
        assert len(result.certificate.kernel) == expected_kernel
        assert check_certificate(zero, result)
    assert len(nullspace(zero, backend)) == n


@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_shapes(backend):
    # 0 x N: a list with no rows (its column count cannot be expressed) and an empty ScaledMatrix
    for empty in ([], ScaledMatrix((), ())):
        result = rank(empty, backend)
        assert result.rank == 0 and result.shape == (0, 0)
        assert check_certificate(empty, result)
    # N x 0
    for m in (1, 3):
        matrix = [[] for _ in range(m)]
        result = rank(matrix, backend)
        assert result.rank == 0 and result.shape == (m, 0)
        assert sym(matrix).rank() == 0
        assert check_certificate(matrix, result)
        assert nullspace(matrix, backend) == ()
        out, pivots = rref(matrix, backend)
        assert pivots == () and len(out) == m
    # a claimed positive rank of an empty matrix is rejected
    bad = dataclasses.replace(rank([[], []], backend), rank=1)
    assert not check_certificate([[], []], bad)


@pytest.mark.parametrize("backend", BACKENDS)
def test_large_entries_and_big_denominators(backend):
    big = 10 ** 30
    cases = [
        ([[big, 1], [1, Fraction(1, big)]], 1),           # det = 1 - 1 = 0
        ([[big, 1], [1, Fraction(1, big) + Fraction(1, big ** 2)]], 2),
        ([[big, big + 1], [big - 1, big]], 2),              # det = 1
        ([[Fraction(1, 3 ** 40), Fraction(1, 7 ** 30)], [Fraction(2, 3 ** 40), Fraction(2, 7 ** 30)]], 1),
        ([[Fraction(big + 1, big), 1, 0], [1, Fraction(big, big + 1), 0], [0, 0, big ** 3]], 2),
    ]
    for matrix, expected in cases:
        assert ref_rank(matrix) == expected
        for side in (None, "right", "left"):
            result = rank(matrix, backend, side=side)
            assert result.rank == expected
            assert check_certificate(matrix, result)


# ----------------------------------------------------------- the exact fallback of flint


def _count_exact_kernel(monkeypatch):
    calls = []
    original = linalg._exact_kernel

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(linalg, "_exact_kernel", counting)
    return calls


@pytest.mark.parametrize("transpose", [False, True])
def test_huge_kernel_entries_use_exact_fallback(monkeypatch, transpose):
    """A dependency with a coefficient 10**30 > 2**64: rational reconstruction mod a 62-bit prime cannot
    recover it, so the flint backend must fall back to the exact solve and still certify."""
    big = 10 ** 30 + 7
    matrix = [[1, big], [2, 2 * big], [3, 3 * big], [5, 5 * big]]  # rank 1, right kernel (-big, 1)
    if transpose:
        matrix = [list(col) for col in zip(*matrix)]  # rank 1, left kernel (-big, 1)
    calls = _count_exact_kernel(monkeypatch)
    result = rank(matrix, "flint")
    assert calls, "the exact fallback was not used"
    assert result.rank == 1 == ref_rank(matrix)
    assert result.certificate.side == ("left" if transpose else "right")
    assert result.certificate.kernel == ((Fraction(-big), Fraction(1)),)
    assert check_certificate(matrix, result)


def test_huge_fraction_kernel_exact_fallback(monkeypatch):
    # kernel (−b/a, 1) of [[a, b]] stacked: entries far above the reconstruction bound, primitive (−b, a)
    a, b = 3 ** 50, 2 ** 90 + 1
    matrix = [[a, b], [2 * a, 2 * b], [Fraction(a, 7), Fraction(b, 7)]]
    calls = _count_exact_kernel(monkeypatch)
    result = rank(matrix, "flint")
    assert calls
    assert result.rank == 1
    (v,) = result.certificate.kernel
    assert v == (Fraction(-b), Fraction(a))
    assert check_certificate(matrix, result)
    # the same through the pure-Python backend
    assert rank(matrix, "python").certificate.kernel == result.certificate.kernel


def test_small_kernel_uses_modular_fast_path(monkeypatch):
    calls = _count_exact_kernel(monkeypatch)
    matrix = [[1, 2, 3], [2, 4, 6], [1, 0, 1], [0, 1, 1]]
    result = rank(matrix, "flint")
    assert not calls
    assert result.rank == 2 and check_certificate(matrix, result)


def test_unlucky_primes():
    """Entries divisible by the modular primes: the rank mod p is too small, the kernel read off mod p
    cannot annihilate, so the next prime (or finally exact Bareiss) must be used."""
    p0, p1, p2 = linalg.PRIMES
    cases = [
        ([[p0, 0], [0, 1]], 2, p1),
        ([[p0 * p1, 0], [0, 1], [0, 0]], 2, p2),
        ([[p0 * p1 * p2]], 1, None),
        ([[p0 * p1 * p2, 1], [0, p0 * p1 * p2]], 2, None),
        ([[p0, p0], [1, 1], [0, p0]], 2, p1),
    ]
    for matrix, expected, prime in cases:
        assert ref_rank(matrix) == expected
        result = rank(matrix, "flint")
        assert result.rank == expected
        assert result.certificate.prime == prime
        assert check_certificate(matrix, result)
        assert rank(matrix, "python").rank == expected


# ------------------------------------------------------------------- tampered certificates


def _tamper_checks(matrix, result):
    """Every tampering of a valid certificate must be rejected."""
    cert, r = result.certificate, result.rank
    m, n = result.shape
    assert check_certificate(matrix, result)

    # 1. a kernel vector changed (at a pivot coordinate: no longer annihilates; at its free coordinate
    #    by scaling only the free entry: no longer annihilates either)
    if cert.kernel:
        pivots = cert.cols if cert.side == "right" else cert.rows
        for idx, v in enumerate(cert.kernel):
            for j in pivots:
                w = list(v)
                w[j] += 1
                kernel = cert.kernel[:idx] + (tuple(w),) + cert.kernel[idx + 1:]
                assert not check_certificate(matrix, with_cert(result, kernel=kernel))
            free_f = next(f for f in range(len(v)) if f not in pivots and v[f] != 0)
            w = list(v)
            w[free_f] *= 2
            if any(w[j] != 0 for j in pivots):  # otherwise w is still a multiple of a unit kernel vector
                kernel = cert.kernel[:idx] + (tuple(w),) + cert.kernel[idx + 1:]
                assert not check_certificate(matrix, with_cert(result, kernel=kernel))
        # a kernel vector dropped / duplicated
        assert not check_certificate(matrix, with_cert(result, kernel=cert.kernel[1:]))
        assert not check_certificate(matrix, with_cert(result, kernel=cert.kernel + cert.kernel[:1]))
        # a zero vector in place of a kernel vector
        zero = tuple(Fraction(0) for _ in cert.kernel[0])
        assert not check_certificate(matrix, with_cert(result, kernel=(zero,) + cert.kernel[1:]))

    # 2. rank claimed one lower, certificate trimmed (last pivot dropped)
    if r >= 1:
        lower = dataclasses.replace(result, rank=r - 1,
                                    certificate=dataclasses.replace(cert, rows=cert.rows[:-1], cols=cert.cols[:-1]))
        assert not check_certificate(matrix, lower)

    # 3. rank claimed one higher: one more pivot row and column, kernel trimmed to stay consistent
    if r < min(m, n):
        extra_row = next(i for i in range(m) if i not in cert.rows)
        extra_col = next(j for j in range(n) if j not in cert.cols)
        length, pivots = (n, cert.cols) if cert.side == "right" else (m, cert.rows)
        free = [f for f in range(length) if f not in pivots]
        dropped = free.index(extra_col if cert.side == "right" else extra_row)
        trimmed = tuple(v for i, v in enumerate(cert.kernel) if i != dropped)  # drop the new pivot's vector
        higher = dataclasses.replace(result, rank=r + 1, certificate=dataclasses.replace(
            cert, rows=cert.rows + (extra_row,), cols=cert.cols + (extra_col,), kernel=trimmed))
        assert not check_certificate(matrix, higher)

    # 4. wrong shape, duplicated or out-of-range pivots
    assert not check_certificate(matrix, dataclasses.replace(result, shape=(m + 1, n)))
    if r >= 2:
        dup = cert.rows[:-1] + cert.rows[:1]
        assert not check_certificate(matrix, with_cert(result, rows=dup))
    if r >= 1:
        assert not check_certificate(matrix, with_cert(result, rows=cert.rows[:-1] + (m,)))
        assert not check_certificate(matrix, with_cert(result, cols=cert.cols[:-1] + (n,)))


@SETTINGS
@given(st.one_of(low_rank_matrices(), matrices(max_dim=5)), st.sampled_from(BACKENDS),
       st.sampled_from([None, "right", "left"]))
def test_tampered_certificates_rejected(matrix, backend, side):
    assume(matrix and matrix[0])
    result = rank(matrix, backend, side=side)
    _tamper_checks(matrix, result)


def test_pivot_row_swapped_for_dependent_row():
    base = [[1, 2, 0, 3], [0, 1, 1, 1], [2, 0, 5, 1]]
    matrix = base + [list(base[0]), [0, 0, 0, 0], [1, 3, 1, 4]]  # rows 3, 4, 5 dependent
    for backend in BACKENDS:
        for side in (None, "right", "left"):
            result = rank(matrix, backend, side=side)
            assert result.rank == 3
            _tamper_checks(matrix, result)
            rows = result.certificate.rows
            assert rows == (0, 1, 2)
            # replace pivot row 1 by row 3 (= row 0): the minor has two equal rows
            assert not check_certificate(matrix, with_cert(result, rows=(0, 3, 2)))
            # replace pivot row 2 by the zero row
            assert not check_certificate(matrix, with_cert(result, rows=(0, 1, 4)))
            # replace pivot row 2 by row 5 = row 0 + row 1 (dependent on the other pivots)
            assert not check_certificate(matrix, with_cert(result, rows=(0, 1, 5)))


def test_tampered_fixed_examples():
    matrix = [[1, 2], [2, 4], [0, 1]]
    result = rank(matrix)
    assert (result.rank, result.certificate.rows, result.certificate.cols) == (2, (0, 2), (0, 1))
    _tamper_checks(matrix, result)
    # the whole certificate of a different matrix does not transfer
    other = [[1, 2], [2, 4], [0, 0]]
    assert not check_certificate(other, result)
    # a hand-made certificate claiming rank 1 for a rank-2 matrix
    fake = RankResult(1, (3, 2), RankCertificate((0,), (0,), None, "right", ((Fraction(-2), Fraction(1)),)), "python")
    assert not check_certificate(matrix, fake)
    # ... but it is right for the rank-1 matrix
    assert check_certificate(other, fake)


# ---------------------------------------------------------------------------- nullspace


@SETTINGS
@given(shaped())
def test_nullspace_is_exact_kernel(matrix):
    assume(matrix)
    n = len(matrix[0])
    r = ref_rank(matrix)
    for backend in BACKENDS:
        basis = nullspace(matrix, backend)
        assert len(basis) == n - r
        for v in basis:
            assert len(v) == n
            assert all(type(q) is int for q in v)  # primitive integer vectors
            assert any(q != 0 for q in v)
            assert all(x == 0 for x in times(matrix, v))
        if basis:
            assert sym(basis).rank() == len(basis)  # independent
            # same span as sympy's nullspace
            ref = sym(matrix, n).nullspace()
            assert len(ref) == len(basis)
            stacked = sym(basis).col_join(sympy.Matrix.hstack(*ref).T)
            assert stacked.rank() == len(basis)


def test_nullspace_examples():
    assert nullspace([[1, 1, 1]]) == ((-1, 1, 0), (-1, 0, 1))
    assert nullspace([[1, 2]]) == ((-2, 1),)
    assert nullspace([[1, 0], [0, 1]]) == ()
    big = 10 ** 40
    (v,) = nullspace([[big, 1], [2 * big, 2]])
    assert v == (-1, big)
    for backend in BACKENDS:
        (v,) = nullspace([[Fraction(1, big), Fraction(1, 3)]], backend)
        assert v == (-big, 3)


# --------------------------------------------------------------------------------- rref


@SETTINGS
@given(shaped())
def test_rref_matches_sympy(matrix):
    assume(matrix and matrix[0])
    ref, ref_pivots = sym(matrix).rref()
    m, n = len(matrix), len(matrix[0])
    for backend in BACKENDS:
        out, pivots = rref(matrix, backend)
        assert pivots == tuple(ref_pivots)
        assert len(out) == m and all(len(row) == n for row in out)
        for i in range(m):
            for j in range(n):
                assert isinstance(out[i][j], Fraction)
                assert sympy.Rational(out[i][j].numerator, out[i][j].denominator) == ref[i, j]


def test_rref_examples():
    for backend in BACKENDS:
        out, pivots = rref([[2, 4], [1, 3]], backend)
        assert out == ((1, 0), (0, 1)) and pivots == (0, 1)
        out, pivots = rref([[0, 0, 3], [0, 2, 4], [0, 4, 8]], backend)
        assert out == ((0, 1, 0), (0, 0, 1), (0, 0, 0)) and pivots == (1, 2)
        out, pivots = rref([[0, 0], [0, 0]], backend)
        assert pivots == ()
        out, pivots = rref([["1/3", "2/3"], [1, 2], [1, 0]], backend)
        assert out == ((1, 0), (0, 1), (0, 0)) and pivots == (0, 1)


def test_bad_backend():
    with pytest.raises(ValueError):
        rank([[1]], "numpy")


def test_unknown_kernel_side_is_refused():
    """``side`` must be 'right', 'left' or None, just as an unknown ``backend`` raises ValueError.

    Currently an unknown side ("up", or a typo such as "Right") is accepted silently: the certificate is
    labelled with it and carries left-kernel vectors of the integer-scaled rows D·M instead of M. For M
    below it publishes u = (-1, 1, 0) although u·M = (1/2, 1/3) != 0, and check_certificate accepts it.
    """
    matrix = [["1/2", "1/3"], [1, "2/3"], [0, 0]]
    for backend in BACKENDS:
        for side in ("up", "Right", "LEFT"):
            with pytest.raises(ValueError):
                rank(matrix, backend, side=side)


def test_without_flint_everything_falls_back_to_pure_python(monkeypatch):
    """With python-flint missing, 'auto' uses Bareiss and certificates still check."""
    import relugeom.exact.linalg as linalg

    monkeypatch.setattr(linalg, "flint", None)
    assert linalg.available_backends() == ("python",)
    matrix = [[1, 2, 3], [2, 4, 6], ["1/2", 0, 1]]
    result = rank(matrix)
    assert result.backend == "python" and result.rank == 2 and check_certificate(matrix, result)
    assert nullspace(matrix) == ((-4, -1, 2),)
    with pytest.raises(ImportError, match="python-flint"):
        rank(matrix, backend="flint")


@pytest.mark.parametrize("m, n, deficient", [(20, 90, False), (90, 20, False), (20, 90, True), (90, 20, True),
                                             (12, 40, False)])
def test_full_rank_from_a_few_columns_is_certified_and_agrees_with_elimination(m, n, deficient):
    """The wide/tall fast path (a few pseudo-random columns or rows modulo a prime) against the pure-Python
    Bareiss path; a rank-deficient matrix falls through to the general path with the same answer."""
    import random

    from relugeom.exact.linalg import _full_rank_flint, ScaledMatrix

    rng = random.Random(m * n)
    rows = [[rng.randint(-10**30, 10**30) for _ in range(n)] for _ in range(m)]
    if deficient:  # one row (or column) a combination of two others
        if m < n:
            rows[0] = [a + 3 * b for a, b in zip(rows[1], rows[2])]
        else:
            for row in rows:
                row[0] = row[1] - 2 * row[2]
    fast = rank(rows)
    slow = rank(rows, backend="python")
    assert fast.rank == slow.rank == min(m, n) - deficient
    assert check_certificate(rows, fast)
    used = _full_rank_flint(ScaledMatrix.of(rows), None)
    assert (used is not None) == (not deficient)
    if used is not None:
        assert used.certificate.kernel == () and check_certificate(rows, used)


def test_wrong_one_prime_lifts_are_redone_alone_and_the_rank_agrees(monkeypatch):
    """A float32-derived Jacobian (torch-like 2-6-6-1 on 40 float32 samples): some kernel vectors
    reconstruct from one prime to wrong values. Only those are solved again exactly, and the result
    agrees with pure-Python Bareiss and re-checks."""
    from pathlib import Path

    import numpy as np

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from float_lp import torch_like_network

    from relugeom.jacobian import jacobian

    seen = []
    original = linalg._wrong_lifts
    monkeypatch.setattr(linalg, "_wrong_lifts", lambda *a: seen.append(original(*a)) or seen[-1])
    net = torch_like_network((2, 6, 6, 1), 0)
    samples = np.random.default_rng(1).standard_normal((40, 2)).astype(np.float32)
    jac = jacobian(net, [[Fraction(float(v)) for v in row] for row in samples])
    fast = rank(jac.scaled)
    assert seen and seen[0], "the case no longer exercises a wrong lift"
    assert fast.rank == rank(jac.scaled, backend="python").rank == 28
    assert check_certificate(jac.scaled, fast)


@pytest.mark.parametrize("tall", [False, True])
def test_full_rank_found_after_retries_keeps_the_pivots_found(tall):
    """A wide matrix whose few nonzero columns the first draw mostly misses: the retries keep the pivot
    columns found and draw more, until full rank is certified; against pure-Python Bareiss."""
    import random

    from relugeom.exact.linalg import _full_rank_flint, ScaledMatrix

    rng = random.Random(5)
    m, n = 20, 400
    nonzero = set(rng.sample(range(n), 30))
    rows = [[rng.randint(-10**20, 10**20) if j in nonzero else 0 for j in range(n)] for _ in range(m)]
    keep = sorted(nonzero)[:19]  # all but 19 of the nonzero columns removed: full rank out of reach
    short_rows = [[v if j in keep else 0 for j, v in enumerate(row)] for row in rows]
    if tall:
        rows, short_rows = ([list(col) for col in zip(*a)] for a in (rows, short_rows))
    used = _full_rank_flint(ScaledMatrix.of(rows), None)
    assert used is not None and used.rank == 20 == rank(rows, backend="python").rank
    assert check_certificate(rows, used)
    assert _full_rank_flint(ScaledMatrix.of(short_rows), None) is None  # and it says so
    assert rank(short_rows).rank == 19 == rank(short_rows, backend="python").rank
