"""``python -m proofs_checks [TOPIC ...] [--thorough] [--json] [--markdown FILE]``: every claim (or the claims
of the named topics, e.g. ``shallow``), one report."""

import sys

from proofs_checks import TOPICS, run, topic_claims

if __name__ == "__main__":
    args = sys.argv[1:]
    topics = [a for a in args if a in TOPICS]
    rest = [a for a in args if a not in TOPICS]
    sys.exit(run([c for t in topics for c in topic_claims(t)] or None, rest))
