"""From a service's record to the fields of a new entry (pure functions, no I/O).

Only what the service states is copied; nothing is guessed. The description is never filled in: it is
the contributor's to write, in their own words. Fields are returned in `ENTRY_FIELDS` order, absent
ones left out.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from awesome_approx.sources.arxiv import ArxivRecord
from awesome_approx.sources.crossref import CrossrefWork
from awesome_approx.sources.github import GithubRepo

Fields = dict[str, object]

STOP_WORDS = frozenset({
    "a", "an", "the", "of", "on", "in", "for", "to", "and", "or", "with", "without", "via", "by", "from",
    "at", "as", "is", "are", "be", "its", "it", "into", "onto", "over", "under", "towards", "toward",
    "using", "use", "through", "what", "how", "when", "why", "which", "can", "do", "does", "we", "our",
    "your", "you", "not", "no", "new",
})
"""Words skipped when the first significant title word is chosen for an id."""


def _fields(**values: object) -> Fields:
    return {name: value for name, value in values.items() if value not in (None, "", (), [])}


def from_arxiv(record: ArxivRecord, category: str, today: date) -> Fields:
    """arXiv states title, authors, year of the first version, and (when the authors added them) the
    DOI of the published version and a journal reference, which becomes the venue."""
    return _fields(
        title=record.title,
        url=f"https://arxiv.org/abs/{record.id}",
        category=category,
        year=record.year,
        authors=list(record.authors),
        venue=record.journal_ref,
        arxiv=record.id,
        doi=record.doi,
        added=today,
    )


def from_crossref(work: CrossrefWork, category: str, today: date, *, url: str | None = None,
                  ieee: str | None = None) -> Fields:
    """Crossref states title, authors, year and the journal or proceedings title (the venue)."""
    return _fields(
        title=work.title,
        url=url or f"https://doi.org/{work.doi}",
        category=category,
        year=work.year,
        authors=list(work.authors),
        venue=work.venue,
        doi=work.doi,
        ieee=ieee,
        added=today,
    )


def from_github(repo: GithubRepo, category: str, today: date) -> Fields:
    """A repository is named after itself; its link is both the entry's url and its code."""
    name = repo.full_name.split("/", 1)[-1]
    return _fields(title=name, url=repo.html_url, category=category, code=repo.html_url, added=today)


# --- ids ------------------------------------------------------------------------------------------------

def ascii_word(text: str) -> str:
    """Lowercase ASCII letters and digits only: 'Müller-Lüdenscheidt' -> 'mullerludenscheidt'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def surname(author: str) -> str:
    """The family name of 'First Last' (the last word), or a one-word name as it is."""
    words = author.split()
    return words[-1] if words else ""


def first_significant_word(title: str) -> str:
    for word in re.split(r"[\s\-–—:/]+", title):
        cleaned = ascii_word(word)
        if cleaned and cleaned not in STOP_WORDS and not cleaned.isdigit():
            return cleaned
    return ""


def entry_id(fields: Fields) -> str:
    """BibTeX-key style: first author's surname + year + first significant title word
    (guo2020accelerating); a repository without authors is named after itself (tilesparsity)."""
    authors = fields.get("authors") or []
    title = str(fields.get("title") or "")
    if not authors:
        slug = re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", title.lower())).strip("-_")
        return slug or "entry"
    parts = [ascii_word(surname(str(authors[0]))), str(fields.get("year") or ""),
             first_significant_word(title)]
    return "".join(parts) or "entry"


def free_id(base: str, taken: set[str]) -> str:
    """`base`, or base-2, base-3 ... when the id is already used by an entry or a file."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
