"""Entry metadata against arXiv and Crossref: a warning only when no source agrees."""

from __future__ import annotations

import pytest

from awesome_approx.catalog.model import Entry
from awesome_approx.links.metadata import fold, mismatches

ENTRY = Entry(id="x", title="Efficient Processing of Deep Neural Networks: A Tutorial and Survey", url="u",
              category="c", year=2017, authors=("Vivienne Sze", "Yu-Hsin Chen"))
ARXIV = {"source": "arxiv", "title": "Efficient Processing of Deep Neural Networks: A Tutorial and Survey",
         "authors": ["Vivienne Sze"], "year": 2017, "version": "v2"}


def record(**changes):
    return {**ARXIV, **changes}


@pytest.mark.parametrize(("records", "expected"), [
    ([ARXIV], []),
    ([record(title="Efficient processing of deep neural networks - a tutorial and survey")], []),
    ([record(title="Efficient Processing of Deep Neural Networks: A Tutorial and Surveys")], ["title"]),
    ([record(year=2016)], []),  # posted a year before publication
    ([record(year=2014)], ["year"]),
    ([record(authors=["Joel Emer"])], ["first author"]),
    ([record(title="Other"), {"source": "crossref", "title": ENTRY.title, "year": 2017}], []),  # one agrees
    ([], []),
])
def test_mismatch_rules(records, expected):
    messages = [w.message for w in mismatches(ENTRY, records)]
    assert len(messages) == len(expected)
    for message, start in zip(messages, expected, strict=True):
        assert message.startswith(start)


def test_crossref_year_allows_online_first_but_not_more():
    crossref = {"source": "crossref", "title": ENTRY.title, "year": 2018}
    assert mismatches(ENTRY, [crossref]) == []
    assert mismatches(ENTRY, [{**crossref, "year": 2019}])[0].message.startswith("year 2017")


def test_fold_ignores_case_accents_punctuation():
    assert fold("Schröder's  Über-Net: A Study!") == fold("schroders uber net a study")
    assert fold("Where We've Been") == fold("Where We\u2019ve Been")
