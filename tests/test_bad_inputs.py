"""Every reader turns every bad input into a RelugeomError with one line (issue 14 items 1-2): a corpus of
malformed and extreme files run through each subcommand, and hypothesis fuzzing of every reader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from relugeom import ReLUNetwork, RelugeomError
from relugeom.cli import main
from relugeom.domain import Domain
from relugeom.inputs import load_inputs
from relugeom.reading import parse_json

BAD = Path(__file__).resolve().parent / "data" / "bad"
NET = {"layers": [{"weight": [[1, 0], [0, 1]], "bias": [0, 0]}, {"weight": [[1, 1]], "bias": [0]}]}
BATCH = {"inputs": [[1, 2], [3, -1], ["1/2", "-7"]]}


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    root = tmp_path_factory.mktemp("good")
    (root / "net.json").write_text(json.dumps(NET))
    (root / "x.json").write_text(json.dumps(BATCH))
    return root


def _commands(path: Path, good: Path) -> list[list[str]]:
    net, x, png = str(good / "net.json"), str(good / "x.json"), str(good / "out.png")
    f = str(path)
    if path.name.startswith("net-"):
        return [["info", f], ["regions", f, "--box", "1"], ["dim", f, "--inputs", x],
                ["segment", f, "--from", "0,0", "--to", "1,1"], ["params", f, "--inputs", x, "--layer", "1"],
                ["plot", f, "--box", "1", "-o", png]]
    if path.name.startswith("batch-"):
        return [["dim", net, "--inputs", f], ["params", net, "--inputs", f, "--layer", "1"],
                ["plot", net, "--box", "1", "--inputs", f, "-o", png]]
    return [["regions", net, "--polytope", f], ["plot", net, "--polytope", f, "-o", png]]


CORPUS = sorted(BAD.iterdir())


def test_the_corpus_is_there():
    assert len(CORPUS) >= 90 and {p.name.split("-")[0] for p in CORPUS} == {"net", "batch", "poly"}


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_subcommand_refuses_each_bad_file_in_one_line(path, good, capsys):
    for argv in _commands(path, good):
        code = main(argv)  # an exception here would be a traceback for the user
        out, err = capsys.readouterr()
        lines = err.strip().splitlines()
        assert code == 2 and len(lines) == 1 and lines[0].startswith("relugeom: error: "), (argv, err)
        assert not (good / "out.png").exists()


@pytest.mark.parametrize("name", ["net-binary.json", "net-too-many-digits.json", "net-deep-nesting.json"])
def test_no_traceback_from_the_installed_command(name, good):
    proc = subprocess.run([sys.executable, "-m", "relugeom.cli", "info", str(BAD / name)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_long_exact_numbers_are_read_and_written(tmp_path, capsys):
    """Numbers beyond Python's 4 300-digit conversion limit are valid rationals: read, computed, written."""
    big = 10**5000 + 1
    doc = {"layers": [{"weight": [[big, 0], [0, "1/" + "3" * 5000]], "bias": [0, 1]},
                      {"weight": [[1, -1]], "bias": ["-" + "7" * 4500 + ".5"]}]}
    path = tmp_path / "big.json"
    import sys as _sys

    old = _sys.get_int_max_str_digits()
    _sys.set_int_max_str_digits(0)
    try:
        path.write_text(json.dumps(doc))
    finally:
        _sys.set_int_max_str_digits(old)
    net = ReLUNetwork.load(path)
    assert net.layers[0].weight[0][0] == big
    assert main(["regions", str(path), "--box", "2", "--json"]) == 0
    out = parse_json(capsys.readouterr().out, "stdout")
    assert out["count"] == len(out["regions"]) >= 2
    assert main(["info", str(path)]) == 0
    assert ReLUNetwork.from_json(net.to_json()) == net


