"""The ``relugeom regions`` and ``relugeom plot`` commands: input-space regions, streamed or whole, and
their pictures (the parser lives in :mod:`relugeom.cli`)."""

from __future__ import annotations

import argparse
import json
from functools import partial

from .argv import UsageError, progress_wanted
from .errors import RelugeomError
from .domain import Domain
from .inputs import load_inputs
from .network import ReLUNetwork

__all__ = ["cmd_regions", "cmd_plot", "cmd_report", "cmd_explore"]


def _domain(args: argparse.Namespace, net: ReLUNetwork) -> Domain:
    if getattr(args, "polytope", None):
        return Domain.load_polytope(args.polytope, net.n_inputs)
    if args.box:
        return Domain.parse_box(args.box, net.n_inputs)
    return Domain.space(net.n_inputs)


def _describe(domain: Domain, args: argparse.Namespace) -> str:
    if domain.kind == "space":
        return f"R^{domain.dim}"
    if domain.kind == "polytope":
        return f"the polytope {args.polytope}"
    lo, hi = domain.bounds
    axes = [f"[{l}, {h}]" for l, h in zip(lo, hi)]
    return f"{axes[0]}^{domain.dim}" if len(set(axes)) == 1 else " x ".join(axes)


def cmd_regions(args: argparse.Namespace) -> dict:
    from .graph import linear_regions, region_graph, write_graph
    from .regions import enumerate_regions

    net = ReLUNetwork.load(args.network)
    domain = _domain(args, net)
    if args.workers < 1:
        raise UsageError(f"--workers must be a positive integer, got {args.workers}")
    if args.jsonl:
        return _stream_regions(args, net, domain)
    progress = progress_wanted(args)
    regions = enumerate_regions(net, domain, max_regions=args.max_regions, progress=progress, workers=args.workers)
    out = regions.to_dict(vertices=args.vertices)
    out["bounded"] = sum(r.bounded for r in regions)
    graph_text = ""
    if args.graph or args.linear:  # the graph only when asked: it is the expensive part in d ≥ 4
        graph = region_graph(regions, progress=progress)
        out.update(linear_count=len(linear_regions(graph)), edges=graph.number_of_edges())
        graph_text = f", {out['linear_count']} linear regions, {out['edges']} adjacencies"
        if args.graph:
            write_graph(graph, args.graph)
    if args.faces:
        from .faces import euler_characteristic, f_vector, face_poset

        poset = face_poset(regions, progress=progress)
        out.update(f_vector=list(f_vector(poset)), euler_characteristic=euler_characteristic(poset))
    if not args.json:
        print(f"network {args.network}: {len(regions)} activation regions in {_describe(domain, args)} "
              f"({out['bounded']} bounded){graph_text}")
        for i, r in enumerate(regions.regions[: args.show]):
            pattern = "|".join("".join(map(str, p)) for p in r.pattern)
            point = ", ".join(str(v) for v in r.point)
            print(f"  region {i}: pattern {pattern}  point ({point})  {len(r.inequalities)} facets"
                  f"{'' if r.bounded else '  unbounded'}")
        if len(regions) > args.show:
            print(f"  … {len(regions) - args.show} more (--show N, or --json for all)")
        if args.faces:
            print(f"f-vector (vertices, edges, …, regions): {tuple(out['f_vector'])}; "
                  f"Euler characteristic {out['euler_characteristic']}")
        if args.graph:
            print(f"region graph written to {args.graph}")
    return out


def _json_line(region, vertices: bool) -> tuple[bool, str]:
    return region.bounded, json.dumps(region.to_dict(vertices)) + "\n"


def _stream_regions(args: argparse.Namespace, net: ReLUNetwork, domain: Domain) -> dict:
    """``regions --jsonl``: one region per line, the file complete or absent; each line is encoded by the
    process that found its region."""
    from .output import write_lines
    from .regions import iter_regions

    if args.graph or args.faces:
        raise UsageError("--jsonl streams the regions alone: it does not combine with --graph or --faces")
    bounded = 0

    def lines():
        nonlocal bounded
        for is_bounded, line in iter_regions(net, domain, max_regions=args.max_regions, workers=args.workers,
                                             progress=progress_wanted(args),
                                             encode=partial(_json_line, vertices=args.vertices)):
            bounded += is_bounded
            yield line

    count = write_lines(lines(), args.jsonl)
    if not args.json:
        print(f"network {args.network}: {count} activation regions in {_describe(domain, args)} "
              f"({bounded} bounded), one per line in {args.jsonl}")
    return {"count": count, "bounded": bounded, "jsonl": str(args.jsonl)}


