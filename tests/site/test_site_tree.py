"""The site follows the list's real category tree (issue 11's deeper one): navigation, the home page's
section counts, the browse table's category filter and the per-category chart name every section.

The other site tests use the small fixture tree of tests/fixtures/site; this one renders data/ itself, so a
section added to data/categories.yaml that a page forgot would show here."""

from __future__ import annotations

import json
import re

import pytest
from markupsafe import escape
from site_support import ROOT

from awesome_approx.catalog.model import Category
from awesome_approx.render import charts, pages
from awesome_approx.render.pages import BROWSE, HOME, SiteOptions, render_pages
from awesome_approx.validate import load_catalog


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "data").catalog


@pytest.fixture(scope="module")
def files(catalog):
    return render_pages(catalog, ROOT / "templates", SiteOptions(repo_url="https://github.com/o/r"))


def nav_tree(items: list) -> list[tuple[str, list]]:
    """(title, children) of a MkDocs nav list; a section's first item is its own page."""
    tree = []
    for item in items:
        if isinstance(item, str):
            continue
        (title, value), = item.items()
        tree.append((title, nav_tree(value) if isinstance(value, list) else []))
    return tree


def category_tree(categories: tuple[Category, ...]) -> list[tuple[str, list]]:
    return [(c.title, category_tree(c.children)) for c in categories]


def test_the_real_tree_is_deeper_than_the_seed(catalog):
    methods = catalog.category("approximation-methods")
    assert [c.title for c in methods.children] == [
        "Pruning", "Quantization", "Approximate Arithmetic", "Low-Rank Approximation",
        "Weight Sharing and Clustering", "Input-Dependent Computation"]
    assert [c.title for c in catalog.category("quantization").children] == [
        "Post-Training", "Quantization-Aware Training", "Binary and Ternary"]


def test_navigation_mirrors_the_whole_tree(catalog):
    assert nav_tree(pages.navigation(catalog)) == category_tree(catalog.categories)


def test_home_page_lists_every_section_with_its_count_including_descendants(catalog, files):
    home = files[HOME]
    totals = charts.category_totals(catalog)
    for category in catalog.walk():
        shown = re.search(rf">{re.escape(str(escape(category.title)))}</a> "
                          r'<span class="aa-count" title="entries">(\d+)</span>', home)
        assert shown and int(shown.group(1)) == totals[category.id], category.id
    assert totals["quantization"] == sum(totals[c.id] for c in catalog.category("quantization").children)


def test_browse_filter_offers_every_section_and_a_parent_matches_its_descendants(catalog, files):
    browse = files[BROWSE]
    offered = re.findall(r'<option value="([a-z0-9-]+)">', browse.split('id="aa-filter-category"')[1]
                         .split("</select>")[0])
    assert offered == [c.id for c in catalog.walk()]
    data = json.loads(browse.split('id="aa-categories">')[1].split("</script>")[0])
    members = {row["id"]: set(row["members"]) for row in data}
    assert members["quantization"] == {"quantization", "post-training-quantization",
                                       "quantization-aware-training", "binary-ternary"}
    assert {"quantization", "binary-ternary", "input-dependent"} <= members["approximation-methods"]


def test_category_chart_has_a_bar_per_section(catalog):
    chart = charts.categories_chart(catalog)
    assert [bar.label for bar in chart.bars] == [c.title for c in catalog.walk()]
    assert all(bar.count > 0 for bar in chart.bars)
