"""add: new entries from arXiv, Crossref (DOI, IEEE + DOI) and GitHub, all against loopback fake servers."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from contribute_support import REPO, snapshot

from awesome_approx.catalog.entry_ids import entry_id, first_significant_word
from awesome_approx.contribute import add
from awesome_approx.contribute.fmt import MODELINE, format_entry
from awesome_approx.validate import load_catalog
from fakes.arxiv import FakeArxiv, Paper
from fakes.crossref import FakeCrossref, Work
from fakes.github import FakeGithub, Repo

# Facts as data/entries/guo2020accelerating.yaml states them (the fake serves them as arXiv would).
GUO = Paper("Accelerating Sparse DNN Models without Hardware-Support via Tile-Wise Sparsity",
            ("Cong Guo", "Bo Yang Hsueh", "Jingwen Leng", "Yuxian Qiu", "Yue Guan", "Zehuan Wang",
             "Xiaoying Jia", "Xipeng Li", "Minyi Guo", "Yuhao Zhu"), published="2020-08-31", version=1)
# Facts as data/entries/deng2020model.yaml states them.
DENG = Work("Model Compression and Hardware Acceleration for Neural Networks: A Comprehensive Survey",
            (("Lei", "Deng"), ("Guoqi", "Li"), ("Song", "Han"), ("Luping", "Shi"), ("Yuan", "Xie")), 2020,
            "Proceedings of the IEEE")
DENG_DOI = "10.1109/jproc.2020.2976475"
CATEGORY = "structured-hardware-friendly"


def problems_of(ran) -> list[dict]:
    return json.loads(ran.out) if ran.out.strip() else []


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def arxiv_fake():
    with FakeArxiv({"2008.13006": GUO}) as server:
        yield server


# --- the "done when" case ------------------------------------------------------------------------------

def test_add_arxiv_id_writes_an_entry_and_validate_asks_only_for_the_description(
        small_cli, small_data: Path, arxiv_fake, monkeypatch) -> None:
    monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv_fake.url)
    ran = small_cli("add", "2008.13006", "--category", CATEGORY)
    assert ran.code == 0, ran.err
    path = small_data / "entries" / "guo2020accelerating.yaml"
    assert str(path) in ran.out
    entry = load(path)
    assert entry["title"] == GUO.title
    assert entry["authors"] == list(GUO.authors)
    assert (entry["year"], entry["arxiv"], entry["url"]) == (2020, "2008.13006", "https://arxiv.org/abs/2008.13006")
    assert entry["category"] == CATEGORY and "description" not in entry
    text = path.read_text(encoding="utf-8")
    assert text.startswith(MODELINE) and format_entry(text) == text  # already canonical
    validated = small_cli("validate", "--format", "json")
    assert validated.code == 1
    problems = problems_of(validated)
    assert [(p["code"], Path(p["path"]).name) for p in problems] == [("missing-field", path.name)]
    assert "'description'" in problems[0]["message"]
    assert [r.query["id_list"] for r in arxiv_fake.queries] == [["2008.13006"]]


def test_arxiv_links_and_the_command_line_endpoint_work_too(small_cli, small_data: Path, arxiv_fake) -> None:
    ran = small_cli("add", "https://arxiv.org/pdf/2008.13006v2.pdf", "--category", CATEGORY,
                    "--arxiv-api", arxiv_fake.url)
    assert ran.code == 0, ran.err
    assert load(small_data / "entries" / "guo2020accelerating.yaml")["arxiv"] == "2008.13006"


def test_dry_run_prints_the_entry_and_writes_nothing(small_cli, small_data: Path, arxiv_fake, monkeypatch):
    monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv_fake.url)
    before = snapshot(small_data)
    ran = small_cli("add", "2008.13006", "--category", CATEGORY, "--dry-run")
    assert ran.code == 0
    assert yaml.safe_load(ran.out)["title"] == GUO.title
    assert "not written" in ran.err
    assert snapshot(small_data) == before


# --- other sources -------------------------------------------------------------------------------------

def test_doi_link_uses_crossref_with_the_polite_contact(small_cli, small_data: Path, monkeypatch) -> None:
    with FakeCrossref({DENG_DOI: DENG}) as crossref:
        monkeypatch.setenv("AWESOME_APPROX_CROSSREF_API", crossref.url)
        ran = small_cli("add", f"https://doi.org/{DENG_DOI}", "--category", "best-surveys")
        mailto = crossref.requests[0].query.get("mailto")
    assert ran.code == 0, ran.err
    entry = load(small_data / "entries" / "deng2020model.yaml")
    assert entry["authors"] == ["Lei Deng", "Guoqi Li", "Song Han", "Luping Shi", "Yuan Xie"]
    assert (entry["venue"], entry["doi"], entry["url"]) == (
        "Proceedings of the IEEE", DENG_DOI, f"https://doi.org/{DENG_DOI}")
    assert mailto and "@" in mailto[0]


def test_ieee_link_needs_a_doi_and_then_keeps_the_document_number(small_cli, small_data: Path,
                                                                  monkeypatch) -> None:
    refused = small_cli("add", "https://ieeexplore.ieee.org/document/9043731", "--category", "best-surveys")
    assert refused.code == 2 and "--doi" in refused.err
    with FakeCrossref({DENG_DOI: DENG}) as crossref:
        monkeypatch.setenv("AWESOME_APPROX_CROSSREF_API", crossref.url)
        ran = small_cli("add", "https://ieeexplore.ieee.org/document/9043731", "--doi", DENG_DOI,
                        "--category", "best-surveys")
    assert ran.code == 0, ran.err
    entry = load(small_data / "entries" / "deng2020model.yaml")
    assert (entry["url"], entry["ieee"], entry["doi"]) == (
        "https://ieeexplore.ieee.org/document/9043731", "9043731", DENG_DOI)
    assert [p["code"] for p in problems_of(small_cli("validate", "--format", "json"))] == ["missing-field"]


def test_github_repository_becomes_a_named_entry(small_cli, small_data: Path, monkeypatch) -> None:
    repo = Repo(description="Tile-wise sparsity for GPUs.", archived=True)
    with FakeGithub({"clevercool/TileSparsity": repo}) as github:
        monkeypatch.setenv("AWESOME_APPROX_GITHUB_API", github.url)
        ran = small_cli("add", "https://github.com/clevercool/TileSparsity", "--category",
                        "approximations-frameworks")
    assert ran.code == 0, ran.err
    assert "archived" in ran.err and "Tile-wise sparsity for GPUs." in ran.err
    entry = load(small_data / "entries" / "tilesparsity.yaml")
    assert entry["title"] == "TileSparsity"
    assert entry["url"] == entry["code"] == "https://github.com/clevercool/TileSparsity"
    assert [p["code"] for p in problems_of(small_cli("validate", "--format", "json"))] == ["missing-field"]


# --- refusals: nothing is ever written -----------------------------------------------------------------

@pytest.mark.parametrize(("given", "existing"), [
    ("1901.06955", "wang2019deep"),
    ("https://arxiv.org/pdf/1901.06955v2.pdf", "wang2019deep"),
    ("https://doi.org/10.1109/JPROC.2017.2761740", "sze2017efficient"),
    ("https://github.com/Pulp-Platform/NEMO/", "nemo"),
])
def test_duplicates_are_refused_before_any_request(small_cli, small_data: Path, arxiv_fake, monkeypatch,
                                                   given: str, existing: str) -> None:
    monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv_fake.url)
    before = snapshot(small_data)
    ran = small_cli("add", given, "--category", "best-surveys")
    assert ran.code == 1
    assert f"'{existing}'" in ran.err and "nothing written" in ran.err
    assert snapshot(small_data) == before
    assert arxiv_fake.requests == []


def test_a_duplicate_revealed_by_the_metadata_is_refused(small_cli, small_data: Path, monkeypatch) -> None:
    # A (fake) preprint whose published version has the DOI of an entry already in the list.
    twin = Paper("Same paper, preprint version", doi="10.1145/3309551", published="2019-01-01")
    with FakeArxiv({"2001.01001": twin}) as arxiv:
        monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv.url)
        before = snapshot(small_data)
        ran = small_cli("add", "2001.01001", "--category", "best-surveys")
    assert ran.code == 1 and "'wang2019deep'" in ran.err and "DOI 10.1145/3309551" in ran.err
    assert snapshot(small_data) == before


def test_offline_says_so_and_writes_nothing(small_cli, small_data: Path, monkeypatch) -> None:
    with FakeArxiv({"2008.13006": GUO}) as arxiv:
        stopped_url = arxiv.url
    monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", stopped_url)  # nobody listens there any more
    before = snapshot(small_data)
    ran = small_cli("add", "2008.13006", "--category", CATEGORY)
    assert ran.code == 1
    assert "could not fetch the metadata of arXiv 2008.13006" in ran.err and "offline" in ran.err
    assert "Nothing written" in ran.err
    assert snapshot(small_data) == before


def test_an_api_error_says_so_and_writes_nothing(small_cli, small_data: Path, monkeypatch) -> None:
    with FakeArxiv({"2008.13006": GUO}, status_on={1: (503, {"Retry-After": "5"})}) as arxiv:
        monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv.url)
        before = snapshot(small_data)
        ran = small_cli("add", "2008.13006", "--category", CATEGORY)
    assert ran.code == 1 and "HTTP 503" in ran.err and "Nothing written" in ran.err
    assert "try again later" in ran.err and "offline" not in ran.err
    assert snapshot(small_data) == before


def test_unknown_identifiers_are_reported(small_cli, small_data: Path, monkeypatch) -> None:
    before = snapshot(small_data)
    with FakeArxiv({}) as arxiv, FakeCrossref({}) as crossref, FakeGithub({}) as github:
        monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv.url)
        monkeypatch.setenv("AWESOME_APPROX_CROSSREF_API", crossref.url)
        monkeypatch.setenv("AWESOME_APPROX_GITHUB_API", github.url)
        assert "arXiv does not know 2008.13006" in small_cli("add", "2008.13006", "--category", CATEGORY).err
        assert "Crossref does not know" in small_cli("add", "10.5555/nothing", "--category", CATEGORY).err
        assert "GitHub has no public repository" in small_cli(
            "add", "https://github.com/nobody/nothing", "--category", CATEGORY).err
    assert snapshot(small_data) == before


@pytest.mark.parametrize("given", ["not-an-id", "https://example.org/paper", "10.1234", "arXiv:99"])
def test_unrecognised_input_is_a_usage_error(small_cli, given: str) -> None:
    ran = small_cli("add", given, "--category", CATEGORY)
    assert ran.code == 2 and "is not an arXiv id" in ran.err


def test_unknown_category_is_refused_with_the_list(small_cli, small_data: Path) -> None:
    ran = small_cli("add", "2008.13006", "--category", "prunning")
    assert ran.code == 2 and "unknown category 'prunning'" in ran.err and "structured-filter" in ran.err


def test_without_category_and_without_a_terminal_it_fails_listing_categories(
        small_cli, small_data: Path, arxiv_fake, monkeypatch) -> None:
    monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv_fake.url)
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))  # not a terminal, even with input waiting
    before = snapshot(small_data)
    ran = small_cli("add", "2008.13006")
    assert ran.code == 2
    assert "--category" in ran.err
    for category in load_catalog(small_data).catalog.walk():
        assert category.id in ran.err
    assert snapshot(small_data) == before and arxiv_fake.requests == []


class TerminalInput(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_it_asks_for_the_category_by_id(small_cli, small_data: Path, arxiv_fake,
                                                       monkeypatch) -> None:
    monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv_fake.url)
    monkeypatch.setattr(sys, "stdin", TerminalInput(f"no-such-thing\n{CATEGORY}\n"))
    ran = small_cli("add", "2008.13006")
    assert ran.code == 0, ran.err
    assert "neither a number" in ran.err and GUO.title in ran.err
    assert load(small_data / "entries" / "guo2020accelerating.yaml")["category"] == CATEGORY


def test_on_a_terminal_end_of_input_aborts(small_cli, small_data: Path, arxiv_fake, monkeypatch) -> None:
    monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv_fake.url)
    monkeypatch.setattr(sys, "stdin", TerminalInput(""))
    before = snapshot(small_data)
    ran = small_cli("add", "2008.13006")
    assert ran.code == 2 and "no category chosen" in ran.err
    assert snapshot(small_data) == before


def test_a_real_pseudo_terminal_picks_the_category_by_number(small_data: Path, arxiv_fake) -> None:
    number = [c.id for c in load_catalog(small_data).catalog.walk()].index(CATEGORY) + 1
    leader, follower = pty.openpty()
    env = {**os.environ, "AWESOME_APPROX_ARXIV_API": arxiv_fake.url, "PYTHONPATH": str(REPO / "src")}
    try:
        os.write(leader, f"{number}\n".encode())  # the terminal buffers the answer until it is read
        done = subprocess.run([sys.executable, "-m", "awesome_approx", "--data", str(small_data), "add",
                               "2008.13006"], stdin=follower, capture_output=True, text=True, env=env,
                              timeout=60, cwd=REPO)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 0, done.stderr
    assert "Categories:" in done.stderr
    assert load(small_data / "entries" / "guo2020accelerating.yaml")["category"] == CATEGORY


# --- never overwrite -----------------------------------------------------------------------------------

def test_an_id_in_use_by_another_file_gets_a_free_one(small_cli, small_data: Path, arxiv_fake,
                                                      monkeypatch) -> None:
    monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv_fake.url)
    squatter = small_data / "entries" / "guo2020accelerating.yaml"
    squatter.write_text("title: [a file that is not valid yet\n", encoding="utf-8")
    ran = small_cli("add", "2008.13006", "--category", CATEGORY)
    assert ran.code == 0, ran.err
    assert squatter.read_text(encoding="utf-8") == "title: [a file that is not valid yet\n"
    assert load(small_data / "entries" / "guo2020accelerating-2.yaml")["title"] == GUO.title


def test_create_new_file_never_replaces_a_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    add.create_new_file(path, "first\n")
    with pytest.raises(FileExistsError):
        add.create_new_file(path, "second\n")
    assert path.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]  # no temporary file left behind


# --- pure parts ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "doi", "expected"), [
    ("2008.13006", None, add.Target("arxiv", arxiv="2008.13006")),
    ("2008.13006v3", None, add.Target("arxiv", arxiv="2008.13006")),
    ("arXiv:2008.13006", None, add.Target("arxiv", arxiv="2008.13006")),
    ("https://arxiv.org/abs/hep-th/9901001", None, add.Target("arxiv", arxiv="hep-th/9901001")),
    ("10.1145/3309551", None, add.Target("doi", doi="10.1145/3309551")),
    ("doi:10.1145/3309551", None, add.Target("doi", doi="10.1145/3309551")),
    ("https://dx.doi.org/10.1145/3309551", None, add.Target("doi", doi="10.1145/3309551")),
    ("https://ieeexplore.ieee.org/abstract/document/8114708/", "https://doi.org/10.1109/JPROC.2017.2761740",
     add.Target("ieee", doi="10.1109/JPROC.2017.2761740", ieee="8114708")),
    ("https://github.com/pulp-platform/nemo.git", None, add.Target("github", repo=("pulp-platform", "nemo"))),
])
def test_parse_target(given: str, doi: str | None, expected: add.Target) -> None:
    assert add.parse_target(given, doi) == expected


def test_bad_doi_option_is_a_usage_error() -> None:
    with pytest.raises(add.AddError, match="is not a DOI") as raised:
        add.parse_target("https://ieeexplore.ieee.org/document/1", "nonsense")
    assert raised.value.exit_code == 2


@pytest.mark.parametrize(("fields", "expected"), [
    ({"authors": ["Cong Guo"], "year": 2020, "title": "Accelerating Sparse DNN"}, "guo2020accelerating"),
    ({"authors": ["Vivienne Sze"], "year": 2017, "title": "Efficient Processing"}, "sze2017efficient"),
    ({"authors": ["Jürgen Müller-Lüdenscheidt"], "year": 2021, "title": "On the Ünits"},
     "mullerludenscheidt2021units"),
    ({"authors": ["Manikandan", "others"], "year": 2020, "title": "A Survey"}, "manikandan2020survey"),
    ({"title": "TileSparsity"}, "tilesparsity"),
    ({"title": "Distiller_v2.0"}, "distiller-v2-0"),
])
def test_entry_ids_are_bibtex_keys(fields: dict, expected: str) -> None:
    assert entry_id(fields) == expected


def test_first_significant_word_skips_small_words() -> None:
    assert first_significant_word("A Survey of Model Compression") == "survey"
    assert first_significant_word("The 2nd: Towards Efficient X") == "2nd"


def test_new_entries_get_todays_date(small_data: Path) -> None:
    from awesome_approx.contribute.metadata import from_arxiv
    from awesome_approx.sources.arxiv import ArxivRecord

    record = ArxivRecord("2008.13006", "v1", GUO.title, GUO.authors, 2020, None, None,
                         "https://arxiv.org/abs/2008.13006")
    assert from_arxiv(record, CATEGORY, date(2026, 1, 2))["added"] == date(2026, 1, 2)


def test_adding_the_same_paper_twice_is_refused_even_before_its_description_is_written(
        small_cli, small_data: Path, arxiv_fake, monkeypatch) -> None:
    monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv_fake.url)
    assert small_cli("add", "2008.13006", "--category", CATEGORY).code == 0
    before = snapshot(small_data)
    again = small_cli("add", "https://arxiv.org/abs/2008.13006v1", "--category", "pruning")
    assert again.code == 1 and "'guo2020accelerating'" in again.err
    assert snapshot(small_data) == before


def test_metadata_that_breaks_a_rule_is_not_written(small_cli, small_data: Path, monkeypatch) -> None:
    # A (fake) record dated far in the future: the validator's year rule must stop the file.
    future = Paper("A paper from the future", published="2999-01-01")
    with FakeArxiv({"2001.01002": future}) as arxiv:
        monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", arxiv.url)
        before = snapshot(small_data)
        ran = small_cli("add", "2001.01002", "--category", CATEGORY)
    assert ran.code == 1 and "year-range" in ran.err and "nothing written" in ran.err
    assert snapshot(small_data) == before


def test_a_repository_in_a_citation_category_lists_what_is_still_needed(small_cli, small_data: Path,
                                                                        monkeypatch) -> None:
    with FakeGithub({"clevercool/TileSparsity": Repo()}) as github:
        monkeypatch.setenv("AWESOME_APPROX_GITHUB_API", github.url)
        ran = small_cli("add", "https://github.com/clevercool/TileSparsity", "--category", "dedicated-hw")
    assert ran.code == 0
    assert "still to write in" in ran.err and "description, year, authors" in ran.err


def test_add_offers_the_base_url_of_exactly_the_services_it_asks(capsys) -> None:
    from awesome_approx.cli import main

    with pytest.raises(SystemExit):
        main(["add", "--help"])
    shown = capsys.readouterr().out
    assert all(f"--{service}-api" in shown for service in ("arxiv", "doi", "crossref", "github"))
    assert "--wayback-api" not in shown  # the link checker's service only
