"""What a regular install ships: pyproject.toml finds packages by their __init__.py, so a folder of
modules without one would be left out of the wheel (while an editable install, reading src/, still works)."""

from __future__ import annotations

from setuptools import find_packages

from workspace import ROOT

SRC = ROOT / "src"


def test_every_folder_of_modules_is_a_package_the_install_ships():
    folders = {path.parent.relative_to(SRC).as_posix().replace("/", ".")
               for path in (SRC / "awesome_approx").rglob("*.py") if "__pycache__" not in path.parts}
    assert folders - set(find_packages(str(SRC))) == set()
