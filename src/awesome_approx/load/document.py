"""Read YAML files into plain Python data, keeping the line and column of every field.

Stricter than `yaml.safe_load`, because contributors' files are untrusted and silent surprises cost
reviewers time: duplicate mapping keys (PyYAML keeps the last one silently), anchors, aliases and
explicit tags are refused; encoding problems, a BOM, an empty file, a file too large, or a document
that is not a mapping are each reported as a `Problem`. Nothing here raises for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from awesome_approx.catalog.model import Position, Positions, position_in
from awesome_approx.catalog.problems import Problem

try:  # The C loader is several times faster; fall back where libyaml is missing.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 256 * 1024
"""An entry file is a dozen short fields; anything this large is a mistake, and the limit also keeps
pathological nesting away from the parser."""

MAX_NESTING = 32
"""Deepest nesting of lists and mappings accepted. An entry needs 2 (a list inside the mapping) and the
category tree about 10; building Python values from a deeper tree would recurse without bound."""

BOM = b"\xef\xbb\xbf"

FieldPath = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML file: its data (None when unreadable), where each field stands, and what went wrong."""

    path: Path
    data: Any = None
    positions: Positions = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    first_line: str = ""

    def position_of(self, *path: str | int) -> Position:
        return position_in(self.positions, path)

    def problem(self, code: str, message: str, hint: str = "", *, at: FieldPath = (), **kw: Any) -> Problem:
        pos = self.position_of(*at)
        return Problem.at(self.path, pos.line, pos.column, code, message, hint, **kw)


def read_document(path: Path, *, display_path: Path | str | None = None) -> Document:
    """Read one YAML file. Problems are collected in the returned document, never raised."""
    shown = Path(display_path) if display_path is not None else path
    doc = Document(shown)
    try:
        raw = _read_prefix(path, MAX_FILE_BYTES + 1)
    except OSError as error:
        doc.problems.append(Problem.at(shown, 1, 1, "unreadable", f"cannot read the file: {error.strerror}"))
        return doc
    if len(raw) > MAX_FILE_BYTES:
        doc.problems.append(
            Problem.at(
                shown, 1, 1, "file-too-large",
                f"the file is larger than {MAX_FILE_BYTES // 1024} KiB; an entry needs a few hundred bytes",
                "check that this is the file you meant to add",
            )
        )
        return doc
    return parse_document(raw, doc)


