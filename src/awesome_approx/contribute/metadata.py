"""From a service's record to the fields of a new entry (pure functions, no I/O).

Only what the service states is copied; nothing is guessed. The description is never filled in: it is
the contributor's to write, in their own words. Fields are returned in `ENTRY_FIELDS` order, absent
ones left out.
"""

from __future__ import annotations

from datetime import date

from awesome_approx.sources.arxiv import ArxivRecord
from awesome_approx.sources.crossref import CrossrefWork
from awesome_approx.sources.github import GithubRepo

Fields = dict[str, object]

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
