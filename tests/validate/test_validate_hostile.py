"""Hostile and unlucky inputs (issue 10 items 1, 5, 10, 11; issue 12 item 4): each is a clear problem
naming the file and line, never a traceback, and nothing is written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from awesome_approx.cli import main
from awesome_approx.validate import load_catalog
from workspace import ROOT, make_project

NEMO = (ROOT / "data" / "entries" / "nemo.yaml").read_text("utf-8")
DEEP_TITLE = "title: " + "[" * 300 + "x" + "]" * 300 + "\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (links and special files as their names only)."""
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() and not p.is_symlink() else b""
            for p in sorted(folder.rglob("*")) if ".cache" not in p.parts}


def entry(**fields: str) -> str:
    """nemo.yaml with some fields replaced (a valid entry otherwise)."""
    lines = [line for line in NEMO.splitlines() if line.split(":", 1)[0] not in fields]
    return "\n".join([*lines, *(f"{k}: {v}" for k, v in fields.items())]) + "\n"


# --- depth (issue 10 item 1) ---------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["validate"], ["readme"], ["build", "--no-readme"],
                                     ["export", "--format", "csv", "--output", "out.csv"], ["fmt"]])
def test_a_300_level_title_is_too_deep_for_every_command(tmp_path, monkeypatch, capsys, command):
    project = make_project(tmp_path, {"deep.yaml": entry(title=DEEP_TITLE.split(": ", 1)[1].strip())})
    assert "[[[" in (project / "data" / "entries" / "deep.yaml").read_text("utf-8")
    monkeypatch.chdir(project)
    before = snapshot(project)
    assert main(command) == 1
    captured = capsys.readouterr()
    assert "data/entries/deep.yaml:8:40:" in captured.out + captured.err
    assert "[too-deep] the value is nested more than 32 levels deep" in captured.out + captured.err
    assert "Traceback" not in captured.err and "RecursionError" not in captured.err
    assert snapshot(project) == before


def category_chain(levels: int) -> str:
    """categories.yaml holding one chain of `levels` nested categories, the last one 'c<levels>'."""
    lines = []
    for level in range(1, levels + 1):
        pad = "  " * 2 * (level - 1)
        lines += [f"{pad}- id: c{level}", f"{pad}  title: Level {level}"]
        if level < levels:
            lines.append(f"{pad}  children:")
    return "\n".join(lines) + "\n"


def test_a_category_tree_deeper_than_four_levels_is_refused_naming_the_file_and_line(tmp_path):
    project = make_project(tmp_path)
    (project / "data" / "categories.yaml").write_text(category_chain(6), "utf-8")
    problems = load_catalog(project / "data").problems
    assert [(Path(p.path).name, p.line, p.code) for p in problems] == [("categories.yaml", 10, "category-file")]
    assert problems[0].message == "category 'c4' has children deeper than 4 levels"
    assert load_catalog(project / "data").catalog.categories[0].children[0].children[0].children[0].children == ()


def test_four_levels_of_categories_are_fine(tmp_path):
    project = make_project(tmp_path)
    (project / "data" / "categories.yaml").write_text(category_chain(4), "utf-8")
    assert load_catalog(project / "data").problems == []


def test_150_levels_of_children_are_a_problem_not_a_crash(tmp_path):
    project = make_project(tmp_path)
    (project / "data" / "categories.yaml").write_text(category_chain(150), "utf-8")
    (problem,) = load_catalog(project / "data").problems
    assert (Path(problem.path).name, problem.code) == ("categories.yaml", "too-deep")


# --- category titles (issue 10 item 5, the validation half) ---------------------------------------------

def test_markup_in_a_category_title_is_refused(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path, with_real_entries=True)
    categories = project / "data" / "categories.yaml"
    text = categories.read_text("utf-8")
    first_title = text.split("title: ", 1)[1].split("\n", 1)[0]
    categories.write_text(text.replace(f"title: {first_title}",
                                       "title: Best </script><script>alert(1)</script> Surveys", 1), "utf-8")
    monkeypatch.chdir(project)
    before = snapshot(project)
    assert main(["readme"]) == 1
    err = capsys.readouterr().err
    assert "categories.yaml:" in err and "[category-file]" in err and "contains < or >" in err
    assert snapshot(project) == before


# --- entry files that are not plain files (issue 10 item 10) ---------------------------------------------

def test_a_symlinked_entry_is_refused_and_its_target_never_read_or_printed(tmp_path, monkeypatch, capsys):
    secrets = tmp_path / "secrets.yaml"
    secrets.write_text("AWS_SECRET_KEY: hunter2-very-secret\n", "utf-8")
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    entries = project / "data" / "entries"
    (entries / "secrets.yaml").symlink_to(secrets)
    (entries / "inside.yaml").symlink_to(project / "data" / "categories.yaml")
    monkeypatch.chdir(project)
    before = snapshot(project)
    assert main(["readme"]) == 1
    err = capsys.readouterr().err
    assert "data/entries/secrets.yaml:1:1: [not-regular] the entry is a symbolic link" in err
    assert "data/entries/inside.yaml:1:1: [not-regular]" in err
    assert "hunter2" not in err and "AWS_SECRET_KEY" not in err
    assert snapshot(project) == before
    problems = load_catalog(project / "data").problems
    assert {p.code for p in problems} == {"not-regular"}


