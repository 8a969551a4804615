"""Network model, number rules and file formats (docs/formats.md), including every error path."""

import json
import warnings
from fractions import Fraction

import numpy as np
import pytest

from relugeom import (BoundaryError, FormatError, InputError, NumberError, ReLUNetwork, ShapeError, as_batch,
                      load_inputs, to_rational)
from relugeom.exact.rational import InexactFloatWarning

F = Fraction


# ----------------------------------------------------------------- number rules


@pytest.mark.parametrize("text, value", [
    (3, F(3)), ("-3", F(-3)), ("+7", F(7)), ("3/4", F(3, 4)), ("-6/8", F(-3, 4)), ("0.125", F(1, 8)),
    ("-1e-3", F(-1, 1000)), ("2.5E2", F(250)), (".5", F(1, 2)), (" 1/3 ", F(1, 3)), (F(2, 7), F(2, 7)),
    (0.5, F(1, 2)), (np.int64(4), F(4)), (np.float32(0.25), F(1, 4)),
])
def test_to_rational_accepts(text, value):
    assert to_rational(text) == value


@pytest.mark.parametrize("bad", [
    True, False, np.bool_(True), float("nan"), float("inf"), -float("inf"), "nan", "inf", "abc", "", "1/0",
    "1/-2", "3/4/5", "0x10", "1e99999", None, [1], {"a": 1}, 1 + 2j,
])
def test_to_rational_rejects(bad):
    with pytest.raises(NumberError) as err:
        to_rational(bad, "layer 1 weight[0][0]")
    assert "layer 1 weight[0][0]" in str(err.value)


def test_inexact_float_warns_but_is_exact():
    with pytest.warns(InexactFloatWarning, match="0.1"):
        q = to_rational(0.1)
    assert q == F(3602879701896397, 36028797018963968)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert to_rational(0.75) == F(3, 4)  # exact binary value: no warning


# --------------------------------------------------------------------- network

DOC = {
    "format": "relugeom.network/1",
    "layers": [
        {"weight": [[1, -2], ["1/2", "0.25"], [0, 3]], "bias": [0, "-3/4", 1]},
        {"weight": [[1, 1, -1]], "bias": [0]},
    ],
}


def test_json_round_trip_and_counts():
    net = ReLUNetwork.from_dict(DOC)
    assert net.architecture == (2, 3, 1)
    assert net.n_params == 3 * 3 + 1 * 4 and net.n_hidden == 3
    again = ReLUNetwork.from_json(net.to_json())
    assert again == net
    assert json.loads(net.to_json())["layers"][0]["weight"][1] == ["1/2", "1/4"]
    doc = dict(DOC)
    del doc["format"]
    assert ReLUNetwork.from_dict(doc) == net


def test_parameter_order_flatten_unflatten():
    net = ReLUNetwork.from_dict(DOC)
    theta = net.parameters()
    assert theta[:6] == (1, -2, F(1, 2), F(1, 4), 0, 3)  # W1 row-major
    assert theta[6:9] == (0, F(-3, 4), 1)  # then b1
    assert net.parameter_names()[6] == "b1[0]" and net.parameter_names()[9] == "W2[0,0]"
    assert net.with_parameters(theta) == net
    shifted = net.with_parameters([q + 1 for q in theta])
    assert shifted.layers[1].bias == (F(1),)
    with pytest.raises(ShapeError, match="12 entries"):
        net.with_parameters(theta[:-1])


def test_forward_pattern_and_affine_map_agree():
    net = ReLUNetwork.from_dict(DOC)
    x = [F(3), F(-1, 2)]
    pattern = net.pattern_at(x)
    a, c = net.affine_map(pattern)
    expected = tuple(sum((aij * xj for aij, xj in zip(row, x)), ci) for row, ci in zip(a, c))
    assert net.forward(x) == expected


def test_pattern_at_boundary_names_layer_and_neuron():
    net = ReLUNetwork.from_dict(DOC)
    with pytest.raises(BoundaryError) as err:
        net.pattern_at([2, 1])  # layer 1 neuron 0: 2 - 2 = 0
    assert err.value.layer == 1 and err.value.neuron == 0
    assert "layer 1 neuron 0" in str(err.value)
    assert net.sign_vector_at([2, 1])[0][0] == 0


@pytest.mark.parametrize("doc, error, fragment", [
    ({"format": "other/2", "layers": DOC["layers"]}, FormatError, "unknown network format"),
    ({"layers": []}, FormatError, "non-empty list 'layers'"),
    ([1, 2], FormatError, "JSON object"),
    ({"layers": [{"weight": [[1]]}]}, FormatError, "layer 1"),
    ({"layers": [{"weight": [[1, 2], [3]], "bias": [0, 0]}]}, ShapeError, "ragged"),
    ({"layers": [{"weight": [[1, 2]], "bias": [0, 0]}]}, ShapeError, "bias has length 2"),
    ({"layers": [{"weight": [[1]], "bias": [0]}, {"weight": [[1, 2]], "bias": [0]}]}, ShapeError,
     "layer 2 expects 2 inputs but layer 1 has 1"),
    ({"layers": [{"weight": [[1, "x"]], "bias": [0]}]}, NumberError, "layer 1 weight[0][1]"),
    ({"layers": [{"weight": [[1, True]], "bias": [0]}]}, NumberError, "boolean"),
    ({"layers": [{"weight": [], "bias": []}]}, ShapeError, "no rows"),
    ({"layers": [{"weight": [[]], "bias": [0]}]}, ShapeError, "length 0"),
    ({"layers": [{"weight": 3, "bias": [0]}]}, ShapeError, "must be a list"),
])
def test_bad_network_documents(doc, error, fragment):
    with pytest.raises(error) as err:
        ReLUNetwork.from_dict(doc)
    assert fragment in str(err.value)


