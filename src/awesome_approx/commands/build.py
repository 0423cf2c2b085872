"""`awesome-approx build`: validate data/, write README.md and build the website into site/.

Nothing is written unless data/ validates; the README is written before the site, and the site replaces
the previous one only when the engine succeeded (strict: any warning fails the build).

`--engine mkdocs` (the default, see site/engines.py for why) builds through our MkDocs plugin;
`--engine zensical` first writes the site's whole source with an explicit navigation into
build/site-source/ (site/sources.py), then runs Zensical on it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from awesome_approx.commands import add_cache_argument, data_dir, load_valid, readme_text
from awesome_approx.config import Config
from awesome_approx.fsutil import write_atomic
from awesome_approx.site.build import SiteBuildError
from awesome_approx.site.engines import DEFAULT_ENGINE, ENGINES, build_with_engine

NAME = "build"
HELP = "validate data/, write README.md and build the website into site/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_cache_argument(parser)
    parser.add_argument("--site-dir", metavar="DIR", help="where to build the site (default: site/)")
    parser.add_argument("--config-file", metavar="FILE", help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--no-readme", action="store_true", help="build the site only")
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                        help=f"the site generator that renders the pages (default: {DEFAULT_ENGINE})")


def run(args: argparse.Namespace, config: Config) -> int:
    folder = data_dir(args, config)
    catalog = load_valid(args, config, "nothing written")
    if catalog is None:
        return 1
    if not args.no_readme:
        write_atomic(config.readme_path, readme_text(config, catalog))
        print(f"wrote {config.readme_path}", file=sys.stderr)
    site_dir = Path(args.site_dir) if args.site_dir else config.root / "site"
    config_file = Path(args.config_file) if args.config_file else config.root / "mkdocs.yml"
    try:
        build_with_engine(args.engine, catalog, config, config_file, site_dir, data_path=folder)
    except SiteBuildError as error:
        print(f"awesome-approx: the site was not built: {error}", file=sys.stderr)
        return 1
    print(f"built the site in {site_dir} with {args.engine} ({len(catalog.entries)} entries): "
          f"open {site_dir / 'index.html'}", file=sys.stderr)
    return 0
