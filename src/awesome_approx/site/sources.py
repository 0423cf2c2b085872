"""The engine-independent step of the site build: the site's complete source as plain files.

`write_sources` writes, into one build folder (default build/site-source/, never the committed docs/):

- docs/: a copy of the hand-written docs/ (pages, assets) plus every generated file of
  `awesome_approx.render.pages.render_pages` (home, categories, browse, stats, data, downloads, feed);
- mkdocs.yml: the project's mkdocs.yml made explicit for an engine that runs no plugin of ours: the
  navigation written out as `nav:` (the category tree in its order, with its titles), the site's name
  (the config's `title` when mkdocs.yml leaves it out, as the plugin does), our plugin taken out (its
  pages are already written), and paths made to work from the build folder.

Any engine that reads mkdocs.yml renders that folder: Zensical (`zensical build -f mkdocs.yml`), or MkDocs
itself. Zensical requires docs_dir relative to the configuration file (an absolute one makes it panic), so
docs/ sits beside the generated configuration.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from awesome_approx.catalog.model import Catalog
from awesome_approx.config import Config
from awesome_approx.fsutil import write_atomic
from awesome_approx.render.pages import SiteOptions, render_pages, site_navigation, theme_text

PLUGIN = "awesome-approx"
CONFIG_NAME = "mkdocs.yml"
DOCS = "docs"
CONTRIBUTING = "contributing.md"


class SiteSourceError(Exception):
    """The project's mkdocs.yml cannot be turned into an engine configuration."""


def read_base_config(config_file: Path) -> dict[str, Any]:
    try:
        document = yaml.safe_load(config_file.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SiteSourceError(f"{config_file}: cannot read: {error}") from error
    if not isinstance(document, dict):
        raise SiteSourceError(f"{config_file}: is not a mapping of MkDocs settings")
    return document


def plugin_options(base: dict[str, Any]) -> dict[str, Any]:
    """Our plugin's options in mkdocs.yml's `plugins:` list (empty when it is listed bare or not at all)."""
    for item in base.get("plugins") or []:
        if isinstance(item, dict) and PLUGIN in item:
            return dict(item[PLUGIN] or {})
    return {}


def engine_config(base: dict[str, Any], nav: list[Any], *, project_root: Path, site_dir: Path,
                  site_name: str) -> dict[str, Any]:
    """The engine's configuration (pure): `base` with the explicit navigation, without our plugin, with
    docs/ beside it and the theme overrides and the site folder as absolute paths; `site_name` names
    the site when `base` does not."""
    config = dict(base)
    config["site_name"] = base.get("site_name") or theme_text(site_name)  # themes print it unescaped
    config["nav"] = nav
    config["docs_dir"] = DOCS
    config["site_dir"] = str(site_dir)  # Zensical: inside the configuration's folder
    plugins = [item for item in base.get("plugins") or []
               if item != PLUGIN and not (isinstance(item, dict) and PLUGIN in item)]
    config["plugins"] = plugins
    theme = dict(base.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((project_root / theme["custom_dir"]).resolve())
    config["theme"] = theme
    return config


def data_dir_for_links(project: Config, data_path: Path) -> str:
    """The data folder as the repository's edit links name it (relative to the repository root)."""
    try:
        return data_path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:  # data outside the repository (tests, benchmarks): link to the usual place
        return project.data_dir


def list_words(project: Config, docs_dir: Path) -> dict[str, str]:
    """The list's own words for its site (title, intro, summary of the config) and its page on adding an
    entry, when docs/ has one (an imported list starts without): options of `SiteOptions`."""
    return {"title": project.title, "intro": project.intro, "summary": project.summary,
            "contributing": CONTRIBUTING if (docs_dir / CONTRIBUTING).is_file() else ""}


def site_options(project: Config, data_path: Path, catalog: Catalog, docs_dir: Path) -> SiteOptions:
    from awesome_approx.links.unmaintained import archived_in_cache

    return SiteOptions(repo_url=project.repo_url, branch=project.branch,
                       data_dir=data_dir_for_links(project, data_path), site_url=project.site_url,
                       templates_dir=project.templates_dir, archived=archived_in_cache(catalog, project.cache_path),
                       **list_words(project, docs_dir))


def write_sources(catalog: Catalog, project: Config, config_file: Path, out: Path, site_dir: Path,
                  data_path: Path) -> Path:
    """Write the site's source of `catalog` (read from `data_path`) into `out`, replacing what an earlier
    build left there, and return the engine configuration's path."""
    base = read_base_config(config_file)
    docs_source = (config_file.parent / base.get("docs_dir", "docs")).resolve()
    options = site_options(project, data_path, catalog, docs_source)
    files = render_pages(catalog, project.templates_path, options)
    nav = site_navigation(catalog, plugin_options(base).get("extra_nav", []))
    docs = out / DOCS
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(docs_source, docs)
    for path, text in files.items():
        if (docs / path).exists():
            raise SiteSourceError(f"awesome-approx: docs/{path} would hide the generated page of the same "
                                  "name; rename or remove the hand-written file")
        write_atomic(docs / path, text)
    config = engine_config(base, nav, project_root=config_file.parent.resolve(), site_dir=site_dir,
                           site_name=project.title)
    target = out / CONFIG_NAME
    header = ("# Generated by `awesome-approx build` from mkdocs.yml and data/: do not edit, it is rewritten\n"
              "# on every build. The navigation is the category tree, in its order.\n")
    write_atomic(target, header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    return target
