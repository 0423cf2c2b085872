"""Exports of the catalog for reference managers and scripts (pure: Catalog -> text).

EXPORT_FORMATS maps a format name to (download file name, renderer). The site publishes each as a
download, and `awesome-approx export --format NAME` prints or writes it. Every export lists the entries
sorted by id, so the files diff well between versions.

- `json`: every field of every entry (`entry_record`), lists as arrays, `added` as YYYY-MM-DD, absent
  values as null.
- `csv`: the same fields as columns in `ENTRY_FIELDS` order; the two list fields (authors, tags) are
  joined with "; ", absent values are empty cells. A cell that starts with `=`, `+`, `-`, `@`, a tab or a
  carriage return gets a leading `'`, as OWASP recommends against CSV formula injection: a spreadsheet
  would otherwise run `=HYPERLINK(...)` from a title as a formula. The `'` is part of the cell's text for
  any program other than a spreadsheet (`csv.reader` included).
- `csl-json`: CSL-JSON items as Zotero, Mendeley and pandoc read them (see `entry_csl`).
- `bibtex`: one record per entry, key = entry id (see `entry_bibtex` for the rules).
- `ris`: RIS records as Zotero, EndNote and Mendeley import them (see `entry_ris`).

The BibTeX writer is hand-written on purpose: bibtexparser v1's writer neither chooses entry types nor
escapes LaTeX specials, and the escaping rules are small and tested against bibtexparser and BibTeX.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from awesome_approx.catalog.model import ENTRY_FIELDS, Catalog, Entry

OTHERS = "others"
"""The author list's marker for 'and more authors' (BibTeX's own convention, kept by the schema)."""


def entry_record(entry: Entry) -> dict[str, object]:
    """Every public field of an entry, JSON-ready, in canonical order."""
    record: dict[str, object] = {
        "id": entry.id,
        "title": entry.title,
        "url": entry.url,
        "category": entry.category,
        "year": entry.year,
        "authors": list(entry.authors),
        "venue": entry.venue,
        "arxiv": entry.arxiv,
        "doi": entry.doi,
        "ieee": entry.ieee,
        "code": entry.code,
        "description": entry.description,
        "tags": list(entry.tags),
        "added": entry.added.isoformat() if entry.added else None,
    }
    return record


def _sorted(catalog: Catalog) -> list[Entry]:
    return sorted(catalog.entries, key=lambda e: e.id)


_JSON_LINE = json.JSONEncoder(ensure_ascii=False)
"""json.dumps(record, ensure_ascii=False) without building an encoder for every record, as dumps does
whenever an option is given: 10,000 records in 0.070 against 0.076-0.084 s, measured side by side."""


def json_lines_array(records: Iterable[dict[str, object]]) -> str:
    """A JSON array with one record per line: still readable and diffable, but written by the json
    module's C encoder (indent= switches it to the pure-Python one, ~8x slower at 10,000 entries).

    Each record is encoded as soon as it is made, so that only its text (which the garbage collector
    does not track) outlives it. Held all at once, 10,000 records of dicts and lists were walked by every
    full collection of the site build: with the browse table's rows encoded the same way
    (pages.browse_chunks), the build's collections took 0.29-0.33 against 0.69-0.79 s at 10,000 entries
    (issue 9: the site build at most 1.5x a bare MkDocs build)."""
    lines = [_JSON_LINE.encode(record) for record in records]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def export_json(catalog: Catalog) -> str:
    return json_lines_array(entry_record(e) for e in _sorted(catalog))


# --- CSV ----------------------------------------------------------------------------------------------

CSV_LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def spreadsheet_safe(cell: str) -> str:
    """`cell`, with a `'` in front when a spreadsheet would take it for a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def export_csv(catalog: Catalog) -> str:
    """One row per entry, one column per field of ENTRY_FIELDS: RFC 4180 quoting, but \\n line ends like
    every other file here (spreadsheets read both; quoted fields may hold line breaks either way).

    Every cell is quoted: with minimal quoting the csv module quotes a cell for the characters of its line
    terminator only, so a carriage return inside a title would end the row for every reader."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(ENTRY_FIELDS)
    for entry in _sorted(catalog):
        record = entry_record(entry)
        row = []
        for name in ENTRY_FIELDS:
            value = record[name]
            if isinstance(value, list):
                value = CSV_LIST_SEPARATOR.join(value)
            row.append("" if value is None else spreadsheet_safe(str(value)))
        writer.writerow(row)
    return out.getvalue()


# --- venue analysis shared by BibTeX and CSL -----------------------------------------------------------

JOURNAL_WORDS = re.compile(
    r"\b(journal|transactions|letters|magazine|surveys|review|j\.)"
    r"|^proceedings of the ieee\b|\bieee access\b",
    re.IGNORECASE,
)
"""Words that make a venue a journal. Conference proceedings ("Proceedings of the AAAI Conference ...",
"Advances in Neural Information Processing Systems") match none of them."""

VENUE_HEAD_END = re.compile(r"\s\(|[,;]")
VOLUME_ISSUE = re.compile(r"\s+(?P<volume>\d+)\((?P<number>\d+)\)$")
VOLUME_ONLY = re.compile(r"\s+(?P<volume>\d{1,3})$")  # four digits would be a year
VOL = re.compile(r"\bvol\.\s*(?P<volume>\d+)", re.IGNORECASE)
NO = re.compile(r"\bno\.\s*(?P<number>\d+)", re.IGNORECASE)
PAGES = re.compile(r"\bpp\.\s*(?P<first>\d+)\s*[-–]+\s*(?P<last>\d+)")


def venue_head(venue: str) -> str:
    """The venue's name before any parenthesis, comma or semicolon: 'ISCA 2017 (pp. 27-40)' -> 'ISCA 2017'."""
    return VENUE_HEAD_END.split(venue, maxsplit=1)[0].strip()


