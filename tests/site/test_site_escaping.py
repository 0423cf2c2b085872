"""Property: whatever text a data file holds, the page shows exactly that text and nothing else.

Checked on the rendered page both as the plugin serves it (raw HTML) and after Python-Markdown (as a
site generator reading `awesome-approx pages --out` output would see it)."""

from __future__ import annotations

import html.parser

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from site_support import ROOT

from awesome_approx.catalog.model import Catalog, Category, Entry
from awesome_approx.render.pages import SiteOptions, render_pages

TREE = (Category("c", "C", style="citation"),)
OPTIONS = SiteOptions(repo_url="https://github.com/o/r")
MARKUP = st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                          "[x](javascript:alert(1))", "*em*", "_u_", "`code`", "&amp;", "&#60;", "<!--",
                          "-->", "]]>", "\\", "\n\n", "# h",
                          "<div>", "</article>", '"', "'", "{: .x}", "!!! note"])
# Control characters aside: Python-Markdown drops \x02 and \x03 (its own placeholder marks), and YAML
# data only holds them through escapes no entry needs.
PLAIN = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=12)
TEXT = st.lists(st.one_of(MARKUP, PLAIN), min_size=1, max_size=6).map("".join)


class CardText(html.parser.HTMLParser):
    """The text of the entry's title and description, and every element seen inside the card."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.where: str | None = None
        self.title = ""
        self.description = ""
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        classes = dict(attrs).get("class") or ""
        if tag == "h3":
            self.where = "title"
        elif "aa-entry__description" in classes:
            self.where = "description"

    def handle_endtag(self, tag):
        if tag in ("h3", "p"):
            self.where = None

    def handle_data(self, data):
        if self.where == "title":
            self.title += data
        elif self.where == "description":
            self.description += data


def card_of(page_html: str) -> CardText:
    parser = CardText()
    parser.feed(page_html[page_html.index('<article class="aa-entry"'):])
    parser.close()
    return parser


@settings(max_examples=60, deadline=None)
@given(title=TEXT.filter(str.strip), description=TEXT.filter(str.strip))
def test_any_title_and_description_show_as_exactly_their_text(title, description):
    entry = Entry(id="e1", title=title, url="https://example.org/e1", category="c", description=description)
    page = render_pages(Catalog(TREE, (entry,)), ROOT / "templates", OPTIONS)["categories/c/index.md"]
    body = page.split("\n---\n", 1)[1]
    for rendered in (body, markdown.markdown(body, extensions=["toc", "attr_list", "admonition"])):
        card = card_of(rendered)
        assert card.title.removesuffix("\u00b6") == title
        assert card.description == description
        assert set(card.tags) <= {"article", "h3", "a", "p", "button", "span"}  # span: the COinS citation
