"""Load data/ into a `Catalog` and collect every problem: YAML, schema and cross-entry rules.

Every problem of every file is reported in one run, each with its file, line and column, a stable code
and a hint. Entries whose fields have the right types are built into the catalog even when another rule
failed, so one bad file never hides the problems of the others; callers write output only when
`has_errors(problems)` is false.
"""

from __future__ import annotations

import gc
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema

from awesome_approx import PACKAGE_DIR, checked_files, forked
from awesome_approx import identifiers as ids
from awesome_approx.contribute.discover_query import QueryError, check_query
from awesome_approx.load import Document, read_document
from awesome_approx.meeting import Meeting, joined
from awesome_approx.model import CITATION, ENTRY_FIELDS, NAMED, Catalog, Category, Entry
from awesome_approx.problems import WARNING, Problem

MIN_YEAR = 1940
MODELINE = "# yaml-language-server: $schema=../../src/awesome_approx/schema/entry.schema.json"
"""First line of every entry file: editors then complete and check fields against the schema."""
CATEGORY_KEYS = ("id", "title", "description", "style", "children", "discover")
STYLES = (CITATION, NAMED)
DESCRIPTION_END = (".", "!", "?", "…")


@dataclass(frozen=True)
class LoadResult:
    catalog: Catalog
    problems: list[Problem]


