"""The loss landscape of two-layer networks (Şimşek et al., arXiv:2105.12221; docs/theory.md §3.8), on
the constructions of :mod:`relugeom.landscape`.

* ``landscape.expansion-count`` (C17): ``T`` closed forms = brute force, special values, the pieces are distinct.
* ``landscape.expansion-pieces`` (C18): every expansion — and every positive rescaling of it — computes
  ``f_{θ_r}``; ``dim Γ_φ``.
* ``landscape.three-segment-path`` (C19): the three-segment path stays at zero loss (proved segment by
  segment) and ends at ``P(i,j)θ``.
* ``landscape.replication-critical`` (C20): replicating a critical point keeps it critical (``a_i ≠ 0``
  matters, and for vector outputs so does splitting ``a_i`` into parallel pieces).
* ``landscape.symmetry-counts`` (C21): the ``G`` formulas and the (A4) ratio asymptotics.
* ``landscape.zero-loss-beyond-pieces`` (pitfall): zero-loss students outside every piece (opposite neurons,
  ``relu(z) − relu(−z) = z``; zero, constant and cancelling duplicate neurons).

Run: ``python -m proofs_checks landscape [--thorough] [--json]``.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import random
from collections.abc import Sequence
from fractions import Fraction

from relugeom.claims import NO_BOUNDARY_SAMPLE, Case, Claim, Hypothesis, Outcome, Range, Skip, register
from relugeom.equality import same_function, two_layer_parts
from relugeom.errors import RelugeomError, ShapeError
from relugeom.exact.rational import format_rational, to_rational
from relugeom.landscape.counts import (G_A, G_B, G_A_bruteforce, G_A_inclusion_exclusion,
                                       G_B_bruteforce, T, T_bruteforce, T_stirling, expansion_maps, ratio)
from relugeom.landscape.expansions import (Vector, check_mapping, check_neuron, expansion, expansion_dimension, expansion_pieces,
                                           expansion_subspace_dimension, outgoing, rescale_neurons,
                                           split_weights, two_layer_network)
from relugeom.landscape.paths import check_path, three_segment_path
from relugeom.loss import critical_targets, loss_gradient, squared_loss
from relugeom.network import ReLUNetwork
from relugeom.symmetry import permute

ZERO = Fraction(0)

# Non-integer samples: with integer weights a first-layer pre-activation is never 0 on them.
BATCH_3 = (("-1/3",), ("2/3",), ("5/3",))
BATCH_4 = (("-5/3",), ("-2/3",), ("4/3",), ("7/3",))
BATCH_7 = (("-8/3",), ("-4/3",), ("-1/3",), ("1/3",), ("2/3",), ("5/3",), ("8/3",))
BATCH_2D = (("-7/3", "2/5"), ("2/3", "-8/5"), ("5/3", "7/5"), ("-4/3", "-3/5"), ("1/3", "6/5"))
BATCH_2D_6 = BATCH_2D + (("4/3", "-2/5"),)


def _str(q: Fraction) -> str:
    return str(format_rational(q))


def _pair_network(a: int, b: int) -> ReLUNetwork:
    """A dummy network ``x ↦ a·x + b`` carrying a pair of integers (``landscape.expansion-count``, ``landscape.symmetry-counts``)."""
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


# ----------------------------------------------------------------------------- landscape.expansion-count

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


LANDSCAPE_EXPANSION_COUNT = register(Claim(
    "landscape.expansion-count", "T(r, m): closed forms = brute-force count of the expansion maps",
    "T(r, m) = Σ_{k=r}^{m} C(m,k) r! S(k,r) = Σ_{j=0}^{r} (−1)^j C(r,j)(r+1−j)^m = #maps [m] → {0..r} onto {1..r}; "
    "T(r,r) = r!, T(r,r+1) = (r+1)!(r/2+1), T(1,2) = 3 (Fig. 4(a)); for a generic irreducible teacher the T "
    "pieces Γ_φ are pairwise distinct (docs/theory.md §2.8). Cases: dummy networks x ↦ r·x + m carry (r, m)",
    _c17,
    default=_pairs_range([(r, m) for r in range(1, 5) for m in range(1, 9)]),
    thorough=_pairs_range([(r, m) for r in range(6) for m in range(10)]),
    extend=_extend_pair(("r", "m")), aliases=("C17",)))


# ----------------------------------------------------------------------------- extras shared by landscape.expansion-pieces / landscape.replication-critical

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
        phi = check_mapping(case.extra("mapping") or (), net.layers[0].n_out)
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


# ----------------------------------------------------------------------------- landscape.expansion-pieces


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

LANDSCAPE_EXPANSION_PIECES = register(Claim(
    "landscape.expansion-pieces", "every point of an expansion piece Γ_φ (and its positive rescalings) computes f_{θ_r}",
    "for φ : [m] → {0..r} onto {1..r}, the width-m network copying teacher neuron φ(j) (outgoing weights of the "
    "copies summing to a*_i; zero-type neurons: a_j = 0, any incoming weights) computes exactly f_{θ_r} on all of "
    "R^d, and so does every rescaling w_j → λ_j w_j, a_j → a_j/λ_j with λ_j > 0 (the ReLU pieces of §2.5); "
    "dim Γ_φ = d_out(m − j − r) + d j ≥ m − r (+ j with free biases) (docs/theory.md §2.8). Decided exactly on the "
    "activation regions of f − f_{θ_r}",
    _c18,
    default=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1), (1, 1, 2)), (-1, 1), networks=_C18_FIXED),
    thorough=Range(((1, 2, 1), (2, 2, 1), (2, 1, 2), (1, 1, 2)), (-1, 1), networks=_C18_FIXED),
    hypotheses=(ONTO, POSITIVE_FACTORS),
    extend=_extend_c18, aliases=("C18",)))


# ----------------------------------------------------------------------------- landscape.three-segment-path


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
        i, j = check_neuron(net, i, "i"), check_neuron(net, j, "j")
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

LANDSCAPE_THREE_SEGMENT_PATH = register(Claim(
    "landscape.three-segment-path", "the three-segment path between θ and P(i,j)θ stays at zero loss",
    "if a_j = 0, the path θ → (w_j := w_i) → (a_i, a_j) := (a_j, a_i) → (w_i := old w_j) ends at P(i,j)θ and every "
    "point of it computes f_θ exactly (docs/theory.md §2.8). Proof checked per case: the four vertices ≡ f_θ on R^d "
    "(exact region comparison) and each segment moves only outgoing weights or the incoming weights of neurons "
    "whose outgoing weight stays 0, so f is affine in t along it; plus midpoints and a t-grid on the batch",
    _c19,
    default=Range(((1, 2, 1),), (-1, 1), batches=(BATCH_3,), networks=_C19_FIXED[:1]),
    thorough=Range(((1, 2, 1), (2, 2, 1)), (-1, 1), batches=(BATCH_3, BATCH_2D), networks=_C19_FIXED),
    hypotheses=(SPARE_NEURON,),
    extend=_extend_c19, aliases=("C19",)))


# ----------------------------------------------------------------------------- landscape.replication-critical


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
    "one output; the theory's division by a_φ(j) needs it)", _hypothesis_safe(_parallel_splits))

# Droppable here: the loss gradient takes relu'(0) = 0, so a case whose boundary neuron is identically zero
# (w = 0, b = 0) can still be evaluated (with that convention) when the hypothesis is dropped.
BOUNDARY_DROPPABLE = dataclasses.replace(NO_BOUNDARY_SAMPLE, structural="")

_C20_FIXED = (
    two_layer_network([[1], [-1]], [1, 0], [0, 1], 1),   # a_1 = 0: with 3 samples a positive-loss critical point
    two_layer_network([[1, 1], [1, -1]], [0, 2]),        # bias-free, 2-D (the theory's setting): a_0 = 0
    two_layer_network([[1], [-1]], [[1, 0], [0, 1]], [0, 1]),
)

LANDSCAPE_REPLICATION_CRITICAL = register(Claim(
    "landscape.replication-critical", "replicating a critical point keeps it critical",
    "if θ_r is a critical point of L = ½ Σ_x ‖f(x) − y‖² (here with positive loss: y = f_θr(x) − E, Jᵀ E = 0) and "
    "a_i ≠ 0 for every replicated neuron, every point of a replication subspace (copies of w_i, outgoing weights "
    "s_j a_i summing to a_i; zero neurons (0, 0) allowed) has gradient exactly 0 (docs/theory.md §2.8). Needs "
    "a_i ≠ 0 (split 0 = (+t) + (−t): ∂L/∂w_j = ±t Σ δ relu'(·)(x, 1) ≠ 0) and, for several outputs, splits "
    "parallel to a_i",
    _c20,
    default=Range(((1, 1, 1), (2, 1, 1), (1, 1, 2)), (-1, 1), batches=(BATCH_3, BATCH_2D), networks=_C20_FIXED),
    thorough=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1), (1, 1, 2), (2, 1, 2)), (-1, 1),
                   batches=(BATCH_3, BATCH_4, BATCH_7, BATCH_2D, BATCH_2D_6), networks=_C20_FIXED),
    hypotheses=(BOUNDARY_DROPPABLE, NONZERO_OUTGOING, PARALLEL_SPLIT),
    extend=_extend_c20, aliases=("C20",)))


# ----------------------------------------------------------------------------- landscape.symmetry-counts


C21_BRUTE_LIMIT = 20_000  # brute-force G when the number of maps is at most this (landscape.expansion-count does the big ones)


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


LANDSCAPE_SYMMETRY_COUNTS = register(Claim(
    "landscape.symmetry-counts", "G formulas and the (A4) ratio asymptotics",
    "G_A(r,m) = r! S(m,r) = Σ_j (−1)^j C(r,j)(r−j)^m = #surjections; G_B = T formula = brute force; "
    "ratio G(r*−1, r*+h)/T(r*, r*+h): = (r*−1)(3r*−2)/(12(r*+2)) (A, h = 1), (3r*+1)/12 (B, h = 1), (r*−1)/2 "
    "(A, h = 0); increasing in r* (→ ∞, symmetry-induced critical subspaces dominate for small h) and decreasing "
    "in h (→ 0 at rates ((r*−1)/(r*+1))^m, (r*/(r*+1))^m: T dominates for h ≫ r*) on the table (docs/theory.md §2.8). "
    "Cases: dummy networks x ↦ r*·x + h carry (r*, h)",
    _c21,
    default=_pairs_range([(r, h) for r in range(2, 11) for h in range(7)]),
    thorough=_pairs_range([(r, h) for r in range(2, 31) for h in range(21)]),
    extend=_extend_pair(("r_star", "h")), aliases=("C21",)))


# ----------------------------------------------------------------------------- landscape.zero-loss-beyond-pieces (pitfall)


def _beyond_a(t: object) -> ReLUNetwork:
    """(a) a student of relu(x) + relu(x − 1): t relu(−x) − t relu(1 − x) = t relu(x) − t relu(x − 1) − t."""
    t = to_rational(t, "t")
    return two_layer_network([[1], [1], [-1], [-1]], [1 - t, 1 + t, t, -t], [0, -1, 0, 1], t)


def _beyond_b(s: object) -> ReLUNetwork:
    """(b) bias-free, 2-D: Σ (a_i − β_i) relu(w_i·x) + β_i relu(−w_i·x) with β = s(1, 1, −1), Σ β_i w_i = 0."""
    beta = [to_rational(s, "s") * k for k in (1, 1, -1)]
    return two_layer_network([[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [-1, -1]],
                             [a - b for a, b in zip((1, 2, 3), beta)] + beta)


RELU_X = two_layer_network([[1]], [1])
BEYOND_TEACHER_A = two_layer_network([[1], [1]], [1, 1], [0, -1])
BEYOND_TEACHER_B = two_layer_network([[1, 0], [0, 1], [1, 1]], [1, 2, 3])
# (student, teacher, family); t = 0 and s = 0 lie on the pieces Γ_(1,2,0,0) and Γ_(1,2,3,0,0,0).
BEYOND_PAIRS = tuple((_beyond_a(t), BEYOND_TEACHER_A, f"(a) t = {t}") for t in ("1/2", "1", "-2", "0")) + tuple(
    (_beyond_b(s), BEYOND_TEACHER_B, f"(b) s = {s}") for s in ("1/2", "1", "0")) + (
    (two_layer_network([[1], [0]], [1, 2]), RELU_X, "zero neuron (0, 0) with readout 2"),
    (two_layer_network([[1], [0]], [1, 2], [0, 1], -2), RELU_X, "constant neuron relu(1), output bias −2"),
    (two_layer_network([[1], [1], [1]], [1, 3, -3], [0, 1, 1]), RELU_X, "cancelling copies of relu(x + 1)"),
    # a reducible teacher (two copies of relu(x)): outside irreducible-teacher, evaluated only when it is dropped
    (two_layer_network([[1], [1]], [2, 0]), two_layer_network([[1], [1]], [1, 1]), "reducible teacher 2·relu(x)"))
BEYOND_MORE = tuple((_beyond_a(t), BEYOND_TEACHER_A, f"(a) t = {t}") for t in ("-3", "-1", "-1/3", "2/3", "5/2")) + \
    tuple((_beyond_b(s), BEYOND_TEACHER_B, f"(b) s = {s}") for s in ("-2", "-1/3", "3/2"))
_BEYOND_TEACHERS = {student: (teacher, family) for student, teacher, family in BEYOND_PAIRS + BEYOND_MORE}
_PROBES = ("-5/3", "-2/3", "1/3", "4/3", "7/3")


def _extend_beyond(case: Case, rng: random.Random) -> Case:
    """The fixed pairs carry their teacher; any other one-hidden-layer 1-D scalar network is a student of relu(x)."""
    net = case.network
    teacher, family = _BEYOND_TEACHERS.get(net, (None, None))
    if teacher is None and net.depth == 2 and net.n_inputs == 1 and net.n_outputs == 1:
        teacher, family = RELU_X, "student of relu(x)"
    return case if teacher is None else Case(net, case.inputs, case.extras + (("teacher", teacher), ("family", family)))


def _teacher(case: Case) -> ReLUNetwork:
    teacher, net = case.extra("teacher"), case.network
    if not isinstance(teacher, ReLUNetwork) or teacher.depth != 2 or net.depth != 2 \
            or (teacher.n_inputs, teacher.n_outputs) != (net.n_inputs, net.n_outputs):
        raise Skip("the case carries no two-layer teacher of the student's shape")
    return teacher


def _positively_parallel(u: Sequence[Fraction], v: Sequence[Fraction]) -> bool:
    return all(p * s == q * r for (p, q), (r, s) in itertools.combinations(zip(u, v), 2)) and \
        any(p * q > 0 for p, q in zip(u, v))


def _irreducible(teacher: ReLUNetwork) -> bool:
    rows, biases, outs, _ = two_layer_parts(teacher)
    units = [tuple(w) + (b,) for w, b in zip(rows, biases)]
    return all(any(w) for w in rows) and all(any(a) for a in outs) and \
        not any(_positively_parallel(u, v) for u, v in itertools.combinations(units, 2))


def _unmatched(student: ReLUNetwork, teacher: ReLUNetwork) -> list[int]:
    """Student neurons that are neither a positive multiple of a teacher neuron nor silent (a_j = 0)."""
    rows, biases, outs, _ = two_layer_parts(student)
    units = [tuple(w) + (b,) for w, b in zip(*two_layer_parts(teacher)[:2])]
    return [j for j, (w, b, a) in enumerate(zip(rows, biases, outs))
            if any(a) and not any(_positively_parallel(tuple(w) + (b,), u) for u in units)]


def _beyond(case: Case) -> Outcome:
    student, teacher = case.network, _teacher(case)
    probes = itertools.islice(itertools.product(_PROBES, repeat=student.n_inputs), 25)
    if any(student.forward(x) != teacher.forward(x) for x in probes) or not same_function(student, teacher):
        raise Skip("the student does not compute the teacher (positive loss): outside the statement")
    pieces = expansion_pieces(student, teacher, rescaled=True)
    family = case.extra("family") or "?"
    detail = (f"{family}: computes the teacher exactly; " + (f"in the pieces {pieces}" if pieces else
              f"in no piece Γ_φ nor a positive rescaling of one (neurons {_unmatched(student, teacher)} are neither "
              "copies nor silent)"))
    return Outcome(bool(pieces), detail, {"family": family, "pieces": pieces,
                                          "unmatched": _unmatched(student, teacher)})


IRREDUCIBLE_TEACHER = Hypothesis(
    "irreducible-teacher", "the teacher's neurons have w_i ≠ 0, a_i ≠ 0 and pairwise non-proportional (w_i, b_i) "
    "(no two positively parallel)", _hypothesis_safe(lambda case: _irreducible(_teacher(case))))

LANDSCAPE_ZERO_LOSS_BEYOND_PIECES = register(Claim(
    "landscape.zero-loss-beyond-pieces", "pitfall: every zero-loss student lies in an expansion piece Γ_φ",
    "(false) every student computing f_{θ_r} exactly lies in a piece Γ_φ or a positive rescaling of one. For ReLU, "
    "relu(z) − relu(−z) = z: opposite neurons add affine terms that can cancel, e.g. teacher relu(x) + relu(x − 1), "
    "student neurons (1, 0), (1, −1), (−1, 0), (−1, 1), readouts (1 − t, 1 + t, t, −t), output bias t, for every t; "
    "also zero, constant and cancelling duplicate neurons (docs/theory.md §2.8). Cases: fixed (student, teacher) "
    "pairs, and every 1-2-1 network as a student of relu(x); decided exactly (same_function, expansion_pieces)",
    _beyond,
    default=Range(((1, 2, 1),), (-1, 1), networks=tuple(s for s, _, _ in BEYOND_PAIRS)),
    thorough=Range(((1, 2, 1), (1, 3, 1)), (-1, 1), networks=tuple(s for s, _, _ in BEYOND_PAIRS + BEYOND_MORE)),
    hypotheses=(IRREDUCIBLE_TEACHER,), expect_counterexamples=True, extend=_extend_beyond))
