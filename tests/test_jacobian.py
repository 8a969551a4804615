"""The exact parameter Jacobian against an independent symbolic derivative (sympy).

For every sample the frozen-pattern network is written out symbolically — one sympy symbol per weight
and bias, each ``relu`` replaced by the sample's 0/1 mask — differentiated with ``sympy.diff`` with
respect to the symbols in parameter order, and evaluated at the network's rational weights.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from relugeom import BoundaryError, ReLUNetwork, frozen_jacobian, jacobian, rank

ARCHITECTURES = [(1, 2, 1), (2, 3, 1), (2, 2, 2, 1), (3, 2, 2), (1, 3, 2, 2), (1, 1), (2, 2), (1, 1, 1)]
WEIGHTS = [0, 1, -1, 2, -2, 3, -3, Fraction(3, 2), Fraction(-1, 2), Fraction(5, 4), Fraction(-7, 3), Fraction(2, 9)]
INPUTS = [0, 1, -1, 2, -3, Fraction(1, 2), Fraction(-3, 4), Fraction(7, 5), Fraction(-11, 6), Fraction(9, 7)]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- reference


def rat(q) -> sympy.Rational:
    q = Fraction(q)
    return sympy.Rational(q.numerator, q.denominator)


def symbolic_jacobian(net: ReLUNetwork, samples, patterns):
    """``d F_Δ / dθ`` at θ, computed with sympy: rows sample-major then output, columns in parameter order."""
    names = net.parameter_names()
    symbols = [sympy.Symbol(name) for name in names]
    values = {s: rat(v) for s, v in zip(symbols, net.parameters())}
    it = iter(symbols)
    layers = []
    for layer in net.layers:
        w = [[next(it) for _ in range(layer.n_in)] for _ in range(layer.n_out)]
        b = [next(it) for _ in range(layer.n_out)]
        layers.append((w, b))
    assert next(it, None) is None
    rows = []
    for x, pattern in zip(samples, patterns):
        h = [rat(v) for v in x]
        for k, (w, b) in enumerate(layers):
            z = [sum((wij * hj for wij, hj in zip(wi, h)), sympy.Integer(0)) + bi for wi, bi in zip(w, b)]
            if k < len(layers) - 1:
                h = [zi * mask for zi, mask in zip(z, pattern[k])]  # relu frozen to the pattern
        for out in z:
            row = []
            for s in symbols:
                d = sympy.diff(out, s).xreplace(values)
                assert d.is_Rational, d
                row.append(Fraction(int(d.p), int(d.q)))
            rows.append(tuple(row))
    return tuple(rows)


def make_net(arch, weight):
    """A network of architecture ``arch`` with every parameter drawn by ``weight()``."""
    return ReLUNetwork.from_arrays(
        [([[weight() for _ in range(n_in)] for _ in range(n_out)], [weight() for _ in range(n_out)])
         for n_in, n_out in zip(arch, arch[1:])]
    )


def on_boundary(net, x) -> bool:
    return any(0 in signs for signs in net.sign_vector_at(x))


def assert_same(actual, expected):
    assert len(actual) == len(expected)
    for i, (ra, re) in enumerate(zip(actual, expected)):
        assert len(ra) == len(re)
        for j, (a, e) in enumerate(zip(ra, re)):
            assert isinstance(a, Fraction)
            assert a == e, f"entry ({i}, {j}): relugeom {a} != sympy {e}"


# --------------------------------------------------------------------------- strategies


@st.composite
def nets_and_samples(draw, on_boundary_ok=False):
    arch = draw(st.sampled_from(ARCHITECTURES))
    wt = st.sampled_from(WEIGHTS)
    net = make_net(arch, lambda: draw(wt))
    n = draw(st.integers(1, 4))
    samples = [[draw(st.sampled_from(INPUTS)) for _ in range(arch[0])] for _ in range(n)]
    if not on_boundary_ok:
        assume(not any(on_boundary(net, x) for x in samples))
    return net, samples


# ------------------------------------------------------------------------- actual patterns


@SETTINGS
@given(nets_and_samples())
def test_jacobian_matches_sympy(net_samples):
    net, samples = net_samples
    jac = jacobian(net, samples)
    patterns = [net.pattern_at(x) for x in samples]
    assert jac.patterns == tuple(patterns)
    assert jac.shape == (net.n_outputs * len(samples), net.n_params)
    expected = symbolic_jacobian(net, samples, patterns)
    assert_same(jac.matrix, expected)
    # its exact rank agrees with sympy's rank of the symbolic derivative
    ref = sympy.Matrix(len(expected), net.n_params, [rat(q) for row in expected for q in row]).rank()
    assert rank(jac.scaled).rank == rank(jac.matrix, "python").rank == ref
    # the integer form is consistent with the fractions
    assert all(isinstance(v, int) for row in jac.scaled.rows for v in row)
    assert all(isinstance(s, int) and s > 0 for s in jac.scaled.scales)
    assert jac.scaled.to_fractions() == jac.matrix


@pytest.mark.parametrize("arch", [(1, 2, 1), (2, 3, 1), (2, 2, 2, 1), (3, 2, 2), (1, 3, 2, 2)])
def test_jacobian_matches_sympy_seeded(arch):
    rng = random.Random(hash(arch) % 1000)
    done = 0
    for _ in range(200):
        if done == 3:
            break
        net = make_net(arch, lambda: rng.choice(WEIGHTS[1:]))
        samples = [[rng.choice(INPUTS) for _ in range(arch[0])] for _ in range(rng.randint(1, 4))]
        if any(on_boundary(net, x) for x in samples):
            continue
        patterns = [net.pattern_at(x) for x in samples]
        assert_same(jacobian(net, samples).matrix, symbolic_jacobian(net, samples, patterns))
        done += 1
    assert done == 3


def test_jacobian_docstring_example_and_relu():
    net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])
    assert jacobian(net, [[2], [-1]]).matrix == ((2, 1, 2, 1), (0, 0, 0, 1))
    # multi-output, fractional weights and inputs, written out by hand:
    # f(x) = V relu(w x + b) + c with w = 3/2, b = -1/2, V = (2, -1/3)ᵀ, c = (1, 0); x = 1 (active)
    net = ReLUNetwork.from_arrays([([["3/2"]], ["-1/2"]), ([[2], ["-1/3"]], [1, 0])])
    m = jacobian(net, [[1]]).matrix
    z = Fraction(1)  # 3/2 - 1/2
    assert m == ((2 * 1, 2, z, 0, 1, 0), (Fraction(-1, 3), Fraction(-1, 3), 0, z, 0, 1))


def test_jacobian_fractional_inputs_multioutput():
    net = ReLUNetwork.from_arrays([
        ([[1, "3/2"], ["-1/2", 2], [0, 1]], ["1/3", -1, "2/5"]),
        ([[2, -1, "1/2"], ["3/2", 0, 1]], [0, "-1/7"]),
        ([[1, "-5/4"], [0, 2]], [1, 1]),
    ])
    samples = [["1/2", "3/4"], ["7/5", "9/7"], ["-11/6", "2/3"], ["-5/2", "-1/3"], [3, "-1/2"]]
    assert not any(on_boundary(net, x) for x in samples)
    patterns = [net.pattern_at(x) for x in samples]
    assert len(set(patterns)) == 4  # several activation regions
    assert_same(jacobian(net, samples).matrix, symbolic_jacobian(net, samples, patterns))


# ------------------------------------------------------------------------- frozen patterns


@st.composite
def frozen_cases(draw):
    net, samples = draw(nets_and_samples(on_boundary_ok=True))
    widths = net.architecture[1:-1]
    patterns = [tuple(tuple(draw(st.integers(0, 1)) for _ in range(w)) for w in widths) for _ in samples]
    return net, samples, patterns


@SETTINGS
@given(frozen_cases())
def test_frozen_jacobian_matches_sympy(case):
    """Any pattern (not necessarily the actual one), even at boundary points."""
    net, samples, patterns = case
    jac = frozen_jacobian(net, samples, patterns)
    assert jac.patterns == tuple(patterns)
    assert_same(jac.matrix, symbolic_jacobian(net, samples, patterns))


def test_frozen_jacobian_with_actual_patterns_equals_jacobian():
    rng = random.Random(7)
    for arch in ARCHITECTURES:
        net = make_net(arch, lambda: rng.choice(WEIGHTS))
        samples = [[rng.choice(INPUTS) for _ in range(arch[0])] for _ in range(5)]
        samples = [x for x in samples if not on_boundary(net, x)]
        if not samples:
            continue
        patterns = [net.pattern_at(x) for x in samples]
        assert frozen_jacobian(net, samples, patterns).matrix == jacobian(net, samples).matrix


def test_frozen_jacobian_opposite_pattern_at_boundary():
    # relu(x) at x = 0 is a boundary point; frozen on (1) and on (0) it is the linear map / the constant
    net = ReLUNetwork.from_arrays([([[2]], [0]), ([[3]], [1])])
    on = frozen_jacobian(net, [[0], [1]], [((1,),), ((0,),)]).matrix
    assert on == ((0, 3, 0, 1), (0, 0, 0, 1))
    assert_same(on, symbolic_jacobian(net, [[0], [1]], [((1,),), ((0,),)]))


# ------------------------------------------------------------------------------ boundaries


def test_boundary_error_names_sample_layer_neuron():
    # layer 1 neuron 1: z = x0 - x1 = 0 at sample 2
    net = ReLUNetwork.from_arrays([([[1, 1], [1, -1]], [5, 0]), ([[1, 1]], [0])])
    samples = [[1, 2], [3, -1], ["1/2", "1/2"], [0, 0]]
    with pytest.raises(BoundaryError) as info:
        jacobian(net, samples)
    err = info.value
    assert (err.sample, err.layer, err.neuron) == (2, 1, 1)
    msg = str(err)
    assert "sample 2" in msg and "layer 1" in msg and "neuron 1" in msg


def test_boundary_error_in_deeper_layer():
    # layer 1 active everywhere on x > 0; layer 2 neuron 0: z = h - 2 = x - 2 vanishes at x = 2 (sample 1)
    net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1], [1]], [-2, 1]), ([[1, 1]], [0])])
    with pytest.raises(BoundaryError) as info:
        jacobian(net, [["1/2"], [2], [3]])
    err = info.value
    assert (err.sample, err.layer, err.neuron) == (1, 2, 0)
    assert "sample 1" in str(err) and "layer 2" in str(err) and "neuron 0" in str(err)
    # the same point is fine for the frozen Jacobian, which needs no pattern
    frozen_jacobian(net, [[2]], [((1,), (1, 1))])


def test_boundary_error_first_sample_reported():
    net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[1, 2]], [0])])
    # sample 0 is fine, samples 1 (x = 0: neuron 0) and 3 (x = 1: neuron 1) are on boundaries
    with pytest.raises(BoundaryError) as info:
        jacobian(net, [[-3], [0], [2], [1]])
    assert (info.value.sample, info.value.layer, info.value.neuron) == (1, 1, 0)
    with pytest.raises(BoundaryError) as info:
        jacobian(net, [[-3], [1]])
    assert (info.value.sample, info.value.layer, info.value.neuron) == (1, 1, 1)


@SETTINGS
@given(nets_and_samples(on_boundary_ok=True))
def test_boundary_detection_is_exact(net_samples):
    """jacobian raises BoundaryError iff some sample has an exactly zero hidden pre-activation,
    and then it names the first such sample, layer and neuron."""
    net, samples = net_samples
    bad = [j for j, x in enumerate(samples) if on_boundary(net, x)]
    if not bad:
        jacobian(net, samples)
        return
    with pytest.raises(BoundaryError) as info:
        jacobian(net, samples)
    j = bad[0]
    signs = net.sign_vector_at(samples[j])
    layer = next(k for k, s in enumerate(signs, start=1) if 0 in s)
    assert (info.value.sample, info.value.layer, info.value.neuron) == (j, layer, signs[layer - 1].index(0))
