"""Claims on the batch functional dimension: its bounds, its invariance and the parameter counts
(THEORY §1.4, §1.5, claims C1, C2, C4, C8, C24).

Registered claims:

* ``C1``  ``dim_bfun(θ, X) ≤ min(N − H, n_L·n)`` (§1.5a).
* ``C2``  ``dim_bfun(θ, X) ≤ n_L Σ_δ min(#distinct samples in R_δ, n_0 + 1)`` over perceived activation regions (§1.5b).
* ``C2-linear`` (pitfall) the same sum over *linear* regions (samples grouped by the affine map of their
  region) is **not** a bound: THEORY's example ``(1,2,1)``, ``f ≡ 0``, ``X = (−2,−1,1,2)`` has rank 3 > 2.
* ``C4``  a symmetry ``T`` (per-neuron factors from the case's extras, then a random permutation +
  positive rescalings) keeps ``f`` on the samples, permutes the patterns (per layer, the multiset of
  neuron rows of the batch pattern is kept) and keeps ``dim_bfun`` (§1.4).
* ``C4-rank`` only ``dim_bfun(Tθ, X) = dim_bfun(θ, X)``: dropping ``positive-rescaling`` lets negative
  factors in and the rank changes, as in §1.4 (``relu(x)`` flipped to ``min(x, 0)`` on ``X = (−1, 1, 2)``:
  rank 3 → 2; the search shrinks to an even smaller one, a dead neuron flipped alive: rank 1 → 2).
* ``C8``  ``N``, ``H`` and the authors' ``Npar_identif = N − Σ arch + n_0 + n_L = N − H`` (25 720 / 25 630
  for ``[784,30,30,30,10]``, 301 / 201 for ``[1,100,1]``).
* ``C24`` with a softmax output, ``rank D_θ softmax(f_θ(X)) ≤ min(N − H − 1, (n_L − 1)·n)``.
* ``C24-sharp`` the sharp form ``≤ min(N − H − n_{L−1} − 1, (n_L − 1)·n)``: softmax only sees ``P f_θ``, so
  adding one vector to every row of ``[W^L | b^L]`` (``n_{L−1} + 1`` directions, independent of the ``H``
  rescalings when no sample is on a boundary) is invisible; THEORY's ``N − H − 1`` counts only the bias one.

C24 is decided exactly although softmax is not rational: per sample the softmax Jacobian is
``D_s J`` with ``D_s = diag(s) − s sᵀ``, a symmetric matrix whose kernel is exactly ``span(1)`` (all
``s_o > 0``), so ``D_s = D_s P`` with ``P = I − (1/n_L) 1 1ᵀ`` and ``D_s`` is injective on the range of
``P``: ``rank(D_s J) = rank(P J)``, a rational matrix.

Extras of a ``C4`` case: ``symmetry_seed`` (an int for :func:`relugeom.symmetry.random_symmetry`, or
absent) and ``factors`` (strings or numbers, one per hidden neuron in layer-then-neuron order; missing
entries mean 1, extra entries are ignored — so shrinking a counterexample by deleting a neuron keeps a
well-defined case). Factors are applied by hand, before the random symmetry, because
:func:`relugeom.symmetry.rescale` refuses ``λ ≤ 0``; ``λ = 0`` is out of scope (not invertible).

>>> from relugeom.network import ReLUNetwork
>>> from relugeom.theory.claims import Case
>>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])      # relu(x), THEORY §1.4
>>> flip = Case(net, ((-1,), (1,), (2,)), (("factors", ("-1",)),))
>>> C4_RANK.applies(flip), C4_RANK.applies(flip, dropped=("positive-rescaling",))
(False, True)
>>> C4_RANK.evaluate(flip).values["rank"], C4_RANK.evaluate(flip).values["rank_transformed"]
(3, 2)
"""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction
from typing import Sequence

from ..dimension import batch_functional_dimension
from ..errors import BoundaryError
from ..exact.linalg import ScaledMatrix, rank
from ..exact.rational import to_rational
from ..jacobian import batch_patterns, jacobian
from ..network import Layer, ReLUNetwork
from ..symmetry import random_symmetry
from .claims import NO_BOUNDARY_SAMPLE, Case, Claim, Hypothesis, Outcome, Range, Skip, register

