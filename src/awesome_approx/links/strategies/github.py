"""GitHub repositories, verified through the REST API (token from GITHUB_TOKEN when set).

200: ok, with an `archived` warning for archived repositories and a `redirected` warning when GitHub
answers for a new name (renamed or transferred). 404, asked twice: dead. 451: blocked. An exhausted rate
limit (403/429 with x-ratelimit-remaining: 0) is unknown: waiting an hour for the reset is not polite CI.
"""

from __future__ import annotations

import json

from awesome_approx.links.results import (
    ARCHIVED,
    BLOCKED,
    DEAD,
    OK,
    REDIRECTED,
    UNKNOWN,
    LinkWarning,
    Result,
    unknown,
)
from awesome_approx.links.strategies.common import Context, ServiceFailure, service_get
from awesome_approx.links.targets import GITHUB, Target
from awesome_approx.sources import SourceError
from awesome_approx.sources.github import api_headers, parse_repo, repo_url


def matches(target: Target) -> bool:
    return target.kind == GITHUB


def check(target: Target, ctx: Context) -> Result:
    owner, name = target.value.split("/", 1)
    url = repo_url(ctx.endpoints.github, owner, name)
    headers = api_headers(ctx.github_token)
    try:
        answer = service_get(ctx, "github", url, headers)
        if answer.status == 404:
            answer = service_get(ctx, "github", url, headers)  # confirm before calling it dead
    except ServiceFailure as failure:
        return unknown(failure.reason, answered=failure.answered, api="github", **failure.evidence)
    evidence = {"api": "github", "status": answer.status}
    if answer.status == 404:
        return Result(DEAD, f"GitHub API: repository {target.value} not found (404, asked twice)", evidence)
    if answer.status == 451:
        return Result(BLOCKED, "GitHub API: repository unavailable for legal reasons (451)", evidence)
    if answer.status in (403, 429) and answer.headers.get("x-ratelimit-remaining") == "0":
        hint = "" if ctx.github_token else "; set GITHUB_TOKEN for a higher limit"
        return Result(UNKNOWN, f"GitHub API rate limit exhausted{hint}", evidence)
    if answer.status != 200:
        return Result(UNKNOWN, f"GitHub API answered HTTP {answer.status}", evidence)
    try:
        repo = parse_repo(json.loads(answer.text))
    except (SourceError, ValueError) as error:
        return Result(UNKNOWN, f"GitHub API answer unreadable: {error}", evidence)
    warnings = []
    if repo.full_name.lower() != target.value.lower():
        warnings.append(LinkWarning(REDIRECTED, f"GitHub repository {target.value} is now {repo.full_name}",
                                    repo.html_url))
    if repo.archived:
        warnings.append(LinkWarning(ARCHIVED, f"GitHub repository {repo.full_name} is archived (read-only)"))
    evidence["full_name"] = repo.full_name
    return Result(OK, f"GitHub API: repository {repo.full_name} exists", evidence, tuple(warnings))
