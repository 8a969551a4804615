"""Float-LP baseline region enumerator: a float baseline, never used for results.

It enumerates activation regions the way float reachability tools do: layer by layer, neuron by
neuron, each cell is a float64 system ``A x ≤ b`` and each split is decided by one Chebyshev-style
LP per side (``scipy.optimize.linprog``, HiGHS). It exists only as a timing reference for
``relugeom.regions.enumerate_regions``; its answers may be wrong near degenerate splits.

    python benchmarks/float_lp.py                               # 2-8-8-1, 2-32-32-1, 6-8-8-1
    python benchmarks/float_lp.py --arch 2-32-32-1 --box 10 --seed 0 --json

Exit status 0; disagreements with the exact enumeration are printed, not errors.
"""

from __future__ import annotations

import argparse
import json
import time
from fractions import Fraction

import numpy as np
from scipy.optimize import linprog

from relugeom import ReLUNetwork

S_MIN = 1e-9      # a side is kept when the optimal slack s exceeds this
SCREEN = 1e-7     # the stored interior point decides a side without an LP when |z| exceeds this
DEFAULT_ARCHS = ("2-8-8-1", "2-32-32-1", "6-8-8-1")

Pattern = tuple[tuple[int, ...], ...]


class _Cell:
    """A polyhedral cell: float inequalities ``a x ≤ b``, bits so far, an interior point."""

    __slots__ = ("a", "b", "bits", "point")

    def __init__(self, a: np.ndarray, b: np.ndarray, bits: tuple[tuple[int, ...], ...], point: np.ndarray):
        self.a, self.b, self.bits, self.point = a, b, bits, point


def _side_lp(a: np.ndarray, b: np.ndarray, w: np.ndarray, c: float, sign: float) -> tuple[float, np.ndarray]:
    """Max s with ``a x + s·||a_i|| ≤ b`` and ``sign·(w x + c) ≥ s``; returns (s, x)."""
    norms = np.linalg.norm(a, axis=1)
    a_ub = np.vstack([np.hstack([a, norms[:, None]]), np.hstack([-sign * w, [1.0]])[None, :]])
    b_ub = np.append(b, sign * c)
    d = a.shape[1]
    cost = np.zeros(d + 1)
    cost[-1] = -1.0
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=[(None, None)] * (d + 1), method="highs")
    if res.status != 0:
        return -np.inf, np.zeros(d)
    return float(res.x[-1]), res.x[:d]


def _affine_map(weights: list[np.ndarray], biases: list[np.ndarray],
                bits: tuple[tuple[int, ...], ...]) -> tuple[np.ndarray, np.ndarray]:
    """Pre-activations of layer ``len(bits)`` (0-based) as ``M x + c`` under the frozen ``bits``."""
    m, c = weights[0], biases[0]
    for k, layer_bits in enumerate(bits):
        mask = np.asarray(layer_bits, dtype=float)[:, None]
        m, c = weights[k + 1] @ (mask * m), weights[k + 1] @ (mask[:, 0] * c) + biases[k + 1]
    return m, c


def float_lp_regions(net: ReLUNetwork, box: float) -> list[Pattern]:
    """The sorted activation patterns of ``net`` in ``[-box, box]^d``, found with float LPs."""
    weights = [np.array([[float(v) for v in row] for row in lay.weight]) for lay in net.layers]
    biases = [np.array([float(v) for v in lay.bias]) for lay in net.layers]
    d = weights[0].shape[1]
    cells = [_Cell(np.vstack([np.eye(d), -np.eye(d)]), np.full(2 * d, float(box)), (), np.zeros(d))]
    for layer in range(len(net.layers) - 1):
        for cell in cells:  # start the new layer's bit tuple
            cell.bits = cell.bits + ((),)
        maps: dict = {}
        for j in range(weights[layer].shape[0]):
            nxt = []
            for cell in cells:
                key = cell.bits[:-1]
                if key not in maps:
                    maps[key] = _affine_map(weights, biases, key)
                w, c = maps[key][0][j], float(maps[key][1][j])
                z_point = float(w @ cell.point) + c
                for sign, bit in ((1.0, 1), (-1.0, 0)):
                    if sign * z_point > SCREEN:     # the stored interior point is on this side
                        s, x = S_MIN * 2, cell.point
                    else:
                        s, x = _side_lp(cell.a, cell.b, w, c, sign)
                    if s > S_MIN:
                        nxt.append(_Cell(np.vstack([cell.a, -sign * w[None, :]]), np.append(cell.b, sign * c),
                                         cell.bits[:-1] + (cell.bits[-1] + (bit,),), x))
            cells = nxt
    return sorted(cell.bits for cell in cells)