def cmd_plot(args: argparse.Namespace) -> dict:
    from .plot import plot
    from .regions import enumerate_regions

    net = ReLUNetwork.load(args.network)
    domain = _domain(args, net)
    if domain.kind == "space":
        raise RelugeomError("plot needs a bounded domain: give --box B (e.g. --box 10 for [-10, 10]^d)")
    if args.sampling:
        from .plot import plot_sampling
        from .sampling import sampling_curve

        sizes = list(range(net.n_inputs + 1, 8 * (net.n_inputs + 1) * 4 + 1, net.n_inputs + 1))
        curve = sampling_curve(net, domain, sizes, args.trials, args.seed)
        plot_sampling(curve, args.output, title=args.title)
        if not args.json:
            print(f"sampling curve ({len(sizes)} sizes x {args.trials} draws) drawn to {args.output}")
        return {"sizes": sizes, "failures": list(curve.failures), "bounds": [str(b) for b in curve.bounds],
                "trials": args.trials, "dim_cfun": curve.dim_cfun, "output": str(args.output)}
    from .plot import samples_outside

    samples = load_inputs(args.inputs, net.n_inputs) if args.inputs else None
    regions = enumerate_regions(net, domain, max_regions=args.max_regions, progress=progress_wanted(args))
    options = {} if net.n_inputs != 2 else dict(colors=args.colors, labels=args.labels)
    plot(regions, args.output, samples=samples, title=args.title or str(args.network), heatmap=args.heatmap,
         **options)
    outside = samples_outside(regions, samples) if samples else []
    if not args.json:
        print(f"{len(regions)} regions drawn to {args.output}")
        if outside:
            where = "box" if domain.kind == "box" else "polytope"
            print(f"{len(outside)} of {len(samples)} samples lie outside the {where} and are not drawn "
                  f"(samples {', '.join(map(str, outside[:10]))}{', …' if len(outside) > 10 else ''})")
    return {"count": len(regions), "output": str(args.output), "samples_outside": outside}


def _view_inputs(args: argparse.Namespace, net: ReLUNetwork) -> tuple[Domain, object]:
    domain = _domain(args, net) if (args.box or args.polytope) else Domain.box(-3, 3, dim=net.n_inputs)
    if domain.kind == "space":
        raise RelugeomError("the views need a bounded domain: give --box B")
    if net.n_inputs not in (1, 2):
        raise RelugeomError(f"the views draw networks with 1 or 2 inputs, this one has {net.n_inputs}")
    samples = load_inputs(args.inputs, net.n_inputs) if args.inputs else None
    return domain, samples


def _bokeh() -> None:
    try:
        import bokeh  # noqa: F401
    except ImportError:
        raise RelugeomError('the browser views need bokeh: pip install "relugeom[explorer]"') from None


def cmd_report(args: argparse.Namespace) -> dict:
    """``relugeom report``: the explorer's views as one self-contained HTML file."""
    from .explorer import report_html
    from .output import write_text

    _bokeh()
    net = ReLUNetwork.load(args.network)
    domain, samples = _view_inputs(args, net)
    write_text(args.output, report_html(net, domain, samples, title=args.title or str(args.network)))
    if not args.json:
        print(f"report written to {args.output} (self-contained: it opens offline)")
    return {"output": str(args.output)}


def cmd_explore(args: argparse.Namespace) -> dict:  # pragma: no cover - runs until stopped (tested in a browser)
    """``relugeom explore``: the views with a slider per weight and bias, on a local bokeh server."""
    from .explorer import serve

    _bokeh()
    net = ReLUNetwork.load(args.network)
    domain, samples = _view_inputs(args, net)
    serve(net, domain, samples, port=args.port, show=args.browser, title=args.title or str(args.network))
    return {}
