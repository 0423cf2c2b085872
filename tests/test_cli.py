"""The command line: exit codes, output formats, configuration errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from awesome_approx.cli import main
from workspace import FIXTURES


def test_validate_clean_data_exits_0(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["validate"]) == 0
    assert "0 errors" in capsys.readouterr().err


def test_validate_with_errors_exits_1_and_names_file_line_and_code(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    shutil.copy(FIXTURES / "invalid" / "bad-arxiv.yaml", project / "data" / "entries" / "bad-arxiv.yaml")
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert "data/entries/bad-arxiv.yaml:7:1: [bad-arxiv] '2.006.10159' is not a well-formed arXiv id" in out
    assert "    hint: new style is YYMM.NNNNN" in out


def test_warnings_alone_exit_0(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    shutil.copy(FIXTURES / "invalid" / "ieee-without-doi.yaml", project / "data" / "entries" / "ieee.yaml")
    assert main(["validate"]) == 0
    assert "[ieee-without-doi] warning:" in capsys.readouterr().out


def test_github_format_prints_workflow_annotations(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    shutil.copy(FIXTURES / "invalid" / "unknown-field.yaml", project / "data" / "entries" / "typo.yaml")
    assert main(["validate", "--format", "github"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("::error file=")
    assert "typo.yaml,line=5,col=1,title=unknown-field::unknown field 'descripton'%0Ahint: did you mean" in line


def test_json_format_is_machine_readable(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    shutil.copy(FIXTURES / "invalid" / "year-range.yaml", project / "data" / "entries" / "old.yaml")
    assert main(["validate", "--format", "json"]) == 1
    (problem,) = json.loads(capsys.readouterr().out)
    assert problem["code"] == "year-range" and problem["line"] == 5 and problem["severity"] == "error"


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "yaml"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'yaml'" in capsys.readouterr().err


def test_unknown_configuration_key_exits_2(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8") + 'data_folder = "x"\n', "utf-8")
    assert main(["validate"]) == 2
    assert "unknown key 'data_folder'" in capsys.readouterr().err


def test_data_option_points_at_another_folder(project, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--data", str(project / "data"), "validate"]) == 0


def test_runs_as_a_module(project):
    completed = subprocess.run([sys.executable, "-m", "awesome_approx", "validate"], cwd=project,
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr


def test_validate_imports_only_what_it_needs(project):
    """Every run pays for its imports: validate must not load MkDocs or the HTTP stack."""
    code = ("import sys; from awesome_approx.cli import main; rc = main(['validate']); "
            "print(rc, sorted(m for m in ('mkdocs', 'requests', 'rich', 'jsonschema') if m in sys.modules))")
    completed = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True,
                               check=False)
    assert completed.stdout.strip() == "0 []", completed.stderr


def test_top_level_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in ("validate", "readme", "links", "build", "pages", "export", "fmt", "add", "import-markdown"):
        assert f"    {name}" in out


def test_a_mistyped_command_lists_the_valid_ones(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["valdate"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'valdate' (choose from 'validate', 'readme'" in capsys.readouterr().err
