"""The stubs are checked against the built module (stubtest) and used by a typed script (mypy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, check=False)


def test_stubs_match_the_module() -> None:
    result = run("mypy.stubtest", "happyfox")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_typed_script_checks_strictly() -> None:
    result = run("mypy", "--strict", str(HERE / "typed_example.py"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_mistyped_script_is_caught() -> None:
    result = run("mypy", "--strict", str(HERE / "mistyped_example.py"))
    assert result.returncode == 1, result.stdout
    for line in ['Argument "status"', 'Argument "assignee"', "[return-value]"]:
        assert line in result.stdout, result.stdout
    assert result.stdout.count("[return-value]") == 2, result.stdout
