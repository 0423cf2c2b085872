"""`awesome-approx issue-form [--check]`: write .github/ISSUE_TEMPLATE/add-entry.yml from the entry schema and
data/categories.yaml, or check that the committed form is what they give (like `readme --check`)."""

from __future__ import annotations

import argparse
import difflib
import sys

from awesome_approx.commands import add_cache_argument, load_valid
from awesome_approx.config import Config
from awesome_approx.contribute.issue_form import FORM_PATH, render_form
from awesome_approx.fsutil import write_atomic

NAME = "issue-form"
HELP = f"write the 'Add an entry' issue form ({FORM_PATH}) from the schema and the categories"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_cache_argument(parser)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 with a diff when the committed form is stale")


def run(args: argparse.Namespace, config: Config) -> int:
    from awesome_approx.validate.schema import entry_schema

    catalog = load_valid(args, config, f"{FORM_PATH} not written")
    if catalog is None:
        return 1
    rendered = render_form(catalog, entry_schema())
    target = config.root / FORM_PATH
    if args.check:
        current = target.read_text("utf-8") if target.is_file() else ""
        if current == rendered:
            return 0
        sys.stdout.writelines(difflib.unified_diff(current.splitlines(keepends=True),
                                                   rendered.splitlines(keepends=True),
                                                   f"{FORM_PATH} (committed)", f"{FORM_PATH} (generated)"))
        print(f"{FORM_PATH} is out of date: run `awesome-approx issue-form`", file=sys.stderr)
        return 1
    write_atomic(target, rendered)
    print(f"wrote {target}", file=sys.stderr)
    return 0
