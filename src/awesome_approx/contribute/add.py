"""`awesome-approx add`: a new entry file from an arXiv id, a DOI, an IEEE Xplore link or a GitHub repository.

    awesome-approx add 2008.13006 --category structured-hardware-friendly
    awesome-approx add https://doi.org/10.1145/3309551 --category best-surveys
    awesome-approx add https://ieeexplore.ieee.org/document/8114708 --doi 10.1109/JPROC.2017.2761740
    awesome-approx add https://github.com/pulp-platform/nemo --category approximations-frameworks

The steps, each of which can stop the command before anything is written:
1. `parse_target` recognises what was given (IEEE needs `--doi`: IEEE Xplore refuses automated requests
   and its metadata API needs a key, so Crossref is asked about the DOI instead);
2. `find_duplicate` refuses an identifier or link the list already has, before and after fetching;
3. the metadata comes from arXiv, Crossref or GitHub (sources/), through the configurable endpoints;
4. the entry is checked with the validator's own rules: only the description (and, for papers the
   service knows little about, year or authors) may be missing;
5. the file is created under a free id (guo2020accelerating, then guo2020accelerating-2 ...), atomically
   and never over an existing file (`create_new_file`), after a last duplicate check made under a lock on
   the entries folder (`create_unless_duplicate`): of two `add` of the same paper at once, the second
   refuses and names the first one's file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import requests

from awesome_approx.catalog import identifiers as ids
from awesome_approx.catalog.entry_ids import entry_id, free_id
from awesome_approx.catalog.identity import Key, identity_keys, key_kind, key_value
from awesome_approx.catalog.model import Catalog
from awesome_approx.catalog.problems import Problem
from awesome_approx.contribute import lookup
from awesome_approx.contribute.fmt import format_data
from awesome_approx.contribute.metadata import Fields, from_arxiv, from_crossref, from_github
from awesome_approx.load.document import read_document
from awesome_approx.load.listing import entry_files
from awesome_approx.net.transport import Fetcher
from awesome_approx.sources import SourceError, github
from awesome_approx.sources.answers import UnusableAnswer
from awesome_approx.sources.endpoints import Endpoints
from awesome_approx.validate.entry import EntryChecks, check_text

MAX_PROMPTS = 5


class AddError(Exception):
    """Why nothing was written; `exit_code` 2 for a usage error, 1 for everything else."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Target:
    """What the contributor gave, recognised."""

    kind: str  # "arxiv", "doi", "ieee" or "github"
    arxiv: str | None = None
    doi: str | None = None
    ieee: str | None = None
    repo: tuple[str, str] | None = None

    @property
    def url(self) -> str:
        """The link the entry will have (known before fetching, so duplicates are caught early)."""
        if self.kind == "arxiv":
            return f"https://arxiv.org/abs/{self.arxiv}"
        if self.kind == "ieee":
            return f"https://ieeexplore.ieee.org/document/{self.ieee}"
        if self.kind == "github" and self.repo:
            return f"https://github.com/{self.repo[0]}/{self.repo[1]}"
        return f"https://doi.org/{self.doi}"

    def describe(self) -> str:
        return {"arxiv": f"arXiv {self.arxiv}", "doi": f"DOI {self.doi}",
                "ieee": f"IEEE Xplore document {self.ieee} (DOI {self.doi})",
                "github": f"GitHub repository {'/'.join(self.repo or ())}"}[self.kind]


def _bare_doi(text: str) -> str | None:
    text = text.strip()
    for prefix in ("doi:", "DOI:"):
        text = text.removeprefix(prefix).strip()
    return text if ids.is_doi(text) else ids.doi_from_url(text)


def parse_target(text: str, doi: str | None = None) -> Target:
    """Recognise an arXiv id or link, a DOI or doi.org link, an IEEE Xplore link (with `doi`) or a GitHub
    repository link; raise AddError (usage) for anything else."""
    text = text.strip()
    given_doi = None
    if doi is not None:
        given_doi = _bare_doi(doi)
        if given_doi is None:
            raise AddError(f"--doi '{doi}' is not a DOI (a DOI looks like 10.1109/JPROC.2017.2761740)", 2)
    arxiv_id = text if ids.is_arxiv_id(text) else ids.arxiv_id_from_url(text)
    if arxiv_id is None and text.lower().startswith("arxiv:") and ids.is_arxiv_id(text[6:].strip()):
        arxiv_id = text[6:].strip()
    if arxiv_id:
        return Target("arxiv", arxiv=ids.strip_arxiv_version(arxiv_id))
    ieee = ids.ieee_document_from_url(text)
    if ieee:
        if given_doi is None:
            raise AddError("IEEE Xplore blocks automated requests and its metadata API needs a key: give the "
                           "paper's DOI too, e.g. --doi 10.1109/JPROC.2017.2761740", 2)
        return Target("ieee", doi=given_doi, ieee=ieee)
    doi_value = _bare_doi(text)
    if doi_value:
        return Target("doi", doi=doi_value)
    repo = ids.github_repo_from_url(text)
    if repo:
        return Target("github", repo=repo)
    raise AddError(f"'{text}' is not an arXiv id or link, a DOI or doi.org link, an IEEE Xplore link (with "
                   "--doi) or a GitHub repository link", 2)


