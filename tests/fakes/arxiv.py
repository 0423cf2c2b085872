"""A fake arXiv API: `GET /api/query?id_list=a,b,...&max_results=N` answered with an Atom feed.

    papers = {"2008.13006": Paper("Accelerating Sparse DNN Models ...", ("Cong Guo", "Bo Yang Hsueh"),
                                  published="2020-08-29", version=2)}
    with FakeArxiv(papers, empty_on={1}, status_on={2: (503, {"Retry-After": "1"})}) as arxiv:
        base_url = arxiv.url          # use as the arXiv API base URL
        arxiv.queries                 # [Recorded] of every /api/query request, in arrival order

`FakeArxiv(papers, *, empty_on=(), status_on=None, garbage_on=(), shuffle=True, blank_for_missing=False,
host="127.0.0.1", latency=0.0)`:
- `papers`: versionless id -> `Paper`; ids not in it are simply absent from the feed (as on arXiv);
  old-style ids with a subject class (math.GT/0309136) are answered under the bare archive (math/...);
- `blank_for_missing`: instead, answer each unknown id with an `<entry>` that has no `<id>` (arXiv has
  done this for nonexistent ids);
- ids that are not well-formed arXiv ids make the whole answer one error entry with HTTP 400
  (`<id>http://arxiv.org/api/errors#incorrect_id_format_for_X</id>`), as arXiv does;
- `empty_on`: 1-based numbers of /api/query requests (searches too) answered with a valid but empty
  feed (arXiv occasionally does this for a good query);
- `status_on`: request number -> (HTTP status, headers) answered instead of a feed;
- `garbage_on`: request numbers answered 200 with an HTML page instead of a feed (overload);
- `shuffle`: entries come back in reverse order of the id_list (order is not guaranteed on arXiv);
- at most `max_results` entries are returned (default 10, as on arXiv).

Search (`GET /api/query?search_query=Q&start=S&max_results=N&sortBy=submittedDate&sortOrder=descending`):
`searches` maps the exact query text to the ids it matches (in relevance order); the answer holds
`totalResults` for the whole match and the page `start .. start+N`, newest first only when
sortBy=submittedDate and sortOrder=descending were asked for (else in relevance order, as arXiv does).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from awesome_approx.catalog.identifiers import is_arxiv_id
from awesome_approx.sources.arxiv import canonical_id
from fakes.server import LoopbackServer, reply


@dataclass(frozen=True)
class Paper:
    title: str
    authors: tuple[str, ...] = ("A. Author",)
    published: str = "2020-01-01"  # date of the first version
    version: int = 1  # latest version
    doi: str | None = None
    journal_ref: str | None = None


class FakeArxiv(LoopbackServer):
    def __init__(self, papers: dict[str, Paper], *, empty_on=(), status_on=None, garbage_on=(),
                 shuffle: bool = True, blank_for_missing: bool = False, host: str = "127.0.0.1",
                 latency: float = 0.0, searches: dict[str, list[str]] | None = None) -> None:
        super().__init__(host=host, latency=latency)
        self.papers = {canonical_id(k): v for k, v in papers.items()}
        self.empty_on = set(empty_on)
        self.status_on = dict(status_on or {})
        self.garbage_on = set(garbage_on)
        self.shuffle = shuffle
        self.blank_for_missing = blank_for_missing
        self.searches = dict(searches or {})
        self._count = 0

    @property
    def queries(self):
        return self.requests_to("/api/query")

    def handle(self, handler, request) -> None:
        if request.path != "/api/query":
            reply(handler, 404, "not found")
            return
        with self.lock:
            self._count += 1
            number = self._count
        if number in self.status_on:
            status, headers = self.status_on[number]
            reply(handler, status, "busy", headers=headers)
            return
        if number in self.garbage_on:
            reply(handler, 200, "<html><body>Rate exceeded.</body></html>", "text/html")
            return
        if "search_query" in request.query:
            self._search(handler, request.query, number)
            return
        ids = [i for i in ",".join(request.query.get("id_list", [])).split(",") if i]
        max_results = int((request.query.get("max_results") or ["10"])[0])
        bad = [i for i in ids if not is_arxiv_id(i)]
        if bad:
            reply(handler, 400, error_feed(bad[0]), "application/atom+xml; charset=utf-8")
            return
        if number in self.empty_on:
            reply(handler, 200, feed([]), "application/atom+xml; charset=utf-8")
            return
        wanted = [canonical_id(i) for i in ids]
        found = [(i, self.papers[i]) for i in wanted if i in self.papers][:max_results]
        if self.shuffle:
            found.reverse()
        blanks = sum(i not in self.papers for i in wanted) if self.blank_for_missing else 0
        reply(handler, 200, feed(found, blanks), "application/atom+xml; charset=utf-8")

    def _search(self, handler, query: dict[str, list[str]], number: int) -> None:
        if number in self.empty_on:
            reply(handler, 200, feed([]), "application/atom+xml; charset=utf-8")
            return
        matched = [(i, self.papers[i]) for i in self.searches.get(query["search_query"][0], []) if i in self.papers]
        if query.get("sortBy") == ["submittedDate"] and query.get("sortOrder") == ["descending"]:
            matched.sort(key=lambda item: item[1].published, reverse=True)
        start = int((query.get("start") or ["0"])[0])
        size = int((query.get("max_results") or ["10"])[0])
        reply(handler, 200, feed(matched[start:start + size], total=len(matched)),
              "application/atom+xml; charset=utf-8")


HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
        '<title type="html">ArXiv Query</title>\n')


def feed(found: list[tuple[str, Paper]], blanks: int = 0, total: int | None = None) -> str:
    total = len(found) + blanks if total is None else total
    parts = [HEAD, f"<opensearch:totalResults>{total}</opensearch:totalResults>\n"]
    for arxiv_id, paper in found:
        parts.append(entry(arxiv_id, paper))
    parts.extend("<entry><title></title><summary></summary></entry>\n" for _ in range(blanks))
    parts.append("</feed>\n")
    return "".join(parts)


def entry(arxiv_id: str, paper: Paper) -> str:
    abs_url = f"http://arxiv.org/abs/{arxiv_id}v{paper.version}"
    authors = "".join(f"<author><name>{escape(a)}</name></author>" for a in paper.authors)
    extra = ""
    if paper.doi:
        extra += f"<arxiv:doi>{escape(paper.doi)}</arxiv:doi>"
    if paper.journal_ref:
        extra += f"<arxiv:journal_ref>{escape(paper.journal_ref)}</arxiv:journal_ref>"
    # arXiv wraps long titles over several lines: keep a line break to exercise whitespace collapsing.
    title = escape(paper.title).replace(" ", "\n  ", 1)
    return (f"<entry><id>{abs_url}</id><updated>{paper.published}T00:00:00Z</updated>"
            f"<published>{paper.published}T00:00:00Z</published><title>{title}</title>"
            f"<summary>Abstract.</summary>{authors}{extra}"
            f'<link href="{abs_url}" rel="alternate" type="text/html"/></entry>\n')


def error_feed(bad_id: str) -> str:
    return (HEAD + "<opensearch:totalResults>1</opensearch:totalResults>\n"
            f"<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_{escape(bad_id)}</id>"
            f"<title>Error</title><summary>incorrect id format for {escape(bad_id)}</summary></entry>\n"
            "</feed>\n")
