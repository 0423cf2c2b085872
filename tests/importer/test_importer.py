"""import-markdown: hand-written awesome lists become categories.yaml + entries/*.yaml, or nothing at all."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml

from awesome_approx.catalog.entry_ids import entry_id
from awesome_approx.catalog.model import CITATION
from awesome_approx.catalog.problems import has_errors
from awesome_approx.cli import main
from awesome_approx.config import load_config
from awesome_approx.contribute.importer import (
    ImportRefused,
    import_markdown,
    is_missing_description,
    project_config,
)
from awesome_approx.contribute.list_item import parse_authors
from awesome_approx.contribute.markdown_list import parse_markdown, tidy_sentence
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
        (11, "the row has no link; left out"),
    ]
    categories = yaml.safe_load((out / "categories.yaml").read_text("utf-8"))
    assert categories[0]["description"] == "Papers on low-precision inference, as a table."


def test_lines_without_a_link_are_noted_and_every_linked_line_is_imported(fixture_path, tmp_path):
    report = import_markdown(fixture_path("malformed.md"), tmp_path / "data")
    assert [(p.line, p.code, p.message) for p in report.parsed.problems] == [
        (10, "not-understood", "list item has no link; left out"),
        (14, "not-understood", "paragraph is not an entry; left out"),
    ]
    assert all(p.path.endswith("malformed.md") for p in report.parsed.problems)
    # '**New!** [Brevitas](...)' and '[Distiller](...) ; text' still give their title and link.
    assert [e.id for e in report.parsed.entries] == ["han2016eie", "brevitas", "parashar2017scnn", "distiller"]
    assert report.left_out == [] and report.imported == report.linked_items == 4
    assert [c.id for c in report.parsed.walk()] == ["papers"]  # Contents and License are boilerplate


def test_bad_lines_are_left_out_with_line_and_reason_and_the_good_ones_written(fixture_path, tmp_path):
    out = tmp_path / "data"
    report = import_markdown(fixture_path("bad-lines.md"), out)
    assert [(p.line, p.code) for p in report.left_out] == [
        (5, "outside-section"), (10, "duplicate-url"), (11, "bad-url-scheme"), (12, "bad-url-scheme"),
        (14, "duplicate-url")]  # arXiv's PDF link is the paper's abs page
    by_line = {p.line: p.message for p in report.left_out}
    assert "same URL as line 9" in by_line[10] and "same URL as line 13" in by_line[14]
    assert "entries/local-notes.yaml" in by_line[11]
    assert files_under(out / "entries") == ["brevitas.yaml", "distiller.yaml", "zeroq.yaml"]
    assert (report.imported, report.linked_items) == (3, 8)
    assert not has_errors(load_catalog(out).problems)


def test_cli_lists_each_line_left_out_and_exits_1(fixture_path, tmp_path, capsys):
    out = tmp_path / "project"
    code = main(["import-markdown", str(fixture_path("bad-lines.md")), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "bad-lines.md:11:1: [bad-url-scheme] warning: url has no scheme" in err
    assert "bad-lines.md:10:1: [duplicate-url]" in err
    assert err.rstrip().endswith("imported 3 of 8 linked items")
    assert (out / "data" / "entries" / "brevitas.yaml").is_file()


def test_cli_exits_0_when_everything_was_understood(tmp_path, capsys):
    source = tmp_path / "list.md"
    source.write_text("# List\n\n## Tools\n\n- [Brevitas](https://github.com/Xilinx/brevitas) - Quantises.\n",
                      encoding="utf-8")
    assert main(["import-markdown", str(source), "--out", str(tmp_path / "project")]) == 0
    err = capsys.readouterr().err
    assert "1 categories, 1 entries" in err and "imported 1 of 1 linked items" in err


def test_out_writes_a_project_whose_config_carries_the_source_title_and_intro(fixture_path, tmp_path,
                                                                              monkeypatch):
    out = tmp_path / "project"
    assert main(["import-markdown", str(fixture_path("labelled-links.md")), "--out", str(out)]) == 0
    monkeypatch.chdir(out)
    config = load_config()
    assert (config.title, config.intro) == ("Compression Papers", "Papers and tools for compressing large models.")
    assert config.data_path == out / "data"
    assert not has_errors(p for p in load_catalog(config.data_path).problems if not is_missing_description(p))


@pytest.mark.parametrize("title", ['Quotes " and \\ backslash', "Tab\tand DEL\x7f", "Émoji 🔥 list"])
def test_project_config_survives_any_title(title):
    parsed = parse_markdown("# x\n\n## A\n\n- [A](https://e.org/a)\n", "list.md")
    parsed.title = title
    assert tomllib.loads(project_config(parsed, "list.md"))["tool"]["awesome-approx"]["title"] == title


# --- nothing written on failure ----------------------------------------------------------------------------


def test_nothing_importable_writes_nothing_and_says_why(fixture_path, tmp_path):
    out = tmp_path / "data"
    with pytest.raises(ImportRefused) as refused:
        import_markdown(fixture_path("nothing-importable.md"), out)
    assert [(p.line, p.code) for p in refused.value.problems] == [
        (1, "nothing-imported"), (5, "bad-url-scheme"), (6, "bad-url-scheme")]
    assert all(p.path.endswith("nothing-importable.md") for p in refused.value.problems)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no staging folder left behind


def test_cli_exits_2_and_writes_nothing_when_nothing_is_importable(fixture_path, tmp_path, capsys):
    out = tmp_path / "project"
    assert main(["import-markdown", str(fixture_path("nothing-importable.md")), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "[bad-url-scheme]" in err and "[nothing-imported]" in err and f"nothing written to {out}" in err
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
    assert [p.line for p in refused.value.problems] == [10, 14]
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
    assert rnp["tags"] == ["f"] and thinet["tags"] == ["f"]  # a column of short codes becomes tags
    assert [(p.line, p.message) for p in parsed.problems] == [
        (9, "table column(s) 'type' hold short codes; read as tags")]


def test_import_with_no_entries_writes_nothing(tmp_path):
    source = tmp_path / "list.md"
    source.write_text("# List\n\n## Empty section\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_markdown(source, tmp_path / "data")
    assert [p.code for p in refused.value.problems] == ["nothing-imported"]
    assert not (tmp_path / "data").exists()


def test_a_heading_tree_deeper_than_a_list_nests_is_refused_naming_the_file_it_would_write(tmp_path):
    source = tmp_path / "deep.md"
    source.write_text("# L\n\n## A\n\n### B\n\n#### C\n\n##### D\n\n###### E\n\n- [X](https://example.org/x)\n",
                      encoding="utf-8")
    out = tmp_path / "project" / "data"
    with pytest.raises(ImportRefused) as refused:
        import_markdown(source, out)
    assert [(p.path, p.code) for p in refused.value.problems] == [(str(out / "categories.yaml"), "category-file")]
    assert "deeper than 4 levels" in refused.value.problems[0].message
    assert list(tmp_path.iterdir()) == [source]  # neither the project folder nor a staging folder