@cache
def entry_schema() -> dict[str, Any]:
    text = PACKAGE_DIR.joinpath("schema", "entry.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _fast_schema_check():
    """The same schema compiled to Python code: ~20x faster on valid entries, which are nearly all.
    jsonschema runs only when this fails, to list every error with its path."""
    return fastjsonschema.compile(entry_schema())


@cache
def _schema_validator():
    import jsonschema  # only needed for invalid entries; importing it costs ~70 ms at start-up

    return jsonschema.Draft7Validator(entry_schema(), format_checker=jsonschema.FormatChecker(["date"]))


PARALLEL_MIN_FILES = 500
"""Below this many files a second process costs more than it saves."""


def load_catalog(data_dir: Path, *, today: date | None = None, workers: int = 1,
                 cache: Path | None = None, freeze_loaded: bool = False) -> LoadResult:
    """Read categories.yaml and entries/*.yaml under `data_dir`, check them, and build the catalog.

    `workers` > 1 spreads the per-file work over that many forked processes (the CLI does this; library
    callers such as the MkDocs plugin keep the default, since forking a threaded process is unsafe).
    With `cache`, files unchanged since the last run reuse their results (see checked_files).
    `freeze_loaded` is for processes that keep the catalog until they end (every CLI command): see below.
    """
    today = today or date.today()
    # Loading builds ~30 small objects per file and keeps most of them; the cyclic garbage collector
    # would rescan that growing heap again and again (measured: 15-25% of the load time at 10,000
    # entries). It is paused while loading; the few cycles made meanwhile (parser objects) are collected
    # once it runs again.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_catalog(data_dir, today, workers, cache)
    finally:
        if freeze_loaded:
            # Everything made while paused sits in the youngest generation, so the first collection after
            # loading would walk all of it (measured: 0.2-0.8 s at 10,000 entries). A process that keeps
            # the catalog anyway moves it out of the collector's sight for good instead (gc.freeze).
            gc.freeze()
        if gc_was_enabled:
            gc.enable()


def _load_catalog(data_dir: Path, today: date, workers: int, cache: Path | None) -> LoadResult:
    problems: list[Problem] = []
    categories = load_categories(data_dir / "categories.yaml", problems)
    styles = {c.id: c.style for c in Catalog(categories, ()).walk()}
    paths = entry_files(data_dir, problems)
    entries: list[Entry] = []
    keys: list[tuple[tuple[str, str], ...]] = []
    for path, packed in zip(paths, _results(paths, data_dir, styles, today.year + 1, workers, cache), strict=True):
        file_problems, entry, entry_keys = checked_files.unpack(packed, path)
        problems.extend(file_problems)
        if entry is not None:
            entries.append(entry)
            keys.append(entry_keys)
    problems.extend(cross_entry_problems(entries, keys))
    problems.sort(key=lambda p: (p.path, p.line, p.column, p.code))
    return LoadResult(Catalog(categories, tuple(entries)), problems)


def check_file(path: Path, styles: dict[str, str], max_year: int) -> tuple[list[Problem], Entry | None]:
    """Everything that can be known about one entry file on its own."""
    doc = read_document(path)
    problems = list(doc.problems)
    if any(p.is_error for p in doc.problems):
        return problems, None
    if doc.first_line != MODELINE:
        problems.append(Problem.at(path, 1, 1, "modeline", "the first line is not the schema modeline",
                                   f"start the file with: {MODELINE} (awesome-approx fmt adds it)", WARNING))
    return problems, check_entry(doc, styles, max_year, problems)


def _check_chunk(paths: list[Path], styles: dict[str, str], max_year: int) -> list[checked_files.Packed]:
    return [_check_packed(path, styles, max_year) for path in paths]


def _check_packed(path: Path, styles: dict[str, str], max_year: int) -> checked_files.Packed:
    problems, entry = check_file(path, styles, max_year)
    return checked_files.pack(problems, entry, identity_keys(entry) if entry is not None else ())


def _results(paths: list[Path], data_dir: Path, styles: dict[str, str], max_year: int, workers: int,
             cache: Path | None) -> list[checked_files.Packed]:
    """Each file's packed result, in order: from the cache when the file is unchanged, else checked."""
    if cache is None:
        return _check_files(paths, styles, max_year, workers)
    key = checked_files.cache_key(data_dir, styles, max_year)
    cached = checked_files.read_cache(cache, key)
    stamps = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue  # vanished since listing: check it, and read_document will say what happened
        stamps[path.name] = (stat.st_mtime_ns, stat.st_size)
    stale = [p for p in paths if p.name not in stamps or cached.get(p.name, (None,))[0] != stamps[p.name]]
    fresh = dict(zip((p.name for p in stale), _check_files(stale, styles, max_year, workers), strict=True))
    if fresh or len(cached) != len(paths):
        kept = {name: (stamps[name], fresh[name] if name in fresh else cached[name][1])
                for name in (p.name for p in paths) if name in stamps}
        checked_files.write_cache(cache, key, kept)
    return [fresh[p.name] if p.name in fresh else cached[p.name][1] for p in paths]


def _check_files(paths: list[Path], styles: dict[str, str], max_year: int, workers: int):
    workers = min(workers, os.cpu_count() or 1)
    if workers < 2 or len(paths) < PARALLEL_MIN_FILES or not forked.available():
        return _check_chunk(paths, styles, max_year)
    _fast_schema_check()  # compiled once here, before forking, rather than once in every process
    # The files are cut into one segment per pair of processes; in each pair one process works forward
    # from the segment's start, the other backward from its end, until they meet (see meeting.py), so a
    # process that runs faster simply does more. This process works forward on the first segment.
    size = -(-len(paths) // (workers // 2))
    segments = [paths[start:start + size] for start in range(0, len(paths), size)]
    meetings = [Meeting(len(segment)) for segment in segments]
    halves: dict[tuple[int, str], list[checked_files.Packed]] = {}
    children: dict[tuple[int, str], forked.Child] = {}
    try:
        for number, (segment, meeting) in enumerate(zip(segments, meetings, strict=True)):
            for direction in ("forward", "backward") if number else ("backward",):
                try:
                    children[number, direction] = forked.start(_meet, meeting, direction, segment, styles,
                                                               max_year)
                except OSError:  # no process or pipe to be had (limits): this process does that share
                    halves[number, direction] = []
        halves[0, "forward"] = _meet(meetings[0], "forward", segments[0], styles, max_year)
        for key, child in list(children.items()):
            try:
                halves[key] = forked.result(child)
            except forked.ChildFailed:
                halves[key] = []  # its files are checked here instead: time lost, never a result
            del children[key]
    finally:
        for child in children.values():  # only when interrupted: nobody will read these results
            forked.stop(child)
        for meeting in meetings:
            meeting.close()
    results: list[checked_files.Packed] = []
    for number, segment in enumerate(segments):
        results.extend(joined(halves[number, "forward"], halves[number, "backward"], len(segment),
                              _checker(segment, styles, max_year)))
    return results


def _meet(meeting: Meeting, direction: str, segment: list[Path], styles: dict[str, str],
          max_year: int) -> list[checked_files.Packed]:
    check = _checker(segment, styles, max_year)
    return meeting.forward(check) if direction == "forward" else meeting.backward(check)


def _checker(segment: list[Path], styles: dict[str, str], max_year: int) -> Callable[[int], checked_files.Packed]:
    """Checks the file at an index of `segment`, as the meeting workers and `joined` ask for it."""
    return lambda index: _check_packed(segment[index], styles, max_year)


def entry_files(data_dir: Path, problems: list[Problem]) -> list[Path]:
    folder = data_dir / "entries"
    if not folder.is_dir():
        problems.append(Problem.at(folder, 1, 1, "missing-folder", "the folder of entries does not exist",
                                   f"create {folder} with one .yaml file per entry"))
        return []
    files = []
    # scandir knows file types without a stat() per file; sorting names keeps every output deterministic.
    with os.scandir(folder) as scan:
        names = sorted(item.name for item in scan if item.is_file() and not item.name.startswith((".", "_")))
    # pathlib's own listing builds children without parsing them again (`folder / name` parses: 45 ms for
    # 10,000 files). That helper is private: used only where it exists and gives what joining gives.
    child = getattr(folder, "_make_child_relpath", folder.joinpath)
    if names and child(names[0]) != folder / names[0]:
        child = folder.joinpath
    for name in names:
        path = child(name)
        if name.endswith(".yaml"):
            files.append(path)
        elif path.suffix.lower() in (".yml", ".yaml"):
            problems.append(Problem.at(path, 1, 1, "file-name", f"entry files end in .yaml, not {path.suffix}",
                                       f"rename it to {path.stem}.yaml"))
    return files


# --- categories -------------------------------------------------------------------------------------


def load_categories(path: Path, problems: list[Problem]) -> tuple[Category, ...]:
    doc = read_document(path)
    problems.extend(doc.problems)
    if doc.data is None:
        return ()
    if not isinstance(doc.data, list):
        problems.append(doc.problem("category-file", "categories.yaml must be a list of categories",
                                    "start each category with '- id: ...'"))
        return ()
    seen: set[str] = set()
    return _build_categories(doc, doc.data, (), 0, None, seen, problems)


def _build_categories(doc: Document, items: list[Any], at: tuple[str | int, ...], depth: int,
                      parent: str | None, seen: set[str], problems: list[Problem]) -> tuple[Category, ...]:
    built = []
    for index, item in enumerate(items):
        where = (*at, index) if at else (index,)
        if not isinstance(item, dict):
            problems.append(doc.problem("category-file", "a category must be a mapping with id and title",
                                        at=where))
            continue
        unknown = sorted(set(item) - set(CATEGORY_KEYS))
        cid, title = item.get("id"), item.get("title")
        style = item.get("style", NAMED)
        if unknown or not isinstance(cid, str) or not isinstance(title, str) or style not in STYLES:
            problems.append(doc.problem(
                "category-file",
                f"category {index + 1} needs a string id and title, style one of {', '.join(STYLES)}"
                + (f"; unknown keys: {', '.join(map(str, unknown))}" if unknown else ""),
                at=where))
            continue
        if cid in seen:
            problems.append(doc.problem("category-file", f"category id '{cid}' is used twice", at=where))
            continue
        seen.add(cid)
        discover = item.get("discover")
        if discover is not None:
            try:
                check_query(discover)
            except QueryError as error:
                problems.append(doc.problem("category-file", f"discover query of '{cid}': {error}", at=where))
                discover = None
        children = item.get("children") or []
        if not isinstance(children, list):
            problems.append(doc.problem("category-file", f"children of '{cid}' must be a list", at=where))
            children = []
        # Only the top level keeps field positions; nested categories report at their parent's line.
        kids = _build_categories(doc, children, where, depth + 1, cid, seen, problems)
        built.append(Category(cid, title, str(item.get("description") or ""), style, kids, depth, parent,
                              discover or ""))
    return tuple(built)


# --- one entry ---------------------------------------------------------------------------------------


def check_entry(doc: Document, styles: dict[str, str], max_year: int, problems: list[Problem]) -> Entry | None:
    """Apply the schema and the single-entry rules; return the entry when its types are right."""
    data = doc.data
    if not isinstance(data, dict):
        kinds = {list: "a list", type(None): "an empty value", str: "a single text", int: "a number"}
        kind = kinds.get(type(data), f"a {type(data).__name__}")
        problems.append(doc.problem("not-mapping", f"an entry must be a mapping of fields, not {kind}",
                                    "write one 'field: value' per line; see data/entries/_template.yaml.example"))
        return None
    schema_problems = list(_schema_problems(doc, data))
    problems.extend(schema_problems)
    if any(p.code in ("wrong-type", "missing-field", "unknown-field") for p in schema_problems):
        return None
    problems.extend(_rule_problems(doc, data, styles, max_year))
    return _to_entry(doc, data)


def _schema_problems(doc: Document, data: dict[str, Any]) -> Iterable[Problem]:
    try:
        _fast_schema_check()(data)
        return
    except fastjsonschema.JsonSchemaException:
        pass
    validator = _schema_validator()
    for error in validator.iter_errors(data):
        where = tuple(error.absolute_path)
        field = str(where[0]) if where else ""
        if error.validator == "additionalProperties":
            for name in sorted(set(data) - set(ENTRY_FIELDS), key=str):
                close = _close_matches(str(name), ENTRY_FIELDS, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(ENTRY_FIELDS)}"
                yield doc.problem("unknown-field", f"unknown field '{name}'", hint, at=(name,))
        elif error.validator == "required":
            missing = error.message.split("'")[1]
            hint = ("write one sentence in your own words: capital first letter, ends with a period"
                    if missing == "description" else f"add '{missing}: ...'")
            yield doc.problem("missing-field", f"required field '{missing}' is missing", hint)
        elif error.validator == "type":
            expected = error.validator_value
            got = type(error.instance).__name__
            hint = ""
            if expected == "string" and isinstance(error.instance, int | float):
                hint = f"quote the value: {field}: '{error.instance}'"
            elif expected == "array":
                hint = f"write a list: {field}: [{error.instance}]"
            yield doc.problem("wrong-type", f"'{_field_path(where)}' must be {_a(expected)}, not {got}", hint,
                              at=where)
        else:
            yield doc.problem("invalid-value", f"'{_field_path(where)}': {error.message}",
                              _schema_hint(error), at=where)


def _close_matches(word: str, choices, **options: Any) -> list[str]:
    import difflib  # only for messages about mistakes; importing it costs start-up time on every run

    return difflib.get_close_matches(word, choices, **options)


def _field_path(where: tuple[Any, ...]) -> str:
    return ".".join(str(part) if not isinstance(part, int) else f"[{part}]" for part in where).replace(".[", "[")


def _a(kind: Any) -> str:
    names = {"string": "a string", "integer": "a whole number", "array": "a list", "object": "a mapping"}
    return names.get(kind, str(kind))


def _schema_hint(error) -> str:
    """The schema's description of the failing part, else of the field it belongs to (list items have none)."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if schema.get("description"):
        return str(schema["description"])
    field = next(iter(error.absolute_path), None)
    return str(entry_schema()["properties"].get(field, {}).get("description", "")) if isinstance(field, str) else ""


def _rule_problems(doc: Document, data: dict[str, Any], styles: dict[str, str],
                   max_year: int) -> Iterable[Problem]:
    stem = doc.path.stem
    if not ids_ok(stem):
        yield doc.problem("bad-id", f"file name '{doc.path.name}' is not a valid entry id",
                          "use lowercase letters, digits, - and _ (BibTeX-key style, e.g. guo2020accelerating)")
    if "id" in data and data["id"] != stem:
        yield doc.problem("id-mismatch", f"id '{data['id']}' does not match the file name '{stem}'",
                          f"rename the file to {data['id']}.yaml or set id: {stem}", at=("id",))
    category = data.get("category")
    if isinstance(category, str) and category not in styles:
        category_ids = list(styles)
        close = _close_matches(category, category_ids, n=1)
        hint = (f"did you mean '{close[0]}'? " if close else "") + "valid categories: " + ", ".join(category_ids)
        yield doc.problem("unknown-category", f"unknown category '{category}'", hint, at=("category",))
    for field in ("url", "code"):
        value = data.get(field)
        if isinstance(value, str):
            yield from _url_problems(doc, field, value)
    arxiv = data.get("arxiv")
    if isinstance(arxiv, str) and not ids.is_arxiv_id(arxiv):
        yield doc.problem("bad-arxiv", f"'{arxiv}' is not a well-formed arXiv id",
                          "new style is YYMM.NNNNN (e.g. '2008.13006'), old style archive/YYMMNNN "
                          "(e.g. 'hep-th/9901001'), optionally with a version such as v2", at=("arxiv",))
    doi = data.get("doi")
    if isinstance(doi, str) and not ids.is_doi(doi):
        from_url = ids.doi_from_url(doi)
        hint = f"write the bare DOI: doi: {from_url}" if from_url else "a DOI looks like 10.1145/3309551"
        yield doc.problem("bad-doi", f"'{doi}' is not a well-formed DOI", hint, at=("doi",))
    ieee = data.get("ieee")
    if isinstance(ieee, str) and not ids.is_ieee_document(ieee):
        yield doc.problem("bad-ieee", f"'{ieee}' is not an IEEE Xplore document number",
                          "give the number from ieeexplore.ieee.org/document/NUMBER, quoted", at=("ieee",))
    url = data.get("url") if isinstance(data.get("url"), str) else ""
    if (ieee or ids.ieee_document_from_url(url)) and not doi:
        yield doc.problem("ieee-without-doi", "an IEEE Xplore paper without a DOI cannot be verified "
                          "(IEEE blocks automated checks)", "add the paper's doi: field",
                          at=("ieee",) if ieee else ("url",), severity=WARNING)
    year = data.get("year")
    if isinstance(year, int) and not MIN_YEAR <= year <= max_year:
        yield doc.problem("year-range", f"year {year} is outside {MIN_YEAR}..{max_year}", at=("year",))
    description = data.get("description")
    if isinstance(description, str):
        yield from _description_problems(doc, description)
    if styles.get(category) == CITATION:
        for needed in ("year", "authors"):
            if needed not in data:
                yield doc.problem("missing-field", f"'{needed}' is required for a paper in '{category}'",
                                  "papers are cited as '2019 [Title](url), Wang & al.'")


ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")


def ids_ok(stem: str) -> bool:
    """BibTeX-key style: lowercase ASCII letters, digits, - and _, starting with a letter or digit."""
    return bool(stem) and stem[0] not in "-_" and set(stem) <= ID_CHARS


WHITESPACE = re.compile(r"\s")


def _url_problems(doc: Document, field: str, value: str) -> Iterable[Problem]:
    scheme = ids.url_scheme(value)
    if scheme not in ("http", "https"):
        shown = f"'{scheme}:'" if scheme else "no scheme"
        yield doc.problem("bad-url-scheme", f"{field} has {shown}; only http and https links are allowed",
                          "write the full link starting with https://", at=(field,))
        return
    if WHITESPACE.search(value) or "://" not in value or not value.split("://", 1)[1].split("/", 1)[0]:
        yield doc.problem("bad-url", f"{field} '{value}' is not a valid link (host missing or spaces inside)",
                          "percent-encode spaces as %20", at=(field,))


def _description_problems(doc: Document, text: str) -> Iterable[Problem]:
    if text != text.strip():
        yield doc.problem("description-style", "description has leading or trailing spaces",
                          at=("description",))
    stripped = text.strip()
    if stripped and stripped[0].isalpha() and not stripped[0].isupper():
        yield doc.problem("description-style", "description must start with a capital letter",
                          f"write '{stripped[0].upper()}{stripped[1:20]}...'", at=("description",))
    if stripped and not stripped.endswith(DESCRIPTION_END):
        yield doc.problem("description-style", "description must end with punctuation (. ! ?)",
                          "end the sentence with a period", at=("description",))


def _to_entry(doc: Document, data: dict[str, Any]) -> Entry:
    added = data.get("added")
    return Entry(
        id=doc.path.stem,
        title=data["title"],
        url=data["url"],
        category=data["category"],
        description=data.get("description", ""),
        year=data.get("year"),
        authors=tuple(data.get("authors") or ()),
        venue=data.get("venue"),
        arxiv=data.get("arxiv"),
        doi=data.get("doi"),
        ieee=data.get("ieee"),
        code=data.get("code"),
        tags=tuple(data.get("tags") or ()),
        added=_iso_date(added) if isinstance(added, str) else None,
        source=doc.path,
        # Fields only (not list items): enough for every later message, and half the objects to carry.
        positions={path: pos for path, pos in doc.positions.items() if len(path) <= 1},
    )


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# --- across entries ---------------------------------------------------------------------------------


def _entry_problem(entry: Entry, field: str, code: str, message: str, hint: str = "",
                   severity: str = "error") -> Problem:
    pos = entry.position_of(field)
    return Problem.at(entry.source or entry.id, pos.line, pos.column, code, message, hint, severity)


def identity_keys(entry: Entry) -> tuple[tuple[str, str], ...]:
    """The (kind, key) pairs under which two entries would be the same paper: id, normalised URL, arXiv id
    and DOI, in a fixed order."""
    arxiv = {ids.strip_arxiv_version(a) for a in (entry.arxiv, ids.arxiv_id_from_url(entry.url)) if a}
    dois = {ids.normalise_doi(d) for d in (entry.doi, ids.doi_from_url(entry.url)) if d}
    return (("id", entry.id.casefold()), ("url", ids.normalise_url(entry.url)),
            *(("arxiv", key) for key in sorted(arxiv)), *(("doi", key) for key in sorted(dois)))


FIELD_OF_KEY = {"id": "", "url": "url", "arxiv": "arxiv", "doi": "doi"}
SHOWN_KEY = {"id": "id", "url": "URL", "arxiv": "arXiv id", "doi": "DOI"}


def cross_entry_problems(entries: list[Entry], keys: list[tuple[tuple[str, str], ...]] | None = None) -> list[Problem]:
    """Entries that are the same paper as an earlier one. `keys[i]` are identity_keys(entries[i]) when the
    caller has them already (worked out in parallel with the per-file checks)."""
    problems: list[Problem] = []
    first_with: dict[tuple[str, str], Entry] = {}
    for entry, entry_keys in zip(entries, keys if keys is not None else map(identity_keys, entries), strict=True):
        for kind_and_key in entry_keys:
            other = first_with.setdefault(kind_and_key, entry)
            if other is entry:
                continue
            kind = kind_and_key[0]
            field = FIELD_OF_KEY[kind] if kind != "arxiv" or entry.arxiv else "url"
            if kind == "doi" and not entry.doi:
                field = "url"
            problems.append(_entry_problem(
                entry, field, f"duplicate-{kind}", f"same {SHOWN_KEY[kind]} as entry '{other.id}' ({other.source})",
                "an entry may appear once; merge the two files"))
    return problems
