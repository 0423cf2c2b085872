"""The one identity rule: the keys under which two entries are the same paper."""

from __future__ import annotations

from awesome_approx.catalog.identity import identity_keys, key_kind, key_value


def test_an_arxiv_id_written_and_in_the_link_counts_once_whatever_its_version():
    keys = identity_keys("Han2016", "https://arxiv.org/abs/1510.00149v5", "1510.00149", "10.1/X")
    assert keys == ("id:han2016", "url:arxiv:1510.00149", "arxiv:1510.00149", "doi:10.1/x")


def test_different_ids_in_the_field_and_the_link_are_both_keys_in_order():
    keys = identity_keys(None, "https://arxiv.org/abs/2008.13006", "1901.06955v2", None)
    assert keys == ("url:arxiv:2008.13006", "arxiv:1901.06955", "arxiv:2008.13006")
    keys = identity_keys(None, "https://doi.org/10.1145/3309551", None, "10.1109/ABC.2020.1")
    assert keys == ("url:doi:10.1145/3309551", "doi:10.1109/abc.2020.1", "doi:10.1145/3309551")


def test_an_identifier_only_in_the_link_or_only_in_its_field():
    assert identity_keys(None, "https://doi.org/10.1145/3309551") == ("url:doi:10.1145/3309551",
                                                                       "doi:10.1145/3309551")
    assert identity_keys(None, None, "2008.13006") == ("arxiv:2008.13006",)


def test_github_repositories_compare_whatever_their_case_and_values_that_are_not_text_are_ignored():
    assert identity_keys("x", "https://github.com/Owner/Repo") == ("id:x", "url:github:owner/repo")
    assert identity_keys(3, ["https://example.org"], True, {"doi": 1}) == ()


def test_a_key_tells_its_kind_and_value():
    assert (key_kind("url:https://example.org/a:b"), key_value("url:https://example.org/a:b")) == (
        "url", "https://example.org/a:b")
