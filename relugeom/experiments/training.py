"""Deterministic training of small MLPs in numpy (float32), for the experiments: plain SGD on the squared
loss, with checkpoints whose weights are read exactly (float32 → rationals). The same seed gives the same
numbers on the same numpy.

>>> import numpy as np
>>> X = np.linspace(-1, 1, 8, dtype=np.float32)[:, None]
>>> run = train((1, 4, 1), X, X ** 2, steps=20, checkpoints=(0, 20), seed=0)
>>> [c.step for c in run], run[0].network.architecture
([0, 20], (1, 4, 1))
>>> run[1].loss < run[0].loss
True
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..exact.rational import InexactFloatWarning
from ..network import ReLUNetwork

__all__ = ["Checkpoint", "init_layers", "train", "exact_network", "save_networks"]


@dataclass(frozen=True)
class Checkpoint:
    """The network after ``step`` SGD steps (exact rationals of its float32 weights) and its float loss."""

    step: int
    network: ReLUNetwork
    loss: float  # float-ok: a training statistic, reported beside the exact results


def init_layers(arch: Sequence[int], rng: np.random.Generator) -> list[tuple[np.ndarray, np.ndarray]]:
    """Uniform ±1/sqrt(fan_in) weights and biases, float32 (torch's default for Linear)."""
    layers = []
    for n_in, n_out in zip(arch, arch[1:]):
        bound = 1 / np.sqrt(n_in)  # float-ok: initialisation
        layers.append((rng.uniform(-bound, bound, (n_out, n_in)).astype(np.float32),
                       rng.uniform(-bound, bound, n_out).astype(np.float32)))
    return layers


def exact_network(layers: Sequence[tuple[np.ndarray, np.ndarray]]) -> ReLUNetwork:
    """The ReLU network of float32 layers, each weight read as the rational it is."""
    with warnings.catch_warnings():  # float32 weights are binary numbers by nature: no decimal warning
        warnings.simplefilter("ignore", InexactFloatWarning)
        return ReLUNetwork.from_arrays([(w.tolist(), b.tolist()) for w, b in layers])


def _forward(layers, x: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    hs, zs = [x], []
    for k, (w, b) in enumerate(layers):
        z = hs[-1] @ w.T + b
        zs.append(z)
        hs.append(np.maximum(z, 0) if k < len(layers) - 1 else z)
    return hs, zs


def train(arch: Sequence[int], x: np.ndarray, y: np.ndarray, steps: int, checkpoints: Sequence[int],
          seed: int = 0, lr: float = 0.05, batch: int = 32) -> list[Checkpoint]:
    """SGD on ``½ mean ‖f(x) − y‖²`` with mini-batches drawn from ``seed``; a checkpoint at each listed step."""
    rng = np.random.default_rng(seed)
    layers = init_layers(arch, rng)
    x, y = x.astype(np.float32), y.astype(np.float32)
    out = []
    for step in range(steps + 1):
        if step in checkpoints:
            loss = float(0.5 * np.mean(np.sum((_forward(layers, x)[0][-1] - y) ** 2, axis=1)))  # float-ok
            out.append(Checkpoint(step, exact_network(layers), loss))
        if step == steps:
            break
        idx = rng.choice(len(x), size=min(batch, len(x)), replace=False)
        hs, zs = _forward(layers, x[idx])
        g = (hs[-1] - y[idx]) / len(idx)  # d loss / d output
        grads = []
        for k in range(len(layers) - 1, -1, -1):
            w, _ = layers[k]
            grads.append((g.T @ hs[k], g.sum(axis=0)))
            if k:
                g = (g @ w) * (zs[k - 1] > 0)
        grads.reverse()
        layers = [((w - lr * gw).astype(np.float32), (b - lr * gb).astype(np.float32))
                  for (w, b), (gw, gb) in zip(layers, grads)]
    return out


def save_networks(save: str | Path | None, networks: Mapping[str, ReLUNetwork]) -> None:
    """Write each network as ``save/<name>.json`` (exact, as ``relugeom dim`` reads it); nothing if no ``save``."""
    if save is None:
        return
    where = Path(save)
    where.mkdir(parents=True, exist_ok=True)
    for name, net in networks.items():
        net.save(where / f"{name}.json")
