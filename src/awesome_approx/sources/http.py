"""The HTTP session every service client uses: an honest User-Agent, timeouts, clear errors.

Services ask callers to identify themselves with a way to reach a human (arXiv, Crossref's polite pool,
GitHub); the contact comes from `[tool.awesome-approx] contact` in pyproject.toml.
"""

from __future__ import annotations

from typing import Any

import requests

from awesome_approx import __version__

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 20.0
DEFAULT_TIMEOUT = (CONNECT_TIMEOUT, READ_TIMEOUT)
TOOL_URL = "https://github.com/awesome-approx/awesome-approx"


class SourceError(Exception):
    """A service could not be reached, answered with an unexpected status, or sent something unparsable."""


def user_agent(contact: str) -> str:
    """e.g. `awesome-approx/0.1.0 (+https://github.com/awesome-approx/awesome-approx; mailto:me@x.org)`."""
    return f"awesome-approx/{__version__} (+{TOOL_URL}; mailto:{contact})"


def make_session(contact: str, *, pool_size: int = 10) -> requests.Session:
    """A `requests.Session` that sends the honest User-Agent; pass `timeout=DEFAULT_TIMEOUT` per call."""
    session = requests.Session()
    session.headers["User-Agent"] = user_agent(contact)
    adapter = requests.adapters.HTTPAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def get(
    session: requests.Session,
    url: str,
    *,
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
) -> requests.Response:
    """GET `url`; network failures become `SourceError` naming the URL."""
    try:
        return session.get(url, params=params, headers=headers, timeout=timeout)
    except requests.RequestException as error:
        raise SourceError(f"cannot reach {url}: {error}") from error


def json_body(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError as error:
        message = f"{response.url} answered {response.status_code} with a body that is not JSON"
        raise SourceError(message) from error


def unexpected(response: requests.Response) -> SourceError:
    reason = response.reason or ""
    return SourceError(f"{response.url} answered HTTP {response.status_code} {reason}".rstrip())
