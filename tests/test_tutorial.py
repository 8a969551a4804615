"""docs/tutorial.md runs as written, prints what its comments say, and shows figures that docs/make_figures.py makes."""

import importlib.util
import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
TUTORIAL = DOCS / "tutorial.md"


def test_tutorial_python_blocks_run(capsys):
    blocks = re.findall(r"```python\n(.*?)```", TUTORIAL.read_text(), re.S)
    assert len(blocks) >= 5, "the tutorial lost its Python examples"
    namespace: dict = {}
    expected = []
    for block in blocks:  # one shared namespace: later blocks use earlier names
        exec(compile(block, str(TUTORIAL), "exec"), namespace)
        expected += [m.group(1).strip() for m in re.finditer(r"^print\(.*?\)\s+#\s*(.*)$", block, re.M)]
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed == expected


def _make_figures():
    spec = importlib.util.spec_from_file_location("make_figures", DOCS / "make_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figures_are_generated_and_linked(tmp_path):
    written = _make_figures().main(tmp_path)
    assert written, "make_figures.py wrote nothing"
    for path in written:
        assert path.parent == tmp_path and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path
    links = re.findall(r"!\[[^\n]*?\]\(([^)\s]+)\)", TUTORIAL.read_text())
    assert links, "the tutorial shows no figure"
    for link in links:
        assert link.startswith("figures/") and (DOCS / link).is_file(), \
            f"{link} is missing: run python docs/make_figures.py"
        assert Path(link).name in {p.name for p in written}, f"{link} is not made by docs/make_figures.py"
