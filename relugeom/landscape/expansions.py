"""Two-layer networks ``f(x) = Σ_j a_j relu(w_j·x + b_j) + c`` and the expansions of a teacher
(Şimşek et al.; docs/theory.md §2.8): the points of the pieces ``Γ_φ``, positive rescalings, and the
dimension of a piece.

Hidden neurons are numbered from 0, as everywhere in relugeom, **except in the maps φ**:
``mapping[j] = i ∈ {1..r}`` says that student neuron ``j`` copies teacher neuron ``i`` (1-based, so that
``0`` — or ``None`` — can mean a zero-type neuron).

>>> teacher = two_layer_network([[1], [-1]], [1, 1])                     # |x|
>>> student = expansion(teacher, [1, 1, 2], split_weights(teacher, [1, 1, 2], ["1/3", "2/3", 1]))
>>> student.architecture, student.forward([-3])
((1, 3, 1), (Fraction(3, 1),))
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

from ..equality import two_layer_parts
from ..errors import RelugeomError, ShapeError
from ..exact.linalg import rank
from ..exact.rational import format_rational, to_rational, to_rational_vector
from ..network import Layer, ReLUNetwork, output_vector

__all__ = ["check_mapping", "check_neuron", "two_layer_network", "incoming", "outgoing", "expansion", "split_weights", "rescale_neurons",
           "expansion_pieces", "expansion_dimension", "expansion_subspace_dimension", "Vector"]

Vector = tuple[Fraction, ...]
ZERO = Fraction(0)

# =====================================================================================================
# Two-layer networks
# =====================================================================================================


def _two_layer(net: ReLUNetwork, where: str = "network") -> None:
    if not isinstance(net, ReLUNetwork):
        raise ShapeError(f"{where} must be a ReLUNetwork, got {type(net).__name__}")
    if net.depth != 2:
        raise ShapeError(f"{where} must have exactly one hidden layer (architecture (d, m, d_out)); "
                         f"it has architecture {net.architecture}")


def two_layer_network(w: Sequence[Sequence[object]], a: Sequence[object], b: Sequence[object] | None = None,
                      c: object = None) -> ReLUNetwork:
    """``x ↦ Σ_j a_j relu(w_j·x + b_j) + c`` (biases ``b`` default to 0: the theory's bias-free setting); ``a_j`` is a
    number (one output) or a vector, ``c`` likewise (default 0).

    >>> two_layer_network([[1], [-1]], [1, 1]).forward([-3])      # |x|
    (Fraction(3, 1),)
    """
    if not w:
        raise ShapeError("a two-layer network needs at least one hidden neuron")
    first = a[0]
    d_out = 1 if isinstance(first, (str, int, Fraction)) or not hasattr(first, "__len__") else len(first)
    outs = [output_vector(v, d_out, f"a[{j}]") for j, v in enumerate(a)]
    if len(outs) != len(w):
        raise ShapeError(f"{len(w)} incoming vectors but {len(outs)} outgoing weights")
    bias = [0] * len(w) if b is None else list(b)
    return ReLUNetwork.from_arrays([(w, bias), ([[o[k] for o in outs] for k in range(d_out)],
                                                [0] * d_out if c is None else list(output_vector(c, d_out, "c")))])


def incoming(net: ReLUNetwork, j: int) -> tuple[Vector, Fraction]:
    """``(w_j, b_j)`` of hidden neuron ``j`` (0-based)."""
    layer = net.layers[0]
    return layer.weight[j], layer.bias[j]


def outgoing(net: ReLUNetwork, j: int) -> Vector:
    """``a_j``, the outgoing weights of hidden neuron ``j`` (0-based), one per output."""
    return tuple(row[j] for row in net.layers[1].weight)


def _build(rows: Sequence[Vector], biases: Sequence[Fraction], outs: Sequence[Vector], c: Vector) -> ReLUNetwork:
    d_out = len(c)
    return ReLUNetwork((Layer(tuple(rows), tuple(biases)),
                        Layer(tuple(tuple(o[k] for o in outs) for k in range(d_out)), tuple(c))))


def _parts(net: ReLUNetwork) -> tuple[list[Vector], list[Fraction], list[Vector], Vector]:
    _two_layer(net)
    return two_layer_parts(net)


def check_neuron(net: ReLUNetwork, i: object, name: str) -> int:
    """``i`` if it is a hidden neuron of the two-layer ``net`` (0-based), else a ``ShapeError`` naming ``name``."""
    width = net.layers[0].n_out
    if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < width:
        raise ShapeError(f"{name} = {i!r} is not a hidden neuron (0..{width - 1})")
    return i


def check_mapping(mapping: Sequence[object], r: int) -> tuple[int, ...]:
    """A map φ as a tuple of ints in ``0..r`` (1-based teacher neurons, 0 / None for zero-type)."""
    out = []
    for j, v in enumerate(mapping):
        v = 0 if v is None else v
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= r:
            raise ShapeError(f"mapping[{j}] = {v!r}: use a teacher neuron 1..{r} (1-based) or 0 / None (zero-type)")
        out.append(v)
    if not out:
        raise ShapeError("the mapping is empty (the student needs at least one hidden neuron)")
    return tuple(out)


def split_weights(theta_r: ReLUNetwork, mapping: Sequence[object], fractions: Sequence[object] | None = None,
                  shifts: Sequence[object] | None = None) -> list[Vector]:
    """Outgoing weights ``a_j = s_j a_{φ(j)} + t_j`` for the copies (zero vector for zero-type neurons), with the
    fractions ``s_j`` summing to 1 and the shifts ``t_j`` summing to 0 over the copies of each teacher neuron
    (defaults: equal split, no shift). Every split of ``a_i`` is of this form.

    >>> net = two_layer_network([[1]], [6])
    >>> [str(v[0]) for v in split_weights(net, [1, 0, 1], ["1/3", 0, "2/3"], [1, 0, -1])]
    ['3', '0', '3']
    """
    _two_layer(theta_r, "theta_r")
    r, d_out = theta_r.layers[0].n_out, theta_r.n_outputs
    phi = check_mapping(mapping, r)
    m = len(phi)
    fr = [Fraction(1, phi.count(i)) if i else ZERO for i in phi] if fractions is None else \
        [to_rational(v, f"fractions[{j}]") for j, v in enumerate(fractions)]
    sh = [(ZERO,) * d_out] * m if shifts is None else [output_vector(v, d_out, f"shifts[{j}]") for j, v in enumerate(shifts)]
    if len(fr) != m or len(sh) != m:
        raise ShapeError(f"the mapping has {m} entries but fractions/shifts have {len(fr)}/{len(sh)}")
    for i in set(phi) - {0}:
        copies = [j for j in range(m) if phi[j] == i]
        if sum(fr[j] for j in copies) != 1:
            raise RelugeomError(f"the fractions of the copies of teacher neuron {i} sum to "
                                f"{sum(fr[j] for j in copies)}, not 1")
        if any(sum(sh[j][k] for j in copies) != 0 for k in range(d_out)):
            raise RelugeomError(f"the shifts of the copies of teacher neuron {i} do not sum to 0")
    return [tuple(s * v + t for v, t in zip(outgoing(theta_r, i - 1), tj)) if i else (ZERO,) * d_out
            for i, s, tj in zip(phi, fr, sh)]


def expansion(theta_r: ReLUNetwork, mapping: Sequence[object], splits: Sequence[object],
              free: Sequence[tuple[Sequence[object], object]] | None = None, check: bool = True) -> ReLUNetwork:
    """The width-``m`` point of ``Γ_φ`` (docs/theory.md §2.8): neuron ``j`` copies teacher neuron ``mapping[j]`` (1-based)
    with outgoing weight ``splits[j]``, or is zero-type (``mapping[j]`` 0 or None: outgoing 0, incoming
    ``(w, b)`` taken in order from ``free``, default 0). The output bias is the teacher's. With ``check``,
    ``φ`` must be onto and the splits of each teacher neuron must sum to its outgoing weight.

    >>> teacher = two_layer_network([[1], [-1]], [2, 3])
    >>> student = expansion(teacher, [1, 0, 2, 1], [1, 0, 3, 1], free=[([5], 0)])
    >>> student.architecture, student.forward([-2]) == teacher.forward([-2])
    ((1, 4, 1), True)
    """
    rows_r, bias_r, outs_r, c = _parts(theta_r)
    r, d, d_out = len(rows_r), theta_r.n_inputs, theta_r.n_outputs
    phi = check_mapping(mapping, r)
    m = len(phi)
    outs = [(ZERO,) * d_out if s is None else output_vector(s, d_out, f"splits[{j}]") for j, s in enumerate(splits)]
    if len(outs) != m:
        raise ShapeError(f"the mapping has {m} entries but splits has {len(outs)}")
    n_zero = phi.count(0)
    given = list(free) if free is not None else [((0,) * d, 0)] * n_zero
    if len(given) != n_zero:
        raise ShapeError(f"{n_zero} zero-type neurons but {len(given)} incoming (w, b) pairs in free")
    zero_in = [(to_rational_vector(w, f"free[{k}] weights", d), to_rational(b, f"free[{k}] bias"))
               for k, (w, b) in enumerate(given)]
    if check:
        missing = sorted(set(range(1, r + 1)) - set(phi))
        if missing:
            raise RelugeomError(f"the mapping is not onto the teacher: neurons {missing} have no copy")
        for j, i in enumerate(phi):
            if i == 0 and any(outs[j]):
                raise RelugeomError(f"zero-type neuron {j} must have outgoing weight 0, got {outs[j]}")
        for i in range(1, r + 1):
            total = tuple(sum(outs[j][k] for j in range(m) if phi[j] == i) for k in range(d_out))
            if total != outs_r[i - 1]:
                raise RelugeomError(f"the copies of teacher neuron {i} have outgoing weights summing to "
                                    f"{[format_rational(v) for v in total]}, the teacher's is "
                                    f"{[format_rational(v) for v in outs_r[i - 1]]}")
    rows, biases, k = [], [], 0
    for i in phi:
        if i:
            rows.append(rows_r[i - 1])
            biases.append(bias_r[i - 1])
        else:
            rows.append(zero_in[k][0])
            biases.append(zero_in[k][1])
            k += 1
    return _build(rows, biases, outs, c)


def rescale_neurons(net: ReLUNetwork, factors: Sequence[object]) -> ReLUNetwork:
    """Neuron ``j``'s incoming ``(w_j, b_j)`` times ``λ_j`` and outgoing ``a_j`` divided by ``λ_j`` — for any
    ``λ_j ≠ 0`` (a symmetry only when every ``λ_j > 0``: ``relu(λz) = λ relu(z)`` needs ``λ ≥ 0``).

    >>> net = two_layer_network([[1]], [1])
    >>> rescale_neurons(net, [2]).forward([3]), rescale_neurons(net, [-1]).forward([3])
    ((Fraction(3, 1),), (Fraction(0, 1),))
    """
    rows, biases, outs, c = _parts(net)
    lam = to_rational_vector(factors, "factors", len(rows))
    if any(v == 0 for v in lam):
        raise RelugeomError("a rescaling factor is 0 (not invertible)")
    return _build([tuple(v * f for v in row) for row, f in zip(rows, lam)], [b * f for b, f in zip(biases, lam)],
                  [tuple(v / f for v in o) for o, f in zip(outs, lam)], c)


def expansion_pieces(theta_m: ReLUNetwork, theta_r: ReLUNetwork, rescaled: bool = False) -> list[tuple[int, ...]]:
    """Every map ``φ`` with ``θ_m ∈ Γ_φ`` (docs/theory.md §2.8); with ``rescaled``, the ReLU pieces of §2.5 instead:
    ``(w_j, b_j) = λ_j (w*, b*)_{φ(j)}`` with ``λ_j > 0`` and ``Σ_j λ_j a_j = a*_i`` (a teacher neuron with
    ``(w*, b*) = 0`` — never the case for an irreducible teacher — leaves ``λ_j`` undetermined; ``λ_j = 1`` is used).

    >>> teacher = two_layer_network([[1]], [2])
    >>> expansion_pieces(two_layer_network([[1], [1]], [2, 0]), teacher)  # where Γ_(1,0) meets Γ_(1,1)
    [(1, 0), (1, 1)]
    >>> expansion_pieces(two_layer_network([[0], [1]], [1, 2]), teacher)   # a dead neuron, a_j ≠ 0: no piece
    []
    """
    rows, biases, outs, _ = _parts(theta_m)
    rows_r, bias_r, outs_r, c_r = _parts(theta_r)
    if theta_m.n_inputs != theta_r.n_inputs or theta_m.n_outputs != theta_r.n_outputs:
        raise ShapeError("theta_m and theta_r have different input or output dimensions")
    if theta_m.layers[1].bias != c_r:
        return []
    r, d_out = len(rows_r), theta_r.n_outputs
    choices = []  # per student neuron: (teacher index, effective outgoing weight)
    for row, b, a in zip(rows, biases, outs):
        options = [(0, (ZERO,) * d_out)] if not any(a) else []
        for i in range(1, r + 1):
            lam = _positive_factor(row + (b,), rows_r[i - 1] + (bias_r[i - 1],)) if rescaled else \
                (Fraction(1) if (row, b) == (rows_r[i - 1], bias_r[i - 1]) else None)
            if lam is not None:
                options.append((i, tuple(lam * v for v in a)))
        choices.append(options)
    found = []
    for combo in itertools.product(*choices):
        phi = tuple(i for i, _ in combo)
        if set(range(1, r + 1)) - set(phi):
            continue
        if all(tuple(sum(e[k] for i, e in combo if i == t) for k in range(d_out)) == outs_r[t - 1]
               for t in range(1, r + 1)):
            found.append(phi)
    return sorted(found)


def _positive_factor(u: Vector, v: Vector) -> Fraction | None:
    """``λ > 0`` with ``u = λ v`` (1 if both are 0), else None."""
    if not any(v):
        return Fraction(1) if not any(u) else None
    k = next(i for i, x in enumerate(v) if x)
    lam = u[k] / v[k]
    return lam if lam > 0 and all(x == lam * y for x, y in zip(u, v)) else None


def expansion_dimension(r: int, m: int, zero_type: int, d: int, d_out: int = 1, biases: bool = False) -> int:
    """the theory's ``dim Γ_φ = d_out (m − j − r) + d j`` for ``j = zero_type`` zero-type neurons (bias-free); with
    ``biases`` a zero-type neuron's bias is free too: ``d_out (m − j − r) + (d + 1) j``.

    >>> expansion_dimension(1, 2, 1, d=1), expansion_dimension(1, 2, 0, d=1)
    (1, 1)
    """
    return d_out * (m - zero_type - r) + (d + int(biases)) * zero_type


def expansion_subspace_dimension(theta_r: ReLUNetwork, mapping: Sequence[object], biases: bool = False) -> int:
    """``dim Γ_φ`` computed as ``#coordinates − rank`` of the linear equations defining ``Γ_φ`` in the student's
    parameter space (relugeom's parameter order; ``biases=False``: only the weight coordinates, the theory's
    bias-free setting)."""
    _two_layer(theta_r, "theta_r")
    r, d, d_out = theta_r.layers[0].n_out, theta_r.n_inputs, theta_r.n_outputs
    phi = check_mapping(mapping, r)
    m = len(phi)
    names = ReLUNetwork((Layer(((ZERO,) * d,) * m, (ZERO,) * m),
                         Layer(((ZERO,) * m,) * d_out, (ZERO,) * d_out))).parameter_names()
    keep = [k for k, n in enumerate(names) if biases or not n.startswith("b")]
    index = {names[k]: col for col, k in enumerate(keep)}
    equations = []

    def equation(*coords: str) -> None:
        row = [0] * len(keep)
        for n in coords:
            row[index[n]] = 1
        equations.append(row)

    for j, i in enumerate(phi):
        if i:  # w_j = w*_i (and b_j = b*_i)
            for k in range(d):
                equation(f"W1[{j},{k}]")
            if biases:
                equation(f"b1[{j}]")
        else:  # a_j = 0
            for o in range(d_out):
                equation(f"W2[{o},{j}]")
    for i in range(1, r + 1):  # Σ_{φ(j) = i} a_j = a*_i
        for o in range(d_out):
            equation(*[f"W2[{o},{j}]" for j in range(m) if phi[j] == i])
    if biases:
        for o in range(d_out):
            equation(f"b2[{o}]")
    return len(keep) - (rank(equations).rank if equations else 0)


