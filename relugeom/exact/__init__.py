"""Exact arithmetic kernels (rationals, linear algebra, LP); they know nothing about networks."""

from .linalg import RankCertificate, RankResult, check_certificate, nullspace, rank, rref
from .rational import format_rational, to_rational

__all__ = ["RankCertificate", "RankResult", "check_certificate", "nullspace", "rank", "rref",
           "format_rational", "to_rational"]
