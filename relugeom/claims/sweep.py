"""Vectorized sweeps: every integer network of an architecture range evaluated at once on one batch.

For integer weights and a batch of rationals, every quantity of the exact Jacobian is an integer once
each sample is scaled by its denominator ``d_j`` (``ẑ^l = d_j z^l``; see :mod:`relugeom.jacobian`), so
the pre-activations, patterns and Jacobian rows of thousands of networks are computed together with numpy
``int64`` (the magnitudes are checked to stay far below 2^63; a block that could overflow is refused and
the caller uses the per-case path). Each rank is then exact: ``python-flint``'s ``fmpz_mat.rank`` on the
integer rows (fraction-free elimination over Z), identical matrices computed once.

A claim opts in with ``Claim.sweep``: a function of a :class:`Block` returning, per network, whether the
claim holds. The per-case predicate stays the oracle: every counterexample found by a sweep is re-checked
by ``claim.evaluate`` (a disagreement is an error), and the tests compare whole reports of both paths.

>>> from relugeom.claims import get_claim
>>> from relugeom.claims.check import check_claim
>>> claim = get_claim("dim.symmetry-bound")
>>> fast, slow = check_claim(claim), check_claim(claim, vectorized=False)
>>> (fast.cases, fast.skipped, fast.failures) == (slow.cases, slow.skipped, slow.failures)
True
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import RelugeomError
from ..inputs import Batch, as_batch
from ..network import ReLUNetwork
from .case import Case
from .claim import Claim, cases_in_range
from .ranges import Range
from .tally import Tally, tally

__all__ = ["Block", "sweepable", "sweep_range", "block_ranks"]

LIMIT = 2 ** 62  # every int64 result is bounded before it is formed (_fits) and must stay below this
CHUNK = 1 << 15  # networks per block


class OverflowRisk(RelugeomError):
    """The integers of a block could exceed int64: use the per-case path."""


@dataclass(frozen=True)
class Block:
    """Networks of one architecture (rows of ``theta``, integer parameter vectors in the documented order)
    on one batch: which have a boundary sample, and for the others the exact ranks and pattern keys."""

    architecture: tuple[int, ...]
    theta: np.ndarray  # (nets, N) int64
    batch: Batch
    boundary: np.ndarray  # (nets,) bool: some sample on a neuron boundary (the case is skipped)
    ranks: np.ndarray  # (nets,) int64, −1 where boundary
    patterns: np.ndarray  # (nets, n) int64: one key per sample's activation pattern

    @property
    def n_params(self) -> int:
        return self.theta.shape[1]

    @property
    def n_hidden(self) -> int:
        return sum(self.architecture[1:-1])


def sweepable(claim: Claim, rng: Range, dropped: Sequence[str] = ()) -> bool:
    """Can ``claim`` be swept on ``rng``? It needs a ``sweep``, no ``extend``, integer weights and no
    hypothesis but ``no-boundary-sample`` (a boundary sample is a skip either way)."""
    return (getattr(claim, "sweep", None) is not None and claim.extend is None
            and all(h.name == "no-boundary-sample" for h in claim.hypotheses))


def _max(a: np.ndarray) -> int:
    return int(np.abs(a).max()) if a.size else 0


def _fits(bound: int) -> None:
    """Refuse a block when a bound (Python ints: no overflow) on the next int64 result reaches ``LIMIT``."""
    if bound >= LIMIT:
        raise OverflowRisk("the block's integers could overflow int64")


def _layers(theta: np.ndarray, arch: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Split parameter vectors into per-layer ``(W (nets, out, in), b (nets, out))``."""
    out, k = [], 0
    for n_in, n_out in zip(arch, arch[1:]):
        w = theta[:, k:k + n_in * n_out].reshape(-1, n_out, n_in)
        k += n_in * n_out
        out.append((w, theta[:, k:k + n_out]))
        k += n_out
    return out


