"""`awesome-approx pages` and `awesome-approx build`, end to end in a copy of the project."""

from __future__ import annotations

import shutil

import pytest
from site_support import BAD_DATA, DATA, ROOT

from awesome_approx.cli import main
from awesome_approx.config import load_config
from awesome_approx.render.pages import SiteOptions, render_pages
from awesome_approx.validate import load_catalog


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the repository's site sources with the fixture data, as the working directory."""
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("templates", "docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_pages_writes_the_renderer_output_as_plain_files(project, capsys):
    assert main(["pages", "--out", "out"]) == 0
    config = load_config(project)
    expected = render_pages(load_catalog(project / "data").catalog, config.templates_path,
                            SiteOptions(repo_url=config.repo_url))
    written = {p.relative_to(project / "out").as_posix(): p.read_text("utf-8")
               for p in (project / "out").rglob("*") if p.is_file()}
    assert written == expected
    assert f"wrote {len(expected)} files" in capsys.readouterr().err


def test_pages_with_invalid_data_writes_nothing(project, capsys):
    assert main(["--data", str(BAD_DATA), "pages", "--out", "out"]) == 1
    err = capsys.readouterr().err
    assert "broken2020.yaml:5:" in err and "no page written" in err
    assert not (project / "out").exists()


def test_build_writes_readme_and_site(project, capsys):
    (project / "README.md").write_text("old")
    assert main(["build"]) == 0
    assert "Accelerating Sparse DNN Models" in (project / "README.md").read_text()
    assert (project / "site" / "categories" / "best-surveys" / "index.html").is_file()
    assert f"open {project / 'site' / 'index.html'}" in capsys.readouterr().err


def test_build_with_invalid_data_writes_nothing(project, capsys):
    (project / "README.md").write_text("old")
    assert main(["--data", str(BAD_DATA), "build"]) == 1
    assert "broken2020.yaml:5:" in capsys.readouterr().err
    assert (project / "README.md").read_text() == "old"
    assert not (project / "site").exists()
