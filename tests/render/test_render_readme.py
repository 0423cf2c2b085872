"""README.md: generated, in sync, with a Contents whose links all resolve under GitHub's slug rules."""

from __future__ import annotations

import re
import shutil

from markdown_it import MarkdownIt

from awesome_approx.catalog.model import Category
from awesome_approx.cli import main
from awesome_approx.config import load_config
from awesome_approx.render.readme import ListText, in_words, render_readme, sections_in_words, short_authors
from awesome_approx.render.toc import Slugger, github_slug
from awesome_approx.validate import load_catalog
from workspace import FIXTURES, ROOT, make_project

SEED_SECTIONS = [
    "Best Surveys", "Approximations Frameworks", "Dedicated HW", "Approximation Methods", "Pruning",
    "Unstructured", "Structured - Sub-kernel", "Structured - Kernel", "Structured - Filter",
    "Structured - Hardware Friendly Structure",
]
SEED_TITLES = [
    "Deep Neural Network Approximation for Custom Hardware",
    "Efficient Processing of Deep Neural Networks: A Tutorial and Survey",
    "Model Compression and Hardware Acceleration for Neural Networks: A Comprehensive Survey",
    "Approximation Computing Techniques to Accelerate CNN Based Image Processing Applications",
    "[NEMO (NEural Minimizer for pytOrch)](https://github.com/pulp-platform/nemo)",
    "Accelerating Sparse DNN Models without Hardware-Support via Tile-Wise Sparsity",
]


