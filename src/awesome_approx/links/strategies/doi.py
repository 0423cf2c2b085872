"""DOIs, verified through the doi.org handle API; metadata from Crossref (polite pool, `mailto`).

responseCode 1: the DOI exists. responseCode 100: it does not; asked a second time before it is called
dead. Anything else is unknown. Crossref is asked only for metadata (title, year, authors) to spot
mismatches; its 404 says nothing about existence (DataCite and other agencies register DOIs too).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from awesome_approx.links.results import DEAD, OK, UNKNOWN, Result, unknown
from awesome_approx.links.strategies.common import Context, ServiceFailure, service_get
from awesome_approx.links.targets import DOI, Target
from awesome_approx.sources import SourceError
from awesome_approx.sources.crossref import CrossrefWork, parse_work, work_url
from awesome_approx.sources.doi import exists_from_answer, handle_url


def matches(target: Target) -> bool:
    return target.kind == DOI


def _ask_handle(ctx: Context, doi: str) -> tuple[bool | None, int, object]:
    answer = service_get(ctx, "doi", handle_url(ctx.endpoints.doi, doi))
    try:
        body = answer.body and json.loads(answer.text)
    except ValueError:
        body = None
    code = body.get("responseCode") if isinstance(body, dict) else None
    return exists_from_answer(answer.status, body), answer.status, code


def check(target: Target, ctx: Context) -> Result:
    try:
        exists, status, code = _ask_handle(ctx, target.value)
        if exists is False:
            exists, status, code = _ask_handle(ctx, target.value)  # confirm before calling it dead
    except ServiceFailure as failure:
        return unknown(failure.reason, answered=failure.answered, api="doi.org", **failure.evidence)
    evidence = {"api": "doi.org handle", "status": status, "responseCode": code}
    if exists is None:
        reason = f"doi.org handle API gave no clear answer (HTTP {status}, responseCode {code})"
        return Result(UNKNOWN, reason, evidence)
    if exists is False:
        return Result(DEAD, f"doi.org: DOI {target.value} does not exist (responseCode 100, asked twice)",
                      evidence)
    metadata = _crossref(ctx, target.value) if ctx.crossref_metadata else None
    if metadata is not None:
        evidence["crossref"] = "found"
    return Result(OK, f"doi.org: DOI {target.value} exists (responseCode 1)", evidence,
                  metadata=(metadata,) if metadata else ())


def _crossref(ctx: Context, doi: str) -> dict | None:
    """Metadata for mismatch checks; any failure just means no metadata."""
    url = work_url(ctx.endpoints.crossref, doi) + "?" + urlencode({"mailto": ctx.contact})
    try:
        answer = service_get(ctx, "crossref", url)
        if answer.status != 200:
            return None
        work = parse_work(json.loads(answer.text))
    except (ServiceFailure, SourceError, ValueError):
        return None
    return work_metadata(work)


def work_metadata(work: CrossrefWork) -> dict:
    return {"source": "crossref", "doi": work.doi, "title": work.full_title, "authors": list(work.authors),
            "year": work.year, "venue": work.venue}
