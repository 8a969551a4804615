"""The house rules of the code base (docs/theory.md and the README's layout): module sizes, one-way
imports, claim ids and their documentation."""

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

from relugeom.claims import all_claims, get_claim

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("relugeom", "proofs_checks")


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def _module_level_imports(name: str, path: Path) -> set[str]:
    """Modules imported at module level (imports inside functions are lazy and do not count)."""
    is_package = path.name == "__init__.py"
    base = name.split(".") if is_package else name.split(".")[:-1]
    out = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            prefix = base[:len(base) - node.level + 1] if node.level else []
            module = ".".join(prefix + ([node.module] if node.module else []))
            out.add(module)
            out |= {f"{module}.{a.name}" for a in node.names}
    return out


@pytest.mark.parametrize("name,path", list(_modules()), ids=lambda v: str(v))
def test_no_module_over_600_lines(name, path):
    assert len(path.read_text().splitlines()) <= 600, f"{path} is over 600 lines: split it by concept"


def test_imports_flow_one_way():
    modules = dict(_modules())
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for m in _module_level_imports(name, path):
            # importing a.b.c runs the __init__ of a.b too: an edge to every parent package that is not one of
            # the importer's own ancestors (those are already being initialised)
            parts = m.split(".")
            for target in [".".join(parts[:k]) for k in range(1, len(parts) + 1)]:
                if target in modules and target != name and not name.startswith(target + "."):
                    graph.add_edge(name, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles}"
    library = [n for n in modules if n.startswith("relugeom")]
    assert not [(n, m) for n in library for m in graph.successors(n) if m.startswith("proofs_checks")], \
        "the library must not import the built-in claims (they are loaded through the entry point)"


def test_the_registry_loads_the_builtin_claims_without_naming_them():
    text = (ROOT / "relugeom/claims/registry.py").read_text()
    assert "proofs_checks" not in re.sub(r'""".*?"""', "", text, flags=re.S)
    assert len(all_claims()) >= 35


def test_descriptive_ids_and_old_aliases():
    claims = all_claims()
    for claim in claims:
        assert re.fullmatch(r"[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*", claim.name), claim.name
        for alias in claim.aliases:
            assert get_claim(alias) is claim
    aliases = [a for c in claims for a in c.aliases]
    assert len(aliases) == len(set(aliases))
    assert get_claim("C22") is get_claim("regions.zaslavsky")
    assert get_claim("S-general-d").name == "shallow.rank-formula"


def test_theory_reference_covers_every_claim():
    text = (ROOT / "docs/theory.md").read_text()
    headings = set(re.findall(r"^#### `([^`]+)`", text, flags=re.M))
    for claim in all_claims():
        assert claim.name in headings, f"docs/theory.md has no section for {claim.name}"
        for alias in claim.aliases:
            assert f"`{claim.name}` ({alias})" in text, f"docs/theory.md does not show {alias} beside {claim.name}"


def test_nothing_refers_to_the_shared_digest():
    places = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]
    places += list((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
    for path in places:
        text = path.read_text()
        assert "shared/" not in text and "THEORY" not in text, path


def test_the_top_level_holds_only_the_project():
    """Nothing (a test writing to the current directory, say) leaves stray files at the top of the repository."""
    allowed = {"relugeom", "tests", "docs", "benchmarks", "examples", "proofs_checks", "README.md", "CHANGELOG.md",
               "LICENSE", "pyproject.toml", "build", "dist"}
    stray = [p.name for p in ROOT.iterdir() if not p.name.startswith(".") and not p.name.endswith(".egg-info")
             and p.name not in allowed]
    assert not stray, f"stray files at the top of the repository: {stray}"
