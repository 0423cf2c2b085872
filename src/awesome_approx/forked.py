"""Run a function in a forked child process and read its result back through a pipe.

Why not concurrent.futures: for one short burst of work per command, ProcessPoolExecutor cost more than it
saved here. It takes ~25 ms to import, pickles every result, and on shutdown waits for each worker's
interpreter to tear down its heap. A forked child sends one `marshal` blob (results are plain tuples,
dicts, strings and numbers) and leaves with os._exit. Only for callers that have started no threads,
such as the command line; forking a threaded process is unsafe.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class ChildFailed(RuntimeError):
    """The child raised, or ended without sending a result."""


@dataclass(frozen=True)
class Child:
    pid: int
    result_fd: int


def available() -> bool:
    """True where forking is possible and safe: the platform has fork and this process runs one thread
    (a forked copy of a threaded process can deadlock on a lock another thread held)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def start(function: Callable[..., Any], *args: Any) -> Child:
    """Fork; the child runs function(*args) and writes the marshalled outcome to a pipe, then exits."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # pragma: no cover - runs in the child, whose coverage is not collected
        status = 0
        try:
            os.close(read_end)
            try:
                payload = marshal.dumps((True, function(*args)))
            except BaseException:  # everything, KeyboardInterrupt included, is reported, never propagated
                status = 1
                payload = marshal.dumps((False, traceback.format_exc()))
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        finally:
            os._exit(status)  # no atexit handlers, no flushing the parent's copied buffers, no heap teardown
    os.close(write_end)
    return Child(pid, read_end)


def result(child: Child) -> Any:
    """The child's return value; ChildFailed when it raised or died."""
    with os.fdopen(child.result_fd, "rb") as stream:
        payload = stream.read()
    _, status = os.waitpid(child.pid, 0)
    try:
        succeeded, value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        raise ChildFailed(f"the worker process ended without a result (wait status {status})") from None
    if not succeeded:
        raise ChildFailed(f"the worker process failed:\n{value}")
    return value


def stop(child: Child) -> None:
    """End a child whose result is no longer wanted (e.g. after Ctrl-C in the parent)."""
    with contextlib.suppress(OSError):
        os.kill(child.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.close(child.result_fd)
    with contextlib.suppress(OSError):
        os.waitpid(child.pid, 0)
