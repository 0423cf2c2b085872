"""Unmaintained code: the link cache's view of each entry's repository becomes a README note and a site
badge; the renderers stay pure (they are given the ids)."""

from __future__ import annotations

from pathlib import Path

from awesome_approx.links.cache import LinkCache
from awesome_approx.links.results import ARCHIVED, DEAD, OK, LinkWarning, Result
from awesome_approx.links.unmaintained import archived_entries
from awesome_approx.render.pages import SiteOptions, category_path, render_pages
from awesome_approx.render.readme import entry_line, render_readme
from awesome_approx.validate import load_catalog

ROOT = Path(__file__).resolve().parents[2]


def cache_with(results: dict[str, Result], path: Path | None = None) -> LinkCache:
    cache = LinkCache(path)
    for key, result in results.items():
        cache.record(key, result, 1000.0)
    return cache


def test_archived_or_gone_repositories_are_found_in_the_cache(data: Path) -> None:
    catalog = load_catalog(data).catalog  # nemo: url is github.com/pulp-platform/nemo
    archived = Result(OK, "exists", warnings=(LinkWarning(ARCHIVED, "archived"),))
    assert archived_entries(catalog, cache_with({"github:pulp-platform/nemo": archived})) == {"nemo"}
    assert archived_entries(catalog, cache_with({"github:pulp-platform/nemo": Result(DEAD, "404")})) == {"nemo"}
    assert archived_entries(catalog, cache_with({"github:pulp-platform/nemo": Result(OK, "exists")})) == set()
    assert archived_entries(catalog, LinkCache(None)) == set()


def test_the_readme_line_carries_the_note(data: Path) -> None:
    catalog = load_catalog(data).catalog
    nemo = next(e for e in catalog.entries if e.id == "nemo")
    assert entry_line(nemo, "named", archived=True).startswith("- [NEMO](https://github.com/pulp-platform/nemo) "
                                                               "(code archived) - ")
    assert "archived" not in entry_line(nemo, "named")
    readme = render_readme(catalog, ROOT / "templates", archived=frozenset({"nemo"}))
    assert "(code archived)" in readme and render_readme(catalog, ROOT / "templates").count("archived") == 0


def test_the_site_card_shows_the_badge(data: Path) -> None:
    catalog = load_catalog(data).catalog
    options = SiteOptions(repo_url="https://github.com/x/y", archived=frozenset({"nemo"}))
    page = render_pages(catalog, ROOT / "templates", options)[category_path("approximations-frameworks")]
    assert 'aa-badge--archived' in page and ">archived</span>" in page
    plain = render_pages(catalog, ROOT / "templates", SiteOptions(repo_url="https://github.com/x/y"))
    assert "aa-badge--archived" not in plain[category_path("approximations-frameworks")]


def test_the_readme_command_reads_the_link_cache(project: Path, monkeypatch, capsys) -> None:
    from awesome_approx.cli import main

    monkeypatch.chdir(project)
    archived = Result(OK, "exists", warnings=(LinkWarning(ARCHIVED, "archived"),))
    cache_with({"github:pulp-platform/nemo": archived}, project / ".cache" / "links.json").save()
    assert main(["readme"]) == 0
    assert "(https://github.com/pulp-platform/nemo) (code archived) - " in (project / "README.md").read_text("utf-8")
    assert main(["readme", "--check"]) == 0
