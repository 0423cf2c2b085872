"""`awesome-approx add --from-issue FILE`: one new entry file from an issue opened with the 'Add an entry' form.

The issue body is untrusted text. It is read from a file (never from a command line or a script), parsed
strictly (contribute.issue_form), and each answer is checked before any service is asked:
- the identifier must be one `add` understands (arXiv id or link, DOI or doi.org link, GitHub repository);
- the category must exist, the description must be given, and description and tags must pass the entry
  schema and the validator's rules, the same ones every entry file passes;
- the paper must not be in the list already (the refusal names the entry).
Then `add` fetches the facts from the service, and the whole entry is validated once more before the file
is created (never over an existing one). The only file written is that entry. Every refusal is an
AddError whose message the workflow posts back on the issue.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from awesome_approx.catalog.model import Catalog
from awesome_approx.catalog.problems import Problem
from awesome_approx.contribute import add
from awesome_approx.contribute.issue_form import IssueAnswers, IssueBodyError, category_options, parse_issue_body
from awesome_approx.validate.entry import EntryChecks, check_text

MAX_BODY_BYTES = 64 * 1024  # GitHub caps an issue body at 65,536 characters
CHECKED_FIELDS = ("description", "tags", "category")


def read_answers(path: Path) -> IssueAnswers:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BODY_BYTES * 4 + 1)  # up to four bytes a character in UTF-8
    except OSError as error:
        raise add.AddError(f"cannot read the issue body {path}: {error.strerror}", 2) from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise add.AddError("the issue body is not UTF-8 text") from error
    if len(text) > MAX_BODY_BYTES:
        raise add.AddError(f"the issue body is longer than {MAX_BODY_BYTES} characters; nothing written")
    try:
        return parse_issue_body(text)
    except IssueBodyError as error:
        raise add.AddError(f"{error}; nothing written") from error


def category_id(answer: str | None, catalog: Catalog) -> str:
    """The id of the chosen dropdown option (or of a category id typed as such); AddError otherwise."""
    if answer is None:
        raise add.AddError("no category chosen; choose one in the issue form. Nothing written.")
    options = category_options(catalog)
    chosen = options.get(answer.strip()) or (answer.strip() if catalog.category(answer.strip()) else None)
    if chosen is None:
        raise add.AddError(f"unknown category {answer.strip()[:100]!r}; choose one of the form's options. "
                           "Nothing written.")
    return chosen


def entry_problems(fields: add.Fields, path: Path, catalog: Catalog, today: date,
                   only: tuple[str, ...] | None = None) -> list[Problem]:
    """The validator's errors for `fields` as an entry file at `path` (only those of the fields `only`)."""
    checks = EntryChecks.for_list(catalog, today, require_description=True)
    doc, problems, _ = check_text(add.entry_text(fields), path, checks)
    errors = [p for p in problems if p.is_error]
    if only is None:
        return errors
    lines = {doc.position_of(name).line for name in only if isinstance(doc.data, dict) and name in doc.data}
    return [p for p in errors if p.line in lines]


def _explain(problems: list[Problem]) -> str:
    return "; ".join(f"{p.message}" + (f" ({p.hint})" if p.hint else "") for p in problems)


def checked_request(answers: IssueAnswers, catalog: Catalog, entries_dir: Path, today: date
                    ) -> tuple[add.Target, str, add.Fields]:
    """The target, the category and the contributor's fields (description, tags), all checked."""
    if answers.identifier is None:
        raise add.AddError("no identifier or link given; nothing written")
    identifier = answers.identifier.strip()
    if "\n" in identifier or len(identifier) > 2000:
        raise add.AddError("the identifier must be one arXiv id, DOI or link on one line; nothing written")
    target = add.parse_target(identifier)
    if target.kind == "ieee":  # parse_target already refused an IEEE link without a DOI
        raise add.AddError("give the IEEE paper's DOI instead of its Xplore link; nothing written")
    category = category_id(answers.category, catalog)
    if answers.description is None:
        raise add.AddError("the description is missing: write one sentence in your own words in the issue "
                           "form. Nothing written.")
    own: add.Fields = {"category": category, "description": " ".join(answers.description.split())}
    if answers.tags:
        own["tags"] = list(answers.tags)
    probe = {"title": "Placeholder", "url": "https://example.org/", **own}
    problems = entry_problems(probe, entries_dir / "probe.yaml", catalog, today, only=CHECKED_FIELDS)
    if problems:
        raise add.AddError(f"the issue's answers do not make a valid entry: {_explain(problems)}. "
                           "Nothing written.")
    add.refuse_duplicate(add.identity(target.url, target.arxiv, target.doi), add.existing_entries(entries_dir))
    return target, category, own


def add_from_issue(body: Path, folder: Path, catalog: Catalog, services: add.Services, today: date) -> Path:
    """Create the entry the issue asks for; return its path. AddError (nothing written) otherwise."""
    entries_dir = folder / "entries"
    target, category, own = checked_request(read_answers(body), catalog, entries_dir, today)
    fields = add.fetch_fields(target, category, services, today).fields
    add.refuse_duplicate(add.identity(fields.get("url"), target.arxiv, fields.get("doi")),
                         add.existing_entries(entries_dir))
    fields = {**fields, **own}
    path = entries_dir / f"{add.choose_id(fields, entries_dir, catalog)}.yaml"
    problems = [p for p in entry_problems(fields, path, catalog, today) if p.code != "missing-field"]
    if problems:
        raise add.AddError(f"the fetched metadata and the issue's answers do not make a valid entry: "
                           f"{_explain(problems)}. Nothing written.")
    try:
        add.create_new_file(path, add.entry_text(fields))
    except FileExistsError as error:
        raise add.AddError(f"{path.name} appeared meanwhile; nothing written, try again") from error
    except OSError as error:
        raise add.AddError(f"cannot write {path}: {error.strerror}") from error
    return path
