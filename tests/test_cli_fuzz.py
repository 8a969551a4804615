"""No command prints a traceback on any input (issue 14): random argument lists for every subcommand,
valid and invalid values mixed, each run bounded by --timeout. main() must return an exit code; an
exception escaping it would be a traceback for the user."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from relugeom.cli import build_parser, main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BAD = Path(__file__).resolve().parent / "data" / "bad"
SKIP = {"--help", "--executor", "--scheduler", "--workers"}  # a cluster or processes: tested elsewhere
SERVERS = {"explore"}  # runs until stopped, and opens a browser: tested in tests/test_explorer.py

VALUES = ["", "-1", "0", "1", "2", "3", "x", "1/0", "1/2", "-3:3", "0:1,0:1", "1e9", "1,2", "-1,1/2", "2..-2",
          "-2..2", "1,3,1", "C1", "W1[0,0],b1[0]", "9" * 60, "nan", str(EXAMPLES / "small_2d_inputs.csv"),
          str(EXAMPLES / "shallow_1d_inputs.json"), str(BAD / "batch-nan.npy"), "/nonexistent/x.json", "OUT"]
NETWORKS = [str(EXAMPLES / "small_2d.json"), str(EXAMPLES / "shallow_1d.json"), str(BAD / "net-nan.json"),
            "/nonexistent.json", "C1", "no-boundary-sample", "cfun-vs-params"]


def _commands() -> dict[str, tuple[list, list]]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    out = {}
    for name, command in sub.choices.items():
        if name in SERVERS:
            continue
        options = [a for a in command._actions if a.option_strings and not SKIP & set(a.option_strings)
                   and a.dest not in ("help", "timeout")]
        positional = [a for a in command._actions if not a.option_strings]
        out[name] = (options, positional)
    return out


COMMANDS = _commands()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(COMMANDS)), st.data())
def test_random_arguments_never_raise(tmp_path, monkeypatch, name, data):
    monkeypatch.chdir(tmp_path)  # output options get random values such as "1" or "-3:3": files land here
    options, positional = COMMANDS[name]
    argv = [name] + [data.draw(st.sampled_from(NETWORKS)) for _ in positional]
    for action in data.draw(st.lists(st.sampled_from(options), max_size=4, unique_by=lambda a: a.dest)):
        argv.append(action.option_strings[-1])
        if action.nargs != 0:
            argv.append(data.draw(st.sampled_from(VALUES)))
    argv = [str(tmp_path / "o.png") if a == "OUT" else a for a in argv] + ["--timeout", "3", "--no-progress"]
    code = main(argv)
    assert code in (0, 1, 2, 3, 141), argv


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_accepts_timeout_and_no_timing(name, capsys):
    """--timeout and --no-timing are options of every command (one line of help each, no crash)."""
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args([name, "--help"])
    assert exc.value.code == 0 and "--timeout" in capsys.readouterr().out
