"""Region counts: Zaslavsky, general position, Serra's bound, the (1;2,2) maximum, the sawtooth (C22-C27).

Run: `python -m proofs_checks.arrangements [--thorough] [--json]`.
"""

import sys

from proofs_checks import run

CLAIMS = ["C22", "C22-general-position", "C23", "C25", "C26", "C27"]

if __name__ == "__main__":
    sys.exit(run(CLAIMS))
