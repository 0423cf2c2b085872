"""`awesome-approx pages --out DIR`: write the site's generated pages as plain files.

The same files the MkDocs plugin adds to the site (home, categories, browse all, stats, the browse
table's data and the downloads), for site generators that run no MkDocs plugins (such as Zensical):
copy docs/ and DIR together to get the full source of the site.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from awesome_approx.commands import add_cache_argument, archived_ids, load_valid
from awesome_approx.config import Config
from awesome_approx.fsutil import write_atomic
from awesome_approx.render.pages import SiteOptions, render_pages

NAME = "pages"
HELP = "write the website's generated pages as plain Markdown files (written only when validation passes)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_cache_argument(parser)
    parser.add_argument("--out", metavar="DIR", required=True, help="folder to write the pages into")
    parser.add_argument("--directory-urls", action="store_true",
                        help="link pages as folder/ rather than page.html (MkDocs' use_directory_urls)")


def run(args: argparse.Namespace, config: Config) -> int:
    catalog = load_valid(args, config, "no page written")
    if catalog is None:
        return 1
    options = SiteOptions(repo_url=config.repo_url, branch=config.branch, data_dir=config.data_dir,
                          directory_urls=args.directory_urls, archived=archived_ids(config, catalog))
    files = render_pages(catalog, config.templates_path, options)
    out = Path(args.out)
    for path, text in files.items():
        write_atomic(out / path, text)
    print(f"wrote {len(files)} files to {out} ({len(catalog.entries)} entries)", file=sys.stderr)
    return 0
