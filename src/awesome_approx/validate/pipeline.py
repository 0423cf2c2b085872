"""Load data/ into a `Catalog` and collect every problem: YAML, schema, entry rules, cross-entry rules.

Every problem of every file is reported in one run, each with its file, line and column, a stable code
and a hint. Entries whose fields have the right types are built into the catalog even when another rule
failed, so one bad file never hides the problems of the others; callers write output only when
`has_errors(problems)` is false.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from awesome_approx.catalog.model import Catalog
from awesome_approx.catalog.problems import Problem
from awesome_approx.load.listing import entry_files
from awesome_approx.validate.cache import cached_results
from awesome_approx.validate.categories import load_categories
from awesome_approx.validate.cross_entry import cross_entry_problems
from awesome_approx.validate.entry import EntryChecks, check_file


@dataclass(frozen=True)
class LoadResult:
    catalog: Catalog
    problems: list[Problem]


def load_catalog(data_dir: Path, *, today: date | None = None, cache: Path | None = None,
                 require_descriptions: bool = False) -> LoadResult:
    """Read categories.yaml and entries/*.yaml under `data_dir`, check them, and build the catalog.

    With `cache` (a file), files unchanged since the last run reuse their results (see validate.cache).
    `require_descriptions` makes a missing description an error instead of a warning (the list's config).
    """
    problems: list[Problem] = []
    categories = load_categories(data_dir / "categories.yaml", problems)
    checks = EntryChecks.for_list(Catalog(categories, ()), today or date.today(), require_descriptions)
    paths = entry_files(data_dir, problems)

    def check(path: Path):
        return check_file(path, checks)

    results = [check(p) for p in paths] if cache is None else cached_results(cache, data_dir, paths, checks, check)
    entries, keys = [], []
    for file_problems, entry, entry_keys in results:
        problems.extend(file_problems)
        if entry is not None:
            entries.append(entry)
            keys.append(entry_keys)
    problems.extend(cross_entry_problems(entries, keys))
    problems.sort(key=lambda p: (p.path, p.line, p.column, p.code))
    return LoadResult(Catalog(categories, tuple(entries)), problems)
