"""Read the Markdown of a hand-written awesome list into categories, entries and what was left out (pure).

Uses markdown-it-py's token stream for the structure (headings, list items, tables, paragraphs, links
with their hrefs and line numbers); `list_item` reads each item's text. Every *linked item* (a list item,
table row or bare-link line holding a link that is not an #anchor or a badge) either becomes an entry
or is left out with its line number and the reason, so that `imported N of M linked items` adds up.
See `awesome_approx.contribute.importer` for what is understood and the decisions taken.
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
from awesome_approx.contribute.list_item import (
    BREAK,
    LINK,
    Piece,
    is_web_link,
    link_series,
    parse_authors,
    pieces_of,
    read_item,
    tag_of,
    tidy_title,
)
from awesome_approx.validate.entry_rules import DESCRIPTION_END

TOC_SECTIONS = frozenset({"contents", "table of contents", "table of content", "toc", "overview"})
"""A table of contents ends at the next heading of any level: lists often put it at level 2 and their
sections at level 3."""
DEEPEST_HEADING = 6  # skipping "down to" this level stops at the very next heading
SKIPPED_SECTIONS = TOC_SECTIONS | {
    "contributing", "contribute", "contributors", "license", "set up", "footnotes", "star history",
}
"""Section titles that are the list's boilerplate, not categories of entries (with their subsections)."""

YEAR = re.compile(r"^\s*\(?(\d{4})(?:[-./]\d{1,2}){0,2}\)?\s*$")
"""A year, or a date that starts with one: '2019', '(2019)', '2017-06', '2018.12'."""
YEAR_HEADING = re.compile(r"^\W*((?:19|20)\d{2})\W*$")
"""'### 2022', '**2019**': a year for the entries below that do not give one."""
SHORT_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9+._-]{0,5}$")
"""A value of a column the importer does not know that still reads as a tag (a `Type` column of F/W/C)."""
HTML_TITLE = re.compile(r"<h1[^>]*>(?P<title>.*?)</h1>", re.IGNORECASE | re.S)

COLUMN_ALIASES = {
    "year": "year", "date": "year",
    "authors": "authors", "author": "authors", "by": "authors",
    "venue": "venue", "conference": "venue", "journal": "venue", "published": "venue",
    "description": "description", "summary": "description", "notes": "description", "comment": "description",
    "code": "code", "repo": "code", "repository": "code", "implementation": "code",
}
TITLE_COLUMNS = ("paper", "title", "name", "project", "model", "tool", "papers")
"""Headers of the column that holds an entry's link, when that is not the first column with a link."""


@dataclass
class ImportedCategory:
    id: str
    title: str
    line: int
    level: int
    description: str = ""
    children: list[ImportedCategory] = field(default_factory=list)
    entry_count: int = 0
    year: int | None = None  # from a heading such as '### 2022', for entries that give none


@dataclass
class ImportedEntry:
    fields: dict[str, Any]
    line: int
    id: str = ""


@dataclass
class ParsedList:
    """What the Markdown held: the category tree, the entries, the linked items left out (each with its
    line and reason as the problem's code), and notes on other lines not understood."""

    categories: list[ImportedCategory]
    entries: list[ImportedEntry]
    problems: list[Problem]
    left_out: list[Problem] = field(default_factory=list)
    linked_items: int = 0
    title: str = ""
    intro: str = ""

    def walk(self) -> Iterator[ImportedCategory]:
        stack = list(reversed(self.categories))
        while stack:
            category = stack.pop()
            yield category
            stack.extend(reversed(category.children))


