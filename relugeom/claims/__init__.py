"""Checkable claims about small ReLU networks: a claim is a predicate on a case (a network and a batch of
inputs), guarded by named hypotheses; the same object drives an exhaustive check over all small integer
networks of a range, the counterexample search (with shrinking) and chunked Dask sweeps.

The modules, each one part: :mod:`~relugeom.claims.case` (Case, Outcome, Skip, Hypothesis),
:mod:`~relugeom.claims.ranges` (Range and the networks it enumerates), :mod:`~relugeom.claims.claim`
(Claim, the cases of a range), :mod:`~relugeom.claims.registry`, :mod:`~relugeom.claims.tally` (the one
case loop), :mod:`~relugeom.claims.check`, :mod:`~relugeom.claims.search`, :mod:`~relugeom.claims.shrink`,
:mod:`~relugeom.claims.chunks` and :mod:`~relugeom.claims.dask`. The built-in claims are registered by the
``proofs_checks`` package (docs/theory.md §3).

Register your own claim in a few lines::

    from relugeom import batch_functional_dimension
    from relugeom.claims import Claim, Outcome, Range, register, check_claim

    def at_most_three(case):
        rank = batch_functional_dimension(case.network, case.inputs).rank
        return Outcome(rank <= 3, f"rank {rank}", {"rank": rank})

    claim = register(Claim("my.rank-le-3", "rank at most 3", "dim_bfun ≤ 3", at_most_three,
                           default=Range(((1, 1, 1),), (-1, 1), batches=((("-1",), ("1/2",), (2,)),))))
    check_claim(claim).failures

>>> get_claim("C1").name
'dim.symmetry-bound'
"""

from .case import NO_BOUNDARY_SAMPLE, Case, Hypothesis, Outcome, Skip
from .check import CheckReport, check_claim
from .claim import Claim, cases_in_range
from .ranges import (
           LazyNetworks,
           Range,
           count_networks,
           fraction_batch,
           networks_in_range,
)
from .registry import all_claims, get_claim, register
from .search import SearchResult, search
from .shrink import case_size, shrink
from .tally import Tally, tally

__all__ = ["NO_BOUNDARY_SAMPLE", "Case", "Hypothesis", "Outcome", "Skip", "Claim", "Range", "LazyNetworks",
           "register", "get_claim", "all_claims", "cases_in_range", "networks_in_range", "count_networks",
           "fraction_batch", "check_claim", "CheckReport", "search", "SearchResult", "shrink", "case_size",
           "Tally", "tally"]