def test_a_fifo_or_a_folder_named_yaml_is_reported_not_skipped(tmp_path):
    project = make_project(tmp_path, {"good.yaml": NEMO})
    entries = project / "data" / "entries"
    os.mkfifo(entries / "pipe.yaml")
    (entries / "folder.yaml").mkdir()
    result = load_catalog(project / "data")  # never blocks on the FIFO: it is not opened
    found = sorted((Path(p.path).name, p.code, p.message) for p in result.problems)
    assert found == [
        ("folder.yaml", "not-regular", "this is a folder, not an entry file"),
        ("pipe.yaml", "not-regular", "this is not a regular file (a FIFO, socket or device); it is not read"),
    ]
    assert [e.id for e in result.catalog.entries] == ["good"]


def test_an_entries_folder_that_is_a_link_out_of_data_is_refused(tmp_path):
    project = make_project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "nemo.yaml").write_text(NEMO, "utf-8")
    shutil.rmtree(project / "data" / "entries")
    (project / "data" / "entries").symlink_to(elsewhere)
    result = load_catalog(project / "data")
    assert [p.code for p in result.problems] == ["not-regular"] and result.catalog.entries == ()


# --- addresses no reader can open (issue 10 item 11) -----------------------------------------------------

@pytest.mark.parametrize(("field", "link", "reason"), [
    ("url", "http://127.0.0.1:8000/paper", "a loopback address"),
    ("url", "https://localhost/paper", "a localhost name"),
    ("url", "https://api.localhost./x", "a localhost name"),
    ("url", "http://10.1.2.3/paper", "a private address"),
    ("url", "http://192.168.0.10/", "a private address"),
    ("url", "http://169.254.169.254/latest/meta-data/", "a cloud metadata address"),
    ("url", "http://[::1]/paper", "a loopback address"),
    ("url", "http://2130706433/paper", "a loopback address"),
    ("url", "http://0x7f.1/paper", "a loopback address"),
    ("code", "http://[fe80::1]/repo", "a link-local address"),
])
def test_private_and_local_addresses_are_refused(tmp_path, field, link, reason):
    project = make_project(tmp_path, {"nemo.yaml": entry(**{field: link})})
    problems = load_catalog(project / "data").problems
    assert [(p.code, p.message) for p in problems] == [
        ("private-address", f"{field} '{link}' points at {reason}, which no reader can open")]
    assert problems[0].line == 8  # the replaced field, written last


@pytest.mark.parametrize("link", ["https://github.com/pulp-platform/nemo", "https://8.8.8.8/x",
                                  "https://example.org/localhost/page", "https://localhost.example.org/"])
def test_public_addresses_pass(tmp_path, link):
    project = make_project(tmp_path, {"nemo.yaml": entry(url=link)})
    assert load_catalog(project / "data").problems == []


# --- descriptions (issue 12 item 4, the validation half) ------------------------------------------------

def without_description() -> str:
    return "".join(line + "\n" for line in NEMO.splitlines() if not line.startswith("description:"))


def test_a_missing_description_is_a_warning_unless_the_config_requires_it(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path, {"nemo.yaml": without_description()})
    relaxed = load_catalog(project / "data").problems
    assert [(p.code, p.severity) for p in relaxed] == [("missing-description", "warning")]
    strict = load_catalog(project / "data", require_descriptions=True).problems
    assert [(p.code, p.severity, p.message) for p in strict] == [
        ("missing-field", "error", "required field 'description' is missing")]
    # This repository's pyproject.toml sets require_descriptions = true: the list keeps requiring them.
    monkeypatch.chdir(project)
    assert main(["validate"]) == 1
    assert "[missing-field] required field 'description' is missing" in capsys.readouterr().out
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8").replace("require_descriptions = true\n", ""), "utf-8")
    assert main(["validate"]) == 0
    assert "[missing-description] warning: the entry has no description" in capsys.readouterr().out


def test_the_config_setting_must_be_true_or_false(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path, {"nemo.yaml": NEMO})
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8").replace("require_descriptions = true",
                                                              'require_descriptions = "yes"'), "utf-8")
    monkeypatch.chdir(project)
    assert main(["validate"]) == 2
    assert "require_descriptions must be true or false" in capsys.readouterr().err


@pytest.mark.parametrize("description", ["深度神经网络的近似计算框架。", "近似計算のためのライブラリです。",
                                         "'2:4 sparsity on GPUs, explained.'"])
def test_a_description_in_a_script_without_capitals_is_not_an_error(tmp_path, description):
    project = make_project(tmp_path, {"nemo.yaml": entry(description=description)})
    assert load_catalog(project / "data", require_descriptions=True).problems == []


def test_a_lower_case_start_is_still_an_error(tmp_path):
    project = make_project(tmp_path, {"nemo.yaml": entry(description="small library for pruning.")})
    assert [p.code for p in load_catalog(project / "data").problems] == ["description-style"]


# --- one identity rule (issue 9) -------------------------------------------------------------------------

def test_the_same_github_repository_in_another_case_is_a_duplicate(tmp_path):
    """add refused this and validate accepted it: both now use catalog.identity."""
    project = make_project(tmp_path, {
        "nemo.yaml": NEMO,
        "nemo-again.yaml": NEMO.replace("https://github.com/pulp-platform/nemo",
                                        "https://github.com/Pulp-Platform/NEMO"),
    })
    problems = load_catalog(project / "data").problems
    assert [(Path(p.path).name, p.code) for p in problems] == [("nemo.yaml", "duplicate-url")]
    assert "same URL as entry 'nemo-again'" in problems[0].message
