"""Which entries' code is unmaintained, as the link cache last saw it: the GitHub repository is archived
(read-only) or gone (dead). The renderers stay pure: the edges (commands, the MkDocs plugin, the site
sources) call `archived_in_cache` and pass the ids on.

The repository is the entry's `code` link, or its `url` when that is a repository (a framework).
"""

from __future__ import annotations

from pathlib import Path

from awesome_approx.catalog.identifiers import github_repo_from_url
from awesome_approx.catalog.model import Catalog, Entry
from awesome_approx.links.cache import LinkCache
from awesome_approx.links.results import ARCHIVED, DEAD
from awesome_approx.links.targets import github_target


def code_repository_key(entry: Entry) -> str | None:
    """The link cache's key for the entry's code repository (`github:owner/repo`), if it has one."""
    for link in (entry.code, entry.url):
        repo = github_repo_from_url(link or "")
        if repo:
            return github_target(*repo).key
    return None


def archived_entries(catalog: Catalog, cache: LinkCache) -> frozenset[str]:
    if not cache.entries:
        # No cache yet (a fresh clone, CI) or an empty one: nothing to look up, so no key is computed for
        # each of the entries; `build` asks twice (README and site), 0.1 s at 10,000 entries (issue 9).
        return frozenset()
    found = set()
    for entry in catalog.entries:
        key = code_repository_key(entry)
        cached = cache.entries.get(key) if key else None
        if cached is None:
            continue
        result = cached.result
        if result.outcome == DEAD or any(w.kind == ARCHIVED for w in result.warnings):
            found.add(entry.id)
    return frozenset(found)


def archived_in_cache(catalog: Catalog, cache_path: Path) -> frozenset[str]:
    """`archived_entries` of the link cache at `cache_path` (none when there is no cache)."""
    return archived_entries(catalog, LinkCache.load(cache_path))
