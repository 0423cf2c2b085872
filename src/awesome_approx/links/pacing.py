"""Time-related politeness: retries with backoff, Retry-After, pacing of a service, the run's budget.

Every clock and sleep is injectable, so tests assert the 3 s arXiv spacing and backoff delays on a fake
clock without waiting, and benchmarks can shorten intervals.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

Clock = Callable[[], float]
Sleep = Callable[[float], None]


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: delay-seconds or an HTTP-date; None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


class BudgetExhausted(Exception):
    """The run's time budget is spent: what is left is reported as unknown."""


@dataclass
class Deadline:
    """The run's time budget; also how workers learn that the run was stopped (Ctrl-C)."""

    seconds: float | None  # None: no budget
    clock: Clock = time.monotonic
    start: float = field(default=0.0)
    cancelled: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.start = self.clock()

    def cancel(self) -> None:
        """Make every later check fail, so workers stop at their next request instead of running on."""
        self.cancelled.set()

    def remaining(self) -> float:
        if self.seconds is None:
            return float("inf")
        return self.seconds - (self.clock() - self.start)

    def check(self) -> None:
        if self.cancelled.is_set():
            raise BudgetExhausted("the run was stopped")
        if self.remaining() <= 0:
            raise BudgetExhausted(f"the run's time budget of {self.seconds:g} s is spent")


@dataclass
class RetryPolicy:
    """Exponential backoff with jitter, honouring Retry-After up to `max_delay`."""

    attempts: int = 3  # tries in all, the first included
    base_delay: float = 1.0
    max_delay: float = 60.0  # cap on any single wait, Retry-After included
    jitter: float = 0.5  # a delay grows by up to this fraction, so clients do not retry in lockstep
    sleep: Sleep = time.sleep
    wall_clock: Clock = time.time  # for Retry-After HTTP-dates
    rng: random.Random = field(default_factory=random.Random)
    waits: list[float] = field(default_factory=list)  # every delay slept, for tests and reports

    def asked_delay(self, retry_after: str | None) -> float | None:
        """The wait a Retry-After header asks for, capped at `max_delay`; None without a usable one."""
        asked = parse_retry_after(retry_after, self.wall_clock())
        return None if asked is None else min(asked, self.max_delay)

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """The wait before try number `attempt + 1` (attempt counts from 1)."""
        asked = self.asked_delay(retry_after)
        if asked is not None:
            return asked
        backoff = self.base_delay * 2 ** (attempt - 1)
        return min(backoff * (1 + self.jitter * self.rng.random()), self.max_delay)

    def wait(self, attempt: int, retry_after: str | None, deadline: Deadline | None = None) -> None:
        seconds = self.delay(attempt, retry_after)
        if deadline is not None and seconds >= deadline.remaining():
            raise BudgetExhausted("no time left in the run's budget to wait before retrying")
        self.waits.append(seconds)
        if seconds > 0:
            self.sleep(seconds)


class Pacer:
    """One call at a time, the next starting at least `interval` s after the previous one ended.

    arXiv asks for one request every 3 s; measuring from the end of the previous request (rather than
    its start) keeps the gap at the server's side at least `interval` even when answers are slow.
    """

    def __init__(
        self, interval: float = 3.0, clock: Clock = time.monotonic, sleep: Sleep = time.sleep
    ) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self.starts: list[float] = []  # clock value when each call was let through
        self._last_end: float | None = None
        self._lock = threading.Lock()

    def __enter__(self) -> Pacer:
        self._lock.acquire()
        try:
            if self._last_end is not None:
                wait = self._last_end + self.interval - self.clock()
                if wait > 0:
                    self.sleep(wait)
            self.starts.append(self.clock())
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self._last_end = self.clock()
        self._lock.release()


class FakeClock:
    """A clock whose sleep advances time instantly (tests and dry runs)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.slept: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept.append(seconds)
            self.now += max(seconds, 0.0)
