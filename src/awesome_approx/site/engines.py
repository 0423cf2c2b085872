"""The engines that turn the site's source into HTML, behind one function: `build_with_engine`.

- mkdocs (the default): MkDocs + Material, in this process, through our plugin (site/plugin.py), which
  renders the same pages and the same navigation as `site.sources` writes for other engines, and adds
  what only a plugin can: the search index reads a text view of the cards, category pages skip the
  Markdown pass, and `mkdocs serve` reloads when data/ changes. It is the default because `make serve`
  needs it anyway and Material is the theme the site is tested and tuned on first.
- zensical: the successor of Material by its authors. It runs no plugin of ours, so `build` first writes
  the complete source with an explicit navigation (`site.sources.write_sources`) and Zensical renders
  that folder in a child process (its Rust runtime keeps global state; a child also keeps its output
  apart from ours).

Either way the site is built into a staging folder, which replaces the old site only
when the engine succeeded (site.build).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from awesome_approx.catalog.model import Catalog
from awesome_approx.config import Config
from awesome_approx.site.build import SiteBuildError, build_site
from awesome_approx.site.sources import SiteSourceError, write_sources
from awesome_approx.site.staging import SiteBusyError, Staging

ENGINES = ("mkdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"
SOURCE_DIR = "build/site-source"
"""Where the engine-independent source of the site is written, relative to the project root."""


def build_with_engine(engine: str, catalog: Catalog, project: Config, config_file: Path, site_dir: Path,
                      *, data_path: Path, source_dir: Path | None = None) -> None:
    """Build the site of `catalog` into `site_dir` with `engine`; SiteBuildError names what went wrong."""
    if engine == "mkdocs":
        build_site(config_file, site_dir, data_path=data_path, catalog=catalog)
    elif engine == "zensical":
        build_with_zensical(catalog, project, config_file, site_dir,
                            source_dir or project.root / SOURCE_DIR, data_path)
    else:
        raise SiteBuildError(f"unknown engine '{engine}' (known: {', '.join(ENGINES)})")


def build_with_zensical(catalog: Catalog, project: Config, config_file: Path, site_dir: Path,
                        source_dir: Path, data_path: Path) -> None:
    site_dir = site_dir.resolve()
    try:
        staging = Staging.begin(site_dir)  # the same lock, cleanup and swap as the MkDocs build
    except SiteBusyError as error:
        raise SiteBuildError(str(error)) from error
    # Zensical refuses a site_dir outside the folder of its configuration: it builds into the source
    # folder's built/, which is then moved into the staging folder and swapped in like MkDocs' output.
    built = source_dir.resolve() / "built"
    shutil.rmtree(built, ignore_errors=True)
    try:
        try:
            engine_config = write_sources(catalog, project, config_file, source_dir, built, data_path)
        except SiteSourceError as error:
            raise SiteBuildError(str(error)) from error
        result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(engine_config)],
                                cwd=engine_config.parent, capture_output=True, text=True,
                                env={**os.environ, "NO_COLOR": "1"})
        # Zensical may answer 0 and still have built nothing when the configuration was unusable.
        if result.returncode != 0 or not (built / "index.html").is_file():
            output = (result.stderr.strip() or result.stdout.strip()).splitlines()[-20:]
            raise SiteBuildError(f"zensical failed (exit {result.returncode}) on {engine_config}:\n"
                                 + "\n".join(output))
        os.replace(built, staging.path)  # onto the empty staging folder: same file system, one rename
        staging.publish()
    except OSError as error:
        raise staging.write_error(error) from error
    finally:
        shutil.rmtree(built, ignore_errors=True)
        staging.end()
