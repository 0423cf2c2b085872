"""Every fault case of the fault server, checked through the HTTP strategy: one outcome each."""

from __future__ import annotations

import time

import pytest

from awesome_approx.links.results import BLOCKED, DEAD, MOVED, OK, REDIRECTED, UNKNOWN
from awesome_approx.links.strategies.http import check_url
from fakes.faults import FaultServer


@pytest.fixture
def web():
    with FaultServer(stall=10.0, slow_interval=0.05) as server:
        yield server


CASES = [
    ("/ok", OK, "HTTP 200"),
    ("/not-found", DEAD, "HTTP 404 Not Found from 127.0.0.1, seen twice"),
    ("/gone", DEAD, "HTTP 410"),
    ("/flaky", OK, "HTTP 200"),
    ("/unavailable", UNKNOWN, "HTTP 503"),
    ("/unavailable-then-ok", OK, "HTTP 200"),
    ("/rate-limited-seconds", OK, "HTTP 200"),
    ("/rate-limited-date", OK, "HTTP 200"),
    ("/rate-limited", BLOCKED, "HTTP 429"),
    ("/timeout", UNKNOWN, "timed out"),
    ("/reset", UNKNOWN, "connection"),
    ("/redirect-chain", OK, "HTTP 200"),
    ("/redirect-to-404", DEAD, "HTTP 404"),
    ("/loop-a", UNKNOWN, "redirect loop"),
    ("/head-not-allowed", OK, "HTTP 200"),
    ("/head-not-allowed-gone", DEAD, "HTTP 404"),
    ("/head-mishandled", OK, "HTTP 200"),
    ("/forbidden", BLOCKED, "HTTP 403"),
    ("/teapot", BLOCKED, "HTTP 418"),
    ("/challenge", BLOCKED, "challenge page"),
    ("/cf-challenge", BLOCKED, "HTTP 403 with Cloudflare challenge (cf-mitigated: challenge)"),
    ("/datadome", BLOCKED, "HTTP 403 with DataDome (x-dd-b: 1)"),
    ("/datadome-passed", OK, "HTTP 200"),
    ("/challenge-503", BLOCKED, "HTTP 503 with a challenge page"),
    ("/challenge-429", BLOCKED, "HTTP 429 with a challenge page"),
    ("/to-home", MOVED, "a home page or a generic page"),
    ("/to-generic", MOVED, "a home page or a generic page"),
    ("/sent-away", OK, "HTTP 200"),  # another site's specific page: an ordinary redirect
    ("/huge", OK, "HTTP 200"),
    ("/slow", OK, "HTTP 200"),
]


@pytest.mark.parametrize(("path", "outcome", "reason"), CASES, ids=[c[0] for c in CASES])
def test_each_fault_has_its_outcome(web, context_for, path, outcome, reason):
    result = check_url(web.url + path, context_for())
    assert result.outcome == outcome, result
    assert reason in result.reason


def test_dead_is_seen_by_head_and_confirmed_by_get(web, context_for):
    check_url(web.url + "/not-found", context_for())
    assert [r.method for r in web.requests_to("/not-found")] == ["HEAD", "GET"]


def test_a_404_only_get_saw_is_asked_once_more(web, context_for):
    check_url(web.url + "/head-not-allowed-gone", context_for())
    assert [r.method for r in web.requests_to("/head-not-allowed-gone")] == ["HEAD", "GET", "GET"]


def test_5xx_is_retried_then_unknown_with_retry_after_honoured(web, context_for, options_for, clock):
    ctx = context_for(options=options_for(clock))
    result = check_url(web.url + "/unavailable", ctx)
    assert result.outcome == UNKNOWN
    assert "3 tries" in result.reason
    assert ctx.retry.waits == [1.0, 1.0, 1.0]  # HEAD's answer, then between the GETs
    assert [r.method for r in web.requests_to("/unavailable")] == ["HEAD", "GET", "GET", "GET"]


def test_retry_after_seconds_is_honoured(web, context_for):
    ctx = context_for()
    check_url(web.url + "/rate-limited-seconds", ctx)
    assert ctx.retry.waits == [3.0]


def test_retry_after_http_date_is_honoured(web, context_for):
    ctx = context_for()
    check_url(web.url + "/rate-limited-date", ctx)
    assert len(ctx.retry.waits) == 1
    assert 2.0 <= ctx.retry.waits[0] <= 4.0  # the date is 4 s ahead, at one-second resolution


def test_flaky_server_is_retried_with_backoff(web, context_for):
    ctx = context_for()
    assert check_url(web.url + "/flaky", ctx).outcome == OK
    assert len(ctx.retry.waits) == 1 and 0.5 <= ctx.retry.waits[0] <= 0.75  # base 0.5 s, jitter up to 50 %


def test_permanent_redirect_suggests_the_new_url_and_records_the_chain(web, context_for):
    result = check_url(web.url + "/redirect-chain", context_for())
    assert [hop["status"] for hop in result.evidence["chain"]] == [301, 302, 200]
    assert result.warnings[0].kind == REDIRECTED
    assert result.warnings[0].suggestion == web.url + "/ok"


