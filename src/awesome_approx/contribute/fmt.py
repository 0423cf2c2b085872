"""The canonical text of an entry file, keeping its comments (pure: text in, text out).

The canonical form, which `awesome-approx fmt` writes and `awesome-approx add` produces:

    # yaml-language-server: $schema=../../src/awesome_approx/schema/entry.schema.json
    # (the file's other leading comments)
    title: "Efficient Processing of Deep Neural Networks: A Tutorial and Survey"
    url: https://ieeexplore.ieee.org/document/8114708
    ...
    authors:
      - Vivienne Sze
    arxiv: "1703.09039"
    tags: [survey, hardware]

- the schema modeline first (any other yaml-language-server line is replaced), then the other leading
  comments, then the fields in `ENTRY_FIELDS` order (unknown keys last, in their order), no blank lines,
  one trailing newline;
- identifiers (arxiv, ieee) always in double quotes, so YAML never reads them as numbers; every other
  string plain when YAML reads it back unchanged, else in double quotes (never single quotes or block
  scalars); numbers and dates as written;
- `tags` as a flow list on one line, every other list one `- item` per line;
- comments stay with what they describe: a comment on its own line goes with the field or list item
  below it, an end-of-line comment stays on its line (with the spacing it had before `#`).

Why not ruamel.yaml's round trip: it attaches a comment on its own line to the key *above* it, so putting
the keys in order would move comments to the wrong field, and it keeps the quoting and list style we want
to normalise. Entry files are a flat mapping of scalars and short lists, so the layout is hand-written
here while PyYAML does all parsing; every result is parsed back and compared with the original data
before it is returned, so a formatting bug can never change an entry's meaning.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import yaml

from awesome_approx.catalog.model import ENTRY_FIELDS, MODELINE

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

MODELINE_PREFIX = "# yaml-language-server:"
QUOTED_FIELDS = frozenset({"arxiv", "ieee"})
FLOW_LISTS = frozenset({"tags"})
STR_TAG = "tag:yaml.org,2002:str"
ITEM_INDENT = "  "
FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
YAML_LINE_BREAKS = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


class FormatError(ValueError):
    """The text is not a YAML mapping that can be formatted (the validator explains why)."""


Anchor = tuple[str, int | None]
"""What a comment belongs to: (field, None) for the field itself, (field, i) for item i of its list."""


@dataclass
class Comments:
    header: list[str] = field(default_factory=list)
    before: dict[Anchor, list[str]] = field(default_factory=lambda: defaultdict(list))
    end_of_line: dict[Anchor, list[str]] = field(default_factory=lambda: defaultdict(list))
    trailing: list[str] = field(default_factory=list)


def format_entry(text: str) -> str:
    """The canonical form of an entry file's text; raises FormatError when it is not a YAML mapping."""
    root = _compose(text)
    fields = _fields(root)
    return _render(fields, _comments(text, root, fields), lambda: _node_meaning(root))


def update_entry(text: str, changes: dict[str, object]) -> str:
    """The canonical file with the fields of `changes` set (plain data, as for `format_data`): a new field
    takes its place in `ENTRY_FIELDS` order, a given one is replaced (comments on its list items go with
    the old items); every other field and comment stays as it was."""
    root = _compose(text)
    fields = _fields(root)
    comments = _comments(text, root, fields)
    new_nodes = dict(_fields(_compose(_data_text(changes))))
    for name in changes:
        for anchors in (comments.before, comments.end_of_line):
            for anchor in [a for a in anchors if a[0] == name and a[1] is not None]:
                del anchors[anchor]
    updated = [(name, new_nodes.pop(name, value)) for name, value in fields] + list(new_nodes.items())
    return _render(updated, comments,
                   lambda: {**_node_meaning(root), **_node_meaning(_compose(_data_text(changes)))})


def _render(fields: list[tuple[str, yaml.Node]], comments: Comments, meaning: Callable[[], object]) -> str:
    """The lines of the canonical file, checked to read back as `meaning()` (the data they must hold)."""
    lines = [MODELINE, *comments.header]
    for name, value in _ordered(fields):
        lines.extend(comments.before.get((name, None), []))
        lines.extend(_field_lines(name, value, comments))
    lines.extend(comments.trailing)
    result = "\n".join(lines) + "\n"
    try:  # a safety net: formatting must never change the data
        same = _meaning(result) == meaning()
    except (yaml.YAMLError, ValueError, TypeError, IndexError, OverflowError) as error:
        # PyYAML's constructors raise plain Python errors for values such as an empty `!!int`.
        raise FormatError(f"cannot format this file: {error}") from error
    if not same:
        raise FormatError("formatting would change the data; please report this file")
    return result


def format_data(data: dict[str, object]) -> str:
    """The canonical file for plain data (str, int, date, list of str), e.g. a new entry from `add`.

    Every string is first written double-quoted (always exact), then `format_entry` picks the style.
    """
    return format_entry(_data_text(data))


