"""Bounds on the batch functional dimension, invariance, and the softmax pitfall (C1, C2, C4, C8, C24).

Run: `python -m proofs_checks.bounds [--thorough] [--json]`.
"""

import sys

from proofs_checks import run

CLAIMS = ["C1", "C2", "C2-linear", "C4", "C8", "C24"]

if __name__ == "__main__":
    sys.exit(run(CLAIMS))
