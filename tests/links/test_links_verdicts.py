"""New verdicts and figures through a whole run against loopback servers: a blocked page judged through
the entry's DOI, archived-copy suggestions from a fake Wayback Machine, per-host statistics, and the
per-host bound as the server saw it."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_approx.catalog.model import Catalog, Category, Entry
from awesome_approx.links.cache import LinkCache
from awesome_approx.links.checker import check_catalog
from awesome_approx.links.report import build_report, format_json, format_markdown, format_text
from awesome_approx.links.results import BLOCKED, DEAD, MOVED, OK
from awesome_approx.links.wayback import Snapshot, parse_availability
from awesome_approx.sources.endpoints import Endpoints
from fakes.doi import FakeDoi
from fakes.faults import FaultServer
from fakes.wayback import FakeWayback

ROOT = Path("/repo")


def catalog(*entries: Entry) -> Catalog:
    return Catalog((Category("c", "C"),), entries)


def entry(i, url, **fields) -> Entry:
    return Entry(id=f"e{i}", title=f"T{i}", url=url, category="c", **fields)


def test_a_page_behind_a_challenge_is_blocked_and_judged_through_the_doi(context_for, options_for):
    with FaultServer() as web, FakeDoi({"10.1145/3309551"}) as doi:
        options = options_for(crossref_metadata=False)
        ctx = context_for(Endpoints(doi=doi.url), options)
        cat = catalog(entry(1, web.url + "/cf-challenge", doi="10.1145/3309551"), entry(2, web.url + "/datadome"))
        run = check_catalog(cat, ctx, LinkCache(None), options)
    report = build_report(run, {DEAD, BLOCKED}, False, ROOT)
    by_entry = {f.entry: f for f in report.findings}
    vouched, alone = by_entry["e1"], by_entry["e2"]
    assert vouched.outcome == alone.outcome == BLOCKED
    assert "Cloudflare challenge (cf-mitigated: challenge)" in vouched.reason
    assert "judged through doi:10.1145/3309551: ok" in vouched.reason and not vouched.fails
    assert "DataDome" in alone.reason and alone.fails  # no identifier to vouch for it


def test_suggest_gives_the_closest_snapshot_of_dead_and_moved_pages(context_for, options_for):
    with FaultServer() as web:
        gone, moved, ok = web.url + "/gone", web.url + "/to-home", web.url + "/ok"
        with FakeWayback({gone: "20190102030405", moved: "20200304050607"}) as wayback:
            options = options_for(suggest=True)
            ctx = context_for(Endpoints(wayback=wayback.url), options)
            run = check_catalog(catalog(entry(1, gone), entry(2, moved), entry(3, ok)), ctx, LinkCache(None),
                                options)
            asked = [r.query["url"][0] for r in wayback.requests]
    assert run.results[f"url:{gone}"].outcome == DEAD and run.results[f"url:{moved}"].outcome == MOVED
    assert sorted(asked) == sorted([gone, moved])  # an ok page is not asked about
    assert run.archived_copies[f"url:{gone}"] == Snapshot(f"http://web.archive.org/web/20190102030405/{gone}",
                                                          "20190102030405")
    report = build_report(run, {DEAD}, False, ROOT)
    text = format_text(report)
    assert f"archived copy (2019-01-02): http://web.archive.org/web/20190102030405/{gone}" in text
    assert f"archived copy (2020-03-04): http://web.archive.org/web/20200304050607/{moved}" in text
    assert f"](http://web.archive.org/web/20190102030405/{gone})" in format_markdown(report)


def test_without_suggest_the_archive_is_not_asked(context_for, options_for):
    with FaultServer() as web, FakeWayback({web.url + "/gone": "20190102030405"}) as wayback:
        options = options_for()
        ctx = context_for(Endpoints(wayback=wayback.url), options)
        run = check_catalog(catalog(entry(1, web.url + "/gone")), ctx, LinkCache(None), options)
        assert wayback.requests == [] and run.archived_copies == {}


AVAILABILITY = [
    ({"archived_snapshots": {}}, None),
    ({"archived_snapshots": {"closest": {"available": True, "status": "404", "timestamp": "20190102030405",
                                         "url": "http://web.archive.org/web/20190102030405/x"}}}, None),
    ({"archived_snapshots": {"closest": {"available": False, "status": "200", "timestamp": "20190102030405",
                                         "url": "http://web.archive.org/web/20190102030405/x"}}}, None),
    ({"archived_snapshots": {"closest": {"available": True, "status": "200", "timestamp": "2019",
                                         "url": "http://web.archive.org/web/2019/x"}}}, None),
    ({"archived_snapshots": {"closest": {"available": True, "status": "200", "timestamp": "20190102030405",
                                         "url": "javascript:alert(1)"}}}, None),
    ([], None),
    ({"archived_snapshots": {"closest": {"available": True, "status": "200", "timestamp": "20190102030405",
                                         "url": "http://web.archive.org/web/20190102030405/x"}}},
     Snapshot("http://web.archive.org/web/20190102030405/x", "20190102030405")),
]


@pytest.mark.parametrize(("document", "expected"), AVAILABILITY)
def test_only_an_available_200_snapshot_is_suggested(document, expected):
    assert parse_availability(document) == expected


def test_host_stats_count_requests_outcomes_and_retries_per_host(context_for, options_for):
    with FaultServer() as web, FaultServer() as other:
        options = options_for()
        ctx = context_for(options=options)
        cat = catalog(entry(1, web.url + "/ok"), entry(2, web.url + "/flaky"), entry(3, web.url + "/gone"),
                      entry(4, other.url + "/ok"))
        run = check_catalog(cat, ctx, LinkCache(None), options)
        seen = {web.url: len(web.requests), other.url: len(other.requests)}
    report = build_report(run, {DEAD}, False, ROOT, host_stats=True)
    rows = {row.host: row for row in report.hosts}
    here, there = rows[web.url.removeprefix("http://")], rows[other.url.removeprefix("http://")]
    assert here.requests == seen[web.url] and there.requests == seen[other.url] == 1
    assert here.outcomes == {OK: 2, DEAD: 1} and there.outcomes == {OK: 1}
    assert here.retries == 1 and there.retries == 0  # /flaky: one 500, one wait, then 200
    text = format_text(report)
    assert "per host: requests, outcomes" in text
    assert any(line.split()[:3] == [here.host, str(here.requests), "2"] for line in text.splitlines())
    import json

    hosts = {h["host"]: h for h in json.loads(format_json(report))["hosts"]}
    assert hosts[here.host]["outcomes"] == {"ok": 2, "dead": 1}
    assert "hosts" not in json.loads(format_json(build_report(run, {DEAD}, False, ROOT)))


def test_the_server_never_sees_more_than_the_per_host_limit(context_for, options_for):
    with FaultServer(latency=0.05, in_flight_limit=2) as web:
        options = options_for(per_host=2)
        cat = catalog(*(entry(i, f"{web.url}/ok/{i}") for i in range(16)))
        run = check_catalog(cat, context_for(options=options), LinkCache(None), options)
        assert all(r.outcome == OK for r in run.results.values())
        assert web.over_limit == 0 and web.max_in_flight <= 2
