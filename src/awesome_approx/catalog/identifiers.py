"""Parse and normalise the identifiers a paper can carry: arXiv ids, DOIs, IEEE Xplore document numbers,
GitHub repositories, and URLs. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

NEW_ARXIV = re.compile(r"^(?P<yymm>\d{4})\.(?P<num>\d{4,5})(?P<version>v\d+)?$")
OLD_ARXIV = re.compile(r"^(?P<archive>[a-z][a-z-]*(?:\.[A-Z]{2})?)/(?P<num>\d{7})(?P<version>v\d+)?$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
IEEE_DOCUMENT = re.compile(r"^\d{1,10}$")
ARXIV_HOSTS = {"arxiv.org", "export.arxiv.org"}
DOI_HOSTS = {"doi.org", "dx.doi.org"}
ARXIV_PATH = re.compile(r"^/(?:abs|pdf|html)/(?P<id>.+?)(?:\.pdf)?/?$")
IEEE_PATH = re.compile(r"^/(?:abstract/)?document/(?P<number>\d+)/?")
GITHUB_PATH = re.compile(r"^/(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?$")


def is_arxiv_id(value: str) -> bool:
    """True for a well-formed arXiv id, new style (2008.13006, 1901.06955v2) or old (hep-th/9901001)."""
    match = NEW_ARXIV.match(value)
    if match:
        month = int(match["yymm"][2:])
        five_digits = int(match["yymm"]) >= 1501  # five-digit numbers started in January 2015
        return 1 <= month <= 12 and len(match["num"]) == (5 if five_digits else 4)
    return OLD_ARXIV.match(value) is not None


ARXIV_VERSION = re.compile(r"v\d+$")


def strip_arxiv_version(arxiv_id: str) -> str:
    return ARXIV_VERSION.sub("", arxiv_id)


def is_doi(value: str) -> bool:
    return DOI.match(value) is not None


def normalise_doi(doi: str) -> str:
    """DOIs are case-insensitive; compare them lower-cased."""
    return doi.strip().lower()


def is_ieee_document(value: str) -> bool:
    return IEEE_DOCUMENT.match(value) is not None


class _Parts(NamedTuple):
    scheme: str
    host: str  # lower-case, without a leading "www."
    port: int | None
    path: str
    query: str


COMMON_URL = re.compile(r"(?i:(https?))://([A-Za-z0-9.-]+)(/[^?#\t\r\n]*)?(?:\?([^#\t\r\n]*))?(?:#[^\t\r\n]*)?")
"""http(s), a plain host name, path, query, fragment: nearly every link. No user, port, IPv6 or tab: those
(and everything else) go through urlsplit."""


# Every URL is asked about several times in a row (arXiv? DOI? IEEE? normalised form?), while one entry is
# checked or rendered; parse it once for those. The bound covers that and no more: a cache of every URL
# of a 10,000-entry list held 40,000 objects for the garbage collector to walk again and again, 0.09 s of
# `validate --no-cache` (issue 9's target: 1.3x a bare yaml.load).
@lru_cache(maxsize=1024)
def _split(url: str) -> _Parts | None:
    url = url.strip()
    # urlsplit is written in Python and was a tenth of `validate`'s time; this regex reads the common
    # case to exactly the same parts (a property test compares the two).
    common = COMMON_URL.fullmatch(url)
    if common is not None:
        scheme, host, path, query = common.groups()
        host = host.lower()
        return _Parts(scheme.lower(), host[4:] if host.startswith("www.") else host, None, path or "", query or "")
    return _split_any(url)


def _split_any(url: str) -> _Parts | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    try:
        port = parts.port
    except ValueError:  # e.g. a port above 65535: no port, and the link fails its check later
        port = None
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    return _Parts(parts.scheme.lower(), host, port, parts.path, parts.query)


def _host(parts: _Parts) -> str:
    return parts.host


def arxiv_id_from_url(url: str) -> str | None:
    """The arXiv id of an arxiv.org abs/pdf/html link (version kept), else None."""
    parts = _split(url)
    if parts is None or _host(parts) not in ARXIV_HOSTS:
        return None
    match = ARXIV_PATH.match(parts.path)
    if match and is_arxiv_id(match["id"]):
        return match["id"]
    return None


def doi_from_url(url: str) -> str | None:
    parts = _split(url)
    if parts is None or _host(parts) not in DOI_HOSTS:
        return None
    doi = parts.path.lstrip("/")
    return doi if is_doi(doi) else None


def ieee_document_from_url(url: str) -> str | None:
    parts = _split(url)
    if parts is None or _host(parts) != "ieeexplore.ieee.org":
        return None
    match = IEEE_PATH.match(parts.path)
    return match["number"] if match else None


def github_repo_from_url(url: str) -> tuple[str, str] | None:
    """(owner, repo) of a github.com repository root URL, else None (deeper paths are not repos)."""
    parts = _split(url)
    if parts is None or _host(parts) != "github.com":
        return None
    match = GITHUB_PATH.match(parts.path)
    if not match:
        return None
    return match["owner"], match["repo"]


def url_host(url: str) -> str:
    """The host of a link, lower-case, without brackets around an IPv6 address ('' when there is none)."""
    parts = _split(url)
    if parts is None:
        return ""
    return parts.host


def url_scheme(url: str) -> str:
    parts = _split(url)
    return parts.scheme.lower() if parts is not None else ""


def is_web_link(url: str) -> bool:
    """An http or https link (what readers can open and the link checker may fetch)."""
    return url_scheme(url) in ("http", "https")


def normalise_url(url: str) -> str:
    """A key under which two links to the same thing compare equal.

    http and https, a www. prefix, a trailing slash, a fragment and the case of the host do not matter;
    every arXiv abs/pdf/.pdf/version link of a paper maps to `arxiv:ID`, doi.org links to `doi:...`,
    IEEE Xplore document links to `ieee:N`.
    """
    arxiv_id = arxiv_id_from_url(url)
    if arxiv_id:
        return f"arxiv:{strip_arxiv_version(arxiv_id)}"
    doi = doi_from_url(url)
    if doi:
        return f"doi:{normalise_doi(doi)}"
    ieee = ieee_document_from_url(url)
    if ieee:
        return f"ieee:{ieee}"
    parts = _split(url)
    if parts is None:
        return url.strip()
    host = _host(parts)
    if parts.port:
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/")
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return _unsplit(scheme, host, path, parts.query)


def _unsplit(scheme: str, host: str, path: str, query: str) -> str:
    """urlunsplit without a fragment; the common case (scheme and host present) joined directly, since
    urlunsplit is slow Python for what is then string concatenation (a test compares the two)."""
    if not (scheme and host):
        return urlunsplit((scheme, host, path, query, ""))
    if path and path[0] != "/":
        path = "/" + path
    return f"{scheme}://{host}{path}?{query}" if query else f"{scheme}://{host}{path}"
