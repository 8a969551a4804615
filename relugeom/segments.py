"""Segment geometry: the exact restriction of a network to a segment ``[x, x']``, the jumps of the input
gradient at its breakpoints (after Kubo et al., arXiv:1903.01997) and relugeom's own measures of how far ``f``
is from affine along it (docs/theory.md §2.7).

Along ``γ(t) = x + t u``, ``u = x' − x``, ``t ∈ [0, 1]``, every pre-activation is piecewise affine in ``t``;
the restriction cuts ``[0, 1]`` at the **breakpoints**: the ``t ∈ (0, 1)`` where the activation pattern
(``1[z > 0]``) just left of ``t`` differs from the one just right of ``t``. Between two breakpoints the
pattern is constant at *every* point (a pre-activation can only touch 0 without changing sign, or start or
stop being ``≡ 0``, where a neuron of an earlier layer switches, i.e. at a breakpoint), so
``f(γ(t)) = offset + t·slope`` on each piece. A breakpoint need not be a kink of ``f∘γ`` (``kinks``).

**The gradient jumps** (``gradient_jumps``) are the quantities the paper's measures are statistics of, as
secondary sources describe them (the paper's full definitions were not available): the jump
``J_k = A_{k+1} − A_k`` of the input gradient at each breakpoint ``t_k``, seen as the steps of a random walk
``S_k = J_1 + … + J_k``, with exact statistics (mean, mean ``‖J_k‖²``, deviation², the sum ``Σ_k J_k``, which
telescopes to ``A_last − A_first``). relugeom does not claim to reproduce the paper's normalisations.

**The measures below are this project's own definitions** (docs/theory.md §2.7), *not* the paper's.
With ``g_k = slope`` on piece ``k`` (``= A_k u``, the directional derivative) and the secant slope
``s = f(x') − f(x)``:

* ``gradient_gap_deviation_sq`` ``GGD² = Σ_k (t_{k+1} − t_k) ‖g_k − s‖² = ∫_0^1 ‖g(t) − s‖² dt``;
  ``= 0`` iff ``f∘γ`` is affine; symmetric in ``(x, x')``.
* ``deflection`` ``GD = (g_last − g_first) / ‖u‖²`` (one value per output): the theory's
  ``(∇f(x') − ∇f(x))·u / ‖u‖²`` with the gradients taken *inside the segment* (the pieces at the ends, so it
  is defined when an endpoint lies on a boundary). Symmetric; ``0`` when ``f∘γ`` is affine, but ``0`` does
  not imply affine (the tent ``relu(x) − relu(x − 1)`` on ``[−1, 2]`` has ``GD = 0``); of either sign.
* ``endpoint_gradient_gap_sq`` ``‖A_last − A_first‖²`` (Frobenius; the full input gradients at the ends,
  taken inside the segment). ``0`` when the segment meets one activation region only; neither ``0`` iff affine
  nor the converse: the tent has ``0``, and ``relu(x_1) − relu(x_2)`` on ``(−1,−1) → (1,1)`` (``f∘γ ≡ 0``)
  has ``2``.
* ``max_chord_deviation_sq`` ``max_t ‖f(γ(t)) − ℓ(t)‖²`` with the chord ``ℓ(t) = f(x) + t s``, attained at a
  breakpoint (``‖·‖²`` is convex on each piece), and ``max_chord_deviation`` its ℓ∞ version
  ``max_t max_j |f_j(γ(t)) − ℓ_j(t)|`` (the square root of the former for one output). ``= 0`` iff
  ``f∘γ`` is affine; symmetric.

Every measure depends only on ``f`` along the segment and the affine maps of the patterns met, so it is
invariant under neuron permutations and positive rescalings. **Derived bound** (proved here, checked by
``segments.chord-bound``): ``d(t) = f(γ(t)) − ℓ(t) = ∫_0^t (g − s) = −∫_t^1 (g − s)``, so by Cauchy–Schwarz
``d_j(t)² ≤ min(t A_j, (1 − t) B_j) ≤ (1 − t)·t A_j + t·(1 − t) B_j = t(1 − t) GGD_j²`` with
``A_j = ∫_0^t (g_j − s_j)²``, ``B_j = ∫_t^1 (g_j − s_j)²``, ``A_j + B_j = GGD_j²``:
``‖d(t)‖² ≤ t(1 − t) GGD² ≤ GGD²/4``, with equality for ``|x|`` on ``[−1, 1]`` at ``t = 1/2``.

>>> from relugeom.network import ReLUNetwork
>>> absx = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [0])])        # |x|
>>> r = restrict_to_segment(absx, [-1], [1])
>>> r.breakpoints, [p.slope for p in r.pieces]
((Fraction(1, 2),), [(Fraction(-2, 1),), (Fraction(2, 1),)])
>>> m = segment_measures(r)
>>> m.gradient_gap_deviation_sq, m.deflection, m.max_chord_deviation, m.endpoint_gradient_gap_sq
(Fraction(4, 1), (Fraction(1, 1),), Fraction(1, 1), Fraction(4, 1))

The claims on these measures are in ``proofs_checks/segments.py`` (docs/theory.md §3.9).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from .errors import InputError
from .exact.rational import format_rational, to_rational_vector
from .network import Matrix, Pattern, ReLUNetwork, Vector

__all__ = ["SegmentPiece", "SegmentRestriction", "SegmentMeasures", "GradientJumps", "restrict_to_segment",
           "segment_measures", "gradient_jumps", "gradient_gap_deviation_sq", "deflection", "endpoint_gradient_gap_sq",
           "chord_deviations", "format_vector", "norm_sq", "frobenius_sq",
           "sqrt_display"]


def format_vector(v: Sequence[Fraction]) -> list:
    return [format_rational(q) for q in v]


def _affine_at(offset: Sequence[Fraction], slope: Sequence[Fraction], t: Fraction) -> Vector:
    return tuple(a + t * b for a, b in zip(offset, slope))


def norm_sq(v: Sequence[Fraction]) -> Fraction:
    return sum((q * q for q in v), Fraction(0))


# ------------------------------------------------------------------------------ restriction


@dataclass(frozen=True)
class SegmentPiece:
    """One piece ``[start, end]`` of the segment (in ``t``) on which the activation pattern is ``pattern``.

    ``f(γ(t)) = offset + t·slope`` there; ``value_start``/``value_end`` are ``f`` at the piece's ends;
    ``slope = A u`` is the directional derivative ``g_k``; ``gradient`` is ``A`` of
    ``net.affine_map(pattern)`` (one row per output: the input gradient ``∇_x f`` when ``n_L = 1``).
    If the segment runs inside a neuron's zero set (its pre-activation ``≡ 0`` along the piece, but not
    ``≡ 0`` near it: ``∇_x z ≠ 0``) the bit is 0 and ``gradient`` is that of the frozen pattern, one of the
    one-sided gradients: ``f`` is not differentiable in ``x`` there, though ``f∘γ`` is still
    ``offset + t·slope``. Such neurons ``(layer, i)`` are listed in ``in_zero_set`` (JSON ``in_zero_set``).
    """

    start: Fraction
    end: Fraction
    pattern: Pattern
    offset: Vector
    slope: Vector
    gradient: Matrix
    value_start: Vector
    value_end: Vector
    in_zero_set: tuple[tuple[int, int], ...] = ()

    @property
    def length(self) -> Fraction:
        return self.end - self.start

    @property
    def midpoint(self) -> Fraction:
        return (self.start + self.end) / 2

    def value_at(self, t: object) -> Vector:
        """``f(γ(t))`` by this piece's affine map (exact for ``start ≤ t ≤ end``)."""
        return _affine_at(self.offset, self.slope, Fraction(t))

    def to_dict(self) -> dict:
        return {"start": format_rational(self.start), "end": format_rational(self.end),
                "pattern": [list(layer) for layer in self.pattern],
                "value_start": format_vector(self.value_start), "value_end": format_vector(self.value_end),
                "offset": format_vector(self.offset), "slope": format_vector(self.slope),
                "gradient": [format_vector(row) for row in self.gradient],
                "in_zero_set": [list(n) for n in self.in_zero_set]}


