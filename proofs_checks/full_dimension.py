"""The computable full functional dimension ``dim_cfun`` (docs/theory.md §3.4).

* ``cfun.computable`` (C5): ``dim_bfun(θ, X) ≤ dim_cfun(θ) = rank M(θ) ≤ N − H``, attained by ``n_0 + 1``
  affinely independent points per region.
* ``cfun.maximum-attained`` (C13): random draws reach ``dim_cfun = N − H`` (narrowing architectures).
* ``cfun.dead-neuron`` (C14): a dead neuron in layer ``l ≥ 2`` lowers ``dim_cfun`` by ``n_{l−1} + n_{l+1}``.
* ``cfun.determined-by-patterns``: ``dim_cfun(θ) ≤`` the generic rank of the frozen rows of the achievable
  patterns ``A(θ)`` (the pattern set fixed, θ' random); exceptional θ are reported in the values.
* ``cfun.full-row-rank``: a critical point of the squared loss whose Jacobian has full row rank ``n·n_L``
  has zero loss (without full rank: critical points with positive loss).

Run: ``python -m proofs_checks full_dimension [--thorough] [--json]``.
"""

from __future__ import annotations

import random
from fractions import Fraction

from relugeom.claims import NO_BOUNDARY_SAMPLE, Case, Claim, Hypothesis, Outcome, Range, Skip, register
from relugeom.dimension import batch_functional_dimension
from relugeom.errors import BoundaryError
from relugeom.exact.linalg import rank
from relugeom.generic import computable_full_dimension, decisive_batch, random_parameters
from relugeom.jacobian import frozen_jacobian
from relugeom.loss import critical_targets, loss_gradient, squared_loss
from relugeom.network import ReLUNetwork
from relugeom.regions import enumerate_regions

from .common import EXCEPTIONAL, GENERIC_1D, GENERIC_2D, GENERIC_THOROUGH


def _c5(case: Case) -> Outcome:
    net = case.network
    regions = enumerate_regions(net).regions
    full = computable_full_dimension(net, regions)
    try:
        attained = batch_functional_dimension(net, decisive_batch(regions)).rank
    except BoundaryError as exc:  # a neuron identically 0 on a region: every point there is a boundary point
        raise Skip(str(exc)) from None
    dim = batch_functional_dimension(net, case.inputs).rank if case.inputs else 0
    values = {"dim_cfun": full.rank, "attained": attained, "dim_bfun": dim, "N-H": full.bound, "regions": full.regions}
    holds = dim <= full.rank == attained <= full.bound
    return Outcome(holds, f"dim_bfun {dim} ≤ dim_cfun {full.rank} (decisive batch: {attained}) ≤ N − H {full.bound}",
                   values)


def _narrowing(case: Case) -> bool:
    """Hidden widths non-increasing: n_1 ≥ n_2 ≥ … ≥ n_{L−1}."""
    hidden = case.network.architecture[1:-1]
    return all(a >= b for a, b in zip(hidden, hidden[1:]))


def _c13(case: Case) -> Outcome:
    """Max over random draws of dim_cfun reaches N − H (hidden widths non-increasing)."""
    net = case.network
    if net.n_hidden > 6:
        raise Skip("dim_cfun of many random draws: kept to at most 6 hidden neurons")
    rng = random.Random(sum(net.architecture) * 7919)
    best = 0
    for _ in range(int(case.extra("draws", 40))):
        theta = [Fraction(rng.choice((-1, 1)) * rng.randint(1, 9), rng.randint(1, 5)) for _ in range(net.n_params)]
        best = max(best, computable_full_dimension(net.with_parameters(theta)).rank)
        if best == net.n_params - net.n_hidden:
            break
    if best < net.n_params - net.n_hidden:
        # an existence claim: not finding θ in a few draws proves nothing (1-3-2-1-1 needs ~300 draws)
        raise Skip(f"undecided: max dim_cfun {best} < N − H {net.n_params - net.n_hidden} in the draws")
    return Outcome(True, f"max dim_cfun {best} = N − H", {"max_dim_cfun": best, "N-H": net.n_params - net.n_hidden})


def _dead_neuron(net: ReLUNetwork) -> tuple[int, int] | None:
    """A neuron (layer ≥ 2, 0-based index) whose incoming weights are ≤ 0 and bias < 0: dead on every input."""
    for l in range(1, net.depth - 1):
        for i, (row, b) in enumerate(zip(net.layers[l].weight, net.layers[l].bias)):
            if b < 0 and all(w <= 0 for w in row):
                return l, i
    return None


def _c14(case: Case) -> Outcome:
    net = case.network
    dead = _dead_neuron(net)
    if dead is None:
        raise Skip("no dead neuron")
    l, _ = dead
    arch = net.architecture
    bound = net.n_params - net.n_hidden - (arch[l] + arch[l + 2])
    full = computable_full_dimension(net).rank
    return Outcome(full <= bound, f"dim_cfun {full} ≤ N − H − (n_{l} + n_{l + 2}) = {bound}",
                   {"dim_cfun": full, "bound": bound})


