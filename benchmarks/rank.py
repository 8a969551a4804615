"""Benchmark: exact Jacobian rank with relugeom against float (numpy) and symbolic (sympy) rank.

Measures, in one run and on the same matrices:

* ``relugeom.jacobian(net, X)``: building the exact Jacobian;
* ``relugeom.rank(J.scaled)``: the default exact rank (integer rows), with its certificate;
* ``relugeom.rank(J.matrix)``: the same, starting from the ``Fraction`` entries;
* ``relugeom.check_certificate(J.scaled, result)``: re-checking that certificate;
* ``numpy.linalg.matrix_rank`` on the matrix as float64: the baseline ("the authors' method");
* ``sympy.Matrix.rank()`` on a smaller network, next to relugeom's rank of that same matrix.

Each figure is the best of ``--repeats`` runs timed with ``time.perf_counter``. Everything random is
seeded by ``--seed``: the network and the inputs are identical from run to run (only timings vary).

    python benchmarks/rank.py                 # default size, table
    python benchmarks/rank.py --sizes         # plus a scaling table over several sizes
    python benchmarks/rank.py --json          # the figures as one JSON object
    python benchmarks/rank.py --profile       # plus cProfile of the exact rank at the default size

Exit status: 0, or 2 if relugeom contradicts itself (certificate rejected, or ``rank(J.scaled)`` and
``rank(J.matrix)`` differ, or relugeom and sympy differ). A float rank that differs from the exact one
is reported but is not an error: the float rank is the thing being checked.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import math
import os
import platform
import pstats
import random
import sys
import time
from typing import Any, Callable

import relugeom
from _common import git_commit, print_report
from relugeom import BoundaryError, ReLUNetwork

np: Any = None  # numpy, imported by main() once the BLAS thread count is set
BLAS_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

MAIN = ((3, 16, 16, 1), 300)        # 353 parameters, 300 x 353 Jacobian
SMALL = ((2, 6, 1), 40)             # 25 parameters, 40 x 25 Jacobian: the size sympy is timed on
SIZES = (((2, 8, 8, 1), 100), MAIN, ((4, 24, 24, 1), 600))
WEIGHTS = 3                         # weights and biases are integers in [-WEIGHTS, WEIGHTS]
INPUTS = 50                         # input coordinates are integers in [-INPUTS, INPUTS]
TARGET_FLOAT = 3.0                  # exact rank at most this many times the numpy time (main size)
TARGET_SYMPY = 100.0                # sympy at least this many times slower than relugeom (small size)


# ----------------------------------------------------------------------------- setup


def arch_name(arch: tuple[int, ...]) -> str:
    return "-".join(map(str, arch))


def make_problem(arch: tuple[int, ...], n_samples: int, seed: int) -> tuple[ReLUNetwork, list[list[int]], int]:
    """A random integer network and ``n_samples`` integer inputs off every neuron boundary.

    The generator is seeded by (seed, architecture, sample count), so a given size is the same
    problem whichever other sizes run with it. Returns the network, the inputs and how many
    drawn inputs were rejected because they lay on a neuron boundary.
    """
    rng = random.Random(f"relugeom-bench-rank/{seed}/{arch_name(arch)}/{n_samples}")
    layers = [([[rng.randint(-WEIGHTS, WEIGHTS) for _ in range(n_in)] for _ in range(n_out)],
               [rng.randint(-WEIGHTS, WEIGHTS) for _ in range(n_out)])
              for n_in, n_out in zip(arch, arch[1:])]
    net = ReLUNetwork.from_arrays(layers)
    inputs: list[list[int]] = []
    rejected = 0
    while len(inputs) < n_samples:
        x = [rng.randint(-INPUTS, INPUTS) for _ in range(arch[0])]
        try:
            net.pattern_at(x)
        except BoundaryError:
            rejected += 1
            if rejected > 1000 * n_samples:
                raise SystemExit(f"{arch_name(arch)} (seed {seed}): almost every input lies on a neuron "
                                 "boundary (a neuron is constant 0?); try another --seed")
            continue
        inputs.append(x)
    return net, inputs, rejected


def as_float(jac: relugeom.Jacobian) -> np.ndarray:
    """The Jacobian as float64 (rows / scales); exact here, the entries are small integers."""
    rows = np.array(jac.scaled.rows, dtype=np.float64)
    return rows / np.array(jac.scaled.scales, dtype=np.float64)[:, None]


def best_of(fn: Callable[..., Any], repeats: int, setup: Callable[[], tuple] = tuple) -> tuple[float, Any]:
    """(best wall time in ms over ``repeats`` calls of ``fn(*setup())``, last result); setup is not timed."""
    best, result = math.inf, None
    for _ in range(repeats):
        args = setup()
        gc.collect()
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best * 1e3, result


# ------------------------------------------------------------------------ measuring


def measure(arch: tuple[int, ...], n_samples: int, seed: int, repeats: int) -> dict:
    """Time the Jacobian, both exact ranks, the certificate check and numpy's rank on one size."""
    net, inputs, rejected = make_problem(arch, n_samples, seed)
    t_jac, jac = best_of(lambda: relugeom.jacobian(net, inputs), repeats)
    fractions = jac.matrix                       # built once, outside the timings
    floats = as_float(jac)
    t_np, np_rank = best_of(lambda: int(np.linalg.matrix_rank(floats)), repeats)
    t_scaled, res = best_of(lambda: relugeom.rank(jac.scaled), repeats)
    t_frac, res_frac = best_of(lambda: relugeom.rank(fractions), repeats)
    t_check, ok = best_of(lambda: relugeom.check_certificate(jac.scaled, res), repeats)
    cert = res.certificate
    entry_bits = max((abs(q.numerator).bit_length() for v in cert.kernel for q in v), default=0)
    float_mismatch, errors = [], []
    if res.rank != np_rank:
        float_mismatch.append(f"{arch_name(arch)}: exact rank {res.rank} but numpy matrix_rank {np_rank}")
    if res_frac.rank != res.rank:
        errors.append(f"{arch_name(arch)}: rank(J.matrix) = {res_frac.rank} but rank(J.scaled) = {res.rank}")
    if not ok:
        errors.append(f"{arch_name(arch)}: check_certificate rejected the certificate of rank(J.scaled)")
    ms = {"numpy_matrix_rank": t_np, "jacobian": t_jac, "rank_scaled": t_scaled,
          "rank_fractions": t_frac, "check_certificate": t_check}
    return {
        "architecture": list(arch), "n_params": net.n_params, "n_samples": n_samples,
        "rejected_inputs": rejected, "shape": list(jac.shape),
        "rank": res.rank, "numpy_rank": np_rank, "rank_fractions": res_frac.rank, "certificate_ok": ok,
        "backend": res.backend, "kernel_side": cert.side, "kernel_vectors": len(cert.kernel),
        "kernel_max_bits": entry_bits,
        "ms": {k: round(v, 3) for k, v in ms.items()},
        "x_numpy": {k: round(v / t_np, 2) for k, v in ms.items()},
        "float_mismatch": float_mismatch, "errors": errors,
    }


