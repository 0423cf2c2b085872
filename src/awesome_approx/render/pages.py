"""The website's generated files (pure): Catalog -> {path inside docs/: text}.

One renderer serves both the MkDocs plugin (`awesome_approx.site.plugin`, which hands these texts to
MkDocs as generated files) and `awesome-approx pages --out DIR` (which writes them as plain files, so the
site can also be built by tools that run no plugins, such as Zensical).

Pages are Markdown files whose body is raw HTML built by Jinja with autoescaping on
(templates/site/*.j2). Python-Markdown passes a block-level HTML element through untouched, so text from
data files reaches the browser HTML-escaped and is never read as Markdown: a title holding `<script>`,
`[x](javascript:...)` or `*stars*` shows exactly those characters. Page titles go through the front
matter as JSON strings (valid YAML), never through a Markdown heading.

Links between generated pages are relative and computed here for the site's URL style
(`directory_urls`), because MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from awesome_approx.catalog.model import Catalog, Category, Entry
from awesome_approx.render import charts
from awesome_approx.render.cards import CardLinks, entry_card
from awesome_approx.render.coins import entry_coins
from awesome_approx.render.entry_view import author_list, entry_buttons, safe_href
from awesome_approx.render.exports import EXPORT_FORMATS, download_path, entry_bibtex
from awesome_approx.render.feed import FEED_PATH, render_feed
from awesome_approx.render.readme import short_authors

HOME = "index.md"
BROWSE = "browse.md"
STATS = "stats.md"
BROWSE_DATA = "assets/data"
BROWSE_PUSH = "(window.awesomeApproxEntries = window.awesomeApproxEntries || []).push(..."
"""How each data file of the browse table starts: it adds its rows to the page's list (browse.js)."""
_BROWSE_ROW = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class SiteOptions:
    """What the renderer needs to know about the site beyond the catalog."""

    repo_url: str
    branch: str = "main"
    data_dir: str = "data"  # the data folder, relative to the repository root (for edit links)
    directory_urls: bool = False  # MkDocs' use_directory_urls: page.md -> page/ instead of page.html
    site_url: str = ""  # the published site's address, for the feed's absolute links ("" = relative)
    templates_dir: str = "templates"  # relative to the repository root (for the home page's edit link)
    title: str = "Approximate Computing in Deep Neural Networks"  # the list's name (home page, feed)
    intro: str = ""  # the list's introduction, quoted on the home page
    summary: str = ""  # what the list holds, in a phrase (the home page's lead)
    contributing: str = "contributing.md"  # the docs page on adding an entry ("" when there is none)
    feed_size: int = 100  # the newest additions the Atom feed lists
    recent: int = 10  # entries shown under "Recently added"
    page_size: int = 400  # entries per category page; more are split over page-2, page-3, ...
    chunk_size: int = 2500  # entries per data file of the browse table
    archived: frozenset[str] = frozenset()  # ids of entries whose code repository is archived or gone


# --- paths and links ---------------------------------------------------------------------------------


def category_path(category_id: str, page: int = 1) -> str:
    folder = f"categories/{category_id}"
    return f"{folder}/index.md" if page == 1 else f"{folder}/page-{page}.md"


def browse_data_path(number: int) -> str:
    return f"{BROWSE_DATA}/entries-{number}.js"


def output_url(path: str, directory_urls: bool) -> str:
    """Where MkDocs writes a docs file, as a URL path relative to the site root ('' is the root)."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    return folder + "/" if folder else ""


def relative_url(here: str, target: str, directory_urls: bool) -> str:
    """The link from the page at docs path `here` to docs path `target` (with an optional #fragment)."""
    target, _, fragment = target.partition("#")
    return _relative_page_url(here, target, directory_urls) + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=4096)
def _relative_page_url(here: str, target: str, directory_urls: bool) -> str:
    """relative_url without the fragment. Cached by page: every card links the same few pages (browse,
    tags) and the browse table links each entry's card (its page, then its id as the fragment), while
    posixpath.relpath is slow: with the fragment in the key, 10,000 cards missed the cache every time."""
    source = output_url(here, directory_urls)
    base = source.rstrip("/") if source == "" or source.endswith("/") else posixpath.dirname(source)
    destination = output_url(target, directory_urls)
    url = posixpath.relpath(destination.rstrip("/") or ".", base or ".")
    if destination == "" or destination.endswith("/"):
        url = "./" if url == "." else url + "/"
    return url