# --- duplicates -----------------------------------------------------------------------------------------

def identity(url: object, arxiv_id: object, doi: object) -> set[Key]:
    """The keys under which the new entry would be the same paper as an existing one: the one rule of
    catalog.identity (validate's duplicates use it too), without the id, which add chooses itself."""
    return set(identity_keys(None, url, arxiv_id, doi))


SHOWN_KIND = {"arxiv": "arXiv id", "doi": "DOI", "url": "link"}


def shown_key(key: Key) -> str:
    """'arXiv id 2008.13006', 'DOI 10.1145/...', 'GitHub repository owner/repo', 'link https://...'."""
    kind, value = key_kind(key), key_value(key)
    if kind == "url" and value.startswith("github:"):
        return f"GitHub repository {value.removeprefix('github:')}"
    return f"{SHOWN_KIND.get(kind, kind)} {value}"


@dataclass(frozen=True)
class Existing:
    """An entry file as far as its identifiers go, read even when the file fails validation (an entry
    just added by `add` has no description yet, and must still count as a duplicate)."""

    id: str
    path: Path
    keys: frozenset[Key]


def existing_entries(entries_dir: Path) -> list[Existing]:
    found = []
    for path in entry_files(entries_dir.parent, []):
        data = read_document(path).data
        if not isinstance(data, dict):
            continue
        keys = identity(data.get("url"), data.get("arxiv"), data.get("doi"))
        found.append(Existing(path.stem, path, frozenset(keys)))
    return found


def find_duplicate(keys: set[Key], existing: Iterable[Existing]) -> tuple[Existing, str] | None:
    """The first existing entry sharing a key with `keys`, and what they share."""
    for entry in existing:
        shared = keys & entry.keys
        if shared:
            return entry, sorted(map(shown_key, shared))[0]
    return None


def refuse_duplicate(keys: set[Key], existing: Iterable[Existing]) -> None:
    found = find_duplicate(keys, existing)
    if found:
        entry, what = found
        raise AddError(f"the list already has this paper: entry '{entry.id}' ({entry.path}) has the same "
                       f"{what}; nothing written")


# --- categories -----------------------------------------------------------------------------------------

def category_menu(catalog: Catalog) -> list[str]:
    """Numbered lines, indented by depth: '  3. dedicated-hw - Dedicated HW'."""
    return [f"{'  ' * c.depth}{n:>3}. {c.id} - {c.title}" for n, c in enumerate(catalog.walk(), start=1)]


def check_category(category: str, catalog: Catalog) -> str:
    if catalog.category(category) is None:
        menu = "\n".join(category_menu(catalog))
        raise AddError(f"unknown category '{category}'; choose one of:\n{menu}", 2)
    return category


def ask_category(catalog: Catalog, title: str, read_line: Callable[[], str],
                 write: Callable[[str], None]) -> str:
    """Ask on the terminal; a number from the menu or an id is accepted. EOF or repeated nonsense aborts."""
    choices = [c.id for c in catalog.walk()]
    write("Categories:\n" + "\n".join(category_menu(catalog)) + "\n")
    for _ in range(MAX_PROMPTS):
        write(f"Category for \"{title}\" (number or id): ")
        answer = read_line()
        if answer == "":
            break
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        if answer in choices:
            return answer
        write(f"'{answer}' is neither a number from 1 to {len(choices)} nor a category id.\n")
    raise AddError("no category chosen; nothing written", 2)


# --- fetching -------------------------------------------------------------------------------------------

SERVICES = ("arxiv", "doi", "crossref", "github")
"""The services whose base URLs `add` takes as options (--arxiv-api ...); not every service of
sources.endpoints (the Wayback Machine is the link checker's alone)."""


@dataclass(frozen=True)
class Services:
    fetcher: Fetcher
    endpoints: Endpoints
    contact: str | None = None
    github_token: str | None = None


@dataclass(frozen=True)
class Fetched:
    fields: Fields
    hints: tuple[str, ...] = ()  # for the contributor writing the description


