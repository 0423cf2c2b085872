"""`awesome-approx readme [--check]`: write README.md from data/, or check it is up to date."""

from __future__ import annotations

import argparse
import difflib
import sys

from awesome_approx.commands import add_cache_argument, archived_ids, load_valid
from awesome_approx.config import Config
from awesome_approx.fsutil import write_atomic
from awesome_approx.render.readme import render_readme

NAME = "readme"
HELP = "render README.md from data/ (written only when validation passes)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_cache_argument(parser)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 with a diff when README.md is not what data/ renders")
    parser.add_argument("--output", metavar="FILE", help="where to write (default: README.md)")


def run(args: argparse.Namespace, config: Config) -> int:
    catalog = load_valid(args, config, "README.md not written")
    if catalog is None:
        return 1
    rendered = render_readme(catalog, config.templates_path, site_url=config.site_url,
                             archived=archived_ids(config, catalog))
    target = config.root / args.output if args.output else config.readme_path
    if args.check:
        current = target.read_text("utf-8") if target.is_file() else ""
        if current == rendered:
            return 0
        diff = difflib.unified_diff(current.splitlines(keepends=True), rendered.splitlines(keepends=True),
                                    f"{target.name} (committed)", f"{target.name} (rendered from data/)")
        sys.stdout.writelines(diff)
        print(f"{target.name} is out of date: run `awesome-approx readme` (or `make site`)", file=sys.stderr)
        return 1
    write_atomic(target, rendered)
    print(f"wrote {target} ({len(catalog.entries)} entries)", file=sys.stderr)
    return 0
