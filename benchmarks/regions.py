"""Benchmark: exact activation-region enumeration (``enumerate_regions``) and its time per region.

Measures, in one run:

* ``enumerate_regions(net, Domain.box(-B, B, dim=d))`` for random integer networks 2-8-8-1,
  2-16-16-1, 2-32-32-1, 2-64-64-1, 4-8-8-1 and 6-8-8-1, each in the boxes [-1, 1]^d and
  [-10, 10]^d: regions found, seconds, ms per region, and ms per region as a multiple of the
  smallest case's (the one with the fewest regions) in the same run;
* a brute-force enumerator on the 2-8-8-1 network (N = 16 hidden neurons): for every one of the
  2^16 activation patterns it freezes the pattern, writes the closed inequality system
  (``z ≥ 0`` for an active neuron, ``z ≤ 0`` for an inactive one) plus the box, and asks
  ``relugeom.exact.lp.Polyhedron.from_inequalities`` whether it has nonempty interior. It must find
  exactly the patterns ``enumerate_regions`` finds; the speed-up is brute force ÷ enumerate_regions.

The networks are seeded by ``--seed`` (weights and biases are integers in -9..9), so only the
timings vary from run to run. Each ``enumerate_regions`` figure is the best of ``--repeats`` runs
(``time.perf_counter``); the brute force runs once (it takes tens of seconds).

    python benchmarks/regions.py               # full run, a few minutes
    python benchmarks/regions.py --quick       # without 2-64-64-1 and 6-8-8-1 in [-10, 10]^d
    python benchmarks/regions.py --json        # the figures as one JSON object
    python benchmarks/regions.py --profile     # plus cProfile of the case with the largest ms/region

Exit status: 0, or 2 if relugeom contradicts itself (the brute force and ``enumerate_regions`` find
different pattern sets, or ``enumerate_regions`` returns a pattern twice or a different set on a
repeat). Missed time targets are reported, not errors.
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
from fractions import Fraction
from itertools import product
from typing import Any, Callable

import relugeom
from _common import git_commit, print_report
from relugeom import ReLUNetwork
from relugeom.domain import Domain
from relugeom.exact.lp import Polyhedron
from relugeom.regions import enumerate_regions

ARCHS = ((2, 8, 8, 1), (2, 16, 16, 1), (2, 32, 32, 1), (2, 64, 64, 1), (4, 8, 8, 1), (6, 8, 8, 1))
BOXES = (1, 10)                       # the boxes [-B, B]^d
QUICK_SKIP = (((2, 64, 64, 1), 10), ((6, 8, 8, 1), 10))
WEIGHTS = 9                           # weights and biases are integers in [-WEIGHTS, WEIGHTS]
BRUTE_ARCH = (2, 8, 8, 1)             # N = 16 hidden neurons: 2^16 patterns
BRUTE_BOX = 10
TARGET_SPEEDUP = 50.0                 # brute force at least this many times slower
TARGETS = (                           # (architecture, box, seconds at most, region count in the issue)
    ((2, 32, 32, 1), 10, 1.5, 2100),
    ((6, 8, 8, 1), 10, 12.0, 9400),
)

Pattern = tuple[tuple[int, ...], ...]


# ----------------------------------------------------------------------------- setup


def arch_name(arch: tuple[int, ...]) -> str:
    return "-".join(map(str, arch))


def box_name(b: int, d: int) -> str:
    return f"[-{b},{b}]^{d}"


def make_network(arch: tuple[int, ...], seed: int) -> ReLUNetwork:
    """A random network with integer weights and biases in -WEIGHTS..WEIGHTS.

    Seeded by (seed, architecture), so both boxes of an architecture use the same network, and a
    given architecture is the same network whichever other cases run (``--quick`` or not).
    """
    rng = random.Random(f"relugeom-bench-regions/{seed}/{arch_name(arch)}")
    return ReLUNetwork.from_arrays(
        [([[rng.randint(-WEIGHTS, WEIGHTS) for _ in range(n_in)] for _ in range(n_out)],
          [rng.randint(-WEIGHTS, WEIGHTS) for _ in range(n_out)])
         for n_in, n_out in zip(arch, arch[1:])])


def best_of(fn: Callable[[], Any], repeats: int) -> tuple[float, list[Any]]:
    """(best wall time in seconds over ``repeats`` calls of ``fn()``, every result)."""
    best, results = math.inf, []
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
        results.append(result)
        del result
    return best, results


# ------------------------------------------------------------------------ measuring


def measure_case(net: ReLUNetwork, arch: tuple[int, ...], b: int, repeats: int) -> dict:
    """Time ``enumerate_regions`` on one network and box; check its patterns are distinct and stable."""
    domain = Domain.box(-b, b, dim=arch[0])
    seconds, runs = best_of(lambda: enumerate_regions(net, domain), repeats)
    patterns = [r.pattern for r in runs[0]]
    errors = []
    if len(set(patterns)) != len(patterns):
        errors.append(f"{arch_name(arch)} in {box_name(b, arch[0])}: enumerate_regions returned a pattern twice")
    if any([r.pattern for r in run] != patterns for run in runs[1:]):
        errors.append(f"{arch_name(arch)} in {box_name(b, arch[0])}: enumerate_regions differs between repeats")
    n = len(patterns)
    return {
        "architecture": list(arch), "box": b, "n_hidden": net.n_hidden, "regions": n,
        "bounded": sum(r.bounded for r in runs[0]),
        "seconds": round(seconds, 4), "ms_per_region": round(1e3 * seconds / n, 4) if n else None,
        "patterns": patterns, "errors": errors,
    }


def brute_force(net: ReLUNetwork, domain: Domain) -> tuple[set[Pattern], int]:
    """Every pattern whose frozen system has nonempty interior in ``domain``, by testing all 2^N.

    For a pattern (one bit tuple per hidden layer) every pre-activation is an affine function
    ``z = w·x + c`` of the input once the earlier layers' patterns are fixed. The region of the
    pattern is open and nonempty iff the closed system — ``z ≥ 0`` (i.e. ``-w·x ≤ c``) for an active
    neuron, ``z ≤ 0`` for an inactive one, plus the box — has nonempty interior, which
    ``Polyhedron.from_inequalities`` decides exactly (None = empty interior). The one case a closed
    row cannot express is ``z ≡ 0`` (``w = 0, c = 0``): such a neuron is inactive everywhere
    (relugeom's ``1[z > 0]``), so an active bit makes the pattern unrealized and an inactive bit
    adds no row. Returns (realized patterns, number of patterns tested).
    """
    hidden = net.layers[:-1]
    d = net.n_inputs
    box_a, box_b = list(domain.a), list(domain.b)
    zero = Fraction(0)
    found: set[Pattern] = set()
    tested = 0

    def layer_rows(l: int, h: list[tuple[tuple[Fraction, ...], Fraction]]):
        """The affine pre-activations ``(w, c)`` of hidden layer ``l`` given the affine ``h`` feeding it."""
        layer = hidden[l]
        out = []
        for row, bias in zip(layer.weight, layer.bias):
            w = [zero] * d
            c = bias
            for a, (hw, hc) in zip(row, h):
                if a:
                    for k in range(d):
                        w[k] += a * hw[k]
                    c += a * hc
            out.append((tuple(w), c))
        return out

    def visit(l: int, h, rows_a: list, rows_b: list, prefix: tuple) -> None:
        nonlocal tested
        z = layer_rows(l, h)
        # per neuron: (row, rhs) for active and for inactive; None = no row; False = impossible
        choices = []
        for w, c in z:
            if not any(w) and c == 0:
                choices.append((False, None))
            else:
                choices.append((([-v for v in w], c), (list(w), -c)))
        last = l == len(hidden) - 1
        for bits in product((0, 1), repeat=len(z)):
            a, b, ok = list(rows_a), list(rows_b), True
            for bit, (on, off) in zip(bits, choices):
                row = on if bit else off
                if row is False:
                    ok = False
                elif row is not None:
                    a.append(row[0])
                    b.append(row[1])
            pattern = prefix + (bits,)
            if last:
                tested += 1
                if ok and Polyhedron.from_inequalities(a, b) is not None:
                    found.add(pattern)
            else:
                # an impossible bit still leaves 2^(remaining neurons) patterns, all tested (and unrealized)
                h_next = [(w, c) if bit else ((zero,) * d, zero) for bit, (w, c) in zip(bits, z)]
                if ok:
                    visit(l + 1, h_next, a, b, pattern)
                else:
                    tested += 2 ** sum(layer.n_out for layer in hidden[l + 1:])

    visit(0, [(tuple(Fraction(int(i == k)) for k in range(d)), zero) for i in range(d)], box_a, box_b, ())
    return found, tested


def point_has_pattern(net: ReLUNetwork, region) -> bool:
    """Does the network, evaluated exactly at the region's interior point, have the region's pattern?

    A pre-activation that is exactly 0 there is allowed only if it is 0 on the whole region (a neuron
    with ``z ≡ 0``, inactive by relugeom's ``1[z > 0]``): it must then vanish at every vertex too
    (the pre-activations are continuous and affine on the region's closure, the hull of its vertices).
    """
    pre = net.pre_activations(region.point)[:-1]
    if tuple(tuple(int(v > 0) for v in layer) for layer in pre) != region.pattern:
        return False
    zeros = [(l, i) for l, layer in enumerate(pre) for i, v in enumerate(layer) if v == 0]
    if not zeros:
        return True
    if not region.bounded:
        return False
    corners = [net.pre_activations(v) for v in region.vertices]
    return all(c[l][i] == 0 for c in corners for l, i in zeros)


def measure_brute(net: ReLUNetwork, arch: tuple[int, ...], b: int, enum_case: dict) -> dict:
    """Time the brute force once on the same network and box as ``enum_case``, compare the pattern sets."""
    domain = Domain.box(-b, b, dim=arch[0])
    gc.collect()
    t0 = time.perf_counter()
    found, tested = brute_force(net, domain)
    seconds = time.perf_counter() - t0
    enum = set(map(tuple, enum_case["patterns"]))
    errors = []
    # independent of the polyhedron engine: each region's interior point, evaluated, has its pattern
    wrong_points = sum(not point_has_pattern(net, r) for r in enumerate_regions(net, domain))
    if wrong_points:
        errors.append(f"{arch_name(arch)} in {box_name(b, arch[0])}: {wrong_points} regions whose interior "
                      "point evaluates to another pattern")
    if found != enum:
        errors.append(f"{arch_name(arch)} in {box_name(b, arch[0])}: brute force finds {len(found)} patterns, "
                      f"enumerate_regions {len(enum)}; {len(found - enum)} only in the brute force, "
                      f"{len(enum - found)} only in enumerate_regions")
    return {
        "architecture": list(arch), "box": b, "patterns_tested": tested, "realized": len(found),
        "enumerate_regions_found": len(enum), "same_pattern_set": found == enum,
        "points_with_wrong_pattern": wrong_points,
        "seconds": round(seconds, 3), "ms_per_pattern": round(1e3 * seconds / tested, 4),
        "enumerate_regions_seconds": enum_case["seconds"],
        "speedup": round(seconds / enum_case["seconds"], 1),
        "errors": errors,
    }


def profile_case(net: ReLUNetwork, arch: tuple[int, ...], b: int, top: int = 16) -> tuple[str, dict]:
    """cProfile of one ``enumerate_regions`` call; also the number of ``Polyhedron.split`` calls."""
    domain = Domain.box(-b, b, dim=arch[0])
    prof = cProfile.Profile()
    regions = prof.runcall(enumerate_regions, net, domain)
    stats = pstats.Stats(prof)
    splits = sum(v[1] for k, v in stats.stats.items() if k[2] == "split" and k[0].endswith("lp.py"))
    out = io.StringIO()
    stats.stream = out
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    counts = {"architecture": list(arch), "box": b, "regions": len(regions), "split_calls": splits,
              "split_calls_per_region": round(splits / len(regions), 1)}
    return out.getvalue(), counts


# ------------------------------------------------------------------------- reports


def verdict(ok: bool | None) -> str:
    return "not measured (--quick)" if ok is None else "met" if ok else "NOT met"


def table(report: dict) -> str:
    cfg = report["config"]
    lines = [
        f"relugeom region benchmark: seed {cfg['seed']}, weights and biases in -{WEIGHTS}..{WEIGHTS}, "
        f"best of {cfg['repeats']} (time.perf_counter), {cfg['cpu_count']} CPUs"
        + (", --quick" if cfg["quick"] else ""),
        f"relugeom {cfg['relugeom']} (commit {cfg['relugeom_commit']}), Python {cfg['python']}",
        "",
        f"enumerate_regions(net, Domain.box(-B, B, dim=d)); x smallest = ms/region over that of "
        f"{report['baseline']} (fewest regions)",
        "",
        f"  {'network':<12}{'box':<14}{'regions':>8}{'bounded':>9}{'seconds':>10}{'ms/region':>11}{'x smallest':>12}",
    ]
    for c in report["cases"]:
        lines.append(f"  {arch_name(c['architecture']):<12}{box_name(c['box'], c['architecture'][0]):<14}"
                     f"{c['regions']:>8}{c['bounded']:>9}{c['seconds']:>10.3f}{c['ms_per_region']:>11.3f}"
                     f"{c['x_smallest']:>12.2f}")
    for arch, b in report["skipped"]:
        lines.append(f"  {arch_name(arch):<12}{box_name(b, arch[0]):<14}{'skipped (--quick)':>20}")
    br = report["brute_force"]
    arch, b = tuple(br["architecture"]), br["box"]
    lines += [
        "",
        f"brute force over all 2^{sum(arch[1:-1])} patterns, {arch_name(arch)} in {box_name(b, arch[0])} "
        f"(Polyhedron.from_inequalities per pattern; run once):",
        "",
        f"  {'method':<36}{'patterns':>10}{'regions':>9}{'seconds':>10}{'x enumerate':>13}",
        f"  {'enumerate_regions':<36}{'':>10}{br['enumerate_regions_found']:>9}"
        f"{br['enumerate_regions_seconds']:>10.3f}{1.0:>13.1f}",
        f"  {'brute force (exact test per pattern)':<36}{br['patterns_tested']:>10}{br['realized']:>9}"
        f"{br['seconds']:>10.2f}{br['speedup']:>13.1f}",
        f"  ({br['ms_per_pattern']:.3f} ms per pattern; same pattern set: "
        f"{'yes' if br['same_pattern_set'] else 'NO'}; every region's interior point evaluates to its "
        f"pattern: {'yes' if not br['points_with_wrong_pattern'] else 'NO'})",
        "",
    ]
    t = report["targets"]
    lines.append(f"target: brute force >= {TARGET_SPEEDUP:g}x slower than enumerate_regions: "
                 f"{br['speedup']:.0f}x -> {verdict(br['speedup'] >= TARGET_SPEEDUP)}")
    for tg in t["time"]:
        arch, b = tuple(tg["architecture"]), tg["box"]
        head = f"target: {arch_name(arch)} in {box_name(b, arch[0])} in <= {tg['limit_seconds']:g} s"
        if tg["met"] is None:
            lines.append(f"{head}: {verdict(None)}")
            continue
        lines.append(f"{head}: {tg['seconds']:.2f} s for {tg['regions']} regions -> {verdict(tg['met'])} "
                     f"(the issue's ~{tg['issue_regions']} regions at this ms/region: "
                     f"{tg['seconds_at_issue_count']:.2f} s)")
    errors = report["errors"]
    if errors:
        lines += ["", "relugeom is INCONSISTENT:"] + [f"  - {e}" for e in errors]
    else:
        lines += ["", "agreement: brute force and enumerate_regions find the same patterns; "
                      "every enumeration returned distinct patterns, the same on every repeat"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=0, help="seed of the networks (default 0)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="timed runs per enumerate_regions figure, best kept (default 3)")
    parser.add_argument("--quick", action="store_true",
                        help="skip " + " and ".join(f"{arch_name(a)} in {box_name(b, a[0])}" for a, b in QUICK_SKIP))
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object instead of tables")
    parser.add_argument("--profile", action="store_true",
                        help="also print cProfile of the case with the largest ms/region (stderr with --json)")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    config = {"seed": args.seed, "repeats": args.repeats, "quick": args.quick, "weights": [-WEIGHTS, WEIGHTS],
              "cpu_count": os.cpu_count(), "python": platform.python_version(),
              "relugeom": relugeom.__version__, "relugeom_commit": git_commit()}
    t_start = time.perf_counter()
    nets = {arch: make_network(arch, args.seed) for arch in ARCHS}
    cases, skipped = [], []
    for arch in ARCHS:
        for b in BOXES:
            if args.quick and (arch, b) in QUICK_SKIP:
                skipped.append((arch, b))
                continue
            cases.append(measure_case(nets[arch], arch, b, args.repeats))
            if not args.json:
                c = cases[-1]
                print(f"  ... {arch_name(arch)} in {box_name(b, arch[0])}: {c['regions']} regions, "
                      f"{c['seconds']:.3f} s", file=sys.stderr, flush=True)
    smallest = min(cases, key=lambda c: (c["regions"], c["seconds"]))
    for c in cases:
        c["x_smallest"] = round(c["ms_per_region"] / smallest["ms_per_region"], 2)
    brute_case = next(c for c in cases if tuple(c["architecture"]) == BRUTE_ARCH and c["box"] == BRUTE_BOX)
    if not args.json:
        print(f"  ... brute force over 2^{sum(BRUTE_ARCH[1:-1])} patterns (about a minute)",
              file=sys.stderr, flush=True)
    brute = measure_brute(nets[BRUTE_ARCH], BRUTE_ARCH, BRUTE_BOX, brute_case)

    time_targets = []
    for arch, b, limit, issue_regions in TARGETS:
        c = next((c for c in cases if tuple(c["architecture"]) == arch and c["box"] == b), None)
        entry: dict[str, Any] = {"architecture": list(arch), "box": b, "limit_seconds": limit,
                                 "issue_regions": issue_regions, "met": None}
        if c is not None:
            entry.update(seconds=c["seconds"], regions=c["regions"], met=c["seconds"] <= limit,
                         seconds_at_issue_count=round(c["ms_per_region"] * issue_regions / 1e3, 2))
        time_targets.append(entry)
    errors = [e for c in cases for e in c["errors"]] + brute["errors"]
    report: dict[str, Any] = {
        "config": config,
        "baseline": f"{arch_name(tuple(smallest['architecture']))} in "
                    f"{box_name(smallest['box'], smallest['architecture'][0])}",
        "cases": [{k: v for k, v in c.items() if k != "patterns"} for c in cases],
        "skipped": [[list(a), b] for a, b in skipped],
        "brute_force": brute,
        "targets": {"speedup": TARGET_SPEEDUP, "speedup_met": brute["speedup"] >= TARGET_SPEEDUP,
                    "time": time_targets},
        "errors": errors,
    }
    report["total_seconds"] = round(time.perf_counter() - t_start, 1)

    print_report(report, args.json, table)
    if args.profile:
        slow = max(cases, key=lambda c: c["ms_per_region"])
        arch, b = tuple(slow["architecture"]), slow["box"]
        text, counts = profile_case(nets[arch], arch, b)
        _, base_counts = profile_case(nets[tuple(smallest["architecture"])], tuple(smallest["architecture"]),
                                      smallest["box"])
        stream = sys.stderr if args.json else sys.stdout
        print(f"\n--- cProfile: enumerate_regions, {arch_name(arch)} in {box_name(b, arch[0])} "
              f"(largest ms/region; sorted by own time)", file=stream)
        print(text, file=stream)
        for cnt in (counts, base_counts):
            a = tuple(cnt["architecture"])
            print(f"{arch_name(a)} in {box_name(cnt['box'], a[0])}: {cnt['split_calls']} Polyhedron.split calls "
                  f"for {cnt['regions']} regions = {cnt['split_calls_per_region']} per region", file=stream)
    return 2 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
