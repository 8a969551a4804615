"""Parameter space (docs/theory.md §3.11): the cells of :mod:`relugeom.parameter_space` checked as a
partition with constant local dimension.

* ``params.cells-partition``: for two free parameters of layer 1 (``W1[0,0]`` and ``b1[0]``) in the box
  ``[−3, 3]²``: the cells tile the box (their areas sum to 36, exactly); the local dimension is the same at a
  second interior point of each cell (where the batch pattern is the cell's); and crossing a wall between two
  cells changes the pattern of exactly the samples whose hyperplanes make the wall.

Run: ``python -m proofs_checks parameter_space [--thorough] [--json]``.
"""

from __future__ import annotations

from fractions import Fraction

from relugeom.claims import Case, Claim, Outcome, Range, Skip, register
from relugeom.domain import Domain
from relugeom.errors import BoundaryError
from relugeom.generic import generic_rank
from relugeom.graph import region_graph
from relugeom.network import ReLUNetwork
from relugeom.jacobian import batch_patterns
from relugeom.parameter_space import lifted_network
from relugeom.regions import enumerate_regions
from relugeom.sampling import region_volume

from .common import BATCHES_1D, BATCHES_2D, nonempty_batch

BOX = Domain.box(-3, 3, dim=2)
_EXAMPLES = (ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])]),           # 3 relu(x) + 2 relu(1 − x) + 1
             ReLUNetwork.from_arrays([([[1], [1]], [0, -1]), ([[1, -1]], [0])]),          # the tent
             ReLUNetwork.from_arrays([([[2], [-1]], [1, 0]), ([[1, 1]], [0]), ([[1]], [0])]))


def _cells_partition(case: Case) -> Outcome:
    net, batch = case.network, nonempty_batch(case)
    if net.n_hidden > 4 or len(batch) > 4:
        raise Skip("kept to at most 4 hidden neurons and 4 samples")
    names = net.parameter_names()
    free = [names.index("W1[0,0]"), names.index("b1[0]")]
    regions = enumerate_regions(lifted_network(net, batch, 1, free), BOX)
    problems = []
    area = sum((region_volume(r) for r in regions.regions), Fraction(0))
    if area != 36:
        problems.append(f"the cells cover area {area} of 36")
    width = net.architecture[1]
    theta = list(net.parameters())

    def at(point):
        values = list(theta)
        values[free[0]], values[free[1]] = point
        return net.with_parameters(values)

    def samples_of(pattern_a, pattern_b):
        n = len(batch)
        return {j for j in range(n)
                if any(a[j * w:(j + 1) * w] != b[j * w:(j + 1) * w]
                       for a, b, w in zip(pattern_a, pattern_b, net.architecture[1:-1]))}

    local = []
    for r in regions.regions:
        verts = r.vertices
        centroid = tuple(sum(v[k] for v in verts) / len(verts) for k in range(2))
        other = tuple((p + c) / 2 for p, c in zip(r.point, centroid))
        try:
            pats_a, pats_b = batch_patterns(at(r.point), batch), batch_patterns(at(other), batch)
        except BoundaryError:
            raise Skip("a neuron identically 0 on a cell (every point is a boundary point)") from None
        if pats_a != pats_b:
            problems.append(f"the pattern changes inside the cell at {r.point}")
            continue
        ga, gb = generic_rank(at(r.point), batch, pats_a), generic_rank(at(other), batch, pats_b)
        local.append(ga.rank)
        if ga.rank != gb.rank:
            problems.append(f"local dimension {ga.rank} at {r.point} but {gb.rank} at {other}")
    graph = region_graph(regions)
    for i, j in graph.edges:
        a, b = regions.regions[i], regions.regions[j]
        keys = {(q.normal, q.offset): q.sources for q in a.inequalities}
        wall = [src for q in b.inequalities
                for src in keys.get((tuple(-v for v in q.normal), -q.offset), ())]
        wall_samples = {s[2] // width for s in wall if s[0] == "neuron" and s[1] == 1}
        wall_samples |= {s[2] // net.architecture[s[1]] for s in wall if s[0] == "neuron" and s[1] > 1}
        changed = samples_of(a.pattern, b.pattern)
        if changed != wall_samples:
            problems.append(f"crossing the wall between cells {i} and {j} changes samples {sorted(changed)}, "
                            f"the wall belongs to samples {sorted(wall_samples)}")
    return Outcome(not problems, f"{len(regions.regions)} cells in [−3, 3]², local dimensions {sorted(local)}"
                   + ("; " + "; ".join(problems[:3]) if problems else ""),
                   {"cells": len(regions.regions), "area": str(area), "local_dimensions": sorted(local)})


register(Claim(
    "params.cells-partition", "the parameter-space cells tile the box with constant local dimension",
    "free W1[0,0] and b1[0] (the other parameters at θ) in [−3, 3]²: the cells of constant batch pattern cover the "
    "box (areas sum to 36), the local dimension r(Δ) is the same at two interior points of each cell, and crossing "
    "a wall changes the pattern of exactly the samples whose hyperplanes make it",
    _cells_partition,
    default=Range(((1, 1, 1),), (-1, 1), (BATCHES_1D[1],), networks=_EXAMPLES),
    thorough=Range(((1, 1, 1), (1, 2, 1), (2, 1, 1), (1, 1, 2)), (-1, 1), (BATCHES_1D[1], BATCHES_2D[0]))))
