"""Benchmark of `awesome-approx links` against loopback fakes with injected latency. Prints figures.

    python benchmarks/links.py [--latency 0.1] [--arxiv-interval 3.0] [--baseline-sample 100]

Workload: 1,000 entries, each with a generic URL (spread over 50 fake hosts bound to 127.0.0.2 ...
127.0.0.51) and an arXiv id (verified through the fake arXiv API). Every fake answers after `latency`
seconds. Figures: wall time and requests per host for the URLs, arXiv API requests and their spacing,
and a second run with a warm cache (target: zero requests, under 1 s). The baseline, measured in the
same run, is what status-only checkers do: one request after another (on a sample, extrapolated).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from awesome_approx.catalog.model import Catalog, Category, Entry  # noqa: E402
from awesome_approx.links.cache import LinkCache  # noqa: E402
from awesome_approx.links.checker import Options, build_context, check_catalog  # noqa: E402
from awesome_approx.sources.endpoints import Endpoints  # noqa: E402
from fakes.arxiv import FakeArxiv, Paper  # noqa: E402
from fakes.faults import FaultServer  # noqa: E402

HOSTS = 50
ENTRIES = 1000


def catalog(hosts: list[FaultServer], ids: list[str], with_urls: bool, with_arxiv: bool) -> Catalog:
    entries = []
    for i, arxiv_id in enumerate(ids):
        url = f"{hosts[i % len(hosts)].url}/ok/{i}" if with_urls else f"https://arxiv.org/abs/{arxiv_id}"
        entries.append(Entry(id=f"e{i}", title=f"Paper number {i}", url=url, category="c",
                             arxiv=arxiv_id if with_arxiv else None))
    return Catalog((Category("c", "C"),), tuple(entries))


def run(cat: Catalog, endpoints: Endpoints, cache: LinkCache, interval: float):
    options = Options(allow_private=True, arxiv_interval=interval, crossref_metadata=False)
    ctx = build_context(options, endpoints, "benchmark@example.org")
    started = time.perf_counter()
    result = check_catalog(cat, ctx, cache, options)
    return time.perf_counter() - started, result


def baseline(hosts: list[FaultServer], sample: int) -> float:
    """Seconds per URL when checked one after another (HEAD, like status-only checkers)."""
    session = requests.Session()
    started = time.perf_counter()
    for i in range(sample):
        session.head(f"{hosts[i % len(hosts)].url}/ok/baseline{i}", timeout=10)
    return (time.perf_counter() - started) / sample


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--arxiv-interval", type=float, default=3.0)
    parser.add_argument("--baseline-sample", type=int, default=100)
    args = parser.parse_args()
    ids = [f"2101.{i:05d}" for i in range(ENTRIES)]
    papers = {i: Paper(f"Paper number {n}", (f"Author {n}",), "2021-01-05") for n, i in enumerate(ids)}
    with ExitStack() as stack:
        servers = [FaultServer(host=f"127.0.0.{2 + n}", latency=args.latency) for n in range(HOSTS)]
        hosts = [stack.enter_context(server) for server in servers]
        arxiv = stack.enter_context(FakeArxiv(papers, latency=args.latency))
        endpoints = Endpoints(arxiv=arxiv.url)
        print(f"fakes: {HOSTS} web hosts on 127.0.0.2-127.0.0.{HOSTS + 1} and a fake arXiv API, "
              f"{args.latency * 1000:.0f} ms injected latency each")
        print(f"arXiv interval: {args.arxiv_interval:g} s (the real API's rule is 3 s)\n")

        per_url = baseline(hosts, args.baseline_sample)
        for host in hosts:
            host.requests.clear()
            host.max_in_flight = 0
        print(f"baseline (one request after another, measured on {args.baseline_sample} URLs): "
              f"{per_url * 1000:.0f} ms per URL -> {per_url * ENTRIES:.1f} s for {ENTRIES} URLs "
              "(extrapolated)")

        urls_only = catalog(hosts, ids, True, False)
        seconds, result = run(urls_only, endpoints, LinkCache(None), args.arxiv_interval)
        counts = [len(h.requests) for h in hosts]
        ok = sum(r.outcome == "ok" for r in result.results.values())
        speedup = per_url * ENTRIES / seconds
        print(f"\n1,000 generic URLs over {HOSTS} hosts: {seconds:.2f} s wall "
              f"({speedup:.0f}x faster than the baseline), {ok} ok")
        print(f"  requests per host: min {min(counts)}, mean {statistics.mean(counts):.1f}, "
              f"max {max(counts)}; most at once on one host: {max(h.max_in_flight for h in hosts)} (limit 4)")

        one_host = hosts[0]
        one_host.max_in_flight = 0
        crowded = catalog([one_host], [f"c{i}" for i in range(200)], True, False)
        seconds, _ = run(crowded, endpoints, LinkCache(None), args.arxiv_interval)
        print(f"  200 URLs on one host: {seconds:.2f} s wall, at most {one_host.max_in_flight} at once "
              f"(limit 4; {200 * args.latency / 4:.1f} s is the floor at 4 at once)")

        arxiv_only = catalog(hosts, ids, False, True)
        seconds, result = run(arxiv_only, endpoints, LinkCache(None), args.arxiv_interval)
        starts = result.pacer.starts
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        arrivals = [q.time for q in arxiv.queries]
        server_gaps = [b - a for a, b in itertools.pairwise(arrivals)]
        ok = sum(r.outcome == "ok" for r in result.results.values())
        print(f"\n1,000 arXiv entries: {seconds:.2f} s wall, {len(arxiv.queries)} arXiv API requests "
              f"(target at most 5), {ok} ok; at most {arxiv.max_in_flight} at once")
        if server_gaps:
            print(f"  smallest gap between arXiv requests seen by the server: {min(server_gaps):.2f} s "
                  f"(client side {min(gaps):.2f} s)")

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "links.json"
            full = catalog(hosts, ids, True, True)
            cold_seconds, _ = run(full, endpoints, LinkCache.load(path), args.arxiv_interval)
            before = sum(len(h.requests) for h in hosts) + len(arxiv.requests)
            started = time.perf_counter()
            cache = LinkCache.load(path)
            seconds, result = run(full, endpoints, cache, args.arxiv_interval)
            total = time.perf_counter() - started
            after = sum(len(h.requests) for h in hosts) + len(arxiv.requests)
        print(f"\nboth together (2,000 links), cold cache: {cold_seconds:.2f} s wall")
        print(f"second run, warm cache: {after - before} requests, {total:.3f} s including loading and "
              f"saving the cache file ({len(result.from_cache)} of {len(result.targets)} links fresh)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
