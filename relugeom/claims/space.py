"""The default search space: where a claim is checked when it has no range of its own, and what
``relugeom check --budget`` and ``relugeom search --seconds`` add after the exhaustive ranges.

Two parts, in order:

* :data:`EXHAUSTIVE`: every small integer network of a few architectures (weights −1..1, one per
  permutation class) crossed with fixed batches of non-integer samples;
* :func:`random_cases`: a seeded, endless stream of networks of input dimension 1–3, 1–3 hidden layers of
  widths 1–4 and 1–2 outputs, with weights from a small rational set, built to produce the degenerate
  cases where theorems break — zero, repeated and opposite rows, parallel and coincident hyperplanes,
  three hyperplanes through a point, dead and always-active neurons — and batches of 1–8 samples
  (repeated samples, samples crowded into few regions, samples spread over many). Samples on a neuron
  boundary are redrawn (and dropped if they keep landing on one).

The stream is a pure function of the seed: the same seed gives the same cases.

>>> import itertools
>>> cases = list(itertools.islice(random_cases(seed=3), 200))
>>> cases == list(itertools.islice(random_cases(seed=3), 200))
True
>>> {c.network.n_inputs for c in cases} == {1, 2, 3}, max(c.network.depth for c in cases)
(True, 4)
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction

from ..errors import BoundaryError
from ..inputs import as_batch
from ..network import Layer, ReLUNetwork
from .case import Case
from .claim import Claim
from .ranges import Range

__all__ = ["EXHAUSTIVE", "VALUES", "random_network", "random_batch", "random_cases", "claim_cases", "until"]

F = Fraction
# Small rationals, zero and ±1 most often: integers make hyperplanes meet and coincide.
VALUES = (F(0), F(0), F(1), F(-1), F(1), F(-1), F(2), F(-2), F(1, 2), F(-1, 2), F(3), F(-3))
COORDINATES = tuple(F(k, q) for q in (1, 2, 3, 5) for k in range(-3 * q, 3 * q + 1))

_B1 = ((("-7/3",), ("-1/3",), ("2/3",), ("5/3",)), (("-5/3",), ("-2/3",), ("4/3",)),
       (("-8/3",), ("-4/3",), ("-1/3",), ("1/3",), ("2/3",), ("5/3",), ("8/3",)), (("1/3",),))
_B2 = ((("-7/3", "2/5"), ("2/3", "-8/5"), ("5/3", "7/5")),
       (("-4/3", "-3/5"), ("1/3", "6/5"), ("4/3", "-2/5"), ("-2/3", "9/5"), ("1/3", "-7/5")))
EXHAUSTIVE = Range(((1, 1, 1), (1, 2, 1), (2, 1, 1), (1, 1, 2), (1, 1, 1, 1)), (-1, 1), _B1 + _B2)


def _row(rng: random.Random, n: int) -> list[Fraction]:
    return [rng.choice(VALUES) for _ in range(n)]


def _hidden_layer(rng: random.Random, n_in: int, width: int, first: bool) -> Layer:
    """A layer whose rows are drawn fresh or made degenerate relative to the rows before them."""
    rows: list[list[Fraction]] = []
    biases: list[Fraction] = []
    point = [rng.choice(COORDINATES[::3]) for _ in range(n_in)]  # for hyperplanes through one point
    for _ in range(width):
        kind = rng.random()
        if rows and kind < 0.12:  # repeated neuron
            k = rng.randrange(len(rows))
            row, b = list(rows[k]), biases[k]
        elif rows and kind < 0.22:  # opposite neuron
            k = rng.randrange(len(rows))
            row, b = [-w for w in rows[k]], -biases[k]
        elif rows and kind < 0.32:  # parallel (another bias) or coincident (scaled bias) hyperplane
            k = rng.randrange(len(rows))
            lam = rng.choice((F(2), F(-1), F(1, 2), F(-2)))
            row = [lam * w for w in rows[k]]
            b = lam * biases[k] if rng.random() < 0.5 else rng.choice(VALUES)
        elif kind < 0.42:  # through a common point: w·p + b = 0
            row = _row(rng, n_in)
            b = -sum((w * p for w, p in zip(row, point)), F(0))
        elif kind < 0.47:  # zero row: constant neuron, dead (b ≤ 0) or always active (b > 0)
            row, b = [F(0)] * n_in, rng.choice(VALUES)
        elif not first and kind < 0.55:  # dead on every input: incoming weights ≤ 0, bias < 0
            row = [-abs(rng.choice(VALUES)) for _ in range(n_in)]
            b = -abs(rng.choice(VALUES[2:]))
        else:
            row, b = _row(rng, n_in), rng.choice(VALUES)
        rows.append(row)
        biases.append(b)
    return Layer(tuple(map(tuple, rows)), tuple(biases))


def random_network(rng: random.Random, input_dims: Sequence[int] = (1, 2, 3), depths: Sequence[int] = (1, 2, 3),
                   widths: Sequence[int] = (1, 2, 3, 4), outputs: Sequence[int] = (1, 2)) -> ReLUNetwork:
    """One network of the default space (``depths`` counts hidden layers)."""
    n_in = rng.choice(input_dims)
    hidden = [rng.choice(widths) for _ in range(rng.choice(depths))]
    layers, prev = [], n_in
    for l, width in enumerate(hidden):
        layers.append(_hidden_layer(rng, prev, width, first=l == 0))
        prev = width
    n_out = rng.choice(outputs)
    layers.append(Layer(tuple(tuple(_row(rng, prev)) for _ in range(n_out)), tuple(_row(rng, n_out))))
    return ReLUNetwork(tuple(layers))


def _free_point(net: ReLUNetwork, draw, tries: int = 8) -> tuple[Fraction, ...] | None:
    for _ in range(tries):
        x = draw()
        try:
            net.pattern_at(x)
        except BoundaryError:
            continue
        return x
    return None


def random_batch(rng: random.Random, net: ReLUNetwork, sizes: Sequence[int] = tuple(range(1, 9))) -> tuple:
    """1–8 samples with no boundary sample: spread out, crowded around a few centres, or with repeats."""
    d, n = net.n_inputs, rng.choice(sizes)
    mode = rng.random()
    spread = lambda: tuple(rng.choice(COORDINATES) for _ in range(d))  # noqa: E731
    if mode < 0.45:
        draws = [spread] * n
    else:
        centres = [spread() for _ in range(rng.choice((1, 1, 2)))]

        def near(c=None):
            c = c or rng.choice(centres)
            return tuple(x + F(rng.randint(-3, 3), rng.choice((7, 11, 13))) for x in c)
        draws = [near] * n
    batch = [x for x in (_free_point(net, draw) for draw in draws) if x is not None]
    if batch and mode > 0.8:  # repeated samples
        batch += [rng.choice(batch) for _ in range(rng.randint(1, 2))]
        rng.shuffle(batch)
    return as_batch(batch[:max(sizes)]) if batch else ()


def random_cases(seed: int = 0, **space: Sequence[int]) -> Iterator[Case]:
    """The endless seeded stream of random cases (network + batch); ``space`` narrows the network
    dimensions as in :func:`random_network`."""
    rng = random.Random(seed)
    while True:
        net = random_network(rng, **space)
        yield Case(net, random_batch(rng, net))


def claim_cases(claim: Claim, seed: int = 0) -> Iterator[Case]:
    """:func:`random_cases` with the claim's ``extend`` applied (its own seeded stream)."""
    extra = random.Random(seed + 1)
    for case in random_cases(seed):
        yield claim.extend(case, extra) if claim.extend else case


def until(cases: Iterable[Case], deadline: float) -> Iterator[Case]:
    """The cases while ``time.perf_counter()`` is before ``deadline``."""
    for case in cases:
        if time.perf_counter() >= deadline:
            return
        yield case
