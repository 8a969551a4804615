"""Throughput of ``relugeom check``: cases per second per claim, the per-case path (the oracle) against
the vectorized sweep (relugeom.claims.sweep), in one run, on the same ranges; checks the reports agree.

    python benchmarks/check.py [--claims dim.symmetry-bound,dim.per-region-bound] [--range old|default|thorough] [--json]

``--range old`` (the default) uses the ranges the claims had before the sweep (1-1-1, 1-2-1, 2-1-1 with
weights −1..1), small enough for the per-case path; ``default`` and ``thorough`` use the claims' ranges.
"""

import argparse
import os
import platform
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))


def main() -> None:
    from _common import git_commit, print_report

    import proofs_checks  # noqa: F401  (registers the claims)
    from proofs_checks.common import BATCHES_1D, BATCHES_2D
    from relugeom.claims import Range, get_claim
    from relugeom.claims.check import check_claim

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", default="dim.symmetry-bound,dim.per-region-bound")
    ap.add_argument("--range", choices=("old", "default", "thorough"), default="old")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    old = Range(((1, 1, 1), (1, 2, 1), (2, 1, 1)), (-1, 1), BATCHES_1D + BATCHES_2D)
    rows = []
    for name in args.claims.split(","):
        claim = get_claim(name)
        if args.range == "old":
            from dataclasses import replace

            claim = replace(claim, default=old)
        thorough = args.range == "thorough"
        check_claim(claim, thorough=thorough)  # warm-up (imports, caches of the first call)
        t0 = time.perf_counter()
        fast = check_claim(claim, thorough=thorough)
        t1 = time.perf_counter()
        slow = check_claim(claim, thorough=thorough, vectorized=False)
        t2 = time.perf_counter()
        same = (fast.cases, fast.skipped, fast.failures, fast.counterexample) == \
               (slow.cases, slow.skipped, slow.failures, slow.counterexample)
        rows.append({"claim": name, "cases": fast.cases + fast.skipped, "per_case_s": round(t2 - t1, 3),
                     "sweep_s": round(t1 - t0, 3), "per_case_cases_per_s": round((slow.cases + slow.skipped) / (t2 - t1)),
                     "sweep_cases_per_s": round((fast.cases + fast.skipped) / (t1 - t0)),
                     "speed_up": round((t2 - t1) / (t1 - t0), 1), "reports_identical": same})
    report = {"commit": git_commit(), "python": platform.python_version(), "range": args.range, "rows": rows,
              "total_seconds": sum(r["per_case_s"] + r["sweep_s"] for r in rows)}

    def table(rep):
        lines = [f"relugeom check throughput, {rep['range']} ranges (commit {rep['commit']})",
                 f"{'claim':24s} {'cases':>8s} {'per-case c/s':>13s} {'sweep c/s':>11s} {'speed-up':>9s}  same"]
        for r in rep["rows"]:
            lines.append(f"{r['claim']:24s} {r['cases']:8d} {r['per_case_cases_per_s']:13d} {r['sweep_cases_per_s']:11d} "
                         f"{r['speed_up']:8.1f}x  {'yes' if r['reports_identical'] else 'NO'}")
        return "\n".join(lines)

    print_report(report, args.json, table)
    if not all(r["reports_identical"] for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
