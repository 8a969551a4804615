"""The fast paths of the exact polyhedra against their slow, obviously-right forms: the float screen
``Polyhedron.sides`` against exact signs at every generator, and the indexed adjacency test against the
pairwise one; and region enumeration with incremental pre-activations against a dense recomputation."""

import itertools
import random
import signal
import sys
from fractions import Fraction

import pytest

from hypothesis import assume, given, settings, strategies as st

from relugeom import BoundaryError, ReLUNetwork
from relugeom.domain import Domain
from relugeom.errors import InputError
from relugeom.exact.lp import Polyhedron
from relugeom.regions import enumerate_regions, iter_regions

SETTINGS = settings(max_examples=60, deadline=None)


@st.composite
def polyhedra(draw):
    """A box in R^d cut by a few random integer half-spaces (degenerate ones included), and test rows."""
    d = draw(st.integers(1, 4))
    big = draw(st.sampled_from((1, 10**30, 2**600)))  # huge coefficients too: beyond float range products
    rows = [[draw(st.integers(-2, 2)) * big for _ in range(d)] for _ in range(draw(st.integers(0, 4)))]
    a = [[-int(i == j) for j in range(d)] for i in range(d)] + [[int(i == j) for j in range(d)] for i in range(d)] + rows
    b = [3] * (2 * d) + [draw(st.integers(-2, 2)) * big for _ in rows]
    poly = Polyhedron.from_inequalities(a, b)
    tests = [tuple(draw(st.integers(-3, 3)) * big for _ in range(d + 1)) for _ in range(draw(st.integers(1, 6)))]
    return poly, tests


def _values(poly, g):
    """``g`` at every generator, exactly."""
    return [sum(x * y for x, y in zip(g, u)) for u in poly.generators]


def _exact_side(poly, g):
    values = _values(poly, g)
    return 1 if all(v > 0 for v in values) else -1 if all(v < 0 for v in values) else 0


@SETTINGS
@given(polyhedra())
def test_the_float_screen_never_decides_wrongly(case):
    poly, tests = case
    assume(poly is not None)  # about one draw in eight cuts the box away entirely
    for g, side in zip(tests, poly.sides(tests)):
        assert side == 0 or side == _exact_side(poly, g)


def test_the_float_screen_decides_the_easy_rows():
    poly = Polyhedron.from_inequalities([[-1, 0], [0, -1], [1, 0], [0, 1]], [0, 0, 1, 1])  # the unit square
    assert poly.sides([(1, 1, 1), (-1, 0, -1), (1, 0, 0), (1, -1, 0)]) == [1, -1, 0, 0]  # touching, cutting: 0


def _pairs_pairwise(poly, pos, neg):
    """The adjacency test as first written: every pair, combinatorially."""
    tight, dim, need, out = poly.tight, poly.dim, poly.dim - 1, []
    for u in pos:
        for v in neg:
            common = tight[u] & tight[v]
            size = common.bit_count()
            if size < need:
                continue
            if not (size == need and (tight[u].bit_count() == dim or tight[v].bit_count() == dim)):
                if any(t & common == common for w, t in enumerate(tight) if w != u and w != v):
                    continue
            out.append((u, v))
    return out


@SETTINGS
@given(polyhedra())
def test_indexed_adjacency_equals_the_pairwise_test(case):
    poly, tests = case
    assume(poly is not None)  # about one draw in eight cuts the box away entirely
    for g in tests:
        values = _values(poly, g)
        pos = [i for i, v in enumerate(values) if v > 0]
        neg = [i for i, v in enumerate(values) if v < 0]
        assert poly._adjacent_pairs(pos, neg) == _pairs_pairwise(poly, pos, neg)


@SETTINGS
@given(polyhedra())
def test_the_numpy_incidence_kernels_equal_the_loops(case):
    """exact.incidence (edges and faces of large cells, on uint64 masks) against the pairwise adjacency
    test and the definition of a face, on every cell size — including degenerate cells."""
    from relugeom.exact import incidence

    poly, tests = case
    assume(poly is not None)
    for g in tests:
        values = _values(poly, g)
        pos = [i for i, v in enumerate(values) if v > 0]
        neg = [i for i, v in enumerate(values) if v < 0]
        assert incidence.adjacent_pairs(poly.tight, pos, neg, poly.dim) == _pairs_pairwise(poly, pos, neg)
    defined = [sum(1 << i for i, t in enumerate(poly.tight) if t >> k & 1) for k in range(len(poly.constraints))]
    assert incidence.faces(poly.tight, len(poly.constraints)) == defined


