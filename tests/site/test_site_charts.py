"""Stats chart geometry, and the charts as Chromium draws them."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from site_support import ROOT

from awesome_approx.catalog.model import Catalog, Category, Entry
from awesome_approx.render.charts import (
    LABEL_WIDTH,
    categories_chart,
    category_totals,
    labelled_indexes,
    years_chart,
)
from awesome_approx.render.pages import STATS, SiteOptions, render_pages
from awesome_approx.validate import load_catalog

TREE = (Category("a", "A", children=(Category("b", "B", depth=1, parent="a"),)), Category("c", "C"))


def entry(i: int, category: str, year: int | None) -> Entry:
    return Entry(id=f"e{i}", title=f"T{i}", url=f"https://x.org/{i}", category=category, year=year)


def test_years_chart_has_a_bar_per_year_with_empty_years_and_heights_in_proportion():
    entries = (entry(1, "b", 2018), entry(2, "b", 2018), entry(3, "c", 2020), entry(4, "c", None))
    catalog = Catalog(TREE, entries)
    chart = years_chart(catalog)
    assert [(bar.label, bar.count) for bar in chart.bars] == [("2018", 2), ("2019", 0), ("2020", 1)]
    assert chart.bars[0].height == 2 * chart.bars[2].height and chart.bars[1].height == 0
    assert chart.maximum == 2


def test_category_totals_include_descendants_and_the_chart_follows_the_tree():
    catalog = Catalog(TREE, (entry(1, "a", 2018), entry(2, "b", 2018), entry(3, "b", 2019)))
    assert category_totals(catalog) == {"a": 3, "b": 2, "c": 0}
    chart = categories_chart(catalog)
    bars = [(bar.label, bar.count, bar.depth) for bar in chart.bars]
    assert bars == [("A", 3, 0), ("B", 2, 1), ("C", 0, 0)]
    assert chart.bars[2].width == 0


def test_an_empty_catalog_draws_no_bars():
    assert years_chart(Catalog(TREE, ())).bars == ()
    assert [bar.count for bar in categories_chart(Catalog(TREE, ())).bars] == [0, 0, 0]


@pytest.mark.parametrize("count, every, expected", [
    (37, 3, set(range(0, 34, 3)) | {36}),  # 33 is a regular label three bars before the last: kept
    (10, 4, {0, 4, 9}),  # 8 would sit next to the last label: dropped
    (1, 1, {0}),
    (2, 3, {0}),  # first and last too close for two labels
    (0, 1, set()),
])
def test_year_labels_include_the_first_and_the_last_and_never_crowd(count, every, expected):
    assert labelled_indexes(count, every) == expected


def stats_page_in_a_file(catalog: Catalog, folder: Path) -> str:
    """The stats page's charts as the site renders them, with the site's stylesheet, as a file:// URL."""
    text = render_pages(catalog, ROOT / "templates", SiteOptions(repo_url="https://example.org/r"))[STATS]
    body = text.split("\n---\n", 1)[1]
    css = (ROOT / "docs" / "assets" / "stylesheets" / "site.css").as_uri()
    html = (f'<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="{css}"></head>'
            f'<body><div class="md-typeset" style="width: 48rem">{body}</div></body></html>')
    page = folder / "stats.html"
    page.write_text(html, "utf-8")
    return page.as_uri()


LABEL_BOXES = """selector => Array.from(document.querySelectorAll(selector + ' .aa-chart__label')).map(t => {
    const box = t.getBBox();
    return {text: t.textContent, left: box.x, right: box.x + box.width};
})"""


def test_year_axis_shows_its_first_and_last_labels_whole_in_the_browser(page, watch, tmp_path):
    """Measured by Chromium with the site's font and size: every year label lies inside the chart's
    viewBox (1989 and the last year were cut in half before) and no two labels touch."""
    catalog = load_catalog(ROOT / "data").catalog
    chart = years_chart(catalog)
    page.goto(stats_page_in_a_file(catalog, tmp_path))
    labels = page.evaluate(LABEL_BOXES, ".aa-chart--years")
    assert [label["text"] for label in (labels[0], labels[-1])] == [chart.bars[0].label, chart.bars[-1].label]
    assert chart.bars[0].label == "1989"
    assert labels[0]["left"] >= 0 and labels[-1]["right"] <= chart.width
    assert all(a["right"] < b["left"] for a, b in pairwise(labels))
    watch.assert_clean()


def test_category_chart_names_every_section_beside_its_bar_in_the_browser(page, watch, tmp_path):
    catalog = load_catalog(ROOT / "data").catalog
    page.goto(stats_page_in_a_file(catalog, tmp_path))
    labels = page.evaluate(LABEL_BOXES, ".aa-chart--categories")
    assert [label["text"] for label in labels] == [c.title for c in catalog.walk()]
    assert all(label["right"] < LABEL_WIDTH for label in labels)  # no title runs into the bars
    watch.assert_clean()
