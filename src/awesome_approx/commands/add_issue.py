"""`awesome-approx add --from-issue FILE [--message-file FILE]`, the part of `add` a workflow runs on an issue.

Not a subcommand of its own (cli.COMMANDS does not list it): `commands.add` hands over to `run_from_issue`.
The message file holds Markdown for the workflow to post on the issue: what was written, or why nothing
was. Everything the message repeats from the issue sits inside a code block, so it cannot mention
people, embed images or links.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from awesome_approx.config import Config
from awesome_approx.contribute import add
from awesome_approx.contribute.from_issue import add_from_issue
from awesome_approx.contribute.issue_form import FORM_PATH
from awesome_approx.fsutil import write_atomic
from awesome_approx.net.transport import Fetcher
from awesome_approx.render.code import code_block, code_span
from awesome_approx.sources.endpoints import EndpointError, resolve_endpoints
from awesome_approx.sources.github import token_from_env
from awesome_approx.validate import load_catalog


def _message(args: argparse.Namespace, text: str) -> None:
    if args.message_file:
        write_atomic(Path(args.message_file), text)


def run_from_issue(args: argparse.Namespace, config: Config, folder: Path, today: date) -> int:
    if not args.from_issue:
        print("awesome-approx add: give ID_OR_URL, or --from-issue FILE", file=sys.stderr)
        return 2
    if args.target is not None or args.category or args.doi:
        print("awesome-approx add: --from-issue takes everything from the issue; give no ID_OR_URL, "
              "--category or --doi with it", file=sys.stderr)
        return 2
    try:
        endpoints = resolve_endpoints({s: getattr(args, f"{s}_api") for s in add.SERVICES})
        catalog = load_catalog(folder, today=today).catalog
        if not catalog.categories:
            raise add.AddError(f"no categories could be read from {folder / 'categories.yaml'}")
        services = add.Services(Fetcher(config.contact), endpoints, config.contact, token_from_env())
        path = add_from_issue(Path(args.from_issue), folder, catalog, services, today)
    except (add.AddError, EndpointError) as error:
        print(f"awesome-approx add: {error}", file=sys.stderr)
        _message(args, "Nothing was added:\n\n" + code_block(str(error), "text") + "\n\nEdit the issue (it was opened "
                 f"with the form in {code_span(FORM_PATH)}) and a maintainer can answer `/add` again.\n")
        return getattr(error, "exit_code", 2)
    print(f"wrote {path}")
    _message(args, f"Added {code_span(path.name)} from this issue; the pull request shows the entry.\n")
    return 0
