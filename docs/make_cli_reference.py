"""Write docs/cli.md from the CLI's own --help texts, so the reference cannot drift.

Run: `python docs/make_cli_reference.py` (tests/test_docs.py fails when the file is out of date).
"""

import argparse
import os
import sys
from pathlib import Path

from relugeom.cli import build_parser

OUT = Path(__file__).resolve().parent / "cli.md"


def reference() -> str:
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal width: fix it so the file is reproducible
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    parts = ["# relugeom command-line reference", "",
             "Generated from `relugeom --help` by `docs/make_cli_reference.py`; do not edit by hand.", "",
             "```text", parser.format_help().rstrip(), "```", ""]
    for name, command in sub.choices.items():
        parts += [f"## relugeom {name}", "", "```text", command.format_help().rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    OUT.write_text(reference())
    sys.exit(0)
