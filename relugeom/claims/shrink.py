"""Shrinking: greedily simplify a counterexample (fewer neurons, fewer samples, smaller numbers)
while it stays a counterexample.

>>> from relugeom import ReLUNetwork
>>> case_size(Case(ReLUNetwork.from_arrays([([[2], [1]], [0, "1/2"]), ([[1, 1]], [0])]), ((1,),)))
(2, 2, 1, 1, 1, 7, 1)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction

from ..errors import RelugeomError
from ..network import Layer, ReLUNetwork
from .case import Case, Outcome, Skip
from .claim import Claim

__all__ = ["case_size", "shrink"]


def case_size(case: Case) -> tuple:
    """What shrinking minimizes, in order: hidden neurons, depth, input dimension, outputs, samples,
    Σ|weights| (numerator + denominator − 1, so 0 is smallest), Σ sizes of the samples."""
    net = case.network
    weight_size = sum(abs(q.numerator) + q.denominator - 1 for q in net.parameters())
    sample_size = sum(abs(q.numerator) + q.denominator - 1 for x in case.inputs for q in x)
    return net.n_hidden, net.depth, net.n_inputs, net.n_outputs, len(case.inputs), weight_size, sample_size


def _merged_layer(net: ReLUNetwork, layer: int) -> ReLUNetwork:
    """Hidden layer ``layer`` (0-based) removed, its affine map composed into the next one (as if its ReLU
    were the identity): one layer less, usually still a counterexample when the layer did not matter."""
    layers = list(net.layers)
    cur, nxt = layers[layer], layers[layer + 1]
    weight = tuple(tuple(sum((a * cur.weight[k][j] for k, a in enumerate(row)), Fraction(0)) for j in range(cur.n_in))
                   for row in nxt.weight)
    bias = tuple(sum((a * b for a, b in zip(row, cur.bias)), c) for row, c in zip(nxt.weight, nxt.bias))
    return ReLUNetwork(tuple(layers[:layer]) + (Layer(weight, bias),) + tuple(layers[layer + 2:]))


def _without_input(case: Case, k: int) -> Case:
    first = case.network.layers[0]
    layer = Layer(tuple(row[:k] + row[k + 1:] for row in first.weight), first.bias)
    return Case(ReLUNetwork((layer,) + case.network.layers[1:]), tuple(x[:k] + x[k + 1:] for x in case.inputs),
                case.extras)


def _without_output(net: ReLUNetwork, o: int) -> ReLUNetwork:
    last = net.layers[-1]
    layer = Layer(last.weight[:o] + last.weight[o + 1:], last.bias[:o] + last.bias[o + 1:])
    return ReLUNetwork(net.layers[:-1] + (layer,))


def _without_neuron(net: ReLUNetwork, layer: int, neuron: int) -> ReLUNetwork:
    layers = list(net.layers)
    cur, nxt = layers[layer], layers[layer + 1]
    layers[layer] = Layer(tuple(r for i, r in enumerate(cur.weight) if i != neuron),
                          tuple(b for i, b in enumerate(cur.bias) if i != neuron))
    layers[layer + 1] = Layer(tuple(tuple(w for i, w in enumerate(row) if i != neuron) for row in nxt.weight), nxt.bias)
    return ReLUNetwork(tuple(layers))


def _simpler_numbers(q: Fraction) -> list[Fraction]:
    out = [Fraction(0)]
    if q.denominator != 1:
        out += [Fraction(round(q)), Fraction(q.numerator // abs(q.numerator) if q.numerator else 0)]
    elif abs(q) > 1:
        out.append(q - (1 if q > 0 else -1))
    return [v for v in dict.fromkeys(out) if v != q]


def _candidates(case: Case) -> Iterator[Case]:
    net = case.network
    for l in range(net.depth - 1):
        yield Case(_merged_layer(net, l), case.inputs, case.extras)
    if net.n_inputs > 1:
        for k in range(net.n_inputs):
            yield _without_input(case, k)
    if net.n_outputs > 1:
        for o in range(net.n_outputs):
            yield Case(_without_output(net, o), case.inputs, case.extras)
    for l, layer in enumerate(net.layers[:-1]):
        if layer.n_out > 1:
            for i in range(layer.n_out):
                yield Case(_without_neuron(net, l, i), case.inputs, case.extras)
    if len(case.inputs) > 1:
        for j in range(len(case.inputs)):
            yield Case(net, case.inputs[:j] + case.inputs[j + 1:], case.extras)
    theta = list(net.parameters())
    for k, q in enumerate(theta):
        for simpler in _simpler_numbers(q):
            yield Case(net.with_parameters(theta[:k] + [simpler] + theta[k + 1:]), case.inputs, case.extras)
    for j, x in enumerate(case.inputs):
        for c, q in enumerate(x):
            for simpler in _simpler_numbers(q):
                point = x[:c] + (simpler,) + x[c + 1:]
                yield Case(net, case.inputs[:j] + (point,) + case.inputs[j + 1:], case.extras)


def shrink(claim: Claim, case: Case, dropped: Sequence[str] = (), max_steps: int = 10_000) -> tuple[Case, Outcome]:
    """Greedily simplify a counterexample while it stays one: fewer hidden layers and neurons, fewer inputs,
    outputs and samples, and numbers moved towards 0 and small integers (:func:`case_size` decreases)."""
    best, outcome = case, claim.evaluate(case)
    if outcome.holds:
        raise RelugeomError(f"the case is not a counterexample to {claim.name}")
    for _ in range(max_steps):
        for candidate in _candidates(best):
            if case_size(candidate) >= case_size(best):
                continue
            try:
                if not claim.applies(candidate, dropped):
                    continue
                result = claim.evaluate(candidate)
            except (Skip, RelugeomError, IndexError, ValueError):  # e.g. extras that no longer fit
                continue
            if not result.holds:
                best, outcome = candidate, result
                break
        else:
            return best, outcome
    return best, outcome