__all__ = ["C1", "C2", "C2_LINEAR", "C4", "C4_RANK", "C8", "C24", "C24_SHARP", "AUTHORS_ARCHITECTURES",
           "architecture_counts", "transformed_network", "projected_logit_jacobian", "softmax_bounds"]

# ---------------------------------------------------------------------------- shared data

# Non-integer samples: with integer weights a first-layer pre-activation w·x + b is never 0 on them
# (1-D: thirds; 2-D: thirds then fifths, so no ±x_1 ± x_2 is an integer).
BATCHES_1D = (
    (("-7/3",), ("-1/3",), ("2/3",), ("5/3",)),
    (("-5/3",), ("-2/3",), ("4/3",)),
)
BATCHES_2D = (
    (("-7/3", "2/5"), ("2/3", "-8/5"), ("5/3", "7/5")),
    (("-4/3", "-3/5"), ("1/3", "6/5"), ("4/3", "-2/5"), ("-2/3", "9/5")),
)
MORE_1D = (
    (("-8/3",), ("-4/3",), ("-1/3",), ("1/3",), ("2/3",), ("5/3",), ("8/3",)),
    (("-1/3",), ("2/3",), ("5/3",)),
)
MORE_2D = (
    (("-7/3", "2/5"), ("2/3", "-8/5"), ("5/3", "7/5"), ("-4/3", "-3/5"), ("1/3", "6/5"), ("4/3", "-2/5")),
)

# THEORY C2: f ≡ 0 (one linear region) with two activation regions perceived.
C2_EXAMPLE = ReLUNetwork.from_arrays([([[1], [1]], [0, 0]), ([[1, -1]], [0])])
C2_EXAMPLE_BATCH = ((-2,), (-1,), (1,), (2,))

# The authors' architectures and their counts (THEORY §1.9, C8): arch -> (N, N − H).
AUTHORS_ARCHITECTURES = {
    (784, 30, 30, 30, 10): (25720, 25630),
    (1, 100, 1): (301, 201),
}


def _batch(case: Case) -> tuple:
    if not case.inputs:
        raise Skip("empty batch")
    return case.inputs


def _rank(case: Case) -> int:
    return batch_functional_dimension(case.network, _batch(case)).rank


# ---------------------------------------------------------------------------- C1


def _c1(case: Case) -> Outcome:
    net, batch = case.network, _batch(case)
    r = _rank(case)
    n_params, n_hidden = net.n_params, net.n_hidden
    bound = min(n_params - n_hidden, net.n_outputs * len(batch))
    return Outcome(r <= bound, f"rank {r} vs min(N − H = {n_params - n_hidden}, n_L·n = {net.n_outputs * len(batch)})",
                   {"rank": r, "bound": bound, "N": n_params, "H": n_hidden, "n": len(batch)})


C1 = register(Claim(
    "C1", "symmetry bound on the batch functional dimension",
    "dim_bfun(θ, X) ≤ min(N − H, n_L·n) for every θ and X without boundary samples (THEORY §1.5a)",
    _c1,
    default=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1)), (-1, 1), BATCHES_1D + BATCHES_2D),
    thorough=Range(((1, 3, 1), (2, 2, 1), (1, 1, 2), (1, 1, 1, 1), (1, 2, 1, 1)), (-1, 1),
                   BATCHES_1D + BATCHES_2D + MORE_1D),
    hypotheses=(NO_BOUNDARY_SAMPLE,),
))


# ---------------------------------------------------------------------------- C2 / C2-linear


def _grouped_bound(net: ReLUNetwork, batch: Sequence, keys: Sequence) -> tuple[int, int]:
    """``n_L Σ_groups min(#distinct samples, n_0 + 1)`` and the number of groups."""
    per_group = Counter(k for k, _ in set(zip(keys, batch)))
    return net.n_outputs * sum(min(c, net.n_inputs + 1) for c in per_group.values()), len(per_group)


def _rank_and_patterns(case: Case) -> tuple[int, tuple]:
    """``dim_bfun`` and the samples' patterns from one exact Jacobian (``BoundaryError`` on a boundary sample)."""
    jac = jacobian(case.network, _batch(case))
    return rank(jac.scaled).rank, jac.patterns


