"""The exact Hessian of the squared loss (relugeom.loss.loss_hessian) against sympy's Hessian of the
frozen-pattern loss, and `relugeom dim --targets`."""

import json
import random
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from relugeom import BoundaryError, ReLUNetwork
from relugeom.cli import main
from relugeom.jacobian import batch_patterns
from relugeom.loss import loss_hessian

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _q(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _sympy_hessian(arch, theta, X, Y, patterns):
    syms = sp.symbols(f"t0:{len(theta)}")
    loss = 0
    for x, p, y in zip(X, patterns, Y):
        h, k = [_q(v) for v in x], 0
        for li, (i, o) in enumerate(zip(arch, arch[1:])):
            w = [[syms[k + r * i + c] for c in range(i)] for r in range(o)]
            k += o * i
            b = [syms[k + r] for r in range(o)]
            k += o
            z = [sum(w[r][c] * h[c] for c in range(i)) + b[r] for r in range(o)]
            h = [z[r] * p[li][r] for r in range(o)] if li < len(arch) - 2 else z
        loss += sum((h[r] - _q(y[r])) ** 2 for r in range(len(h))) / 2
    return sp.hessian(loss, syms).subs(dict(zip(syms, map(_q, theta))))


@pytest.mark.parametrize("seed", range(8))
def test_hessian_equals_sympys(seed):
    rng = random.Random(seed)
    arch = rng.choice([(1, 2, 1), (2, 2, 1), (1, 2, 2, 1), (1, 1, 2)])
    n = sum(o * (i + 1) for i, o in zip(arch, arch[1:]))
    theta = [Fraction(rng.randint(-3, 3), rng.choice((1, 2))) for _ in range(n)]
    template = ReLUNetwork.from_arrays([([[0] * i for _ in range(o)], [0] * o) for i, o in zip(arch, arch[1:])])
    net = template.with_parameters(theta)
    while True:  # redraw a batch with a boundary sample (a skip would hide the seed's case)
        X = [[Fraction(rng.randint(-5, 5), 3) for _ in range(arch[0])] for _ in range(3)]
        try:
            patterns = batch_patterns(net, X)
            break
        except BoundaryError:
            continue
    Y = [[Fraction(rng.randint(-3, 3)) for _ in range(arch[-1])] for _ in X]
    mine, ref = loss_hessian(net, X, Y), _sympy_hessian(arch, theta, X, Y, patterns)
    assert all(_q(mine[a][b]) == ref[a, b] for a in range(n) for b in range(n))


def test_dim_targets_reports_loss_criticality_and_flat_directions(capsys, tmp_path):
    net = ReLUNetwork.load(EXAMPLES / "shallow_1d.json")
    xs = json.loads((EXAMPLES / "shallow_1d_inputs.json").read_text())["inputs"]
    ys = tmp_path / "y.json"
    ys.write_text(json.dumps({"inputs": [[str(net.forward(x)[0])] for x in xs]}))  # interpolating targets
    assert main(["dim", str(EXAMPLES / "shallow_1d.json"), "--inputs", str(EXAMPLES / "shallow_1d_inputs.json"),
                 "--targets", str(ys), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["loss"], doc["critical"], doc["hessian_rank"], doc["flat_directions"]) == (0, True, 5, 2)
