"""Imports every topic module so that its claims are registered (see ``claims.all_claims``)."""

from . import arrangements, bounds, generic, landscape, sampling, segments, shallow  # noqa: F401
