"""`awesome-approx citation [--check]`: write CITATION.cff from the settings, or check it is up to date."""

from __future__ import annotations

import argparse
import sys
import tomllib

from awesome_approx.commands import check_generated
from awesome_approx.config import Config
from awesome_approx.fsutil import write_atomic
from awesome_approx.render.citation import CitationFacts, render_citation

NAME = "citation"
HELP = "write CITATION.cff (how to cite the list) from pyproject.toml"
KEYWORDS = ("approximate computing", "deep neural networks", "pruning", "quantization", "hardware accelerators",
            "awesome list")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 with a diff when CITATION.cff is not what the settings give")


def citation_facts(config: Config) -> CitationFacts:
    """The facts from pyproject.toml: [tool.awesome-approx] (already checked by load_config) and [project]."""
    path = config.root / "pyproject.toml"
    project = tomllib.loads(path.read_text("utf-8")).get("project", {}) if path.is_file() else {}
    license_id = project.get("license", "")
    return CitationFacts(
        title=config.title,
        authors=tuple(name.strip() for name in config.authors.split(";") if name.strip()),
        repo_url=config.repo_url, site_url=config.site_url, version=str(project.get("version", "")),
        license=license_id if isinstance(license_id, str) else "", abstract=str(project.get("description", "")),
        keywords=KEYWORDS)


def run(args: argparse.Namespace, config: Config) -> int:
    rendered = render_citation(citation_facts(config))
    target = config.citation_path
    if args.check:
        return check_generated(target, rendered, "from the settings", "`awesome-approx citation`")
    try:
        write_atomic(target, rendered)
    except OSError as error:
        print(f"awesome-approx: cannot write {target}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {target}", file=sys.stderr)
    return 0
