"""Two runs with the same seed print byte-identical ``--json --no-timing`` output (issue 16 item 10,
issue 14 item 4); wall-clock times live only in ``timing`` objects."""

from pathlib import Path

import pytest

from relugeom.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

COMMANDS = {
    "check": ["check", "--claims", "C1,C3", "--seed", "3"],
    "search": ["search", "C3", "--seed", "3"],
    "search-random": ["search", "C1", "--examples", "30", "--seed", "5"],
    "dim-generic": ["dim", str(EXAMPLES / "shallow_1d.json"), "--inputs", str(EXAMPLES / "shallow_1d_inputs.json"),
                    "--generic", "--seed", "4"],
    "params": ["params", str(EXAMPLES / "relu_111.json"), "--inputs", str(EXAMPLES / "relu_111_inputs.json"),
               "--layer", "1", "--seed", "2"],
    "sampling": ["plot", str(EXAMPLES / "shallow_1d.json"), "--box", "3", "--sampling", "--trials", "3", "--seed", "1",
                 "-o", "OUT"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_same_seed_same_bytes(capsys, tmp_path, name):
    argv = [str(tmp_path / "s.png") if a == "OUT" else a for a in COMMANDS[name]] + ["--json", "--no-timing"]
    outputs = []
    for _ in range(2):
        assert main(argv) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and '"timing"' not in outputs[0] and '"seconds"' not in outputs[0]


def test_timing_is_kept_apart(capsys):
    assert main(["search", "C3", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"timing": {"seconds": ' in out
