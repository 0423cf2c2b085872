"""`awesome-approx links`: check every entry's links and identifiers; tell dead from blocked from unknown.

    awesome-approx links                         # text report, progress bar on a terminal
    awesome-approx links --format markdown >> "$GITHUB_STEP_SUMMARY"
    awesome-approx links --format github --fail-on blocked,unknown
    awesome-approx links --format junit --output links.xml   # CI test report
    awesome-approx links --suggest --host-stats               # archived copies; per-host figures

Exit codes: 0 nothing failing, 1 something failing (dead, plus what --fail-on adds), 2 usage.
Under the confirm-dead policy (default when the CI environment variable is set) a dead link fails only
once seen dead on two runs at least a day apart.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from awesome_approx.catalog.problems import format_text as format_problems
from awesome_approx.catalog.problems import has_errors
from awesome_approx.commands import arxiv_interval_problem, load_checked
from awesome_approx.commands import non_negative_int as _non_negative_int
from awesome_approx.commands import positive_float as _positive_float
from awesome_approx.commands import positive_int as _positive_int
from awesome_approx.config import Config
from awesome_approx.fsutil import write_atomic
from awesome_approx.links.cache import LinkCache
from awesome_approx.links.checker import ARXIV_INTERVAL, Options, build_context, check_catalog
from awesome_approx.links.pacing import RetryPolicy
from awesome_approx.links.report import FORMATS, RichProgress, build_report, print_summary_table
from awesome_approx.links.results import BLOCKED, DEAD, MOVED, UNKNOWN
from awesome_approx.links.scheduler import DEFAULT_CONCURRENCY, DEFAULT_PER_HOST
from awesome_approx.net.transport import Timeouts
from awesome_approx.sources.endpoints import DEFAULTS, ENV_VARS, EndpointError, resolve_endpoints
from awesome_approx.sources.github import token_from_env

NAME = "links"
HELP = "check every entry's URLs and arXiv/DOI/IEEE/GitHub identifiers (dead, blocked, unknown)"
FAILABLE = (DEAD, BLOCKED, UNKNOWN, MOVED)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("--format", choices=sorted(FORMATS), default="text",
        help="text (default), json, markdown (GitHub job summary), github (annotations) or junit "
             "(JUnit XML for CI test reports)")
    add("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    add("--fail-on", metavar="OUTCOMES", default="dead",
        help="comma-separated outcomes that fail the run besides dead: blocked, unknown, moved")
    add("--no-cache", action="store_true",
        help="check everything, even links the cache holds as fresh (results are still recorded)")
    add("--cache", metavar="FILE", help="cache file (default: from configuration, .cache/links.json)")
    add("--confirm-dead", action=argparse.BooleanOptionalAction, default=None,
        help="fail on a dead link only once seen on two runs a day apart (default: on when CI is set)")
    add("--suggest", action="store_true",
        help="for dead and moved pages, suggest the closest archived copy (Wayback Machine)")
    add("--host-stats", action="store_true",
        help="add per-host statistics to the report: requests, outcomes, time, retries")
    add("--allow-private", action="store_true",
        help="allow loopback/private addresses (tests, internal mirrors); off by default for safety")
    add("--concurrency", type=_positive_int, default=DEFAULT_CONCURRENCY,
        help=f"requests at once overall (default {DEFAULT_CONCURRENCY})")
    add("--per-host", type=_positive_int, default=DEFAULT_PER_HOST,
        help=f"requests at once per host (default {DEFAULT_PER_HOST}; arXiv 1, Crossref at most 3)")
    add("--timeout", type=_positive_float, default=15.0, help="read timeout in seconds (default 15)")
    add("--retries", type=_non_negative_int, default=2,
        help="retries after a timeout, 429 or 5xx (default 2)")
    add("--max-wait", type=_positive_float, default=60.0,
        help="longest wait before a retry, Retry-After included (default 60 s)")
    add("--time-budget", type=_positive_float, default=1800.0,
        help="seconds for the whole run; what is left is reported unknown (default 1800)")
    add("--arxiv-interval", type=_positive_float, default=ARXIV_INTERVAL,
        help="seconds between arXiv API requests (default 3; lower only with --arxiv-api)")
    for service in DEFAULTS:
        add(f"--{service}-api", metavar="URL",
            help=f"{service} base URL (default: ${ENV_VARS[service]} or {DEFAULTS[service]})")


class UsageError(Exception):
    pass


def _fail_on(text: str) -> set[str]:
    names = {part.strip() for part in text.split(",") if part.strip()}
    unknown = names - set(FAILABLE)
    if unknown:
        raise UsageError(f"--fail-on: unknown outcome(s) {', '.join(sorted(unknown))} "
                         f"(choose from {', '.join(FAILABLE)})")
    return names | {DEAD}


def _options(args: argparse.Namespace, endpoints) -> Options:
    problem = arxiv_interval_problem(args.arxiv_interval, endpoints.arxiv)
    if problem:
        raise UsageError(problem)
    return Options(
        concurrency=args.concurrency,
        per_host=args.per_host,
        timeouts=Timeouts(read=args.timeout, body=min(args.timeout, 5.0)),
        retry=RetryPolicy(attempts=args.retries + 1, max_delay=args.max_wait),
        allow_private=args.allow_private,
        reuse_fresh=not args.no_cache,
        time_budget=args.time_budget,
        arxiv_interval=args.arxiv_interval,
        suggest=args.suggest,
        github_token=token_from_env(),
    )


def run(args: argparse.Namespace, config: Config) -> int:
    try:
        fail_on = _fail_on(args.fail_on)
        endpoints = resolve_endpoints({s: getattr(args, f"{s}_api") for s in DEFAULTS})
        options = _options(args, endpoints)
    except (UsageError, EndpointError) as error:
        print(f"awesome-approx links: {error}", file=sys.stderr)
        return 2
    loaded = load_checked(args, config)
    # --allow-private lifts the address rule for this run: validate's private-address as well as the checker's.
    problems = [p for p in loaded.problems if not (args.allow_private and p.code == "private-address")]
    if has_errors(problems):
        print(format_problems(p for p in problems if p.is_error), file=sys.stderr)
        print("awesome-approx links: fix the data first (see `awesome-approx validate`)", file=sys.stderr)
        return 1
    confirm_dead = args.confirm_dead if args.confirm_dead is not None else bool(os.environ.get("CI"))
    cache = LinkCache.load(Path(args.cache) if args.cache else config.cache_path)
    ctx = build_context(options, endpoints, config.contact)
    progress = RichProgress() if sys.stderr.isatty() else None
    check = check_catalog(loaded.catalog, ctx, cache, options, progress)
    report = build_report(check, fail_on, confirm_dead, config.root, host_stats=args.host_stats)
    for note in report.notes:
        print(f"awesome-approx links: {note}", file=sys.stderr)
    text = FORMATS[args.format](report)
    if args.output:
        try:
            write_atomic(Path(args.output), text if text.endswith("\n") else text + "\n")
        except OSError as error:
            print(text)
            reason = error.strerror or error
            print(f"awesome-approx links: cannot write {args.output}: {reason}", file=sys.stderr)
            return 2
    else:
        print(text)
        if args.format == "text" and sys.stdout.isatty():
            print_summary_table(report)
    return 1 if report.failed else 0
