"""`awesome-approx enrich`: missing DOIs, venues and full author lists, proposed from what arXiv and Crossref
state, each change with its evidence.

1. Every entry with an arXiv id: the arXiv API's `doi` and `journal_ref` (which becomes the venue) and its
   author list.
2. Every entry still without a DOI (and with a year): a Crossref works query by title
   (`query.bibliographic`). Only Crossref's best match is considered, and only when its normalised title
   is equal to the entry's (see `normalised_title`) and its year is within one of the entry's (a preprint
   of December, the proceedings of January). A near miss is never taken.

A change is proposed only for a field the entry does not have: `doi`, `venue`, and `authors` when the
list ends with `others` and the service's list starts with the very authors the entry names. A DOI
another entry already has is not proposed (it would make the two entries duplicates). The core here does
no I/O: the command passes in the functions that ask the services.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from awesome_approx.catalog import identifiers as ids
from awesome_approx.catalog.model import Entry
from awesome_approx.contribute.fmt import update_entry
from awesome_approx.sources import SourceError
from awesome_approx.sources.arxiv import ArxivRecord, canonical_id
from awesome_approx.sources.crossref import CrossrefWork

ET_AL = "others"
MAX_VENUE = 300  # the schema's maxLength: a longer journal_ref is left for a human to shorten
YEAR_TOLERANCE = 1
ENRICHED_FIELDS = ("doi", "venue", "authors")

FetchArxiv = Callable[[list[str]], dict[str, ArxivRecord]]
"""arXiv ids -> their records (absent ids are simply missing)."""
QueryCrossref = Callable[[str], list[CrossrefWork]]
"""A title -> Crossref's works for it, best match first."""


@dataclass(frozen=True)
class Change:
    field: str
    value: str | tuple[str, ...]
    evidence: str  # which API, which field


@dataclass(frozen=True)
class Proposal:
    entry: Entry
    changes: tuple[Change, ...]


