"""Bounds on the batch functional dimension, the parameter counts, and softmax outputs
(docs/theory.md §3.1).

* ``dim.symmetry-bound`` (C1): ``dim_bfun(θ, X) ≤ min(N − H, n_L·n)``.
* ``dim.per-region-bound`` (C2): ``dim_bfun(θ, X) ≤ n_L Σ_δ min(#distinct samples in R_δ, n_0 + 1)`` over
  the perceived activation regions.
* ``dim.linear-region-pitfall`` (C2-linear, a pitfall): the same sum over *linear* regions (samples
  grouped by the affine map of their region) is **not** a bound: ``(1,2,1)``, ``f ≡ 0``,
  ``X = (−2,−1,1,2)`` has rank 3 > 2.
* ``dim.parameter-counts`` (C8): ``N``, ``H`` and the authors' ``Npar_identif = N − Σ arch + n_0 + n_L = N − H``
  (25 720 / 25 630 for ``[784,30,30,30,10]``, 301 / 201 for ``[1,100,1]``).
* ``softmax.rank-bound`` (C24): with a softmax output, ``rank D_θ softmax(f_θ(X)) ≤ min(N − H − 1, (n_L − 1)·n)``.
* ``softmax.sharp-rank-bound`` (C24-sharp): ``≤ min(N − H − n_{L−1} − 1, (n_L − 1)·n)``
  (:func:`relugeom.softmax.softmax_bounds`).

Run: ``python -m proofs_checks bounds [--thorough] [--json]``.

>>> from relugeom.claims import check_claim
>>> check_claim(DIM_SYMMETRY_BOUND).failures
0
"""

from __future__ import annotations

from typing import Sequence

from relugeom.claims import NO_BOUNDARY_SAMPLE, Case, Claim, Outcome, Range, Skip, register
from relugeom.dimension import architecture_counts, grouped_bound
from relugeom.exact.linalg import rank
from relugeom.jacobian import jacobian
from relugeom.network import ReLUNetwork
from relugeom.softmax import softmax_bounds, softmax_rank

from .common import BATCHES_1D, BATCHES_2D, MORE_1D, MORE_2D, batch_rank, nonempty_batch

# Ranges: the small architectures of the default checks, the larger ones of --thorough, softmax outputs.
# The rank bounds are swept (relugeom.claims.sweep), so their ranges are wide: every network of 1-2-1 and
# 2-1-1 with weights in −2..2 and of 1-3-1, 2-2-1, 1-1-1-1, 1-2-1-1 with weights in −1..1.
_WIDE_ARCHS = ((1, 1, 1), (1, 2, 1), (2, 1, 1), (1, 3, 1), (2, 2, 1), (1, 1, 2), (1, 1, 1, 1), (1, 2, 1, 1))
_WIDE = (((1, 1, 1), (-2, 2)), ((1, 2, 1), (-2, 2)), ((2, 1, 1), (-2, 2)))
_THOROUGH = Range(_WIDE_ARCHS + ((2, 3, 1), (1, 4, 1), (1, 2, 2, 1), (2, 2, 1, 1)), (-1, 1),
                  BATCHES_1D + BATCHES_2D + MORE_1D, wider=(((1, 2, 1), (-3, 3)), ((1, 1, 1), (-3, 3)),
                                                           ((2, 1, 1), (-3, 3)), ((1, 3, 1), (-2, 2))))
_SOFTMAX = ((1, 1, 2), (2, 1, 2))
_SOFTMAX_THOROUGH = ((1, 2, 2), (1, 1, 3), (1, 1, 1, 2), (2, 1, 3))

# f ≡ 0 (one linear region) with two activation regions perceived (dim.linear-region-pitfall).
C2_EXAMPLE = ReLUNetwork.from_arrays([([[1], [1]], [0, 0]), ([[1, -1]], [0])])
C2_EXAMPLE_BATCH = ((-2,), (-1,), (1,), (2,))

# The authors' architectures and their counts (docs/theory.md §3.1): arch -> (N, N − H).
AUTHORS_ARCHITECTURES = {
    (784, 30, 30, 30, 10): (25720, 25630),
    (1, 100, 1): (301, 201),
}


# ---------------------------------------------------------------------------- dim.symmetry-bound


