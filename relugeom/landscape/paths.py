"""Paths in parameter space between zero-loss points (Şimşek et al.; docs/theory.md §2.8): the
three-segment path between θ and P(i,j)θ, straight segments and their exact certification,
replication of a neuron, and the midpoint defect of a rescaling orbit.

The path check is exact: the four vertices are compared by :func:`relugeom.equality.same_function`, and
every segment either moves only outgoing weights or the incoming weights of neurons whose outgoing weight
stays 0, so ``f`` is affine in the path parameter ``t`` along it: equal end points prove zero loss at every
``t`` and every ``x``; interior grid points are redundant checks.

>>> theta = two_layer_network([[1], [-2]], [3, 0])
>>> check_path(three_segment_path(theta, 0, 1)).proved
True
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..equality import same_function
from ..errors import RelugeomError, ShapeError
from ..exact.rational import to_rational
from ..inputs import as_batch
from ..loss import squared_loss
from ..network import ReLUNetwork, output_vector
from .expansions import (_build, _parts, _two_layer, check_neuron, expansion, incoming, outgoing,
                         two_layer_network)  # noqa: F401

__all__ = ["three_segment_path", "interpolate", "segment_certified", "PathCheck", "check_path", "replicate",
           "midpoint", "rescaling_midpoint_defect"]

ZERO = Fraction(0)

# =====================================================================================================
# the three-segment path (docs/theory.md §2.8)
# =====================================================================================================


def three_segment_path(theta_m: ReLUNetwork, i: int, j: int) -> tuple[ReLUNetwork, ...]:
    """The four vertices ``θ, θ¹, θ², P(i,j)θ`` of docs/theory.md §2.8's path (neurons 0-based; ``j`` is the spare
    neuron, zero loss needs ``a_j = 0``): (1) move ``(w_j, b_j)`` to ``(w_i, b_i)``; (2) swap the outgoing
    weights of ``i`` and ``j`` (a straight segment: ``(a_i, 0) → (0, a_i)``); (3) move ``(w_i, b_i)`` to the
    spare's old ``(w_j, b_j)``.

    >>> theta = two_layer_network([[1], [-2]], [3, 0])
    >>> [[str(v) for v in p.parameters()] for p in three_segment_path(theta, 0, 1)][3]
    ['-2', '1', '0', '0', '0', '3', '0']
    """
    rows, biases, outs, c = _parts(theta_m)
    i, j = check_neuron(theta_m, i, "i"), check_neuron(theta_m, j, "j")
    if i == j:
        raise ShapeError("the path needs two different neurons i and j")
    v1_rows, v1_bias = list(rows), list(biases)
    v1_rows[j], v1_bias[j] = rows[i], biases[i]
    v2_outs = list(outs)
    v2_outs[i], v2_outs[j] = outs[j], outs[i]
    v3_rows, v3_bias = list(v1_rows), list(v1_bias)
    v3_rows[i], v3_bias[i] = rows[j], biases[j]
    return (theta_m, _build(v1_rows, v1_bias, outs, c), _build(v1_rows, v1_bias, v2_outs, c),
            _build(v3_rows, v3_bias, v2_outs, c))


def interpolate(theta0: ReLUNetwork, theta1: ReLUNetwork, t: object) -> ReLUNetwork:
    """The network with parameters ``(1 − t) θ₀ + t θ₁``.

    >>> interpolate(two_layer_network([[0]], [0]), two_layer_network([[2]], [4]), "1/2").parameters()[::2]
    (Fraction(1, 1), Fraction(2, 1))
    """
    if theta0.architecture != theta1.architecture:
        raise ShapeError(f"architectures differ: {theta0.architecture} vs {theta1.architecture}")
    t = to_rational(t, "t")
    return theta0.with_parameters([(1 - t) * p + t * q for p, q in zip(theta0.parameters(), theta1.parameters())])


def segment_certified(theta0: ReLUNetwork, theta1: ReLUNetwork) -> bool:
    """True when every neuron whose incoming ``(w, b)`` moves along the segment has outgoing weight 0 at both
    ends. Then ``f_{θ(t)} = (1 − t) f_{θ₀} + t f_{θ₁}`` for every ``t`` (the moving neurons contribute 0; the
    others enter linearly through ``a`` and ``c``), so ``f_{θ₀} ≡ f_{θ₁} ≡ g`` proves ``f_{θ(t)} ≡ g`` on the
    whole segment.

    >>> segment_certified(two_layer_network([[1], [2]], [1, 0]), two_layer_network([[1], [5]], [1, 0]))
    True
    """
    _two_layer(theta0)
    _two_layer(theta1)
    width = theta0.layers[0].n_out
    moved = [k for k in range(width) if incoming(theta0, k) != incoming(theta1, k)]
    return all(not any(outgoing(theta0, k)) and not any(outgoing(theta1, k)) for k in moved)


@dataclass(frozen=True)
class PathCheck:
    """Exact checks of a piecewise-linear path against a reference function ``g``.

    * ``vertices_equal[k]``: ``f_{vertex k} ≡ g`` on R^d (:func:`same_function`);
    * ``certified[k]``: segment ``k`` satisfies :func:`segment_certified` (so, with its two vertices equal to
      ``g``, ``f ≡ g`` at every point of it: that is the proof);
    * ``grid_equal[k]``: ``f_{θ(t)} ≡ g`` at the interior grid points ``t = q/grid, 0 < q < grid`` of segment ``k``
      (redundant given the proof; the way a failure is found when a segment is not certified);
    * ``grid_loss``: the largest squared loss ``½ Σ_x ‖f_{θ(t)}(x) − g(x)‖²`` on the batch over the interior
      points ``t = k/grid, 0 < k < grid`` of every segment (0 without a batch; redundant given the proof).
    """

    vertices_equal: tuple[bool, ...]
    certified: tuple[bool, ...]
    grid_equal: tuple[bool, ...]
    grid_loss: Fraction

    @property
    def proved(self) -> bool:
        """Zero loss on the whole path (for every x), by the vertices and the segment lemma."""
        return all(self.vertices_equal) and all(self.certified)

    @property
    def zero_loss(self) -> bool:
        """Every check found loss exactly 0."""
        return all(self.vertices_equal) and all(self.grid_equal) and self.grid_loss == 0


def check_path(vertices: Sequence[ReLUNetwork], reference: ReLUNetwork | None = None, inputs: object = (),
               grid: int = 8) -> PathCheck:
    """Check the path through ``vertices`` against ``reference`` (default: the first vertex); see :class:`PathCheck`."""
    if len(vertices) < 2:
        raise ShapeError("a path needs at least two vertices")
    ref = vertices[0] if reference is None else reference
    batch = as_batch(inputs, ref.n_inputs) if len(inputs) else ()
    targets = [ref.forward(x) for x in batch]
    worst = ZERO
    for a, b in itertools.pairwise(vertices):
        for k in range(1, grid if batch else 0):
            worst = max(worst, squared_loss(interpolate(a, b, Fraction(k, grid)), batch, targets))
    return PathCheck(
        vertices_equal=tuple(same_function(v, ref) for v in vertices),
        certified=tuple(segment_certified(a, b) for a, b in itertools.pairwise(vertices)),
        grid_equal=tuple(all(same_function(interpolate(a, b, Fraction(q, grid)), ref) for q in range(1, grid))
                         for a, b in itertools.pairwise(vertices)),
        grid_loss=worst,
    )


# =====================================================================================================
# replication of critical points (docs/theory.md §2.8)
# =====================================================================================================


def replicate(theta_r: ReLUNetwork, i: int, split: object) -> ReLUNetwork:
    """Width ``r + 1``: neuron ``i`` (0-based) keeps outgoing ``a_i − split``, a copy of it (appended as the last
    neuron) gets ``split`` (a number for one output, else a vector).

    >>> replicate(two_layer_network([[1]], [0]), 0, 1).layers[1].weight      # a_i = 0 split as (−1, +1)
    ((Fraction(-1, 1), Fraction(1, 1)),)
    """
    _two_layer(theta_r, "theta_r")
    r, d_out = theta_r.layers[0].n_out, theta_r.n_outputs
    i = check_neuron(theta_r, i, "i")
    s = output_vector(split, d_out, "split")
    splits = [outgoing(theta_r, k) for k in range(r)]
    splits[i] = tuple(a - v for a, v in zip(splits[i], s))
    return expansion(theta_r, [*range(1, r + 1), i + 1], [*splits, s])


# =====================================================================================================
# §2.5: ReLU rescaling orbits make the zero-loss pieces non-affine
# =====================================================================================================


def midpoint(theta0: ReLUNetwork, theta1: ReLUNetwork) -> ReLUNetwork:
    """``(θ₀ + θ₁) / 2``.

    >>> midpoint(two_layer_network([[1]], [2]), two_layer_network([[2]], [1])).parameters()
    (Fraction(3, 2), Fraction(0, 1), Fraction(3, 2), Fraction(0, 1))
    """
    return interpolate(theta0, theta1, Fraction(1, 2))


def rescaling_midpoint_defect(lam: object) -> Fraction:
    """The midpoint of ``(w, b, a)`` and ``(λw, λb, a/λ)`` computes ``f + δ · a relu(w·x + b)`` with
    ``δ = (1 + λ)(1 + 1/λ)/4 − 1 = (λ − 1)² / (4λ)``; ``δ > 0`` for every ``λ > 0, λ ≠ 1``, so the rescaling
    orbit (a hyperbola ``a·λ = const``) is not affine and neither is the zero-loss set containing it.

    >>> rescaling_midpoint_defect(2), rescaling_midpoint_defect(1)
    (Fraction(1, 8), Fraction(0, 1))
    """
    lam = to_rational(lam, "λ")
    if lam <= 0:
        raise RelugeomError(f"λ = {lam} is not a positive rescaling")
    return (lam - 1) ** 2 / (4 * lam)


