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

from awesome_approx.sources import SourceError

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


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(TAGS.sub("", str(value or "")).split())


def _year(message: dict[str, Any]) -> int | None:
    for key in ("published-print", "published-online", "published", "issued"):
        parts = (message.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and isinstance(parts[0][0], int):
            return parts[0][0]
    return None


def _author(author: dict[str, Any]) -> str:
    if author.get("name"):
        return _text(author["name"])
    return " ".join(p for p in (_text(author.get("given")), _text(author.get("family"))) if p)


def parse_work(json_obj: Any) -> CrossrefWork:
    """Accepts the whole answer (`{"status": "ok", "message": {...}}`) or the message itself."""
    message = json_obj.get("message", json_obj) if isinstance(json_obj, dict) else None
    if not isinstance(message, dict) or not message.get("DOI"):
        raise SourceError("Crossref answered with JSON that is not a work record")
    authors = tuple(a for a in (_author(x) for x in message.get("author") or [] if isinstance(x, dict)) if a)
    return CrossrefWork(
        doi=str(message["DOI"]),
        title=_text(message.get("title")),
        authors=authors,
        year=_year(message),
        venue=_text(message.get("container-title")) or None,
        type=message.get("type"),
        subtitle=_text(message.get("subtitle")) or None,
    )


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
        raise SourceError("Crossref answered a works query with JSON that holds no items")
    works = []
    for item in items:
        try:
            works.append(parse_work(item))
        except SourceError:
            continue
    return works
