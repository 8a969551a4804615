"""Symmetry-induced subspaces of two-layer networks: Şimşek et al., arXiv 2105.12221 (THEORY §2, claims C17–C21).

Two-layer networks ``f(x) = Σ_j a_j relu(w_j·x + b_j) + c`` are relugeom networks with one hidden layer
(THEORY's setting is bias-free: use zero biases; every construction here also works with biases).
Hidden neurons are numbered from 0, as everywhere in relugeom, **except in the maps φ** of THEORY §2.2:
``mapping[j] = i ∈ {1..r}`` says that student neuron ``j`` copies teacher neuron ``i`` (1-based, so that
``0`` — or ``None`` — can mean a zero-type neuron, as in THEORY).

Counting (§2.2, §2.4), exact integers, each by closed forms and by brute-force enumeration of the maps:

* ``T(r, m)``: pieces ``Γ_φ`` of the zero-loss set, ``φ : [m] → {0..r}`` onto ``{1..r}``;
* ``G_A(r, m) = r!·S(m, r)``: replication-only critical subspaces (``φ : [m] → [r]`` onto);
* ``G_B(r, m)``: also zero neurons ``(w_j, a_j) = (0, 0)``; the same number as ``T``.

>>> T(1, 2), G_A(2, 3), G_B(2, 3), T_bruteforce(2, 3)
(3, 6, 12, 12)

Constructions on exact networks: :func:`expansion` (the points of ``Γ_φ``), :func:`three_segment_path`
(§2.3), :func:`replicate` and :func:`loss_gradient` (§2.4), :func:`rescale_neurons` and
:func:`midpoint` (§2.5: with ReLU the zero-loss pieces are rescaled, non-affine versions of ``Γ_φ``).
Function equality is decided exactly by :func:`same_function` (the affine maps of ``f − g`` on every
activation region of R^d are 0).

What is exact and what is proved:

* function equality on all of R^d (:func:`same_function`): for one hidden layer, ``f − g`` is rewritten as
  ``Σ_H C_H relu(z_H) + A x + e`` over distinct hyperplanes and is 0 iff all coefficients are 0; for any depth,
  the affine maps of ``f − g`` vanish on every activation region (``enumerate_regions``); tests check that
  the two methods agree;
* the path of §2.3 (:func:`check_path`): the four vertices are compared exactly, and every segment either
  moves only outgoing weights or the incoming weights of neurons whose outgoing weight stays 0, so ``f`` is
  affine in the path parameter ``t`` along it: equal end points prove zero loss at every ``t`` and every
  ``x``; interior grid points (function equality and the loss on a batch) are redundant checks;
* gradients (:func:`loss_gradient`) are ``Jᵀ (F − Y)`` with relugeom's exact Jacobian; at a sample on the
  kink of a neuron whose outgoing weight is 0 (e.g. a zero neuron ``(0, 0)``) the loss is still
  differentiable (``a_j relu(z_j)`` is of second order there) and the gradient does not depend on the side.

Registered claims: ``C17`` (``T`` closed forms = brute force, special values, the pieces are distinct),
``C18`` (every expansion — and every positive rescaling of it — computes ``f_{θ_r}``; ``dim Γ_φ``),
``C19`` (the three-segment path stays at zero loss, proved segment by segment, and ends at ``P(i,j)θ``),
``C20`` (replicating a critical point keeps it critical; the hypothesis ``a_i ≠ 0`` matters, and for
vector outputs so does splitting ``a_i`` into parallel pieces) and ``C21`` (``G`` formulas and the
(A4) ratio asymptotics).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from ..errors import InputError, RelugeomError, ShapeError
from ..exact.linalg import nullspace, rank
from ..exact.rational import format_rational, to_rational, to_rational_vector
from ..inputs import as_batch
from ..jacobian import frozen_jacobian
from ..network import Layer, ReLUNetwork
from ..regions import enumerate_regions
from ..symmetry import permute
from .claims import NO_BOUNDARY_SAMPLE, Case, Claim, Hypothesis, Outcome, Range, Skip, register

__all__ = [
    "stirling2", "T", "T_stirling", "T_bruteforce", "G_A", "G_A_inclusion_exclusion", "G_A_bruteforce", "G_B",
    "G_B_bruteforce", "expansion_maps", "replication_maps", "table", "shifted_table", "format_table", "ratio",
    "landscape_report",
    "two_layer_network", "incoming", "outgoing", "expansion", "split_weights", "rescale_neurons", "expansion_pieces",
    "expansion_dimension", "expansion_subspace_dimension", "difference_network", "same_function",
    "function_difference",
    "three_segment_path", "interpolate", "segment_certified", "PathCheck", "check_path",
    "replicate", "squared_loss", "loss_gradient", "critical_targets",
    "midpoint", "rescaling_midpoint_defect",
    "C17", "C18", "C19", "C20", "C21",
]

Vector = tuple[Fraction, ...]
ZERO = Fraction(0)

# =====================================================================================================
# Counting (THEORY §2.2, §2.4)
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
    """``T(r, m) = Σ_{j=0}^{r} (−1)^j C(r, j) (r + 1 − j)^m``: maps ``[m] → {0..r}`` onto ``{1..r}`` (THEORY §2.2).

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
    """Variant A (replication only): ``G_A(r, m) = r!·S(m, r)``, the surjections ``[m] → [r]`` (THEORY §2.4).

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
    rest, ``G_B(r, m) = Σ_k C(m, k) G_A(r, m − k)`` — THEORY's formula ``Σ_j (−1)^j C(r,j)(r+1−j)^m`` (= ``T``).

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
    """THEORY's layout: rows ``r = 1..r_max``, columns ``m = r, r + 1, …, r + width − 1``.

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
    """``G(r* − 1, r* + h) / T(r*, r* + h)`` for ``G = G_A`` or ``G_B`` (THEORY §2.4, (A4)).

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
    out = ["Şimşek et al. (arXiv 2105.12221): counts of the pieces indexed by neuron-to-teacher maps (THEORY §2)", ""]
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


# =====================================================================================================
# Two-layer networks
# =====================================================================================================


def _two_layer(net: ReLUNetwork, where: str = "network") -> None:
    if not isinstance(net, ReLUNetwork):
        raise ShapeError(f"{where} must be a ReLUNetwork, got {type(net).__name__}")
    if net.depth != 2:
        raise ShapeError(f"{where} must have exactly one hidden layer (architecture (d, m, d_out)); "
                         f"it has architecture {net.architecture}")


def _vector(value: object, length: int, where: str) -> Vector:
    """A scalar (allowed when ``length == 1``) or a sequence of ``length`` exact numbers."""
    if isinstance(value, (str, int, Fraction)) or not hasattr(value, "__len__"):
        if length != 1:
            raise ShapeError(f"{where} must be a vector of length {length} (the network has {length} outputs)")
        return (to_rational(value, where),)
    return to_rational_vector(value, where, length)


def two_layer_network(w: Sequence[Sequence[object]], a: Sequence[object], b: Sequence[object] | None = None,
                      c: object = None) -> ReLUNetwork:
    """``x ↦ Σ_j a_j relu(w_j·x + b_j) + c`` (biases ``b`` default to 0: THEORY's bias-free setting); ``a_j`` is a
    number (one output) or a vector, ``c`` likewise (default 0).

    >>> two_layer_network([[1], [-1]], [1, 1]).forward([-3])      # |x|
    (Fraction(3, 1),)
    """
    if not w:
        raise ShapeError("a two-layer network needs at least one hidden neuron")
    first = a[0]
    d_out = 1 if isinstance(first, (str, int, Fraction)) or not hasattr(first, "__len__") else len(first)
    outs = [_vector(v, d_out, f"a[{j}]") for j, v in enumerate(a)]
    if len(outs) != len(w):
        raise ShapeError(f"{len(w)} incoming vectors but {len(outs)} outgoing weights")
    bias = [0] * len(w) if b is None else list(b)
    return ReLUNetwork.from_arrays([(w, bias), ([[o[k] for o in outs] for k in range(d_out)],
                                                [0] * d_out if c is None else list(_vector(c, d_out, "c")))])


def incoming(net: ReLUNetwork, j: int) -> tuple[Vector, Fraction]:
    """``(w_j, b_j)`` of hidden neuron ``j`` (0-based)."""
    layer = net.layers[0]
    return layer.weight[j], layer.bias[j]


def outgoing(net: ReLUNetwork, j: int) -> Vector:
    """``a_j``, the outgoing weights of hidden neuron ``j`` (0-based), one per output."""
    return tuple(row[j] for row in net.layers[1].weight)


def _build(rows: Sequence[Vector], biases: Sequence[Fraction], outs: Sequence[Vector], c: Vector) -> ReLUNetwork:
    d_out = len(c)
    return ReLUNetwork((Layer(tuple(rows), tuple(biases)),
                        Layer(tuple(tuple(o[k] for o in outs) for k in range(d_out)), tuple(c))))


def _parts(net: ReLUNetwork) -> tuple[list[Vector], list[Fraction], list[Vector], Vector]:
    _two_layer(net)
    m = net.layers[0].n_out
    return (list(net.layers[0].weight), list(net.layers[0].bias), [outgoing(net, j) for j in range(m)],
            net.layers[1].bias)


def _mapping(mapping: Sequence[object], r: int) -> tuple[int, ...]:
    out = []
    for j, v in enumerate(mapping):
        v = 0 if v is None else v
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= r:
            raise ShapeError(f"mapping[{j}] = {v!r}: use a teacher neuron 1..{r} (1-based) or 0 / None (zero-type)")
        out.append(v)
    if not out:
        raise ShapeError("the mapping is empty (the student needs at least one hidden neuron)")
    return tuple(out)


def split_weights(theta_r: ReLUNetwork, mapping: Sequence[object], fractions: Sequence[object] | None = None,
                  shifts: Sequence[object] | None = None) -> list[Vector]:
    """Outgoing weights ``a_j = s_j a_{φ(j)} + t_j`` for the copies (zero vector for zero-type neurons), with the
    fractions ``s_j`` summing to 1 and the shifts ``t_j`` summing to 0 over the copies of each teacher neuron
    (defaults: equal split, no shift). Every split of ``a_i`` is of this form.

    >>> net = two_layer_network([[1]], [6])
    >>> [str(v[0]) for v in split_weights(net, [1, 0, 1], ["1/3", 0, "2/3"], [1, 0, -1])]
    ['3', '0', '3']
    """
    _two_layer(theta_r, "theta_r")
    r, d_out = theta_r.layers[0].n_out, theta_r.n_outputs
    phi = _mapping(mapping, r)
    m = len(phi)
    fr = [Fraction(1, phi.count(i)) if i else ZERO for i in phi] if fractions is None else \
        [to_rational(v, f"fractions[{j}]") for j, v in enumerate(fractions)]
    sh = [(ZERO,) * d_out] * m if shifts is None else [_vector(v, d_out, f"shifts[{j}]") for j, v in enumerate(shifts)]
    if len(fr) != m or len(sh) != m:
        raise ShapeError(f"the mapping has {m} entries but fractions/shifts have {len(fr)}/{len(sh)}")
    for i in set(phi) - {0}:
        copies = [j for j in range(m) if phi[j] == i]
        if sum(fr[j] for j in copies) != 1:
            raise RelugeomError(f"the fractions of the copies of teacher neuron {i} sum to "
                                f"{sum(fr[j] for j in copies)}, not 1")
        if any(sum(sh[j][k] for j in copies) != 0 for k in range(d_out)):
            raise RelugeomError(f"the shifts of the copies of teacher neuron {i} do not sum to 0")
    return [tuple(s * v + t for v, t in zip(outgoing(theta_r, i - 1), tj)) if i else (ZERO,) * d_out
            for i, s, tj in zip(phi, fr, sh)]


def expansion(theta_r: ReLUNetwork, mapping: Sequence[object], splits: Sequence[object],
              free: Sequence[tuple[Sequence[object], object]] | None = None, check: bool = True) -> ReLUNetwork:
    """The width-``m`` point of ``Γ_φ`` (THEORY §2.2): neuron ``j`` copies teacher neuron ``mapping[j]`` (1-based)
    with outgoing weight ``splits[j]``, or is zero-type (``mapping[j]`` 0 or None: outgoing 0, incoming
    ``(w, b)`` taken in order from ``free``, default 0). The output bias is the teacher's. With ``check``,
    ``φ`` must be onto and the splits of each teacher neuron must sum to its outgoing weight.

    >>> teacher = two_layer_network([[1], [-1]], [2, 3])
    >>> student = expansion(teacher, [1, 0, 2, 1], [1, 0, 3, 1], free=[([5], 0)])
    >>> student.architecture, student.forward([-2]) == teacher.forward([-2])
    ((1, 4, 1), True)
    """
    rows_r, bias_r, outs_r, c = _parts(theta_r)
    r, d, d_out = len(rows_r), theta_r.n_inputs, theta_r.n_outputs
    phi = _mapping(mapping, r)
    m = len(phi)
    outs = [(ZERO,) * d_out if s is None else _vector(s, d_out, f"splits[{j}]") for j, s in enumerate(splits)]
    if len(outs) != m:
        raise ShapeError(f"the mapping has {m} entries but splits has {len(outs)}")
    n_zero = phi.count(0)
    given = list(free) if free is not None else [((0,) * d, 0)] * n_zero
    if len(given) != n_zero:
        raise ShapeError(f"{n_zero} zero-type neurons but {len(given)} incoming (w, b) pairs in free")
    zero_in = [(to_rational_vector(w, f"free[{k}] weights", d), to_rational(b, f"free[{k}] bias"))
               for k, (w, b) in enumerate(given)]
    if check:
        missing = sorted(set(range(1, r + 1)) - set(phi))
        if missing:
            raise RelugeomError(f"the mapping is not onto the teacher: neurons {missing} have no copy")
        for j, i in enumerate(phi):
            if i == 0 and any(outs[j]):
                raise RelugeomError(f"zero-type neuron {j} must have outgoing weight 0, got {outs[j]}")
        for i in range(1, r + 1):
            total = tuple(sum(outs[j][k] for j in range(m) if phi[j] == i) for k in range(d_out))
            if total != outs_r[i - 1]:
                raise RelugeomError(f"the copies of teacher neuron {i} have outgoing weights summing to "
                                    f"{[format_rational(v) for v in total]}, the teacher's is "
                                    f"{[format_rational(v) for v in outs_r[i - 1]]}")
    rows, biases, k = [], [], 0
    for i in phi:
        if i:
            rows.append(rows_r[i - 1])
            biases.append(bias_r[i - 1])
        else:
            rows.append(zero_in[k][0])
            biases.append(zero_in[k][1])
            k += 1
    return _build(rows, biases, outs, c)


def rescale_neurons(net: ReLUNetwork, factors: Sequence[object]) -> ReLUNetwork:
    """Neuron ``j``'s incoming ``(w_j, b_j)`` times ``λ_j`` and outgoing ``a_j`` divided by ``λ_j`` — for any
    ``λ_j ≠ 0`` (a symmetry only when every ``λ_j > 0``: ``relu(λz) = λ relu(z)`` needs ``λ ≥ 0``).

    >>> net = two_layer_network([[1]], [1])
    >>> rescale_neurons(net, [2]).forward([3]), rescale_neurons(net, [-1]).forward([3])
    ((Fraction(3, 1),), (Fraction(0, 1),))
    """
    rows, biases, outs, c = _parts(net)
    lam = to_rational_vector(factors, "factors", len(rows))
    if any(v == 0 for v in lam):
        raise RelugeomError("a rescaling factor is 0 (not invertible)")
    return _build([tuple(v * f for v in row) for row, f in zip(rows, lam)], [b * f for b, f in zip(biases, lam)],
                  [tuple(v / f for v in o) for o, f in zip(outs, lam)], c)


def expansion_pieces(theta_m: ReLUNetwork, theta_r: ReLUNetwork, rescaled: bool = False) -> list[tuple[int, ...]]:
    """Every map ``φ`` with ``θ_m ∈ Γ_φ`` (THEORY §2.2); with ``rescaled``, the ReLU pieces of §2.5 instead:
    ``(w_j, b_j) = λ_j (w*, b*)_{φ(j)}`` with ``λ_j > 0`` and ``Σ_j λ_j a_j = a*_i`` (a teacher neuron with
    ``(w*, b*) = 0`` — never the case for an irreducible teacher — leaves ``λ_j`` undetermined; ``λ_j = 1`` is used).

    >>> teacher = two_layer_network([[1]], [2])
    >>> expansion_pieces(two_layer_network([[1], [1]], [2, 0]), teacher)  # where Γ_(1,0) meets Γ_(1,1)
    [(1, 0), (1, 1)]
    >>> expansion_pieces(two_layer_network([[0], [1]], [1, 2]), teacher)   # a dead neuron, a_j ≠ 0: no piece
    []
    """
    rows, biases, outs, _ = _parts(theta_m)
    rows_r, bias_r, outs_r, c_r = _parts(theta_r)
    if theta_m.n_inputs != theta_r.n_inputs or theta_m.n_outputs != theta_r.n_outputs:
        raise ShapeError("theta_m and theta_r have different input or output dimensions")
    if theta_m.layers[1].bias != c_r:
        return []
    r, d_out = len(rows_r), theta_r.n_outputs
    choices = []  # per student neuron: (teacher index, effective outgoing weight)
    for row, b, a in zip(rows, biases, outs):
        options = [(0, (ZERO,) * d_out)] if not any(a) else []
        for i in range(1, r + 1):
            lam = _positive_factor(row + (b,), rows_r[i - 1] + (bias_r[i - 1],)) if rescaled else \
                (Fraction(1) if (row, b) == (rows_r[i - 1], bias_r[i - 1]) else None)
            if lam is not None:
                options.append((i, tuple(lam * v for v in a)))
        choices.append(options)
    found = []
    for combo in itertools.product(*choices):
        phi = tuple(i for i, _ in combo)
        if set(range(1, r + 1)) - set(phi):
            continue
        if all(tuple(sum(e[k] for i, e in combo if i == t) for k in range(d_out)) == outs_r[t - 1]
               for t in range(1, r + 1)):
            found.append(phi)
    return sorted(found)


def _positive_factor(u: Vector, v: Vector) -> Fraction | None:
    """``λ > 0`` with ``u = λ v`` (1 if both are 0), else None."""
    if not any(v):
        return Fraction(1) if not any(u) else None
    k = next(i for i, x in enumerate(v) if x)
    lam = u[k] / v[k]
    return lam if lam > 0 and all(x == lam * y for x, y in zip(u, v)) else None


def expansion_dimension(r: int, m: int, zero_type: int, d: int, d_out: int = 1, biases: bool = False) -> int:
    """THEORY's ``dim Γ_φ = d_out (m − j − r) + d j`` for ``j = zero_type`` zero-type neurons (bias-free); with
    ``biases`` a zero-type neuron's bias is free too: ``d_out (m − j − r) + (d + 1) j``.

    >>> expansion_dimension(1, 2, 1, d=1), expansion_dimension(1, 2, 0, d=1)
    (1, 1)
    """
    return d_out * (m - zero_type - r) + (d + int(biases)) * zero_type


def expansion_subspace_dimension(theta_r: ReLUNetwork, mapping: Sequence[object], biases: bool = False) -> int:
    """``dim Γ_φ`` computed as ``#coordinates − rank`` of the linear equations defining ``Γ_φ`` in the student's
    parameter space (relugeom's parameter order; ``biases=False``: only the weight coordinates, THEORY's
    bias-free setting)."""
    _two_layer(theta_r, "theta_r")
    r, d, d_out = theta_r.layers[0].n_out, theta_r.n_inputs, theta_r.n_outputs
    phi = _mapping(mapping, r)
    m = len(phi)
    names = ReLUNetwork((Layer(((ZERO,) * d,) * m, (ZERO,) * m),
                         Layer(((ZERO,) * m,) * d_out, (ZERO,) * d_out))).parameter_names()
    keep = [k for k, n in enumerate(names) if biases or not n.startswith("b")]
    index = {names[k]: col for col, k in enumerate(keep)}
    equations = []

    def equation(*coords: str) -> None:
        row = [0] * len(keep)
        for n in coords:
            row[index[n]] = 1
        equations.append(row)

    for j, i in enumerate(phi):
        if i:  # w_j = w*_i (and b_j = b*_i)
            for k in range(d):
                equation(f"W1[{j},{k}]")
            if biases:
                equation(f"b1[{j}]")
        else:  # a_j = 0
            for o in range(d_out):
                equation(f"W2[{o},{j}]")
    for i in range(1, r + 1):  # Σ_{φ(j) = i} a_j = a*_i
        for o in range(d_out):
            equation(*[f"W2[{o},{j}]" for j in range(m) if phi[j] == i])
    if biases:
        for o in range(d_out):
            equation(f"b2[{o}]")
    return len(keep) - (rank(equations).rank if equations else 0)


# ----------------------------------------------------------------------------- exact function equality


def difference_network(f: ReLUNetwork, g: ReLUNetwork) -> ReLUNetwork:
    """A network computing ``f − g`` (both of the same depth, input and output dimensions): the hidden layers
    side by side, the last layer ``[W_f | −W_g]``, bias ``b_f − b_g``.

    >>> net = two_layer_network([[1]], [1])
    >>> difference_network(net, net).architecture
    (1, 2, 1)
    """
    if f.depth != g.depth or f.n_inputs != g.n_inputs or f.n_outputs != g.n_outputs:
        raise ShapeError(f"cannot subtract networks of architectures {f.architecture} and {g.architecture} "
                         "(need the same depth, inputs and outputs)")
    layers = []
    for k, (lf, lg) in enumerate(zip(f.layers, g.layers)):
        last = k == f.depth - 1
        if last and k == 0:
            weight = tuple(tuple(x - y for x, y in zip(rf, rg)) for rf, rg in zip(lf.weight, lg.weight))
            bias = tuple(x - y for x, y in zip(lf.bias, lg.bias))
        elif last:
            weight = tuple(rf + tuple(-v for v in rg) for rf, rg in zip(lf.weight, lg.weight))
            bias = tuple(x - y for x, y in zip(lf.bias, lg.bias))
        elif k == 0:
            weight, bias = lf.weight + lg.weight, lf.bias + lg.bias
        else:
            zf, zg = (ZERO,) * lg.n_in, (ZERO,) * lf.n_in
            weight = tuple(row + zf for row in lf.weight) + tuple(zg + row for row in lg.weight)
            bias = lf.bias + lg.bias
        layers.append(Layer(weight, bias))
    return ReLUNetwork(tuple(layers))


def function_difference(f: ReLUNetwork, g: ReLUNetwork) -> tuple[object, ...] | None:
    """None if ``f ≡ g`` on all of R^d, else the pattern of an activation region of ``f − g`` where its affine
    map is not 0. Exact: ``f − g`` is continuous and piecewise affine, and its full-dimensional activation
    regions (``enumerate_regions``) cover a dense subset of R^d."""
    diff = difference_network(f, g)
    for region in enumerate_regions(diff):
        a, c = region.affine_map
        if any(c) or any(any(row) for row in a):
            return region.pattern
    return None


def _kink_form(nets: Sequence[tuple[ReLUNetwork, int]]) -> tuple[dict, list[list[Fraction]], list[Fraction]]:
    """``Σ_k sign_k f_k`` for two-layer nets, rewritten as ``Σ_H C_H relu(z_H) + A x + e`` with one term per
    hyperplane ``H`` (``z_H = u·x + β`` normalised so that the first non-zero entry of ``u`` is 1): positive
    rescalings are absorbed (``relu(λz) = λ relu(z)``) and ``relu(−z) = relu(z) − z``."""
    d, d_out = nets[0][0].n_inputs, nets[0][0].n_outputs
    kinks: dict[tuple, list[Fraction]] = {}
    lin = [[ZERO] * d for _ in range(d_out)]
    const = [ZERO] * d_out
    for net, sign in nets:
        rows, biases, outs, c = _parts(net)
        const = [e + sign * v for e, v in zip(const, c)]
        for u, beta, a in zip(rows, biases, outs):
            if not any(a):
                continue
            a = [sign * v for v in a]
            if not any(u):
                const = [e + v * max(beta, ZERO) for e, v in zip(const, a)]
                continue
            s = next(v for v in u if v)
            key = (tuple(v / s for v in u), beta / s)
            lam = abs(s)
            acc = kinks.setdefault(key, [ZERO] * d_out)
            for o in range(d_out):
                acc[o] += lam * a[o]
            if s < 0:  # relu(−λz) = λ relu(z) − λ z
                for o in range(d_out):
                    const[o] -= lam * a[o] * key[1]
                    for k in range(d):
                        lin[o][k] -= lam * a[o] * key[0][k]
    return kinks, lin, const


def same_function(f: ReLUNetwork, g: ReLUNetwork, method: str = "auto") -> bool:
    """``f(x) = g(x)`` for every ``x ∈ R^d``, decided exactly.

    ``method="regions"`` (any equal depth): the affine maps of ``f − g`` on all activation regions are 0
    (:func:`function_difference`). ``method="kinks"`` (one hidden layer): ``f − g`` written as
    ``Σ_H C_H relu(z_H) + A x + e`` over distinct hyperplanes ``H`` is 0 iff every ``C_H``, ``A`` and ``e`` are
    0 (each ``relu(z_H)`` has a kink exactly on ``H``, so these functions and the affine ones are linearly
    independent). ``"auto"``: kinks for two-layer networks, else regions.

    >>> absolute = two_layer_network([[1], [-1]], [1, 1])
    >>> same_function(absolute, two_layer_network([[2], [-3]], ["1/2", "1/3"])), same_function(absolute,
    ...     two_layer_network([[1]], [1]), method="regions")
    (True, False)
    """
    if method not in ("auto", "kinks", "regions"):
        raise InputError(f"method must be 'auto', 'kinks' or 'regions', got {method!r}")
    if method == "regions" or (method == "auto" and not (f.depth == g.depth == 2)):
        return function_difference(f, g) is None
    if f.n_inputs != g.n_inputs or f.n_outputs != g.n_outputs:
        raise ShapeError(f"cannot compare networks of architectures {f.architecture} and {g.architecture}")
    kinks, lin, const = _kink_form([(f, 1), (g, -1)])
    return not any(any(v) for v in kinks.values()) and not any(any(row) for row in lin) and not any(const)


# =====================================================================================================
# C19: the three-segment path (THEORY §2.3)
# =====================================================================================================


def _neuron(net: ReLUNetwork, i: object, name: str) -> int:
    width = net.layers[0].n_out
    if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < width:
        raise ShapeError(f"{name} = {i!r} is not a hidden neuron (0..{width - 1})")
    return i


def three_segment_path(theta_m: ReLUNetwork, i: int, j: int) -> tuple[ReLUNetwork, ...]:
    """The four vertices ``θ, θ¹, θ², P(i,j)θ`` of THEORY §2.3's path (neurons 0-based; ``j`` is the spare
    neuron, zero loss needs ``a_j = 0``): (1) move ``(w_j, b_j)`` to ``(w_i, b_i)``; (2) swap the outgoing
    weights of ``i`` and ``j`` (a straight segment: ``(a_i, 0) → (0, a_i)``); (3) move ``(w_i, b_i)`` to the
    spare's old ``(w_j, b_j)``.

    >>> theta = two_layer_network([[1], [-2]], [3, 0])
    >>> [[str(v) for v in p.parameters()] for p in three_segment_path(theta, 0, 1)][3]
    ['-2', '1', '0', '0', '0', '3', '0']
    """
    rows, biases, outs, c = _parts(theta_m)
    i, j = _neuron(theta_m, i, "i"), _neuron(theta_m, j, "j")
    if i == j:
        raise ShapeError("the path needs two different neurons i and j")
    v1_rows, v1_bias = list(rows), list(biases)
    v1_rows[j], v1_bias[j] = rows[i], biases[i]
    v2_outs = list(outs)
    v2_outs[i], v2_outs[j] = outs[j], outs[i]
    v3_rows, v3_bias = list(v1_rows), list(v1_bias)
    v3_rows[i], v3_bias[i] = rows[j], biases[j]
    return (theta_m, _build(v1_rows, v1_bias, outs, c), _build(v1_rows, v1_bias, v2_outs, c),
            _build(v3_rows, v3_bias, v2_outs, c))


def interpolate(theta0: ReLUNetwork, theta1: ReLUNetwork, t: object) -> ReLUNetwork:
    """The network with parameters ``(1 − t) θ₀ + t θ₁``.

    >>> interpolate(two_layer_network([[0]], [0]), two_layer_network([[2]], [4]), "1/2").parameters()[::2]
    (Fraction(1, 1), Fraction(2, 1))
    """
    if theta0.architecture != theta1.architecture:
        raise ShapeError(f"architectures differ: {theta0.architecture} vs {theta1.architecture}")
    t = to_rational(t, "t")
    return theta0.with_parameters([(1 - t) * p + t * q for p, q in zip(theta0.parameters(), theta1.parameters())])


def segment_certified(theta0: ReLUNetwork, theta1: ReLUNetwork) -> bool:
    """True when every neuron whose incoming ``(w, b)`` moves along the segment has outgoing weight 0 at both
    ends. Then ``f_{θ(t)} = (1 − t) f_{θ₀} + t f_{θ₁}`` for every ``t`` (the moving neurons contribute 0; the
    others enter linearly through ``a`` and ``c``), so ``f_{θ₀} ≡ f_{θ₁} ≡ g`` proves ``f_{θ(t)} ≡ g`` on the
    whole segment.

    >>> segment_certified(two_layer_network([[1], [2]], [1, 0]), two_layer_network([[1], [5]], [1, 0]))
    True
    """
    _two_layer(theta0)
    _two_layer(theta1)
    width = theta0.layers[0].n_out
    moved = [k for k in range(width) if incoming(theta0, k) != incoming(theta1, k)]
    return all(not any(outgoing(theta0, k)) and not any(outgoing(theta1, k)) for k in moved)


@dataclass(frozen=True)
class PathCheck:
    """Exact checks of a piecewise-linear path against a reference function ``g``.

    * ``vertices_equal[k]``: ``f_{vertex k} ≡ g`` on R^d (:func:`same_function`);
    * ``certified[k]``: segment ``k`` satisfies :func:`segment_certified` (so, with its two vertices equal to
      ``g``, ``f ≡ g`` at every point of it: that is the proof);
    * ``grid_equal[k]``: ``f_{θ(t)} ≡ g`` at the interior grid points ``t = q/grid, 0 < q < grid`` of segment ``k``
      (redundant given the proof; the way a failure is found when a segment is not certified);
    * ``grid_loss``: the largest squared loss ``½ Σ_x ‖f_{θ(t)}(x) − g(x)‖²`` on the batch over the interior
      points ``t = k/grid, 0 < k < grid`` of every segment (0 without a batch; redundant given the proof).
    """

    vertices_equal: tuple[bool, ...]
    certified: tuple[bool, ...]
    grid_equal: tuple[bool, ...]
    grid_loss: Fraction

    @property
    def proved(self) -> bool:
        """Zero loss on the whole path (for every x), by the vertices and the segment lemma."""
        return all(self.vertices_equal) and all(self.certified)

    @property
    def zero_loss(self) -> bool:
        """Every check found loss exactly 0."""
        return all(self.vertices_equal) and all(self.grid_equal) and self.grid_loss == 0


def check_path(vertices: Sequence[ReLUNetwork], reference: ReLUNetwork | None = None, inputs: object = (),
               grid: int = 8) -> PathCheck:
    """Check the path through ``vertices`` against ``reference`` (default: the first vertex); see :class:`PathCheck`."""
    if len(vertices) < 2:
        raise ShapeError("a path needs at least two vertices")
    ref = vertices[0] if reference is None else reference
    batch = as_batch(inputs, ref.n_inputs) if len(inputs) else ()
    targets = [ref.forward(x) for x in batch]
    worst = ZERO
    for a, b in itertools.pairwise(vertices):
        for k in range(1, grid if batch else 0):
            worst = max(worst, squared_loss(interpolate(a, b, Fraction(k, grid)), batch, targets))
    return PathCheck(
        vertices_equal=tuple(same_function(v, ref) for v in vertices),
        certified=tuple(segment_certified(a, b) for a, b in itertools.pairwise(vertices)),
        grid_equal=tuple(all(same_function(interpolate(a, b, Fraction(q, grid)), ref) for q in range(1, grid))
                         for a, b in itertools.pairwise(vertices)),
        grid_loss=worst,
    )


# =====================================================================================================
# C20: replication of critical points (THEORY §2.4)
# =====================================================================================================


def replicate(theta_r: ReLUNetwork, i: int, split: object) -> ReLUNetwork:
    """Width ``r + 1``: neuron ``i`` (0-based) keeps outgoing ``a_i − split``, a copy of it (appended as the last
    neuron) gets ``split`` (a number for one output, else a vector).

    >>> replicate(two_layer_network([[1]], [0]), 0, 1).layers[1].weight      # a_i = 0 split as (−1, +1)
    ((Fraction(-1, 1), Fraction(1, 1)),)
    """
    _two_layer(theta_r, "theta_r")
    r, d_out = theta_r.layers[0].n_out, theta_r.n_outputs
    i = _neuron(theta_r, i, "i")
    s = _vector(split, d_out, "split")
    splits = [outgoing(theta_r, k) for k in range(r)]
    splits[i] = tuple(a - v for a, v in zip(splits[i], s))
    return expansion(theta_r, [*range(1, r + 1), i + 1], [*splits, s])


def _targets(net: ReLUNetwork, targets: object, n: int) -> list[Vector]:
    rows = list(targets)
    if len(rows) != n:
        raise InputError(f"{n} samples but {len(rows)} targets")
    return [_vector(y, net.n_outputs, f"targets[{j}]") for j, y in enumerate(rows)]


def squared_loss(net: ReLUNetwork, inputs: object, targets: object) -> Fraction:
    """``L(θ) = ½ Σ_x ‖f_θ(x) − y(x)‖²``, exactly.

    >>> squared_loss(two_layer_network([[1]], [1]), [[1], [2]], [[0], [2]])
    Fraction(1, 2)
    """
    batch = as_batch(inputs, net.n_inputs)
    ys = _targets(net, targets, len(batch))
    return sum((sum((f - y) ** 2 for f, y in zip(net.forward(x), yv)) for x, yv in zip(batch, ys)), ZERO) / 2


def _differentiable_patterns(net: ReLUNetwork, batch: Sequence[Vector]) -> list:
    """Each sample's pattern; a sample on the kink of a neuron whose outgoing weights are all 0 is allowed
    (two-layer nets: ``a_j relu(z_j)`` with ``a_j = 0 = z_j`` is ``O(‖Δθ‖²)``, so L is differentiable there and
    either bit gives the gradient); any other boundary sample raises ``BoundaryError``."""
    if net.depth != 2:
        return [net.pattern_at(x, sample=j) for j, x in enumerate(batch)]
    silent = {k for k in range(net.layers[0].n_out) if not any(outgoing(net, k))}
    patterns = []
    for j, x in enumerate(batch):
        signs = net.sign_vector_at(x)[0]
        if any(s == 0 and k not in silent for k, s in enumerate(signs)):
            net.pattern_at(x, sample=j)  # raises the BoundaryError naming the neuron
        patterns.append((tuple(int(s > 0) for s in signs),))
    return patterns


def loss_gradient(net: ReLUNetwork, inputs: object, targets: object) -> Vector:
    """``∇L(θ) = Jᵀ (F − Y)`` exactly, in relugeom's parameter order (``BoundaryError`` if L is not
    differentiable because a sample lies on the kink of a neuron with a non-zero outgoing weight).

    >>> loss_gradient(two_layer_network([[1]], [1]), [[2]], [[1]])   # d/d(w, b, a, c) of ½ (relu(2w) a − 1)²
    (Fraction(2, 1), Fraction(1, 1), Fraction(2, 1), Fraction(1, 1))
    """
    batch = as_batch(inputs, net.n_inputs)
    ys = _targets(net, targets, len(batch))
    jac = frozen_jacobian(net, batch, _differentiable_patterns(net, batch))
    residual = [f - y for x, yv in zip(batch, ys) for f, y in zip(net.forward(x), yv)]
    grad = [ZERO] * net.n_params
    for row, scale, e in zip(jac.scaled.rows, jac.scaled.scales, residual):
        if e:
            for k, v in enumerate(row):
                if v:
                    grad[k] += Fraction(v, scale) * e
    return tuple(grad)


def critical_targets(theta: ReLUNetwork, inputs: object, coefficients: Sequence[int] = (1,)) -> tuple[
        list[Vector], Vector]:
    """Targets ``Y = F − E`` making ``θ`` an exact critical point of the squared loss: ``E = Σ_k c_k e_k`` over
    the basis ``e_k`` of ``{E : Jᵀ E = 0}`` (coefficients padded with 0 / truncated); ``E ≠ 0`` gives a critical
    point with positive loss. Returns ``(Y, E)``; ``E`` is sample-major, then output.

    >>> theta = two_layer_network([[1]], [0], [0])                 # a = 0: f ≡ 0
    >>> ys, e = critical_targets(theta, [["-1/3"], ["2/3"], ["5/3"]])
    >>> [str(v) for v in e], loss_gradient(theta, [["-1/3"], ["2/3"], ["5/3"]], ys) == (0, 0, 0, 0)
    (['3', '-5', '2'], True)
    """
    batch = as_batch(inputs, theta.n_inputs)
    jac = frozen_jacobian(theta, batch, _differentiable_patterns(theta, batch))
    n_rows = len(jac.scaled.rows)
    transpose = [[Fraction(row[k], s) for row, s in zip(jac.scaled.rows, jac.scaled.scales)]
                 for k in range(theta.n_params)]
    basis = nullspace(transpose) if n_rows else ()
    coeff = (list(coefficients) + [0] * len(basis))[:len(basis)]
    e = tuple(sum((Fraction(c) * v[k] for c, v in zip(coeff, basis)), ZERO) for k in range(n_rows))
    d_out = theta.n_outputs
    ys = [tuple(f - e[j * d_out + o] for o, f in enumerate(theta.forward(x))) for j, x in enumerate(batch)]
    return ys, e


# =====================================================================================================
# §2.5: ReLU rescaling orbits make the zero-loss pieces non-affine
# =====================================================================================================


def midpoint(theta0: ReLUNetwork, theta1: ReLUNetwork) -> ReLUNetwork:
    """``(θ₀ + θ₁) / 2``.

    >>> midpoint(two_layer_network([[1]], [2]), two_layer_network([[2]], [1])).parameters()
    (Fraction(3, 2), Fraction(0, 1), Fraction(3, 2), Fraction(0, 1))
    """
    return interpolate(theta0, theta1, Fraction(1, 2))


def rescaling_midpoint_defect(lam: object) -> Fraction:
    """The midpoint of ``(w, b, a)`` and ``(λw, λb, a/λ)`` computes ``f + δ · a relu(w·x + b)`` with
    ``δ = (1 + λ)(1 + 1/λ)/4 − 1 = (λ − 1)² / (4λ)``; ``δ > 0`` for every ``λ > 0, λ ≠ 1``, so the rescaling
    orbit (a hyperbola ``a·λ = const``) is not affine and neither is the zero-loss set containing it.

    >>> rescaling_midpoint_defect(2), rescaling_midpoint_defect(1)
    (Fraction(1, 8), Fraction(0, 1))
    """
    lam = to_rational(lam, "λ")
    if lam <= 0:
        raise RelugeomError(f"λ = {lam} is not a positive rescaling")
    return (lam - 1) ** 2 / (4 * lam)


# =====================================================================================================
# Claims
# =====================================================================================================

# Non-integer samples: with integer weights a first-layer pre-activation is never 0 on them.
BATCH_3 = (("-1/3",), ("2/3",), ("5/3",))
BATCH_4 = (("-5/3",), ("-2/3",), ("4/3",), ("7/3",))
BATCH_7 = (("-8/3",), ("-4/3",), ("-1/3",), ("1/3",), ("2/3",), ("5/3",), ("8/3",))
BATCH_2D = (("-7/3", "2/5"), ("2/3", "-8/5"), ("5/3", "7/5"), ("-4/3", "-3/5"), ("1/3", "6/5"))
BATCH_2D_6 = BATCH_2D + (("4/3", "-2/5"),)


def _str(q: Fraction) -> str:
    return str(format_rational(q))


def _pair_network(a: int, b: int) -> ReLUNetwork:
    """A dummy network ``x ↦ a·x + b`` carrying a pair of integers (``C17``, ``C21``)."""
    return ReLUNetwork.from_arrays([([[a]], [b])])


def _extend_pair(names: tuple[str, str]):
    def extend(case: Case, rng: random.Random) -> Case:
        layer = case.network.layers[0]
        pair = (int(layer.weight[0][0]), int(layer.bias[0]))
        return Case(case.network, case.inputs, case.extras + tuple(zip(names, pair)))
    return extend


def _pair(case: Case, names: tuple[str, str]) -> tuple[int, int]:
    values = tuple(case.extra(n) for n in names)
    if any(not isinstance(v, int) or v < 0 for v in values):
        raise Skip(f"the case carries no pair {names}")
    return values


# ----------------------------------------------------------------------------- C17

C17_PIECES_LIMIT = 400  # build and separate the pieces Γ_φ when T(r, m) is at most this
C17_BRUTE_LIMIT = 2_000_000  # brute-force T when (r + 1)^m is at most this


def _generic_teacher(r: int) -> ReLUNetwork:
    """Irreducible, bias-free, 2-D: incoming (1, i), outgoing i (pairwise non-parallel, all non-zero)."""
    return two_layer_network([[1, i] for i in range(1, r + 1)], list(range(1, r + 1)))


def _generic_point(teacher: ReLUNetwork, phi: tuple[int, ...]) -> ReLUNetwork:
    """A point of Γ_φ in no other piece: unequal splits, distinct free incoming weights off the teacher's."""
    m = len(phi)
    fractions = []
    for j, i in enumerate(phi):
        copies = [k for k in range(m) if phi[k] == i]
        if not i:
            fractions.append(ZERO)
        elif j == copies[-1]:  # > 1/2: no copy gets outgoing weight 0
            fractions.append(1 - sum(Fraction(1, 2 ** (k + 2)) for k in copies[:-1]))
        else:
            fractions.append(Fraction(1, 2 ** (j + 2)))
    free = [((-1, 7 + k), 0) for k in range(phi.count(0))]
    return expansion(teacher, phi, split_weights(teacher, phi, fractions), free=free)


