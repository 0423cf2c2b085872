"""The Atom feed of additions (pure: Catalog -> feed.xml text), RFC 4287.

One <entry> per list entry that has an `added` date, newest first (ties by id), at most `limit` of them
(a feed reader needs the recent additions, not a second copy of the list). Each item carries the paper's
link, its authors, its year (in the summary, as Atom has no element for a publication year), its
description and its category. `updated` is the `added` date, so the feed changes only when the list does
(no clock is read). Links to the site's card are absolute only when the site's address is known.

Written with ElementTree, which escapes text and attributes; characters XML 1.0 cannot hold at all
(control characters) are dropped first, since no escape would make them valid.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date

from awesome_approx.catalog.model import Catalog, Entry

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


def feed_entries(catalog: Catalog, limit: int) -> list[Entry]:
    dated = [e for e in catalog.entries if e.added]
    return sorted(dated, key=lambda e: (e.added, e.id), reverse=True)[:limit]


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_summary(entry: Entry) -> str:
    """'A, B and C (2020), Venue. Description' as far as the entry states it."""
    head = ", ".join(a for a in entry.authors if a != "others")
    if "others" in entry.authors:
        head += " et al."
    if entry.year:
        head += f" ({entry.year})" if head else str(entry.year)
    if entry.venue:
        head += f", {entry.venue}" if head else entry.venue
    parts = [f"{head}." if head else "", entry.description]
    return " ".join(part for part in parts if part)


def render_feed(catalog: Catalog, *, title: str, site_url: str, card_url: Callable[[Entry], str],
                limit: int = 100) -> str:
    """The feed's XML text. `card_url(entry)` is the entry's card on the site, relative to its root."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    entries = feed_entries(catalog, limit)
    titles = {c.id: c.title for c in catalog.walk()}
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
        if text is not None:
            element.text = xml_text(text)
        return element

    add(feed, "title", f"{title}: recently added")
    add(feed, "id", base + FEED_PATH if base else "urn:awesome-approx:feed")
    add(feed, "updated", _timestamp(entries[0].added) if entries else "1970-01-01T00:00:00Z")
    if base:
        add(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
        add(feed, "link", rel="alternate", type="text/html", href=base)
    author = add(feed, "author")
    add(author, "name", f"{title} contributors")
    add(feed, "generator", "awesome-approx")
    for entry in entries:
        item = add(feed, "entry")
        add(item, "title", entry.title)
        add(item, "id", base + card_url(entry) if base else f"urn:awesome-approx:entry:{entry.id}")
        add(item, "updated", _timestamp(entry.added))
        add(item, "published", _timestamp(entry.added))
        add(item, "link", rel="alternate", href=xml_text(entry.url))
        if base:
            add(item, "link", rel="related", type="text/html", href=base + card_url(entry))
        for name in entry.authors:
            if name != "others":
                add(add(item, "author"), "name", name)
        add(item, "category", term=entry.category, label=xml_text(titles.get(entry.category, entry.category)))
        add(item, "summary", entry_summary(entry))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
