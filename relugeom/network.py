"""ReLU networks with exact rational weights.

Conventions (used everywhere in relugeom):

* Layers are numbered ``1..L`` as in ``W^1..W^L``; ReLU follows layers ``1..L-1`` (the hidden
  layers), layer ``L`` is affine. Neurons inside a layer are numbered from 0.
* **Parameter order**: for each layer in order, its weight matrix row-major, then its bias
  vector: ``W^1[0,0], W^1[0,1], …, b^1[0], …, W^L[…], b^L[…]``. ``parameters()``,
  ``with_parameters()``, ``parameter_names()`` and the Jacobian columns all follow it.
* An activation pattern is a tuple with one bit tuple per hidden layer (1 = active, z > 0).

>>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [0])])   # |x|
>>> net.architecture, net.n_params, net.n_hidden
((1, 2, 1), 7, 2)
>>> net.forward(["-3/2"]), net.pattern_at([2])
((Fraction(3, 2),), ((1, 0),))
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import BoundaryError, FormatError, NumberError, ShapeError
from .exact.rational import format_rational, to_rational, to_rational_vector

__all__ = ["Layer", "ReLUNetwork", "Pattern", "NETWORK_FORMAT", "output_vector"]

NETWORK_FORMAT = "relugeom.network/1"
Vector = tuple[Fraction, ...]
Matrix = tuple[Vector, ...]
Pattern = tuple[tuple[int, ...], ...]


def output_vector(value: object, length: int, where: str) -> Vector:
    """A point of output space: a scalar (allowed when ``length == 1``) or ``length`` exact numbers.

    >>> output_vector("1/2", 1, "c"), output_vector([1, "2/3"], 2, "y")
    ((Fraction(1, 2),), (Fraction(1, 1), Fraction(2, 3)))
    """
    if isinstance(value, (str, int, Fraction)) or not hasattr(value, "__len__"):
        if length != 1:
            raise ShapeError(f"{where} must be a vector of length {length} (the network has {length} outputs)")
        return (to_rational(value, where),)
    return to_rational_vector(value, where, length)


@dataclass(frozen=True)
class Layer:
    """One affine layer ``z = W h + b`` with ``W`` of shape ``(n_out, n_in)``."""

    weight: Matrix
    bias: Vector

    @property
    def n_in(self) -> int:
        return len(self.weight[0])

    @property
    def n_out(self) -> int:
        return len(self.weight)

    def apply(self, h: Sequence[Fraction]) -> list[Fraction]:
        """``W h + b`` exactly."""
        return [sum((w * x for w, x in zip(row, h) if w and x), b) for row, b in zip(self.weight, self.bias)]

    @staticmethod
    def build(weight: object, bias: object, layer: int) -> "Layer":
        """Validate and convert one layer (``layer`` is its 1-based number, for messages)."""
        where = f"layer {layer}"
        rows = _as_list(weight, f"{where} weight")
        if not rows:
            raise ShapeError(f"{where} weight has no rows (a layer needs at least one neuron)")
        mat = tuple(to_rational_vector(_as_list(r, f"{where} weight[{i}]"), f"{where} weight[{i}]")
                    for i, r in enumerate(rows))
        n_in = len(mat[0])
        if n_in == 0:
            raise ShapeError(f"{where} weight has rows of length 0 (a layer needs at least one input)")
        for i, r in enumerate(mat):
            if len(r) != n_in:
                raise ShapeError(f"{where} weight is ragged: row {i} has {len(r)} entries, row 0 has {n_in}")
        vec = to_rational_vector(_as_list(bias, f"{where} bias"), f"{where} bias")
        if len(vec) != len(mat):
            raise ShapeError(f"{where} bias has length {len(vec)} but the weight has {len(mat)} rows")
        return Layer(mat, vec)


def _as_list(value: object, where: str) -> list:
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # numpy arrays; their float entries are converted exactly later
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        raise ShapeError(f"{where} must be a list, got {value!r}")
    return list(value)


@dataclass(frozen=True)
class ReLUNetwork:
    """A feed-forward ReLU network ``x -> W^L relu(… relu(W^1 x + b^1) …) + b^L`` with exact weights."""

    layers: tuple[Layer, ...]

    def __post_init__(self) -> None:
        if not self.layers:
            raise ShapeError("a network needs at least one layer")
        for k in range(1, len(self.layers)):
            prev, cur = self.layers[k - 1], self.layers[k]
            if cur.n_in != prev.n_out:
                raise ShapeError(
                    f"layer {k + 1} expects {cur.n_in} inputs but layer {k} has {prev.n_out} outputs"
                )

    # ---------------------------------------------------------------- construction

    @classmethod
    def from_arrays(cls, layers: Iterable[tuple[object, object]]) -> "ReLUNetwork":
        """Build from ``[(W1, b1), (W2, b2), …]`` (nested lists, numpy arrays, numbers as in FORMAT.md).

        >>> ReLUNetwork.from_arrays([([[1, "1/2"]], [0])]).architecture
        (2, 1)
        """
        pairs = list(layers)
        built = []
        for k, pair in enumerate(pairs, start=1):
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise ShapeError(f"layer {k} must be a pair (weight, bias), got {pair!r}")
            built.append(Layer.build(pair[0], pair[1], k))
        return cls(tuple(built))

    @classmethod
    def from_dict(cls, doc: object) -> "ReLUNetwork":
        """Build from a parsed ``relugeom.network/1`` document."""
        if not isinstance(doc, dict):
            raise FormatError(f"a network document must be a JSON object, got {type(doc).__name__}")
        fmt = doc.get("format", NETWORK_FORMAT)
        if fmt != NETWORK_FORMAT:
            raise FormatError(f"unknown network format {fmt!r}; expected {NETWORK_FORMAT!r}")
        layers = doc.get("layers")
        if not isinstance(layers, list) or not layers:
            raise FormatError("a network document needs a non-empty list 'layers'")
        pairs = []
        for k, layer in enumerate(layers, start=1):
            if not isinstance(layer, dict) or "weight" not in layer or "bias" not in layer:
                raise FormatError(f"layer {k} must be an object with keys 'weight' and 'bias'")
            pairs.append((layer["weight"], layer["bias"]))
        return cls.from_arrays(pairs)

    @classmethod
    def from_json(cls, text: str) -> "ReLUNetwork":
        """Parse a ``relugeom.network/1`` JSON string (see docs/formats.md)."""
        from .reading import parse_json

        return cls.from_dict(parse_json(text, "network"))

    @classmethod
    def load(cls, path: str | Path) -> "ReLUNetwork":
        """Read a network file: JSON (UTF-8, at most ``relugeom.reading.MAX_INPUT_BYTES``), or ONNX for a path
        ending in ``.onnx`` (:meth:`from_onnx`)."""
        if Path(path).suffix.lower() == ".onnx":
            return cls.from_onnx(path)
        from .reading import load_json

        doc = load_json(path, "network")
        try:
            return cls.from_dict(doc)
        except (FormatError, ShapeError, NumberError) as exc:
            raise type(exc)(f"{path}: {exc}") from None

    @classmethod
    def from_onnx(cls, model_or_path: Any) -> "ReLUNetwork":
        """Read a ReLU MLP from ONNX (a path or an ``onnx.ModelProto``), weights exactly (:mod:`relugeom.onnx_io`)."""
        from .onnx_io import from_onnx

        return from_onnx(model_or_path)

    def to_onnx(self, dtype: str = "float64") -> Any:
        """This network as an ``onnx.ModelProto`` (:func:`relugeom.onnx_io.to_onnx`)."""
        from .onnx_io import to_onnx

        return to_onnx(self, dtype)

    @classmethod
    def from_torch(cls, module: Any) -> "ReLUNetwork":
        """Convert a ``torch.nn.Sequential`` of ``Linear`` and ``ReLU`` (weights read exactly).

        ReLU must sit between consecutive Linear layers and nowhere else. ``Dropout``, ``Identity`` and
        ``Flatten`` are skipped anywhere: they are the identity on a batch of vectors in eval mode, which is
        the network relugeom analyses (a Dropout still in training mode gets a warning saying so).
        """
        try:
            import torch.nn as nn
        except ImportError:  # pragma: no cover - depends on the machine
            raise ImportError("from_torch needs PyTorch, which relugeom does not install: pip install torch") from None
        mods = list(module) if isinstance(module, nn.Sequential) else [module]
        pairs, expect_linear = [], True
        for i, m in enumerate(mods):
            if isinstance(m, (nn.Dropout, nn.Identity, nn.Flatten)):
                if isinstance(m, nn.Dropout) and m.training and m.p > 0:
                    import warnings

                    warnings.warn(f"module {i} (Dropout, p = {m.p}) is in training mode; relugeom analyses the "
                                  "eval-mode network, where it is the identity", stacklevel=2)
                continue
            if isinstance(m, nn.Linear) and expect_linear:
                w = m.weight.detach().cpu().double().tolist()
                b = m.bias.detach().cpu().double().tolist() if m.bias is not None else [0] * m.out_features
                pairs.append((w, b))
                expect_linear = False
            elif isinstance(m, nn.ReLU) and not expect_linear and i < len(mods) - 1:
                expect_linear = True
            else:
                raise ShapeError(f"module {i} ({type(m).__name__}) breaks the Linear, ReLU, Linear, … pattern")
        if expect_linear:
            raise ShapeError("the Sequential must end with a Linear layer")
        import warnings

        from .exact.rational import InexactFloatWarning

        with warnings.catch_warnings():  # float32 weights are converted exactly, by design
            warnings.simplefilter("ignore", InexactFloatWarning)
            return cls.from_arrays(pairs)

    def to_torch(self, dtype: Any = None) -> Any:
        """A ``torch.nn.Sequential`` of Linear and ReLU with these weights (default dtype float64).

        Floats cannot hold every rational: an ``InexactFloatWarning`` says when the export rounded a
        weight (``from_torch(to_torch(net)) == net`` exactly otherwise).
        """
        try:
            import torch
        except ImportError:  # pragma: no cover - depends on the machine
            raise ImportError("to_torch needs PyTorch, which relugeom does not install: pip install torch") from None
        dtype = dtype or torch.float64
        limit = torch.finfo(dtype).max

        def exported(v: Fraction, where: str) -> float:
            if abs(v) > limit:
                text = str(format_rational(v))
                text = text if len(text) <= 30 else f"{text[:12]}… ({len(text)} characters)"
                raise NumberError(f"to_torch: {where} = {text} does not fit in {dtype} "
                                  f"(largest {limit:.3g})")  # float-ok: a message
            return float(v)  # float-ok: export

        modules: list = []
        for k, layer in enumerate(self.layers):
            linear = torch.nn.Linear(layer.n_in, layer.n_out, dtype=dtype)
            weight = [[exported(v, f"layer {k + 1} weight[{i}][{j}]") for j, v in enumerate(row)]
                      for i, row in enumerate(layer.weight)]
            bias = [exported(v, f"layer {k + 1} bias[{i}]") for i, v in enumerate(layer.bias)]
            with torch.no_grad():
                linear.weight.copy_(torch.tensor(weight, dtype=dtype))
                linear.bias.copy_(torch.tensor(bias, dtype=dtype))
            modules.append(linear)
            if k < self.depth - 1:
                modules.append(torch.nn.ReLU())
        model = torch.nn.Sequential(*modules)
        if ReLUNetwork.from_torch(model) != self:
            import warnings

            from .exact.rational import InexactFloatWarning

            warnings.warn(f"to_torch rounded some weights to {dtype}; the torch model is not exactly this network",
                          InexactFloatWarning, stacklevel=2)
        return model

    # -------------------------------------------------------------------- output

    def to_dict(self) -> dict:
        """The ``relugeom.network/1`` document (rationals as ints or ``"p/q"`` strings)."""
        return {
            "format": NETWORK_FORMAT,
            "layers": [
                {"weight": [[format_rational(q) for q in row] for row in layer.weight],
                 "bias": [format_rational(q) for q in layer.bias]}
                for layer in self.layers
            ],
        }

    def to_json(self, indent: int | None = None) -> str:
        """The ``relugeom.network/1`` JSON text (integers of any length: Python's digit limit is lifted here)."""
        from .exact.rational import lifted_digits

        with lifted_digits():
            return json.dumps(self.to_dict(), indent=indent)

    def save(self, path: str | Path) -> None:
        from .output import write_text

        write_text(path, self.to_json(indent=1) + "\n")

    # ---------------------------------------------------------------- shape facts

    @property
    def architecture(self) -> tuple[int, ...]:
        """``(n_0, n_1, …, n_L)``."""
        return (self.layers[0].n_in,) + tuple(layer.n_out for layer in self.layers)

    @property
    def depth(self) -> int:
        """Number of affine layers ``L``."""
        return len(self.layers)

    @property
    def n_inputs(self) -> int:
        return self.layers[0].n_in

    @property
    def n_outputs(self) -> int:
        return self.layers[-1].n_out

    @property
    def n_params(self) -> int:
        """``N = Σ_l n_l (n_{l-1} + 1)``."""
        return sum(layer.n_out * (layer.n_in + 1) for layer in self.layers)

    @property
    def n_hidden(self) -> int:
        """``H = Σ_{l<L} n_l``."""
        return sum(layer.n_out for layer in self.layers[:-1])

    def __repr__(self) -> str:
        return f"ReLUNetwork(architecture={self.architecture}, n_params={self.n_params})"

    @cached_property
    def integer_layers(self) -> tuple[tuple[tuple[tuple[int, ...], ...], tuple[int, ...], int], ...]:
        """Per layer ``(q W, q b, q)`` with ``q`` the lcm of the layer's denominators (all ints).

        Lets hot loops (the Jacobian) run on Python ints instead of Fractions.
        """
        out = []
        for layer in self.layers:
            q = math.lcm(*(v.denominator for row in layer.weight for v in row), *(v.denominator for v in layer.bias))
            out.append((tuple(tuple(int(v * q) for v in row) for row in layer.weight),
                        tuple(int(v * q) for v in layer.bias), q))
        return tuple(out)

    # ------------------------------------------------------------ parameter vector

    def parameters(self) -> Vector:
        """θ in the documented parameter order (weights row-major, then bias, layer by layer)."""
        return tuple(q for layer in self.layers for q in (*(x for row in layer.weight for x in row), *layer.bias))

    def parameter_names(self) -> tuple[str, ...]:
        """Names like ``'W1[0,1]'`` and ``'b1[0]'`` in parameter order."""
        names = []
        for k, layer in enumerate(self.layers, start=1):
            names += [f"W{k}[{i},{j}]" for i in range(layer.n_out) for j in range(layer.n_in)]
            names += [f"b{k}[{i}]" for i in range(layer.n_out)]
        return tuple(names)

    def with_parameters(self, theta: Sequence[object]) -> "ReLUNetwork":
        """The network of the same architecture with parameter vector ``theta``.

        >>> net = ReLUNetwork.from_arrays([([[1]], [2])])
        >>> net.with_parameters(net.parameters()) == net
        True
        """
        values = to_rational_vector(theta, "theta")
        if len(values) != self.n_params:
            raise ShapeError(f"theta has {len(values)} entries, the architecture {self.architecture} has {self.n_params}")
        it, layers = iter(values), []
        for layer in self.layers:
            weight = tuple(tuple(next(it) for _ in range(layer.n_in)) for _ in range(layer.n_out))
            bias = tuple(next(it) for _ in range(layer.n_out))
            layers.append(Layer(weight, bias))
        return ReLUNetwork(tuple(layers))

    # ------------------------------------------------------------------- evaluation

    def _point(self, x: Sequence[object], where: str = "x") -> Vector:
        return to_rational_vector(x, where, self.n_inputs)

    def pre_activations(self, x: Sequence[object]) -> tuple[Vector, ...]:
        """``(z^1, …, z^L)`` at ``x``, exactly (``z^L`` is the output)."""
        h, zs = self._point(x), []
        for k, layer in enumerate(self.layers):
            z = layer.apply(h)
            zs.append(tuple(z))
            h = [v if v > 0 else Fraction(0) for v in z] if k < self.depth - 1 else z
        return tuple(zs)

    def forward(self, x: Sequence[object]) -> Vector:
        """``f(x)`` exactly.

        >>> ReLUNetwork.from_arrays([([[1]], [-1]), ([[2]], [0])]).forward([3])
        (Fraction(4, 1),)
        """
        return self.pre_activations(x)[-1]

    def sign_vector_at(self, x: Sequence[object]) -> tuple[tuple[int, ...], ...]:
        """Per hidden layer, the signs (-1, 0, +1) of the pre-activations at ``x``.

        Computed on integers: with ``d`` the denominator of x and ``q_l`` the layer denominators,
        ``(d q_1 … q_l) z^l`` is an integer vector with the same signs.
        """
        point = self._point(x)
        scale = math.lcm(*(v.denominator for v in point))
        h, out = [int(v * scale) for v in point], []
        for weight, bias, q in self.integer_layers[:-1]:
            z = [sum(w * v for w, v in zip(row, h) if w and v) + scale * b for row, b in zip(weight, bias)]
            out.append(tuple((v > 0) - (v < 0) for v in z))
            h = [v if v > 0 else 0 for v in z]
            scale *= q
        return tuple(out)

    def pattern_at(self, x: Sequence[object], sample: int | None = None, convention: str = "strict") -> Pattern:
        """Activation pattern at ``x``; raises ``BoundaryError`` if some pre-activation is exactly 0.

        ``convention="regions"`` follows the regions' convention (docs/theory.md §2.1): a neuron whose
        pre-activation is identically 0 on a neighbourhood of x (dead or pruned) is inactive, so every
        region's ``point`` has its region's pattern; only a genuine boundary raises. The default,
        ``"strict"``, raises for every exact 0 (the Jacobian in θ is one-sided there) and says when the
        neuron is identically 0. ``sample`` (an index in a batch) is only used to name the point in the error.

        >>> net = ReLUNetwork.from_arrays([([[1], [0]], [0, 0]), ([[1, 1]], [0])])   # neuron 1 is 0·x + 0
        >>> net.pattern_at([2], convention="regions")
        ((1, 0),)
        """
        if convention not in ("strict", "regions"):
            raise ValueError(f"unknown convention {convention!r}; choose 'strict' or 'regions'")
        signs = self.sign_vector_at(x)
        if any(0 in layer_signs for layer_signs in signs):
            zero_near, boundary = self._zeros_near(x)
            first = boundary if convention == "regions" else next(
                (k, layer_signs.index(0)) for k, layer_signs in enumerate(signs, start=1) if 0 in layer_signs)
            if first is not None:
                k, neuron = first
                who = f"sample {sample} " if sample is not None else ""
                why = ("; the neuron is identically 0 near x (dead or pruned): the regions count it inactive, and "
                       "so does pattern_at(x, convention='regions')") if first in zero_near else ""
                raise BoundaryError(
                    f"{who}x = [{', '.join(str(q) for q in self._point(x))}] lies on the boundary of "
                    f"layer {k} neuron {neuron} (its pre-activation is exactly 0); "
                    f"the activation pattern and the Jacobian are undefined there{why}",
                    sample=sample, layer=k, neuron=neuron,
                )
        return tuple(tuple(int(s > 0) for s in layer_signs) for layer_signs in signs)

    def _zeros_near(self, x: Sequence[object]) -> tuple[frozenset, tuple[int, int] | None]:
        """The hidden neurons identically 0 on a neighbourhood of x, and the first one that is 0 at x
        without being so (a genuine boundary), if any: layer by layer, each neuron's affine form in x
        near x (exact; valid as long as no earlier neuron is a genuine boundary)."""
        point = self._point(x)
        d = len(point)
        forms = [tuple(Fraction(int(i == j)) for j in range(d)) + (Fraction(0),) for i in range(d)]  # x_i
        zero_near = set()
        for k, layer in enumerate(self.layers[:-1], start=1):
            nxt = []
            for i, (row, b) in enumerate(zip(layer.weight, layer.bias)):
                form = [sum((w * f[j] for w, f in zip(row, forms) if w), Fraction(0)) for j in range(d + 1)]
                form[d] += b
                value = sum((c * v for c, v in zip(form, point)), form[d])
                if value == 0:
                    if any(form):
                        return frozenset(zero_near), (k, i)
                    zero_near.add((k, i))
                nxt.append(tuple(form) if value > 0 else (Fraction(0),) * (d + 1))
            forms = nxt
        return frozenset(zero_near), None

    def affine_map(self, pattern: Pattern) -> tuple[Matrix, Vector]:
        """``(A, c)`` with ``f(x) = A x + c`` wherever the activation pattern is ``pattern``.

        >>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [0])])
        >>> net.affine_map(((0, 1),))
        (((Fraction(-1, 1),),), (Fraction(0, 1),))
        """
        self._check_pattern(pattern)
        n0 = self.n_inputs
        a = [[Fraction(int(i == j)) for j in range(n0)] for i in range(n0)]
        c = [Fraction(0)] * n0
        for k, layer in enumerate(self.layers):
            mask = pattern[k] if k < self.depth - 1 else (1,) * layer.n_out
            a = [[sum((w * a[t][j] for t, w in enumerate(row) if w), Fraction(0)) if on else Fraction(0)
                  for j in range(n0)] for row, on in zip(layer.weight, mask)]
            c = [sum((w * c[t] for t, w in enumerate(row) if w), b) if on else Fraction(0)
                 for row, b, on in zip(layer.weight, layer.bias, mask)]
        return tuple(tuple(r) for r in a), tuple(c)

    def _check_pattern(self, pattern: Pattern) -> None:
        widths = self.architecture[1:-1]
        if len(pattern) != len(widths) or any(len(p) != w for p, w in zip(pattern, widths)):
            raise ShapeError(f"pattern has layer sizes {[len(p) for p in pattern]}, the hidden widths are {list(widths)}")
        if any(b not in (0, 1) for p in pattern for b in p):
            raise ShapeError(f"pattern entries must be 0 or 1, got {pattern!r}")
