"""Run a check: choose what needs checking, run the strategies concurrently, keep the cache current.

`check_catalog` is the library entry point (the CLI is a thin shell around it). Results stream from the
worker threads to the calling thread, which records each in the cache and saves the cache every few
seconds and when the run stops for any reason (Ctrl-C included).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from awesome_approx.catalog.model import Catalog
from awesome_approx.links.cache import LinkCache
from awesome_approx.links.pacing import BudgetExhausted, Deadline, Pacer, RetryPolicy
from awesome_approx.links.results import DEAD, UNKNOWN, Result
from awesome_approx.links.scheduler import (
    DEFAULT_CONCURRENCY,
    DEFAULT_PER_HOST,
    Emit,
    HostLimiter,
    HostTally,
    Job,
    run_streaming,
)
from awesome_approx.links.strategies import REGISTRY, Strategy, strategy_for
from awesome_approx.links.strategies.common import Context
from awesome_approx.links.targets import Reference, Target, collect
from awesome_approx.links.wayback import Snapshot, suggest_archived
from awesome_approx.net.safety import SafetyPolicy, system_resolver
from awesome_approx.net.transport import Fetcher, Timeouts
from awesome_approx.sources.endpoints import Endpoints

ARXIV_INTERVAL = 3.0


@dataclass
class Options:
    concurrency: int = DEFAULT_CONCURRENCY
    per_host: int = DEFAULT_PER_HOST
    timeouts: Timeouts = field(default_factory=Timeouts)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    allow_private: bool = False
    resolver: Callable[[str, int], list[str]] = system_resolver
    reuse_fresh: bool = True  # False with --no-cache: check everything (the cache still records)
    time_budget: float | None = 1800.0
    arxiv_interval: float = ARXIV_INTERVAL
    arxiv_batch_size: int = 250
    crossref_metadata: bool = True
    suggest: bool = False  # ask the Wayback Machine for archived copies of dead and moved pages
    github_token: str | None = None
    save_every: float = 2.0
    wall_clock: Callable[[], float] = field(default=lambda: time.time())  # looked up at call time
    monotonic: Callable[[], float] = time.monotonic
    pacer_sleep: Callable[[float], None] = time.sleep


@dataclass
class Progress:
    """Told about the run's progress; the default does nothing (report.RichProgress draws a bar)."""

    def start(self, total: int) -> None: ...
    def advance(self, target: Target, result: Result) -> None: ...
    def stop(self) -> None: ...


@dataclass
class CheckRun:
    references: list[Reference]
    targets: dict[str, Target]
    results: dict[str, Result]
    from_cache: set[str]
    dead_since: dict[str, float]
    confirmed_dead: set[str]
    network_down: bool
    requests: dict[str, int]
    elapsed: float
    pacer: Pacer
    checked_at: float = 0.0  # wall-clock time of this run
    notes: list[str] = field(default_factory=list)
    archived_copies: dict[str, Snapshot] = field(default_factory=dict)  # target key -> closest snapshot
    hosts: dict[str, HostTally] = field(default_factory=dict)  # per-host requests, time, retries, outcomes


def service_limits(endpoints: Endpoints, per_host: int) -> dict[str, int]:
    """arXiv and the Wayback Machine: one request at a time (arXiv also paced); Crossref's polite pool:
    at most 3 at once; doi.org and GitHub: the per-host default."""
    limits = {host_of(url): per_host for url in (endpoints.doi, endpoints.github)}
    limits[host_of(endpoints.crossref)] = min(per_host, 3)
    limits[host_of(endpoints.wayback)] = 1
    limits[host_of(endpoints.arxiv)] = 1
    return limits


def build_context(options: Options, endpoints: Endpoints, contact: str) -> Context:
    safety = SafetyPolicy(allow_private=options.allow_private, resolver=options.resolver)
    limiter = HostLimiter(options.per_host, service_limits(endpoints, options.per_host),
                          clock=options.monotonic, sleep=options.pacer_sleep)
    fetcher = Fetcher(contact, safety, limiter, options.timeouts, pool_size=max(options.per_host, 4))
    return Context(
        fetcher=fetcher,
        safety=safety,
        retry=options.retry,
        deadline=Deadline(options.time_budget, options.monotonic),
        endpoints=endpoints,
        contact=contact,
        arxiv_pacer=Pacer(options.arxiv_interval, options.monotonic, options.pacer_sleep),
        limiter=limiter,
        github_token=options.github_token,
        arxiv_batch_size=options.arxiv_batch_size,
        crossref_metadata=options.crossref_metadata,
    )


def host_of(url: str) -> str:
    """The key of a host for limits and statistics: host and port, as in the URL (lower-cased)."""
    return urlsplit(url).netloc.lower()


def first_host(target: Target, ctx: Context) -> str:
    """The host the target's strategy asks first (its job waits in that host's queue)."""
    return host_of(strategy_for(target).asks(target, ctx.endpoints))


def _jobs(targets: list[Target], ctx: Context) -> list[Job]:
    """One job per target, except batch strategies (arXiv): one job for all their targets. Each job
    waits in the queue of the host its strategy asks first."""
    by_strategy: dict[str, list[Target]] = {}
    for target in targets:
        by_strategy.setdefault(strategy_for(target).name, []).append(target)
    jobs: list[Job] = []
    for strategy in REGISTRY:
        group = by_strategy.get(strategy.name, [])
        if not group:
            continue
        if strategy.check_batch is not None:
            jobs.append(Job(first_host(group[0], ctx), _batch_job(strategy, group, ctx)))
        else:
            jobs.extend(Job(first_host(target, ctx), _single_job(strategy, target, ctx)) for target in group)
    return jobs


