"""Shallow networks: Theorem S and its inequality, the maximal dimension, the general-d formula (C9-C11).

Run: `python -m proofs_checks.shallow [--thorough] [--json]`.
"""

import sys

from proofs_checks import run

CLAIMS = ["C9", "C10", "C11", "S-general-d"]

if __name__ == "__main__":
    sys.exit(run(CLAIMS))
