"""MkDocs plugin `awesome-approx`: adds the list's generated pages to the site.

A thin shell over `awesome_approx.render.pages` (the same renderer behind `awesome-approx pages`):

- on_config: reads and validates data/ once; invalid data fails the build with a PluginError naming
  every problem's file and line; builds the navigation from the category tree when mkdocs.yml has
  none (pages.site_navigation, the same navigation `build --engine zensical` writes out); names the
  site by the config's `title` when mkdocs.yml's site_name is empty (MkDocs requires the key).
- on_files: adds every generated page, data file and download with `File.generated` (each page's edit
  link, to the YAML it comes from, is in its front matter: overrides/partials/actions.html).
- on_page_markdown / on_page_content: pages that are raw HTML only (category pages, browse all) skip
  Python-Markdown, which would parse every HTML block with html.parser only to pass it through unchanged;
  at 10,000 entries that parsing was the largest part of the build.
- on_page_context: Material's search plugin indexes a text view of each category page's entries
  (pages.search_views) instead of the cards, then the cards are put back for the page itself.
- on_serve: watches data/ and templates/, so `mkdocs serve` rebuilds when an entry file changes.

Example mkdocs.yml:

    plugins:
      - search
      - awesome-approx:
          extra_nav:          # hand-written pages of docs/, after the generated ones
            - About: about.md
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config as MkDocsPluginConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from awesome_approx.catalog.model import Catalog
from awesome_approx.catalog.problems import format_text
from awesome_approx.config import Config, ConfigError, load_config
from awesome_approx.render.pages import (
    SiteOptions,
    is_html_only,
    render_pages,
    search_views,
    site_navigation,
    theme_text,
)
from awesome_approx.site.sources import data_dir_for_links, list_words
from awesome_approx.validate import load_catalog

log = logging.getLogger("mkdocs.plugins.awesome_approx")


class AwesomeApproxConfig(MkDocsPluginConfig):
    data_dir = config_options.Optional(config_options.Type(str))  # default: [tool.awesome-approx] data_dir
    extra_nav = config_options.Type(list, default=[])


class AwesomeApproxPlugin(BasePlugin[AwesomeApproxConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.preloaded: tuple[Path, Catalog] | None = None  # set by `awesome-approx build`: load data once
        self.project: Config | None = None
        self.data_path: Path | None = None
        self.catalog: Catalog | None = None
        self.html_bodies: dict[str, str] = {}  # src_uri -> body of an HTML-only page, between two events
        self.search_views: dict[str, str] = {}
        self.full_content: dict[str, str] = {}  # src_uri -> page content while search reads the view

    # Runs after other plugins' on_config (Material's offline plugin changes use_directory_urls there).
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        try:
            self.project = load_config(root)
        except ConfigError as error:
            raise PluginError(f"awesome-approx: {error}") from error
        self.data_path = (self.project.root / self.config.data_dir if self.config.data_dir
                          else self.project.data_path).resolve()
        self.catalog = self._catalog(self.data_path)
        if config.nav is None:
            config.nav = site_navigation(self.catalog, self.config.extra_nav)
        if not config.site_name:  # themes print it unescaped, and an imported title comes from data
            config.site_name = theme_text(self.project.title)
        return config

    def _catalog(self, data_path: Path) -> Catalog:
        if self.preloaded and self.preloaded[0] == data_path:
            return self.preloaded[1]
        result = load_catalog(data_path, require_descriptions=self.project.require_descriptions)
        errors = [p for p in result.problems if p.is_error]
        if errors:
            raise PluginError(f"awesome-approx: {len(errors)} problem(s) in the data of {data_path}; "
                              f"fix them and build again:\n{format_text(errors)}")
        for problem in result.problems:  # warnings: shown, but they do not fail a --strict build
            log.info("awesome-approx: %s", format_text([problem]))
        return result.catalog

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.catalog is None or self.project is None:
            raise PluginError("awesome-approx: on_files ran before on_config")
        options = self.site_options(config)
        self.search_views = search_views(self.catalog, options)
        for path, text in render_pages(self.catalog, self.project.templates_path, options).items():
            existing = files.get_file_from_path(path)
            if existing is not None and existing.generated_by is None:
                raise PluginError(f"awesome-approx: docs/{path} would hide the generated page of the same "
                                  "name; rename or remove the hand-written file")
            files.append(File.generated(config, path, content=text))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by is not None and is_html_only(page.file.src_uri):
            self.html_bodies[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.html_bodies.pop(page.file.src_uri, html)

    @event_priority(100)  # before the search plugin (priority 0) reads page.content
    def _show_search_view(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        view = self.search_views.get(page.file.src_uri)
        if view is not None and page.content is not None:
            self.full_content[page.file.src_uri] = page.content
            page.content = view
        return context

    @event_priority(-100)  # after the search plugin, before the page's template is rendered
    def _restore_content(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        full = self.full_content.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full
        return context

    on_page_context = CombinedEvent(_show_search_view, _restore_content)

    def site_options(self, config: MkDocsConfig) -> SiteOptions:
        if self.project is None or self.data_path is None:
            raise PluginError("awesome-approx: the plugin is not configured yet (on_config did not run)")
        data_dir = data_dir_for_links(self.project, self.data_path)
        return SiteOptions(repo_url=config.repo_url or self.project.repo_url, branch=self.project.branch,
                           data_dir=data_dir, directory_urls=config.use_directory_urls,
                           site_url=config.site_url or self.project.site_url,
                           templates_dir=self.project.templates_dir,
                           archived=self.archived(), **list_words(self.project, Path(config.docs_dir)))

    def archived(self) -> frozenset[str]:
        """Entries whose code repository the link cache last saw archived or gone (none without a cache)."""
        from awesome_approx.links.unmaintained import archived_in_cache

        if self.project is None or self.catalog is None:
            return frozenset()
        return archived_in_cache(self.catalog, self.project.cache_path)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.project is not None:
            for folder in (self.data_path, self.project.templates_path):
                if folder is not None and folder.is_dir():
                    server.watch(str(folder))
        return server