def parse_markdown(text: str, source: str, *, taken_ids: frozenset[str] = frozenset()) -> ParsedList:
    """Read the Markdown of an awesome list into categories and entries; report what is not understood.
    Entry ids avoid `taken_ids` (those of a list imported into)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return _Parser(source, taken_ids).run(tokens)


def line_of(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


class _Parser:
    def __init__(self, source: str, taken_ids: frozenset[str]):
        self.source = source
        self.roots: list[ImportedCategory] = []
        self.stack: list[ImportedCategory] = []
        self.entries: list[ImportedEntry] = []
        self.problems: list[Problem] = []
        self.left_out: list[Problem] = []
        self.linked_items = 0
        self.skipping_level: int | None = None  # inside a boilerplate section of this level
        self.seen_heading = False
        self.description_open = False  # the next paragraph may be the current category's description
        self.used_ids: set[str] = set(taken_ids)
        self.category_ids: set[str] = set()
        self.title = ""
        self.intro = ""
        self.paragraph_year: int | None = None  # from a '**2019**' paragraph, until the next heading

    @property
    def current(self) -> ImportedCategory | None:
        return self.stack[-1] if self.stack and self.skipping_level is None else None

    def note(self, line: int, message: str, hint: str = "") -> None:
        """A line that holds no link and was not understood: worth knowing, not an item lost."""
        self.problems.append(Problem.at(self.source, line, 1, "not-understood", message, hint, WARNING))

    def leave_out(self, line: int, reason: str, message: str, hint: str = "") -> None:
        self.left_out.append(Problem.at(self.source, line, 1, reason, message + "; left out", hint, WARNING))

    def run(self, tokens: Sequence[Token]) -> ParsedList:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            line = line_of(token)
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
                if token.type == "html_block" and not self.seen_heading and not self.title:
                    found = HTML_TITLE.search(token.content)
                    self.title = " ".join(re.sub(r"<[^>]+>", "", found["title"]).split()) if found else ""
                elif token.level == 0 and token.map and self.current is not None \
                        and token.type not in ("hr", "html_block"):
                    kind = token.type.removesuffix("_open").replace("_", " ")
                    self.note(line, f"{kind} is not an entry; left out")
                index = skip_block(tokens, index)
        return ParsedList(self.roots, self.entries, self.problems, self.left_out, self.linked_items,
                          self.title, self.intro)

    def heading(self, level: int, title: str, line: int) -> None:
        first = not self.seen_heading
        self.seen_heading = True
        self.description_open = False
        self.paragraph_year = None
        if first and level == 1:
            self.title = self.title or tidy_title(title)
            return  # the document title
        if self.skipping_level is not None and level > self.skipping_level:
            return
        self.skipping_level = None
        name = plain_heading(title)
        if name.casefold() in SKIPPED_SECTIONS:
            self.skipping_level = DEEPEST_HEADING if name.casefold() in TOC_SECTIONS else level
            return
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        year = YEAR_HEADING.match(title)
        category = ImportedCategory(self.unique_category_id(slug(name) or "section"), name, line, level,
                                    year=int(year.group(1)) if year else parent.year if parent else None)
        (parent.children if parent else self.roots).append(category)
        self.stack.append(category)
        self.description_open = True

    def paragraph(self, inline: Token, line: int) -> None:
        lines = bare_link_lines(inline.children or ())
        if lines is not None:
            for offset, children in enumerate(lines):
                self.item(pieces_of(children), line + offset)
            return
        text = " ".join("".join(p.text for p in pieces_of(inline.children or ())).split())
        category = self.current
        if category is None:
            if not self.roots and self.skipping_level is None and not self.intro and text:
                self.intro = tidy_sentence(text)  # the list's own introduction
            return  # intro text, badges, boilerplate sections
        year = YEAR_HEADING.match(text)
        if year:
            self.paragraph_year = int(year.group(1))
            return
        if self.description_open and category.entry_count == 0 and not category.description:
            category.description = tidy_sentence(text)
            self.description_open = False
            return
        self.note(line, "paragraph is not an entry; left out",
                  "entries are bullets '- [Name](url) - Description.' or table rows")

    def list_block(self, tokens: Sequence[Token], index: int) -> int:
        end = skip_block(tokens, index)
        self.description_open = False
        for item_index in range(index, end):
            token = tokens[item_index]
            if token.type != "list_item_open":
                continue
            inline = first_inline(tokens, item_index)
            if inline is None:
                if self.current is not None:
                    self.note(line_of(token), "empty list item; left out")
                continue
            self.item(pieces_of(inline.children or ()), line_of(token))
        return end

    def item(self, pieces: list[Piece], line: int) -> None:
        if not any(is_web_link(p) for p in pieces):
            if self.current is not None and not any(p.kind == LINK and p.href.startswith("#") for p in pieces):
                self.note(line, "list item has no link; left out")
            return  # a table of contents, or a line of prose
        if self.skipping_level is not None:
            return  # the list's own housekeeping (Contributing, License): not one of its items
        series = link_series(pieces)
        if series is not None:  # 'Baidu: [A](url), [B](url)': each named link is an item of its own
            for one in series:
                self.item(one, line)
            return
        self.linked_items += 1
        if self.current is None:
            self.leave_out(line, "outside-section", "the item is before the list's first section",
                           "put it under a heading")
            return
        fields = read_item(pieces)
        if isinstance(fields, str):
            self.leave_out(line, "not-understood", fields,
                           "write '- [Title](url) - Description.' or 'Title [[Paper]](url) [[Code]](url)'")
            return
        self.add_entry(fields, line)

    def table(self, tokens: Sequence[Token], index: int) -> int:
        end = skip_block(tokens, index)
        self.description_open = False
        header, rows = table_cells(tokens[index:end])
        header_line = line_of(tokens[index])
        if not rows:
            return end
        tag_columns = {
            column for column, name in enumerate(header)
            if name and name not in COLUMN_ALIASES and name not in TITLE_COLUMNS and short_codes(rows, column)}
        unknown = [name for column, name in enumerate(header) if name and name not in COLUMN_ALIASES
                   and name not in TITLE_COLUMNS and column not in tag_columns and column > 0]
        if self.current is not None and tag_columns:
            shown = ", ".join(f"'{header[c]}'" for c in sorted(tag_columns))
            self.note(header_line, f"table column(s) {shown} hold short codes; read as tags")
        if self.current is not None and unknown:
            shown = ", ".join(f"'{name}'" for name in unknown)
            self.note(header_line, f"table column(s) {shown} match no field; left out",
                      "known columns: " + ", ".join(sorted(set(COLUMN_ALIASES) | set(TITLE_COLUMNS))))
        for line, cells in rows:
            if not any(is_web_link(p) for cell in cells for p in cell):
                if self.current is not None:
                    self.note(line, "the row has no link; left out")
                continue
            fields = read_row(header, cells, tag_columns)
            if isinstance(fields, str):
                self.linked_items += self.skipping_level is None
                self.leave_out(line, "not-understood", fields, "one cell of a row must hold the link [Title](url)")
            else:
                self.row_entry(fields, line)
        return end

    def row_entry(self, fields: dict[str, Any], line: int) -> None:
        if self.skipping_level is not None:
            return  # the list's own housekeeping (Contributing, License): not one of its items
        self.linked_items += 1
        if self.current is None:
            self.leave_out(line, "outside-section", "the row is before the list's first section")
            return
        self.add_entry(fields, line)

    def add_entry(self, fields: dict[str, Any], line: int) -> None:
        category = self.current
        if category is None:  # callers check this first; kept so that no entry is ever filed nowhere
            return
        year = self.paragraph_year or category.year  # the nearer one: a "**2019**" line under "### 2010s"
        if year and "year" not in fields:
            fields["year"] = year
        entry = ImportedEntry(identified({**fields, "category": category.id}), line)
        entry.id = self.unique_id(entry_id(entry.fields))
        self.entries.append(entry)
        category.entry_count += 1

    def unique_id(self, base: str) -> str:
        candidate, suffix = base, 1
        while candidate in self.used_ids:
            suffix += 1
            candidate = f"{base}{chr(ord('a') + suffix - 1)}" if suffix <= 26 else f"{base}-{suffix}"
        self.used_ids.add(candidate)
        return candidate

    def unique_category_id(self, base: str) -> str:
        candidate, suffix = base, 1
        while candidate in self.category_ids:
            suffix += 1
            candidate = f"{base}-{suffix}"
        self.category_ids.add(candidate)
        return candidate


def table_cells(tokens: Sequence[Token]) -> tuple[list[str], list[tuple[int, list[list[Piece]]]]]:
    """A table's header names (casefolded) and its body rows as (line, cells of pieces)."""
    header: list[str] = []
    rows: list[tuple[int, list[list[Piece]]]] = []
    row: list[Token] = []
    row_line = 1
    in_head = False
    for token in tokens:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row, row_line = [], line_of(token)
        elif token.type == "inline":
            row.append(token)
        elif token.type == "tr_close":
            if in_head:
                header = [plain_heading(plain_text(cell)).casefold() for cell in row]
            else:
                rows.append((row_line, [pieces_of(cell.children or ()) for cell in row]))
    return header, rows


