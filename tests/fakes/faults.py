"""A fake web host with one path per fault case, for checking plain URLs.

    with FaultServer() as web:
        url = web.url + "/redirect-to-404"
        web.hits["/flaky"]              # how many requests a path received
        web.sent["/huge"]               # body bytes actually written for a path

`FaultServer(*, host="127.0.0.1", latency=0.0, stall=30.0, slow_interval=0.2,
private_location="http://169.254.169.254/latest/meta-data/", in_flight_limit=None)`; `host` may be any
127.x.y.z address (the benchmark spreads hosts across 127.0.0.0/8); `in_flight_limit` as in
`fakes.server`. Paths (HEAD and GET alike unless said):

| path | answer |
|---|---|
| /ok, /ok/anything | 200 |
| /, /home, /page-not-found | 200 (a home page, generic pages) |
| /to-home | 301 -> / (a removed page sent to the home page: a soft 404) |
| /to-generic | 302 -> /page-not-found |
| /sent-away | 302 -> `http://localhost:PORT/ok/elsewhere` (another site) |
| /not-found | 404 |
| /gone | 410 |
| /flaky | 500 on the first request, then 200 |
| /unavailable | 503 with `Retry-After: 1`, always |
| /unavailable-then-ok | 503 with `Retry-After: 2` on the first request, then 200 |
| /rate-limited-seconds | 429 with `Retry-After: 3` on the first request, then 200 |
| /rate-limited-date | 429 with `Retry-After: <HTTP-date 4 s ahead>` on the first request, then 200 |
| /rate-limited | 429 with `Retry-After: 1`, always |
| /timeout | headers never come (waits up to `stall` s): a read timeout |
| /reset | the connection is reset (TCP RST) without an answer |
| /redirect-chain | 301 -> /redirect-chain/2 -> 302 -> /ok |
| /redirect-to-404 | 301 -> /not-found |
| /loop-a | 302 -> /loop-b -> 302 -> /loop-a ... |
| /head-not-allowed | HEAD 405, GET 200 |
| /head-not-allowed-gone | HEAD 405, GET 404 |
| /head-mishandled | HEAD 404, GET 200 (a server that gets HEAD wrong) |
| /forbidden | 403 (bot block) |
| /teapot | 418 (bot block, as IEEE Xplore sends) |
| /challenge | 202 with a JavaScript challenge page |
| /cf-challenge | 403 with `cf-mitigated: challenge` and a plain body (only the header tells) |
| /datadome | 403 with `x-datadome: protected` and `x-dd-b: 1` |
| /datadome-passed | 200 with `x-datadome: protected` (a page DataDome let through) |
| /challenge-503 | 503 with a challenge page |
| /challenge-429 | 429 with a challenge page |
| /huge | HEAD 405; GET 200 announcing 100 MB and streaming it until the client hangs up |
| /slow | HEAD 405; GET 200, then a 1,000-byte body at one byte per `slow_interval` s |
| /to-private | 302 -> `private_location` (cloud metadata address by default) |
| anything else | 404 |
"""

from __future__ import annotations

import socket
import struct
from collections import Counter
from email.utils import formatdate
from time import time

from fakes.server import LoopbackServer, reply

CHALLENGE_PAGE = ("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
                  "<noscript>Please enable JavaScript and cookies to continue</noscript>"
                  "<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1'></script></body></html>")
HUGE_SIZE = 100 * 1024 * 1024
HTML, TEXT = "text/html", "text/plain; charset=utf-8"
WELCOME = "<html><title>Welcome</title></html>"
# Paths whose answer never changes: (status, body, content type, extra headers).
FIXED: dict[str, tuple[int, str, str, dict[str, str] | None]] = {
    "/": (200, WELCOME, HTML, None),
    "/home": (200, WELCOME, HTML, None),
    "/page-not-found": (200, WELCOME, HTML, None),
    "/to-home": (301, "", TEXT, {"Location": "/"}),
    "/to-generic": (302, "", TEXT, {"Location": "/page-not-found"}),
    "/cf-challenge": (403, "Forbidden", TEXT, {"cf-mitigated": "challenge"}),
    "/datadome": (403, '{"url": "https://geo.captcha-delivery.example/"}', "application/json",
                  {"x-datadome": "protected", "x-dd-b": "1"}),
    "/datadome-passed": (200, "<html><title>fine</title></html>", HTML, {"x-datadome": "protected"}),
    "/challenge-503": (503, CHALLENGE_PAGE, HTML, None),
    "/challenge-429": (429, CHALLENGE_PAGE, HTML, None),
}


