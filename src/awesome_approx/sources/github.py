"""GitHub REST API: does a repository exist, is it archived, was it renamed?

`GET {base}/repos/{owner}/{repo}`; a renamed repository answers 301 to its new location (requests
follows it, and `full_name` then differs), a missing or private one answers 404. A token from
`GITHUB_TOKEN` raises the rate limit from 60 to 5,000 requests an hour.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from awesome_approx.sources import SourceError

ACCEPT = "application/vnd.github+json"


@dataclass(frozen=True)
class GithubRepo:
    full_name: str
    html_url: str
    description: str | None
    archived: bool
    homepage: str | None


def token_from_env(environ: Mapping[str, str] | None = None) -> str | None:
    return (os.environ if environ is None else environ).get("GITHUB_TOKEN") or None


def api_headers(token: str | None) -> dict[str, str]:
    headers = {"Accept": ACCEPT, "X-GitHub-Api-Version": "2022-11-28"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def repo_url(base_url: str, owner: str, repo: str) -> str:
    return f"{base_url.rstrip('/')}/repos/{quote(owner, safe='')}/{quote(repo, safe='')}"


def parse_repo(json_obj: Any) -> GithubRepo:
    if not isinstance(json_obj, dict) or not isinstance(json_obj.get("full_name"), str):
        raise SourceError("GitHub answered with JSON that is not a repository")
    return GithubRepo(
        full_name=json_obj["full_name"],
        html_url=str(json_obj.get("html_url") or f"https://github.com/{json_obj['full_name']}"),
        description=json_obj.get("description") or None,
        archived=bool(json_obj.get("archived")),
        homepage=json_obj.get("homepage") or None,
    )