@dataclass(frozen=True)
class SegmentRestriction:
    """``f`` restricted to ``γ(t) = x + t (x' − x)``, ``t ∈ [0, 1]``: breakpoints and affine pieces.

    ``pieces[k]`` runs from ``([0] + breakpoints)[k]`` to ``(breakpoints + [1])[k]``; consecutive pieces
    have different patterns. ``kinks`` are the breakpoints where the slope of ``f∘γ`` changes.

    >>> from relugeom.network import ReLUNetwork
    >>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [-1]), ([[1]], [0])])   # z2 = relu(x) − 1
    >>> r = restrict_to_segment(net, [-1], [3])
    >>> r.breakpoints, r.value_at("3/4"), r.point_at("3/4")
    ((Fraction(1, 4), Fraction(1, 2)), (Fraction(1, 1),), (Fraction(2, 1),))
    """

    x: Vector
    x_prime: Vector
    breakpoints: tuple[Fraction, ...]
    pieces: tuple[SegmentPiece, ...]
    start_boundary: tuple[int, int] | None = None  # a neuron (layer, i) with x on its boundary (f may kink at x)
    end_boundary: tuple[int, int] | None = None  # the same at x'

    @property
    def direction(self) -> Vector:
        """``u = x' − x``."""
        return tuple(b - a for a, b in zip(self.x, self.x_prime))

    @property
    def n_outputs(self) -> int:
        return len(self.pieces[0].slope)

    @property
    def kinks(self) -> tuple[Fraction, ...]:
        """Breakpoints where ``f∘γ`` is not affine (the slopes on both sides differ)."""
        return tuple(a.end for a, b in pairwise(self.pieces) if a.slope != b.slope)

    @property
    def is_affine(self) -> bool:
        """Is ``f∘γ`` affine on ``[0, 1]`` (no kink)?"""
        return not self.kinks

    @property
    def value_start(self) -> Vector:
        """``f(x)``."""
        return self.pieces[0].value_start

    @property
    def value_end(self) -> Vector:
        """``f(x')``."""
        return self.pieces[-1].value_end

    def point_at(self, t: object) -> Vector:
        """``γ(t) = x + t u``."""
        t = Fraction(t)
        return tuple(a + t * (b - a) for a, b in zip(self.x, self.x_prime))

    def piece_at(self, t: object) -> SegmentPiece:
        """The piece containing ``t`` (the left one at a breakpoint)."""
        t = Fraction(t)
        if not 0 <= t <= 1:
            raise InputError(f"t = {t} is outside [0, 1]")
        return next(p for p in self.pieces if t <= p.end)

    def value_at(self, t: object) -> Vector:
        """``f(γ(t))`` exactly, for ``0 ≤ t ≤ 1``."""
        return self.piece_at(t).value_at(t)

    def to_dict(self) -> dict:
        return {"from": format_vector(self.x), "to": format_vector(self.x_prime), "direction": format_vector(self.direction),
                "breakpoints": format_vector(self.breakpoints),
                "breakpoint_points": [format_vector(self.point_at(t)) for t in self.breakpoints],
                "kinks": format_vector(self.kinks), "pieces": [p.to_dict() for p in self.pieces],
                "endpoint_on_boundary": {"from": list(self.start_boundary) if self.start_boundary else None,
                                         "to": list(self.end_boundary) if self.end_boundary else None}}


