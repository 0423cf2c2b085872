"""The rules one entry must follow beyond its schema, as a table: one row per rule.

Each `Rule` names the field it looks at (its position is where the problem is reported; "" is the file
itself), when it is broken, and the problem's stable code, message and hint. Messages and hints are
templates filled with `{value}`, `{field}`, `{name}` (the file name), `{stem}` and `{max_year}`, or
functions of (value, context) where a template cannot say it. A rule is asked only when its field holds
a value of the rule's `kind` (wrong types are the schema's to report); kind None also asks it when the
field is absent (value MISSING). Adding a field or a rule is one row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from awesome_approx.catalog import identifiers as ids
from awesome_approx.catalog.entry_ids import is_valid_id
from awesome_approx.catalog.model import CITATION
from awesome_approx.catalog.problems import ERROR, WARNING, Problem
from awesome_approx.load.document import Document
from awesome_approx.net.safety import unreachable_host_reason
from awesome_approx.validate.schema import DESCRIPTION_HINT, close_matches

MIN_YEAR = 1940
DESCRIPTION_END = (".", "!", "?", "…", "。", "！", "？")
WHITESPACE = re.compile(r"\s")
MISSING = object()
"""The value of an absent field, for rules with kind None."""


class Context(NamedTuple):
    """What a rule may consult besides the value: the whole entry and the list's settings. (A named tuple:
    one is built per entry, at a third of a frozen dataclass's cost: 0.22 against 0.62 us.)"""

    data: dict[str, Any]
    stem: str  # the file name without .yaml: the entry's id
    name: str  # the file name
    styles: dict[str, str]  # category id -> style, for every category of the tree
    max_year: int
    require_description: bool


Text = str | Callable[[Any, Context], str]


@dataclass(frozen=True)
class Rule:
    field: str
    broken: Callable[[Any, Context], bool]
    code: str
    message: Text
    hint: Text = ""
    severity: str = ERROR
    kind: type | tuple[type, ...] | None = str


# --- predicates and texts that need more than a line -----------------------------------------------------

def _malformed_link(value: str) -> bool:
    """Host missing or whitespace inside (urlsplit accepts both)."""
    return bool(WHITESPACE.search(value)) or "://" not in value or not value.split("://", 1)[1].split("/", 1)[0]


def _unreachable(value: str) -> str | None:
    return unreachable_host_reason(ids.url_host(value))


@lru_cache(maxsize=64)
def link_fault(value: str) -> str | None:
    """The code of the first thing wrong with a link: a scheme other than http(s), then a missing host or
    spaces, then a host no reader can reach; None for a good link. The three link rules of a field each
    ask it, and the cache makes that one look per link (the three rules used to repeat each other's
    checks: 0.03 s of `validate --no-cache` at 10,000 entries)."""
    if not ids.is_web_link(value):
        return "bad-url-scheme"
    if _malformed_link(value):
        return "bad-url"
    if _unreachable(value) is not None:
        return "private-address"
    return None


def _scheme_shown(value: str, _: Context) -> str:
    scheme = ids.url_scheme(value)
    return f"'{scheme}:'" if scheme else "no scheme"


def _category_hint(value: str, ctx: Context) -> str:
    close = close_matches(value, list(ctx.styles), n=1)
    return (f"did you mean '{close[0]}'? " if close else "") + "valid categories: " + ", ".join(ctx.styles)


def _doi_hint(value: str, _: Context) -> str:
    from_url = ids.doi_from_url(value)
    return f"write the bare DOI: doi: {from_url}" if from_url else "a DOI looks like 10.1145/3309551"


def _capital_hint(value: str, _: Context) -> str:
    stripped = value.strip()
    return f"write '{stripped[0].upper()}{stripped[1:20]}...'"


def _starts_lower_case(value: str) -> bool:
    """Only scripts with capitals can miss one: Chinese or Japanese text starts with neither case."""
    stripped = value.strip()
    return bool(stripped) and stripped[0].islower()


def _is_citation(ctx: Context) -> bool:
    return ctx.styles.get(ctx.data.get("category")) == CITATION  # type: ignore[arg-type]


def _link_rules(field: str) -> tuple[Rule, ...]:
    return (
        _link_rule(field, "bad-url-scheme",
                   lambda v, ctx: f"{field} has {_scheme_shown(v, ctx)}; only http and https links are allowed",
                   "write the full link starting with https://"),
        _link_rule(field, "bad-url", "{field} '{value}' is not a valid link (host missing or spaces inside)",
                   "percent-encode spaces as %20"),
        _link_rule(field, "private-address",
                   lambda v, _: f"{field} '{v}' points at {_unreachable(v)}, which no reader can open",
                   "link to the public page of the paper or project"),
    )


