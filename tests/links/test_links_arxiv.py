"""arXiv ids through the (fake) arXiv API: batches, spacing, matching by <id>, confirmation of missing ids."""

from __future__ import annotations

import itertools

import pytest

from awesome_approx.links.pacing import FakeClock
from awesome_approx.links.results import DEAD, OK, UNKNOWN
from awesome_approx.links.strategies.arxiv import check_batch
from awesome_approx.links.targets import arxiv_target
from awesome_approx.sources.endpoints import Endpoints
from fakes.arxiv import FakeArxiv, Paper


def papers(n: int) -> dict[str, Paper]:
    return {f"2101.{i:05d}": Paper(f"Paper number {i}", (f"Author {i}",), "2021-01-05") for i in range(n)}


def run(server, ids, context_for, options_for, clock=None, **overrides):
    ctx = context_for(Endpoints(arxiv=server.url), options_for(clock or FakeClock(), **overrides))
    targets = [arxiv_target(i) for i in ids]
    results = {t.value: r for t, r in check_batch(targets, ctx)}
    return results, ctx


def test_1000_ids_take_four_requests_matched_by_id_not_order(context_for, options_for):
    with FakeArxiv(papers(1000), shuffle=True) as server:
        results, _ = run(server, list(papers(1000)), context_for, options_for)
        assert len(server.queries) == 4  # batches of 250
        assert all(r.outcome == OK for r in results.values())
        assert results["2101.00007"].metadata[0]["title"] == "Paper number 7"
        assert results["2101.00999"].metadata[0]["title"] == "Paper number 999"


def test_requests_are_one_at_a_time_and_at_least_3_s_apart(context_for, options_for):
    clock = FakeClock()
    ids = [*papers(600), "2101.99998", "2101.99999"]  # 3 batches + one confirmation of 2 missing ids
    with FakeArxiv(papers(600)) as server:
        _, ctx = run(server, ids, context_for, options_for, clock, arxiv_batch_size=250)
        starts = ctx.arxiv_pacer.starts
        assert len(server.queries) == len(starts) == 4
        assert all(b - a >= 3.0 for a, b in itertools.pairwise(starts))
        assert server.max_in_flight == 1


def test_real_spacing_with_a_short_interval_is_seen_by_the_server(context_for, options_for):
    import time

    with FakeArxiv(papers(3)) as server:
        run(server, [*papers(3), "2101.99999"], context_for, options_for,
            monotonic=time.monotonic, pacer_sleep=time.sleep, arxiv_interval=0.2, arxiv_batch_size=2)
        arrivals = [q.time for q in server.queries]
        assert len(arrivals) == 3
        assert all(b - a >= 0.2 for a, b in itertools.pairwise(arrivals))


def test_missing_id_is_asked_again_before_it_is_dead(context_for, options_for):
    with FakeArxiv(papers(2)) as server:
        results, _ = run(server, ["2101.00000", "2101.00001", "2101.77777"], context_for, options_for)
        assert results["2101.77777"].outcome == DEAD
        assert "absent from two answers" in results["2101.77777"].reason
        second = server.queries[1].query["id_list"][0]
        assert second == "2101.77777"  # only the missing id is asked again
        assert results["2101.00000"].outcome == OK


def test_an_empty_page_is_not_trusted(context_for, options_for):
    with FakeArxiv(papers(2), empty_on={1}) as server:
        results, _ = run(server, list(papers(2)), context_for, options_for)
        assert all(r.outcome == OK for r in results.values())
        assert len(server.queries) == 2


