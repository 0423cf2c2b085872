"""Share a list of work between two processes that start at its two ends and stop where they meet.

Why: with a fixed split, one core sits idle whenever the other runs slower, and the cores of this kind of
machine vary by up to 1.5x from moment to moment. Here each process publishes, in memory shared across
fork, the index it is about to work on, and stops at the other's. Nothing is locked: a process may read a
stale index of the other and work on an item or two the other also takes (the same result; one is kept),
but no item is ever skipped. The forward process stops at index i only when the backward one has
published some b <= i, and the backward one works without gaps from the end down to b; symmetrically for
the backward process. So the two lists of results always cover the whole list between them.
"""

from __future__ import annotations

import mmap
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


class Meeting:
    """Positions of the forward and the backward worker of `total` items, shared with forked children.
    Create it before forking; use forward() in one process and backward() in the other."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._memory = mmap.mmap(-1, 16)  # anonymous and shared: children forked later see the same page
        self._positions = memoryview(self._memory).cast("q")  # aligned 8-byte words, each written whole
        self._positions[0] = -1  # the forward worker's current index: none yet
        self._positions[1] = total  # the backward worker's current index: none yet

    def forward(self, work: Callable[[int], Result]) -> list[Result]:
        """work(i) for i = 0, 1, ... until the backward worker's index: the results of [0, len)."""
        positions, results = self._positions, []
        for index in range(self.total):
            if index >= positions[1]:
                break
            positions[0] = index
            results.append(work(index))
        return results

    def backward(self, work: Callable[[int], Result]) -> list[Result]:
        """work(i) for i = total - 1, total - 2, ... until the forward worker's index: the results of
        [total - len, total), in index order."""
        positions, results = self._positions, []
        for index in range(self.total - 1, -1, -1):
            if index <= positions[0]:
                break
            positions[1] = index
            results.append(work(index))
        results.reverse()
        return results

    def close(self) -> None:
        self._positions.release()
        self._memory.close()


def joined(front: list[Result], back: list[Result], total: int, work: Callable[[int], Result]) -> list[Result]:
    """The results of all `total` items from the two workers' lists, each item's result once. Items
    neither did (only when a worker failed and its list is short or empty) are done here with `work`."""
    overlap = len(front) + len(back) - total
    if overlap >= 0:
        return front + back[overlap:]
    return front + [work(index) for index in range(len(front), total - len(back))] + back
