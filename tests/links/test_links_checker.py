"""The whole run: per-host limits, dedup of identifiers, network down, time budget."""

from __future__ import annotations

from awesome_approx.catalog.model import Catalog, Category, Entry
from awesome_approx.links.cache import LinkCache
from awesome_approx.links.checker import check_catalog
from awesome_approx.links.results import DEAD, OK, UNKNOWN
from awesome_approx.links.targets import collect
from awesome_approx.net.safety import lookup_failed, name_not_found
from awesome_approx.sources.endpoints import Endpoints
from fakes.faults import FaultServer


def catalog(*entries: Entry) -> Catalog:
    return Catalog((Category("c", "C"),), entries)


def entry(i, url, **fields) -> Entry:
    return Entry(id=f"e{i}", title=f"T{i}", url=url, category="c", **fields)


def test_per_host_limit_is_respected(context_for, options_for):
    with FaultServer(latency=0.05) as web:
        cat = catalog(*(entry(i, f"{web.url}/ok/{i}") for i in range(24)))
        options = options_for(concurrency=16, per_host=3)
        run = check_catalog(cat, context_for(options=options), LinkCache(None), options)
        assert all(r.outcome == OK for r in run.results.values())
        assert web.max_in_flight == 3


def test_a_url_pointing_at_an_identifier_is_not_fetched_again():
    e = entry(1, "https://arxiv.org/abs/2008.13006v2", arxiv="2008.13006",
              code="https://github.com/clevercool/TileSparsity", doi="10.1145/3309551",
              ieee="9355305")
    references, targets = collect(catalog(e))
    assert sorted(targets) == ["arxiv:2008.13006", "doi:10.1145/3309551", "github:clevercool/tilesparsity",
                               "ieee:9355305"]
    assert next(r for r in references if r.field == "url").version == "v2"


def test_offline_machine_calls_nothing_dead_and_says_the_network_is_down(context_for, options_for):
    with FaultServer() as closed:
        nowhere = closed.url  # a port nobody listens on once the server stops
    endpoints = Endpoints(arxiv=nowhere, doi=nowhere, crossref=nowhere, github=nowhere)
    for failure in (name_not_found, lookup_failed):
        ctx = context_for(endpoints)
        ctx.safety.resolver = lambda host, port, failure=failure: (_ for _ in ()).throw(failure(host))
        cat = catalog(entry(1, "https://a.example/x"), entry(2, "https://b.example/y", arxiv="2008.13006"),
                      entry(3, "https://c.example/", doi="10.1/x"))
        cache = LinkCache(None)
        run = check_catalog(cat, ctx, cache, options_for())
        assert run.network_down
        assert DEAD not in {r.outcome for r in run.results.values()}
        assert run.results["url:https://a.example/x"].outcome == UNKNOWN
        assert all(cache.dead_since(key) is None for key in run.targets)  # no bad night recorded


def test_with_the_network_up_a_missing_host_is_dead(context_for, options_for):
    with FaultServer() as web:
        ctx = context_for()
        real = ctx.safety.resolver

        def resolve(host, port):
            if host == "gone.example":
                raise name_not_found(host)
            return real(host, port)

        ctx.safety.resolver = resolve
        cat = catalog(entry(1, "https://gone.example/x"), entry(2, web.url + "/ok"))
        run = check_catalog(cat, ctx, LinkCache(None), options_for())
        assert not run.network_down
        assert run.results["url:https://gone.example/x"].outcome == DEAD
        assert "url:https://gone.example/x" in run.dead_since


def test_time_budget_turns_the_rest_into_unknown(context_for, options_for, clock):
    with FaultServer() as web:
        options = options_for(clock, time_budget=10.0)
        ctx = context_for(options=options)
        clock.now += 11  # the budget is already spent
        run = check_catalog(catalog(entry(1, web.url + "/ok")), ctx, LinkCache(None), options)
        result = run.results[f"url:{web.url}/ok"]
        assert result.outcome == UNKNOWN and "budget" in result.reason
        assert web.requests == []
