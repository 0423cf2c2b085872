"""The strict YAML reader: positions kept, surprises refused, never an exception for bad input."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_approx.catalog.model import Position
from awesome_approx.load.document import MAX_FILE_BYTES, Document, parse_document, read_document


def parse(text: bytes):
    return parse_document(text, Document(Path("x.yaml")))


def test_positions_of_fields_and_list_items_are_one_based():
    doc = parse(b"# comment\ntitle: T\nauthors:\n  - A\n  - B\n")
    assert doc.data == {"title": "T", "authors": ["A", "B"]}
    assert doc.position_of("title") == Position(2, 1)
    assert doc.position_of("authors", 1) == Position(5, 5)
    assert doc.position_of("authors", 7) == Position(3, 1)  # no such item: the field that holds the list
    assert doc.field_positions() == {"": (2, 1), "title": (2, 1), "authors": (3, 1)}


def test_positions_at_any_depth_and_of_a_key_given_twice():
    doc = parse(b"- id: a\n  children:\n    - id: b\n      id: c\n")
    assert doc.position_of(0, "children", 0) == Position(3, 7)
    assert doc.position_of(0, "children", 0, "id") == Position(4, 7)  # the last one, as in the data
    assert doc.data == [{"id": "a", "children": [{"id": "c"}]}]


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


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_too_large(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n")
    assert read_document(path).data == {"a": "x" * (MAX_FILE_BYTES - 4)}
    path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES - 3) + b"\n")
    assert [p.code for p in read_document(path).problems] == ["file-too-large"]


def test_a_pipe_is_read_in_full_although_its_size_says_zero(tmp_path):
    pipe = tmp_path / "categories.yaml"
    os.mkfifo(pipe)
    text = b"".join(b"- id: c%d\n  title: T\n" % i for i in range(2000))  # more than a pipe's buffer
    writer = threading.Thread(target=pipe.write_bytes, args=(text,))
    writer.start()
    doc = read_document(pipe)
    writer.join()
    assert len(doc.data) == 2000 and doc.problems == []