def test_huge_body_is_not_downloaded(web, context_for):
    result = check_url(web.url + "/huge", context_for())
    assert result.outcome == OK
    assert "stopped" in result.evidence["body"]
    assert web.sent["/huge"] < 20 * 1024 * 1024  # of 100 MB announced; the rest is socket buffers


def test_slow_body_does_not_hold_the_check(web, context_for):
    started = time.monotonic()
    result = check_url(web.url + "/slow", context_for())
    assert result.outcome == OK
    assert time.monotonic() - started < 3.0  # the body would take 50 s; the body limit is 0.5 s


QUIRKY = [("ieeexplore.ieee.org", True), ("www.researchgate.net", True), ("dl.acm.org", True),
          ("www.sciencedirect.com", True), ("example.org", False), ("notieeexplore.ieee.org.evil", False)]


@pytest.mark.parametrize(("host", "never_dead"), QUIRKY)
def test_quirk_table(host, never_dead):
    from awesome_approx.links.strategies.http import quirk_for

    quirk = quirk_for(f"https://{host}/document/1")
    assert (quirk is not None and quirk.never_dead) == never_dead


def test_a_404_from_a_host_that_answers_robots_wrongly_is_never_dead(web, context_for, fake_dns):
    fake_dns["ieeexplore.ieee.org"] = "127.0.0.1"
    result = check_url(f"http://ieeexplore.ieee.org:{web.port}/not-found", context_for())
    assert result.outcome == UNKNOWN
    assert "HTTP 404" in result.reason and "judged through the DOI" in result.reason
    assert result.evidence["quirk"] == "ieee-xplore"


def test_redirect_to_private_address_is_refused_on_the_hop(web, context_for, options_for):
    import ipaddress

    ctx = context_for(options=options_for(allow_private=False))
    ctx.safety.exempt = (ipaddress.ip_network("127.0.0.1/32"),)  # the test server itself is allowed
    result = check_url(web.url + "/to-private", ctx)
    assert result.outcome == UNKNOWN
    assert result.reason.startswith("refused: 169.254.169.254")
    assert "cloud metadata" in result.reason
    assert [hop["status"] for hop in result.evidence["chain"]] == [302]


def test_a_recognised_challenge_is_not_retried(web, context_for):
    ctx = context_for()
    check_url(web.url + "/challenge-503", ctx)
    # HEAD's 503 (no body, so no page to recognise) earns one polite wait; the GET shows the challenge
    # page, which would only be served again: no more tries (a plain 503 gets three GETs).
    assert [r.method for r in web.requests_to("/challenge-503")] == ["HEAD", "GET"]
    assert len(ctx.retry.waits) == 1


def test_blocked_names_what_blocked_it_in_the_evidence(web, context_for):
    result = check_url(web.url + "/cf-challenge", context_for())
    assert result.evidence["blocked_by"] == "Cloudflare challenge (cf-mitigated: challenge)"


def test_soft_404_reports_moved_with_the_final_url(web, context_for):
    result = check_url(web.url + "/to-home", context_for())
    assert result.outcome == MOVED
    assert result.evidence["final_url"] == web.url + "/"
    assert result.reason.startswith(f"redirected to {web.url}/:")
    assert not result.warnings  # not a redirect to follow: the page is gone


def test_papers_with_code_sending_a_page_away_is_moved(web, context_for, fake_dns):
    fake_dns["paperswithcode.com"] = "127.0.0.1"
    result = check_url(f"http://paperswithcode.com:{web.port}/sent-away", context_for())
    assert result.outcome == MOVED
    assert "Papers with Code closed" in result.reason
    assert result.evidence["final_url"] == f"http://localhost:{web.port}/ok/elsewhere"


GENERIC = [("https://x.org/", True), ("https://x.org", True), ("https://x.org/index.html", True),
           ("https://x.org/home", True), ("https://x.org/404.html", True), ("https://x.org/en/", False),
           ("https://x.org/paper/42", False), ("https://x.org/docs/index.html", False)]


@pytest.mark.parametrize(("url", "generic"), GENERIC)
def test_generic_pages(url, generic):
    from awesome_approx.links.strategies.http import is_generic_page

    assert is_generic_page(url) == generic


def test_a_retry_after_pauses_the_whole_host(web, context_for, options_for, clock):
    import random

    from awesome_approx.links.pacing import RetryPolicy

    # The retry's own wait sleeps nowhere, so only the host's pause can move the fake clock.
    retry = RetryPolicy(attempts=3, base_delay=0.5, sleep=lambda seconds: None, rng=random.Random(1))
    ctx = context_for(options=options_for(clock, retry=retry))
    started = clock.now
    assert check_url(web.url + "/rate-limited-seconds", ctx).outcome == OK  # 429, Retry-After: 3, then 200
    assert clock.now == started + 3.0  # the next request to the host waited out the pause
    check_url(web.url + "/ok", ctx)
    assert clock.now == started + 3.0  # and the pause is over