def _c17(case: Case) -> Outcome:
    r, m = _pair(case, ("r", "m"))
    closed, stirling = T(r, m), T_stirling(r, m)
    problems = [] if closed == stirling else [f"Σ C(m,k) r! S(k,r) = {stirling}"]
    brute = T_bruteforce(r, m) if (r + 1) ** m <= C17_BRUTE_LIMIT else None
    if brute is not None and brute != closed:
        problems.append(f"brute force {brute}")
    special = {"T(r, r) = r!": (m == r, math.factorial(r)),
               "T(r, r+1) = (r+1)!(r+2)/2": (m == r + 1, math.factorial(r + 1) * (r + 2) // 2),
               "T(1, m) = 2^m − 1": (r == 1 and m >= 1, 2 ** m - 1),
               "T(r, m) = 0 for m < r": (m < r, 0)}
    problems += [f"{name} fails ({value})" for name, (applies, value) in special.items() if applies and closed != value]
    pieces = None
    if 1 <= r and 0 < closed <= C17_PIECES_LIMIT:
        teacher = _generic_teacher(r)
        pieces = 0
        for phi in expansion_maps(r, m):
            if expansion_pieces(_generic_point(teacher, phi), teacher) == [phi]:
                pieces += 1
        if pieces != closed:
            problems.append(f"only {pieces} of the {closed} pieces Γ_φ have a point in no other piece")
    detail = f"T({r}, {m}) = {closed}" + (f", brute force {brute}" if brute is not None else ", brute force skipped") \
        + (f", {pieces} distinct pieces built" if pieces is not None else "")
    return Outcome(not problems, detail + ("; " + "; ".join(problems) if problems else ""),
                   {"r": r, "m": m, "T": closed, "T_stirling": stirling, "brute_force": brute, "pieces": pieces})


def _pairs_range(pairs: Sequence[tuple[int, int]]) -> Range:
    return Range((), (0, 0), networks=tuple(_pair_network(a, b) for a, b in pairs))


C17 = register(Claim(
    "C17", "T(r, m): closed forms = brute-force count of the expansion maps",
    "T(r, m) = Σ_{k=r}^{m} C(m,k) r! S(k,r) = Σ_{j=0}^{r} (−1)^j C(r,j)(r+1−j)^m = #maps [m] → {0..r} onto {1..r}; "
    "T(r,r) = r!, T(r,r+1) = (r+1)!(r/2+1), T(1,2) = 3 (Fig. 4(a)); for a generic irreducible teacher the T "
    "pieces Γ_φ are pairwise distinct (THEORY §2.2, C17). Cases: dummy networks x ↦ r·x + m carry (r, m)",
    _c17,
    default=_pairs_range([(r, m) for r in range(1, 5) for m in range(1, 9)]),
    thorough=_pairs_range([(r, m) for r in range(6) for m in range(10)]),
    extend=_extend_pair(("r", "m")),
))


# ----------------------------------------------------------------------------- extras shared by C18 / C20

_FRACTIONS = (Fraction(1, 2), Fraction(1, 3), Fraction(2), Fraction(-1), Fraction(1), Fraction(3, 2))


def _draw_mapping(rng: random.Random, r: int, m: int, zero_chance: float) -> list[int]:
    phi = list(range(1, r + 1)) + [0 if rng.random() < zero_chance else rng.randint(1, r) for _ in range(m - r)]
    rng.shuffle(phi)
    return phi


def _draw_splits(rng: random.Random, phi: Sequence[int], d_out: int, shift_chance: float) -> tuple[tuple, tuple]:
    """Fractions summing to 1 and shifts summing to 0 per teacher neuron (as strings)."""
    m = len(phi)
    fractions, shifts = ["0"] * m, [("0",) * d_out] * m
    for i in set(phi) - {0}:
        copies = [j for j in range(m) if phi[j] == i]
        total = ZERO
        for j in copies[:-1]:
            s = rng.choice(_FRACTIONS)
            fractions[j], total = _str(s), total + s
        fractions[copies[-1]] = _str(1 - total)
        if len(copies) >= 2 and rng.random() < shift_chance:
            t = tuple(rng.choice((-2, -1, 1, 2)) if rng.random() < 0.8 else 0 for _ in range(d_out))
            shifts[copies[0]] = tuple(_str(Fraction(v)) for v in t)
            shifts[copies[1]] = tuple(_str(Fraction(-v)) for v in t)
    out_shifts = tuple(s[0] if d_out == 1 else s for s in shifts)
    return tuple(fractions), out_shifts


def _case_splits(case: Case) -> tuple[tuple[int, ...], list[Vector]]:
    """The case's mapping and outgoing weights (``Skip`` if the extras do not fit the network)."""
    net = case.network
    if net.depth != 2:
        raise Skip("the claim is about networks with one hidden layer")
    try:
        phi = _mapping(case.extra("mapping") or (), net.layers[0].n_out)
        splits = split_weights(net, phi, case.extra("fractions"), case.extra("shifts"))
    except (RelugeomError, TypeError, IndexError) as exc:
        raise Skip(f"the case's mapping does not fit the network: {exc}") from None
    return phi, splits


def _hypothesis_safe(check):
    def safe(case: Case) -> bool:
        try:
            return bool(check(case))
        except (Skip, RelugeomError, TypeError, IndexError, ValueError):
            return False
    return safe


# ----------------------------------------------------------------------------- C18


def _extend_c18(case: Case, rng: random.Random) -> Case:
    net = case.network
    r, d, d_out = net.layers[0].n_out, net.n_inputs, net.n_outputs
    m = r + rng.choice((0, 1, 1, 2))
    phi = _draw_mapping(rng, r, m, zero_chance=0.4)
    if rng.random() < 0.15:  # not onto: one teacher neuron loses its copies (hypothesis "onto")
        gone = rng.randint(1, r)
        phi = [0 if i == gone else i for i in phi]
    fractions, shifts = _draw_splits(rng, phi, d_out, shift_chance=0.6)
    free = tuple((tuple(str(rng.randint(-2, 2)) for _ in range(d)), str(rng.randint(-2, 2)))
                 for _ in range(phi.count(0)))
    factors = [rng.choice((Fraction(1), Fraction(2), Fraction(1, 2), Fraction(3))) for _ in range(m)]
    if rng.random() < 0.15:  # a negative factor (hypothesis "positive-rescaling")
        factors[rng.randrange(m)] = Fraction(-1)
    return Case(net, case.inputs, case.extras + (("mapping", tuple(phi)), ("fractions", fractions),
                                                  ("shifts", shifts), ("free", free),
                                                  ("factors", tuple(_str(f) for f in factors))))


def _c18_student(case: Case) -> tuple[tuple[int, ...], ReLUNetwork]:
    phi, splits = _case_splits(case)
    free = case.extra("free")
    try:
        student = expansion(case.network, phi, splits, free=free, check=False)
    except (RelugeomError, TypeError, ValueError) as exc:
        raise Skip(f"the case's extras do not fit the network: {exc}") from None
    return phi, student


def _factors(case: Case, m: int) -> tuple[Fraction, ...]:
    given = tuple(to_rational(v, "factor") for v in (case.extra("factors") or ()))
    return (given + (Fraction(1),) * m)[:m]


def _c18(case: Case) -> Outcome:
    net = case.network
    phi, student = _c18_student(case)
    r, m, d, d_out = net.layers[0].n_out, len(phi), net.n_inputs, net.n_outputs
    factors = _factors(case, m)
    if any(f == 0 for f in factors):
        raise Skip("a rescaling factor is 0")
    plain = same_function(student, net)
    rescaled = same_function(rescale_neurons(student, factors), net)
    parts = ["expansion computes f" if plain else "expansion CHANGES f",
             "rescaled expansion computes f" if rescaled else "rescaled expansion CHANGES f"]
    values = {"mapping": phi, "same_function": plain, "rescaled_same_function": rescaled}
    dims_ok = True
    if set(range(1, r + 1)) <= set(phi):  # Γ_φ (and its dimension formula) is defined for onto maps only
        zero_type = phi.count(0)
        dims = {biases: (expansion_subspace_dimension(net, phi, biases),
                         expansion_dimension(r, m, zero_type, d, d_out, biases)) for biases in (False, True)}
        dims_ok = all(a == b for a, b in dims.values()) and dims[False][0] >= m - r
        parts.append(f"dim Γ_φ = {dims[False][0]} (formula {dims[False][1]}), with biases {dims[True][0]} "
                     f"(formula {dims[True][1]})")
        values.update(dim=dims[False][0], dim_formula=dims[False][1], dim_biases=dims[True][0],
                      dim_biases_formula=dims[True][1])
    return Outcome(plain and rescaled and dims_ok, f"φ = {phi}, λ = ({', '.join(map(_str, factors))}): "
                   + ", ".join(parts), values)


ONTO = Hypothesis("onto", "every teacher neuron has at least one copy (φ is onto {1..r})",
                  _hypothesis_safe(lambda case: set(range(1, case.network.layers[0].n_out + 1))
                                   <= set(_case_splits(case)[0])))
POSITIVE_FACTORS = Hypothesis(
    "positive-rescaling", "every rescaling factor λ_j is > 0 (relu(λz) = λ relu(z) only for λ ≥ 0)",
    _hypothesis_safe(lambda case: all(f > 0 for f in _factors(case, len(_case_splits(case)[0])))))

_C18_FIXED = (
    two_layer_network([[1], [-1]], [2, 3], [0, 1], 1),
    two_layer_network([[1, 2], [-1, 1]], [1, -2]),
    two_layer_network([[1, 0], [0, 1], [1, 1]], [[1, 0], [0, 1], [1, -1]], [0, 0, -1]),
)

C18 = register(Claim(
    "C18", "every point of an expansion piece Γ_φ (and its positive rescalings) computes f_{θ_r}",
    "for φ : [m] → {0..r} onto {1..r}, the width-m network copying teacher neuron φ(j) (outgoing weights of the "
    "copies summing to a*_i; zero-type neurons: a_j = 0, any incoming weights) computes exactly f_{θ_r} on all of "
    "R^d, and so does every rescaling w_j → λ_j w_j, a_j → a_j/λ_j with λ_j > 0 (the ReLU pieces of §2.5); "
    "dim Γ_φ = d_out(m − j − r) + d j ≥ m − r (+ j with free biases) (THEORY §2.2, C18). Decided exactly on the "
    "activation regions of f − f_{θ_r}",
    _c18,
    default=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1), (1, 1, 2)), (-1, 1), networks=_C18_FIXED),
    thorough=Range(((1, 2, 1), (2, 2, 1), (2, 1, 2), (1, 1, 2)), (-1, 1), networks=_C18_FIXED),
    hypotheses=(ONTO, POSITIVE_FACTORS),
    extend=_extend_c18,
))


