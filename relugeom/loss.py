"""The squared loss ``L(θ) = ½ Σ_x ‖f_θ(x) − y(x)‖²``, its exact gradient, and targets that make a given
θ an exact critical point (docs/theory.md §2.8).

Gradients are ``Jᵀ (F − Y)`` with relugeom's exact Jacobian; at a sample on the kink of a neuron whose
outgoing weight is 0 (e.g. a zero neuron ``(0, 0)``) the loss is still differentiable (``a_j relu(z_j)``
is of second order there) and the gradient does not depend on the side.

>>> from relugeom.landscape import two_layer_network
>>> squared_loss(two_layer_network([[1]], [1]), [[1], [2]], [[0], [2]])
Fraction(1, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .errors import InputError
from .exact.linalg import nullspace
from .inputs import as_batch
from .jacobian import frozen_jacobian
from .equality import two_layer_parts
from .network import ReLUNetwork, Vector, output_vector

__all__ = ["squared_loss", "loss_gradient", "critical_targets", "loss_hessian"]

ZERO = Fraction(0)

def _targets(net: ReLUNetwork, targets: object, n: int) -> list[Vector]:
    rows = list(targets)
    if len(rows) != n:
        raise InputError(f"{n} samples but {len(rows)} targets")
    return [output_vector(y, net.n_outputs, f"targets[{j}]") for j, y in enumerate(rows)]


def squared_loss(net: ReLUNetwork, inputs: object, targets: object) -> Fraction:
    """``L(θ) = ½ Σ_x ‖f_θ(x) − y(x)‖²``, exactly.

    >>> from relugeom.landscape import two_layer_network
    >>> squared_loss(two_layer_network([[1]], [1]), [[1], [2]], [[0], [2]])
    Fraction(1, 2)
    """
    batch = as_batch(inputs, net.n_inputs)
    ys = _targets(net, targets, len(batch))
    return sum((sum((f - y) ** 2 for f, y in zip(net.forward(x), yv)) for x, yv in zip(batch, ys)), ZERO) / 2


def _differentiable_patterns(net: ReLUNetwork, batch: Sequence[Vector]) -> list:
    """Each sample's pattern; a sample on the kink of a neuron whose outgoing weights are all 0 is allowed
    (two-layer nets: ``a_j relu(z_j)`` with ``a_j = 0 = z_j`` is ``O(‖Δθ‖²)``, so L is differentiable there and
    either bit gives the gradient); any other boundary sample raises ``BoundaryError``."""
    if net.depth != 2:
        return [net.pattern_at(x, sample=j) for j, x in enumerate(batch)]
    silent = {k for k, a in enumerate(two_layer_parts(net)[2]) if not any(a)}
    patterns = []
    for j, x in enumerate(batch):
        signs = net.sign_vector_at(x)[0]
        if any(s == 0 and k not in silent for k, s in enumerate(signs)):
            net.pattern_at(x, sample=j)  # raises the BoundaryError naming the neuron
        patterns.append((tuple(int(s > 0) for s in signs),))
    return patterns


def loss_gradient(net: ReLUNetwork, inputs: object, targets: object) -> Vector:
    """``∇L(θ) = Jᵀ (F − Y)`` exactly, in relugeom's parameter order (``BoundaryError`` if L is not
    differentiable because a sample lies on the kink of a neuron with a non-zero outgoing weight).

    >>> from relugeom.landscape import two_layer_network
    >>> loss_gradient(two_layer_network([[1]], [1]), [[2]], [[1]])   # d/d(w, b, a, c) of ½ (relu(2w) a − 1)²
    (Fraction(2, 1), Fraction(1, 1), Fraction(2, 1), Fraction(1, 1))
    """
    batch = as_batch(inputs, net.n_inputs)
    ys = _targets(net, targets, len(batch))
    jac = frozen_jacobian(net, batch, _differentiable_patterns(net, batch))
    residual = [f - y for x, yv in zip(batch, ys) for f, y in zip(net.forward(x), yv)]
    grad = [ZERO] * net.n_params
    for row, scale, e in zip(jac.scaled.rows, jac.scaled.scales, residual):
        if e:
            for k, v in enumerate(row):
                if v:
                    grad[k] += Fraction(v, scale) * e
    return tuple(grad)


def critical_targets(theta: ReLUNetwork, inputs: object, coefficients: Sequence[int] = (1,)) -> tuple[
        list[Vector], Vector]:
    """Targets ``Y = F − E`` making ``θ`` an exact critical point of the squared loss: ``E = Σ_k c_k e_k`` over
    the basis ``e_k`` of ``{E : Jᵀ E = 0}`` (coefficients padded with 0 / truncated); ``E ≠ 0`` gives a critical
    point with positive loss. Returns ``(Y, E)``; ``E`` is sample-major, then output.

    >>> from relugeom.landscape import two_layer_network
    >>> theta = two_layer_network([[1]], [0], [0])                 # a = 0: f ≡ 0
    >>> ys, e = critical_targets(theta, [["-1/3"], ["2/3"], ["5/3"]])
    >>> [str(v) for v in e], loss_gradient(theta, [["-1/3"], ["2/3"], ["5/3"]], ys) == (0, 0, 0, 0)
    (['3', '-5', '2'], True)
    """
    batch = as_batch(inputs, theta.n_inputs)
    jac = frozen_jacobian(theta, batch, _differentiable_patterns(theta, batch))
    n_rows = len(jac.scaled.rows)
    transpose = [[Fraction(row[k], s) for row, s in zip(jac.scaled.rows, jac.scaled.scales)]
                 for k in range(theta.n_params)]
    basis = nullspace(transpose) if n_rows else ()
    coeff = (list(coefficients) + [0] * len(basis))[:len(basis)]
    e = tuple(sum((Fraction(c) * v[k] for c, v in zip(coeff, basis)), ZERO) for k in range(n_rows))
    d_out = theta.n_outputs
    ys = [tuple(f - e[j * d_out + o] for o, f in enumerate(theta.forward(x))) for j, x in enumerate(batch)]
    return ys, e




def loss_hessian(net: ReLUNetwork, inputs: object, targets: object) -> tuple[tuple[Fraction, ...], ...]:
    """The exact Hessian ``∇²L(θ) = JᵀJ + Σ_r e_r ∇²F_r`` (``e = F − Y``, ``N × N``, parameter order) at a θ
    without boundary samples (``BoundaryError`` otherwise: there L need not be twice differentiable).

    With the samples' patterns frozen, every output ``F_r`` is a polynomial of degree ≤ 1 in each single
    parameter (a monomial takes at most one factor from each layer, and one layer's parameters never multiply
    each other), so ``∂F_r/∂θ_a`` is affine in ``θ_b``: ``∂²F_r/∂θ_a∂θ_b = J(θ + e_b)[r, a] − J(θ)[r, a]``
    exactly, one frozen Jacobian per parameter. At an interpolating point (``e = 0``) the Hessian is ``JᵀJ``.

    >>> from relugeom.landscape import two_layer_network
    >>> net = two_layer_network([[1]], [1])                          # a relu(w x + b) + c at (1, 0, 1, 0)
    >>> h = loss_hessian(net, [[2]], [[2]])                           # interpolating: J = (2, 1, 2, 1)
    >>> h[0]
    (Fraction(4, 1), Fraction(2, 1), Fraction(4, 1), Fraction(2, 1))
    """
    from .jacobian import batch_patterns

    batch = as_batch(inputs, net.n_inputs)
    ys = _targets(net, targets, len(batch))
    patterns = batch_patterns(net, batch)
    jac = frozen_jacobian(net, batch, patterns).matrix
    residual = [f - y for x, yv in zip(batch, ys) for f, y in zip(net.forward(x), yv)]
    n = net.n_params
    hess = [[sum((jac[r][a] * jac[r][b] for r in range(len(jac))), ZERO) for b in range(n)] for a in range(n)]
    if any(residual):
        theta = list(net.parameters())
        for b in range(n):
            moved = net.with_parameters(theta[:b] + [theta[b] + 1] + theta[b + 1:])
            jb = frozen_jacobian(moved, batch, patterns).matrix
            for a in range(n):
                hess[a][b] += sum((e * (jb[r][a] - jac[r][a]) for r, e in enumerate(residual) if e), ZERO)
    return tuple(tuple(row) for row in hess)
