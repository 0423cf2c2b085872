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
    "discover",
    "enrich",
    "issue-form",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line, found without importing any command module."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--data":
            next(tokens, None)  # its value
        elif token in COMMANDS:
            return token
        elif not token.startswith("-"):
            return None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser. With `only`, just that command's module is imported (the others pull in MkDocs,
    requests and friends, which would add half a second to every run); the rest stay as bare names so a
    typo still gets argparse's list of valid commands."""
    parser = argparse.ArgumentParser(
        prog="awesome-approx",
        description="Keep the list 'Approximate Computing in Deep Neural Networks' correct.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", metavar="DIR", help="data folder (default: from pyproject.toml, 'data')")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        if only is not None and name != only:
            sub.add_parser(name)
            continue
        module = importlib.import_module(f"awesome_approx.commands.{name.replace('-', '_')}")
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=chosen_command(arguments))
    args = parser.parse_args(arguments)
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
