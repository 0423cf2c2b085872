"""Does an entry agree with what arXiv and Crossref say about it? Pure comparisons, no I/O.

An entry passes a check when it agrees with at least one source (the arXiv preprint and the published
version may differ in title or year, and either is a fair thing to cite). Titles are compared after
folding case, accents, punctuation and markup; years allow the preprint to precede publication by up to
two years; first authors are compared by family name (last word, accents folded).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from awesome_approx.catalog.model import Entry
from awesome_approx.links.results import MISMATCH, LinkWarning

WORDS = re.compile(r"[^\w]+")
APOSTROPHES = re.compile(r"['\u2019\u02bc]")  # We've, We’ve and Weve are one word


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = APOSTROPHES.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return " ".join(WORDS.sub(" ", plain.casefold()).split())


def family_name(author: str) -> str:
    words = fold(author).split()
    return words[-1] if words else ""


def _title_agrees(entry: Entry, record: dict[str, Any]) -> bool:
    return bool(record.get("title")) and fold(entry.title) == fold(record["title"])


def _year_agrees(entry: Entry, record: dict[str, Any]) -> bool:
    year = record.get("year")
    if entry.year is None or not isinstance(year, int):
        return True
    if record.get("source") == "arxiv":  # posted first, published up to two years later
        return year - 1 <= entry.year <= year + 2
    return abs(entry.year - year) <= 1  # online-first vs print issue


def _author_agrees(entry: Entry, record: dict[str, Any]) -> bool:
    authors = record.get("authors") or []
    if not entry.authors or not authors:
        return True
    return family_name(entry.authors[0]) == family_name(authors[0])


def mismatches(entry: Entry, records: Iterable[dict[str, Any]], arxiv_version: str | None = None
               ) -> list[LinkWarning]:
    """Warnings for the fields on which the entry agrees with none of the records."""
    records = [r for r in records if r]
    if not records:
        return []
    warnings = []
    sources = " / ".join(sorted({r.get("source", "?") for r in records}))
    titled = [r for r in records if r.get("title")]
    if titled and not any(_title_agrees(entry, r) for r in titled):
        best = titled[0]["title"]
        warnings.append(LinkWarning(MISMATCH, f"title differs from {sources}: '{best}'", best))
    if not any(_year_agrees(entry, r) for r in records):
        years = ", ".join(f"{r.get('source')} {r.get('year')}" for r in records)
        warnings.append(LinkWarning(MISMATCH, f"year {entry.year} differs from {years}"))
    if not any(_author_agrees(entry, r) for r in records):
        first = next(r["authors"][0] for r in records if r.get("authors"))
        warnings.append(LinkWarning(MISMATCH, f"first author '{entry.authors[0]}' differs from {sources}: "
                                              f"'{first}'", first))
    versions = [r.get("version") for r in records if r.get("source") == "arxiv" and r.get("version")]
    latest = versions[0] if versions else None
    if arxiv_version and latest and int(arxiv_version[1:]) > int(latest[1:]):
        warnings.append(LinkWarning(MISMATCH, f"arXiv has no {arxiv_version} (latest is {latest})"))
    return warnings
