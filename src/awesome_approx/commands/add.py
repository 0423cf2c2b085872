"""`awesome-approx add ID_OR_URL`: fetch a paper's or repository's metadata and write a new entry file.

See awesome_approx.contribute.add for the steps. The service endpoints are the link checker's:
--arxiv-api, --crossref-api, --github-api (and --doi-api), else AWESOME_APPROX_*_API, else the real ones.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from awesome_approx.catalog.problems import format_text
from awesome_approx.commands import data_dir
from awesome_approx.config import Config
from awesome_approx.contribute import add
from awesome_approx.net.transport import Fetcher, Timeouts
from awesome_approx.sources.endpoints import DEFAULTS, ENV_VARS, EndpointError, resolve_endpoints
from awesome_approx.sources.github import token_from_env
from awesome_approx.validate import load_catalog

NAME = "add"
HELP = "add an entry from an arXiv id, a DOI, an IEEE Xplore link (with --doi) or a GitHub repository"
TIMEOUTS = Timeouts()
"""The link checker's: connect, read, and the whole answer of a service (with its body cap)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", metavar="ID_OR_URL", nargs="?",
                        help="2008.13006, https://arxiv.org/abs/..., 10.1145/..., https://doi.org/..., "
                             "https://ieeexplore.ieee.org/document/N (with --doi) or https://github.com/OWNER/REPO")
    parser.add_argument("--category", metavar="ID", help="category id (asked on a terminal when missing)")
    parser.add_argument("--doi", metavar="DOI", help="the paper's DOI; required with an IEEE Xplore link")
    parser.add_argument("--dry-run", action="store_true", help="print the entry instead of writing it")
    parser.add_argument("--from-issue", metavar="FILE",
                        help="take identifier, category, description and tags from an issue body written by "
                             "the 'Add an entry' form (.github/ISSUE_TEMPLATE/add-entry.yml)")
    parser.add_argument("--message-file", metavar="FILE",
                        help="with --from-issue: also write the outcome (or the refusal) to FILE as Markdown, "
                             "for the workflow to post on the issue")
    for service in add.SERVICES:
        parser.add_argument(f"--{service}-api", metavar="URL", dest=f"{service}_api",
                            help=f"{service} API base URL (default: ${ENV_VARS[service]}, "
                                 f"else {DEFAULTS[service]})")


def _fail(error: add.AddError) -> int:
    print(f"awesome-approx add: {error}", file=sys.stderr)
    return error.exit_code


def run(args: argparse.Namespace, config: Config, *, today: date | None = None) -> int:
    today = today or date.today()
    folder = data_dir(args, config)
    if args.from_issue or args.target is None:
        from awesome_approx.commands.add_issue import run_from_issue

        return run_from_issue(args, config, folder, today)
    try:
        target = add.parse_target(args.target, args.doi)
        endpoints = resolve_endpoints({s: getattr(args, f"{s}_api") for s in add.SERVICES})
    except add.AddError as error:
        return _fail(error)
    except EndpointError as error:
        return _fail(add.AddError(str(error), 2))
    catalog = load_catalog(folder, today=today).catalog
    if not catalog.categories:
        return _fail(add.AddError(f"no categories could be read from {folder / 'categories.yaml'}; "
                                  "run `awesome-approx validate`", 1))
    existing = add.existing_entries(folder / "entries")
    try:
        add.refuse_duplicate(add.identity(target.url, target.arxiv, target.doi), existing)
        category = add.check_category(args.category, catalog) if args.category else None
        interactive = sys.stdin is not None and sys.stdin.isatty()
        if category is None and not interactive:
            raise add.AddError("which category? Give --category ID, one of:\n"
                               + "\n".join(add.category_menu(catalog)), 2)
        services = add.Services(Fetcher(config.contact, timeouts=TIMEOUTS), endpoints, config.contact,
                                token_from_env())
        fetched = add.fetch_fields(target, category or "", services, today)
        fields = fetched.fields
        add.refuse_duplicate(add.identity(fields.get("url"), target.arxiv, fields.get("doi")), existing)
        if category is None:
            category = add.ask_category(catalog, str(fields.get("title", "")), sys.stdin.readline,
                                        lambda text: (sys.stderr.write(text), sys.stderr.flush()))
            fields["category"] = category
        code = _write(fields, folder, catalog, today, dry_run=args.dry_run)
        for hint in fetched.hints:
            print(f"note: {hint}", file=sys.stderr)
        return code
    except add.AddError as error:
        return _fail(error)


def _write(fields: add.Fields, folder, catalog, today: date, *, dry_run: bool) -> int:
    entries_dir = folder / "entries"
    entry_id = add.choose_id(fields, entries_dir, catalog)
    path = entries_dir / f"{entry_id}.yaml"
    text = add.entry_text(fields)
    missing, defects = add.still_missing(add.remaining_problems(path, fields, catalog, today))
    if defects:
        print(format_text(defects), file=sys.stderr)
        raise add.AddError("the fetched metadata does not make a valid entry (see above); nothing written")
    if dry_run:
        sys.stdout.write(text)
        print(f"(dry run: {path} not written)", file=sys.stderr)
        return 0
    try:
        path = add.create_unless_duplicate(fields, entries_dir, catalog, text)
    except FileExistsError as error:
        raise add.AddError(f"{path} appeared meanwhile and is not overwritten; run the command again"
                           ) from error
    except OSError as error:
        raise add.AddError(f"cannot write {path}: {error.strerror}") from error
    print(f"wrote {path}")
    print(f"still to write in {path}: {', '.join(missing)}; then run `awesome-approx validate`",
          file=sys.stderr)
    return 0
