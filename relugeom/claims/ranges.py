"""Ranges of cases: every small integer network of some architectures (one per neuron-permutation
class) crossed with fixed batches, plus fixed networks (docs/theory.md §3 gives each claim's range).

>>> len(list(networks_in_range((1, 1, 1), (-1, 1))))    # 3^4 parameter vectors, no symmetry to reduce
81
>>> len(list(networks_in_range((1, 2, 1), (-1, 1)))) < 3 ** 7
True
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..inputs import as_batch
from ..network import ReLUNetwork

__all__ = ["Range", "networks_in_range", "is_canonical", "count_networks", "fraction_batch", "LazyNetworks"]


@dataclass(frozen=True)
class Range:
    """A family of cases: every integer network of each architecture with weights and biases in
    ``weights`` (inclusive), one representative per neuron-permutation class, crossed with ``batches``
    (batches whose dimension differs from the network's input dimension are ignored).
    ``networks`` adds fixed networks (e.g. hand-made examples); ``wider`` gives some architectures their
    own (usually wider) weight interval, e.g. ``wider=(((1, 2, 1), (-2, 2)),)``.

    >>> Range(((1, 2, 1), (1, 3, 1)), (-1, 1), wider=(((1, 2, 1), (-2, 2)),)).describe()
    '1-2-1 weights -2..2, 1-3-1 weights -1..1'
    """

    architectures: tuple[tuple[int, ...], ...]
    weights: tuple[int, int] = (-1, 1)
    batches: tuple[tuple[tuple[object, ...], ...], ...] = ((),)
    networks: tuple[ReLUNetwork, ...] = ()
    wider: tuple[tuple[tuple[int, ...], tuple[int, int]], ...] = ()

    def weights_of(self, architecture: Sequence[int]) -> tuple[int, int]:
        """The weight interval of one architecture."""
        return dict(self.wider).get(tuple(architecture), self.weights)

    def describe(self) -> str:
        lo, hi = self.weights
        if self.wider:
            groups: dict[tuple[int, int], list[str]] = {}
            for a in self.architectures:
                groups.setdefault(self.weights_of(a), []).append("-".join(map(str, a)))
            parts = [", ".join(f"{', '.join(names)} weights {w[0]}..{w[1]}" for w, names in groups.items())]
        else:
            archs = ", ".join("-".join(map(str, a)) for a in self.architectures)
            parts = [f"{archs}, weights {lo}..{hi}"] if self.architectures else []
        if self.networks:
            parts.append(f"{len(self.networks)} fixed networks")
        n_batches = len([b for b in self.batches if b])
        if n_batches:
            parts.append(f"{n_batches} batches")
        return "; ".join(parts)



def is_canonical(net: ReLUNetwork) -> bool:
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
        if not canonical or is_canonical(net):
            yield net



def count_networks(rng: Range) -> int:
    """How many networks (before symmetry reduction) a range enumerates."""
    def size(a):
        lo, hi = rng.weights_of(a)
        return (hi - lo + 1) ** sum(o * (i + 1) for i, o in zip(a, a[1:]))
    return len(rng.networks) + sum(size(a) for a in rng.architectures)


def fraction_batch(*points: Sequence[object]) -> tuple[tuple[Fraction, ...], ...]:
    """Convenience: a batch from numbers or strings, e.g. ``fraction_batch(["1/3"], [2])``."""
    return as_batch(list(points))


class LazyNetworks(Sequence):
    """A tuple-like sequence of networks built on first use, so that importing the claims stays fast.

    >>> nets = LazyNetworks(lambda: [ReLUNetwork.from_arrays([([[1]], [0])])])
    >>> len(nets), len(nets + ())
    (1, 1)
    """

    def __init__(self, build: Callable[[], Iterable[ReLUNetwork]]):
        self._build, self._items = build, None

    def _get(self) -> tuple[ReLUNetwork, ...]:
        if self._items is None:
            self._items = tuple(self._build())
        return self._items

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i):
        return self._get()[i]

    def __iter__(self) -> Iterator[ReLUNetwork]:
        return iter(self._get())

    def __add__(self, other: Iterable[ReLUNetwork]) -> tuple[ReLUNetwork, ...]:
        return self._get() + tuple(other)

    def __radd__(self, other: Iterable[ReLUNetwork]) -> tuple[ReLUNetwork, ...]:
        return tuple(other) + self._get()

    def __repr__(self) -> str:
        return f"<{len(self)} networks>" if self._items is not None else "<networks, built on first use>"
