"""The list's data model: frozen dataclasses built once by `validate.load_catalog` and shared by every renderer.

Field names of `Entry` are part of the public interface (contributors, exports and other tools depend on
them): add fields when a real need appears, never rename them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

ENTRY_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "url",
    "category",
    "year",
    "authors",
    "venue",
    "arxiv",
    "doi",
    "ieee",
    "code",
    "description",
    "tags",
    "added",
)
"""Every field an entry file may hold, in canonical order (also the order `fmt` writes)."""

MODELINE = "# yaml-language-server: $schema=../../src/awesome_approx/schema/entry.schema.json"
"""First line of every entry file: editors then complete and check fields against the schema. `fmt`,
`add` and the importer write it; `validate` warns when it is missing."""

CITATION = "citation"
NAMED = "named"


class Position(NamedTuple):
    """1-based line and column in a source file (a tuple: cheap to build, compare and pickle)."""

    line: int
    column: int


FieldPositions = dict[str, tuple[int, int]]
"""Where each field of an entry file stands, by field name, and the document itself under "". Plain
(line, column) tuples: one dict per entry, cached with marshal, and a Position built only when a message
needs one. (Keyed by name rather than by a path tuple: at 10,000 entries the tuples were 7 MB.)"""


@dataclass(frozen=True, slots=True)  # slots: no attribute dict per entry, 10,000 fewer objects to collect
class Entry:
    id: str
    title: str
    url: str
    category: str
    description: str = ""
    year: int | None = None
    authors: tuple[str, ...] = ()
    venue: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    ieee: str | None = None
    code: str | None = None
    tags: tuple[str, ...] = ()
    added: date | None = None
    source: Path | None = field(default=None, compare=False)
    positions: FieldPositions = field(default_factory=dict, compare=False, repr=False)

    def position_of(self, field: str = "") -> Position:
        """Where a field was written; the start of the document for a field the file does not have."""
        return Position(*self.positions.get(field) or self.positions.get("", (1, 1)))


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str = ""
    style: str = NAMED
    children: tuple[Category, ...] = ()
    depth: int = 0
    parent: str | None = None
    discover: str = ""  # an arXiv search query for `awesome-approx discover` (contribute.discover_query)


@dataclass(frozen=True)
class Catalog:
    """All categories (as an ordered tree) and all entries of the list."""

    categories: tuple[Category, ...]
    entries: tuple[Entry, ...]

    def walk(self) -> Iterator[Category]:
        """Every category, depth first, in the tree's order."""
        stack = list(reversed(self.categories))
        while stack:
            category = stack.pop()
            yield category
            stack.extend(reversed(category.children))

    def category_ids(self) -> list[str]:
        return [category.id for category in self.walk()]

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.walk() if c.id == category_id), None)

    def entries_by_category(self) -> dict[str, list[Entry]]:
        """Entries grouped per category id, each group in the list's display order."""
        styles = {c.id: c.style for c in self.walk()}
        groups: dict[str, list[Entry]] = {c: [] for c in styles}
        for entry in self.entries:
            groups.setdefault(entry.category, []).append(entry)
        for category_id, group in groups.items():
            group.sort(key=display_order_key(styles.get(category_id, NAMED)))
        return groups


def display_order_key(style: str):
    """Citations newest first, then by title; named entries alphabetically. Ties broken by id."""
    if style == CITATION:
        return lambda e: (-(e.year or 0), e.title.casefold(), e.id)
    return lambda e: (e.title.casefold(), e.id)
