"""The partition of parameter space (relugeom.parameter_space), checked against independent computations:
each cell's pattern is the network's own pattern at the cell's point, its rank the exact Jacobian rank there,
the cells of a box tile it (areas sum to the box area exactly), and the authors' (1,1,1) picture comes out."""

import json
import math
import random
from fractions import Fraction

import pytest

from relugeom import BoundaryError, ReLUNetwork, batch_functional_dimension
from relugeom.cli import main
from relugeom.dimension import region_bound
from relugeom.domain import Domain
from relugeom.errors import RelugeomError
from relugeom.generic import proved_upper_bound
from relugeom.jacobian import batch_patterns
from relugeom.parameter_space import parameter_partition
from relugeom.sampling import region_volume
from relugeom.regions import enumerate_regions

RELU = ReLUNetwork.from_arrays([([[1]], [0]), ([[1]], [0])])  # (1,1,1): v relu(w x + b) + c
X012 = [[0], [1], [2]]


def _angle(cell):
    w, b = cell.point["W1[0,0]"], cell.point["b1[0]"]
    return math.atan2(float(b), float(w))  # float-ok: only to order the cells around the origin


def test_the_authors_picture_six_cells_around_the_origin():
    part = parameter_partition(RELU, X012, layer=1)
    around = sorted(part.cells, key=_angle)
    dims = [c.local_dimension for c in around]
    k = dims.index(1)
    assert part.count == 6 and dims[k:] + dims[:k] == [1, 2, 3, 2, 3, 2]
    assert all(not c.exceptional and not c.bounded for c in part.cells)
    # certified exactly where r(Δ) meets the proved bound; the structural and affine per-region bounds (§2.3)
    # reach it in every cell (the all-inactive cell: only c matters, r(Δ) = 1, where the old per-region
    # bound said 2); the per-region bound alone certifies only 3 of the 6
    batch = tuple((Fraction(x[0]),) for x in X012)
    assert [c.certified for c in around] == [c.local_dimension == proved_upper_bound(RELU, batch, c.patterns)
                                             for c in around]
    assert all(c.certified for c in around)
    bounds = [min(RELU.n_params - RELU.n_hidden, len(batch), region_bound(RELU, batch, c.patterns)) for c in around]
    assert sum(c.local_dimension == b for c, b in zip(around, bounds)) == 3
    walls = {lab for c in part.cells for labs in c.labels for lab in labs}
    assert walls == {f"sample {j}, layer 1 neuron 0" for j in range(3)}


def _check_cells(net, batch, layer, free=None, domain=None):
    part = parameter_partition(net, batch, layer, free, domain)
    theta = list(net.parameters())
    names = net.parameter_names()
    for cell in part.cells:
        values = list(theta)
        for name, v in cell.point.items():
            values[names.index(name)] = v
        at = net.with_parameters(values)
        try:
            assert batch_patterns(at, batch) == cell.patterns  # independent: the network's own patterns there
            assert batch_functional_dimension(at, batch).rank == cell.rank
        except BoundaryError:  # a neuron identically 0 on the cell: the regions' convention (inactive) applies
            pass
        assert cell.rank <= cell.local_dimension
    return part


@pytest.mark.parametrize("seed", range(6))
def test_cells_match_the_network_at_their_points(seed):
    rng = random.Random(seed)
    arch = rng.choice([(1, 2, 1), (2, 2, 1), (1, 2, 2, 1)])
    n_params = sum(o * (i + 1) for i, o in zip(arch, arch[1:]))
    template = ReLUNetwork.from_arrays([([[0] * i for _ in range(o)], [0] * o) for i, o in zip(arch, arch[1:])])
    net = template.with_parameters([rng.choice((-2, -1, 1, 2)) for _ in range(n_params)])
    layer = rng.randint(1, net.depth - 1)
    names = [n for n in net.parameter_names() if n.startswith((f"W{layer}[", f"b{layer}["))]
    free = rng.sample(names, 2)
    for _ in range(50):  # redraw a batch with a sample on a boundary of a fixed layer (not a skip)
        batch = [[Fraction(rng.randint(-7, 7), 3) for _ in range(arch[0])] for _ in range(3)]
        try:
            _check_cells(net, batch, layer, free)
            return
        except BoundaryError:
            continue
    raise AssertionError("no batch off the fixed layers' boundaries in 50 draws")