def _data_text(data: dict[str, object]) -> str:
    lines = []
    for name, value in data.items():
        if isinstance(value, list | tuple):
            lines.append(f"{name}: [{', '.join(double_quoted(str(item)) for item in value)}]")
        elif isinstance(value, str):
            lines.append(f"{name}: {double_quoted(value)}")
        elif isinstance(value, bool) or not isinstance(value, int | date):
            raise FormatError(f"field '{name}' holds a {type(value).__name__}, not text, a number or a date")
        else:
            lines.append(f"{name}: {value.isoformat() if isinstance(value, date) else value}")
    return "\n".join(lines) + "\n"


# --- parsing --------------------------------------------------------------------------------------------

def _compose(text: str) -> yaml.MappingNode:
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        raise FormatError(f"not valid YAML: {error}") from error
    if not isinstance(root, yaml.MappingNode):
        raise FormatError("an entry file must be a mapping of fields")
    return root


def _fields(root: yaml.MappingNode) -> list[tuple[str, yaml.Node]]:
    fields = []
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag != STR_TAG or not FIELD_NAME.fullmatch(key.value):
            raise FormatError("field names must be plain words")
        if isinstance(value, yaml.MappingNode) or (
                isinstance(value, yaml.SequenceNode)
                and any(not isinstance(item, yaml.ScalarNode) for item in value.value)):
            raise FormatError(f"field '{key.value}' holds nested data")
        if any(name == key.value for name, _ in fields):
            raise FormatError(f"field '{key.value}' is given twice")
        fields.append((key.value, value))
    if not fields:
        raise FormatError("the file has no fields")
    return fields


def _ordered(fields: list[tuple[str, yaml.Node]]) -> list[tuple[str, yaml.Node]]:
    rank = {name: index for index, name in enumerate(ENTRY_FIELDS)}
    return sorted(fields, key=lambda item: rank.get(item[0], len(rank)))  # stable: unknown keys keep order


def _meaning(text: str) -> object:
    return yaml.load(text, Loader=SafeLoader)


def _node_meaning(root: yaml.Node) -> object:
    return yaml.constructor.SafeConstructor().construct_document(root)


# --- comments -------------------------------------------------------------------------------------------

def _scalar_spans(root: yaml.MappingNode) -> list[tuple[int, int, int, int]]:
    spans = []
    for key, value in root.value:
        for node in (key, value, *(value.value if isinstance(value, yaml.SequenceNode) else ())):
            if isinstance(node, yaml.ScalarNode):
                spans.append((node.start_mark.line, node.start_mark.column,
                              node.end_mark.line, node.end_mark.column))
    return spans


def _comment_start(line: str, number: int, spans: list[tuple[int, int, int, int]]) -> int | None:
    """Column of the `#` that starts a comment on this line, or None; a `#` inside a scalar is text."""
    for column, char in enumerate(line):
        if char != "#" or (column > 0 and not line[column - 1].isspace()):
            continue
        inside = any((sl, sc) <= (number, column) < (el, ec) for sl, sc, el, ec in spans)
        if not inside:
            return column
    return None


def _line_anchors(fields: list[tuple[str, yaml.Node]]) -> dict[int, Anchor]:
    """Which field or list item each line of content belongs to."""
    anchors: dict[int, Anchor] = {}
    for name, value in fields:
        anchors.setdefault(value.start_mark.line, (name, None))
        if isinstance(value, yaml.SequenceNode) and not value.flow_style:
            for index, item in enumerate(value.value):
                for line in range(item.start_mark.line, item.end_mark.line + 1):
                    anchors[line] = (name, index)
        else:
            for line in range(value.start_mark.line, _last_line(value) + 1):
                anchors.setdefault(line, (name, None))
    return anchors


def _last_line(node: yaml.Node) -> int:
    # A block scalar's end mark sits at the start of the next line.
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _comments(text: str, root: yaml.MappingNode, fields: list[tuple[str, yaml.Node]]) -> Comments:
    spans = _scalar_spans(root)
    key_lines = {key.start_mark.line: (key.value, None) for key, _ in root.value}
    anchors = {**_line_anchors(fields), **key_lines}
    comments = Comments()
    waiting: list[str] = []  # comments on their own lines, waiting for the next line of content
    seen_content = False
    for number, line in enumerate(text.splitlines()):
        start = _comment_start(line, number, spans)
        content = line[:start] if start is not None else line
        comment = line[start:].rstrip() if start is not None else None
        if comment is not None and comment.startswith(MODELINE_PREFIX):
            comment = None
        if not content.strip() or content.strip() in ("---", "..."):
            if comment is not None:
                waiting.append(comment)
            continue
        anchor = anchors.get(number)
        if anchor is None:  # a line inside a multi-line value that starts elsewhere
            anchor = anchors[max((n for n in anchors if n < number), default=min(anchors))]
        if waiting:  # comments above the first field are the file's header; later ones go with what follows
            (comments.before[anchor] if seen_content else comments.header).extend(waiting)
            waiting = []
        seen_content = True
        if comment is not None:
            gap = len(content) - len(content.rstrip())
            comments.end_of_line[anchor].append(" " * max(gap, 1) + comment)
    comments.trailing = waiting
    return comments


