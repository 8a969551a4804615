"""Benchmark: the parameter-space partition (``parameter_partition``) and its cost per cell.

Measures, in one run, for random integer networks 1-4-1 and 2-3-1 with every first-layer parameter free
(8 and 9 free parameters) on ``--samples`` integer samples (default 6), in all of parameter space:

* ``parameter_partition(..., method="product")`` (the default path here: one small arrangement per
  neuron, multiplied): cells, seconds, ms per cell. Every cell includes its exact rank at the cell's point
  and its local dimension r(Δ) (bounds, and random θ' where the bounds are not met);
* the same partition by ``method="lifted"``, the lifted network's regions in R^8 / R^9 (the oracle): its
  seconds and the speed-up product ÷ lifted. On the full sample count it is slow (minutes), so it runs on
  ``--lifted-samples`` samples (default 4) for both methods, and the cell sets must agree;
* the reference the issue asks for, **input-space enumeration of similar size**: ``enumerate_regions`` of a
  random 2-H-1 network in [-10, 10]^2 whose region count is close to the partition's cell count, and
  the ratio (ms per cell) ÷ (ms per region). The target is ≤ 3.

    python benchmarks/params.py            # about a minute and a half here
    python benchmarks/params.py --quick    # 1-4-1 only, 5 samples
    python benchmarks/params.py --json

Exit status 0, or 2 when relugeom contradicts itself (the two methods find different cells, or a cell's
local dimension is below its rank at the cell's point). Missed time targets are reported, not errors.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time

from _common import git_commit, print_report
from relugeom import ReLUNetwork
from relugeom.domain import Domain
from relugeom.parameter_space import parameter_partition
from relugeom.regions import enumerate_regions

ARCHS = ((1, 4, 1), (2, 3, 1))
TARGET_RATIO = 3.0


def make_network(arch: tuple[int, ...], rng: random.Random) -> ReLUNetwork:
    """Nonzero integer weights and biases in -9..9."""
    def value() -> int:
        return rng.choice((-1, 1)) * rng.randint(1, 9)
    return ReLUNetwork.from_arrays([([[value() for _ in range(a)] for _ in range(b)], [value() for _ in range(b)])
                                    for a, b in zip(arch, arch[1:])])


def make_batch(d: int, n: int, rng: random.Random) -> list[list[int]]:
    """n distinct nonzero integer samples (distinct, so that no two walls coincide)."""
    out: list[list[int]] = []
    while len(out) < n:
        x = [rng.choice((-1, 1)) * rng.randint(1, 9) for _ in range(d)]
        if x not in out:
            out.append(x)
    return out


def key(cell) -> tuple:
    return cell.patterns, cell.local_dimension, frozenset((q.normal, q.offset) for q in cell.inequalities)


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def reference_network(target: int, rng: random.Random) -> tuple[int, float, int]:
    """A 2-H-1 network in [-10, 10]^2 with about ``target`` regions: (H, seconds, regions)."""
    h = max(2, int((2 * target) ** 0.5))  # about 1 + H + H(H−1)/2 regions in general position
    net = make_network((2, h, 1), rng)
    seconds, regions = timed(lambda: enumerate_regions(net, Domain.box(-10, 10, dim=2)))
    return h, seconds, len(regions.regions)


def measure(arch: tuple[int, ...], samples: int, lifted_samples: int, seed: int) -> tuple[dict, list[str]]:
    rng = random.Random(f"{seed}-{arch}")
    net = make_network(arch, rng)
    batch = make_batch(arch[0], samples, rng)
    problems = []
    seconds, part = timed(lambda: parameter_partition(net, batch, 1, method="product"))
    certified = sum(c.certified for c in part.cells)
    if any(c.rank > c.local_dimension for c in part.cells):
        problems.append(f"{arch}: a cell's rank exceeds its local dimension")
    small = batch[:lifted_samples]
    fast_s, fast = timed(lambda: parameter_partition(net, small, 1, method="product"))
    slow_s, slow = timed(lambda: parameter_partition(net, small, 1, method="lifted"))
    if sorted(map(key, fast.cells), key=repr) != sorted(map(key, slow.cells), key=repr):
        problems.append(f"{arch}: the product and lifted methods find different cells on {lifted_samples} samples")
    h, ref_s, ref_regions = reference_network(part.count, rng)
    per_cell = 1e3 * seconds / part.count
    per_region = 1e3 * ref_s / ref_regions
    return {"arch": "-".join(map(str, arch)), "free": len(part.free), "samples": samples, "cells": part.count,
            "certified": certified, "exceptional": sum(c.exceptional for c in part.cells),
            "seconds": round(seconds, 3), "ms_per_cell": round(per_cell, 3),
            "lifted_samples": lifted_samples, "lifted_cells": slow.count, "product_seconds": round(fast_s, 3),
            "lifted_seconds": round(slow_s, 3), "speedup_vs_lifted": round(slow_s / fast_s, 2),
            "reference": f"2-{h}-1 in [-10,10]^2", "reference_regions": ref_regions,
            "reference_ms_per_region": round(per_region, 3), "ratio": round(per_cell / per_region, 2),
            "target_met": per_cell / per_region <= TARGET_RATIO}, problems


def table(report: dict) -> str:
    lines = [f"relugeom {report['commit']} · Python {report['python']} · seed {report['seed']}", "",
             "| network | free | samples | cells | certified | s | ms/cell | 2-D reference | regions | ms/region "
             "| ratio (target ≤ 3) |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in report["rows"]:
        lines.append(f"| {r['arch']} | {r['free']} | {r['samples']} | {r['cells']} | {r['certified']} | "
                     f"{r['seconds']:.2f} | {r['ms_per_cell']:.2f} | {r['reference']} | {r['reference_regions']} | "
                     f"{r['reference_ms_per_region']:.2f} | {r['ratio']:.2f}{'' if r['target_met'] else ' (missed)'} |")
    lines += ["", "| network | samples | cells | product s | lifted s | lifted ÷ product |", "|---|---|---|---|---|---|"]
    for r in report["rows"]:
        lines.append(f"| {r['arch']} | {r['lifted_samples']} | {r['lifted_cells']} | {r['product_seconds']:.2f} | "
                     f"{r['lifted_seconds']:.2f} | {r['speedup_vs_lifted']:.2f} |")
    lines += [f"problem: {p}" for p in report["problems"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samples", type=int, default=6)
    parser.add_argument("--lifted-samples", type=int, default=4)
    parser.add_argument("--quick", action="store_true", help="1-4-1 only, 5 samples")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    archs, samples = (ARCHS[:1], min(args.samples, 5)) if args.quick else (ARCHS, args.samples)
    rows, problems = [], []
    for arch in archs:
        row, found = measure(arch, samples, min(args.lifted_samples, samples), args.seed)
        rows.append(row)
        problems += found
    report = {"commit": git_commit(), "python": platform.python_version(), "seed": args.seed, "rows": rows,
              "problems": problems, "total_seconds": round(time.perf_counter() - start, 1)}
    print_report(report, args.json, table)
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
