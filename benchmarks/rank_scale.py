"""Benchmark: the certified exact rank on float32 weights, at the authors' MNIST architecture (784-30-30-30-10).

The network is torch-default-init (:func:`float_lp.torch_like_network`); the inputs are float32 uniform
in [0, 1) (a stand-in for MNIST pixels), converted exactly. The script times the exact Jacobian, the
certified rank and the re-check of its certificate. It compares them with numpy's ``matrix_rank`` (SVD,
one BLAS thread): on the Jacobian itself in float64 when it has at most 10^7 entries, else on a random
float64 matrix of the same shape, which costs what the float rank of the Jacobian would. It also
reports the peak resident memory.

    OPENBLAS_NUM_THREADS=1 python benchmarks/rank_scale.py --samples 100     # about 20 s
    OPENBLAS_NUM_THREADS=1 python benchmarks/rank_scale.py --samples 600     # about 12 min, 9.4 GiB
    OPENBLAS_NUM_THREADS=1 python benchmarks/rank_scale.py --arch 3-16-16-1 --samples 300 --repeats 5
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
SMALL = 10**7  # entries: up to this size numpy ranks the Jacobian itself


def _best(repeats: int, f, *args) -> tuple[float, object]:
    """The best time of ``repeats`` calls ``f(*args)``, and the last result."""
    best, out = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        out = f(*args)
        best = min(best, time.perf_counter() - start)
    return best, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--arch", default="-".join(map(str, ARCH)), help="widths, e.g. 3-16-16-1 (default: MNIST's)")
    parser.add_argument("--repeats", type=int, default=1, help="timed runs of the rank and of numpy, best kept")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    arch = tuple(int(v) for v in args.arch.split("-"))
    net = torch_like_network(arch, args.seed)
    pixels = np.random.default_rng(args.seed + 1).random((args.samples, arch[0])).astype(np.float32)
    batch = [[Fraction(float(v)) for v in row] for row in pixels]
    start = time.perf_counter()
    scaled = jacobian(net, batch).scaled
    t_jac = time.perf_counter() - start
    t_rank, result = _best(args.repeats, rank, scaled)
    start = time.perf_counter()
    ok = check_certificate(scaled, result)
    t_check = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    shape = scaled.shape
    itself = shape[0] * shape[1] <= SMALL
    if itself:  # float64 of the exact entries (rounded: a float method's input, not a result)
        floats = np.array([[float(Fraction(v, d)) for v in row]  # float-ok
                           for row, d in zip(scaled.rows, scaled.scales)])
    else:
        floats = np.random.default_rng(args.seed).standard_normal(shape)  # float-ok
    del scaled
    t_numpy, float_rank = _best(args.repeats, np.linalg.matrix_rank, floats)
    report = {"arch": list(arch), "samples": args.samples, "shape": list(shape), "jacobian_s": round(t_jac, 2),
              "rank": result.rank, "rank_s": round(t_rank, 3), "certificate_ok": ok, "check_s": round(t_check, 2),
              "peak_rss_gib": round(peak, 2), "numpy_s": round(t_numpy, 4), "numpy_rank": int(float_rank),
              "numpy_on": "jacobian" if itself else "same shape", "ratio_rank_vs_numpy": round(t_rank / t_numpy, 2)}
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{arch} x {args.samples}: Jacobian {shape[0]}x{shape[1]} in {t_jac:.1f} s; exact rank {result.rank} "
              f"in {t_rank:.3f} s (certificate re-checked: {ok}, {t_check:.1f} s); peak RSS {peak:.1f} GiB; "
              f"numpy matrix_rank ({report['numpy_on']}) {t_numpy:.4f} s, rank {float_rank}; "
              f"ratio {t_rank / t_numpy:.2f}")
    if result.rank != float_rank:  # numpy's float rank is what is being compared against, not a truth
        print(f"note: numpy's float rank {float_rank} differs from the exact rank {result.rank}", file=sys.stderr)
    return 0 if ok else 2  # 2: a certificate that does not re-check


if __name__ == "__main__":
    sys.exit(main())
