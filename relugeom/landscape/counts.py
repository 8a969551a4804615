"""Counting the symmetry-induced subspaces of two-layer networks (Şimşek et al., arXiv:2105.12221;
docs/theory.md §2.8), exact integers, each by closed forms and by brute-force enumeration of the maps:

* ``T(r, m)``: pieces ``Γ_φ`` of the expansion manifold, ``φ : [m] → {0..r}`` onto ``{1..r}``;
* ``G_A(r, m) = r!·S(m, r)``: replication-only critical subspaces (``φ : [m] → [r]`` onto);
* ``G_B(r, m)``: also zero neurons ``(w_j, a_j) = (0, 0)``; the same number as ``T``.

>>> T(1, 2), G_A(2, 3), G_B(2, 3), T_bruteforce(2, 3)
(3, 6, 12, 12)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from fractions import Fraction
from functools import cache

from ..errors import InputError

__all__ = ["stirling2", "T", "T_stirling", "T_bruteforce", "G_A", "G_A_inclusion_exclusion", "G_A_bruteforce",
           "G_B", "G_B_bruteforce", "expansion_maps", "replication_maps", "table", "shifted_table", "format_table",
           "ratio", "landscape_report", "BRUTE_FORCE_LIMIT"]

ZERO = Fraction(0)

# =====================================================================================================
# Counting (docs/theory.md §2.8, §2.4)
# =====================================================================================================


def _check_size(r: int, m: int) -> None:
    for name, v in (("r", r), ("m", m)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise InputError(f"{name} must be a non-negative integer, got {v!r}")


@cache
def stirling2(n: int, k: int) -> int:
    """Stirling number of the second kind ``S(n, k)`` (partitions of ``n`` labelled items into ``k`` blocks).

    >>> stirling2(4, 2), stirling2(0, 0), stirling2(3, 0)
    (7, 1, 0)
    """
    _check_size(n, k)
    row = [1] + [0] * k  # S(0, ·)
    for i in range(1, n + 1):
        new = [0] * (k + 1)
        for j in range(1, min(i, k) + 1):
            new[j] = j * row[j] + row[j - 1]
        row = new
    return row[k]


def T(r: int, m: int) -> int:
    """``T(r, m) = Σ_{j=0}^{r} (−1)^j C(r, j) (r + 1 − j)^m``: maps ``[m] → {0..r}`` onto ``{1..r}`` (docs/theory.md §2.8).

    >>> [T(1, m) for m in range(1, 6)], T(2, 3), T(3, 3)
    ([1, 3, 7, 15, 31], 12, 6)
    """
    _check_size(r, m)
    return sum((-1) ** j * math.comb(r, j) * (r + 1 - j) ** m for j in range(r + 1))


def T_stirling(r: int, m: int) -> int:
    """``T(r, m) = Σ_{k=r}^{m} C(m, k) · r! · S(k, r)``: choose the ``k`` copies, surject them onto the teacher.

    >>> T_stirling(2, 4)
    50
    """
    _check_size(r, m)
    return sum(math.comb(m, k) * math.factorial(r) * stirling2(k, r) for k in range(r, m + 1))


def G_A(r: int, m: int) -> int:
    """Variant A (replication only): ``G_A(r, m) = r!·S(m, r)``, the surjections ``[m] → [r]`` (docs/theory.md §2.8).

    >>> [G_A(2, m) for m in range(2, 6)]
    [2, 6, 14, 30]
    """
    _check_size(r, m)
    return math.factorial(r) * stirling2(m, r)


def G_A_inclusion_exclusion(r: int, m: int) -> int:
    """``G_A(r, m) = Σ_{j=0}^{r} (−1)^j C(r, j) (r − j)^m``.

    >>> G_A_inclusion_exclusion(3, 4)
    36
    """
    _check_size(r, m)
    return sum((-1) ** j * math.comb(r, j) * (r - j) ** m for j in range(r + 1))


def G_B(r: int, m: int) -> int:
    """Variant B (replications and zero neurons ``(0, 0)``): choose the ``k`` zero neurons, replicate onto the
    rest, ``G_B(r, m) = Σ_k C(m, k) G_A(r, m − k)`` — the theory's formula ``Σ_j (−1)^j C(r,j)(r+1−j)^m`` (= ``T``).

    >>> G_B(1, 3), G_B(2, 4)
    (7, 50)
    """
    _check_size(r, m)
    return sum(math.comb(m, k) * G_A(r, m - k) for k in range(m + 1))


def expansion_maps(r: int, m: int) -> Iterator[tuple[int, ...]]:
    """Every map ``φ : [m] → {0..r}`` onto ``{1..r}`` (``0`` = zero-type neuron), in lexicographic order.

    >>> list(expansion_maps(1, 2))
    [(0, 1), (1, 0), (1, 1)]
    """
    _check_size(r, m)
    need = set(range(1, r + 1))
    return (phi for phi in itertools.product(range(r + 1), repeat=m) if need.issubset(phi))


def replication_maps(r: int, m: int, zero_neurons: bool = False) -> Iterator[tuple[int, ...]]:
    """Every surjection ``φ : [m] → [r]``; with ``zero_neurons`` also ``φ(j) = 0`` (a zero neuron ``(0, 0)``).

    >>> list(replication_maps(2, 3))
    [(1, 1, 2), (1, 2, 1), (1, 2, 2), (2, 1, 1), (2, 1, 2), (2, 2, 1)]
    """
    _check_size(r, m)
    need = set(range(1, r + 1))
    values = range(0 if zero_neurons else 1, r + 1)
    return (phi for phi in itertools.product(values, repeat=m) if need.issubset(phi))


@cache
def T_bruteforce(r: int, m: int) -> int:
    """``T(r, m)`` by enumerating all ``(r + 1)^m`` maps ``[m] → {0..r}``.

    >>> T_bruteforce(1, 2)
    3
    """
    return sum(1 for _ in expansion_maps(r, m))


@cache
def G_A_bruteforce(r: int, m: int) -> int:
    """``G_A(r, m)`` by enumerating all ``r^m`` maps ``[m] → [r]``.

    >>> G_A_bruteforce(2, 3)
    6
    """
    return sum(1 for _ in replication_maps(r, m))


@cache
def G_B_bruteforce(r: int, m: int) -> int:
    """``G_B(r, m)`` by enumerating every assignment of each student neuron to a teacher copy or a zero neuron.

    >>> G_B_bruteforce(2, 3)
    12
    """
    return sum(1 for _ in replication_maps(r, m, zero_neurons=True))


_KINDS = {"T": (T, T_bruteforce), "G_A": (G_A, G_A_bruteforce), "G_B": (G_B, G_B_bruteforce)}
_ALIASES = {"t": "T", "g_a": "G_A", "ga": "G_A", "g-a": "G_A", "a": "G_A", "g_b": "G_B", "gb": "G_B", "g-b": "G_B",
            "b": "G_B"}


def _kind(kind: str) -> str:
    key = _ALIASES.get(str(kind).lower())
    if key is None:
        raise InputError(f"unknown table kind {kind!r}; use 'T', 'G_A' or 'G_B'")
    return key


def table(kind: str, r_max: int, m_max: int, method: str = "closed") -> list[list[int]]:
    """Rows ``r = 1..r_max``, columns ``m = 1..m_max`` of ``T``, ``G_A`` or ``G_B`` (``0`` when ``m < r``);
    ``method`` is ``"closed"`` (closed form) or ``"brute"`` (enumeration of the maps).

    >>> table("T", 2, 3)
    [[1, 3, 7], [0, 2, 12]]
    """
    _check_size(r_max, m_max)
    if method not in ("closed", "brute"):
        raise InputError(f"method must be 'closed' or 'brute', got {method!r}")
    f = _KINDS[_kind(kind)][0 if method == "closed" else 1]
    return [[f(r, m) for m in range(1, m_max + 1)] for r in range(1, r_max + 1)]


def shifted_table(kind: str, r_max: int, width: int = 6) -> list[list[int]]:
    """the theory's layout: rows ``r = 1..r_max``, columns ``m = r, r + 1, …, r + width − 1``.

    >>> shifted_table("G_A", 2, 3)
    [[1, 1, 1], [2, 6, 14]]
    """
    f = _KINDS[_kind(kind)][0]
    return [[f(r, r + h) for h in range(width)] for r in range(1, r_max + 1)]


def format_table(kind: str, r_max: int, m_max: int, method: str = "closed") -> str:
    """The table as aligned text (``.`` where ``m < r``: no onto map, the count is 0).

    >>> print(format_table("T", 2, 3))
    T(r, m)    m=1  m=2  m=3
      r=1        1    3    7
      r=2        .    2   12
    """
    key = _kind(kind)
    rows = table(key, r_max, m_max, method)
    cells = [[str(v) if m >= r else "." for m, v in enumerate(row, start=1)] for r, row in enumerate(rows, start=1)]
    head = [f"m={m}" for m in range(1, m_max + 1)]
    width = max([len(c) for row in cells for c in row] + [len(h) for h in head])
    lines = [f"{key}(r, m)".ljust(9) + "".join(h.rjust(width + 2) for h in head)]
    lines += [f"  r={r}".ljust(9) + "".join(c.rjust(width + 2) for c in row) for r, row in enumerate(cells, start=1)]
    return "\n".join(lines)


def ratio(kind: str, r_star: int, h: int) -> Fraction:
    """``G(r* − 1, r* + h) / T(r*, r* + h)`` for ``G = G_A`` or ``G_B`` (docs/theory.md §2.8, (A4)).

    >>> ratio("G_A", 2, 1), ratio("G_B", 3, 1)
    (Fraction(1, 12), Fraction(5, 6))
    """
    if r_star < 1:
        raise InputError(f"r* must be at least 1, got {r_star!r}")
    g = _KINDS[_kind(kind)][0]
    return Fraction(g(r_star - 1, r_star + h), T(r_star, r_star + h))


BRUTE_FORCE_LIMIT = 400_000  # maps enumerated per table entry by landscape_report


def landscape_report(r_max: int = 4, m_max: int = 8) -> str:
    """The ``T``, ``G_A``, ``G_B`` tables (closed forms) for the CLI, after checking them against brute-force
    enumeration for every entry with at most ``BRUTE_FORCE_LIMIT`` maps (all of ``r ≤ 4, m ≤ 8``)."""
    _check_size(r_max, m_max)
    checked, disagree = [], []
    for key, (closed, brute) in _KINDS.items():
        for r in range(1, r_max + 1):
            for m in range(1, m_max + 1):
                if (r + 1) ** m <= BRUTE_FORCE_LIMIT:
                    checked.append((r, m))
                    if closed(r, m) != brute(r, m):
                        disagree.append(f"{key}({r}, {m}): closed form {closed(r, m)}, brute force {brute(r, m)}")
    titles = {
        "T": "T(r, m): zero-loss pieces Γ_φ, φ : [m] → {0..r} onto {1..r} = Σ_j (−1)^j C(r,j) (r+1−j)^m  (§2.2)",
        "G_A": "G_A(r, m): replication-only critical subspaces = r!·S(m, r)  (§2.4 variant A)",
        "G_B": "G_B(r, m): replications and zero neurons (0, 0) = Σ_k C(m,k) G_A(r, m−k) (same numbers as T)  "
               "(§2.4 variant B)",
    }
    out = ["Şimşek et al. (arXiv 2105.12221): counts of the pieces indexed by neuron-to-teacher maps (docs/theory.md §2.8)", ""]
    for key in _KINDS:
        out += [titles[key], format_table(key, r_max, m_max), ""]
    pairs = set(checked)
    full = [(r, m) for r in range(1, r_max + 1) for m in range(1, m_max + 1)]
    if disagree:
        out.append("BRUTE FORCE DISAGREES: " + "; ".join(disagree))
    elif pairs == set(full):
        out.append(f"Brute-force enumeration of the maps agrees with the closed forms for every printed entry "
                   f"(r ≤ {r_max}, m ≤ {m_max}).")
    else:
        out.append(f"Brute-force enumeration of the maps agrees with the closed forms on the {len(pairs)} printed "
                   f"entries with at most {BRUTE_FORCE_LIMIT} maps (the others: closed form only).")
    rs = range(2, max(r_max, 2) + 3)
    out += ["", "(A4) ratios at h = 1 (they grow with r*; for fixed r* they tend to 0 as h grows):",
            "  G_A(r*−1, r*+1) / T(r*, r*+1) = (r*−1)(3r*−2) / (12(r*+2)): "
            + ", ".join(f"r*={r}: {ratio('G_A', r, 1)}" for r in rs),
            "  G_B(r*−1, r*+1) / T(r*, r*+1) = (3r*+1) / 12:              "
            + ", ".join(f"r*={r}: {ratio('G_B', r, 1)}" for r in rs)]
    return "\n".join(out)

