"""Markdown code spans and fenced blocks that show any text exactly (pure).

A fence of backticks ends at the first run of as many backticks, so the fence is made one longer than
the longest run inside the text; a span's text is padded with a space when it starts or ends with one.
"""

from __future__ import annotations

import re

BACKTICKS = re.compile(r"`+")


def longest_backtick_run(text: str) -> int:
    return max((len(run) for run in BACKTICKS.findall(text)), default=0)


def code_span(text: str) -> str:
    """Inline code on one line (whitespace runs, newlines included, become one space)."""
    text = " ".join(text.split())
    fence = "`" * (longest_backtick_run(text) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code_block(text: str, info: str = "") -> str:
    """A fenced block; `info` names the language (diff, text)."""
    fence = "`" * max(3, longest_backtick_run(text) + 1)
    return f"{fence}{info}\n{text.rstrip(chr(10))}\n{fence}"
