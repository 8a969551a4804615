"""Property tests of the batch functional dimension (docs/theory.md §2.2–3.1) on random small exact networks,
plus the worked examples of docs/theory.md §3.3, §1.4, C2 and C8."""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from relugeom import (BoundaryError, RankResult, ReLUNetwork, SymmetryError, batch_functional_dimension, check_certificate,
                      jacobian, permute, random_symmetry, rank, rescale, symmetry_bound)

SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


# --------------------------------------------------------------------------- strategies

weights = st.one_of(st.just(0), st.integers(-3, 3))  # about half zeros
coordinates = st.one_of(st.integers(-4, 4), st.builds(Fraction, st.integers(-9, 9), st.integers(1, 5)))


@st.composite
def networks(draw, min_hidden_layers=0):
    n0 = draw(st.integers(1, 3))
    hidden = draw(st.lists(st.integers(1, 4), min_size=min_hidden_layers, max_size=3))
    n_out = draw(st.integers(1, 2))
    arch = [n0, *hidden, n_out]
    return ReLUNetwork.from_arrays(
        [([[draw(weights) for _ in range(n_in)] for _ in range(n)], [draw(weights) for _ in range(n)])
         for n_in, n in zip(arch, arch[1:])]
    )


def on_boundary(net, x) -> bool:
    return any(0 in signs for signs in net.sign_vector_at(x))


@st.composite
def nets_with_batches(draw, min_hidden_layers=0):
    net = draw(networks(min_hidden_layers))
    n = draw(st.integers(1, 6))
    batch = [[draw(coordinates) for _ in range(net.n_inputs)] for _ in range(n)]
    assume(not any(on_boundary(net, x) for x in batch))
    return net, batch


def architecture_counts(arch):
    """N and H from the architecture alone (docs/theory.md §1)."""
    n_params = sum(n * (m + 1) for m, n in zip(arch, arch[1:]))
    return n_params, sum(arch[1:-1])


# --------------------------------------------------------------------------- bounds (§1.5)


@SETTINGS
@given(nets_with_batches())
def test_rank_bounds(case):
    net, batch = case
    d = batch_functional_dimension(net, batch)
    n_params, n_hidden = architecture_counts(net.architecture)
    n_out, n = net.n_outputs, len(batch)
    assert (d.n_params, d.n_hidden, d.n_samples, d.n_outputs) == (n_params, n_hidden, n, n_out)
    assert d.bound == min(n_params - n_hidden, n_out * n)
    assert 0 <= d.rank <= d.bound
    # per-region bound recomputed from the patterns (distinct samples per activation region)
    patterns = [net.pattern_at(x) for x in batch]
    distinct = Counter(p for p, _ in {(p, tuple(Fraction(v) for v in x)) for p, x in zip(patterns, batch)})
    assert d.region_bound == n_out * sum(min(c, net.n_inputs + 1) for c in distinct.values())
    assert d.perceived_regions == len(set(patterns))
    assert d.rank <= d.region_bound
    # the rank is the exact rank of the Jacobian, whatever the backend, and certified
    jac = jacobian(net, batch)
    assert check_certificate(jac.scaled, RankResult(d.rank, jac.shape, d.certificate, "flint"))
    assert check_certificate(jac.matrix, RankResult(d.rank, jac.shape, d.certificate, "flint"))
    for backend in ("flint", "python"):
        result = rank(jac.matrix, backend)
        assert result.rank == d.rank
        assert check_certificate(jac.matrix, result)


@SETTINGS
@given(nets_with_batches(), st.data())
def test_repeated_samples_change_nothing(case, data):
    """A repeated sample adds identical Jacobian rows: rank, region bound and regions are unchanged."""
    net, batch = case
    extra = data.draw(st.lists(st.sampled_from(range(len(batch))), min_size=1, max_size=4))
    d = batch_functional_dimension(net, batch)
    e = batch_functional_dimension(net, batch + [batch[i] for i in extra])
    assert (e.rank, e.region_bound, e.perceived_regions) == (d.rank, d.region_bound, d.perceived_regions)


