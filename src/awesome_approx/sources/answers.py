"""Checks of what a service answered, before any of it is used: the type and the range of every value.

Whatever answers at a service's address can send anything: a boolean where a year belongs (a bool is an
int in Python), an object where a title belongs, ten thousand authors, bytes that are not UTF-8. The
parsers check each value's type as they read it (`text`, `year`, `listed`); `add`'s lookups (contribute.lookup)
also check the range of what becomes an entry (`check_usable`: lengths, how many authors, no control
characters, no sign of broken decoding). Every failure is an `UnusableAnswer`, which `add` reports as
"SERVICE answered something unusable: ..." and then writes nothing.

The limits are far above any real record and far below what would hurt: the schema's own limits are
lower still and are reported by the validator with the field's name.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from awesome_approx.sources import SourceError

MAX_TEXT = 5_000
"""Characters in one title, venue, name or description."""
MAX_AUTHORS = 1_000
"""Authors of one work (the largest collaborations list a few thousand, and belong in no entry whole)."""
YEARS = range(1000, 10_000)
REPLACEMENT_CHARACTER = "\N{REPLACEMENT CHARACTER}"


class UnusableAnswer(SourceError):
    """The service answered, but with a value of the wrong type or out of range."""

    def __init__(self, service: str, problem: str) -> None:
        super().__init__(f"{service} answered something unusable: {problem}")


def kind(value: object) -> str:
    """What a JSON value is, in words: 'an object', 'true', 'a list', 'a number'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    names = {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def text(service: str, field: str, value: object) -> str | None:
    """A JSON value that must be text (or absent: None)."""
    if value is None or isinstance(value, str):
        return value
    raise UnusableAnswer(service, f"'{field}' is {kind(value)}, not text")


def listed(service: str, field: str, value: object) -> list[Any]:
    """A JSON value that must be a list (absent: empty)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    raise UnusableAnswer(service, f"'{field}' is {kind(value)}, not a list")


def year(service: str, field: str, value: object) -> int | None:
    """A year: an integer (not a boolean) with four digits; None when absent (null)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise UnusableAnswer(service, f"the year in '{field}' is {kind(value)}, not a number")
    if value not in YEARS:
        raise UnusableAnswer(service, f"the year in '{field}' is {value}, not a year")
    return value


def check_text(service: str, field: str, value: str) -> None:
    """Range of one text: not too long, no control characters, no trace of bytes that were not UTF-8."""
    if len(value) > MAX_TEXT:
        raise UnusableAnswer(service, f"'{field}' is {len(value):,} characters long (at most {MAX_TEXT:,})")
    if REPLACEMENT_CHARACTER in value:
        raise UnusableAnswer(service, f"'{field}' holds U+FFFD, the mark of text that was not valid UTF-8")
    control = next((c for c in value if unicodedata.category(c) == "Cc"), None)
    if control is not None:
        raise UnusableAnswer(service, f"'{field}' holds the control character U+{ord(control):04X}")


def check_usable(service: str, texts: Mapping[str, str | None], authors: Iterable[str] = ()) -> None:
    """The range checks of everything that becomes part of a new entry (or is shown to its author)."""
    for field, value in texts.items():
        if value is not None:
            check_text(service, field, value)
    names = list(authors)
    if len(names) > MAX_AUTHORS:
        raise UnusableAnswer(service, f"{len(names):,} authors (at most {MAX_AUTHORS:,})")
    for name in names:
        check_text(service, "author", name)


def utf8_json(service: str, body: bytes) -> Any:
    """The body as JSON, read as UTF-8 strictly (JSON is UTF-8 by RFC 8259). Not response.json(): on bytes
    that are not UTF-8 it silently falls back to a guessed encoding, which saves mojibake."""
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise UnusableAnswer(service, f"the answer is not valid UTF-8 (byte {error.start})") from error
    except ValueError as error:
        raise UnusableAnswer(service, f"the answer is not JSON ({error})") from error
