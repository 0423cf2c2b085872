"""GitHub REST API: does a repository exist, is it archived, was it renamed?

`GET {base}/repos/{owner}/{repo}`; a renamed repository answers 301 to its new location (requests
follows it, and `full_name` then differs), a missing or private one answers 404. A token from
`GITHUB_TOKEN` raises the rate limit from 60 to 5,000 requests an hour.

The repository's link is built from `full_name` once that is checked to be `owner/name` as GitHub spells
names; the answer's `html_url` is never used as a link: an answer naming another host (a phishing page)
is refused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from awesome_approx.sources.answers import UnusableAnswer, kind, text

ACCEPT = "application/vnd.github+json"
SERVICE = "GitHub"
FULL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}/(?!\.\.?$)[A-Za-z0-9._-]{1,100}")
"""owner/name in the characters GitHub allows: an owner of letters, digits, '-' (and '_' for managed
accounts), a repository name of letters, digits, '.', '_' and '-' (but not '.' or '..'); nothing that
could lead a link elsewhere ('/', ':', '@', '?', '#', spaces)."""


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


def github_url(full_name: str) -> str:
    return f"https://github.com/{full_name}"


def parse_repo(json_obj: Any) -> GithubRepo:
    """The repository an answer describes; UnusableAnswer for a value of the wrong type, a `full_name`
    that is not owner/name, or an `html_url` that is not the github.com page of that name."""
    if not isinstance(json_obj, dict) or not isinstance(json_obj.get("full_name"), str):
        raise UnusableAnswer(SERVICE, "JSON that is not a repository")
    full_name = json_obj["full_name"]
    if not FULL_NAME.fullmatch(full_name):
        raise UnusableAnswer(SERVICE, f"the repository name {full_name!r} is not owner/name")
    link = github_url(full_name)
    stated = text(SERVICE, "html_url", json_obj.get("html_url"))
    if stated is not None and stated.lower() != link.lower():
        raise UnusableAnswer(SERVICE, f"the repository {full_name} is said to be at {stated!r}, not {link}")
    archived = json_obj.get("archived", False)
    if not isinstance(archived, bool):
        raise UnusableAnswer(SERVICE, f"'archived' is {kind(archived)}, not true or false")
    return GithubRepo(
        full_name=full_name,
        html_url=link,
        description=text(SERVICE, "description", json_obj.get("description")) or None,
        archived=archived,
        homepage=text(SERVICE, "homepage", json_obj.get("homepage")) or None,
    )
