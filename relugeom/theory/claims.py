"""Checkable claims: a claim is a predicate on a case (a network and a batch of inputs), guarded by
named hypotheses; the same object drives a hypothesis test, an exhaustive check over all small integer
networks of a range, and the counterexample search.

>>> from relugeom.theory import get_claim
>>> claim = get_claim("C1")
>>> claim.name, [h.name for h in claim.hypotheses]
('C1', ['no-boundary-sample'])

Register your own claim in a few lines::

    from relugeom.theory import Claim, Outcome, register
    from relugeom import batch_functional_dimension

    def predicate(case):
        rank = batch_functional_dimension(case.network, case.inputs).rank
        return Outcome(rank <= 3, f"rank {rank}", {"rank": rank})

    register(Claim("my-claim", "rank at most 3", "dim_bfun ≤ 3", predicate,
                   default=Range(((1, 1, 1),), (-1, 1), batches=((("-1",), ("1/2",), (2,)),))))
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Iterator, Mapping, Sequence

from ..errors import BoundaryError, RelugeomError
from ..exact.rational import format_rational
from ..inputs import Batch, as_batch
from ..network import ReLUNetwork

__all__ = ["Case", "Skip", "Hypothesis", "Outcome", "Range", "Claim", "register", "get_claim", "all_claims",
           "networks_in_range", "NO_BOUNDARY_SAMPLE"]


@dataclass(frozen=True)
class Case:
    """What a claim is checked on: a network, a batch of inputs (may be empty) and optional extras
    (e.g. a symmetry to apply), given as a tuple of ``(name, value)`` pairs."""

    network: ReLUNetwork
    inputs: Batch = ()
    extras: tuple[tuple[str, object], ...] = ()

    def extra(self, name: str, default: object = None) -> object:
        return dict(self.extras).get(name, default)

    def to_dict(self) -> dict:
        d = {"network": self.network.to_dict(), "inputs": [[format_rational(v) for v in x] for x in self.inputs]}
        if self.extras:
            d["extras"] = {k: repr(v) for k, v in self.extras}
        return d


class Skip(Exception):
    """The case is outside the claim's scope (e.g. a sample on a neuron boundary): not counted."""


@dataclass(frozen=True)
class Hypothesis:
    """A named hypothesis of a claim; ``check(case)`` is True when the case satisfies it."""

    name: str
    description: str
    check: Callable[[Case], bool]


@dataclass(frozen=True)
class Outcome:
    """The verdict of a claim on one case: ``holds``, a one-line ``detail`` and JSON-able ``values``."""

    holds: bool
    detail: str = ""
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Range:
    """A family of cases: every integer network of each architecture with weights and biases in
    ``weights`` (inclusive), one representative per neuron-permutation class, crossed with ``batches``
    (batches whose dimension differs from the network's input dimension are ignored).
    ``networks`` adds fixed networks (e.g. hand-made examples)."""

    architectures: tuple[tuple[int, ...], ...]
    weights: tuple[int, int] = (-1, 1)
    batches: tuple[tuple[tuple[object, ...], ...], ...] = ((),)
    networks: tuple[ReLUNetwork, ...] = ()

    def describe(self) -> str:
        archs = ", ".join("-".join(map(str, a)) for a in self.architectures)
        lo, hi = self.weights
        parts = [f"{archs}, weights {lo}..{hi}"] if self.architectures else []
        if self.networks:
            parts.append(f"{len(self.networks)} fixed networks")
        n_batches = len([b for b in self.batches if b])
        if n_batches:
            parts.append(f"{n_batches} batches")
        return "; ".join(parts)


@dataclass(frozen=True)
class Claim:
    """A checkable statement (THEORY §6). ``predicate(case)`` returns an :class:`Outcome` or raises
    :class:`Skip`; a case is checked only if it satisfies every hypothesis not dropped.

    ``expect_counterexamples`` marks demonstrations whose point is that the statement fails (a
    pitfall); ``extend(case, rng)`` may add extras (e.g. a random symmetry) to each generated case.
    """

    name: str
    title: str
    statement: str
    predicate: Callable[[Case], Outcome]
    default: Range
    thorough: Range | None = None
    hypotheses: tuple[Hypothesis, ...] = ()
    expect_counterexamples: bool = False
    extend: Callable[[Case, random.Random], Case] | None = None

    def hypothesis(self, name: str) -> Hypothesis:
        for h in self.hypotheses:
            if h.name == name:
                return h
        known = ", ".join(h.name for h in self.hypotheses) or "none"
        raise RelugeomError(f"claim {self.name} has no hypothesis {name!r} (its hypotheses: {known})")

    def applies(self, case: Case, dropped: Sequence[str] = ()) -> bool:
        """Does the case satisfy every hypothesis that is not dropped?"""
        return all(h.check(case) for h in self.hypotheses if h.name not in dropped)

    def evaluate(self, case: Case) -> Outcome:
        """The predicate, with a boundary sample turned into :class:`Skip`."""
        try:
            return self.predicate(case)
        except BoundaryError as exc:
            raise Skip(str(exc)) from None