# ------------------------------------------------------------------------------------------ fuzzing

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True) |
    st.text(max_size=8) | st.sampled_from(["1/2", "1/0", "-3", "0.25", "1e400", "9" * 5000, "x", ""]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["layers", "weight", "bias",
                                                                                  "inputs", "A", "b", "format"]),
                                                                 inner, max_size=4),
    max_leaves=30)


def _either(fn):
    """The reader gives a valid object or a RelugeomError, never anything else."""
    try:
        return fn()
    except RelugeomError as exc:
        assert str(exc) and "\n" not in str(exc).strip()
        return None


def _mutate(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    b = bytearray(data)
    for kind, pos, byte in edits:
        if not b:
            break
        pos %= len(b)
        if kind == 0:
            b[pos] = byte
        elif kind == 1:
            del b[pos]
        else:
            b.insert(pos, byte)
    return bytes(b)


EDITS = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6)


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_random_bytes(tmp_path, data):
    for name, read in (("n.json", ReLUNetwork.load), ("n.onnx", ReLUNetwork.load), ("x.json", load_inputs),
                       ("x.csv", load_inputs), ("x.npy", load_inputs), ("p.json", Domain.load_polytope)):
        path = tmp_path / name
        path.write_bytes(data)
        _either(lambda: read(path))


@FUZZ
@given(json_values)
def test_fuzz_json_trees(tmp_path, doc):
    text = json.dumps(doc)
    net = _either(lambda: ReLUNetwork.from_json(text))
    assert net is None or isinstance(net, ReLUNetwork)
    path = tmp_path / "x.json"
    path.write_text(text)
    _either(lambda: load_inputs(path))
    (tmp_path / "p.json").write_text(text)
    _either(lambda: Domain.load_polytope(tmp_path / "p.json"))


@FUZZ
@given(EDITS)
def test_fuzz_mutated_valid_files(tmp_path, edits):
    valid = {"n.json": json.dumps(NET).encode(), "x.json": json.dumps(BATCH).encode(),
             "x.csv": b"1,2\n3,-1\n1/2,-7\n", "p.json": b'{"A": [[1, 0], [0, 1], [-1, -1]], "b": [1, 1, 1]}'}
    import io

    buf = io.BytesIO()
    np.save(buf, np.array([[1.0, 2.0], [3.0, -1.0]]))
    valid["x.npy"] = buf.getvalue()
    readers = {"n.json": ReLUNetwork.load, "x.json": load_inputs, "x.csv": load_inputs, "x.npy": load_inputs,
               "p.json": Domain.load_polytope}
    for name, data in valid.items():
        path = tmp_path / name
        path.write_bytes(_mutate(data, edits))
        _either(lambda: readers[name](path))


@FUZZ
@given(st.sampled_from(["1e5000", "-1e-5000", "1e10001", "9" * 4301, "1/" + "7" * 4400, "0." + "3" * 5000,
                        "1" * 100_001, "1/0", "+-1", "1//2", " 3 ", "٣", "1_000", "0x10", "1e", ".e1"]),
       st.sampled_from(["weight", "bias"]))
def test_fuzz_extreme_numbers(value, where):
    layer = {"weight": [[1]], "bias": [0]}
    layer[where] = [[value]] if where == "weight" else [value]
    net = _either(lambda: ReLUNetwork.from_json(json.dumps({"layers": [layer]})))
    assert net is None or net.n_params == 2


@pytest.mark.parametrize("argv", [["regions", "NET", "--box", "9" * 100_001], ["regions", "NET", "--box", "9" * 9999 + "x"],
                                  ["segment", "NET", "--from", "1/" + "0" * 5000, "--to", "1,1"],
                                  ["segment", "NET", "--from", "x" * 5000 + ",1", "--to", "1,1"]])
def test_command_line_numbers_give_one_short_line(argv, good, capsys):
    """--box, --from: bad or oversized numbers are one line, cut to a readable length."""
    assert main([str(good / "net.json") if a == "NET" else a for a in argv]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and len(err) < 400
