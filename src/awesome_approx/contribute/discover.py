"""`awesome-approx discover`: recent arXiv papers that match a category's `discover` query and that the list
neither has nor declined.

    awesome-approx discover --since 2024-05-01 --format markdown

For every category with a `discover` query (data/categories.yaml, checked by contribute.discover_query),
arXiv is searched newest submission first, one page at a time, each request at least 3 s after the
previous one ended (the link checker's arXiv interval). Paging stops at the first paper submitted before
`since`, after `limit` candidates for the category, at the end of the results, or after MAX_PAGES pages.
A paper is a candidate when none of its identities (arXiv id, DOI, arXiv link) belongs to an entry file or
to data/ignored.yaml; a paper matching several queries is listed once, under the first category in the
tree's order. Every fact shown (title, authors, date, id) is what arXiv answered; nothing is added.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from awesome_approx.catalog.model import Catalog
from awesome_approx.contribute import add
from awesome_approx.contribute.ignored import Ignored
from awesome_approx.render.code import code_span
from awesome_approx.render.markdown import md_link, md_text
from awesome_approx.sources import SourceError
from awesome_approx.sources.arxiv import ArxivFeed, ArxivRecord

PAGE_SIZE = 100
MAX_PAGES = 10
EMPTY_PAGE_RETRIES = 2  # arXiv sometimes answers a good query with an empty page: ask again first
DEFAULT_LIMIT = 25
SHOWN_AUTHORS = 6

Keys = frozenset[tuple[str, str]]
FetchPage = Callable[[str, int, int], ArxivFeed]
"""(query, start, max_results) -> one page of results, newest first."""


@dataclass(frozen=True)
class Search:
    category: str
    title: str
    query: str


@dataclass(frozen=True)
class Candidate:
    arxiv: str
    title: str
    authors: tuple[str, ...]
    submitted: str  # YYYY-MM-DD of the first version
    category: str
    doi: str | None = None

    @property
    def add_command(self) -> str:
        """The command that adds it, quoted for a POSIX shell whatever the id or category holds."""
        return shlex.join(["awesome-approx", "add", self.arxiv, "--category", self.category])


@dataclass
class Discovery:
    since: date
    searches: list[Search]
    candidates: list[Candidate] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # searches that could not be completed, and why
    requests: int = 0


# --- identity -------------------------------------------------------------------------------------------

def identity_of(url: str | None, arxiv_id: str | None, doi: str | None) -> set[tuple[str, str]]:
    """The one place discover asks what makes two papers the same (add's rule, shared with validate)."""
    return add.identity(url, arxiv_id, doi)


def known_keys(entries_dir: Path, ignored: Iterable[Ignored]) -> Keys:
    """Every identity of every entry file (read even when it fails validation) and of every declined paper."""
    keys: set[tuple[str, str]] = set()
    for existing in add.existing_entries(entries_dir):
        keys |= existing.keys
    for item in ignored:
        keys |= identity_of(item.value if item.kind == "url" else None,
                            item.value if item.kind == "arxiv" else None,
                            item.value if item.kind == "doi" else None)
    return frozenset(keys)


def record_keys(record: ArxivRecord) -> set[tuple[str, str]]:
    return identity_of(record.abs_url, record.id, record.doi)


# --- searching ------------------------------------------------------------------------------------------

def searches(catalog: Catalog, only: str | None = None) -> list[Search]:
    """The categories with a discover query, in tree order (just `only` when given)."""
    return [Search(c.id, c.title, c.discover) for c in catalog.walk()
            if c.discover and (only is None or c.id == only)]


def discover(plan: list[Search], fetch_page: FetchPage, known: Keys, since: date, *, limit: int = DEFAULT_LIMIT,
             page_size: int = PAGE_SIZE, pacer: AbstractContextManager | None = None) -> Discovery:
    """Run every search of `plan`; `pacer` spaces the requests (links.pacing.Pacer)."""
    result = Discovery(since, plan)
    seen = set(known)
    pace = pacer if pacer is not None else nullcontext()
    for search in plan:
        try:
            found = _search(search, fetch_page, seen, since, limit, page_size, pace, result)
        except SourceError as error:
            result.failures.append(f"{search.category}: {error}")
            continue
        result.candidates.extend(found)
    return result


def _search(search: Search, fetch_page: FetchPage, seen: set[tuple[str, str]], since: date, limit: int,
            page_size: int, pace: AbstractContextManager, result: Discovery) -> list[Candidate]:
    found: list[Candidate] = []
    start = 0
    for _ in range(MAX_PAGES):
        feed = _page(search.query, start, page_size, fetch_page, pace, result)
        for record in feed.records.values():
            if record.published and record.published < since.isoformat():
                return found  # sorted newest first: everything after this is older still
            keys = record_keys(record)
            if keys & seen:
                continue
            seen.update(keys)
            found.append(Candidate(record.id, record.title, record.authors, record.published, search.category,
                                   record.doi))
            if len(found) >= limit:
                return found
        start += feed.raw_entries
        if feed.raw_entries < page_size or (feed.total_results is not None and start >= feed.total_results):
            return found
    return found


def _page(query: str, start: int, size: int, fetch_page: FetchPage, pace: AbstractContextManager,
          result: Discovery) -> ArxivFeed:
    for _ in range(EMPTY_PAGE_RETRIES + 1):
        with pace:
            result.requests += 1
            feed = fetch_page(query, start, size)
        if not feed.is_empty:
            break
    return feed


# --- reports (pure) -------------------------------------------------------------------------------------

def _authors(authors: tuple[str, ...]) -> str:
    shown = ", ".join(authors[:SHOWN_AUTHORS])
    more = len(authors) - SHOWN_AUTHORS
    return f"{shown} and {more} more" if more > 0 else shown


def _grouped(discovery: Discovery) -> list[tuple[Search, list[Candidate]]]:
    return [(s, [c for c in discovery.candidates if c.category == s.category]) for s in discovery.searches]


def render_text(discovery: Discovery) -> str:
    lines = []
    for search, found in _grouped(discovery):
        lines.append(f"{search.category} ({len(found)} new since {discovery.since.isoformat()}): {search.query}")
        for c in found:
            lines += [f"  {c.arxiv}  {c.submitted}  {' '.join(c.title.split())}",
                      f"      {_authors(c.authors)}", f"      {c.add_command}"]
    lines += [f"failed: {failure}" for failure in discovery.failures]
    return "\n".join(lines) + "\n"


def render_markdown(discovery: Discovery) -> str:
    """The body of the weekly `candidates` issue."""
    total = len(discovery.candidates)
    lines = [f"## Candidate papers submitted since {discovery.since.isoformat()}", "",
             f"{total} candidate{'s' if total != 1 else ''} from arXiv that the list neither has nor declined. "
             "Add one with the command under it (then write its description); decline one by adding its "
             "arXiv id and a reason to `data/ignored.yaml`.", ""]
    for search, found in _grouped(discovery):
        lines += [f"### {md_text(search.title)} ({code_span(search.category)})", "",
                  f"Query: {code_span(search.query)}", ""]
        if not found:
            lines += ["Nothing new.", ""]
        for c in found:
            lines += [f"- **{md_text(c.title)}**, {md_text(_authors(c.authors))}, submitted {c.submitted}, "
                      f"{md_link('arXiv:' + c.arxiv, f'https://arxiv.org/abs/{c.arxiv}')}",
                      f"  {code_span(c.add_command)}"]
        if found:
            lines.append("")
    if discovery.failures:
        lines += ["### Searches that failed", ""] + [f"- {md_text(f)}" for f in discovery.failures] + [""]
    return "\n".join(lines)


def render_json(discovery: Discovery) -> str:
    return json.dumps({
        "since": discovery.since.isoformat(),
        "candidates": [{**asdict(c), "authors": list(c.authors), "add_command": c.add_command}
                       for c in discovery.candidates],
        "failures": discovery.failures,
    }, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": render_text, "markdown": render_markdown, "json": render_json}
