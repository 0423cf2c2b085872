"""import-markdown: hand-written awesome lists become categories.yaml + entries/*.yaml, or nothing at all."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from awesome_approx.catalog.model import CITATION
from awesome_approx.catalog.problems import has_errors
from awesome_approx.cli import main
from awesome_approx.contribute.importer import ImportRefused, import_markdown
from awesome_approx.contribute.markdown_list import (
    entry_id,
    parse_authors,
    parse_markdown,
    tidy_sentence,
)
from awesome_approx.render.readme import render_readme
from awesome_approx.validate import load_catalog

SEED_TREE = [
    ("best-surveys", 0), ("approximations-frameworks", 0), ("dedicated-hw", 0), ("approximation-methods", 0),
    ("pruning", 1), ("unstructured", 2), ("structured-sub-kernel", 2), ("structured-kernel", 2),
    ("structured-filter", 2), ("structured-hardware-friendly-structure", 2),
]


def tree(categories: list[dict], depth: int = 0) -> list[tuple[str, int]]:
    out = []
    for category in categories:
        out.append((category["id"], depth))
        out.extend(tree(category.get("children", []), depth + 1))
    return out


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# --- the seed README -----------------------------------------------------------------------------------


def test_seed_gives_back_its_six_entries(fixture_path, tmp_path):
    out = tmp_path / "data"
    report = import_markdown(fixture_path("README.seed.md"), out)
    result = load_catalog(out)
    assert sorted(files_under(out / "entries")) == [
        "accelerating-sparse-dnn-models-without.yaml", "deng2020model.yaml",
        "manikandan2020approximation.yaml", "nemo.yaml", "sze2017efficient.yaml", "wang2019deep.yaml"]
    wang = yaml.safe_load((out / "entries" / "wang2019deep.yaml").read_text("utf-8"))
    assert wang == {"title": "Deep Neural Network Approximation for Custom Hardware:Where We’ve Been, "
                             "Where We’re Going",
                    "url": "https://arxiv.org/abs/1901.06955", "category": "best-surveys", "year": 2019,
                    "authors": ["Wang", "others"], "arxiv": "1901.06955"}
    tile_file = out / "entries" / "accelerating-sparse-dnn-models-without.yaml"
    tile = yaml.safe_load(tile_file.read_text("utf-8"))
    assert tile["url"] == "https://arxiv.org/abs/2008.13006"  # the seed links the PDF
    assert tile["arxiv"] == "2008.13006"
    assert tile["category"] == "structured-hardware-friendly-structure"
    assert tile["description"].startswith("Large matrix multiplication are tiled")
    sze = yaml.safe_load((out / "entries" / "sze2017efficient.yaml").read_text("utf-8"))
    assert sze["ieee"] == "8114708" and "arxiv" not in sze
    nemo = yaml.safe_load((out / "entries" / "nemo.yaml").read_text("utf-8"))
    assert nemo["description"] == (
        "Small library for minimization of Deep Neural Networks developed in PyTorch (PTQ, QAT), "
        "support ONNX export, intended for ultra low power devices like pulp-nn.")
    # The four surveys have no description in the seed: written without, and the validator asks for them
    # (a warning, unless the list's config requires descriptions).
    assert report.missing_descriptions == ["deng2020model", "manikandan2020approximation", "sze2017efficient",
                                           "wang2019deep"]
    assert {p.code for p in result.problems if p.is_error} == set()
    assert [p.code for p in result.problems if p.code.startswith("missing")] == ["missing-description"] * 4
    strict = load_catalog(out, require_descriptions=True)
    assert {p.code for p in strict.problems if p.is_error} == {"missing-field"}


def test_seed_gives_every_section_including_empty_ones_and_those_its_toc_misses(fixture_path, tmp_path):
    out = tmp_path / "data"
    report = import_markdown(fixture_path("README.seed.md"), out)
    categories = yaml.safe_load((out / "categories.yaml").read_text("utf-8"))
    assert tree(categories) == SEED_TREE
    titles = [c.title for c in report.parsed.walk()]
    assert "Dedicated HW" in titles and "Structured - Hardware Friendly Structure" in titles  # not in its TOC
    assert categories[0]["style"] == "citation"
    assert report.parsed.problems == []  # title, intro, TOC and its credit line are skipped silently


def test_toc_links_and_document_title_do_not_become_entries_or_categories(fixture_path):
    parsed = parse_markdown(fixture_path("README.seed.md").read_text("utf-8"), "seed")
    assert all(not e.fields["url"].startswith("#") for e in parsed.entries)
    assert "Approximate Computing in Deep Neural Networks" not in [c.title for c in parsed.walk()]


def test_readme_rendered_from_our_data_round_trips(tmp_path):
    """Every entry and section of the list survives README -> import; the README is rendered afresh so
    the test does not depend on the committed copy (extra template sections may add items, never lose)."""
    root = Path(__file__).resolve().parents[2]
    catalog = load_catalog(root / "data").catalog
    readme = tmp_path / "README.md"
    readme.write_text(render_readme(catalog, root / "templates"), encoding="utf-8")
    out = tmp_path / "data"
    import_markdown(readme, out)
    imported = load_catalog(out)
    assert not has_errors(imported.problems)
    got = {(e.title, e.url, e.code, e.year, e.description) for e in imported.catalog.entries}
    # A named-style line ("- [Name](url) - ...") shows no year, so only citation-style entries bring theirs.
    cited = {c.id for c in catalog.walk() if c.style == CITATION}
    expected = {(e.title, e.url, e.code if e.code != e.url else None, e.year if e.category in cited else None,
                 e.description) for e in catalog.entries}
    assert expected <= got
    titles = [c.title for c in imported.catalog.walk()]
    assert [t for t in titles if t in {c.title for c in catalog.walk()}] == [c.title for c in catalog.walk()]
    descriptions = {c.title: c.description for c in imported.catalog.walk()}
    assert all(descriptions[c.title] == c.description for c in catalog.walk())


# --- tables and malformed lines --------------------------------------------------------------------------


def test_table_rows_with_a_link_in_the_first_column_become_entries(fixture_path, tmp_path):
    out = tmp_path / "data"
    report = import_markdown(fixture_path("table.md"), out)
    entries = {e.id: e.fields for e in report.parsed.entries}
    assert sorted(entries) == ["brevitas", "distiller", "gholami2021survey", "he2018soft"]
    assert entries["gholami2021survey"] == {
        "title": "A Survey of Quantization Methods for Efficient Neural Network Inference",
        "url": "https://arxiv.org/abs/2103.13630", "category": "quantization", "year": 2021,
        "authors": ["Gholami", "Kim", "others"], "arxiv": "2103.13630"}
    assert entries["he2018soft"]["doi"] == "10.24963/ijcai.2018/309"
    assert entries["he2018soft"]["venue"] == "IJCAI 2018"
    assert entries["he2018soft"]["code"] == "https://github.com/he-y/soft-filter-pruning"
    assert entries["brevitas"]["description"] == "Quantisation-aware training in PyTorch."
    assert [(p.line, p.message) for p in report.parsed.problems] == [
        (7, "table column(s) 'stars' match no field; left out"),
        (11, "the first cell has no link; left out"),
    ]
    categories = yaml.safe_load((out / "categories.yaml").read_text("utf-8"))
    assert categories[0]["description"] == "Papers on low-precision inference, as a table."


def test_malformed_lines_are_reported_with_their_line_numbers(fixture_path, tmp_path):
    report = import_markdown(fixture_path("malformed.md"), tmp_path / "data")
    assert [(p.line, p.code, p.message) for p in report.parsed.problems] == [
        (10, "not-understood", "list item has no link; left out"),
        (11, "not-understood", "text before the link ('**New!**') is not a year; left out"),
        (14, "not-understood", "paragraph is not an entry; left out"),
        (16, "not-understood",
         "cannot read what follows the link ('; compression research package'); left out"),
    ]
    assert all(p.path.endswith("malformed.md") for p in report.parsed.problems)
    assert [e.id for e in report.parsed.entries] == ["han2016eie", "parashar2017scnn"]
    assert [c.id for c in report.parsed.walk()] == ["papers"]  # Contents and License are boilerplate


def test_cli_lists_malformed_lines_and_exits_1(fixture_path, tmp_path, capsys):
    out = tmp_path / "data"
    code = main(["import-markdown", str(fixture_path("malformed.md")), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "malformed.md:10:1: [not-understood]" in err and "malformed.md:16:1: [not-understood]" in err
    assert "4 line(s) not understood" in err
    assert (out / "entries" / "han2016eie.yaml").is_file()


def test_cli_exits_0_when_everything_was_understood(tmp_path, capsys):
    source = tmp_path / "list.md"
    source.write_text("# List\n\n## Tools\n\n- [Brevitas](https://github.com/Xilinx/brevitas) - Quantises.\n",
                      encoding="utf-8")
    assert main(["import-markdown", str(source), "--out", str(tmp_path / "data")]) == 0
    assert "1 categories, 1 entries" in capsys.readouterr().err


# --- nothing written on failure ----------------------------------------------------------------------------


def test_invalid_result_writes_nothing_and_says_why(fixture_path, tmp_path):
    out = tmp_path / "data"
    with pytest.raises(ImportRefused) as refused:
        import_markdown(fixture_path("invalid.md"), out)
    codes = {(Path(p.path).name, p.code) for p in refused.value.problems}
    assert codes == {("brevitas.yaml", "duplicate-url"), ("local-tool.yaml", "bad-url-scheme")}
    assert all(str(tmp_path / "data") in p.path for p in refused.value.problems)
    assert any("line 7 of the Markdown" in p.message for p in refused.value.problems)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no staging folder left behind


def test_cli_reports_refusal_and_writes_nothing(fixture_path, tmp_path, capsys):
    out = tmp_path / "data"
    assert main(["import-markdown", str(fixture_path("invalid.md")), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "[bad-url-scheme]" in err and f"nothing written to {out}" in err
    assert not out.exists()


def test_existing_entry_file_is_never_overwritten(fixture_path, tmp_path):
    out = tmp_path / "data"
    (out / "entries").mkdir(parents=True)
    existing = out / "entries" / "nemo.yaml"
    existing.write_text("mine\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_markdown(fixture_path("README.seed.md"), out)
    assert [(Path(p.path).name, p.code) for p in refused.value.problems] == [("nemo.yaml", "exists")]
    assert existing.read_text("utf-8") == "mine\n"
    assert files_under(out) == ["entries/nemo.yaml"]


def test_import_into_an_existing_empty_folder(fixture_path, tmp_path):
    out = tmp_path / "data"
    out.mkdir()
    report = import_markdown(fixture_path("README.seed.md"), out)
    assert len(report.written) == 7 and (out / "categories.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_strict_refuses_when_a_line_was_not_understood(fixture_path, tmp_path):
    with pytest.raises(ImportRefused) as refused:
        import_markdown(fixture_path("malformed.md"), tmp_path / "data", strict=True)
    assert [p.line for p in refused.value.problems] == [10, 11, 14, 16]
    assert list(tmp_path.iterdir()) == []


def test_unreadable_source_is_refused_with_its_line(tmp_path):
    source = tmp_path / "bad.md"
    source.write_bytes(b"# List\n\n## A\n\n- [x](https://e.org) - \xff\n")
    with pytest.raises(ImportRefused) as refused:
        import_markdown(source, tmp_path / "data")
    assert [(p.line, p.code) for p in refused.value.problems] == [(5, "encoding")]
    assert not (tmp_path / "data").exists()


def test_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["import-markdown", str(tmp_path / "nope.md"), "--out", str(tmp_path / "d")]) == 2
    assert "no such file" in capsys.readouterr().err


# --- small pure helpers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Wang & al.", ["Wang", "others"]),
    ("Wang et al.", ["Wang", "others"]),
    ("Han, Mao and Dally", ["Han", "Mao", "Dally"]),
    ("Sze", ["Sze"]),
])
def test_parse_authors(text, expected):
    assert parse_authors(text) == expected


@pytest.mark.parametrize("fields, expected", [
    ({"title": "What is the State of Neural Network Pruning?", "year": 2020, "authors": ["Blalock"]},
     "blalock2020state"),
    ({"title": "Hardware Approximate Techniques", "year": 2022, "authors": ["Jörg Henkel"]},
     "henkel2022hardware"),
    ({"title": "NNCF (Neural Network Compression Framework)"}, "nncf"),
    ({"title": "Accelerating Sparse DNN Models without Hardware-Support via Tile-Wise Sparsity"},
     "accelerating-sparse-dnn-models-without"),
])
def test_entry_id(fields, expected):
    assert entry_id(fields) == expected


def test_tidy_sentence_only_fixes_case_and_final_period():
    assert tidy_sentence("  small  library ") == "Small library."
    assert tidy_sentence("Done!") == "Done!"


def test_code_link_and_links_inside_a_description_are_kept():
    text = ("# L\n\n## Tools\n\n"
            "- [Brevitas](https://github.com/Xilinx/brevitas) ([code](https://github.com/Xilinx/brevitas)) - "
            "exports to [FINN](https://github.com/Xilinx/finn)\n\n> A quote.\n")
    parsed = parse_markdown(text, "list.md")
    (entry,) = parsed.entries
    assert entry.fields["code"] == "https://github.com/Xilinx/brevitas"
    assert entry.fields["description"] == "Exports to [FINN](https://github.com/Xilinx/finn)."
    assert [(p.line, p.message) for p in parsed.problems] == [(7, "blockquote is not an entry; left out")]


def test_nested_headings_nest_and_boilerplate_subsections_are_skipped():
    text = ("# Title\n\n## A\n\n### A1\n\n#### A1x\n\n### A2\n\n## License\n\n### Details\n\n## B\n")
    parsed = parse_markdown(text, "list.md")
    assert [(c.id, c.level) for c in parsed.walk()] == [("a", 2), ("a1", 3), ("a1x", 4), ("a2", 3), ("b", 2)]
    assert [c.id for c in parsed.categories[0].children] == ["a1", "a2"]


def test_toc_at_level_two_does_not_swallow_level_three_sections_and_placeholder_code_is_ignored():
    text = ("# Awesome Pruning\n\n## Table of Contents\n\n- [2017 Venues](#2017)\n\n### 2017\n\n"
            "| Title | Venue | Type | Code |\n|---|---|---|---|\n"
            "| [Runtime Neural Pruning](https://example.org/rnp) | NeurIPS | `F` | - |\n"
            "| [ThiNet](https://arxiv.org/abs/1707.06342) | ICCV | `F` | "
            "[Caffe](https://github.com/Roll920/ThiNet), [PyTorch](https://github.com/x/y) |\n")
    parsed = parse_markdown(text, "list.md")
    assert [c.title for c in parsed.walk()] == ["2017"]
    rnp, thinet = (e.fields for e in parsed.entries)
    assert "code" not in rnp and rnp["venue"] == "NeurIPS"
    assert thinet["code"] == "https://github.com/Roll920/ThiNet"
    assert [(p.line, p.message) for p in parsed.problems] == [
        (9, "table column(s) 'type' match no field; left out")]


def test_import_with_no_entries_still_writes_a_complete_layout(tmp_path):
    source = tmp_path / "list.md"
    source.write_text("# List\n\n## Empty section\n", encoding="utf-8")
    report = import_markdown(source, tmp_path / "data")
    assert report.parsed.entries == [] and (tmp_path / "data" / "entries").is_dir()
    assert not has_errors(load_catalog(tmp_path / "data").problems)
