"""One module per subcommand; see awesome_approx.cli."""

from __future__ import annotations

import argparse
from pathlib import Path

from awesome_approx.config import Config


def data_dir(args: argparse.Namespace, config: Config) -> Path:
    """The data folder: --data when given, else the configured one."""
    return Path(args.data) if getattr(args, "data", None) else config.data_path
