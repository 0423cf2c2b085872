"""Concurrency: a global worker pool fed from one queue per host, and a limit of requests per host.

Jobs wait in one queue per host (the host a job asks first). A worker takes the next job of a host that
has a free slot, hosts in turn, so a host never runs more than its limit of jobs at once and a slow
host (timeouts, Retry-After) holds at most its own slots, never the whole pool. `concurrency` bounds
the workers overall (default 128, lychee's default); the floor is then `per_host` requests at once on
every host. `HostLimiter` bounds each request as well (default 4 per host, lower for services that ask
for it), which also covers redirects to another host. A slot is held only for the duration of one
request, not while a retry waits. When a host asks us to wait (Retry-After), no request to that host
starts before then, not just the retry of the request that was told.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

Emit = Callable[[tuple], None]
DEFAULT_CONCURRENCY = 128
DEFAULT_PER_HOST = 4


@dataclass
class HostTally:
    """What one host cost: requests sent, seconds spent in them, retries, and the outcomes it gave."""

    requests: int = 0
    seconds: float = 0.0
    retries: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)


class HostStats:
    """Per-host figures for `--host-stats`, fed by the limiter (requests), strategies (retries) and the
    checker (outcomes). Thread-safe."""

    def __init__(self) -> None:
        self.hosts: dict[str, HostTally] = {}
        self._lock = threading.Lock()

    def _tally(self, host: str) -> HostTally:
        return self.hosts.setdefault(host.lower(), HostTally())

    def request(self, host: str, seconds: float) -> None:
        with self._lock:
            tally = self._tally(host)
            tally.requests += 1
            tally.seconds += seconds

    def retry(self, host: str) -> None:
        with self._lock:
            self._tally(host).retries += 1

    def outcome(self, host: str, outcome: str) -> None:
        with self._lock:
            self._tally(host).outcomes[outcome] += 1


class HostLimiter:
    def __init__(self, per_host: int = DEFAULT_PER_HOST, limits: dict[str, int] | None = None,
                 stats: HostStats | None = None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.per_host = per_host
        self.limits = dict(limits or {})
        self.stats = stats or HostStats()
        self.clock = clock  # for pauses; injectable so tests wait on a fake clock
        self.sleep = sleep
        self._semaphores: dict[str, threading.BoundedSemaphore] = {}
        self._resume_at: dict[str, float] = {}
        self._lock = threading.Lock()

    def pause(self, host: str, seconds: float) -> None:
        """The host asked us to wait `seconds` (Retry-After): no request to it starts before then."""
        with self._lock:
            host = host.lower()
            self._resume_at[host] = max(self._resume_at.get(host, 0.0), self.clock() + seconds)

    def limit_for(self, host: str) -> int:
        return self.limits.get(host.lower(), self.per_host)

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            if host not in self._semaphores:
                self._semaphores[host] = threading.BoundedSemaphore(self.limit_for(host))
            return self._semaphores[host]

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        host = host.lower()
        with self._semaphore(host):
            with self._lock:
                wait = self._resume_at.get(host, 0.0) - self.clock()
            if wait > 0:
                self.sleep(wait)
            started = time.perf_counter()
            try:
                yield
            finally:
                self.stats.request(host, time.perf_counter() - started)


@dataclass(frozen=True)
class Job:
    host: str  # the host (netloc) the job asks first: it waits in that host's queue
    run: Callable[[Emit], None]


class HostQueues:
    """Jobs waiting in one queue per host; `take` hands out a job only while its host has a free slot."""

    def __init__(self, jobs: Iterable[Job], slots: Callable[[str], int]) -> None:
        self._waiting: dict[str, list[Job]] = {}
        for job in jobs:
            self._waiting.setdefault(job.host, []).append(job)
        for waiting in self._waiting.values():
            waiting.reverse()  # popped from the end: first in, first out
        self._slots = slots
        self._running: Counter[str] = Counter()
        self._ready: dict[str, None] = dict.fromkeys(self._waiting)  # ordered set: hosts take turns
        self._changed = threading.Condition()
        self._closed = False

    def take(self) -> Job | None:
        """The next job to run, waiting while every host with jobs left is at its limit; None when no
        job is left to start (or the run was stopped)."""
        with self._changed:
            while not self._ready:
                if self._closed or not any(self._waiting.values()):
                    return None
                self._changed.wait()
            if self._closed:
                return None
            host = next(iter(self._ready))
            del self._ready[host]
            job = self._waiting[host].pop()
            self._running[host] += 1
            self._mark_ready(host)  # back at the end of the turn, if it can take another
            return job

    def finish(self, job: Job) -> None:
        with self._changed:
            self._running[job.host] -= 1
            self._mark_ready(job.host)
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def _mark_ready(self, host: str) -> None:
        if self._waiting[host] and self._running[host] < max(1, self._slots(host)):
            self._ready.setdefault(host, None)


def run_streaming(jobs: Iterable[Job], expected: int, concurrency: int = DEFAULT_CONCURRENCY,
                  slots: Callable[[str], int] = lambda host: DEFAULT_PER_HOST) -> Iterator[tuple]:
    """Run jobs on `concurrency` worker threads, at most `slots(host)` jobs of one host at once; each
    job calls `emit(item)` once per finished item.

    Yields the `expected` items in the order they finish. When the consumer stops early (Ctrl-C
    included), jobs not started are dropped and the caller is not kept waiting for running ones
    (they end with their current request, bounded by its timeouts).
    """
    items: queue.Queue = queue.Queue()
    jobs = list(jobs)
    queues = HostQueues(jobs, slots)

    def work() -> None:
        while (job := queues.take()) is not None:
            try:
                job.run(items.put)
            finally:
                queues.finish(job)

    workers = [threading.Thread(target=work, name=f"links-{n}", daemon=True)
               for n in range(max(1, min(concurrency, len(jobs))))]
    for worker in workers:
        worker.start()
    try:
        for _ in range(expected):
            while True:
                try:
                    item = items.get(timeout=0.25)  # wake up regularly so Ctrl-C is handled promptly
                    break
                except queue.Empty:
                    continue
            yield item
    finally:
        queues.close()
