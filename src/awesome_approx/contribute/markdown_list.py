"""Read the Markdown of a hand-written awesome list into categories, entries and problems (pure).

Uses markdown-it-py's token stream for the structure (headings, list items, tables, links with their
hrefs and line numbers) and small regular expressions only for the shape of the text around an item's
link ('2019', ', Wang & al.', ' - Description.'), which Markdown itself does not structure. See
`awesome_approx.contribute.importer` for what is understood and the decisions taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from awesome_approx.catalog import identifiers as ids
from awesome_approx.catalog.entry_ids import entry_id, slug
from awesome_approx.catalog.model import ENTRY_FIELDS
from awesome_approx.catalog.problems import WARNING, Problem
from awesome_approx.validate.entry_rules import DESCRIPTION_END

TOC_SECTIONS = frozenset({"contents", "table of contents", "toc"})
"""A table of contents ends at the next heading of any level: lists often put it at level 2 and their
sections at level 3."""
DEEPEST_HEADING = 6  # skipping "down to" this level stops at the very next heading
SKIPPED_SECTIONS = TOC_SECTIONS | {
    "contributing", "contribute", "contributors", "license", "set up", "footnotes",
}
"""Section titles that are the list's boilerplate, not categories of entries (with their subsections)."""

ET_AL = re.compile(r"\s*(?:&|and)?\s*(?:et|&)\s+al\.?\s*$", re.IGNORECASE)
YEAR = re.compile(r"^\s*(?:\(?(\d{4})\)?)\s*$")
_CODE = r"(?:\(\[code\]\((?P<code>[^()\s]+)\)\))?"
_DESCRIPTION = r"(?:(?:-|–|—|:)\s+(?P<description>.*))?"
CITATION_REST = re.compile(r"^\s*,\s*(?P<authors>[^()]*?)\s*" + _CODE + r"\s*" + _DESCRIPTION + r"$", re.S)
"""What follows the link of '- 2019 [Title](url), Wang & al. ([code](url)) - Description.'"""
NAMED_REST = re.compile(r"^\s*" + _CODE + r"\s*" + _DESCRIPTION + r"$", re.S)
"""What follows the link of '- [Name](url) ([code](url)) - Description.'"""
BULLET_HINT = "write '- [Name](url) - Description.' or '- 2019 [Title](url), Wang & al.'"

COLUMN_ALIASES = {
    "year": "year", "date": "year",
    "authors": "authors", "author": "authors", "by": "authors",
    "venue": "venue", "conference": "venue", "journal": "venue", "published": "venue",
    "description": "description", "summary": "description", "notes": "description", "comment": "description",
    "code": "code", "repo": "code", "repository": "code", "implementation": "code",
}


@dataclass
class ImportedCategory:
    id: str
    title: str
    line: int
    level: int
    description: str = ""
    children: list[ImportedCategory] = field(default_factory=list)
    entry_count: int = 0


@dataclass
class ImportedEntry:
    fields: dict[str, Any]
    line: int
    id: str = ""


@dataclass
class ParsedList:
    """What the Markdown held: the category tree, the entries, and the lines not understood."""

    categories: list[ImportedCategory]
    entries: list[ImportedEntry]
    problems: list[Problem]

    def walk(self) -> Iterator[ImportedCategory]:
        stack = list(reversed(self.categories))
        while stack:
            category = stack.pop()
            yield category
            stack.extend(reversed(category.children))


