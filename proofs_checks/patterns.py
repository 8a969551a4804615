"""Patterns determine the rank (docs/theory.md §3.3): the rank at θ against the generic rank ``r(Δ)`` of
its batch pattern, and local constancy.

* ``patterns.generic-rank`` (C3, a pitfall on integer grids): ``dim_bfun(θ, X) = r(Δ(θ, X))`` holds for
  almost every θ, but integer θ on a small grid are often exceptional.
* ``patterns.generic-rank-upper`` (C3-upper): ``dim_bfun ≤ r(Δ) ≤ min(N − H, n_L·n, per-region bound, structural bound)``.
* ``patterns.local-constancy`` (C7): the rank is locally constant at a generic θ, larger nearby at an
  exceptional one.

Run: ``python -m proofs_checks patterns [--thorough] [--json]``.
"""

from __future__ import annotations

import random
from fractions import Fraction

from relugeom.claims import NO_BOUNDARY_SAMPLE, Case, Claim, Outcome, Range, Skip, register
from relugeom.dimension import batch_functional_dimension
from relugeom.errors import BoundaryError
from relugeom.generic import generic_rank
from relugeom.jacobian import batch_patterns

from .common import EXCEPTIONAL, GENERIC_1D, nonempty_batch, GENERIC_THOROUGH


def _c3(case: Case) -> Outcome:
    dim = batch_functional_dimension(case.network, nonempty_batch(case)).rank
    g = generic_rank(case.network, case.inputs)
    values = {"dim_bfun": dim, "generic_rank": g.rank, "certified": g.certified}
    if dim > g.rank:
        return Outcome(False, f"dim_bfun {dim} > r(Δ) {g.rank}: the theorem would be false", values)
    return Outcome(dim == g.rank, f"dim_bfun {dim}, r(Δ) {g.rank}" + ("" if dim == g.rank else " (exceptional θ)"),
                   values)


def _c3_upper(case: Case) -> Outcome:
    dim = batch_functional_dimension(case.network, nonempty_batch(case)).rank
    g = generic_rank(case.network, case.inputs)
    return Outcome(dim <= g.rank <= g.upper, f"dim_bfun {dim} ≤ r(Δ) {g.rank} ≤ {g.upper}",
                   {"dim_bfun": dim, "generic_rank": g.rank, "upper": g.upper, "certified": g.certified})


def _c7(case: Case) -> Outcome:
    """Rank at a nearby θ' in the same pattern cell: equal at a generic θ, larger at an exceptional one."""
    net, batch = case.network, nonempty_batch(case)
    dim = batch_functional_dimension(net, batch).rank
    g = generic_rank(net, batch)
    rng = random.Random(hash(tuple(net.parameters())) & 0xFFFF)
    theta = [q + Fraction(rng.choice((-1, 1)) * rng.randint(1, 997), 10**7) for q in net.parameters()]
    near = net.with_parameters(theta)
    try:
        moved = batch_patterns(near, batch) != batch_patterns(net, batch)
    except BoundaryError as exc:  # a sample on a boundary at θ'
        raise Skip(str(exc)) from None
    if moved:
        raise Skip("the perturbation left the pattern cell")
    dim_near = batch_functional_dimension(near, batch).rank
    values = {"dim_bfun": dim, "nearby": dim_near, "generic_rank": g.rank}
    if dim == g.rank:
        return Outcome(dim_near == dim, f"rank {dim} at θ and {dim_near} nearby (locally constant)", values)
    return Outcome(dim_near > dim, f"exceptional θ: rank {dim} at θ, {dim_near} nearby", values)


register(Claim(
    "patterns.generic-rank", "patterns determine the rank (equality for generic θ)",
    "dim_bfun(θ, X) = r(Δ(θ, X)) for almost every θ; integer θ on a small grid are often exceptional",
    _c3, default=Range(((1, 2, 1),), (-1, 1), GENERIC_1D, (EXCEPTIONAL,)),
    thorough=GENERIC_THOROUGH, hypotheses=(NO_BOUNDARY_SAMPLE,), expect_counterexamples=True,
    aliases=("C3",)))


register(Claim(
    "patterns.generic-rank-upper", "dim_bfun ≤ r(Δ) ≤ min(N − H, n_L·n, per-region bound, structural bound)",
    "the rank at θ never exceeds the generic rank of its pattern, which never exceeds the proved bounds",
    _c3_upper, default=Range(((1, 2, 1),), (-1, 1), GENERIC_1D, (EXCEPTIONAL,)),
    thorough=GENERIC_THOROUGH, hypotheses=(NO_BOUNDARY_SAMPLE,),
    aliases=("C3-upper",)))


register(Claim(
    "patterns.local-constancy", "the rank is locally constant at generic θ, larger nearby at exceptional θ",
    "on U_Δ \\ E_Δ the rank equals its value at nearby θ' with the same pattern; at θ ∈ E_Δ nearby ranks are larger",
    _c7, default=Range(((1, 2, 1),), (-1, 1), GENERIC_1D[:1], (EXCEPTIONAL,)),
    thorough=GENERIC_THOROUGH, hypotheses=(NO_BOUNDARY_SAMPLE,),
    aliases=("C7",)))