def _batch_job(strategy: Strategy, group: list[Target], ctx: Context) -> Callable[[Emit], None]:
    def job(emit: Emit) -> None:
        done: set[str] = set()
        try:
            for target, result in strategy.check_batch(group, ctx):  # type: ignore[misc]
                done.add(target.key)
                emit((target, result))
        except Exception as error:  # budget spent, or a bug: never lose the other targets' outcome
            reason = str(error) if isinstance(error, BudgetExhausted) else f"internal error: {error!r}"
            for target in group:
                if target.key not in done:
                    emit((target, Result(UNKNOWN, reason, answered=None)))

    return job


def _single_job(strategy: Strategy, target: Target, ctx: Context) -> Callable[[Emit], None]:
    def job(emit: Emit) -> None:
        try:
            result = strategy.check(target, ctx)  # type: ignore[misc]
        except BudgetExhausted as error:
            result = Result(UNKNOWN, str(error), answered=None)
        except Exception as error:  # a bug must not hide the other links' outcomes
            result = Result(UNKNOWN, f"internal error while checking: {error!r}", answered=None)
        emit((target, result))

    return job


def check_catalog(catalog: Catalog, ctx: Context, cache: LinkCache, options: Options,
                  progress: Progress | None = None) -> CheckRun:
    """Check every link of `catalog` that the cache does not hold as fresh; record results as they come."""
    progress = progress or Progress()
    started = options.monotonic()
    now = options.wall_clock()
    references, targets = collect(catalog)
    results, pending = _fresh_from_cache(targets, cache, now, options.reuse_fresh)
    from_cache = set(results)
    derived = [t for t in pending if _dependency(t)]
    direct = [t for t in pending if not _dependency(t)]
    progress.start(len(pending))
    try:
        checked = _check_direct(direct, ctx, cache, now, options, progress)
        held = [key for key, result in checked.items() if result.dns_failure]
        network_down = _settle_network(checked)
        results.update(checked)
        for key in held:  # recorded now that we know whether the network was up
            cache.record(key, checked[key], now)
        for target in derived:
            results[target.key] = result = _derive(target, results)
            cache.record(target.key, result, now)
            progress.advance(target, result)
        archived = suggest_archived(targets, results, ctx) if options.suggest else {}
    finally:
        ctx.deadline.cancel()  # workers still running (after Ctrl-C) stop at their next request
        progress.stop()
        cache.save()
    dead = [k for k, r in results.items() if r.outcome == DEAD]
    return CheckRun(
        references=references,
        targets=targets,
        results=results,
        from_cache=from_cache,
        dead_since={k: cache.dead_since(k) or now for k in dead},
        confirmed_dead={k for k in dead if cache.confirmed_dead(k, now)},
        network_down=network_down,
        requests={**ctx.counters, "pages": _page_requests(ctx)},
        elapsed=options.monotonic() - started,
        pacer=ctx.arxiv_pacer,
        checked_at=now,
        notes=[cache.note] if cache.note else [],
        archived_copies=archived,
        hosts=dict(ctx.limiter.stats.hosts),
    )


def _fresh_from_cache(targets: dict[str, Target], cache: LinkCache, now: float, reuse: bool
                      ) -> tuple[dict[str, Result], list[Target]]:
    fresh: dict[str, Result] = {}
    pending: list[Target] = []
    for key, target in targets.items():
        cached = cache.fresh(key, now) if reuse else None
        if cached is not None:
            fresh[key] = cached
        else:
            pending.append(target)
    return fresh, pending


def _check_direct(targets: list[Target], ctx: Context, cache: LinkCache, now: float, options: Options,
                  progress: Progress) -> dict[str, Result]:
    """Run the strategies; each result is cached as it arrives (the file is saved every few seconds),
    except dead-by-DNS results, which wait until we know the network is up."""
    checked: dict[str, Result] = {}
    last_save = options.monotonic()
    limiter = ctx.limiter
    for target, result in run_streaming(_jobs(targets, ctx), len(targets), options.concurrency,
                                        limiter.limit_for):
        checked[target.key] = result
        limiter.stats.outcome(first_host(target, ctx), result.outcome)
        if not result.dns_failure:
            cache.record(target.key, result, now)
        progress.advance(target, result)
        if options.monotonic() - last_save >= options.save_every:
            cache.save()
            last_save = options.monotonic()
    return checked


def _settle_network(checked: dict[str, Result]) -> bool:
    """On an offline machine (something failed at the network level and nothing at all answered),
    nothing is called dead: such results become unknown, in place. Returns whether the network is down."""
    answers = [r.answered for r in checked.values()]
    network_down = False in answers and True not in answers
    if network_down:
        for key, result in checked.items():
            if result.outcome == DEAD:
                checked[key] = Result(UNKNOWN, f"network unreachable, not judged ({result.reason})",
                                      result.evidence, answered=False)
    return network_down


def _derive(target: Target, results: dict[str, Result]) -> Result:
    dependency = _dependency(target)
    base = results.get(dependency or "")
    strategy = strategy_for(target)
    if base is None or strategy.derive is None:
        return Result(UNKNOWN, f"{dependency} was not checked", answered=None)
    return strategy.derive(target, base)


def _page_requests(ctx: Context) -> int:
    services = sum(ctx.counters.values())
    return max(0, ctx.fetcher.request_count - services)


def _dependency(target: Target) -> str | None:
    strategy = strategy_for(target)
    return strategy.depends_on(target) if strategy.depends_on else None
