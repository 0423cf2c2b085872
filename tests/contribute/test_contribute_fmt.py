"""fmt: the canonical form of entry files, comments kept, idempotent; the command's --check and refusals."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
import yaml
from contribute_support import snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_approx.catalog.model import ENTRY_FIELDS
from awesome_approx.contribute.fmt import MODELINE, FormatError, format_data, format_entry

MESSY = """\
# Checked against the PDF by hand.
description: Does a thing.   # keep it short
tags:
  - pruning
  - gpu
arxiv: 2008.13006
# the published title
title: 'Accelerating Sparse DNN Models: Tile-Wise'
authors: [Cong Guo,   Bo Yang Hsueh]   # first two only
year: 2020
url: "https://arxiv.org/abs/2008.13006"
ieee: '8114708'
added: 2020-09-01
category: structured-hardware-friendly
"""

CANONICAL = f"""\
{MODELINE}
# Checked against the PDF by hand.
# the published title
title: "Accelerating Sparse DNN Models: Tile-Wise"
url: https://arxiv.org/abs/2008.13006
category: structured-hardware-friendly
year: 2020
authors:   # first two only
  - Cong Guo
  - Bo Yang Hsueh
arxiv: "2008.13006"
ieee: "8114708"
description: Does a thing.   # keep it short
tags: [pruning, gpu]
added: 2020-09-01
"""


def test_messy_file_becomes_canonical() -> None:
    source = MESSY.replace("arxiv: 2008.13006", "arxiv: '2008.13006'")
    assert format_entry(source) == CANONICAL


def test_a_value_keeps_its_type_even_when_it_is_wrong() -> None:
    # Unquoted, 2008.13006 is a number: quoting it would change the data, so fmt leaves it for the
    # validator to report (and the command does not format files that fail validation anyway).
    assert "\narxiv: 2008.13006\n" in format_entry(MESSY)


def test_the_safety_net_refuses_output_that_would_change_the_data(monkeypatch) -> None:
    from awesome_approx.contribute import fmt

    monkeypatch.setattr(fmt, "_plain_is_safe", lambda text, flow: True)  # a deliberately broken rule
    with pytest.raises(FormatError, match="change the data"):
        format_entry("title: 'yes'\nurl: https://x.org\n")


def test_canonical_text_is_left_alone() -> None:
    assert format_entry(CANONICAL) == CANONICAL


def test_comments_inside_lists_stay_with_their_item() -> None:
    text = "title: T\nauthors:\n  # lead author\n  - A   # corresponding\n  - B\nurl: https://x.org\n"
    assert format_entry(text) == (
        f"{MODELINE}\ntitle: T\nurl: https://x.org\n"
        "authors:\n  # lead author\n  - A   # corresponding\n  - B\n")


def test_a_hash_inside_a_value_is_not_a_comment() -> None:
    text = 'title: "C# and #hashtags # here"\nurl: https://x.org/#frag\n'
    assert format_entry(text) == f'{MODELINE}\ntitle: "C# and #hashtags # here"\nurl: https://x.org/#frag\n'


def test_the_modeline_is_put_first_and_never_doubled() -> None:
    text = "title: T\n# yaml-language-server: $schema=elsewhere.json\nurl: https://x.org\n"
    assert format_entry(text).splitlines()[:2] == [MODELINE, "title: T"]
    assert format_entry(text).count("yaml-language-server") == 1


@pytest.mark.parametrize("value", ["2020", "yes", "null", "- x", "[a]", "a: b", " lead", "trail ", "x #y",
                                   "line\nbreak", "tab\there", "é\x85next", "'quoted'", "@at", "%pc"])
def test_strings_that_plain_yaml_would_misread_are_double_quoted(value: str) -> None:
    text = format_data({"title": value, "url": "https://x.org"})
    assert yaml.safe_load(text)["title"] == value


def test_non_mapping_files_are_refused() -> None:
    for text in ("- a\n- b\n", "just text\n", "title: [unclosed\n", "a:\n  b: c\n", "{}\n", "", "# only\n"):
        with pytest.raises(FormatError):
            format_entry(text)


# --- property: idempotent, data kept, comments kept --------------------------------------------------------

free_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff"), min_size=1,
                    max_size=40)
comment_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                     blacklist_characters="\ufeff\x85"), max_size=30).map(lambda s: s.strip())
VALUES = {
    "title": free_text, "url": free_text, "category": free_text, "venue": free_text, "doi": free_text,
    "code": free_text, "description": free_text, "arxiv": st.from_regex(r"\A\d{4}\.\d{5}\Z"),
    "ieee": st.from_regex(r"\A\d{1,9}\Z"), "year": st.integers(1940, 2030),
    "authors": st.lists(free_text, min_size=1, max_size=4),
    "tags": st.lists(st.from_regex(r"\A[a-z0-9][a-z0-9+.-]{0,8}\Z"), max_size=4),
    "added": st.dates(date(2000, 1, 1), date(2030, 12, 31)),
}


@st.composite
def entry_files(draw) -> tuple[str, list[str]]:
    """An entry file with comments everywhere fmt keeps them, and those comments (a value may hold '# '
    too, which is no comment: the test must not look for it by pattern)."""
    comments: list[str] = []

    def comment() -> str:
        text = f"# {draw(comment_text)}"
        comments.append(text.rstrip())
        return text

    names = draw(st.permutations(list(VALUES)))
    names = names[: draw(st.integers(1, len(names)))]
    lines = [comment()] if draw(st.booleans()) else []
    for name in names:
        value = draw(VALUES[name])
        if draw(st.booleans()):
            lines.append(comment())
        style = draw(st.sampled_from([None, '"', "'"]))
        dumped = yaml.safe_dump({name: value}, default_style=style if name not in ("year", "added") else None,
                                default_flow_style=None if isinstance(value, list) and draw(st.booleans())
                                else False, allow_unicode=True, width=10**6)
        field_lines = dumped.rstrip("\n").split("\n")
        if len(field_lines) == 1 and draw(st.booleans()):
            field_lines[0] += "  " + comment()
        for index, line in enumerate(field_lines):
            # Inside a block list: comments above items, and after items that fit on one line.
            if index and line.startswith("- ") and draw(st.booleans()):
                lines.append("  " + comment())
            single = index + 1 == len(field_lines) or field_lines[index + 1].startswith("- ")
            if index and line.startswith("- ") and single and draw(st.booleans()):
                line += "   " + comment()
            lines.append(line)
    return "\n".join(lines) + "\n", comments


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entry_files())
def test_formatting_is_idempotent_and_keeps_data_and_comments(file: tuple[str, list[str]]) -> None:
    text, comments = file
    formatted = format_entry(text)
    assert format_entry(formatted) == formatted
    assert yaml.safe_load(formatted) == yaml.safe_load(text)
    assert formatted.startswith(MODELINE + "\n") and formatted.endswith("\n")
    keys = [k for k in yaml.safe_load(formatted)]
    assert keys == [f for f in ENTRY_FIELDS if f in keys]
    for comment in set(comments) - {"#"}:
        assert comment in formatted


# --- the command ---------------------------------------------------------------------------------------

def write(data: Path, name: str, text: str) -> Path:
    # MESSY describes the same paper as the seed's guo2020accelerating: drop that one to avoid a duplicate.
    (data / "entries" / "guo2020accelerating.yaml").unlink(missing_ok=True)
    path = data / "entries" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messy_valid_entry() -> str:
    return MESSY.replace("arxiv: 2008.13006", "arxiv: '2008.13006'").replace(
        "ieee: '8114708'\n", "doi: 10.5555/example.1\n")


def test_fmt_check_lists_files_and_changes_nothing(cli, data: Path) -> None:
    write(data, "guo2020tile", messy_valid_entry())
    before = snapshot(data)
    ran = cli("fmt", "--check")
    assert ran.code == 1
    assert "guo2020tile.yaml" in ran.out
    assert snapshot(data) == before


def test_fmt_rewrites_then_has_nothing_left_to_do(cli, data: Path) -> None:
    path = write(data, "guo2020tile", messy_valid_entry())
    assert cli("validate").code == 0
    ran = cli("fmt")
    assert ran.code == 0 and "guo2020tile.yaml" in ran.out
    assert path.read_text(encoding="utf-8").startswith(MODELINE + "\n# Checked against the PDF by hand.\n")
    assert cli("validate").code == 0
    again = cli("fmt", "--check")
    assert again.code == 0 and again.out == ""
    assert not list((data / "entries").glob(".*.tmp"))


def test_fmt_never_rewrites_a_file_that_fails_validation(cli, data: Path) -> None:
    path = write(data, "broken2020x", "tags: [a, b]\ntitle: T\nyear: twenty\n")
    before = path.read_bytes()
    ran = cli("fmt")
    assert ran.code == 1
    assert "broken2020x.yaml" in ran.err and "fail validation" in ran.err
    assert path.read_bytes() == before


@settings(max_examples=1000, deadline=None)
@given(st.text(min_size=1, max_size=20), st.booleans())
def test_the_quick_plain_check_never_says_yes_wrongly(text: str, flow: bool) -> None:
    from awesome_approx.contribute import fmt

    if fmt._surely_plain(text, flow=flow):
        probe = f"k: [{text}]" if flow else f"k: {text}"
        expected = {"k": [text] if flow else text}
        assert yaml.load(probe, Loader=yaml.SafeLoader) == expected
        assert yaml.load(probe, Loader=yaml.CSafeLoader) == expected


FUZZ_PIECES = ["title", "url", "authors", "tags", ":", " ", "\n", "  ", "- ", "#", "# c", "[", "]", "{", "}",
               ",", "'", '"', "x", "2020", "|", ">", "&a", "*a", "!!str", "!!int", "---", "...", "\t", "é",
               "? ", "\\", "%YAML 1.1\n", "\r\n", "\x85", "<<", "~", "null", "\ntitle: ", "\n  - ",
               "\nauthors:\n", "\nurl: ", "\ntags: ", "\nyear: "]


def test_garbage_never_crashes_and_what_formats_is_stable() -> None:
    """Seeded fuzzing: YAML-ish garbage either formats idempotently or raises FormatError, nothing else."""
    rng = random.Random(5)
    formatted = 0
    for _ in range(4000):
        text = "".join(rng.choice(FUZZ_PIECES) for _ in range(rng.randint(1, 25)))
        try:
            result = format_entry(text)
        except FormatError:
            continue
        formatted += 1
        assert format_entry(result) == result, text
    assert formatted > 50  # the fuzzing also reached the formatter, not only the parser


def test_fmt_takes_file_names_as_pre_commit_passes_them(cli, data: Path) -> None:
    messy = write(data, "guo2020tile", messy_valid_entry())
    other = data / "entries" / "wang2019deep.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("title: ", "title:   "), encoding="utf-8")
    before_other = other.read_bytes()
    ran = cli("fmt", str(messy), str(data / "categories.yaml"), "README.md")
    assert ran.code == 0, ran.err
    assert messy.read_text(encoding="utf-8").startswith(MODELINE)
    assert other.read_bytes() == before_other  # not named, not touched
    assert cli("fmt", "--check", str(other)).code == 1
