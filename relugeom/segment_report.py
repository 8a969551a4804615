"""The ``relugeom segment`` report: a segment's restriction, gradient jumps and measures
(:mod:`relugeom.segments`) as a JSON-able dict and as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .network import ReLUNetwork
from .segments import gradient_jumps, restrict_to_segment, segment_measures, sqrt_display

__all__ = ["segment_report", "format_segment_report", "NOTE"]

NOTE = ("'measures' are relugeom's own definitions (docs/theory.md §2.7), not those of arXiv:1903.01997; "
        "'gradient_jumps' are the jumps of the input gradient at the breakpoints and their statistics, the "
        "quantities the paper's measures are built on as secondary sources describe them (the paper's full "
        "definitions were not available)")

def segment_report(net: ReLUNetwork, x: Sequence[object], x_prime: Sequence[object]) -> dict:
    """JSON-able report: the restriction (breakpoints, pieces with patterns, values, slopes, gradients),
    relugeom's own measures (``measures``) and the gradient jumps after Kubo et al. (``gradient_jumps``, see
    :meth:`GradientJumps.to_dict`); rationals as ints or ``"p/q"`` strings.

    >>> from relugeom.network import ReLUNetwork
    >>> absx = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [0])])
    >>> rep = segment_report(absx, ["-1/2"], [1])
    >>> rep["breakpoints"], rep["measures"]["gradient_gap_deviation_sq"], rep["gradient_jumps"]["jumps"]
    (['1/3'], 2, [[[2]]])
    """
    r = restrict_to_segment(net, x, x_prime)
    return {"architecture": list(net.architecture), **r.to_dict(), "measures": segment_measures(r).to_dict(),
            "gradient_jumps": gradient_jumps(r).to_dict(), "note": NOTE}


def _cell(v: object) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_cell(e) for e in v) + "]"
    return str(v)


def _one_or_list(v: list) -> str:
    return _cell(v[0]) if len(v) == 1 else _cell(v)


def _kink_set_lines(report: dict) -> list[str]:
    """Warnings: pieces inside a neuron's zero set and endpoints on a boundary (one-sided gradients)."""
    lines = []
    for p in report["pieces"]:
        if p["in_zero_set"]:
            who = ", ".join(f"layer {l} neuron {i}" for l, i in p["in_zero_set"])
            lines.append(f"  note: t in [{p['start']}, {p['end']}] lies in the zero set of {who}: f is not "
                         "differentiable there; its gradient is one-sided (frozen bit 0)")
    for end, name in (("from", "x"), ("to", "x'")):
        hit = report["endpoint_on_boundary"][end]
        if hit:
            lines.append(f"  note: {name} lies on the boundary of layer {hit[0]} neuron {hit[1]}: the gradient "
                         "at that end is taken inside the segment (one-sided)")
    return lines


def format_segment_report(report: dict) -> str:
    """Human-readable text of a :func:`segment_report` dict.

    >>> from relugeom.network import ReLUNetwork
    >>> absx = ReLUNetwork.from_arrays([([[1], [-1]], [0, 0]), ([[1, 1]], [0])])
    >>> print(format_segment_report(segment_report(absx, [-1], [1])).splitlines()[1])
    2 pieces, 1 breakpoint (1 kink): t = 1/2 at x = [0]
    """
    pieces, bps = report["pieces"], report["breakpoints"]
    arch = "-".join(map(str, report["architecture"]))
    lines = [(f"segment {_cell(report['from'])} → {_cell(report['to'])} of the {arch} network "
              f"(u = x' − x = {_cell(report['direction'])})")]
    where = "; ".join(f"t = {t} at x = {_cell(p)}" for t, p in zip(bps, report["breakpoint_points"]))
    lines.append(f"{len(pieces)} piece{'s' * (len(pieces) != 1)}, {len(bps)} breakpoint{'s' * (len(bps) != 1)} "
                 f"({len(report['kinks'])} kink{'s' * (len(report['kinks']) != 1)})" + (f": {where}" if where else ""))
    header = ["t from", "t to", "f(start)", "f(end)", "slope df/dt", "gradient ∇f", "pattern"]
    rows = [[str(p["start"]), str(p["end"]), _one_or_list(p["value_start"]), _one_or_list(p["value_end"]),
             _one_or_list(p["slope"]), _one_or_list(p["gradient"]),
             "|".join("".join(map(str, layer)) for layer in p["pattern"]) or "-"] for p in pieces]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    for r in [header] + rows:
        lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    lines += _kink_set_lines(report)
    m, j = report["measures"], report["gradient_jumps"]
    at = m["max_chord_deviation_at"]
    lines += ["gradient jumps, the measure after Kubo et al. (arXiv:1903.01997; docs/theory.md §2.7): statistics of "
              "the jumps of the input gradient at the breakpoints,",
              "  J_k = ∇f(right of t_k) − ∇f(left of t_k), a random walk S_k = J_1 + … + J_k "
              "(as described by secondary sources)"]
    header = ["t", "jump J_k of ∇f", "jump of df/dt", "partial sum S_k"]
    rows = [[str(t), _one_or_list(g), _one_or_list(dg), _one_or_list(s)] for t, g, dg, s
            in zip(j["breakpoints"], j["jumps"], j["directional_jumps"], j["partial_sums"])]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header] + rows] \
        if rows else ["  no breakpoint, so no jump"]
    dev = j["deviation_sq"]
    lines += [
        f"  number of jumps                                 {j['count']}",
        f"  mean jump                                       {_one_or_list(j['mean']) if j['mean'] else '-'}",
        f"  mean squared jump (mean ‖J_k‖²)                 {'-' if j['mean_norm_sq'] is None else j['mean_norm_sq']}",
        f"  deviation² (mean ‖J_k − mean‖²)                 {'-' if dev is None else dev}"
        + (f"  (deviation {sqrt_display(Fraction(str(dev)))})" if dev is not None else ""),
        f"  accumulated Σ J_k = ∇f(x') − ∇f(x)              {_one_or_list(j['accumulated'])}",
        "relugeom's own measures (docs/theory.md §2.7; not those of arXiv:1903.01997):",
        f"  secant slope s = f(x') − f(x)                   {_one_or_list(m['secant_slope'])}",
        f"  ‖u‖²                                            {m['direction_norm_sq']}",
        f"  gradient gap deviation GGD² = ∫ ‖g(t) − s‖² dt  {m['gradient_gap_deviation_sq']}",
        f"  deflection (g_last − g_first) / ‖u‖²            {_one_or_list(m['deflection'])}",
        f"  endpoint gradient gap ‖∇f(x') − ∇f(x)‖²         {m['endpoint_gradient_gap_sq']}",
        f"  max deviation from the chord (ℓ∞)               {m['max_chord_deviation']}"
        + (f" at t = {at}" if at is not None else ""),
        f"  max squared deviation from the chord            {m['max_chord_deviation_sq']}",
        f"  f affine on the segment                         {'yes' if m['is_affine'] else 'no'}",
    ]
    return "\n".join(lines)


