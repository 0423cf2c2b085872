"""`awesome-approx import-markdown FILE --out DIR`: convert a hand-written awesome list into data/ form.

Exit codes: 0 imported, every line understood and every entry complete; 1 imported but some lines were
left out or some entries still need a description (both listed), or nothing written because the result
would not validate or would overwrite a file; 2 the file cannot be read.
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
    parser.add_argument("--out", metavar="DIR", required=True,
                        help="folder to write categories.yaml and entries/ into (existing files are never "
                             "overwritten)")
    parser.add_argument("--strict", action="store_true",
                        help="write nothing when any line of the Markdown was not understood")


def run(args: argparse.Namespace, config: Config) -> int:
    source, out = Path(args.file), Path(args.out)
    if not source.is_file():
        print(f"awesome-approx: {source}: no such file", file=sys.stderr)
        return 2
    try:
        report = import_markdown(source, out, strict=args.strict)
    except ImportRefused as refused:
        print(format_text(refused.problems), file=sys.stderr)
        print(f"nothing written to {out}", file=sys.stderr)
        return 1
    if report.parsed.problems:
        print(format_text(report.parsed.problems), file=sys.stderr)
    categories = sum(1 for _ in report.parsed.walk())
    print(f"wrote {out}: {categories} categories, {len(report.parsed.entries)} entries", file=sys.stderr)
    if report.parsed.problems:
        print(f"{len(report.parsed.problems)} line(s) not understood and left out (listed above)",
              file=sys.stderr)
    if report.missing_descriptions:
        print(f"{len(report.missing_descriptions)} entries have no description yet: write one in each "
              f"(`awesome-approx --data {out} validate` lists them): "
              + ", ".join(report.missing_descriptions), file=sys.stderr)
    return 1 if report.parsed.problems or report.missing_descriptions else 0
