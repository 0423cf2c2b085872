"""Fixtures for the curation tests (discover, enrich, issue form, unmaintained code): a small data folder,
an in-process CLI runner, and services pointed at a closed port unless a test starts a loopback fake."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from curate_support import REPO, Ran, run_cli

FIXTURE_ENTRIES = REPO / "tests" / "fixtures" / "contribute" / "entries"


@pytest.fixture(autouse=True)
def no_real_endpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ARXIV", "DOI", "CROSSREF", "GITHUB"):
        monkeypatch.setenv(f"AWESOME_APPROX_{name}_API", "http://127.0.0.1:9")
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The repository's categories with the fixed handful of contribute fixture entries."""
    target = tmp_path / "data"
    (target / "entries").mkdir(parents=True)
    shutil.copy(REPO / "data" / "categories.yaml", target / "categories.yaml")
    for path in FIXTURE_ENTRIES.glob("*.yaml"):
        shutil.copy(path, target / "entries" / path.name)
    return target


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], data: Path) -> Callable[..., Ran]:
    return lambda *args: run_cli(capsys, data, *args)
