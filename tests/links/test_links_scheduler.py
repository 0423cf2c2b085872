"""The scheduler: per-host queues feed the workers, so a slow host holds only its own slots."""

from __future__ import annotations

import threading
from collections import Counter

from awesome_approx.links.scheduler import HostQueues, Job, run_streaming


def test_a_slow_host_holds_only_its_own_slots():
    release = threading.Event()

    def slow(emit):
        release.wait(10)  # a host that answers only after everything else is done
        emit(("slow",))

    def fast(n):
        return lambda emit: emit(("fast", n))

    # The slow host's jobs come first: a plain pool of 8 would give them all 8 workers.
    jobs = [Job("slow.example", slow) for _ in range(20)] + [Job("fast.example", fast(n)) for n in range(20)]
    items = run_streaming(jobs, 40, concurrency=8, slots=lambda host: 2)
    first = [next(items) for _ in range(20)]
    release.set()
    rest = list(items)
    assert first == [("fast", n) for n in range(20)]  # one host's queue is first in, first out
    assert rest == [("slow",)] * 20


def test_no_host_runs_more_jobs_at_once_than_its_slots():
    lock = threading.Lock()
    running: Counter[str] = Counter()
    most: Counter[str] = Counter()

    def job(host):
        def run(emit):
            with lock:
                running[host] += 1
                most[host] = max(most[host], running[host])
            with lock:
                running[host] -= 1
            emit((host,))
        return Job(host, run)

    jobs = [job(host) for _ in range(50) for host in ("a", "b", "c")]
    limits = {"a": 1, "b": 3}
    assert len(list(run_streaming(jobs, 150, concurrency=16, slots=lambda h: limits.get(h, 2)))) == 150
    assert most["a"] <= 1 and most["b"] <= 3 and most["c"] <= 2


def test_hosts_take_turns():
    queues = HostQueues([Job(h, lambda emit: None) for h in "aaabbc"], slots=lambda host: 10)
    assert [queues.take().host for _ in range(6)] == list("abcaba")
    assert queues.take() is None  # nothing left to start


def test_a_full_host_is_skipped_until_a_slot_frees():
    queues = HostQueues([Job(h, lambda emit: None) for h in "aab"], slots=lambda host: 1)
    first = queues.take()
    assert first.host == "a" and queues.take().host == "b"
    queues.finish(first)
    assert queues.take().host == "a"


def test_retry_after_holds_back_every_request_to_that_host():
    from awesome_approx.links.pacing import FakeClock
    from awesome_approx.links.scheduler import HostLimiter

    clock = FakeClock()
    limiter = HostLimiter(clock=clock, sleep=clock.sleep)
    limiter.pause("busy.example:443", 5.0)
    with limiter.slot("other.example:443"):
        pass
    assert clock.slept == []  # another host is not held back
    with limiter.slot("BUSY.example:443"):
        pass
    assert clock.slept == [5.0]
    with limiter.slot("busy.example:443"):
        pass
    assert clock.slept == [5.0]  # the pause is over
