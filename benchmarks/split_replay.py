"""Benchmark: ``Polyhedron.split`` of this checkout against another's, on the same recorded splits, in one process.

This machine's speed drifts by ±10–30 % between runs seconds apart, more than most changes to the split
gain, so timing two checkouts one after the other cannot tell them apart. This script records the large
splits (cells of at least ``exact.lp.VECTOR_MIN`` generators, every ``--every``-th one) of an enumeration
of a torch-init network, loads the other checkout's ``relugeom`` under another name in the same process,
and times both ``split`` methods on those cells alternately (each going first every other time, the
cyclic collector off as during an enumeration), ``--repeats`` times, in CPU time. It reports
the best and the median ratio, and exits 2 if the two give different parts (generators or tight sets).

    python benchmarks/split_replay.py --baseline /tmp/base --arch 6-16-16-1 --regions 3000
    python benchmarks/split_replay.py --baseline /tmp/base --arch 8-8-8-1 --regions 1500 --repeats 10
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import itertools
import sys
import time
from pathlib import Path

from float_lp import torch_like_network
from relugeom.domain import Domain
from relugeom.exact import lp
from relugeom.regions import iter_regions


def record(arch: tuple[int, ...], regions: int, every: int) -> list[tuple]:
    """``(dim, constraint count, generators, tight, g)`` of every ``every``-th large split of the first
    ``regions`` regions (the network of ``float_lp.torch_like_network(arch, 0)`` in [-10, 10]^d)."""
    net = torch_like_network(arch, 0)
    seen, out = itertools.count(), []
    original = lp.Polyhedron.split

    def recording(self, g, label):
        if len(self.generators) >= lp.VECTOR_MIN and next(seen) % every == 0:
            out.append((self.dim, len(self.constraints), list(self.generators), list(self.tight), g))
        return original(self, g, label)

    lp.Polyhedron.split = recording
    try:
        for _ in itertools.islice(iter_regions(net, Domain.box(-10, 10, net.n_inputs)), regions):
            pass
    finally:
        lp.Polyhedron.split = original
    return out


def load_checkout(root: Path):
    """The ``relugeom.exact.lp`` module of the checkout at ``root``, as package ``relugeom_baseline``."""
    spec = importlib.util.spec_from_file_location("relugeom_baseline", root / "relugeom" / "__init__.py",
                                                  submodule_search_locations=[str(root / "relugeom")])
    module = importlib.util.module_from_spec(spec)
    sys.modules["relugeom_baseline"] = module
    spec.loader.exec_module(module)
    return importlib.import_module("relugeom_baseline.exact.lp")


def cells(module, splits: list[tuple]) -> list[tuple]:
    """The recorded cells as ``module.Polyhedron`` objects, their float rows computed (as in enumeration,
    where a cell inherits them from its parent)."""
    out = []
    for dim, n, gens, tight, g in splits:
        poly = module.Polyhedron(dim, [None] * n, [None] * n, gens, tight)
        poly._floats()
        out.append((poly, g))
    return out


def same(a: list[tuple], b: list[tuple]) -> bool:
    for (p, g), (q, _) in zip(a, b):
        for x, y in zip(p.split(g, "x"), q.split(g, "x")):
            if (x is None) != (y is None) or (x is not None and (x.generators != y.generators or x.tight != y.tight)):
                return False
    return True


def timed(polys: list[tuple]) -> float:
    start = time.process_time()
    for poly, g in polys:
        poly.split(g, "x")
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="another relugeom checkout")
    parser.add_argument("--arch", default="6-16-16-1")
    parser.add_argument("--regions", type=int, default=3000, help="regions enumerated while recording")
    parser.add_argument("--every", type=int, default=10, help="record every k-th large split")
    parser.add_argument("--repeats", type=int, default=8)
    args = parser.parse_args(argv)
    if not (args.baseline / "relugeom" / "__init__.py").is_file():
        print(f"split_replay: no relugeom checkout at {args.baseline}", file=sys.stderr)
        return 2
    arch = tuple(int(v) for v in args.arch.split("-"))
    splits = record(arch, args.regions, args.every)
    if not splits:
        print(f"split_replay: no cell of {args.arch} had {lp.VECTOR_MIN} generators; try a higher dimension",
              file=sys.stderr)
        return 2
    ours, theirs = cells(lp, splits), cells(load_checkout(args.baseline), splits)
    if not same(ours, theirs):
        print("split_replay: the two checkouts give different parts", file=sys.stderr)
        return 2
    t_ours, t_theirs = [], []
    gc.disable()  # as during an enumeration (relugeom.collector)
    try:
        for i in range(args.repeats):  # alternately first: neither gains from going second
            if i % 2:
                t_ours.append(timed(ours))
                t_theirs.append(timed(theirs))
            else:
                t_theirs.append(timed(theirs))
                t_ours.append(timed(ours))
    finally:
        gc.enable()
    ratios = sorted(a / b for a, b in zip(t_ours, t_theirs))
    mean_gens = sum(len(s[2]) for s in splits) / len(splits)
    print(f"{args.arch}: {len(splits)} splits of cells with {mean_gens:.0f} generators on average; "
          f"CPU s, best of {args.repeats}: this checkout {min(t_ours):.3f}, baseline {min(t_theirs):.3f}; "
          f"this / baseline: best {min(t_ours) / min(t_theirs):.3f}, median of pairs {ratios[len(ratios) // 2]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
