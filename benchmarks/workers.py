"""Benchmark: ``enumerate_regions(..., workers=2)`` against one process (issue 12, "both cores").

For torch-default-init networks (:func:`float_lp.torch_like_network`, seed 0) in the box [-10, 10]^d,
the script times the enumeration with ``workers=1`` and ``workers=2``, alternating the two, ``--repeats``
times each, keeps the best time of each, and checks that both give the same regions (exit 2 if not).
Target: at least 1.7x on 2-64-64-1.

    python benchmarks/workers.py                 # about 30 s here
    python benchmarks/workers.py --repeats 5 --json
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from _common import git_commit
from float_lp import torch_like_network
from relugeom.domain import Domain
from relugeom.regions import enumerate_regions

CASES = ("2-32-32-1", "2-64-64-1", "2-128-128-1", "6-8-8-1")
TARGET = 1.7


def measure(arch: str, repeats: int) -> dict:
    shape = tuple(int(a) for a in arch.split("-"))
    net = torch_like_network(shape, 0)
    domain = Domain.box(-10, 10, dim=shape[0])
    best = {1: float("inf"), 2: float("inf")}  # float-ok: timings
    results = {}
    for _ in range(repeats):
        for workers in (1, 2):
            start = time.perf_counter()
            results[workers] = enumerate_regions(net, domain, workers=workers).regions
            best[workers] = min(best[workers], time.perf_counter() - start)
    if results[1] != results[2]:
        print(f"{arch}: workers=2 gave different regions", file=sys.stderr)
        sys.exit(2)
    return {"arch": arch, "regions": len(results[1]), "serial_s": round(best[1], 3), "workers2_s": round(best[2], 3),
            "speedup": round(best[1] / best[2], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = [measure(arch, args.repeats) for arch in args.cases.split(",")]
    if args.json:
        print(json.dumps({"commit": git_commit(), "rows": rows, "target": TARGET}))
        return
    print(f"relugeom {git_commit()}, best of {args.repeats}, box [-10, 10]^d")
    print("| network | regions | 1 process s | workers=2 s | speedup |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['arch']} | {r['regions']} | {r['serial_s']:.2f} | {r['workers2_s']:.2f} | {r['speedup']:.2f}x |")
    hit = next((r for r in rows if r["arch"] == "2-64-64-1"), None)
    if hit:
        print(f"target >= {TARGET}x on 2-64-64-1: {'met' if hit['speedup'] >= TARGET else 'not met'} ({hit['speedup']}x)")


if __name__ == "__main__":
    main()
