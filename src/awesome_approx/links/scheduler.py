"""Concurrency: a global worker pool and a limit of simultaneous requests per host.

The pool bounds how much runs at once overall (default 32); `HostLimiter` bounds each host (default 4,
lower for services that ask for it). A slot is held only for the duration of one request, not while a
retry waits, so one slow host never starves the others.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

Emit = Callable[[tuple], None]
DEFAULT_CONCURRENCY = 32
DEFAULT_PER_HOST = 4


class HostLimiter:
    def __init__(self, per_host: int = DEFAULT_PER_HOST, limits: dict[str, int] | None = None) -> None:
        self.per_host = per_host
        self.limits = dict(limits or {})
        self._semaphores: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            if host not in self._semaphores:
                self._semaphores[host] = threading.BoundedSemaphore(self.limits.get(host, self.per_host))
            return self._semaphores[host]

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        semaphore = self._semaphore(host.lower())
        with semaphore:
            yield


def run_streaming(
    jobs: Iterable[Callable[[Emit], None]], expected: int, concurrency: int = DEFAULT_CONCURRENCY
) -> Iterator[tuple]:
    """Run jobs on a pool of `concurrency` threads; each job calls `emit(item)` once per finished item.

    Yields the `expected` items in the order they finish. When the consumer stops early (Ctrl-C
    included), jobs not started are cancelled and the caller is not kept waiting for running ones
    (they end with their current request, bounded by its timeouts).
    """
    items: queue.Queue = queue.Queue()
    pool = ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="links")
    try:
        for job in jobs:
            pool.submit(job, items.put)
        for _ in range(expected):
            while True:
                try:
                    item = items.get(timeout=0.25)  # wake up regularly so Ctrl-C is handled promptly
                    break
                except queue.Empty:
                    continue
            yield item
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
