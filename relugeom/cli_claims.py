"""The ``relugeom check`` and ``relugeom search`` commands: the claims of docs/theory.md §3, checked on
their ranges and searched for counterexamples (the parser lives in :mod:`relugeom.cli`)."""

from __future__ import annotations

import argparse
import json
import textwrap

from .argv import UsageError, progress_wanted
from .output import write_text

__all__ = ["cmd_check", "cmd_search", "run_checks", "load_builtin_claims", "CHECK_LEGEND"]


CHECK_LEGEND = ("cases: checked exactly (every hypothesis holds); skipped: outside a hypothesis or the claim's "
                "scope, e.g. a sample on a neuron boundary; counterexamples (expected): a pitfall, a false statement "
                "the check must refute; holds: no counterexample among the cases, which is a proof only for them")


def _report_table(reports: list) -> list[str]:
    rows = [("claim", "cases", "skipped", "seconds", "result")]
    for r in reports:
        if r.cases == 0 and not r.failures:
            result = "NOTHING CHECKED (0 cases)"
        elif r.failures == 0:
            result = "holds" if not r.expected else "NO counterexample found (one was expected)"
        else:
            result = f"{r.failures} counterexample{'s' if r.failures > 1 else ''}" + \
                     (" (expected)" if r.expected else " UNEXPECTED")
        rows.append((r.claim, str(r.cases), str(r.skipped), f"{r.seconds:.1f}", result))
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(rows[0], widths)).rstrip()]
    for row, r in zip(rows[1:], reports):  # each claim: its row, then what it states and where it was checked
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        lines.append(f"    {r.title}; range: {r.range}")
    return lines


def load_builtin_claims() -> None:
    """Register the built-in claims (``proofs_checks``) even where the package's entry points are not installed."""
    try:
        import proofs_checks  # noqa: F401
    except ImportError:  # relugeom without its checks: only plug-in claims
        pass


def run_checks(names: list[str] | None, thorough: bool, progress: bool, executor: object = None,
               budget: float | None = None, seed: int = 0) -> list:
    """Check every registered claim (or the named ones) on its default or thorough range, then for
    ``budget`` seconds each on the random stream (``executor`` as in :func:`relugeom.claims.check_claim`;
    "dask" starts one cluster for all claims)."""
    from .claims import all_claims, check_claim, get_claim

    load_builtin_claims()

    from .limits import record

    claims = [get_claim(n) for n in names] if names else all_claims()
    options = dict(thorough=thorough, progress=progress, budget=budget, seed=seed)
    reports: list = []

    def run(runner: object) -> list:
        for c in claims:
            reports.append(check_claim(c, executor=runner, **options))
            record("summary", f"{len(reports)} of {len(claims)} claims checked (partial report with --json)")
            record("report", {"claims": [r.to_dict() for r in reports]})
        return reports

    if executor == "dask":
        from .claims.dask import DaskExecutor

        with DaskExecutor() as runner:
            return run(runner)
    return run(executor)


def executor_of(args: argparse.Namespace) -> object:
    """None (serial) or a DaskExecutor for --executor dask [--scheduler ADDRESS]."""
    if args.executor != "dask":
        if args.scheduler:
            raise UsageError("--scheduler needs --executor dask")
        return None
    from .claims.dask import DaskExecutor

    return DaskExecutor(scheduler=args.scheduler)