def _seeded_dead_networks(count: int, seed: int) -> tuple[ReLUNetwork, ...]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        w1 = [[rng.randint(-3, 3)] for _ in range(2)]
        b1 = [rng.randint(-3, 3) for _ in range(2)]
        w2 = [[-rng.randint(0, 3), -rng.randint(0, 3)], [rng.randint(-3, 3), rng.randint(-3, 3)]]
        b2 = [-rng.randint(1, 3), rng.randint(-3, 3)]
        out.append(ReLUNetwork.from_arrays([(w1, b1), (w2, b2), ([[rng.randint(-3, 3), rng.randint(-3, 3)]],
                                                                 [rng.randint(-3, 3)])]))
    return tuple(out)


def _template(*arch: int) -> ReLUNetwork:
    return ReLUNetwork.from_arrays([([[0] * i for _ in range(o)], [0] * o) for i, o in zip(arch, arch[1:])])


register(Claim(
    "cfun.computable", "computable full functional dimension",
    "dim_bfun(θ, X) ≤ dim_cfun(θ) = rank M(θ) ≤ N − H, attained by n_0 + 1 affinely independent points per region",
    _c5, default=Range(((1, 2, 1), (2, 1, 1)), (-1, 1), GENERIC_1D[:1] + GENERIC_2D),
    thorough=GENERIC_THOROUGH, hypotheses=(NO_BOUNDARY_SAMPLE,),
    aliases=("C5",)))


register(Claim(
    "cfun.maximum-attained", "max over θ of the functional dimension is N − H (narrowing architectures)",
    "for hidden widths n_1 ≥ … ≥ n_{L−1}, some θ has dim_cfun(θ) = N − H: found among ≤ 40 seeded random draws "
    "(not every draw does: cfun.dead-neuron); an architecture where none is found is undecided (skipped), since "
    "sampling cannot refute an existence claim",
    _c13, default=Range((), networks=(_template(1, 1, 1), _template(1, 2, 1), _template(2, 2, 1),
                                      _template(2, 2, 2, 1),
                                      # widening: outside the hypothesis, evaluated only when it is dropped
                                      _template(1, 1, 2, 1), _template(2, 1, 2, 1))),
    thorough=Range((), networks=(_template(1, 3, 1), _template(2, 2, 2, 1), _template(3, 2, 2, 1),
                                 _template(2, 2, 1, 1))),
    hypotheses=(Hypothesis("narrowing", "hidden widths are non-increasing (n_1 ≥ … ≥ n_{L−1})", _narrowing),),
    aliases=("C13",)))


register(Claim(
    "cfun.dead-neuron", "a dead neuron lowers the functional dimension",
    "a layer-l neuron (l ≥ 2) with incoming weights ≤ 0 and bias < 0 gives dim_cfun ≤ N − H − (n_{l-1} + n_{l+1})",
    _c14, default=Range((), networks=_seeded_dead_networks(40, 14)),
    thorough=Range((), networks=_seeded_dead_networks(300, 14)),
    aliases=("C14",)))


# ----------------------------------------------------------------------------- cfun.determined-by-patterns

PATTERN_CLAIMS_MAX_HIDDEN = 6  # regions of R^{n_0} and ranks at random θ': keep the networks small


def _pattern_rows(net: ReLUNetwork, patterns) -> object:
    """The frozen rows ``a_δ + B_δ x`` at ``x = 0, e_1, …, e_{n_0}`` of every pattern δ (their span is that of
    ``a_δ, B_δ e_k``), as the integer-scaled matrix of :func:`frozen_jacobian`."""
    d = net.n_inputs
    points = [tuple(int(i == k) for i in range(d)) for k in range(-1, d)]
    return frozen_jacobian(net, [x for _ in patterns for x in points], [p for p in patterns for _ in points]).scaled


def _determined_by_patterns(case: Case) -> Outcome:
    net = case.network
    if net.n_hidden > PATTERN_CLAIMS_MAX_HIDDEN:
        raise Skip(f"regions and random ranks: kept to at most {PATTERN_CLAIMS_MAX_HIDDEN} hidden neurons")
    regions = enumerate_regions(net).regions
    patterns = [r.pattern for r in regions]
    full = computable_full_dimension(net, regions).rank
    here = rank(_pattern_rows(net, patterns)).rank  # the same rows at θ, built independently
    upper = min(net.n_params - net.n_hidden, net.n_outputs * (net.n_inputs + 1) * len(patterns))
    rng, generic, witness = random.Random(0), -1, ()
    for _ in range(3):  # Schwartz–Zippel: exact ranks at random rational θ' (the patterns kept fixed)
        theta = random_parameters(net, rng)
        value = rank(_pattern_rows(net.with_parameters(theta), patterns)).rank
        if value > generic:
            generic, witness = value, tuple(theta)
        if generic >= upper:
            break
    exceptional = full < generic
    detail = (f"dim_cfun {full} (rows at θ: {here}) ≤ generic value {generic} of the {len(patterns)} achievable "
              f"patterns (upper bound {upper})" + (": exceptional θ" if exceptional else ""))
    return Outcome(here == full <= generic <= upper, detail,
                   {"dim_cfun": full, "rows_at_theta": here, "generic": generic, "upper": upper,
                    "certified": generic == upper, "exceptional": exceptional, "patterns": len(patterns),
                    "witness": witness})


