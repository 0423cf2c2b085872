"""Entry ids: the one rule for what a valid id is, and the one way a new id is made from an entry's fields.

An id is the entry file's stem, BibTeX-key style: first author's surname + year + first significant
title word for papers (guo2020accelerating), the name without its gloss for tools and repositories
('NNCF (Neural Network Compression Framework)' -> nncf). `add` and `import-markdown` both make ids here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")
NAME_ID_LENGTH = 40
"""Names are cut at a word boundary to at most this many characters."""

STOP_WORDS = frozenset({
    "a", "an", "the", "of", "on", "in", "for", "to", "and", "or", "with", "without", "via", "by", "from",
    "at", "as", "is", "are", "be", "its", "it", "into", "onto", "over", "under", "towards", "toward",
    "using", "use", "through", "what", "how", "when", "why", "which", "can", "do", "does", "we", "our",
    "your", "you", "not", "no", "new",
})
"""Words skipped when the first significant title word is chosen for an id."""

INCOMPLETE_AUTHORS = "others"
"""The author list's marker for 'and others' (never a surname)."""


def is_valid_id(stem: str) -> bool:
    """BibTeX-key style: lowercase ASCII letters, digits, - and _, starting with a letter or digit."""
    return bool(stem) and stem[0] not in "-_" and set(stem) <= ID_CHARS


def ascii_word(text: str) -> str:
    """Lowercase ASCII letters and digits only: 'Müller-Lüdenscheidt' -> 'mullerludenscheidt'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def slug(text: str) -> str:
    """ASCII words joined by '-': 'Tile-Wise Sparsity (TW)' -> 'tile-wise-sparsity-tw'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def surname(author: str) -> str:
    """The family name of 'First Last' (the last word) or of 'Last, First', as one ASCII word."""
    name = author.split(",")[0] if "," in author else author
    words = name.split()
    return ascii_word(words[-1]) if words else ""


def first_significant_word(title: str) -> str:
    """The first title word that is neither a stop word nor a number, else the first word."""
    words = [w for w in (ascii_word(part) for part in re.split(r"[\s\-–—:/]+", title)) if w]
    return next((w for w in words if w not in STOP_WORDS and not w.isdigit()), words[0] if words else "")


def name_id(title: str) -> str:
    """A tool's or repository's id: its name without a parenthesised gloss, cut at a word boundary."""
    words = slug(re.sub(r"\(.*?\)", "", title)).split("-")
    if not any(words):
        words = slug(title).split("-")
    name, kept = "", []
    for word in words:
        if kept and len(name) + len(word) + 1 > NAME_ID_LENGTH:
            break
        kept.append(word)
        name = "-".join(kept)
    return name


def entry_id(fields: Mapping[str, object]) -> str:
    """The id a new entry with these fields gets (before making it unique): surname + year + first
    significant title word when it has authors, else its name (see name_id); 'entry' when nothing fits."""
    authors = [str(a) for a in (fields.get("authors") or ()) if a != INCOMPLETE_AUTHORS]  # type: ignore[union-attr]
    title = str(fields.get("title") or "")
    if authors:
        return f"{surname(authors[0])}{fields.get('year') or ''}{first_significant_word(title)}" or "entry"
    return name_id(title) or "entry"


def free_id(base: str, taken: set[str]) -> str:
    """`base`, or base-2, base-3 ... when the id is already used by an entry or a file."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
