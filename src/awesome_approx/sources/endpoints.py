"""Base URLs of the services, overridable for tests and mirrors.

Precedence: a value given on the command line, then the environment variable, then the default.
The tool appends the usual paths: `/api/query` (arXiv), `/api/handles/{doi}` (doi.org),
`/works/{doi}` (Crossref), `/repos/{owner}/{repo}` (GitHub), `/wayback/available` (the Wayback
Machine's availability API, for `links --suggest`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULTS = {
    "arxiv": "https://export.arxiv.org",
    "doi": "https://doi.org",
    "crossref": "https://api.crossref.org",
    "github": "https://api.github.com",
    "wayback": "https://archive.org",
}
ENV_VARS = {name: f"AWESOME_APPROX_{name.upper()}_API" for name in DEFAULTS}


class EndpointError(ValueError):
    """A configured base URL is not an http(s) URL."""


@dataclass(frozen=True)
class Endpoints:
    arxiv: str = DEFAULTS["arxiv"]
    doi: str = DEFAULTS["doi"]
    crossref: str = DEFAULTS["crossref"]
    github: str = DEFAULTS["github"]
    wayback: str = DEFAULTS["wayback"]


def resolve_endpoint(
    service: str, cli_value: str | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """The base URL for `service` ("arxiv", "doi", "crossref", "github", "wayback"), without a trailing
    slash."""
    if service not in DEFAULTS:
        raise EndpointError(f"unknown service '{service}' (known: {', '.join(DEFAULTS)})")
    env = os.environ if environ is None else environ
    value = cli_value or env.get(ENV_VARS[service]) or DEFAULTS[service]
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        origin = "--" + service + "-api" if cli_value else ENV_VARS[service]
        raise EndpointError(f"{origin}: '{value}' is not an http(s) base URL")
    return value.rstrip("/")


def resolve_endpoints(
    cli_values: Mapping[str, str | None] | None = None, environ: Mapping[str, str] | None = None
) -> Endpoints:
    """Every base URL; `cli_values` maps service name to the command-line value (or None)."""
    given = cli_values or {}
    return Endpoints(**{name: resolve_endpoint(name, given.get(name), environ) for name in DEFAULTS})
