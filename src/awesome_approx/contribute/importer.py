"""Turn a hand-written awesome-list README into our data layout (categories.yaml + entries/*.yaml).

This is the migration path for the many hand-written lists in the field. Examples::

    awesome-approx import-markdown README.md --out imported/     # a new project that builds at once
    awesome-approx import-markdown README.md --into data/        # add to this repository's list

What is understood (`markdown_list` walks the document, `list_item` reads each item):

- Headings become categories, nested by heading level. The document title (a first-level heading
  before any other, or an HTML ``<h1>``) and the first paragraph of text before the first section become
  the project's ``title`` and ``intro``; boilerplate sections (Contents, Contributing, License, ...) are
  skipped. A heading that is a year (``### 2022``) gives that year to the entries below without one.
- The first paragraph right under a heading becomes the category's description.
- List items in the citation styles of the field (see `list_item`), table rows (the link column named
  by the header, other columns by theirs; an unknown column of short codes becomes tags), and
  paragraphs whose every line starts with a link.
- arXiv, DOI (also inside publisher links) and IEEE Xplore links are stored as identifiers; arXiv links
  become the arXiv abs page.

Decisions worth knowing:

- A few bad lines never block the good ones. Each linked item either becomes an entry or is reported
  with its line and reason: not understood, outside the sections, the same URL/arXiv id/DOI as an
  earlier line (both lines named, imported once), or a rule of `validate` it breaks (relative link,
  typo in the link). Nothing at all is written only when no entry could be imported.
- Entries are written by `fmt`'s writer, so an imported file is already in canonical form.
- A description is tidied mechanically (capital first letter, final period); items without one are
  written without (paper lists rarely carry them) and counted.
- "Wang & al." becomes the authors ``[Wang, others]``: the source names no one else.
- A category is citation style when every entry in it has a year and authors.
- With ``--into``, entries already in the list (by the identity rule of `validate`) are skipped and
  listed, each entry goes under the existing category whose title matches its heading (else it is
  reported), categories.yaml is not touched and no file is ever overwritten.

- With ``--out``, the project also gets what its website needs (`site_scaffold`: mkdocs.yml, the site's
  assets and theme partials); its README and site take the title and intro from its pyproject.toml.

Parsing and rendering are pure; only `import_markdown` touches the disk, writing atomically and only
files that validate. Entries are validated in memory, by the validator's own checks on the very text
that will be written, before anything is written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from awesome_approx.catalog.identity import Key, identity_keys, key_kind
from awesome_approx.catalog.model import CITATION, NAMED, Catalog, Category, Entry
from awesome_approx.catalog.problems import WARNING, Problem, has_errors
from awesome_approx.config import TOOL_CHECKOUT
from awesome_approx.contribute.fmt import format_data
from awesome_approx.contribute.markdown_list import (
    ImportedCategory,
    ImportedEntry,
    ParsedList,
    parse_markdown,
    slug,
)
from awesome_approx.contribute.site_scaffold import scaffold_files
from awesome_approx.validate import load_catalog
from awesome_approx.validate.categories import load_categories
from awesome_approx.validate.cross_entry import cross_entry_problems
from awesome_approx.validate.entry import EntryChecks, check_text


class ImportRefused(Exception):
    """The import was refused; nothing was written. Carries the problems that explain why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


# --- the rules borrowed from validate, each behind one function (see the architecture issue) -------------


def is_missing_description(problem: Problem) -> bool:
    """A missing description does not block an import: paper lists rarely have them."""
    return problem.code == "missing-description" or (
        problem.code == "missing-field" and "'description'" in problem.message)


def blocks_import(problem: Problem) -> bool:
    return problem.is_error and not is_missing_description(problem)


def identity_of(fields: dict[str, Any]) -> tuple[Key, ...]:
    """The keys under which two entries are the same paper (URL, arXiv id, DOI): the one identity rule
    (catalog.identity); ids are not compared, since imported ids are made fresh."""
    return identity_keys(None, fields.get("url"), fields.get("arxiv"), fields.get("doi"))


def existing_identity(entry: Entry) -> tuple[Key, ...]:
    return identity_keys(None, entry.url, entry.arxiv, entry.doi)


# --- output (pure) --------------------------------------------------------------------------------------


def entry_text(fields: dict[str, Any]) -> str:
    """An entry file as `fmt` writes it (the one entry writer)."""
    return format_data(fields)