def _link_rule(field: str, code: str, message: Text, hint: Text) -> Rule:
    """The rule broken when `code` is what link_fault finds in the field's link."""
    return Rule(field, lambda v, _: link_fault(v) == code, code, message, hint)


RULES: tuple[Rule, ...] = (
    Rule("", lambda v, ctx: not is_valid_id(ctx.stem), "bad-id", "file name '{name}' is not a valid entry id",
         "use lowercase letters, digits, - and _ (BibTeX-key style, e.g. guo2020accelerating)", kind=object),
    Rule("id", lambda v, ctx: v != ctx.stem, "id-mismatch", "id '{value}' does not match the file name '{stem}'",
         "rename the file to {value}.yaml or set id: {stem}", kind=object),
    Rule("category", lambda v, ctx: v not in ctx.styles, "unknown-category", "unknown category '{value}'",
         _category_hint),
    *_link_rules("url"),
    *_link_rules("code"),
    Rule("arxiv", lambda v, _: not ids.is_arxiv_id(v), "bad-arxiv", "'{value}' is not a well-formed arXiv id",
         "new style is YYMM.NNNNN (e.g. '2008.13006'), old style archive/YYMMNNN (e.g. 'hep-th/9901001'), "
         "optionally with a version such as v2"),
    Rule("doi", lambda v, _: not ids.is_doi(v), "bad-doi", "'{value}' is not a well-formed DOI", _doi_hint),
    Rule("ieee", lambda v, _: not ids.is_ieee_document(v), "bad-ieee",
         "'{value}' is not an IEEE Xplore document number",
         "give the number from ieeexplore.ieee.org/document/NUMBER, quoted"),
    Rule("ieee", lambda v, ctx: bool(v) and not ctx.data.get("doi"), "ieee-without-doi",
         "an IEEE Xplore paper without a DOI cannot be verified (IEEE blocks automated checks)",
         "add the paper's doi: field", WARNING, kind=object),
    Rule("url", lambda v, ctx: not ctx.data.get("doi") and not ctx.data.get("ieee")
         and bool(ids.ieee_document_from_url(v)), "ieee-without-doi",
         "an IEEE Xplore paper without a DOI cannot be verified (IEEE blocks automated checks)",
         "add the paper's doi: field", WARNING),
    Rule("year", lambda v, ctx: not MIN_YEAR <= v <= ctx.max_year, "year-range",
         f"year {{value}} is outside {MIN_YEAR}..{{max_year}}", kind=int),
    Rule("description", lambda v, _: v != v.strip(), "description-style",
         "description has leading or trailing spaces"),
    Rule("description", lambda v, _: _starts_lower_case(v), "description-style",
         "description must start with a capital letter", _capital_hint),
    Rule("description", lambda v, _: bool(v.strip()) and not v.strip().endswith(DESCRIPTION_END),
         "description-style", "description must end with punctuation (. ! ?)", "end the sentence with a period"),
    Rule("description", lambda v, ctx: v is MISSING and not ctx.require_description, "missing-description",
         "the entry has no description", DESCRIPTION_HINT, WARNING, kind=None),
    *(Rule(needed, lambda v, ctx: v is MISSING and _is_citation(ctx), "missing-field",
           lambda v, ctx, needed=needed: f"'{needed}' is required for a paper in '{ctx.data.get('category')}'",
           "papers are cited as '2019 [Title](url), Wang & al.'", kind=None)
      for needed in ("year", "authors")),
)


def _filled(text: Text, value: Any, field: str, ctx: Context) -> str:
    if callable(text):
        return text(value, ctx)
    return text.format(value=value, field=field, name=ctx.name, stem=ctx.stem, max_year=ctx.max_year)


def rule_problems(doc: Document, ctx: Context) -> Iterable[Problem]:
    """A problem for every rule of RULES the entry breaks, at the rule's field."""
    for rule in RULES:
        value = ctx.stem if rule.field == "" else ctx.data.get(rule.field, MISSING)
        if rule.kind is not None and (value is MISSING or not isinstance(value, rule.kind)):
            continue
        if rule.broken(value, ctx):
            at = (rule.field,) if rule.field and value is not MISSING else ()
            yield doc.problem(rule.code, _filled(rule.message, value, rule.field, ctx),
                              _filled(rule.hint, value, rule.field, ctx), at=at, severity=rule.severity)
