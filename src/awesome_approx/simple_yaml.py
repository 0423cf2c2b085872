"""A fast reader for the plain subset of YAML that entry files are written in; None for anything else.

Why hand-written: building PyYAML's node tree was most of `validate`'s time (about 0.2 ms per file with
the C loader, 2-3 s for 10,000 entries), and no maintained Python YAML parser that keeps line numbers is
faster. Entry files, as `awesome-approx fmt` writes them, are a flat mapping of one-line values: plain,
single- or double-quoted scalars, `[a, b]` lists of keywords and block lists of one-line scalars, with
comments and blank lines. This module reads exactly that and gives up (returns None) on anything else:
multi-line scalars, escapes other than \\" and \\\\, anchors, tags, nested collections, duplicate keys,
tabs, unusual characters, values YAML would read as booleans or floats. The full parser in `load` then
decides the file, so every error message, and every file outside the subset, is handled as before.

Plain scalars are typed by PyYAML's own implicit resolvers, so "2020" is a number and "2026-11-25" a date
exactly when PyYAML says so. Tests check that whenever this module returns a result it equals the full
parser's, data and positions (tests/test_simple_yaml.py).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from yaml.resolver import Resolver

from awesome_approx.model import Positions

OUTSIDE_SUBSET = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Characters the subset does not take: tabs, carriage returns, control characters, YAML 1.1's extra line
breaks (U+0085, U+2028, U+2029) and a byte order mark; PyYAML and libyaml treat some of these differently."""
PLAIN = r"""[^\s\-?:,\[\]{}\#&*!|>'"%@`](?:[^\s:]++|:(?=\S)|[ ]++(?=[^\s\#]))*+"""
"""A one-line plain scalar: not starting with an indicator, no ': ' or ' #' inside, no trailing spaces."""
LINE = re.compile(rf"""
    (?P<name>[A-Za-z_][A-Za-z0-9_-]*):                  # a field: name, then an optional value
    (?:[ ]+(?:"(?P<double>(?:[^"\\]++|\\["\\])*+)"
            | '(?P<single>(?:[^']++|'')*+)'
            | \[(?P<flow>[^\[\]{{}}"'\#:?]*)\]
            | (?P<plain>{PLAIN})))?
    (?:[ ]+(?:\#.*)?)?
  | (?P<indent>[ ]*)-[ ]+                               # a list item: one scalar
    (?:"(?P<item_double>(?:[^"\\]++|\\["\\])*+)"
      | '(?P<item_single>(?:[^']++|'')*+)'
      | (?P<item_plain>{PLAIN}))
    (?:[ ]+(?:\#.*)?)?
  | [ ]*(?:\#.*)?                                       # a blank or comment line
""", re.VERBOSE)
INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""A plain scalar starting with one of these is an indicator, or may be; left to the full parser."""
PLAIN_NEVER_STARTS = INDICATORS | {" "}
DECIMAL = re.compile(r"0|[1-9][0-9]*")
DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
IMPLICIT = Resolver.yaml_implicit_resolvers
TYPED_STARTS = frozenset(key for key in IMPLICIT if key)
"""First characters of plain scalars that PyYAML may read as something other than text."""
LONGEST_WORD = 5
"""YAML 1.1's words for booleans and null (yes, no, true, false, on, off, null in three cases) have at most
five letters; a test checks this against PyYAML's resolvers."""
FLOW, ITEM_DOUBLE, ITEM_SINGLE, ITEM_PLAIN = (LINE.groupindex[name] for name in
                                              ("flow", "item_double", "item_single", "item_plain"))
INT_TAG, NULL_TAG, TIMESTAMP_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"


# Positions of fields repeat across files: the same few (name,) keys and (line, 1) values. Sharing one
# object for each keeps memory down and, since marshal writes an object it has written before as a short
# reference, makes the validation cache smaller and faster to read (10,000 entries: 8.7 -> 7.3 MB, read in
# 0.06-0.09 s instead of 0.13 s).
LINE_STARTS = [(number, 1) for number in range(200)]
FIELD_PATHS: dict[str, tuple[str]] = {}
MAX_SHARED_FIELDS = 200


def _field_path(name: str) -> tuple[str]:
    path = (name,)
    if len(FIELD_PATHS) < MAX_SHARED_FIELDS:  # bounded: names come from contributors' files
        FIELD_PATHS[name] = path
    return path


class _OutsideSubset(Exception):
    """The text is not in the subset: the full parser must read it."""


def read_simple(text: str) -> tuple[dict[str, Any], Positions] | None:
    """(data, positions) of a document in the subset, else None. Positions are 1-based, recorded for the
    document (), each field (name,) and each list item (name, index), as the full parser records them."""
    # ASCII text, nearly every file, needs only the quick test for control characters (for ASCII,
    # printable means exactly space to tilde, and it beats a regex by half).
    if not (text.replace("\n", " ").isprintable() if text.isascii() else OUTSIDE_SUBSET.search(text) is None):
        return None
    try:
        return _read(text)
    except _OutsideSubset:
        return None


