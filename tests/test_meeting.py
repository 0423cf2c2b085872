"""Two processes sharing a list from its two ends: every item done, each result kept once, the faster
process doing more."""

from __future__ import annotations

import pytest

from awesome_approx import forked
from awesome_approx.meeting import Meeting, joined

pytestmark = pytest.mark.skipif(not forked.available(), reason="needs os.fork")


def square(index: int) -> int:
    return index * index


def slow_square(index: int) -> int:
    sum(range(20_000))  # real work, many times that of square: this side falls behind
    return index * index


def backward(meeting: Meeting, work) -> list[int]:
    return meeting.backward(work)


def shared_between_two_processes(total: int, forward_work, backward_work) -> tuple[list[int], list[int]]:
    """This process works forward, a forked child backward: both lists of results."""
    meeting = Meeting(total)
    try:
        child = forked.start(backward, meeting, backward_work)
        front = meeting.forward(forward_work)
        back = forked.result(child)
    finally:
        meeting.close()
    return front, back


@pytest.mark.parametrize("total", [0, 1, 2, 7, 1000])
def test_two_processes_cover_the_list_each_item_once(total):
    front, back = shared_between_two_processes(total, square, square)
    assert len(front) + len(back) >= total
    assert joined(front, back, total, square) == [square(i) for i in range(total)]


def test_the_faster_process_does_more_of_the_work():
    front, back = shared_between_two_processes(400, square, slow_square)
    assert joined(front, back, 400, square) == [square(i) for i in range(400)]
    assert len(front) > len(back)


def test_items_neither_worker_did_are_done_when_joining():
    done_here = []

    def work(index: int) -> int:
        done_here.append(index)
        return square(index)

    assert joined([0, 1], [81], 10, work) == [square(i) for i in range(10)]
    assert done_here == list(range(2, 9))
    assert joined([], [], 3, work) == [0, 1, 4]


def test_items_both_workers_did_are_kept_once():
    assert joined([0, 1, 4, 9], [4, 9, 16], 5, square) == [0, 1, 4, 9, 16]