def cell_text(cell: list[Piece]) -> str:
    return " ".join("".join(p.text for p in cell).split()).strip("` ")


def short_codes(rows: list[tuple[int, list[list[Piece]]]], column: int) -> bool:
    values = [cell_text(cells[column]) for _, cells in rows if column < len(cells)]
    values = [v for v in values if v and v not in ("-", "–")]
    return bool(values) and all(all(SHORT_CODE.match(part.strip("` ")) for part in re.split(r"[,\s]+", v) if part)
                                for v in values)


def read_row(header: list[str], cells: list[list[Piece]], tag_columns: set[int]) -> dict[str, Any] | str:
    """An entry from a table row: the link column is named by the header (Paper, Title, ...) or is the
    first cell with a link; a date or badge first cell and the other columns are read by their header."""
    named = [c for c, name in enumerate(header) if name in TITLE_COLUMNS and c < len(cells)
             and any(is_web_link(p) for p in cells[c])]
    linked = [c for c, cell in enumerate(cells) if any(is_web_link(p) for p in cell)
              and COLUMN_ALIASES.get(header[c] if c < len(header) else "") != "code"]
    if not named and not linked:
        return "no cell holds a link to use as the entry's link"
    column = named[0] if named else linked[0]
    cell = cells[column]
    breaks = [i for i, p in enumerate(cell) if p.kind == BREAK]
    fields = read_item(cell[: breaks[0]] if breaks else cell)
    if isinstance(fields, str):
        return fields
    if breaks:  # 'Title<br>Ada Lovelace, Charles Babbage'
        authors = parse_authors("".join(p.text for p in cell[breaks[0] + 1:]))
        if authors:
            fields["authors"] = authors
    tags: list[str] = list(fields.get("tags", ()))
    for index, (name, cell) in enumerate(zip(header, cells, strict=False)):
        if index == column:
            continue
        text = cell_text(cell)
        key = COLUMN_ALIASES.get(name)
        if index in tag_columns:
            tags.extend(t for t in (tag_of(part) for part in re.split(r"[,\s]+", text)) if t)
        elif key is None or not text or text in ("-", "–", "N/A", "n/a"):
            if index == 0 and YEAR.match(text):  # an unnamed date column
                fields.setdefault("year", int(YEAR.match(text).group(1)))
        elif key == "year":
            year = YEAR.match(text)
            if year:
                fields["year"] = int(year.group(1))
        elif key == "authors" and parse_authors(text):
            fields["authors"] = parse_authors(text)
        elif key == "code":  # a link, or a bare URL; placeholders such as '-' or 'N/A' mean no code
            link = next((p.href for p in cell if is_web_link(p)), None)
            if link or text.startswith(("http://", "https://")):
                fields["code"] = link or text
        elif key == "description":
            fields["description"] = text
        else:
            fields[key] = text
    if tags:
        fields["tags"] = list(dict.fromkeys(tags))
    return fields


