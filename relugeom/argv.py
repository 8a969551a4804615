"""Command-line words: the one-line argparse parser, the usage error, argument types, and the rewriting of
values that start with ``-`` (``--box -1:1,0:2``).

>>> join_dash_values(OneLineParser(prog="x"), ["--box", "-1:1"])        # no such option: left alone
['--box', '-1:1']
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

__all__ = ["OneLineParser", "UsageError", "positive_seconds", "positive_int", "nonnegative_int", "integer_range",
           "architecture", "check_output_paths", "positive_gib",
           "progress_wanted", "check_image_path", "join_dash_values", "warn_one_line"]


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None


def positive_int(text: str) -> int:
    """An integer ≥ 1 (argparse type): a count such as ``--examples`` or ``--workers``."""
    value = _integer(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def nonnegative_int(text: str) -> int:
    """An integer ≥ 0 (argparse type), e.g. ``--show``."""
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected an integer ≥ 0, got {text!r}")
    return value


def integer_range(text: str) -> tuple[int, int]:
    """``LO..HI`` with integers and LO ≤ HI (argparse type); an empty range is refused, not searched.

    >>> integer_range("-2..2")
    (-2, 2)
    """
    try:
        lo, hi = (int(v) for v in text.split(".."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LO..HI with integers, e.g. -2..2, got {text!r}") from None
    if lo > hi:
        raise argparse.ArgumentTypeError(f"the range {text} is empty (LO > HI)")
    return lo, hi


def _positive_budget(text: str, unit: str, what: str) -> float:
    try:
        value = float(text)  # float-ok: a budget (time or memory), not a result
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of {unit}, got {text!r}") from None
    if not value > 0 or value == float("inf"):  # float-ok
        raise argparse.ArgumentTypeError(f"{what} must be a positive number of {unit}, got {text!r}")
    return value


def positive_gib(text: str) -> float:
    """A positive number of GiB (argparse type), e.g. ``--max-memory 4``."""
    return _positive_budget(text, "GiB", "the memory limit")


def positive_seconds(text: str) -> float:
    """A positive number of seconds (argparse type)."""
    return _positive_budget(text, "seconds", "the time budget")


class UsageError(Exception):
    """A command-line usage mistake (reported like every other error: one line, exit 2)."""


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line instead of argparse's usage dump
        raise UsageError(f"{message} (see '{self.prog} --help')")


OUTPUT_OPTIONS = {"output": "-o", "markdown": "--markdown", "graph": "--graph", "jsonl": "--jsonl", "out": "--out"}


def check_output_paths(args: argparse.Namespace) -> None:
    """Refuse, before any computation, an output file whose directory does not exist (or is a file), and
    a picture (``-o``) in a format that cannot be written."""
    from pathlib import Path

    for name, flag in OUTPUT_OPTIONS.items():
        value = getattr(args, name, None)
        if value is None:
            continue
        if not str(value).strip():
            raise UsageError(f"{flag}: the file name is empty")
        path = Path(value)
        if name != "out" and path.is_dir():  # --out is a prefix: PREFIX.json next to a directory PREFIX is fine
            raise UsageError(f"{flag} {value}: is a directory, not a file")
        if not path.parent.is_dir():
            raise UsageError(f"{flag} {value}: the directory {str(path.parent)!r} does not exist")
        if name == "output" and getattr(args, "command", None) == "report":
            if path.suffix.lower() not in (".html", ".htm"):
                raise UsageError(f"{value}: the report is an .html file")
        elif name == "output":
            check_image_path(value)


def architecture(text: str) -> tuple[int, ...]:
    """``n0,n1,...,nL`` with at least two positive integers (argparse type), e.g. ``1,3,1``.

    >>> architecture("1,3,1")
    (1, 3, 1)
    """
    try:
        arch = tuple(int(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected widths such as 1,3,1, got {text!r}") from None
    if len(arch) < 2 or min(arch) < 1:
        raise argparse.ArgumentTypeError(f"an architecture has at least two widths, each ≥ 1, got {text!r}")
    return arch


def check_image_path(path: str) -> None:
    """Refuse an output format matplotlib cannot write before any computation."""
    from pathlib import Path

    if Path(path).suffix.lower() not in (".png", ".pdf", ".svg"):
        raise UsageError(f"{path}: the picture must be a .png, .pdf or .svg file")


def warn_one_line(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"relugeom: warning: {message}", file=sys.stderr)


def join_dash_values(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """``--box -1:1,0:2`` → ``--box=-1:1,0:2``: argparse takes a value starting with ``-`` for an option,
    so an option that takes one value and is followed by a word starting with ``-`` that is not itself an
    option gets it joined (ranges, boxes and points are written so in the docs)."""
    parsers = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            parsers += [p for name, p in action.choices.items() if name in argv]
    takes_value, known = set(), set()
    for p in parsers:
        for action in p._actions:
            known.update(action.option_strings)
            if action.option_strings and action.nargs is None and isinstance(action, argparse._StoreAction):
                takes_value.update(action.option_strings)
    out, k = [], 0
    while k < len(argv):
        word = argv[k]
        if (word in takes_value and k + 1 < len(argv) and argv[k + 1].startswith("-")
                and argv[k + 1] not in known and not argv[k + 1].startswith("--") and len(argv[k + 1]) > 1):
            out.append(f"{word}={argv[k + 1]}")
            k += 2
        else:
            out.append(word)
            k += 1
    return out


def progress_wanted(args: argparse.Namespace) -> bool:
    """Show progress bars: ``--progress`` / ``--no-progress``, else when stderr is a terminal."""
    return args.progress if args.progress is not None else sys.stderr.isatty()
