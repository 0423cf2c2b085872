"""The list holds every verified item of the reference fact sheet, with the sheet's facts and no others.

The sheet (tests/fixtures/reference/verified-entries.yaml, a copy of ../shared/reference/) records each
publication with the evidence for it. An entry of data/ that matches a sheet item must carry exactly the
sheet's title, year, authors and identifiers: nothing guessed, nothing dropped.
"""

from __future__ import annotations

import pytest

from awesome_approx.catalog.model import Entry
from awesome_approx.catalog.problems import format_text

SHEET_CATEGORY = {
    "Best Surveys": "best-surveys",
    "Approximations Frameworks": "approximations-frameworks",
    "Dedicated HW": "dedicated-hw",
    "Pruning / Unstructured": "unstructured",
    "Pruning / Structured - Sub-kernel": "structured-sub-kernel",
    "Pruning / Structured - Kernel": "structured-kernel",
    "Pruning / Structured - Filter": "structured-filter",
    "Pruning / Structured - Hardware Friendly Structure": "structured-hardware-friendly",
}

LEFT_OUT = {
    "Cambricon-X: An Accelerator for Sparse Neural Networks":
        "no arXiv id, no DOI and no page of the paper itself on the sheet, so nothing to link",
    "Exploring Sparsity in Recurrent Neural Networks":
        "no arXiv id, no DOI and no official page on the sheet (only a document-sharing copy)",
}
"""Verified sheet items deliberately not in the list, with the reason (a URL must not be made up)."""

CODE_LEFT_OUT = {
    "Sparsity in Deep Learning: Pruning and growth for efficient inference and training in neural networks":
        "the sheet's link is a paper list, not code",
    "Movement Pruning: Adaptive Sparsity by Fine-Tuning":
        "the sheet doubts the examples path still exists",
}


def verified(sheet: list[dict]) -> list[dict]:
    return [item for item in sheet if item["status"] == "verified"]


def find_entry(item: dict, entries: tuple[Entry, ...]) -> Entry | None:
    """The entry for a sheet item: by arXiv id, then DOI, then code repository, then exact title."""
    for entry in entries:
        if item.get("arxiv_id") and entry.arxiv == item["arxiv_id"]:
            return entry
        if item.get("doi") and entry.doi and entry.doi.lower() == item["doi"].lower():
            return entry
        if item["category"] == "Approximations Frameworks" and entry.code == item.get("code"):
            return entry
    return next((e for e in entries if e.title == item["title"]), None)


def test_data_validates_cleanly(loaded):
    assert loaded.problems == [], format_text(loaded.problems)


def test_every_verified_item_is_in_the_list_in_its_category(loaded, sheet):
    missing = []
    for item in verified(sheet):
        if item["title"] in LEFT_OUT:
            continue
        entry = find_entry(item, loaded.catalog.entries)
        if entry is None:
            missing.append(item["title"])
            continue
        assert entry.category == SHEET_CATEGORY[item["category"]], entry.id
    assert missing == []
    assert sum(item["title"] not in LEFT_OUT for item in verified(sheet)) == 66


def test_left_out_items_really_are_absent_and_still_on_the_sheet(loaded, sheet):
    titles = {e.title for e in loaded.catalog.entries}
    on_sheet = {item["title"] for item in verified(sheet)}
    for title in LEFT_OUT:
        assert title in on_sheet
        assert title not in titles


@pytest.mark.parametrize("field, sheet_key", [("title", "title"), ("arxiv", "arxiv_id"), ("doi", "doi"),
                                               ("ieee", "ieee_document"), ("year", "year")])
def test_matched_entries_carry_exactly_the_sheet_facts(loaded, sheet, field, sheet_key):
    for item in sheet:
        if item["status"] == "unverified":
            continue
        entry = find_entry(item, loaded.catalog.entries)
        if entry is None:
            continue
        assert getattr(entry, field) == item.get(sheet_key), f"{entry.id}: {field}"


def test_matched_entries_list_the_sheet_authors_in_order(loaded, sheet):
    for item in sheet:
        entry = find_entry(item, loaded.catalog.entries)
        if entry is None or item["status"] == "unverified":
            continue
        assert entry.authors == tuple(item.get("authors") or ()), entry.id


def test_code_is_the_sheet_repository(loaded, sheet):
    for item in sheet:
        entry = find_entry(item, loaded.catalog.entries)
        if entry is None or item["status"] == "unverified":
            continue
        expected = None if item["title"] in CODE_LEFT_OUT else item.get("code")
        assert entry.code == expected, entry.id


def test_frameworks_link_to_their_repository(loaded):
    frameworks = [e for e in loaded.catalog.entries if e.category == "approximations-frameworks"]
    assert len(frameworks) == 15
    assert all(e.url == e.code for e in frameworks)


def test_no_venue_where_the_sheet_gives_none(loaded, sheet):
    for item in sheet:
        entry = find_entry(item, loaded.catalog.entries)
        if entry is not None and not item.get("venue"):
            assert entry.venue is None, entry.id


def test_papers_link_to_arxiv_when_they_have_an_arxiv_id(loaded, sheet):
    seed_ids = {"sze2017efficient"}  # kept from the first version of the list, linked to IEEE Xplore
    for entry in loaded.catalog.entries:
        if entry.arxiv and entry.id not in seed_ids:
            assert entry.url == f"https://arxiv.org/abs/{entry.arxiv}", entry.id


def test_archived_project_is_flagged(loaded):
    nni = next(e for e in loaded.catalog.entries if e.code == "https://github.com/microsoft/nni")
    assert "archived" in nni.description
    assert "archived" in nni.tags


def test_every_section_has_content(loaded):
    groups = loaded.catalog.entries_by_category()
    leaves = [c.id for c in loaded.catalog.walk() if not c.children]
    assert leaves and all(groups[c] for c in leaves), [c for c in leaves if not groups[c]]


def test_no_identifier_the_sheet_says_not_to_use(loaded):
    assert all(e.arxiv != "2407.08744" for e in loaded.catalog.entries)
    assert all(e.ieee != "8192500" for e in loaded.catalog.entries)


def test_new_entries_are_dated_and_described_in_one_sentence(loaded):
    for entry in loaded.catalog.entries:
        assert entry.description.count(". ") == 0, entry.id
        assert entry.description.endswith("."), entry.id
        assert entry.added is not None, entry.id
