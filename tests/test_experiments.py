"""The experiments (issue 15), each with --quick as CI runs them: the JSON keys the issue names, determinism
under the seed, --save files that `relugeom dim` reads back with the same exact rank, dim_cfun against an
independent route (the batch functional dimension on a decisive batch), and --executor dask giving the
serial report."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("sklearn")

from relugeom.cli import main  # noqa: E402


def _cli_json(argv: list[str]) -> dict:
    """The JSON that ``relugeom ARGV`` prints (exit 0 required)."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory):
    save = tmp_path_factory.mktemp("save")
    return _cli_json(["experiment", "bfun-training", "--quick", "--seed", "3", "--json", "--save", str(save)]), save


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
    assert doc["experiment"] == "float-vs-exact" and doc["count"] == len(doc["disagreements"])
    assert doc["by_run"] == {"digits": 9, "toy": 9, "cfun-vs-params": 32} and doc["compared"] == 50
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


@pytest.fixture(scope="module")
def cfun_quick(tmp_path_factory):
    save = tmp_path_factory.mktemp("cfun")
    return _cli_json(["experiment", "cfun-vs-params", "--quick", "--json", "--save", str(save)]), save


def test_cfun_vs_params_quick(cfun_quick):
    report, _ = cfun_quick
    assert report["experiment"] == "cfun-vs-params" and len(report["networks"]) == 16
    for r in report["networks"]:
        assert r["architecture"][0] <= 3 and r["n_minus_h"] == r["n_params"] - 2 * r["architecture"][1]
        for when in ("init", "trained"):
            m = r[when]
            assert 0 < m["rank"] <= m["region_bound"] <= r["n_minus_h"] and m["regions"] >= 1
    assert any(r["init"]["rank"] == r["n_minus_h"] for r in report["networks"])
    assert any(r["init"]["rank"] < r["init"]["region_bound"] for r in report["networks"])  # a real deficit


def test_cfun_rank_agrees_with_a_decisive_batch(cfun_quick):
    """dim_cfun = the batch functional dimension on n_0 + 1 affinely independent points per region
    (docs/theory.md §2.4), a route through the Jacobian instead of the rows a_δ, B_δ e_k."""
    from relugeom import ReLUNetwork
    from relugeom.dimension import batch_functional_dimension
    from relugeom.generic import decisive_batch
    from relugeom.regions import enumerate_regions

    report, save = cfun_quick
    for r in report["networks"]:
        if r["architecture"][1] > 4:
            continue
        stem = "-".join(map(str, r["architecture"])) + f"-seed-{r['seed']}"
        net = ReLUNetwork.load(save / f"{stem}-step-{r['steps']}.json")
        batch = decisive_batch(enumerate_regions(net).regions)
        assert batch_functional_dimension(net, batch).rank == r["trained"]["rank"], stem


def test_cfun_text_and_seed(capsys):
    assert main(["experiment", "cfun-vs-params", "--quick", "--seed", "-1"]) == 2
    assert "--seed" in capsys.readouterr().err


@pytest.fixture(scope="module")
def dask_executor():
    pytest.importorskip("distributed")
    from relugeom.claims.dask import DaskExecutor

    with DaskExecutor(n_workers=2) as ex:
        yield ex


@pytest.mark.parametrize("name", ["cfun-vs-params", "straight-interpolation", "bfun-training"])
def test_dask_executor_gives_the_serial_report(name, dask_executor, quick_report, cfun_quick):
    from relugeom.experiments import get_experiment

    module = get_experiment(name)
    serial = {"cfun-vs-params": cfun_quick[0], "bfun-training": quick_report[0]}.get(name)
    seed = 3 if name == "bfun-training" else 0
    if serial is None:
        serial = module.run(quick=True, seed=seed)
    assert module.run(quick=True, seed=seed, executor=dask_executor) == serial


def test_executor_option_on_the_command_line(capsys):
    assert main(["experiment", "cfun-vs-params", "--quick", "--scheduler", "tcp://x:1"]) == 2
    assert "--scheduler needs --executor dask" in capsys.readouterr().err


def test_every_experiment_is_run_here_and_listed_in_the_help():
    """Each registered experiment runs above with --quick --json (what CI checks); a new one must be added."""
    from relugeom.cli import build_parser
    from relugeom.experiments import EXPERIMENTS

    assert sorted(EXPERIMENTS) == ["bfun-training", "cfun-vs-params", "float-vs-exact", "straight-interpolation"]
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    text = "".join(sub.choices["experiment"].format_help().split())  # argparse wraps at hyphens
    assert all(name in text for name in EXPERIMENTS)