@lru_cache(maxsize=4096)
def is_journal(venue: str) -> bool:
    """Decided by the venue's name only, so 'AAAI 2019 (Proceedings ... 33(01))' stays a conference.
    Cached: each export and each card asks it of every entry, and lists repeat the same few hundred
    venues (issue 9's site build at 1.5x a bare MkDocs build)."""
    return JOURNAL_WORDS.search(venue_head(venue)) is not None


def journal_parts(venue: str) -> dict[str, str]:
    """Journal name, volume, number and pages as far as the venue text states them.

    'Proceedings of the IEEE 108(4)' -> journal 'Proceedings of the IEEE', volume 108, number 4;
    'IEEE Access, vol. 11' and 'IEEE Access 11' -> journal 'IEEE Access', volume 11. Anything not
    recognised stays in the name.
    """
    head = venue_head(venue)
    parts: dict[str, str] = {}
    match = VOLUME_ISSUE.search(head) or VOLUME_ONLY.search(head)
    if match:
        head = head[: match.start()]
        parts.update({k: v for k, v in match.groupdict().items() if v})
    else:
        for pattern, name in ((VOL, "volume"), (NO, "number")):
            found = pattern.search(venue)
            if found:
                parts[name] = found[name]
    pages = PAGES.search(venue)
    if pages:
        parts["pages"] = f"{pages['first']}--{pages['last']}"
    parts["journal"] = head if (match or "volume" in parts) else venue
    return parts


def is_software(entry: Entry) -> bool:
    """A framework or other code: nothing marks it as a paper (no venue, arXiv id, DOI, authors, year)."""
    return not (entry.venue or entry.arxiv or entry.doi or entry.authors or entry.year)


# --- BibTeX -------------------------------------------------------------------------------------------

LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
LATEX_SPECIAL = re.compile("|".join(re.escape(ch) for ch in LATEX_SPECIALS))
WORD = re.compile(r"(?<![\w\\])\w+")
"""A word of escaped text; the look-behind skips the names of LaTeX commands such as \\textbackslash."""
AND_WORD = re.compile(r"\band\b", re.IGNORECASE)


def bibtex_escape(text: str) -> str:
    """LaTeX specials escaped; non-ASCII kept as UTF-8 (biber, bibtex8 and BibTeX 0.99d read it as bytes
    and modern LaTeX reads UTF-8 by default). Line breaks become spaces: a field is one line.

    Braces become \\textbraceleft{} and \\textbraceright{}, not \\{ and \\}: BibTeX counts braces
    whether or not a backslash precedes them, so an escaped unbalanced brace would end the field early.
    """
    text = " ".join(text.split())
    return LATEX_SPECIAL.sub(lambda m: LATEX_SPECIALS[m.group()], text)


def bibtex_title(title: str) -> str:
    """The title escaped, with words such as DNN or PyTorch braced so that styles do not lower-case them."""
    def protect(match: re.Match[str]) -> str:
        word = match.group()
        return "{" + word + "}" if any(map(str.isupper, word[1:])) else word  # map: no generator per word

    return WORD.sub(protect, bibtex_escape(title))