def bare_link_lines(children: Sequence[Token]) -> list[list[Token]] | None:
    """The lines of a paragraph whose every line starts with a link ('[Title](url) - what it is'), or
    None for prose that merely holds a link."""
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    for line in lines:
        first = next((c for c in line if not (c.type == "text" and not c.content.strip())), None)
        if first is None or first.type != "link_open":
            return None
        pieces = pieces_of(line)
        if not pieces or not is_web_link(next(p for p in pieces if p.kind == LINK)):
            return None
    return lines


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


EMOJI_OR_SYMBOL = re.compile(r"^[^\w\[(\"']+", re.UNICODE)


def plain_heading(title: str) -> str:
    """A heading without a leading emoji or symbol ('📑 Papers' -> 'Papers') and trailing colon."""
    return EMOJI_OR_SYMBOL.sub("", title.strip()).strip().rstrip(":").strip()


def identified(fields: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields in canonical order, with identifiers recognised from its link."""
    href = fields["url"]
    found: dict[str, Any] = {}
    arxiv = ids.arxiv_id_from_url(href)
    if arxiv:  # the paper rather than one of its versions
        found["arxiv"] = ids.strip_arxiv_version(arxiv)
        found["url"] = f"https://arxiv.org/abs/{found['arxiv']}"
    doi = ids.doi_from_url(href) or doi_in_publisher_link(href)
    if doi:
        found["doi"] = doi
    ieee = ids.ieee_document_from_url(href)
    if ieee:
        found["ieee"] = ieee
    values = {**fields, **found}
    if "description" in values:
        values["description"] = tidy_sentence(values["description"])
    return {name: values[name] for name in ENTRY_FIELDS if name in values}


PUBLISHER_DOI = re.compile(
    r"^https?://(?:www\.)?(?:dl\.acm\.org/doi|link\.springer\.com(?:/article|/chapter|/content/pdf)?|"
    r"onlinelibrary\.wiley\.com/doi|(?:www\.)?tandfonline\.com/doi|pubs\.acs\.org/doi|"
    r"journals\.sagepub\.com/doi|iopscience\.iop\.org/article)"
    r"(?:/(?:abs|full|pdf|epdf|fullHtml))?/(?P<doi>10\.\d{4,9}/[^\s?#]+?)(?:\.pdf)?/?(?:[?#].*)?$",
    re.IGNORECASE)
"""Publisher pages whose path is the DOI: dl.acm.org/doi/10.1145/..., link.springer.com/10.1007/..."""


def doi_in_publisher_link(url: str) -> str | None:
    match = PUBLISHER_DOI.match(url)
    return match["doi"] if match and ids.is_doi(match["doi"]) else None


def tidy_sentence(text: str) -> str:
    text = " ".join(text.split()).strip().rstrip(":;, ")
    if not text:
        return text
    if text[0].isalpha() and text[0].islower():
        text = text[0].upper() + text[1:]
    return text if text.endswith(DESCRIPTION_END) else text + "."
