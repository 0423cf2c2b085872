"""Read one list item (or one table cell) of a hand-written paper list into an entry's fields (pure).

The citation styles of the field, each read here (see tests/fixtures/import/ for one file per style):

- a link as the title: ``- [Name](url) - Description.``, ``- 2019 [Title](url), Wang & al.``, with a
  year/venue prefix ``- 2017-ICLR-[Title](url)`` or ``- 2017.12-[Title](url)``, followed by labelled
  extras ``[[Code](url)]``;
- a plain-text title followed by labelled links: ``- Title <br> TACL [[Paper]](url) [[Code]](url)``,
  ``- Title [[arXiv](url)] [[code](url)]``, the label first ``- [[arXiv](url)] Title``, quoted titles
  with venue and year ``- "Title", Venue, 2021. [[paper](url)] [**`PTQ`**]`` (the bold keywords become
  tags), and tools ``- Name: what it does [[Code]](url)``.

Which link is the paper is decided by its label (Paper, arXiv, PDF, ...) or its host (arxiv.org,
doi.org, openreview.net, proceedings sites); the code link by label (Code, GitHub, ...) or host
(github.com, gitlab.com). A link around an image (a badge, a star chart) is never an entry's link.
The text is split into pieces first (markdown-it does the Markdown); only the shape of the plain text
between links ('2017-ICLR-', '"Title", Venue, 2021.') is read with small regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from markdown_it.token import Token

TEXT, LINK, BREAK = "text", "link", "break"


@dataclass(frozen=True)
class Piece:
    """A run of an inline's content: text, a link, or a `<br>` line break."""

    kind: str
    text: str  # plain text (for a link: the text it shows)
    markdown: str  # the same as Markdown source
    href: str = ""
    badge: bool = False  # a link around an image: a badge or a chart, never an entry's link


def pieces_of(children: Sequence[Token]) -> list[Piece]:
    """An inline token's children as pieces (links can not nest in Markdown, so one level is enough)."""
    pieces: list[Piece] = []
    link: Token | None = None
    inner: list[Token] = []
    for child in children:
        if link is not None:
            if child.type == "link_close":
                text, markdown = _plain(inner), _markdown(inner)
                href = str(link.attrs.get("href", ""))
                badge = any(token.type == "image" for token in inner)
                pieces.append(Piece(LINK, text, f"[{markdown}]({href})", href, badge))
                link = None
            else:
                inner.append(child)
        elif child.type == "link_open":
            link, inner = child, []
        elif child.type == "html_inline" and BR.fullmatch(child.content):
            pieces.append(Piece(BREAK, " ", " "))
        elif child.type != "image":  # an image outside a link is decoration
            text = Piece(TEXT, _plain([child]), _markdown([child]))
            if pieces and pieces[-1].kind == TEXT:  # one piece per run of text between links
                text = Piece(TEXT, pieces[-1].text + text.text, pieces[-1].markdown + text.markdown)
                pieces.pop()
            pieces.append(text)
    return pieces


BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _plain(tokens: Sequence[Token]) -> str:
    return "".join(t.content if t.type in ("text", "code_inline") else " " if t.type.endswith("break") else ""
                   for t in tokens)


MARKERS = {"em_open": "*", "em_close": "*", "strong_open": "**", "strong_close": "**",
           "softbreak": " ", "hardbreak": " "}


def _markdown(tokens: Sequence[Token]) -> str:
    return "".join(f"`{t.content}`" if t.type == "code_inline" else MARKERS.get(t.type, t.content)
                   for t in tokens)


def is_web_link(piece: Piece) -> bool:
    """A link to somewhere (not an #anchor of the page itself, not a badge): what makes a linked item."""
    return piece.kind == LINK and not piece.badge and bool(piece.href) and not piece.href.startswith("#")


# --- labels and hosts ------------------------------------------------------------------------------------

PAPER_LABELS = frozenset({
    "paper", "papers", "arxiv", "pdf", "openreview", "doi", "acm", "ieee", "springer", "abs", "abstract",
    "article", "publication", "proceedings", "preprint", "link",
})
CODE_LABELS = frozenset({"code", "github", "gitlab", "repo", "repository", "implementation", "source"})
OTHER_LABELS = frozenset({
    "blog", "project", "project page", "homepage", "home", "page", "website", "video", "slides", "poster",
    "demo", "model", "models", "dataset", "data", "tutorial", "github page", "supplementary", "pypi", "npm",
    "talk", "bibtex", "news", "docs", "weights", "leaderboard", "benchmark",
})
PAPER_HOSTS = (
    "arxiv.org", "doi.org", "openreview.net", "aclanthology.org", "aclweb.org", "proceedings.mlr.press",
    "neurips.cc", "nips.cc", "openaccess.thecvf.com", "thecvf.com", "cv-foundation.org", "ieeexplore.ieee.org",
    "dl.acm.org", "link.springer.com", "aaai.org", "ijcai.org", "ecva.net", "sciencedirect.com", "jmlr.org",
    "semanticscholar.org", "mlsys.org", "usenix.org", "iclr.cc", "icml.cc", "nature.com", "mdpi.com",
)
CODE_HOSTS = ("github.com", "gitlab.com")


