"""A real HTTP server on loopback, run in a thread, for tests and benchmarks.

    with EchoServer() as server:          # any subclass of LoopbackServer
        requests.get(server.url + "/path")
        server.requests                   # every request seen, with its arrival time

`LoopbackServer(host="127.0.0.1", port=0, latency=0.0, in_flight_limit=None)`: binds `host` on a free
port (port 0), serves each request in its own thread, and waits `latency` seconds before answering
(injected latency for benchmarks). Subclasses implement `handle(handler, request)` where `handler` is the
`BaseHTTPRequestHandler` (use `reply()` or write raw bytes) and `request` the `Recorded` request.
Every request is recorded in `server.requests` (thread-safe list) with its `time.monotonic()` arrival;
`server.max_in_flight` is the largest number of requests in flight at the same time, a request counting
from its arrival until its answer starts (not until the last byte is written: the client may already
have its answer and send the next request while this thread finishes, which is not overlap).
With `in_flight_limit`, every request that arrives while that many are in flight is counted in
`server.over_limit` (a politeness bound the client broke; tests and the benchmark assert it is 0).
`server.stopping` is an Event set on exit: handlers that stall (timeouts, slow bodies) wait on it so
the server always stops promptly.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    method: str
    path: str  # without the query
    query: dict[str, list[str]]
    headers: dict[str, str]
    time: float  # time.monotonic() at arrival
    target: str = ""  # path with the query, as sent
    extra: dict = field(default_factory=dict)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    _answering = False  # set once this request's answer has started (it is no longer in flight)

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def send_response(self, code, message=None):
        self._leave_flight()
        super().send_response(code, message)

    def _leave_flight(self) -> None:
        if not self._answering:
            self._answering = True
            with self.server.owner.lock:
                self.server.owner._in_flight -= 1

    def _dispatch(self) -> None:
        owner = self.server.owner
        parts = urlsplit(self.path)
        request = Recorded(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query),
            headers={k.lower(): v for k, v in self.headers.items()},
            time=time.monotonic(),
            target=self.path,
        )
        with owner.lock:
            owner.requests.append(request)
            if owner.in_flight_limit is not None and owner._in_flight >= owner.in_flight_limit:
                owner.over_limit += 1
            owner._in_flight += 1
            owner.max_in_flight = max(owner.max_in_flight, owner._in_flight)
        self._answering = False
        try:
            if owner.latency:
                owner.stopping.wait(owner.latency)
            owner.handle(self, request)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away (body cap, timeout): expected in fault cases
        finally:
            self._leave_flight()

    do_GET = do_HEAD = do_POST = _dispatch


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    owner: LoopbackServer


class LoopbackServer:
    poll_interval = 0.05  # how often the serving thread looks for a shutdown; stopping waits this long

    def __init__(self, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0,
                 in_flight_limit: int | None = None) -> None:
        self.host = host
        self.port = port
        self.latency = latency
        self.in_flight_limit = in_flight_limit
        self.requests: list[Recorded] = []
        self.max_in_flight = 0
        self.over_limit = 0
        self._in_flight = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------
    def __enter__(self):
        self._server = _Server((self.host, self.port), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        name = type(self).__name__
        self._thread = threading.Thread(target=self._server.serve_forever, args=(self.poll_interval,), name=name,
                                        daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopping.set()
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def requests_to(self, path_prefix: str) -> list[Recorded]:
        with self.lock:
            return [r for r in self.requests if r.path.startswith(path_prefix)]

    # -- answering -------------------------------------------------------------------------------
    def handle(self, handler: BaseHTTPRequestHandler, request: Recorded) -> None:
        reply(handler, 404, "not found")


def reply(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: str | bytes = b"",
    content_type: str = "text/plain; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    """Send a complete response (no body on HEAD, as HTTP requires)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    if handler.command != "HEAD" and data:
        handler.wfile.write(data)


def reply_json(
    handler: BaseHTTPRequestHandler, status: int, obj, headers: dict[str, str] | None = None
) -> None:
    reply(handler, status, json.dumps(obj), "application/json", headers)


class FixedAnswer(LoopbackServer):
    """Answers every request with the same status, body and content type: a service that sends whatever
    a test needs (a hostile or broken answer), byte for byte.

        with FixedAnswer(200, b'{"full_name": "a/b", "html_url": "https://evil.example/"}') as github:
            ...

    `hold`: a threading.Barrier every request waits at before it is answered (e.g. Barrier(2): nobody is
    answered until two requests have arrived), so that concurrent clients are in flight together.
    """

    def __init__(self, status: int, body: bytes, content_type: str = "application/json", *,
                 hold: threading.Barrier | None = None, host: str = "127.0.0.1") -> None:
        super().__init__(host=host)
        self.status, self.body, self.content_type, self.hold = status, body, content_type, hold

    def handle(self, handler: BaseHTTPRequestHandler, request: Recorded) -> None:
        if self.hold is not None:
            self.hold.wait(timeout=60)  # BrokenBarrierError if the others never come: the test fails
        reply(handler, self.status, self.body, self.content_type)