def _c2(case: Case) -> Outcome:
    net, batch = case.network, _batch(case)
    r, patterns = _rank_and_patterns(case)
    bound, regions = _grouped_bound(net, batch, patterns)
    return Outcome(r <= bound, f"rank {r} vs activation-region bound {bound} ({regions} regions perceived)",
                   {"rank": r, "bound": bound, "regions": regions})


def _c2_linear(case: Case) -> Outcome:
    net, batch = case.network, _batch(case)
    r, patterns = _rank_and_patterns(case)
    maps = [net.affine_map(p) for p in patterns]
    bound, regions = _grouped_bound(net, batch, maps)
    activation_bound, activation_regions = _grouped_bound(net, batch, patterns)
    return Outcome(r <= bound, f"rank {r} vs linear-region count {bound} ({regions} affine maps perceived, "
                               f"{activation_regions} activation regions)",
                   {"rank": r, "bound": bound, "linear_regions": regions, "activation_regions": activation_regions,
                    "activation_bound": activation_bound})


C2 = register(Claim(
    "C2", "per-region bound on the batch functional dimension",
    "dim_bfun(θ, X) ≤ n_L Σ_δ min(|X ∩ R_δ|, n_0 + 1) over the activation regions R_δ perceived by X "
    "(distinct samples; THEORY §1.5b)",
    _c2,
    default=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1)), (-1, 1), BATCHES_1D + BATCHES_2D + (C2_EXAMPLE_BATCH,)),
    thorough=Range(((1, 3, 1), (2, 2, 1), (1, 1, 2), (1, 1, 1, 1), (1, 2, 1, 1)), (-1, 1),
                   BATCHES_1D + BATCHES_2D + MORE_1D),
    hypotheses=(NO_BOUNDARY_SAMPLE,),
))

C2_LINEAR = register(Claim(
    "C2-linear", "pitfall: counting linear regions instead of activation regions",
    "NOT a theorem: dim_bfun(θ, X) ≤ n_L Σ_L min(|X ∩ L|, n_0 + 1) over linear regions L (samples grouped by "
    "the affine map of their activation region) fails, e.g. (1,2,1), W1 = (1,1)ᵀ, b1 = 0, W2 = (1,−1), b2 = 0, "
    "X = (−2,−1,1,2): f ≡ 0 is one linear region but rank 3 > 2 (THEORY C2)",
    _c2_linear,
    default=Range(((1, 2, 1),), (-1, 1), (C2_EXAMPLE_BATCH,) + BATCHES_1D, networks=(C2_EXAMPLE,)),
    thorough=Range(((1, 2, 1), (1, 3, 1), (2, 2, 1)), (-1, 1), (C2_EXAMPLE_BATCH,) + BATCHES_1D + BATCHES_2D,
                   networks=(C2_EXAMPLE,)),
    hypotheses=(NO_BOUNDARY_SAMPLE,),
    expect_counterexamples=True,
))


# ---------------------------------------------------------------------------- C4 / C4-rank

FACTORS = (Fraction(-1), Fraction(2), Fraction(1, 2), Fraction(3))


def _factors(case: Case) -> tuple[Fraction, ...]:
    """The case's per-hidden-neuron factors, padded with 1 / truncated to the network's H neurons."""
    given = tuple(to_rational(v, "rescaling factor") for v in (case.extra("factors") or ()))
    n_hidden = case.network.n_hidden
    return (given + (Fraction(1),) * n_hidden)[:n_hidden]


def _positive_factors(case: Case) -> bool:
    return all(f > 0 for f in _factors(case))


def _signed_rescale(net: ReLUNetwork, factors: Sequence[Fraction]) -> ReLUNetwork:
    """Multiply each hidden neuron's incoming row and bias by λ and its outgoing column by 1/λ — for any
    λ ≠ 0 (a symmetry only when λ > 0)."""
    layers, k = list(net.layers), 0
    for l in range(net.depth - 1):
        lam = factors[k:k + layers[l].n_out]
        k += layers[l].n_out
        cur, nxt = layers[l], layers[l + 1]
        layers[l] = Layer(tuple(tuple(w * c for w in row) for row, c in zip(cur.weight, lam)),
                          tuple(b * c for b, c in zip(cur.bias, lam)))
        layers[l + 1] = Layer(tuple(tuple(w / c for w, c in zip(row, lam)) for row in nxt.weight), nxt.bias)
    return ReLUNetwork(tuple(layers))


