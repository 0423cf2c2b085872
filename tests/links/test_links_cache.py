"""The cache: freshness with jitter, never-fresh blocked/unknown, dead confirmed a day later, atomic saves."""

from __future__ import annotations

import json
import os
import random

import pytest

from awesome_approx.catalog.model import Catalog, Category, Entry
from awesome_approx.links.cache import DAY, IDENTIFIER_TTL, PAGE_TTL, LinkCache
from awesome_approx.links.checker import Progress, check_catalog
from awesome_approx.links.results import BLOCKED, DEAD, OK, UNKNOWN, Result
from fakes.faults import FaultServer

T0 = 1_800_000_000.0


def test_ok_is_fresh_within_its_ttl_with_jitter(tmp_path):
    cache = LinkCache(tmp_path / "c.json", random.Random(3))
    page = cache.record("url:https://a.example/", Result(OK, "HTTP 200"), T0)
    ident = cache.record("arxiv:2008.13006", Result(OK, "found"), T0)
    assert T0 + 0.9 * PAGE_TTL <= page.fresh_until <= T0 + PAGE_TTL
    assert T0 + 0.9 * IDENTIFIER_TTL <= ident.fresh_until <= T0 + IDENTIFIER_TTL
    assert cache.fresh("url:https://a.example/", T0 + PAGE_TTL * 0.5) is not None
    assert cache.fresh("url:https://a.example/", T0 + PAGE_TTL) is None
    assert cache.fresh("arxiv:2008.13006", T0 + 20 * DAY) is not None


def test_jitter_spreads_expiry_times(tmp_path):
    cache = LinkCache(tmp_path / "c.json", random.Random(5))
    records = [cache.record(f"url:https://a.example/{i}", Result(OK, "ok"), T0) for i in range(50)]
    expiries = {record.fresh_until for record in records}
    assert len(expiries) == 50
    assert max(expiries) - min(expiries) > 0.05 * PAGE_TTL


@pytest.mark.parametrize("outcome", [BLOCKED, UNKNOWN, DEAD])
def test_only_ok_is_ever_fresh(tmp_path, outcome):
    cache = LinkCache(tmp_path / "c.json")
    cache.record("url:x", Result(outcome, "r"), T0)
    assert cache.fresh("url:x", T0 + 1) is None


def test_dead_is_confirmed_only_on_a_run_a_day_later(tmp_path):
    cache = LinkCache(tmp_path / "c.json")
    cache.record("url:x", Result(DEAD, "404"), T0)
    assert not cache.confirmed_dead("url:x", T0)
    cache.record("url:x", Result(DEAD, "404"), T0 + 3600)
    assert not cache.confirmed_dead("url:x", T0 + 3600)  # same night: still one bad night
    cache.record("url:x", Result(UNKNOWN, "timeout"), T0 + 0.5 * DAY)  # says nothing either way
    cache.record("url:x", Result(DEAD, "404"), T0 + DAY)
    assert cache.confirmed_dead("url:x", T0 + DAY)
    cache.record("url:x", Result(OK, "back"), T0 + 2 * DAY)
    assert cache.dead_since("url:x") is None


def test_round_trip_through_the_file(tmp_path):
    path = tmp_path / "sub" / "links.json"
    cache = LinkCache(path)
    cache.record("doi:10.1/x", Result(OK, "exists", {"status": 200}, metadata=({"title": "T"},)), T0)
    cache.save()
    loaded = LinkCache.load(path)
    assert loaded.fresh("doi:10.1/x", T0 + 1).metadata == ({"title": "T"},)
    assert json.loads(path.read_text())["version"] == 1


@pytest.mark.parametrize("content", ["{not json", '{"version": 99, "results": {}}', '[]',
                                     '{"version": 1, "results": {"k": {"result": {"outcome": "weird"}}}}'])
def test_an_unreadable_cache_is_set_aside_with_a_note(tmp_path, content):
    path = tmp_path / "links.json"
    path.write_text(content)
    cache = LinkCache.load(path)
    assert cache.entries == {} and "unreadable link cache" in cache.note


def test_an_interrupted_save_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "links.json"
    cache = LinkCache(path)
    cache.record("url:a", Result(OK, "ok"), T0)
    cache.save()
    before = path.read_text()
    cache.record("url:b", Result(OK, "ok"), T0)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.save()
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["links.json"]  # no temporary file left behind


def catalog_of(urls: list[str]) -> Catalog:
    entries = tuple(Entry(id=f"e{i}", title=f"T{i}", url=url, category="c") for i, url in enumerate(urls))
    return Catalog((Category("c", "C"),), entries)


class StopAfter(Progress):
    def __init__(self, n: int) -> None:
        self.n = n
        self.seen = 0

    def advance(self, target, result) -> None:
        self.seen += 1
        if self.seen == self.n:
            raise KeyboardInterrupt


def test_ctrl_c_leaves_a_valid_cache_with_what_was_checked(tmp_path, context_for, options_for):
    path = tmp_path / "links.json"
    with FaultServer() as web:
        catalog = catalog_of([f"{web.url}/ok/{i}" for i in range(20)])
        options = options_for(concurrency=2)
        ctx = context_for(options=options)
        with pytest.raises(KeyboardInterrupt):
            check_catalog(catalog, ctx, LinkCache(path), options, StopAfter(5))
        assert ctx.deadline.cancelled.is_set()  # the workers left stop at their next request
    saved = json.loads(path.read_text())
    assert len(saved["results"]) == 5
    assert all(v["result"]["outcome"] == OK for v in saved["results"].values())


def test_warm_cache_makes_no_request(tmp_path, context_for, options_for):
    path = tmp_path / "links.json"
    with FaultServer() as web:
        catalog = catalog_of([f"{web.url}/ok/{i}" for i in range(10)])
        options = options_for()
        first = check_catalog(catalog, context_for(options=options), LinkCache.load(path), options)
        requests_after_first = len(web.requests)
        second = check_catalog(catalog, context_for(options=options), LinkCache.load(path), options)
        assert len(web.requests) == requests_after_first == 10
        assert first.from_cache == set() and len(second.from_cache) == 10
        options.reuse_fresh = False  # --no-cache
        check_catalog(catalog, context_for(options=options), LinkCache.load(path), options)
        assert len(web.requests) == 20