def test_the_cells_of_a_box_tile_it_exactly():
    net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])  # (1,2,1)
    box = Domain.box(-3, 3, dim=2)
    part = _check_cells(net, [[-2], ["1/2"], [2]], layer=1, free=["W1[0,0]", "b1[0]"], domain=box)
    lifted_regions = enumerate_regions(
        __import__("relugeom.parameter_space", fromlist=["lifted_network"]).lifted_network(
            net, tuple((Fraction(v),) for v in (-2, Fraction(1, 2), 2)), 1, [0, 2]), box)
    assert part.count == len(lifted_regions.regions)
    assert sum(region_volume(r) for r in lifted_regions.regions) == 36


def test_one_free_parameter_is_a_strip_and_the_output_layer_has_one_cell():
    part = parameter_partition(RELU, X012, layer=1, free=["b1[0]"])
    assert part.count == 4  # b = 0, −1, −2 cut the line: 4 intervals
    shallow = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])
    assert parameter_partition(shallow, [[-2], ["1/2"], [2]], layer=2).count == 1  # the output layer cuts nothing
    with pytest.raises(BoundaryError):  # x = 0 is on the boundary of the fixed layer 1
        parameter_partition(RELU, X012, layer=2)


@pytest.mark.parametrize("free, message", [(["W9[0,0]"], "no parameter"), (["W1[0,0]", "W2[0,0]"], "one layer"),
                                            (["b1[0]", "b1[0]"], "once")])
def test_bad_free_parameters_are_refused(free, message):
    with pytest.raises(RelugeomError, match=message):
        parameter_partition(RELU, X012, layer=1, free=free)


def test_cli_params_json_keys(capsys, tmp_path):
    net, inputs = tmp_path / "n.json", tmp_path / "x.json"
    RELU.save(net)
    inputs.write_text(json.dumps({"inputs": X012}))
    assert main(["params", str(net), "--inputs", str(inputs), "--layer", "1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["count"] == 6 and {"pattern", "point", "local_dimension", "rank", "inequalities"} <= set(doc["cells"][0])
    assert main(["params", str(net), "--inputs", str(inputs), "--layer", "1", "--free", "W1[0,0],W2[0,0]"]) == 2
    assert "one layer" in capsys.readouterr().err


def test_cells_partition_claim_holds_and_catches_a_broken_partition(monkeypatch):
    from relugeom.claims import Case, check_claim, get_claim

    claim = get_claim("params.cells-partition")
    report = check_claim(claim)
    assert report.ok and report.cases > 50
    import proofs_checks.parameter_space as P

    monkeypatch.setattr(P, "region_volume", lambda region: Fraction(1))  # a wrong area must be reported
    net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[3, 2]], [1])])
    assert not claim.evaluate(Case(net, ((Fraction(-5, 3),), (Fraction(-2, 3),), (Fraction(4, 3),)))).holds


