"""Problems found in the data: values that travel up to the CLI, which formats them.

A problem always names a file and a 1-based line and column, a short stable code (documented in
CONTRIBUTING.md), a message saying what is wrong, and where possible a hint saying how to fix it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: str = ERROR

    @classmethod
    def at(
        cls,
        path: Path | str,
        line: int,
        column: int,
        code: str,
        message: str,
        hint: str = "",
        severity: str = ERROR,
    ) -> Problem:
        return cls(str(path), max(line, 1), max(column, 1), code, message, hint, severity)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def format_text(problems: Iterable[Problem]) -> str:
    lines = []
    for p in problems:
        prefix = "" if p.is_error else "warning: "
        line = f"{p.path}:{p.line}:{p.column}: [{p.code}] {prefix}{p.message}"
        if p.hint:
            line += f"\n    hint: {p.hint}"
        lines.append(line)
    return "\n".join(lines)


def _github_escape(text: str, *, property_value: bool = False) -> str:
    # Workflow commands need %, CR and LF escaped; property values also : and ,
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands, so a pull request shows each problem on its line."""
    lines = []
    for p in problems:
        kind = "error" if p.is_error else "warning"
        props = ",".join(
            [
                f"file={_github_escape(p.path, property_value=True)}",
                f"line={p.line}",
                f"col={p.column}",
                f"title={_github_escape(p.code, property_value=True)}",
            ]
        )
        message = p.message + (f"\nhint: {p.hint}" if p.hint else "")
        lines.append(f"::{kind} {props}::{_github_escape(message)}")
    return "\n".join(lines)


def format_json(problems: Iterable[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