def block_ranks(arch: Sequence[int], theta: np.ndarray, batch: Batch) -> Block:
    """Exact Jacobian ranks and patterns of every network ``theta`` (integer parameters) on ``batch``."""
    arch = tuple(arch)
    layers = _layers(theta, arch)
    nets, n = theta.shape[0], len(batch)
    denominators = [math.lcm(*(v.denominator for v in x)) for x in batch]
    x = np.array([[int(v * d) for v in xj] for xj, d in zip(batch, denominators)], dtype=np.int64)  # (n, n0)
    scale = np.array(denominators, dtype=np.int64)  # (n,)
    h = np.broadcast_to(x, (nets, n, arch[0])).astype(np.int64)
    hs, masks = [h], []
    boundary = np.zeros(nets, dtype=bool)
    key = np.zeros((nets, n), dtype=np.int64)
    for w, b in layers[:-1]:
        _fits(w.shape[2] * _max(w) * _max(hs[-1]) + _max(b) * _max(scale))
        z = np.einsum("kij,ksj->ksi", w, hs[-1]) + b[:, None, :] * scale[None, :, None]
        boundary |= (z == 0).any(axis=(1, 2))
        mask = z > 0
        for i in range(z.shape[2]):
            key = key * 2 + mask[:, :, i]
        masks.append(mask)
        hs.append(np.where(mask, z, 0))
    n_out = arch[-1]
    grads = [None] * len(layers)
    g = np.broadcast_to(np.eye(n_out, dtype=np.int64), (nets, n, n_out, n_out))
    grads[-1] = g
    for k in range(len(layers) - 1, 0, -1):
        w = layers[k][0]  # (nets, out_k, in_k)
        _fits(w.shape[1] * _max(g) * _max(w))
        g = np.einsum("ksoi,kit->ksot", g, w) * masks[k - 1][:, :, None, :]
        grads[k - 1] = g
    parts = []
    for k in range(len(layers)):
        g, hprev = grads[k], hs[k]  # (nets, n, n_out, out_k), (nets, n, in_k)
        _fits(_max(g) * max(_max(hprev), _max(scale)))
        parts.append(np.einsum("ksoi,ksj->ksoij", g, hprev).reshape(nets, n, n_out, -1))
        parts.append(g * scale[None, :, None, None])
    rows = np.concatenate(parts, axis=3).reshape(nets, n * n_out, -1)
    ranks = np.full(nets, -1, dtype=np.int64)
    from flint import fmpz_mat

    seen: dict[bytes, int] = {}
    for i in np.flatnonzero(~boundary):
        m = rows[i]
        k = m.tobytes()
        r = seen.get(k)
        if r is None:
            r = seen[k] = fmpz_mat(m.tolist()).rank()
        ranks[i] = r
    return Block(arch, theta, batch, boundary, ranks, key)


def _canonical_mask(theta: np.ndarray, arch: Sequence[int]) -> np.ndarray:
    """:func:`relugeom.claims.ranges.is_canonical` on every row: each hidden layer's (incoming row, bias)
    keys non-decreasing in lexicographic order."""
    ok = np.ones(theta.shape[0], dtype=bool)
    for w, b in _layers(theta, arch)[:-1]:
        keys = np.concatenate([w, b[:, :, None]], axis=2)  # (nets, out, in + 1)
        for i in range(keys.shape[1] - 1):
            diff = keys[:, i + 1] - keys[:, i]
            nz = diff != 0
            first = np.argmax(nz, axis=1)
            sign = diff[np.arange(len(diff)), first]
            ok &= ~nz.any(axis=1) | (sign > 0)
    return ok


