"""ONNX interchange for ReLU MLPs: :func:`from_onnx` reads a graph of ``Gemm`` (or ``MatMul`` + ``Add``) layers
with ``Relu`` between them (``Flatten`` at the input; ``Identity`` and ``Dropout`` anywhere, the identity at
inference), the weights converted exactly; :func:`to_onnx` writes one ``Gemm`` per layer. Anything else is
a :class:`relugeom.errors.FormatError` naming the node (docs/formats.md). Needs the ``onnx`` package
(``pip install "relugeom[onnx]"``).

>>> from relugeom.network import ReLUNetwork
>>> net = ReLUNetwork.from_arrays([([[1, -2], ["1/2", 0]], [0, 1]), ([[3, 1]], ["-1/4"])])
>>> from_onnx(to_onnx(net)) == net        # exact round trip: every weight is a double
True
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from .errors import FormatError, NumberError, ShapeError
from .exact.rational import InexactFloatWarning, binary_value
from .network import ReLUNetwork

__all__ = ["from_onnx", "to_onnx"]

NO_OPS = ("Identity", "Dropout")


def _onnx():
    try:
        import onnx
    except ImportError:  # pragma: no cover - depends on the machine
        raise FormatError('reading or writing .onnx needs the onnx package: pip install "relugeom[onnx]"') from None
    return onnx


def _exact(array: np.ndarray, what: str) -> list:
    """Nested lists of exact Fractions (floats at their binary value; NaN and infinities refused)."""
    if array.dtype.kind not in "iuf":
        raise FormatError(f"{what} has dtype {array.dtype}, not a number type")
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise NumberError(f"{what} holds NaN or an infinity")
    if array.dtype.kind == "f":
        return np.vectorize(binary_value, otypes=[object])(array).tolist()
    return np.vectorize(lambda v: Fraction(int(v)), otypes=[object])(array).tolist()


def _load(model_or_path: Any):
    onnx = _onnx()
    if isinstance(model_or_path, (str, Path)):
        from .reading import read_bytes

        data = read_bytes(model_or_path, "ONNX")
        try:
            return onnx.load_model_from_string(data), str(model_or_path)
        except Exception as exc:  # protobuf raises DecodeError and others
            raise FormatError(f"{model_or_path}: not an ONNX model ({type(exc).__name__})") from None
    if isinstance(model_or_path, onnx.ModelProto):
        return model_or_path, "the ONNX model"
    raise FormatError(f"from_onnx takes a path or an onnx.ModelProto, got {type(model_or_path).__name__}")


def from_onnx(model_or_path: Any) -> ReLUNetwork:
    """The ReLU network of an ONNX model (a path or an ``onnx.ModelProto``), weights read exactly."""
    onnx = _onnx()
    model, source = _load(model_or_path)
    from onnx import numpy_helper

    graph = model.graph
    constants = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant":
            constants[node.output[0]] = numpy_helper.to_array(onnx.helper.get_attribute_value(node.attribute[0]))
    inputs = [v.name for v in graph.input if v.name not in constants]
    if len(inputs) != 1 or len(graph.output) != 1:
        raise FormatError(f"{source}: a ReLU MLP has one data input and one output, "
                          f"got {len(inputs)} inputs and {len(graph.output)} outputs")
    current, layers, pending, seen_affine = inputs[0], [], None, False

    def where(k: int, node) -> str:
        return f"{source}: node {k} ({node.op_type}{' ' + repr(node.name) if node.name else ''})"

    def const(name: str, k: int, node) -> np.ndarray:
        if name not in constants:
            raise FormatError(f"{where(k, node)}: {name!r} must be a constant (an initializer) in a ReLU MLP")
        return constants[name]

    for k, node in enumerate(graph.node):
        op = node.op_type
        if op == "Constant":
            continue
        data = [name for name in node.input if name and name not in constants]
        if data != [current]:
            raise FormatError(f"{where(k, node)}: does not continue the chain from {current!r} (a ReLU MLP is a "
                              "single chain of layers)")
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        if op in NO_OPS or (op == "Flatten" and not seen_affine and attrs.get("axis", 1) == 1):
            pass
        elif op == "Gemm":
            if pending is not None or attrs.get("transA", 0):
                raise FormatError(f"{where(k, node)}: transA and a Gemm right after MatMul are not supported")
            w = const(node.input[1], k, node)
            weight = w if attrs.get("transB", 0) else w.T
            bias = const(node.input[2], k, node) if len(node.input) > 2 and node.input[2] else np.zeros(weight.shape[0])
            alpha, beta = (binary_value(attrs.get(n, 1.0)) for n in ("alpha", "beta"))  # float attributes, exactly
            pending = [[[alpha * v for v in row] for row in _exact(weight, f"{where(k, node)} weight")],
                       [beta * v for v in _exact(np.ravel(bias), f"{where(k, node)} bias")]]
            if len(pending[1]) == 1 and weight.shape[0] > 1:
                pending[1] = pending[1] * weight.shape[0]  # a scalar bias broadcast
            seen_affine = True
        elif op == "MatMul":
            if pending is not None or node.input[0] != current:
                raise FormatError(f"{where(k, node)}: expected x·W with W a constant")
            w = const(node.input[1], k, node)
            pending = [_exact(w.T, f"{where(k, node)} weight"), [Fraction(0)] * w.shape[1]]
            seen_affine = True
        elif op == "Add" and pending is not None:
            other = next(name for name in node.input if name != current)
            b = np.ravel(const(other, k, node))
            bias = _exact(b, f"{where(k, node)} bias")
            if len(bias) == 1:
                bias = bias * len(pending[1])
            pending[1] = [p + v for p, v in zip(pending[1], bias)] if len(bias) == len(pending[1]) else None
            if pending[1] is None:
                raise FormatError(f"{where(k, node)}: the bias does not match the layer's width")
        elif op == "Relu" and pending is not None:
            layers.append(tuple(pending))
            pending = None
        else:
            raise FormatError(f"{where(k, node)}: not part of a ReLU MLP (Gemm or MatMul+Add, Relu between them, "
                              "Flatten at the input; Identity and Dropout)")
        current = node.output[0]
    if pending is None:
        raise FormatError(f"{source}: the graph must end with an affine layer (relugeom's last layer has no ReLU)")
    if current != graph.output[0].name:
        raise FormatError(f"{source}: the chain ends at {current!r}, not at the graph's output {graph.output[0].name!r}")
    layers.append(tuple(pending))
    try:
        return ReLUNetwork.from_arrays(layers)
    except (FormatError, NumberError, ShapeError) as exc:
        raise type(exc)(f"{source}: {exc}") from None


def to_onnx(net: ReLUNetwork, dtype: str = "float64", opset: int = 13):
    """An ONNX model of ``net``: ``Gemm`` (transB = 1) per layer and ``Relu`` between them, input ``input``
    of shape (N, n_0), output ``output``. Weights that a ``dtype`` float cannot hold exactly are rounded with
    an ``InexactFloatWarning``; weights beyond its range are refused."""
    onnx = _onnx()
    from onnx import TensorProto, helper, numpy_helper

    np_dtype = {"float64": np.float64, "float32": np.float32}.get(dtype)
    if np_dtype is None:
        raise FormatError(f"to_onnx writes float64 or float32, not {dtype!r}")
    limit = np.finfo(np_dtype).max
    rounded = False

    def array(rows, name: str) -> np.ndarray:
        nonlocal rounded
        flat = [v for row in rows for v in row] if rows and isinstance(rows[0], tuple) else list(rows)
        for v in flat:
            if abs(v) > limit:
                raise NumberError(f"to_onnx: {name} has an entry beyond the range of {dtype}")
        out = np.array([float(v) for v in flat], dtype=np_dtype)  # float-ok: export
        rounded |= any(binary_value(x) != v for x, v in zip(out, flat))  # exact comparison of the export
        return out.reshape((len(rows), -1) if rows and isinstance(rows[0], tuple) else (len(flat),))

    nodes, inits, current = [], [], "input"
    for k, layer in enumerate(net.layers, start=1):
        w, b = f"W{k}", f"b{k}"
        inits += [numpy_helper.from_array(array(layer.weight, w), w), numpy_helper.from_array(array(layer.bias, b), b)]
        out = "output" if k == net.depth else f"z{k}"
        nodes.append(helper.make_node("Gemm", [current, w, b], [out], transB=1, name=f"layer{k}"))
        current = out
        if k < net.depth:
            nodes.append(helper.make_node("Relu", [out], [f"h{k}"], name=f"relu{k}"))
            current = f"h{k}"
    elem = TensorProto.DOUBLE if dtype == "float64" else TensorProto.FLOAT
    graph = helper.make_graph(nodes, "relugeom", [helper.make_tensor_value_info("input", elem, ["N", net.n_inputs])],
                              [helper.make_tensor_value_info("output", elem, ["N", net.n_outputs])], inits)
    model = helper.make_model(graph, producer_name="relugeom", opset_imports=[helper.make_opsetid("", opset)])
    onnx.checker.check_model(model)
    if rounded:
        warnings.warn(f"to_onnx rounded some weights to {dtype}; the ONNX model is not exactly this network",
                      InexactFloatWarning, stacklevel=2)
    return model