def _read(text: str) -> tuple[dict[str, Any], Positions] | None:
    data: dict[str, Any] = {}
    positions: Positions = {}
    open_list: str | None = None  # the field whose block list the next "- " lines belong to
    list_indent = -1
    fullmatch = LINE.fullmatch
    shared_lines = len(LINE_STARTS)
    for number, line in enumerate(text.split("\n"), 1):
        if not line or line[0] == "#":
            continue  # blank, or a comment such as the schema modeline
        # Most lines are "name: plain text" or "  - plain text"; string methods read those several times
        # faster than the line pattern, which takes every other line (and these too, whenever in doubt).
        name, separator, plain = line.partition(": ")
        if (separator and name.isidentifier() and name.isascii() and plain and plain[0] not in PLAIN_NEVER_STARTS
                and ": " not in plain and " #" not in plain and plain[-1] not in ": "):  # _is_plain, inlined
            value = _typed(plain)
        else:
            rest = line.lstrip(" ")
            if rest[:2] == "- " and _is_plain(plain := rest[2:]):
                name, indent = None, len(line) - len(rest)
                column, value = indent + 3, _typed(plain)
            else:
                match = fullmatch(line)
                if match is None:
                    raise _OutsideSubset
                # One groups() call instead of a lookup per group.
                name, double, single, flow, plain, spaces, item_double, item_single, item_plain = match.groups()
                if name is not None:
                    if plain is not None:
                        value = _typed(plain)
                    elif double is not None:
                        value = _unescape(double)
                    elif single is not None:
                        value = single.replace("''", "'")
                    elif flow is not None:
                        value = _flow_list(flow, match.start(FLOW), number, name, positions)
                    else:
                        value = OPEN_LIST
                elif spaces is None:
                    continue  # an indented comment or a line of spaces
                else:
                    indent = len(spaces)
                    if item_plain is not None:
                        column = match.start(ITEM_PLAIN) + 1
                        value = _typed(item_plain)
                    elif item_double is not None:
                        column, value = match.start(ITEM_DOUBLE), _unescape(item_double)
                    else:
                        column, value = match.start(ITEM_SINGLE), item_single.replace("''", "'")
            if name is None:  # a list item
                if open_list is None:
                    raise _OutsideSubset  # a list where none may start (or a continuation line)
                if list_indent < 0:
                    list_indent, data[open_list] = indent, []
                elif indent != list_indent:
                    raise _OutsideSubset
                items = data[open_list]
                positions[(open_list, len(items))] = (number, column)
                items.append(value)
                continue
        if name in data:
            raise _OutsideSubset  # a duplicate key: the full parser reports it
        start = LINE_STARTS[number] if number < shared_lines else (number, 1)
        if not data:
            positions[()] = start
        positions[FIELD_PATHS.get(name) or _field_path(name)] = start
        if value is OPEN_LIST:
            data[name], open_list, list_indent = None, name, -1  # stays None unless list items follow
        else:
            data[name], open_list = value, None
    return (data, positions) if data else None


def _is_plain(text: str) -> bool:
    """A one-line plain scalar read as it stands: not starting with an indicator or a space, no ': ' or
    ' #' inside, not ending with a colon or a space."""
    return (bool(text) and text[0] not in PLAIN_NEVER_STARTS and ": " not in text and " #" not in text
            and text[-1] not in ": ")


OPEN_LIST = object()
"""A field with no value on its line: a block list may follow."""


def _unescape(inner: str) -> str:
    return inner.replace('\\"', '"').replace("\\\\", "\\") if "\\" in inner else inner


def _flow_list(inner: str, column: int, line: int, name: str, positions: Positions) -> list[Any]:
    """The items of `[inner]`; `column` is where `inner` starts on its line (0-based)."""
    if not inner.strip(" "):
        return []
    items = []
    for index, piece in enumerate(inner.split(",")):
        item = piece.strip(" ")
        if not item or item[0] in INDICATORS:
            raise _OutsideSubset
        positions[(name, index)] = (line, column + len(piece) - len(piece.lstrip(" ")) + 1)
        items.append(_typed(item))
        column += len(piece) + 1
    return items


def _typed(plain: str) -> Any:
    """A plain scalar as PyYAML types it: text, or a decimal number, a date (as ISO text) or null; other
    types (booleans, floats, octal or sexagesimal numbers) are left to the full parser."""
    # Shortcuts for the common shapes, each read exactly as the resolvers below would read it; the
    # resolvers' patterns are slow to try one after another (they were a quarter of this module's time).
    first = plain[0]
    if first not in TYPED_STARTS:
        return plain  # no resolver starts with this character: text
    if first.isalpha():
        if len(plain) > LONGEST_WORD:
            return plain  # only booleans and null start with a letter, and their words are short
    elif plain.isdigit() and plain.isascii() and (first != "0" or plain == "0"):
        return int(plain)
    elif len(plain) == 10 and DAY.fullmatch(plain):
        return _construct(TIMESTAMP_TAG, plain)
    for tag, pattern in IMPLICIT.get(first, ()):
        if pattern.match(plain):
            return _construct(tag, plain)
    return plain


def _construct(tag: str, plain: str) -> Any:
    if tag == INT_TAG and DECIMAL.fullmatch(plain):
        return int(plain)
    if tag == TIMESTAMP_TAG and (day := DAY.fullmatch(plain)):
        try:
            return date(*map(int, day.groups())).isoformat()
        except ValueError:
            raise _OutsideSubset from None  # e.g. 2026-02-30: the full parser explains
    if tag == NULL_TAG:
        return None
    raise _OutsideSubset
