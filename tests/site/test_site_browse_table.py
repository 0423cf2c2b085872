"""The browse table's newer controls in a real browser, on both engines: the "has code" filter, the
BibTeX of exactly the rows shown (copied and downloaded), the sort state (aria-sort) and sorting from
the keyboard, a label on every filter, the announced count; and entries without a description."""

from __future__ import annotations

import dataclasses

import pytest
from site_support import DATA, Watch, build_fixture_site, serve_folder

from awesome_approx.render.exports import entry_bibtex
from awesome_approx.validate import load_catalog

CODED = ["guo2020accelerating", "nemo"]


def visible_rows(page) -> list[str]:
    return page.locator("#aa-browse-table tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(row => row.dataset.entry)")


def bibtex_of(ids: list[str]) -> str:
    entries = {e.id: e for e in load_catalog(DATA).catalog.entries}
    return "\n".join(entry_bibtex(entries[i]) for i in ids)


def test_has_code_filter_keeps_the_entries_with_code_and_is_in_the_address(page, site_url, watch: Watch):
    page.goto(site_url + "browse.html")
    page.get_by_label("Has code").check()
    assert sorted(visible_rows(page)) == CODED
    assert "code=1" in page.url
    assert page.locator("#aa-browse-count").inner_text() == "Showing 2 of 7 entries"
    page.goto(site_url + "browse.html?code=1&text=tile-wise")
    assert page.get_by_label("Has code").is_checked()
    assert visible_rows(page) == ["guo2020accelerating"]
    watch.assert_clean()


@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_copy_button_copies_the_bibtex_of_exactly_the_rows_shown_in_their_order(clipboard_page, site_url):
    page = clipboard_page
    page.goto(site_url + "browse.html")
    page.locator("#aa-filter-category").select_option("best-surveys")
    page.locator("#aa-browse-table th", has_text="Year").click()
    shown = visible_rows(page)
    assert len(shown) == 4
    page.locator("#aa-copy-bibtex").click()
    page.wait_for_function("document.getElementById('aa-copy-bibtex').dataset.copied === 'true'")
    assert page.evaluate("navigator.clipboard.readText()") == bibtex_of(shown)


def test_download_button_saves_the_bibtex_of_the_rows_shown(clipboard_page, site_url, tmp_path):
    page = clipboard_page
    page.goto(site_url + "browse.html?text=tile-wise")
    with page.expect_download() as download:
        page.locator("#aa-download-bibtex").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "awesome-approx-selection.bib"
    assert target.read_text("utf-8") == bibtex_of(["guo2020accelerating"])


def test_sort_state_is_exposed_and_headings_sort_from_the_keyboard(page, site_url, watch: Watch):
    page.goto(site_url + "browse.html")
    year = page.locator("#aa-browse-table th", has_text="Year")
    title = page.locator("#aa-browse-table th", has_text="Title")
    assert year.get_attribute("aria-sort") == "none" and title.get_attribute("aria-sort") == "none"
    assert page.locator("#aa-browse-table th", has_text="Links").get_attribute("aria-sort") is None
    year.focus()
    page.keyboard.press("Enter")
    first = year.get_attribute("aria-sort")
    assert first in ("ascending", "descending")
    years = [int(t) for t in page.locator("tbody tr td.aa-col-year").all_inner_texts() if t.strip()]
    assert years == sorted(years, reverse=first == "descending")
    page.keyboard.press(" ")
    assert year.get_attribute("aria-sort") == {"ascending": "descending", "descending": "ascending"}[first]
    title.focus()
    page.keyboard.press("Enter")
    assert title.get_attribute("aria-sort") in ("ascending", "descending")
    assert year.get_attribute("aria-sort") in (None, "none")  # only one column is sorted at a time
    watch.assert_clean()


def test_every_filter_has_a_label_and_the_count_is_announced(page, site_url, watch: Watch):
    page.goto(site_url + "browse.html")
    for label in ("Text", "Category", "Year from", "Year to", "Tag", "Has code"):
        # (a select's accessible name is its label followed by the chosen option: not matched exactly)
        assert page.locator("#aa-filters").get_by_label(label).count() == 1, label
    unlabelled = page.locator("#aa-filters input, #aa-filters select").evaluate_all(
        "controls => controls.filter(c => !c.labels.length && !c.getAttribute('aria-label')).map(c => c.id)")
    assert unlabelled == []
    count = page.locator("#aa-browse-count")
    assert count.get_attribute("aria-live") == "polite" and count.get_attribute("role") == "status"
    page.get_by_label("Text").fill("tile-wise")
    assert count.inner_text() == "Showing 1 of 7 entries"
    watch.assert_clean()


def test_charts_have_their_numbers_as_a_table(page, site_url, watch: Watch):
    page.goto(site_url + "stats.html")
    for chart, table in (("years", "aa-chart-years-data"), ("categories", "aa-chart-categories-data")):
        bars = page.locator(f".aa-chart--{chart} g.aa-chart__bar > title").evaluate_all(
            "titles => titles.map(t => t.textContent)")
        page.locator(f"#{table} summary").click()
        rows = page.locator(f"#{table} tbody tr").evaluate_all(
            "rows => rows.map(r => r.cells[0].textContent.trim() + ': ' + r.cells[1].textContent.trim())")
        assert [bar.rsplit(" ", 1)[0] for bar in bars] == rows, chart
    watch.assert_clean()


@pytest.fixture(scope="module")
def site_without_descriptions(engine, tmp_path_factory):
    catalog = load_catalog(DATA).catalog
    bare = dataclasses.replace(catalog, entries=tuple(
        dataclasses.replace(e, description="") if e.id == "guo2020accelerating" else e for e in catalog.entries))
    site = build_fixture_site(engine, tmp_path_factory.mktemp(f"bare-{engine}"), bare)
    with serve_folder(site) as url:
        yield url


def test_an_entry_without_a_description_renders_as_a_card_and_a_row(page, site_without_descriptions,
                                                                   watch: Watch):
    url = site_without_descriptions
    page.goto(url + "categories/structured-hardware-friendly/index.html")
    card = page.locator("article.aa-entry[data-entry=guo2020accelerating]")
    assert card.locator("h3").inner_text().startswith("Accelerating Sparse DNN Models")
    assert card.locator(".aa-entry__description").count() == 0
    assert card.locator("a", has_text="arXiv").count() == 1 and card.locator(".aa-button--bibtex").count() == 1
    page.goto(url + "browse.html?text=tile-wise")
    assert visible_rows(page) == ["guo2020accelerating"]
    watch.assert_clean()
