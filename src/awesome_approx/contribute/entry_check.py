"""The validator's verdict on an entry file's text before it is written (add, add --from-issue, enrich,
import-markdown): the text is parsed as `validate` reads a file, then the schema and the entry rules
(`validate.entry.check_entry`) apply. Nothing is read from or written to disk."""

from __future__ import annotations

from pathlib import Path

from awesome_approx.catalog.model import Entry
from awesome_approx.catalog.problems import Problem
from awesome_approx.load.document import Document, parse_document
from awesome_approx.validate.entry import EntryChecks, check_entry


def check_text(path: Path, text: str, checks: EntryChecks) -> tuple[Document, list[Problem], Entry | None]:
    """The document read from `text` as the file `path`, its problems, and its entry (None when the text
    does not parse or its fields have the wrong types). The modeline is not checked: every writer of
    entry files (`fmt`) puts it first."""
    doc = parse_document(text.encode("utf-8"), Document(path))
    problems = list(doc.problems)
    if doc.data is None or doc.problems:
        return doc, problems, None
    return doc, problems, check_entry(doc, checks, problems)
