"""The list holds every usable item of the four reference fact sheets, with the sheets' facts and no others.

An entry of data/ that matches a sheet item must carry exactly the sheet's title, authors, year, venue,
identifiers, code and link: nothing guessed, nothing dropped, except what reference_sheets.py records
with its reason. A mismatch names the sheet, the item and the field.
"""

from __future__ import annotations

import re

import pytest
from reference_sheets import (
    FRAMEWORKS,
    LEFT_OUT,
    SHARED_SHEETS,
    SHEET_CATEGORY,
    SHEETS,
    TRIMMED,
    expected_facts,
    in_scope,
    read_sheet,
)

from awesome_approx.catalog.model import Entry
from awesome_approx.catalog.problems import format_text


def find_entry(item: dict, entries: tuple[Entry, ...]) -> Entry | None:
    """The entry for a sheet item: by arXiv id, then DOI, then (for a framework) its repository, then
    exact title. A framework is looked for among frameworks only: papers may name its repository as code."""
    for entry in entries:
        if item.get("arxiv_id") and entry.arxiv == item["arxiv_id"]:
            return entry
        if item.get("doi") and entry.doi and entry.doi.lower() == item["doi"].lower():
            return entry
    if item["category"] == FRAMEWORKS:
        framework = SHEET_CATEGORY[FRAMEWORKS]
        found = next((e for e in entries if e.category == framework and e.code == item.get("code")), None)
        if found:
            return found
    return next((e for e in entries if e.title == item["title"]), None)


def matched(sheets: dict[str, list[dict]], entries: tuple[Entry, ...]):
    """(sheet, item, entry) for every usable sheet item that is in the list."""
    for name, items in sheets.items():
        for item in items:
            if in_scope(item) and (entry := find_entry(item, entries)) is not None:
                yield name, item, entry


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def venue_is_faithful(entry_venue: str | None, sheet_venue: object) -> bool:
    """The sheet's venue, or a shortening of it ('ISCA 2016' for 'ISCA 2016 (ACM/IEEE 43rd ...)'):
    every word of the entry's venue is on the sheet, so shortening can drop detail but never add a fact."""
    if entry_venue is None or sheet_venue is None:
        return entry_venue == sheet_venue
    return entry_venue == sheet_venue or words(entry_venue) <= words(str(sheet_venue))


def mismatches(sheet: str, item: dict, entry: Entry) -> list[str]:
    found = []
    for field, expected in expected_facts(sheet, item).items():
        actual = getattr(entry, field)
        if field == "authors":
            actual = actual or None
        same = venue_is_faithful(actual, expected) if field == "venue" else actual == expected
        if not same:
            found.append(f"{sheet}: {item['title']!r} ({entry.id}): {field} is {actual!r}, "
                         f"the sheet says {expected!r}")
    category = SHEET_CATEGORY[item["category"]]
    if entry.category != category:
        found.append(f"{sheet}: {item['title']!r} ({entry.id}): category is {entry.category!r}, "
                     f"the sheet's {item['category']!r} is {category!r}")
    return found


def test_data_validates_cleanly(loaded):
    assert loaded.problems == [], format_text(loaded.problems)


def test_the_list_reaches_its_size(loaded):
    assert len(loaded.catalog.entries) >= 165


def test_every_usable_sheet_item_is_in_the_list(loaded, sheets):
    missing = [f"{name}: {item['title']!r}" for name, items in sheets.items() for item in items
               if in_scope(item) and (name, item["title"]) not in LEFT_OUT
               and find_entry(item, loaded.catalog.entries) is None]
    assert missing == []


def test_every_matched_entry_carries_the_sheet_facts_field_by_field(loaded, sheets):
    found = [line for sheet, item, entry in matched(sheets, loaded.catalog.entries)
             for line in mismatches(sheet, item, entry)]
    assert found == [], "\n".join(found)


