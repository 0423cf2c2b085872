"""Heading anchors exactly as GitHub makes them, so the Contents links of README.md always resolve.

GitHub lower-cases the heading's text, removes every character that is not a letter, mark, number,
connector punctuation (e.g. _), hyphen or space, turns each space into a hyphen, and adds -1, -2, ...
to repeated slugs. This follows the github-slugger package, which GitHub's renderer matches.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

_KEPT_CATEGORIES = ("L", "M", "N", "Pc")


def github_slug(text: str) -> str:
    kept = []
    for ch in text.lower():
        if ch in "- " or unicodedata.category(ch).startswith(_KEPT_CATEGORIES):
            kept.append(ch)
    return "".join(kept).replace(" ", "-")


@dataclass
class Slugger:
    """Hands out unique slugs in document order, as GitHub does for repeated headings."""

    seen: dict[str, int] = field(default_factory=dict)

    def slug(self, text: str) -> str:
        base = github_slug(text)
        slug = base
        while slug in self.seen:
            self.seen[base] += 1
            slug = f"{base}-{self.seen[base]}"
        self.seen[slug] = 0
        return slug
