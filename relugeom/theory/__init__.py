"""Compatibility: the claim framework moved to :mod:`relugeom.claims`, the library mathematics to
modules named after their concepts (``relugeom.landscape``, ``relugeom.segments``, ...), and the built-in
claims to ``proofs_checks``. This module re-exports the framework names it used to have.

>>> from relugeom.theory import get_claim
>>> get_claim("C1").name
'dim.symmetry-bound'
"""

from ..claims import (NO_BOUNDARY_SAMPLE, Case, Claim, Hypothesis, Outcome, Range, Skip, all_claims, get_claim,
                      networks_in_range, register)

__all__ = ["NO_BOUNDARY_SAMPLE", "Case", "Claim", "Hypothesis", "Outcome", "Range", "Skip", "all_claims",
           "get_claim", "networks_in_range", "register"]