def render_files(parsed: ParsedList, entries: list[ImportedEntry] | None = None) -> dict[str, str]:
    """Relative path -> file text: categories.yaml and one entries/<id>.yaml per entry."""
    chosen = parsed.entries if entries is None else entries
    files = {"categories.yaml": categories_yaml(parsed, chosen)}
    for entry in chosen:
        files[f"entries/{entry.id}.yaml"] = entry_text(entry.fields)
    return files


def category_styles(parsed: ParsedList, entries: list[ImportedEntry]) -> dict[str, str]:
    by_category: dict[str, list[ImportedEntry]] = {}
    for entry in entries:
        by_category.setdefault(entry.fields["category"], []).append(entry)
    return {
        category.id: CITATION if (group := by_category.get(category.id))
        and all(e.fields.get("year") and e.fields.get("authors") for e in group) else NAMED
        for category in parsed.walk()
    }


def categories_yaml(parsed: ParsedList, entries: list[ImportedEntry]) -> str:
    styles = category_styles(parsed, entries)

    def tree(items: list[ImportedCategory]) -> list[dict[str, Any]]:
        out = []
        for category in items:
            node: dict[str, Any] = {"id": category.id, "title": category.title}
            if category.description:
                node["description"] = category.description
            if styles[category.id] == CITATION:
                node["style"] = CITATION
            if category.children:
                node["children"] = tree(category.children)
            out.append(node)
        return out

    body = yaml.safe_dump(tree(parsed.categories), sort_keys=False, allow_unicode=True, width=110, indent=2)
    return "# Imported by `awesome-approx import-markdown`: the ordered category tree.\n" + (
        body if parsed.categories else "[]\n")


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, except that TOML also refuses a raw DEL."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def project_config(parsed: ParsedList, source: str, data_dir: str = "data") -> str:
    """The imported project's pyproject.toml: where its data is, and the source list's title and intro."""
    lines = [f"# Written by `awesome-approx import-markdown` from {Path(source).name}.", "[tool.awesome-approx]",
             f"data_dir = {toml_string(data_dir)}",
             f"title = {toml_string(parsed.title or Path(source).stem)}"]
    if parsed.intro:
        lines.append(f"intro = {toml_string(parsed.intro)}")
    lines.append('# repo_url = "https://github.com/OWNER/NAME"  # the repository the site\'s edit links open')
    return "\n".join(lines) + "\n"


# --- choosing what to write (pure) ----------------------------------------------------------------------


def left_out(entry: ImportedEntry, source: str, code: str, message: str, hint: str = "") -> Problem:
    return Problem.at(source, entry.line, 1, code, message + "; left out", hint, WARNING)


def without_duplicates(entries: list[ImportedEntry], source: str) -> tuple[list[ImportedEntry], list[Problem]]:
    """The first of entries that are the same paper (URL, arXiv id or DOI), and a problem for each later one
    naming both lines."""
    first_with: dict[Key, ImportedEntry] = {}
    kept, problems = [], []
    for entry in entries:
        keys = identity_of(entry.fields)
        earlier = next((first_with[key] for key in keys if key in first_with), None)
        if earlier is not None:
            kind = next(key_kind(key) for key in keys if key in first_with)
            shown = {"url": "URL", "arxiv": "arXiv id", "doi": "DOI"}.get(kind, kind)
            problems.append(left_out(entry, source, f"duplicate-{kind}",
                                     f"same {shown} as line {earlier.line}, which is imported"))
            continue
        for key in keys:
            first_with.setdefault(key, entry)
        kept.append(entry)
    return kept, problems


def placed_in(catalog: Catalog, parsed: ParsedList, entries: list[ImportedEntry],
              source: str) -> tuple[list[ImportedEntry], list[Problem]]:
    """For --into: entries not yet in the list, each moved to the existing category its heading names."""
    present: dict[tuple[str, str], str] = {}
    for existing in catalog.entries:
        for key in existing_identity(existing):
            present.setdefault(key, existing.id)
    by_title: dict[str, list[str]] = defaultdict(list)
    for category in catalog.walk():
        by_title[slug(category.title)].append(category.id)
    headings = {c.id: c.title for c in parsed.walk()}
    kept, problems = [], []
    for entry in entries:
        same = next((present[key] for key in identity_of(entry.fields) if key in present), None)
        if same is not None:
            problems.append(left_out(entry, source, "already-present", f"already in the list as '{same}'"))
            continue
        heading = headings.get(entry.fields["category"], "")
        matches = by_title.get(slug(heading), [])
        if len(matches) != 1:
            why = "no category" if not matches else "more than one category"
            problems.append(left_out(entry, source, "no-category", f"{why} of the list is titled '{heading}'",
                                     "add the category to categories.yaml, or move the item under a heading "
                                     "the list has"))
            continue
        entry.fields["category"] = matches[0]
        kept.append(entry)
    return kept, problems


