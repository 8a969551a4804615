"""Bounded resources (issue 14 item 3): --timeout stops with exit 3 and says what was complete, no partial
output file stays; a Jacobian estimated beyond --max-memory is refused before it is built."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from relugeom import ReLUNetwork
from relugeom.cli import main
from relugeom.jacobian import jacobian, memory_estimate
from relugeom.limits import MemoryLimitError, check_memory

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_check_timeout_reports_the_claims_done(capsys):
    code = main(["check", "--timeout", "2", "--json", "--no-timing"])
    out, err = capsys.readouterr()
    assert code == 3 and err.startswith("relugeom: timeout: stopped after 2 s") and len(err.strip().splitlines()) == 1
    doc = json.loads(out)
    assert doc["complete"] is False and doc["timeout"] == 2
    done = doc["partial"].get("claims", [])
    assert all(c["cases"] > 0 for c in done) and len(done) < 40  # some claims, not all


def test_timeout_leaves_no_partial_file(tmp_path, capsys):
    import random

    rng = random.Random(0)  # 3-14-14-1: thousands of regions, seconds of work; stopped after 0.2 s
    rng_net = ReLUNetwork.from_arrays([([[rng.randint(-9, 9) for _ in range(3)] for _ in range(14)],
                                        [rng.randint(-9, 9) for _ in range(14)]),
                                       ([[rng.randint(-9, 9) for _ in range(14)] for _ in range(14)],
                                        [rng.randint(-9, 9) for _ in range(14)]),
                                       ([[1] * 14], [0])])
    path, out = tmp_path / "net.json", tmp_path / "r.jsonl"
    rng_net.save(path)
    code = main(["regions", str(path), "--box", "5", "--jsonl", str(out), "--timeout", "0.2"])
    assert code == 3 and "timeout" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "r.partial.jsonl").exists()


def test_timeout_exit_code_from_the_shell(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "relugeom.cli", "check", "--timeout", "1"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr


def test_memory_estimate_is_an_upper_figure_and_refuses_early(capsys):
    net = ReLUNetwork.load(EXAMPLES / "shallow_1d.json")
    batch = json.loads((EXAMPLES / "shallow_1d_inputs.json").read_text())["inputs"]
    jac = jacobian(net, batch)
    entries = [x for row in jac.scaled.rows for x in row]
    actual = sum(sys.getsizeof(x) + 8 for x in entries)  # the ints and the tuple slots holding them
    assert memory_estimate(net, batch) >= actual
    with pytest.raises(MemoryLimitError, match="would need about"):
        check_memory(memory_estimate(net, batch), 100, "the Jacobian")
    code = main(["dim", str(EXAMPLES / "shallow_1d.json"), "--inputs", str(EXAMPLES / "shallow_1d_inputs.json"),
                 "--max-memory", "1e-7"])
    err = capsys.readouterr().err
    assert code == 2 and "--max-memory" in err and len(err.strip().splitlines()) == 1
    assert main(["dim", str(EXAMPLES / "shallow_1d.json"), "--inputs", str(EXAMPLES / "shallow_1d_inputs.json"),
                 "--max-memory", "0"]) == 2


@pytest.mark.parametrize("name", ["relu_111", "shallow_1d"])  # the lifted enumeration and the product form
def test_params_max_cells(capsys, name):
    argv = ["params", str(EXAMPLES / f"{name}.json"), "--inputs", str(EXAMPLES / f"{name}_inputs.json"),
            "--layer", "1", "--free", "W1[0,0],b1[0]" if name == "relu_111" else "b1[0],b1[1]"]
    assert main(argv + ["--json"]) == 0
    count = json.loads(capsys.readouterr().out)["count"]
    assert main(argv + ["--max-cells", str(count), "--json"]) == 0
    capsys.readouterr()
    assert main(argv + ["--max-cells", str(count - 1)]) == 2
    assert "--max-cells" in capsys.readouterr().err


def test_output_files_are_complete_or_absent(tmp_path):
    from relugeom.output import atomic_output, write_text

    target = tmp_path / "fig.png"
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(target) as tmp:
            assert tmp.suffix == ".png" and tmp.parent == tmp_path  # writers that go by the suffix still work
            tmp.write_bytes(b"half a picture")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
    write_text(tmp_path / "a.md", "done\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_swallowed_timeout_fires_again():
    """If the alarm lands in a finalizer (which swallows exceptions), the deadline fires again (re-armed)."""
    import time

    from relugeom.limits import TimedOut, deadline

    swallowed = 0
    with pytest.raises(TimedOut):
        with deadline(0.1):
            end = time.monotonic() + 5
            while time.monotonic() < end:
                try:
                    time.sleep(0.01)
                except TimedOut:  # what a __del__ does with it: print and go on
                    swallowed += 1
                    if swallowed > 1:
                        raise
    assert swallowed == 2
