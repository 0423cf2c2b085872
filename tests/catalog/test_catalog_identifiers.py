"""Identifiers: arXiv ids, DOIs, IEEE documents, GitHub repositories and URL normalisation."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from awesome_approx.catalog import identifiers as ids


@pytest.mark.parametrize("value", ["2008.13006", "1901.06955v4", "0704.0001", "hep-th/9901001",
                                   "math.GT/0309136v2", "1412.9999"])
def test_well_formed_arxiv_ids(value):
    assert ids.is_arxiv_id(value)


@pytest.mark.parametrize("value", ["2.006.10159", "2013.00001", "1412.12345", "arXiv:2008.13006", "2008.1300",
                                   "HEP-TH/9901001", "2008.13006 ", ""])
def test_malformed_arxiv_ids(value):
    assert not ids.is_arxiv_id(value)


@pytest.mark.parametrize(("value", "ok"), [("10.1145/3309551", True), ("10.1109/JPROC.2017.2761740", True),
                                           ("https://doi.org/10.1145/3309551", False), ("10.12/x", False),
                                           ("10.1145/ 3309551", False)])
def test_dois(value, ok):
    assert ids.is_doi(value) is ok


@pytest.mark.parametrize("url", [
    "https://arxiv.org/abs/2008.13006", "http://arxiv.org/abs/2008.13006v2", "https://arxiv.org/pdf/2008.13006.pdf",
    "https://arxiv.org/pdf/2008.13006v1", "https://www.arxiv.org/abs/2008.13006/", "https://export.arxiv.org/abs/2008.13006",
])
def test_every_arxiv_link_of_a_paper_normalises_alike(url):
    assert ids.normalise_url(url) == "arxiv:2008.13006"


def test_url_normalisation_ignores_scheme_slash_www_fragment_and_host_case():
    variants = ["http://GitHub.com/pulp-platform/nemo/", "https://www.github.com/pulp-platform/nemo#readme",
                "https://github.com/pulp-platform/nemo"]
    assert len({ids.normalise_url(u) for u in variants}) == 1
    assert ids.normalise_url("https://github.com/a/b?x=1") != ids.normalise_url("https://github.com/a/b?x=2")


def test_doi_and_ieee_links():
    assert ids.normalise_url("https://dx.doi.org/10.1109/JPROC.2017.2761740") == "doi:10.1109/jproc.2017.2761740"
    assert ids.ieee_document_from_url("http://ieeexplore.ieee.org/abstract/document/9043731/") == "9043731"


def test_github_repositories():
    assert ids.github_repo_from_url("https://github.com/Xilinx/brevitas") == ("Xilinx", "brevitas")
    assert ids.github_repo_from_url("https://github.com/Xilinx/brevitas.git") == ("Xilinx", "brevitas")
    assert ids.github_repo_from_url("https://github.com/huggingface/transformers/tree/main/examples") is None
    assert ids.github_repo_from_url("https://gitlab.com/a/b") is None


# --- the quick URL split agrees with urlsplit ----------------------------------------------------------

URL_PIECES = st.sampled_from(["http", "HTTPS", "https", "ftp", "://", ":", "/", "//", "?", "#", "@", "[", "]", "::1",
                              "www.", "WWW.", "Example.ORG", "arxiv.org", "abs", "2008.13006", "v2", ".pdf", "a b",
                              ":8080", ":99999", "%20", "\t", "\n", " ", "é", "x=1&y=2", "-", ".", "user:pw@"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(URL_PIECES, max_size=10).map("".join) | st.text(max_size=30))
@example("https://www.Example.ORG/a/b?q=1#frag")
@example("https://example.org:8080/x")
@example("HTTP://arxiv.org/abs/2008.13006v2")
def test_quick_url_split_reads_urls_as_urlsplit_does(url):
    from awesome_approx.catalog.identifiers import _split, _split_any

    assert _split.__wrapped__(url) == _split_any(url.strip())


PART = st.text(alphabet=st.sampled_from("a/:?#@.%-é "), max_size=6)


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["", "http", "https", "ftp"]), PART, PART, PART)
def test_quick_url_join_gives_what_urlunsplit_gives(scheme, host, path, query):
    from urllib.parse import urlunsplit

    from awesome_approx.catalog.identifiers import _unsplit

    assert _unsplit(scheme, host, path, query) == urlunsplit((scheme, host, path, query, ""))
