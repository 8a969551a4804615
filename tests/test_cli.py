"""The command line: outputs, JSON keys (FORMAT.md) and one-line errors with exit code 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from relugeom.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_dim_json_keys(capsys):
    code, out, err = run(capsys, "dim", EXAMPLES / "shallow_1d.json", "--inputs", EXAMPLES / "shallow_1d_inputs.json",
                         "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["rank"] == 5 and doc["bound"] == 5 and doc["n_params"] == 7 and doc["n_hidden"] == 2


def test_dim_exceptional_theta(capsys):
    code, out, _ = run(capsys, "dim", EXAMPLES / "exceptional_1d.json", "--inputs",
                       EXAMPLES / "shallow_1d_inputs.json", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["rank"] == 4  # docs/theory.md §3.3: v_1 = 0 is exceptional
    assert (doc["local_dimension"], doc["local_dimension_certified"], doc["exceptional"]) == (5, True, True)


def test_dim_human_and_certificate(capsys):
    code, out, _ = run(capsys, "dim", EXAMPLES / "small_2d.json", "--inputs", EXAMPLES / "small_2d_inputs.csv",
                       "--certificate")
    assert code == 0 and "rank at θ: 12" in out and "local dimension of the image" in out and '"kernel"' in out
    code, out, _ = run(capsys, "dim", EXAMPLES / "small_2d.json", "--inputs", EXAMPLES / "small_2d_inputs.csv",
                       "--json", "--backend", "python")
    assert json.loads(out)["rank"] == 12


def test_info(capsys):
    code, out, _ = run(capsys, "info", EXAMPLES / "small_2d.json", "--json")
    assert code == 0 and json.loads(out) == {
        "architecture": [2, 3, 2, 1], "depth": 3, "n_params": 20, "n_hidden": 5, "identifiable_bound": 15,
        "integer_weights": False}
    code, out, _ = run(capsys, "info", EXAMPLES / "small_2d.json")
    assert "N = 20" in out


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return p


NET = '{"layers": [{"weight": [[1], [-1]], "bias": [0, 1]}, {"weight": [[1, 1]], "bias": [0]}]}'


@pytest.mark.parametrize("net_text, inputs_name, inputs_text, fragment", [
    (NET, "x.json", '{"inputs": [[1], [2, 3]]}', "sample 1 has 2 coordinates"),  # ragged / wrong dim
    (NET, "x.json", '{"inputs": []}', "empty batch"),
    (NET, "x.json", '{"inputs": [[NaN]]}', "not a finite number"),
    (NET, "x.json", '{"inputs": [[1, 2]]}', "sample 0 has 2 coordinates but the network has 1"),
    (NET, "x.json", '{"inputs": [[3], [1]]}', "sample 1 x = [1] lies on the boundary of layer 1 neuron 1"),
    (NET, "x.json", "[[1]]", '"inputs"'),
    (NET, "x.csv", "1\nfoo\n", "sample 1 coordinate 0"),
    ("{not json", "x.json", '{"inputs": [[1]]}', "not valid JSON"),
    ('{"layers": [{"weight": [[1, 2], [3]], "bias": [0, 0]}]}', "x.json", '{"inputs": [[1]]}', "ragged"),
    ('{"format": "x/9", "layers": []}', "x.json", '{"inputs": [[1]]}', "unknown network format"),
])
def test_dim_errors_are_one_line_exit_2(capsys, tmp_path, net_text, inputs_name, inputs_text, fragment):
    net = write(tmp_path, "net.json", net_text)
    inputs = write(tmp_path, inputs_name, inputs_text)
    code, out, err = run(capsys, "dim", net, "--inputs", inputs)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("relugeom: error: ") and fragment in err


@pytest.mark.parametrize("argv, fragment", [
    (["dim", "missing.json", "--inputs", "x.json"], "cannot read network file"),
    (["dim", str(EXAMPLES / "shallow_1d.json")], "--inputs"),
    (["dim", str(EXAMPLES / "shallow_1d.json"), "--inputs", "nope.csv"], "no such file"),
    (["frobnicate"], "invalid choice"),
    ([], "required"),
])
def test_usage_errors(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2 and err.count("\n") == 1 and fragment in err


def test_console_script_exit_code(tmp_path):
    """The installed entry point returns 2 to the shell (not a traceback)."""
    proc = subprocess.run([sys.executable, "-m", "relugeom.cli", "dim", str(tmp_path / "none.json"),
                           "--inputs", "x.json"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_regions_json_keys_and_graph(capsys, tmp_path):
    out_graph = tmp_path / "g.graphml"
    code, out, err = run(capsys, "regions", EXAMPLES / "small_2d.json", "--box", "3", "--json", "--graph", out_graph)
    assert code == 0
    doc = json.loads(out)
    assert doc["count"] == 13 == len(doc["regions"]) and doc["linear_count"] == 11
    assert out_graph.read_text().startswith("<?xml")
    assert "vertices" not in doc["regions"][0]
    code, out, _ = run(capsys, "regions", EXAMPLES / "small_2d.json", "--box", "3", "--json", "--vertices")
    doc = json.loads(out)
    assert code == 0 and "linear_count" not in doc and "edges" not in doc and "vertices" in doc["regions"][0]
    code, out, _ = run(capsys, "regions", EXAMPLES / "small_2d.json", "--box", "3", "--linear")
    assert code == 0 and "11 linear regions" in out
    code, out, _ = run(capsys, "regions", EXAMPLES / "shallow_1d.json")
    assert code == 0 and "3 activation regions in R^1 (1 bounded)" in out


def test_regions_polytope_and_limits(capsys, tmp_path):
    poly = write(tmp_path, "tri.json", '{"A": [[-1, 0], [0, -1], [1, 1]], "b": [0, 0, 3]}')
    code, out, _ = run(capsys, "regions", EXAMPLES / "small_2d.json", "--polytope", poly, "--json")
    assert code == 0 and json.loads(out)["count"] >= 1
    code, out, err = run(capsys, "regions", EXAMPLES / "small_2d.json", "--box", "3", "--max-regions", "3")
    assert code == 2 and "more than 3 regions" in err and err.count("\n") == 1
    code, _, err = run(capsys, "regions", EXAMPLES / "small_2d.json", "--box", "2:1")
    assert code == 2 and "not below" in err
    code, _, err = run(capsys, "regions", EXAMPLES / "small_2d.json", "--box", "1,2,3")
    assert code == 2 and "3 axes" in err
    bad = write(tmp_path, "flat.json", '{"A": [[1, 0], [-1, 0], [0, 1]], "b": [0, 0, 1]}')
    code, _, err = run(capsys, "regions", EXAMPLES / "small_2d.json", "--polytope", bad)
    assert code == 2 and "empty interior" in err


def test_plot_command(capsys, tmp_path):
    png = tmp_path / "r.png"
    code, out, _ = run(capsys, "plot", EXAMPLES / "small_2d.json", "--box", "3", "-o", png,
                       "--inputs", EXAMPLES / "small_2d_inputs.csv")
    assert code == 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, _, err = run(capsys, "plot", EXAMPLES / "small_2d.json", "-o", png)
    assert code == 2 and "box" in err and "Traceback" not in err


def test_regions_faces(capsys):
    code, out, _ = run(capsys, "regions", EXAMPLES / "small_2d.json", "--box", "3", "--faces", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["f_vector"][-1] == doc["count"] and doc["euler_characteristic"] == 1


def test_dim_generic_flags_exceptional_theta(capsys):
    code, out, _ = run(capsys, "dim", EXAMPLES / "exceptional_1d.json", "--inputs",
                       EXAMPLES / "shallow_1d_inputs.json", "--generic", "--json")
    doc = json.loads(out)
    assert code == 0 and (doc["rank"], doc["generic_rank"], doc["exceptional"], doc["generic_certified"]) == \
        (4, 5, True, True)


def test_landscape_table(capsys):
    code, out, _ = run(capsys, "landscape", "--table", "--json", "--r-max", "2", "--m-max", "3")
    doc = json.loads(out)
    assert code == 0 and doc["T"][0][1] == 3  # T(1, 2) = 3 (docs/theory.md §2.8, Fig. 4a)
    code, out, _ = run(capsys, "landscape", "--table")
    assert code == 0 and "Brute-force enumeration of the maps agrees" in out


def test_segment_command(capsys, tmp_path):
    png = tmp_path / "seg.png"
    code, out, _ = run(capsys, "segment", EXAMPLES / "small_2d.json", "--from=-3,-3", "--to=3,2", "--json", "-o", png)
    doc = json.loads(out)
    assert code == 0 and len(doc["breakpoints"]) == 4 and png.read_bytes()[:4] == b"\x89PNG"
    code, _, err = run(capsys, "segment", EXAMPLES / "small_2d.json", "--from", "1", "--to", "2")
    assert code == 2 and "--from has 1 coordinates" in err


def test_dim_local_dimension_is_the_rank_when_the_rank_meets_the_upper_bound(capsys):
    """rank ≤ r(Δ) ≤ min(N − H, n_L·n, per-region bound): no random θ' is needed when the rank meets the bound."""
    code, out, _ = run(capsys, "dim", EXAMPLES / "shallow_1d.json", "--inputs", EXAMPLES / "shallow_1d_inputs.json",
                       "--json")
    doc = json.loads(out)
    assert code == 0 and doc["rank"] == doc["local_dimension"] == 5 and not doc["exceptional"]
    assert "generic_rank" not in doc