def test_old_style_and_versioned_ids_are_matched(context_for, options_for):
    known = {"hep-th/9901001": Paper("Old style paper", ("A. Physicist",), "1999-01-01", version=3),
             "2008.13006": Paper("New style paper", ("Cong Guo",), "2020-08-29", version=2)}
    with FakeArxiv(known) as server:
        ctx = context_for(Endpoints(arxiv=server.url), options_for())
        targets = [arxiv_target("hep-th/9901001v1"), arxiv_target("2008.13006v2")]
        results = {t.value: r for t, r in check_batch(targets, ctx)}
        assert results["hep-th/9901001"].outcome == OK
        assert results["hep-th/9901001"].metadata[0]["version"] == "v3"
        assert results["2008.13006"].metadata[0]["title"] == "New style paper"
        assert len(server.queries) == 1


def test_locally_malformed_id_is_never_sent(context_for, options_for):
    with FakeArxiv(papers(1)) as server:
        results, _ = run(server, ["not-an-id", "2101.00000"], context_for, options_for)
        assert results["not-an-id"].outcome == DEAD
        assert "not a well-formed arXiv id" in results["not-an-id"].reason
        assert "not-an-id" not in server.queries[0].target


def test_api_error_entry_drops_the_id_and_requeries_the_rest(context_for, options_for, monkeypatch):
    import fakes.arxiv

    # The fake rejects what arXiv would reject; make it reject one id our parser accepts.
    monkeypatch.setattr(fakes.arxiv, "is_arxiv_id", lambda value: value != "2101.00001")
    with FakeArxiv(papers(2)) as server:
        results, _ = run(server, ["2101.00000", "2101.00001"], context_for, options_for)
        assert results["2101.00001"].outcome == DEAD
        assert "malformed" in results["2101.00001"].reason
        assert results["2101.00000"].outcome == OK
        assert [q.query["id_list"][0] for q in server.queries] == ["2101.00000,2101.00001", "2101.00000"]


def test_service_unavailable_is_retried_then_unknown_never_dead(context_for, options_for):
    busy = {n: (503, {"Retry-After": "5"}) for n in range(1, 10)}
    with FakeArxiv(papers(1), status_on=busy) as server:
        results, ctx = run(server, ["2101.00000"], context_for, options_for)
        assert results["2101.00000"].outcome == UNKNOWN
        assert len(server.queries) == 3
        assert ctx.retry.waits == [5.0, 5.0]


@pytest.mark.parametrize("version, warns", [("v1", False), ("v3", True)])
def test_version_beyond_the_latest_is_a_mismatch(version, warns):
    from awesome_approx.catalog.model import Entry
    from awesome_approx.links.metadata import mismatches

    entry = Entry(id="x", title="Paper number 1", url="u", category="c")
    record = {"source": "arxiv", "title": "Paper number 1", "version": "v2", "year": 2021, "authors": []}
    assert bool(mismatches(entry, [record], version)) == warns


def test_id_less_entries_for_unknown_ids_never_count_as_found(context_for, options_for):
    with FakeArxiv(papers(1), blank_for_missing=True) as server:
        results, _ = run(server, ["2101.00000", "2101.55555"], context_for, options_for)
        assert results["2101.00000"].outcome == OK
        assert results["2101.55555"].outcome == DEAD
        assert len(server.queries) == 2


def test_old_style_id_with_subject_class_matches_the_bare_archive(context_for, options_for):
    known = {"math/0309136": Paper("Old style with class", ("A. Mathematician",), "2003-09-08")}
    with FakeArxiv(known) as server:
        results, _ = run(server, ["math.GT/0309136v2"], context_for, options_for)
        assert results["math/0309136"].outcome == OK
        assert server.queries[0].query["id_list"] == ["math/0309136"]


def test_an_unreadable_answer_is_asked_once_more(context_for, options_for):
    with FakeArxiv(papers(1), garbage_on={1}) as server:
        results, _ = run(server, ["2101.00000"], context_for, options_for)
        assert results["2101.00000"].outcome == OK
        assert len(server.queries) == 2
    with FakeArxiv(papers(1), garbage_on={1, 2}) as server:
        results, _ = run(server, ["2101.00000"], context_for, options_for)
        assert results["2101.00000"].outcome == UNKNOWN
        assert "asked twice" in results["2101.00000"].reason
