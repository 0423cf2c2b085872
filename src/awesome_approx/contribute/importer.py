"""Turn a hand-written awesome-list README into our data layout (categories.yaml + entries/*.yaml).

This is the migration path for the many hand-written lists in the field. Example::

    awesome-approx import-markdown README.md --out imported/

What is understood (everything else inside a section is reported with its line number):

- Headings become categories, nested by heading level. The document title (a first-level heading
  before any other) and boilerplate sections (Contents, Table of Contents, Contributing, License, ...)
  are skipped, and so is everything before the first section (intro, badges, a table of contents).
- The first paragraph right under a heading becomes the category's description.
- Bullets ``- [Name](url) - Description.`` (named style) and ``- 2019 [Title](url), Wang & al.``
  (citation style, optionally followed by `` - Description.``), each optionally with ``([code](url))``
  after the link. Bullets whose link points at ``#anchor`` are a table of contents and are skipped.
- Markdown tables with a link in the first column; other columns are read by their header
  (year, authors, venue, description, code).
- arXiv, DOI and IEEE Xplore links are recognised and stored as identifiers; arXiv links become the
  arXiv abs page.

Decisions worth knowing:

- A description is tidied mechanically (capital first letter, final period) because hand-written lists
  rarely follow the validator's style; nothing else of the source's wording is changed.
- Items without a description (typical for citation-style lists) are written without one: the
  validator then asks the contributor for it. The command says how many there are.
- "Wang & al." becomes the authors ``[Wang, others]``: the source names no one else.
- A category is citation style when every entry in it has a year and authors.

Parsing (`markdown_list.parse_markdown`) and rendering (`render_files`) are pure; only
`import_markdown` touches the disk, and it writes atomically and only after the result validates.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from awesome_approx.catalog.model import CITATION, ENTRY_FIELDS, MODELINE, NAMED
from awesome_approx.catalog.problems import Problem
from awesome_approx.contribute.markdown_list import (
    ImportedCategory,
    ImportedEntry,
    ParsedList,
    parse_markdown,
)
from awesome_approx.validate import load_catalog

try:  # the C loader makes the round-trip check of every scalar several times cheaper
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]



class ImportRefused(Exception):
    """The import was refused; nothing was written. Carries the problems that explain why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


# --- output (pure) --------------------------------------------------------------------------------


def render_files(parsed: ParsedList) -> dict[str, str]:
    """Relative path -> file text: categories.yaml and one entries/<id>.yaml per entry."""
    files = {"categories.yaml": categories_yaml(parsed)}
    for entry in parsed.entries:
        files[f"entries/{entry.id}.yaml"] = entry_yaml(entry.fields)
    return files


def category_styles(parsed: ParsedList) -> dict[str, str]:
    by_category: dict[str, list[ImportedEntry]] = {}
    for entry in parsed.entries:
        by_category.setdefault(entry.fields["category"], []).append(entry)
    return {
        category.id: CITATION if (group := by_category.get(category.id))
        and all(e.fields.get("year") and e.fields.get("authors") for e in group) else NAMED
        for category in parsed.walk()
    }


def categories_yaml(parsed: ParsedList) -> str:
    styles = category_styles(parsed)

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


def entry_yaml(fields: dict[str, Any]) -> str:
    lines = [MODELINE]
    for name in ENTRY_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if isinstance(value, list):
            lines.append(f"{name}:")
            lines.extend(f"  - {yaml_scalar(item)}" for item in value)
        elif name in ("arxiv", "ieee"):
            lines.append(f'{name}: "{value}"')
        else:
            lines.append(f"{name}: {yaml_scalar(value)}")
    return "\n".join(lines) + "\n"


def yaml_scalar(value: Any) -> str:
    """A plain scalar when YAML reads it back unchanged, else a double-quoted one."""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    try:
        plain = yaml.load(f"k: {text}", Loader=SafeLoader) == {"k": text} and ": " not in text \
            and " #" not in text
    except yaml.YAMLError:
        plain = False
    if plain and text and text[0] not in "'\"[]{}&*!|>%@`-?#,":
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- the edge: checking and writing ---------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    written: list[Path]
    parsed: ParsedList
    missing_descriptions: list[str]


def is_missing_description(problem: Problem) -> bool:
    if problem.code == "missing-description":  # a warning, where the list does not require descriptions
        return True
    return problem.code == "missing-field" and "'description'" in problem.message


def import_markdown(source: Path, out: Path, *, strict: bool = False) -> ImportReport:
    """Parse `source`, check the result as data/ would be checked, then write it under `out`.

    Raises ImportRefused (nothing written) when the source cannot be read, when a file would be
    overwritten, when the result does not validate (missing descriptions excepted), or, with `strict`,
    when any line was not understood.
    """
    text = read_source(source)
    parsed = parse_markdown(text, str(source))
    if strict and parsed.problems:
        raise ImportRefused(parsed.problems)
    files = render_files(parsed)
    clashes = [out / name for name in files if (out / name).exists()]
    if clashes:
        raise ImportRefused([Problem.at(path, 1, 1, "exists", "would overwrite an existing file",
                                       "import into a new folder, or move the file away")
                             for path in clashes])
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.import-", dir=out.parent))
    try:
        (staging / "entries").mkdir()  # even when no entry was found, the layout is complete
        for name, content in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(content, encoding="utf-8")
        result = load_catalog(staging)
        blocking = [p for p in result.problems if p.is_error and not is_missing_description(p)]
        if blocking:
            raise ImportRefused(relocate(blocking, staging, out, parsed))
        missing = sorted(Path(p.path).stem for p in result.problems if is_missing_description(p))
        written = move_into(staging, out, files)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ImportReport(written, parsed, missing)


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


def relocate(problems: list[Problem], staging: Path, out: Path, parsed: ParsedList) -> list[Problem]:
    """Name the files as they would have been written, and the Markdown line each entry came from."""
    lines = {entry.id: entry.line for entry in parsed.entries}
    moved = []
    for problem in problems:
        path = Path(problem.path)
        shown = out / path.relative_to(staging) if path.is_relative_to(staging) else path
        origin = lines.get(path.stem)
        message = problem.message.replace(str(staging), str(out))
        message += f" (entry from line {origin} of the Markdown)" if origin else ""
        hint = problem.hint.replace(str(staging), str(out))
        moved.append(Problem(str(shown), problem.line, problem.column, problem.code, message, hint,
                             problem.severity))
    return moved


def move_into(staging: Path, out: Path, files: dict[str, str]) -> list[Path]:
    """Move the checked files into `out`. A new `out` is renamed into place in one step; into an existing
    folder each file is hard-linked, which fails instead of replacing a file created meanwhile, and then
    the files linked so far are removed again so that nothing is left half-imported."""
    if not out.exists():
        os.rename(staging, out)
        return [out / name for name in files]
    written: list[Path] = []
    (out / "entries").mkdir(exist_ok=True)
    try:
        for name in files:
            target = out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(staging / name, target)
            written.append(target)
    except FileExistsError as error:
        for path in written:
            path.unlink(missing_ok=True)
        raise ImportRefused([Problem.at(error.filename2 or error.filename or out, 1, 1, "exists",
                                        "a file appeared while importing; nothing was written")]) from error
    return written