def test_values_starting_with_a_dash_are_accepted_as_documented(capsys):
    """The README writes ``--box -1:1,0:2`` and ``--weights -2..2``: argparse alone reads them as options."""
    spaced = run(capsys, "regions", EXAMPLES / "small_2d.json", "--box", "-1:1,0:2", "--json")
    joined = run(capsys, "regions", EXAMPLES / "small_2d.json", "--box=-1:1,0:2", "--json")
    assert spaced[0] == 0 and spaced[1] == joined[1]
    code, out, _ = run(capsys, "search", "dim.symmetry-bound", "--arch", "1,1,1", "--weights", "-1..1", "--json")
    assert code == 0 and json.loads(out)["found"] is False and json.loads(out)["cases"] == 576
    code, _, err = run(capsys, "regions", EXAMPLES / "small_2d.json", "--box", "-x")  # not a number: one line
    assert code == 2 and "box" in err and "Traceback" not in err


@pytest.mark.parametrize("argv, fragment", [
    (["regions", "NET", "--show", "-1"], "--show"),
    (["regions", "NET", "--max-regions", "-1"], "--max-regions"),
    (["regions", "NET", "--max-regions", "0"], "--max-regions"),
    (["regions", "NET", "--workers", "0"], "--workers"),
    (["plot", "NET", "--box", "2", "--sampling", "--trials", "0", "-o", "OUT.png"], "--trials"),
    (["plot", "NET", "--box", "2", "--sampling", "--trials", "-3", "-o", "OUT.png"], "--trials"),
    (["landscape", "--m-max", "0"], "--m-max"),
    (["plot", "NET", "--box", "2", "-o", "OUT.xyz"], ".png, .pdf or .svg"),
    (["plot", "NET", "--box", "2", "-o", "/missing/dir/x.png"], "does not exist"),
    (["check", "--claims", "C1", "--markdown", "/missing/dir/x.md"], "does not exist"),
    (["regions", "NET", "--graph", "TMP"], "is a directory"),
    (["dim", "NET", "--inputs", "TMP"], "is a directory"),
    (["search", "C1", "--arch", "x"], "--arch"),
    (["search", "C1", "--arch", "1,0,1"], "--arch"),
    (["search", "C1", "--arch", "3"], "--arch"),
    (["report", "NET", "-o", ""], "file name is empty"),  # found by tests/test_cli_fuzz.py in CI
    (["regions", "NET", "--graph", " "], "file name is empty"),
])
def test_validation_gaps_give_one_line_before_any_work(capsys, tmp_path, argv, fragment):
    """Issue 16 item 8: each of these used to run (or fail late, or with a traceback)."""
    net = write(tmp_path, "net.json", '{"layers": [{"weight": [[1, 0], [0, 1]], "bias": [0, 0]}, '
                                       '{"weight": [[1, 1]], "bias": [0]}]}')
    subst = {"NET": str(net), "OUT.png": str(tmp_path / "o.png"), "OUT.xyz": str(tmp_path / "o.xyz"),
             "TMP": str(tmp_path)}
    code, out, err = run(capsys, *[subst.get(a, a) for a in argv])
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "o.png").exists() and not (tmp_path / "o.xyz").exists()