@SETTINGS
@given(nets_with_batches())
def test_rescaling_directions_are_in_the_kernel(case):
    """docs/theory.md §3.1: u_{l,i} = (+row i of W^l, +b^l_i, −column i of W^{l+1}) satisfies J u = 0 exactly."""
    net, batch = case
    matrix = jacobian(net, batch).matrix
    names = net.parameter_names()
    theta = dict(zip(names, net.parameters()))
    for l in range(1, net.depth):
        layer, following = net.layers[l - 1], net.layers[l]
        for i in range(layer.n_out):
            u = dict.fromkeys(names, Fraction(0))
            for j in range(layer.n_in):
                u[f"W{l}[{i},{j}]"] = theta[f"W{l}[{i},{j}]"]
            u[f"b{l}[{i}]"] = theta[f"b{l}[{i}]"]
            for k in range(following.n_out):
                u[f"W{l + 1}[{k},{i}]"] = -theta[f"W{l + 1}[{k},{i}]"]
            vec = [u[name] for name in names]
            assert all(sum(a * b for a, b in zip(row, vec)) == 0 for row in matrix)


# ------------------------------------------------------------------------ symmetries (§1.4)


@SETTINGS
@given(nets_with_batches(), st.integers(0, 2 ** 32))
def test_random_symmetry_invariance(case, seed):
    net, batch = case
    other = random_symmetry(net, seed)
    assert other.architecture == net.architecture
    for x in batch:
        assert other.forward(x) == net.forward(x)
        assert not on_boundary(other, x)
    d, e = batch_functional_dimension(net, batch), batch_functional_dimension(other, batch)
    assert e.rank == d.rank
    assert e.region_bound == d.region_bound
    assert e.perceived_regions == d.perceived_regions
    # deterministic per seed
    assert random_symmetry(net, seed) == other


@SETTINGS
@given(nets_with_batches(min_hidden_layers=1), st.data())
def test_single_symmetries_and_refused_factors(case, data):
    net, batch = case
    layer = data.draw(st.integers(1, net.depth - 1))
    width = net.layers[layer - 1].n_out
    neuron = data.draw(st.integers(0, width - 1))
    factor = data.draw(st.builds(Fraction, st.integers(1, 20), st.integers(1, 20)))
    perm = data.draw(st.permutations(range(width)))
    base = batch_functional_dimension(net, batch).rank
    for other in (rescale(net, layer, neuron, factor), permute(net, layer, perm)):
        assert all(other.forward(x) == net.forward(x) for x in batch)
        assert batch_functional_dimension(other, batch).rank == base
    for bad in (-1, 0, Fraction(-1, 2), "-3/4", "0"):
        with pytest.raises(SymmetryError):
            rescale(net, layer, neuron, bad)


# ------------------------------------------------------------------ worked examples (docs/theory.md)


def test_negative_rescaling_counterexample():
    """docs/theory.md §3.2: relu(x) has rank 3 on X = (−1, 1, 2); its sign flip min(x, 0) has rank 2."""
    relu = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])
    flipped = ReLUNetwork.from_arrays([([[-1]], [0]), ([[-1]], [0])])
    X = [[-1], [1], [2]]
    assert batch_functional_dimension(relu, X).rank == 3
    assert batch_functional_dimension(flipped, X).rank == 2
    # columns (w, b, v, c) as computed by hand in docs/theory.md §3.2
    assert jacobian(relu, X).matrix == ((0, 0, 0, 1), (1, 1, 1, 1), (2, 1, 2, 1))
    assert jacobian(flipped, X).matrix == ((1, -1, 1, 1), (0, 0, 0, 1), (0, 0, 0, 1))
    assert [relu.forward(x) for x in X] != [flipped.forward(x) for x in X]
    for bad in (-1, 0):
        with pytest.raises(SymmetryError):
            rescale(relu, 1, 0, bad)


