"""Plain web pages: HEAD, then GET when HEAD does not settle it; redirects followed hop by hop.

Each hop is checked by the safety policy (after DNS) before it is fetched; at most 10 redirects, and
a loop is reported as such. Judgement: 2xx ok; 404/410 dead, seen by HEAD and confirmed by GET;
401/403/418/429/999 blocked; bot protection recognised by what the server says (BLOCK_SIGNS: Cloudflare's
`cf-mitigated: challenge`, DataDome's `x-datadome`/`x-dd-b` on an error, a 202, or a 200/403/429/503
with a challenge page) blocked, with the reason, and not retried; 408/5xx/timeouts unknown after
retries; a host that does not resolve (asked twice) dead. A redirect that lands on a site's home page or
a generic page (a soft 404: many sites send removed pages there) is `moved`, with the final URL.
Host-specific behaviour lives in QUIRKS, one table, not in scattered `if host == ...` tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from awesome_approx.links.results import BLOCKED, DEAD, MOVED, OK, REDIRECTED, UNKNOWN, LinkWarning, Result
from awesome_approx.links.strategies.common import (
    FINAL_ERRORS,
    NETWORK_ERRORS,
    Context,
    describe,
    is_retryable,
)
from awesome_approx.links.targets import URL, Target
from awesome_approx.net.safety import DnsFailure, Refused
from awesome_approx.net.transport import Answer

MAX_REDIRECTS = 10
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
BOT_BLOCK_STATUSES = frozenset({401, 403, 418, 429, 999})
GONE_STATUSES = frozenset({404, 410})
CHALLENGE_MARKERS = (
    b"challenge-platform", b"cf-chl-", b"cf_chl_", b"just a moment...", b"_incapsula_resource",
    b"please enable javascript and cookies", b"are you a robot", b"captcha-delivery.com",
)
CHALLENGE_PAGE_STATUSES = frozenset({200, 202, 403, 429, 503})
# Last path segments (extension dropped) of the pages sites send removed pages to.
GENERIC_PAGES = frozenset({"home", "index", "default", "404", "not-found", "notfound", "page-not-found",
                           "error", "search"})


@dataclass(frozen=True)
class BlockSign:
    """A header by which a bot-protection service says it stopped us; `errors_only`: the header is also
    sent on pages it lets through, so it counts only on an error status."""

    service: str
    header: str  # lower-case name
    value: re.Pattern[str] | None  # None: the header's presence is enough
    errors_only: bool


BLOCK_SIGNS: tuple[BlockSign, ...] = (
    BlockSign("Cloudflare challenge", "cf-mitigated", re.compile(r"^\s*challenge\b", re.I), False),
    BlockSign("DataDome", "x-dd-b", None, True),
    BlockSign("DataDome", "x-datadome", None, True),
)


@dataclass(frozen=True)
class Quirk:
    """Behaviour of one family of hosts; `never_dead`: its answers to robots cannot prove a page gone;
    `moved_when_sent_away`: a redirect to another site means the page is gone (a soft 404)."""

    name: str
    host: re.Pattern[str]
    never_dead: bool
    why: str
    moved_when_sent_away: bool = False


QUIRKS: tuple[Quirk, ...] = (
    Quirk("ieee-xplore", re.compile(r"(^|\.)ieeexplore\.ieee\.org$"), True,
          "IEEE Xplore answers robots with 418/403/404 or a challenge; judged through the DOI instead"),
    Quirk("researchgate", re.compile(r"(^|\.)researchgate\.net$"), True,
          "ResearchGate answers robots with 403/404 whatever the page"),
    Quirk("acm-dl", re.compile(r"(^|\.)dl\.acm\.org$"), True,
          "the ACM Digital Library blocks robots behind a challenge"),
    Quirk("sciencedirect", re.compile(r"(^|\.)sciencedirect\.com$"), True,
          "ScienceDirect blocks robots"),
    Quirk("papers-with-code", re.compile(r"(^|\.)paperswithcode\.com$"), False,
          "Papers with Code closed; its pages now redirect to another site", moved_when_sent_away=True),
)


def quirk_for(url: str) -> Quirk | None:
    host = (urlsplit(url).hostname or "").lower()
    return next((q for q in QUIRKS if q.host.search(host)), None)


def matches(target: Target) -> bool:
    return target.kind == URL


def check(target: Target, ctx: Context) -> Result:
    return check_url(target.url, ctx)


def check_url(url: str, ctx: Context) -> Result:
    result = _follow(url, ctx)
    quirk = quirk_for(url) or quirk_for(str(result.evidence.get("final_url") or ""))
    if quirk and quirk.never_dead and result.outcome == DEAD:
        return Result(UNKNOWN, f"{result.reason}, but {quirk.why}", {**result.evidence, "quirk": quirk.name},
                      answered=result.answered)
    return result


def _follow(url: str, ctx: Context) -> Result:
    chain: list[dict] = []
    seen: set[str] = set()
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        ctx.deadline.check()
        refusal = _vet(current, ctx, chain)
        if refusal is not None:
            return refusal
        try:
            answer, error, gone_seen = _fetch_hop(current, ctx)
        except Refused as refused:  # the connect-time check saw an internal address (DNS rebinding)
            return Result(UNKNOWN, f"refused: {refused}", {"url": current, "chain": chain, "refused": True})
        if answer is not None and answer.status in GONE_STATUSES and gone_seen < 2:
            answer, error = _confirm_gone(current, ctx)
        if answer is None:
            tries = "" if isinstance(error, FINAL_ERRORS) else f" after {ctx.retry.attempts} tries"
            evidence = {"url": current, "chain": chain}
            return Result(UNKNOWN, f"{describe(error)}{tries}", evidence, answered=False)
        chain.append({"url": current, "status": answer.status, "method": answer.method})
        location = answer.headers.get("location")
        if answer.status in REDIRECT_STATUSES and location:
            seen.add(current)
            current = urljoin(current, location)
            if current in seen:
                return Result(UNKNOWN, f"redirect loop back to {current}", {"chain": chain})
            continue
        judged = _judge(answer, chain, ctx)
        return _soft_404(judged, url, current) or _with_redirect_warning(judged, chain, current)
    return Result(UNKNOWN, f"more than {MAX_REDIRECTS} redirects", {"chain": chain})


def _vet(url: str, ctx: Context, chain: list[dict]) -> Result | None:
    """Safety and DNS for one hop; a Result when the hop must not or cannot be fetched."""
    try:
        ctx.safety.check_url(url)
        return None
    except Refused as error:
        return Result(UNKNOWN, f"refused: {error}", {"url": url, "chain": chain, "refused": True})
    except DnsFailure as error:
        first = error
    if first.permanent:
        try:  # a name that does not exist is asked twice before the link is called dead
            ctx.safety.check_url(url)
            return None
        except Refused as error:
            return Result(UNKNOWN, f"refused: {error}", {"url": url, "chain": chain, "refused": True})
        except DnsFailure as error:
            if error.permanent:
                evidence = {"url": url, "chain": chain, "dns": str(error)}
                return Result(DEAD, f"host {error.host} does not resolve (asked twice)", evidence,
                              answered=False, dns_failure=True)
            first = error
    return Result(UNKNOWN, f"DNS lookup failed: {first}", {"url": url, "chain": chain}, answered=False)


def _fetch_hop(url: str, ctx: Context) -> tuple[Answer | None, BaseException | None, int]:
    """HEAD first (cheap); GET when HEAD gives anything but a success or a redirect, with retries.

    Also returns how many 404/410 answers were seen, so a page is called gone only when two agree.
    """
    method = "HEAD"
    attempt = 1
    gone_seen = 0
    while True:
        ctx.deadline.check()
        answer: Answer | None = None
        error: BaseException | None = None
        try:
            answer = ctx.fetcher.page(method, url, read_body=method == "GET")
        except NETWORK_ERRORS as exc:
            error = exc
        if answer is not None and (200 <= answer.status < 400 and answer.status != 202):
            return answer, None, gone_seen
        gone_seen += answer is not None and answer.status in GONE_STATUSES
        retry_after = answer.headers.get("retry-after") if answer is not None else None
        if method == "HEAD":
            # Many servers mishandle HEAD (405, 403, 404, 501, no answer): the GET decides.
            if answer is not None and is_retryable(answer.status):
                ctx.wait_to_retry(url, attempt, retry_after)
            method = "GET"
            continue
        if isinstance(error, FINAL_ERRORS):
            return None, error, gone_seen
        # A recognised challenge would only be served again: not retried.
        retryable = error is not None or (answer is not None and is_retryable(answer.status)
                                          and block_reason(answer) is None)
        if not retryable or attempt >= ctx.retry.attempts:
            return answer, error, gone_seen
        ctx.wait_to_retry(url, attempt, retry_after)
        attempt += 1


def _confirm_gone(url: str, ctx: Context) -> tuple[Answer | None, BaseException | None]:
    """A 404/410 seen once (HEAD mishandled, so only the GET said it) is asked for once more."""
    ctx.deadline.check()
    try:
        return ctx.fetcher.page("GET", url, read_body=True), None
    except NETWORK_ERRORS as error:
        return None, error


def _looks_like_challenge(answer: Answer) -> bool:
    if "html" not in answer.headers.get("content-type", "html"):
        return False
    body = answer.body[:16384].lower()
    return any(marker in body for marker in CHALLENGE_MARKERS)


def block_reason(answer: Answer) -> str | None:
    """Why the answer is bot protection rather than the page, or None: a header of BLOCK_SIGNS, a
    challenge page, or a 202 with no page."""
    for sign in BLOCK_SIGNS:
        value = answer.headers.get(sign.header)
        if value is None or (sign.errors_only and answer.status < 400):
            continue
        if sign.value is None or sign.value.search(value):
            return f"{sign.service} ({sign.header}: {value.strip()[:40]})"
    if answer.status in CHALLENGE_PAGE_STATUSES and _looks_like_challenge(answer):
        return "a challenge page"
    if answer.status == 202:
        return "no page (202)"
    return None


def _judge(answer: Answer, chain: list[dict], ctx: Context) -> Result:
    status = answer.status
    host = urlsplit(answer.url).hostname
    evidence = {"status": status, "final_url": answer.url, "method": answer.method, "chain": chain}
    if not answer.body_complete and answer.method == "GET":
        evidence["body"] = f"read {len(answer.body)} bytes, then stopped (cap or time limit)"
    blocked_by = block_reason(answer)
    if blocked_by is not None:
        evidence["blocked_by"] = blocked_by
        return Result(BLOCKED, f"HTTP {status} with {blocked_by}: bot protection at {host}", evidence)
    if 200 <= status < 300:
        return Result(OK, f"HTTP {status}", evidence)
    if status in GONE_STATUSES:
        return Result(DEAD, f"HTTP {_status_text(answer)} from {host}, seen twice", evidence)
    if status in BOT_BLOCK_STATUSES:
        return Result(BLOCKED, f"HTTP {_status_text(answer)} from {host}: bot protection", evidence)
    if is_retryable(status):
        return Result(UNKNOWN, f"HTTP {status} from {host} after {ctx.retry.attempts} tries", evidence)
    return Result(UNKNOWN, f"HTTP {status} from {host}", evidence)


def _status_text(answer: Answer) -> str:
    return f"{answer.status} {answer.reason}".strip()


def is_generic_page(url: str) -> bool:
    """A site's home page or a page that stands for no content: /, /index.html, /home, /404, /search..."""
    segments = [part for part in urlsplit(url).path.lower().split("/") if part]
    if segments and segments[-1].split(".")[0] in ("index", "default"):
        segments.pop()
    return not segments or (len(segments) == 1 and segments[0].split(".")[0] in GENERIC_PAGES)


def _soft_404(result: Result, url: str, final_url: str) -> Result | None:
    """`moved` when a redirect took a specific page to a generic one (or away from a host whose quirk
    says so); None otherwise."""
    if result.outcome != OK or final_url == url:
        return None
    quirk = quirk_for(url)
    sent_away = urlsplit(final_url).netloc.lower() != urlsplit(url).netloc.lower()
    if quirk is not None and quirk.moved_when_sent_away and sent_away:
        why = quirk.why
    elif is_generic_page(final_url) and not is_generic_page(url):
        why = "a home page or a generic page, as sites do with removed pages"
    else:
        return None
    reason = f"redirected to {final_url}: {why}"
    return Result(MOVED, reason, {**result.evidence, "final_url": final_url, "soft_404": True})


def _with_redirect_warning(result: Result, chain: list[dict], final_url: str) -> Result:
    if result.outcome != OK or len(chain) < 2 or chain[0]["status"] not in PERMANENT_REDIRECTS:
        return result
    message = f"permanently redirected ({chain[0]['status']}) to {final_url}"
    warning = LinkWarning(REDIRECTED, message, final_url)
    return Result(result.outcome, result.reason, result.evidence, (*result.warnings, warning))