# ----------------------------------------------------------------------------- C19


def _extend_c19(case: Case, rng: random.Random) -> Case:
    width = case.network.layers[0].n_out if case.network.depth == 2 else 1
    if width < 2:
        return case
    spare = [k for k in range(width) if not any(outgoing(case.network, k))]
    j = rng.choice(spare) if spare and rng.random() < 0.75 else rng.randrange(width)
    i = rng.choice([k for k in range(width) if k != j])
    return Case(case.network, case.inputs, case.extras + (("i", i), ("j", j)))


def _c19_neurons(case: Case) -> tuple[int, int]:
    net = case.network
    if net.depth != 2 or net.layers[0].n_out < 2:
        raise Skip("the path needs one hidden layer of width ≥ 2")
    i, j = case.extra("i"), case.extra("j")
    try:
        i, j = _neuron(net, i, "i"), _neuron(net, j, "j")
    except ShapeError as exc:
        raise Skip(str(exc)) from None
    if i == j:
        raise Skip("i = j")
    return i, j


def _c19(case: Case) -> Outcome:
    i, j = _c19_neurons(case)
    net = case.network
    path = three_segment_path(net, i, j)
    perm = list(range(net.layers[0].n_out))
    perm[i], perm[j] = j, i
    ends_at_permutation = path[-1] == permute(net, 1, perm)
    check = check_path(path, net, case.inputs, grid=2)
    # With a_j = 0 the lemma must prove zero loss; without it, fail only on an exact witness of non-zero loss
    # (a vertex or grid point computing another function, or positive loss on the batch).
    spare = not any(outgoing(net, j))
    holds = ends_at_permutation and check.zero_loss and (check.proved or not spare)
    status = ("loss ≠ 0 on the path" if not check.zero_loss else "proved" if check.proved
              else "NOT proved" if spare else "not proved (a_j ≠ 0), no witness of loss ≠ 0")
    detail = (f"i = {i}, j = {j}: {status}; vertices ≡ f: {list(check.vertices_equal)}, segments certified: "
              f"{list(check.certified)}, grid points ≡ f: {list(check.grid_equal)}, max loss on the batch "
              f"{_str(check.grid_loss)}" + ("" if ends_at_permutation else ", end point is NOT P(i,j)θ"))
    return Outcome(holds, detail, {"i": i, "j": j, "proved": check.proved, "zero_loss": check.zero_loss,
                                   "grid_loss": check.grid_loss, "ends_at_permutation": ends_at_permutation})


