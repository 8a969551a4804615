"""The experiments (issue 15, in part): `bfun-training` and `float-vs-exact` with --quick, as CI runs them;
the JSON keys the issue names, determinism under the seed, and --save files that `relugeom dim` reads back
with the same exact rank."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("sklearn")

from relugeom.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory):
    import contextlib
    import io

    out, save = io.StringIO(), tmp_path_factory.mktemp("save")
    with contextlib.redirect_stdout(out):
        assert main(["experiment", "bfun-training", "--quick", "--seed", "3", "--json", "--save", str(save)]) == 0
    return json.loads(out.getvalue()), save


def test_bfun_training_json_keys(quick_report):
    report, _ = quick_report
    assert report["experiment"] == "bfun-training" and report["seed"] == 3
    for c in report["checkpoints"] + report["toy"]["checkpoints"]:
        assert isinstance(c["step"], int) and set(c["batches"]) == {"train", "test", "gaussian"}
        for r in c["batches"].values():
            assert {"rank", "float_rank", "n"} <= set(r) and 0 <= r["rank"] <= min(r["bound"], r["region_bound"])
    steps = [c["step"] for c in report["checkpoints"]]
    assert steps == sorted(steps) and steps[0] == 0


def test_saved_checkpoints_give_the_same_exact_rank(quick_report, capsys):
    report, save = quick_report
    last = report["checkpoints"][-1]
    assert main(["dim", str(save / f"step-{last['step']}.json"), "--inputs", str(save / "test.inputs.json"),
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rank"] == last["batches"]["test"]["rank"]


def test_same_seed_same_report(quick_report, capsys):
    report, _ = quick_report
    assert main(["experiment", "bfun-training", "--quick", "--seed", "3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == report


def test_float_vs_exact_and_list(capsys, tmp_path):
    assert main(["experiment", "float-vs-exact", "--quick", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["experiment"] == "float-vs-exact" and doc["compared"] == 18 and doc["count"] == len(doc["disagreements"])
    assert main(["experiment", "list"]) == 0
    assert "bfun-training:" in capsys.readouterr().out
    assert main(["experiment", "nope"]) == 2
    assert "unknown experiment" in capsys.readouterr().err


def test_straight_interpolation_quick(capsys):
    from fractions import Fraction

    assert main(["experiment", "straight-interpolation", "--quick", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["experiment"] == "straight-interpolation" and [w["width"] for w in doc["widths"]] == [4, 8]
    for w in doc["widths"]:
        for when in ("init", "trained"):
            stats = w[when]
            assert Fraction(stats["breakpoints_mean"]) >= Fraction(stats["kinks_mean"]) >= 0
            assert abs(float(Fraction(stats["ggd_sq_mean"])) - stats["approx"]["ggd_sq_mean"]) < 1e-12
    assert main(["experiment", "straight-interpolation", "--quick"]) == 0
    assert "width 4: breakpoints per segment" in capsys.readouterr().out