def _read_prefix(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of the file: enough to tell that it is too large without reading it all."""
    with path.open("rb") as handle:
        return handle.read(limit)


def parse_document(raw: bytes, doc: Document) -> Document:
    """Decode and parse `raw` into `doc` with PyYAML's composer, which keeps every node's position."""
    if raw.startswith(BOM):
        doc.problems.append(
            Problem.at(doc.path, 1, 1, "bom", "the file starts with a byte order mark (BOM)",
                       "save the file as UTF-8 without BOM")
        )
        raw = raw[len(BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        doc.problems.append(
            Problem.at(doc.path, line, column, "encoding",
                       f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
                       "save the file as UTF-8")
        )
        return doc
    doc.first_line = text.split("\n", 1)[0].rstrip("\r")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        doc.problems.append(Problem.at(doc.path, line, 1, "encoding", "the file contains a NUL byte",
                                       "save the file as UTF-8 text"))
        return doc
    try:
        # Anchors, aliases and tags can only appear where these characters do; skip the event scan otherwise.
        if ("&" in text or "*" in text or "!" in text) and _refuse_anchors_and_tags(text, doc):
            return doc
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (error.context, error.problem) if part)
        doc.problems.append(Problem.at(doc.path, line, column, "yaml-syntax", f"YAML syntax error: {message}",
                                       "check indentation, colons and quoting on this line"))
        return doc
    except yaml.YAMLError as error:  # reader errors: unprintable characters and the like
        position = getattr(error, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        doc.problems.append(Problem.at(doc.path, line, 1, "yaml-syntax", f"YAML error: {error}"))
        return doc
    except RecursionError:
        doc.problems.append(Problem.at(doc.path, 1, 1, "yaml-syntax", "the document is nested too deeply"))
        return doc
    if node is None:
        doc.problems.append(Problem.at(doc.path, 1, 1, "empty-file", "the file holds no YAML document",
                                       "copy data/entries/_template.yaml.example to start an entry"))
        return doc
    too_deep = _first_too_deep(node)
    if too_deep is not None:
        mark = too_deep.start_mark
        doc.problems.append(Problem.at(doc.path, mark.line + 1, mark.column + 1, "too-deep",
                                       f"the value is nested more than {MAX_NESTING} levels deep",
                                       "write the value plainly: a text, a number or a list of texts"))
        return doc
    doc.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    _check_duplicate_keys(node, doc)
    doc.data = _to_python(node, doc)
    return doc


def _compose(text: str) -> yaml.Node | None:
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    return node


def _refuse_anchors_and_tags(text: str, doc: Document) -> bool:
    """Report every anchor, alias and explicit tag; True when there was any."""
    before = len(doc.problems)
    for event in yaml.parse(text, Loader=SafeLoader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            doc.problems.append(Problem.at(doc.path, mark.line + 1, mark.column + 1, "yaml-anchor",
                                           f"YAML alias '*{event.anchor}' is not allowed",
                                           "write the value out in full"))
        elif getattr(event, "anchor", None):
            doc.problems.append(Problem.at(doc.path, mark.line + 1, mark.column + 1, "yaml-anchor",
                                           f"YAML anchor '&{event.anchor}' is not allowed",
                                           "write the value out in full"))
        if isinstance(event, yaml.NodeEvent) and getattr(event, "tag", None) and not _implicit(event):
            doc.problems.append(Problem.at(doc.path, mark.line + 1, mark.column + 1, "yaml-tag",
                                           f"YAML tag '{event.tag}' is not allowed",
                                           "remove the tag; quote the value if it must stay a string"))
    return len(doc.problems) > before


def _implicit(event: yaml.Event) -> bool:
    implicit = getattr(event, "implicit", False)
    if isinstance(implicit, tuple):
        return implicit[0] or implicit[1]
    return bool(implicit)


def _first_too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first node nested deeper than MAX_NESTING, walked without recursion; None when all are fine."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return node
        if isinstance(node, yaml.MappingNode):
            stack.extend((part, depth + 1) for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    return None


def _check_duplicate_keys(root: yaml.Node, doc: Document) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key, value in node.value:
                name = str(key.value)
                if name in seen:
                    first = seen[name].start_mark.line + 1
                    doc.problems.append(Problem.at(
                        doc.path, key.start_mark.line + 1, key.start_mark.column + 1, "duplicate-key",
                        f"field '{name}' is given twice (first on line {first}); YAML would silently keep "
                        "the last one", "keep one of them"))
                else:
                    seen[name] = key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _to_python(root: yaml.Node, doc: Document) -> Any:
    """Build plain data from the top two levels of nodes, recording where every field and item stands."""
    try:
        return _mapping_to_python(root, doc)
    except (yaml.YAMLError, TypeError, ValueError) as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        doc.problems.append(Problem.at(doc.path, line, column, "yaml-syntax", f"YAML value error: {error}"))
        return None


def _mapping_to_python(root: yaml.Node, doc: Document) -> Any:
    if isinstance(root, yaml.SequenceNode):  # e.g. categories.yaml: every item's position, at every depth
        _record_all_positions(root, doc)
    if not isinstance(root, yaml.MappingNode):
        return _scalar_or_tree(root)
    data: dict[str, Any] = {}
    for key, value in root.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else str(_scalar_or_tree(key))
        doc.positions[(name,)] = (key.start_mark.line + 1, key.start_mark.column + 1)
        if isinstance(value, yaml.SequenceNode):
            items = []
            for index, item in enumerate(value.value):
                doc.positions[(name, index)] = (item.start_mark.line + 1, item.start_mark.column + 1)
                items.append(_scalar_or_tree(item))
            data[name] = items
        else:
            data[name] = _scalar_or_tree(value)
    return data


def _record_all_positions(root: yaml.Node, doc: Document) -> None:
    """Where every mapping value and list item stands, by its full path (e.g. (0, "children", 2))."""
    stack: list[tuple[tuple[str | int, ...], yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    doc.positions[(*path, key.value)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                    stack.append(((*path, key.value), value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                doc.positions[(*path, index)] = (item.start_mark.line + 1, item.start_mark.column + 1)
                stack.append(((*path, index), item))


STR_TAG = "tag:yaml.org,2002:str"


def _scalar_or_tree(node: yaml.Node) -> Any:
    if node.tag == STR_TAG and isinstance(node, yaml.ScalarNode):
        return node.value  # the common case, without the constructor's overhead
    # A fresh constructor each time: SafeConstructor caches objects by node, and nodes die with the file.
    value = yaml.constructor.SafeConstructor().construct_object(node, deep=True)
    # Dates are kept as ISO text so that the schema (format: date) and JSON exports treat them alike.
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value
