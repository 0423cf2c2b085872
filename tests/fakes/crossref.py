"""A fake Crossref REST API: `GET /works/{doi}` answered with a work message.

    works = {"10.1145/3309551": Work("Deep Neural Network Approximation for Custom Hardware: ...",
                                     (("Erwei", "Wang"), ("James J.", "Davis")), 2019, "ACM CSUR")}
    with FakeCrossref(works) as crossref:
        base_url = crossref.url
        crossref.requests[0].query["mailto"]    # the polite-pool contact that was sent

`FakeCrossref(works, *, host="127.0.0.1", latency=0.0)`: `works` maps DOI (case-insensitive) to `Work`;
an unknown DOI gets 404 with the plain-text body "Resource not found." as Crossref sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from fakes.server import LoopbackServer, reply, reply_json


@dataclass(frozen=True)
class Work:
    title: str
    authors: tuple[tuple[str, str], ...] = (("A.", "Author"),)  # (given, family)
    year: int | None = 2020
    venue: str | None = None
    type: str = "journal-article"


def message(doi: str, work: Work) -> dict:
    body: dict = {
        "DOI": doi,
        "type": work.type,
        "title": [work.title],
        "author": [{"given": g, "family": f, "sequence": "first" if i == 0 else "additional"}
                   for i, (g, f) in enumerate(work.authors)],
        "container-title": [work.venue] if work.venue else [],
    }
    if work.year is not None:
        body["issued"] = {"date-parts": [[work.year, 1]]}
    return body


class FakeCrossref(LoopbackServer):
    def __init__(self, works: dict[str, Work], *, host: str = "127.0.0.1", latency: float = 0.0) -> None:
        super().__init__(host=host, latency=latency)
        self.works = {k.lower(): (k, v) for k, v in works.items()}

    def handle(self, handler, request) -> None:
        doi = unquote(request.path[len("/works/"):]) if request.path.startswith("/works/") else ""
        found = self.works.get(doi.lower())
        if found is None:
            reply(handler, 404, "Resource not found.")
            return
        reply_json(handler, 200, {"status": "ok", "message-type": "work", "message": message(*found)})
