"""The built website in a real browser (Debian's Chromium through Playwright), served on loopback.

Every page used here refuses requests to other hosts (see conftest.page); the site must not need any.
"""

from __future__ import annotations

import re

import yaml
from site_support import DATA, Watch, screenshot, search_result

from awesome_approx.render.exports import entry_bibtex
from awesome_approx.validate import load_catalog

REPO = "https://github.com/awesome-approx/awesome-approx"
HARDWARE_FRIENDLY = "categories/structured-hardware-friendly/index.html"


def years_in_table(page) -> list[int]:
    cells = page.locator("#aa-browse-table tbody tr:not([hidden]) td.aa-col-year").all_inner_texts()
    return [int(text) for text in cells if text.strip()]


def visible_rows(page) -> list[str]:
    return page.locator("#aa-browse-table tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(row => row.dataset.entry)")


def test_home_renders_with_no_console_error_and_no_request_to_another_host(page, site_url, engine, watch: Watch):
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text() == "Approximate Computing in Deep Neural Networks"
    assert page.locator(".aa-sections a").count() == len(list(load_catalog(DATA).catalog.walk()))
    assert page.locator(".aa-recent li").count() == 7
    assert page.locator(".aa-downloads a[download]").count() >= 1
    screenshot(page, f"home-{engine}.png")
    watch.assert_clean()


def test_search_finds_an_entry_by_a_word_of_its_title(page, site_url, engine, watch: Watch):
    page.goto(site_url)
    result = search_result(page, engine, "tile", "Tile-Wise Sparsity")
    assert result.get_attribute("href").endswith(f"{HARDWARE_FRIENDLY}?h=tile#guo2020accelerating")
    result.click()
    page.wait_for_url(f"**/{HARDWARE_FRIENDLY}?h=tile#guo2020accelerating")
    assert page.locator("#guo2020accelerating").is_visible()
    watch.assert_clean()


def test_browse_table_filters_to_one_entry_by_text(page, site_url, engine, watch: Watch):
    page.goto(site_url + "browse.html")
    assert len(visible_rows(page)) == 7
    page.locator("#aa-filter-text").fill("tile-wise")
    assert visible_rows(page) == ["guo2020accelerating"]
    assert page.locator("#aa-browse-count").inner_text() == "Showing 1 of 7 entries"
    screenshot(page, f"browse-filtered-{engine}.png")
    watch.assert_clean()


def test_browse_table_sorts_by_year_both_ways(page, site_url, engine, watch: Watch):
    page.goto(site_url + "browse.html")
    header = page.locator("#aa-browse-table th", has_text="Year")
    header.click()
    first = years_in_table(page)
    header.click()
    second = years_in_table(page)
    assert {tuple(first), tuple(second)} == {tuple(sorted(first)), tuple(sorted(first, reverse=True))}
    assert first != second
    order = header.get_attribute("aria-sort")
    assert (second == sorted(second)) == (order == "ascending")
    screenshot(page, f"browse-{engine}.png")
    watch.assert_clean()


def test_browse_table_filters_to_the_2020_hardware_friendly_pruning_papers(page, site_url, watch: Watch):
    page.goto(site_url + "browse.html")
    page.locator("#aa-filter-category").select_option("structured-hardware-friendly")
    assert sorted(visible_rows(page)) == ["guo2020accelerating", "payload2019script"]
    page.locator("#aa-filter-tag").select_option("pruning")
    page.locator("#aa-filter-from").fill("2020")
    page.locator("#aa-filter-to").fill("2020")
    assert visible_rows(page) == ["guo2020accelerating"]
    # The filters are in the address, so the view can be linked; a parent category includes its children.
    assert "category=structured-hardware-friendly" in page.url and "from=2020" in page.url
    page.goto(site_url + "browse.html?category=pruning&tag=pruning&from=2020&to=2020")
    assert visible_rows(page) == ["guo2020accelerating"]
    watch.assert_clean()


def test_category_navigation_reaches_every_category_page(page, site_url, engine, watch: Watch):
    catalog = load_catalog(DATA).catalog
    page.goto(site_url)
    links = page.locator("nav.md-nav--primary a.md-nav__link[href*='categories/']")
    hrefs = {href for href in links.evaluate_all("links => links.map(a => a.href)")}
    reached = {}
    for href in sorted(hrefs):
        page.goto(href)
        reached[page.locator("article h1").first.inner_text()] = href
    assert sorted(reached) == sorted(c.title for c in catalog.walk())
    # and a real click from the sidebar lands on a category page with its entries
    page.goto(site_url)
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Best Surveys").first.click()
    page.wait_for_url("**/categories/best-surveys/index.html")
    assert page.locator("article.aa-entry").count() == 4
    screenshot(page, f"category-{engine}.png")
    watch.assert_clean()


