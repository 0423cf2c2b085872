"""Helpers shared by the contributor workflow tests (add, fmt, export).

Kept out of conftest.py on purpose: several test folders have a conftest.py, so `from conftest import`
would pick whichever was imported first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from awesome_approx.cli import main

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "contribute"


@dataclass
class Ran:
    code: int
    out: str
    err: str


def make_cli(capsys: pytest.CaptureFixture[str], folder: Path) -> Callable[..., Ran]:
    """Run `awesome-approx --data FOLDER ARGS...` in-process and capture its output."""

    def run(*args: str) -> Ran:
        code = main(["--data", str(folder), *args])
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove that nothing was written."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
