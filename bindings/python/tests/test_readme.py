"""The Python examples of the READMEs run as written, against the emulator."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
READMES = [ROOT / "README.md", ROOT / "bindings" / "python" / "README.md"]


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(), re.S)


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_readme_examples_run(readme: Path) -> None:
    blocks = python_blocks(readme)
    assert blocks, f"{readme} has no Python example"
    for block in blocks:
        exec(compile(block, str(readme), "exec"), {"__name__": "__readme__"})