@pytest.mark.parametrize("v1,expected", [(3, 5), (0, 4)])
def test_exceptional_theta_example(v1, expected):
    """docs/theory.md §3.3: (1,2,1), same activation pattern, rank 5 for v1 = 3 but 4 for the exceptional v1 = 0."""
    net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[v1, 2]], [1])])
    X = [[-3], [-2], ["1/2"], ["3/4"], [2], [3]]
    d = batch_functional_dimension(net, X)
    assert [net.pattern_at(x) for x in X] == [((0, 1),), ((0, 1),), ((1, 1),), ((1, 1),), ((1, 0),), ((1, 0),)]
    assert (d.n_params, d.n_hidden, d.bound) == (7, 2, 5)
    assert d.rank == expected
    assert d.perceived_regions == 3 and d.region_bound == 6


def test_linear_region_counterexample_C2():
    """claim dim.per-region-bound: f ≡ 0 (one linear region) but two activation regions perceived: rank 3 > 2."""
    net = ReLUNetwork.from_arrays([([[1], [1]], [0, 0]), ([[1, -1]], [0])])
    X = [[-2], [-1], [1], [2]]
    assert all(net.forward(x) == (0,) for x in X)
    d = batch_functional_dimension(net, X)
    assert d.rank == 3
    assert d.perceived_regions == 2 and d.region_bound == 4
    merged = net.n_outputs * min(len(X), net.n_inputs + 1)  # counting the single linear region
    assert merged == 2 < d.rank


@pytest.mark.parametrize("arch,n_params,identifiable", [
    ((784, 30, 30, 30, 10), 25720, 25630),
    ((1, 100, 1), 301, 201),
])
def test_identifiable_parameter_counts_C8(arch, n_params, identifiable):
    net = ReLUNetwork.from_arrays(
        [([[0] * n_in for _ in range(n)], [0] * n) for n_in, n in zip(arch, arch[1:])]
    )
    assert net.architecture == arch
    assert net.n_params == n_params == architecture_counts(arch)[0]
    assert net.n_params - net.n_hidden == identifiable
    assert len(net.parameters()) == n_params
    assert symmetry_bound(net, 10 ** 9) == identifiable


def test_boundary_batches_are_refused():
    net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])
    with pytest.raises(BoundaryError) as info:
        batch_functional_dimension(net, [[-3], [1]])
    assert (info.value.sample, info.value.layer, info.value.neuron) == (1, 1, 1)


def test_seeded_invariance_loop():
    """A deterministic sweep complementing the hypothesis tests (fixed architectures, nonzero weights)."""
    rng = random.Random(12345)
    archs = [(1, 3, 1), (2, 3, 1), (2, 2, 2, 1), (1, 2, 3, 2), (3, 2, 2), (2, 4, 3, 2, 2)]
    checked = 0
    for trial in range(60):
        arch = archs[trial % len(archs)]
        net = ReLUNetwork.from_arrays(
            [([[rng.choice([-3, -2, -1, 1, 2, 3]) for _ in range(m)] for _ in range(n)],
              [rng.choice([-3, -2, -1, 1, 2, 3]) for _ in range(n)]) for m, n in zip(arch, arch[1:])])
        batch = [[Fraction(rng.randint(-20, 20), rng.randint(1, 4)) for _ in range(arch[0])] for _ in range(8)]
        if any(on_boundary(net, x) for x in batch):
            continue
        d = batch_functional_dimension(net, batch)
        assert d.rank <= d.bound and d.rank <= d.region_bound
        other = random_symmetry(net, trial)
        assert all(other.forward(x) == net.forward(x) for x in batch)
        assert batch_functional_dimension(other, batch).rank == d.rank
        checked += 1
    assert checked >= 30