# --- output ---------------------------------------------------------------------------------------------

def _eol(comments: Comments, anchor: Anchor) -> tuple[str, list[str]]:
    """The first end-of-line comment of an anchor, and the others (which go on lines of their own)."""
    found = comments.end_of_line.get(anchor, [])
    if not found:
        return "", []
    return found[0], [c.strip() for c in found[1:]]


def _field_lines(name: str, value: yaml.Node, comments: Comments) -> list[str]:
    if isinstance(value, yaml.SequenceNode):
        return _list_lines(name, value, comments)
    eol, extra = _eol(comments, (name, None))
    scalar = _scalar(value, quoted=name in QUOTED_FIELDS)
    return [*extra, f"{name}: {scalar}{eol}" if scalar else f"{name}:{eol}"]  # an empty value is null


def _list_lines(name: str, value: yaml.SequenceNode, comments: Comments) -> list[str]:
    items = value.value
    if name in FLOW_LISTS or not items:
        # Comments inside a flow list cannot stay inside it: they move above the field.
        inner = [c.strip() for i in range(len(items))
                 for c in [*comments.before.get((name, i), []), *comments.end_of_line.get((name, i), [])]]
        eol, extra = _eol(comments, (name, None))
        body = ", ".join(_scalar(item, flow=True) for item in items)
        return [*extra, *inner, f"{name}: [{body}]{eol}"]
    eol, extra = _eol(comments, (name, None))
    lines = [*extra, f"{name}:{eol}"]
    for index, item in enumerate(items):
        lines.extend(ITEM_INDENT + c for c in comments.before.get((name, index), []))
        item_eol, item_extra = _eol(comments, (name, index))
        lines.extend(ITEM_INDENT + c for c in item_extra)
        scalar = _scalar(item)
        lines.append(f"{ITEM_INDENT}- {scalar}{item_eol}" if scalar else f"{ITEM_INDENT}-{item_eol}")
    return lines


def _scalar(node: yaml.ScalarNode, *, quoted: bool = False, flow: bool = False) -> str:
    if node.tag != STR_TAG:
        return node.value  # numbers and dates exactly as written (they were plain to be read as such)
    text = node.value
    if not quoted and _plain_is_safe(text, flow=flow):
        return text
    return double_quoted(text)


FAST_PLAIN = re.compile("[^\\W\\d_][^\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]*")
"""A letter, then only characters YAML prints as they are (no control characters or line breaks)."""
FLOW_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9+._-]*")
"""Inside [...] only keyword-like items take the quick path (PyYAML and libyaml differ on '?', ':')."""
KEYWORDS = frozenset({
    "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
    "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
})
"""Words YAML 1.1 reads as booleans or null; every other plain scalar starting with a letter is text."""


def _surely_plain(text: str, *, flow: bool) -> bool:
    """A quick yes for the common case (starts with a letter, no ': ' or ' #'), so that the
    parsers are asked only about unusual strings; False means 'ask the parsers', not 'unsafe'."""
    return (FAST_PLAIN.fullmatch(text) is not None and text not in KEYWORDS and text == text.rstrip()
            and ": " not in text and " #" not in text and not text.endswith(":")
            and not (flow and FLOW_PLAIN.fullmatch(text) is None))


def _plain_is_safe(text: str, *, flow: bool) -> bool:
    """True when YAML reads `text` back, unquoted, as this very string."""
    if _surely_plain(text, flow=flow):
        return True
    if not text or text != text.strip() or "\n" in text or NON_PRINTABLE.search(text) or \
            any(ch in text for ch in YAML_LINE_BREAKS):
        return False
    probe = f"k: [{text}]" if flow else f"k: {text}"
    expected = {"k": [text] if flow else text}
    # Both parsers must agree: libyaml (C) accepts some plain scalars that pure PyYAML rejects, e.g. tabs.
    for loader in {SafeLoader, yaml.SafeLoader}:
        try:
            if yaml.load(probe, Loader=loader) != expected:
                return False
        except yaml.YAMLError:
            return False
    return True


def double_quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes (a subset of YAML's) plus YAML's own line breaks and
    every character the YAML reader refuses, as \\uXXXX."""
    quoted = json.dumps(text, ensure_ascii=False)
    quoted = "".join(YAML_LINE_BREAKS.get(ch, ch) for ch in quoted)
    return NON_PRINTABLE.sub(lambda m: "".join(_escape(ch) for ch in m.group()), quoted)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


__all__ = ["MODELINE", "FormatError", "double_quoted", "format_data", "format_entry", "update_entry"]
