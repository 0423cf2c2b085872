"""From entries to what must be checked: each reference (entry, field) points at one deduplicated target.

A target is an identifier (`arxiv:ID`, `doi:DOI`, `github:owner/repo`, `ieee:N`) or a plain URL
(`url:...`). A URL that merely points at an identifier (arxiv.org/abs/ID, doi.org/DOI, a GitHub repo root,
an IEEE Xplore document) becomes that identifier's target, so it is verified once and never fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from awesome_approx.catalog.identifiers import (
    arxiv_id_from_url,
    doi_from_url,
    github_repo_from_url,
    ieee_document_from_url,
    is_arxiv_id,
    normalise_doi,
)
from awesome_approx.catalog.model import Catalog, Entry
from awesome_approx.sources.arxiv import canonical_id

ARXIV, DOI, GITHUB, IEEE, URL = "arxiv", "doi", "github", "ieee", "url"
LINK_FIELDS = ("url", "code", "arxiv", "doi", "ieee")
VERSION = re.compile(r"v(\d+)$")


@dataclass(frozen=True)
class Target:
    key: str
    kind: str
    value: str  # versionless arXiv id, lower-cased DOI, "owner/repo", IEEE document number, or the URL
    url: str  # what a human would open
    doi: str | None = None  # IEEE documents are judged through this DOI


@dataclass(frozen=True)
class Reference:
    entry: Entry
    field: str  # "url", "code", "arxiv", "doi" or "ieee"
    written: str  # the value as written in the entry
    target: Target
    version: str | None = None  # arXiv version the entry names ("v2"), if any

    @property
    def line(self) -> int:
        return self.entry.position_of(self.field).line


def arxiv_target(arxiv_id: str) -> Target:
    plain = canonical_id(arxiv_id) if is_arxiv_id(arxiv_id) else arxiv_id.strip()
    return Target(f"arxiv:{plain}", ARXIV, plain, f"https://arxiv.org/abs/{plain}")


def doi_target(doi: str) -> Target:
    value = normalise_doi(doi)
    return Target(f"doi:{value}", DOI, value, f"https://doi.org/{doi.strip()}")


def github_target(owner: str, repo: str) -> Target:
    name = f"{owner}/{repo}"
    return Target(f"github:{name.lower()}", GITHUB, name, f"https://github.com/{name}")


def ieee_target(number: str, entry_doi: str | None, url: str | None = None) -> Target:
    doi = normalise_doi(entry_doi) if entry_doi else None
    url = url or f"https://ieeexplore.ieee.org/document/{number}"
    return Target(f"ieee:{number}", IEEE, number, url, doi)


def url_target(url: str) -> Target:
    url = url.strip()
    return Target(f"url:{url}", URL, url, url)


def target_for_url(url: str, entry: Entry) -> tuple[Target, str | None]:
    """The target a URL stands for, and the arXiv version it names."""
    arxiv_id = arxiv_id_from_url(url)
    if arxiv_id:
        return arxiv_target(arxiv_id), _version(arxiv_id)
    doi = doi_from_url(url)
    if doi:
        return doi_target(doi), None
    number = ieee_document_from_url(url)
    if number:
        return ieee_target(number, entry.doi, url.strip()), None
    repo = github_repo_from_url(url)
    if repo:
        return github_target(*repo), None
    return url_target(url), None


def _version(arxiv_id: str) -> str | None:
    match = VERSION.search(arxiv_id)
    return f"v{match[1]}" if match else None


def references_of(entry: Entry) -> list[Reference]:
    refs: list[Reference] = []
    for field in ("url", "code"):
        value = getattr(entry, field)
        if value:
            target, version = target_for_url(value, entry)
            refs.append(Reference(entry, field, value, target, version))
    if entry.arxiv:
        refs.append(Reference(entry, "arxiv", entry.arxiv, arxiv_target(entry.arxiv), _version(entry.arxiv)))
    if entry.doi:
        refs.append(Reference(entry, "doi", entry.doi, doi_target(entry.doi)))
    if entry.ieee:
        refs.append(Reference(entry, "ieee", entry.ieee, ieee_target(entry.ieee, entry.doi)))
    return refs


def collect(catalog: Catalog) -> tuple[list[Reference], dict[str, Target]]:
    """Every reference of every entry, and the unique targets they point at (first one wins)."""
    references = [ref for entry in catalog.entries for ref in references_of(entry)]
    targets: dict[str, Target] = {}
    for ref in references:
        targets.setdefault(ref.target.key, ref.target)
    return references, targets