def _split_points(za: Sequence[int], zb: Sequence[int], lo: Fraction, hi: Fraction) -> list[Fraction]:
    """The zeros strictly inside ``(lo, hi)`` of the affine functions ``za_i + t zb_i`` that are not ``≡ 0``."""
    roots = {Fraction(-a, b) for a, b in zip(za, zb) if b}
    return sorted(r for r in roots if lo < r < hi)


def _dot(row: Sequence[int], v: Sequence[int]) -> int:
    return sum(w * e for w, e in zip(row, v) if w and e)


def _frozen_gradient(net: ReLUNetwork, pattern: Pattern) -> Matrix:
    """``A`` of ``net.affine_map(pattern)``, on integers (``q_1 … q_l`` times the true partial products)."""
    n0 = net.n_inputs
    cols = [[int(i == j) for j in range(n0)] for i in range(n0)]  # rows of the current Jacobian
    scale = 1
    for k, (weight, _, q) in enumerate(net.integer_layers):
        mask = pattern[k] if k < net.depth - 1 else (1,) * len(weight)
        cols = [[_dot(row, col) for col in zip(*cols)] if on else [0] * n0 for row, on in zip(weight, mask)]
        scale *= q
    return tuple(tuple(Fraction(v, scale) for v in row) for row in cols)