def label_of(piece: Piece) -> str:
    return " ".join(piece.text.strip().strip("[]").split()).casefold()


def host_of(href: str) -> str:
    try:
        host = urlsplit(href).hostname or ""
    except ValueError:  # e.g. an unbalanced '[' read as an IPv6 address
        return ""
    return host.removeprefix("www.")


def _on(host: str, hosts: tuple[str, ...]) -> bool:
    return any(host == known or host.endswith("." + known) for known in hosts)


def is_label(piece: Piece, bracketed: bool, *, first: bool) -> bool:
    """'[[Paper]](url)', '[[code](url)]', '[arXiv](url)': a link naming what it points to, not a title.
    After the title, short texts naming a kind of link count too ('[PyTorch Code](url)'); an item's first
    link must be bracketed or a bare label, so that '[ZeroQ PDF](url)' stays a title."""
    label = label_of(piece)
    words = label.split()
    return (bracketed or piece.text.strip().startswith("[") or label in PAPER_LABELS | CODE_LABELS | OTHER_LABELS
            or (not first and len(words) <= 3 and bool(set(words) & (PAPER_LABELS | CODE_LABELS))))


def is_paper_link(piece: Piece) -> bool:
    label = label_of(piece)
    return label in PAPER_LABELS or (not is_code_link(piece) and _on(host_of(piece.href), PAPER_HOSTS))


def is_code_link(piece: Piece) -> bool:
    words = set(label_of(piece).split())
    if words & CODE_LABELS:
        return True
    return not words & PAPER_LABELS and _on(host_of(piece.href), CODE_HOSTS)


# --- the shapes of the text around the links --------------------------------------------------------------

YEAR_PREFIX = re.compile(r"^\(?(?P<year>\d{4})(?:[.\-/]\d{1,2})?\)?(?:\s*-\s*(?P<venue>[^\[\]]*?))?\s*-?\s*$")
"""Text before a title link: '2019', '(2019)', '2017-ICLR-', '2017.12-', '2017-Proceedings of the IEEE-'."""
QUOTED = re.compile(r'^["“](?P<title>.+?)["”]\s*[,.]?\s*(?P<rest>.*)$', re.S)
YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
KEYWORD_TAG = re.compile(r"\[\s*\*\*`(?P<tag>[^`]+)`\*\*\s*\]|\[\s*`(?P<plain>[^`]+)`\s*\]")
"""'[**`PTQ`**]': the keyword labels some paper lists put after an entry."""
TAG_CHARS = re.compile(r"[^a-z0-9+.-]+")
GLUE = re.compile(r"[\[\]()|,;/\s]*")
GLUE_START = re.compile(r"^[\[\]()\s]*")
SEPARATOR = re.compile(r"^(?:-|–|—|:)\s")
_DESCRIPTION = r"(?:(?:-|–|—|:)\s*(?P<description>.*))?"
CITATION_REST = re.compile(r"^\s*,\s*(?P<authors>[^()\[\]]*?)\s*" + _DESCRIPTION + r"$", re.S)
"""What follows the link of '- 2019 [Title](url), Wang & al. - Description.'"""
DESCRIPTION_REST = re.compile(r"^\s*(?:-|–|—|:)\s*(?P<description>.+)$", re.S)
ET_AL = re.compile(r"\s*(?:&|and)?\s*(?:et|&)\s+al\.?\s*$", re.IGNORECASE)
NOT_A_VENUE = frozenset({"arxiv", "preprint", "arxiv preprint"})


def tag_of(text: str) -> str:
    """'PTQ' -> 'ptq', 'Non-uniform' -> 'non-uniform': the schema's tag form, or '' when nothing is left."""
    return TAG_CHARS.sub("-", text.strip().casefold()).strip("-+.")[:40]


def parse_authors(text: str) -> list[str]:
    """'Wang & al.' -> ['Wang', 'others']; 'Han, Mao and Dally' -> ['Han', 'Mao', 'Dally']."""
    text = text.strip()
    incomplete = bool(ET_AL.search(text))
    text = ET_AL.sub("", text)
    names = [n.strip() for n in re.split(r",|\band\b|&", text) if n.strip()]
    return [*names, "others"] if incomplete and names else names


