"""Arrangement formulas and claims C22, C23, C25, C26, C27 (relugeom.theory.arrangements) against docs/theory.md §2.6, §3.7,
independent references (tests/reference_geometry.py: intersection poset, Whitney's subset formula) and the
finite-field method of Athanasiadis."""

from __future__ import annotations

import itertools
import math
import random
import time
from fractions import Fraction

import pytest
import reference_geometry as R
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relugeom import InputError, ReLUNetwork, ShapeError
from relugeom.domain import Domain
from relugeom.regions import enumerate_regions
from proofs_checks.arrangements import DEGENERATE_SHALLOW, GENERIC_LINES, GENERIC_PLANES, MAX_1_2_2, PENCIL, REFERENCE_ARRANGEMENT
from relugeom.arrangements import (
    bounded_region_count,
    characteristic_polynomial,
    distinct_hyperplanes,
    general_position_count,
    hidden_layer_family,
    in_general_position,
    per_neuron_count,
    sawtooth_network,
    serra_upper_bound,
    zaslavsky_count,
)
from relugeom.claims import Case, Skip, all_claims, cases_in_range, check_claim, get_claim, search

F = Fraction
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
NAMES = ("regions.zaslavsky", "regions.general-position", "regions.distinct-hyperplanes", "regions.serra-bound", "regions.max-1-2-2", "regions.sawtooth")


def shallow(rows):
    return ReLUNetwork.from_arrays([([r[:-1] for r in rows], [r[-1] for r in rows]), ([[1] * len(rows)], [0])])


def regions(net, domain=None):
    return len(enumerate_regions(net, domain or Domain.space(net.n_inputs)))


# ----------------------------------------------------------------------------- Zaslavsky: docs/theory.md §2.6 values

REFERENCE = [((1, 1), 0), ((1, 0), 0), ((1, -1), 0), ((0, 1), 1)]
FOUR_GENERIC_LINES = [((1, 0), 0), ((0, 1), 0), ((1, 1), 1), ((1, -1), 3)]
PENCIL_PLANES = [((1, 0, 0), 0), ((0, 1, 0), 0), ((1, 1, 0), 0)]


@pytest.mark.parametrize("planes, dim, chi, r, b", [
    (REFERENCE, 2, (5, -4, 1), 10, 2),  # Macaulay2 Posets doc: χ = t² − 4t + 5
    (FOUR_GENERIC_LINES, 2, (6, -4, 1), 11, 3),  # χ = t² − 4t + 6
    (PENCIL_PLANES, 3, (0, 2, -3, 1), 6, 0),  # χ = t³ − 3t² + 2t
    ([], 3, (0, 0, 0, 1), 1, 1),  # rank 0: R^3 itself is relatively bounded
    ([((1,), 0), ((1,), -1), ((1,), 5)], 1, (-3, 1), 4, 2),
    ([((1, 0), 0), ((1, 0), 1)], 2, (0, -2, 1), 3, 1),  # two parallel lines: rank 1, the strip is relatively bounded
])
def test_theory_reference_values(planes, dim, chi, r, b):
    assert characteristic_polynomial(planes, dim) == chi
    assert zaslavsky_count(planes, dim) == r
    assert bounded_region_count(planes, dim) == b


def test_pencil_is_not_general_position():
    assert zaslavsky_count(PENCIL_PLANES, 3) == 6 != general_position_count(3, 3) == 8
    assert not in_general_position(PENCIL_PLANES, 3)
    assert regions(PENCIL) == 6


def test_duplicates_opposite_and_scaled_hyperplanes_count_once():
    base = [((1, 2), -1), ((0, 1), 3)]
    same = base + [((-1, -2), 1), ((2, 4), -2), (("1/2", 1), "-1/2"), ((0, -3), -9)]
    assert zaslavsky_count(same, 2) == zaslavsky_count(base, 2) == 4
    assert characteristic_polynomial(same, 2) == characteristic_polynomial(base, 2)


def test_zaslavsky_rejects_bad_input():
    with pytest.raises(InputError):
        zaslavsky_count([((0, 0), 1)], 2)
    with pytest.raises(ShapeError):
        zaslavsky_count([((1, 0, 0), 1)], 2)
    with pytest.raises(ShapeError):
        zaslavsky_count([((1, 0), 1, 2)], 2)
    with pytest.raises(ShapeError):
        zaslavsky_count([], -1)
    assert zaslavsky_count([], 0) == 1


def _random_arrangement(rng, d, h, lo, hi):
    out = []
    while len(out) < h:
        w = tuple(rng.randint(lo, hi) for _ in range(d))
        if any(w):
            out.append((w, rng.randint(lo, hi)))
    return out