class FaultServer(LoopbackServer):
    def __init__(self, *, host: str = "127.0.0.1", latency: float = 0.0, stall: float = 30.0,
                 slow_interval: float = 0.2,
                 private_location: str = "http://169.254.169.254/latest/meta-data/",
                 in_flight_limit: int | None = None) -> None:
        super().__init__(host=host, latency=latency, in_flight_limit=in_flight_limit)
        self.stall = stall
        self.slow_interval = slow_interval
        self.private_location = private_location
        self.hits: Counter[str] = Counter()
        self.sent: Counter[str] = Counter()

    def handle(self, handler, request) -> None:
        path = request.path
        with self.lock:
            self.hits[path] += 1
            first = self.hits[path] == 1
        head = handler.command == "HEAD"
        if path == "/ok" or path.startswith("/ok/"):
            reply(handler, 200, "<html><title>fine</title></html>", "text/html")
        elif path in FIXED:
            status, body, content_type, headers = FIXED[path]
            reply(handler, status, body, content_type, headers)
        elif path == "/sent-away":
            reply(handler, 302, "", headers={"Location": f"http://localhost:{self.port}/ok/elsewhere"})
        elif path == "/not-found":
            reply(handler, 404, "no such page")
        elif path == "/gone":
            reply(handler, 410, "gone for good")
        elif path == "/flaky":
            reply(handler, 500 if first else 200, "flaky")
        elif path == "/unavailable":
            reply(handler, 503, "busy", headers={"Retry-After": "1"})
        elif path == "/unavailable-then-ok":
            reply(handler, 503 if first else 200, "busy", headers={"Retry-After": "2"} if first else None)
        elif path == "/rate-limited-seconds":
            headers = {"Retry-After": "3"} if first else None
            reply(handler, 429 if first else 200, "slow down", headers=headers)
        elif path == "/rate-limited-date":
            later = formatdate(time() + 4, usegmt=True)
            headers = {"Retry-After": later} if first else None
            reply(handler, 429 if first else 200, "slow down", headers=headers)
        elif path == "/rate-limited":
            reply(handler, 429, "slow down", headers={"Retry-After": "1"})
        elif path == "/timeout":
            self.stopping.wait(self.stall)
            handler.close_connection = True
        elif path == "/reset":
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            handler.connection.close()
            handler.close_connection = True
        elif path == "/redirect-chain":
            reply(handler, 301, "", headers={"Location": "/redirect-chain/2"})
        elif path == "/redirect-chain/2":
            reply(handler, 302, "", headers={"Location": f"{self.url}/ok"})
        elif path == "/redirect-to-404":
            reply(handler, 301, "", headers={"Location": "/not-found"})
        elif path in ("/loop-a", "/loop-b"):
            reply(handler, 302, "", headers={"Location": "/loop-b" if path == "/loop-a" else "/loop-a"})
        elif path == "/head-not-allowed":
            reply(handler, 405 if head else 200, "method not allowed" if head else "<html>fine</html>")
        elif path == "/head-not-allowed-gone":
            reply(handler, 405 if head else 404, "method not allowed" if head else "no such page")
        elif path == "/head-mishandled":
            reply(handler, 404 if head else 200, "" if head else "<html>fine</html>", "text/html")
        elif path == "/forbidden":
            reply(handler, 403, "Access denied")
        elif path == "/teapot":
            reply(handler, 418, "I'm a teapot")
        elif path == "/challenge":
            reply(handler, 202, CHALLENGE_PAGE, "text/html")
        elif path == "/huge":
            self._huge(handler, head)
        elif path == "/slow":
            self._slow(handler, head)
        elif path == "/to-private":
            reply(handler, 302, "", headers={"Location": self.private_location})
        else:
            reply(handler, 404, "no such page")

    def _huge(self, handler, head: bool) -> None:
        if head:
            reply(handler, 405, "")
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "application/octet-stream")
        handler.send_header("Content-Length", str(HUGE_SIZE))
        handler.end_headers()
        chunk = b"\0" * 65536
        for _ in range(HUGE_SIZE // len(chunk)):
            if self.stopping.is_set():
                break
            handler.wfile.write(chunk)
            with self.lock:
                self.sent["/huge"] += len(chunk)
        handler.close_connection = True

    def _slow(self, handler, head: bool) -> None:
        if head:
            reply(handler, 405, "")
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        handler.wfile.flush()
        for _ in range(1000):
            if self.stopping.wait(self.slow_interval):
                break
            handler.wfile.write(b"x")
            handler.wfile.flush()
            with self.lock:
                self.sent["/slow"] += 1
        handler.close_connection = True