@dataclass
class Enrichment:
    proposals: list[Proposal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was not proposed and why
    failures: list[str] = field(default_factory=list)  # services that did not answer


# --- matching rules -------------------------------------------------------------------------------------

def normalised_title(title: str) -> str:
    """Case, accents, punctuation and spacing do not count: 'Tile-Wise Sparsity:' == 'tile wise sparsity'."""
    folded = unicodedata.normalize("NFKD", title)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def _name_key(name: str) -> str:
    return normalised_title(name).replace(" ", "")


def completed_authors(current: tuple[str, ...], offered: tuple[str, ...]) -> tuple[str, ...] | None:
    """The service's full list for an entry whose list ends with `others`, when that list is longer and
    starts with exactly the authors the entry names (else None: never guess who is who)."""
    if not current or current[-1].strip().lower() != ET_AL:
        return None
    named = current[:-1]
    if len(offered) <= len(named) or any(a.strip().lower() == ET_AL for a in offered):
        return None
    if [_name_key(a) for a in named] != [_name_key(a) for a in offered[:len(named)]]:
        return None
    return tuple(offered)


def same_work(entry: Entry, work: CrossrefWork) -> bool:
    """Crossref's match counts only with an equal normalised title and a year within one."""
    if entry.year is None or work.year is None or abs(entry.year - work.year) > YEAR_TOLERANCE:
        return False
    return normalised_title(entry.title) == normalised_title(work.full_title) != ""


# --- proposals ------------------------------------------------------------------------------------------

def arxiv_changes(entry: Entry, record: ArxivRecord) -> list[Change]:
    where = f"arXiv API ({record.id})"
    changes = []
    if not entry.doi and record.doi and ids.is_doi(record.doi):
        changes.append(Change("doi", record.doi, f"{where}, field doi"))
    if not entry.venue and record.journal_ref and len(record.journal_ref) <= MAX_VENUE:
        changes.append(Change("venue", record.journal_ref, f"{where}, field journal_ref"))
    authors = completed_authors(entry.authors, record.authors)
    if authors:
        changes.append(Change("authors", authors, f"{where}, field author"))
    return changes


def crossref_changes(entry: Entry, work: CrossrefWork, taken: set[str]) -> list[Change]:
    """What the accepted Crossref match adds, for fields not `taken` by earlier changes."""
    where = f"Crossref works query by title, best match {work.doi}"
    changes = []
    if not entry.doi and "doi" not in taken and ids.is_doi(work.doi):
        changes.append(Change("doi", work.doi, f"{where}, field DOI"))
    if not entry.venue and "venue" not in taken and work.venue and len(work.venue) <= MAX_VENUE:
        changes.append(Change("venue", work.venue, f"{where}, field container-title"))
    authors = completed_authors(entry.authors, work.authors) if "authors" not in taken else None
    if authors:
        changes.append(Change("authors", authors, f"{where}, field author"))
    return changes


def enrich(entries: Iterable[Entry], fetch_arxiv: FetchArxiv, query_crossref: QueryCrossref, *,
           batch_size: int = 100) -> Enrichment:
    entries = list(entries)
    result = Enrichment()
    records = _arxiv_records(entries, fetch_arxiv, batch_size, result)
    dois = {ids.normalise_doi(e.doi): e.id for e in entries if e.doi}
    for entry in entries:
        changes = arxiv_changes(entry, records[canonical_id(entry.arxiv)]) if entry.arxiv and \
            canonical_id(entry.arxiv) in records else []
        if not entry.doi and not any(c.field == "doi" for c in changes) and entry.year is not None:
            changes += _from_crossref(entry, query_crossref, {c.field for c in changes}, result)
        changes = _without_taken_dois(entry, changes, dois, result)
        if changes:
            result.proposals.append(Proposal(entry, tuple(changes)))
    return result


def _arxiv_records(entries: list[Entry], fetch_arxiv: FetchArxiv, batch_size: int,
                   result: Enrichment) -> dict[str, ArxivRecord]:
    wanted = sorted({canonical_id(e.arxiv) for e in entries if e.arxiv and ids.is_arxiv_id(e.arxiv)})
    records: dict[str, ArxivRecord] = {}
    for start in range(0, len(wanted), batch_size):
        batch = wanted[start:start + batch_size]
        try:
            records.update(fetch_arxiv(batch))
        except SourceError as error:
            result.failures.append(f"arXiv ({len(batch)} ids from {batch[0]}): {error}")
    return records


def _from_crossref(entry: Entry, query_crossref: QueryCrossref, taken: set[str],
                   result: Enrichment) -> list[Change]:
    try:
        works = query_crossref(entry.title)
    except SourceError as error:
        result.failures.append(f"Crossref, for {entry.id}: {error}")
        return []
    if not works:
        return []
    best = works[0]
    if not same_work(entry, best):
        result.notes.append(f"{entry.id}: Crossref's best match {best.doi} ({best.full_title!r}, {best.year}) "
                            "is not the same title and year; not taken")
        return []
    return crossref_changes(entry, best, taken)


def _without_taken_dois(entry: Entry, changes: list[Change], dois: dict[str, str],
                        result: Enrichment) -> list[Change]:
    kept = []
    for change in changes:
        owner = dois.get(ids.normalise_doi(str(change.value))) if change.field == "doi" else None
        if owner is not None and owner != entry.id:
            result.notes.append(f"{entry.id}: DOI {change.value} ({change.evidence}) belongs to entry "
                                f"'{owner}' already; not proposed")
            continue
        kept.append(change)
    return kept


# --- the files ------------------------------------------------------------------------------------------

class OverwriteRefused(ValueError):
    """A change would replace a value the entry file already has."""


def changed_text(text: str, current: dict[str, object], changes: Iterable[Change]) -> str:
    """The entry file with `changes` applied through the one entry writer. `current` is the file's data as
    it is now: a field it has is never replaced, except an author list that ends with `others`."""
    values: dict[str, object] = {}
    for change in changes:
        if change.field not in ENRICHED_FIELDS:
            raise OverwriteRefused(f"enrich never sets '{change.field}'")
        given = current.get(change.field)
        incomplete = change.field == "authors" and isinstance(given, list) and bool(given) \
            and str(given[-1]).strip().lower() == ET_AL
        if given not in (None, "", []) and not incomplete:
            raise OverwriteRefused(f"'{change.field}' is already set; enrich never overwrites it")
        values[change.field] = list(change.value) if isinstance(change.value, tuple) else change.value
    return update_entry(text, values)


def unified_diff(old: str, new: str, shown_path: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        f"a/{shown_path}", f"b/{shown_path}"))


# --- the report (pure) ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlannedFile:
    path: Path
    shown_path: str  # relative to the repository, as in the diff
    old: str
    new: str
    proposal: Proposal


def _value_text(value: str | tuple[str, ...]) -> str:
    return ", ".join(value) if isinstance(value, tuple) else value


def evidence_lines(planned: Iterable[PlannedFile]) -> list[str]:
    return [f"{p.proposal.entry.id}: {c.field} = {_value_text(c.value)} ({c.evidence})"
            for p in planned for c in p.proposal.changes]


def render_text(planned: list[PlannedFile], result: Enrichment) -> str:
    lines = ["Evidence:" if planned else "Nothing to propose.", *(f"  {line}" for line in evidence_lines(planned))]
    lines += [f"note: {note}" for note in result.notes] + [f"failed: {failure}" for failure in result.failures]
    diff = "".join(unified_diff(p.old, p.new, p.shown_path) for p in planned)
    return "\n".join(lines) + "\n" + diff


def render_markdown(planned: list[PlannedFile], result: Enrichment) -> str:
    """The pull request's body: the evidence of each change, then the diff."""
    from awesome_approx.render.code import code_block
    from awesome_approx.render.markdown import md_text

    lines = [f"{len(planned)} entr{'y' if len(planned) == 1 else 'ies'} enriched from what arXiv and "
             "Crossref state. Each change, with the API and field it comes from:", ""]
    lines += [f"- {md_text(line)}" for line in evidence_lines(planned)]
    if result.notes or result.failures:
        lines += ["", "Not proposed:", ""] + [f"- {md_text(n)}" for n in [*result.notes, *result.failures]]
    diff = "".join(unified_diff(p.old, p.new, p.shown_path) for p in planned)
    if diff:
        lines += ["", code_block(diff, "diff")]
    return "\n".join(lines) + "\n"


FORMATS = {"text": render_text, "markdown": render_markdown}
