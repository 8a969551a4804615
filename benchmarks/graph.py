"""Benchmark: the region graph against the enumeration it comes from (issue 16, item 4).

For torch-default-init networks (:func:`float_lp.torch_like_network`) in the box [-1, 1]^d, the script
times ``enumerate_regions``, then ``region_graph`` by patterns (the default: the pattern just beyond each
facet, looked up) and by pairs (the oracle: candidate pairs on a shared hyperplane, each decided by an
exact facet test). It checks that both graphs are equal and reports the graph's time as a multiple of
the enumeration's in the same run. Target: at most 2x at 6-8-1 and 4-16-1.

    python benchmarks/graph.py                # about 1 min here (the pairs oracle is the slow part)
    python benchmarks/graph.py --no-pairs     # without the oracle: a few seconds
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from float_lp import torch_like_network
from relugeom.domain import Domain
from relugeom.graph import region_graph
from relugeom.regions import enumerate_regions

CASES = ((6, 8, 1), (4, 16, 1), (2, 32, 32, 1))
TARGET = 2.0


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def _edges(graph) -> set:
    return {(min(i, j), max(i, j), d) for i, j, d in graph.edges(data="neurons")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-pairs", action="store_true", help="skip the pairwise oracle")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows, status = [], 0
    for arch in CASES:
        net = torch_like_network(arch, args.seed)
        regions, t_enum = _timed(lambda: enumerate_regions(net, Domain.box(-1, 1, dim=arch[0])))
        graph, t_graph = _timed(lambda: region_graph(regions))
        row = {"network": "-".join(map(str, arch)), "regions": len(regions), "edges": graph.number_of_edges(),
               "enumerate_s": round(t_enum, 3), "graph_s": round(t_graph, 3), "graph_x_enumerate": round(t_graph / t_enum, 2)}
        if not args.no_pairs and arch[0] > 2 or (not args.no_pairs and len(regions) < 3000):
            oracle, t_pairs = _timed(lambda: region_graph(regions, method="pairs"))
            row.update(pairs_s=round(t_pairs, 3), pairs_x_enumerate=round(t_pairs / t_enum, 2),
                       same_graph=_edges(oracle) == _edges(graph))
            status |= 2 * (not row["same_graph"])
        rows.append(row)
        if not args.json:
            pairs = (f"; pairs oracle {row['pairs_s']:.2f} s ({row['pairs_x_enumerate']:.1f}x), same graph: "
                     f"{row['same_graph']}") if "pairs_s" in row else ""
            print(f"{row['network']}: {row['regions']} regions, {row['edges']} edges; enumerate {t_enum:.2f} s, "
                  f"graph {t_graph:.2f} s = {row['graph_x_enumerate']:.2f}x (target <= {TARGET}){pairs}", flush=True)
    if args.json:
        print(json.dumps({"rows": rows, "target": TARGET}))
    return status


if __name__ == "__main__":
    sys.exit(main())
