"""The claims landscape.zero-loss-beyond-pieces (pitfall), symmetry.cfun-invariance, cfun.determined-by-patterns and
cfun.full-row-rank (docs/theory.md §2.8, §3.2, §3.4, §3.8): they hold / fail as stated on their ranges, the pitfall's
counterexamples are exact, and dropping a hypothesis gives a counterexample where one should exist."""

from __future__ import annotations

from fractions import Fraction

import pytest
from claim_support import failures

from relugeom import ReLUNetwork
from relugeom.claims import Case, Skip, cases_in_range, check_claim, get_claim, search
from relugeom.equality import same_function
from relugeom.generic import computable_full_dimension, generic_rank
from relugeom.inputs import as_batch
from relugeom.landscape import expansion_pieces, loss_gradient, squared_loss, two_layer_network
from relugeom.symmetry import random_symmetry, signed_rescale

F = Fraction
BEYOND = "landscape.zero-loss-beyond-pieces"
TEACHER_A = two_layer_network([[1], [1]], [1, 1], [0, -1])                 # relu(x) + relu(x − 1)
TEACHER_B = two_layer_network([[1, 0], [0, 1], [1, 1]], [1, 2, 3])       # bias-free, 2-D


def relu(z):
    return max(z, F(0))


def student_a(t):
    t = F(t)
    return two_layer_network([[1], [1], [-1], [-1]], [1 - t, 1 + t, t, -t], [0, -1, 0, 1], t)


def student_b(s):
    beta = [F(s), F(s), -F(s)]
    return two_layer_network([[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [-1, -1]],
                             [1 - beta[0], 2 - beta[1], 3 - beta[2]] + beta)


# --------------------------------------------------------------------------- landscape.zero-loss-beyond-pieces


@pytest.mark.parametrize("t", ["1/2", "1", "-2", "3/7", "-5"])
def test_family_a_computes_the_teacher_and_lies_in_no_piece(t):
    student = student_a(t)
    for x in (F(-3), F(-1, 2), F(1, 3), F(1), F(3, 2), F(4)):   # by hand: relu(x) + relu(x − 1)
        assert student.forward([x]) == (relu(x) + relu(x - 1),)
    assert same_function(student, TEACHER_A)
    assert expansion_pieces(student, TEACHER_A, rescaled=True) == [] == expansion_pieces(student, TEACHER_A)


@pytest.mark.parametrize("s", ["1/2", "1", "-3", "2/5"])
def test_family_b_computes_the_teacher_and_lies_in_no_piece(s):
    student = student_b(s)
    for x in ((F(1), F(-2)), (F(-1, 3), F(5, 2)), (F(-2), F(-1)), (F(3), F(1, 2))):
        assert student.forward(x) == (relu(x[0]) + 2 * relu(x[1]) + 3 * relu(x[0] + x[1]),)
    assert same_function(student, TEACHER_B)
    assert expansion_pieces(student, TEACHER_B, rescaled=True) == []


def test_at_zero_the_families_lie_on_a_piece():
    assert expansion_pieces(student_a(0), TEACHER_A, rescaled=True) == [(1, 2, 0, 0)]
    assert expansion_pieces(student_b(0), TEACHER_B, rescaled=True) == [(1, 2, 3, 0, 0, 0)]


def _outcomes(name, rng=None):
    claim = get_claim(name)
    out = {}
    for case, outcome in _evaluated(claim, rng or claim.default):
        out[case.network] = (case, outcome)
    return out


def _evaluated(claim, rng):
    for case in cases_in_range(claim, rng):
        if claim.applies(case):
            try:
                yield case, claim.evaluate(case)
            except Skip:
                pass


def test_the_pitfall_fails_exactly_on_the_counterexamples_of_its_default_range():
    report = check_claim(get_claim(BEYOND))
    assert report.expected and report.ok and report.failures >= 10
    seen = _outcomes(BEYOND)
    for t in ("1/2", "1", "-2"):
        case, outcome = seen[student_a(t)]
        assert not outcome.holds and outcome.values["unmatched"] == [2, 3]
        assert case.extra("teacher") == TEACHER_A
    for s in ("1/2", "1"):
        assert not seen[student_b(s)][1].holds and seen[student_b(s)][1].values["unmatched"] == [3, 4, 5]
    assert seen[student_a(0)][1].holds and seen[student_b(0)][1].holds   # on a piece: not a counterexample
    for net, (case, outcome) in seen.items():   # every counted case is an exact zero-loss student
        assert same_function(net, case.extra("teacher"))
        assert outcome.holds == bool(expansion_pieces(net, case.extra("teacher"), rescaled=True))


def test_the_simpler_counterexamples_zero_constant_and_cancelling_neurons():
    teacher = two_layer_network([[1]], [1])
    for student in (two_layer_network([[1], [0]], [1, 2]),                      # relu(0) = 0: any readout
                    two_layer_network([[1], [0]], [1, 2], [0, 1], -2),          # relu(1) = 1 absorbed by c
                    two_layer_network([[1], [1], [1]], [1, 3, -3], [0, 1, 1])):  # 3 relu(x+1) − 3 relu(x+1)
        assert same_function(student, teacher) and expansion_pieces(student, teacher, rescaled=True) == []
        assert not _outcomes(BEYOND)[student][1].holds


def test_students_with_positive_loss_are_outside_the_statement():
    claim = get_claim(BEYOND)
    off = two_layer_network([[1], [1], [-1], [-1]], [F(1, 2), F(3, 2), F(1, 2), F(-1, 2)], [0, -1, 0, 1], 0)
    case = Case(off, (), (("teacher", TEACHER_A), ("family", "off by 1/2")))
    assert not same_function(off, TEACHER_A)
    with pytest.raises(Skip, match="does not compute the teacher"):
        claim.evaluate(case)


def test_a_reducible_teacher_is_not_counted():
    claim = get_claim(BEYOND)
    doubled = two_layer_network([[1], [2]], [1, 1])    # relu(x) and relu(2x): positively parallel
    case = Case(two_layer_network([[3]], [1]), (), (("teacher", doubled),))
    assert not claim.applies(case) and claim.applies(case, dropped=("irreducible-teacher",))


# --------------------------------------------------------------------------- symmetry.cfun-invariance


def test_cfun_invariance_holds_on_its_default_range():
    checked, bad = failures("symmetry.cfun-invariance")
    assert checked > 500 and not bad


@pytest.mark.parametrize("seed", range(6))
def test_cfun_is_invariant_under_random_symmetries(seed):
    net = ReLUNetwork.from_arrays([([[1, -1], [2, 1], [0, 1]], [1, -1, F(1, 2)]), ([[1, -2, 1], [0, 1, 1]], [0, 1]),
                                   ([[1, -1]], [0])])
    assert computable_full_dimension(random_symmetry(net, seed)).rank == computable_full_dimension(net).rank


def test_cfun_invariance_fails_without_positive_rescaling():
    claim = get_claim("symmetry.cfun-invariance")
    result = search(claim, dropped=["positive-rescaling"])
    assert result.shrunk is not None
    outcome = claim.evaluate(result.shrunk)
    assert not outcome.holds and not claim.applies(result.shrunk)
    assert any(F(f) < 0 for f in result.shrunk.extra("factors"))
    dead = ReLUNetwork.from_arrays([([[0]], [-1]), ([[-1]], [0])])      # z ≡ −1, flipped to z ≡ 1
    assert computable_full_dimension(dead).rank == 1
    assert computable_full_dimension(signed_rescale(dead, [-1])).rank == 2


# --------------------------------------------------------------------------- cfun.determined-by-patterns


def test_determined_by_patterns_holds_and_reports_exceptional_theta():
    name = "cfun.determined-by-patterns"
    checked, bad = failures(name)
    assert checked > 1000 and not bad
    seen = _outcomes(name)
    exceptional = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[0, 2]], [1])])   # one output weight 0
    values = seen[exceptional][1].values
    assert (values["dim_cfun"], values["generic"], values["exceptional"]) == (4, 5, True)
    assert any(o.values["exceptional"] for _, o in seen.values())
    assert any(not o.values["exceptional"] and o.values["certified"] for _, o in seen.values())


