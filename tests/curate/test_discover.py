"""discover: arXiv search (paged, newest first, paced) against a loopback fake; nothing listed or declined
is ever proposed. Papers served by the fake are synthetic test records, never written to data/."""

from __future__ import annotations

import json
import shlex
from datetime import date
from pathlib import Path

import pytest
from curate_support import snapshot

from awesome_approx.contribute import discover as finder
from awesome_approx.contribute import lookup
from awesome_approx.contribute.discover_query import QueryError, check_query
from awesome_approx.contribute.ignored import load_ignored
from awesome_approx.links.pacing import FakeClock, Pacer
from awesome_approx.net.transport import Fetcher
from fakes.arxiv import FakeArxiv, Paper

FILTER_QUERY = 'abs:"filter pruning" OR abs:"channel pruning"'
CATEGORY = "structured-filter"


def synthetic(n: int, day: str, **kw) -> Paper:
    return Paper(f"Synthetic candidate {n} (test record)", (f"Test Author {n}",), published=day, **kw)


def run_discover(cli, fake, *extra: str):
    return cli("discover", "--arxiv-api", fake.url, "--arxiv-interval", "0.001", "--category", CATEGORY,
               "--since", "2024-01-01", *extra)


def test_nothing_already_listed_or_declined_is_proposed(cli, data: Path) -> None:
    (data / "ignored.yaml").write_text('- arxiv: "2405.00002"\n  reason: Declined in a test.\n', "utf-8")
    papers = {
        "1901.06955": synthetic(1, "2024-05-09"),  # listed by arXiv id (wang2019deep)
        "2405.00002": synthetic(2, "2024-05-08"),  # declined in ignored.yaml
        "2405.00003": synthetic(3, "2024-05-07", doi="10.1145/3309551"),  # listed by DOI (wang2019deep)
        "2405.00004": synthetic(4, "2024-05-06"),  # new
    }
    with FakeArxiv(papers, searches={FILTER_QUERY: list(papers)}) as fake:
        ran = run_discover(cli, fake, "--format", "json")
    assert ran.code == 0, ran.err
    found = json.loads(ran.out)["candidates"]
    assert [c["arxiv"] for c in found] == ["2405.00004"]
    assert found[0]["title"] == papers["2405.00004"].title and found[0]["category"] == CATEGORY
    assert shlex.split(found[0]["add_command"]) == ["awesome-approx", "add", "2405.00004", "--category", CATEGORY]


def test_search_is_sorted_by_submission_paged_and_stops_at_since(data: Path) -> None:
    # 250 papers, one a day backwards from 2024-09-06; the fake sorts only when asked to.
    newest = date(2024, 9, 6).toordinal()
    papers = {f"2409.{n:05d}": synthetic(n, date.fromordinal(newest - n).isoformat()) for n in range(250)}
    order = list(reversed(papers))  # relevance order: oldest first, the worst case for an unsorted search
    with FakeArxiv(papers, searches={FILTER_QUERY: order}) as fake:
        fetcher = Fetcher("test@example.org")
        clock = FakeClock()
        result = finder.discover([finder.Search(CATEGORY, "Filter", FILTER_QUERY)],
                                 lambda q, s, n: lookup.arxiv_search_page(fetcher, fake.url, q, s, n),
                                 frozenset(), date(2024, 6, 1), limit=1000, page_size=40,
                                 pacer=Pacer(3.0, clock, clock.sleep))
        queries = [r.query for r in fake.queries]
    expected = [f"2409.{n:05d}" for n in range(250) if date.fromordinal(newest - n) >= date(2024, 6, 1)]
    assert [c.arxiv for c in result.candidates] == expected  # newest first, nothing before --since
    assert {(q["sortBy"][0], q["sortOrder"][0]) for q in queries} == {("submittedDate", "descending")}
    assert [q["start"][0] for q in queries] == ["0", "40", "80"]  # stops on the page that reaches since
    starts = clock.slept
    assert len(starts) == 2 and all(wait == pytest.approx(3.0) for wait in starts)  # 3 s apart, as arXiv asks


def test_limit_and_one_listing_per_paper(cli, data: Path) -> None:
    papers = {f"2405.{n:05d}": synthetic(n, f"2024-05-{n:02d}") for n in range(1, 9)}
    text = (data / "categories.yaml").read_text("utf-8")
    with FakeArxiv(papers, searches={FILTER_QUERY: list(papers),
                                     'abs:"unstructured pruning" AND (cat:cs.LG OR cat:cs.CV)': list(papers)}) as fake:
        ran = cli("discover", "--arxiv-api", fake.url, "--arxiv-interval", "0.001", "--since", "2024-01-01",
                  "--limit", "3", "--format", "json")
    assert ran.code == 0, ran.err
    found = json.loads(ran.out)["candidates"]
    ids = [c["arxiv"] for c in found]
    assert len(ids) == len(set(ids))  # a paper matching two queries is listed once
    assert [c["category"] for c in found] == ["unstructured"] * 3 + [CATEGORY] * 3  # tree order, limit each
    assert (data / "categories.yaml").read_text("utf-8") == text