def restrict_to_segment(net: ReLUNetwork, x: Sequence[object], x_prime: Sequence[object]) -> SegmentRestriction:
    """The exact restriction of ``net`` to the segment ``[x, x']`` (``x ≠ x'``), walked layer by layer.

    On each current interval every ``h^{l−1}(t)`` is affine, ``z^l = W^l h^{l−1} + b^l`` too; the interval is
    cut at the zeros of the ``z^l_i`` that are not identically 0 (each is a sign change, hence a pattern
    change), and ``relu`` keeps or zeroes ``z^l_i`` by its sign at the sub-interval's midpoint. Runs on
    integers: with ``d`` the denominator of ``(x, u)`` and ``q_l`` the layer denominators
    (``net.integer_layers``), ``d q_1 … q_l z^l(t)`` has integer offset and slope.

    >>> from relugeom.network import ReLUNetwork
    >>> net = ReLUNetwork.from_arrays([([[1, 0], [0, 1]], [0, 0]), ([[1, -1]], [0])])  # relu(x1) − relu(x2)
    >>> r = restrict_to_segment(net, [-1, -1], [1, 1])
    >>> r.breakpoints, r.kinks, [p.pattern for p in r.pieces]
    ((Fraction(1, 2),), (), [((0, 0),), ((1, 1),)])
    """
    a0 = to_rational_vector(x, "x", net.n_inputs)
    a1 = to_rational_vector(x_prime, "x'", net.n_inputs)
    if a0 == a1:
        raise InputError(f"the segment is a single point x = x' = [{', '.join(map(str, a0))}]: give x ≠ x'")
    u = tuple(b - a for a, b in zip(a0, a1))
    scale = math.lcm(*(v.denominator for v in a0 + u))
    # intervals (lo, hi, offset, slope, pattern so far): scale·h(t) = offset + t·slope (integers) on [lo, hi]
    current: list[tuple[Fraction, Fraction, list[int], list[int], Pattern, frozenset]] = [
        (Fraction(0), Fraction(1), [int(v * scale) for v in a0], [int(v * scale) for v in u], (), frozenset())]
    last = net.depth - 1
    for k, (weight, bias, q) in enumerate(net.integer_layers):
        nxt = []
        for lo, hi, off, slo, pat, zero in current:
            za = [_dot(row, off) + scale * b for row, b in zip(weight, bias)]
            zb = [_dot(row, slo) for row in weight]
            if k == last:
                nxt.append((lo, hi, za, zb, pat, zero))
                continue
            flat = zero | {(k + 1, i) for i, (a, b) in enumerate(zip(za, zb)) if a == 0 and b == 0}  # z ≡ 0 along
            for s, e in pairwise([lo, *_split_points(za, zb, lo, hi), hi]):
                mid = s + e  # the sign of z at (s + e)/2, with the midpoint's denominator cleared
                num, den = mid.numerator, 2 * mid.denominator
                bits = tuple(int(a * den + num * b > 0) for a, b in zip(za, zb))
                nxt.append((s, e, [a if on else 0 for a, on in zip(za, bits)],
                            [b if on else 0 for b, on in zip(zb, bits)], pat + (bits,), flat))
        current = nxt
        scale *= q
    merged: list[list] = []
    for lo, hi, off, slo, pat, zero in current:  # safety: equal neighbouring patterns (never produced) are one piece
        if merged and merged[-1][4] == pat:
            merged[-1][1] = hi
            merged[-1][5] |= zero
        else:
            merged.append([lo, hi, off, slo, pat, zero])
    def at(off: list[int], slo: list[int], t: Fraction) -> Vector:
        num, den = t.numerator, t.denominator
        return tuple(Fraction(a * den + num * b, scale * den) for a, b in zip(off, slo))

    pieces = []
    for lo, hi, off, slo, pat, zero in merged:
        pieces.append(SegmentPiece(lo, hi, pat, tuple(Fraction(v, scale) for v in off),
                                   tuple(Fraction(v, scale) for v in slo), _frozen_gradient(net, pat),
                                   at(off, slo, lo), at(off, slo, hi), _kink_neurons(net, pat, zero)))
    return SegmentRestriction(a0, a1, tuple(p.start for p in pieces[1:]), tuple(pieces),
                              _boundary_at(net, a0), _boundary_at(net, a1))


