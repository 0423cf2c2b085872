"""DOIs through the handle API (+ Crossref metadata), GitHub repositories, IEEE documents via their DOI."""

from __future__ import annotations

from awesome_approx.links.results import ARCHIVED, BLOCKED, DEAD, OK, REDIRECTED, UNKNOWN, Result
from awesome_approx.links.strategies import doi, github, ieee
from awesome_approx.links.targets import doi_target, github_target, ieee_target
from awesome_approx.sources.endpoints import Endpoints
from fakes.crossref import FakeCrossref, Work
from fakes.doi import FakeDoi
from fakes.faults import FaultServer
from fakes.github import FakeGithub, Repo


def test_existing_doi_is_ok_with_crossref_metadata_and_polite_mailto(context_for):
    works = {"10.1145/3309551": Work("Deep <i>Neural</i> Network Approximation", (("Erwei", "Wang"),), 2019)}
    with FakeDoi({"10.1145/3309551"}) as handles, FakeCrossref(works) as crossref:
        ctx = context_for(Endpoints(doi=handles.url, crossref=crossref.url))
        result = doi.check(doi_target("10.1145/3309551"), ctx)
        assert result.outcome == OK
        assert result.metadata[0]["title"] == "Deep Neural Network Approximation"
        assert crossref.requests[0].query["mailto"] == ["t@example.org"]
        assert "awesome-approx/" in handles.requests[0].headers["user-agent"]


def test_missing_doi_is_dead_after_two_answers(context_for):
    with FakeDoi(set()) as handles, FakeCrossref({}) as crossref:
        ctx = context_for(Endpoints(doi=handles.url, crossref=crossref.url))
        result = doi.check(doi_target("10.9999/NOPE"), ctx)
        assert result.outcome == DEAD
        assert result.evidence["responseCode"] == 100
        assert len(handles.requests) == 2
        assert crossref.requests == []  # Crossref is for metadata only, never for existence


def test_handle_api_errors_are_unknown_never_dead(context_for):
    with FakeDoi(set(), status_for={"10.1/busy": 500}) as handles:
        ctx = context_for(Endpoints(doi=handles.url))
        result = doi.check(doi_target("10.1/busy"), ctx)
        assert result.outcome == UNKNOWN
        assert len(handles.requests) == 3  # retried


def test_unreachable_doi_service_is_unknown_and_unanswered(context_for):
    with FaultServer() as web:
        dead_port = web.url
    ctx = context_for(Endpoints(doi=dead_port))
    result = doi.check(doi_target("10.1/x"), ctx)
    assert result.outcome == UNKNOWN and not result.answered


def test_github_repo_ok_archived_renamed_and_gone(context_for):
    repos = {"clevercool/TileSparsity": Repo(), "pulp-platform/nemo": Repo(archived=True), "new/name": Repo()}
    with FakeGithub(repos, renamed={"old/name": "new/name"}) as api:
        ctx = context_for(Endpoints(github=api.url))
        assert github.check(github_target("clevercool", "tilesparsity"), ctx).outcome == OK
        archived = github.check(github_target("pulp-platform", "nemo"), ctx)
        assert archived.outcome == OK and [w.kind for w in archived.warnings] == [ARCHIVED]
        renamed = github.check(github_target("old", "name"), ctx)
        assert renamed.outcome == OK and renamed.warnings[0].kind == REDIRECTED
        assert renamed.warnings[0].suggestion == "https://github.com/new/name"
        before = len(api.requests)
        gone = github.check(github_target("someone", "deleted"), ctx)
        assert gone.outcome == DEAD and len(api.requests) - before == 2


def test_github_token_is_sent_when_set(context_for):
    with FakeGithub({"a/b": Repo()}) as api:
        ctx = context_for(Endpoints(github=api.url))
        ctx.github_token = "secret-token"
        github.check(github_target("a", "b"), ctx)
        assert api.requests[0].headers["authorization"] == "Bearer secret-token"


def test_github_rate_limit_is_unknown_not_dead(context_for):
    with FakeGithub({}, rate_limited=True) as api:
        result = github.check(github_target("a", "b"), context_for(Endpoints(github=api.url)))
        assert result.outcome == UNKNOWN and "rate limit" in result.reason


def test_ieee_document_takes_the_outcome_of_its_doi():
    target = ieee_target("8114708", "10.1109/JPROC.2017.2761740")
    assert ieee.depends_on(target) == "doi:10.1109/jproc.2017.2761740"
    for outcome in (OK, DEAD, UNKNOWN):
        derived = ieee.derive(target, Result(outcome, "handle says so"))
        assert derived.outcome == outcome and "judged through DOI" in derived.reason


def test_ieee_document_without_doi_is_never_dead(context_for):
    with FaultServer() as web:
        target = ieee_target("1", None, web.url + "/not-found")
        result = ieee.check(target, context_for())
        assert result.outcome == UNKNOWN and "HTTP 404" in result.reason
        blocked = ieee.check(ieee_target("2", None, web.url + "/teapot"), context_for())
        assert blocked.outcome == BLOCKED
