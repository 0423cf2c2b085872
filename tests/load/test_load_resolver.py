"""The entry loader's resolver gives every node the tag PyYAML's safe loader gives it."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_approx.load.document import LOADER, SafeLoader, _compose, _Loader

# One of each kind the safe resolver tells apart, and the near misses of each.
SCALARS = [
    "", "~", "null", "Null", "NULL", "nul", "true", "True", "TRUE", "yes", "No", "off", "On", "y", "n", "tru",
    "0", "-1", "+12", "0x1F", "0o17", "017", "0b101", "1_000", "190:20:30", "1.5", "-.5", "+1e3", "1e3",
    ".inf", "-.Inf", ".NaN", "6.8523015e+5", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10", "2001-13-45", "<<", "=", "Title: with colon", "https://example.org/x?a=1",
    "2008.13006", "10.1145/3309551", "Quantized Neural Networks", "- item", "é", "0.", "._", "1_2.3_4",
]


def tags(text: str, loader: type) -> list[str]:
    def walk(node: yaml.Node) -> list[str]:
        found = [node.tag]
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                found += walk(item)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found += walk(key) + walk(value)
        return found

    node = yaml.compose(text, Loader=loader)
    return [] if node is None else walk(node)


def test_the_registry_is_plain_enough_for_the_quick_resolver():
    assert LOADER is _Loader  # with a registry it does not cover, the safe loader itself would be used


def test_every_kind_of_scalar_gets_the_safe_loaders_tag_plain_and_quoted():
    for value in SCALARS:
        for text in (f"{value}\n" if value else "''\n", f"k: {value}\n", f"- {value}\n", f"{value or 'x'}: v\n",
                     f"k: '{value}'\n", f'k: "{value}"\n', f"k: [{value}]\n", f"{{k: {value}}}\n"):
            try:
                expected = tags(text, SafeLoader)
            except yaml.YAMLError:
                continue
            assert tags(text, _Loader) == expected, text


def test_an_entry_file_gets_the_same_tags_and_the_same_nodes():
    text = ("title: Deep Compression\nyear: 2016\nauthors:\n  - Song Han\narxiv: '1510.00149'\n"
            "added: 2026-11-25\nopen: yes\nnothing:\nflow: {a: 1, b: [x, 2.5]}\n")
    assert tags(text, _Loader) == tags(text, SafeLoader)
    assert _compose(text).value[1][1].tag == "tag:yaml.org,2002:int"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12))
def test_any_plain_value_gets_the_safe_loaders_tag(value: str):
    text = f"k: {value}\n"
    try:
        expected = tags(text, SafeLoader)
    except yaml.YAMLError:
        return
    assert tags(text, _Loader) == expected
