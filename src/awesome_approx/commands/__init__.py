"""One module per subcommand; see awesome_approx.cli."""

from __future__ import annotations

import argparse
import os
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
    return load_catalog(data_dir(args, config), workers=os.cpu_count() or 1, cache=cache)
