"""Exports of the catalog for reference managers and scripts (pure: Catalog -> text).

EXPORT_FORMATS maps a format name to (download file name, renderer). The site publishes each as a
download, and `awesome-approx export --format NAME` prints or writes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from awesome_approx.model import Catalog, Entry


def entry_record(entry: Entry) -> dict[str, object]:
    """Every public field of an entry, JSON-ready, in canonical order."""
    record: dict[str, object] = {
        "id": entry.id,
        "title": entry.title,
        "url": entry.url,
        "category": entry.category,
        "year": entry.year,
        "authors": list(entry.authors),
        "venue": entry.venue,
        "arxiv": entry.arxiv,
        "doi": entry.doi,
        "ieee": entry.ieee,
        "code": entry.code,
        "description": entry.description,
        "tags": list(entry.tags),
        "added": entry.added.isoformat() if entry.added else None,
    }
    return record


def export_json(catalog: Catalog) -> str:
    return json.dumps([entry_record(e) for e in sorted(catalog.entries, key=lambda e: e.id)],
                      indent=2, ensure_ascii=False) + "\n"


def entry_bibtex(entry: Entry) -> str:
    """The BibTeX record of one entry (filled in by the exports work; see issue 5)."""
    raise NotImplementedError


EXPORT_FORMATS: dict[str, tuple[str, Callable[[Catalog], str]]] = {
    "json": ("awesome-approx.json", export_json),
}
