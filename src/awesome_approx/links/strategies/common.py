"""What every strategy shares: the run's context and a retrying GET to a service."""

from __future__ import annotations

import threading
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3

from awesome_approx.links.pacing import Deadline, Pacer, RetryPolicy
from awesome_approx.links.scheduler import HostLimiter
from awesome_approx.net.safety import SafetyPolicy
from awesome_approx.net.transport import Answer, Fetcher
from awesome_approx.sources.endpoints import Endpoints

RETRY_STATUSES = frozenset({408, 425, 429})
NETWORK_ERRORS = (requests.RequestException, urllib3.exceptions.HTTPError, OSError)
# Errors that the same request would meet again: not retried.
FINAL_ERRORS = (requests.exceptions.SSLError, requests.exceptions.InvalidURL,
                requests.exceptions.InvalidSchema, requests.exceptions.MissingSchema,
                urllib3.exceptions.LocationValueError)


@dataclass
class Context:
    fetcher: Fetcher
    safety: SafetyPolicy
    retry: RetryPolicy
    deadline: Deadline
    endpoints: Endpoints
    contact: str
    arxiv_pacer: Pacer = field(default_factory=Pacer)
    limiter: HostLimiter = field(default_factory=HostLimiter)  # the fetcher's: per-host slots, pauses, figures
    github_token: str | None = None
    arxiv_batch_size: int = 250
    crossref_metadata: bool = True
    counters: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, name: str) -> None:
        with self._lock:
            self.counters[name] = self.counters.get(name, 0) + 1

    def wait_to_retry(self, url: str, attempt: int, retry_after: str | None) -> None:
        """Wait before asking `url` again (backoff or Retry-After), counted in the host's statistics.
        A Retry-After holds back every request to the host, not only this one."""
        host = urlsplit(url).netloc
        self.limiter.stats.retry(host)
        asked = self.retry.asked_delay(retry_after)
        if asked is not None:
            self.limiter.pause(host, asked)
        self.retry.wait(attempt, retry_after, self.deadline)


def is_retryable(status: int) -> bool:
    return status in RETRY_STATUSES or 500 <= status <= 599


def describe(error: BaseException) -> str:
    if isinstance(error, requests.Timeout | urllib3.exceptions.TimeoutError):
        return "timed out"
    if isinstance(error, requests.exceptions.SSLError):
        return f"TLS error (certificate or handshake): {error}"
    if isinstance(error, requests.exceptions.InvalidURL | urllib3.exceptions.LocationValueError):
        return f"invalid URL: {error}"
    if isinstance(error, requests.ConnectionError):
        text = str(error)
        if "Connection reset" in text or "RemoteDisconnected" in text or "Connection aborted" in text:
            return "connection reset by the server"
        if "refused" in text.lower():
            return "connection refused"
        return "connection failed"
    return f"{type(error).__name__}: {error}"


class ServiceFailure(Exception):
    """A service gave no usable answer after retries; the outcome is unknown."""

    def __init__(self, reason: str, answered: bool, **evidence: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.answered = answered
        self.evidence = evidence


def service_get(ctx: Context, service: str, url: str, headers: dict[str, str] | None = None,
                pacer: Pacer | None = None) -> Answer:
    """GET with retries on timeouts, connection errors, 408/425/429 and 5xx (Retry-After honoured).

    Returns the last answer (whatever its status); raises ServiceFailure when no answer came at all.
    """
    attempts = ctx.retry.attempts
    attempt = 1
    while True:
        ctx.deadline.check()
        ctx.count(service)
        try:
            with pacer if pacer is not None else nullcontext():
                answer = ctx.fetcher.service(url, headers)
        except NETWORK_ERRORS as error:
            if attempt >= attempts:
                raise ServiceFailure(f"{service} did not answer: {describe(error)} ({attempts} tries)",
                                     answered=False, url=url) from error
            ctx.wait_to_retry(url, attempt, None)
            attempt += 1
            continue
        if not is_retryable(answer.status) or attempt >= attempts:
            return answer
        ctx.wait_to_retry(url, attempt, answer.headers.get("retry-after"))
        attempt += 1
