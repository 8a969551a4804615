"""Shallow networks (docs/theory.md §3.6): the derived 1-D theorem relating the rank to the perceived
activation regions, its bounds, the maximum ``2m + 1`` of ``(1, m, 1)`` networks and the rank formula in any
input dimension. The functions they use are :mod:`relugeom.shallow`.

* ``shallow.rank-vs-regions-1d`` (C9): ``dim_bfun = 2K − 1 + ε`` for ``f(x) = Σ v_i relu(w_i x + b_i) + c``
  with all ``v_i ≠ 0`` and every perceived run of ≥ 2 samples.
* ``shallow.rank-upper-1d`` (C10): ``dim_bfun ≤ min(Σ_k min(2, |G_k|), 2K − 1 + ε)`` for every θ.
* ``shallow.max-rank-1m1`` (C11): the maximum ``2m + 1 = N − H`` is attained by distinct breakpoints, dense
  samples and nonzero weights.
* ``shallow.degenerate-rank-1m1`` (C11-degenerate): ``≤ 2m`` for a degenerate θ.
* ``shallow.rank-formula`` (S-general-d): any input dimension, the rank is that of the rows
  ``[(x, 1) ⊗ a(x), 1]``.

Run: ``python -m proofs_checks shallow [--thorough] [--json]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from relugeom.claims import NO_BOUNDARY_SAMPLE, Case, Claim, Hypothesis, Outcome, Range, Skip, register
from relugeom.dimension import batch_functional_dimension
from relugeom.errors import BoundaryError
from relugeom.exact.rational import format_rational
from relugeom.network import ReLUNetwork
from relugeom.shallow import PerceivedRuns, activation_feature_rank, breakpoints, perceived_runs

# ------------------------------------------------------------------------------ hypotheses


def _output_weights_nonzero(case: Case) -> bool:
    return all(w != 0 for row in case.network.layers[-1].weight for w in row)


def _runs_or_none(case: Case) -> PerceivedRuns | None:
    if not case.inputs:
        return None
    try:
        return perceived_runs(case.network, case.inputs)
    except BoundaryError:
        return None


def _two_per_run(case: Case) -> bool:
    runs = _runs_or_none(case)
    return runs is not None and all(s >= 2 for s in runs.sizes)


def _is_one_m_one(net: ReLUNetwork) -> bool:
    return net.depth == 2 and net.n_inputs == 1 and net.n_outputs == 1


SCALAR_INPUT = Hypothesis("scalar-input", "the input is 1-D (n_0 = 1)", lambda case: case.network.n_inputs == 1)
NONZERO_OUTPUT = Hypothesis("nonzero-output-weights", "every output weight v_i is nonzero", _output_weights_nonzero)
TWO_PER_RUN = Hypothesis("two-samples-per-run",
                         "every perceived activation region holds at least 2 distinct samples", _two_per_run)


def _input_weights_nonzero(case: Case) -> bool:
    return all(w != 0 for row in case.network.layers[0].weight for w in row)


def _distinct_breakpoints(case: Case) -> bool:
    if not _is_one_m_one(case.network):
        return False
    bps = [b for b in breakpoints(case.network) if b is not None]
    return len(set(bps)) == len(bps)


def _dense_samples(case: Case) -> bool:
    """Every open interval cut out by the distinct breakpoints holds ≥ 2 distinct samples."""
    if not _is_one_m_one(case.network) or not case.inputs:
        return False
    cuts = sorted({b for b in breakpoints(case.network) if b is not None})
    xs = sorted({x[0] for x in case.inputs})
    counts = [0] * (len(cuts) + 1)
    for x in xs:
        if x in cuts:
            return False
        counts[sum(1 for c in cuts if c < x)] += 1
    return all(c >= 2 for c in counts)


def _degenerate(case: Case) -> bool:
    """Some w_i = 0, some v_i = 0, two equal breakpoints, or a breakpoint outside (min x, max x)."""
    net = case.network
    if not _is_one_m_one(net) or not case.inputs:
        return False
    bps = breakpoints(net)
    xs = [x[0] for x in case.inputs]
    lo, hi = min(xs), max(xs)
    defined = [b for b in bps if b is not None]
    return (len(defined) < len(bps) or not _output_weights_nonzero(case) or len(set(defined)) < len(defined)
            or any(not lo < b < hi for b in defined))


NONZERO_INPUT = Hypothesis("nonzero-weights", "every input weight w_i is nonzero (each neuron has a breakpoint)",
                           _input_weights_nonzero)
DISTINCT_BREAKPOINTS = Hypothesis("distinct-breakpoints", "the breakpoints −b_i/w_i are pairwise distinct",
                                  _distinct_breakpoints)
DENSE_SAMPLES = Hypothesis("dense-samples",
                           "each interval between consecutive breakpoints (and both rays) holds ≥ 2 distinct samples",
                           _dense_samples)
DEGENERATE = Hypothesis("degenerate", "some w_i = 0 or v_i = 0, two breakpoints coincide, or a breakpoint "
                        "lies outside (min x, max x)", _degenerate)
ONE_HIDDEN_LAYER = Hypothesis("one-hidden-layer", "the network has exactly one hidden layer",
                              lambda case: case.network.depth == 2)
SCALAR_OUTPUT = Hypothesis("scalar-output", "the network has one output", lambda case: case.network.n_outputs == 1)


# ------------------------------------------------------------------------------ predicates


def _shallow_scalar(case: Case) -> ReLUNetwork:
    net = case.network
    if net.depth != 2 or net.n_outputs != 1:
        raise Skip(f"the shallow theorem is about one hidden layer and one output, got architecture {net.architecture}")
    if not case.inputs:
        raise Skip("empty batch")
    return net


def _show(xs: Sequence[Fraction | None]) -> str:
    return "(" + ", ".join("none" if x is None else str(x) for x in xs) + ")"


def _theorem_s(case: Case) -> Outcome:
    net = _shallow_scalar(case)
    runs = perceived_runs(net, case.inputs)
    r = batch_functional_dimension(net, case.inputs).rank
    values = {"rank": r, "predicted": runs.formula, **runs.to_dict()}
    return Outcome(r == runs.formula,
                   f"dim_bfun = {r}, 2K − 1 + ε = {runs.formula} (K = {runs.K}, ε = {runs.epsilon}, "
                   f"region sizes {list(runs.sizes)})", values)


def _theorem_s_bounds(case: Case) -> Outcome:
    net = _shallow_scalar(case)
    runs = perceived_runs(net, case.inputs)
    r = batch_functional_dimension(net, case.inputs).rank
    values = {"rank": r, "predicted": runs.formula, **runs.to_dict()}
    ok = r <= runs.run_bound and r <= runs.formula
    return Outcome(ok, f"dim_bfun = {r} ≤ Σ min(2,|G_k|) = {runs.run_bound} and ≤ 2K − 1 + ε = {runs.formula} "
                   f"(K = {runs.K}, ε = {runs.epsilon})", values)


def _one_m_one(case: Case) -> tuple[ReLUNetwork, int]:
    net = case.network
    if not _is_one_m_one(net):
        raise Skip(f"the claim is about (1, m, 1) networks, got architecture {net.architecture}")
    if not case.inputs:
        raise Skip("empty batch")
    return net, net.architecture[1]


def _maximum_attained(case: Case) -> Outcome:
    net, m = _one_m_one(case)
    r = batch_functional_dimension(net, case.inputs).rank
    bps = breakpoints(net)
    return Outcome(r == 2 * m + 1, f"dim_bfun = {r}, 2m + 1 = {2 * m + 1} (breakpoints {_show(bps)})",
                   {"rank": r, "m": m, "max": 2 * m + 1, "breakpoints": [None if b is None else format_rational(b) for b in bps]})


def _degenerate_bound(case: Case) -> Outcome:
    net, m = _one_m_one(case)
    r = batch_functional_dimension(net, case.inputs).rank
    bps = breakpoints(net)
    return Outcome(r <= 2 * m, f"dim_bfun = {r} ≤ 2m = {2 * m} (breakpoints {_show(bps)})",
                   {"rank": r, "m": m, "bound": 2 * m, "breakpoints": [None if b is None else format_rational(b) for b in bps]})


def _general_d(case: Case) -> Outcome:
    if not case.inputs:
        raise Skip("empty batch")
    net = case.network
    r = batch_functional_dimension(net, case.inputs).rank
    predicted = activation_feature_rank(net, case.inputs)
    return Outcome(r == predicted, f"dim_bfun = {r}, rank [(x,1) ⊗ a(x), 1] = {predicted}",
                   {"rank": r, "predicted": predicted})


# ------------------------------------------------------------------------------------ ranges


def _net(w1: Sequence[object], b1: Sequence[object], v: Sequence[object], c: object) -> ReLUNetwork:
    """A (n_0, m, 1) network from rows ``w1`` (each a list of n_0 weights, or a number for n_0 = 1)."""
    rows = [list(w) if isinstance(w, (list, tuple)) else [w] for w in w1]
    return ReLUNetwork.from_arrays([(rows, list(b1)), ([list(v)], [c])])


def _points(*xs: object) -> tuple[tuple[object, ...], ...]:
    return tuple(x if isinstance(x, tuple) else (x,) for x in xs)


# 1-D batches (denominators 3 and 5 avoid the breakpoints −b/w of small integer weights)
DENSE8 = _points("-5/3", "-4/3", "-2/3", "-1/3", "1/3", "2/3", "4/3", "5/3")      # 2 per unit interval in [-2, 2]
GAPPY6 = _points("-7/3", "-5/3", "-1/3", "1/3", "5/3", "7/3")                      # 1 sample in (-1, 0) and in (0, 1)
SHUFFLED7 = _points("4/3", "-1/3", "7/3", "-5/3", "2/3", "-7/3", "5/3")            # unsorted, 1 sample in (-1, 0)
DENSE16 = _points("-12/5", "-11/5", "-8/5", "-6/5", "-4/5", "-3/5", "-2/5", "-1/5",
                  "1/5", "2/5", "3/5", "4/5", "6/5", "8/5", "11/5", "12/5")          # 2 per piece for weights -2..2
EXAMPLE_1_2 = _points(-3, -2, "1/2", "3/4", 2, 3)                                    # docs/theory.md §3.3
# 2-D and 3-D batches (for the scalar-input / general-d checks)
PLANE8 = _points(("1/3", "1/5"), ("2/3", "-1/5"), ("-1/3", "2/5"), ("-2/3", "-3/5"), ("1/5", "-2/3"),
                 ("-1/5", "4/3"), ("4/3", "1/7"), ("-5/3", "-1/7"))
SPACE8 = _points(("1/3", "1/5", "-1/7"), ("-2/3", "1/5", "2/7"), ("1/3", "-4/5", "3/7"), ("2/3", "3/5", "-5/7"),
                 ("-1/3", "-2/5", "-1/7"), ("4/3", "-1/5", "1/7"), ("-1/3", "6/5", "-4/7"), ("5/3", "2/5", "6/7"))

BATCHES_1D = (DENSE8, GAPPY6, SHUFFLED7, EXAMPLE_1_2)

EXAMPLE_NET = _net([1, -1], [0, 1], [3, 2], 1)                     # docs/theory.md §3.3, generic: dim_bfun 5
EXAMPLE_NET_V0 = _net([1, -1], [0, 1], [0, 2], 1)                   # same pattern, v_1 = 0: dim_bfun 4
PLANE_NET = _net([[1, 1]], [0], [1], 0)                             # (2,1,1): a region gives 3 > 2 rows
PLANE_NET_2 = _net([[1, -1], [2, 1]], [0, "1/2"], [1, -2], 1)       # (2,2,1)
SPACE_NET = _net([[1, 1, -1], [-1, 2, 1], [1, 0, 1]], [0, "1/2", -1], [2, -1, 1], 0)   # (3,3,1)
THREE_KINKS = _net([1, 1, -1], [1, 0, 1], [1, -1, 2], 0)             # (1,3,1), breakpoints -1, 0, 1
TWO_SIDED_CUT = _net([1, -1], [0, 0], [1, 1], 0)                    # |x|: a cut made by both types, ε = 1
ALWAYS_ON = _net([1, 0], [0, 1], [1, 2], 0)                          # neuron 2 active everywhere, ε = 1
DEEP_NET = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [1]), ([[1]], [0])])          # (1,1,1,1)
TWO_OUTPUTS = ReLUNetwork.from_arrays([([[1]], [0]), ([[1], [2]], [0, 1])])             # (1,1,2)

SHALLOW_FIXED = (EXAMPLE_NET, EXAMPLE_NET_V0, THREE_KINKS, TWO_SIDED_CUT, ALWAYS_ON, PLANE_NET, PLANE_NET_2)

C9_DEFAULT = Range(((1, 1, 1), (1, 2, 1)), (-1, 1), batches=BATCHES_1D + (PLANE8,), networks=SHALLOW_FIXED)
# weights -2..2 give the breakpoints 0, ±1/2, ±1, ±2 (DENSE16 puts 2 samples in each piece)
C9_THOROUGH = Range(((1, 1, 1), (1, 2, 1)), (-2, 2), batches=(DENSE8, GAPPY6, DENSE16, PLANE8),
                    networks=SHALLOW_FIXED)
C10_THOROUGH = Range(((1, 1, 1), (1, 2, 1), (1, 3, 1), (2, 1, 1)), (-1, 1), batches=(DENSE8, GAPPY6, DENSE16, PLANE8),
                     networks=SHALLOW_FIXED)
C11_DEFAULT = Range(((1, 1, 1), (1, 2, 1)), (-1, 1), batches=(DENSE8, GAPPY6, SHUFFLED7, EXAMPLE_1_2, DENSE16),
                    networks=(EXAMPLE_NET, EXAMPLE_NET_V0, THREE_KINKS, TWO_SIDED_CUT, ALWAYS_ON))
C11_THOROUGH = Range(((1, 1, 1), (1, 2, 1)), (-2, 2), batches=(DENSE8, GAPPY6, DENSE16),
                     networks=C11_DEFAULT.networks)
C11_DEGENERATE_THOROUGH = Range(((1, 1, 1), (1, 2, 1), (1, 3, 1)), (-1, 1), batches=(DENSE8, GAPPY6, DENSE16),
                                networks=C11_DEFAULT.networks)
GENERAL_FIXED = SHALLOW_FIXED + (SPACE_NET, DEEP_NET, TWO_OUTPUTS)
GENERAL_DEFAULT = Range(((1, 2, 1), (2, 1, 1), (1, 1, 1, 1), (1, 1, 2)), (-1, 1),
                        batches=(DENSE8, GAPPY6, EXAMPLE_1_2, PLANE8, SPACE8), networks=GENERAL_FIXED)
GENERAL_THOROUGH = Range(((1, 2, 1), (1, 3, 1), (2, 1, 1), (2, 2, 1), (3, 1, 1)), (-1, 1),
                         batches=(DENSE8, DENSE16, PLANE8, SPACE8), networks=GENERAL_FIXED)


# ------------------------------------------------------------------------------------ claims

SHALLOW_RANK_VS_REGIONS_1D = register(Claim(
    "shallow.rank-vs-regions-1d", "shallow 1-D: dim_bfun = 2K − 1 + ε (derived)",
    "For f(x) = Σ v_i relu(w_i x + b_i) + c with all v_i ≠ 0 and samples x_1 < … < x_n (none on a breakpoint) "
    "whose every perceived run G_k of equal activation pattern has ≥ 2 samples: dim_bfun = 2K − 1 + ε, "
    "K = number of runs, ε = 1 iff a neuron is active on every sample or a cut between runs is made by both a "
    "prefix-type (w < 0) and a suffix-type (w > 0) neuron (docs/theory.md §3.6, shallow.rank-vs-regions-1d).",
    _theorem_s, C9_DEFAULT, C9_THOROUGH,
    hypotheses=(SCALAR_INPUT, NONZERO_OUTPUT, TWO_PER_RUN, NO_BOUNDARY_SAMPLE), aliases=("C9",)))

SHALLOW_RANK_UPPER_1D = register(Claim(
    "shallow.rank-upper-1d", "shallow 1-D: dim_bfun ≤ min(Σ min(2,|G_k|), 2K − 1 + ε) for every θ",
    "For every (1, m, 1) network (any v, zero weights allowed) and samples with none on a breakpoint: "
    "dim_bfun ≤ Σ_k min(2, |G_k|) and dim_bfun ≤ 2K − 1 + ε, K = number of activation regions perceived "
    "(docs/theory.md §3.6, shallow.rank-upper-1d).",
    _theorem_s_bounds, C9_DEFAULT, C10_THOROUGH,
    hypotheses=(SCALAR_INPUT, NO_BOUNDARY_SAMPLE), aliases=("C10",)))

SHALLOW_MAX_RANK_1M1 = register(Claim(
    "shallow.max-rank-1m1", "(1,m,1): max dim_bfun = 2m + 1 = N − H, attained",
    "For a (1, m, 1) network with all w_i ≠ 0, all v_i ≠ 0, pairwise distinct breakpoints −b_i/w_i and ≥ 2 "
    "distinct samples in each of the m + 1 intervals they cut out: dim_bfun = 2m + 1 = N − H (claim shallow.max-rank-1m1).",
    _maximum_attained, C11_DEFAULT, C11_THOROUGH,
    hypotheses=(NONZERO_INPUT, NONZERO_OUTPUT, DISTINCT_BREAKPOINTS, NO_BOUNDARY_SAMPLE, DENSE_SAMPLES), aliases=("C11",)))

SHALLOW_DEGENERATE_RANK_1M1 = register(Claim(
    "shallow.degenerate-rank-1m1", "(1,m,1): a degenerate θ has dim_bfun ≤ 2m",
    "For a (1, m, 1) network with some w_i = 0, some v_i = 0, two coinciding breakpoints, or a breakpoint "
    "outside (min x, max x) (a neuron with no breakpoint on the data): dim_bfun ≤ 2m < N − H (claim shallow.max-rank-1m1).",
    _degenerate_bound, C11_DEFAULT, C11_DEGENERATE_THOROUGH,
    hypotheses=(DEGENERATE, NO_BOUNDARY_SAMPLE), aliases=("C11-degenerate",)))

SHALLOW_RANK_FORMULA = register(Claim(
    "shallow.rank-formula", "shallow, any input dimension: dim_bfun = rank [(x,1) ⊗ a(x), 1]",
    "For a network with one hidden layer, one output and all output weights nonzero, and samples with none on "
    "a boundary: dim_bfun equals the rank of the matrix whose row for sample x is "
    "[a_1(x)·(x,1), …, a_m(x)·(x,1), 1], a(x) the activation pattern (docs/theory.md §3.6 derivation, any n_0).",
    _general_d, GENERAL_DEFAULT, GENERAL_THOROUGH,
    hypotheses=(ONE_HIDDEN_LAYER, SCALAR_OUTPUT, NONZERO_OUTPUT, NO_BOUNDARY_SAMPLE), aliases=("S-general-d",)))
