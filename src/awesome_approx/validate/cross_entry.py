"""Rules across entries: no paper twice (by the one identity rule of catalog.identity)."""

from __future__ import annotations

from collections.abc import Sequence

from awesome_approx.catalog.identity import Key, identity_keys, key_kind
from awesome_approx.catalog.model import Entry
from awesome_approx.catalog.problems import Problem

FIELD_OF_KEY = {"id": "", "url": "url", "arxiv": "arxiv", "doi": "doi"}
SHOWN_KEY = {"id": "id", "url": "URL", "arxiv": "arXiv id", "doi": "DOI"}


def _entry_problem(entry: Entry, field: str, code: str, message: str, hint: str = "") -> Problem:
    pos = entry.position_of(field)
    return Problem.at(entry.source or entry.id, pos.line, pos.column, code, message, hint)


def cross_entry_problems(entries: Sequence[Entry], keys: Sequence[tuple[Key, ...]] | None = None) -> list[Problem]:
    """Entries that are the same paper as an earlier one. `keys[i]` are the identity keys of entries[i]
    when the caller has them already (from the per-file results, cached)."""
    if keys is None:
        keys = [identity_keys(e.id, e.url, e.arxiv, e.doi) for e in entries]
    problems: list[Problem] = []
    first_with: dict[Key, Entry] = {}
    for entry, entry_keys in zip(entries, keys, strict=True):
        for key in entry_keys:
            other = first_with.setdefault(key, entry)
            if other is entry:
                continue
            kind = key_kind(key)
            field = FIELD_OF_KEY[kind] if kind != "arxiv" or entry.arxiv else "url"
            if kind == "doi" and not entry.doi:
                field = "url"
            problems.append(_entry_problem(
                entry, field, f"duplicate-{kind}", f"same {SHOWN_KEY[kind]} as entry '{other.id}' ({other.source})",
                "an entry may appear once; merge the two files"))
    return problems
