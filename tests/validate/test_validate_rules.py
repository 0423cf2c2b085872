"""One test per validation rule, each with a small bad file under tests/fixtures/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from awesome_approx.validate import load_catalog
from workspace import FIXTURES, ROOT, make_project

INVALID = FIXTURES / "invalid"

# (fixture file, code, line, words the message must contain, words the hint must contain)
RULES = [
    ("yaml-syntax.yaml", "yaml-syntax", 5, "YAML syntax error", "indentation"),
    ("duplicate-key.yaml", "duplicate-key", 5, "'title' is given twice (first on line 2)", "keep one"),
    ("yaml-anchor.yaml", "yaml-anchor", 2, "anchor '&t' is not allowed", "in full"),
    ("yaml-tag.yaml", "yaml-tag", 2, "tag 'tag:yaml.org,2002:python/object:os.system' is not allowed", "remove"),
    ("unknown-field.yaml", "unknown-field", 5, "unknown field 'descripton'", "did you mean 'description'?"),
    ("wrong-type.yaml", "wrong-type", 7, "'arxiv' must be a string, not float", "quote the value: arxiv: '1901.06955'"),
    ("missing-field.yaml", "missing-field", 2, "required field 'url' is missing", "add 'url: ...'"),
    ("unknown-category.yaml", "unknown-category", 4, "unknown category 'best-survey'",
     "did you mean 'best-surveys'? valid categories: best-surveys, approximations-frameworks"),
    ("id-mismatch.yaml", "id-mismatch", 2, "id 'something-else' does not match the file name 'id-mismatch'",
     "rename the file"),
    ("bad-arxiv.yaml", "bad-arxiv", 7, "'2.006.10159' is not a well-formed arXiv id", "YYMM.NNNNN"),
    ("bad-doi.yaml", "bad-doi", 5, "'https://doi.org/10.1145/3309551' is not a well-formed DOI",
     "write the bare DOI: doi: 10.1145/3309551"),
    ("bad-url-scheme.yaml", "bad-url-scheme", 3, "url has 'javascript:'; only http and https", "https://"),
    ("year-range.yaml", "year-range", 5, "year 1890 is outside 1940..", ""),
    ("description-style.yaml", "description-style", 5, "must start with a capital letter", "Lower case"),
    ("ieee-without-doi.yaml", "ieee-without-doi", 3, "IEEE Xplore paper without a DOI", "doi"),
    ("not-mapping.yaml", "not-mapping", 2, "an entry must be a mapping of fields, not a list", "field: value"),
    ("empty-file.yaml", "empty-file", 1, "holds no YAML document", "_template.yaml.example"),
    ("bom.yaml", "bom", 1, "byte order mark", "without BOM"),
    ("encoding.yaml", "encoding", 1, "not valid UTF-8 (byte 0xe9)", "UTF-8"),
    ("Bad_Name.yaml", "bad-id", 2, "'Bad_Name.yaml' is not a valid entry id", "lowercase"),
    ("modeline.yaml", "modeline", 1, "not the schema modeline", "# yaml-language-server: $schema="),
    ("bad-ieee.yaml", "bad-ieee", 6, "'document/8114708' is not an IEEE Xplore document number",
     "ieeexplore.ieee.org/document/NUMBER"),
    ("bad-url.yaml", "bad-url", 3, "url 'https://example.org/with space' is not a valid link", "%20"),
    ("invalid-value.yaml", "invalid-value", 6, "'tags[0]': 'Pruning' does not match", "lowercase keywords"),
]


def problems_for(tmp_path: Path, fixture: str):
    project = make_project(tmp_path)
    shutil.copy(INVALID / fixture, project / "data" / "entries" / fixture)
    return load_catalog(project / "data").problems


@pytest.mark.parametrize(("fixture", "code", "line", "message", "hint"), RULES, ids=[r[1] for r in RULES])
def test_rule_reports_code_message_and_line(tmp_path, fixture, code, line, message, hint):
    problems = [p for p in problems_for(tmp_path, fixture) if p.code == code and message in p.message]
    assert problems, f"no [{code}] problem saying {message!r} for {fixture}"
    problem = problems[0]
    assert problem.path.endswith(f"data/entries/{fixture}")
    assert problem.line == line
    assert message in problem.message
    assert hint in problem.hint


def test_every_fixture_has_a_rule_test():
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(r[0] for r in RULES)


def test_ieee_without_doi_is_only_a_warning(tmp_path):
    problems = problems_for(tmp_path, "ieee-without-doi.yaml")
    assert [p.severity for p in problems] == ["warning"]


def test_description_style_reports_each_fault(tmp_path):
    messages = [p.message for p in problems_for(tmp_path, "description-style.yaml")]
    assert any("leading or trailing spaces" in m for m in messages)
    assert any("end with punctuation" in m for m in messages)


def test_citation_categories_need_year_and_authors(tmp_path):
    project = make_project(tmp_path, {"paper.yaml": "title: T\nurl: https://example.org/t\n"
                                      "category: best-surveys\ndescription: Fine.\n"})
    problems = [p for p in load_catalog(project / "data").problems if p.is_error]
    assert {p.message for p in problems} == {"'year' is required for a paper in 'best-surveys'",
                                             "'authors' is required for a paper in 'best-surveys'"}


def test_file_too_large_is_reported_without_reading_it_all(tmp_path):
    project = make_project(tmp_path, {"huge.yaml": b"title: " + b"x" * (10 * 1024 * 1024) + b"\n"})
    (problem,) = load_catalog(project / "data").problems
    assert (problem.code, problem.line) == ("file-too-large", 1)
    assert "larger than 256 KiB" in problem.message


def test_yml_extension_is_reported(tmp_path):
    project = make_project(tmp_path, {"paper.yml": "title: T\n"})
    (problem,) = load_catalog(project / "data").problems
    assert problem.code == "file-name"
    assert "rename it to paper.yaml" in problem.hint


@pytest.mark.parametrize(("case", "code", "field_line"), [
    ("url", "duplicate-url", 3), ("arxiv", "duplicate-arxiv", 5), ("doi", "duplicate-doi", 5),
    ("id", "duplicate-id", 2),
])
def test_duplicates_are_reported_on_the_second_file_naming_the_first(tmp_path, case, code, field_line):
    project = make_project(tmp_path)
    for path in (FIXTURES / "duplicates" / case).iterdir():
        shutil.copy(path, project / "data" / "entries" / path.name)
    problems = [p for p in load_catalog(project / "data").problems if p.code == code]
    assert len(problems) == 1
    first, second = sorted(p.name for p in (FIXTURES / "duplicates" / case).iterdir())
    assert problems[0].path.endswith(second)
    assert f"entry '{Path(first).stem}'" in problems[0].message
    assert problems[0].line == field_line


def test_all_problems_of_all_files_come_in_one_run(tmp_path):
    project = make_project(tmp_path)
    for fixture in ("unknown-field.yaml", "bad-arxiv.yaml", "year-range.yaml"):
        shutil.copy(INVALID / fixture, project / "data" / "entries" / fixture)
    codes = {p.code for p in load_catalog(project / "data").problems}
    assert {"unknown-field", "bad-arxiv", "year-range"} <= codes


def test_the_repository_data_is_clean():
    result = load_catalog(ROOT / "data")
    assert [p for p in result.problems if p.is_error] == []
    assert len(result.catalog.entries) >= 6


def test_modeline_is_only_a_warning(tmp_path):
    problems = problems_for(tmp_path, "modeline.yaml")
    assert [(p.code, p.severity) for p in problems] == [("modeline", "warning")]


@pytest.mark.parametrize(("categories", "message"), [
    ("- id: a\n  title: A\n- id: a\n  title: B\n", "category id 'a' is used twice"),
    ("- id: a\n", "needs a string id and title"),
    ("- id: a\n  title: A\n  style: fancy\n", "style one of citation, named"),
    ("- id: a\n  title: A\n  colour: red\n", "unknown keys: colour"),
    ("id: a\n", "must be a list of categories"),
])
def test_bad_category_files_are_reported(tmp_path, categories, message):
    project = make_project(tmp_path)
    (project / "data" / "categories.yaml").write_text(categories, "utf-8")
    problems = load_catalog(project / "data").problems
    assert any(p.code == "category-file" and message in p.message and p.path.endswith("categories.yaml")
               for p in problems), problems


def test_a_missing_entries_folder_is_reported(tmp_path):
    project = make_project(tmp_path)
    (project / "data" / "entries").rmdir()
    (problem,) = load_catalog(project / "data").problems
    assert (problem.code, problem.message) == ("missing-folder", "the folder of entries does not exist")
    assert problem.path.endswith("data/entries")
