"""Work in a forked child: results come back whole, failures are reported, never lost or hidden."""

from __future__ import annotations

import os

import pytest

from awesome_approx import forked
from awesome_approx.validate import load_catalog
from workspace import many_entries

pytestmark = pytest.mark.skipif(not forked.available(), reason="needs os.fork")


def add(a: int, b: int) -> dict[str, tuple[int, ...]]:
    return {"sum": (a + b, os.getpid())}


def fail() -> None:
    raise ValueError("bad entry handling")


def vanish() -> None:
    os._exit(3)


def test_the_child_result_comes_back_through_the_pipe():
    child = forked.start(add, 2, 3)
    value = forked.result(child)
    assert value["sum"][0] == 5
    assert value["sum"][1] == child.pid


def test_an_exception_in_the_child_is_reported_with_its_traceback():
    with pytest.raises(forked.ChildFailed, match="ValueError: bad entry handling"):
        forked.result(forked.start(fail))


def test_a_child_that_dies_without_a_result_is_reported():
    with pytest.raises(forked.ChildFailed, match="ended without a result"):
        forked.result(forked.start(vanish))


def test_stop_ends_and_reaps_a_child_whose_result_is_not_wanted():
    never_written, write_end = os.pipe()
    try:
        child = forked.start(os.read, never_written, 1)  # blocks until killed: nothing is ever written
        forked.stop(child)
        with pytest.raises(ChildProcessError):
            os.waitpid(child.pid, os.WNOHANG)  # already reaped: no zombie left behind
    finally:
        os.close(never_written)
        os.close(write_end)


def test_a_threaded_process_does_not_fork(tmp_path, monkeypatch):
    import threading

    forks = []
    monkeypatch.setattr(forked, "start", lambda *args: forks.append(args))
    release = threading.Event()
    waiter = threading.Thread(target=release.wait)
    waiter.start()
    try:
        assert not forked.available()
        data = many_entries(tmp_path, 600)
        assert len(load_catalog(data, workers=2).catalog.entries) == 600  # loaded in this process alone
        assert forks == []
    finally:
        release.set()
        waiter.join()
