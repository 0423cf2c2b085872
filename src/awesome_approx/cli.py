"""Command-line entry point: argument parsing and exit codes only.

Exit codes: 0 success (warnings allowed), 1 problems found (or a file that cannot be written: `cannot write
PATH: reason`, never a traceback), 2 usage or configuration error, 130 interrupted by Ctrl-C and 143 by
SIGTERM. SIGTERM is turned into the same KeyboardInterrupt as Ctrl-C, so that whatever a command cleans up
on the way out (the site's staging folder, temporary files) is cleaned up when it is stopped either way.
Each subcommand lives in `awesome_approx.commands.<name>` and exposes NAME, HELP, add_arguments(parser)
and run(args, config) -> int; add a new one to COMMANDS.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from awesome_approx import __version__
from awesome_approx.config import ConfigError, load_config
from awesome_approx.fsutil import WriteError

COMMANDS = (
    "validate",
    "readme",
    "import-markdown",
    "links",
    "pages",
    "build",
    "export",
    "citation",
    "fmt",
    "add",
    "discover",
    "enrich",
    "issue-form",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: unwinds like Ctrl-C (every `finally` runs), ends with its own exit code."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While a command runs, SIGTERM raises Terminated; the previous handler is restored afterwards (the
    tests call main() in their own process). Only the main thread may set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
        with sigterm_as_interrupt():
            return int(args.run(args, config))
    except Terminated:
        print("awesome-approx: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("awesome-approx: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `awesome-approx export | head`
        return EXIT_OK
    except WriteError as error:  # a full disk, a read-only folder, a path through a file
        print(f"awesome-approx: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:  # any other failure of the machine, not of the data: a message, no traceback
        print(f"awesome-approx: {_describe(error)}", file=sys.stderr)
        return EXIT_PROBLEMS


def _describe(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else reason
