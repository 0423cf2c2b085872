"""What the importer writes: fmt's canonical files, --into an existing list, a README that renders."""

from __future__ import annotations

import shutil

import yaml

from awesome_approx.catalog.model import NAMED, Category, Entry
from awesome_approx.cli import main
from awesome_approx.contribute.fmt import format_entry
from awesome_approx.contribute.importer import entry_text, import_markdown
from awesome_approx.render.readme import entry_line
from awesome_approx.validate import load_catalog
from workspace import ROOT

# --- one entry writer ------------------------------------------------------------------------------------


def test_imported_files_pass_fmt_check_tags_included(fixture_path, tmp_path):
    out = tmp_path / "data"
    import_markdown(fixture_path("quoted-titles.md"), out)
    files = sorted((out / "entries").glob("*.yaml"))
    assert files and any("tags: [ptq" in f.read_text("utf-8") for f in files)
    for path in files:
        text = path.read_text("utf-8")
        assert format_entry(text) == text, path.name  # what `fmt --check` compares


def test_a_newline_in_a_description_survives():
    fields = {"title": "Two lines", "url": "https://example.org/x", "category": "tools",
              "description": "First line.\nSecond line."}
    assert yaml.safe_load(entry_text(fields))["description"] == "First line.\nSecond line."


# --- --into an existing list ------------------------------------------------------------------------------


def test_into_adds_new_entries_under_matching_categories_and_skips_those_present(fixture_path, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    before = {p.name: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    report = import_markdown(fixture_path("into.md"), data, into=True)
    assert [(p.line, p.code) for p in report.left_out] == [(5, "already-present"), (10, "no-category")]
    assert "already in the list as 'brevitas'" in report.left_out[0].message
    assert "no category of the list is titled 'Compilers'" in report.left_out[1].message
    assert [p.name for p in report.written] == ["example-quantiser.yaml"]
    added = yaml.safe_load((data / "entries" / "example-quantiser.yaml").read_text("utf-8"))
    assert added["category"] == "approximations-frameworks"
    after = {p.name: p.read_bytes() for p in data.rglob("*") if p.is_file() and p.name != "example-quantiser.yaml"}
    assert after == before  # categories.yaml and every existing file untouched
    assert not [p for p in load_catalog(data).problems if p.is_error]


def test_into_a_folder_without_a_list_is_refused(fixture_path, tmp_path, capsys):
    assert main(["import-markdown", str(fixture_path("into.md")), "--into", str(tmp_path)]) == 2
    assert "[no-list]" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_reimporting_our_own_readme_into_our_data_adds_nothing(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    assert main(["import-markdown", str(ROOT / "README.md"), "--into", str(data)]) == 2
    err = capsys.readouterr().err
    assert "[already-present]" in err and "nothing written" in err


# --- an imported list renders -------------------------------------------------------------------------------


def test_entries_without_a_description_render_in_both_styles():
    paper = Entry("mao2017exploring", "Exploring the Regularity of Sparse Structure in Convolutional Neural Networks",
                  "https://arxiv.org/abs/1705.08922", "pruning", year=2017, authors=("Huizi Mao", "Song Han"))
    tool = Entry("brevitas", "Brevitas", "https://github.com/Xilinx/brevitas", "tools")
    assert entry_line(paper, "citation") == (
        "- 2017 [Exploring the Regularity of Sparse Structure in Convolutional Neural Networks]"
        "(https://arxiv.org/abs/1705.08922), Mao & al.")
    assert entry_line(tool, NAMED) == "- [Brevitas](https://github.com/Xilinx/brevitas)"
    assert Category("tools", "Tools").style == NAMED
