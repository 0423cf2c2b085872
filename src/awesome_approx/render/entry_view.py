"""What an entry shows wherever the site lists it (pure): its link buttons, its author line, and the rule
that only http(s) URLs from data become links. The cards (render/cards.py), the browse table's rows and
the search views (render/pages.py) all take them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from awesome_approx.catalog.model import Entry

SAFE_SCHEMES = ("http://", "https://")


def safe_href(url: str | None) -> str | None:
    """Only http(s) links become hrefs: a `javascript:` or `data:` URL from data is never clickable."""
    if url and url.strip().lower().startswith(SAFE_SCHEMES):
        return url.strip()
    return None


@dataclass(frozen=True)
class Button:
    label: str
    href: str
    kind: str


def entry_buttons(entry: Entry) -> list[Button]:
    """The compact link buttons of an entry: paper, arXiv, DOI, PDF, code (each only when known)."""
    candidates = [
        ("Paper", entry.url, "paper"),
        ("arXiv", f"https://arxiv.org/abs/{entry.arxiv}" if entry.arxiv else None, "arxiv"),
        ("DOI", f"https://doi.org/{entry.doi}" if entry.doi else None, "doi"),
        ("PDF", f"https://arxiv.org/pdf/{entry.arxiv}" if entry.arxiv else None, "pdf"),
        ("Code", entry.code, "code"),
    ]
    buttons = [Button(label, href, kind) for label, url, kind in candidates if (href := safe_href(url))]
    # "Paper" is dropped when it is the same link as a more specific button (an arXiv abs page, a repo).
    others = {b.href for b in buttons if b.kind != "paper"}
    return [b for b in buttons if b.kind != "paper" or b.href not in others]


def author_list(entry: Entry) -> str:
    named = [a for a in entry.authors if a.strip().lower() != "others"]
    text = ", ".join(named)
    return f"{text} et al." if len(named) != len(entry.authors) and named else text

