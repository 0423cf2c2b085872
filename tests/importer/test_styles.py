"""The citation styles of the field, one small fixture each (tests/fixtures/import/)."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from awesome_approx.contribute.list_item import pieces_of, read_item
from awesome_approx.contribute.markdown_list import parse_markdown


def parsed(fixture_path, name: str):
    return parse_markdown(fixture_path(name).read_text("utf-8"), name)


def fields_by_line(result) -> dict[int, dict]:
    return {entry.line: entry.fields for entry in result.entries}


def test_plain_text_titles_with_labelled_links(fixture_path):
    result = parsed(fixture_path, "labelled-links.md")
    entries = fields_by_line(result)
    assert entries[17] == {
        "title": "SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models",
        "url": "https://arxiv.org/abs/2211.10438", "category": "quantization", "year": 2023, "venue": "ICML",
        "arxiv": "2211.10438", "code": "https://github.com/mit-han-lab/smoothquant"}
    assert entries[19]["title"] == "GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers"
    assert entries[19]["code"] == "https://github.com/IST-DASLab/gptq"
    # the label first: '[[arXiv](url)] Title'
    assert entries[21]["title"] == "AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration"
    # the paper link is chosen by label, not by place: the blog link comes first
    assert entries[23]["url"] == "https://arxiv.org/abs/2004.10568" and entries[23]["venue"] == "ICML"
    assert "year" not in entries[23]
    # a tool: 'Name: what it does [[Code]](url)'
    assert entries[27] == {"title": "BRECQ", "url": "https://github.com/yhhhli/BRECQ", "category": "tools",
                           "description": "Block reconstruction for post-training quantization."}
    assert (result.title, result.intro) == ("Compression Papers", "Papers and tools for compressing large models.")
    assert result.linked_items == 5 and result.left_out == []  # the star chart is a badge, not an item


def test_quoted_titles_with_venue_year_and_keyword_tags(fixture_path):
    entries = fields_by_line(parsed(fixture_path, "quoted-titles.md"))
    assert entries[6] == {
        "title": "Data-Free Quantization Through Weight Equalization and Bias Correction",
        "url": "https://arxiv.org/abs/1906.04721", "category": "post-training-quantization", "year": 2019,
        "venue": "ICCV", "arxiv": "1906.04721", "tags": ["ptq"]}
    assert entries[7]["code"] == "https://github.com/amirgholami/ZeroQ" and entries[7]["tags"] == ["ptq", "mp"]


def test_year_and_venue_prefixes_and_years_from_headings(fixture_path):
    result = parsed(fixture_path, "prefixes.md")
    entries = fields_by_line(result)
    assert entries[7]["year"] == 2018  # '#### 2018' above, the line gives none
    assert entries[8]["title"].startswith("PACT:") and entries[8]["year"] == 2018  # '2018.05-'
    assert entries[14]["year"] == 2020  # a '**2020**' paragraph above
    assert entries[15] == {
        "title": "BRECQ: Pushing the Limit of Post-Training Quantization by Block Reconstruction",
        "url": "https://arxiv.org/abs/2102.05426", "category": "later", "year": 2021, "venue": "ICLR",
        "arxiv": "2102.05426", "code": "https://github.com/yhhhli/BRECQ"}


def test_tables_find_the_link_column_by_header_and_read_dates_badges_authors_and_codes(fixture_path):
    result = parsed(fixture_path, "tables.md")
    entries = fields_by_line(result)
    assert entries[10]["title"].startswith("GPTQ:") and entries[10]["year"] == 2022  # 'Date' 2022-10
    assert entries[19]["authors"] == ["Huizi Mao", "Song Han", "Jeff Pool", "Wenshuo Li", "Xingyu Liu", "Yu Wang",
                                      "William J. Dally"]  # after <br> in the title cell
    assert entries[19]["tags"] == ["w"] and "code" not in entries[19]  # '-' is no code link
    assert entries[20]["url"] == "https://arxiv.org/abs/1608.08710"  # not the badge's link in the first cell
    assert [(p.line, p.message) for p in result.problems] == [
        (8, "table column(s) 'institute' match no field; left out"),
        (17, "table column(s) 'type' hold short codes; read as tags")]


def test_dois_inside_publisher_links(fixture_path):
    entries = fields_by_line(parsed(fixture_path, "publisher-dois.md"))
    assert entries[5]["doi"] == "10.1145/3309551" and entries[5]["venue"] == "ACM Computing Surveys"
    assert entries[6]["doi"] == "10.1007/s10462-020-09816-7"
    assert entries[6]["url"] == "https://link.springer.com/article/10.1007/s10462-020-09816-7"


def test_bare_link_paragraphs_become_entries(fixture_path):
    result = parsed(fixture_path, "bare-links.md")
    assert [(e.line, e.fields["title"], e.fields["description"]) for e in result.entries] == [
        (7, "Brevitas", "Quantisation-aware training in PyTorch."),
        (8, "Distiller", "Compression research package."),
    ]
    assert result.categories[0].description == "Libraries that quantise and prune."


def item(markdown: str):
    inline = next(t for t in MarkdownIt("commonmark").parse(markdown) if t.type == "inline")
    return read_item(pieces_of(inline.children or ()))


@pytest.mark.parametrize("markdown, expected", [
    ("[![badge](https://img.shields.io/x.svg)](https://example.org/x)", "no link to use as the entry's link"),
    ("[[Paper]](https://arxiv.org/abs/2004.10568) [[Code]](https://github.com/a/b)",
     "no title: the item holds only labelled links"),
])
def test_items_that_are_not_entries_say_why(markdown, expected):
    assert item(markdown) == expected


def test_a_first_link_is_a_title_unless_it_is_a_bare_label():
    assert item("[ZeroQ PDF](https://arxiv.org/pdf/2001.00281) - The paper.")["title"] == "ZeroQ PDF"
    assert item("Title words [PDF](https://arxiv.org/pdf/2001.00281)")["title"] == "Title words"


def test_a_link_inside_a_description_stays_in_the_sentence():
    fields = item("[Book](https://example.org/book) - it comes with a [GitHub repository](https://github.com/a/b)"
                  " of examples")
    assert fields["description"] == "it comes with a [GitHub repository](https://github.com/a/b) of examples"
    assert "code" not in fields


def test_a_tool_with_a_paper_link_is_named_before_its_colon():
    fields = item("Sigma: compression with learned scales. [[Code]](https://github.com/a/sigma) "
                  "[[Paper]](https://arxiv.org/abs/2004.10568)")
    assert (fields["title"], fields["description"]) == ("Sigma", "compression with learned scales.")
    assert fields["url"] == "https://arxiv.org/abs/2004.10568" and fields["code"] == "https://github.com/a/sigma"


def test_an_item_naming_several_projects_gives_one_entry_for_each(fixture_path):
    parsed = parse_markdown(fixture_path("link-series.md").read_text("utf-8"), "link-series.md")
    got = [(e.line, e.fields["title"], e.fields["url"], e.fields.get("code")) for e in parsed.entries]
    assert got == [
        (5, "Brevitas", "https://github.com/Xilinx/brevitas", None),
        (5, "FINN", "https://github.com/Xilinx/finn", None),
        (6, "Distiller", "https://github.com/IntelLabs/distiller", None),
        (6, "NNCF", "https://github.com/openvinotoolkit/nncf", None),
        # not a series: a second link without a comma is about the first; a labelled link is its code
        (7, "ZeroQ", "https://github.com/amirgholami/ZeroQ", None),
        (8, "Deep Compression", "https://arxiv.org/abs/1510.00149",
         "https://github.com/songhan/Deep-Compression-AlexNet"),
    ]
    assert parsed.linked_items == 6 and parsed.left_out == []
