"""Citing and following the list: the Atom feed (read back by feedparser), COinS spans on the pages,
the RIS export (read back by rispy) and CITATION.cff (valid against the official CFF 1.2.0 schema)."""

from __future__ import annotations

import html.parser
import json
import shutil
from datetime import date
from urllib.parse import parse_qsl, urlencode

import feedparser
import jsonschema
import pytest
import rispy
import yaml
from site_support import DATA, ROOT

from awesome_approx.catalog.model import Catalog, Category, Entry
from awesome_approx.cli import main
from awesome_approx.commands.citation import citation_facts
from awesome_approx.config import load_config
from awesome_approx.render.citation import render_citation
from awesome_approx.render.coins import entry_coins
from awesome_approx.render.exports import EXPORT_FORMATS, entry_ris, export_ris
from awesome_approx.render.feed import render_feed
from awesome_approx.render.pages import SiteOptions, render_pages
from awesome_approx.validate import load_catalog

SCHEMA = ROOT / "tests" / "fixtures" / "cff" / "schema-1.2.0.json"
SITE = "https://example.org/list/"
HOSTILE = "R&D <b>bold</b> \"quoted\" \x07bell ]]> end"


def catalog() -> Catalog:
    return load_catalog(DATA).catalog


def card(entry: Entry) -> str:
    return f"categories/{entry.category}/index.html#{entry.id}"


# --- Atom feed ----------------------------------------------------------------------------------------


def test_feed_is_valid_atom_newest_first_with_link_authors_year_and_description():
    listing = catalog()
    text = render_feed(listing, title="The List", site_url=SITE, card_url=card)
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    dated = sorted((e for e in listing.entries if e.added), key=lambda e: (e.added, e.id), reverse=True)
    assert [item.id for item in feed.entries] == [SITE + card(e) for e in dated]
    first, entry = feed.entries[0], dated[0]
    assert first.title == entry.title
    assert first.link == entry.url
    assert [a.name for a in first.authors] == [a for a in entry.authors if a != "others"]
    assert str(entry.year) in first.summary and entry.description in first.summary
    assert first.updated.startswith(entry.added.isoformat())
    assert feed.feed.updated.startswith(entry.added.isoformat())
    assert any(link.href == SITE + "feed.xml" and link.rel == "self" for link in feed.feed.links)


def test_feed_keeps_hostile_text_as_text_and_drops_what_xml_cannot_hold():
    entry = Entry(id="x2020", title=HOSTILE, url="https://example.org/x?a=1&b=2", category="c",
                  description=HOSTILE, authors=("A <Author>",), year=2020, added=date(2024, 1, 2))
    text = render_feed(Catalog((Category("c", "C & D"),), (entry,)), title="T", site_url="", card_url=card)
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    item = feed.entries[0]
    assert item.title == HOSTILE.replace("\x07", "")
    assert item.link == "https://example.org/x?a=1&b=2"
    assert item.id == "urn:awesome-approx:entry:x2020"
    assert item.authors[0].name == "A <Author>"


def test_feed_is_capped_and_an_empty_list_still_gives_valid_atom():
    assert len(feedparser.parse(render_feed(catalog(), title="T", site_url="", card_url=card, limit=2)).entries) == 2
    empty = feedparser.parse(render_feed(Catalog((), ()), title="T", site_url="", card_url=card))
    assert not empty.bozo and empty.entries == []


def test_the_site_publishes_the_feed_and_every_page_links_it(built_site):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 7
    for page in ("index.html", "browse.html", "stats.html"):
        head = (built_site / page).read_text("utf-8").split("</head>")[0]
        assert 'rel="alternate feed" type="application/atom+xml"' in head and 'feed.xml"' in head, page


def test_readme_links_the_feed():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "[Atom feed](https://awesome-approx.github.io/awesome-approx/feed.xml)" in readme


# --- COinS --------------------------------------------------------------------------------------------