def _kink_neurons(net: ReLUNetwork, pattern: Pattern, zero: frozenset) -> tuple[tuple[int, int], ...]:
    """Of the neurons ``≡ 0`` along a piece, those whose pre-activation has a nonzero x-gradient under the
    piece's (frozen) pattern: the piece lies in their zero set, a kink set of ``f``."""
    if not zero:
        return ()
    n0 = net.n_inputs
    rows = [[int(i == j) for j in range(n0)] for i in range(n0)]  # gradient of h^{l-1} (scaled by q_1 … q_l)
    out = []
    for k, (weight, _, _) in enumerate(net.integer_layers[:-1]):
        grad = [[_dot(row, col) for col in zip(*rows)] for row in weight]
        out += [(k + 1, i) for i, g in enumerate(grad) if (k + 1, i) in zero and any(g)]
        rows = [g if on else [0] * n0 for g, on in zip(grad, pattern[k])]
    return tuple(out)


def _boundary_at(net: ReLUNetwork, x: Vector) -> tuple[int, int] | None:
    """The first neuron with x on its boundary (pre-activation 0 at x, not ``≡ 0`` near x), if any."""
    if not any(0 in signs for signs in net.sign_vector_at(x)):
        return None
    return net._zeros_near(x)[1]


# ------------------------------------------------------------------------------ measures


