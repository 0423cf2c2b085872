"""add against services that answer something hostile or broken, and two `add` at once (issue 10, items
3, 4 and 7). Every service is a real server on loopback; every refusal writes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from contribute_support import REPO, snapshot

from fakes.arxiv import Paper, feed
from fakes.server import FixedAnswer

CATEGORY = "structured-hardware-friendly"
FRAMEWORKS = "approximations-frameworks"
DOI = "10.1109/jproc.2020.2976475"
# Facts as data/entries/guo2020accelerating.yaml states them.
GUO = Paper("Accelerating Sparse DNN Models without Hardware-Support via Tile-Wise Sparsity",
            ("Cong Guo", "Bo Yang Hsueh"), published="2020-08-31")


def github_answer(**changes) -> bytes:
    body = {"full_name": "someowner/somerepo", "html_url": "https://github.com/someowner/somerepo",
            "description": "A repository.", "archived": False, "homepage": None}
    body.update(changes)
    return json.dumps(body).encode()


def crossref_answer(**changes) -> bytes:
    message = {"DOI": DOI, "type": "journal-article", "title": ["A Title"],
               "author": [{"given": "Lei", "family": "Deng"}], "container-title": ["Proceedings of the IEEE"],
               "issued": {"date-parts": [[2020, 3]]}}
    message.update(changes)
    return json.dumps({"status": "ok", "message-type": "work", "message": message}).encode()


def add_against(small_cli, monkeypatch, service: str, body: bytes, target: str, category: str = CATEGORY,
                content_type: str = "application/json"):
    with FixedAnswer(200, body, content_type) as server:
        monkeypatch.setenv(f"AWESOME_APPROX_{service}_API", server.url)
        return small_cli("add", target, "--category", category)


# --- item 3: GitHub's html_url is never the link -------------------------------------------------------

def test_an_html_url_on_another_host_is_refused_and_nothing_is_written(small_cli, small_data: Path,
                                                                       monkeypatch) -> None:
    before = snapshot(small_data)
    ran = add_against(small_cli, monkeypatch, "GITHUB", github_answer(html_url="https://evil.example/phish"),
                      "https://github.com/someowner/somerepo", FRAMEWORKS)
    assert ran.code == 1
    assert ("cannot use the metadata of GitHub repository someowner/somerepo: GitHub answered something "
            "unusable: the repository someowner/somerepo is said to be at 'https://evil.example/phish', "
            "not https://github.com/someowner/somerepo. Nothing written.") in ran.err
    assert snapshot(small_data) == before


@pytest.mark.parametrize("full_name", ["evil.example/phish?x=", "someowner/somerepo/../../x",
                                       "someowner/..", "@evil.example/x", "someowner"])
def test_a_full_name_that_is_not_owner_slash_name_is_refused(small_cli, small_data: Path, monkeypatch,
                                                             full_name: str) -> None:
    before = snapshot(small_data)
    ran = add_against(small_cli, monkeypatch, "GITHUB", github_answer(full_name=full_name, html_url=None),
                      "https://github.com/someowner/somerepo", FRAMEWORKS)
    assert ran.code == 1 and f"the repository name {full_name!r} is not owner/name" in ran.err
    assert snapshot(small_data) == before


def test_the_link_is_built_from_the_checked_full_name(small_cli, small_data: Path, monkeypatch) -> None:
    # A renamed repository: GitHub answers with the new name, and the entry links to it on github.com.
    ran = add_against(small_cli, monkeypatch, "GITHUB",
                      github_answer(full_name="someowner/newname", html_url="https://GitHub.com/someowner/newname"),
                      "https://github.com/someowner/somerepo", FRAMEWORKS)
    assert ran.code == 0, ran.err
    entry = yaml.safe_load((small_data / "entries" / "newname.yaml").read_text("utf-8"))
    assert entry["url"] == entry["code"] == "https://github.com/someowner/newname"


# --- item 4: every fetched value's type and range ------------------------------------------------------

@pytest.mark.parametrize(("body", "problem"), [
    (crossref_answer(issued={"date-parts": [[True]]}), "the year in 'issued' is true, not a number"),
    (crossref_answer(issued={"date-parts": [[99999]]}), "the year in 'issued' is 99999, not a year"),
    (crossref_answer(issued="2020"), "'issued' is text, not a date"),
    (crossref_answer(**{"container-title": {"a": 1}}), "'container-title' is an object, not text"),
    (crossref_answer(title=[["nested"]]), "'title' is a list, not text"),
    (crossref_answer(author={"given": "A"}), "'author' is an object, not a list"),
    (crossref_answer(author=["Lei Deng"]), "an author is text, not an object"),
    (crossref_answer(author=[{"given": "A", "family": f"Person{n}"} for n in range(10_000)]),
     "10,000 authors (at most 1,000)"),
    (crossref_answer(title=["x" * 6000]), "'title' is 6,000 characters long (at most 5,000)"),
    (crossref_answer(title=["Bell\u0007 Title"]), "'title' holds the control character U+0007"),
    (crossref_answer(DOI="10.1145/other"), "a record of the DOI 10.1145/other, not of " + DOI),
    (crossref_answer(title=["Caf\u00e9"]).replace(b"Caf\\u00e9", b"Caf\xe9"),
     "the answer is not valid UTF-8"),
])
def test_crossref_answers_of_the_wrong_type_or_range_are_refused(small_cli, small_data: Path, monkeypatch,
                                                                 body: bytes, problem: str) -> None:
    before = snapshot(small_data)
    ran = add_against(small_cli, monkeypatch, "CROSSREF", body, DOI, "best-surveys")
    assert ran.code == 1
    assert f"cannot use the metadata of DOI {DOI}: Crossref answered something unusable: {problem}" in ran.err
    assert ran.err.rstrip().endswith("Nothing written.") and "Traceback" not in ran.err
    assert snapshot(small_data) == before


def test_crossref_null_date_parts_mean_no_year(small_cli, small_data: Path, monkeypatch) -> None:
    # Crossref's own way to say it knows no date: not an error, just no year.
    ran = add_against(small_cli, monkeypatch, "CROSSREF", crossref_answer(issued={"date-parts": [[None]]}),
                      DOI, "best-surveys")
    assert ran.code == 0, ran.err
    entry = yaml.safe_load(next((small_data / "entries").glob("deng*.yaml")).read_text("utf-8"))
    assert "year" not in entry and entry["venue"] == "Proceedings of the IEEE"


ARXIV_ATOM = "application/atom+xml; charset=utf-8"


@pytest.mark.parametrize(("body", "problem"), [
    # Latin-1 bytes where UTF-8 belongs: refused, not saved as mojibake or U+FFFD.
    (feed([("2008.13006", GUO)]).encode().replace(b"Accelerating", b"Acc\xe9l\xe9rating"),
     "XML we cannot read (not well-formed (invalid token)"),
    (feed([("2008.13006", Paper("A title", tuple(f"Author {n}" for n in range(10_000))))]).encode(),
     "10,000 authors (at most 1,000)"),
    (feed([("2008.13006", Paper("A title\u009b2J with a C1 control"))]).encode(),
     "'title' holds the control character U+009B"),
    (b"<html><body>Rate exceeded.</body></html>", "'html', not an Atom feed"),
])
def test_arxiv_answers_that_cannot_be_used_are_refused(small_cli, small_data: Path, monkeypatch,
                                                       body: bytes, problem: str) -> None:
    before = snapshot(small_data)
    ran = add_against(small_cli, monkeypatch, "ARXIV", body, "2008.13006", content_type=ARXIV_ATOM)
    assert ran.code == 1
    assert f"cannot use the metadata of arXiv 2008.13006: arXiv answered something unusable: {problem}" in ran.err
    assert "Nothing written." in ran.err and "Traceback" not in ran.err
    assert snapshot(small_data) == before


@pytest.mark.parametrize(("body", "problem"), [
    (github_answer(archived="yes"), "'archived' is text, not true or false"),
    (github_answer(description={"text": "x"}), "'description' is an object, not text"),
    (github_answer(description="Clears the screen \u001b[2J"), "'description' holds the control character U+001B"),
])
def test_github_answers_of_the_wrong_type_are_refused(small_cli, small_data: Path, monkeypatch,
                                                      body: bytes, problem: str) -> None:
    before = snapshot(small_data)
    ran = add_against(small_cli, monkeypatch, "GITHUB", body, "https://github.com/someowner/somerepo", FRAMEWORKS)
    assert ran.code == 1 and f"GitHub answered something unusable: {problem}" in ran.err
    assert snapshot(small_data) == before


# --- item 7: two `add` of the same paper at once -------------------------------------------------------

def test_two_adds_at_once_write_one_file_and_the_second_names_it(small_data: Path) -> None:
    # The fake answers nobody until both runs have asked: both pass the first duplicate check (nothing is
    # written yet) and both hold the metadata before either writes. Whichever writes first, the other
    # must refuse.
    both_asked = threading.Barrier(2)
    body = feed([("2008.13006", GUO)]).encode()
    with FixedAnswer(200, body, ARXIV_ATOM, hold=both_asked) as arxiv:
        env = {**os.environ, "AWESOME_APPROX_ARXIV_API": arxiv.url, "PYTHONPATH": str(REPO / "src")}
        command = [sys.executable, "-m", "awesome_approx", "--data", str(small_data), "add", "2008.13006",
                   "--category", CATEGORY]
        runs = [subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env, cwd=REPO) for _ in range(2)]
        outcomes = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    assert len(arxiv.requests) == 2  # both really fetched
    written = sorted(p.name for p in (small_data / "entries").glob("guo2020accelerating*.yaml"))
    assert written == ["guo2020accelerating.yaml"]
    assert sorted(code for code, _, _ in outcomes) == [0, 1]
    loser = next(err for code, _, err in outcomes if code == 1)
    path = small_data / "entries" / "guo2020accelerating.yaml"
    assert (f"the list already has this paper: entry 'guo2020accelerating' ({path}) has the same "
            "arXiv id 2008.13006; nothing written") in loser
