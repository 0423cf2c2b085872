"""`awesome-approx discover`: new arXiv papers for the categories that carry a `discover` query.

    awesome-approx discover                                  # last 30 days, every category with a query
    awesome-approx discover --since 2024-05-01 --category structured-filter --limit 10
    awesome-approx discover --format markdown > candidates.md   # the weekly issue's body

Exit codes: 0 every search completed, 1 a search failed (the others are still listed) or data/ has
errors, 2 usage. See awesome_approx.contribute.discover for what counts as new.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

from awesome_approx.catalog.problems import format_text
from awesome_approx.commands import add_arxiv_arguments, checked_arxiv_endpoint, data_dir, load_valid, positive_int
from awesome_approx.config import Config
from awesome_approx.contribute import discover as finder
from awesome_approx.contribute.ignored import load_ignored

NAME = "discover"
HELP = "list recent arXiv papers matching the categories' discover queries that the list does not have yet"
DEFAULT_DAYS = 30


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from error


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", type=_date, metavar="DATE",
                        help=f"only papers submitted on or after DATE (default: {DEFAULT_DAYS} days ago)")
    parser.add_argument("--category", metavar="ID", help="only this category's query")
    parser.add_argument("--limit", type=positive_int, default=finder.DEFAULT_LIMIT, metavar="N",
                        help=f"at most N candidates per category (default {finder.DEFAULT_LIMIT})")
    parser.add_argument("--format", choices=sorted(finder.FORMATS), default="text",
                        help="text (default), markdown (the weekly issue) or json")
    add_arxiv_arguments(parser)


def _fail(message: str, code: int) -> int:
    print(f"awesome-approx discover: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace, config: Config, *, today: date | None = None) -> int:
    from awesome_approx.contribute import lookup
    from awesome_approx.links.pacing import Pacer
    from awesome_approx.net.transport import Fetcher
    from awesome_approx.sources.endpoints import EndpointError

    today = today or date.today()
    try:
        endpoint = checked_arxiv_endpoint(args)
    except EndpointError as error:
        return _fail(str(error), 2)
    catalog = load_valid(args, config, "nothing searched")
    if catalog is None:
        return 1
    if args.category and catalog.category(args.category) is None:
        return _fail(f"unknown category '{args.category}' (see data/categories.yaml)", 2)
    plan = finder.searches(catalog, args.category)
    if not plan:
        which = f"category '{args.category}' has" if args.category else "no category has"
        return _fail(f"{which} no discover query in data/categories.yaml", 2)
    folder = data_dir(args, config)
    ignored = load_ignored(folder)
    if ignored.problems:
        print(format_text(ignored.problems), file=sys.stderr)
        return _fail("fix data/ignored.yaml first; nothing searched", 1)
    known = finder.known_keys(folder / "entries", ignored.items)
    fetcher = Fetcher(config.contact)

    def fetch_page(query: str, start: int, size: int):
        return lookup.arxiv_search_page(fetcher, endpoint, query, start, size)

    since = args.since or today - timedelta(days=DEFAULT_DAYS)
    discovery = finder.discover(plan, fetch_page, known, since, limit=args.limit,
                                pacer=Pacer(args.arxiv_interval))
    sys.stdout.write(finder.FORMATS[args.format](discovery))
    print(f"{len(discovery.candidates)} candidate(s) from {discovery.requests} arXiv request(s)", file=sys.stderr)
    for failure in discovery.failures:
        print(f"awesome-approx discover: search failed: {failure}", file=sys.stderr)
    return 1 if discovery.failures else 0