def _thetas(arch: Sequence[int], weights: tuple[int, int], prefix: Sequence[int] = ()) -> Iterator[np.ndarray]:
    """The canonical integer parameter vectors of ``arch`` with entries in ``weights`` (and starting with
    ``prefix``), in lexicographic order — the order of :func:`relugeom.claims.ranges.networks_in_range` —
    in chunks."""
    lo, hi = weights
    n_params = sum(o * (i + 1) for i, o in zip(arch, arch[1:]))
    free = n_params - len(prefix)
    values = np.arange(lo, hi + 1, dtype=np.int64)
    base = len(values)
    total = base ** free
    for start in range(0, total, CHUNK):
        idx = np.arange(start, min(total, start + CHUNK), dtype=np.int64)
        digits = np.empty((len(idx), n_params), dtype=np.int64)
        digits[:, :len(prefix)] = np.array(prefix, dtype=np.int64)
        for p in range(n_params - 1, len(prefix) - 1, -1):
            digits[:, p] = values[idx % base]
            idx //= base
        yield digits[_canonical_mask(digits, arch)]


def _network(arch: Sequence[int], theta: np.ndarray) -> ReLUNetwork:
    template = ReLUNetwork.from_arrays([([[0] * i for _ in range(o)], [0] * o) for i, o in zip(arch, arch[1:])])
    return template.with_parameters([int(v) for v in theta])


def sweep_range(claim: Claim, rng: Range, seed: int = 0, dropped: Sequence[str] = (),
                stop_at_first: bool = False, prefix: Sequence[int] = ()) -> Tally:
    """The :class:`Tally` of ``claim`` on ``rng`` — equal to ``tally(claim, cases_in_range(claim, rng))`` —
    with the architecture part evaluated block by block (the fixed networks case by case); ``prefix``
    keeps only the parameter vectors that start with it (a chunk of :mod:`relugeom.claims.chunks`)."""
    first = tally(claim, cases_in_range(claim, Range((), rng.weights, rng.batches, rng.networks), seed), dropped,
                  stop_at_first)
    cases, skipped, failures = first.cases, first.skipped, first.failures
    found = (first.counterexample, first.outcome) if first.counterexample is not None else None
    if found is not None and stop_at_first:
        return first
    batches = [as_batch(b) if b else () for b in rng.batches]
    for arch in rng.architectures:
        usable = [(j, b) for j, b in enumerate(batches) if not (b and len(b[0]) != arch[0])]
        for theta in _thetas(arch, rng.weights_of(arch), prefix):
            if not len(theta):
                continue
            holds = np.ones((len(theta), len(usable)), dtype=bool)
            skip = np.zeros((len(theta), len(usable)), dtype=bool)
            for c, (_, batch) in enumerate(usable):
                if not batch:
                    skip[:, c] = True  # an empty batch is outside every rank claim's scope
                    continue
                try:
                    block = block_ranks(arch, theta, batch)
                except OverflowRisk:
                    return _per_case(claim, rng, seed, dropped, stop_at_first)
                skip[:, c] = block.boundary
                holds[:, c] = claim.sweep(block) | block.boundary
            bad = (~holds & ~skip).ravel()  # row-major: network by network, each over its batches
            skip = skip.ravel()
            first_bad = int(np.flatnonzero(bad)[0]) if bad.any() else None
            if stop_at_first and first_bad is not None:  # count as the serial loop does: up to the failure
                skip, bad = skip[:first_bad + 1], bad[:first_bad + 1]
            cases += int((~skip).sum())
            skipped += int(skip.sum())
            failures += int(bad.sum())
            if found is None and first_bad is not None:
                i, c = divmod(first_bad, len(usable))
                case = Case(_network(arch, theta[i]), usable[c][1])
                outcome = claim.evaluate(case)
                if outcome.holds:
                    raise RelugeomError(f"{claim.name}: the vectorized sweep and the predicate disagree on {case}")
                found = (case, outcome)
                if stop_at_first:
                    return Tally(cases, skipped, failures, *found, admitted=first.admitted)
    return Tally(cases, skipped, failures, *(found or (None, None)), admitted=first.admitted)


def _per_case(claim: Claim, rng: Range, seed: int, dropped: Sequence[str], stop_at_first: bool) -> Tally:
    return tally(claim, cases_in_range(claim, rng, seed), dropped, stop_at_first)

