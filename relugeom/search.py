"""Check claims over ranges of small networks, and search for minimal counterexamples.

>>> from relugeom.theory import get_claim
>>> report = check_claim(get_claim("C1"))
>>> report.failures, report.cases > 0
(0, True)
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable, Iterator, Sequence

from .errors import RelugeomError
from .network import Layer, ReLUNetwork
from .theory.claims import Case, Claim, Outcome, Range, Skip, cases_in_range

__all__ = ["CheckReport", "SearchResult", "check_claim", "search", "shrink", "case_size"]


@dataclass(frozen=True)
class CheckReport:
    """The result of checking one claim on one range."""

    claim: str
    title: str
    range: str
    cases: int  # checked (hypotheses hold, not skipped)
    skipped: int  # outside the hypotheses or the claim's scope
    failures: int
    expected: bool  # failures are the point (a pitfall)
    seconds: float
    counterexample: Case | None = None
    outcome: Outcome | None = None
    dropped: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """No unexpected failure (a pitfall claim is ok when it does fail)."""
        return self.failures > 0 if self.expected else self.failures == 0

    def to_dict(self) -> dict:
        d = {"name": self.claim, "title": self.title, "range": self.range, "cases": self.cases,
             "skipped": self.skipped, "failures": self.failures, "expected_failures": self.expected,
             "ok": self.ok, "seconds": round(self.seconds, 3), "dropped": list(self.dropped)}
        if self.counterexample is not None:
            d["counterexample"] = self.counterexample.to_dict()
            d["detail"] = self.outcome.detail if self.outcome else ""
        return d


def _progress(iterable: Iterable, enabled: bool, desc: str, total: int | None = None) -> Iterable:
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, total=total, leave=False, unit="case")


def _run(claim: Claim, cases: Iterable[Case], dropped: Sequence[str], stop_at_first: bool,
         description: str, started: float) -> CheckReport:
    from .parallel import tally

    r = tally(claim, cases, dropped, stop_at_first)
    return CheckReport(claim.name, claim.title, description, r.cases, r.skipped, r.failures,
                       claim.expect_counterexamples and not dropped, time.perf_counter() - started,
                       r.counterexample, r.outcome, tuple(dropped))


def _distributed(claim: Claim, rng: Range, dropped: Sequence[str], stop_at_first: bool, seed: int,
                 progress: bool, desc: str, executor: object, started: float) -> CheckReport | None:
    """The report of a run on ``executor`` (merged in chunk order: equal to the serial one), or None if serial."""
    from .parallel import resolve_executor

    runner, owned = resolve_executor(executor)
    if runner is None:
        return None
    try:
        r = runner.run(claim, rng, seed, dropped, stop_at_first, progress=progress, desc=desc)
    finally:
        if owned:
            runner.close()
    first = r.counterexample
    return CheckReport(claim.name, claim.title, rng.describe(), r.cases, r.skipped, r.failures,
                       claim.expect_counterexamples and not dropped, time.perf_counter() - started,
                       first, r.outcome if first is not None else None, tuple(dropped))


def check_claim(claim: Claim, thorough: bool = False, dropped: Sequence[str] = (), seed: int = 0,
                progress: bool = False, stop_at_first: bool = False, executor: object = None) -> CheckReport:
    """Check ``claim`` on every case of its default (or thorough) range.

    ``executor``: ``None``/``"serial"`` (here), ``"dask"`` (a local Dask cluster started and closed for
    this call), or a :class:`relugeom.parallel.DaskExecutor` (reused); the report is the same.
    """
    for name in dropped:
        claim.hypothesis(name)  # validates the name
    rng = claim.thorough if thorough and claim.thorough is not None else claim.default
    started = time.perf_counter()
    report = _distributed(claim, rng, dropped, stop_at_first, seed, progress, claim.name, executor, started)
    if report is not None:
        return report
    cases = _progress(cases_in_range(claim, rng, seed), progress, claim.name)
    return _run(claim, cases, dropped, stop_at_first, rng.describe(), started)


# ---------------------------------------------------------------------------- search


@dataclass(frozen=True)
class SearchResult:
    """A counterexample (shrunk) and the one first found, or none."""

    claim: str
    dropped: tuple[str, ...]
    cases: int
    seconds: float
    found: Case | None = None
    shrunk: Case | None = None
    outcome: Outcome | None = None

    def to_dict(self) -> dict:
        d = {"claim": self.claim, "dropped": list(self.dropped), "cases": self.cases,
             "seconds": round(self.seconds, 3), "found": self.shrunk is not None}
        if self.shrunk is not None:
            d.update(counterexample=self.shrunk.to_dict(), first_found=self.found.to_dict(),
                     detail=self.outcome.detail, values={k: _plain(v) for k, v in self.outcome.values.items()})
        return d


def _plain(v: object) -> object:
    return str(v) if isinstance(v, Fraction) else v


def _random_networks(architectures: Sequence[Sequence[int]], weights: tuple[int, int], count: int,
                     seed: int) -> Iterator[ReLUNetwork]:
    rng = random.Random(seed)
    lo, hi = weights
    for k in range(count):
        arch = architectures[k % len(architectures)]
        yield ReLUNetwork.from_arrays([([[rng.randint(lo, hi) for _ in range(i)] for _ in range(o)],
                                        [rng.randint(lo, hi) for _ in range(o)]) for i, o in zip(arch, arch[1:])])


def search(claim: Claim, architectures: Sequence[Sequence[int]] | None = None, weights: tuple[int, int] | None = None,
           dropped: Sequence[str] = (), examples: int | None = None, seed: int = 0,
           progress: bool = False, executor: object = None) -> SearchResult:
    """The first counterexample to ``claim`` (hypotheses ``dropped`` removed), shrunk to a minimal one.

    Exhaustive (``examples=None``) over all integer networks of the architectures with weights in
    range (one per permutation class) — plus the claim's fixed networks — crossed with the claim's
    batches; or ``examples`` random networks (seeded). Architectures and weights default to the
    claim's default range. ``executor`` as in :func:`check_claim` (the same counterexample is found).
    """
    for name in dropped:
        claim.hypothesis(name)
    base = claim.default
    rng = Range(tuple(tuple(a) for a in architectures) if architectures else base.architectures,
                weights or base.weights, base.batches + (claim.thorough.batches if claim.thorough else ()),
                base.networks)
    started = time.perf_counter()
    if examples is not None:
        rng_run = Range((), rng.weights, rng.batches,
                        tuple(_random_networks(rng.architectures or [n.architecture for n in rng.networks] or [(1, 1, 1)],
                                               rng.weights, examples, seed)))
    else:
        rng_run = rng
    report = _distributed(claim, rng_run, dropped, True, seed, progress, f"search {claim.name}", executor, started)
    if report is None:
        cases: Iterable[Case] = cases_in_range(claim, rng_run, seed)
        report = _run(claim, _progress(cases, progress, f"search {claim.name}"), dropped, True, rng.describe(),
                      started)
    if report.counterexample is None:
        return SearchResult(claim.name, tuple(dropped), report.cases + report.skipped, report.seconds)
    small, outcome = shrink(claim, report.counterexample, dropped)
    return SearchResult(claim.name, tuple(dropped), report.cases + report.skipped, time.perf_counter() - started,
                        report.counterexample, small, outcome)


# ---------------------------------------------------------------------------- shrinking


def case_size(case: Case) -> tuple:
    """What shrinking minimizes, in order: hidden neurons, samples, Σ|weights|, Σ sizes of the samples."""
    net = case.network
    weight_size = sum(abs(q.numerator) + q.denominator - 1 for q in net.parameters())
    sample_size = sum(abs(q.numerator) + q.denominator - 1 for x in case.inputs for q in x)
    return net.n_hidden, len(case.inputs), weight_size, sample_size


def _without_neuron(net: ReLUNetwork, layer: int, neuron: int) -> ReLUNetwork:
    layers = list(net.layers)
    cur, nxt = layers[layer], layers[layer + 1]
    layers[layer] = Layer(tuple(r for i, r in enumerate(cur.weight) if i != neuron),
                          tuple(b for i, b in enumerate(cur.bias) if i != neuron))
    layers[layer + 1] = Layer(tuple(tuple(w for i, w in enumerate(row) if i != neuron) for row in nxt.weight), nxt.bias)
    return ReLUNetwork(tuple(layers))


def _simpler_numbers(q: Fraction) -> list[Fraction]:
    out = [Fraction(0)]
    if q.denominator != 1:
        out += [Fraction(round(q)), Fraction(q.numerator // abs(q.numerator) if q.numerator else 0)]
    elif abs(q) > 1:
        out.append(q - (1 if q > 0 else -1))
    return [v for v in dict.fromkeys(out) if v != q]


def _candidates(case: Case) -> Iterator[Case]:
    net = case.network
    for l, layer in enumerate(net.layers[:-1]):
        if layer.n_out > 1:
            for i in range(layer.n_out):
                yield Case(_without_neuron(net, l, i), case.inputs, case.extras)
    if len(case.inputs) > 1:
        for j in range(len(case.inputs)):
            yield Case(net, case.inputs[:j] + case.inputs[j + 1:], case.extras)
    theta = list(net.parameters())
    for k, q in enumerate(theta):
        for simpler in _simpler_numbers(q):
            yield Case(net.with_parameters(theta[:k] + [simpler] + theta[k + 1:]), case.inputs, case.extras)
    for j, x in enumerate(case.inputs):
        for c, q in enumerate(x):
            for simpler in _simpler_numbers(q):
                point = x[:c] + (simpler,) + x[c + 1:]
                yield Case(net, case.inputs[:j] + (point,) + case.inputs[j + 1:], case.extras)


def shrink(claim: Claim, case: Case, dropped: Sequence[str] = (), max_steps: int = 10_000) -> tuple[Case, Outcome]:
    """Greedily simplify a counterexample (fewer neurons, fewer samples, smaller numbers) while it stays one."""
    best, outcome = case, claim.evaluate(case)
    if outcome.holds:
        raise RelugeomError(f"the case is not a counterexample to {claim.name}")
    for _ in range(max_steps):
        for candidate in _candidates(best):
            if case_size(candidate) >= case_size(best):
                continue
            try:
                if not claim.applies(candidate, dropped):
                    continue
                result = claim.evaluate(candidate)
            except (Skip, RelugeomError, IndexError, ValueError):  # e.g. extras that no longer fit
                continue
            if not result.holds:
                best, outcome = candidate, result
                break
        else:
            return best, outcome
    return best, outcome