register(Claim(
    "cfun.determined-by-patterns", "dim_cfun is bounded by the generic value of its achievable patterns",
    "dim_cfun(θ) ≤ g(A(θ)) := max over θ' of the rank of the frozen rows a_δ(θ'), B_δ(θ') e_k of the achievable "
    "patterns δ ∈ A(θ) (the pattern set fixed, θ' free), with g ≤ min(N − H, n_L (n_0 + 1)|A(θ)|); g is the exact "
    "rank at random rational θ' (a certified lower bound); exceptional θ (dim_cfun < g) are reported, not failures",
    _determined_by_patterns,
    default=Range(((1, 2, 1), (2, 1, 1)), (-1, 1), networks=(EXCEPTIONAL,)),
    thorough=Range(((1, 2, 1), (2, 1, 1), (1, 1, 2), (1, 1, 1, 1), (2, 2, 1)), (-1, 1), networks=(EXCEPTIONAL,))))


# ----------------------------------------------------------------------------- cfun.full-row-rank

_FULL_ROW_RANK_BATCHES = ((("-1/3",), ("2/3",)), (("-5/3",), ("-2/3",), ("4/3",)), GENERIC_1D[1], GENERIC_2D[0][:3])


def _full_row_rank(case: Case) -> bool:
    try:
        return bool(case.inputs) and batch_functional_dimension(case.network, case.inputs).rank == \
            case.network.n_outputs * len(case.inputs)
    except BoundaryError:
        return False


def _critical_full_rank(case: Case) -> Outcome:
    net, batch = case.network, case.inputs
    if not batch:
        raise Skip("empty batch")
    if net.n_hidden > PATTERN_CLAIMS_MAX_HIDDEN:
        raise Skip(f"kept to at most {PATTERN_CLAIMS_MAX_HIDDEN} hidden neurons")
    rows, dim = net.n_outputs * len(batch), batch_functional_dimension(net, batch).rank
    targets, residual = critical_targets(net, batch, (1,) * rows)  # E = the sum of a basis of ker Jᵀ
    gradient = loss_gradient(net, batch, targets)
    loss = squared_loss(net, batch, targets)
    fiber = net.n_params - rows  # dimension of the zero-loss manifold near θ when J has full row rank
    critical = not any(gradient)
    holds = critical and loss == 0 and (dim < rows or fiber >= net.n_hidden)
    detail = (f"rank J {dim} of {rows} rows; targets Y = F − E with Jᵀ E = 0: "
              + ("critical" if critical else "NOT critical (construction error)") + f", loss {loss}"
              + (f", zero-loss manifold of dimension N − n·n_L = {fiber} ≥ H = {net.n_hidden}" if dim == rows else ""))
    return Outcome(holds, detail, {"rank": dim, "rows": rows, "loss": loss, "critical": critical,
                                   "residual": tuple(str(v) for v in residual)})


register(Claim(
    "cfun.full-row-rank", "a critical point with a full-row-rank Jacobian has zero loss",
    "for L(θ) = ½ Σ_x ‖f_θ(x) − y(x)‖² and θ without boundary samples (inside its pattern cell), ∇L(θ) = Jᵀ(F − Y); "
    "if J = D_θ f_θ(X) has full row rank n·n_L at θ, every critical point is a global minimum, F = Y, and the zero-loss "
    "set near θ is a manifold of dimension N − n·n_L ≥ H. Checked on the targets Y = F − E, E ∈ ker Jᵀ, that make θ "
    "critical (E ≠ 0 whenever rank J < n·n_L: a critical point with positive loss)",
    _critical_full_rank,
    default=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1)), (-1, 1), _FULL_ROW_RANK_BATCHES),
    thorough=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1), (1, 1, 2), (2, 2, 1), (1, 1, 1, 1)), (-1, 1),
                   _FULL_ROW_RANK_BATCHES + (GENERIC_1D[0], GENERIC_2D[0])),
    hypotheses=(NO_BOUNDARY_SAMPLE, Hypothesis("full-row-rank", "J = D_θ f_θ(X) has full row rank n·n_L at θ",
                                               _full_row_rank))))