def torch_like_network(arch: tuple[int, ...], seed: int) -> ReLUNetwork:
    """Weights and biases uniform in ±1/sqrt(fan_in) (float32, as torch's default init), converted exactly."""
    rng = np.random.default_rng(seed)
    layers = []
    for n_in, n_out in zip(arch[:-1], arch[1:]):
        bound = 1.0 / np.sqrt(n_in)
        w = rng.uniform(-bound, bound, size=(n_out, n_in)).astype(np.float32)
        b = rng.uniform(-bound, bound, size=n_out).astype(np.float32)
        layers.append(([[Fraction(float(v)) for v in row] for row in w], [Fraction(float(v)) for v in b]))
    return ReLUNetwork.from_arrays(layers)


def _run(arch_text: str, box: float, seed: int) -> dict:
    """Time the float baseline on one architecture and compare with the exact enumeration."""
    from relugeom.domain import Domain
    from relugeom.regions import enumerate_regions

    arch = tuple(int(n) for n in arch_text.split("-"))
    net = torch_like_network(arch, seed)
    t0 = time.perf_counter()
    patterns = float_lp_regions(net, box)
    t_float = time.perf_counter() - t0
    t0 = time.perf_counter()
    exact = enumerate_regions(net, Domain.box(Fraction(-box), Fraction(box), dim=arch[0]))
    t_exact = time.perf_counter() - t0
    exact_set = {tuple(map(tuple, r.pattern)) for r in exact.regions}
    float_set = set(patterns)
    return {"arch": arch_text, "box": box, "seed": seed,
            "float_regions": len(patterns), "float_seconds": t_float,
            "float_ms_per_region": 1e3 * t_float / max(len(patterns), 1),
            "float_duplicates": len(patterns) - len(float_set),
            "exact_regions": len(exact_set), "exact_seconds": t_exact,
            "exact_ms_per_region": 1e3 * t_exact / max(len(exact_set), 1),
            "missed": len(exact_set - float_set), "added": len(float_set - exact_set)}


def main() -> None:
    """Command line: time the float baseline and compare it with relugeom's exact regions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", action="append", help="architecture like 2-32-32-1 (repeatable)")
    parser.add_argument("--box", type=float, default=10.0, help="half-width B of the box [-B, B]^d")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args()
    results = [_run(a, args.box, args.seed) for a in (args.arch or DEFAULT_ARCHS)]
    if args.json:
        print(json.dumps({"benchmark": "float_lp", "results": results}))
        return
    print(f"float-LP baseline vs exact enumerate_regions, box [-{args.box:g}, {args.box:g}]^d, seed {args.seed}")
    for r in results:
        print(f"{r['arch']:>12}: float {r['float_regions']} regions in {r['float_seconds']:.3f} s "
              f"({r['float_ms_per_region']:.3f} ms/region); exact {r['exact_regions']} in "
              f"{r['exact_seconds']:.3f} s ({r['exact_ms_per_region']:.3f} ms/region); "
              f"missed {r['missed']}, added {r['added']}, duplicates {r['float_duplicates']}")


if __name__ == "__main__":
    main()
