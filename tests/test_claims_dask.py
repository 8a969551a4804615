"""Distributed sweeps: the Dask executor gives exactly the serial reports and counterexamples."""

import pytest

from relugeom.claims import check_claim, get_claim, search
from relugeom.claims.chunks import merge, plan_chunks, run_chunk


def _same(a, b):
    assert (a.claim, a.range, a.cases, a.skipped, a.failures, a.expected, a.dropped) == \
        (b.claim, b.range, b.cases, b.skipped, b.failures, b.expected, b.dropped)
    assert a.counterexample == b.counterexample
    assert (a.outcome.detail if a.outcome else None) == (b.outcome.detail if b.outcome else None)


@pytest.mark.parametrize("name", ["symmetry.invariance", "shallow.rank-vs-regions-1d"])
def test_chunks_concatenate_to_the_serial_stream(name):
    """Without a cluster: the chunk plan covers the serial case stream, in order (C4 has random extras)."""
    claim = get_claim(name)
    serial = check_claim(claim)
    chunks = plan_chunks(claim, claim.default, target=12, index_target=3)
    assert len(chunks) > 1
    merged = merge([run_chunk(name, claim.default, c) for c in chunks])
    assert (merged.cases, merged.skipped, merged.failures, merged.counterexample) == \
        (serial.cases, serial.skipped, serial.failures, serial.counterexample)


def test_unknown_executor_is_an_error():
    from relugeom.errors import RelugeomError

    with pytest.raises(RelugeomError, match="unknown executor"):
        check_claim(get_claim("cfun.maximum-attained"), executor="spark")


@pytest.fixture(scope="module")
def dask_executor():
    pytest.importorskip("distributed")
    from relugeom.claims.dask import DaskExecutor

    with DaskExecutor(n_workers=2) as ex:
        yield ex


@pytest.mark.parametrize("name", ["dim.symmetry-bound", "patterns.generic-rank", "symmetry.invariance", "shallow.rank-vs-regions-1d"])
def test_dask_check_equals_serial(dask_executor, name):
    claim = get_claim(name)
    _same(check_claim(claim, executor=dask_executor), check_claim(claim))


@pytest.mark.parametrize("name, dropped", [("patterns.generic-rank", ()), ("symmetry.invariance", ("positive-rescaling",))])
def test_dask_search_finds_the_same_shrunk_counterexample(dask_executor, name, dropped):
    claim = get_claim(name)
    serial = search(claim, dropped=dropped)
    dist = search(claim, dropped=dropped, executor=dask_executor)
    assert serial.shrunk is not None
    assert (dist.found, dist.shrunk, dist.cases, dist.dropped) == (serial.found, serial.shrunk, serial.cases,
                                                                   serial.dropped)
    assert dist.outcome.detail == serial.outcome.detail


def test_cli_check_with_dask_local_cluster(capsys):
    pytest.importorskip("distributed")

    from relugeom.cli import main

    assert main(["check", "--claims", "C6-bound,C13", "--json", "--no-timing", "--executor", "dask"]) == 0
    dist = capsys.readouterr().out
    assert main(["check", "--claims", "C6-bound,C13", "--json", "--no-timing"]) == 0
    assert dist == capsys.readouterr().out  # byte-identical, with the wall-clock times left out


def test_cli_scheduler_without_dask_executor(capsys):
    from relugeom.cli import main

    assert main(["check", "--claims", "cfun.maximum-attained", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--executor dask" in capsys.readouterr().err


def test_missing_dask_gives_exit_code_2(monkeypatch, capsys):
    import sys

    from relugeom.cli import main

    for mod in ("distributed", "dask"):
        monkeypatch.setitem(sys.modules, mod, None)  # import fails as if not installed
    assert main(["search", "patterns.generic-rank", "--executor", "dask"]) == 2
    assert "relugeom[dask]" in capsys.readouterr().err