def is_html_only(path: str) -> bool:
    """Pages whose body (after the front matter) is nothing but raw HTML blocks: Markdown would pass them
    through unchanged, so the MkDocs plugin may skip the Markdown pass for them (see plugin.py)."""
    return path == BROWSE or path.startswith("categories/")


# --- edit links -----------------------------------------------------------------------------------------


def edit_url(entry: Entry, options: SiteOptions) -> str:
    """The repository's web editor on the entry's YAML file."""
    return repository_edit_url(entry_source(entry, options), options)


def repository_edit_url(source: str, options: SiteOptions) -> str:
    """The repository's web editor on `source`, a path from the repository root."""
    return f"{options.repo_url.rstrip('/')}/edit/{options.branch}/{source}"


def entry_source(entry: Entry, options: SiteOptions) -> str:
    return f"{options.data_dir.strip('/')}/entries/{entry.id}.yaml"


# --- the catalog laid out as pages --------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryPage:
    category: Category
    path: str
    number: int
    of: int
    entries: tuple[Entry, ...]


def category_pages(catalog: Catalog, options: SiteOptions) -> list[CategoryPage]:
    """Every category page in tree order; a category with more than page_size entries gets several."""
    groups = catalog.entries_by_category()
    pages = []
    for category in catalog.walk():
        entries = groups.get(category.id, [])
        chunks = [entries[i:i + options.page_size] for i in range(0, len(entries), options.page_size)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            pages.append(CategoryPage(category, category_path(category.id, number), number, len(chunks),
                                      tuple(chunk)))
    return pages


def entry_locations(pages: Iterable[CategoryPage]) -> dict[str, str]:
    """Entry id -> 'docs path#id' of the card that shows it."""
    return {entry.id: f"{page.path}#{entry.id}" for page in pages for entry in page.entries}


def recently_added(catalog: Catalog, count: int) -> list[Entry]:
    dated = [e for e in catalog.entries if e.added]
    return sorted(dated, key=lambda e: (e.added, e.id), reverse=True)[:count]


def tag_counts(catalog: Catalog) -> list[tuple[str, int]]:
    counts = Counter(tag for e in catalog.entries for tag in e.tags)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def descendants(category: Category) -> list[str]:
    ids = [category.id]
    for child in category.children:
        ids.extend(descendants(child))
    return ids


def theme_text(text: str) -> str:
    """`text` made safe for the places where the engine's theme, not our templates, prints it: page
    titles and navigation titles go into <title>, the header and the navigation unescaped on Material
    (MkDocs treats titles as HTML) and on Zensical alike, so a category title holding `</script>` would
    end a script or open one there.

    Only `<` and `>` are escaped, which is enough for no tag to start: the themes put titles into
    attributes only through their own `| e` (footer links), which would show a pre-escaped `&amp;` of
    a title such as "Hardware & Software" to screen readers as the five characters."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def script_json(value: object) -> Markup:
    """JSON safe to place inside an HTML <script> element (no '</script>' or '<!--' can appear)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def front_matter(title: str, hide: tuple[str, ...] = (), edit_url: str | None = None) -> str:
    """YAML front matter giving the page's title (a JSON string is valid YAML and needs no escaping),
    the parts of Material's layout the page does without (`hide`, e.g. the table of contents) and the
    repository file its edit button opens (`edit_url`; null: no button, the page has no one source).

    The title is HTML-escaped (`theme_text`): both themes print page titles unescaped."""
    lines = [f"title: {json.dumps(theme_text(title), ensure_ascii=False)}",
             f"edit_url: {json.dumps(edit_url)}"]
    if hide:
        lines.append(f"hide: {json.dumps(list(hide))}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# --- rendering ---------------------------------------------------------------------------------------


@cache
def _environment(templates_dir: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(templates_dir) / "site")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(buttons=entry_buttons, author_list=author_list, short_authors=short_authors,
                       coins=entry_coins)
    return env


class _Renderer:
    """Renders every generated file; holds what all pages share (locations, templates, options)."""

    def __init__(self, catalog: Catalog, templates_dir: Path, options: SiteOptions) -> None:
        self.catalog = catalog
        self.options = options
        self.env = _environment(str(templates_dir))
        self.pages = category_pages(catalog, options)
        self.locations = entry_locations(self.pages)
        self.titles = {c.id: c.title for c in catalog.walk()}
        self.totals = charts.category_totals(catalog)
        self.siblings: dict[str, list[str]] = {}
        self.edit_targets = {path: repository_edit_url(source, options)
                             for path, source in edit_sources(catalog, options).items()}
        for page in self.pages:
            self.siblings.setdefault(page.category.id, []).append(page.path)

    def linker(self, here: str) -> Callable[[str], str]:
        return lambda target: relative_url(here, target, self.options.directory_urls)

    def render(self, template: str, here: str, title: str, hide: tuple[str, ...] = (),
               **context: object) -> str:
        body = self.env.get_template(template).render(
            url=self.linker(here), options=self.options, catalog=self.catalog, titles=self.titles,
            totals=self.totals, locations=self.locations, edit_url=lambda e: edit_url(e, self.options),
            bibtex=entry_bibtex, browse=BROWSE, stats=STATS, home=HOME, **context)
        return front_matter(title, hide, self.edit_targets.get(here)) + body.strip() + "\n"

    def home(self) -> str:
        downloads = [(name, download_path(file_name)) for name, (file_name, _) in EXPORT_FORMATS.items()]
        return self.render("home.md.j2", HOME, "Home", tree=self.catalog.categories,
                           category_path=category_path, downloads=downloads,
                           recent=recently_added(self.catalog, self.options.recent),
                           tags=tag_counts(self.catalog), entry_count=len(self.catalog.entries))

    def category(self, page: CategoryPage) -> str:
        title = page.category.title + (f" (page {page.number} of {page.of})" if page.of > 1 else "")
        # Entry cards are raw HTML, so the table of contents would be empty: give its room to the cards.
        links = CardLinks(browse_url=relative_url(page.path, BROWSE, self.options.directory_urls),
                          edit_url=lambda e: edit_url(e, self.options), archived=self.options.archived)
        return self.render("category.md.j2", page.path, title, ("toc",), page=page, heading=title,
                           pager=self.siblings[page.category.id], category_path=category_path,
                           card=lambda e: entry_card(e, links))

    def browse(self) -> str:
        categories = [{"id": c.id, "title": c.title, "depth": c.depth, "members": descendants(c)}
                      for c in self.catalog.walk()]
        scripts = [browse_data_path(n) for n in range(len(self.browse_chunks))]
        return self.render("browse.md.j2", BROWSE, "Browse all", ("toc",), categories=script_json(categories),
                           scripts=scripts, tags=tag_counts(self.catalog),
                           entry_count=len(self.catalog.entries))

    def stats(self) -> str:
        return self.render("stats.md.j2", STATS, "Stats", years=charts.years_chart(self.catalog),
                           per_category=charts.categories_chart(self.catalog),
                           entry_count=len(self.catalog.entries))

    def feed(self) -> str:
        return render_feed(self.catalog, title=self.options.title, site_url=self.options.site_url,
                           card_url=lambda e: relative_url(HOME, self.locations[e.id], self.options.directory_urls),
                           limit=self.options.feed_size)

    def browse_row(self, e: Entry, link: Callable[[str], str]) -> dict[str, object]:
        """One row of the browse table, with short keys: the rows of a long list are loaded by every
        visit of the table."""
        return {"id": e.id, "t": e.title, "y": e.year, "c": e.category, "v": e.venue or "", "g": e.tags,
                "a": short_authors(e.authors), "h": link(self.locations[e.id]),
                "b": [(b.label, b.href) for b in entry_buttons(e) if b.kind != "pdf"],
                "k": 1 if safe_href(e.code) else 0, "x": entry_bibtex(e)}

    @cached_property
    def browse_chunks(self) -> list[str]:
        """The browse table's rows as scripts of chunk_size entries each (JSON is valid JavaScript); a
        script rather than a JSON file fetched by the page, because browsers refuse fetch() from file://.

        Each row is encoded as soon as it is made, as the exports' records are (exports.json_lines_array)."""
        link = self.linker(BROWSE)
        rows = [_BROWSE_ROW.encode(self.browse_row(e, link)) for page in self.pages for e in page.entries]
        size = self.options.chunk_size
        return [f"{BROWSE_PUSH}[{','.join(rows[i:i + size])}]);\n" for i in range(0, max(len(rows), 1), size)]


def render_pages(catalog: Catalog, templates_dir: Path, options: SiteOptions) -> dict[str, str]:
    """Every generated file of the site, keyed by its path inside docs/: the pages (Markdown with raw
    HTML), the browse table's data files, one download per export format and the Atom feed."""
    renderer = _Renderer(catalog, templates_dir, options)
    files = {HOME: renderer.home(), BROWSE: renderer.browse(), STATS: renderer.stats()}
    for page in renderer.pages:
        files[page.path] = renderer.category(page)
    for number, chunk in enumerate(renderer.browse_chunks):
        files[browse_data_path(number)] = chunk
    for file_name, export in EXPORT_FORMATS.values():
        files[download_path(file_name)] = export(catalog)
    files[FEED_PATH] = renderer.feed()
    return files


def search_views(catalog: Catalog, options: SiteOptions) -> dict[str, str]:
    """What the search index should read for each category page: per entry, a heading with its anchor
    and one paragraph of its text (authors, year, venue, description, tags).

    The cards themselves carry buttons, links and attributes: indexed as they are, they put "arXiv PDF
    Code Edit this entry" into every search result and make Material's HTML parsing of the pages the
    slowest step of the build (five times the tags of the text alone)."""
    views = {}
    for page in category_pages(catalog, options):
        category = page.category
        parts = [f'<h1 id="{escape(category.id)}">{escape(category.title)}</h1><p>{escape(category.description)}</p>']
        for e in page.entries:
            text = " ".join(str(part) for part in (author_list(e), e.year or "", e.venue or "", e.description,
                                                   " ".join(e.tags)) if part)
            # escape() in an f-string escapes each value as Markup.format did, without string.Formatter
            # (written in Python): this function at 10,000 entries took 0.085 against 0.09-0.13 s.
            parts.append(f'<h3 id="{escape(e.id)}">{escape(e.title)}</h3><p>{escape(text)}</p>')
        views[page.path] = "\n".join(parts)
    return views


def edit_sources(catalog: Catalog, options: SiteOptions) -> dict[str, str]:
    """Generated page -> the repository file a reader should edit to change it (for the edit button,
    which overrides/partials/actions.html takes from the page's front matter on either engine)."""
    # The browse table and the stats are computed from every entry: there is no one file to edit.
    sources = {HOME: f"{options.templates_dir.strip('/')}/site/home.md.j2"}
    for page in category_pages(catalog, options):
        sources[page.path] = f"{options.data_dir}/categories.yaml"
    return sources


def navigation(catalog: Catalog) -> list[dict[str, object] | str]:
    """The category part of MkDocs' nav, mirroring the tree: a category with children becomes a section
    whose first page is the category's own page (Material's navigation.indexes shows it as the section)."""

    def item(category: Category) -> dict[str, object]:
        title = theme_text(category.title)
        if not category.children:
            return {title: category_path(category.id)}
        return {title: [category_path(category.id), *(item(c) for c in category.children)]}

    return [item(c) for c in catalog.categories]


def site_navigation(catalog: Catalog, extra: list[object] = ()) -> list[object]:
    """The whole navigation, as mkdocs.yml's `nav:` spells it: home, browse, the category tree, stats,
    then `extra` (the hand-written pages). The MkDocs plugin and the engine configuration both use it."""
    return [{"Home": HOME}, {"Browse all": BROWSE}, *navigation(catalog), {"Stats": STATS}, *extra]