def test_bad_json_text_and_nan():
    with pytest.raises(FormatError, match="not valid JSON"):
        ReLUNetwork.from_json("{layers: ")
    with pytest.raises(NumberError, match="layer 1 bias"):
        ReLUNetwork.from_json('{"layers": [{"weight": [[1]], "bias": [NaN]}]}')


def test_load_missing_file_names_it(tmp_path):
    with pytest.raises(FormatError, match="nope.json"):
        ReLUNetwork.load(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"layers": [{"weight": [[1, 2], [3]], "bias": [0, 0]}]}')
    with pytest.raises(ShapeError, match="bad.json.*ragged"):
        ReLUNetwork.load(bad)


def test_from_arrays_numpy_exact():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InexactFloatWarning)
        net = ReLUNetwork.from_arrays([(np.array([[0.1, 2.0]]), np.array([0.5]))])
    assert net.layers[0].weight[0][0] == F(0.1)  # the exact double, not 1/10
    assert net.layers[0].bias == (F(1, 2),)


def test_from_torch_round_trip():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))
    net = ReLUNetwork.from_torch(model)
    assert net.architecture == (2, 3, 1)
    w = model[0].weight.detach().double()
    assert net.layers[0].weight[1][0] == F(float(w[1, 0]))
    with pytest.raises(ShapeError):
        ReLUNetwork.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU()))


# ----------------------------------------------------------------------- inputs


def test_inputs_formats_agree(tmp_path):
    rows = [[1, "1/2"], ["-0.25", 3]]
    (tmp_path / "x.json").write_text(json.dumps({"inputs": rows}))
    (tmp_path / "x.csv").write_text("1,1/2\n-0.25,3\n")
    np.save(tmp_path / "x.npy", np.array([[1, 0.5], [-0.25, 3]]))
    expected = ((F(1), F(1, 2)), (F(-1, 4), F(3)))
    for name in ("x.json", "x.csv", "x.npy"):
        assert load_inputs(tmp_path / name, 2) == expected


@pytest.mark.parametrize("content, suffix, error, fragment", [
    ("1,2\n3\n", ".csv", InputError, "sample 1 has 1 coordinates"),
    ('{"inputs": []}', ".json", InputError, "empty batch"),
    ('{"inputs": [[1, NaN]]}', ".json", NumberError, "sample 0 coordinate 1"),
    ('{"x": [[1]]}', ".json", FormatError, '"inputs"'),
    ("[[1, 2]]", ".json", FormatError, '"inputs"'),
    ("{oops", ".json", FormatError, "not valid JSON"),
    ("1,abc\n", ".csv", NumberError, "sample 0 coordinate 1"),
    ("", ".csv", InputError, "empty batch"),
    ("1,2\n", ".txt", FormatError, "unknown inputs format"),
])
def test_bad_inputs_files(tmp_path, content, suffix, error, fragment):
    path = tmp_path / f"x{suffix}"
    path.write_text(content)
    with pytest.raises(error) as err:
        load_inputs(path, 2)
    assert fragment in str(err.value)


def test_bad_npy(tmp_path):
    np.save(tmp_path / "nan.npy", np.array([[1.0, np.nan]]))
    with pytest.raises(NumberError, match="sample 0 coordinate 1"):
        load_inputs(tmp_path / "nan.npy", 2)
    np.save(tmp_path / "flat.npy", np.array([1.0, 2.0]))
    with pytest.raises(FormatError, match="shape"):
        load_inputs(tmp_path / "flat.npy", 2)


def test_as_batch_wrong_dimension_and_ragged():
    with pytest.raises(InputError, match="sample 1 has 1 coordinates but the network has 2"):
        as_batch([[1, 2], [3]], 2)
    with pytest.raises(InputError, match="sample 1 has 1 coordinates but sample 0 has 2"):
        as_batch([[1, 2], [3]])
    with pytest.raises(InputError, match="empty"):
        as_batch([], 2)
    with pytest.raises(InputError, match="list of samples"):
        as_batch("1,2", 2)


def test_to_torch_round_trip_and_rounding_warning():
    torch = pytest.importorskip("torch")
    net = ReLUNetwork.from_arrays([([[1, "1/2"], ["-3/4", 2]], [0, "1/8"]), ([[1, -1]], ["5/16"])])
    model = net.to_torch()
    assert ReLUNetwork.from_torch(model) == net
    x = torch.tensor([[0.5, -1.25]], dtype=torch.float64)
    with torch.no_grad():
        assert F(float(model(x)[0, 0])) == net.forward([F(1, 2), F(-5, 4)])[0]
    with pytest.warns(InexactFloatWarning, match="rounded"):
        ReLUNetwork.from_arrays([([["1/3"]], [0]), ([[1]], [0])]).to_torch()


def test_from_torch_skips_eval_mode_no_ops_and_to_torch_refuses_huge_weights():
    """Issue 16 item 8: Dropout, Identity and Flatten are the identity on vectors in eval mode; a weight of
    10**400 does not fit in a float and is refused with the weight's name, not an OverflowError."""
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    plain = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))
    padded = torch.nn.Sequential(torch.nn.Flatten(), plain[0], torch.nn.Dropout(0.5), plain[1], torch.nn.Identity(),
                                 plain[2]).eval()
    assert ReLUNetwork.from_torch(padded) == ReLUNetwork.from_torch(plain)
    with pytest.warns(UserWarning, match="training mode"):
        ReLUNetwork.from_torch(padded.train())
    huge = ReLUNetwork.from_arrays([([[10**400]], [0]), ([[1]], [0])])
    with pytest.raises(NumberError, match=r"layer 1 weight\[0\]\[0\].*does not fit"):
        huge.to_torch()
