"""`awesome-approx readme [--check]`: write README.md from data/, or check it is up to date."""

from __future__ import annotations

import argparse
import sys

from awesome_approx.commands import add_cache_argument, check_generated, load_valid, readme_text
from awesome_approx.config import Config
from awesome_approx.fsutil import write_atomic

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
    rendered = readme_text(config, catalog)
    target = config.root / args.output if args.output else config.readme_path
    if args.check:
        return check_generated(target, rendered, "rendered from data/", "`awesome-approx readme` (or `make site`)")
    write_atomic(target, rendered)
    print(f"wrote {target} ({len(catalog.entries)} entries)", file=sys.stderr)
    return 0
