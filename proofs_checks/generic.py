"""Patterns determine the rank; computable full functional dimension; sampling; inhomogeneity (C3, C5-C7, C13, C14).

Run: `python -m proofs_checks.generic [--thorough] [--json]`.
"""

import sys

from proofs_checks import run

CLAIMS = ["C3", "C3-upper", "C5", "C6", "C7", "C13", "C14"]

if __name__ == "__main__":
    sys.exit(run(CLAIMS))
