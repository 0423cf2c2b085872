"""Render the list's README.md from the catalog and templates/README.md.j2 (pure: no I/O here)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from awesome_approx.catalog.model import CITATION, Catalog, Category, Entry
from awesome_approx.render.exports import EXPORT_FORMATS, download_path
from awesome_approx.render.markdown import md_link, md_text
from awesome_approx.render.toc import Slugger

ET_AL = "others"


@dataclass(frozen=True)
class Section:
    """A category as the README shows it: heading level, anchor and its entries' lines."""

    category: Category
    level: int
    anchor: str
    lines: tuple[str, ...]


def short_authors(authors: tuple[str, ...]) -> str:
    """'Wang & al.' for several authors, 'Wang' for one, as the list has always cited papers."""
    named = [a for a in authors if a.strip().lower() != ET_AL]
    if not named:
        return ""
    first = named[0].strip()
    surname = first.split(",")[0].strip() if "," in first else first.split()[-1]
    return f"{surname} & al." if len(authors) > 1 else surname


ARCHIVED_NOTE = "code archived"


def entry_line(entry: Entry, style: str, archived: bool = False) -> str:
    """One list item. Citations: '- 2019 [Title](url), Wang & al. - Description.'
    Named entries: '- [Name](url) - Description.' With `archived` (the code repository is archived or
    gone), a note follows the code link: '([code](...), code archived)'."""
    parts = []
    if style == CITATION:
        if entry.year:
            parts.append(f"{entry.year} ")
        parts.append(md_link(entry.title, entry.url))
        authors = short_authors(entry.authors)
        if authors:
            parts.append(f", {md_text(authors)}")
    else:
        parts.append(md_link(entry.title, entry.url))
    if entry.code and entry.code != entry.url:
        parts.append(f" ({md_link('code', entry.code)}{', ' + ARCHIVED_NOTE if archived else ''})")
    elif archived:
        parts.append(f" ({ARCHIVED_NOTE})")
    if entry.description:
        parts.append(f" - {md_text(entry.description)}")
    return "- " + "".join(parts)


def sections(catalog: Catalog, slugger: Slugger, archived: frozenset[str] = frozenset()) -> list[Section]:
    groups = catalog.entries_by_category()
    return [
        Section(category, category.depth + 2, slugger.slug(category.title),
                tuple(entry_line(e, category.style, e.id in archived) for e in groups.get(category.id, ())))
        for category in catalog.walk()
    ]


@dataclass(frozen=True)
class ContentsItem:
    """One line of Contents. awesome-lint allows two levels of nesting, so sections deeper than that are
    linked on their parent's line (e.g. Pruning: Unstructured · Structured - Kernel), keeping every section
    reachable from Contents."""

    depth: int
    sections: tuple[Section, ...]


MAX_CONTENTS_DEPTH = 2


def contents(body: list[Section]) -> list[ContentsItem]:
    items: list[ContentsItem] = []
    for section in body:
        depth = section.level - 2
        if depth < MAX_CONTENTS_DEPTH or not items:
            items.append(ContentsItem(depth, (section,)))
        else:
            last = items[-1]
            items[-1] = ContentsItem(last.depth, (*last.sections, section))
    return items


def in_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b, and c': the serial comma, because section titles contain 'and' themselves."""
    if len(items) < 3:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def sections_in_words(categories: tuple[Category, ...]) -> str:
    """The two top levels of the tree as a phrase for the README's intro, e.g. 'Best Surveys, Dedicated
    HW, and Approximation Methods (Pruning and Quantization)'; deeper levels are left to Contents."""
    def phrase(category: Category) -> str:
        children = [md_text(child.title) for child in category.children]
        return md_text(category.title) + (f" ({in_words(children)})" if children else "")

    return in_words([phrase(category) for category in categories])


@cache
def _environment(templates_dir: str) -> jinja2.Environment:
    # Markdown output: values are escaped by md_text/md_link, not by HTML autoescaping.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md_text
    return env


def downloads(site_url: str) -> list[tuple[str, str]]:
    """(format name, address) of every export the website publishes, for the README to link."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return [(name, base + download_path(file_name)) for name, (file_name, _) in EXPORT_FORMATS.items()]


@dataclass(frozen=True)
class ListText:
    """The list's own words around its entries (from [tool.awesome-approx], see config.py): the title,
    the introduction (the README's quote under the title), a phrase for what the list holds, and a
    closing note. Title, intro and summary are plain text (an imported list's come from its source)
    and are escaped; the note is Markdown the maintainers wrote in their config."""

    title: str = "Approximate Computing in Deep Neural Networks"
    intro: str = ""
    summary: str = ""
    license_note: str = ""


def render_readme(catalog: Catalog, templates_dir: Path, *, site_url: str = "",
                  archived: frozenset[str] = frozenset(), text: ListText = ListText()) -> str:
    """The full README.md text. The template is compiled once per process. With `site_url`, the README
    links the website and its downloads; entries in `archived` get a note (links.unmaintained)."""
    template = _environment(str(templates_dir)).get_template("README.md.j2")
    slugger = Slugger()
    title = md_text(text.title)
    slugger.slug(title)  # the document title is a heading too, and takes its slug first
    slugger.slug("Contents")
    body = sections(catalog, slugger, archived)
    return template.render(
        title=title, intro=md_text(text.intro), summary=md_text(text.summary), license_note=text.license_note,
        sections=body, contents=contents(body), entry_count=len(catalog.entries),
        sections_in_words=sections_in_words(catalog.categories),
        site_url=site_url, downloads=downloads(site_url) if site_url else [],
    )
