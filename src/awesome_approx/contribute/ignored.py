"""data/ignored.yaml: papers a maintainer declined, so `awesome-approx discover` never proposes them again.

    - arxiv: "2401.01234"
      reason: About speech recognition, not approximation.
    - doi: 10.1109/EXAMPLE.2024.1
      reason: A duplicate of the journal version we list.

Each item names exactly one identifier (`arxiv`, `doi` or `url`) and says why, in `reason`: the next
maintainer must be able to tell a decision from an oversight. The file is optional; when present it is
checked like every data file (`awesome-approx validate` reports its problems with file and line), and
`discover` refuses to run on a file that fails the check rather than propose what was declined.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from awesome_approx.catalog import identifiers as ids
from awesome_approx.catalog.problems import Problem
from awesome_approx.load.document import read_document

FILE_NAME = "ignored.yaml"
IDENTIFIER_KEYS = ("arxiv", "doi", "url")
KEYS = (*IDENTIFIER_KEYS, "reason")


@dataclass(frozen=True)
class Ignored:
    kind: str  # "arxiv", "doi" or "url"
    value: str
    reason: str
    line: int


@dataclass(frozen=True)
class IgnoredList:
    items: tuple[Ignored, ...]
    problems: tuple[Problem, ...]


def load_ignored(data_dir: Path) -> IgnoredList:
    """The declined papers of `data_dir/ignored.yaml` (none when the file does not exist), and every
    problem of the file."""
    path = data_dir / FILE_NAME
    if not path.exists():
        return IgnoredList((), ())
    doc = read_document(path)
    if doc.problems or doc.data is None:
        return IgnoredList((), tuple(doc.problems))
    if not isinstance(doc.data, list):
        return IgnoredList((), (doc.problem("ignored-file", f"{FILE_NAME} must be a list of declined papers",
                                            "start each item with '- arxiv: \"2401.01234\"' and a reason"),))
    items: list[Ignored] = []
    problems: list[Problem] = []
    for index, item in enumerate(doc.data):
        line = doc.position_of(index).line
        found = _item(item, line)
        if isinstance(found, str):
            problems.append(Problem.at(path, line, 1, "ignored-file", found,
                                       "each item: one of arxiv, doi or url, and a reason"))
        else:
            items.append(found)
    return IgnoredList(tuple(items), tuple(problems))


def _item(item: object, line: int) -> Ignored | str:
    """The item, or what is wrong with it."""
    if not isinstance(item, dict):
        return "an item must be a mapping such as {arxiv: \"2401.01234\", reason: ...}"
    unknown = sorted(str(key) for key in item if key not in KEYS)
    if unknown:
        return f"unknown key(s) {', '.join(unknown)}; known: {', '.join(KEYS)}"
    given = [key for key in IDENTIFIER_KEYS if key in item]
    if len(given) != 1:
        return f"name exactly one of {', '.join(IDENTIFIER_KEYS)} (found {len(given)})"
    kind = given[0]
    value, reason = item[kind], item.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        return "say why the paper was declined in 'reason'"
    if not isinstance(value, str) or not value.strip():
        return f"'{kind}' must be a text (quote arXiv ids: \"2401.01234\")"
    valid = {"arxiv": ids.is_arxiv_id, "doi": ids.is_doi, "url": ids.is_web_link}
    if not valid[kind](value.strip()):
        return f"'{value}' is not a well-formed {kind}"
    return Ignored(kind, value.strip(), reason.strip(), line)
