"""Issue 10, item 5: a category title holding markup is shown as text on every page of both engines and
runs nothing. The catalog is built here, bypassing validation (which refuses `<` and `>` in titles), to
prove the escaping itself: navigation, <title>, headings, the browse page's script JSON and filters."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_support import DATA, serve_folder

from awesome_approx.catalog.model import Catalog
from awesome_approx.validate import load_catalog
from conftest import build_fixture_site

TITLE = "Best </script><script>window.__pwnedTitle = 1; alert(1)</script> Surveys"
PAGES = ("index.html", "categories/best-surveys/index.html", "browse.html", "stats.html")


def hostile_catalog() -> Catalog:
    catalog = load_catalog(DATA).catalog
    categories = tuple(dataclasses.replace(c, title=TITLE) if c.id == "best-surveys" else c
                       for c in catalog.categories)
    return dataclasses.replace(catalog, categories=categories)


@pytest.fixture(scope="module")
def hostile_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site = build_fixture_site(engine, tmp_path_factory.mktemp(f"hostile-{engine}"), hostile_catalog())
    with serve_folder(site) as url:
        yield site, url


def test_no_page_holds_the_title_as_markup(hostile_site):
    site, _ = hostile_site
    for path in PAGES:
        text = (site / path).read_text("utf-8")
        assert "<script>window.__pwnedTitle" not in text, path
        assert "&lt;/script&gt;&lt;script&gt;window.__pwnedTitle" in text or \
            "\\u003c/script\\u003e" in text, path


def test_a_category_title_with_markup_runs_nothing_and_shows_as_text(page, hostile_site):
    _, url = hostile_site
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in PAGES:
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof window.__pwnedTitle") == "undefined", path
        # the navigation shows the title as the text it is
        nav = page.locator("nav.md-nav--primary").get_by_text(TITLE, exact=True)
        assert nav.count() >= 1, path
    assert dialogs == []
    page.goto(url + "categories/best-surveys/index.html")
    assert page.title().startswith(TITLE)
    assert page.locator("article h1").first.inner_text() == TITLE
    page.goto(url + "browse.html")
    options = page.locator("#aa-filter-category option").all_inner_texts()
    assert TITLE in options
    page.locator("#aa-filter-category").select_option("best-surveys")
    cells = page.locator("#aa-browse-table tbody tr:not([hidden]) td:nth-child(3)").all_inner_texts()
    assert cells and set(cells) == {TITLE}
    assert page.evaluate("typeof window.__pwnedTitle") == "undefined"
    assert dialogs == []
