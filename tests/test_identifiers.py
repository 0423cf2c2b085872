"""Identifiers: arXiv ids, DOIs, IEEE documents, GitHub repositories and URL normalisation."""

from __future__ import annotations

import pytest

from awesome_approx import identifiers as ids


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
