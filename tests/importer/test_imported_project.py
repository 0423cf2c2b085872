"""An imported list renders at once, as itself: `import-markdown --out DIR`, then `readme` and `build`
(MkDocs) inside DIR, with nothing added by hand."""

from __future__ import annotations

import json

from awesome_approx.cli import main

TITLES = ("SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models",
          "GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers", "Brevitas")


def test_an_imported_project_builds_its_readme_and_site_under_its_own_title(fixture_path, tmp_path, monkeypatch,
                                                                            capsys):
    project = tmp_path / "project"
    assert main(["import-markdown", str(fixture_path("project.md")), "--out", str(project)]) == 0
    assert (project / "mkdocs.yml").is_file() and not (project / "templates").exists()
    monkeypatch.chdir(project)

    assert main(["readme"]) == 0
    readme = (project / "README.md").read_text("utf-8")
    assert readme.splitlines()[1] == "# Efficient Models and Friends [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
    assert ("\n> A short list of quantisation papers and tools, for the end-to-end test of an imported "
            "project.\n") in readme
    assert "Approximate Computing" not in readme and "CC0" not in readme  # nothing of this list's own words
    for title in TITLES:
        assert f"[{title}](" in readme
    assert main(["readme", "--check"]) == 0

    assert main(["build", "--no-readme"]) == 0, capsys.readouterr().err
    index = (project / "site" / "index.html").read_text("utf-8")
    assert "<title>Home - Efficient Models and Friends</title>" in index
    assert "<h1>Efficient Models and Friends</h1>" in index
    assert "Add an entry" not in index  # the imported project has no contributing page to link
    assert 'href="categories/quantization/index.html"' in index and 'href="categories/tools/index.html"' in index
    search = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    indexed = " ".join(doc["title"] + " " + doc["text"] for doc in search["docs"])
    for title in TITLES:
        assert title in indexed
