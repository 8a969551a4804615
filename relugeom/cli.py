"""The ``relugeom`` command line.

    relugeom info NET.json [--json]
    relugeom dim NET.json --inputs X.(json|csv|npy) [--json] [--certificate] [--backend B]

Bad input gives one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from typing import Sequence

from .dimension import batch_functional_dimension
from .errors import RelugeomError
from .inputs import load_inputs
from .network import ReLUNetwork

__all__ = ["main", "build_parser"]


class UsageError(Exception):
    """A command-line usage mistake (reported like every other error: one line, exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line instead of argparse's usage dump
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _net_summary(net: ReLUNetwork) -> dict:
    integral = all(q.denominator == 1 for q in net.parameters())
    return {
        "architecture": list(net.architecture),
        "depth": net.depth,
        "n_params": net.n_params,
        "n_hidden": net.n_hidden,
        "identifiable_bound": net.n_params - net.n_hidden,
        "integer_weights": integral,
    }


def cmd_info(args: argparse.Namespace) -> dict:
    net = ReLUNetwork.load(args.network)
    info = _net_summary(net)
    if not args.json:
        arch = "-".join(map(str, net.architecture))
        print(f"network {args.network}: architecture {arch}, {net.depth} affine layers "
              f"({net.depth - 1} hidden, ReLU)")
        print(f"  parameters N = {net.n_params}, hidden neurons H = {net.n_hidden}, N - H = {info['identifiable_bound']}")
        print(f"  weights are {'integers' if info['integer_weights'] else 'rationals (some non-integer)'}")
    return info


def cmd_dim(args: argparse.Namespace) -> dict:
    net = ReLUNetwork.load(args.network)
    batch = load_inputs(args.inputs, net.n_inputs)
    d = batch_functional_dimension(net, batch, backend=args.backend)
    out = d.to_dict(certificate=args.certificate)
    if not args.json:
        arch = "-".join(map(str, net.architecture))
        print(f"network {args.network}: architecture {arch}, N = {d.n_params} parameters, H = {d.n_hidden} hidden neurons")
        print(f"inputs {args.inputs}: {d.n_samples} samples in {d.perceived_regions} activation regions")
        print(f"batch functional dimension: {d.rank}  (exact rank of the {d.n_outputs * d.n_samples} x {d.n_params} "
              f"Jacobian, certified)")
        print(f"bounds: min(N - H, n_L * n) = {d.bound}; per-region bound = {d.region_bound}")
        if args.certificate:
            print(json.dumps(d.certificate.to_dict()))
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="relugeom", description="Exact geometry of small ReLU networks.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("info", help="architecture and parameter counts of a network")
    p.add_argument("network", metavar="NET.json", help="network file (format relugeom.network/1)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("dim", help="batch functional dimension (exact Jacobian rank) on a batch of inputs")
    p.add_argument("network", metavar="NET.json", help="network file (format relugeom.network/1)")
    p.add_argument("--inputs", required=True, metavar="X", help="inputs: .json, .csv or .npy")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--certificate", action="store_true", help="include the rank certificate")
    p.add_argument("--backend", choices=["auto", "flint", "python"], default="auto",
                   help="exact linear algebra backend (default: flint when installed)")
    p.set_defaults(func=cmd_dim)
    return parser


def _warn_one_line(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"relugeom: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input)."""
    parser = build_parser()
    warnings.showwarning = _warn_one_line
    try:
        args = parser.parse_args(argv)
        result = args.func(args)
    except (RelugeomError, UsageError, OSError) as exc:
        print(f"relugeom: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
