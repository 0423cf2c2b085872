"""One module per subcommand; see awesome_approx.cli."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from awesome_approx.config import Config


def data_dir(args: argparse.Namespace, config: Config) -> Path:
    """The data folder: --data when given, else the configured one."""
    return Path(args.data) if getattr(args, "data", None) else config.data_path


def add_cache_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true",
                        help="check every file again instead of reusing results of unchanged files")


def load_checked(args: argparse.Namespace, config: Config):
    """load_catalog as every command runs it: with the list's rules and the cache of unchanged files' results."""
    from awesome_approx.validate import load_catalog  # imported here: it is the costly part of start-up

    cache = None if getattr(args, "no_cache", False) else config.validate_cache_path
    return load_catalog(data_dir(args, config), cache=cache, require_descriptions=config.require_descriptions)


def load_valid(args: argparse.Namespace, config: Config, refusal: str):
    """The catalog, or None after printing every error and `refusal` (e.g. "README.md not written"):
    commands that write output write it only from data that validated."""
    result = load_checked(args, config)
    errors = [problem for problem in result.problems if problem.is_error]
    if errors:
        from awesome_approx.catalog.problems import format_text

        print(format_text(errors), file=sys.stderr)
        print(f"{refusal}: fix the errors above first (awesome-approx validate)", file=sys.stderr)
        return None
    return result.catalog