def test_generic_arrangements_match_general_position_formula():
    rng = random.Random(7)
    checked = 0
    for _ in range(60):
        d, h = rng.randint(1, 4), rng.randint(1, 6)
        planes = _random_arrangement(rng, d, h, -50, 50)
        if not in_general_position(planes, d):
            continue
        checked += 1
        assert zaslavsky_count(planes, d) == general_position_count(h, d)
        assert bounded_region_count(planes, d) == math.comb(h - 1, d)
        chi = characteristic_polynomial(planes, d)
        assert chi == tuple((-1) ** (d - k) * math.comb(h, d - k) for k in range(d + 1))
    assert checked >= 50


@SETTINGS
@given(st.data())
def test_zaslavsky_matches_reference_poset_and_whitney(data):
    d = data.draw(st.integers(1, 3))
    h = data.draw(st.integers(0, 5))
    coeff = st.integers(-2, 2)
    planes = data.draw(st.lists(st.tuples(st.tuples(*[coeff] * d).filter(any), coeff), min_size=h, max_size=h))
    r = zaslavsky_count(planes, d)
    ref = [([F(v) for v in w], F(b)) for w, b in planes]
    assert r == R.zaslavsky_regions(ref, d) == R.whitney_regions(ref, d)


@SETTINGS
@given(st.data())
def test_characteristic_polynomial_finite_field_method(data):
    """Athanasiadis: for a large prime q, χ(q) = #points of F_q^d on no hyperplane (d ≤ 2, coefficients ≤ 2)."""
    d = data.draw(st.integers(1, 2))
    coeff = st.integers(-2, 2)
    planes = data.draw(st.lists(st.tuples(st.tuples(*[coeff] * d).filter(any), coeff), max_size=5))
    q = 101
    off = sum(1 for x in itertools.product(range(q), repeat=d)
              if all((sum(a * v for a, v in zip(w, x)) + b) % q for w, b in planes))
    chi = characteristic_polynomial(planes, d)
    assert sum(c * q ** k for k, c in enumerate(chi)) == off


def test_general_position_count_values():
    assert [general_position_count(h, 2) for h in range(6)] == [1, 2, 4, 7, 11, 16]
    assert general_position_count(3, 3) == 8 and general_position_count(5, 1) == 6 and general_position_count(2, 5) == 4
    with pytest.raises(ShapeError):
        general_position_count(-1, 2)


# ----------------------------------------------------------------------------- Serra, sawtooth

@pytest.mark.parametrize("widths, value", [((1,), 2), ((2,), 3), ((1, 1), 3), ((2, 2), 9), ((3, 3), 16)])
def test_serra_values_theory(widths, value):
    assert serra_upper_bound(1, widths) == value


def test_serra_properties():
    for n0 in range(1, 4):
        for n1 in range(1, 6):
            assert serra_upper_bound(n0, (n1,)) == general_position_count(n1, n0)  # one layer: the shallow maximum
    for widths in itertools.product(range(2, 5), repeat=3):  # n0 = 1, widths ≥ 2: Π (n_l + 1)
        assert serra_upper_bound(1, widths) == math.prod(n + 1 for n in widths)
    with pytest.raises(ShapeError):
        serra_upper_bound(0, (2,))
    with pytest.raises(ShapeError):
        serra_upper_bound(1, (2, 0))


def tent_power(x, L):
    for _ in range(L):
        x = 2 * x if x <= F(1, 2) else 2 - 2 * x
    return x


def test_sawtooth_network():
    rng = random.Random(3)
    for L in range(1, 7):
        net = sawtooth_network(L)
        assert net.architecture == (1,) + (2,) * L + (1,)
        for _ in range(20):
            x = F(rng.randint(0, 997), 997)
            assert net.forward([x])[0] == tent_power(x, L)
        assert regions(net, Domain.box(0, 1, dim=1)) == 2 ** L
    assert regions(sawtooth_network(2)) != 4  # on all of R the count differs (docs/theory.md §3.7)
    with pytest.raises(ShapeError):
        sawtooth_network(0)


def test_c27_cases_and_scope():
    claim = get_claim("regions.sawtooth")
    outcomes = [claim.evaluate(case) for case in cases_in_range(claim, claim.default)]
    assert [o.values["L"] for o in outcomes] == list(range(1, 7))
    assert all(o.holds and o.values["regions"] == 2 ** o.values["L"] for o in outcomes)
    with pytest.raises(Skip):
        claim.evaluate(Case(MAX_1_2_2))


# ----------------------------------------------------------------------------- C26: 7 attained

def test_c26_maximum_seven_is_attained():
    claim = get_claim("regions.max-1-2-2")
    assert regions(MAX_1_2_2) == 7
    seen = [claim.evaluate(case) for case in cases_in_range(claim, claim.default)]
    assert all(o.holds for o in seen)
    assert max(o.values["regions"] for o in seen) == 7
    breakpoints = sorted({v[0] for r in enumerate_regions(MAX_1_2_2) for v in r.vertices})
    assert breakpoints == [-2, -1, 0, 1, 2, 3]
    with pytest.raises(Skip):
        claim.evaluate(Case(sawtooth_network(3)))


