"""Neuron permutations and positive rescalings: exact function equality and clear refusals."""

from fractions import Fraction

import pytest

from relugeom import ReLUNetwork, ShapeError, SymmetryError, permute, random_symmetry, rescale

NET = ReLUNetwork.from_arrays([
    ([[1, -2], [3, 1], [0, 1]], [1, 0, -1]),
    ([[1, 1, -1], [2, 0, 1]], [0, 1]),
    ([[1, -3]], [2]),
])
POINTS = [[Fraction(a, 3), Fraction(b, 2)] for a in range(-4, 5, 2) for b in range(-3, 4, 2)]


def test_permute_moves_rows_and_columns_and_keeps_function():
    other = permute(NET, 1, [2, 0, 1])
    assert other.layers[0].weight[0] == NET.layers[0].weight[2]
    assert other.layers[1].weight[0] == (Fraction(-1), Fraction(1), Fraction(1))
    for x in POINTS:
        assert other.forward(x) == NET.forward(x)
        pattern, moved = NET.sign_vector_at(x), other.sign_vector_at(x)
        assert moved[0] == tuple(pattern[0][p] for p in [2, 0, 1]) and moved[1] == pattern[1]


def test_rescale_keeps_function():
    other = rescale(NET, 2, 1, "5/7")
    assert other.layers[1].weight[1] == (Fraction(10, 7), 0, Fraction(5, 7))
    assert other.layers[2].weight[0][1] == Fraction(-21, 5)
    assert all(other.forward(x) == NET.forward(x) for x in POINTS)


def test_random_symmetry_is_deterministic_and_exact():
    a, b = random_symmetry(NET, seed=3), random_symmetry(NET, seed=3)
    assert a == b and a != NET and random_symmetry(NET, seed=4) != a
    assert all(a.forward(x) == NET.forward(x) for x in POINTS)


@pytest.mark.parametrize("factor", [-1, 0, "-1/2"])
def test_non_positive_rescaling_is_refused_with_reason(factor):
    with pytest.raises(SymmetryError, match="must be > 0.*relu"):
        rescale(NET, 1, 0, factor)


def test_negative_rescaling_would_change_the_function():
    """Why λ < 0 is refused: doing it by hand changes f (docs/theory.md §3.2)."""
    net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])
    flipped = ReLUNetwork.from_arrays([([[-1]], [0]), ([[-1]], [0])])
    assert net.forward([2]) != flipped.forward([2])


@pytest.mark.parametrize("call, fragment", [
    (lambda: permute(NET, 3, [0]), "not a hidden layer"),
    (lambda: permute(NET, 0, [0, 1, 2]), "not a hidden layer"),
    (lambda: permute(NET, 1, [0, 0, 1]), "not a permutation"),
    (lambda: permute(NET, 2, [0, 1, 2]), "not a permutation"),
    (lambda: rescale(NET, 1, 3, 2), "neuron 3 does not exist"),
    (lambda: rescale(NET, 1, 0, "x"), "not a number"),
    (lambda: permute(ReLUNetwork.from_arrays([([[1]], [0])]), 1, [0]), "no hidden layer"),
])
def test_bad_symmetry_arguments(call, fragment):
    with pytest.raises((ShapeError, SymmetryError, ValueError)) as err:
        call()
    assert fragment in str(err.value)


def test_rescaling_directions_are_in_the_kernel_and_decide_identifiability():
    """J d = 0 for each rescaling direction d; with a zero output weight the kernel is larger than their span."""
    from relugeom import jacobian, rank
    from relugeom.claims import Case, get_claim
    from relugeom.inputs import as_batch
    from relugeom.symmetry import rescaling_directions

    X = [[-3], [-2], ["1/2"], ["3/4"], [2], [3]]
    for v in (3, 0):  # generic, then exceptional (v_1 = 0)
        net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[v, 2]], [1])])
        jac = jacobian(net, X).matrix
        dirs = rescaling_directions(net)
        assert len(dirs) == net.n_hidden and all(not any(sum(a * b for a, b in zip(r, d)) for r in jac) for d in dirs)
        kernel = net.n_params - rank(jac).rank
        assert (kernel == rank(dirs).rank) == (v != 0)
        assert get_claim("symmetry.identifiability").evaluate(Case(net, as_batch(X))).holds
