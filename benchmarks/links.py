"""Benchmark of `awesome-approx links` against loopback fakes with injected latency. Prints figures.

    python benchmarks/links.py [--latency 0.1] [--arxiv-interval 3.0] [--baseline-sample 100]

Throughput: 1,000 generic URLs over 50 hosts, and 10,000 over 500 hosts, each host a fault server on
its own loopback address (127.0.0.2, 127.0.0.3, ...) in a child process (`fakes.web`), answering after
`latency` seconds and counting every request that arrives while 4 are already in flight. Rows: the
sequential baseline (our checker, one request at a time, measured in the same run on a sample and
extrapolated), the old design (a global cap of 32 workers) and the default (128 workers fed from
per-host queues). Target: at most 1.5 s on the 1,000-link web, never more than 4 at once per host
(the floor at 4 per host is 0.5 s). The script exits with status 1 when a host saw more than 4.

Then: 200 URLs on one host (the per-host limit), 1,000 arXiv ids (requests and their spacing at the
server), and both together with a cold then a warm cache (target: zero requests).
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from awesome_approx.catalog.model import Catalog, Category, Entry  # noqa: E402
from awesome_approx.links.cache import LinkCache  # noqa: E402
from awesome_approx.links.checker import CheckRun, Options, build_context, check_catalog  # noqa: E402
from awesome_approx.links.scheduler import DEFAULT_CONCURRENCY, DEFAULT_PER_HOST  # noqa: E402
from awesome_approx.sources.endpoints import Endpoints  # noqa: E402
from fakes.arxiv import FakeArxiv, Paper  # noqa: E402
from fakes.web import FakeWeb  # noqa: E402

SIZES = ((1000, 50), (10000, 500))
TARGET_SECONDS = 1.5


def catalog(urls: list[str], count: int, arxiv_ids: list[str] | None = None) -> Catalog:
    """`count` entries, entry i linking to a page of host i mod len(urls) (and arXiv id i when given)."""
    entries = []
    for i in range(count):
        url = f"{urls[i % len(urls)]}/ok/{i}" if urls else f"https://arxiv.org/abs/{arxiv_ids[i]}"
        entries.append(Entry(id=f"e{i}", title=f"Paper number {i}", url=url, category="c",
                             arxiv=arxiv_ids[i] if arxiv_ids else None))
    return Catalog((Category("c", "C"),), tuple(entries))


def run(cat: Catalog, endpoints: Endpoints, cache: LinkCache, interval: float, **options) -> tuple[float, CheckRun]:
    settings = Options(allow_private=True, arxiv_interval=interval, crossref_metadata=False, **options)
    ctx = build_context(settings, endpoints, "benchmark@example.org")
    started = time.perf_counter()
    result = check_catalog(cat, ctx, cache, settings)
    return time.perf_counter() - started, result


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def throughput(args: argparse.Namespace) -> tuple[bool, float]:
    """The table; whether every host saw at most the per-host limit at once, and the default's wall
    time on the 1,000-link web."""
    polite = True
    default_wall = float("inf")
    print(f"| links | hosts | checker | wall | most at once on one host | over {DEFAULT_PER_HOST} |")
    print("|---:|---:|---|---:|---:|---:|")
    per_url = None
    for links, hosts in SIZES:
        with FakeWeb(hosts, latency=args.latency, in_flight_limit=DEFAULT_PER_HOST) as web:
            if per_url is None:  # one request after another: the same cost per URL at any size
                seconds, _ = run(catalog(web.urls, args.baseline_sample), Endpoints(), LinkCache(None),
                                 args.arxiv_interval, concurrency=1)
                per_url = seconds / args.baseline_sample
                web.reset()
            print(f"| {links:,} | {hosts} | sequential (measured on {args.baseline_sample}, extrapolated) "
                  f"| {per_url * links:.1f} s | 1 | 0 |")
            designs = [("global cap 32 (the old default)", 32)] if links <= 1000 or args.full else []
            designs.append((f"default: {DEFAULT_CONCURRENCY} workers, per-host queues", DEFAULT_CONCURRENCY))
            for name, concurrency in designs:
                rss_before = peak_rss_mb()
                seconds, result = run(catalog(web.urls, links), Endpoints(), LinkCache(None),
                                      args.arxiv_interval, concurrency=concurrency)
                stats = web.stats()
                web.reset()
                most = max(s["max_in_flight"] for s in stats)
                over = sum(s["over_limit"] for s in stats)
                polite &= over == 0 and most <= DEFAULT_PER_HOST
                ok = sum(r.outcome == "ok" for r in result.results.values())
                if links == 1000 and concurrency == DEFAULT_CONCURRENCY:
                    default_wall = seconds
                memory = f" (peak RSS {peak_rss_mb():.0f} MB, {rss_before:.0f} MB before)" \
                    if links > 1000 else ""
                print(f"| {links:,} | {hosts} | {name}: {ok:,} ok{memory} | {seconds:.2f} s | {most} | {over} |")
    return polite, default_wall


def one_host(args: argparse.Namespace) -> None:
    with FakeWeb(1, latency=args.latency, in_flight_limit=DEFAULT_PER_HOST) as web:
        seconds, _ = run(catalog(web.urls, 200), Endpoints(), LinkCache(None), args.arxiv_interval)
        [stats] = web.stats()
    floor = 200 * args.latency / DEFAULT_PER_HOST
    print(f"\n200 URLs on one host: {seconds:.2f} s wall, at most {stats['max_in_flight']} at once, "
          f"{stats['over_limit']} over the limit ({floor:.1f} s is the floor at {DEFAULT_PER_HOST} at once)")


def arxiv_and_cache(args: argparse.Namespace) -> None:
    ids = [f"2101.{i:05d}" for i in range(1000)]
    papers = {i: Paper(f"Paper number {n}", (f"Author {n}",), "2021-01-05") for n, i in enumerate(ids)}
    with FakeArxiv(papers, latency=args.latency) as arxiv, \
            FakeWeb(50, latency=args.latency, in_flight_limit=DEFAULT_PER_HOST) as web:
        endpoints = Endpoints(arxiv=arxiv.url)
        seconds, result = run(catalog([], 1000, ids), endpoints, LinkCache(None), args.arxiv_interval)
        gaps = [b - a for a, b in itertools.pairwise(result.pacer.starts)]
        server_gaps = [b.time - a.time for a, b in itertools.pairwise(arxiv.queries)]
        ok = sum(r.outcome == "ok" for r in result.results.values())
        print(f"\n1,000 arXiv entries: {seconds:.2f} s wall, {len(arxiv.queries)} arXiv API requests "
              f"(target at most 5), {ok} ok; at most {arxiv.max_in_flight} at once")
        if server_gaps:
            print(f"  smallest gap between arXiv requests seen by the server: {min(server_gaps):.2f} s "
                  f"(client side {min(gaps):.2f} s; the rule is {args.arxiv_interval:g} s)")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "links.json"
            full = catalog(web.urls, 1000, ids)
            cold, _ = run(full, endpoints, LinkCache.load(path), args.arxiv_interval)
            before = sum(s["requests"] for s in web.stats()) + len(arxiv.requests)
            started = time.perf_counter()
            seconds, result = run(full, endpoints, LinkCache.load(path), args.arxiv_interval)
            total = time.perf_counter() - started
            after = sum(s["requests"] for s in web.stats()) + len(arxiv.requests)
    print(f"\nboth together (2,000 links), cold cache: {cold:.2f} s wall")
    print(f"second run, warm cache: {after - before} requests, {total:.3f} s including loading and "
          f"saving the cache file ({len(result.from_cache)} of {len(result.targets)} links fresh)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--arxiv-interval", type=float, default=3.0)
    parser.add_argument("--baseline-sample", type=int, default=100)
    parser.add_argument("--full", action="store_true", help="also run the old design on 10,000 links")
    args = parser.parse_args()
    print(f"fakes: loopback hosts in a child process, {args.latency * 1000:.0f} ms injected latency each; "
          f"the machine may be shared, so compare rows of one run\n")
    polite, wall = throughput(args)
    one_host(args)
    arxiv_and_cache(args)
    met = "met" if wall <= TARGET_SECONDS else "NOT met"
    print(f"\ntarget: at most {TARGET_SECONDS} s for 1,000 links over 50 hosts: {wall:.2f} s, {met}; "
          f"never more than {DEFAULT_PER_HOST} at once per host: {'held' if polite else 'BROKEN'}")
    return 0 if polite else 1


if __name__ == "__main__":
    raise SystemExit(main())