def test_script_payload_in_an_entry_shows_as_text_and_runs_nothing(page, site_url, watch: Watch):
    for url in (site_url + HARDWARE_FRIENDLY, site_url + "browse.html", site_url):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.locator("article img[src=x], article a[href^='javascript:']").count() == 0, url
    page.goto(site_url + HARDWARE_FRIENDLY)
    card = page.locator("article.aa-entry[data-entry=payload2019script]")
    assert "<script>window.__pwned = 'title'</script>" in card.locator("h3").inner_text()
    assert "[link](javascript:window.__pwned='md') *stars*" in card.locator("h3").inner_text()
    description = card.locator(".aa-entry__description").inner_text()
    assert description.startswith("<img src=x onerror=\"window.__pwned='description'\"> <script>")
    assert "[click me](javascript:window.__pwned='link') *not emphasis* & &amp; done." in description
    assert card.locator(".aa-entry__venue").inner_text() == "<img src=x onerror=\"window.__pwned='venue'\">"
    page.goto(site_url + "browse.html?text=payload")
    title = page.locator("#aa-browse-table tbody tr:not([hidden]) a").first.inner_text()
    assert title.startswith("Sparse <script>")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    watch.assert_clean()


def test_stats_chart_is_visible(page, site_url, engine, watch: Watch):
    page.goto(site_url + "stats.html")
    years = page.locator(".aa-chart--years svg")
    years.wait_for(state="visible")
    box = years.bounding_box()
    assert box["width"] > 300 and box["height"] > 80
    assert years.locator("rect").count() == 2020 - 2017 + 1  # 2017 .. 2020, the empty 2018 included
    bars = page.locator(".aa-chart--categories rect")
    assert bars.count() == len(list(load_catalog(DATA).catalog.walk()))
    assert bars.first.bounding_box()["width"] > 10  # Best Surveys has entries: its bar has a length
    screenshot(page, f"stats-{engine}.png")
    watch.assert_clean()


def test_arxiv_and_code_buttons_and_edit_link_of_an_entry(page, site_url, watch: Watch):
    page.goto(site_url + HARDWARE_FRIENDLY + "#guo2020accelerating")
    card = page.locator("article.aa-entry[data-entry=guo2020accelerating]")
    assert card.locator("a", has_text=re.compile("^arXiv$")).get_attribute("href") == \
        "https://arxiv.org/abs/2008.13006"
    assert card.locator("a", has_text=re.compile("^Code$")).get_attribute("href") == \
        "https://github.com/clevercool/TileSparsity"
    edit = card.locator("a", has_text="Edit this entry").get_attribute("href")
    assert edit == f"{REPO}/edit/main/tests/fixtures/site/data/entries/guo2020accelerating.yaml"
    source = yaml.safe_load((DATA / "entries" / "guo2020accelerating.yaml").read_text())
    assert (source["arxiv"], source["code"]) == ("2008.13006", "https://github.com/clevercool/TileSparsity")
    watch.assert_clean()


def test_bibtex_button_copies_the_entry_record(browser, site_url):
    entry = next(e for e in load_catalog(DATA).catalog.entries if e.id == "guo2020accelerating")
    expected = entry_bibtex(entry)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(site_url + HARDWARE_FRIENDLY)
        button = page.locator("article.aa-entry[data-entry=guo2020accelerating] .aa-button--bibtex")
        button.click()
        page.wait_for_function("document.querySelector('[data-entry=guo2020accelerating] "
                               ".aa-button--bibtex').dataset.copied === 'true'")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("@inproceedings{guo2020accelerating,")
        assert copied.strip() == expected.strip()
    finally:
        context.close()


def test_site_works_opened_from_the_file_system(page, built_site, engine, watch: Watch):
    """`make site` says: open site/index.html. Links, the browse table and search must work from file://."""
    page.goto((built_site / "index.html").as_uri())
    page.get_by_role("link", name="Browse all entries").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/browse.html")
    assert len(visible_rows(page)) == 7
    result = search_result(page, engine, "tile", "Tile-Wise Sparsity")
    assert result.get_attribute("href").endswith(f"{HARDWARE_FRIENDLY}?h=tile#guo2020accelerating")
    watch.assert_clean()


def test_a_tag_on_a_card_opens_the_table_filtered_to_that_tag(page, site_url, watch: Watch):
    page.goto(site_url + HARDWARE_FRIENDLY)
    page.locator("article.aa-entry[data-entry=guo2020accelerating] a.aa-tag", has_text="gpu").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("browse.html?tag=gpu")
    assert page.locator("#aa-filter-tag").input_value() == "gpu"
    assert visible_rows(page) == ["guo2020accelerating"]
    watch.assert_clean()
