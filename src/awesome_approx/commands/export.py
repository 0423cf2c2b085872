"""`awesome-approx export`: the list as BibTeX, CSL-JSON, CSV, JSON or RIS, on stdout or into a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from awesome_approx.commands import add_cache_argument, load_valid
from awesome_approx.config import Config
from awesome_approx.fsutil import write_atomic
from awesome_approx.render.exports import EXPORT_FORMATS

NAME = "export"
HELP = "export the list as bibtex, csl-json, csv, json or ris"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_cache_argument(parser)
    parser.add_argument("--format", required=True, choices=sorted(EXPORT_FORMATS),
                        help="bibtex (key = entry id), csl-json (Zotero, pandoc), csv, json (every field) or ris "
                             "(Zotero, EndNote, Mendeley)")
    parser.add_argument("--output", metavar="FILE",
                        help="write to FILE (atomically) instead of printing to stdout")


def run(args: argparse.Namespace, config: Config) -> int:
    catalog = load_valid(args, config, "nothing exported")
    if catalog is None:
        return 1
    _, render = EXPORT_FORMATS[args.format]
    text = render(catalog)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    output = Path(args.output)
    if output.is_dir():
        print(f"awesome-approx: {output} is a folder; give a file name", file=sys.stderr)
        return 2
    write_atomic(output, text)  # a WriteError is reported by the command line: `cannot write FILE: reason`
    print(f"wrote {len(catalog.entries)} entries as {args.format} to {output}", file=sys.stderr)
    return 0
