"""Archived copies of dead and moved pages, from the Wayback Machine's availability API (`--suggest`).

    GET {wayback}/wayback/available?url=<page>
    -> {"url": ..., "archived_snapshots": {"closest": {"available": true, "status": "200",
        "url": "http://web.archive.org/web/20130919044612/http://example.com/", "timestamp": "20130919044612"}}}

Only a snapshot that is available and was archived with status 200 is suggested (the closest one may be
the error page itself). Asked once per page, one request at a time (the Internet Archive asks for
restraint); any failure only means no suggestion, never a different outcome.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from awesome_approx.links.pacing import BudgetExhausted
from awesome_approx.links.results import DEAD, MOVED, Result
from awesome_approx.links.strategies.common import Context, ServiceFailure, service_get
from awesome_approx.links.targets import URL, Target

SUGGESTED_FOR = (DEAD, MOVED)


@dataclass(frozen=True)
class Snapshot:
    url: str
    timestamp: str  # YYYYMMDDhhmmss, as the archive writes it

    @property
    def day(self) -> str:
        return f"{self.timestamp[:4]}-{self.timestamp[4:6]}-{self.timestamp[6:8]}"


def availability_url(base: str, page: str) -> str:
    return f"{base}/wayback/available?" + urlencode({"url": page})


def parse_availability(document: Any) -> Snapshot | None:
    """The closest usable snapshot in an availability answer, or None."""
    snapshots = document.get("archived_snapshots") if isinstance(document, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or closest.get("available") is not True:
        return None
    url, timestamp = closest.get("url"), str(closest.get("timestamp") or "")
    if str(closest.get("status")) != "200" or not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    if not (timestamp.isdigit() and len(timestamp) >= 8):
        return None
    return Snapshot(url, timestamp)


def closest_snapshot(page: str, ctx: Context) -> Snapshot | None:
    try:
        answer = service_get(ctx, "wayback", availability_url(ctx.endpoints.wayback, page))
        return parse_availability(json.loads(answer.text)) if answer.status == 200 else None
    except (ServiceFailure, ValueError):
        return None


def suggest_archived(targets: dict[str, Target], results: dict[str, Result], ctx: Context
                     ) -> dict[str, Snapshot]:
    """Target key -> closest snapshot, for every dead or moved web page that has one."""
    suggestions: dict[str, Snapshot] = {}
    for key, target in targets.items():
        result = results.get(key)
        if target.kind != URL or result is None or result.outcome not in SUGGESTED_FOR:
            continue
        try:
            snapshot = closest_snapshot(target.url, ctx)
        except BudgetExhausted:  # out of time: the report matters more than suggestions
            break
        if snapshot is not None:
            suggestions[key] = snapshot
    return suggestions
