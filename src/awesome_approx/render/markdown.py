"""Escaping for Markdown, so that text from data files shows as text and never becomes markup.

Hand-written because no maintained library escapes for CommonMark/GFM output (they parse it); the rules
are small and covered by property tests that parse the result with markdown-it-py.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Characters that start inline markup in CommonMark or GitHub Flavoured Markdown, each backslash-escaped.
_ESCAPES = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]{}|~<>#!$"})
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp)(:)(//)")
# Safe characters in a link destination; everything else is percent-encoded (spaces, parentheses, <>).
_URL_SAFE = "/:?#[]@!$&'*+,;=%-._~"


_MARKUP = re.compile(r"[\\`*_\[\]{}|~<>#!$]")
"""The characters _ESCAPES escapes."""


def one_line(text: str) -> str:
    """Collapse all whitespace (newlines included) so a value can never start a new block."""
    return " ".join(text.split())


def md_text(text: str) -> str:
    """Escape inline text: the reader sees exactly the characters of the data."""
    text = one_line(text)
    if "&" in text:
        text = _ENTITY_LIKE.sub("&amp;", text)
    if _MARKUP.search(text):  # translate with a table is slow even when it changes nothing
        text = text.translate(_ESCAPES)
    # A leading "1." or "-" cannot start a list here (text is never at the start of a line), and bare
    # URLs stay text: GFM autolinks need "www." or a scheme, which an escaped ":" or "." breaks.
    if ":" in text:
        text = _AUTOLINK.sub(r"\1\\\2\3", text)
    return text.replace("www.", "www\\.") if "www." in text else text


_URL_UNCHANGED = re.compile(r"[A-Za-z0-9/:?#\[\]@!$&'*+,;=%._~-]*")
"""URLs made only of characters `quote` keeps as they are (nearly all): returned without calling it."""


def md_url(url: str) -> str:
    """A link destination that cannot end the link early or break out of it."""
    if _URL_UNCHANGED.fullmatch(url):
        return url
    return quote(one_line(url), safe=_URL_SAFE).replace("(", "%28").replace(")", "%29")


def md_link(text: str, url: str) -> str:
    return f"[{md_text(text)}]({md_url(url)})"
