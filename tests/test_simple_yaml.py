"""The quick reader of entry files agrees with the full YAML parser whenever it answers, and answers for
the files the list is made of (else it would save nothing)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from awesome_approx.contribute.fmt import format_data, format_entry
from awesome_approx.load import Document, parse_document
from awesome_approx.model import Position
from awesome_approx.simple_yaml import read_simple
from workspace import FIXTURES, ROOT


def full_parse(text: str) -> Document:
    return parse_document(text.encode("utf-8"), Document(Path("x.yaml")), quick=False)


def assert_agrees(text: str) -> bool:
    """True when the quick reader answered; its answer must then be the full parser's, problem-free."""
    quick = read_simple(text)
    if quick is None:
        return False
    full = full_parse(text)
    assert full.problems == [], text
    assert quick == (full.data, full.positions), text
    return True


def utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False  # the encoding fixture: refused before any YAML reader sees it
    return True


YAML_FILES = sorted(path for path in [*ROOT.glob("data/**/*.yaml"), *FIXTURES.glob("**/*.yaml"),
                                      ROOT / "data/entries/_template.yaml.example"] if utf8(path))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_quick_reader_agrees_on_every_yaml_file_of_the_repository(path):
    assert_agrees(path.read_text("utf-8"))


def test_quick_reader_reads_every_entry_of_the_list_as_fmt_writes_it():
    entries = sorted((ROOT / "data/entries").glob("*.yaml"))
    assert len(entries) > 50
    refused = [p.name for p in entries if read_simple(format_entry(p.read_text("utf-8"))) is None]
    assert refused == []


def test_positions_of_fields_block_items_and_flow_items():
    text = "# modeline\ntitle: T  # note\nauthors:\n  -   A\n  - 'B'\ntags: [ x,y ,  z]\n"
    data, positions = read_simple(text)
    assert data == {"title": "T", "authors": ["A", "B"], "tags": ["x", "y", "z"]}
    assert positions[()] == Position(2, 1)
    assert positions[("authors", 0)] == Position(4, 7)
    assert positions[("authors", 1)] == Position(5, 5)
    assert [positions[("tags", i)] for i in range(3)] == [Position(6, 9), Position(6, 11), Position(6, 16)]
    assert assert_agrees(text)


def test_scalars_are_typed_as_yaml_types_them():
    data, _ = read_simple('year: 2020\nadded: 2026-11-25\narxiv: "2008.13006"\nvenue: ~\nid: x-1\n'
                          'quote: "say \\"hi\\" \\\\ now"\nsingle: \'it\'\'s\'\n')
    assert data == {"year": 2020, "added": "2026-11-25", "arxiv": "2008.13006", "venue": None, "id": "x-1",
                    "quote": 'say "hi" \\ now', "single": "it's"}


@pytest.mark.parametrize("text, why", [
    ("a: 1\na: 2\n", "duplicate key"),
    ("a: &x 1\nb: *x\n", "anchor and alias"),
    ("a: !foo 1\n", "tag"),
    ("a: !!str 1\n", "standard tag"),
    ("a: yes\n", "boolean"),
    ("a: 017\n", "YAML 1.1 octal"),
    ("a: 1.5\n", "float"),
    ("a: 1_000\n", "number with underscores"),
    ("a: 2026-02-30\n", "impossible date"),
    ("a: b\n  c\n", "multi-line plain scalar"),
    ("a: >\n  folded\n", "block scalar"),
    ("a: \"x\\ty\"\n", "escape other than quote and backslash"),
    ("a:\tb\n", "tab"),
    ("a: b\r\n", "carriage return"),
    ("a: b\u2028c\n", "YAML 1.1 line separator"),
    ("---\na: b\n", "document marker"),
    ("a:\n  b: c\n", "nested mapping"),
    ("- a\n- b\n", "a list document"),
    ("a: [x, [y]]\n", "nested flow list"),
    ("a: [x, ]\n", "empty flow item"),
    ("a: b: c\n", "mapping in a value"),
    ("a: b:\n", "value ending with a colon"),
    ("a:\n  - x\n    - y\n", "items at different indents"),
    ("a: x\n  - y\n", "item after a scalar"),
    ("# only a comment\n", "no field at all"),
    ("", "empty"),
    ('a: "x"y\n', "text after a closing quote"),
    ("a: 'x'#c\n", "comment without a space"),
    ("\ufeffa: b\n", "byte order mark"),
    ("a: -x\n", "plain scalar starting with an indicator"),
])
def test_quick_reader_leaves_everything_else_to_the_full_parser(text, why):
    assert read_simple(text) is None, why


