"""Helpers shared by the benchmark scripts."""

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
