"""Compatibility: checking and searching moved to :mod:`relugeom.claims` (this module re-exports them).

>>> from relugeom.search import check_claim
>>> from relugeom.claims import get_claim
>>> check_claim(get_claim("C1")).failures
0
"""

from .claims import CheckReport, SearchResult, case_size, check_claim, search, shrink

__all__ = ["CheckReport", "SearchResult", "check_claim", "search", "shrink", "case_size"]
