"""The ``relugeom`` command line.

    relugeom info NET.json [--json]
    relugeom dim NET.json --inputs X.(json|csv|npy) [--json] [--certificate] [--backend B]
    relugeom regions NET.json [--box B | --polytope P.json] [--json] [--graph OUT] [--max-regions K]
    relugeom plot NET.json --box B -o OUT.png [--inputs X]
    relugeom check [--thorough] [--claims ID,ID] [--json] [--markdown FILE] [--executor serial|dask] [--scheduler A]
    relugeom search CLAIM [--arch 1,3,1] [--weights -2..2] [--drop-hypothesis H] [--examples K] [--out PREFIX]
                          [--executor serial|dask] [--scheduler ADDRESS]
    relugeom landscape --table [--r-max R] [--m-max M]
    relugeom segment NET.json --from X --to X' [--json] [-o OUT.png]

Bad input gives one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from typing import Sequence

from .dimension import batch_functional_dimension
from .domain import Domain
from .errors import RelugeomError
from .inputs import load_inputs
from .exact.rational import lifted_digits
from .network import ReLUNetwork
from .cli_claims import cmd_check, cmd_search, load_builtin_claims, run_checks  # noqa: F401  (re-exported)
from .cli_experiment import add_experiment_parser
from .cli_regions import cmd_explore, cmd_plot, cmd_regions, cmd_report
from .argv import (OneLineParser, UsageError, architecture, check_image_path, check_output_paths, integer_range,
                   join_dash_values, nonnegative_int, positive_gib, positive_int, positive_seconds, progress_wanted,
                   warn_one_line)

__all__ = ["main", "build_parser"]


def _net_summary(net: ReLUNetwork) -> dict:
    integral = all(q.denominator == 1 for q in net.parameters())
    return {
        "architecture": list(net.architecture),
        "depth": net.depth,
        "n_params": net.n_params,
        "n_hidden": net.n_hidden,
        "identifiable_bound": net.n_params - net.n_hidden,
        "integer_weights": integral,
    }


def cmd_info(args: argparse.Namespace) -> dict:
    net = ReLUNetwork.load(args.network)
    info = _net_summary(net)
    if not args.json:
        arch = "-".join(map(str, net.architecture))
        print(f"network {args.network}: architecture {arch}, {net.depth} affine layers "
              f"({net.depth - 1} hidden, ReLU)")
        print(f"  parameters N = {net.n_params}, hidden neurons H = {net.n_hidden}, N - H = {info['identifiable_bound']}")
        print(f"  weights are {'integers' if info['integer_weights'] else 'rationals (some non-integer)'}")
    return info


def cmd_dim(args: argparse.Namespace) -> dict:
    from .exact.rational import format_rational

    from .jacobian import memory_estimate
    from .limits import check_memory, default_memory_limit

    net = ReLUNetwork.load(args.network)
    batch = load_inputs(args.inputs, net.n_inputs)
    limit = int(args.max_memory * 2**30) if args.max_memory else default_memory_limit()
    check_memory(memory_estimate(net, batch), limit, f"the exact {len(batch) * net.n_outputs} x {net.n_params} Jacobian")
    d = batch_functional_dimension(net, batch, backend=args.backend)
    out = d.to_dict(certificate=args.certificate)
    from .generic import generic_rank, local_dimension

    if args.generic:
        g = generic_rank(net, batch, seed=args.seed)
        out.update(generic_rank=g.rank, generic_certified=g.certified)
        local = max(d.rank, g.rank)
        certified = local >= g.upper
    else:
        local, certified = local_dimension(net, batch, d.rank, seed=args.seed)
    out.update(local_dimension=local, local_dimension_certified=certified, exceptional=d.rank < local)
    if args.targets:
        from .exact.linalg import rank
        from .loss import loss_gradient, loss_hessian, squared_loss

        targets = load_inputs(args.targets, net.n_outputs)
        if len(targets) != len(batch):
            raise UsageError(f"{len(batch)} samples but {len(targets)} targets in {args.targets}")
        h_rank = rank(loss_hessian(net, batch, targets)).rank
        loss = squared_loss(net, batch, targets)
        out.update(loss=format_rational(loss), critical=not any(loss_gradient(net, batch, targets)),
                   hessian_rank=h_rank, flat_directions=net.n_params - h_rank)
    if not args.json:
        arch = "-".join(map(str, net.architecture))
        print(f"network {args.network}: architecture {arch}, N = {d.n_params} parameters, H = {d.n_hidden} hidden neurons")
        print(f"inputs {args.inputs}: {d.n_samples} samples in {d.perceived_regions} activation regions")
        print(f"rank at θ: {d.rank}  (exact rank of the {d.n_outputs * d.n_samples} x {d.n_params} "
              f"Jacobian, certified; the batch functional dimension at θ)")
        print(f"bounds: min(N - H, n_L * n) = {d.bound}; per-region bound = {d.region_bound}")
        how = ("= the rank: it meets the upper bound" if local == d.rank and certified else
               "certified: it meets the upper bound" if certified else
               "a lower bound from random θ' (Schwartz-Zippel); the upper bound is not reached")
        flag = "  -> EXCEPTIONAL θ: the rank at θ is below the local dimension" if out["exceptional"] else ""
        print(f"local dimension of the image, r(Δ) of these patterns: {local} ({how}){flag}")
        if args.targets:
            print(f"squared loss ½‖f(X) − Y‖² = {out['loss']}; θ is {'' if out['critical'] else 'not '}critical; "
                  f"Hessian rank {out['hessian_rank']}, {out['flat_directions']} flat directions "
                  f"(docs/theory.md §3.10)")
        if args.certificate:
            print(json.dumps(d.certificate.to_dict()))
    return out


def cmd_landscape(args: argparse.Namespace) -> dict:
    from .landscape.counts import T, G_A, G_B, landscape_report

    if not args.json:
        print(landscape_report(args.r_max, args.m_max))
    ranges = [(r, m) for r in range(1, args.r_max + 1) for m in range(1, args.m_max + 1)]
    return {"T": [[T(r, m) for m in range(1, args.m_max + 1)] for r in range(1, args.r_max + 1)],
            "G_A": [[G_A(r, m) for m in range(1, args.m_max + 1)] for r in range(1, args.r_max + 1)],
            "G_B": [[G_B(r, m) for m in range(1, args.m_max + 1)] for r in range(1, args.r_max + 1)],
            "r_max": args.r_max, "m_max": args.m_max, "entries": len(ranges)}


def cmd_params(args: argparse.Namespace) -> dict:
    import re

    from .exact.rational import format_rational
    from .parameter_space import parameter_partition

    net = ReLUNetwork.load(args.network)
    batch = load_inputs(args.inputs, net.n_inputs)
    free = [n.strip() for n in re.split(r",(?![^\[]*\])", args.free)] if args.free else None  # W1[0,0],b1[0]
    n_free = len(free) if free else sum(1 for n in net.parameter_names()
                                        if n.startswith((f"W{args.layer}[", f"b{args.layer}[")))
    domain = Domain.parse_box(args.box, n_free, of="free parameters") if args.box else None
    if args.output:
        check_image_path(args.output)
        if domain is None:
            domain = Domain.box(-3, 3, dim=n_free)  # a picture needs bounded cells
    part = parameter_partition(net, batch, args.layer, free, domain, seed=args.seed,
                               method="lifted" if args.output else "auto",  # a picture draws the lifted regions
                               max_cells=args.max_cells, progress=progress_wanted(args))
    out = part.to_dict()
    if args.output:
        from .plot import plot_parameter_cells

        plot_parameter_cells(part, args.output)
        out["output"] = str(args.output)
    if not args.json:
        print(f"parameter space of layer {args.layer}: free {', '.join(part.free)}; the other parameters at θ; "
              f"{len(batch)} samples")
        print(f"{part.count} cells (constant batch pattern), local dimension r(Δ) and rank at the cell's point:")
        for k, c in enumerate(part.cells):
            point = ", ".join(f"{n} = {format_rational(v)}" for n, v in c.point.items())
            flag = "  EXCEPTIONAL (rank < local dimension)" if c.exceptional else ""
            print(f"  cell {k}: local dimension {c.local_dimension}{'' if c.certified else ' (lower bound)'}, "
                  f"rank {c.rank}, point ({point}), {len(c.inequalities)} walls{flag}")
    return out


def cmd_segment(args: argparse.Namespace) -> dict:
    from .segment_report import format_segment_report, segment_report
    from .segments import restrict_to_segment

    net = ReLUNetwork.load(args.network)
    start, end = args.start.split(","), args.end.split(",")
    for name, point in (("--from", start), ("--to", end)):
        if len(point) != net.n_inputs:
            raise UsageError(f"{name} has {len(point)} coordinates but the network has {net.n_inputs} inputs")
    report = segment_report(net, start, end)
    if args.output:
        from .plot import plot_segment

        plot_segment(restrict_to_segment(net, start, end), args.output, title=args.title)
        report["output"] = str(args.output)
    if not args.json:
        print(format_segment_report(report))
        if args.output:
            print(f"plot written to {args.output}")
    return report


def _add_domain_options(p: argparse.ArgumentParser) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("--box", metavar="B", help="box domain: B for [-B, B]^d, lo:hi, or lo1:hi1,lo2:hi2,…")
    where.add_argument("--polytope", metavar="P.json", help='polytope domain {"A": [[…]], "b": […]} (A x ≤ b)')
    p.add_argument("--max-regions", type=positive_int, metavar="K", help="stop with an error beyond K regions")
    _add_progress(p)


def _add_progress(p: argparse.ArgumentParser) -> None:
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")


def _add_executor(p: argparse.ArgumentParser) -> None:
    p.add_argument("--executor", choices=["serial", "dask"], default="serial",
                   help="serial (default), or dask: the work split over a Dask cluster, same report "
                        "(needs pip install 'relugeom[dask]')")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --executor dask: an existing scheduler, e.g. tcp://host:8786 "
                        "(default: a local cluster of 2 worker processes)")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="relugeom", description="Exact geometry of small ReLU networks.",
        epilog="Exit status: 0 done; 1 a check failed unexpectedly or a search was inconclusive; 2 bad input (one "
               "line on stderr, never a traceback); 3 --timeout reached (what was complete is reported); 130 Ctrl-C; "
               "141 output pipe closed; 143 SIGTERM. A stopped command leaves no partial output file. Limits: input "
               "files are UTF-8, at most 64 MiB, numbers at most 100 000 digits; --max-regions, --max-cells and "
               "--max-memory bound the long commands (docs/formats.md, 'Limits and errors').")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    sub.required = True

    p = sub.add_parser("info", help="architecture and parameter counts of a network")
    p.add_argument("network", metavar="NET.json", help="network file (format relugeom.network/1)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("dim", help="batch functional dimension (exact Jacobian rank) on a batch of inputs")
    p.add_argument("network", metavar="NET.json", help="network file (format relugeom.network/1)")
    p.add_argument("--inputs", required=True, metavar="X", help="inputs: .json, .csv or .npy")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--certificate", action="store_true", help="include the rank certificate")
    p.add_argument("--backend", choices=["auto", "flint", "python"], default="auto",
                   help="exact linear algebra backend (default: flint when installed)")
    p.add_argument("--max-memory", type=positive_gib, metavar="GIB",
                   help="refuse, before building it, a Jacobian estimated to need more than GIB GiB (default: 80%% "
                        "of this machine's RAM)")
    p.add_argument("--generic", action="store_true",
                   help="also r(Δ): the rank for generic θ with the same patterns (flags an exceptional θ)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random θ' for --generic (default 0)")
    p.add_argument("--targets", metavar="Y", help="targets, one row of n_L numbers per sample (as --inputs): also "
                   "the squared loss, whether θ is critical, the exact Hessian rank and the flat directions")
    p.set_defaults(func=cmd_dim)

    p = sub.add_parser("regions", help="exact activation regions, and on request linear regions and region graph")
    p.add_argument("network", metavar="NET.json", help="network file (format relugeom.network/1)")
    _add_domain_options(p)
    p.add_argument("--json", action="store_true", help="print one JSON object (every region)")
    p.add_argument("--graph", metavar="OUT", help="write the region graph (.graphml, or .json node-link); the graph "
                   "is built only with --graph or --linear (JSON keys linear_count, edges)")
    p.add_argument("--linear", action="store_true", help="also count the linear regions and the adjacencies (builds "
                   "the region graph; JSON keys linear_count, edges)")
    p.add_argument("--vertices", action="store_true", help="include each region's vertices and rays in the JSON "
                   "(left out by default: in d ≥ 4 they are most of its size)")
    p.add_argument("--show", type=nonnegative_int, default=10, metavar="N", help="regions listed in the summary (default 10)")
    p.add_argument("--faces", action="store_true", help="also count the faces of the complex (f-vector, Euler)")
    p.add_argument("--jsonl", metavar="OUT.jsonl", help="stream the regions to OUT.jsonl, one JSON object per line, "
                   "in bounded memory (no graph; written to a temporary file and renamed when complete)")
    p.add_argument("--workers", type=positive_int, default=1, metavar="N", help="processes sharing the enumeration (default 1)")
    p.set_defaults(func=cmd_regions)

    p = sub.add_parser("plot", help="draw the regions (2-D input) or the function (1-D input) to a PNG")
    p.add_argument("network", metavar="NET.json", help="network file (format relugeom.network/1)")
    _add_domain_options(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT.png", help="image file to write")
    p.add_argument("--inputs", metavar="X", help="samples to draw on top (.json, .csv or .npy)")
    p.add_argument("--title", help="figure title (default: the network file name)")
    p.add_argument("--colors", choices=["graph", "hash"], default="graph",
                   help="2-D: 'graph' (default) colours the region graph so that adjacent regions never share a "
                        "colour; 'hash' gives a pattern the same colour in every picture")
    p.add_argument("--labels", action="store_true", help="2-D: write each region's pattern inside it")
    p.add_argument("--heatmap", action="store_true", help="2-D: draw f as a heat map (exact on each region) instead "
                   "of the coloured regions")
    p.add_argument("--sampling", action="store_true",
                   help="instead: P[dim_bfun ≠ dim_cfun] for uniform samples of growing size vs the bound (docs/theory.md §3.5)")
    p.add_argument("--trials", type=positive_int, default=40, help="draws per sample size with --sampling (default 40)")
    p.add_argument("--seed", type=int, default=0, help="seed of the draws with --sampling (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_plot)

    for name, text in (("explore", "the regions, region graph and dimensions in the browser, a slider per weight and "
                                    "bias re-enumerating exactly (a local bokeh server)"),
                       ("report", "the explorer's views as one self-contained HTML file (opens offline)")):
        p = sub.add_parser(name, help=text)
        p.add_argument("network", metavar="NET.json", help="network file (JSON or .onnx), 1 or 2 inputs")
        _add_domain_options(p)
        p.add_argument("--inputs", metavar="X", help="a batch: its batch functional dimension and local dimension "
                       "are shown (and for a 1-1-1 or 1-m-1 network the parameter-space picture)")
        p.add_argument("--title", help="page title (default: the network file name)")
        p.add_argument("--json", action="store_true", help="print one JSON object")
        if name == "report":
            p.add_argument("-o", "--output", required=True, metavar="OUT.html", help="the HTML file to write")
            p.set_defaults(func=cmd_report)
        else:
            p.add_argument("--port", type=positive_int, default=5006, help="local port (default 5006)")
            p.add_argument("--browser", action=argparse.BooleanOptionalAction, default=True,
                           help="open the page in the default browser (default: yes)")
            p.set_defaults(func=cmd_explore)

    add_experiment_parser(sub, _add_executor, _add_progress)

    p = sub.add_parser("check", help="verify every claim of docs/theory.md §3 on its small exact range (the main job)")
    p.add_argument("--thorough", action="store_true", help="larger ranges (minutes)")
    p.add_argument("--claims", metavar="ID,ID", help="only these claims (ids such as regions.zaslavsky, or old names such as C22)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--markdown", metavar="FILE", help="also write the report as a Markdown table")
    p.add_argument("--budget", type=positive_seconds, metavar="SECONDS",
                   help="after each claim's exhaustive range, search the random stream of the default search space "
                        "for this many seconds (per claim)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random search and of random extras (default 0)")
    _add_executor(p)
    _add_progress(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("search", help="search small networks for a counterexample and shrink it",
                       description="Search small networks for a counterexample to a claim and shrink it. Exit "
                       "status: 0 when the search evaluated cases (a counterexample found or not); 1 when it was "
                       "inconclusive: no case evaluated, or a dropped hypothesis that no evaluated case violates; "
                       "2 on bad input. A structural hypothesis (such as no-boundary-sample: the claim is "
                       "undefined without it) cannot be dropped.")
    p.add_argument("claim", metavar="CLAIM", help="a claim id, e.g. shallow.rank-vs-regions-1d (or its old name C9; see docs/theory.md §4)")
    p.add_argument("--arch", action="append", type=architecture, metavar="1,3,1",
                   help="architecture(s) to search (repeatable)")
    p.add_argument("--weights", type=integer_range, metavar="LO..HI",
                   help="integer range of every weight and bias, e.g. -2..2 (LO ≤ HI)")
    p.add_argument("--drop-hypothesis", action="append", metavar="H", help="drop this hypothesis (repeatable)")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--exhaustive", action="store_true", help="every network of the range (the default)")
    how.add_argument("--examples", type=positive_int, metavar="K", help="K ≥ 1 random networks instead")
    p.add_argument("--seed", type=int, default=0, help="seed of the random choices (default 0)")
    p.add_argument("--seconds", type=positive_seconds, metavar="S",
                   help="stop after S seconds; time left after the exhaustive range goes to the random stream of the "
                        "default search space")
    p.add_argument("--out", metavar="PREFIX", help="write PREFIX.json and PREFIX.inputs.json (for relugeom dim)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    _add_executor(p)
    _add_progress(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("landscape", help="symmetry-induced subspace counts T(r, m), G(r, m) (Şimşek et al.)")
    p.add_argument("--table", action="store_true", help="print the tables (closed forms, checked by brute force)")
    p.add_argument("--r-max", type=positive_int, default=4, help="rows r = 1..R (default 4)")
    p.add_argument("--m-max", type=positive_int, default=8, help="columns m = 1..M (default 8)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_landscape)

    p = sub.add_parser("params", help="the partition of one layer's parameter space into cells of constant batch "
                       "pattern, with the local dimension of each cell")
    p.add_argument("network", metavar="NET.json", help="network file (format relugeom.network/1)")
    p.add_argument("--inputs", required=True, metavar="X", help="the batch (.json, .csv or .npy)")
    p.add_argument("--layer", type=int, required=True, metavar="L", help="free the parameters of layer L (1..depth)")
    p.add_argument("--free", metavar="NAMES", help="only these parameters of layer L, e.g. W1[0,0],b1[0]")
    p.add_argument("--box", metavar="B", help="only this box of the free parameters (as for regions)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random θ' of the local dimension (default 0)")
    p.add_argument("--max-cells", type=positive_int, metavar="K", help="stop with an error beyond K cells, before "
                   "their ranks are computed")
    _add_progress(p)
    p.add_argument("-o", "--output", metavar="OUT.png", help="draw the cells (two free parameters; box default 3)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_params)

    p = sub.add_parser("segment", help="exact restriction of f to a segment: breakpoints, pieces, gradient jumps "
                       "(after Kubo et al.) and relugeom's own gradient measures", description=(
        "The exact restriction of f to [x, x']: breakpoints t, affine pieces and input gradients; the jumps "
        "J_k of the input gradient at the breakpoints with their mean, deviation² and accumulated sum, a random "
        "walk (the measure after Kubo et al., arXiv:1903.01997, as described by secondary sources; JSON key "
        "gradient_jumps); and relugeom's own measures GGD², deflection, endpoint gradient gap and chord "
        "deviation (JSON key measures). Definitions: docs/theory.md §2.7."))
    p.add_argument("network", metavar="NET.json", help="network file (format relugeom.network/1)")
    p.add_argument("--from", dest="start", required=True, metavar="X", help='start point, e.g. --from=-1,1/2 (use = when it starts with -)')
    p.add_argument("--to", dest="end", required=True, metavar="X'", help='end point, e.g. --to=3/2,2')
    p.add_argument("-o", "--output", metavar="OUT.png", help="also plot f along the segment")
    p.add_argument("--title", help="plot title")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_segment)
    for command in sub.choices.values():
        command.add_argument("--no-timing", action="store_true",
                             help="leave the wall-clock times (the JSON 'timing' objects) out of --json, so that two "
                                  "runs with the same seed print byte-identical JSON")
        command.add_argument("--timeout", type=positive_seconds, metavar="S",
                             help="stop after S seconds of wall-clock time: exit 3, saying what was complete (with "
                                  "--json, {\"timeout\": S, \"complete\": false, \"partial\": {...}}); no partial "
                                  "output file is left")
    return parser


TIMING_KEYS = ("seconds", "random_seconds")


def split_timing(doc: object, keep: bool = True) -> object:
    """Move every wall-clock field of a JSON report into a ``timing`` object beside it (or drop them all).

    >>> split_timing({"ok": True, "seconds": 1.5, "claims": [{"name": "C1", "seconds": 0.2}]})
    {'ok': True, 'claims': [{'name': 'C1', 'timing': {'seconds': 0.2}}], 'timing': {'seconds': 1.5}}
    >>> split_timing({"ok": True, "seconds": 1.5}, keep=False)
    {'ok': True}
    """
    if isinstance(doc, list):
        return [split_timing(v, keep) for v in doc]
    if not isinstance(doc, dict):
        return doc
    out = {k: split_timing(v, keep) for k, v in doc.items() if k not in TIMING_KEYS}
    timing = {k: doc[k] for k in TIMING_KEYS if k in doc}
    if timing and keep:
        out["timing"] = timing
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 a failed check or an inconclusive search, 2 bad
    input, 3 timeout, 130 Ctrl-C, 143 SIGTERM; 141 when the reader of the output went away, e.g. ``| head``)."""
    try:
        return _main(argv)
    except BrokenPipeError:  # the reader closed the pipe: stop quietly, as Unix tools do
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _main(argv: Sequence[str] | None) -> int:
    from .limits import Terminated, TimedOut, deadline, partial, sigterm_unwinds

    parser = build_parser()
    warnings.showwarning = warn_one_line
    args = None
    try:
        with sigterm_unwinds():  # SIGTERM unwinds like Ctrl-C: no partial files
            args = parser.parse_args(join_dash_values(parser, list(sys.argv[1:] if argv is None else argv)))
            check_output_paths(args)
            with lifted_digits(), deadline(args.timeout):  # numbers of any length print (inputs are capped)
                result = args.func(args)
    except (RelugeomError, UsageError, OSError) as exc:
        print(f"relugeom: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("relugeom: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("relugeom: terminated", file=sys.stderr)
        return 143
    except TimedOut:
        done = partial()
        print(f"relugeom: timeout: stopped after {args.timeout:g} s; "
              f"{done.get('summary', 'nothing was complete')}", file=sys.stderr)
        if args.json:
            with lifted_digits():
                print(json.dumps({"timeout": args.timeout, "complete": False,
                                  "partial": split_timing(done.get("report", {}), keep=not args.no_timing)}))
        return 3
    if args.json:
        with lifted_digits():
            print(json.dumps(split_timing(result, keep=not args.no_timing)))
    return getattr(args, "exit_code", 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
