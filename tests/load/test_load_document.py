"""The strict YAML reader: positions kept, surprises refused, never an exception for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_approx.catalog.model import Position
from awesome_approx.load.document import Document, parse_document, read_document


def parse(text: bytes):
    return parse_document(text, Document(Path("x.yaml")))


def test_positions_of_fields_and_list_items_are_one_based():
    doc = parse(b"# comment\ntitle: T\nauthors:\n  - A\n  - B\n")
    assert doc.data == {"title": "T", "authors": ["A", "B"]}
    assert doc.positions[("title",)] == Position(2, 1)
    assert doc.positions[("authors", 1)] == Position(5, 5)


def test_dates_become_iso_text_and_numbers_stay_numbers():
    doc = parse(b"added: 2024-01-02\nyear: 2019\narxiv: 2008.13006\n")
    assert doc.data == {"added": "2024-01-02", "year": 2019, "arxiv": 2008.13006}


def test_alias_is_refused_at_its_position():
    doc = parse(b"a: &x 1\nb: *x\n")
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("yaml-anchor", 1, 4), ("yaml-anchor", 2, 4)]
    assert doc.data is None


def test_custom_tag_is_refused():
    doc = parse(b"a: !foo 1\n")
    assert [(p.code, p.message) for p in doc.problems] == [("yaml-tag", "YAML tag '!foo' is not allowed")]


def test_duplicate_keys_in_nested_mappings_are_found():
    doc = parse(b"a:\n  b: 1\n  b: 2\n")
    assert [(p.code, p.line) for p in doc.problems] == [("duplicate-key", 3)]


def test_nul_byte_and_control_characters_are_problems():
    assert [p.code for p in parse(b"a: \x00\n").problems] == ["encoding"]
    assert [p.code for p in parse(b"a: \x07\n").problems] == ["yaml-syntax"]


def test_deep_nesting_is_a_problem_not_a_crash():
    (problem,) = parse(b"[" * 5000).problems
    assert problem.code == "yaml-syntax"


def test_unreadable_path_is_a_problem(tmp_path):
    doc = read_document(tmp_path / "missing.yaml")
    assert [p.code for p in doc.problems] == ["unreadable"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw):
    doc = parse(raw)  # the assertion is that this returns; problems always carry a real position
    assert all(p.line >= 1 and p.column >= 1 and p.code for p in doc.problems)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises(text):
    doc = parse(text.encode("utf-8"))
    assert all(p.line >= 1 and p.column >= 1 and p.code for p in doc.problems)


@pytest.mark.parametrize("raw", [b"{[1]: 2}", b"? [a, b]\n: c\n", b"a: !!binary AAAA\n", b"a: 1e999\n"])
def test_odd_but_valid_yaml_does_not_raise(raw):
    parse(raw)
