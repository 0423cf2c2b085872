"""The per-file cache: an entry file unchanged since the last run (same size and modification time)
gives the same result, so its result is kept on disk between runs.

The cache key covers everything else that decides a result: the source of this whole package (every file
of it, hashed, so a new or changed module can never leave the cache stale), the category tree, the year
limit, the list's rules and the data folder. Results are stored as plain tuples with `marshal` (fast to
write and read back; dataclasses would need pickle). Anything unexpected in the cache file (corrupt,
another version) means "no cache".
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from awesome_approx import PACKAGE_DIR, __version__
from awesome_approx.catalog.model import Entry
from awesome_approx.catalog.problems import Problem
from awesome_approx.fsutil import write_atomic
from awesome_approx.validate.entry import EntryChecks, FileResult

FORMAT = 4  # 4: identity keys are text (catalog.identity.Key)
SOURCE_SUFFIXES = (".py", ".json")
"""The package files that can change a result: its code and the schema (not templates or caches)."""

Packed = tuple[tuple[tuple, ...], tuple | None, tuple[str, ...]]
Stamp = tuple[int, int]
"""(modification time in ns, size in bytes) of a file."""


def source_digest(package_dir: Path) -> str:
    """A hash of every source file under `package_dir` (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package_dir.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file()):
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def package_digest() -> str:
    """source_digest of this package, worked out once per process."""
    return source_digest(PACKAGE_DIR)


def cache_key(data_dir: Path, checks: EntryChecks) -> str:
    settings = (FORMAT, __version__, sorted(checks.styles.items()), checks.max_year, checks.require_description,
                str(data_dir.resolve()))
    return hashlib.sha256((package_digest() + repr(settings)).encode()).hexdigest()


def cached_results(cache_path: Path, data_dir: Path, paths: list[Path], checks: EntryChecks,
                   check: Callable[[Path], FileResult]) -> list[FileResult]:
    """Each file's result, in order: from the cache when the file is unchanged, else from `check`; the
    cache is written again when anything changed."""
    key = cache_key(data_dir, checks)
    cached = read_cache(cache_path, key)
    results: list[FileResult] = []
    kept: dict[str, tuple[Stamp, Packed]] = {}
    changed = False
    for path in paths:
        name = path.name
        stamp = _stamp(path)  # before the check: a change made while it runs is seen by the next run
        hit = cached.get(name)
        fresh = stamp is None or hit is None or hit[0] != stamp
        packed = pack(check(path)) if fresh else hit[1]
        changed = changed or fresh
        if stamp is not None:
            kept[name] = (stamp, packed)
        results.append(unpack(packed, path))
    if changed or len(kept) != len(cached):  # something checked again, or files gone
        write_cache(cache_path, key, kept)
    return results


def _stamp(path: Path) -> Stamp | None:
    try:
        info = os.stat(path)
    except OSError:
        return None  # vanished since listing: it is checked, and read_document will say what happened
    return info.st_mtime_ns, info.st_size


def pack(result: FileResult) -> Packed:
    problems, entry, keys = result
    packed_problems = tuple((p.path, p.line, p.column, p.code, p.message, p.hint, p.severity) for p in problems)
    if entry is None:
        return packed_problems, None, keys
    return packed_problems, (
        entry.id, entry.title, entry.url, entry.category, entry.description, entry.year, entry.authors,
        entry.venue, entry.arxiv, entry.doi, entry.ieee, entry.code, entry.tags,
        entry.added.isoformat() if entry.added else None, entry.positions,
    ), keys


def unpack(packed: Packed, source: Path) -> FileResult:
    """The result of the file `source` (passed in rather than packed: the caller has the Path already)."""
    packed_problems, packed_entry, keys = packed
    problems = [Problem(*fields) for fields in packed_problems]
    if packed_entry is None:
        return problems, None, keys
    (entry_id, title, url, category, description, year, authors, venue, arxiv, doi, ieee, code, tags, added,
     positions) = packed_entry
    return problems, Entry(
        id=entry_id, title=title, url=url, category=category, description=description, year=year,
        authors=tuple(authors), venue=venue, arxiv=arxiv, doi=doi, ieee=ieee, code=code, tags=tuple(tags),
        added=date.fromisoformat(added) if added else None, source=source, positions=positions,
    ), keys


def read_cache(path: Path, key: str) -> dict[str, tuple[Stamp, Packed]]:
    """The cached results by file name, or {} when there is no usable cache."""
    try:
        document = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(document, tuple) or len(document) != 2 or document[0] != key:
        return {}
    files = document[1]
    return files if isinstance(files, dict) else {}


def write_cache(path: Path, key: str, files: dict[str, tuple[Stamp, Packed]]) -> None:
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time on the next run
        write_atomic(path, marshal.dumps((key, files)))
