"""The claim registry: :func:`register` adds a claim (with its aliases), :func:`get_claim` finds one by
id or alias, :func:`all_claims` lists them in registration order.

The built-in claims live in the ``proofs_checks`` package; the registry never imports it by name. It
loads every module declared under the entry-point group ``relugeom.claims`` (``proofs_checks`` declares
itself there in ``pyproject.toml``) the first time a claim is looked up, so a plug-in package can add
claims the same way.

>>> get_claim("C22").name, get_claim("regions.zaslavsky").aliases
('regions.zaslavsky', ('C22',))
"""

from __future__ import annotations

from importlib import import_module, metadata

from ..errors import RelugeomError
from .claim import Claim

__all__ = ["register", "get_claim", "all_claims", "load_plugins"]

ENTRY_POINT_GROUP = "relugeom.claims"

_REGISTRY: dict[str, Claim] = {}
_ALIASES: dict[str, str] = {}
_loaded = False


def register(claim: Claim) -> Claim:
    """Add a claim to the registry (replacing one of the same name); returns it."""
    for alias in claim.aliases:
        owner = _ALIASES.get(alias)
        if owner is not None and owner != claim.name:
            raise RelugeomError(f"alias {alias!r} of claim {claim.name} is already taken by {owner}")
    if claim.name in _ALIASES and _ALIASES[claim.name] != claim.name:
        raise RelugeomError(f"claim id {claim.name!r} is already an alias of {_ALIASES[claim.name]}")
    _REGISTRY[claim.name] = claim
    _ALIASES.update({alias: claim.name for alias in claim.aliases})
    return claim


def load_plugins() -> None:
    """Import the modules of the ``relugeom.claims`` entry points once (they register their claims)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        import_module(entry.value)


def get_claim(name: str) -> Claim:
    """The claim with this id or alias (e.g. ``"regions.zaslavsky"`` or ``"C22"``)."""
    load_plugins()
    claim = _REGISTRY.get(name) or _REGISTRY.get(_ALIASES.get(name, ""))
    if claim is None:
        raise RelugeomError(f"unknown claim {name!r}; known claims: {', '.join(_REGISTRY)} "
                            "(run 'relugeom check --list' or see docs/theory.md §4)")
    return claim


def all_claims() -> list[Claim]:
    """Every registered claim, in registration order (the topics of docs/theory.md §3 in turn)."""
    load_plugins()
    return list(_REGISTRY.values())