def test_params_picture_is_written_and_a_bad_format_refused_before_computing(capsys, tmp_path):
    net, inputs = tmp_path / "n.json", tmp_path / "x.json"
    RELU.save(net)
    inputs.write_text(json.dumps({"inputs": X012}))
    png = tmp_path / "cells.png"
    assert main(["params", str(net), "--inputs", str(inputs), "--layer", "1", "-o", str(png), "--json"]) == 0
    assert png.stat().st_size > 10_000 and json.loads(capsys.readouterr().out)["count"] == 6
    assert main(["params", str(net), "--inputs", str(inputs), "--layer", "1", "-o", str(tmp_path / "x.xyz")]) == 2
    assert "png" in capsys.readouterr().err
    strip = tmp_path / "strip.png"  # one free parameter: the 1-D strip, walls at b = 0, −1, −2
    assert main(["params", str(net), "--inputs", str(inputs), "--layer", "1", "--free", "b1[0]", "-o", str(strip),
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert strip.stat().st_size > 5_000 and [c["local_dimension"] for c in
                                             sorted(out["cells"], key=lambda c: Fraction(c["point"]["b1[0]"]))] == [1, 2, 3, 2]
    wide = ReLUNetwork.from_arrays([([[1], [2]], [0, 1]), ([[1, 1]], [0])])
    wide.save(net)
    assert main(["params", str(net), "--inputs", str(inputs), "--layer", "1", "-o", str(png)]) == 2
    assert "one or two free parameters" in capsys.readouterr().err


def _cell_key(c):
    """What a cell is, independent of the interior point chosen (the rank at the point may differ)."""
    return (c.patterns, c.local_dimension, c.bounded, frozenset((q.normal, q.offset, q.sources) for q in c.inequalities))


@pytest.mark.parametrize("arch, n, layer, box, seed", [((1, 2, 1), 5, 1, 3, 0), ((1, 3, 1), 4, 1, None, 1),
                                                        ((2, 2, 1), 4, 1, 2, 2), ((1, 2, 2, 1), 3, 2, None, 3),
                                                        ((2, 2, 2), 3, 1, None, 4)])
def test_the_product_of_per_neuron_arrangements_gives_the_lifted_cells(arch, n, layer, box, seed):
    """The fast path (one arrangement per neuron, multiplied) against the lifted network's regions: the same
    patterns, inequalities (with their sources) and local dimensions; each product point lies in its cell."""
    rng = random.Random(seed)
    net = ReLUNetwork.from_arrays([([[rng.randint(-4, 4) for _ in range(a)] for _ in range(b)],
                                    [rng.randint(-4, 4) for _ in range(b)]) for a, b in zip(arch, arch[1:])])
    batch = [[rng.randint(-5, 5) for _ in range(arch[0])] for _ in range(n)]
    n_free = arch[layer] * (arch[layer - 1] + 1)
    domain = Domain.box(-box, box, dim=n_free) if box else None
    fast = parameter_partition(net, batch, layer, domain=domain, method="product")
    slow = parameter_partition(net, batch, layer, domain=domain, method="lifted")
    assert fast.regions is None and fast.count == slow.count > 1
    assert sorted(map(_cell_key, fast.cells), key=repr) == sorted(map(_cell_key, slow.cells), key=repr)
    for c in fast.cells:
        assert c.rank <= c.local_dimension
        p = list(c.point.values())
        assert all(sum(a * v for a, v in zip(q.normal, p)) < q.offset for q in c.inequalities)


def test_the_product_method_refuses_where_it_does_not_apply():
    net = ReLUNetwork.from_arrays([([[1], [2]], [0, 1]), ([[1, 1]], [0]), ([[1]], [0])])  # layer 1 not last hidden
    with pytest.raises(RelugeomError, match="last hidden layer"):
        parameter_partition(net, X012, 1, method="product")
    with pytest.raises(RelugeomError, match="method"):
        parameter_partition(net, X012, 1, method="fast")


@pytest.mark.parametrize("extra, message", [
    (["--free", "W9[0,0]"], "no parameter named"),
    (["--free", "W1[0,0],W2[0,0]"], "would not be polyhedra"),
    (["--layer", "3"], "not a layer"),
    (["--free", "b1[0]", "--box", "1,1"], "1 free parameters"),
    (["--box", "-1:-2"], "not below"),
])
def test_params_bad_input_is_one_line_and_exit_2(capsys, tmp_path, extra, message):
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "examples"
    argv = ["params", str(examples / "relu_111.json"), "--inputs", str(examples / "relu_111_inputs.json"),
            "--layer", "1"] + extra
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
