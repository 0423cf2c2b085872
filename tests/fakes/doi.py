"""A fake doi.org handle API: `GET /api/handles/{doi}`.

    with FakeDoi({"10.1145/3309551"}, status_for={"10.1/busy": 500}) as doi:
        base_url = doi.url

`FakeDoi(existing, *, status_for=None, host="127.0.0.1", latency=0.0)`:
- `existing`: DOIs that exist (compared case-insensitively, like DOIs) -> 200 `{"responseCode": 1, ...}`;
- any other DOI -> 404 `{"responseCode": 100, ...}` as doi.org answers;
- `status_for`: DOI -> HTTP status answered instead (e.g. 500), always.
"""

from __future__ import annotations

from urllib.parse import unquote

from fakes.server import LoopbackServer, reply, reply_json

PREFIX = "/api/handles/"


class FakeDoi(LoopbackServer):
    def __init__(self, existing, *, status_for=None, host: str = "127.0.0.1", latency: float = 0.0) -> None:
        super().__init__(host=host, latency=latency)
        self.existing = {d.lower() for d in existing}
        self.status_for = {k.lower(): v for k, v in (status_for or {}).items()}

    def handle(self, handler, request) -> None:
        if not request.path.startswith(PREFIX):
            reply(handler, 404, "not found")
            return
        doi = unquote(request.path[len(PREFIX):])
        if doi.lower() in self.status_for:
            reply_json(handler, self.status_for[doi.lower()], {"responseCode": 2, "message": "error"})
        elif doi.lower() in self.existing:
            reply_json(handler, 200, {"responseCode": 1, "handle": doi, "values": [
                {"index": 1, "type": "URL", "data": {"format": "string", "value": "https://example.org/x"}}]})
        else:
            reply_json(handler, 404, {"responseCode": 100, "handle": doi})
