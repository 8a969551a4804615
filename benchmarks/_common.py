"""Helpers shared by the benchmark scripts."""

import json
import subprocess
from pathlib import Path

import relugeom


def git_commit() -> str | None:
    """The commit of the relugeom checkout being measured (read-only ``git rev-parse``), if any."""
    try:
        out = subprocess.run(["git", "-C", str(Path(relugeom.__file__).resolve().parent.parent),
                              "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def print_report(report: dict, as_json: bool, table) -> None:
    """One JSON object, or the human table followed by the total time."""
    if as_json:
        print(json.dumps(report))
    else:
        print(table(report))
        print(f"\n(total {report['total_seconds']:.1f} s)")
