"""Stats chart geometry."""

from __future__ import annotations

from awesome_approx.catalog.model import Catalog, Category, Entry
from awesome_approx.render.charts import categories_chart, category_totals, years_chart

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
