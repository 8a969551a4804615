"""The built-in claims of relugeom, one module per topic of docs/theory.md §3, each registering its claims
(with their hypotheses and ranges) in :mod:`relugeom.claims`. Importing this package registers them all;
``relugeom`` finds it through the ``relugeom.claims`` entry point.

``python -m proofs_checks`` runs them all and prints the report (the same as ``relugeom check``), and
``python -m proofs_checks shallow landscape`` the claims of some topics. Options: ``--thorough``, ``--json``,
``--markdown FILE``.

>>> from relugeom.claims import get_claim
>>> get_claim("regions.zaslavsky").aliases
('C22',)
"""

import sys
from importlib import import_module

from relugeom.claims import all_claims

# docs/theory.md §3, in order: the order of the report
TOPICS = ("bounds", "invariance", "patterns", "full_dimension", "sampling", "shallow", "arrangements", "landscape",
          "segments", "flatness", "parameter_space")

CLAIMS_BY_TOPIC: dict[str, tuple[str, ...]] = {}
for _topic in TOPICS:
    _before = {c.name for c in all_claims()}
    import_module(f"{__name__}.{_topic}")
    CLAIMS_BY_TOPIC[_topic] = tuple(c.name for c in all_claims() if c.name not in _before)


def topic_claims(topic: str) -> list[str]:
    """The ids of the claims a topic module registers, in registration order.

    >>> topic_claims("invariance")[:2]
    ['symmetry.invariance', 'symmetry.rank-invariance']
    """
    return list(CLAIMS_BY_TOPIC[topic])


def run(claims: list[str] | None, argv: list[str] | None = None) -> int:
    """Run ``relugeom check`` on these claims (all when None) with the given extra arguments."""
    from relugeom.cli import main

    args = ["check"] + list(argv if argv is not None else sys.argv[1:])
    if claims:
        args += ["--claims", ",".join(claims)]
    return main(args)
