"""Invariance under neuron permutations and positive rescalings (docs/theory.md §3.2).

* ``symmetry.invariance`` (C4): a symmetry ``T`` (per-neuron factors from the case's extras, then a random
  permutation + positive rescalings) keeps ``f`` on the samples, permutes the patterns (per layer, the
  multiset of neuron rows of the batch pattern is kept) and keeps ``dim_bfun``.
* ``symmetry.rank-invariance`` (C4-rank): only ``dim_bfun(Tθ, X) = dim_bfun(θ, X)``; dropping
  ``positive-rescaling`` lets negative factors in and the rank changes (``relu(x)`` flipped to
  ``min(x, 0)`` on ``X = (−1, 1, 2)``: rank 3 → 2; the search shrinks to an even smaller one, a dead
  neuron flipped alive: rank 1 → 2).
* ``symmetry.cfun-invariance``: ``dim_cfun(Tθ) = dim_cfun(θ)`` (all activation regions of ``R^{n_0}``, no batch);
  a negative factor can flip a dead neuron alive and change it.

Extras of a case: ``symmetry_seed`` (an int for :func:`relugeom.symmetry.random_symmetry`, or absent) and
``factors`` (strings or numbers, one per hidden neuron in layer-then-neuron order; missing entries mean 1,
extra entries are ignored — so shrinking a counterexample by deleting a neuron keeps a well-defined case).
Factors are applied by :func:`relugeom.symmetry.signed_rescale` before the random symmetry, since
:func:`relugeom.symmetry.rescale` refuses ``λ ≤ 0``; ``λ = 0`` is out of scope (not invertible).

Run: ``python -m proofs_checks invariance [--thorough] [--json]``.

>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])      # relu(x)
>>> flip = Case(net, ((-1,), (1,), (2,)), (("factors", ("-1",)),))
>>> SYMMETRY_RANK_INVARIANCE.applies(flip), SYMMETRY_RANK_INVARIANCE.applies(flip, dropped=("positive-rescaling",))
(False, True)
>>> out = SYMMETRY_RANK_INVARIANCE.evaluate(flip)
>>> out.values["rank"], out.values["rank_transformed"]
(3, 2)
"""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction
from typing import Sequence

from relugeom.claims import NO_BOUNDARY_SAMPLE, Case, Claim, Hypothesis, Outcome, Range, Skip, register
from relugeom.dimension import batch_functional_dimension
from relugeom.errors import BoundaryError
from relugeom.exact.linalg import rank
from relugeom.exact.rational import to_rational
from relugeom.generic import computable_full_dimension
from relugeom.jacobian import batch_patterns, jacobian
from relugeom.network import ReLUNetwork
from relugeom.symmetry import random_symmetry, rescaling_directions, signed_rescale

from .common import BATCHES_1D, BATCHES_2D, MORE_1D, batch_rank, nonempty_batch

__all__ = ["FACTORS", "POSITIVE_RESCALING", "transformed_network", "SYMMETRY_INVARIANCE", "SYMMETRY_RANK_INVARIANCE",
           "SYMMETRY_CFUN_INVARIANCE"]

FACTORS = (Fraction(-1), Fraction(2), Fraction(1, 2), Fraction(3))


def _factors(case: Case) -> tuple[Fraction, ...]:
    """The case's per-hidden-neuron factors, padded with 1 / truncated to the network's H neurons."""
    given = tuple(to_rational(v, "rescaling factor") for v in (case.extra("factors") or ()))
    n_hidden = case.network.n_hidden
    return (given + (Fraction(1),) * n_hidden)[:n_hidden]


def _positive_factors(case: Case) -> bool:
    return all(f > 0 for f in _factors(case))


def transformed_network(case: Case) -> ReLUNetwork:
    """``Tθ``: the case's factors (by hand, any sign), then ``random_symmetry(·, symmetry_seed)`` if a seed is given."""
    factors = _factors(case)
    if any(f == 0 for f in factors):
        raise Skip("a rescaling factor is 0 (not invertible)")
    net = signed_rescale(case.network, factors)
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
    r = batch_rank(case)
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
    net, batch = case.network, nonempty_batch(case)
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

SYMMETRY_INVARIANCE = register(Claim(
    "symmetry.invariance", "invariance under neuron permutations and positive rescalings",
    "for T a composition of hidden-neuron permutations and positive rescalings: f_{Tθ}(X) = f_θ(X), "
    "Δ(Tθ, X) = πΔ(θ, X) and dim_bfun(Tθ, X) = dim_bfun(θ, X) for every θ without boundary samples (docs/theory.md §3.2)",
    _c4, default=_C4_DEFAULT, thorough=_C4_THOROUGH,
    hypotheses=(NO_BOUNDARY_SAMPLE, POSITIVE_RESCALING), extend=_extend_c4, aliases=("C4",)))

