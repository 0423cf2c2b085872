"""The MkDocs plugin and the built site's HTML (built once per session by conftest.built_site)."""

from __future__ import annotations

import html.parser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_support import BAD_DATA, DATA, ROOT

from awesome_approx.site.build import SiteBuildError, build_site
from awesome_approx.site.plugin import AwesomeApproxPlugin

MAX_PAGE_BYTES = 2 * 1024 * 1024
RESOURCE_ATTRIBUTES = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                       ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
                       ("object", "data"), ("image", "href")}


class Resources(html.parser.HTMLParser):
    """Every URL a page makes the browser load (not links a reader may click), and every javascript: URL."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.script_urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in RESOURCE_ATTRIBUTES and not (tag == "link" and dict(attrs).get("rel") in
                                                              ("canonical", "alternate")):
                self.loaded.append(value)
            if name in ("href", "src", "action") and value.strip().lower().startswith("javascript:"):
                self.script_urls.append(value)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_built_site_loads_nothing_from_another_host(built_site):
    for page in html_pages(built_site):
        parser = Resources()
        parser.feed(page.read_text("utf-8"))
        foreign = [url for url in parser.loaded if urlsplit(url).scheme or url.startswith("//")]
        assert foreign == [], page
    for stylesheet in (built_site / "assets" / "stylesheets").glob("*.css"):
        text = stylesheet.read_text("utf-8")
        assert "@import url(http" not in text and "fonts.googleapis" not in text, stylesheet


def test_payloads_from_data_are_escaped_in_the_built_html(built_site):
    page = (built_site / "categories" / "structured-hardware-friendly" / "index.html").read_text("utf-8")
    assert "Sparse &lt;script&gt;window.__pwned = &#39;title&#39;&lt;/script&gt;" in page
    assert "[link](javascript:window.__pwned=&#39;md&#39;) *stars*" in page
    assert "<em>stars</em>" not in page and "<em>not emphasis</em>" not in page  # no Markdown ran on it
    assert "&amp; &amp;amp; done." in page
    for path in html_pages(built_site):
        text = path.read_text("utf-8")
        assert "<script>window.__pwned" not in text and "<img src=x" not in text, path
        parser = Resources()
        parser.feed(text)
        assert parser.script_urls == [], path


def test_category_page_edit_button_points_at_the_category_data(built_site):
    page = (built_site / "categories" / "best-surveys" / "index.html").read_text("utf-8")
    data = DATA.relative_to(ROOT).as_posix()
    assert (f'href="https://github.com/awesome-approx/awesome-approx/edit/main/{data}/categories.yaml" '
            'title="Edit this page"') in page


def test_no_page_is_over_two_megabytes(built_site):
    assert max(path.stat().st_size for path in built_site.rglob("*.html")) < MAX_PAGE_BYTES


def test_invalid_data_fails_the_build_naming_file_and_line_and_writes_nothing(tmp_path):
    site = tmp_path / "site"
    with pytest.raises(SiteBuildError) as failure:
        build_site(ROOT / "mkdocs.yml", site, data_path=BAD_DATA)
    message = str(failure.value)
    assert "broken2020.yaml:5:" in message and "'year' must be a whole number" in message
    assert not site.exists()
    assert list(tmp_path.iterdir()) == []  # the staging folder is gone too


def test_a_failed_build_keeps_the_previous_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous")
    with pytest.raises(SiteBuildError):
        build_site(ROOT / "mkdocs.yml", site, data_path=BAD_DATA)
    assert (site / "index.html").read_text() == "previous"


def test_the_repository_data_builds_in_strict_mode(tmp_path):
    site = tmp_path / "site"
    build_site(ROOT / "mkdocs.yml", site, data_path=ROOT / "data", strict=True)
    assert (site / "index.html").is_file() and (site / "browse.html").is_file()
    assert (site / "search" / "search_index.js").is_file()  # search works from the file system too


class RecordingServer:
    """Stands in for MkDocs' LiveReloadServer, whose watch() is all on_serve calls."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_the_data_and_the_templates():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["awesome-approx"]
    assert isinstance(plugin, AwesomeApproxPlugin)
    plugin.on_config(config)
    server = RecordingServer()
    plugin.on_serve(server, config=config, builder=None)
    assert server.watched == [str((ROOT / "data").resolve()), str(ROOT / "templates")]


def test_search_index_has_an_entry_per_card_without_button_labels(mkdocs_site):
    import json

    built_site = mkdocs_site
    docs = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    guo = next(d for d in docs if d["location"].endswith("index.html#guo2020accelerating"))
    assert guo["title"].startswith("Accelerating Sparse DNN Models")
    assert "Tile-Wise" in guo["title"] and "Cong Guo" in guo["text"] and "Edit this entry" not in guo["text"]
    page = (built_site / "categories" / "structured-hardware-friendly" / "index.html").read_text("utf-8")
    assert page.count('class="aa-entry__links"') == 2  # the page itself still shows the cards
