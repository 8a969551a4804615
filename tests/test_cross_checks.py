"""Two independent algorithms agree (issue 14 item 5), on random and degenerate small integer networks:

* region enumeration against a literal brute force over all 2^H patterns, each decided by Fourier–Motzkin
  elimination in tests/reference_geometry.py (no relugeom code), in 2-D and 3-D, up to 3 hidden layers;
* the certified exact rank of the Jacobian against sympy's ``Matrix.rank()`` of the same exact matrix.

Fixed seed in CI (hypothesis is derandomized there, tests/conftest.py); ``pytest --thorough`` runs 10× the
examples.
"""

from __future__ import annotations

import os

import sympy
from hypothesis import HealthCheck, assume, given, settings, strategies as st

import reference_geometry as R
from relugeom import BoundaryError, ReLUNetwork, check_certificate, rank
from relugeom.domain import Domain
from relugeom.jacobian import jacobian
from relugeom.regions import enumerate_regions

SCALE = 10 if os.environ.get("RELUGEOM_THOROUGH") else 1
CHECKS = settings(max_examples=25 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ARCHS = [(2, 2, 1), (2, 3, 1), (2, 2, 2, 1), (2, 2, 2, 2, 1), (3, 2, 1), (3, 3, 1), (3, 2, 2, 1), (3, 1, 2, 1, 1)]


@st.composite
def degenerate_networks(draw, archs=ARCHS):
    """Integer weights in -2..2 with repeated, negated and zero rows (coincident and dead neurons)."""
    arch = draw(st.sampled_from(archs))
    layers = []
    for n_in, n_out in zip(arch, arch[1:]):
        rows, bias = [], []
        for _ in range(n_out):
            kind = draw(st.integers(0, 5))
            if rows and kind == 0:  # a repeated or negated neuron
                j, s = draw(st.integers(0, len(rows) - 1)), draw(st.sampled_from([1, -1, 2]))
                rows.append([s * v for v in rows[j]])
                bias.append(s * bias[j])
            elif kind == 1:  # a zero row: constant pre-activation (dead, or always on)
                rows.append([0] * n_in)
                bias.append(draw(st.integers(-1, 1)))
            else:
                rows.append([draw(st.integers(-2, 2)) for _ in range(n_in)])
                bias.append(draw(st.integers(-2, 2)))
        layers.append((rows, bias))
    return layers


@CHECKS
@given(degenerate_networks(), st.booleans(), st.integers(1, 3))
def test_regions_equal_the_brute_force_over_all_patterns(layers, boxed, half_width):
    net = ReLUNetwork.from_arrays(layers)
    d = net.n_inputs
    spec = ("box", [-half_width] * d, [half_width] * d) if boxed else ("space", d)
    domain = Domain.box(-half_width, half_width, dim=d) if boxed else Domain.space(d)
    found = {r.pattern for r in enumerate_regions(net, domain)}
    assert found == set(R.all_patterns_brute(layers, spec))


@CHECKS
@given(degenerate_networks(), st.lists(st.lists(st.integers(-4, 4), min_size=3, max_size=3), min_size=1, max_size=12),
       st.integers(1, 3))
def test_certified_rank_equals_sympy(layers, points, denominator):
    net = ReLUNetwork.from_arrays(layers)
    batch = [[f"{v}/{denominator}" for v in p[:net.n_inputs]] for p in points]
    try:
        jac = jacobian(net, batch)
    except BoundaryError:
        assume(False)
    result = rank(jac.scaled)
    expected = sympy.Matrix([[sympy.Rational(q.numerator, q.denominator) for q in row] for row in jac.matrix]).rank()
    assert result.rank == expected and check_certificate(jac.scaled, result)
    assert rank(jac.matrix, backend="python").rank == expected