SPARE_NEURON = Hypothesis("spare-neuron", "neuron j has outgoing weight a_j = 0 (the spare neuron of §2.3)",
                          _hypothesis_safe(lambda case: not any(outgoing(case.network, _c19_neurons(case)[1]))))

_C19_FIXED = (
    two_layer_network([[1, 2], [-1, 1], [3, -1]], [1, 0, 2], [0, 1, -1]),
    two_layer_network([[1, 0], [0, 1], [1, 1]], [[1, 0], [0, 0], [2, -1]]),   # bias-free, two outputs
    two_layer_network([[1], [-1], [2]], [0, 3, -1], [1, 0, -2], 1),
)

C19 = register(Claim(
    "C19", "the three-segment path between θ and P(i,j)θ stays at zero loss",
    "if a_j = 0, the path θ → (w_j := w_i) → (a_i, a_j) := (a_j, a_i) → (w_i := old w_j) ends at P(i,j)θ and every "
    "point of it computes f_θ exactly (THEORY §2.3, C19). Proof checked per case: the four vertices ≡ f_θ on R^d "
    "(exact region comparison) and each segment moves only outgoing weights or the incoming weights of neurons "
    "whose outgoing weight stays 0, so f is affine in t along it; plus midpoints and a t-grid on the batch",
    _c19,
    default=Range(((1, 2, 1),), (-1, 1), batches=(BATCH_3,), networks=_C19_FIXED[:1]),
    thorough=Range(((1, 2, 1), (2, 2, 1)), (-1, 1), batches=(BATCH_3, BATCH_2D), networks=_C19_FIXED),
    hypotheses=(SPARE_NEURON,),
    extend=_extend_c19,
))