def test_a_duplicate_key_is_still_reported_by_the_full_parser():
    doc = parse_document(b"title: A\ntitle: B\n", Document(Path("x.yaml")))
    assert [(p.code, p.line) for p in doc.problems] == [("duplicate-key", 2)]


# --- random documents ---------------------------------------------------------------------------------

TRICKY = " :#-?,[]{}&*!|>'\"%@`\\~.+0123456789abcyYnNtTfFoO_é\u00a0\U0001f600\t"
scalars = st.one_of(
    st.text(alphabet=TRICKY, max_size=12),
    st.sampled_from(["yes", "No", "on", "null", "~", "2020", "0", "007", "1.5", "1e3", ".inf", "2026-11-25",
                     "2026-02-30", "2026-1-5", "1:20", "0x1F", "<<", "=", "a: b", "a #b", "a:b", "http://x/y#z",
                     "", " ", "x ", "-", "- x", "[a]", "'q'", '"q"', "'it''s'", '"a\\"b"', '"a\\nb"']),
)
names = st.sampled_from(["title", "url", "year", "authors", "tags", "yes", "a-b", "_x", "on", "2020", "t itle"])


@st.composite
def yaml_lines(draw) -> str:
    kind = draw(st.sampled_from(["field", "field", "empty-field", "flow", "item", "item", "comment", "blank"]))
    if kind == "field":
        return f"{draw(names)}:{draw(st.sampled_from(['', ' ', '  ']))}{draw(scalars)}"
    if kind == "empty-field":
        return f"{draw(names)}:{draw(st.sampled_from(['', ' ', '  # c']))}"
    if kind == "flow":
        items = draw(st.lists(scalars, max_size=4))
        return f"{draw(names)}: [{draw(st.sampled_from([',', ', ', ' , '])).join(items)}]"
    if kind == "item":
        return f"{' ' * draw(st.integers(0, 3))}-{draw(st.sampled_from([' ', '  ', '']))}{draw(scalars)}"
    if kind == "comment":
        return f"{' ' * draw(st.integers(0, 2))}# {draw(scalars)}"
    return " " * draw(st.integers(0, 2))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(yaml_lines(), min_size=1, max_size=8))
@example(["title: T", "authors:", "  - A", "  - B", "tags: [x, y]"])
def test_quick_reader_agrees_with_the_full_parser_on_random_documents(lines):
    assert_agrees("\n".join(lines) + "\n")


entry_values = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({"title": entry_values, "url": entry_values, "category": entry_values,
                              "year": st.integers(1940, 2030), "authors": st.lists(entry_values, max_size=3),
                              "description": entry_values, "tags": st.lists(entry_values, max_size=3)}))
def test_quick_reader_agrees_on_whatever_fmt_writes(data):
    text = format_data(data)
    assert_agrees(text)


def test_every_plain_word_yaml_types_is_at_most_five_letters_long():
    # The quick reader takes longer plain scalars starting with a letter as text without asking PyYAML.
    from yaml.resolver import Resolver

    from awesome_approx.simple_yaml import LONGEST_WORD

    letters = [first for first in Resolver.yaml_implicit_resolvers if first and first.isalpha()]
    assert letters
    for first in letters:
        for _tag, pattern in Resolver.yaml_implicit_resolvers[first]:
            words = re.findall(r"[A-Za-z]+", pattern.pattern)
            assert max(len(word) for word in words) <= LONGEST_WORD, pattern.pattern
