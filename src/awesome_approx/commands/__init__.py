"""One module per subcommand; see awesome_approx.cli."""

from __future__ import annotations

import argparse
import os
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
    """load_catalog as every command runs it: all cores, and the cache of unchanged files' results."""
    from awesome_approx.validate import load_catalog  # imported here: it is the costly part of start-up

    cache = None if getattr(args, "no_cache", False) else config.validate_cache_path
    return load_catalog(data_dir(args, config), workers=os.cpu_count() or 1, cache=cache, freeze_loaded=True)


def load_valid(args: argparse.Namespace, config: Config, refusal: str):
    """The catalog, or None after printing every error and `refusal` (e.g. "README.md not written"):
    commands that write output write it only from data that validated."""
    result = load_checked(args, config)
    errors = [problem for problem in result.problems if problem.is_error]
    if errors:
        from awesome_approx.problems import format_text

        print(format_text(errors), file=sys.stderr)
        print(f"{refusal}: fix the errors above first (awesome-approx validate)", file=sys.stderr)
        return None
    return result.catalog


def check_generated(target: Path, rendered: str, source: str, fix: str) -> int:
    """`--check` of a generated file: 0 when `target` holds exactly `rendered`, else a unified diff on
    stdout, a message naming `fix` on stderr and 1. `source` names what the file is rendered from."""
    import difflib

    current = target.read_text("utf-8") if target.is_file() else ""
    if current == rendered:
        return 0
    sys.stdout.writelines(difflib.unified_diff(current.splitlines(keepends=True), rendered.splitlines(keepends=True),
                                               f"{target.name} (committed)", f"{target.name} ({source})"))
    print(f"{target.name} is out of date: run {fix}", file=sys.stderr)
    return 1