# ----------------------------------------------------------------------------- C20


def _extend_c20(case: Case, rng: random.Random) -> Case:
    net = case.network
    if net.depth != 2:
        return case
    r, d_out = net.layers[0].n_out, net.n_outputs
    phi = _draw_mapping(rng, r, r + rng.choice((1, 1, 2)), zero_chance=0.2)
    fractions, shifts = _draw_splits(rng, phi, d_out, shift_chance=0.7)
    residual = tuple(rng.choice((-2, -1, 1, 2)) for _ in range(3))
    return Case(net, case.inputs, case.extras + (("mapping", tuple(phi)), ("fractions", fractions),
                                                  ("shifts", shifts), ("residual", residual)))


def _c20(case: Case) -> Outcome:
    net, batch = case.network, case.inputs
    if not batch:
        raise Skip("empty batch")
    phi, splits = _case_splits(case)
    if set(range(1, net.layers[0].n_out + 1)) - set(phi):
        raise Skip("the mapping is not onto the teacher")
    targets, residual = critical_targets(net, batch, case.extra("residual") or (1,))
    teacher_grad = loss_gradient(net, batch, targets)
    if any(teacher_grad):
        return Outcome(False, "construction error: θ_r is not critical", {"teacher_gradient": teacher_grad})
    student = expansion(net, phi, splits)
    grad = loss_gradient(student, batch, targets)
    loss_r, loss_m = squared_loss(net, batch, targets), squared_loss(student, batch, targets)
    names = student.parameter_names()
    nonzero = {n: _str(g) for n, g in zip(names, grad) if g}
    detail = (f"φ = {phi}, outgoing {[[_str(v) for v in a] for a in splits]}, loss {_str(loss_r)}: "
              + ("gradient exactly 0" if not nonzero else "gradient ≠ 0 at " + ", ".join(f"{n} = {g}"
                                                                                      for n, g in nonzero.items())))
    return Outcome(not nonzero and loss_r == loss_m, detail,
                   {"mapping": phi, "loss": loss_r, "student_loss": loss_m, "nonzero_gradient": nonzero,
                    "residual": tuple(_str(v) for v in residual)})


