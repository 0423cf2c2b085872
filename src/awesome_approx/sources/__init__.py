"""The services that own the identifiers: arXiv, doi.org, Crossref and GitHub.

Each module builds request URLs and parses answers into frozen dataclasses: pure functions, easy to test
on fixtures. Requests themselves go through the one transport (net.transport): the link checker sends
them with its scheduler, `add` through contribute.lookup.
"""


class SourceError(Exception):
    """A service could not be reached, answered with an unexpected status, or sent something unparsable."""


__all__ = ["SourceError"]