def parse_markdown(text: str, source: str) -> ParsedList:
    """Read the Markdown of an awesome list into categories and entries; report what is not understood."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return _Parser(source).run(tokens)


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.roots: list[ImportedCategory] = []
        self.stack: list[ImportedCategory] = []
        self.entries: list[ImportedEntry] = []
        self.problems: list[Problem] = []
        self.skipping_level: int | None = None  # inside a boilerplate section of this level
        self.seen_heading = False
        self.description_open = False  # the next paragraph may be the current category's description
        self.used_ids: set[str] = set()

    @property
    def current(self) -> ImportedCategory | None:
        return self.stack[-1] if self.stack and self.skipping_level is None else None

    def report(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem.at(self.source, line, 1, "not-understood", message, hint, WARNING))

    def run(self, tokens: Sequence[Token]) -> ParsedList:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            line = token.map[0] + 1 if token.map else 1
            if token.type == "heading_open":
                self.heading(int(token.tag[1]), plain_text(tokens[index + 1]), line)
                index += 3
            elif token.type == "paragraph_open" and token.level == 0:
                self.paragraph(tokens[index + 1], line)
                index += 3
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                index = self.list_block(tokens, index)
            elif token.type == "table_open":
                index = self.table(tokens, index)
            else:
                if token.level == 0 and token.map and self.current is not None and token.type != "hr":
                    kind = token.type.removesuffix("_open").replace("_", " ")
                    self.report(line, f"{kind} is not an entry; left out")
                index = skip_block(tokens, index)
        return ParsedList(self.roots, self.entries, self.problems)

    def heading(self, level: int, title: str, line: int) -> None:
        first = not self.seen_heading
        self.seen_heading = True
        self.description_open = False
        if first and level == 1:
            return  # the document title
        if self.skipping_level is not None and level > self.skipping_level:
            return
        self.skipping_level = None
        if title.strip().casefold() in SKIPPED_SECTIONS:
            self.skipping_level = DEEPEST_HEADING if title.strip().casefold() in TOC_SECTIONS else level
            return
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        category = ImportedCategory(self.unique_id(slug(title) or "section"), title.strip(), line, level)
        (self.stack[-1].children if self.stack else self.roots).append(category)
        self.stack.append(category)
        self.description_open = True

    def paragraph(self, inline: Token, line: int) -> None:
        category = self.current
        if category is None:
            return  # intro text, badges, boilerplate sections
        if self.description_open and category.entry_count == 0 and not category.description:
            category.description = tidy_sentence(plain_text(inline))
            self.description_open = False
            return
        self.report(line, "paragraph is not an entry; left out",
                    "entries are bullets '- [Name](url) - Description.' or table rows")

    def list_block(self, tokens: Sequence[Token], index: int) -> int:
        end = skip_block(tokens, index)
        self.description_open = False
        for item_index in range(index, end):
            token = tokens[item_index]
            if token.type != "list_item_open":
                continue
            line = token.map[0] + 1 if token.map else 1
            inline = first_inline(tokens, item_index)
            self.list_item(inline, line)
        return end

    def list_item(self, inline: Token | None, line: int) -> None:
        if inline is None:
            if self.current is not None:
                self.report(line, "empty list item; left out")
            return
        link = first_link(inline)
        if link is not None and link[1].startswith("#"):
            return  # a table of contents
        if self.skipping_level is not None or not self.seen_heading:
            return
        if self.current is None:
            self.report(line, "list item outside any section; left out")
            return
        entry = parse_bullet(inline, self.current.id, line)
        if isinstance(entry, str):
            self.report(line, entry, BULLET_HINT)
            return
        self.add_entry(entry)

    def table(self, tokens: Sequence[Token], index: int) -> int:
        end = skip_block(tokens, index)
        self.description_open = False
        if self.current is None:
            return end
        header: list[str] = []
        rows: list[tuple[int, list[Token]]] = []
        row: list[Token] = []
        row_line = 1
        in_head = False
        for token in tokens[index:end]:
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row, row_line = [], (token.map[0] + 1 if token.map else 1)
            elif token.type == "inline":
                row.append(token)
            elif token.type == "tr_close":
                if in_head:
                    header = [plain_text(cell).strip().casefold() for cell in row]
                else:
                    rows.append((row_line, row))
        header_line = tokens[index].map[0] + 1 if tokens[index].map else 1
        unknown = [name for name in header[1:] if name and name not in COLUMN_ALIASES]
        if unknown:
            shown = ", ".join(f"'{name}'" for name in unknown)
            self.report(header_line, f"table column(s) {shown} match no field; left out",
                        "known columns: " + ", ".join(sorted(set(COLUMN_ALIASES))))
        for line, cells in rows:
            entry = parse_row(header, cells, self.current.id, line)
            if isinstance(entry, str):
                self.report(line, entry, "the first column of a table row must be a link [Title](url)")
            else:
                self.add_entry(entry)
        return end

    def add_entry(self, entry: ImportedEntry) -> None:
        entry.id = self.unique_id(entry_id(entry.fields))
        self.entries.append(entry)
        if self.current is not None:
            self.current.entry_count += 1

    def unique_id(self, base: str) -> str:
        candidate, suffix = base, 1
        while candidate in self.used_ids:
            suffix += 1
            candidate = f"{base}{chr(ord('a') + suffix - 1)}" if suffix <= 26 else f"{base}-{suffix}"
        self.used_ids.add(candidate)
        return candidate


def skip_block(tokens: Sequence[Token], index: int) -> int:
    """The index just after the block that opens at `index` (a lone token is its own block)."""
    token = tokens[index]
    if token.nesting != 1:
        return index + 1
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position + 1
    return len(tokens)


def first_inline(tokens: Sequence[Token], item_index: int) -> Token | None:
    """The inline content of a list item's first paragraph (None when the item starts otherwise)."""
    following = tokens[item_index + 1] if item_index + 1 < len(tokens) else None
    if following is not None and following.type == "paragraph_open":
        return tokens[item_index + 2]
    return None


def plain_text(inline: Token) -> str:
    text = "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))
    return text or inline.content


def first_link(inline: Token) -> tuple[int, str] | None:
    for position, child in enumerate(inline.children or ()):
        if child.type == "link_open":
            return position, str(child.attrs.get("href", ""))
    return None


