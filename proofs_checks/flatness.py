"""Flatness of minima (docs/theory.md §3.10): the exact Hessian of the squared loss against the rank of the
Jacobian (:func:`relugeom.loss.loss_hessian`).

* ``flatness.interpolating-hessian``: at an interpolating point (``F = Y``) the Hessian is ``JᵀJ``, so its
  rank is the batch functional dimension and there are ``N − rank`` flat directions.
* ``flatness.critical-hessian-pitfall`` (a pitfall): at a critical point with positive loss the Hessian rank
  need not be the Jacobian rank (the term ``Σ_r e_r ∇²F_r`` adds or cancels curvature).

Run: ``python -m proofs_checks flatness [--thorough] [--json]``.
"""

from __future__ import annotations

from relugeom.claims import NO_BOUNDARY_SAMPLE, Case, Claim, Outcome, Range, Skip, register
from relugeom.dimension import batch_functional_dimension
from relugeom.exact.linalg import rank
from relugeom.jacobian import jacobian
from relugeom.loss import critical_targets, loss_hessian, squared_loss

from .common import BATCHES_1D, BATCHES_2D, nonempty_batch


def _small(case: Case) -> None:
    if case.network.n_params > 16:
        raise Skip("an N × N exact Hessian: kept to at most 16 parameters")


def _interpolating(case: Case) -> Outcome:
    _small(case)
    net, batch = case.network, nonempty_batch(case)
    targets = [net.forward(x) for x in batch]
    hess = loss_hessian(net, batch, targets)
    jac = jacobian(net, batch).matrix  # independent: JᵀJ from the plain Jacobian
    gram = tuple(tuple(sum((row[a] * row[b] for row in jac), 0) for b in range(net.n_params))
                 for a in range(net.n_params))
    r_h, r_j = rank(hess).rank, batch_functional_dimension(net, batch).rank
    holds = hess == gram and r_h == r_j
    return Outcome(holds, f"Hessian {'=' if hess == gram else '≠'} JᵀJ, rank {r_h} vs rank J {r_j}; "
                          f"{net.n_params - r_h} flat directions",
                   {"hessian_rank": r_h, "rank": r_j, "flat_directions": net.n_params - r_h})


def _critical(case: Case) -> Outcome:
    _small(case)
    net, batch = case.network, nonempty_batch(case)
    rows = net.n_outputs * len(batch)
    targets, residual = critical_targets(net, batch, (1,) * rows)
    if not any(residual):
        raise Skip("J has full row rank: every critical point interpolates")
    r_h = rank(loss_hessian(net, batch, targets)).rank
    r_j = batch_functional_dimension(net, batch).rank
    return Outcome(r_h == r_j, f"critical point with loss {squared_loss(net, batch, targets)}: Hessian rank {r_h}, "
                               f"rank J {r_j}", {"hessian_rank": r_h, "rank": r_j})


_DEFAULT = Range(((1, 1, 1), (1, 2, 1)), (-1, 1), BATCHES_1D[:1] + BATCHES_2D[:1])
_THOROUGH = Range(((1, 2, 1), (2, 1, 1), (1, 1, 2), (1, 1, 1, 1), (2, 2, 1)), (-1, 1), BATCHES_1D + BATCHES_2D)

register(Claim(
    "flatness.interpolating-hessian", "at an interpolating point the Hessian is JᵀJ: its rank is dim_bfun",
    "for L(θ) = ½ Σ_x ‖f_θ(x) − y(x)‖² with y = f_θ on X (no boundary sample): ∇²L(θ) = JᵀJ exactly, so "
    "rank ∇²L = dim_bfun(θ, X) and the zero-loss set has N − dim_bfun flat directions at θ (the flatness of "
    "arXiv:2402.08269 v2)",
    _interpolating, default=_DEFAULT, thorough=_THOROUGH, hypotheses=(NO_BOUNDARY_SAMPLE,)))

register(Claim(
    "flatness.critical-hessian-pitfall", "pitfall: at a critical point with positive loss, Hessian rank = rank J",
    "NOT a theorem: at a critical point θ of L with F ≠ Y (targets Y = F − E, Jᵀ E = 0, E ≠ 0) the Hessian "
    "JᵀJ + Σ_r E_r ∇²F_r can have a rank other than rank J",
    _critical, default=_DEFAULT, thorough=_THOROUGH, hypotheses=(NO_BOUNDARY_SAMPLE,), expect_counterexamples=True))
