"""The pure page renderer: paths and links, entry buttons (render.entry_view), pagination, data files,
downloads, escaping."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from site_support import DATA, ROOT

from awesome_approx.catalog.model import Entry
from awesome_approx.render import pages
from awesome_approx.render.entry_view import entry_buttons, safe_href
from awesome_approx.render.exports import EXPORT_FORMATS
from awesome_approx.render.pages import SiteOptions, relative_url, render_pages
from awesome_approx.validate import load_catalog

TEMPLATES = ROOT / "templates"
OPTIONS = SiteOptions(repo_url="https://github.com/o/r")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(DATA).catalog


@pytest.fixture(scope="module")
def files(catalog):
    return render_pages(catalog, TEMPLATES, OPTIONS)


@pytest.mark.parametrize(("here", "target", "directory_urls", "expected"), [
    ("index.md", "browse.md", False, "browse.html"),
    ("index.md", "categories/pruning/index.md#x1", False, "categories/pruning/index.html#x1"),
    ("categories/pruning/index.md", "browse.md", False, "../../browse.html"),
    ("categories/pruning/index.md", "categories/b/page-2.md", False, "../b/page-2.html"),
    ("browse.md", "assets/data/entries-0.js", False, "assets/data/entries-0.js"),
    ("index.md", "browse.md", True, "browse/"),
    ("browse.md", "index.md", True, "../"),
    ("browse.md", "assets/data/entries-0.js", True, "../assets/data/entries-0.js"),
    ("categories/pruning/index.md", "categories/pruning/index.md#a", True, "./#a"),
    ("categories/a/page-2.md", "categories/a/index.md", True, "../"),
])
def test_relative_url_for_both_url_styles(here, target, directory_urls, expected):
    assert relative_url(here, target, directory_urls) == expected


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "ftp://h/x",
                                 "", None, "//evil.example/x"])
def test_only_http_links_become_hrefs(url):
    assert safe_href(url) is None


def test_buttons_name_arxiv_and_code_and_drop_a_paper_link_that_repeats_them():
    entry = Entry(id="a", title="T", url="https://arxiv.org/abs/2008.13006", category="c", arxiv="2008.13006",
                  doi="10.1/x", code="javascript:alert(1)")
    buttons = [(b.label, b.href) for b in entry_buttons(entry)]
    assert buttons == [("arXiv", "https://arxiv.org/abs/2008.13006"), ("DOI", "https://doi.org/10.1/x"),
                       ("PDF", "https://arxiv.org/pdf/2008.13006")]
    named = Entry(id="n", title="N", url="https://github.com/o/n", category="c", code="https://github.com/o/n")
    assert [(b.label, b.href) for b in entry_buttons(named)] == [("Code", "https://github.com/o/n")]


def test_every_page_category_data_file_and_download_is_generated(catalog, files):
    expected = {"index.md", "browse.md", "stats.md", "assets/data/entries-0.js", "feed.xml"}
    expected |= {f"categories/{c.id}/index.md" for c in catalog.walk()}
    expected |= {f"downloads/{file_name}" for file_name, _ in EXPORT_FORMATS.values()}
    assert set(files) == expected
    assert files["downloads/awesome-approx.json"] == EXPORT_FORMATS["json"][1](catalog)


def test_a_new_export_format_appears_as_a_download_linked_from_home(catalog, monkeypatch):
    def plain(catalog) -> str:
        return f"{len(catalog.entries)} entries\n"

    monkeypatch.setitem(EXPORT_FORMATS, "plain", ("awesome-approx.txt", plain))
    files = render_pages(catalog, TEMPLATES, OPTIONS)
    assert files["downloads/awesome-approx.txt"] == "7 entries\n"
    assert 'href="downloads/awesome-approx.txt" download>plain</a>' in files["index.md"]


def test_titles_and_edit_targets_go_through_front_matter_as_json(files):
    category = files["categories/structured-hardware-friendly/index.md"]
    assert category.startswith('---\ntitle: "Structured - Hardware Friendly Structure"\n'
                               'edit_url: "https://github.com/o/r/edit/main/data/categories.yaml"\n'
                               'hide: ["toc"]\n---\n')
    assert files["browse.md"].startswith('---\ntitle: "Browse all"\nedit_url: null\n')


def test_text_from_data_is_html_escaped_in_every_page(files):
    page = files["categories/structured-hardware-friendly/index.md"]
    assert "Sparse &lt;script&gt;window.__pwned = &#39;title&#39;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;window.__pwned=&#39;description&#39;&#34;&gt;" in page
    assert "*not emphasis* &amp; &amp;amp; done." in page
    for path, text in files.items():
        if path.endswith(".md"):
            assert "<script>window" not in text and "<img src=x" not in text, path


def test_raw_html_blocks_have_no_blank_line_inside(files):
    """Python-Markdown ends a raw HTML block at a blank line and reads what follows as Markdown."""
    for path, text in files.items():
        if path.startswith("categories/"):
            for block in text.split("\n\n")[1:]:
                assert block.lstrip().startswith("<"), (path, block[:80])


def test_long_categories_are_split_and_entries_link_to_their_page(catalog):
    options = replace(OPTIONS, page_size=3)
    files = render_pages(catalog, TEMPLATES, options)
    first, second = files["categories/best-surveys/index.md"], files["categories/best-surveys/page-2.md"]
    assert first.count('<article class="aa-entry"') == 3 and second.count('<article class="aa-entry"') == 1
    assert 'title: "Best Surveys (page 2 of 2)"' in second
    assert 'href="page-2.html"' in first and 'href="index.html" aria-current' not in second
    locations = pages.entry_locations(pages.category_pages(catalog, options))
    last = catalog.entries_by_category()["best-surveys"][-1]
    assert locations[last.id] == f"categories/best-surveys/page-2.md#{last.id}"
    assert f'href="categories/best-surveys/page-2.html#{last.id}"' in files["index.md"]


def test_browse_rows_are_split_over_data_files_listed_by_the_page(catalog):
    files = render_pages(catalog, TEMPLATES, replace(OPTIONS, chunk_size=3))
    chunks = sorted(path for path in files if path.startswith("assets/data/"))
    assert chunks == ["assets/data/entries-0.js", "assets/data/entries-1.js", "assets/data/entries-2.js"]
    rows = []
    for path in chunks:
        text = files[path]
        prefix = "(window.awesomeApproxEntries = window.awesomeApproxEntries || []).push(..."
        assert text.startswith(prefix) and text.endswith(");\n")
        rows += json.loads(text[len(prefix):-3])
        assert f'<script src="{path}"></script>' in files["browse.md"]
    assert sorted(row["id"] for row in rows) == sorted(e.id for e in catalog.entries)
    guo = next(row for row in rows if row["id"] == "guo2020accelerating")
    assert guo["h"] == "categories/structured-hardware-friendly/index.html#guo2020accelerating"
    assert ["arXiv", "https://arxiv.org/abs/2008.13006"] in guo["b"]


def test_script_json_cannot_close_the_script_element():
    text = pages.script_json({"t": "</script><!-- \u2028 & x"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><!-- \u2028 & x"}


def test_entry_card_links_to_the_yaml_file_in_the_repository_editor(files):
    page = files["categories/structured-hardware-friendly/index.md"]
    assert 'href="https://github.com/o/r/edit/main/data/entries/guo2020accelerating.yaml"' in page


def test_navigation_mirrors_the_category_tree(catalog):
    nav = pages.navigation(catalog)
    assert nav[0] == {"Best Surveys": "categories/best-surveys/index.md"}
    methods = nav[3]["Approximation Methods"]
    assert methods[0] == "categories/approximation-methods/index.md"
    pruning = methods[1]["Pruning"]
    assert pruning[0] == "categories/pruning/index.md"
    children = [c.title for c in catalog.category("pruning").children]
    assert [next(iter(item)) for item in pruning[1:]] == children


def test_rendering_is_deterministic(catalog, files):
    assert render_pages(catalog, TEMPLATES, OPTIONS) == files


def test_html_only_pages_come_out_of_markdown_unchanged(files):
    """The plugin skips Python-Markdown for these pages (it is slow on raw HTML); that is only right if
    Markdown, configured as in mkdocs.yml, would have left their body exactly as it is."""
    import re

    import markdown

    html_only = [path for path in files if pages.is_html_only(path)]
    assert "browse.md" in html_only and "categories/best-surveys/index.md" in html_only
    for path in html_only:
        body = files[path].split("\n---\n", 1)[1]
        converted = markdown.markdown(body, extensions=["toc", "attr_list", "admonition"])
        assert re.sub(r"\s+", " ", converted).strip() == re.sub(r"\s+", " ", body).strip(), path


def test_search_views_hold_each_entry_as_an_anchored_heading_with_escaped_text(catalog):
    views = pages.search_views(catalog, OPTIONS)
    assert set(views) == {f"categories/{c.id}/index.md" for c in catalog.walk()}
    view = views["categories/structured-hardware-friendly/index.md"]
    assert '<h3 id="guo2020accelerating">Accelerating Sparse DNN Models' in view
    assert "Sparse &lt;script&gt;window.__pwned" in view and "<script>" not in view
    assert "Edit this entry" not in view and "arXiv" not in view
