"""An entry's card (render/cards.py): its parts in order, each only when the entry has it, and every value
from data escaped so that it reaches the reader as the characters written."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from awesome_approx.catalog.model import Entry
from awesome_approx.render.cards import CardLinks, entry_card

LINKS = CardLinks(browse_url="../../browse.html", edit_url=lambda e: f"https://github.com/o/r/edit/main/{e.id}.yaml",
                  archived=frozenset({"gone"}))
FULL = Entry(id="guo2020", title="Accelerating Sparse DNN Models", url="https://arxiv.org/abs/2008.13006",
             category="c", description="Tiles the weights.", year=2020, authors=("Cong Guo", "others"),
             venue="SC 2020", arxiv="2008.13006", code="https://github.com/o/tile", tags=("gpu", "sparsity"))


class Outline(HTMLParser):
    """The card read back as a browser would: (tag, attributes) of every element, text by element class,
    and a check that every element is closed in order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, str] = {}
        self.open: list[str] = []
        self.feed(str(html))
        self.close()
        assert not self.open, f"unclosed: {self.open}"

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        self.open.append(attributes.get("class", tag))

    def handle_endtag(self, tag):
        self.open.pop()

    def handle_data(self, data):
        if self.open:
            self.text[self.open[-1]] = self.text.get(self.open[-1], "") + data

    def classes(self) -> list[str]:
        return [attributes.get("class", "") for _, attributes in self.elements]


def test_a_full_card_shows_every_part_in_order():
    card = Outline(entry_card(FULL, LINKS))
    assert card.classes() == [
        "aa-entry", "aa-entry__title", "headerlink", "Z3988", "aa-entry__meta", "aa-entry__authors",
        "aa-entry__year", "aa-entry__venue", "aa-entry__description", "aa-entry__links",
        "md-button aa-button aa-button--arxiv", "md-button aa-button aa-button--pdf",
        "md-button aa-button aa-button--code", "md-button aa-button aa-button--bibtex", "aa-entry__edit",
        "aa-entry__tags", "aa-tag", "aa-tag",
    ]
    assert card.elements[1][1]["id"] == "guo2020"
    assert card.text["aa-entry__authors"] == "Cong Guo et al."
    assert card.text["aa-entry__meta"] == " ·  · "  # between the three spans
    assert dict(card.elements)["button"]["data-bibtex"].startswith("@inproceedings{guo2020,")
    assert [a["href"] for tag, a in card.elements if a.get("class") == "aa-tag"] == [
        "../../browse.html?tag=gpu", "../../browse.html?tag=sparsity"]
    assert ("a", {"class": "aa-entry__edit", "href": "https://github.com/o/r/edit/main/guo2020.yaml",
                  "title": "Edit this entry's YAML file"}) in card.elements


def test_a_bare_entry_has_no_empty_parts():
    entry = Entry(id="tool", title="Tool", url="https://example.org/tool", category="c")
    card = Outline(entry_card(entry, LINKS))
    assert card.classes() == ["aa-entry", "aa-entry__title", "headerlink", "Z3988", "aa-entry__links",
                              "md-button aa-button aa-button--paper", "md-button aa-button aa-button--bibtex",
                              "aa-entry__edit"]


def test_the_archived_badge_marks_only_archived_entries():
    gone = Entry(id="gone", title="Gone", url="https://example.org/g", category="c")
    assert "aa-badge--archived" in entry_card(gone, LINKS)
    assert "aa-badge--archived" not in entry_card(FULL, LINKS)


def test_hostile_text_is_shown_as_written_and_opens_no_element():
    entry = Entry(id="x", title='<script>alert("t")</script>', url='https://example.org/"><img src=x>',
                  category="c", description="<b>bold</b> & 'quoted'", venue="<i>V</i>",
                  tags=('a"b', "c&d"))
    html = entry_card(entry, LINKS)
    card = Outline(html)
    assert {tag for tag, _ in card.elements} == {"article", "h3", "a", "span", "p", "button"}
    assert card.text["aa-entry__title"] == '<script>alert("t")</script>'
    assert card.text["aa-entry__description"] == "<b>bold</b> & 'quoted'"
    assert card.text["aa-entry__venue"] == "<i>V</i>"
    paper = next(a for tag, a in card.elements if a.get("class", "").endswith("aa-button--paper"))
    assert paper["href"] == 'https://example.org/"><img src=x>'


@given(title=st.text(min_size=1), description=st.text(), tag=st.text(min_size=1))
def test_any_text_comes_back_unchanged_from_the_card(title, description, tag):
    entry = Entry(id="p", title=title, url="https://example.org/p", category="c", description=description,
                  tags=(tag,))
    card = Outline(entry_card(entry, LINKS))
    assert card.text["aa-entry__title"] == title
    assert card.text.get("aa-entry__description", "") == description
    href = next(a["href"] for _, a in card.elements if a.get("class") == "aa-tag")
    assert parse_qs(urlsplit(href).query, keep_blank_values=True)["tag"] == [tag]
