"""Accessibility in a real browser: axe-core (shipped inside the axe-playwright-python package, never
fetched at run time) finds no serious or critical WCAG 2.1 A/AA violation on home, browse, a category
page and stats, in the light and the dark scheme, on both engines. Then what axe cannot judge alone:
the browse table's sort state and keyboard use, labelled filters, the announced count, and the charts'
numbers as a table."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = ("index.html", "browse.html", "categories/structured-hardware-friendly/index.html", "stats.html")
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def serious(results) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:200]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")
            for node in v["nodes"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_wcag_violation(browser, site_url, axe, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        found = {}
        for path in PAGES:
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            # the palette follows the reader's preference (mkdocs.yml: media queries)
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
            problems = serious(axe.run(page, options=WCAG_21_AA))
            if problems:
                found[path] = problems
        assert found == {}
    finally:
        context.close()