# --- the edge: checking and writing ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    written: list[Path]
    parsed: ParsedList
    missing_descriptions: list[str]
    left_out: list[Problem] = field(default_factory=list)
    imported: int = 0

    @property
    def linked_items(self) -> int:
        return self.parsed.linked_items


def import_markdown(source: Path, out: Path, *, into: bool = False, config_file: Path | None = None,
                    strict: bool = False, today: date | None = None) -> ImportReport:
    """Parse `source` and write every entry that validates under the data folder `out` (a new folder, or
    with `into` an existing list); with `config_file`, also the new project's settings.

    Raises ImportRefused (nothing written) when the source cannot be read, when `into` names no list,
    when a file would be overwritten, when no entry at all could be imported, or, with `strict`, when any
    line was not understood or left out.
    """
    text = read_source(source)
    catalog = existing_list(out) if into else None
    taken = frozenset(e.id for e in catalog.entries) | stems_in(out) if catalog else frozenset()
    parsed = parse_markdown(text, str(source), taken_ids=taken)
    if strict and (parsed.problems or parsed.left_out):
        raise ImportRefused([*parsed.left_out, *parsed.problems])
    entries, problems = without_duplicates(parsed.entries, str(source))
    if catalog is not None:
        entries, not_placed = placed_in(catalog, parsed, entries, str(source))
        problems += not_placed
    files = render_files(parsed, entries)
    if catalog is not None:
        del files["categories.yaml"]  # the list's own tree stays as it is
        tree = catalog.categories
    else:
        tree = generated_tree(files["categories.yaml"], out / "categories.yaml")
    rejected, missing = checked(files, tree, entries, str(source), today or date.today())
    problems += rejected
    if not any(name.startswith("entries/") for name in files):
        raise ImportRefused(sorted([*parsed.left_out, *problems, Problem.at(
            source, 1, 1, "nothing-imported", "no entry could be imported; nothing written")]))
    project = {} if config_file is None else {
        config_file: project_config(parsed, str(source), os.path.relpath(out, config_file.parent)),
        **{config_file.parent / name: text for name, text in scaffold_files(TOOL_CHECKOUT, source.name).items()}}
    refuse_clashes([out / name for name in files] + list(project))
    written = write_staged(files, out)
    for path, content in project.items():
        write_new(path, content)
        written.append(path)
    imported = sum(1 for name in files if name.startswith("entries/"))
    return ImportReport(written, parsed, missing, sorted([*parsed.left_out, *problems]), imported)


def generated_tree(categories_text: str, shown: Path) -> tuple[Category, ...]:
    """The category tree of the generated categories.yaml, read by the validator's own reader (from a
    temporary file, since that reader takes a path). A problem in it (a heading tree deeper than a list
    may nest) refuses the import, named as the file `shown` that would have been written."""
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="awesome-approx-import-") as folder:
        path = Path(folder) / "categories.yaml"
        path.write_text(categories_text, encoding="utf-8")
        tree = load_categories(path, problems)
    if has_errors(problems):
        raise ImportRefused([replace(p, path=str(shown)) for p in problems])
    return tree