def _facets_by_definition(faces: list[int]) -> tuple[int, ...]:
    """Polyhedron.facets as first written: a nonempty face that no other face contains strictly, not the
    face of constraint 0, the first constraint of each; every pair compared."""
    out, seen = [], {faces[0]}
    for k in range(1, len(faces)):
        f = faces[k]
        if f and f not in seen and not any(g != f and g & f == f for g in faces):
            seen.add(f)
            out.append(k)
    return tuple(out)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 2**12 - 1), min_size=1, max_size=24), st.data())
def test_facets_by_maximal_faces_equal_the_definition(faces, data):
    """The largest-first facet search against every-pair comparison, on arbitrary face bitmasks (nested,
    repeated, empty, and inside or equal to constraint 0's) and on the faces of random cells."""
    if data.draw(st.booleans()):  # repeat some faces, and put some inside others
        for _ in range(data.draw(st.integers(0, 6))):
            i, j = data.draw(st.integers(0, len(faces) - 1)), data.draw(st.integers(0, len(faces) - 1))
            faces[i] = faces[j] if data.draw(st.booleans()) else faces[i] & faces[j]
    assert Polyhedron.facets(None, faces) == _facets_by_definition(faces)
    poly, _ = data.draw(polyhedra())
    if poly is not None:
        assert poly.facets() == _facets_by_definition(poly._faces())


@SETTINGS
@given(polyhedra())
def test_float_screened_splits_equal_the_exact_loop(case):
    """``split`` on a large cell (float-screened signs, exact values on demand, numpy incidence) against
    the all-exact loop: the same parts, generators, masks and constraints — huge coefficients included."""
    from unittest import mock

    import relugeom.exact.lp as lp_module

    poly, tests = case
    assume(poly is not None)

    def parts(vector_min):
        with mock.patch.object(lp_module, "VECTOR_MIN", vector_min):
            fresh = Polyhedron(poly.dim, poly.constraints, poly.labels, poly.generators, poly.tight)
            out = []
            for g in tests:
                for part in fresh.split(g, "g"):
                    out.append(None if part is None else (part.generators, part.tight, part.constraints))
                    if part is not None:  # and the children, which carry the float rows on
                        out.append(part.sides(tests))
            return out

    assert parts(1) == parts(10**9)


def test_the_float_screen_leaves_cancelling_values_to_exact_arithmetic():
    """``2^60 x + y - 2^60`` on the unit square is 1 at (1, 1), 0 in floats: it must still cut off a corner."""
    from unittest import mock

    import relugeom.exact.lp as lp_module

    square = Polyhedron.from_inequalities([[-1, 0], [0, -1], [1, 0], [0, 1]], [0, 0, 1, 1])
    g = (2**60, 1, -2**60)
    with mock.patch.object(lp_module, "VECTOR_MIN", 1):
        plus, minus = square.split(g, "g")
    assert plus is not None and minus is not None
    assert set(plus.vertices()) == {(1, 1), (1, 0), (Fraction(2**60 - 1, 2**60), 1)}  # (1, 0) is on the line


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10**6), st.integers(3, 5), st.booleans())
def test_numpy_incidence_gives_the_loops_regions(seed, d, whole_space):
    """Regions with exact.incidence on every cell (VECTOR_MIN = 1) and on none: byte-identical, on
    degenerate small-integer networks in dimension 3 to 5, where cells carry many vertices."""
    import relugeom.exact.lp as lp_module

    _same_regions_either_way(lp_module, "VECTOR_MIN", seed, d, (4, 7), whole_space)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10**6), st.integers(2, 5), st.booleans())
def test_screened_grid_points_give_the_exact_search_regions(seed, d, whole_space):
    """Regions' points with the float screen of grid_points on in every dimension (SCREEN_DIM = 1) and
    nowhere: byte-identical, on degenerate small-integer networks (grid points on the zero sets)."""
    import relugeom.grid_points as grid_points_module

    _same_regions_either_way(grid_points_module, "SCREEN_DIM", seed, d, (4, 7), whole_space)


