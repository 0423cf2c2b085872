"""One entry file on its own: read it, apply the schema and the entry rules, build the `Entry`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from awesome_approx.catalog.identity import Key, identity_keys
from awesome_approx.catalog.model import MODELINE, Catalog, Entry
from awesome_approx.catalog.problems import WARNING, Problem
from awesome_approx.load.document import Document, parse_document, read_document
from awesome_approx.validate.entry_rules import Context, rule_problems
from awesome_approx.validate.schema import FATAL, schema_problems


@dataclass(frozen=True)
class EntryChecks:
    """What an entry is checked against besides itself: the category tree's styles and the list's rules."""

    styles: dict[str, str]
    max_year: int
    require_description: bool = False

    @classmethod
    def for_list(cls, catalog: Catalog, today: date, require_description: bool = False) -> EntryChecks:
        """The checks of a list with the categories of `catalog`, on `today` (years up to next year)."""
        return cls({c.id: c.style for c in catalog.walk()}, today.year + 1, require_description)


FileResult = tuple[Sequence[Problem], Entry | None, tuple[Key, ...]]
"""A file's problems, its entry (None when its fields cannot be trusted) and the entry's identity keys."""


def check_file(path: Path, checks: EntryChecks) -> FileResult:
    """Everything that can be known about one entry file on its own."""
    doc = read_document(path)
    problems = list(doc.problems)
    if problems and any(p.is_error for p in problems):  # `problems and`: no generator for a clean file
        return tuple(problems), None, ()
    if doc.first_line != MODELINE:
        problems.append(Problem.at(path, 1, 1, "modeline", "the first line is not the schema modeline",
                                   f"start the file with: {MODELINE} (awesome-approx fmt adds it)", WARNING))
    entry = check_entry(doc, checks, problems)
    if entry is None:
        return tuple(problems), None, ()
    # A tuple: none at all (nearly every file) is then the one empty tuple, not a list kept per file.
    return tuple(problems), entry, identity_keys(entry.id, entry.url, entry.arxiv, entry.doi)


def check_text(text: str, path: Path, checks: EntryChecks) -> tuple[Document, list[Problem], Entry | None]:
    """An entry file's text before it is written (at `path`), checked as the file would be: its document,
    every problem, and its entry (None when the text does not parse or its fields have the wrong types).
    `add`, `add --from-issue`, `enrich` and `import-markdown` check what they are about to write. The
    modeline is not checked: every writer of entry files (`fmt`) puts it first."""
    doc = parse_document(text.encode("utf-8"), Document(path))
    problems = list(doc.problems)
    if doc.data is None or doc.problems:
        return doc, problems, None
    return doc, problems, check_entry(doc, checks, problems)


def check_entry(doc: Document, checks: EntryChecks, problems: list[Problem]) -> Entry | None:
    """Apply the schema and the single-entry rules; return the entry when its types are right."""
    data = doc.data
    if not isinstance(data, dict):
        kinds = {list: "a list", type(None): "an empty value", str: "a single text", int: "a number"}
        kind = kinds.get(type(data), f"a {type(data).__name__}")
        problems.append(doc.problem("not-mapping", f"an entry must be a mapping of fields, not {kind}",
                                    "write one 'field: value' per line; see data/entries/_template.yaml.example"))
        return None
    found = schema_problems(doc, data, require_description=checks.require_description)
    problems.extend(found)
    if found and any(p.code in FATAL for p in found):
        return None
    stem = doc.path.stem  # asked once: a Path's properties are computed at each call
    context = Context(data, stem, doc.path.name, checks.styles, checks.max_year, checks.require_description)
    problems.extend(rule_problems(doc, context))
    return _to_entry(doc, data, stem)


def _to_entry(doc: Document, data: dict[str, Any], entry_id: str) -> Entry:
    added = data.get("added")
    return Entry(
        id=entry_id,
        title=data["title"],
        url=data["url"],
        category=data["category"],
        description=data.get("description", ""),
        year=data.get("year"),
        authors=tuple(data.get("authors") or ()),
        venue=data.get("venue"),
        arxiv=data.get("arxiv"),
        doi=data.get("doi"),
        ieee=data.get("ieee"),
        code=data.get("code"),
        tags=tuple(data.get("tags") or ()),
        added=_iso_date(added) if isinstance(added, str) else None,
        source=doc.path,
        # Fields only (not list items): enough for every later message, and half the objects to carry.
        positions=doc.field_positions(),
    )


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
