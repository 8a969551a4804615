"""Closed formulas and theorem predicates (THEORY §6), one module per topic, and the claim registry.

>>> from relugeom.theory import all_claims
>>> "C1" in [c.name for c in all_claims()]
True
"""

from .claims import (NO_BOUNDARY_SAMPLE, Case, Claim, Hypothesis, Outcome, Range, Skip, all_claims, get_claim,
                     networks_in_range, register)

__all__ = ["NO_BOUNDARY_SAMPLE", "Case", "Claim", "Hypothesis", "Outcome", "Range", "Skip", "all_claims",
           "get_claim", "networks_in_range", "register"]