def _same_regions_either_way(module, switch: str, seed: int, d: int, widths: tuple[int, int], whole_space: bool):
    """A degenerate small-integer d-w-4-1 network (coincident and parallel zero sets, vertices on them):
    byte-identical regions with ``module.switch`` at 1 (the fast path everywhere) and huge (nowhere)."""
    from unittest import mock

    rng = random.Random(seed)
    w = rng.randint(*widths)
    net = ReLUNetwork.from_arrays([([[rng.randint(-2, 2) for _ in range(d)] for _ in range(w)],
                                    [rng.randint(-2, 2) for _ in range(w)]),
                                   ([[rng.randint(-1, 1) for _ in range(w)] for _ in range(4)], [0, 1, -1, 0]),
                                   ([[1, 1, 1, 1]], [0])])
    domain = None if whole_space else Domain.box(-3, 3, dim=d)
    with mock.patch.object(module, switch, 1):
        fast = enumerate_regions(net, domain).to_dict()
    with mock.patch.object(module, switch, 10**9):
        assert enumerate_regions(net, domain).to_dict() == fast


def test_incremental_pre_activations_give_the_dense_affine_maps():
    """Every region's affine map and pattern, recomputed densely from its interior point."""
    rng = random.Random(7)
    for arch in ((2, 12, 12, 1), (3, 5, 5, 5, 2), (2, 6, 6, 1)):
        net = ReLUNetwork.from_arrays([([[Fraction(rng.randint(-20, 20), rng.randint(1, 9)) for _ in range(a)]
                                         for _ in range(b)], [rng.randint(-3, 3) for _ in range(b)])
                                       for a, b in zip(arch, arch[1:])])
        for domain in (Domain.box(-4, 4, dim=arch[0]), None):
            for r in enumerate_regions(net, domain).regions:
                x = r.point
                try:
                    assert net.pattern_at(x) == r.pattern
                except BoundaryError:  # a neuron identically 0 on the region (inactive by convention)
                    pass
                a, c = r.affine_map
                assert tuple(sum(ai * xi for ai, xi in zip(row, x)) + ci for row, ci in zip(a, c)) == net.forward(x)


def _encoded_with_pid(region) -> tuple[str, int]:
    import json
    import os

    return json.dumps(region.to_dict()), os.getpid()


def test_streaming_and_workers_give_the_same_regions(tmp_path, monkeypatch):
    """iter_regions (chunked, any order), enumerate_regions with 2 worker processes, and the CLI's --jsonl
    all give exactly the regions of the one-process enumeration; a region limit stops each of them."""
    import json

    import pytest

    from relugeom.cli import main
    import relugeom.regions as regions_module
    from relugeom.regions import RegionLimitError, iter_regions

    monkeypatch.setattr(regions_module, "CHUNK", 8)  # many chunks of first-layer cells (forked workers inherit it)

    rng = random.Random(3)
    net = ReLUNetwork.from_arrays([([[rng.randint(-5, 5) for _ in range(2)] for _ in range(14)],
                                    [rng.randint(-5, 5) for _ in range(14)]),
                                   ([[rng.randint(-3, 3) for _ in range(14)] for _ in range(6)], [1] * 6),
                                   ([[1] * 6], [0])])
    domain = Domain.box(-6, 6, dim=2)
    whole = enumerate_regions(net, domain)
    assert len(whole) > 100
    streamed = sorted(iter_regions(net, domain), key=lambda r: r.pattern)
    assert [r.to_dict() for r in streamed] == [r.to_dict() for r in whole.regions]
    assert enumerate_regions(net, domain, workers=2).to_dict() == whole.to_dict()
    with pytest.raises(InputError, match="workers"):  # checked where the workers are started, streaming too
        next(iter_regions(net, domain, workers=0))
    assert enumerate_regions(net, None, workers=3).to_dict() == enumerate_regions(net).to_dict()  # R^2, 3 workers
    import relugeom.regions_parallel as parallel

    for share in (1, 4, 10**6):  # parts shared after the 1st neuron, mid-layer, or only after the whole layer
        monkeypatch.setattr(parallel, "SHARE", share)
        assert enumerate_regions(net, domain, workers=2).to_dict() == whole.to_dict()
        assert enumerate_regions(net, None, workers=2).to_dict() == enumerate_regions(net).to_dict()
    key = [json.dumps(r.to_dict()) for r in whole.regions]
    monkeypatch.setattr(parallel, "SHARE", 1)  # many small parts: both processes take some
    for workers in (1, 2):  # encoded where found: the same values; with 2 workers, by both processes
        encoded = list(iter_regions(net, domain, workers=workers, encode=_encoded_with_pid))
        assert sorted(line for line, _ in encoded) == sorted(key)
        assert len({pid for _, pid in encoded}) == workers
    with pytest.raises(RegionLimitError):
        list(iter_regions(net, domain, max_regions=len(whole) // 2, workers=2))
    affine = ReLUNetwork.from_arrays([([[1, 2]], [3])])  # no hidden layer: one region
    assert enumerate_regions(affine, domain, workers=2).to_dict() == enumerate_regions(affine, domain).to_dict()
    with pytest.raises(RegionLimitError):
        list(iter_regions(net, domain, max_regions=len(whole) - 1))
    path, out = tmp_path / "net.json", tmp_path / "regions.jsonl"
    net.save(path)
    assert main(["regions", str(path), "--box", "6", "--jsonl", str(out), "--json"]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(lines, key=lambda r: r["pattern"]) == [r.to_dict(vertices=False) for r in whole.regions]
    par = tmp_path / "par.jsonl"  # streamed from two workers: the same lines, in another order
    assert main(["regions", str(path), "--box", "6", "--jsonl", str(par), "--workers", "2"]) == 0
    assert sorted(json.loads(line)["pattern"] for line in par.read_text().splitlines()) == \
        [r.to_dict()["pattern"] for r in whole.regions]
    assert main(["regions", str(path), "--box", "6", "--jsonl", str(tmp_path / "cut.jsonl"),
                 "--max-regions", "10", "--workers", "2"]) == 2
    assert main(["regions", str(path), "--box", "6", "--jsonl", str(tmp_path / "cut.jsonl"),
                 "--max-regions", "10"]) == 2
    assert not (tmp_path / "cut.jsonl").exists() and not (tmp_path / "cut.partial.jsonl").exists()


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.integers(2, 3), st.booleans())
def test_box_screened_splits_give_the_plain_loops_regions(seed, d, whole_space):
    """Cells with many parts are split together behind a bounding-box screen (exact.boxes); with the screen
    off (SCREEN huge) the plain part-by-part loop must give byte-identical regions, on degenerate
    small-integer networks (coincident and parallel zero sets, vertices on them), boxes and all of R^d."""
    import relugeom.regions as regions_module

    _same_regions_either_way(regions_module, "SCREEN", seed, d, (8, 24), whole_space)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10**6), st.integers(2, 3), st.sampled_from([1, 3]))