def markdown_of(children: Sequence[Token]) -> str:
    """Inline tokens back to Markdown text, so that what follows the main link can be read as source."""
    out: list[str] = []
    hrefs: list[str] = []  # markdown-it keeps a link's href on its opening token only
    for child in children:
        if child.type == "link_open":
            hrefs.append(str(child.attrs.get("href", "")))
            out.append("[")
        elif child.type == "link_close":
            out.append(f"]({hrefs.pop() if hrefs else ''})")
        elif child.type == "code_inline":
            out.append(f"`{child.content}`")
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type in ("em_open", "em_close"):
            out.append("*")
        elif child.type in ("strong_open", "strong_close"):
            out.append("**")
        else:
            out.append(child.content)
    return "".join(out)


def split_at_link(inline: Token) -> tuple[str, str, str, str] | None:
    """(text before, link text, href, Markdown after) of the first link of an inline token."""
    children = list(inline.children or ())
    found = first_link(inline)
    if found is None:
        return None
    start, href = found
    depth, end = 0, len(children) - 1
    for position in range(start, len(children)):
        depth += children[position].nesting
        if depth == 0:
            end = position
            break
    before = markdown_of(children[:start])
    title = "".join(c.content for c in children[start + 1:end] if c.type in ("text", "code_inline"))
    after = markdown_of(children[end + 1:])
    return before, title, str(href), after


def parse_bullet(inline: Token, category: str, line: int) -> ImportedEntry | str:
    """An entry from one bullet, or a message saying why the bullet is not one."""
    parts = split_at_link(inline)
    if parts is None:
        return "list item has no link; left out"
    before, title, href, after = parts
    if not title.strip():
        return "the link has no text to use as title; left out"
    fields: dict[str, Any] = {}
    if before.strip():
        year = YEAR.match(before)
        if not year:
            return f"text before the link ('{before.strip()[:40]}') is not a year; left out"
        fields["year"] = int(year.group(1))
    shape = CITATION_REST if "year" in fields and after.lstrip().startswith(",") else NAMED_REST
    match = shape.match(after)
    if not match:
        return f"cannot read what follows the link ('{after.strip()[:40]}'); left out"
    if match.groupdict().get("authors") is not None:
        authors = parse_authors(match["authors"])
        if not authors:
            return "no authors after the comma; left out"
        fields["authors"] = authors
    if match["code"]:
        fields["code"] = match["code"]
    if match["description"] and match["description"].strip():
        fields["description"] = tidy_sentence(match["description"])
    return ImportedEntry(identified(title.strip(), href, category, fields), line)


def parse_row(header: list[str], cells: list[Token], category: str, line: int) -> ImportedEntry | str:
    if not cells:
        return "empty table row; left out"
    parts = split_at_link(cells[0])
    if parts is None:
        return "the first cell has no link; left out"
    _, title, href, _ = parts
    fields: dict[str, Any] = {}
    for name, cell in zip(header[1:], cells[1:], strict=False):
        key = COLUMN_ALIASES.get(name)
        text = plain_text(cell).strip()
        if key is None or not text:
            continue
        if key == "year":
            year = YEAR.match(text)
            if not year:
                return f"year '{text}' is not a year; left out"
            fields["year"] = int(year.group(1))
        elif key == "authors" and parse_authors(text):
            fields["authors"] = parse_authors(text)
        elif key == "code":  # a link, or a bare URL; placeholders such as '-' or 'N/A' mean no code
            link = first_link(cell)
            if link or text.startswith(("http://", "https://")):
                fields["code"] = link[1] if link else text
        elif key == "description":
            fields["description"] = tidy_sentence(text)
        else:
            fields[key] = text
    return ImportedEntry(identified(title.strip(), href, category, fields), line)


def identified(title: str, href: str, category: str, extra: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields in canonical order, with identifiers recognised from its link."""
    url = href
    found: dict[str, Any] = {}
    arxiv = ids.arxiv_id_from_url(href)
    if arxiv:  # the paper rather than one of its versions
        found["arxiv"] = ids.strip_arxiv_version(arxiv)
        url = f"https://arxiv.org/abs/{found['arxiv']}"
    doi = ids.doi_from_url(href)
    if doi:
        found["doi"] = doi
    ieee = ids.ieee_document_from_url(href)
    if ieee:
        found["ieee"] = ieee
    values = {"title": title, "url": url, "category": category, **extra, **found}
    return {name: values[name] for name in ENTRY_FIELDS if name in values}


def parse_authors(text: str) -> list[str]:
    """'Wang & al.' -> ['Wang', 'others']; 'Han, Mao and Dally' -> ['Han', 'Mao', 'Dally']."""
    text = text.strip()
    incomplete = bool(ET_AL.search(text))
    text = ET_AL.sub("", text)
    names = [n.strip() for n in re.split(r",|\band\b|&", text) if n.strip()]
    return [*names, "others"] if incomplete and names else names


def tidy_sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip(":;, ")
    if not text:
        return text
    if text[0].isalpha():
        text = text[0].upper() + text[1:]
    return text if text.endswith(DESCRIPTION_END) else text + "."
