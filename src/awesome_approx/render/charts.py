"""Geometry of the stats page's bar charts (pure): counts in, bars with coordinates out.

Hand-written rather than a charting library because the charts are two bar charts drawn as inline SVG at
build time: a plotting library (matplotlib, pygal) would add a heavy dependency, fonts or JavaScript for
what is a few lines of arithmetic, and the site must render with no network access.
The SVG markup itself lives in templates/site/_charts.html.j2, where Jinja escapes every label.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from awesome_approx.catalog.model import Catalog


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float
    depth: int = 0  # of a category in the tree, to indent its label


@dataclass(frozen=True)
class Chart:
    """One bar chart: its size in SVG user units, its bars and the value its axis ends at."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    maximum: int
    label_every: int = 1  # label every n-th bar, so that labels never overlap


YEAR_CHART_HEIGHT = 240
YEAR_AXIS = 30  # room under the bars for the year labels
BAR_ROW = 28  # height of one row of the per-category chart
LABEL_WIDTH = 330  # room left of the per-category bars for the category titles
CHART_WIDTH = 720


def years_chart(catalog: Catalog) -> Chart:
    """Entries per year, one vertical bar per year from the first to the last (empty years included)."""
    counts = Counter(e.year for e in catalog.entries if e.year)
    if not counts:
        return Chart(CHART_WIDTH, YEAR_CHART_HEIGHT, (), 0)
    years = range(min(counts), max(counts) + 1)
    maximum = max(counts.values())
    slot = CHART_WIDTH / len(years)
    usable = YEAR_CHART_HEIGHT - YEAR_AXIS - 20
    bars = []
    for index, year in enumerate(years):
        height = usable * counts[year] / maximum
        top = YEAR_CHART_HEIGHT - YEAR_AXIS - height
        bars.append(Bar(str(year), counts[year], index * slot + slot * 0.15, top, slot * 0.7, height))
    return Chart(CHART_WIDTH, YEAR_CHART_HEIGHT, tuple(bars), maximum, max(1, math.ceil(40 / slot)))


def categories_chart(catalog: Catalog) -> Chart:
    """Entries per category (a parent counts its children's entries), one horizontal bar per category,
    in the tree's order; labels are indented by depth so the chart reads like the navigation."""
    totals = category_totals(catalog)
    categories = list(catalog.walk())
    maximum = max(totals.values(), default=0)
    usable = CHART_WIDTH - LABEL_WIDTH - 50
    bars = []
    for index, category in enumerate(categories):
        count = totals.get(category.id, 0)
        width = usable * count / maximum if maximum else 0
        bars.append(Bar(category.title, count, LABEL_WIDTH, index * BAR_ROW + 4, width, BAR_ROW - 8,
                        category.depth))
    return Chart(CHART_WIDTH, max(len(categories) * BAR_ROW, BAR_ROW), tuple(bars), maximum)


def category_totals(catalog: Catalog) -> dict[str, int]:
    """Entries per category id, each parent including all of its descendants."""
    own = Counter(e.category for e in catalog.entries)
    totals: dict[str, int] = {}

    def total(category) -> int:
        totals[category.id] = own.get(category.id, 0) + sum(total(child) for child in category.children)
        return totals[category.id]

    for root in catalog.categories:
        total(root)
    return totals
