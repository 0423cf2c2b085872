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
def small_data(tmp_path: Path) -> Path:
    """The repository's categories with a fixed handful of entries (tests/fixtures/contribute/entries):
    `add` tests must not depend on which papers the list holds today."""
    target = tmp_path / "small"
    (target / "entries").mkdir(parents=True)
    shutil.copy(REPO / "data" / "categories.yaml", target / "categories.yaml")
    for path in (FIXTURES / "entries").glob("*.yaml"):
        shutil.copy(path, target / "entries" / path.name)
    return target


def make_cli(capsys: pytest.CaptureFixture[str], folder: Path) -> Callable[..., Ran]:
    def run(*args: str) -> Ran:
        code = main(["--data", str(folder), *args])
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], data: Path) -> Callable[..., Ran]:
    """Run `awesome-approx --data <copy of data/> ARGS...` in-process and capture its output."""
    return make_cli(capsys, data)


@pytest.fixture
def small_cli(capsys: pytest.CaptureFixture[str], small_data: Path) -> Callable[..., Ran]:
    """Run `awesome-approx --data <small data> ARGS...` in-process and capture its output."""
    return make_cli(capsys, small_data)


@pytest.fixture(autouse=True)
def no_real_endpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every service at a closed loopback port unless a test says otherwise: never the internet."""
    for name in ("ARXIV", "DOI", "CROSSREF", "GITHUB"):
        monkeypatch.setenv(f"AWESOME_APPROX_{name}_API", "http://127.0.0.1:9")
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove that nothing was written."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