def measure_sympy(arch: tuple[int, ...], n_samples: int, seed: int, repeats: int) -> dict:
    """sympy's ``Matrix.rank()`` against relugeom's rank on the same (small) exact Jacobian."""
    import sympy
    from sympy.core.cache import clear_cache

    net, inputs, rejected = make_problem(arch, n_samples, seed)
    jac = relugeom.jacobian(net, inputs)
    fractions = jac.matrix
    sym = sympy.Matrix([[sympy.Rational(q.numerator, q.denominator) for q in row] for row in fractions])

    def fresh() -> tuple:  # a new matrix and an empty sympy cache each time: a first call, as in real use
        clear_cache()
        return (sym.copy(),)

    t_sympy, sympy_rank = best_of(lambda m: int(m.rank()), repeats, fresh)
    t_scaled, res = best_of(lambda: relugeom.rank(jac.scaled), repeats)
    t_frac, res_frac = best_of(lambda: relugeom.rank(fractions), repeats)
    floats = as_float(jac)
    t_np, np_rank = best_of(lambda: int(np.linalg.matrix_rank(floats)), repeats)
    float_mismatch, errors = [], []
    if sympy_rank != res.rank or res_frac.rank != res.rank:
        errors.append(f"{arch_name(arch)}: sympy rank {sympy_rank}, rank(J.scaled) {res.rank}, "
                      f"rank(J.matrix) {res_frac.rank}")
    if np_rank != res.rank:
        float_mismatch.append(f"{arch_name(arch)}: exact rank {res.rank} but numpy matrix_rank {np_rank}")
    ms = {"sympy_rank": t_sympy, "rank_scaled": t_scaled, "rank_fractions": t_frac, "numpy_matrix_rank": t_np}
    return {
        "architecture": list(arch), "n_params": net.n_params, "n_samples": n_samples,
        "rejected_inputs": rejected, "shape": list(jac.shape), "rank": res.rank, "sympy_rank": sympy_rank,
        "numpy_rank": np_rank,
        "ms": {k: round(v, 3) for k, v in ms.items()},
        "sympy_over": {"rank_scaled": round(t_sympy / t_scaled, 1), "rank_fractions": round(t_sympy / t_frac, 1)},
        "float_mismatch": float_mismatch, "errors": errors,
    }