def _boundary_free(case: Case) -> bool:
    try:
        for j, x in enumerate(case.inputs):
            case.network.pattern_at(x, sample=j)
    except BoundaryError:
        return False
    return True


NO_BOUNDARY_SAMPLE = Hypothesis("no-boundary-sample", "no sample has a pre-activation exactly 0", _boundary_free)

_REGISTRY: dict[str, Claim] = {}


def register(claim: Claim) -> Claim:
    """Add a claim to the registry (replacing one of the same name); returns it."""
    _REGISTRY[claim.name] = claim
    return claim


def get_claim(name: str) -> Claim:
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise RelugeomError(f"unknown claim {name!r}; known claims: {', '.join(sorted(_REGISTRY))}") from None


def all_claims() -> list[Claim]:
    """Every registered claim, in a stable order (C-number, then name)."""
    _load_builtin()

    def order(c: Claim):
        digits = "".join(ch for ch in c.name[1:].split("-")[0] if ch.isdigit())
        return (0, int(digits), c.name) if c.name.startswith("C") and digits else (1, 0, c.name)

    return sorted(_REGISTRY.values(), key=order)


def _load_builtin() -> None:
    from . import _builtin  # noqa: F401  (registers the claims of THEORY §6)


# --------------------------------------------------------------------------- case enumeration


def _canonical(net: ReLUNetwork) -> bool:
    """One representative per permutation class: each hidden layer's neurons sorted by (incoming row, bias),
    rows written in the (already sorted) order of the previous layer. Every class has such a member;
    classes whose layers have two neurons with equal incoming weights and bias may have several."""
    for layer in net.layers[:-1]:
        keys = [(row, b) for row, b in zip(layer.weight, layer.bias)]
        if keys != sorted(keys):
            return False
    return True


def networks_in_range(architecture: Sequence[int], weights: tuple[int, int],
                      canonical: bool = True) -> Iterator[ReLUNetwork]:
    """All integer networks of ``architecture`` with every parameter in ``weights`` (inclusive),
    optionally one per permutation class. Order: lexicographic in the parameter vector."""
    lo, hi = weights
    shapes = list(zip(architecture, architecture[1:]))
    n_params = sum(o * (i + 1) for i, o in shapes)
    template = ReLUNetwork.from_arrays([([[0] * i for _ in range(o)], [0] * o) for i, o in shapes])
    for theta in itertools.product(range(lo, hi + 1), repeat=n_params):
        net = template.with_parameters(theta)
        if not canonical or _canonical(net):
            yield net


def cases_in_range(claim: Claim, rng: Range, seed: int = 0) -> Iterator[Case]:
    """Every case of a range (fixed networks first), extended by ``claim.extend`` if any."""
    batches = [as_batch(b) if b else () for b in rng.batches]
    gen = random.Random(seed)

    def with_batches(net: ReLUNetwork) -> Iterator[Case]:
        for batch in batches:
            if batch and len(batch[0]) != net.n_inputs:
                continue
            case = Case(net, batch)
            yield claim.extend(case, gen) if claim.extend else case

    for net in rng.networks:
        yield from with_batches(net)
    for arch in rng.architectures:
        for net in networks_in_range(arch, rng.weights):
            yield from with_batches(net)


def count_networks(rng: Range) -> int:
    """How many networks (before symmetry reduction) a range enumerates."""
    lo, hi = rng.weights
    return len(rng.networks) + sum((hi - lo + 1) ** sum(o * (i + 1) for i, o in zip(a, a[1:]))
                                   for a in rng.architectures)


def fraction_batch(*points: Sequence[object]) -> tuple[tuple[Fraction, ...], ...]:
    """Convenience: a batch from numbers or strings, e.g. ``fraction_batch(["1/3"], [2])``."""
    return as_batch(list(points))
