"""What checking one target found: an outcome, a reason a human can read, and the evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

OK = "ok"
DEAD = "dead"
BLOCKED = "blocked"
UNKNOWN = "unknown"
MOVED = "moved"  # a soft 404: the page now redirects to a home page or a generic page
OUTCOMES = (OK, DEAD, BLOCKED, UNKNOWN, MOVED)

REDIRECTED = "redirected"
MISMATCH = "mismatch"
ARCHIVED = "archived"
WARNINGS = (REDIRECTED, MISMATCH, ARCHIVED)


@dataclass(frozen=True)
class LinkWarning:
    kind: str  # one of WARNINGS
    message: str
    suggestion: str | None = None  # e.g. the URL a permanent redirect leads to


@dataclass(frozen=True)
class Result:
    outcome: str
    reason: str
    evidence: dict[str, Any] = field(default_factory=dict)  # status, final_url, chain, api answer...
    warnings: tuple[LinkWarning, ...] = ()
    metadata: tuple[dict[str, Any], ...] = ()  # bibliographic records from arXiv/Crossref, for mismatches
    answered: bool | None = True  # a server answered; False: DNS/connection failure; None: never asked
    dns_failure: bool = False  # dead because the host name does not resolve

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        if data.get("outcome") not in OUTCOMES or not isinstance(data.get("reason"), str):
            raise ValueError("not a link result")
        warnings = tuple(LinkWarning(**w) for w in data.get("warnings") or ())
        return cls(
            outcome=data["outcome"],
            reason=data["reason"],
            evidence=dict(data.get("evidence") or {}),
            warnings=warnings,
            metadata=tuple(dict(m) for m in data.get("metadata") or ()),
            answered=data.get("answered", True) if data.get("answered") in (True, False, None) else True,
            dns_failure=bool(data.get("dns_failure", False)),
        )


def unknown(reason: str, *, answered: bool | None = True, **evidence: Any) -> Result:
    return Result(UNKNOWN, reason, evidence, answered=answered)
