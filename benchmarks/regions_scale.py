"""Benchmark: exact region enumeration at scale (issue 12's table), against a float-LP baseline and,
optionally, against another relugeom checkout — all in one run.

Networks are torch-default-init (uniform ±1/sqrt(fan_in), float32, converted exactly:
:func:`float_lp.torch_like_network`), in the box [-10, 10]^d. Each (method, network) runs in its own
subprocess with a time limit, so a slow baseline cannot stall the run:

* ``relugeom`` — ``enumerate_regions`` of this checkout;
* ``baseline`` — ``enumerate_regions`` of the checkout given by ``--baseline PATH`` (e.g. a ``git worktree``
  of an older commit), for before/after ratios measured in the same run;
* ``float-lp`` — :mod:`float_lp`, one scipy HiGHS LP per candidate side (a float tool: timing only).

    python benchmarks/regions_scale.py                                   # this checkout and float-LP
    python benchmarks/regions_scale.py --baseline /tmp/old --limit 300 --json
    python benchmarks/regions_scale.py --arch 2-32-32-1 --arch 2-128-128-1 --no-float-lp --repeats 3   # width

Reports regions, seconds (best of ``--repeats``) and µs per region, and the per-region ratio
2-128-128-1 ÷ 2-32-32-1 when both ran; region counts that disagree between methods are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARCHS = ("2-32-32-1", "2-128-128-1", "6-8-8-1", "8-8-8-1")

CHILD = r"""
import json, sys, time
sys.path.insert(0, {here!r})
from float_lp import torch_like_network, float_lp_regions
arch = tuple(int(a) for a in {arch!r}.split("-"))
net = torch_like_network(arch, {seed})
best = None
for _ in range(1 if {method!r} == "float-lp" else {repeats}):
    start = time.perf_counter()
    if {method!r} == "float-lp":
        count = len(float_lp_regions(net, {box}))
    else:
        from relugeom.domain import Domain
        from relugeom.regions import enumerate_regions
        count = len(enumerate_regions(net, Domain.box(-{box}, {box}, dim=arch[0])).regions)
    took = time.perf_counter() - start
    best = took if best is None else min(best, took)
print(json.dumps({{"regions": count, "seconds": best}}))
"""


def run(method: str, arch: str, seed: int, box: int, limit: float, root: Path | None, repeats: int = 1) -> dict:
    env = dict(os.environ)
    if root is not None:  # the other checkout's package first on the path
        env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
    code = CHILD.format(here=str(HERE), arch=arch, seed=seed, method=method, box=box, repeats=repeats)
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=limit, env=env,
                             cwd=str(root) if root is not None else None)
    except subprocess.TimeoutExpired:
        return {"method": method, "arch": arch, "regions": None, "seconds": None, "note": f"> {limit:g} s"}
    if out.returncode != 0:
        return {"method": method, "arch": arch, "regions": None, "seconds": None,
                "note": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    doc = json.loads(out.stdout.strip().splitlines()[-1])
    return {"method": method, "arch": arch, **doc, "note": ""}


def table(rows: list[dict], methods: list[str]) -> str:
    lines = ["| network | " + " | ".join(f"{m} s (µs/region)" for m in methods) + " | regions |",
             "|---|" + "---|" * (len(methods) + 1)]
    for arch in dict.fromkeys(r["arch"] for r in rows):
        cells, counts = [], set()
        for m in methods:
            r = next(x for x in rows if x["arch"] == arch and x["method"] == m)
            if r["seconds"] is None:
                cells.append(r["note"])
            else:
                cells.append(f"{r['seconds']:.2f} ({1e6 * r['seconds'] / max(1, r['regions']):.0f})")
                counts.add(r["regions"])
        lines.append(f"| {arch} | " + " | ".join(cells) + f" | {', '.join(map(str, sorted(counts)))}"
                     + (" (disagree)" if len(counts) > 1 else "") + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arch", action="append", help="e.g. 2-32-32-1 (repeatable)")
    parser.add_argument("--baseline", type=Path, help="another relugeom checkout to time in the same run")
    parser.add_argument("--no-float-lp", action="store_true")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds per (method, network)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--box", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=1, help="best of N runs for relugeom and the baseline "
                        "(float-LP runs once)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    methods = ["relugeom"] + (["baseline"] if args.baseline else []) + ([] if args.no_float_lp else ["float-lp"])
    roots = {"relugeom": HERE.parent, "baseline": args.baseline, "float-lp": HERE.parent}
    start, rows = time.perf_counter(), []
    for arch in args.arch or ARCHS:
        for m in methods:
            rows.append(run(m, arch, args.seed, args.box, args.limit, roots[m], args.repeats))
            print(json.dumps(rows[-1]), file=sys.stderr)
    if args.json:
        print(json.dumps({"rows": rows, "total_seconds": round(time.perf_counter() - start, 1)}))
    else:
        print(table(rows, methods))
        for m in methods:
            per = {r["arch"]: r["seconds"] / r["regions"] for r in rows if r["method"] == m and r["seconds"]}
            if "2-32-32-1" in per and "2-128-128-1" in per:
                print(f"{m}: per-region time 2-128-128-1 / 2-32-32-1 = {per['2-128-128-1'] / per['2-32-32-1']:.2f}"
                      " (target <= 1.5)")
        print(f"\n(total {time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
