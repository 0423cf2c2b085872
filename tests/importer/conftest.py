"""Fixtures for the import-markdown tests: small real Markdown files under tests/fixtures/import/."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fixture_path():
    return lambda name: FIXTURES / name
