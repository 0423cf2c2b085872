"""A fake Wayback Machine availability API: `GET /wayback/available?url=PAGE`.

    with FakeWayback({"http://127.0.0.1:8080/gone": "20190102030405"}) as wayback:
        base_url = wayback.url

`FakeWayback(snapshots, *, statuses=None, host="127.0.0.1")`: `snapshots` maps a page URL to the
timestamp of its closest snapshot, answered as the real API does (`archived_snapshots.closest` with
`available`, `status`, `timestamp` and a `http://web.archive.org/web/<timestamp>/<page>` URL);
`statuses` maps a page to the archived status to report (default "200"); other pages get an empty
`archived_snapshots`.
"""

from __future__ import annotations

from fakes.server import LoopbackServer, reply_json


class FakeWayback(LoopbackServer):
    def __init__(self, snapshots: dict[str, str], *, statuses: dict[str, str] | None = None,
                 host: str = "127.0.0.1") -> None:
        super().__init__(host=host)
        self.snapshots = dict(snapshots)
        self.statuses = dict(statuses or {})

    def handle(self, handler, request) -> None:
        if request.path != "/wayback/available":
            reply_json(handler, 404, {"error": "not found"})
            return
        page = (request.query.get("url") or [""])[0]
        timestamp = self.snapshots.get(page)
        closest = {} if timestamp is None else {"closest": {
            "available": True, "status": self.statuses.get(page, "200"), "timestamp": timestamp,
            "url": f"http://web.archive.org/web/{timestamp}/{page}"}}
        reply_json(handler, 200, {"url": page, "archived_snapshots": closest})