def test_c26_family_without_the_fixed_network_stays_below_seven():
    # weights in {-1, 1} only (the default family): the maximum 7 needs the fixed network
    counts = [regions(n) for n in hidden_layer_family(1, (2, 2), (-1, 1))]
    assert max(counts) < 7 and len(counts) == 10 * 36


# ----------------------------------------------------------------------------- shallow predicates (C22, C23)

@st.composite
def shallow_networks(draw, fractions=False):
    d = draw(st.integers(1, 3))
    n = draw(st.integers(1, 4))
    value = st.integers(-2, 2)
    if fractions:
        value = st.one_of(value, st.fractions(-2, 2, max_denominator=3))
    rows = draw(st.lists(st.tuples(*[value] * (d + 1)), min_size=n, max_size=n))
    if draw(st.booleans()) and n >= 2:  # force a degenerate pair: a copy of a row, scaled (maybe negatively)
        i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        s = draw(st.sampled_from([F(1), F(-1), F(2), F(-1, 2)]))
        rows[j] = tuple(s * F(v) for v in rows[i])
    return shallow(rows)


@SETTINGS
@given(shallow_networks(fractions=True))
def test_c22_holds_on_random_shallow_networks(net):
    outcome = get_claim("regions.zaslavsky").evaluate(Case(net))
    assert outcome.holds, outcome.detail


@SETTINGS
@given(shallow_networks())
def test_c23_holds_under_its_hypothesis(net):
    claim = get_claim("regions.distinct-hyperplanes")
    case = Case(net)
    n = regions(net)
    assert per_neuron_count(net) >= n  # the per-neuron count never undercounts
    if claim.applies(case):
        outcome = claim.evaluate(case)
        assert outcome.holds, outcome.detail
    gp = get_claim("regions.general-position")
    if gp.applies(case):
        assert gp.evaluate(case).holds


def test_hand_made_shallow_networks():
    assert regions(REFERENCE_ARRANGEMENT) == 10
    assert regions(GENERIC_LINES) == 11 == general_position_count(4, 2)
    assert regions(GENERIC_PLANES) == 15 == general_position_count(4, 3)
    expected = [2, 4, 4, 4, 4]  # opposite; duplicated line + 1; zero-weight neurons; R^3 opposite planes + 1
    assert [regions(n) for n in DEGENERATE_SHALLOW] == expected
    assert [len(distinct_hyperplanes(n)) for n in DEGENERATE_SHALLOW] == [1, 2, 2, 2, 2]
    for net in (REFERENCE_ARRANGEMENT, GENERIC_LINES, GENERIC_PLANES, PENCIL) + DEGENERATE_SHALLOW:
        assert get_claim("regions.zaslavsky").evaluate(Case(net)).holds


# ----------------------------------------------------------------------------- dropped hypotheses

def test_general_position_hypothesis_is_needed():
    claim = get_claim("regions.general-position")
    case = Case(PENCIL)
    assert not claim.applies(case)
    outcome = claim.evaluate(case)
    assert not outcome.holds and outcome.values["regions"] == 6 and outcome.values["formula"] == 8
    parallel = Case(shallow([(1, 0), (1, 1)]))  # two points in R: 3 = 1 + 2 regions, fine; the same point: 2 ≠ 3
    assert claim.evaluate(parallel).holds
    assert not claim.evaluate(Case(shallow([(1, 1), (2, 2)]))).holds
    result = search(claim, dropped=("general-position",))
    assert result.shrunk is not None and not result.outcome.holds
    assert result.found.network == PENCIL  # the fixed networks come first


def test_distinct_hyperplanes_hypothesis_is_needed():
    claim = get_claim("regions.distinct-hyperplanes")
    for net, n, naive in [(shallow([(1, 0, 0), (-1, 0, 0)]), 2, 3), (shallow([(1, 1), (2, 2)]), 2, 3),
                          (shallow([(1, 0, 0), (0, 0, 0), (0, 1, 0)]), 4, 6)]:
        case = Case(net)
        assert not claim.applies(case)
        outcome = claim.evaluate(case)
        assert not outcome.holds
        assert (outcome.values["regions"], outcome.values["per_neuron"], outcome.values["zaslavsky_distinct"]) == \
            (n, naive, n)
    result = search(claim, dropped=("distinct-hyperplanes",))
    assert result.shrunk is not None and not result.outcome.holds


# ----------------------------------------------------------------------------- registry and default ranges

def test_claims_registered():
    claims = {c.name: c for c in all_claims()}
    for name in NAMES:
        assert name in claims
    assert [h.name for h in claims["regions.general-position"].hypotheses] == ["general-position"]
    assert [h.name for h in claims["regions.distinct-hyperplanes"].hypotheses] == ["distinct-hyperplanes"]
    assert all(claims[n].thorough is not None for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_default_ranges_hold_and_are_fast(name):
    started = time.perf_counter()
    report = check_claim(get_claim(name))
    assert report.failures == 0 and report.cases > 0, report.to_dict()
    assert time.perf_counter() - started < 20