def tidy_title(text: str) -> str:
    """Whitespace collapsed, and the glue of labelled links ('] ', ' [') and separators trimmed."""
    return " ".join(text.split()).lstrip(" ,;:-–—|])").rstrip(" ,;:-–—|[(")


def year_and_venue(text: str) -> dict[str, Any]:
    """'NeurIPS 2022' -> year 2022, venue NeurIPS; 'TACL' -> venue TACL; 'Arxiv 2023' -> year only."""
    text = " ".join(text.split()).strip(" ,.;")
    found: dict[str, Any] = {}
    years = YEAR_IN.findall(text)
    if years:
        found["year"] = int(years[-1])
        if text.endswith(years[-1]):
            text = text[: -len(years[-1])].strip(" ,.;")
    if text and text.casefold() not in NOT_A_VENUE and len(text) <= 120:
        found["venue"] = text
    return found


# --- reading an item -------------------------------------------------------------------------------------


SERIES_HEAD = re.compile(r"^\s*[A-Z][\w .&/-]{0,30}:\s*$")
"""Text before a series of named links: a maker's name and a colon ('Baidu: ', 'Google: ')."""
SERIES_GLUE = re.compile(r"^\s*,\s*(?:[A-Za-z][\w-]*\s+){0,3}$")
"""Text between two links of a series: a comma, then at most three words ('AutoML tool ')."""
SERIES_NOTE = re.compile(r"^\s*\([^()]{1,40}\)")
"""A short note after a link of a series: '(Android 8.1+)'."""


def link_series(pieces: list[Piece]) -> list[list[Piece]] | None:
    """The links of an item that names several projects, one entry each:
    '- Baidu: [Paddle-Slim](url), [Paddle-Mobile](url), [Anakin](url)',
    '- Google: [ML-Kit](url), [NNAPI](url) (Android 8.1+), [TF-Lite](url)'. Every link must be a name
    (no label such as Code or Paper) and only commas, a few words or a short note may stand between
    them; None for every other item (a title with its labelled links is one entry)."""
    links = [index for index, piece in enumerate(pieces) if piece.kind == LINK]
    if len(links) < 2 or not all(is_web_link(pieces[i]) for i in links):
        return None
    if any(is_label(pieces[i], _bracketed(pieces, i), first=i == links[0]) for i in links):
        return None
    head = "".join(p.text for p in pieces[:links[0]])
    if head.strip() and not SERIES_HEAD.match(head):
        return None
    glues = ["".join(p.text for p in pieces[a + 1:b]) for a, b in pairwise(links)]
    tail = "".join(p.text for p in pieces[links[-1] + 1:])
    if not all(SERIES_GLUE.match(SERIES_NOTE.sub("", glue, count=1)) for glue in glues) or \
            SERIES_NOTE.sub("", tail, count=1).strip():
        return None
    return [[pieces[index]] for index in links]



def read_item(pieces: list[Piece]) -> dict[str, Any] | str:
    """The fields an item states (title, url, and year, venue, authors, code, description, tags when
    given), or a message saying why it is not an entry."""
    links = [index for index, piece in enumerate(pieces) if is_web_link(piece)]
    if not links:
        return "no link to use as the entry's link"
    pieces, tags = _without_keyword_tags(pieces)
    links = [index for index, piece in enumerate(pieces) if is_web_link(piece)]
    labels = {index for index in links if is_label(pieces[index], _bracketed(pieces, index), first=index == links[0])}
    fields = _titled_by_text(pieces, links, labels) if links[0] in labels else _titled_by_link(pieces, links, labels)
    if isinstance(fields, dict) and tags:
        fields["tags"] = tags
    return fields


def _bracketed(pieces: list[Piece], index: int) -> bool:
    before = pieces[index - 1].text if index > 0 else ""
    after = pieces[index + 1].text if index + 1 < len(pieces) else ""
    return before.rstrip().endswith("[") and after.lstrip().startswith("]")


def _without_keyword_tags(pieces: list[Piece]) -> tuple[list[Piece], list[str]]:
    """Take '[**`PTQ`**]' keyword labels out of the text, as tags."""
    tags: list[str] = []
    kept: list[Piece] = []
    for piece in pieces:
        found = list(KEYWORD_TAG.finditer(piece.markdown)) if piece.kind == TEXT else []
        if not found:
            kept.append(piece)
            continue
        tags.extend(tag_of(m["tag"] or m["plain"]) for m in found)
        markdown = KEYWORD_TAG.sub("", piece.markdown)
        kept.append(Piece(TEXT, markdown.replace("**", "").replace("`", ""), markdown))
    return kept, list(dict.fromkeys(t for t in tags if t))


