"""The service clients shared with `add`: parsers, URL builders, endpoint resolution, simple fetches."""

from __future__ import annotations

import pytest

from awesome_approx.contribute import lookup
from awesome_approx.net.transport import Fetcher, user_agent
from awesome_approx.sources import SourceError, arxiv, crossref, doi
from awesome_approx.sources.endpoints import EndpointError, resolve_endpoint, resolve_endpoints
from fakes.arxiv import FakeArxiv, Paper
from fakes.crossref import FakeCrossref, Work
from fakes.github import FakeGithub, Repo

FEED = """<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"
      xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
<opensearch:totalResults>2</opensearch:totalResults>
<entry><id>http://arxiv.org/abs/2008.13006v2</id><published>2020-08-29T10:00:00Z</published>
<title>Accelerating Sparse DNN Models
   without Hardware-Support</title><author><name>Cong Guo</name></author>
<arxiv:doi>10.1109/SC41405.2020.00020</arxiv:doi><arxiv:journal_ref>SC 2020</arxiv:journal_ref></entry>
<entry><id>http://arxiv.org/abs/hep-th/9901001v1</id><published>1999-01-04T00:00:00Z</published>
<title>Old</title></entry>
</feed>"""


def test_parse_feed_keys_records_by_versionless_id():
    feed = arxiv.parse_feed(FEED)
    record = feed.records["2008.13006"]
    assert record.title == "Accelerating Sparse DNN Models without Hardware-Support"
    assert (record.version, record.year, record.authors) == ("v2", 2020, ("Cong Guo",))
    assert (record.doi, record.journal_ref) == ("10.1109/SC41405.2020.00020", "SC 2020")
    assert feed.records["hep-th/9901001"].authors == ()
    assert feed.total_results == 2 and not feed.errors


def test_parse_feed_reports_error_entries():
    feed = arxiv.parse_feed(FEED.replace("http://arxiv.org/abs/2008.13006v2",
                                         "http://arxiv.org/api/errors#incorrect_id_format_for_1234"))
    assert feed.errors == {"1234"} and "2008.13006" not in feed.records


@pytest.mark.parametrize("text", ["not xml", "<html/>", """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><feed>&lol2;</feed>""",
                                  """<!DOCTYPE f [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed>&x;</feed>"""])
def test_parse_feed_refuses_what_it_cannot_trust(text):
    with pytest.raises(SourceError):
        arxiv.parse_feed(text)


def test_query_url():
    url = arxiv.query_url("https://export.arxiv.org/", ["2008.13006", "hep-th/9901001"])
    assert url == "https://export.arxiv.org/api/query?id_list=2008.13006,hep-th/9901001&max_results=2"


def test_crossref_parse_strips_markup_and_takes_the_print_year():
    work = crossref.parse_work({"status": "ok", "message": {
        "DOI": "10.1/x", "title": ["On <i>Sparse</i>  Models"], "type": "journal-article",
        "author": [{"given": "Erwei", "family": "Wang"}, {"name": "A Consortium"}],
        "published-print": {"date-parts": [[2019, 6]]}, "issued": {"date-parts": [[2018]]},
        "container-title": ["ACM Computing Surveys"]}})
    assert (work.title, work.authors, work.year, work.venue) == (
        "On Sparse Models", ("Erwei Wang", "A Consortium"), 2019, "ACM Computing Surveys")
    with pytest.raises(SourceError):
        crossref.parse_work({"message": {}})


def test_doi_answers():
    assert doi.exists_from_answer(200, {"responseCode": 1}) is True
    assert doi.exists_from_answer(404, {"responseCode": 100}) is False
    assert doi.exists_from_answer(500, {"responseCode": 2}) is None
    assert doi.exists_from_answer(200, "junk") is None
    assert doi.handle_url("https://doi.org/", "10.1000/a b#c") == "https://doi.org/api/handles/10.1000/a%20b%23c"


def test_endpoint_precedence_cli_then_env_then_default():
    env = {"AWESOME_APPROX_ARXIV_API": "http://127.0.0.1:9/"}
    assert resolve_endpoint("arxiv", None, env) == "http://127.0.0.1:9"
    assert resolve_endpoint("arxiv", "http://mirror.example", env) == "http://mirror.example"
    assert resolve_endpoint("arxiv", None, {}) == "https://export.arxiv.org"
    assert resolve_endpoints(None, {}).github == "https://api.github.com"
    with pytest.raises(EndpointError, match="AWESOME_APPROX_DOI_API"):
        resolve_endpoint("doi", None, {"AWESOME_APPROX_DOI_API": "doi.org"})


def test_simple_fetches_against_the_fakes():
    fetcher = Fetcher("me@example.org")
    assert "mailto:me@example.org" in user_agent("me@example.org")
    with FakeArxiv({"2008.13006": Paper("T", ("A B",), "2020-08-29")}) as a, \
            FakeCrossref({"10.1/x": Work("W")}) as c, FakeGithub({"o/r": Repo(archived=True)}) as g:
        assert lookup.arxiv_record(fetcher, a.url, "2008.13006v1").title == "T"
        assert lookup.arxiv_record(fetcher, a.url, "2101.00001") is None
        with pytest.raises(SourceError, match="rejects"):
            lookup.arxiv_record(fetcher, a.url, "bogus")
        assert lookup.crossref_work(fetcher, c.url, "10.1/x", "me@example.org").title == "W"
        assert lookup.crossref_work(fetcher, c.url, "10.1/nope") is None
        assert lookup.github_repo(fetcher, g.url, "o", "r").archived
        assert lookup.github_repo(fetcher, g.url, "o", "gone") is None
        assert a.requests[0].headers["user-agent"] == user_agent("me@example.org")


def test_entries_without_title_still_prove_the_id_exists():
    feed = arxiv.parse_feed(FEED.replace("<title>Old</title>", ""))
    assert "hep-th/9901001" in feed.present and "hep-th/9901001" not in feed.records


@pytest.mark.parametrize(("given", "canonical"), [
    ("2008.13006v2", "2008.13006"), ("math.GT/0309136v1", "math/0309136"),
    ("hep-th/9901001", "hep-th/9901001")])
def test_canonical_id(given, canonical):
    assert arxiv.canonical_id(given) == canonical
