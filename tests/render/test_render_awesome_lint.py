"""The generated README passes awesome-lint's rules (all but the one that needs the GitHub API).

awesome-lint is a Node.js tool; .ci/run installs the pinned version into tests/awesome_lint/. Outside CI the
test is skipped when it is not installed (run `npm install --prefix tests/awesome_lint` to enable it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from workspace import ROOT

LINTER = ROOT / "tests" / "awesome_lint"
INSTALLED = (LINTER / "node_modules" / "awesome-lint").is_dir() and shutil.which("node") is not None

pytestmark = pytest.mark.skipif(
    not INSTALLED and not os.environ.get("CI"),
    reason="awesome-lint not installed (npm install --prefix tests/awesome_lint)",
)


def awesome_lint(readme: str, folder: Path) -> subprocess.CompletedProcess[str]:
    for name in ("CONTRIBUTING.md", "LICENSE"):
        shutil.copy(ROOT / name, folder / name)
    (folder / "README.md").write_text(readme, "utf-8")
    return subprocess.run(["node", "--no-deprecation", str(LINTER / "lint.mjs"), "README.md"], cwd=folder,
                          capture_output=True, text=True, timeout=120, check=False)


def test_generated_readme_passes_awesome_lint(tmp_path):
    result = awesome_lint((ROOT / "README.md").read_text("utf-8"), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_awesome_lint_run_does_catch_a_bad_item(tmp_path):
    readme = (ROOT / "README.md").read_text("utf-8") + "\n- [Foo](https://foo.example) - No final period\n"
    result = awesome_lint(readme, tmp_path)
    assert result.returncode == 1
    assert "must end with proper punctuation" in result.stdout
