"""One module per subcommand; see awesome_approx.cli."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from awesome_approx.config import Config


def data_dir(args: argparse.Namespace, config: Config) -> Path:
    """The data folder: --data when given, else the configured one."""
    return Path(args.data) if getattr(args, "data", None) else config.data_path


def add_cache_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true",
                        help="check every file again instead of reusing results of unchanged files")


def load_checked(args: argparse.Namespace, config: Config):
    """load_catalog as every command runs it: with the list's rules and the cache of unchanged files' results."""
    from awesome_approx.validate import load_catalog  # imported here: it is the costly part of start-up

    cache = None if getattr(args, "no_cache", False) else config.validate_cache_path
    return load_catalog(data_dir(args, config), cache=cache, require_descriptions=config.require_descriptions)


def load_valid(args: argparse.Namespace, config: Config, refusal: str):
    """The catalog, or None after printing every error and `refusal` (e.g. "README.md not written"):
    commands that write output write it only from data that validated."""
    result = load_checked(args, config)
    errors = [problem for problem in result.problems if problem.is_error]
    if errors:
        from awesome_approx.catalog.problems import format_text

        print(format_text(errors), file=sys.stderr)
        print(f"{refusal}: fix the errors above first (awesome-approx validate)", file=sys.stderr)
        return None
    return result.catalog


def archived_ids(config: Config, catalog) -> frozenset[str]:
    """Entries whose code repository the link cache (`awesome-approx links`) last saw archived or gone;
    none when there is no cache."""
    from awesome_approx.links.unmaintained import archived_in_cache

    return archived_in_cache(catalog, config.cache_path)


def readme_text(config: Config, catalog) -> str:
    """README.md as `readme` and `build` write it: the list's own words from the config around the entries."""
    from awesome_approx.render.readme import ListText, render_readme

    text = ListText(config.title, config.intro, config.summary, config.license_note)
    return render_readme(catalog, config.templates_path, site_url=config.site_url,
                         archived=archived_ids(config, catalog), text=text)


def add_arxiv_arguments(parser: argparse.ArgumentParser) -> None:
    """--arxiv-api and --arxiv-interval, for commands that search or query arXiv (discover, enrich)."""
    parser.add_argument("--arxiv-api", metavar="URL",
                        help="arXiv API base URL (default: $AWESOME_APPROX_ARXIV_API, else https://export.arxiv.org)")
    parser.add_argument("--arxiv-interval", type=positive_float, default=3.0, metavar="SECONDS",
                        help="seconds between arXiv requests (default 3; lower only with --arxiv-api)")


def checked_arxiv_endpoint(args: argparse.Namespace) -> str:
    """The arXiv base URL of --arxiv-api (or the environment, or arXiv itself), refused (EndpointError)
    when it is not an http(s) URL or when --arxiv-interval is too short for the real arXiv."""
    from awesome_approx.sources.endpoints import EndpointError, resolve_endpoint

    endpoint = resolve_endpoint("arxiv", args.arxiv_api)
    problem = arxiv_interval_problem(args.arxiv_interval, endpoint)
    if problem:
        raise EndpointError(problem)
    return endpoint


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def arxiv_interval_problem(interval: float, arxiv_endpoint: str) -> str | None:
    """Why `--arxiv-interval` may not be used this way: shorter waits are for fakes and mirrors only."""
    from awesome_approx.links.checker import ARXIV_INTERVAL
    from awesome_approx.sources.endpoints import DEFAULTS

    if interval < ARXIV_INTERVAL and arxiv_endpoint == DEFAULTS["arxiv"]:
        return (f"--arxiv-interval below {ARXIV_INTERVAL:g} s needs another --arxiv-api "
                "(arXiv asks for one request every 3 seconds)")
    return None


def check_generated(target: Path, rendered: str, source: str, fix: str) -> int:
    """`--check` of a generated file: 0 when `target` holds exactly `rendered`, else a unified diff on
    stdout, a message naming `fix` on stderr and 1. `source` names what the file is rendered from."""
    import difflib

    current = target.read_text("utf-8") if target.is_file() else ""
    if current == rendered:
        return 0
    sys.stdout.writelines(difflib.unified_diff(current.splitlines(keepends=True), rendered.splitlines(keepends=True),
                                               f"{target.name} (committed)", f"{target.name} ({source})"))
    print(f"{target.name} is out of date: run {fix}", file=sys.stderr)
    return 1
