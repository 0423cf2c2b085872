"""Every tag in data/ comes from the one vocabulary documented in CONTRIBUTING.md."""

from __future__ import annotations

import re

from reference_sheets import ROOT


def documented_tags() -> set[str]:
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    section = text.split("\n## Tags\n", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    return {tag for line in table for tag in re.findall(r"`([a-z0-9][a-z0-9+.-]*)`", line.split("|")[2])}


def test_the_vocabulary_is_read_from_its_table():
    tags = documented_tags()
    assert {"pruning", "quantization", "early-exit", "archived", "pytorch"} <= tags
    assert "tags" not in tags  # the table's header is not a tag


def test_every_tag_in_data_is_documented(loaded):
    used = {tag for entry in loaded.catalog.entries for tag in entry.tags}
    assert sorted(used - documented_tags()) == []


def test_every_documented_tag_is_used(loaded):
    """A tag nobody uses is a typo waiting to happen: the table lists the vocabulary in use."""
    used = {tag for entry in loaded.catalog.entries for tag in entry.tags}
    assert sorted(documented_tags() - used) == []
