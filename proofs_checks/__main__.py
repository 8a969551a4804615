"""``python -m proofs_checks [--thorough] [--json] [--markdown FILE]``: every claim, one report."""

import sys

from proofs_checks import run

if __name__ == "__main__":
    sys.exit(run(None))