def cmd_check(args: argparse.Namespace) -> dict:
    import time

    started = time.perf_counter()
    names = [n.strip() for n in args.claims.split(",")] if args.claims else None
    executor = executor_of(args)
    try:
        if names:  # unknown names fail before a cluster starts
            from .claims import get_claim

            load_builtin_claims()
            for n in names:
                get_claim(n)
        reports = run_checks(names, args.thorough, progress_wanted(args), executor, args.budget, args.seed)
    finally:
        if executor is not None:
            executor.close()
    ok = all(r.ok for r in reports)
    seconds = time.perf_counter() - started
    out = {"ok": ok, "thorough": args.thorough, "seconds": round(seconds, 2), "claims": [r.to_dict() for r in reports]}
    lines = _report_table(reports)
    summary = (f"{'all claims behave as stated' if ok else 'UNEXPECTED FAILURES'}: {len(reports)} claims, "
               f"{sum(r.cases for r in reports)} cases checked exactly in {seconds:.0f} s")
    details = [f"  {r.claim}: {r.outcome.detail}" for r in reports if r.counterexample is not None and r.outcome]
    if args.markdown:
        table = ["| " + " | ".join(cells.split("\t")) + " |" for cells in
                 ["\t".join(c) for c in [("claim", "title", "range", "cases", "failures", "ok", "seconds")]]]
        table.append("|" + "---|" * 7)
        table += [f"| {r.claim} | {r.title} | {r.range} | {r.cases} | {r.failures}{' (expected)' if r.expected else ''}"
                  f" | {'yes' if r.ok else 'NO'} | {r.seconds:.1f} |" for r in reports]
        write_text(args.markdown, "# relugeom check\n\n" + "\n".join(table) + f"\n\n{summary}\n")
    if not args.json:
        print("relugeom check: the claims of docs/theory.md §3 on every small exact case of their range")
        print("\n".join(lines))
        print(textwrap.fill("legend: " + CHECK_LEGEND, 100, subsequent_indent="  "))
        if details:
            print("first counterexamples:")
            print("\n".join(details))
        print(summary)
    args.exit_code = 0 if ok else 1
    return out


def cmd_search(args: argparse.Namespace) -> dict:
    from .claims import get_claim, search

    load_builtin_claims()

    claim = get_claim(args.claim)
    archs = list(args.arch) if args.arch else None
    weights = args.weights
    for name in args.drop_hypothesis or ():
        claim.droppable(name)  # bad or structural names fail before a cluster starts
    executor = executor_of(args)
    try:
        result = search(claim, archs, weights, args.drop_hypothesis or (), None if args.exhaustive else args.examples,
                        args.seed, progress_wanted(args), executor=executor, seconds=args.seconds)
    finally:
        if executor is not None:
            executor.close()
    out = result.to_dict()
    if result.shrunk is not None and args.out:
        from .exact.rational import format_rational

        result.shrunk.network.save(f"{args.out}.json")
        write_text(f"{args.out}.inputs.json", json.dumps(
            {"inputs": [[format_rational(v) for v in x] for x in result.shrunk.inputs]}) + "\n")
        out["files"] = [f"{args.out}.json", f"{args.out}.inputs.json"]
        if result.shrunk.extras:  # e.g. the symmetry a symmetry.invariance counterexample applies
            write_text(f"{args.out}.extras.json", json.dumps(out["counterexample"]["extras"]) + "\n")
            out["files"].append(f"{args.out}.extras.json")
    args.exit_code = 0 if result.conclusive else 1
    if not args.json:
        names = ", ".join(result.dropped)
        dropped = f" without hypothesis {names}" if result.dropped else ""
        violate = f"{result.admitted} of them violate {names}; " if result.dropped else ""
        if result.shrunk is None:
            print(f"no counterexample to {claim.name}{dropped} in {result.cases} cases evaluated "
                  f"({violate}{result.random_cases} random; {result.skipped} skipped; {result.seconds:.1f} s)")
            if result.cases == 0:
                print("inconclusive: no case was evaluated, so nothing was checked (exit 1)")
            elif not result.conclusive:
                print(f"inconclusive: no evaluated case violates {names}, so this run checked nothing that the "
                      f"claim with its hypotheses does not; widen the range (--arch, --weights) (exit 1)")
        else:
            print(f"counterexample to {claim.name}{dropped} ({result.cases} cases searched, {result.seconds:.1f} s), "
                  f"shrunk to: {result.outcome.detail}")
            if result.dropped and not result.uses_drop:
                print(f"  it satisfies {names}: it refutes the claim with every hypothesis kept")
            print(f"  network: {result.shrunk.network.to_json()}")
            print(f"  inputs:  {json.dumps(out['counterexample']['inputs'])}")
            if result.shrunk.extras:
                print(f"  extras:  {json.dumps(out['counterexample']['extras'])}")
            if args.out:
                print(f"  reproduce: relugeom dim {args.out}.json --inputs {args.out}.inputs.json")
    return out
