"""GitHub heading slugs, checked against anchors GitHub itself produces."""

from __future__ import annotations

import pytest

from awesome_approx.render.toc import Slugger, github_slug


@pytest.mark.parametrize(("heading", "slug"), [
    ("Best Surveys", "best-surveys"),
    ("Structured - Sub-kernel", "structured---sub-kernel"),
    ("Structured - Hardware Friendly Structure", "structured---hardware-friendly-structure"),
    ("C++ & Rust!", "c--rust"),
    ("What's new?", "whats-new"),
    ("snake_case stays", "snake_case-stays"),
    ("Über Straße", "über-straße"),
    ("Emoji 🚀 rocket", "emoji--rocket"),
    ("  Leading spaces", "--leading-spaces"),
    ("1.2.3 release", "123-release"),
])
def test_github_slug(heading, slug):
    assert github_slug(heading) == slug


def test_repeated_headings_get_numbered_suffixes():
    slugger = Slugger()
    assert [slugger.slug("Pruning") for _ in range(3)] == ["pruning", "pruning-1", "pruning-2"]


def test_a_heading_named_like_a_suffixed_slug_does_not_collide():
    slugger = Slugger()
    assert [slugger.slug(t) for t in ("a", "a", "a-1")] == ["a", "a-1", "a-1-1"]
