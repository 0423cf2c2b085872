"""The one HTTP transport: per-host slot, no automatic redirects, capped and time-boxed body.

Every request the tool makes goes through a `Fetcher`: the link checker's and `add`'s alike. Two
sessions share the honest User-Agent: a guarded one for URLs taken from entries (checked by the safety
policy at connect time, proxies from the environment ignored so the peer is the real host) and a plain
one for the configured services (arXiv, doi.org, Crossref, GitHub).

Services ask callers to identify themselves with a way to reach a human (arXiv, Crossref's polite pool,
GitHub); the contact comes from `[tool.awesome-approx] contact` in pyproject.toml.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from awesome_approx import __version__
from awesome_approx.net.safety import Refused, SafetyPolicy

TOOL_URL = "https://github.com/awesome-approx/awesome-approx"

BODY_LIMIT = 16 * 1024  # enough to recognise a challenge page; never download a whole file
SERVICE_BODY_LIMIT = 32 * 1024 * 1024


def user_agent(contact: str) -> str:
    """e.g. `awesome-approx/0.1.0 (+https://github.com/awesome-approx/awesome-approx; mailto:me@x.org)`."""
    return f"awesome-approx/{__version__} (+{TOOL_URL}; mailto:{contact})"


def make_session(contact: str, *, pool_size: int = 10) -> requests.Session:
    """A `requests.Session` that sends the honest User-Agent and never retries on its own."""
    session = requests.Session()
    session.headers["User-Agent"] = user_agent(contact)
    adapter = requests.adapters.HTTPAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class HostSlots(Protocol):
    """Bounds simultaneous requests per host (links.scheduler.HostLimiter)."""

    def slot(self, host: str) -> AbstractContextManager[None]: ...


class NoLimit:
    """For callers that make one request at a time anyway (`add`)."""

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        yield


@dataclass(frozen=True)
class Timeouts:
    connect: float = 5.0
    read: float = 15.0
    body: float = 5.0  # the whole body read of a page, so a server trickling bytes cannot hold us
    service_body: float = 60.0  # a service's whole answer (an arXiv feed of 250 papers is about 1 MB)


@dataclass
class Answer:
    method: str
    url: str
    status: int
    reason: str
    headers: dict[str, str]  # lower-case names
    body: bytes = b""
    body_complete: bool = True

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def _guarded_pools(policy: SafetyPolicy):
    """urllib3 pool classes whose connections check the peer address right after connecting."""

    def new_conn(base):
        def _new_conn(self):
            sock = base._new_conn(self)
            try:
                policy.check_peer(sock, self.host)
            except Refused:
                sock.close()
                raise
            return sock

        return _new_conn

    http_conn = type("GuardedHTTPConnection", (HTTPConnection,), {"_new_conn": new_conn(HTTPConnection)})
    https_conn = type("GuardedHTTPSConnection", (HTTPSConnection,), {"_new_conn": new_conn(HTTPSConnection)})
    http_pool = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn})
    https_pool = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn})
    return http_pool, https_pool


class GuardedAdapter(HTTPAdapter):
    def __init__(self, policy: SafetyPolicy, **kwargs) -> None:
        self.policy = policy
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        http_pool, https_pool = _guarded_pools(self.policy)
        self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}


@dataclass
class Fetcher:
    contact: str
    safety: SafetyPolicy = field(default_factory=SafetyPolicy)
    limiter: HostSlots = field(default_factory=NoLimit)
    timeouts: Timeouts = field(default_factory=Timeouts)
    body_limit: int = BODY_LIMIT
    pool_size: int = 8

    def __post_init__(self) -> None:
        self.pages = make_session(self.contact)
        self.pages.trust_env = False
        adapter = GuardedAdapter(self.safety, pool_connections=64, pool_maxsize=self.pool_size, max_retries=0)
        self.pages.mount("http://", adapter)
        self.pages.mount("https://", adapter)
        self.services = make_session(self.contact, pool_size=self.pool_size)
        self.request_count = 0
        self._count_lock = threading.Lock()

    def page(self, method: str, url: str, *, read_body: bool) -> Answer:
        """A request to a URL from an entry (guarded; the caller checked the URL with the policy)."""
        return self._request(self.pages, method, url, {}, self.body_limit if read_body else 0,
                             body_time=self.timeouts.body)

    def service(self, url: str, headers: dict[str, str] | None = None) -> Answer:
        """A GET to a configured service, whole body (up to a generous cap), redirects followed."""
        return self._request(self.services, "GET", url, headers or {}, SERVICE_BODY_LIMIT, follow=True,
                             body_time=self.timeouts.service_body)

    def _request(self, session, method, url, headers, body_limit, *, body_time: float,
                 follow: bool = False) -> Answer:
        # Limits apply per host and port: services on one machine (or loopback fakes) stay apart.
        with self.limiter.slot(urlsplit(url).netloc.lower()):
            with self._count_lock:
                self.request_count += 1
            response = session.request(method, url, headers=headers, allow_redirects=follow, stream=True,
                                       timeout=(self.timeouts.connect, self.timeouts.read))
            body, complete = (b"", False)
            try:
                if method == "HEAD":
                    complete = True
                else:
                    body, complete = self._read(response, body_limit, body_time)
            finally:
                _finish(response, complete)
        return Answer(method, response.url, response.status_code, response.reason or "",
                      {k.lower(): v for k, v in response.headers.items()}, body, complete)

    def _read(self, response: requests.Response, limit: int, seconds: float) -> tuple[bytes, bool]:
        """At most `limit` bytes, within `seconds`; (body, whether it was read to the end)."""
        if limit <= 0:
            return b"", False
        chunks: list[bytes] = []
        size = 0
        stop_at = time.monotonic() + seconds
        try:
            while size < limit and time.monotonic() < stop_at:
                chunk = response.raw.read1(min(65536, limit - size), decode_content=True)
                if not chunk:
                    return b"".join(chunks), True
                chunks.append(chunk)
                size += len(chunk)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError):
            pass  # a body cut short says nothing about whether the page exists: keep what arrived
        return b"".join(chunks), False


def _finish(response: requests.Response, complete: bool) -> None:
    """Give the connection of an answer read to its end back to the pool, so the next request to that
    host skips a new TCP (and TLS) handshake; close one cut short (its unread rest would spoil reuse).

    `Response.close()` alone would close the connection: requests only reuses it when it read the body
    itself, and we read it through `raw` to cap it.
    """
    if complete:
        response.raw.drain_conn()  # nothing is left to read; this marks the answer as finished
        response.raw.release_conn()
    else:
        response.close()
