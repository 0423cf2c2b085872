"""Per-file validation results as plain tuples, and the on-disk cache that keeps them between runs.

Why tuples: a forked child sends its results to the parent, and pickling ten thousand dataclasses with
their dicts cost as much as checking a quarter of the files; tuples, dicts, strings and numbers go through
`marshal` (both to the parent and into the cache) in milliseconds.

Why a cache: an entry file that has not changed since the last run (same size and modification time)
gives the same result, as long as nothing else that decides the result changed either. The cache key
covers all of that: the validator's own source and schema, the category tree and the year limit, and the
data folder. Anything unexpected in the cache file (corrupt, another version) means "no cache".
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from datetime import date
from pathlib import Path

from awesome_approx import PACKAGE_DIR, __version__
from awesome_approx.fsutil import write_atomic
from awesome_approx.model import Entry
from awesome_approx.problems import Problem

Packed = tuple[tuple[tuple, ...], tuple | None, tuple[tuple[str, str], ...]]
"""(problems, entry or None, identity keys of the entry), each as a tuple of plain values."""

FORMAT = 2
# Modules whose code decides a file's result; a change to any of them invalidates the cache.
DECIDING_SOURCES = ("load.py", "simple_yaml.py", "validate.py", "identifiers.py", "model.py", "problems.py",
                    "checked_files.py", "schema/entry.schema.json")


def pack(problems: list[Problem], entry: Entry | None, keys: tuple[tuple[str, str], ...] = ()) -> Packed:
    """`keys` are the entry's identity keys (see validate.identity_keys), worked out where the file was
    checked so that the process gathering all results only compares them."""
    packed_problems = tuple((p.path, p.line, p.column, p.code, p.message, p.hint, p.severity) for p in problems)
    if entry is None:
        return packed_problems, None, keys
    return packed_problems, (
        entry.id, entry.title, entry.url, entry.category, entry.description, entry.year, entry.authors,
        entry.venue, entry.arxiv, entry.doi, entry.ieee, entry.code, entry.tags,
        entry.added.isoformat() if entry.added else None, entry.positions,
    ), keys


def unpack(packed: Packed, source: Path) -> tuple[list[Problem], Entry | None, tuple[tuple[str, str], ...]]:
    """The problems, entry and identity keys of the file `source` (passed in rather than packed: the
    caller has the Path already, and building 10,000 Paths again cost a tenth of a warm run)."""
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


def cache_key(data_dir: Path, styles: dict[str, str], max_year: int) -> str:
    digest = hashlib.sha256()
    for name in DECIDING_SOURCES:
        digest.update(name.encode())
        digest.update(PACKAGE_DIR.joinpath(name).read_bytes())
    digest.update(repr((FORMAT, __version__, sorted(styles.items()), max_year, str(data_dir.resolve()))).encode())
    return digest.hexdigest()


Stamp = tuple[int, int]
"""(modification time in ns, size in bytes) of a file."""


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
