"""docs/cli.md is exactly what the CLI's own help says (regenerate with python docs/make_cli_reference.py)."""

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_cli_reference_is_up_to_date():
    spec = importlib.util.spec_from_file_location("make_cli_reference", DOCS / "make_cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (DOCS / "cli.md").read_text() == module.reference(), "run: python docs/make_cli_reference.py"
