"""The README's Python examples run as written and print what their comments say."""

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_blocks_run(capsys):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)
    assert len(blocks) >= 2, "the README lost its Python examples"
    from relugeom.claims import all_claims
    from relugeom.claims.registry import _REGISTRY

    before = {c.name for c in all_claims()}
    namespace: dict = {}
    expected = []
    try:
        for block in blocks:
            exec(compile(block, "README.md", "exec"), namespace)
            expected += [m.group(1).strip() for m in re.finditer(r"^print\(.*?\)\s+#\s*(.*)$", block, re.M)]
    finally:
        for name in set(_REGISTRY) - before:  # the README registers an example claim
            del _REGISTRY[name]
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed == expected