def test_a_mismatch_names_the_sheet_the_item_and_the_field(sheets):
    sheet = "verified-quantization.yaml"
    item = next(i for i in sheets[sheet] if i["title"].startswith("Learned Step Size"))
    wrong = Entry(id="esser2020learned", title=item["title"], url=item["url"],
                  category="quantization-aware-training", year=2019, authors=tuple(item["authors"]),
                  venue="ICLR 2020 (oral)", arxiv=item["arxiv_id"])
    assert mismatches(sheet, item, wrong) == [
        f"{sheet}: 'Learned Step Size Quantization' (esser2020learned): year is 2019, the sheet says 2020",
        f"{sheet}: 'Learned Step Size Quantization' (esser2020learned): venue is 'ICLR 2020 (oral)', "
        "the sheet says 'ICLR 2020'",
    ]


def test_left_out_items_are_absent_and_still_on_their_sheet(loaded, sheets):
    for (name, title), reason in LEFT_OUT.items():
        item = next((i for i in sheets[name] if i["title"] == title), None)
        assert item is not None and in_scope(item), (name, title)
        assert find_entry(item, loaded.catalog.entries) is None, (name, title)
        assert reason


def test_every_trim_names_an_item_of_its_sheet_and_a_replaced_url_comes_from_its_evidence(sheets):
    for (name, title), trims in TRIMMED.items():
        item = next((i for i in sheets[name] if i["title"] == title), None)
        assert item is not None, (name, title)
        for trim in trims:
            assert trim.reason, (name, title, trim.field)
            if trim.field == "url":
                assert trim.evidence and trim.evidence in trim.kept, (name, title)
                assert any(trim.evidence in line for line in item["evidence"]), (name, title)


def test_trimmed_partial_items_are_partial(sheets):
    """Facts of verified items are taken whole; only partial items lose fields for doubt (the two code
    links of the first sheet are trimmed for what the links are, not for doubt)."""
    for (name, title), trims in TRIMMED.items():
        item = next(i for i in sheets[name] if i["title"] == title)
        if item["status"] == "verified":
            assert {trim.field for trim in trims} == {"code"}, (name, title)


def test_fixture_sheets_are_the_shared_sheets():
    """The fixture copies (read by CI, which has no ../shared) must not drift from the shared sheets."""
    if not SHARED_SHEETS.is_dir():
        pytest.skip("../shared/reference is not present (a fresh clone)")
    for name in SHEETS:
        assert read_sheet(name) == read_sheet(name, SHARED_SHEETS), name


def test_frameworks_link_to_their_repository(loaded):
    frameworks = [e for e in loaded.catalog.entries if e.category == "approximations-frameworks"]
    assert len(frameworks) == 20
    assert all(e.url == e.code for e in frameworks)


def test_papers_link_to_arxiv_when_they_have_an_arxiv_id(loaded):
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


def test_every_sheet_category_is_a_section_of_the_list(loaded, sheets):
    ids = set(loaded.catalog.category_ids())
    used = {item["category"] for items in sheets.values() for item in items}
    assert used <= set(SHEET_CATEGORY)
    assert set(SHEET_CATEGORY.values()) <= ids


def test_no_identifier_the_sheet_says_not_to_use(loaded):
    assert all(e.arxiv != "2407.08744" for e in loaded.catalog.entries)
    assert all(e.ieee not in {"8192500", "8532287", "8942068", "8863138", "7551399", "8695666", "8686236"}
               for e in loaded.catalog.entries)


def test_new_entries_are_dated_and_described_in_one_sentence(loaded):
    for entry in loaded.catalog.entries:
        assert entry.description.count(". ") == 0, entry.id
        assert entry.description.endswith("."), entry.id
        assert entry.added is not None, entry.id


def test_descriptions_are_not_the_sheet_summaries(loaded, sheets):
    """The summaries are reading aids: a description shares no run of eight words with its summary."""
    def runs(text: str) -> set[tuple[str, ...]]:
        tokens = re.findall(r"\w+", text.lower())
        return {tuple(tokens[i:i + 8]) for i in range(len(tokens) - 7)}

    copied = [entry.id for _, item, entry in matched(sheets, loaded.catalog.entries)
              if item.get("summary") and runs(entry.description) & runs(item["summary"])]
    assert copied == []
