"""Fixtures for the content tests: the repository's own data/ and the reference fact sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from awesome_approx.validate import LoadResult, load_catalog

ROOT = Path(__file__).resolve().parents[2]
SHEET = ROOT / "tests" / "fixtures" / "reference" / "verified-entries.yaml"


@pytest.fixture(scope="session")
def loaded() -> LoadResult:
    return load_catalog(ROOT / "data")


@pytest.fixture(scope="session")
def sheet() -> list[dict]:
    return yaml.safe_load(SHEET.read_text("utf-8"))