def test_two_processes_give_the_regions_of_one_on_degenerate_networks(seed, d, share):
    """Small-integer weights (coincident and parallel zero sets, neurons identically 0 on cells), parts
    shared early (``SHARE`` patched: forked children inherit it): the same regions as one process."""
    from unittest import mock

    import relugeom.regions_parallel as parallel

    rng = random.Random(seed)
    w = rng.randint(3, 6)
    net = ReLUNetwork.from_arrays([([[rng.randint(-1, 1) for _ in range(d)] for _ in range(w)],
                                    [rng.randint(-1, 1) for _ in range(w)]),
                                   ([[rng.randint(-1, 1) for _ in range(w)] for _ in range(3)],
                                    [rng.randint(-1, 1) for _ in range(3)]), ([[1, 1, 1]], [0])])
    domain = Domain.box(-2, 2, dim=d)
    with mock.patch.object(parallel, "SHARE", share):
        assert enumerate_regions(net, domain, workers=2).to_dict() == enumerate_regions(net, domain).to_dict()


def test_rows_carried_from_part_to_part_give_the_dense_affine_maps():
    """``regions_parallel.own_regions`` refines one part per call and carries each layer's last rows over
    (``Setup.later_rows``): a part's first cell is updated from a sibling in an earlier part. Claiming every part in one
    process must give the regions of the plain enumeration, each affine map equal to the dense forward pass."""
    from relugeom.regions_parallel import own_regions

    rng = random.Random(3)
    for arch in ((2, 10, 10, 1), (3, 4, 4, 4, 2)):
        net = ReLUNetwork.from_arrays([([[rng.randint(-3, 3) for _ in range(a)] for _ in range(b)],
                                        [rng.randint(-3, 3) for _ in range(b)]) for a, b in zip(arch, arch[1:])])
        domain = Domain.box(-4, 4, dim=arch[0])
        parts = sorted(own_regions(net, domain, 3, None, itertools.count()), key=lambda r: r.pattern)
        assert tuple(parts) == enumerate_regions(net, domain).regions
        for r in parts:
            a, c = r.affine_map
            assert tuple(sum(ai * xi for ai, xi in zip(row, r.point)) + ci for row, ci in zip(a, c)) == net.forward(r.point)


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_stopped_jsonl_stream_leaves_no_file(tmp_path, sig, code):
    """Ctrl-C or SIGTERM in the middle of `regions --jsonl`: one line on stderr, exit 130 / 143, no file."""
    import subprocess
    import sys
    import time

    rng = random.Random(11)
    net = ReLUNetwork.from_arrays([([[rng.randint(-9, 9) for _ in range(2)] for _ in range(60)],
                                    [rng.randint(-9, 9) for _ in range(60)]),
                                   ([[rng.randint(-9, 9) for _ in range(60)] for _ in range(60)], [1] * 60),
                                   ([[1] * 60], [0])])
    path, out = tmp_path / "net.json", tmp_path / "r.jsonl"
    net.save(path)
    proc = subprocess.Popen([sys.executable, "-m", "relugeom.cli", "regions", str(path), "--box", "10",
                             "--jsonl", str(out)], stderr=subprocess.PIPE, text=True)
    partial = tmp_path / "r.partial.jsonl"
    deadline = time.monotonic() + 60
    while not (partial.exists() and partial.stat().st_size) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the enumeration finished before it could be stopped"
    proc.send_signal(sig)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == code and err.strip().count("\n") == 0 and "Traceback" not in err
    assert not out.exists() and not partial.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked children are the Linux path")