class Spans(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "span" and attributes.get("class") == "Z3988":
            self.titles.append(attributes["title"])


def test_each_card_carries_a_coins_span_with_the_entry_citation():
    listing = catalog()
    pages = render_pages(listing, ROOT / "templates", SiteOptions(repo_url="https://github.com/o/r"))
    parser = Spans()
    parser.feed(pages["categories/structured-hardware-friendly/index.md"])
    fields = [dict(parse_qsl(title)) | {"ids": [v for k, v in parse_qsl(title) if k == "rft_id"]}
              for title in parser.titles]
    assert len(fields) == 2
    guo = next(f for f in fields if f["rft.atitle"].startswith("Accelerating Sparse DNN Models"))
    assert guo["ctx_ver"] == "Z39.88-2004"
    assert guo["rft_val_fmt"] == "info:ofi/fmt:kev:mtx:book" and guo["rft.genre"] == "proceeding"
    assert guo["rft.date"] == "2020" and guo["rft.btitle"].startswith("SC")
    assert "info:arxiv/2008.13006" in guo["ids"]


def test_coins_of_a_journal_article_and_of_software():
    article = Entry(id="a", title="T & <x>", url="https://example.org/a", category="c",
                    venue="Proceedings of the IEEE 108(4)", authors=("Ada Lovelace", "others"), year=2020,
                    doi="10.5555/example.1")
    pairs = parse_qsl(entry_coins(article))
    fields = dict(pairs)
    assert fields["rft.genre"] == "article" and fields["rft.atitle"] == "T & <x>"
    assert (fields["rft.jtitle"], fields["rft.volume"], fields["rft.issue"]) == ("Proceedings of the IEEE", "108", "4")
    assert [v for k, v in pairs if k == "rft.au"] == ["Ada Lovelace"]
    assert ("rft_id", "info:doi/10.5555/example.1") in pairs
    tool = dict(parse_qsl(entry_coins(Entry(id="t", title="Tool", url="https://github.com/o/t", category="c"))))
    assert tool["rft_val_fmt"] == "info:ofi/fmt:kev:mtx:dc" and tool["rft.title"] == "Tool"


def test_coins_is_exactly_what_urlencode_writes_for_its_pairs():
    entry = Entry(id="a", title="A+B = C & D: 100% é/ü?", url="https://example.org/a?x=1&y=2#f", category="c",
                  venue="Proc. ISCA '17 (pp. 1-2)", authors=("Zoë O'Brien", "others"), year=2017, arxiv="1701.00001")
    written = entry_coins(entry)
    assert written == urlencode(parse_qsl(written, keep_blank_values=True))
    assert ("rft.au", "Zoë O'Brien") in parse_qsl(written)


# --- RIS ----------------------------------------------------------------------------------------------


def test_ris_export_reads_back_with_rispy():
    listing = catalog()
    records = rispy.loads(export_ris(listing))
    assert len(records) == len(listing.entries)
    by_id = {r["id"]: r for r in records}
    guo = next(e for e in listing.entries if e.id == "guo2020accelerating")
    record = by_id["guo2020accelerating"]
    assert record["type_of_reference"] == "CPAPER"
    assert record["title"] == guo.title
    assert record["authors"] == [a for a in guo.authors if a != "others"]
    assert record["year"] == str(guo.year) and record["urls"] == [guo.url]
    assert record["keywords"] == list(guo.tags)


def test_ris_keeps_a_value_on_one_line_and_splits_journal_parts():
    entry = Entry(id="j", title="Two\nlines", url="https://example.org/j", category="c", description="a\n\nb",
                  venue="ACM Computing Surveys 52(2), pp. 1-39", year=2019)
    record = rispy.loads(entry_ris(entry))[0]
    assert record["title"] == "Two lines" and record["abstract"] == "a b"
    assert record["type_of_reference"] == "JOUR"
    assert (record["journal_name"], record["volume"], record["number"]) == ("ACM Computing Surveys", "52", "2")
    assert (record["start_page"], record["end_page"]) == ("1", "39")


def test_ris_is_a_download_and_an_export_format(tmp_path, capsys):
    assert EXPORT_FORMATS["ris"][0] == "awesome-approx.ris"
    assert main(["--data", str(DATA), "export", "--format", "ris"]) == 0
    assert len(rispy.loads(capsys.readouterr().out)) == 7


# --- CITATION.cff -------------------------------------------------------------------------------------


def test_committed_citation_file_is_valid_cff_and_up_to_date():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    committed = (ROOT / "CITATION.cff").read_text("utf-8")
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(yaml.safe_load(committed))
    assert committed == render_citation(citation_facts(load_config(ROOT)))


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_citation_check_fails_on_a_stale_file_and_writes_nothing(project, capsys):
    (project / "CITATION.cff").write_text("cff-version: 1.2.0\ntitle: old\n")
    assert main(["citation", "--check"]) == 1
    captured = capsys.readouterr()
    assert "CITATION.cff is out of date: run `awesome-approx citation`" in captured.err
    assert "-title: old" in captured.out
    assert (project / "CITATION.cff").read_text() == "cff-version: 1.2.0\ntitle: old\n"
    assert main(["citation"]) == 0
    assert main(["citation", "--check"]) == 0


def test_citation_follows_the_settings(project):
    text = (project / "pyproject.toml").read_text().replace(
        'repo_url = "https://github.com/awesome-approx/awesome-approx"',
        'repo_url = "https://github.com/o/r"\nauthors = "Ada Lovelace; The Team"')
    (project / "pyproject.toml").write_text(text)
    assert main(["citation"]) == 0
    document = yaml.safe_load((project / "CITATION.cff").read_text())
    assert document["authors"] == [{"name": "Ada Lovelace"}, {"name": "The Team"}]
    assert document["repository-code"] == "https://github.com/o/r"
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text("utf-8"))).validate(document)
