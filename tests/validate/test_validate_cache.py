"""The cache of per-file results: reused only while nothing that decides a result has changed."""

from __future__ import annotations

import os
import shutil

from awesome_approx.cli import main
from awesome_approx.validate import cache as results_cache
from awesome_approx.validate import load_catalog
from awesome_approx.validate.entry import EntryChecks
from workspace import FIXTURES, ROOT, make_project


def copy_real_entries(project):
    for path in (ROOT / "data" / "entries").glob("*.yaml"):
        shutil.copy(path, project / "data" / "entries" / path.name)


def test_results_from_the_cache_equal_fresh_results(tmp_path):
    project = make_project(tmp_path)
    copy_real_entries(project)
    shutil.copy(FIXTURES / "invalid" / "bad-arxiv.yaml", project / "data" / "entries" / "bad-arxiv.yaml")
    cache = tmp_path / "cache.marshal"
    fresh = load_catalog(project / "data")
    first = load_catalog(project / "data", cache=cache)
    second = load_catalog(project / "data", cache=cache)
    assert cache.is_file()
    assert first.catalog.entries == second.catalog.entries == fresh.catalog.entries
    assert first.problems == second.problems == fresh.problems
    assert [e.positions for e in second.catalog.entries] == [e.positions for e in fresh.catalog.entries]


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tmp_path):
    project = make_project(tmp_path)
    entry = project / "data" / "entries" / "nemo.yaml"
    shutil.copy(ROOT / "data" / "entries" / "nemo.yaml", entry)
    cache = tmp_path / "cache.marshal"
    load_catalog(project / "data", cache=cache)
    stat = entry.stat()
    text = entry.read_text("utf-8")
    # Same size and modification time, different content: the cache must be what answers.
    entry.write_text(text.replace("NEMO", "NEMU"), "utf-8")
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_catalog(project / "data", cache=cache).catalog.entries[0].title.startswith("NEMO")
    # A new modification time makes it read again.
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_catalog(project / "data", cache=cache).catalog.entries[0].title.startswith("NEMU")


def test_a_changed_category_tree_invalidates_every_result(tmp_path):
    project = make_project(tmp_path)
    shutil.copy(ROOT / "data" / "entries" / "nemo.yaml", project / "data" / "entries" / "nemo.yaml")
    cache = tmp_path / "cache.marshal"
    assert load_catalog(project / "data", cache=cache).problems == []
    categories = project / "data" / "categories.yaml"
    categories.write_text(categories.read_text("utf-8").replace("approximations-frameworks", "frameworks"), "utf-8")
    codes = [p.code for p in load_catalog(project / "data", cache=cache).problems]
    assert codes == ["unknown-category"]


def test_a_corrupt_or_foreign_cache_file_is_ignored_and_replaced(tmp_path):
    project = make_project(tmp_path)
    copy_real_entries(project)
    cache = tmp_path / "cache.marshal"
    for garbage in (b"", b"\x00not marshal", b"\xe9" * 100):
        cache.write_bytes(garbage)
        result = load_catalog(project / "data", cache=cache)
        assert len(result.catalog.entries) == len(list((ROOT / "data" / "entries").glob("*.yaml")))
        assert results_cache.read_cache(cache, results_cache.cache_key(project / "data", EntryChecks({}, 0))) == {}
        assert len(cache.read_bytes()) > 1000  # rewritten with real results


def test_deleted_files_leave_the_cache(tmp_path):
    project = make_project(tmp_path)
    copy_real_entries(project)
    cache = tmp_path / "cache.marshal"
    load_catalog(project / "data", cache=cache)
    (project / "data" / "entries" / "nemo.yaml").unlink()
    result = load_catalog(project / "data", cache=cache)
    assert "nemo" not in {e.id for e in result.catalog.entries}


def test_cli_uses_the_configured_cache_and_no_cache_skips_it(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["validate", "--no-cache"]) == 0
    assert not (project / ".cache" / "validate.marshal").exists()
    assert main(["validate"]) == 0
    assert (project / ".cache" / "validate.marshal").is_file()


def test_the_cache_key_covers_every_source_file_of_the_package_even_a_new_one(tmp_path):
    """No hand-kept list of modules decides the key: a module added anywhere in the package changes it."""
    package = tmp_path / "awesome_approx"
    shutil.copytree(ROOT / "src" / "awesome_approx", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = results_cache.source_digest(package)
    (package / "render" / "brand_new.py").write_text("RULE = 1\n", "utf-8")
    with_new_module = results_cache.source_digest(package)
    (package / "render" / "brand_new.py").write_text("RULE = 2\n", "utf-8")
    with_changed_module = results_cache.source_digest(package)
    (package / "schema" / "entry.schema.json").write_text("{}", "utf-8")
    with_changed_schema = results_cache.source_digest(package)
    assert len({before, with_new_module, with_changed_module, with_changed_schema}) == 4
    assert results_cache.source_digest(ROOT / "src" / "awesome_approx") == results_cache.package_digest()
