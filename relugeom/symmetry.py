"""Parameter symmetries of ReLU networks: neuron permutations and positive rescalings.

Each returns a new network computing exactly the same function (docs/theory.md §1, §1.4).
Hidden layers are numbered ``1..L-1``; neurons from 0.

>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[1, 2]], [0])])
>>> other = rescale(permute(net, 1, [1, 0]), 1, 0, "3/2")
>>> other.forward([5]) == net.forward([5]), other.layers[0].weight
(True, ((Fraction(-3, 2),), (Fraction(1, 1),)))
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Sequence

from .errors import ShapeError, SymmetryError
from .exact.rational import to_rational
from .network import Layer, ReLUNetwork

__all__ = ["permute", "rescale", "signed_rescale", "random_symmetry", "rescaling_directions"]


def _hidden_layer(net: ReLUNetwork, layer: int) -> int:
    if isinstance(layer, bool) or not isinstance(layer, int) or not 1 <= layer <= net.depth - 1:
        hidden = f"1..{net.depth - 1}" if net.depth > 1 else "none: the network has no hidden layer"
        raise ShapeError(f"layer {layer!r} is not a hidden layer (hidden layers: {hidden})")
    return layer - 1


def _replace(net: ReLUNetwork, k: int, this: Layer, following: Layer) -> ReLUNetwork:
    layers = list(net.layers)
    layers[k], layers[k + 1] = this, following
    return ReLUNetwork(tuple(layers))


def permute(net: ReLUNetwork, layer: int, perm: Sequence[int]) -> ReLUNetwork:
    """Reorder the neurons of hidden ``layer``: new neuron ``i`` is old neuron ``perm[i]``."""
    k = _hidden_layer(net, layer)
    width = net.layers[k].n_out
    perm = list(perm)
    if sorted(perm) != list(range(width)):
        raise ShapeError(f"{perm!r} is not a permutation of the {width} neurons of layer {layer}")
    cur, nxt = net.layers[k], net.layers[k + 1]
    this = Layer(tuple(cur.weight[p] for p in perm), tuple(cur.bias[p] for p in perm))
    following = Layer(tuple(tuple(row[p] for p in perm) for row in nxt.weight), nxt.bias)
    return _replace(net, k, this, following)


def rescale(net: ReLUNetwork, layer: int, neuron: int, factor: object) -> ReLUNetwork:
    """Multiply the incoming weights and bias of one hidden neuron by ``λ > 0`` and its outgoing weights by ``1/λ``.

    ``λ ≤ 0`` is refused: ``relu(λz) = λ relu(z)`` only holds for ``λ > 0``, so a negative
    "rescaling" changes the function (and can change the rank, docs/theory.md §3.2), and ``λ = 0`` is not invertible.
    """
    k = _hidden_layer(net, layer)
    lam = to_rational(factor, f"rescaling factor of layer {layer} neuron {neuron}")
    if lam <= 0:
        raise SymmetryError(
            f"rescaling factor {lam} for layer {layer} neuron {neuron} must be > 0: relu(λz) = λ·relu(z) "
            f"holds only for λ > 0, so λ < 0 changes the function and λ = 0 is not invertible"
        )
    cur, nxt = net.layers[k], net.layers[k + 1]
    if isinstance(neuron, bool) or not isinstance(neuron, int) or not 0 <= neuron < cur.n_out:
        raise ShapeError(f"neuron {neuron!r} does not exist in layer {layer} (neurons 0..{cur.n_out - 1})")
    this = Layer(
        tuple(tuple(w * lam for w in row) if i == neuron else row for i, row in enumerate(cur.weight)),
        tuple(b * lam if i == neuron else b for i, b in enumerate(cur.bias)),
    )
    following = Layer(tuple(tuple(w / lam if j == neuron else w for j, w in enumerate(row)) for row in nxt.weight),
                      nxt.bias)
    return _replace(net, k, this, following)


def random_symmetry(net: ReLUNetwork, seed: int | random.Random = 0) -> ReLUNetwork:
    """A random composition of a permutation and positive rescalings of every hidden layer (deterministic per seed).

    Factors are rationals ``p/q`` with ``1 ≤ p, q ≤ 9``.
    """
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    for layer in range(1, net.depth):
        width = net.layers[layer - 1].n_out
        perm = list(range(width))
        rng.shuffle(perm)
        net = permute(net, layer, perm)
        for neuron in range(width):
            net = rescale(net, layer, neuron, Fraction(rng.randint(1, 9), rng.randint(1, 9)))
    return net


def signed_rescale(net: ReLUNetwork, factors: Sequence[object]) -> ReLUNetwork:
    """Multiply each hidden neuron's incoming row and bias by ``λ`` and its outgoing column by ``1/λ``, one
    factor per hidden neuron in layer-then-neuron order — for any ``λ ≠ 0``. Only ``λ > 0`` is a symmetry
    (:func:`rescale`); a negative factor turns ``relu(z)`` into ``−relu(−z)`` and changes the function.

    >>> net = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])          # relu(x)
    >>> signed_rescale(net, [-1]).forward([2]), signed_rescale(net, [-1]).forward([-2])
    ((Fraction(0, 1),), (Fraction(-2, 1),))
    """
    lams = [to_rational(f, f"rescaling factor {k}") for k, f in enumerate(factors)]
    if len(lams) != net.n_hidden:
        raise ShapeError(f"{len(lams)} factors for {net.n_hidden} hidden neurons")
    if any(lam == 0 for lam in lams):
        raise SymmetryError("a rescaling factor is 0 (not invertible)")
    layers, k = list(net.layers), 0
    for l in range(net.depth - 1):
        lam = lams[k:k + layers[l].n_out]
        k += layers[l].n_out
        cur, nxt = layers[l], layers[l + 1]
        layers[l] = Layer(tuple(tuple(w * c for w in row) for row, c in zip(cur.weight, lam)),
                          tuple(b * c for b, c in zip(cur.bias, lam)))
        layers[l + 1] = Layer(tuple(tuple(w / c for w, c in zip(row, lam)) for row in nxt.weight), nxt.bias)
    return ReLUNetwork(tuple(layers))


def rescaling_directions(net: ReLUNetwork) -> tuple[tuple[Fraction, ...], ...]:
    """The ``H`` tangent directions at θ of the positive rescalings, one per hidden neuron (layer, then neuron),
    in parameter order: ``d/dλ`` at ``λ = 1`` of scaling neuron ``i``'s incoming row and bias by ``λ`` and its
    outgoing column by ``1/λ`` — ``+θ`` on the incoming entries, ``−θ`` on the outgoing ones. Each lies in
    the kernel of the Jacobian on any batch without boundary samples.

    >>> net = ReLUNetwork.from_arrays([([[2]], [1]), ([[3]], [0])])          # (w, b, v, c) = (2, 1, 3, 0)
    >>> [str(v) for v in rescaling_directions(net)[0]]
    ['2', '1', '-3', '0']
    """
    theta = net.parameters()
    offsets, k = [], 0
    for layer in net.layers:
        offsets.append(k)
        k += layer.n_out * (layer.n_in + 1)
    out = []
    for l in range(net.depth - 1):
        cur, nxt = net.layers[l], net.layers[l + 1]
        for i in range(cur.n_out):
            d = [Fraction(0)] * len(theta)
            for j in range(cur.n_in):
                d[offsets[l] + i * cur.n_in + j] = theta[offsets[l] + i * cur.n_in + j]
            bias = offsets[l] + cur.n_out * cur.n_in + i
            d[bias] = theta[bias]
            for o in range(nxt.n_out):
                d[offsets[l + 1] + o * nxt.n_in + i] = -theta[offsets[l + 1] + o * nxt.n_in + i]
            out.append(tuple(d))
    return tuple(out)