def _replicated_nonzero(case: Case) -> bool:
    phi, _ = _case_splits(case)
    return all(any(outgoing(case.network, i - 1)) for i in set(phi) - {0} if phi.count(i) >= 2)


def _parallel_splits(case: Case) -> bool:
    phi, splits = _case_splits(case)
    for i, a in zip(phi, splits):
        if i:
            ai = outgoing(case.network, i - 1)
            if any(ai) and any(a[k] * ai[l] != a[l] * ai[k] for k in range(len(a)) for l in range(len(a))):
                return False
    return True


NONZERO_OUTGOING = Hypothesis(
    "nonzero-outgoing", "every replicated teacher neuron (≥ 2 copies) has a_i ≠ 0", _hypothesis_safe(_replicated_nonzero))
PARALLEL_SPLIT = Hypothesis(
    "parallel-split", "each copy's outgoing weight is a multiple of its teacher's a_i when a_i ≠ 0 (automatic for "
    "one output; THEORY's division by a_φ(j) needs it)", _hypothesis_safe(_parallel_splits))

_C20_FIXED = (
    two_layer_network([[1], [-1]], [1, 0], [0, 1], 1),   # a_1 = 0: with 3 samples a positive-loss critical point
    two_layer_network([[1, 1], [1, -1]], [0, 2]),        # bias-free, 2-D (THEORY's setting): a_0 = 0
    two_layer_network([[1], [-1]], [[1, 0], [0, 1]], [0, 1]),
)