def transformed_network(case: Case) -> ReLUNetwork:
    """``Tθ``: the case's factors (by hand, any sign), then ``random_symmetry(·, symmetry_seed)`` if a seed is given."""
    factors = _factors(case)
    if any(f == 0 for f in factors):
        raise Skip("a rescaling factor is 0 (not invertible)")
    net = _signed_rescale(case.network, factors)
    seed = case.extra("symmetry_seed")
    return random_symmetry(net, seed) if seed is not None else net


def _extend_c4(case: Case, rng: random.Random) -> Case:
    seed = rng.randrange(2 ** 20)
    factors = tuple(str(rng.choice(FACTORS)) for _ in range(case.network.n_hidden))
    return Case(case.network, case.inputs, case.extras + (("symmetry_seed", seed), ("factors", factors)))


def _neuron_rows(net: ReLUNetwork, patterns: Sequence) -> list[Counter]:
    """Per hidden layer, the multiset of neuron rows (one bit per sample) of the batch pattern."""
    return [Counter(tuple(p[l][i] for p in patterns) for i in range(width))
            for l, width in enumerate(net.architecture[1:-1])]


def _c4_ranks(case: Case) -> tuple[int, int | None, ReLUNetwork]:
    r = _rank(case)
    other = transformed_network(case)
    try:
        r_other = batch_functional_dimension(other, case.inputs).rank
    except BoundaryError:
        r_other = None
    return r, r_other, other


def _describe_t(case: Case) -> str:
    factors = _factors(case)
    moved = ", ".join(f"neuron {k}: {f}" for k, f in enumerate(factors) if f != 1)
    seed = case.extra("symmetry_seed")
    parts = ([f"factors ({moved})"] if moved else []) + ([f"random symmetry seed {seed}"] if seed is not None else [])
    return "T = " + (" then ".join(parts) if parts else "identity")


def _c4(case: Case) -> Outcome:
    net, batch = case.network, _batch(case)
    r, r_other, other = _c4_ranks(case)
    if r_other is None:
        return Outcome(False, f"{_describe_t(case)}: Tθ has a boundary sample but θ has none", {"rank": r})
    same_f = all(net.forward(x) == other.forward(x) for x in batch)
    same_patterns = _neuron_rows(net, batch_patterns(net, batch)) == _neuron_rows(other, batch_patterns(other, batch))
    parts = [f"rank {r} → {r_other}", "f kept" if same_f else "f CHANGED",
             "patterns permuted" if same_patterns else "patterns NOT a permutation"]
    return Outcome(same_f and same_patterns and r == r_other, f"{_describe_t(case)}: " + ", ".join(parts),
                   {"rank": r, "rank_transformed": r_other, "same_function": same_f, "patterns_permuted": same_patterns})


def _c4_rank(case: Case) -> Outcome:
    r, r_other, _ = _c4_ranks(case)
    if r_other is None:
        return Outcome(False, f"{_describe_t(case)}: Tθ has a boundary sample but θ has none", {"rank": r})
    return Outcome(r == r_other, f"{_describe_t(case)}: rank {r} → {r_other}", {"rank": r, "rank_transformed": r_other})


POSITIVE_RESCALING = Hypothesis(
    "positive-rescaling", "every rescaling factor of the case is > 0 (λ < 0 is not a symmetry: relu(λz) ≠ λ relu(z))",
    _positive_factors)

_C4_DEFAULT = Range(((1, 1, 1), (1, 2, 1), (2, 1, 1)), (-1, 1), BATCHES_1D + BATCHES_2D + (MORE_1D[1],))
_C4_THOROUGH = Range(((1, 3, 1), (2, 2, 1), (1, 1, 2), (1, 1, 1, 1), (1, 2, 1, 1)), (-1, 1), BATCHES_1D + BATCHES_2D)

