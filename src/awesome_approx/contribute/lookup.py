"""`add`'s three questions to the services, each one request through the one transport (net.transport):
the same body cap and overall deadline as the link checker's, so a huge or trickling answer ends with a
clear error instead of filling memory or hanging.

Each returns the parsed record (sources/), None when the service says it does not know the identifier,
and raises SourceError for everything else (unreachable, unexpected status, cut-off or unusable body).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import requests

from awesome_approx.net.transport import SERVICE_BODY_LIMIT, Answer, Fetcher
from awesome_approx.sources import SourceError, arxiv, crossref, github
from awesome_approx.sources.answers import check_usable, utf8_json


def _get(fetcher: Fetcher, url: str, headers: dict[str, str] | None = None) -> Answer:
    try:
        answer = fetcher.service(url, headers)
    except requests.RequestException as error:
        raise SourceError(f"cannot reach {url}: {error}") from error
    if not answer.body_complete:
        reason = (f"is larger than {SERVICE_BODY_LIMIT // (1024 * 1024)} MiB" if len(answer.body) >= SERVICE_BODY_LIMIT
                  else f"did not arrive within {fetcher.timeouts.service_body:g} s")
        raise SourceError(f"the answer of {url} {reason}, so it was not read to the end")
    return answer


def _json(service: str, answer: Answer) -> Any:
    """The body as JSON, read as UTF-8 strictly (UnusableAnswer otherwise)."""
    return utf8_json(service, answer.body)


def _unexpected(answer: Answer) -> SourceError:
    return SourceError(f"{answer.url} answered HTTP {answer.status} {answer.reason}".rstrip())


def arxiv_record(fetcher: Fetcher, base_url: str, arxiv_id: str) -> arxiv.ArxivRecord | None:
    """The record for one id, None when arXiv does not know it; SourceError when arXiv rejects the id."""
    feed = arxiv_feed(fetcher, base_url, [arxiv_id])
    if feed.errors:
        raise SourceError(f"arXiv rejects the id '{arxiv_id}': {'; '.join(feed.error_messages)}")
    record = feed.records.get(arxiv.canonical_id(arxiv_id))
    return None if record is None else arxiv.check_record(record)


def crossref_work(fetcher: Fetcher, base_url: str, doi: str, mailto: str | None = None) -> crossref.CrossrefWork | None:
    """The work for `doi`; None when Crossref does not know it (404)."""
    url = crossref.work_url(base_url, doi)
    if mailto:  # the polite pool
        url += "?" + urlencode({"mailto": mailto})
    answer = _get(fetcher, url)
    if answer.status == 404:
        return None
    if answer.status != 200:
        raise _unexpected(answer)
    return crossref.check_work(crossref.parse_work(_json(crossref.SERVICE, answer)), doi)


def github_repo(fetcher: Fetcher, base_url: str, owner: str, repo: str,
                token: str | None = None) -> github.GithubRepo | None:
    """The repository, None when GitHub says it does not exist (404)."""
    answer = _get(fetcher, github.repo_url(base_url, owner, repo), github.api_headers(token))
    if answer.status == 404:
        return None
    if answer.status != 200:
        raise _unexpected(answer)
    found = github.parse_repo(_json(github.SERVICE, answer))
    check_usable(github.SERVICE, {"description": found.description, "homepage": found.homepage})
    return found


def arxiv_feed(fetcher: Fetcher, base_url: str, ids: list[str]) -> arxiv.ArxivFeed:
    """One query for several ids (enrich asks in batches; the caller paces its requests)."""
    url = arxiv.query_url(base_url, [arxiv.canonical_id(i) for i in ids])
    answer = _get(fetcher, url)
    if answer.status not in (200, 400):  # a malformed id gives HTTP 400 with an error feed: still worth parsing
        raise SourceError(f"arXiv API answered HTTP {answer.status} for {url}")
    return arxiv.parse_feed(answer.body)


def arxiv_search_page(fetcher: Fetcher, base_url: str, search_query: str, start: int,
                      max_results: int) -> arxiv.ArxivFeed:
    """One page of a search, records in the feed's order (the caller paces its requests)."""
    url = arxiv.search_url(base_url, search_query, start, max_results)
    answer = _get(fetcher, url)
    if answer.status != 200:
        raise SourceError(f"arXiv API answered HTTP {answer.status} for {url}")
    feed = arxiv.parse_feed(answer.body)
    if feed.errors:
        raise SourceError(f"arXiv rejects the query {search_query!r}: {'; '.join(feed.error_messages)}")
    return feed


def crossref_works(fetcher: Fetcher, base_url: str, bibliographic: str, mailto: str | None = None,
                   rows: int = 5) -> list[crossref.CrossrefWork]:
    """The works Crossref finds for a citation text, best match first."""
    answer = _get(fetcher, crossref.works_query_url(base_url, bibliographic, mailto, rows))
    if answer.status != 200:
        raise _unexpected(answer)
    return crossref.parse_works(_json(crossref.SERVICE, answer))
