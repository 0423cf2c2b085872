"""Read YAML files into plain Python data, able to tell the line and column of every field.

Stricter than `yaml.safe_load`, because contributors' files are untrusted and silent surprises cost
reviewers time: duplicate mapping keys (PyYAML keeps the last one silently), anchors, aliases and
explicit tags are refused; encoding problems, a BOM, an empty file, a file too large, or a document
that is not a mapping are each reported as a `Problem`. Nothing here raises for bad input.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from awesome_approx.catalog.model import FieldPositions, Position
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
    """One YAML file: its data (None when unreadable), its composed nodes, and what went wrong."""

    path: Path
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    first_line: str = ""
    root: yaml.Node | None = field(default=None, repr=False)
    """The composed nodes, which know every position: a position is looked up only when a problem needs
    one, instead of recording thousands that are never asked for."""

    def position_of(self, *path: str | int) -> Position:
        """Where a field or list item was written (a field: its key): the deepest part of `path` that
        exists, else the document's start."""
        node = self.root
        if node is None:
            return Position(1, 1)
        mark = node.start_mark
        for part in path:
            found = _member(node, part)
            if found is None:
                break
            mark, node = found
        return Position(mark.line + 1, mark.column + 1)

    def field_positions(self) -> FieldPositions:
        """Where the document (under "") and each of its top-level fields stand: what an Entry keeps for
        later messages. Field names and (line, column) pairs are shared between files (see _SHARED)."""
        if self.root is None:
            return {}
        mark = self.root.start_mark
        position = (mark.line + 1, mark.column + 1)
        positions = {"": _SHARED.setdefault(position, position)}
        if isinstance(self.root, yaml.MappingNode):
            for key, _ in self.root.value:
                if isinstance(key, yaml.ScalarNode):  # given twice: the last one, as in `data`
                    mark = key.start_mark
                    position = (mark.line + 1, mark.column + 1)
                    positions[sys.intern(key.value)] = _SHARED.setdefault(position, position)
        return positions

    def problem(self, code: str, message: str, hint: str = "", *, at: FieldPath = (), **kw: Any) -> Problem:
        pos = self.position_of(*at)
        return Problem.at(self.path, pos.line, pos.column, code, message, hint, **kw)


_SHARED: dict[tuple[int, int], tuple[int, int]] = {}
"""One tuple per (line, column), shared by every entry with a field there (the same few dozen in every
file), as the field names are shared through sys.intern: 130,000 tuples fewer kept at 10,000 entries.
With Entry's slots and the empty tuple for a file without problems, the garbage collector's runs there
went from 460 to 246 (a bare yaml.load: 91), for issue 9's target of 1.3x that load."""


def _member(node: yaml.Node, part: str | int) -> tuple[yaml.Mark, yaml.Node] | None:
    """The mark and node of field `part` of a mapping (its key's mark; the last one when given twice) or
    of item `part` of a list; None when there is no such member."""
    if isinstance(node, yaml.MappingNode):
        found = None
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                found = key.start_mark, value
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item.start_mark, item
    return None


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
    """At most `limit` bytes of the file: enough to tell that it is too large without reading it all.

    It asks for the size the file says it has plus one byte, not for `limit`: read(n) allocates n bytes
    before it reads, and 256 KiB for every file cost 20,000 page faults and 0.2 s of system time at
    10,000 entry files (a third of the gap to issue 9's target of 1.3x a bare yaml.load).

    Unbuffered: the whole file is asked for in one read, so a buffer in between would only be allocated
    and copied through (0.04 s at 10,000 files, for the same target). An unbuffered read may return less
    than asked from a pipe, hence the loop."""
    with open(path, "rb", buffering=0) as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(min(size + 1, limit))
        if len(data) > size:  # more than it said (a pipe, a growing file): the rest, up to the limit
            while len(data) < limit and (more := handle.read(limit - len(data))):
                data += more
        return data


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
    _build_data(node, doc)
    return doc