C4 = register(Claim(
    "C4", "invariance under neuron permutations and positive rescalings",
    "for T a composition of hidden-neuron permutations and positive rescalings: f_{Tθ}(X) = f_θ(X), "
    "Δ(Tθ, X) = πΔ(θ, X) and dim_bfun(Tθ, X) = dim_bfun(θ, X) for every θ without boundary samples (THEORY §1.4)",
    _c4, default=_C4_DEFAULT, thorough=_C4_THOROUGH,
    hypotheses=(NO_BOUNDARY_SAMPLE, POSITIVE_RESCALING), extend=_extend_c4,
))

C4_RANK = register(Claim(
    "C4-rank", "the batch functional dimension is invariant under positive rescalings and permutations",
    "dim_bfun(Tθ, X) = dim_bfun(θ, X) for T as in C4; with a negative factor it fails: relu(x) → min(x, 0), "
    "X = (−1, 1, 2), rank 3 → 2 (THEORY §1.4)",
    _c4_rank, default=_C4_DEFAULT, thorough=_C4_THOROUGH,
    hypotheses=(NO_BOUNDARY_SAMPLE, POSITIVE_RESCALING), extend=_extend_c4,
))


# ---------------------------------------------------------------------------- C8


def architecture_counts(arch: Sequence[int]) -> tuple[int, int]:
    """``(N, H)`` from the closed formulas ``N = Σ n_l (n_{l−1} + 1)``, ``H = Σ_{0<l<L} n_l`` (THEORY §0)."""
    return sum(n * (m + 1) for m, n in zip(arch, arch[1:])), sum(arch[1:-1])


def _c8(case: Case) -> Outcome:
    net = case.network
    arch = net.architecture
    n_params, n_hidden = architecture_counts(arch)
    identif = n_params - sum(arch) + arch[0] + arch[-1]  # the authors' Npar_identif (Functions.py)
    problems = []
    if (net.n_params, net.n_hidden) != (n_params, n_hidden):
        problems.append(f"network says N = {net.n_params}, H = {net.n_hidden}")
    if len(net.parameters()) != n_params or len(net.parameter_names()) != n_params:
        problems.append("parameter vector length differs from N")
    if identif != n_params - n_hidden:
        problems.append(f"Npar_identif = {identif} ≠ N − H")
    if arch in AUTHORS_ARCHITECTURES and AUTHORS_ARCHITECTURES[arch] != (n_params, n_params - n_hidden):
        problems.append(f"reference values {AUTHORS_ARCHITECTURES[arch]}")
    name = "-".join(map(str, arch))
    return Outcome(not problems, f"{name}: N = {n_params}, H = {n_hidden}, N − H = {n_params - n_hidden}"
                   + ("; " + "; ".join(problems) if problems else ""),
                   {"N": n_params, "H": n_hidden, "identifiable": n_params - n_hidden})


def _small_architectures() -> tuple[tuple[int, ...], ...]:
    out = []
    for n0 in (1, 2, 3):
        for n_out in (1, 2, 3):
            out.append((n0, n_out))
            for a in (1, 2, 3):
                out.append((n0, a, n_out))
                for b in (1, 2, 3):
                    out.append((n0, a, b, n_out))
    return tuple(out)


C8 = register(Claim(
    "C8", "parameter counts N, H and the authors' N − H",
    "N = Σ n_l (n_{l−1} + 1), H = Σ hidden widths, Npar_identif = N − Σ arch + n_0 + n_L = N − H; "
    "[784,30,30,30,10]: N = 25720, N − H = 25630; [1,100,1]: N = 301, N − H = 201 (THEORY C8)",
    _c8,
    default=Range(tuple(AUTHORS_ARCHITECTURES) + ((1, 1), (1, 2, 1), (2, 3, 2), (1, 2, 2, 1)), (0, 0)),
    thorough=Range(tuple(AUTHORS_ARCHITECTURES) + _small_architectures() + ((10, 20, 30, 5), (3, 1, 4, 1, 5, 9)),
                   (0, 0)),
))


# ---------------------------------------------------------------------------- C24


def projected_logit_jacobian(net: ReLUNetwork, inputs: object) -> list[list[int]]:
    """``n_L · P J`` with ``P = I − (1/n_L) 1 1ᵀ`` on each sample's logit rows (integer rows up to row
    scales; same rank as the softmax Jacobian ``D_s J``). Raises ``BoundaryError`` on a boundary sample."""
    jac = jacobian(net, inputs)
    n_out = net.n_outputs
    rows = [list(r) for r in jac.scaled.rows]  # all rows of one sample share one scale
    out = []
    for start in range(0, len(rows), n_out):
        block = rows[start:start + n_out]
        total = [sum(col) for col in zip(*block)]
        out += [[n_out * v - t for v, t in zip(row, total)] for row in block]
    return out


