"""Clients for the services that own the identifiers: arXiv, doi.org, Crossref and GitHub.

Each module builds the request URL, parses the answer into a frozen dataclass (pure functions, easy to
test on fixtures) and offers one simple fetch function for callers that do not need retries or pacing
(`awesome-approx add`). The link checker reuses the URL builders and parsers with its own scheduler.
"""

from awesome_approx.sources.http import SourceError

__all__ = ["SourceError"]
