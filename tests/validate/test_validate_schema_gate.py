"""The schema's fast yes/no gate (jsonschema-rs) never lets through what jsonschema would report: a yes
from the gate skips jsonschema, so a gate more lenient than jsonschema would hide problems."""

from __future__ import annotations

import math

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_approx.validate.schema import _fast_schema_check, entry_schema

VALID = {"title": "T", "url": "https://example.org/p", "category": "c", "year": 2020, "authors": ["A B"],
         "tags": ["fpga"], "added": "2026-11-25", "description": "A paper."}


def full_validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(entry_schema(), format_checker=jsonschema.FormatChecker(["date"]))


def gate_and_full(data: dict) -> tuple[bool, bool]:
    return _fast_schema_check().is_valid(data), not list(full_validator().iter_errors(data))


@pytest.mark.parametrize("change", [
    {"year": math.nan}, {"year": math.inf}, {"year": True}, {"year": "2020"}, {"added": "2020-02-30"},
    {"added": "20200101"}, {"added": "2020-01-01\n"}, {"tags": ["a", "a"]}, {"tags": [1]}, {"tags": ["A"]},
    {"title": ""}, {"title": "é" * 501}, {"authors": []}, {"authors": [""]}, {"venue": None},
    {"unknown": 1}, {"description": "\U0001F600" * 1001}, {"id": "-x"},
])
def test_the_gate_refuses_every_entry_jsonschema_reports(change: dict) -> None:
    assert gate_and_full({**VALID, **change}) == (False, False)


@pytest.mark.parametrize("change", [{}, {"year": 10**30}, {"year": 2020.0}, {"title": "é" * 500},
                                    {"description": "\U0001F600" * 1000}, {"title": "a\x00b"}])
def test_the_gate_passes_valid_entries(change: dict) -> None:
    assert gate_and_full({**VALID, **change}) == (True, True)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                    st.sampled_from(["2020-01-01", "2020-13-01", "fpga", "FPGA", "", "x" * 501]))
values = st.one_of(scalars, st.lists(scalars, max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([*VALID, "id", "venue", "arxiv", "doi", "ieee", "code", "other"]), values))
def test_whatever_the_gate_passes_jsonschema_passes_too(changes: dict) -> None:
    gate, full = gate_and_full({**VALID, **changes})
    assert full or not gate
