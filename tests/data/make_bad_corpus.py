"""Write the corpus of malformed and extreme input files in tests/data/bad/ (issue 14).

Run: `python tests/data/make_bad_corpus.py` (the files are committed; this script is how they were made).
Names start with the reader they target: `net-*.json` (networks), `batch-*.{json,csv,npy}` (batches of
inputs for `dim --inputs`), `poly-*.json` (polytopes for `regions --polytope`). Every file must give
exit code 2 and one line on stderr, never a traceback (tests/test_bad_inputs.py).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "bad"
GOOD_LAYER = {"weight": [[1, 0], [0, 1]], "bias": [0, 0]}
OUTPUT = {"weight": [[1, 1]], "bias": [0]}


def net(*layers) -> str:
    return json.dumps({"layers": list(layers)})


NETWORKS = {
    "empty": "",
    "whitespace": "   \n\t ",
    "truncated": '{"layers": [{"weight": [[1, 0]',
    "not-object": "[1, 2, 3]",
    "string": '"network"',
    "null": "null",
    "no-layers": "{}",
    "layers-empty": '{"layers": []}',
    "layers-object": '{"layers": {"weight": [[1]], "bias": [0]}}',
    "layer-number": '{"layers": [3]}',
    "layer-no-bias": '{"layers": [{"weight": [[1]]}]}',
    "weight-number": net({"weight": 5, "bias": [0]}),
    "weight-string": net({"weight": "[[1]]", "bias": [0]}),
    "weight-ragged": net({"weight": [[1, 2], [3]], "bias": [0, 0]}),
    "weight-empty-rows": net({"weight": [[], []], "bias": [0, 0]}),
    "weight-no-rows": net({"weight": [], "bias": []}),
    "weight-3d": net({"weight": [[[1]]], "bias": [0]}),
    "bias-length": net({"weight": [[1, 2]], "bias": [0, 1]}),
    "bias-nested": net({"weight": [[1]], "bias": [[0]]}),
    "chain-mismatch": net(GOOD_LAYER, {"weight": [[1, 1, 1]], "bias": [0]}),
    "nan": '{"layers": [{"weight": [[NaN]], "bias": [0]}]}',
    "infinity": '{"layers": [{"weight": [[Infinity]], "bias": [0]}]}',
    "bool": net({"weight": [[True]], "bias": [0]}),
    "null-entry": net({"weight": [[None]], "bias": [0]}),
    "bad-string": net({"weight": [["one"]], "bias": [0]}),
    "zero-denominator": net({"weight": [["1/0"]], "bias": [0]}),
    "double-slash": net({"weight": [["1/2/3"]], "bias": [0]}),
    "huge-exponent": net({"weight": [["1e1000000000"]], "bias": [0]}),
    "float-overflow": '{"layers": [{"weight": [[1e5000]], "bias": [0]}]}',
    "too-many-digits": '{"layers": [{"weight": [[' + "9" * 100_001 + ']], "bias": [0]}]}',
    "wrong-format": json.dumps({"format": "relugeom.network/2", "layers": [GOOD_LAYER, OUTPUT]}),
    "format-number": json.dumps({"format": 1, "layers": [GOOD_LAYER, OUTPUT]}),
    "deep-nesting": "[" * 10_000 + "]" * 10_000,
    "duplicate-garbage": '{"layers": [{"weight": [[1]], "bias": [0]}]} trailing',
}
BINARY_NETWORKS = {
    "binary": bytes(range(256)) * 4,
    "latin1": '{"layers": [{"weight": [["caf\u00e9"]], "bias": [0]}]}'.encode("latin-1"),
    "utf16": net(GOOD_LAYER, OUTPUT).encode("utf-16"),
    "nul-bytes": b'{"layers": [\x00\x00]}',
}
BATCHES_JSON = {
    "empty": "",
    "not-object": "[[1, 2]]",
    "no-inputs": '{"points": [[1, 2]]}',
    "inputs-number": '{"inputs": 3}',
    "inputs-empty": '{"inputs": []}',
    "sample-number": '{"inputs": [1, 2]}',
    "sample-empty": '{"inputs": [[]]}',
    "wrong-dimension": '{"inputs": [[1, 2, 3]]}',
    "ragged": '{"inputs": [[1, 2], [1]]}',
    "nan": '{"inputs": [[NaN, 1]]}',
    "bool": '{"inputs": [[true, 1]]}',
    "text": '{"inputs": [["x", 1]]}',
    "float-overflow": '{"inputs": [[1e400, 1]]}',
    "too-many-digits": '{"inputs": [["' + "1" * 100_001 + '/3", 1]]}',
}
BATCHES_CSV = {
    "empty": "",
    "text": "a,b\n1,2\n",
    "ragged": "1,2\n3\n",
    "wrong-dimension": "1,2,3\n",
    "nan": "nan,1\n",
    "zero-denominator": "1/0,1\n",
    "semicolons": "1;2\n",
}
BINARY_BATCHES_CSV = {
    "latin1": "1,\u00e9\n".encode("latin-1"),
    "binary": bytes(range(256)) * 2,
}


def npy(arr) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=True)
    return buf.getvalue()


BATCHES_NPY = {
    "garbage": b"\x93NUMPY garbage",
    "random-bytes": bytes(range(256)),
    "truncated": npy(np.zeros((4, 2)))[:100],
    "object": npy(np.array([[1, "a"]], dtype=object)),
    "complex": npy(np.ones((2, 2), dtype=complex)),
    "bool": npy(np.ones((2, 2), dtype=bool)),
    "string": npy(np.array([["1", "2"]])),
    "zero-d": npy(np.float64(3.0)),
    "one-d": npy(np.ones(2)),
    "three-d": npy(np.ones((2, 2, 2))),
    "empty-rows": npy(np.zeros((0, 2))),
    "wrong-dimension": npy(np.ones((2, 3))),
    "nan": npy(np.array([[np.nan, 1.0]])),
    "inf": npy(np.array([[np.inf, 1.0]])),
    "longdouble-nan": npy(np.array([[np.nan, 1]], dtype=np.longdouble)),
    "datetime": npy(np.array([["2020-01-01", "2020-01-02"]], dtype="datetime64[D]")),
    "structured": npy(np.zeros(2, dtype=[("a", "f8"), ("b", "f8")])),
}
POLYTOPES = {
    "empty": "",
    "not-object": "[1]",
    "no-b": '{"A": [[1, 0]]}',
    "a-number": '{"A": 1, "b": [1]}',
    "a-empty": '{"A": [], "b": []}',
    "ragged": '{"A": [[1, 0], [1]], "b": [1, 1]}',
    "b-length": '{"A": [[1, 0], [0, 1]], "b": [1]}',
    "columns": '{"A": [[1, 0, 0], [0, 1, 0]], "b": [1, 1]}',
    "empty-set": '{"A": [[1, 0], [-1, 0], [0, 1], [0, -1]], "b": [-1, -1, 1, 1]}',
    "flat": '{"A": [[1, 0], [-1, 0], [0, 1], [0, -1]], "b": [0, 0, 1, 1]}',
    "line": '{"A": [[1, 0], [-1, 0]], "b": [1, 1]}',
    "nan": '{"A": [[NaN, 0]], "b": [1]}',
    "text": '{"A": [["x", 0]], "b": [1]}',
    "wrong-format": '{"format": "relugeom.polytope/9", "A": [[1, 0]], "b": [1]}',
}
BINARY_POLYTOPES = {"binary": bytes(range(256)), "latin1": '{"A": [["\u00e9", 0]], "b": [1]}'.encode("latin-1")}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    groups = [("net", ".json", NETWORKS), ("net", ".json", BINARY_NETWORKS), ("batch", ".json", BATCHES_JSON),
              ("batch", ".csv", BATCHES_CSV), ("batch", ".csv", BINARY_BATCHES_CSV), ("batch", ".npy", BATCHES_NPY),
              ("poly", ".json", POLYTOPES), ("poly", ".json", BINARY_POLYTOPES)]
    for prefix, suffix, files in groups:
        for name, content in files.items():
            data = content.encode() if isinstance(content, str) else content
            (OUT / f"{prefix}-{name}{suffix}").write_bytes(data)
    print(f"{sum(1 for _ in OUT.iterdir())} files in {OUT}")


if __name__ == "__main__":
    main()