def gradient_gap_deviation_sq(r: SegmentRestriction) -> Fraction:
    """``GGD² = Σ_k (t_{k+1} − t_k) ‖g_k − s‖²`` (project definition, docs/theory.md §2.7): 0 iff ``f∘γ`` is affine.

    >>> from relugeom.network import ReLUNetwork
    >>> tent = ReLUNetwork.from_arrays([([[1], [1]], [0, -1]), ([[1, -1]], [0])])     # relu(x) − relu(x − 1)
    >>> gradient_gap_deviation_sq(restrict_to_segment(tent, [-1], [2]))
    Fraction(2, 1)
    """
    s = tuple(b - a for a, b in zip(r.value_start, r.value_end))
    # on integers: g_k, s over one denominator D, the lengths over one denominator T
    d = math.lcm(*(q.denominator for q in s), *(q.denominator for p in r.pieces for q in p.slope))
    t = math.lcm(*(p.length.denominator for p in r.pieces))
    big_s = [int(q * d) for q in s]
    total = 0
    for p in r.pieces:
        gap = [(g.numerator * (d // g.denominator)) - c for g, c in zip(p.slope, big_s)]
        total += p.length.numerator * (t // p.length.denominator) * sum(v * v for v in gap)
    return Fraction(total, t * d * d)


def deflection(r: SegmentRestriction) -> Vector:
    """``GD = (g_last − g_first) / ‖u‖²`` per output (project definition; the theory's ``(∇f(x') − ∇f(x))·u/‖u‖²``
    with the gradients of the end pieces). 0 if ``f∘γ`` is affine, but 0 also for the tent:

    >>> from relugeom.network import ReLUNetwork
    >>> tent = ReLUNetwork.from_arrays([([[1], [1]], [0, -1]), ([[1, -1]], [0])])
    >>> deflection(restrict_to_segment(tent, [-1], [2])), deflection(restrict_to_segment(tent, [-1], ["1/2"]))
    ((Fraction(0, 1),), (Fraction(2, 3),))
    """
    uu = norm_sq(r.direction)
    return tuple((b - a) / uu for a, b in zip(r.pieces[0].slope, r.pieces[-1].slope))


def endpoint_gradient_gap_sq(r: SegmentRestriction) -> Fraction:
    """``‖A_last − A_first‖²`` (Frobenius; the input gradients of the end pieces). Not 0 iff non-affine:

    >>> from relugeom.network import ReLUNetwork
    >>> diag = ReLUNetwork.from_arrays([([[1, 0], [0, 1]], [0, 0]), ([[1, -1]], [0])])
    >>> endpoint_gradient_gap_sq(restrict_to_segment(diag, [-1, -1], [1, 1]))   # f∘γ ≡ 0
    Fraction(2, 1)
    """
    first, last = r.pieces[0].gradient, r.pieces[-1].gradient
    return sum((norm_sq([b - a for a, b in zip(ra, rb)]) for ra, rb in zip(first, last)), Fraction(0))


def chord_deviations(r: SegmentRestriction) -> tuple[tuple[Fraction, Vector], ...]:
    """``(t_k, f(γ(t_k)) − ℓ(t_k))`` at every breakpoint, ``ℓ(t) = f(x) + t (f(x') − f(x))`` the chord.

    >>> from relugeom.network import ReLUNetwork
    >>> absx = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [0])])
    >>> chord_deviations(restrict_to_segment(absx, [-1], [3]))
    ((Fraction(1, 4), (Fraction(-3, 2),)),)
    """
    f0, f1 = r.value_start, r.value_end
    return tuple((p.start, tuple(v - a - p.start * (b - a) for v, a, b in zip(p.value_start, f0, f1)))
                 for p in r.pieces[1:])


@dataclass(frozen=True)
class SegmentMeasures:
    """The segment measures (project definitions, docs/theory.md §2.7; see the module docstring).

    ``max_chord_deviation_at`` is the smallest ``t`` where ``max_chord_deviation_sq`` is attained (``None``
    when it is 0).
    """

    secant_slope: Vector
    direction_norm_sq: Fraction
    gradient_gap_deviation_sq: Fraction
    deflection: Vector
    endpoint_gradient_gap_sq: Fraction
    max_chord_deviation_sq: Fraction
    max_chord_deviation: Fraction
    max_chord_deviation_at: Fraction | None
    is_affine: bool

    def to_dict(self) -> dict:
        at = self.max_chord_deviation_at
        return {"secant_slope": format_vector(self.secant_slope),
                "direction_norm_sq": format_rational(self.direction_norm_sq),
                "gradient_gap_deviation_sq": format_rational(self.gradient_gap_deviation_sq),
                "deflection": format_vector(self.deflection),
                "endpoint_gradient_gap_sq": format_rational(self.endpoint_gradient_gap_sq),
                "max_chord_deviation_sq": format_rational(self.max_chord_deviation_sq),
                "max_chord_deviation": format_rational(self.max_chord_deviation),
                "max_chord_deviation_at": None if at is None else format_rational(at),
                "is_affine": self.is_affine}


def segment_measures(r: SegmentRestriction) -> SegmentMeasures:
    """All measures of a restriction.

    >>> from relugeom.network import ReLUNetwork
    >>> tent = ReLUNetwork.from_arrays([([[1], [1]], [0, -1]), ([[1, -1]], [0])])
    >>> m = segment_measures(restrict_to_segment(tent, [-1], [2]))
    >>> m.max_chord_deviation, m.max_chord_deviation_at, m.is_affine
    (Fraction(1, 3), Fraction(1, 3), False)
    """
    devs = chord_deviations(r)
    best_sq, best_abs, best_at = Fraction(0), Fraction(0), None
    for t, d in devs:
        sq = norm_sq(d)
        if sq > best_sq:
            best_sq, best_at = sq, t
        best_abs = max([best_abs, *map(abs, d)])
    return SegmentMeasures(
        secant_slope=tuple(b - a for a, b in zip(r.value_start, r.value_end)),
        direction_norm_sq=norm_sq(r.direction),
        gradient_gap_deviation_sq=gradient_gap_deviation_sq(r),
        deflection=deflection(r),
        endpoint_gradient_gap_sq=endpoint_gradient_gap_sq(r),
        max_chord_deviation_sq=best_sq, max_chord_deviation=best_abs, max_chord_deviation_at=best_at,
        is_affine=r.is_affine)


# ------------------------------------------------------------------------------ gradient jumps


def _matrix_add(a: Matrix, b: Matrix, sign: int = 1) -> Matrix:
    """``a + sign·b`` entrywise."""
    return tuple(tuple(v + sign * w for v, w in zip(ra, rb)) for ra, rb in zip(a, b))


def frobenius_sq(m: Matrix) -> Fraction:
    return sum((norm_sq(row) for row in m), Fraction(0))


def sqrt_display(q: Fraction | None) -> str:
    """``"= r"`` if ``q = r²`` with ``r`` rational, else ``"≈ 1.414…"`` (display text only); ``""`` for ``None``."""
    if q is None:
        return ""
    n, d = math.isqrt(q.numerator), math.isqrt(q.denominator)
    if n * n == q.numerator and d * d == q.denominator:
        return f"= {format_rational(Fraction(n, d))}"
    return f"≈ {math.sqrt(float(q)):.6g}"  # float-ok: display only, the exact value is q


@dataclass(frozen=True)
class GradientJumps:
    """The jumps of the input gradient at the breakpoints of a segment (after Kubo et al., arXiv:1903.01997,
    as described by secondary sources; docs/theory.md §2.7), and their exact statistics.

    ``jumps[k] = J_k = A_{k+1} − A_k`` (``n_L × d``: the gradients of the pieces right and left of
    ``breakpoints[k]``), ``directional_jumps[k] = g_{k+1} − g_k = J_k u`` (per output; 0 at a breakpoint that
    is not a kink, where ``J_k`` may still be ≠ 0), ``partial_sums[k] = S_k = J_1 + … + J_k`` (the random walk,
    ``= A_{k+1} − A_first``), ``accumulated = Σ_k J_k = A_last − A_first`` (the zero matrix without breakpoint).
    Over the ``count`` jumps: ``mean`` ``M = Σ_k J_k / count``, ``mean_norm_sq`` the mean of ``‖J_k‖²``
    (Frobenius) and ``deviation_sq`` the mean of ``‖J_k − M‖²`` (``= mean_norm_sq − ‖M‖²``; its square root,
    the deviation, is not rational in general). The three are ``None`` when there is no breakpoint.
    """

    breakpoints: tuple[Fraction, ...]
    jumps: tuple[Matrix, ...]
    directional_jumps: tuple[Vector, ...]
    partial_sums: tuple[Matrix, ...]
    accumulated: Matrix
    directional_accumulated: Vector
    mean: Matrix | None
    mean_norm_sq: Fraction | None
    deviation_sq: Fraction | None

    @property
    def count(self) -> int:
        return len(self.jumps)

    def deviation_display(self) -> str:
        """The deviation ``sqrt(deviation_sq)`` as display text: exact when rational, else ``≈`` a float."""
        return sqrt_display(self.deviation_sq)

    def to_dict(self) -> dict:
        def mat(m: Matrix | None) -> list | None:
            return None if m is None else [format_vector(row) for row in m]

        def rat(q: Fraction | None) -> object:
            return None if q is None else format_rational(q)

        return {"count": self.count, "breakpoints": format_vector(self.breakpoints),
                "jumps": [mat(j) for j in self.jumps],
                "directional_jumps": [format_vector(g) for g in self.directional_jumps],
                "mean": mat(self.mean), "mean_norm_sq": rat(self.mean_norm_sq), "deviation_sq": rat(self.deviation_sq),
                "accumulated": mat(self.accumulated), "directional_accumulated": format_vector(self.directional_accumulated),
                "partial_sums": [mat(m) for m in self.partial_sums]}


def gradient_jumps(r: SegmentRestriction) -> GradientJumps:
    """The jumps ``J_k = A_{k+1} − A_k`` of the input gradient at the breakpoints and their statistics.

    >>> from relugeom.network import ReLUNetwork
    >>> absx = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [0])])        # |x|
    >>> j = gradient_jumps(restrict_to_segment(absx, [-1], [1]))
    >>> j.breakpoints, j.jumps, j.directional_jumps                    # ∇f: −1 → +1 at x = 0, df/dt: −2 → 2
    ((Fraction(1, 2),), (((Fraction(2, 1),),),), ((Fraction(4, 1),),))
    >>> j.mean, j.mean_norm_sq, j.deviation_sq, j.accumulated
    (((Fraction(2, 1),),), Fraction(4, 1), Fraction(0, 1), ((Fraction(2, 1),),))
    """
    pieces = r.pieces
    jumps = tuple(_matrix_add(b.gradient, a.gradient, -1) for a, b in pairwise(pieces))
    directional = tuple(tuple(w - v for v, w in zip(a.slope, b.slope)) for a, b in pairwise(pieces))
    first = pieces[0].gradient
    walk, partial = _matrix_add(first, first, -1), []
    for j in jumps:
        walk = _matrix_add(walk, j)
        partial.append(walk)
    total = tuple(w - v for v, w in zip(pieces[0].slope, pieces[-1].slope))
    mean = mean_sq = dev_sq = None
    if jumps:
        n = len(jumps)
        mean = tuple(tuple(v / n for v in row) for row in walk)
        mean_sq = sum((frobenius_sq(j) for j in jumps), Fraction(0)) / n
        dev_sq = sum((frobenius_sq(_matrix_add(j, mean, -1)) for j in jumps), Fraction(0)) / n
    return GradientJumps(r.breakpoints, jumps, directional, tuple(partial), walk, total, mean, mean_sq, dev_sq)