def test_children_are_forked_on_linux_whatever_the_default_start_method():
    """Python 3.14 makes forkserver the default start method on Linux. With that default, the children must
    still be forked: a lambda ``encode`` (which does not pickle) reaches them, and the regions are those
    of one process."""
    import multiprocessing

    net = ReLUNetwork.from_arrays([([[1, 2], [2, -1], [1, 1], [3, -2]], [0, 1, -1, 2]),
                                   ([[1, -1, 1, 1], [1, 1, -1, 2]], [0, 1]), ([[1, -1]], [0])])
    domain = Domain.box(-2, 2, dim=2)
    one = sorted(r.pattern for r in enumerate_regions(net, domain).regions)
    before = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("forkserver", force=True)
    try:
        assert sorted(iter_regions(net, domain, workers=2, encode=lambda r: r.pattern)) == one
    finally:
        multiprocessing.set_start_method(before, force=True)


def test_parallel_regions_leave_a_callers_frozen_objects_frozen():
    """``iter_regions(workers=2)`` freezes the heap for its children and unfreezes it after. It must not
    unfreeze what its caller had frozen: with objects frozen before, they are still frozen after (and
    without, the count is back to 0)."""
    import gc

    net = ReLUNetwork.from_arrays([([[1, 2], [2, -1], [1, 1]], [0, 1, -1]), ([[1, -1, 1]], [0])])
    domain = Domain.box(-2, 2, dim=2)
    assert gc.get_freeze_count() == 0
    list(iter_regions(net, domain, workers=2))
    assert gc.get_freeze_count() == 0
    keep = [[i] for i in range(100)]  # the caller's own objects
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen >= len(keep)
        list(iter_regions(net, domain, workers=2))
        assert gc.get_freeze_count() > 0.9 * frozen  # (a few frozen objects die meanwhile: freed, not thawed)
    finally:
        gc.unfreeze()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 4).flatmap(lambda d: st.tuples(
    st.just(d), st.lists(st.lists(st.integers(-5, 5), min_size=d + 1, max_size=d + 1), min_size=d, max_size=d))))
def test_cells_of_space_equal_one_simplicial_cone_per_orthant(case):
    """The cones of R^d, from d + 1 kernel vectors computed once, against ``Polyhedron.simplicial`` with
    the kernels computed again for each orthant: same constraints, generators and tight sets; and, by
    definition, generator k is tight on every constraint but k, where it is positive."""
    from itertools import product

    from relugeom.exact.lp import _rank, cells_of_space

    d, rows = case
    infinity = (0,) * d + (1,)
    basis = [tuple(r) for r in rows]
    assume(_rank([infinity, *basis]) == d + 1)
    labels = [("neuron", 1, i) for i in range(d)]
    got = cells_of_space(d, basis, labels)
    assert [s for s, _ in got] == list(product((1, 0), repeat=d))
    for signs, cone in got:
        cons = [infinity] + [b if s else tuple(-x for x in b) for b, s in zip(basis, signs)]
        ref = Polyhedron.simplicial(cons, ["infinity"] + labels)
        assert (cone.constraints, cone.labels, cone.generators, cone.tight) == \
            (ref.constraints, ref.labels, ref.generators, ref.tight)
        for k, g in enumerate(cone.generators):
            values = [sum(a * x for a, x in zip(c, g)) for c in cons]
            assert all((v > 0) if i == k else (v == 0) for i, v in enumerate(values))
