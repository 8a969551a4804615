"""Exhaustive checks of the claims of shared/THEORY.md §6 over all small integer networks of a stated range.

One module per topic lists its claims (the predicates live in ``relugeom.theory``); ``python -m
proofs_checks`` runs them all and prints the report (the same as ``relugeom check``), and
``python -m proofs_checks.shallow`` runs one topic. Options: ``--thorough``, ``--json``, ``--markdown FILE``.
"""

import sys

TOPICS = ("bounds", "generic", "shallow", "arrangements")


def run(claims: list[str] | None, argv: list[str] | None = None) -> int:
    """Run ``relugeom check`` on these claims (all when None) with the given extra arguments."""
    from relugeom.cli import main

    args = ["check"] + list(argv if argv is not None else sys.argv[1:])
    if claims:
        args += ["--claims", ",".join(claims)]
    return main(args)
