"""Fixtures for the contributor workflow tests (add, fmt, export): copies of data/ and CLI runners."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from contribute_support import FIXTURES, REPO, Ran, make_cli


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
