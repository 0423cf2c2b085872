"""Shared helpers for the tests: a temporary copy of the project with its own data/.

A plain module (not conftest.py) so that test files can import it: several conftest.py files exist.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(
    target: Path, entries: dict[str, bytes | str] | None = None, *, with_real_entries: bool = False
) -> Path:
    """A project folder with pyproject.toml, templates/, data/categories.yaml and the given entry files."""
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    shutil.copytree(ROOT / "templates", target / "templates")
    (target / "data" / "entries").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "categories.yaml", target / "data" / "categories.yaml")
    if with_real_entries:
        for path in (ROOT / "data" / "entries").glob("*.yaml"):
            shutil.copy(path, target / "data" / "entries" / path.name)
    for name, content in (entries or {}).items():
        path = target / "data" / "entries" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    return target


def in_fresh_process(code: str, *args: str) -> list[str]:
    """Run Python `code` in a new interpreter and return the lines it printed: for what must not share the
    test session's process (resource limits, signals)."""
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False,
                               timeout=300)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.splitlines()
