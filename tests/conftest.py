"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from workspace import make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project (pyproject.toml, templates/, data/) in a temporary folder."""
    return make_project(tmp_path, with_real_entries=True)
