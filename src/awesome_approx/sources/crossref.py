"""Crossref REST API: bibliographic metadata of a DOI (title, authors, year, venue).

`GET {base}/works/{doi}?mailto=CONTACT` (the `mailto` puts us in Crossref's polite pool). Crossref only
knows Crossref DOIs: a 404 there does not mean the DOI is dead (DataCite, mEDRA...), so it is used for
metadata only; existence is the handle API's job (sources.doi).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests

from awesome_approx.identifiers import normalise_doi
from awesome_approx.sources.answers import UnusableAnswer, check_usable, kind, listed, text, utf8_json, year
from awesome_approx.sources.http import get, unexpected

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


def fetch_work(
    session: requests.Session, base_url: str, doi: str, mailto: str | None = None
) -> CrossrefWork | None:
    """The work for `doi`, checked (check_work); None when Crossref does not know it (404); SourceError
    otherwise (UnusableAnswer when the answer cannot be used)."""
    params = {"mailto": mailto} if mailto else None
    response = get(session, work_url(base_url, doi), params=params)
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        raise unexpected(response)
    return check_work(parse_work(utf8_json(SERVICE, response)), doi)
