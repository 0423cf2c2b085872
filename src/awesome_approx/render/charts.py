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
    show_label: bool = True  # False for a year bar whose label would crowd its neighbours


@dataclass(frozen=True)
class Chart:
    """One bar chart: its size in SVG user units, its bars and the value its axis ends at."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    maximum: int


YEAR_CHART_HEIGHT = 240
YEAR_AXIS = 30  # room under the bars for the year labels
BAR_ROW = 28  # height of one row of the per-category chart
LABEL_WIDTH = 330  # room left of the per-category bars for the category titles
CHART_WIDTH = 720
YEAR_MARGIN = 24  # room left and right of the year bars: a year label centred under the first or last bar
# is about 30 units wide (13px digits), so half of it must fit beside the bar, or the SVG cuts it off
LABEL_SPACING = 40  # the least distance between the centres of two year labels, so that they never touch


def years_chart(catalog: Catalog) -> Chart:
    """Entries per year, one vertical bar per year from the first to the last (empty years included)."""
    counts = Counter(e.year for e in catalog.entries if e.year)
    if not counts:
        return Chart(CHART_WIDTH, YEAR_CHART_HEIGHT, (), 0)
    years = range(min(counts), max(counts) + 1)
    maximum = max(counts.values())
    slot = (CHART_WIDTH - 2 * YEAR_MARGIN) / len(years)
    usable = YEAR_CHART_HEIGHT - YEAR_AXIS - 20
    labelled = labelled_indexes(len(years), max(1, math.ceil(LABEL_SPACING / slot)))
    bars = []
    for index, year in enumerate(years):
        height = usable * counts[year] / maximum
        top = YEAR_CHART_HEIGHT - YEAR_AXIS - height
        bars.append(Bar(str(year), counts[year], YEAR_MARGIN + index * slot + slot * 0.15, top, slot * 0.7,
                        height, show_label=index in labelled))
    return Chart(CHART_WIDTH, YEAR_CHART_HEIGHT, tuple(bars), maximum)


def labelled_indexes(count: int, every: int) -> set[int]:
    """Which of `count` bars get a label: every `every`-th from the first, and the last too (where the
    reader looks for the range), dropping the regular label just before it if it would come too close."""
    if count == 0:
        return set()
    last = count - 1
    regular = {index for index in range(0, count, every) if last - index >= every}
    return regular | {0} | ({last} if last >= every else set())


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
