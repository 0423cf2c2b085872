"""Fixtures for the content tests: the repository's own data/ and the reference fact sheets."""

from __future__ import annotations

import pytest
from reference_sheets import ROOT, SHEETS, read_sheet

from awesome_approx.validate import LoadResult, load_catalog


@pytest.fixture(scope="session")
def loaded() -> LoadResult:
    return load_catalog(ROOT / "data")


@pytest.fixture(scope="session")
def sheets() -> dict[str, list[dict]]:
    """Every sheet's items by file name, read from the fixture copies under tests/fixtures/reference."""
    return {name: read_sheet(name) for name in SHEETS}
