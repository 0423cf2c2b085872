"""When two entries are the same paper: the one rule, used by `validate` (duplicates) and `add` (refusal).

Two entries are the same when they share any key: the id (case-folded: file systems differ), the link
as `identifiers.normalise_url` compares links, an arXiv id (version dropped) or a DOI (case-insensitive),
whether written in its field or only in the link. A GitHub repository is compared case-insensitively,
as GitHub itself resolves it.
"""

from __future__ import annotations

from awesome_approx.catalog import identifiers as ids

Key = tuple[str, str]
"""(kind, normalised value); kind is one of KINDS."""

KINDS = ("id", "url", "arxiv", "doi")


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def link_key(url: str) -> str:
    """The link as two entries are compared: GitHub repositories whatever their case, else normalise_url."""
    repo = ids.github_repo_from_url(url)
    if repo is not None:
        return "github:" + "/".join(repo).casefold()
    return ids.normalise_url(url)


def identity_keys(entry_id: object = None, url: object = None, arxiv: object = None,
                  doi: object = None) -> tuple[Key, ...]:
    """The keys under which an entry with these fields would be the same paper as another, in a fixed
    order. Values that are not text (in a file that fails validation) are ignored."""
    entry_id, url, arxiv, doi = _text(entry_id), _text(url) or "", _text(arxiv), _text(doi)
    arxiv_ids = {ids.strip_arxiv_version(a) for a in (arxiv, ids.arxiv_id_from_url(url)) if a}
    dois = {ids.normalise_doi(d) for d in (doi, ids.doi_from_url(url)) if d}
    keys: list[Key] = []
    if entry_id:
        keys.append(("id", entry_id.casefold()))
    if url:
        keys.append(("url", link_key(url)))
    keys.extend(("arxiv", key) for key in sorted(arxiv_ids))
    keys.extend(("doi", key) for key in sorted(dois))
    return tuple(keys)
