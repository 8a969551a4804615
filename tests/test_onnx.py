"""ONNX interchange (issue 13 item 3): models built with onnx.helper and exported from torch, read exactly;
round trips; every unsupported graph is one clear error naming the node; the CLI reads .onnx files."""

from __future__ import annotations

import io
import json
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from relugeom import FormatError, ReLUNetwork, ShapeError  # noqa: E402
from relugeom.cli import main  # noqa: E402
from relugeom.exact.rational import InexactFloatWarning  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _model(nodes, inits, n_in=2, n_out=1, elem=TensorProto.FLOAT):
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", elem, ["N", n_in])],
                              [helper.make_tensor_value_info("y", elem, ["N", n_out])],
                              [numpy_helper.from_array(v, k) for k, v in inits.items()])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


W1 = np.array([[0.1, -2.0], [0.5, 0.25], [3.0, -0.75]], dtype=np.float32)
B1 = np.array([0.2, 0.0, -1.0], dtype=np.float32)
W2 = np.array([[1.0, -1.5, 0.3]], dtype=np.float32)
B2 = np.array([0.7], dtype=np.float32)


def _exact(a):
    return [[Fraction(float(v)) for v in row] for row in np.atleast_2d(a)]


def _expected():
    return ReLUNetwork.from_arrays([(_exact(W1), _exact(B1)[0]), (_exact(W2), _exact(B2)[0])])


def test_gemm_graph_is_read_exactly():
    model = _model([helper.make_node("Gemm", ["x", "W1", "b1"], ["z1"], transB=1),
                    helper.make_node("Relu", ["z1"], ["h1"]),
                    helper.make_node("Gemm", ["h1", "W2", "b2"], ["y"], transB=1)],
                   {"W1": W1, "b1": B1, "W2": W2, "b2": B2})
    net = ReLUNetwork.from_onnx(model)
    assert net == _expected()
    assert net.layers[0].weight[0][0] == Fraction(np.float32(0.1).item())  # the float32, not 1/10


def test_matmul_add_flatten_identity_dropout_and_gemm_without_transpose():
    model = _model([helper.make_node("Flatten", ["x"], ["f"], axis=1),
                    helper.make_node("MatMul", ["f", "W1t"], ["m1"]),
                    helper.make_node("Add", ["m1", "b1"], ["z1"]),
                    helper.make_node("Relu", ["z1"], ["h1"]),
                    helper.make_node("Dropout", ["h1"], ["d1"]),
                    helper.make_node("Identity", ["d1"], ["i1"]),
                    helper.make_node("Gemm", ["i1", "W2t", "b2"], ["y"], alpha=2.0, beta=0.5)],
                   {"W1t": W1.T.copy(), "b1": B1, "W2t": W2.T.copy(), "b2": B2})
    net = ReLUNetwork.from_onnx(model)
    w2 = [[2 * v for v in row] for row in _exact(W2)]
    assert net == ReLUNetwork.from_arrays([(_exact(W1), _exact(B1)[0]), (w2, [Fraction(1, 2) * _exact(B2)[0][0]])])


@pytest.mark.parametrize("nodes, fragment", [
    ([helper.make_node("Gemm", ["x", "W1", "b1"], ["z1"], transB=1, name="first"),
      helper.make_node("Sigmoid", ["z1"], ["h1"], name="squash"),
      helper.make_node("Gemm", ["h1", "W2", "b2"], ["y"], transB=1)], "node 1 (Sigmoid 'squash')"),
    ([helper.make_node("Gemm", ["x", "W1", "b1"], ["z1"], transB=1),
      helper.make_node("Relu", ["z1"], ["h1"]),
      helper.make_node("Gemm", ["h1", "W2", "b2"], ["z2"], transB=1),
      helper.make_node("Relu", ["z2"], ["y"])], "must end with an affine layer"),
    ([helper.make_node("Gemm", ["x", "W1", "b1"], ["z1"], transB=1),
      helper.make_node("Relu", ["x"], ["h1"]),
      helper.make_node("Gemm", ["h1", "W2", "b2"], ["y"], transB=1)], "does not continue the chain"),
    ([helper.make_node("Gemm", ["x", "W1", "b1"], ["z1"], transB=1, transA=1),
      helper.make_node("Relu", ["z1"], ["h1"]),
      helper.make_node("Gemm", ["h1", "W2", "b2"], ["y"], transB=1)], "transA"),
    ([helper.make_node("Gemm", ["x", "W1", "b1"], ["z1"], transB=1),
      helper.make_node("Relu", ["z1"], ["h1"]),
      helper.make_node("Gemm", ["h1", "W3", "b2"], ["y"], transB=1)], "layer 2 expects 5 inputs"),
])
def test_unsupported_graphs_name_the_node(nodes, fragment):
    inits = {"W1": W1, "b1": B1, "W2": W2, "b2": B2, "W3": np.ones((1, 5), dtype=np.float32)}
    with pytest.raises((FormatError, ShapeError), match=fragment.replace("(", r"\(").replace(")", r"\)")) as exc:
        ReLUNetwork.from_onnx(_model(nodes, inits))
    assert "\n" not in str(exc.value)


def test_nan_weights_and_bad_files(tmp_path):
    model = _model([helper.make_node("Gemm", ["x", "W1", "b1"], ["y"], transB=1)],
                   {"W1": np.array([[np.nan, 1.0]], dtype=np.float32), "b1": np.zeros(1, dtype=np.float32)})
    with pytest.raises(Exception, match="NaN"):
        ReLUNetwork.from_onnx(model)
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"\x00\x01 not protobuf \xff" * 10)
    assert main(["info", str(bad)]) == 2


def test_round_trip_and_rounding_warning():
    net = ReLUNetwork.load(EXAMPLES / "small_2d.json")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # small rationals with power-of-two denominators: exact, no warning
        exact = ReLUNetwork.from_arrays([([[1, "1/2"], [-3, "0.25"]], [0, 1]), ([[2, -1]], ["1/8"])])
        assert ReLUNetwork.from_onnx(exact.to_onnx()) == exact
    third = ReLUNetwork.from_arrays([([["1/3"]], [0]), ([[1]], [0])])
    with pytest.warns(InexactFloatWarning, match="rounded"):
        third.to_onnx()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InexactFloatWarning)
        assert ReLUNetwork.from_onnx(net.to_onnx()).architecture == net.architecture


def test_cli_reads_onnx_wherever_it_reads_a_network(tmp_path, capsys):
    net = ReLUNetwork.from_arrays([([[1, 0], [0, 1], [1, 1]], [0, 0, -1]), ([[1, -1, 1]], [0])])
    path = tmp_path / "net.onnx"
    onnx.save(net.to_onnx(), str(path))
    assert main(["regions", str(path), "--box", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 7
    assert main(["info", str(path)]) == 0
    assert main(["dim", str(path), "--inputs", str(EXAMPLES / "small_2d_inputs.csv"), "--json"]) in (0, 2)


def test_torch_export_is_read_exactly():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Dropout(0.1),
                                torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1)).eval()
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the legacy exporter's deprecation notice
        torch.onnx.export(model, (torch.zeros(1, 2),), buf, dynamo=False)
    net = ReLUNetwork.from_onnx(onnx.load_model_from_string(buf.getvalue()))
    assert net == ReLUNetwork.from_torch(model)