def _c1(case: Case) -> Outcome:
    net, batch = case.network, nonempty_batch(case)
    r = batch_rank(case)
    n_params, n_hidden = net.n_params, net.n_hidden
    bound = min(n_params - n_hidden, net.n_outputs * len(batch))
    return Outcome(r <= bound, f"rank {r} vs min(N − H = {n_params - n_hidden}, n_L·n = {net.n_outputs * len(batch)})",
                   {"rank": r, "bound": bound, "N": n_params, "H": n_hidden, "n": len(batch)})


def _c1_sweep(block) -> Sequence[bool]:
    """``rank ≤ min(N − H, n_L·n)`` for every network of a block (relugeom.claims.sweep)."""
    return block.ranks <= min(block.n_params - block.n_hidden, block.architecture[-1] * len(block.batch))


DIM_SYMMETRY_BOUND = register(Claim(
    "dim.symmetry-bound", "symmetry bound on the batch functional dimension",
    "dim_bfun(θ, X) ≤ min(N − H, n_L·n) for every θ and X without boundary samples (docs/theory.md §3.1)",
    _c1,
    default=Range(_WIDE_ARCHS, (-1, 1), BATCHES_1D + BATCHES_2D + MORE_1D, wider=_WIDE),
    thorough=_THOROUGH,
    hypotheses=(NO_BOUNDARY_SAMPLE,), aliases=("C1",), sweep=_c1_sweep))


# ---------------------------------------------------------------------------- dim.per-region-bound / C2-linear


def _grouped_bound(net: ReLUNetwork, batch: Sequence, keys: Sequence) -> tuple[int, int]:
    """``n_L Σ_groups min(#distinct samples, n_0 + 1)`` and the number of groups."""
    return grouped_bound(net.n_inputs, net.n_outputs, batch, keys), len(set(keys))


def _rank_and_patterns(case: Case) -> tuple[int, tuple]:
    """``dim_bfun`` and the samples' patterns from one exact Jacobian (``BoundaryError`` on a boundary sample)."""
    jac = jacobian(case.network, nonempty_batch(case))
    return rank(jac.scaled).rank, jac.patterns


def _c2_sweep(block) -> Sequence[bool]:
    """The per-region bound for every network of a block (each sample's pattern code as its group key)."""
    n0, nl = block.architecture[0], block.architecture[-1]
    return block.ranks <= [grouped_bound(n0, nl, block.batch, keys) for keys in block.patterns.tolist()]


def _c2(case: Case) -> Outcome:
    net, batch = case.network, nonempty_batch(case)
    r, patterns = _rank_and_patterns(case)
    bound, regions = _grouped_bound(net, batch, patterns)
    return Outcome(r <= bound, f"rank {r} vs activation-region bound {bound} ({regions} regions perceived)",
                   {"rank": r, "bound": bound, "regions": regions})


def _c2_linear(case: Case) -> Outcome:
    net, batch = case.network, nonempty_batch(case)
    r, patterns = _rank_and_patterns(case)
    maps = [net.affine_map(p) for p in patterns]
    bound, regions = _grouped_bound(net, batch, maps)
    activation_bound, activation_regions = _grouped_bound(net, batch, patterns)
    return Outcome(r <= bound, f"rank {r} vs linear-region count {bound} ({regions} affine maps perceived, "
                               f"{activation_regions} activation regions)",
                   {"rank": r, "bound": bound, "linear_regions": regions, "activation_regions": activation_regions,
                    "activation_bound": activation_bound})


DIM_PER_REGION_BOUND = register(Claim(
    "dim.per-region-bound", "per-region bound on the batch functional dimension",
    "dim_bfun(θ, X) ≤ n_L Σ_δ min(|X ∩ R_δ|, n_0 + 1) over the activation regions R_δ perceived by X "
    "(distinct samples; docs/theory.md §3.1)",
    _c2,
    default=Range(_WIDE_ARCHS, (-1, 1), BATCHES_1D + BATCHES_2D + MORE_1D + (C2_EXAMPLE_BATCH,), wider=_WIDE),
    thorough=_THOROUGH,
    hypotheses=(NO_BOUNDARY_SAMPLE,), aliases=("C2",), sweep=_c2_sweep))