def _softmax_rank(case: Case) -> int:
    net, batch = case.network, _batch(case)
    if net.n_outputs < 2:
        raise Skip("softmax of one output is constant")
    rows = projected_logit_jacobian(net, batch)
    return rank(ScaledMatrix(tuple(map(tuple, rows)), (1,) * len(rows))).rank


def softmax_bounds(net: ReLUNetwork, n_samples: int) -> tuple[int, int]:
    """``(min(N − H − 1, (n_L − 1)·n), min(N − H − n_{L−1} − 1, (n_L − 1)·n))``: THEORY's C24 bound and the
    sharp one (every shift of all rows of ``[W^L | b^L]`` by one vector is invisible after softmax)."""
    per_samples = (net.n_outputs - 1) * n_samples
    identifiable = net.n_params - net.n_hidden
    return min(identifiable - 1, per_samples), min(identifiable - net.architecture[-2] - 1, per_samples)


def _c24(case: Case) -> Outcome:
    r = _softmax_rank(case)
    net, n = case.network, len(case.inputs)
    bound, sharp = softmax_bounds(net, n)
    return Outcome(r <= bound, f"softmax rank {r} vs min(N − H − 1 = {net.n_params - net.n_hidden - 1}, "
                               f"(n_L − 1)·n = {(net.n_outputs - 1) * n})",
                   {"rank": r, "bound": bound, "sharp_bound": sharp, "N": net.n_params, "H": net.n_hidden, "n": n})


def _c24_sharp(case: Case) -> Outcome:
    r = _softmax_rank(case)
    net, n = case.network, len(case.inputs)
    bound, sharp = softmax_bounds(net, n)
    return Outcome(r <= sharp, f"softmax rank {r} vs min(N − H − n_(L−1) − 1 = "
                               f"{net.n_params - net.n_hidden - net.architecture[-2] - 1}, (n_L − 1)·n = "
                               f"{(net.n_outputs - 1) * n}) (THEORY's bound: {bound})",
                   {"rank": r, "bound": sharp, "theory_bound": bound, "N": net.n_params, "H": net.n_hidden, "n": n})


C24 = register(Claim(
    "C24", "softmax output: the rank bound drops by the output-shift direction",
    "rank D_θ softmax(f_θ(X)) = rank (P J) ≤ min(N − H − 1, (n_L − 1)·n), P projecting each sample's logits "
    "onto 1^⊥ (THEORY §1.5c, C24)",
    _c24,
    default=Range(((1, 1, 2), (2, 1, 2)), (-1, 1), BATCHES_1D + BATCHES_2D),
    thorough=Range(((1, 2, 2), (1, 1, 3), (1, 1, 1, 2), (2, 1, 3)), (-1, 1), BATCHES_1D + BATCHES_2D),
    hypotheses=(NO_BOUNDARY_SAMPLE,),
))

C24_SHARP = register(Claim(
    "C24-sharp", "softmax output: the sharp rank bound",
    "rank D_θ softmax(f_θ(X)) ≤ min(N − H − (n_{L−1} + 1), (n_L − 1)·n): softmax only sees P f_θ, and the "
    "n_{L−1} + 1 directions adding one vector to every row of [W^L | b^L] are independent of the H rescaling "
    "directions (sharper than C24 by n_{L−1}; attained, e.g. (1,2,2) with 7 samples: rank 5 < N − H − 1 = 7)",
    _c24_sharp,
    default=Range(((1, 1, 2), (2, 1, 2)), (-1, 1), BATCHES_1D + BATCHES_2D + (MORE_1D[0],) + MORE_2D),
    thorough=Range(((1, 2, 2), (1, 1, 3), (1, 1, 1, 2), (2, 1, 3)), (-1, 1), BATCHES_1D + BATCHES_2D + MORE_2D),
    hypotheses=(NO_BOUNDARY_SAMPLE,),
))