def github_hints(repo: github.GithubRepo) -> tuple[str, ...]:
    hints = []
    if repo.archived:
        hints.append("the repository is archived (read-only): say so in the description")
    if repo.description:
        hints.append(f"GitHub describes it as \"{repo.description}\"; write your own sentence")
    return tuple(hints)


def fetch_fields(target: Target, category: str, services: Services, today: date) -> Fetched:
    """The new entry's fields from the service that owns the identifier; AddError when it fails."""
    try:
        if target.kind == "arxiv":
            record = lookup.arxiv_record(services.fetcher, services.endpoints.arxiv, target.arxiv or "")
            if record is None:
                raise AddError(f"arXiv does not know {target.arxiv}; check the id. Nothing written.")
            return Fetched(from_arxiv(record, category, today))
        if target.kind in ("doi", "ieee"):
            work = lookup.crossref_work(services.fetcher, services.endpoints.crossref, target.doi or "",
                                        services.contact)
            if work is None:
                raise AddError(f"Crossref does not know the DOI {target.doi} (it may be registered "
                               "elsewhere, e.g. DataCite): copy data/entries/_template.yaml.example instead. "
                               "Nothing written.")
            url = target.url if target.kind == "ieee" else None
            return Fetched(from_crossref(work, category, today, url=url, ieee=target.ieee))
        owner, name = target.repo or ("", "")
        repo = lookup.github_repo(services.fetcher, services.endpoints.github, owner, name,
                                  token=services.github_token)
        if repo is None:
            raise AddError(f"GitHub has no public repository {'/'.join(target.repo)}. Nothing written.")
        return Fetched(from_github(repo, category, today), github_hints(repo))
    except UnusableAnswer as error:
        raise AddError(f"cannot use the metadata of {target.describe()}: {error}. Nothing written.") from error
    except SourceError as error:
        unreachable = isinstance(error.__cause__, requests.RequestException)
        advice = "Are you offline?" if unreachable else "The service may be busy; try again later."
        raise AddError(f"could not fetch the metadata of {target.describe()}: {error}. {advice} "
                       "Nothing written.") from error


# --- the new file ---------------------------------------------------------------------------------------

def entry_text(fields: Fields) -> str:
    return format_data(fields)


PLACEHOLDER_DESCRIPTION = "Placeholder for the check."


def remaining_problems(path: Path, fields: Fields, catalog: Catalog, today: date) -> list[Problem]:
    """The validator's verdict on the new entry on its own (duplicates are checked separately).

    The check runs with a placeholder description: without one the validator stops at the missing
    field and would not look at the fetched values (year range, DOI form, lengths) at all.
    """
    text = entry_text({**fields, "description": PLACEHOLDER_DESCRIPTION})
    _, problems, _ = check_text(text, path, EntryChecks.for_list(catalog, today, require_description=True))
    return [p for p in problems if p.is_error]


def still_missing(problems: list[Problem]) -> tuple[list[str], list[Problem]]:
    """Fields the contributor must still add (the description always), and real defects."""
    missing, defects = ["description"], []
    for problem in problems:
        if problem.code == "missing-field":
            missing.append(problem.message.split("'")[1])
        else:
            defects.append(problem)
    return missing, defects


def choose_id(fields: Fields, entries_dir: Path, catalog: Catalog) -> str:
    taken = {e.id for e in catalog.entries}
    if entries_dir.is_dir():
        taken |= {p.stem for p in entries_dir.iterdir()}
    return free_id(entry_id(fields), taken)


def create_new_file(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then link it into place: the file appears whole,
    and an existing file is never replaced (FileExistsError), even by a concurrent writer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temp_name, path)
    finally:
        Path(temp_name).unlink(missing_ok=True)


@contextlib.contextmanager
def entries_locked(entries_dir: Path) -> Iterator[None]:
    """An exclusive lock on the entries folder itself (flock on its descriptor: no lock file is left
    behind to be committed), released however the process ends."""
    entries_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(entries_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # waits: another `add` holds it for a few milliseconds only
        yield
    finally:
        os.close(fd)


def create_unless_duplicate(fields: Fields, entries_dir: Path, catalog: Catalog, text: str) -> Path:
    """Create the new entry file, unless an entry with the same identity appeared since the first check
    (another `add` running at the same time): the check, the choice of a free id and the creation happen
    under one lock, so two runs can never both pass the check. Returns the path written."""
    keys = identity(fields.get("url"), fields.get("arxiv"), fields.get("doi"))
    with entries_locked(entries_dir):
        refuse_duplicate(keys, existing_entries(entries_dir))
        path = entries_dir / f"{choose_id(fields, entries_dir, catalog)}.yaml"
        create_new_file(path, text)
    return path
