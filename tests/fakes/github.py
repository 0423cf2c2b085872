"""A fake GitHub REST API: `GET /repos/{owner}/{repo}`.

    with FakeGithub({"clevercool/TileSparsity": Repo(), "old/tool": Repo(archived=True)},
                    renamed={"someone/oldname": "someone/newname"}) as github:
        base_url = github.url
        github.requests[0].headers.get("authorization")   # "Bearer <GITHUB_TOKEN>" when one was sent

`FakeGithub(repos, *, renamed=None, rate_limited=False, host="127.0.0.1", latency=0.0)`:
- `repos`: "owner/name" (case-insensitive, as on GitHub) -> `Repo`; unknown repos get 404
  `{"message": "Not Found"}`;
- `renamed`: old "owner/name" -> new one: answered 301 to `/repositories/{n}`, which serves the new repo
  (GitHub's behaviour for renamed and transferred repositories);
- `rate_limited`: every request gets 403 with `x-ratelimit-remaining: 0` (an exhausted quota).
"""

from __future__ import annotations

from dataclasses import dataclass

from fakes.server import LoopbackServer, reply_json


@dataclass(frozen=True)
class Repo:
    description: str | None = "A repository."
    archived: bool = False
    homepage: str | None = None


class FakeGithub(LoopbackServer):
    def __init__(self, repos: dict[str, Repo], *, renamed=None, rate_limited: bool = False,
                 host: str = "127.0.0.1", latency: float = 0.0) -> None:
        super().__init__(host=host, latency=latency)
        self.repos = {k.lower(): (k, v) for k, v in repos.items()}
        self.renamed = {k.lower(): v for k, v in (renamed or {}).items()}
        self.by_number = sorted(self.repos)
        self.rate_limited = rate_limited

    def handle(self, handler, request) -> None:
        if self.rate_limited:
            reply_json(handler, 403, {"message": "API rate limit exceeded"},
                       {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "9999999999"})
            return
        parts = request.path.strip("/").split("/")
        if parts[:1] == ["repositories"] and len(parts) == 2 and parts[1].isdigit():
            index = int(parts[1])
            if index < len(self.by_number):
                self._send(handler, *self.repos[self.by_number[index]])
                return
        if parts[:1] == ["repos"] and len(parts) == 3:
            name = f"{parts[1]}/{parts[2]}".lower()
            if name in self.renamed:
                new = self.renamed[name].lower()
                location = f"{self.url}/repositories/{self.by_number.index(new)}"
                body = {"message": "Moved Permanently", "url": location}
                reply_json(handler, 301, body, {"Location": location})
                return
            if name in self.repos:
                self._send(handler, *self.repos[name])
                return
        reply_json(handler, 404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})

    def _send(self, handler, full_name: str, repo: Repo) -> None:
        reply_json(handler, 200, {
            "full_name": full_name,
            "html_url": f"https://github.com/{full_name}",
            "description": repo.description,
            "archived": repo.archived,
            "homepage": repo.homepage,
        })
