"""Fixtures for the contributor workflow tests (add, fmt, export): a copy of data/ and a CLI runner."""

from __future__ import annotations

import shutil
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


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the repository's data/ that a test may change freely."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], data: Path) -> Callable[..., Ran]:
    """Run `awesome-approx --data <copy> ARGS...` in-process and capture its output."""

    def run(*args: str) -> Ran:
        code = main(["--data", str(data), *args])
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove that nothing was written."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
