"""Retry-After parsing, backoff with jitter and caps, the pacer and the time budget, on a fake clock."""

from __future__ import annotations

import random
from email.utils import formatdate

import pytest

from awesome_approx.links.pacing import (
    BudgetExhausted,
    Deadline,
    FakeClock,
    Pacer,
    RetryPolicy,
    parse_retry_after,
)

NOW = 1_800_000_000.0


@pytest.mark.parametrize(("header", "seconds"), [
    ("3", 3.0), (" 120 ", 120.0), (formatdate(NOW + 30, usegmt=True), 30.0),
    (formatdate(NOW - 30, usegmt=True), 0.0), ("soon", None), ("", None), (None, None), ("-5", None),
])
def test_retry_after_in_seconds_and_http_date(header, seconds):
    assert parse_retry_after(header, NOW) == seconds


def test_backoff_grows_exponentially_with_bounded_jitter_and_a_cap():
    policy = RetryPolicy(base_delay=1.0, max_delay=5.0, jitter=0.5, rng=random.Random(7))
    delays = [policy.delay(n) for n in (1, 2, 3, 4)]
    assert 1.0 <= delays[0] <= 1.5 and 2.0 <= delays[1] <= 3.0 and 4.0 <= delays[2] <= 5.0
    assert delays[3] == 5.0


def test_retry_after_wins_over_backoff_but_is_capped():
    policy = RetryPolicy(max_delay=60.0, wall_clock=lambda: NOW)
    assert policy.delay(1, "7") == 7.0
    assert policy.delay(1, "3600") == 60.0
    assert policy.delay(1, formatdate(NOW + 10, usegmt=True)) == pytest.approx(10.0)


def test_no_wait_beyond_the_time_budget():
    clock = FakeClock()
    deadline = Deadline(5.0, clock)
    policy = RetryPolicy(sleep=clock.sleep)
    with pytest.raises(BudgetExhausted):
        policy.wait(1, "30", deadline)
    assert clock.slept == []


def test_a_cancelled_run_stops_at_the_next_check():
    deadline = Deadline(None)
    deadline.check()
    deadline.cancel()
    with pytest.raises(BudgetExhausted, match="stopped"):
        deadline.check()


def test_pacer_spaces_calls_from_the_end_of_the_previous_one():
    clock = FakeClock(start=0.0)
    pacer = Pacer(3.0, clock, clock.sleep)
    with pacer:
        clock.now += 1.0  # the request took 1 s
    with pacer:
        pass
    assert pacer.starts == [0.0, 4.0]
    assert clock.slept == [3.0]


def test_pacer_does_not_wait_when_enough_time_passed():
    clock = FakeClock(start=0.0)
    pacer = Pacer(3.0, clock, clock.sleep)
    with pacer:
        pass
    clock.now += 10
    with pacer:
        pass
    assert clock.slept == []
