"""Sampling (docs/theory.md §3.5): how the batch functional dimension grows with the batch, and how often
a uniform sample of size n misses ``dim_cfun``.

* ``sampling.monotone-saturation`` (C6): ``n ↦ dim_bfun(θ, X_{1:n})`` is monotone, ``≤ dim_cfun``, and equal
  to it once every region holds ``n_0 + 1`` samples.
* ``sampling.failure-bound`` (C6-bound): the frequency of a uniform sample of size ``n`` missing
  ``dim_cfun`` against the exact bound ``Σ_δ P[Bin(n, p_δ) ≤ n_0]`` (Monte Carlo, 4σ slack).

Run: ``python -m proofs_checks sampling [--thorough] [--json]``.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from math import isqrt

from relugeom.claims import NO_BOUNDARY_SAMPLE, Case, Claim, Hypothesis, Outcome, Range, Skip, register
from relugeom.dimension import batch_functional_dimension
from relugeom.domain import Domain
from relugeom.generic import computable_full_dimension
from relugeom.jacobian import batch_patterns
from relugeom.network import ReLUNetwork
from relugeom.regions import enumerate_regions
from relugeom.sampling import sampling_curve

from .common import GENERIC_1D, nonempty_batch

def _c6(case: Case) -> Outcome:
    """Monotone in n, bounded by dim_cfun, and equal to it once every region holds n_0 + 1 samples."""
    net, batch = case.network, nonempty_batch(case)
    regions = enumerate_regions(net).regions
    full = computable_full_dimension(net, regions).rank
    ranks = [batch_functional_dimension(net, batch[:n]).rank for n in range(1, len(batch) + 1)]
    monotone = all(a <= b for a, b in zip(ranks, ranks[1:]))
    counts = Counter(batch_patterns(net, batch))
    saturated = all(counts[r.pattern] >= net.n_inputs + 1 for r in regions)
    holds = monotone and ranks[-1] <= full and (not saturated or ranks[-1] == full)
    return Outcome(holds, f"ranks {ranks} (dim_cfun {full}{', every region saturated' if saturated else ''})",
                   {"ranks": ranks, "dim_cfun": full, "saturated": saturated})


def _distinct(case: Case) -> bool:
    """No repeated sample (a repeated sample adds no row, so it cannot help saturate a region)."""
    return len(set(case.inputs)) == len(case.inputs)



register(Claim(
    "sampling.monotone-saturation", "sampling: n ↦ dim_bfun(θ, X_1:n) is monotone, ≤ dim_cfun, and equal once every region is saturated",
    "for any sample sequence; equality once every region holds n_0 + 1 samples in general position",
    _c6, default=Range(((1, 2, 1),), (-1, 1), (GENERIC_1D[0] + (("-11/3",), ("11/3",), ("1/7",), ("-1/7",)),
                                               (("-7/3",), ("-7/3",), ("1/3",), ("1/3",), ("7/3",), ("7/3",)))),
    thorough=Range(((1, 2, 1), (1, 1, 1, 1)), (-1, 1), GENERIC_1D + (GENERIC_1D[0] + (("-11/3",), ("11/3",)),)),
    hypotheses=(NO_BOUNDARY_SAMPLE, Hypothesis("distinct-samples", "no repeated sample", _distinct)),
    aliases=("C6",)))


def _bound_check(case: Case, relative_to: str) -> Outcome:
    """Observed frequency ≤ bound + 4 standard deviations + 1/trials (a Monte Carlo check)."""
    net = case.network
    if net.n_inputs > 2:
        raise Skip("exact region volumes are implemented for input dimension 1 and 2")
    domain = Domain.box(-2, 2, dim=net.n_inputs)
    trials = int(case.extra("trials", 20))
    curve = sampling_curve(net, domain, case.extra("sizes", (4, 8, 16)), trials, seed=int(case.extra("seed", 0)),
                           relative_to=relative_to)
    ok = True
    for freq, bound in zip(curve.frequencies(), curve.bounds):
        slack = Fraction(4 * isqrt(int(bound * (1 - bound) * trials * 10**6)) + 1, trials * 10**3) + Fraction(1, trials)
        ok &= freq <= bound + slack
    detail = ", ".join(f"n={n}: {f}/{curve.trials} vs bound {float(b):.3f}"  # float-ok: display only
                       for n, f, b in zip(curve.sizes, curve.failures, curve.bounds))
    return Outcome(ok, f"{detail} (dim_cfun {curve.dim_cfun}, on the box {curve.dim_support})",
                   {"sizes": list(curve.sizes), "failures": list(curve.failures), "dim_cfun": curve.dim_cfun,
                    "dim_support": curve.dim_support, "bounds": [str(b) for b in curve.bounds], "trials": trials})


def _support_bound(case: Case) -> Outcome:
    return _bound_check(case, "support")


def _global_bound(case: Case) -> Outcome:
    return _bound_check(case, "global")


def _shallow(*weights) -> ReLUNetwork:
    w, b, v, c = weights
    return ReLUNetwork.from_arrays([([[x] for x in w], b), ([v], [c])])


# 3 relu(x) + 2 relu(x − 5) + 1: the box [−2, 2] never reaches x > 5, where the rows of the second neuron live.
OUTSIDE_KINK = _shallow([1, 1], [0, -5], [3, 2], 1)
_SAMPLING_NETS = (_shallow([1, -1], [0, 1], [3, 2], 1), _shallow([2, -1, 1], [1, 0, -1], [1, 1, -2], 0), OUTSIDE_KINK,
                  _shallow([1, 1, -1], [0, 3, 1], [1, -2, 1], 0))
_SAMPLING_THOROUGH = _SAMPLING_NETS + (
    ReLUNetwork.from_arrays([([[1, 0], [0, 1], [1, 1]], [0, 0, -1]), ([[1, 2, -1]], [0])]),
    ReLUNetwork.from_arrays([([[1, 0], [0, 1], [1, 1]], [0, 0, -5]), ([[1, 2, -1]], [0])]))

register(Claim(
    "sampling.failure-bound", "sampling: P[dim_bfun ≠ dim_cfun on the box] ≤ Σ_δ P[Bin(n, p_δ) ≤ n_0] (uniform on [-2, 2]^d)",
    "for n i.i.d. uniform samples of K = [−2, 2]^d, P[dim_bfun(θ, X) ≠ dim_K] ≤ Σ_δ P[Bin(n, p_δ) ≤ n_0] over the "
    "regions R_δ meeting K (p_δ = vol(R_δ ∩ K)/vol K), where dim_K is the rank of the rows a_δ, B_δ e_k of those "
    "regions (dim_cfun relative to the sampling law); the frequency stays below the exact bound (Monte Carlo, 4σ)",
    _support_bound, default=Range((), networks=_SAMPLING_NETS), thorough=Range((), networks=_SAMPLING_THOROUGH),
    aliases=("C6-bound",)))

register(Claim(
    "sampling.global-dimension-pitfall", "pitfall: the sampling bound against dim_cfun over all of R^d",
    "NOT a theorem: P[dim_bfun ≠ dim_cfun] ≤ Σ_{δ : R_δ ∩ K ≠ ∅} P[Bin(n, p_δ) ≤ n_0] fails when a region of R^d "
    "misses the box: f(x) = 3 relu(x) + 2 relu(x − 5) + 1 on [−2, 2] has dim_cfun 5 but every sample rank ≤ 3, "
    "while the bound tends to 0",
    _global_bound, default=Range((), networks=_SAMPLING_NETS), thorough=Range((), networks=_SAMPLING_THOROUGH),
    expect_counterexamples=True))
