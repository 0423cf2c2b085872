"""arXiv ids, verified in batches through the arXiv API.

One request at a time, at least `Pacer.interval` (3 s) apart; up to `arxiv_batch_size` ids per request,
so 1,000 entries take 4 requests. Entries are matched by the `<id>` the feed returns, never by position.
An id absent from its batch is asked once more (in a batch of such ids) before it is called dead; an
empty page for a non-empty batch is not trusted and is asked again; an id the API rejects as malformed
is dropped from the batch and the rest asked again. So 1,000 entries with some missing ids take 5 requests.
"""

from __future__ import annotations

from collections.abc import Iterator

from awesome_approx.catalog.identifiers import is_arxiv_id
from awesome_approx.links.results import DEAD, OK, Result, unknown
from awesome_approx.links.strategies.common import Context, ServiceFailure, service_get
from awesome_approx.links.targets import ARXIV, Target
from awesome_approx.net.transport import Answer
from awesome_approx.sources import SourceError
from awesome_approx.sources.arxiv import ArxivFeed, ArxivRecord, parse_feed, query_url

EMPTY_PAGE_RETRIES = 2


def matches(target: Target) -> bool:
    return target.kind == ARXIV


def record_metadata(record: ArxivRecord) -> dict:
    return {"source": "arxiv", "id": record.id, "title": record.title, "authors": list(record.authors),
            "year": record.year, "version": record.version, "doi": record.doi}


def found(record: ArxivRecord, asked: int) -> Result:
    version = f"{record.version}" if record.version else "no version"
    return Result(OK, f"arXiv API: {record.id} exists (latest {version})",
                  {"api": "arxiv", "answer": "found", "requests": asked}, metadata=(record_metadata(record),))


def check_batch(targets: list[Target], ctx: Context) -> Iterator[tuple[Target, Result]]:
    by_id: dict[str, Target] = {}
    for target in targets:
        if is_arxiv_id(target.value):
            by_id[target.value] = target
        else:
            yield target, Result(DEAD, f"'{target.value}' is not a well-formed arXiv id",
                                 {"api": "none", "answer": "malformed id (not sent)"})
    ids = list(by_id)
    missing: list[str] = []
    size = max(1, ctx.arxiv_batch_size)
    for start in range(0, len(ids), size):
        for arxiv_id, result in _ask(ids[start:start + size], ctx, first_pass=True):
            if result is None:
                missing.append(arxiv_id)
            else:
                yield by_id[arxiv_id], result
    for start in range(0, len(missing), size):
        for arxiv_id, result in _ask(missing[start:start + size], ctx, first_pass=False):
            yield by_id[arxiv_id], result or Result(
                DEAD, f"arXiv API: no paper {arxiv_id} (absent from two answers)",
                {"api": "arxiv", "answer": "missing", "asked": 2})


def _ask(ids: list[str], ctx: Context, first_pass: bool) -> Iterator[tuple[str, Result | None]]:
    """Query `ids`; yield (id, result) where result None means 'absent from the answer'."""
    remaining = list(ids)
    empty_pages = 0
    while remaining:
        try:
            feed = _query(remaining, ctx)
        except ServiceFailure as failure:
            for arxiv_id in remaining:
                yield arxiv_id, unknown(failure.reason, answered=failure.answered, api="arxiv",
                                        **failure.evidence)
            return
        if feed.errors:
            rejected = [i for i in remaining if i in feed.errors]
            for arxiv_id in rejected:
                yield arxiv_id, Result(DEAD, f"arXiv API rejects '{arxiv_id}' as a malformed id",
                                       {"api": "arxiv", "answer": "; ".join(feed.error_messages)})
            if not rejected:  # an error we cannot pin on one id: say so rather than guess
                for arxiv_id in remaining:
                    yield arxiv_id, unknown(f"arXiv API error: {'; '.join(feed.error_messages)}", api="arxiv")
                return
            remaining = [i for i in remaining if i not in feed.errors]
            continue
        # An empty page on the first pass is not trusted; on the confirmation pass every id asked was
        # already absent once, so an empty page is the expected answer.
        if first_pass and feed.is_empty and empty_pages < EMPTY_PAGE_RETRIES:
            empty_pages += 1
            continue
        for arxiv_id in remaining:
            record = feed.records.get(arxiv_id)
            if record is not None:
                yield arxiv_id, found(record, 1 if first_pass else 2)
            elif arxiv_id in feed.present:
                yield arxiv_id, Result(OK, f"arXiv API: {arxiv_id} exists (its entry lacks title or date)",
                                       {"api": "arxiv", "answer": "found, incomplete"})
            else:
                yield arxiv_id, None
        return


def _query(ids: list[str], ctx: Context) -> ArxivFeed:
    """One readable feed for `ids`; an unreadable answer (arXiv sends an HTML page when overloaded) is
    asked for once more."""
    url = query_url(ctx.endpoints.arxiv, ids)
    try:
        return parse_feed(_answer(ctx, url).text)
    except SourceError:
        pass
    answer = _answer(ctx, url)
    try:
        return parse_feed(answer.text)
    except SourceError as error:
        raise ServiceFailure(f"{error} (asked twice)", answered=True, url=url,
                             status=answer.status) from error


def _answer(ctx: Context, url: str) -> Answer:
    answer = service_get(ctx, "arxiv", url, pacer=ctx.arxiv_pacer)
    # A malformed id gives HTTP 400 with an error feed naming it: still an answer to read.
    if answer.status not in (200, 400):
        raise ServiceFailure(f"arXiv API answered HTTP {answer.status} ({ctx.retry.attempts} tries)",
                             answered=True, url=url, status=answer.status)
    return answer
