"""Benchmark: the certified exact rank at the authors' MNIST architecture (784-30-30-30-10), float32 weights.

The network is torch-default-init (:func:`float_lp.torch_like_network`); the inputs are float32 uniform
in [0, 1) (a stand-in for MNIST pixels), converted exactly. The script times the exact Jacobian, the
certified rank and the re-check of its certificate. It compares them with numpy's ``matrix_rank`` (SVD,
one BLAS thread) on a float64 matrix of the same shape, which costs what the float rank of the
Jacobian would. It also reports the peak resident memory.

    OPENBLAS_NUM_THREADS=1 python benchmarks/rank_scale.py --samples 100     # about 20 s
    OPENBLAS_NUM_THREADS=1 python benchmarks/rank_scale.py --samples 600     # about 12 min, 9.4 GiB
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from fractions import Fraction

import numpy as np

from float_lp import torch_like_network
from relugeom.exact.linalg import check_certificate, rank
from relugeom.jacobian import jacobian

ARCH = (784, 30, 30, 30, 10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    net = torch_like_network(ARCH, args.seed)
    pixels = np.random.default_rng(args.seed + 1).random((args.samples, ARCH[0])).astype(np.float32)
    batch = [[Fraction(float(v)) for v in row] for row in pixels]
    start = time.perf_counter()
    jac = jacobian(net, batch)
    t_jac = time.perf_counter() - start
    start = time.perf_counter()
    result = rank(jac.scaled)
    t_rank = time.perf_counter() - start
    start = time.perf_counter()
    ok = check_certificate(jac.scaled, result)
    t_check = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    shape = jac.shape
    del jac
    floats = np.random.default_rng(args.seed).standard_normal(shape)
    start = time.perf_counter()
    float_rank = int(np.linalg.matrix_rank(floats))
    t_numpy = time.perf_counter() - start
    report = {"samples": args.samples, "shape": list(shape), "jacobian_s": round(t_jac, 2), "rank": result.rank,
              "rank_s": round(t_rank, 2), "certificate_ok": ok, "check_s": round(t_check, 2),
              "peak_rss_gib": round(peak, 2), "numpy_s": round(t_numpy, 2), "numpy_rank": float_rank,
              "ratio_rank_vs_numpy": round(t_rank / t_numpy, 2)}
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{ARCH} x {args.samples}: Jacobian {shape[0]}x{shape[1]} in {t_jac:.1f} s; exact rank {result.rank} "
              f"in {t_rank:.1f} s (certificate re-checked: {ok}, {t_check:.1f} s); peak RSS {peak:.1f} GiB; "
              f"numpy matrix_rank on the same shape {t_numpy:.1f} s; ratio {t_rank / t_numpy:.2f}")
    return 0 if ok and result.rank == float_rank else 2


if __name__ == "__main__":
    sys.exit(main())