@pytest.mark.parametrize("poly, fragment", [
    ('{"A": [[1, 0, 0], [0, 1, 0]], "b": [1, 1]}', "has dimension 3"),          # wrong number of columns
    ('{"A": [[1, 0], [-1, 0], [0, 1], [0, -1]], "b": [-1, -1, 1, 1]}', "empty"),  # x ≤ -1 and x ≥ 1
    ('{"A": [[1, 0], [-1, 0], [0, 1], [0, -1]], "b": [0, 0, 1, 1]}', "empty"),    # x = 0: no interior
    ('{"A": [[1, 0], [-1, 0]], "b": [1, 1]}', "contains a line"),                 # a strip
    ('{"A": [[1, 0], [2, 0]], "b": [-1, 5]}', "contains a line"),                 # a half-plane, not pointed
])
def test_polytope_diagnoses_in_order(capsys, tmp_path, poly, fragment):
    """Issue 16 item 7: dimension first, then emptiness, then pointedness, each with its own message."""
    path = write(tmp_path, "p.json", poly)
    code, _, err = run(capsys, "regions", EXAMPLES / "small_2d.json", "--polytope", path)
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1


def test_empty_lineality_polytope_is_reported_empty_not_a_line(capsys, tmp_path):
    path = write(tmp_path, "p.json", '{"A": [[1, 0], [-1, 0]], "b": [-1, -1]}')  # x ≤ -1 and x ≥ 1, no y bound
    code, _, err = run(capsys, "regions", EXAMPLES / "small_2d.json", "--polytope", path)
    assert code == 2 and "empty" in err and "contains a line" not in err