def checked(files: dict[str, str], tree: tuple[Category, ...], entries: list[ImportedEntry], source: str,
            today: date) -> tuple[list[Problem], list[str]]:
    """Validate each entry's text as `validate` checks a file of data/ (schema, entry rules, then the
    cross-entry rules), in memory: the importer holds every text already, and reading ~800 files back
    from a staging folder cost as much as writing them. Each entry that breaks a rule is dropped from
    `files` and reported at the Markdown line it came from. Returns (left out, ids without a description).
    """
    checks = EntryChecks.for_list(Catalog(tree, ()), today)
    by_id = {entry.id: entry for entry in entries}
    first_problem: dict[str, Problem] = {}
    built: list[Entry] = []
    missing: list[str] = []
    for entry in entries:
        name = f"entries/{entry.id}.yaml"
        _, problems, built_entry = check_text(files[name], Path(name), checks)
        blocking = [p for p in problems if blocks_import(p)]
        if blocking:
            first_problem[entry.id] = blocking[0]
            continue
        if any(is_missing_description(p) for p in problems):
            missing.append(entry.id)
        if built_entry is not None:
            built.append(built_entry)
    for problem in cross_entry_problems(built):
        first_problem.setdefault(Path(problem.path).stem, problem)
    rejected = []
    for entry_id, problem in first_problem.items():
        entry = by_id[entry_id]
        del files[f"entries/{entry_id}.yaml"]
        rejected.append(left_out(entry, source, problem.code,
                                 f"{problem.message} (entries/{entry_id}.yaml)", problem.hint))
    return rejected, sorted(set(missing) - set(first_problem))


def write_staged(files: dict[str, str], out: Path) -> list[Path]:
    """Write `files` into a staging folder beside `out`, then move them into place (see `move_into`).

    No file is synced on its own: the import is all-or-nothing through the staging folder's rename (or,
    into an existing folder, through the hard links that are undone on failure), and one fsync per file
    would cost more than the whole import of a list. On failure the folders this call created are removed.
    """
    created = first_missing(out.parent)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.import-", dir=out.parent))
    try:
        (staging / "entries").mkdir()
        for name, content in files.items():
            (staging / name).write_text(content, encoding="utf-8")
        return move_into(staging, out, list(files))
    except BaseException:
        if created is not None:  # the folders this call made hold only its staging folder
            shutil.rmtree(created, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def first_missing(folder: Path) -> Path | None:
    """The outermost folder of `folder`'s path that does not exist yet (None when it exists)."""
    missing = None
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return missing
        missing = candidate
    return missing


def existing_list(data: Path) -> Catalog:
    if not (data / "categories.yaml").is_file():
        raise ImportRefused([Problem.at(data, 1, 1, "no-list", f"{data} holds no categories.yaml",
                                       "--into names the data folder of an existing list")])
    return load_catalog(data).catalog


def stems_in(data: Path) -> frozenset[str]:
    folder = data / "entries"
    return frozenset(p.stem for p in folder.iterdir()) if folder.is_dir() else frozenset()


def refuse_clashes(paths: list[Path]) -> None:
    clashes = [path for path in paths if path.exists()]
    if clashes:
        raise ImportRefused([Problem.at(path, 1, 1, "exists", "would overwrite an existing file",
                                       "import into a new folder, or move the file away") for path in clashes])


def read_source(source: Path) -> str:
    try:
        raw = source.read_bytes()
    except OSError as error:
        problem = Problem.at(source, 1, 1, "unreadable", f"cannot read the file: {error.strerror}")
        raise ImportRefused([problem]) from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ImportRefused([Problem.at(source, line, 1, "encoding", "the file is not valid UTF-8",
                                       "save it as UTF-8")]) from error


def write_new(path: Path, text: str) -> None:
    """Write a file that must not exist yet: written beside it, then hard-linked into place (which fails
    instead of replacing a file that appeared meanwhile)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.link(temporary, path)
    except FileExistsError as error:
        raise ImportRefused([Problem.at(path, 1, 1, "exists", "a file appeared while importing")]) from error
    finally:
        os.unlink(temporary)


def move_into(staging: Path, out: Path, names: list[str]) -> list[Path]:
    """Move the checked files into `out`. A new `out` is renamed into place in one step; into an existing
    folder each file is hard-linked, which fails instead of replacing a file created meanwhile, and then
    the files linked so far are removed again so that nothing is left half-imported."""
    if not out.exists():
        os.rename(staging, out)
        return [out / name for name in names]
    written: list[Path] = []
    (out / "entries").mkdir(exist_ok=True)
    try:
        for name in names:
            target = out / name
            os.link(staging / name, target)
            written.append(target)
    except FileExistsError as error:
        for path in written:
            path.unlink(missing_ok=True)
        raise ImportRefused([Problem.at(error.filename2 or error.filename or out, 1, 1, "exists",
                                        "a file appeared while importing; nothing was written")]) from error
    return written