C20 = register(Claim(
    "C20", "replicating a critical point keeps it critical",
    "if θ_r is a critical point of L = ½ Σ_x ‖f(x) − y‖² (here with positive loss: y = f_θr(x) − E, Jᵀ E = 0) and "
    "a_i ≠ 0 for every replicated neuron, every point of a replication subspace (copies of w_i, outgoing weights "
    "s_j a_i summing to a_i; zero neurons (0, 0) allowed) has gradient exactly 0 (THEORY §2.4, C20). Needs "
    "a_i ≠ 0 (split 0 = (+t) + (−t): ∂L/∂w_j = ±t Σ δ relu'(·)(x, 1) ≠ 0) and, for several outputs, splits "
    "parallel to a_i",
    _c20,
    default=Range(((1, 1, 1), (2, 1, 1), (1, 1, 2)), (-1, 1), batches=(BATCH_3, BATCH_2D), networks=_C20_FIXED),
    thorough=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1), (1, 1, 2), (2, 1, 2)), (-1, 1),
                   batches=(BATCH_3, BATCH_4, BATCH_7, BATCH_2D, BATCH_2D_6), networks=_C20_FIXED),
    hypotheses=(NO_BOUNDARY_SAMPLE, NONZERO_OUTGOING, PARALLEL_SPLIT),
    extend=_extend_c20,
))


