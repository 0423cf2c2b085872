"""A loopback web of many hosts, each a `FaultServer` on its own 127.x address, in a child process.

    with FakeWeb(hosts=50, latency=0.1, in_flight_limit=4) as web:
        web.urls            # base URL of each host: http://127.0.0.2:PORT, http://127.0.0.3:PORT, ...
        web.stats()         # per host, in order: {"requests", "max_in_flight", "over_limit"}
        web.reset()         # forget the requests and maxima seen so far

The servers run in their own process so that they do not compete with the checker for its interpreter
lock: on the real web the hosts' work does not slow the client either. Each host counts the requests that
arrive while `in_flight_limit` are already in flight (`over_limit`, see `fakes.server`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
from multiprocessing.connection import Connection

from fakes.faults import FaultServer


def address(n: int) -> str:
    """The loopback address of host number `n` (0-based): 127.0.0.2 ... 127.0.0.251, 127.0.1.2, ..."""
    return f"127.0.{n // 250}.{2 + n % 250}"


def _serve(conn: Connection, hosts: int, latency: float, in_flight_limit: int | None) -> None:
    servers = []
    for n in range(hosts):
        server = FaultServer(host=address(n), latency=latency, in_flight_limit=in_flight_limit)
        server.poll_interval = 0.5  # hundreds of idle serving threads must not spin; the process exit stops them
        servers.append(server.__enter__())
    conn.send([server.url for server in servers])
    while True:
        try:
            command = conn.recv()
        except EOFError:  # the parent went away
            return
        if command == "stats":
            conn.send([{"requests": len(s.requests), "max_in_flight": s.max_in_flight,
                        "over_limit": s.over_limit} for s in servers])
        elif command == "reset":
            for server in servers:
                with server.lock:
                    server.requests.clear()
                    server.hits.clear()
                    server.max_in_flight = server.over_limit = 0
            conn.send(None)
        else:  # "stop": the servers' threads are daemons and end with the process
            conn.send(None)
            return


class FakeWeb:
    def __init__(self, hosts: int, *, latency: float = 0.0, in_flight_limit: int | None = None) -> None:
        self.hosts = hosts
        self.latency = latency
        self.in_flight_limit = in_flight_limit
        self.urls: list[str] = []
        self._conn: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None

    def __enter__(self) -> FakeWeb:
        context = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, self.hosts, self.latency,
                                                              self.in_flight_limit), daemon=True)
        self._process.start()
        child.close()
        self.urls = self._conn.recv()
        return self

    def _ask(self, command: str):
        assert self._conn is not None
        self._conn.send(command)
        return self._conn.recv()

    def stats(self) -> list[dict[str, int]]:
        return self._ask("stats")

    def reset(self) -> None:
        self._ask("reset")

    def __exit__(self, *exc_info) -> None:
        assert self._process is not None and self._conn is not None
        with contextlib.suppress(EOFError, OSError):  # the child is already gone
            self._ask("stop")
        self._conn.close()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