DIM_LINEAR_REGION_PITFALL = register(Claim(
    "dim.linear-region-pitfall", "pitfall: counting linear regions instead of activation regions",
    "NOT a theorem: dim_bfun(θ, X) ≤ n_L Σ_L min(|X ∩ L|, n_0 + 1) over linear regions L (samples grouped by "
    "the affine map of their activation region) fails, e.g. (1,2,1), W1 = (1,1)ᵀ, b1 = 0, W2 = (1,−1), b2 = 0, "
    "X = (−2,−1,1,2): f ≡ 0 is one linear region but rank 3 > 2 (claim dim.per-region-bound)",
    _c2_linear,
    default=Range(((1, 2, 1),), (-1, 1), (C2_EXAMPLE_BATCH,) + BATCHES_1D, networks=(C2_EXAMPLE,)),
    thorough=Range(((1, 2, 1), (1, 3, 1), (2, 2, 1)), (-1, 1), (C2_EXAMPLE_BATCH,) + BATCHES_1D + BATCHES_2D,
                   networks=(C2_EXAMPLE,)),
    hypotheses=(NO_BOUNDARY_SAMPLE,),
    expect_counterexamples=True, aliases=("C2-linear",)))


# ---------------------------------------------------------------------------- dim.parameter-counts


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


DIM_PARAMETER_COUNTS = register(Claim(
    "dim.parameter-counts", "parameter counts N, H and the authors' N − H",
    "N = Σ n_l (n_{l−1} + 1), H = Σ hidden widths, Npar_identif = N − Σ arch + n_0 + n_L = N − H; "
    "[784,30,30,30,10]: N = 25720, N − H = 25630; [1,100,1]: N = 301, N − H = 201 (claim dim.parameter-counts)",
    _c8,
    default=Range(tuple(AUTHORS_ARCHITECTURES) + ((1, 1), (1, 2, 1), (2, 3, 2), (1, 2, 2, 1)), (0, 0)),
    thorough=Range(tuple(AUTHORS_ARCHITECTURES) + _small_architectures() + ((10, 20, 30, 5), (3, 1, 4, 1, 5, 9)),
                   (0, 0)), aliases=("C8",)))


# ---------------------------------------------------------------------------- softmax.rank-bound


def _softmax_rank(case: Case) -> int:
    net, batch = case.network, nonempty_batch(case)
    if net.n_outputs < 2:
        raise Skip("softmax of one output is constant")
    return softmax_rank(net, batch)


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
                               f"{(net.n_outputs - 1) * n}) (the theory's bound: {bound})",
                   {"rank": r, "bound": sharp, "theory_bound": bound, "N": net.n_params, "H": net.n_hidden, "n": n})


SOFTMAX_RANK_BOUND = register(Claim(
    "softmax.rank-bound", "softmax output: the rank bound drops by the output-shift direction",
    "rank D_θ softmax(f_θ(X)) = rank (P J) ≤ min(N − H − 1, (n_L − 1)·n), P projecting each sample's logits "
    "onto 1^⊥ (docs/theory.md §3.1)",
    _c24,
    default=Range(_SOFTMAX, (-1, 1), BATCHES_1D + BATCHES_2D),
    thorough=Range(_SOFTMAX_THOROUGH, (-1, 1), BATCHES_1D + BATCHES_2D),
    hypotheses=(NO_BOUNDARY_SAMPLE,), aliases=("C24",)))

SOFTMAX_SHARP_RANK_BOUND = register(Claim(
    "softmax.sharp-rank-bound", "softmax output: the sharp rank bound",
    "rank D_θ softmax(f_θ(X)) ≤ min(N − H − (n_{L−1} + 1), (n_L − 1)·n): softmax only sees P f_θ, and the "
    "n_{L−1} + 1 directions adding one vector to every row of [W^L | b^L] are independent of the H rescaling "
    "directions (sharper than softmax.rank-bound by n_{L−1}; attained, e.g. (1,2,2) with 7 samples: rank 5 < N − H − 1 = 7)",
    _c24_sharp,
    default=Range(_SOFTMAX, (-1, 1), BATCHES_1D + BATCHES_2D + (MORE_1D[0],) + MORE_2D),
    thorough=Range(_SOFTMAX_THOROUGH, (-1, 1), BATCHES_1D + BATCHES_2D + MORE_2D),
    hypotheses=(NO_BOUNDARY_SAMPLE,), aliases=("C24-sharp",)))
