"""`awesome-approx import-markdown FILE (--out DIR | --into DATA)`: bring a hand-written list into data/ form.

`--out DIR` makes a new project: DIR/pyproject.toml (the source's title and intro) and DIR/data/.
`--into DATA` adds the entries to an existing list's data folder, skipping those it already holds.

Every good entry is written; each linked item left out is listed with its line and reason, then
`imported N of M linked items`. Exit codes: 0 every linked item was imported; 1 some were left out;
2 nothing could be imported (nothing written), or the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from awesome_approx.catalog.problems import format_text
from awesome_approx.config import Config
from awesome_approx.contribute.importer import ImportRefused, import_markdown

NAME = "import-markdown"
HELP = "convert a hand-written awesome-list README (headings, bullets, tables) into categories and entries"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the Markdown file to import")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="DIR",
                        help="new project folder: writes DIR/pyproject.toml and DIR/data/ (categories.yaml, "
                             "entries/); existing files are never overwritten")
    target.add_argument("--into", metavar="DATA",
                        help="data folder of an existing list: adds the entries it does not hold yet, under "
                             "its categories (categories.yaml and existing files are left as they are)")
    parser.add_argument("--strict", action="store_true",
                        help="write nothing when any line of the Markdown was not understood or left out")


def run(args: argparse.Namespace, config: Config) -> int:
    source = Path(args.file)
    if not source.is_file():
        print(f"awesome-approx: {source}: no such file", file=sys.stderr)
        return 2
    if args.into:
        target, into, config_file = Path(args.into), True, None
    else:
        target, into, config_file = Path(args.out) / "data", False, Path(args.out) / "pyproject.toml"
    try:
        report = import_markdown(source, target, into=into, config_file=config_file, strict=args.strict)
    except ImportRefused as refused:
        print(format_text(refused.problems), file=sys.stderr)
        print(f"nothing written to {args.into or args.out}", file=sys.stderr)
        return 2
    if report.parsed.problems:
        print(format_text(report.parsed.problems), file=sys.stderr)
    if report.left_out:
        print(format_text(report.left_out), file=sys.stderr)
    categories = sum(1 for _ in report.parsed.walk())
    where = f"added to {target}" if into else f"wrote {args.out}: {categories} categories,"
    print(f"{where} {report.imported} entries", file=sys.stderr)
    if report.missing_descriptions:
        print(f"{len(report.missing_descriptions)} entries have no description yet (the README shows them "
              "without one); write one in each in your own words", file=sys.stderr)
    print(f"imported {report.imported} of {report.linked_items} linked items", file=sys.stderr)
    return 0 if report.imported == report.linked_items else 1
