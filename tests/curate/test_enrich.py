"""enrich: DOIs, venues and author lists from arXiv and Crossref (loopback fakes), never over a field an
entry has, never from a near-miss title. DOIs under 10.5555 (Crossref's test prefix) are test records."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
import yaml
from curate_support import snapshot

from awesome_approx.catalog.model import Entry
from awesome_approx.contribute import enrich as enricher
from awesome_approx.contribute.fmt import format_entry
from awesome_approx.sources.crossref import CrossrefWork
from fakes.arxiv import FakeArxiv, Paper
from fakes.crossref import FakeCrossref, Work

# As data/entries/wang2019deep.yaml states them.
WANG_TITLE = "Deep Neural Network Approximation for Custom Hardware: Where We've Been, Where We're Going"
WANG_AUTHORS = ("Erwei Wang", "James J. Davis", "Ruizhe Zhao", "Ho-Cheung Ng", "Xinyu Niu", "Wayne Luk",
                "Peter Y. K. Cheung", "George A. Constantinides")
WANG = Paper(WANG_TITLE, WANG_AUTHORS, published="2019-01-21", doi="10.1145/3309551",
             journal_ref="ACM Computing Surveys 52(2)")
MANIKANDAN_TITLE = ("Approximation Computing Techniques to Accelerate CNN Based Image Processing Applications "
                    "– A Survey in Hardware/Software Perspective")


def strip_wang(data: Path) -> Path:
    """wang2019deep without DOI and venue, its authors cut to three and `others`, with a comment."""
    path = data / "entries" / "wang2019deep.yaml"
    text = path.read_text("utf-8").replace("doi: 10.1145/3309551\n", "")
    text = text.replace("venue: ACM Computing Surveys 52(2)\n", "")
    text = re.sub(r"  - Ruizhe Zhao\n(  - .*\n)+", "  - Ruizhe Zhao\n  - others\n", text)
    path.write_text(text.replace("authors:\n", "authors:  # as first listed\n"), "utf-8")
    os.chmod(path, 0o664)
    return path


def enrich_cli(cli, arxiv_fake, crossref_fake, *extra: str):
    return cli("enrich", "--arxiv-api", arxiv_fake.url, "--crossref-api", crossref_fake.url,
               "--arxiv-interval", "0.001", *extra)


def test_arxiv_fields_are_proposed_with_evidence_and_written_only_with_write(cli, data: Path) -> None:
    path = strip_wang(data)
    before = snapshot(data)
    with FakeArxiv({"1901.06955": WANG}) as arxiv_fake, FakeCrossref({}) as crossref_fake:
        shown = enrich_cli(cli, arxiv_fake, crossref_fake)
        assert shown.code == 0, shown.err
        assert snapshot(data) == before  # the default writes nothing
        assert "wang2019deep: doi = 10.1145/3309551 (arXiv API (1901.06955), field doi)" in shown.out
        assert "venue = ACM Computing Surveys 52(2) (arXiv API (1901.06955), field journal_ref)" in shown.out
        assert "field author" in shown.out and "+doi: 10.1145/3309551" in shown.out and "-  - others" in shown.out
        written = enrich_cli(cli, arxiv_fake, crossref_fake, "--write")
    assert written.code == 0, written.err
    entry = yaml.safe_load(path.read_text("utf-8"))
    assert entry["doi"] == "10.1145/3309551" and entry["venue"] == "ACM Computing Surveys 52(2)"
    assert entry["authors"] == list(WANG_AUTHORS)
    text = path.read_text("utf-8")
    assert "authors:  # as first listed" in text and format_entry(text) == text
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert cli("fmt", "--check", str(path)).code == 0
    changed = {name for name, content in snapshot(data).items() if before.get(name) != content}
    assert changed == {"entries/wang2019deep.yaml"}


def test_a_field_the_entry_has_is_never_overwritten(cli, data: Path) -> None:
    before = snapshot(data)  # wang2019deep has its DOI, venue and full author list
    other = Paper(WANG_TITLE, ("Someone Else",), published="2019-01-21", doi="10.5555/other",
                  journal_ref="Another Venue")
    with FakeArxiv({"1901.06955": other, "1703.09039": other}) as arxiv_fake, FakeCrossref({}) as crossref_fake:
        ran = enrich_cli(cli, arxiv_fake, crossref_fake, "--write")
    assert ran.code == 0 and "Nothing to propose." in ran.out
    assert snapshot(data) == before
    with pytest.raises(enricher.OverwriteRefused):
        enricher.changed_text("title: T\ndoi: 10.1/a\n", {"title": "T", "doi": "10.1/a"},
                              [enricher.Change("doi", "10.1/b", "test")])
    with pytest.raises(enricher.OverwriteRefused):
        enricher.changed_text("title: T\n", {"title": "T"}, [enricher.Change("title", "U", "test")])


CROSSREF_DOI = "10.5555/test.manikandan"


@pytest.mark.parametrize(("title", "year", "accepted"), [
    (MANIKANDAN_TITLE.upper().replace("–", "-"), 2021, True),  # case, punctuation, year + 1: the same
    (MANIKANDAN_TITLE.replace("Approximation Computing", "Approximate Computing"), 2020, False),  # near miss
    (MANIKANDAN_TITLE + " Extended", 2020, False),
    (MANIKANDAN_TITLE, 2022, False),  # two years off
    (MANIKANDAN_TITLE, None, False),  # no year: cannot be checked
])
def test_crossref_match_needs_the_equal_title_and_a_year_within_one(cli, data: Path, title: str,
                                                                    year: int | None, accepted: bool) -> None:
    works = {CROSSREF_DOI: Work(title, (("N.", "Manikandan"), ("A.", "Other")), year, "Test Journal")}
    path = data / "entries" / "manikandan2020approximation.yaml"
    before = path.read_bytes()
    with FakeArxiv({}) as arxiv_fake, FakeCrossref(works, queries={MANIKANDAN_TITLE: [CROSSREF_DOI]}) as crossref_fake:
        ran = enrich_cli(cli, arxiv_fake, crossref_fake, "--write")
        assert MANIKANDAN_TITLE in crossref_fake.searches
    assert ran.code == 0, ran.err
    entry = yaml.safe_load(path.read_text("utf-8"))
    if accepted:
        assert (entry["doi"], entry["venue"]) == (CROSSREF_DOI, "Test Journal")
        assert entry["authors"] == ["Manikandan", "others"]  # 'N. Manikandan' is not provably 'Manikandan'
        assert f"best match {CROSSREF_DOI}, field DOI" in ran.out
    else:
        assert path.read_bytes() == before
        assert "doi" not in entry


def test_only_crossrefs_best_match_counts() -> None:
    entry = Entry("x", "Exact Title", "https://example.org", "best-surveys", year=2020)
    near = CrossrefWork("10.5555/near", "Exact Title Revisited", (), 2020, None, None)
    exact = CrossrefWork("10.5555/exact", "Exact Title", (), 2020, None, None)
    result = enricher.enrich([entry], lambda ids: {}, lambda title: [near, exact])
    assert result.proposals == [] and "not the same title" in result.notes[0]


def test_a_doi_another_entry_has_is_not_proposed() -> None:
    first = Entry("first", "A Title", "https://example.org/a", "best-surveys", year=2020, doi="10.5555/taken")
    second = Entry("second", "B Title", "https://example.org/b", "best-surveys", year=2020)
    taken = CrossrefWork("10.5555/TAKEN", "B Title", (), 2020, None, None)
    result = enricher.enrich([first, second], lambda ids: {}, lambda title: [taken])
    assert result.proposals == [] and "belongs to entry 'first'" in result.notes[0]


@pytest.mark.parametrize(("current", "offered", "expected"), [
    (("Erwei Wang", "others"), ("Erwei Wang", "James J. Davis"), ("Erwei Wang", "James J. Davis")),
    (("Érwei WANG", "others"), ("Erwei Wang", "James J. Davis"), ("Erwei Wang", "James J. Davis")),
    (("E. Wang", "others"), ("Erwei Wang", "James J. Davis"), None),  # initials: not provably the same
    (("Erwei Wang", "James J. Davis"), ("Erwei Wang", "James J. Davis", "X"), None),  # complete already
    (("Erwei Wang", "James J. Davis", "others"), ("Erwei Wang", "James J. Davis"), None),  # not longer
])
def test_author_lists_are_completed_only_when_the_named_authors_lead(current, offered, expected) -> None:
    assert enricher.completed_authors(current, offered) == expected


def test_a_service_failure_is_reported_and_nothing_is_guessed(cli, data: Path) -> None:
    strip_wang(data)
    before = snapshot(data)
    with FakeArxiv({}, status_on={1: (503, {})}) as arxiv_fake, FakeCrossref({}) as crossref_fake:
        ran = enrich_cli(cli, arxiv_fake, crossref_fake, "--write")
    assert ran.code == 1 and "arXiv" in ran.err and "503" in ran.err
    assert snapshot(data) == before