SYMMETRY_RANK_INVARIANCE = register(Claim(
    "symmetry.rank-invariance", "the batch functional dimension is invariant under positive rescalings and permutations",
    "dim_bfun(Tθ, X) = dim_bfun(θ, X) for T as in symmetry.invariance; with a negative factor it fails: relu(x) → min(x, 0), "
    "X = (−1, 1, 2), rank 3 → 2 (docs/theory.md §3.2)",
    _c4_rank, default=_C4_DEFAULT, thorough=_C4_THOROUGH,
    hypotheses=(NO_BOUNDARY_SAMPLE, POSITIVE_RESCALING), extend=_extend_c4, aliases=("C4-rank",)))


CFUN_INVARIANCE_MAX_HIDDEN = 6  # two region enumerations per case: keep the networks small


def _cfun_invariance(case: Case) -> Outcome:
    net = case.network
    if net.n_hidden > CFUN_INVARIANCE_MAX_HIDDEN:
        raise Skip(f"dim_cfun of θ and Tθ: kept to at most {CFUN_INVARIANCE_MAX_HIDDEN} hidden neurons")
    other = transformed_network(case)
    full, full_other = computable_full_dimension(net), computable_full_dimension(other)
    return Outcome(full.rank == full_other.rank,
                   f"{_describe_t(case)}: dim_cfun {full.rank} → {full_other.rank} "
                   f"({full.regions} → {full_other.regions} activation regions)",
                   {"dim_cfun": full.rank, "dim_cfun_transformed": full_other.rank, "regions": full.regions,
                    "regions_transformed": full_other.regions})


_CFUN_DEFAULT = Range(((1, 1, 1), (1, 2, 1), (2, 1, 1)), (-1, 1))
_CFUN_THOROUGH = Range(((1, 2, 1), (2, 1, 1), (1, 1, 2), (1, 1, 1, 1), (2, 2, 1)), (-1, 1))

SYMMETRY_CFUN_INVARIANCE = register(Claim(
    "symmetry.cfun-invariance", "the computable full functional dimension is invariant under positive rescalings "
    "and permutations",
    "dim_cfun(Tθ) = dim_cfun(θ) (computable_full_dimension, all activation regions of R^{n_0}) for T a composition of "
    "hidden-neuron permutations and positive rescalings, for every θ; a negative factor can change it: a dead neuron "
    "z ≡ −1 flipped alive (docs/theory.md §3.2)",
    _cfun_invariance, default=_CFUN_DEFAULT, thorough=_CFUN_THOROUGH,
    hypotheses=(POSITIVE_RESCALING,), extend=_extend_c4))


# ----------------------------------------------------------------------------- identifiability


def _identifiability(case: Case) -> Outcome:
    net, batch = case.network, nonempty_batch(case)
    jac = jacobian(net, batch).matrix
    directions = rescaling_directions(net)
    in_kernel = all(not any(sum((a * b for a, b in zip(row, d)), Fraction(0)) for row in jac) for d in directions)
    r = rank(jac).rank if jac else 0
    kernel = net.n_params - r
    span = rank(directions).rank if directions else 0
    identifiable = r == net.n_params - net.n_hidden
    only_rescalings = kernel == span  # the rescaling directions lie in the kernel: equal dimensions = equal spaces
    holds = in_kernel and identifiable == only_rescalings
    return Outcome(holds, f"rank {r} (N − H = {net.n_params - net.n_hidden}); kernel dimension {kernel}, rescaling "
                          f"directions span {span}" + ("" if in_kernel else "; a rescaling direction is NOT in the kernel"),
                   {"rank": r, "kernel": kernel, "rescalings": span, "identifiable": identifiable})


SYMMETRY_IDENTIFIABILITY = register(Claim(
    "symmetry.identifiability", "rank = N − H exactly when the Jacobian kernel is the rescaling span",
    "on a batch without boundary samples the H positive-rescaling directions lie in ker J, and "
    "rank J = N − H if and only if ker J is spanned by them (checked exactly: J d = 0 for each direction d, and "
    "dim ker J = rank of the directions)",
    _identifiability, default=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1)), (-1, 1), BATCHES_1D + BATCHES_2D),
    thorough=Range(((1, 3, 1), (2, 2, 1), (1, 1, 2), (1, 1, 1, 1), (1, 2, 1, 1)), (-1, 1),
                   BATCHES_1D + BATCHES_2D + MORE_1D),
    hypotheses=(NO_BOUNDARY_SAMPLE,)))