def test_an_empty_page_is_asked_again_before_it_is_believed(cli) -> None:
    papers = {"2405.00001": synthetic(1, "2024-05-01")}
    with FakeArxiv(papers, searches={FILTER_QUERY: list(papers)}, empty_on={1}) as fake:
        ran = run_discover(cli, fake, "--format", "json")
        assert len(fake.queries) == 2
    assert [c["arxiv"] for c in json.loads(ran.out)["candidates"]] == ["2405.00001"]


def test_markdown_escapes_what_arxiv_sends_and_quotes_the_command() -> None:
    hostile = finder.Candidate("2405.00001", "<script>x</script> *bold* [l](javascript:1) `tick`",
                               ("Ann `Example`",), "2024-05-01", "odd$(touch pwned)")
    discovery = finder.Discovery(date(2024, 1, 1), [finder.Search("odd$(touch pwned)", "Odd *title*", "ti:`x`")],
                                 [hostile])
    text = finder.render_markdown(discovery)
    assert "<script>" not in text and "\\*bold\\*" in text and "\\[l\\]" in text
    assert "`awesome-approx add 2405.00001 --category 'odd$(touch pwned)'`" in text
    assert shlex.split(hostile.add_command)[-1] == "odd$(touch pwned)"
    assert json.loads(finder.render_json(discovery))["candidates"][0]["title"] == hostile.title


def test_a_failed_search_is_reported_and_the_others_still_listed(cli) -> None:
    with FakeArxiv({}, status_on={1: (503, {})}, searches={FILTER_QUERY: []}) as fake:
        ran = run_discover(cli, fake)
    assert ran.code == 1 and "search failed" in ran.err and "503" in ran.err


@pytest.mark.parametrize(("query", "message"), [
    ('abs:"post-training quantization', "no closing quote"),
    ("(ti:pruning OR ti:sparsity", "never closed"),
    ("ti:pruning)", "no '(' to close"),
    ("title:pruning", "unknown field prefix 'title:'"),
    ("ti:pruning and ti:sparse", "must be written AND"),
    ("ti:pruning ti:sparse", "without an operator"),
    ("pruning", "prefix it"),
    ("ti:pruning AND", "ends where"),
    ("", "non-empty"),
])
def test_bad_queries_are_refused_with_a_message(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=None) as raised:
        check_query(query)
    assert message in str(raised.value)


def test_every_accepted_form_passes() -> None:
    for query in ('abs:"post-training quantization"', "cat:cs.LG AND abs:quantization",
                  '(ti:pruning OR abs:"structured sparsity") ANDNOT au:Example', "all:sparsity"):
        assert check_query(query) == query


def test_a_bad_query_in_categories_yaml_fails_validation_and_discover(cli, data: Path) -> None:
    path = data / "categories.yaml"
    path.write_text(path.read_text("utf-8").replace(
        "discover: 'abs:\"filter pruning\" OR abs:\"channel pruning\"'", "discover: 'abs:\"filter pruning'"), "utf-8")
    ran = cli("validate")
    assert ran.code == 1 and "discover query of 'structured-filter'" in ran.out and "no closing quote" in ran.out
    assert cli("discover", "--arxiv-api", "http://127.0.0.1:9", "--arxiv-interval", "0.001").code == 1


def test_ignored_yaml_is_checked_and_a_bad_one_stops_discover(cli, data: Path) -> None:
    (data / "ignored.yaml").write_text(
        '- arxiv: "2405.00002"\n  reason: Fine.\n- arxiv: "not-an-id"\n  reason: Bad id.\n'
        '- doi: 10.1/x\n- arxiv: "2405.00003"\n  url: https://example.org\n  reason: Two ids.\n', "utf-8")
    listed = load_ignored(data)
    assert [i.value for i in listed.items] == ["2405.00002"]
    assert [(p.line, p.code) for p in listed.problems] == [(3, "ignored-file"), (5, "ignored-file"),
                                                           (6, "ignored-file")]
    assert "not a well-formed arxiv" in listed.problems[0].message and "reason" in listed.problems[1].message
    before = snapshot(data)
    with FakeArxiv({}, searches={FILTER_QUERY: []}) as fake:
        ran = run_discover(cli, fake)
        assert fake.queries == []  # nothing asked
    assert ran.code == 1 and "ignored.yaml:3:1" in ran.err
    assert snapshot(data) == before
    assert "ignored.yaml:5:1" in cli("validate").out


def test_interval_below_three_seconds_needs_another_endpoint(cli) -> None:
    ran = cli("discover", "--arxiv-api", "https://export.arxiv.org", "--arxiv-interval", "1")
    assert ran.code == 2 and "3 seconds" in ran.err
