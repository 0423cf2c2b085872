"""Property tests: no text in data can break the README's structure, no bytes can crash the validator."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from awesome_approx.catalog.model import Catalog, Entry
from awesome_approx.render.markdown import one_line
from awesome_approx.render.readme import render_readme
from awesome_approx.validate import load_catalog
from workspace import ROOT, make_project

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
BASE = load_catalog(ROOT / "data").catalog


def structure(markdown: str) -> list[str]:
    """Block structure: the sequence of block-level token types and heading levels."""
    return [f"{t.type}:{t.tag}" for t in PARSER.parse(markdown) if t.type != "inline"]


def render_with(entry: Entry) -> str:
    entries = (*(e for e in BASE.entries if e.category != entry.category), entry)
    return render_readme(Catalog(BASE.categories, entries), ROOT / "templates")


def probe(title: str, description: str, url: str = "https://example.org/x") -> Entry:
    return Entry(id="probe", title=title, url=url, category="structured-kernel", description=description,
                 year=2020, authors=("Ada Lovelace", "others"))


def probe_items(tokens):
    return [t for t in tokens if t.type == "inline" and "), Lovelace & al." in t.content]


REFERENCE = structure(render_with(probe("Plain title", "Plain description.")))
printable = st.characters(blacklist_categories=("Cs", "Cc"))
hostile = st.text(alphabet=printable, min_size=1, max_size=80) | st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
    "# heading", "\n\n- item", "*emph* _u_ `code` ~~s~~ | a | b |", "&amp; &#60;", "![img](https://e.org/x.png)",
    "https://evil.example/", "\\", "1. list", "---", "<!-- comment", "```", "]]]]((((",
])


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=hostile, description=hostile)
def test_arbitrary_text_never_breaks_the_structure(title, description):
    readme = render_with(probe(title, description))
    assert structure(readme) == REFERENCE
    tokens = PARSER.parse(readme)
    assert not any(c.type == "html_inline" for t in tokens if t.type == "inline" for c in t.children or ())
    (item,) = probe_items(tokens)
    kinds = [child.type for child in item.children]
    assert kinds.count("link_open") == 1
    assert not any(k.startswith(("html", "image", "s_open", "em_open", "strong_open", "code_inline"))
                   for k in kinds)
    link_text = "".join(c.content for c in item.children[kinds.index("link_open"):kinds.index("link_close")])
    assert link_text == one_line(title)


@settings(max_examples=100, deadline=None)
@given(url=st.text(min_size=1, max_size=60))
def test_arbitrary_urls_stay_inside_their_link(url):
    readme = render_with(probe("Title", "Description.", url="https://example.org/" + url))
    assert structure(readme) == REFERENCE
    tokens = PARSER.parse(readme)
    (item,) = probe_items(tokens)
    links = [c for c in item.children if c.type == "link_open"]
    assert len(links) == 1 and links[0].attrs["href"].startswith("https://example.org/")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=600))
def test_random_bytes_as_an_entry_file_only_ever_give_problems(tmp_path_factory, raw):
    project = make_project(tmp_path_factory.mktemp("p"), {"random.yaml": raw})
    result = load_catalog(project / "data")
    assert all(p.path.endswith("random.yaml") for p in result.problems)
    assert result.problems  # random bytes are never a complete, valid entry
    assert Path(result.problems[0].path).name == "random.yaml"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ09/:?#[]@!$&'*+,;=%._~-() <>\"\\`{}|^é\n\t"), max_size=30))
def test_link_destinations_kept_as_they_are_only_when_quote_would_keep_them(url):
    from urllib.parse import quote

    from awesome_approx.render.markdown import _URL_SAFE, md_url

    assert md_url(url) == quote(one_line(url), safe=_URL_SAFE).replace("(", "%28").replace(")", "%29")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\n\r\u00a0\u2028\u3000`*_[]{}|~<>#!$\\&:."), max_size=20))
def test_the_quick_check_in_escaping_skips_only_what_would_change_nothing(text):
    from awesome_approx.render.markdown import _ESCAPES, _MARKUP

    assert (_MARKUP.search(text) is None) == (text.translate(_ESCAPES) == text)