# ----------------------------------------------------------------------------- C21


C21_BRUTE_LIMIT = 20_000  # brute-force G when the number of maps is at most this (C17 does the big ones)


def _c21(case: Case) -> Outcome:
    r, h = _pair(case, ("r_star", "h"))
    if r < 2:
        raise Skip("needs r* ≥ 2 (G(r* − 1, ·) with r* − 1 ≥ 1)")
    m, g = r + h, r - 1
    problems = []
    if G_A(g, m) != G_A_inclusion_exclusion(g, m):
        problems.append("G_A: r! S(m, r) ≠ inclusion–exclusion")
    if G_B(g, m) != T(g, m):
        problems.append("G_B ≠ T formula")
    if g ** m <= C21_BRUTE_LIMIT and G_A_bruteforce(g, m) != G_A(g, m):
        problems.append("G_A ≠ brute force")
    if (g + 1) ** m <= C21_BRUTE_LIMIT and G_B_bruteforce(g, m) != G_B(g, m):
        problems.append("G_B ≠ brute force")
    ra, rb = ratio("G_A", r, h), ratio("G_B", r, h)
    if h == 1 and ra != Fraction((r - 1) * (3 * r - 2), 12 * (r + 2)):
        problems.append(f"h = 1: ratio_A {ra} ≠ (r*−1)(3r*−2)/(12(r*+2))")
    if h == 1 and rb != Fraction(3 * r + 1, 12):
        problems.append(f"h = 1: ratio_B {rb} ≠ (3r*+1)/12")
    if h == 0 and ra != Fraction(r - 1, 2):
        problems.append(f"h = 0: ratio_A {ra} ≠ (r*−1)/2")
    # (A4) on the table: the ratios grow with r* (G dominates for large r*) and shrink with h (T dominates).
    for kind, value in (("G_A", ra), ("G_B", rb)):
        if not ratio(kind, r + 1, h) > value:
            problems.append(f"{kind}: ratio does not grow from r* = {r} to {r + 1}")
        if not ratio(kind, r, h + 1) < value:
            problems.append(f"{kind}: ratio does not shrink from h = {h} to {h + 1}")
    # rates (Bonferroni): G_A(r*−1, m) ≤ (r*−1)^m, G_B(r*−1, m) ≤ r*^m, T(r*, m) ≥ (r*+1)^m − r*·r*^m
    if not (G_A(g, m) <= g ** m and G_B(g, m) <= r ** m and T(r, m) >= (r + 1) ** m - r * r ** m):
        problems.append("a Bonferroni bound fails")
    detail = f"r* = {r}, h = {h}: G_A/T = {ra} ≈ {float(ra):.4g}, G_B/T = {rb} ≈ {float(rb):.4g}"  # float-ok: display only
    return Outcome(not problems, detail + ("; " + "; ".join(problems) if problems else ""),
                   {"r_star": r, "h": h, "ratio_A": ra, "ratio_B": rb, "G_A": G_A(g, m), "G_B": G_B(g, m),
                    "T": T(r, m)})


C21 = register(Claim(
    "C21", "G formulas and the (A4) ratio asymptotics",
    "G_A(r,m) = r! S(m,r) = Σ_j (−1)^j C(r,j)(r−j)^m = #surjections; G_B = T formula = brute force; "
    "ratio G(r*−1, r*+h)/T(r*, r*+h): = (r*−1)(3r*−2)/(12(r*+2)) (A, h = 1), (3r*+1)/12 (B, h = 1), (r*−1)/2 "
    "(A, h = 0); increasing in r* (→ ∞, symmetry-induced critical subspaces dominate for small h) and decreasing "
    "in h (→ 0 at rates ((r*−1)/(r*+1))^m, (r*/(r*+1))^m: T dominates for h ≫ r*) on the table (THEORY §2.4, C21). "
    "Cases: dummy networks x ↦ r*·x + h carry (r*, h)",
    _c21,
    default=_pairs_range([(r, h) for r in range(2, 11) for h in range(7)]),
    thorough=_pairs_range([(r, h) for r in range(2, 31) for h in range(21)]),
    extend=_extend_pair(("r_star", "h")),
))