def bibtex_verbatim(text: str) -> str:
    """URLs and identifiers are read verbatim by url/biblatex, so they are not LaTeX-escaped; braces
    (the only characters BibTeX's parser cares about) are percent-encoded, which links resolve alike."""
    return "".join(text.split()).replace("{", "%7B").replace("}", "%7D")


def bibtex_name(name: str) -> str:
    """One author; a name holding a comma or the word 'and' is braced so BibTeX keeps it whole."""
    escaped = bibtex_escape(name)
    if "," in name or AND_WORD.search(name):
        return "{" + escaped + "}"
    return escaped


def bibtex_authors(authors: tuple[str, ...]) -> str:
    """'A and B and others': the list's trailing 'others' is BibTeX's own 'and others'."""
    names = [OTHERS if name == OTHERS else bibtex_name(name) for name in authors]
    return " and ".join(names)


def bibtex_type(entry: Entry) -> str:
    """The entry type, from the entry's own fields:

    - with a venue: @article when the venue names a journal (`is_journal`), else @inproceedings;
    - without a venue but with anything that marks a paper (arXiv id, DOI, authors, year): @misc, the
      type for preprints such as arXiv-only papers;
    - otherwise (a framework or tool: a name, a link, code): @software (biblatex; classic BibTeX styles
      print it as @misc after a warning).
    """
    if entry.venue:
        return "article" if is_journal(entry.venue) else "inproceedings"
    if is_software(entry):
        return "software"
    return "misc"


def bibtex_fields(entry: Entry) -> list[tuple[str, str]]:
    """(field, already escaped value) pairs in the order they are written."""
    kind = bibtex_type(entry)
    fields: list[tuple[str, str]] = []
    if entry.authors:
        fields.append(("author", bibtex_authors(entry.authors)))
    fields.append(("title", bibtex_title(entry.title)))
    if entry.venue and kind == "article":
        parts = journal_parts(entry.venue)
        fields.append(("journal", bibtex_escape(parts["journal"])))
        fields.extend((name, parts[name]) for name in ("volume", "number", "pages") if name in parts)
    elif entry.venue:
        fields.append(("booktitle", bibtex_escape(entry.venue)))
    if entry.year is not None:
        fields.append(("year", str(entry.year)))
    if entry.doi:
        fields.append(("doi", bibtex_verbatim(entry.doi)))
    if entry.arxiv:
        fields.extend([("eprint", bibtex_verbatim(entry.arxiv)), ("archiveprefix", "arXiv")])
        if kind == "misc":
            fields.append(("howpublished", "arXiv preprint " + bibtex_escape(entry.arxiv)))
    fields.append(("url", bibtex_verbatim(entry.url)))
    if entry.code and entry.code != entry.url:
        # Inside another macro's argument \url needs % and # escaped, or LaTeX reads a comment.
        code = bibtex_verbatim(entry.code).replace("%", r"\%").replace("#", r"\#")
        fields.append(("note", "Code: \\url{" + code + "}"))
    if entry.tags:
        fields.append(("keywords", bibtex_escape(", ".join(entry.tags))))
    return fields


@lru_cache(maxsize=16_384)
def entry_bibtex(entry: Entry) -> str:
    """The BibTeX record of one entry, ending in a newline; values braced, key = entry id.

    Cached: a site build asks for every record twice (the entry's card and the download), and entries
    are immutable; the bound keeps a long `mkdocs serve` session from growing without end."""
    fields = bibtex_fields(entry)
    width = max(len(name) for name, _ in fields)
    lines = [f"@{bibtex_type(entry)}{{{entry.id},"]
    lines.extend(f"  {name.ljust(width)} = {{{value}}}," for name, value in fields)
    lines.append("}")
    return "\n".join(lines) + "\n"


def export_bibtex(catalog: Catalog) -> str:
    return "\n".join(entry_bibtex(e) for e in _sorted(catalog))


# --- CSL-JSON -----------------------------------------------------------------------------------------

NAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le",
                            "ten", "ter", "dos", "das", "bin", "al"})


def csl_name(name: str) -> dict[str, str]:
    """'Joel S. Emer' -> given 'Joel S.', family 'Emer'; lowercase particles join the family name
    ('Ludwig van Beethoven' -> family 'van Beethoven'); a single word is a family name."""
    words = name.split()
    if len(words) < 2:
        return {"family": name.strip()}
    start = len(words) - 1
    while start > 1 and words[start - 1] in NAME_PARTICLES:
        start -= 1
    return {"given": " ".join(words[:start]), "family": " ".join(words[start:])}


