"""The entry schema (schema/entry.schema.json, the one definition of an entry's fields and types) applied
to one entry, each error as a Problem with the field's position and a hint.

Whether a description is required is the list's choice (`require_descriptions` in the config), so it
is not in the schema file: `schema_problems` adds it to the schema's own `required` list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

import jsonschema_rs

from awesome_approx import PACKAGE_DIR
from awesome_approx.catalog.model import ENTRY_FIELDS
from awesome_approx.catalog.problems import Problem
from awesome_approx.load.document import Document

DESCRIPTION_HINT = "write one sentence in your own words: capital first letter, ends with a period"
FATAL = ("wrong-type", "missing-field", "unknown-field")
"""Schema problems after which no entry is built (its fields cannot be trusted to have their types)."""


@cache
def entry_schema() -> dict[str, Any]:
    text = PACKAGE_DIR.joinpath("schema", "entry.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _fast_schema_check() -> jsonschema_rs.Validator:
    """The same schema in a compiled validator that only says yes or no, for the valid entries that are
    nearly all; jsonschema runs only on a no, to list every error with its path in its own words.

    jsonschema-rs rather than fastjsonschema (which generates Python code): 1.9 against 6.5 us an entry,
    0.05 s of `validate --no-cache` at 10,000 entries, whose target (issue 9) is 1.3x a bare yaml.load."""
    return jsonschema_rs.validator_for(entry_schema(), validate_formats=True)


@cache
def _schema_validator():
    import jsonschema  # only needed for invalid entries; importing it costs ~70 ms at start-up

    return jsonschema.Draft7Validator(entry_schema(), format_checker=jsonschema.FormatChecker(["date"]))


def schema_problems(doc: Document, data: dict[str, Any], *, require_description: bool) -> list[Problem]:
    # The quick yes first: nearly every entry is valid, and then no generator is started for its errors.
    problems = [] if _fast_schema_check().is_valid(data) else list(_schema_errors(doc, data))
    if require_description and "description" not in data:
        problems.append(doc.problem("missing-field", "required field 'description' is missing", DESCRIPTION_HINT))
    return problems


def _schema_errors(doc: Document, data: dict[str, Any]) -> Iterable[Problem]:
    validator = _schema_validator()
    for error in validator.iter_errors(data):
        where = tuple(error.absolute_path)
        field = str(where[0]) if where else ""
        if error.validator == "additionalProperties":
            for name in sorted(set(data) - set(ENTRY_FIELDS), key=str):
                close = close_matches(str(name), ENTRY_FIELDS, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(ENTRY_FIELDS)}"
                yield doc.problem("unknown-field", f"unknown field '{name}'", hint, at=(name,))
        elif error.validator == "required":
            missing = error.message.split("'")[1]
            yield doc.problem("missing-field", f"required field '{missing}' is missing", f"add '{missing}: ...'")
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


def close_matches(word: str, choices, **options: Any) -> list[str]:
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
