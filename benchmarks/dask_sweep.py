"""Speed-up of distributed sweeps: ``relugeom check --thorough --claims dim.symmetry-bound,dim.per-region-bound`` serially, on a local
Dask cluster with 1 worker process and with 2 (``threads_per_worker=1``); checks the reports agree.

    python benchmarks/dask_sweep.py [--claims dim.symmetry-bound,dim.per-region-bound] [--default-range]
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))


def main() -> None:
    from _common import git_commit
    from relugeom.claims import check_claim, get_claim
    from relugeom.claims.dask import DaskExecutor

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", default="dim.symmetry-bound,dim.per-region-bound")
    ap.add_argument("--default-range", action="store_true", help="default instead of thorough ranges (quick)")
    args = ap.parse_args()
    claims = [get_claim(n) for n in args.claims.split(",")]
    thorough = not args.default_range

    def key(r):
        return (r.claim, r.cases, r.skipped, r.failures, r.counterexample)

    started = time.perf_counter()
    serial = [check_claim(c, thorough=thorough) for c in claims]
    times = {"serial": time.perf_counter() - started}
    for n in (1, 2):
        with DaskExecutor(n_workers=n) as ex:
            ex.workers()  # the cluster starts before the clock
            started = time.perf_counter()
            reports = [check_claim(c, thorough=thorough, executor=ex) for c in claims]
            times[f"dask {n} worker{'s' if n > 1 else ''}"] = time.perf_counter() - started
        assert [key(r) for r in reports] == [key(r) for r in serial], "distributed report differs from serial"
    print(f"relugeom check {'--thorough ' if thorough else ''}--claims {args.claims}  "
          f"(commit {git_commit() or '?'}, {os.cpu_count()} CPUs, {sum(r.cases for r in serial)} cases)")
    for label, t in times.items():
        print(f"  {label:15s} {t:7.1f} s   speed-up vs serial {times['serial'] / t:4.2f}")
    print(f"  2 workers vs 1 worker: {times['dask 1 worker'] / times['dask 2 workers']:.2f}x  (reports identical)")


if __name__ == "__main__":
    main()