def test_determined_by_patterns_generic_theta_is_not_exceptional():
    claim = get_claim("cfun.determined-by-patterns")
    net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])
    outcome = claim.evaluate(Case(net))
    assert outcome.holds and outcome.values["dim_cfun"] == outcome.values["generic"] == 5
    assert not outcome.values["exceptional"] and outcome.values["certified"]


# --------------------------------------------------------------------------- cfun.full-row-rank


def test_full_row_rank_lemma_holds_on_its_default_range():
    checked, bad = failures("cfun.full-row-rank")
    assert checked > 1000 and not bad


def test_full_row_rank_gives_zero_loss():
    claim = get_claim("cfun.full-row-rank")
    case = Case(ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])]), as_batch([["-1/3"], ["2/3"], ["5/3"]]))
    assert claim.applies(case)
    outcome = claim.evaluate(case)
    assert outcome.holds and outcome.values["rank"] == 3 and outcome.values["loss"] == 0


def test_without_full_row_rank_a_critical_point_has_positive_loss():
    claim = get_claim("cfun.full-row-rank")
    result = search(claim, dropped=["full-row-rank"])
    assert result.shrunk is not None and not claim.evaluate(result.shrunk).holds
    dead = ReLUNetwork.from_arrays([([[-1]], [-1]), ([[-1]], [-1])])   # dead on the batch: rank 1
    X = as_batch([["-1/3"], ["2/3"]])
    case = Case(dead, X)
    assert not claim.applies(case) and claim.applies(case, dropped=("full-row-rank",))
    outcome = claim.evaluate(case)
    assert not outcome.holds and outcome.values["critical"] and outcome.values["loss"] > 0
    targets = [(F(-1) - F(e),) for e in outcome.values["residual"]]     # Y = F − E, f ≡ −1
    assert squared_loss(dead, X, targets) == 1 and not any(loss_gradient(dead, X, targets))


def test_full_rank_for_generic_theta_of_the_cell_is_not_enough():
    """r(Δ) = n·n_L on the cell, but rank 2 < 3 at this exceptional θ: a critical point with positive loss."""
    claim = get_claim("cfun.full-row-rank")
    net, X = ReLUNetwork.from_arrays([([[1]], [0]), ([[0]], [0])]), as_batch([[-1], [1], [2]])
    assert generic_rank(net, X).rank == 3 and generic_rank(net, X).certified
    case = Case(net, X)
    assert not claim.applies(case)
    outcome = claim.evaluate(case)
    assert outcome.values["rank"] == 2 and outcome.values["loss"] == 3 and outcome.values["critical"]
