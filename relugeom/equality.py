"""Exact function equality of two networks on all of R^d (docs/theory.md §2.8).

For one hidden layer, ``f − g`` is rewritten as ``Σ_H C_H relu(z_H) + A x + e`` over distinct hyperplanes
and is 0 iff all coefficients are 0; for any depth, the affine maps of ``f − g`` vanish on every
activation region (``enumerate_regions``); the tests check that the two methods agree.

>>> from relugeom.landscape import two_layer_network
>>> same_function(two_layer_network([[1], [-1]], [1, 1]), two_layer_network([[2], [-3]], ["1/2", "1/3"]))
True
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .errors import InputError, ShapeError
from .network import Layer, ReLUNetwork
from .regions import enumerate_regions

__all__ = ["difference_network", "function_difference", "same_function", "two_layer_parts"]

ZERO = Fraction(0)


def two_layer_parts(net: ReLUNetwork) -> tuple[list[tuple[Fraction, ...]], list[Fraction], list[tuple[Fraction, ...]],
                                                 tuple[Fraction, ...]]:
    """``(w_j)_j, (b_j)_j, (a_j)_j, c`` of a network with one hidden layer: ``f(x) = Σ_j a_j relu(w_j·x + b_j) + c``."""
    if net.depth != 2:
        raise ShapeError(f"need exactly one hidden layer (architecture (d, m, d_out)); got {net.architecture}")
    hidden, out = net.layers
    return (list(hidden.weight), list(hidden.bias), [tuple(row[j] for row in out.weight) for j in range(hidden.n_out)],
            out.bias)

# ----------------------------------------------------------------------------- exact function equality


def difference_network(f: ReLUNetwork, g: ReLUNetwork) -> ReLUNetwork:
    """A network computing ``f − g`` (both of the same depth, input and output dimensions): the hidden layers
    side by side, the last layer ``[W_f | −W_g]``, bias ``b_f − b_g``.

    >>> from relugeom.landscape import two_layer_network
    >>> net = two_layer_network([[1]], [1])
    >>> difference_network(net, net).architecture
    (1, 2, 1)
    """
    if f.depth != g.depth or f.n_inputs != g.n_inputs or f.n_outputs != g.n_outputs:
        raise ShapeError(f"cannot subtract networks of architectures {f.architecture} and {g.architecture} "
                         "(need the same depth, inputs and outputs)")
    layers = []
    for k, (lf, lg) in enumerate(zip(f.layers, g.layers)):
        last = k == f.depth - 1
        if last and k == 0:
            weight = tuple(tuple(x - y for x, y in zip(rf, rg)) for rf, rg in zip(lf.weight, lg.weight))
            bias = tuple(x - y for x, y in zip(lf.bias, lg.bias))
        elif last:
            weight = tuple(rf + tuple(-v for v in rg) for rf, rg in zip(lf.weight, lg.weight))
            bias = tuple(x - y for x, y in zip(lf.bias, lg.bias))
        elif k == 0:
            weight, bias = lf.weight + lg.weight, lf.bias + lg.bias
        else:
            zf, zg = (ZERO,) * lg.n_in, (ZERO,) * lf.n_in
            weight = tuple(row + zf for row in lf.weight) + tuple(zg + row for row in lg.weight)
            bias = lf.bias + lg.bias
        layers.append(Layer(weight, bias))
    return ReLUNetwork(tuple(layers))


def function_difference(f: ReLUNetwork, g: ReLUNetwork) -> tuple[object, ...] | None:
    """None if ``f ≡ g`` on all of R^d, else the pattern of an activation region of ``f − g`` where its affine
    map is not 0. Exact: ``f − g`` is continuous and piecewise affine, and its full-dimensional activation
    regions (``enumerate_regions``) cover a dense subset of R^d."""
    diff = difference_network(f, g)
    for region in enumerate_regions(diff):
        a, c = region.affine_map
        if any(c) or any(any(row) for row in a):
            return region.pattern
    return None


def _kink_form(nets: Sequence[tuple[ReLUNetwork, int]]) -> tuple[dict, list[list[Fraction]], list[Fraction]]:
    """``Σ_k sign_k f_k`` for two-layer nets, rewritten as ``Σ_H C_H relu(z_H) + A x + e`` with one term per
    hyperplane ``H`` (``z_H = u·x + β`` normalised so that the first non-zero entry of ``u`` is 1): positive
    rescalings are absorbed (``relu(λz) = λ relu(z)``) and ``relu(−z) = relu(z) − z``."""
    d, d_out = nets[0][0].n_inputs, nets[0][0].n_outputs
    kinks: dict[tuple, list[Fraction]] = {}
    lin = [[ZERO] * d for _ in range(d_out)]
    const = [ZERO] * d_out
    for net, sign in nets:
        rows, biases, outs, c = two_layer_parts(net)
        const = [e + sign * v for e, v in zip(const, c)]
        for u, beta, a in zip(rows, biases, outs):
            if not any(a):
                continue
            a = [sign * v for v in a]
            if not any(u):
                const = [e + v * max(beta, ZERO) for e, v in zip(const, a)]
                continue
            s = next(v for v in u if v)
            key = (tuple(v / s for v in u), beta / s)
            lam = abs(s)
            acc = kinks.setdefault(key, [ZERO] * d_out)
            for o in range(d_out):
                acc[o] += lam * a[o]
            if s < 0:  # relu(−λz) = λ relu(z) − λ z
                for o in range(d_out):
                    const[o] -= lam * a[o] * key[1]
                    for k in range(d):
                        lin[o][k] -= lam * a[o] * key[0][k]
    return kinks, lin, const


def same_function(f: ReLUNetwork, g: ReLUNetwork, method: str = "auto") -> bool:
    """``f(x) = g(x)`` for every ``x ∈ R^d``, decided exactly.

    ``method="regions"`` (any equal depth): the affine maps of ``f − g`` on all activation regions are 0
    (:func:`function_difference`). ``method="kinks"`` (one hidden layer): ``f − g`` written as
    ``Σ_H C_H relu(z_H) + A x + e`` over distinct hyperplanes ``H`` is 0 iff every ``C_H``, ``A`` and ``e`` are
    0 (each ``relu(z_H)`` has a kink exactly on ``H``, so these functions and the affine ones are linearly
    independent). ``"auto"``: kinks for two-layer networks, else regions.

    >>> from relugeom.landscape import two_layer_network
    >>> absolute = two_layer_network([[1], [-1]], [1, 1])
    >>> same_function(absolute, two_layer_network([[2], [-3]], ["1/2", "1/3"])), same_function(absolute,
    ...     two_layer_network([[1]], [1]), method="regions")
    (True, False)
    """
    if method not in ("auto", "kinks", "regions"):
        raise InputError(f"method must be 'auto', 'kinks' or 'regions', got {method!r}")
    if method == "regions" or (method == "auto" and not (f.depth == g.depth == 2)):
        return function_difference(f, g) is None
    if f.n_inputs != g.n_inputs or f.n_outputs != g.n_outputs:
        raise ShapeError(f"cannot compare networks of architectures {f.architecture} and {g.architecture}")
    kinks, lin, const = _kink_form([(f, 1), (g, -1)])
    return not any(any(v) for v in kinks.values()) and not any(any(row) for row in lin) and not any(const)


