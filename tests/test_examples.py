"""The bundled examples: the float-vs-exact rank pitfall, and a trained PyTorch network analysed exactly."""

import importlib.util
from fractions import Fraction
from pathlib import Path

import pytest

from relugeom import ReLUNetwork, batch_functional_dimension, enumerate_regions

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_float_rank_misses_what_the_exact_rank_sees():
    spec = importlib.util.spec_from_file_location("float_vs_exact", EXAMPLES / "float_vs_exact.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    exact, f64, f32 = module.ranks()
    assert exact == 5 == module.NET.n_params - module.NET.n_hidden
    assert f64 < exact and f32 < exact


def test_trained_torch_network_is_analysed_exactly():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    x = torch.rand(64, 2) * 4 - 2
    y = (x[:, :1] ** 2 + x[:, 1:]).detach()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    for _ in range(50):
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()
    net = ReLUNetwork.from_torch(model)  # float32 weights, converted exactly
    assert all(q == Fraction(float(v)) for q, v in zip(net.layers[0].weight[0], model[0].weight[0].tolist()))
    samples = [[Fraction(float(v)) for v in row] for row in x[:16].tolist()]
    with torch.no_grad():
        floats = model(x[:16].double().float()).tolist()
    for point, out in zip(samples, floats):
        assert abs(float(net.forward(point)[0]) - out[0]) < 1e-4  # torch rounds, relugeom does not
    d = batch_functional_dimension(net, samples)
    assert d.rank <= d.bound and len(enumerate_regions(net)) >= 1
