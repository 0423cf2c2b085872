"""Run MkDocs on the project's mkdocs.yml from Python (the `build` command's edge), writing the site
atomically: MkDocs builds into a fresh folder beside the target, which replaces the old site only when
the build succeeded, so a failed build never leaves half a site behind (site.staging: the swap, the lock,
removing what a killed build left).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.exceptions import MkDocsException

from awesome_approx.catalog.model import Catalog
from awesome_approx.site.staging import SiteBusyError, Staging

PLUGIN = "awesome-approx"


class SiteBuildError(Exception):
    """MkDocs refused to build the site (a warning in strict mode, a plugin error, a bad mkdocs.yml)."""


def build_site(config_file: Path, site_dir: Path, *, data_path: Path | None = None,
               catalog: Catalog | None = None, strict: bool = True) -> None:
    """Build the site of `config_file` into `site_dir`. A `catalog` already loaded from `data_path`
    is handed to the plugin so that data/ is read once per command."""
    # Material's banner about MkDocs 2 is not a warning about this site.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = site_dir.resolve()
    try:
        staging = Staging.begin(site_dir)
    except SiteBusyError as error:
        raise SiteBuildError(str(error)) from error
    try:
        config = load_mkdocs_config(str(config_file), site_dir=str(staging.path), strict=strict)
        plugin = config.plugins.get(PLUGIN)
        if plugin is None:
            raise SiteBuildError(f"{config_file}: the '{PLUGIN}' plugin is not enabled under plugins:")
        if data_path is not None:
            plugin.config.data_dir = str(data_path.resolve())
            if catalog is not None:
                plugin.preloaded = (data_path.resolve(), catalog)
        config.plugins.on_startup(command="build", dirty=False)
        # MkDocs logs its errors and warnings, then raises a bare "Aborted with ...": keep what it
        # logged, so the message names the data file and line (a PluginError) or the warning.
        collected = _Collector()
        logging.getLogger("mkdocs").addHandler(collected)
        try:
            mkdocs_build(config)
        except MkDocsException as error:
            raise SiteBuildError("\n".join([*collected.messages, str(error)])) from error
        finally:
            logging.getLogger("mkdocs").removeHandler(collected)
            config.plugins.on_shutdown()
        for message in collected.messages:  # warnings of a build that is not strict
            print(f"mkdocs: {message}", file=sys.stderr)
        staging.publish()
    except MkDocsException as error:  # e.g. mkdocs.yml itself is invalid
        raise SiteBuildError(str(error)) from error
    except OSError as error:  # a full disk, a read-only folder: named as the file in site_dir
        raise staging.write_error(error) from error
    finally:
        staging.end()


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")
