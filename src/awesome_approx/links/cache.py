"""The results of earlier runs, in one JSON file (default `.cache/links.json`).

Policy:
- a fresh `ok` is not checked again: identifiers (arXiv, DOI, GitHub, IEEE) for 30 days, pages for 7,
  each shortened by a random jitter of up to 10 % so entries added together do not all expire together;
- `blocked` and `unknown` are never fresh;
- a `dead` result remembers when it was first seen (`dead_since`); under the confirm-dead policy it
  fails the run only once it has been seen again at least a day later (one bad night never fails CI).
  A later `ok` forgets it; `blocked`/`unknown` in between keep it (they say nothing either way).
- the file is rewritten atomically (temporary file + rename) during the run and when it stops, Ctrl-C
  included, so it is always valid JSON holding what was checked. A file we cannot read is set aside
  (the run starts empty, with a note) rather than failing the check.
"""

from __future__ import annotations

import json
import random
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awesome_approx.fsutil import write_atomic
from awesome_approx.links.results import DEAD, OK, Result

FORMAT_VERSION = 1
DAY = 86400.0
IDENTIFIER_TTL = 30 * DAY
PAGE_TTL = 7 * DAY
CONFIRM_AFTER = DAY
JITTER = 0.10


@dataclass
class CacheEntry:
    result: Result
    checked_at: float
    fresh_until: float | None = None
    dead_since: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"result": self.result.to_json(), "checked_at": self.checked_at,
                "fresh_until": self.fresh_until, "dead_since": self.dead_since}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CacheEntry:
        return cls(Result.from_json(data["result"]), float(data["checked_at"]),
                   _number(data.get("fresh_until")), _number(data.get("dead_since")))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def ttl_for(key: str) -> float:
    return PAGE_TTL if key.startswith("url:") else IDENTIFIER_TTL


@dataclass
class LinkCache:
    path: Path | None  # None: keep results in memory only
    rng: random.Random = field(default_factory=random.Random)
    jitter: float = JITTER
    entries: dict[str, CacheEntry] = field(default_factory=dict)
    note: str | None = None  # e.g. why an unreadable file was set aside
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, path: Path | None, rng: random.Random | None = None) -> LinkCache:
        cache = cls(path, rng or random.Random())
        if path is None or not path.exists():
            return cache
        try:
            document = json.loads(path.read_text("utf-8"))
            if document.get("version") != FORMAT_VERSION:
                raise ValueError(f"format version {document.get('version')!r}, expected {FORMAT_VERSION}")
            cache.entries = {k: CacheEntry.from_json(v) for k, v in document["results"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            cache.note = f"{path}: unreadable link cache ignored ({error}); starting afresh"
            cache.entries = {}
        return cache

    def fresh(self, key: str, now: float) -> Result | None:
        """The cached result when it is an ok still within its time to live."""
        entry = self.entries.get(key)
        if entry and entry.result.outcome == OK and entry.fresh_until is not None and now < entry.fresh_until:
            return entry.result
        return None

    def record(self, key: str, result: Result, now: float) -> CacheEntry:
        with self._lock:
            previous = self.entries.get(key)
            dead_since = previous.dead_since if previous else None
            if result.outcome == OK:
                dead_since = None
            elif result.outcome == DEAD and dead_since is None:
                dead_since = now
            fresh_until = None
            if result.outcome == OK:
                fresh_until = now + ttl_for(key) * (1 - self.jitter * self.rng.random())
            entry = CacheEntry(result, now, fresh_until, dead_since)
            self.entries[key] = entry
            return entry

    def dead_since(self, key: str) -> float | None:
        entry = self.entries.get(key)
        return entry.dead_since if entry else None

    def confirmed_dead(self, key: str, now: float) -> bool:
        """Dead on two runs at least a day apart (this one and one a day or more earlier)."""
        since = self.dead_since(key)
        return since is not None and now - since >= CONFIRM_AFTER

    def save(self) -> None:
        if self.path is None:
            return
        with self._lock:
            document = {"version": FORMAT_VERSION,
                        "results": {k: v.to_json() for k, v in sorted(self.entries.items())}}
            text = json.dumps(document, indent=1, sort_keys=True)
        try:
            write_atomic(self.path, text + "\n")
        except OSError as error:  # a cache we cannot write must not lose the report
            self.note = f"{self.path}: cannot save the link cache ({error.strerror or error})"
