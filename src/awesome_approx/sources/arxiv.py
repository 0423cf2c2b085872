"""arXiv API client: batch queries by id and a parser for its Atom feed.

The API answers `GET {base}/api/query?id_list=a,b,...&max_results=N` with an Atom feed. The order of
the entries is not guaranteed, so records are matched by the `<id>` each entry returns
(`http://arxiv.org/abs/2008.13006v2`). A malformed id makes the API answer with one error entry
(`<id>http://arxiv.org/api/errors#incorrect_id_format_for_X</id>`) instead of papers; ids that simply do
not exist are absent from the feed. arXiv asks for one request at a time, at least 3 s apart: callers
that send several requests must pace them (the link checker does).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from awesome_approx.catalog.identifiers import strip_arxiv_version
from awesome_approx.sources.answers import UnusableAnswer, check_usable

SERVICE = "arXiv"

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
ABS_ID = re.compile(r"/abs/(?P<id>.+?)(?:v(?P<version>\d+))?$")
ERROR_ID = re.compile(r"/api/errors#(?:incorrect_id_format_for_|)(?P<id>.*)$")
SUBJECT_CLASS = re.compile(r"^(?P<archive>[a-z-]+)\.[A-Z]{2}/")


def canonical_id(arxiv_id: str) -> str:
    """Versionless, and without the subject class of old-style ids (math.GT/0309136 -> math/0309136):
    the class is not part of the identifier, and the API answers with the bare archive."""
    return SUBJECT_CLASS.sub(r"\g<archive>/", strip_arxiv_version(arxiv_id.strip()))


@dataclass(frozen=True)
class ArxivRecord:
    id: str  # without version
    version: str | None  # "v2", the latest version the API returned
    title: str  # whitespace collapsed
    authors: tuple[str, ...]
    year: int  # of <published>, the first version
    doi: str | None
    journal_ref: str | None
    abs_url: str
    published: str = ""  # date of the first version, YYYY-MM-DD


@dataclass(frozen=True)
class ArxivFeed:
    records: dict[str, ArxivRecord]  # keyed by versionless id
    errors: frozenset[str] = frozenset()  # ids the API reported as malformed
    error_messages: tuple[str, ...] = ()
    total_results: int | None = None
    entries_without_id: int = 0  # entries we could not match (skipped, never guessed)
    raw_entries: int = field(default=0)
    present: frozenset[str] = frozenset()  # every id with an entry, records or not (title/date missing)

    @property
    def is_empty(self) -> bool:
        """No entry at all: arXiv sometimes sends such a page for a valid query; retry before trusting it."""
        return self.raw_entries == 0


def collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def query_url(base_url: str, ids: Iterable[str], max_results: int | None = None) -> str:
    """`{base}/api/query?id_list=a,b&max_results=N` (N defaults to the number of ids)."""
    id_list = list(ids)
    fields = {"id_list": ",".join(id_list), "max_results": str(max_results or len(id_list))}
    query = urlencode(fields, safe=",/")
    return f"{base_url.rstrip('/')}/api/query?{query}"


def parse_feed(xml_text: str | bytes) -> ArxivFeed:
    """Parse an arXiv Atom feed; raise UnusableAnswer if it is not a well-formed feed. Given bytes, the
    XML parser decodes them as the feed declares (UTF-8), strictly: bytes that are not UTF-8 are refused
    instead of being saved as mojibake."""
    try:
        root = ElementTree.fromstring(xml_text)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise UnusableAnswer(SERVICE, f"XML we cannot read ({error})") from error
    if root.tag != f"{ATOM}feed":
        raise UnusableAnswer(SERVICE, f"'{root.tag}', not an Atom feed")
    total_text = root.findtext(f"{OPENSEARCH}totalResults")
    total = int(total_text) if total_text and total_text.strip().isdigit() else None
    records: dict[str, ArxivRecord] = {}
    errors: set[str] = set()
    messages: list[str] = []
    present: set[str] = set()
    unmatched = 0
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        entry_id = collapse(entry.findtext(f"{ATOM}id"))
        error = ERROR_ID.search(entry_id)
        if error:
            errors.add(error["id"])
            messages.append(collapse(entry.findtext(f"{ATOM}summary")) or entry_id)
            continue
        match = ABS_ID.search(entry_id)
        if not match:  # arXiv has sent id-less entries for ids it does not know: never a match
            unmatched += 1
            continue
        present.add(canonical_id(match["id"]))
        record = _record(entry, entry_id)
        if record is not None:
            records[record.id] = record
    return ArxivFeed(records, frozenset(errors), tuple(messages), total, unmatched, len(entries),
                     frozenset(present))


def _record(entry, entry_id: str) -> ArxivRecord | None:
    match = ABS_ID.search(entry_id)
    title = collapse(entry.findtext(f"{ATOM}title"))
    published = collapse(entry.findtext(f"{ATOM}published"))
    if not match or not title or not published[:4].isdigit():
        return None
    arxiv_id = canonical_id(match["id"])
    authors = tuple(collapse(a.findtext(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author"))
    return ArxivRecord(
        id=arxiv_id,
        version=f"v{match['version']}" if match["version"] else None,
        title=title,
        authors=tuple(a for a in authors if a),
        year=int(published[:4]),
        doi=collapse(entry.findtext(f"{ARXIV}doi")) or None,
        journal_ref=collapse(entry.findtext(f"{ARXIV}journal_ref")) or None,
        abs_url=f"https://arxiv.org/abs/{arxiv_id}",
        published=published[:10],
    )


def check_record(record: ArxivRecord) -> ArxivRecord:
    """The range checks before a record becomes an entry: sane lengths and counts, no control characters."""
    check_usable(SERVICE, {"title": record.title, "doi": record.doi, "journal_ref": record.journal_ref},
                 record.authors)
    return record


# --- search -----------------------------------------------------------------------------------------------

def search_url(base_url: str, search_query: str, start: int, max_results: int) -> str:
    """`{base}/api/query?search_query=...&start=N&max_results=M&sortBy=submittedDate&sortOrder=descending`:
    newest submissions first, so a caller can stop paging at the first paper older than it cares for."""
    fields = {"search_query": search_query, "start": str(start), "max_results": str(max_results),
              "sortBy": "submittedDate", "sortOrder": "descending"}
    return f"{base_url.rstrip('/')}/api/query?{urlencode(fields)}"
