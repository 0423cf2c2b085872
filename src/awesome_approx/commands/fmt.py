"""`awesome-approx fmt`: rewrite entry files into their canonical form (see awesome_approx.contribute.fmt).

Only files that pass validation are rewritten; the others are reported and left alone, because a
formatter that guesses at a broken file can destroy what its author meant. An entry file that is a
symbolic link or a special file is not rewritten either: the listing refuses it as `not-regular`
(writing through a link would change a file somewhere else, perhaps outside data/ or shared by two
entries, and replacing the link by a regular file would silently cut what the link's owner set up).
`--check` changes nothing and lists the files that would change (exit 1 when there are any), for CI and pre-commit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from awesome_approx.catalog.problems import Problem, format_text
from awesome_approx.commands import data_dir
from awesome_approx.config import Config
from awesome_approx.contribute.fmt import FormatError, format_entry
from awesome_approx.fsutil import write_atomic
from awesome_approx.load.listing import entry_files
from awesome_approx.validate import load_catalog

NAME = "fmt"
HELP = "rewrite entry files into the canonical form (key order, quoting, lists, comments kept)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true",
                        help="change nothing; list the files that would change and exit 1 if there are any")
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="only these files (as pre-commit passes them); files that are not entry files "
                             "of the data folder are skipped (default: every entry file)")


def selected(all_files: list[Path], wanted: list[str]) -> list[Path]:
    """The entry files among `wanted` (all of them when nothing is wanted)."""
    if not wanted:
        return all_files
    chosen = {Path(name).resolve() for name in wanted}
    return [path for path in all_files if path.resolve() in chosen]


def run(args: argparse.Namespace, config: Config) -> int:
    folder = data_dir(args, config)
    result = load_catalog(folder, require_descriptions=config.require_descriptions)
    failing = {p.path for p in result.problems if p.is_error}
    changed: list[Path] = []
    unlisted: list[Problem] = []
    files = entry_files(folder, unlisted)
    refused = [Path(p.path) for p in unlisted if p.code == "not-regular" and selected([Path(p.path)], args.files)]
    for path in selected(files, args.files):
        if str(path) in failing:
            refused.append(path)
            continue
        try:
            text = path.read_bytes().decode("utf-8")
            canonical = format_entry(text)
        except (OSError, UnicodeDecodeError, FormatError) as error:
            print(f"{path}: not formatted: {error}", file=sys.stderr)
            refused.append(path)
            continue
        if canonical == text:
            continue
        changed.append(path)
        if args.check:
            print(f"would reformat {path}")
        else:
            write_atomic(path, canonical)
            print(f"reformatted {path}")
    if refused:
        problems = [p for p in result.problems if p.is_error and Path(p.path) in refused]
        if problems:
            print(format_text(problems), file=sys.stderr)
        print(f"awesome-approx: {len(refused)} file(s) not formatted because they fail validation or "
              "cannot be rewritten safely (see above); fix them first", file=sys.stderr)
    verb = "would be reformatted" if args.check else "reformatted"
    print(f"{len(changed)} file(s) {verb}", file=sys.stderr)
    return 1 if refused or (args.check and changed) else 0
