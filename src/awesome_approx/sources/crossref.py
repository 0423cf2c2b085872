"""Crossref REST API: bibliographic metadata of a DOI (title, authors, year, venue).

`GET {base}/works/{doi}?mailto=CONTACT` (the `mailto` puts us in Crossref's polite pool). Crossref only
knows Crossref DOIs: a 404 there does not mean the DOI is dead (DataCite, mEDRA...), so it is used for
metadata only; existence is the handle API's job (sources.doi).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from awesome_approx.catalog.identifiers import normalise_doi
from awesome_approx.sources.answers import UnusableAnswer, check_usable, kind, listed, text, year

TAGS = re.compile(r"<[^>]+>")  # Crossref titles may carry JATS/MathML markup such as <i>...</i>


@dataclass(frozen=True)
class CrossrefWork:
    doi: str
    title: str
    authors: tuple[str, ...]  # "Given Family", or the family name alone, or an organisation name
    year: int | None
    venue: str | None
    type: str | None
    subtitle: str | None = None  # Crossref keeps "Title: Subtitle" apart

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title


def work_url(base_url: str, doi: str) -> str:
    return f"{base_url.rstrip('/')}/works/{quote(doi.strip(), safe='/')}"


SERVICE = "Crossref"


def _text(field: str, value: Any) -> str:
    """Crossref's titles are lists of text (the first one counts); markup removed, spaces collapsed."""
    if isinstance(value, list):
        value = value[0] if value else None
    return " ".join(TAGS.sub("", text(SERVICE, field, value) or "").split())


def _year(message: dict[str, Any]) -> int | None:
    """The first year Crossref states; `"date-parts": [[null]]` is Crossref's own way to say none."""
    for key in ("published-print", "published-online", "published", "issued"):
        date = message.get(key)
        if date is None:
            continue
        if not isinstance(date, dict):
            raise UnusableAnswer(SERVICE, f"'{key}' is {kind(date)}, not a date")
        parts = listed(SERVICE, f"{key}.date-parts", date.get("date-parts"))
        first = listed(SERVICE, f"{key}.date-parts", parts[0]) if parts else []
        found = year(SERVICE, key, first[0]) if first else None
        if found is not None:
            return found
    return None


def _author(author: object) -> str:
    if not isinstance(author, dict):
        raise UnusableAnswer(SERVICE, f"an author is {kind(author)}, not an object")
    if author.get("name"):
        return _text("author.name", author["name"])
    parts = (_text("author.given", author.get("given")), _text("author.family", author.get("family")))
    return " ".join(p for p in parts if p)


def parse_work(json_obj: Any) -> CrossrefWork:
    """Accepts the whole answer (`{"status": "ok", "message": {...}}`) or the message itself; every value
    is checked for its type (UnusableAnswer)."""
    message = json_obj.get("message", json_obj) if isinstance(json_obj, dict) else None
    if not isinstance(message, dict) or not message.get("DOI"):
        raise UnusableAnswer(SERVICE, "JSON that is not a work record")
    authors = tuple(a for a in (_author(x) for x in listed(SERVICE, "author", message.get("author"))) if a)
    return CrossrefWork(
        doi=_text("DOI", message["DOI"]),
        title=_text("title", message.get("title")),
        authors=authors,
        year=_year(message),
        venue=_text("container-title", message.get("container-title")) or None,
        type=text(SERVICE, "type", message.get("type")),
        subtitle=_text("subtitle", message.get("subtitle")) or None,
    )


def check_work(work: CrossrefWork, doi: str) -> CrossrefWork:
    """The range checks before a work becomes an entry: the DOI asked about, sane lengths and counts."""
    if normalise_doi(work.doi) != normalise_doi(doi):
        raise UnusableAnswer(SERVICE, f"a record of the DOI {work.doi}, not of {doi}")
    check_usable(SERVICE, {"title": work.title, "subtitle": work.subtitle, "container-title": work.venue},
                 work.authors)
    return work


# --- works query ------------------------------------------------------------------------------------------

def works_query_url(base_url: str, bibliographic: str, mailto: str | None = None, rows: int = 5) -> str:
    """`{base}/works?query.bibliographic=...&rows=N`: the works Crossref finds for a citation text."""
    params = {"query.bibliographic": bibliographic, "rows": str(rows)}
    if mailto:
        params["mailto"] = mailto
    return f"{base_url.rstrip('/')}/works?{urlencode(params)}"


def parse_works(json_obj: Any) -> list[CrossrefWork]:
    """The items of a works query, best match first (Crossref orders them by relevance score); items that
    are not work records are skipped."""
    message = json_obj.get("message") if isinstance(json_obj, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    if not isinstance(items, list):
        raise UnusableAnswer(SERVICE, "a works query answer that holds no items")
    works = []
    for item in items:
        try:
            works.append(parse_work(item))
        except UnusableAnswer:  # one odd item must not hide the others
            continue
    return works
