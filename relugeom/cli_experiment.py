"""``relugeom experiment``: the replays of the seed papers' experiments (:mod:`relugeom.experiments`,
docs/experiments.md), their text summaries and their options."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from .argv import nonnegative_int, progress_wanted
from .cli_claims import executor_of

__all__ = ["cmd_experiment", "add_experiment_parser"]


def _summary(report: dict) -> list[str]:
    """The text lines of a report (the exact values are in --json)."""
    lines = []
    for name, checkpoints in (("digits", report.get("checkpoints", [])),
                              ("toy", report.get("toy", {}).get("checkpoints", []))):
        for c in checkpoints:
            ranks = ", ".join(f"{b} {r['rank']} (float {r['float_rank']})" for b, r in c["batches"].items())
            lines.append(f"  {name} step {c['step']}: loss {c['loss']}; rank on {ranks}; N - H = {c['n_minus_h']}")
    for w in report.get("widths", []):
        init, trained = w["init"]["approx"], w["trained"]["approx"]
        lines.append(f"  width {w['width']}: breakpoints per segment {init['breakpoints_mean']:.2f} -> "
                     f"{trained['breakpoints_mean']:.2f}, GGD² / secant² {init['ggd_relative_mean']:.3g} -> "
                     f"{trained['ggd_relative_mean']:.3g} (init -> after {w['steps']} SGD steps; exact values in --json)")
    for r in report.get("networks", []):
        arch = "-".join(map(str, r["architecture"]))
        lines.append(f"  {arch} seed {r['seed']}: dim_cfun {r['init']['rank']} -> {r['trained']['rank']} of N - H = "
                     f"{r['n_minus_h']} (regions {r['init']['regions']} -> {r['trained']['regions']}; init -> after "
                     f"{r['steps']} SGD steps)")
    if "count" in report:
        lines.append(f"  float rank ≠ exact rank in {report['count']} of {report['compared']} matrices")
    return lines


def cmd_experiment(args: argparse.Namespace) -> dict:
    from .experiments import EXPERIMENTS, get_experiment

    if args.name == "list":
        if not args.json:
            for name, module in sorted(EXPERIMENTS.items()):
                print(f"{name}: {module.QUESTION}")
        return {"experiments": sorted(EXPERIMENTS)}
    module = get_experiment(args.name)
    executor = executor_of(args)
    try:
        report = module.run(quick=args.quick, seed=args.seed, save=args.save, figure=args.output, executor=executor,
                            progress=progress_wanted(args))
    finally:
        if executor is not None:
            executor.close()
    if not args.json:
        print(f"{args.name} (seed {args.seed}{', quick' if args.quick else ''}): {module.QUESTION}")
        print("\n".join(_summary(report)))
        if args.output:
            print(f"figure written to {args.output}")
    return report


def add_experiment_parser(sub: argparse._SubParsersAction, add_executor: Callable, add_progress: Callable) -> None:
    """The ``experiment`` subcommand's parser."""
    p = sub.add_parser("experiment", help="replay a seed paper's experiment exactly, at small scale "
                       "(docs/experiments.md)")
    p.add_argument("name", metavar="NAME", help="an experiment (bfun-training, cfun-vs-params, "
                   "float-vs-exact, straight-interpolation), or 'list'")
    p.add_argument("--quick", action="store_true", help="the small version (under 2 minutes; what CI runs)")
    p.add_argument("--seed", type=nonnegative_int, default=0,
                   help="seed of the initialisation, the batches and SGD (default 0)")
    p.add_argument("--save", metavar="DIR", help="write each checkpoint's network as DIR/step-<k>.json and each batch "
                   "as DIR/<name>.inputs.json (for relugeom dim); the sweeps write one network file per "
                   "network and step (docs/experiments.md)")
    p.add_argument("-o", "--output", metavar="FIG.png", help="draw the experiment's figure")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_executor(p)
    add_progress(p)
    p.set_defaults(func=cmd_experiment)