def headings(markdown: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [(int(tok.tag[1]), tokens[i + 1].content) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def test_committed_readme_is_what_the_data_renders():
    result = load_catalog(ROOT / "data")
    config = load_config(ROOT)
    text = ListText(config.title, config.intro, config.summary, config.license_note)
    rendered = render_readme(result.catalog, ROOT / "templates", site_url=config.site_url, text=text)
    assert (ROOT / "README.md").read_text("utf-8") == rendered


def test_readme_holds_every_seed_section_in_order_and_every_seed_entry():
    readme = (ROOT / "README.md").read_text("utf-8")
    titles = [text for _, text in headings(readme)]
    positions = [titles.index(section) for section in SEED_SECTIONS]
    assert positions == sorted(positions)
    for title in SEED_TITLES:
        assert title in readme
    assert "- 2019 [Deep Neural Network Approximation" in readme
    assert "), Wang & al. - " in readme


def test_every_contents_link_resolves_to_a_heading():
    readme = (ROOT / "README.md").read_text("utf-8")
    slugger = Slugger()
    anchors = {slugger.slug(text) for _, text in headings(readme)}
    contents = readme.split("## Contents", 1)[1].split("\n## ", 1)[0]
    links = re.findall(r"\]\(#([^)]+)\)", contents)
    assert len(links) >= len(SEED_SECTIONS)
    assert set(links) <= anchors
    # ... and every section heading is in Contents (the seed's hand-made one missed two)
    assert {github_slug(section) for section in SEED_SECTIONS} <= set(links)


def test_every_section_of_the_tree_is_in_contents_within_two_levels():
    """awesome-lint allows two levels of Contents: sections deeper than that share their parent's line."""
    readme = (ROOT / "README.md").read_text("utf-8")
    catalog = load_catalog(ROOT / "data").catalog
    contents = readme.split("## Contents", 1)[1].split("\n## ", 1)[0]
    items = [line for line in contents.splitlines() if line.strip()]
    assert {len(line) - len(line.lstrip()) for line in items} == {0, 2}
    slugger = Slugger()
    anchors = [slugger.slug(text) for _, text in headings(readme)]
    links = re.findall(r"\]\(#([^)]+)\)", contents)
    assert links == [github_slug(c.title) for c in catalog.walk()]  # every section, in the tree's order
    assert set(links) <= set(anchors)
    # GitHub's slugs for the sections of issue 11, worked out by hand from github-slugger's rules
    assert {"evaluation-and-simulation-frameworks", "quantization", "post-training", "quantization-aware-training",
            "binary-and-ternary", "approximate-arithmetic", "low-rank-approximation",
            "weight-sharing-and-clustering", "input-dependent-computation"} <= set(links)
    grandchildren_line = next(line for line in items if "[Quantization](#quantization)" in line)
    assert grandchildren_line.startswith("  - ") and "[Binary and Ternary](#binary-and-ternary)" in grandchildren_line


def test_intro_states_the_real_count_and_the_sections():
    readme = (ROOT / "README.md").read_text("utf-8")
    catalog = load_catalog(ROOT / "data").catalog
    intro = readme.split("## Contents", 1)[0].split("\n\n")[2]  # after the title and the quote
    assert f"\n{len(catalog.entries)} entries, " in intro
    top = [c.title for c in catalog.categories]
    second = [child.title for c in catalog.categories for child in c.children]
    positions = [intro.index(title) for title in [*top[:-1], top[-1], *second]]
    assert positions == sorted(positions)
    assert "Approximation Methods (Pruning, Quantization, " in intro and "Unstructured" not in intro


def test_sections_in_words_names_two_levels_with_a_serial_comma():
    tree = (Category("a", "Surveys"), Category("b", "HW"),
            Category("m", "Methods", children=(Category("p", "Pruning", depth=1, parent="m",
                                                        children=(Category("u", "Unstructured", depth=2),)),
                                               Category("q", "Sharing and *Clustering*", depth=1, parent="m"))))
    assert sections_in_words(tree) == r"Surveys, HW, and Methods (Pruning and Sharing and \*Clustering\*)"
    assert in_words(["A"]) == "A" and in_words(["A", "B"]) == "A and B"


def test_empty_sections_invite_contributions(tmp_path):
    project = make_project(tmp_path)
    catalog = load_catalog(project / "data").catalog
    readme = render_readme(catalog, project / "templates")
    leaves = [c for c in catalog.walk() if not c.children]
    assert readme.count("Nothing here yet: be the first to add an entry") == len(leaves)  # leaf sections only
    assert len(leaves) == 16


def test_short_authors_follow_the_lists_citation_style():
    assert short_authors(("Erwei Wang", "James J. Davis")) == "Wang & al."
    assert short_authors(("Manikandan", "others")) == "Manikandan & al."
    assert short_authors(("Sze, Vivienne",)) == "Sze"
    assert short_authors(()) == ""


def test_badge_and_license_and_commands_are_present():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)" in readme.splitlines()[1]
    assert "make site" in readme and "make test" in readme
    assert "CC0-1.0" in readme and "[MIT license](LICENSE)" in readme


def test_readme_command_writes_and_check_passes(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["readme"]) == 0
    assert main(["readme", "--check"]) == 0


def test_readme_check_prints_a_diff_and_fails_when_stale(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    main(["readme"])
    readme = project / "README.md"
    readme.write_text(readme.read_text("utf-8").replace("Dedicated HW", "Dedicated Hardware"), "utf-8")
    assert main(["readme", "--check"]) == 1
    out = capsys.readouterr().out
    assert "--- README.md (committed)" in out and "+## Dedicated HW" in out and "-## Dedicated Hardware" in out


def test_broken_entry_leaves_readme_untouched(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    (project / "README.md").write_text("old content\n", "utf-8")
    shutil.copy(FIXTURES / "invalid" / "unknown-field.yaml", project / "data" / "entries" / "broken.yaml")
    assert main(["readme"]) == 1
    assert (project / "README.md").read_text("utf-8") == "old content\n"
    err = capsys.readouterr().err
    assert "broken.yaml:5:1: [unknown-field]" in err and "README.md not written" in err
    assert not list(project.glob(".README.md.*"))  # no temporary file left behind


def test_committed_entry_files_are_in_canonical_form(capsys):
    """`awesome-approx fmt --check` on the repository's own data: contributors copy these files."""
    from awesome_approx.contribute.fmt import format_entry

    changed = [path.name for path in sorted((ROOT / "data" / "entries").glob("*.yaml"))
               if format_entry(path.read_text("utf-8")) != path.read_text("utf-8")]
    assert changed == []


def test_readme_links_the_website_and_every_download():
    readme = (ROOT / "README.md").read_text("utf-8")
    site_url = load_config(ROOT).site_url
    assert f"[website]({site_url})" in readme
    for name in ("bibtex", "csl-json", "csv", "json"):
        assert f"[{name}]({site_url}downloads/" in readme


def test_the_lists_own_words_come_from_the_config_escaped(tmp_path):
    project = make_project(tmp_path)
    catalog = load_catalog(project / "data").catalog
    text = ListText(title="Sparse *Nets* <b>", intro="A list_of [links].", summary="")
    readme = render_readme(catalog, project / "templates", text=text)
    lines = readme.splitlines()
    assert lines[1].startswith(r"# Sparse \*Nets\* \<b\> [![Awesome]")
    assert lines[3] == r"> A list\_of \[links\]."
    assert lines[5].startswith("0 entries, each checked against arXiv")  # no summary: no phrase before it
    assert "CC0" not in readme  # the closing note is the config's, and this one has none
