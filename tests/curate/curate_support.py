"""Helpers of the curation tests (a plain module: several test folders have a conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from awesome_approx.cli import main

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Ran:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> Ran:
    code = main(["--data", str(folder), *args])
    captured = capsys.readouterr()
    return Ran(code, captured.out, captured.err)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove what was (not) written."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