def profile_rank(arch: tuple[int, ...], n_samples: int, seed: int, top: int = 14) -> str:
    """cProfile of one default-path ``rank(J.scaled)`` and one ``check_certificate`` (after a warm-up)."""
    net, inputs, _ = make_problem(arch, n_samples, seed)
    jac = relugeom.jacobian(net, inputs)
    res = relugeom.rank(jac.scaled)  # warm-up
    out = io.StringIO()
    for label, call in (("rank(J.scaled)", lambda: relugeom.rank(jac.scaled)),
                        ("check_certificate(J.scaled, result)", lambda: relugeom.check_certificate(jac.scaled, res))):
        prof = cProfile.Profile()
        prof.runcall(call)
        out.write(f"\n--- cProfile: {label} at {arch_name(arch)}, {n_samples} samples (sorted by own time)\n")
        stats = pstats.Stats(prof, stream=out)
        stats.strip_dirs().sort_stats("tottime").print_stats(top)
    return out.getvalue()


# ------------------------------------------------------------------------- reports


def fmt_ms(v: float) -> str:
    return f"{v:.3f}" if v < 1 else f"{v:.2f}" if v < 100 else f"{v:.0f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def table(report: dict) -> str:
    main, small, cfg = report["main"], report["small"], report["config"]
    lines = [
        f"relugeom rank benchmark: seed {cfg['seed']}, best of {cfg['repeats']} (time.perf_counter), "
        f"{cfg['cpu_count']} CPUs, BLAS threads: {cfg['blas_threads']}",
        f"relugeom {cfg['relugeom']} (commit {cfg['relugeom_commit']}), Python {cfg['python']}, "
        f"numpy {cfg['numpy']}, sympy {cfg['sympy']}, python-flint {cfg['flint']}",
        "",
        f"{arch_name(main['architecture'])} network ({main['n_params']} params), {main['n_samples']} integer inputs "
        f"({main['rejected_inputs']} boundary draws rejected): Jacobian {main['shape'][0]}x{main['shape'][1]}",
        f"exact rank {main['rank']} (backend {main['backend']}, certificate: {main['kernel_vectors']} "
        f"{main['kernel_side']}-kernel vectors, entries up to {main['kernel_max_bits']} bits), "
        f"numpy rank {main['numpy_rank']}",
        "",
        f"  {'step':<44}{'ms':>10}{'x numpy':>10}",
    ]
    labels = [("numpy_matrix_rank", "np.linalg.matrix_rank (float64)  [baseline]"),
              ("jacobian", "relugeom.jacobian(net, X)"),
              ("rank_scaled", "relugeom.rank(J.scaled)  [default path]"),
              ("rank_fractions", "relugeom.rank(J.matrix)  [from Fractions]"),
              ("check_certificate", "relugeom.check_certificate(J.scaled, r)")]
    for key, label in labels:
        lines.append(f"  {label:<44}{fmt_ms(main['ms'][key]):>10}{main['x_numpy'][key]:>10.2f}")
    lines += [
        "",
        f"{arch_name(small['architecture'])} network ({small['n_params']} params), {small['n_samples']} inputs: "
        f"Jacobian {small['shape'][0]}x{small['shape'][1]}, rank {small['rank']} (sympy {small['sympy_rank']})",
        "",
        f"  {'step':<44}{'ms':>10}{'sympy/this':>12}",
        f"  {'sympy Matrix.rank()':<44}{fmt_ms(small['ms']['sympy_rank']):>10}{1.0:>12.1f}",
        f"  {'relugeom.rank(J.scaled)':<44}{fmt_ms(small['ms']['rank_scaled']):>10}"
        f"{small['sympy_over']['rank_scaled']:>12.1f}",
        f"  {'relugeom.rank(J.matrix)':<44}{fmt_ms(small['ms']['rank_fractions']):>10}"
        f"{small['sympy_over']['rank_fractions']:>12.1f}",
        f"  {'np.linalg.matrix_rank (float64)':<44}{fmt_ms(small['ms']['numpy_matrix_rank']):>10}"
        f"{small['ms']['sympy_rank'] / small['ms']['numpy_matrix_rank']:>12.1f}",
    ]
    t = report["targets"]
    lines += [
        "",
        f"target: exact rank <= {TARGET_FLOAT:g}x numpy at {arch_name(main['architecture'])}: "
        f"{t['exact_over_numpy']:.2f}x -> {verdict(t['float_target_met'])}",
        f"target: sympy >= {TARGET_SYMPY:g}x slower than relugeom at {arch_name(small['architecture'])}: "
        f"{t['sympy_over_exact']:.1f}x (from Fractions: {t['sympy_over_exact_fractions']:.1f}x) "
        f"-> {verdict(t['sympy_target_met'])}",
    ]
    if "sizes" in report:
        lines += ["", "scaling (ms for numpy; the others as multiples of numpy's time in the same run):", ""]
        head = (f"  {'network':<12}{'inputs':>7}{'matrix':>10}{'rank':>6}{'cert':>11}{'numpy ms':>10}"
                f"{'jacobian':>10}{'rank':>8}{'rank(Fr)':>10}{'check':>8}")
        lines.append(head)
        for s in report["sizes"]:
            x = s["x_numpy"]
            cert = f"{s['kernel_vectors']}{s['kernel_side'][0]}/{s['kernel_max_bits']}b"
            shape = f"{s['shape'][0]}x{s['shape'][1]}"
            lines.append(f"  {arch_name(s['architecture']):<12}{s['n_samples']:>7}{shape:>10}{s['rank']:>6}{cert:>11}"
                         f"{fmt_ms(s['ms']['numpy_matrix_rank']):>10}{x['jacobian']:>10.1f}"
                         f"{x['rank_scaled']:>8.1f}{x['rank_fractions']:>10.1f}{x['check_certificate']:>8.1f}")
        lines.append("  (cert: kernel vectors in the certificate, r = right / l = left, and their largest entry in bits)")
    mismatch, errors = report["float_mismatch"], report["errors"]
    if not mismatch and not errors:
        lines += ["", "agreement: exact, Fraction-path, numpy and sympy ranks agree; every certificate checks"]
    if mismatch:
        lines += ["", "numpy's float rank DISAGREES with the certified exact rank:"]
        lines += [f"  - {p}" for p in mismatch]
    if errors:
        lines += ["", "relugeom is INCONSISTENT:"]
        lines += [f"  - {p}" for p in errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=0, help="seed of the networks and inputs (default 0)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per figure, best kept (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object instead of tables")
    parser.add_argument("--sizes", action="store_true",
                        help="also run " + ", ".join(f"{arch_name(a)} on {n}" for a, n in SIZES) + " (scaling)")
    parser.add_argument("--profile", action="store_true",
                        help="also print cProfile of the exact rank and certificate check at the default size")
    parser.add_argument("--blas-threads", type=int, default=1, metavar="N",
                        help="threads for numpy's BLAS/LAPACK (default 1, like the exact path, which is "
                             "single-threaded); 0 leaves the library default")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.blas_threads < 0:
        parser.error("--blas-threads must be 0 or more")

    global np
    if args.blas_threads:
        if "numpy" in sys.modules:
            print("warning: numpy was imported before --blas-threads could take effect", file=sys.stderr)
        for var in BLAS_ENV:
            os.environ[var] = str(args.blas_threads)
    import flint
    import numpy as np
    import sympy

    config = {"seed": args.seed, "repeats": args.repeats, "weights": [-WEIGHTS, WEIGHTS],
              "inputs": [-INPUTS, INPUTS], "cpu_count": os.cpu_count(), "python": platform.python_version(),
              "numpy": np.__version__, "sympy": sympy.__version__, "flint": flint.__version__,
              "relugeom": relugeom.__version__, "relugeom_commit": git_commit(),
              "blas_threads": args.blas_threads or "library default"}
    t_start = time.perf_counter()
    results: dict[tuple, dict] = {MAIN: measure(*MAIN, args.seed, args.repeats)}
    small = measure_sympy(*SMALL, args.seed, args.repeats)
    main_r = results[MAIN]
    report: dict[str, Any] = {"config": config, "main": main_r, "small": small}
    if args.sizes:
        for size in SIZES:
            if size not in results:
                results[size] = measure(*size, args.seed, args.repeats)
        report["sizes"] = [results[size] for size in SIZES]
    exact_x = main_r["ms"]["rank_scaled"] / main_r["ms"]["numpy_matrix_rank"]
    report["targets"] = {
        "exact_over_numpy": round(exact_x, 2), "float_target": TARGET_FLOAT,
        "float_target_met": exact_x <= TARGET_FLOAT,
        "sympy_over_exact": small["sympy_over"]["rank_scaled"],
        "sympy_over_exact_fractions": small["sympy_over"]["rank_fractions"],
        "sympy_target": TARGET_SYMPY, "sympy_target_met": small["sympy_over"]["rank_scaled"] >= TARGET_SYMPY,
    }
    for key in ("float_mismatch", "errors"):
        found = main_r[key] + small[key]
        for r in report.get("sizes", []):
            found += [p for p in r[key] if p not in found]
        report[key] = found
    report["total_seconds"] = round(time.perf_counter() - t_start, 2)

    print_report(report, args.json, table)
    if args.profile:
        text = profile_rank(*MAIN, args.seed)
        print(text, file=sys.stderr if args.json else sys.stdout)
    return 2 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
