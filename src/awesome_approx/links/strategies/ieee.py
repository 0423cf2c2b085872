"""IEEE Xplore documents, judged through the entry's DOI.

IEEE Xplore answers robots with 418, 403 or a 202 challenge page, so a direct request can never prove
a document gone. With a DOI the document takes the DOI's outcome (the checker fills it in from the DOI
target); without one the page is fetched, but at worst it is unknown, never dead (see http.QUIRKS).
"""

from __future__ import annotations

from awesome_approx.links.results import DEAD, UNKNOWN, Result
from awesome_approx.links.strategies import http
from awesome_approx.links.strategies.common import Context
from awesome_approx.links.targets import IEEE, Target


def matches(target: Target) -> bool:
    return target.kind == IEEE


def depends_on(target: Target) -> str | None:
    """The key of the DOI target this document is judged by."""
    return f"doi:{target.doi}" if target.doi else None


def derive(target: Target, doi_result: Result) -> Result:
    reason = f"judged through DOI {target.doi}: {doi_result.reason}"
    evidence = {**doi_result.evidence, "via": f"doi:{target.doi}"}
    return Result(doi_result.outcome, reason, evidence, answered=doi_result.answered)


def check(target: Target, ctx: Context) -> Result:
    result = http.check_url(target.url, ctx)
    if result.outcome == DEAD:  # belt and braces: the quirk table already prevents this
        return Result(UNKNOWN, f"IEEE Xplore without a DOI cannot be judged dead: {result.reason}",
                      result.evidence, answered=result.answered)
    return result
