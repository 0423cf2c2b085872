"""A fake Crossref REST API: `GET /works/{doi}` answered with a work message.

    works = {"10.1145/3309551": Work("Deep Neural Network Approximation for Custom Hardware: ...",
                                     (("Erwei", "Wang"), ("James J.", "Davis")), 2019, "ACM CSUR")}
    with FakeCrossref(works) as crossref:
        base_url = crossref.url
        crossref.requests[0].query["mailto"]    # the polite-pool contact that was sent

`FakeCrossref(works, *, queries=None, host="127.0.0.1", latency=0.0)`: `works` maps DOI (case-insensitive)
to `Work`; an unknown DOI gets 404 with the plain-text body "Resource not found." as Crossref sends.

Works query (`GET /works?query.bibliographic=TEXT&rows=N`): `queries` maps the exact text to the DOIs
Crossref would rank for it, best first; the answer is a `work-list` message with at most `rows` items
(Crossref always finds *something*: a text it does not know gets an empty list here, which tests use for
"no match"). `crossref.searches` lists the texts that were asked for.
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
    subtitle: str | None = None


def message(doi: str, work: Work) -> dict:
    body: dict = {
        "DOI": doi,
        "type": work.type,
        "title": [work.title],
        "author": [{"given": g, "family": f, "sequence": "first" if i == 0 else "additional"}
                   for i, (g, f) in enumerate(work.authors)],
        "container-title": [work.venue] if work.venue else [],
        "subtitle": [work.subtitle] if work.subtitle else [],
    }
    if work.year is not None:
        body["issued"] = {"date-parts": [[work.year, 1]]}
    return body


class FakeCrossref(LoopbackServer):
    def __init__(self, works: dict[str, Work], *, queries: dict[str, list[str]] | None = None,
                 host: str = "127.0.0.1", latency: float = 0.0) -> None:
        super().__init__(host=host, latency=latency)
        self.works = {k.lower(): (k, v) for k, v in works.items()}
        self.queries = dict(queries or {})

    @property
    def searches(self) -> list[str]:
        return [r.query["query.bibliographic"][0] for r in self.requests_to("/works")
                if "query.bibliographic" in r.query]

    def handle(self, handler, request) -> None:
        if request.path == "/works":
            text = (request.query.get("query.bibliographic") or [""])[0]
            rows = int((request.query.get("rows") or ["20"])[0])
            found = [self.works[d.lower()] for d in self.queries.get(text, []) if d.lower() in self.works][:rows]
            items = [{**message(*item), "score": 100.0 - index} for index, item in enumerate(found)]
            reply_json(handler, 200, {"status": "ok", "message-type": "work-list",
                                      "message": {"total-results": len(items), "items": items}})
            return
        doi = unquote(request.path[len("/works/"):]) if request.path.startswith("/works/") else ""
        found = self.works.get(doi.lower())
        if found is None:
            reply(handler, 404, "Resource not found.")
            return
        reply_json(handler, 200, {"status": "ok", "message-type": "work", "message": message(*found)})
