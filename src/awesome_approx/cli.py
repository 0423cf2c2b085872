"""Command-line entry point: argument parsing and exit codes only.

Exit codes: 0 success (warnings allowed), 1 problems found, 2 usage or configuration error.
Each subcommand lives in `awesome_approx.commands.<name>` and exposes NAME, HELP, add_arguments(parser)
and run(args, config) -> int; add a new one to COMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from awesome_approx import __version__
from awesome_approx.config import ConfigError, load_config

COMMANDS = (
    "validate",
    "readme",
    "import-markdown",
    "links",
    "pages",
    "build",
    "export",
    "fmt",
    "add",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awesome-approx",
        description="Keep the list 'Approximate Computing in Deep Neural Networks' correct.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", metavar="DIR", help="data folder (default: from pyproject.toml, 'data')")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        module = importlib.import_module(f"awesome_approx.commands.{name.replace('-', '_')}")
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = load_config()
    except ConfigError as error:
        print(f"awesome-approx: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.run(args, config))
    except KeyboardInterrupt:
        print("awesome-approx: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `awesome-approx export | head`
        return EXIT_OK