class _Loader(SafeLoader):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader with its resolver's per-node hooks reduced to what the safe loader's registry
    holds: implicit resolvers chosen by first character, no path resolvers. PyYAML calls `resolve`,
    `descend_resolver` and `ascend_resolver` for each of the ~30 nodes of every entry file, and its general
    versions look for path resolvers and build a list of candidates at every call.

    The same tags as the safe loader's own resolver (tests/load/test_load_resolver.py compares them on
    every kind of scalar). Composing 10,000 entry files: 0.303 against 0.361 s, measured side by side, for
    issue 9's target of 1.3x a bare yaml.load. Used only while the registry is that plain (LOADER)."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool] | bool) -> str:
        # implicit: (plain, quoted) for a scalar, one flag for a list or a mapping
        if kind is yaml.ScalarNode and implicit[0]:
            for tag, pattern in _IMPLICIT.get(value[:1], ()):  # value[:1]: '' for the empty scalar, as PyYAML
                if pattern.match(value):
                    return tag
        return _DEFAULT_TAG[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # the path only matters to path resolvers

    def ascend_resolver(self) -> None:
        pass


_IMPLICIT = SafeLoader.yaml_implicit_resolvers
_DEFAULT_TAG = {yaml.ScalarNode: SafeLoader.DEFAULT_SCALAR_TAG, yaml.SequenceNode: SafeLoader.DEFAULT_SEQUENCE_TAG,
                yaml.MappingNode: SafeLoader.DEFAULT_MAPPING_TAG}
LOADER = _Loader if not SafeLoader.yaml_path_resolvers and None not in _IMPLICIT else SafeLoader
"""The loader of every entry file: _Loader, unless PyYAML's safe registry ever gains path resolvers or
resolvers for any first character, which _Loader does not ask."""


def _compose(text: str) -> yaml.Node | None:
    loader = LOADER(text)
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


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _build_data(root: yaml.Node, doc: Document) -> None:
    """Build `doc.data` from the composed nodes in one walk that also finds duplicate keys and refuses
    nesting deeper than MAX_NESTING.

    One walk, and no positions recorded on the way (Document.position_of finds one from the nodes when a
    problem needs it): at 10,000 entry files the three walks this replaces cost about a third of
    `validate --no-cache`, whose target (issue 9) is 1.3x a bare yaml.load of the same files."""
    doc.root = root
    walk = _Walk(doc)
    try:
        data = walk.value(root, 0)
    except _TooDeep as too_deep:  # reported alone: the rest of the file is not looked at
        mark = too_deep.node.start_mark
        doc.problems.append(Problem.at(doc.path, mark.line + 1, mark.column + 1, "too-deep",
                                       f"the value is nested more than {MAX_NESTING} levels deep",
                                       "write the value plainly: a text, a number or a list of texts"))
        return
    doc.problems.extend(walk.duplicates)
    if walk.value_error is not None:
        doc.problems.append(walk.value_error)
        return
    doc.data = data


STR_TAG = "tag:yaml.org,2002:str"

_SCALARS = yaml.constructor.SafeConstructor()
"""Builds the scalars that are not plain strings: numbers, booleans, null, dates."""


def _build_scalar(node: yaml.ScalarNode) -> Any:
    """The value PyYAML's safe loader gives `node`, from the constructor registered for its tag.

    Called directly rather than through construct_object, which keeps every node it built (hence one
    constructor per file before): a scalar's constructor keeps no state, so one serves every file. Its
    share of the saving is in the figure of _Walk.value. An unknown tag gets the registry's fallback,
    which raises as construct_object would."""
    constructors = _SCALARS.yaml_constructors
    build = constructors.get(node.tag) or constructors[None]
    return build(_SCALARS, node)


class _Walk:
    """The state of one walk over a document's nodes (see _build_data)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.duplicates: list[Problem] = []
        self.value_error: Problem | None = None  # the first value that cannot be built (e.g. 2020-13-45)

    def value(self, node: yaml.Node, depth: int) -> Any:
        """The Python value of `node`, which lies `depth` levels below the document.

        A plain string, nearly every value, is taken from its node in the loop instead of by a call per
        node, and duplicate keys are looked for only when the mapping came out shorter than its pairs:
        with _build_scalar, 10.2 -> 8.1 us a file (issue 9's target: 1.3x a bare yaml.load)."""
        if depth > MAX_NESTING:
            raise _TooDeep(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        below = depth + 1
        if isinstance(node, yaml.SequenceNode):
            return [item.value if item.tag == STR_TAG else self.value(item, below) for item in node.value]
        mapping: dict[Any, Any] = {}
        for key, item in node.value:
            mapping[self.key_name(key, below)] = item.value if item.tag == STR_TAG else self.value(item, below)
        if len(mapping) < len(node.value):
            self.report_duplicates(node, below)
        return mapping

    def key_name(self, key: yaml.Node, depth: int) -> Any:
        """Keys as written: `1: x` is the field '1', as in every message about it."""
        return key.value if isinstance(key, yaml.ScalarNode) else str(self.value(key, depth))

    def report_duplicates(self, node: yaml.MappingNode, depth: int) -> None:
        first_key: dict[Any, yaml.Node] = {}
        for key, _ in node.value:
            name = self.key_name(key, depth)
            if name in first_key:
                self.duplicate(name, first_key[name], key)
            else:
                first_key[name] = key

    def scalar(self, node: yaml.Node) -> Any:
        if node.tag == STR_TAG:
            return node.value  # nearly every value: no constructor needed
        try:
            value = _build_scalar(node)
        except (yaml.YAMLError, TypeError, ValueError) as error:
            if self.value_error is None:
                mark = getattr(error, "problem_mark", None) or node.start_mark
                self.value_error = Problem.at(self.doc.path, mark.line + 1, mark.column + 1, "yaml-syntax",
                                              f"YAML value error: {error}")
            return None
        # Dates (and datetimes, which are dates too) are kept as ISO text so that the schema (format: date)
        # and JSON exports treat them alike.
        return value.isoformat() if isinstance(value, date) else value

    def duplicate(self, name: Any, first: yaml.Node, again: yaml.Node) -> None:
        self.duplicates.append(Problem.at(
            self.doc.path, again.start_mark.line + 1, again.start_mark.column + 1, "duplicate-key",
            f"field '{name}' is given twice (first on line {first.start_mark.line + 1}); YAML would silently "
            "keep the last one", "keep one of them"))