def csl_type(entry: Entry) -> str:
    """article-journal, paper-conference, article (CSL's type for preprints, Zotero's 'Preprint') or
    software (Zotero's 'Computer Program'), by the same rule as `bibtex_type`."""
    return {"article": "article-journal", "inproceedings": "paper-conference", "misc": "article",
            "software": "software"}[bibtex_type(entry)]


def entry_csl(entry: Entry) -> dict[str, object]:
    """One CSL-JSON item. 'others' in the author list has no CSL equivalent and is left out."""
    kind = csl_type(entry)
    item: dict[str, object] = {"id": entry.id, "type": kind, "title": entry.title}
    authors = [csl_name(a) for a in entry.authors if a != OTHERS]
    if authors:
        item["author"] = authors
    if entry.year is not None:
        item["issued"] = {"date-parts": [[entry.year]]}
    if entry.venue and kind == "article-journal":
        parts = journal_parts(entry.venue)
        item["container-title"] = parts["journal"]
        for name, csl_field in (("volume", "volume"), ("number", "issue"), ("pages", "page")):
            if name in parts:
                item[csl_field] = parts[name].replace("--", "-")
    elif entry.venue:
        item["container-title"] = entry.venue
    if entry.doi:
        item["DOI"] = entry.doi
    if entry.arxiv and kind == "article":
        item["publisher"] = "arXiv"
        item["number"] = f"arXiv:{entry.arxiv}"
    if entry.arxiv:
        item["note"] = f"arXiv: {entry.arxiv}"
    item["URL"] = entry.url
    if entry.tags:
        item["keyword"] = ", ".join(entry.tags)
    return item


def export_csl_json(catalog: Catalog) -> str:
    return json_lines_array(entry_csl(e) for e in _sorted(catalog))


# --- RIS ----------------------------------------------------------------------------------------------

RIS_TYPES = {"article": "JOUR", "inproceedings": "CPAPER", "misc": "GEN", "software": "COMP"}
"""RIS reference type by the same rule as `bibtex_type` (GEN, generic, for preprints: RIS has no type
for them that every reader maps alike)."""


def ris_value(text: str) -> str:
    """One line: RIS ends a field at the line break, so breaks inside a value become spaces."""
    return " ".join(str(text).split())


def entry_ris(entry: Entry) -> str:
    """One RIS record ("TAG  - value" lines, ending in "ER  - "); 'others' in the author list is left out."""
    kind = bibtex_type(entry)
    lines = [("TY", RIS_TYPES[kind]), ("ID", entry.id)]
    lines += [("AU", name) for name in entry.authors if name != OTHERS]
    lines.append(("TI", entry.title))
    if entry.venue and kind == "article":
        parts = journal_parts(entry.venue)
        lines.append(("JO", parts["journal"]))
        lines += [(tag, parts[name]) for name, tag in (("volume", "VL"), ("number", "IS")) if name in parts]
        if "pages" in parts:
            first, last = parts["pages"].split("--")
            lines += [("SP", first), ("EP", last)]
    elif entry.venue:
        lines.append(("T2", entry.venue))
    if entry.year is not None:
        lines.append(("PY", str(entry.year)))
    if entry.doi:
        lines.append(("DO", entry.doi))
    lines.append(("UR", entry.url))
    if entry.arxiv:
        lines.append(("N1", f"arXiv: {entry.arxiv}"))
    if entry.code and entry.code != entry.url:
        lines.append(("N1", f"Code: {entry.code}"))
    lines += [("KW", tag) for tag in entry.tags]
    if entry.description:
        lines.append(("AB", entry.description))
    return "".join(f"{tag}  - {ris_value(value)}\n" for tag, value in lines) + "ER  - \n"


def export_ris(catalog: Catalog) -> str:
    return "\n".join(entry_ris(e) for e in _sorted(catalog))


DOWNLOADS = "downloads"
"""The website's folder for the export files (the README links them there)."""


def download_path(file_name: str) -> str:
    return f"{DOWNLOADS}/{file_name}"


EXPORT_FORMATS: dict[str, tuple[str, Callable[[Catalog], str]]] = {
    "bibtex": ("awesome-approx.bib", export_bibtex),
    "csl-json": ("awesome-approx.csl.json", export_csl_json),
    "csv": ("awesome-approx.csv", export_csv),
    "json": ("awesome-approx.json", export_json),
    "ris": ("awesome-approx.ris", export_ris),
}