def _code_among(pieces: list[Piece], indexes: list[int]) -> dict[str, Any]:
    """The code link among labelled links, by label or host (the first one wins)."""
    code = next((pieces[i].href for i in indexes if is_code_link(pieces[i])), None)
    return {"code": code} if code else {}


def _titled_by_link(pieces: list[Piece], links: list[int], labels: set[int]) -> dict[str, Any] | str:
    """'- 2017-ICLR-[Title](url), Authors - Description [[Code](url)]'."""
    first = links[0]
    title = tidy_title(pieces[first].text)
    if not title:
        return "the link has no text to use as the title"
    fields: dict[str, Any] = {"title": title, "url": pieces[first].href}
    before = "".join(p.text for p in pieces[:first]).strip()
    prefix = YEAR_PREFIX.match(before) if before else None
    if prefix:
        fields["year"] = int(prefix["year"])
        if prefix["venue"] and prefix["venue"].strip():
            fields["venue"] = prefix["venue"].strip()
    described_from = next((i for i in range(first + 1, len(pieces)) if pieces[i].kind == TEXT
                           and SEPARATOR.match(GLUE_START.sub("", pieces[i].text))), len(pieces))
    # Labelled links before the description are extras ('([code](url)) - ...'); inside it only bracketed
    # ones are ('- what it is [[Code](url)]'), so that 'a [GitHub repository](url)' stays in its sentence.
    extras = [i for i in links[1:] if i in labels and (i < described_from or _bracketed(pieces, i)
                                                        or pieces[i].text.strip().startswith("["))]
    rest = "".join("" if i in extras else p.markdown for i, p in enumerate(pieces[first + 1:], first + 1))
    # The shells left where extras stood ('([code](url))' -> '()'); not a call like 'LLM.int8()' in a sentence.
    rest = re.sub(r"(?<![\w)\]])(?:\[\s*\]|\(\s*\))", "", rest).strip()
    citation = CITATION_REST.match(rest) if "year" in fields and rest.startswith(",") else None
    if citation:
        authors = parse_authors(citation["authors"])
        if authors:
            fields["authors"] = authors
        description = citation["description"]
    else:
        described = DESCRIPTION_REST.match(rest)
        description = described["description"] if described else None
    if description and description.strip(" .[]()"):
        fields["description"] = description
    if not any(is_code_link(pieces[i]) for i in extras) and _on(host_of(fields["url"]), CODE_HOSTS):
        return fields  # a repository is its own code link
    return {**fields, **_code_among(pieces, extras)}


def _titled_by_text(pieces: list[Piece], links: list[int], labels: set[int]) -> dict[str, Any] | str:
    """'- Title <br> Venue Year [[Paper]](url) [[Code]](url)', '- "Title", Venue, 2021. [[paper](url)]',
    '- [[arXiv](url)] Title', '- Name: what it does [[Code]](url)'."""
    segment = _title_segment(pieces, labels)
    if segment is None:
        return "no title: the item holds only labelled links"
    breaks = [i for i, p in enumerate(segment) if p.kind == BREAK]
    head = segment[: breaks[0]] if breaks else segment
    tail = segment[breaks[0] + 1:] if breaks else []
    text = tidy_title("".join(p.text for p in head))
    fields: dict[str, Any] = {}
    quoted = QUOTED.match(text)
    if quoted:
        text = tidy_title(quoted["title"])
        fields.update(year_and_venue(quoted["rest"]))
    if tail:
        fields.update(year_and_venue("".join(p.text for p in tail).strip(" [(")))
    labelled = [i for i in links if i in labels]
    paper = next((i for i in labelled if is_paper_link(pieces[i])), None)
    code = next((i for i in labelled if is_code_link(pieces[i])), None)
    chosen = paper if paper is not None else code if code is not None else labelled[0]
    if code is not None and ": " in text and not quoted and (paper is None or text.endswith(".")):
        text, description = text.split(": ", 1)  # a tool: 'Name: what it does.' (titles end without a period)
        if description.strip():
            fields["description"] = description.strip()
    if not text:
        return "no title before or after the labelled links"
    fields = {"title": tidy_title(text), "url": pieces[chosen].href, **fields}
    if code is not None and code != chosen:
        fields["code"] = pieces[code].href
    return fields


def _title_segment(pieces: list[Piece], labels: set[int]) -> list[Piece] | None:
    """The first run of pieces between labelled links that holds words (the title, maybe '<br> venue')."""
    run: list[Piece] = []
    for index, piece in enumerate(pieces):
        if index in labels:
            if _has_words(run):
                return run
            run = []
        else:
            run.append(piece)
    return run if _has_words(run) else None


def _has_words(run: list[Piece]) -> bool:
    return bool(GLUE.sub("", "".join(p.text for p in run if p.kind != BREAK)))
