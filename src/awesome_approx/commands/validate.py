"""`awesome-approx validate`: check every data file and report all problems in one run."""

from __future__ import annotations

import argparse
import sys

from awesome_approx.catalog.problems import FORMATTERS, has_errors
from awesome_approx.commands import add_cache_argument, data_dir, load_checked
from awesome_approx.config import Config

NAME = "validate"
HELP = "check data/ against the schema and the cross-entry rules"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_cache_argument(parser)
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                        help="text (default), github (Actions annotations) or json")


def run(args: argparse.Namespace, config: Config) -> int:
    from awesome_approx.contribute.ignored import load_ignored  # data/ignored.yaml, read by `discover`

    result = load_checked(args, config)
    result.problems.extend(load_ignored(data_dir(args, config)).problems)
    output = FORMATTERS[args.format](result.problems)
    if output:
        print(output)
    errors = sum(p.is_error for p in result.problems)
    warnings = len(result.problems) - errors
    if args.format == "text":
        summary = f"{len(result.catalog.entries)} entries, {errors} errors, {warnings} warnings"
        print(summary, file=sys.stderr)
    return 1 if has_errors(result.problems) else 0
