"""`awesome-approx enrich [--write]`: propose missing DOIs, venues and full author lists from arXiv and Crossref.

    awesome-approx enrich                      # the evidence of each change and a unified diff; nothing written
    awesome-approx enrich --write              # apply them through the entry writer (fmt --check stays clean)
    awesome-approx enrich --write --format markdown > pr-body.md

Only data that validates is enriched, every changed file is validated again before it is written, and
a file that changed while the services were asked is left alone. Exit codes: 0 done (changes or not),
1 data/ has errors or a service failed (what was verified is still proposed or written), 2 usage.
See awesome_approx.contribute.enrich for the rules.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from awesome_approx.catalog.model import Catalog
from awesome_approx.catalog.problems import format_text
from awesome_approx.commands import add_arxiv_arguments, checked_arxiv_endpoint, load_valid
from awesome_approx.config import Config
from awesome_approx.contribute import enrich as enricher

NAME = "enrich"
HELP = "propose missing DOIs, venues and full author lists from arXiv and Crossref (--write applies them)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--write", action="store_true",
                        help="apply the changes (never over a field an entry has) instead of only showing them")
    parser.add_argument("--format", choices=sorted(enricher.FORMATS), default="text",
                        help="text (default) or markdown (a pull request's body)")
    add_arxiv_arguments(parser)
    parser.add_argument("--crossref-api", metavar="URL",
                        help="Crossref API base URL (default: $AWESOME_APPROX_CROSSREF_API, else https://api.crossref.org)")


def _fail(message: str, code: int) -> int:
    print(f"awesome-approx enrich: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace, config: Config) -> int:
    from awesome_approx.contribute import lookup
    from awesome_approx.links.pacing import Pacer
    from awesome_approx.net.transport import Fetcher
    from awesome_approx.sources.endpoints import EndpointError, resolve_endpoint

    try:
        arxiv_api = checked_arxiv_endpoint(args)
        crossref_api = resolve_endpoint("crossref", args.crossref_api)
    except EndpointError as error:
        return _fail(str(error), 2)
    catalog = load_valid(args, config, "nothing proposed")
    if catalog is None:
        return 1
    fetcher = Fetcher(config.contact)
    pacer = Pacer(args.arxiv_interval)

    def fetch_arxiv(batch: list[str]):
        with pacer:
            return lookup.arxiv_feed(fetcher, arxiv_api, batch).records

    def query_crossref(title: str):
        return lookup.crossref_works(fetcher, crossref_api, title, config.contact)

    result = enricher.enrich(catalog.entries, fetch_arxiv, query_crossref)
    planned = [p for p in (_plan(proposal, catalog, config.root, result) for proposal in result.proposals) if p]
    written = [p for p in planned if _write(p, result)] if args.write else []
    sys.stdout.write(enricher.FORMATS[args.format](written if args.write else planned, result))
    if args.write:
        print(f"wrote {len(written)} file(s)", file=sys.stderr)
    for failure in result.failures:
        print(f"awesome-approx enrich: {failure}", file=sys.stderr)
    return 1 if result.failures else 0


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _plan(proposal: enricher.Proposal, catalog: Catalog, root: Path,
          result: enricher.Enrichment) -> enricher.PlannedFile | None:
    """The file's new text when the changes apply and the result validates; else a note and None."""
    from awesome_approx.contribute.fmt import FormatError
    from awesome_approx.load.document import read_document

    path = proposal.entry.source
    if path is None:
        return None
    try:
        old = path.read_text("utf-8")
        new = enricher.changed_text(old, read_document(path).data or {}, proposal.changes)
    except (OSError, UnicodeDecodeError, FormatError, enricher.OverwriteRefused) as error:
        result.notes.append(f"{proposal.entry.id}: not changed: {error}")
        return None
    problems = _problems(path, new, catalog)
    if problems:
        result.notes.append(f"{proposal.entry.id}: the changed entry would not validate, not changed:\n"
                            + format_text(problems))
        return None
    return enricher.PlannedFile(path, _shown(path, root), old, new, proposal)


def _problems(path: Path, text: str, catalog: Catalog):
    from awesome_approx.validate.entry import EntryChecks, check_text

    # enrich only adds fields: whether descriptions are required was settled when the list loaded
    _, problems, _ = check_text(text, path, EntryChecks.for_list(catalog, date.today()))
    return [p for p in problems if p.is_error]


def _write(planned: enricher.PlannedFile, result: enricher.Enrichment) -> bool:
    from awesome_approx.fsutil import write_atomic

    path = planned.path
    try:
        if path.read_text("utf-8") != planned.old:
            result.notes.append(f"{planned.proposal.entry.id}: {path} changed meanwhile; left alone")
            return False
        write_atomic(path, planned.new)
    except OSError as error:
        result.failures.append(f"cannot write {path}: {error.strerror or error}")
        return False
    return True
