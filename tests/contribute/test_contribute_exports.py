"""Exports: BibTeX (types, escaping, round trip through bibtexparser and BibTeX), CSL-JSON, CSV, JSON."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.bparser import BibTexParser
from contribute_support import FIXTURES, REPO, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_approx.catalog.model import ENTRY_FIELDS, Catalog, Entry
from awesome_approx.render import exports
from awesome_approx.validate import load_catalog

HOSTILE = "Braces {x} and }{ % 100 & R&D # 1 _x_ back\\slash $ ~ ^ é ü 漢字 @misc{"


def paper(**fields) -> Entry:
    base = dict(id="doe2020thing", title="A Thing", url="https://example.org/thing", category="best-surveys",
                description="Does a thing.")
    base.update(fields)
    return Entry(**base)


def repo_catalog() -> Catalog:
    result = load_catalog(REPO / "data")
    assert not [p for p in result.problems if p.is_error]
    return result.catalog


def parse_bibtex(text: str) -> list[dict[str, str]]:
    parser = BibTexParser(common_strings=False, ignore_nonstandard_types=False)
    return bibtexparser.loads(text, parser=parser).entries


UNESCAPE = {v: k for k, v in exports.LATEX_SPECIALS.items()}
UNESCAPE_PATTERN = re.compile(
    "|".join(re.escape(v) for v in sorted(UNESCAPE, key=len, reverse=True)) + "|[{}]")


def unescape(value: str) -> str:
    """Invert our escaping exactly: escaped specials back to characters, protective braces dropped."""
    return UNESCAPE_PATTERN.sub(lambda m: UNESCAPE.get(m.group(), ""), value)


def split_authors(value: str) -> list[str]:
    return [unescape(name) for name in re.split(r" and (?![^{]*\})", value)]


# --- entry types ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("venue", "journal"), [
    ("ACM Computing Surveys 52(2)", True),
    ("Proceedings of the IEEE 108(4)", True),
    ("Proceedings of the IEEE, vol. 105, no. 12, pp. 2295-2329 (Dec 2017)", True),
    ("IEEE Access, vol. 11", True),
    ("Journal of Machine Learning Research, vol. 22", True),
    ("IEEE Transactions on Computers", True),
    ("Artificial Intelligence Review (Springer)", True),
    ("J. Emerg. Technol. Comput. Syst. 13(3)", True),
    ("SC 2020", False),
    ("ISCA 2017 (pp. 27-40)", False),
    ("AAAI 2019 (Proceedings of the AAAI Conference on Artificial Intelligence 33(01), pp. 5676-5683)",
     False),
    ("Advances in Neural Information Processing Systems 2 (NIPS 1989)", False),
    ("2016 IEEE/ACM International Conference on Computer-Aided Design (ICCAD), Austin, TX, pp. 1-7", False),
    ("CVPR Workshops 2017", False),
])
def test_journal_or_conference_is_decided_by_the_venue_name(venue: str, journal: bool) -> None:
    assert exports.is_journal(venue) is journal
    assert exports.bibtex_type(paper(venue=venue, year=2020)) == ("article" if journal else "inproceedings")


def test_preprints_are_misc_and_frameworks_are_software() -> None:
    assert exports.bibtex_type(paper(arxiv="2008.13006", year=2020, authors=("A B",))) == "misc"
    assert exports.bibtex_type(paper(doi="10.1/x")) == "misc"
    framework = paper(title="NEMO", code="https://github.com/pulp-platform/nemo")
    assert exports.bibtex_type(framework) == "software"
    assert exports.csl_type(paper(arxiv="2008.13006", year=2020)) == "article"
    assert exports.csl_type(paper(title="NEMO")) == "software"


def test_journal_parts_split_volume_number_and_pages() -> None:
    assert exports.journal_parts("Proceedings of the IEEE 108(4)") == {
        "journal": "Proceedings of the IEEE", "volume": "108", "number": "4"}
    assert exports.journal_parts("Proceedings of the IEEE, vol. 105, no. 12, pp. 2295-2329 (Dec 2017)") == {
        "journal": "Proceedings of the IEEE", "volume": "105", "number": "12", "pages": "2295--2329"}
    assert exports.journal_parts("Journal of Machine Learning Research 22") == {
        "journal": "Journal of Machine Learning Research", "volume": "22"}
    assert exports.journal_parts("IEEE Access, vol. 11") == {"journal": "IEEE Access", "volume": "11"}
    assert exports.journal_parts("Artificial Intelligence Review (Springer)") == {
        "journal": "Artificial Intelligence Review (Springer)"}


# --- BibTeX round trip ----------------------------------------------------------------------------------

def test_every_entry_of_data_round_trips_through_bibtexparser() -> None:
    catalog = repo_catalog()
    parsed = {record["ID"]: record for record in parse_bibtex(exports.export_bibtex(catalog))}
    assert set(parsed) == {entry.id for entry in catalog.entries}
    for entry in catalog.entries:
        record = parsed[entry.id]
        assert record["ENTRYTYPE"] == exports.bibtex_type(entry)
        assert unescape(record["title"]) == entry.title
        assert record["url"] == entry.url
        if entry.authors:
            assert split_authors(record["author"]) == list(entry.authors)
        else:
            assert "author" not in record
        assert record.get("year") == (str(entry.year) if entry.year else None)
        assert record.get("doi") == entry.doi
        assert record.get("eprint") == entry.arxiv


def test_others_is_bibtex_and_others() -> None:
    text = exports.entry_bibtex(paper(authors=("Manikandan", "others"), year=2020))
    assert "author = {Manikandan and others}," in text.replace("  ", " ").replace("  ", " ")


def test_hostile_strings_are_escaped_and_come_back_unchanged() -> None:
    entry = paper(title=HOSTILE, authors=("Ann {Brace} O'Neil", "Smith, Jr.", "Tom and Jerry", "others"),
                  venue="Conf & Workshop #3 on 100% _things_", year=2021, tags=("c++", "r.d"),
                  url="https://example.org/a_b?x=1&y=%7Bz%7D#frag", code="https://example.org/c%20d#x")
    text = exports.entry_bibtex(entry)
    before_links = text.split("  url")[0]
    assert not re.search(r"(?<!\\)[&%#_$]", before_links), text
    (record,) = parse_bibtex(text)
    assert unescape(record["title"]) == HOSTILE
    assert split_authors(record["author"]) == ["Ann {Brace} O'Neil", "Smith, Jr.", "Tom and Jerry", "others"]
    assert unescape(record["booktitle"]) == entry.venue
    assert record["url"] == entry.url
    assert record["keywords"] == "c++, r.d"


def test_braces_in_links_are_percent_encoded() -> None:
    (record,) = parse_bibtex(exports.entry_bibtex(paper(url="https://example.org/{a}")))
    assert record["url"] == "https://example.org/%7Ba%7D"


def test_acronyms_keep_their_case_and_commands_are_not_braced() -> None:
    title = exports.bibtex_title("Tile-Wise Sparsity for DNNs on GPUs in PyTorch \\ x")
    assert title == "Tile-Wise Sparsity for {DNNs} on {GPUs} in {PyTorch} \\textbackslash{} x"


bibtex_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda s: s.strip() != "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=bibtex_text, author=bibtex_text, venue=bibtex_text)
def test_any_text_round_trips_through_bibtexparser(title: str, author: str, venue: str) -> None:
    entry = paper(title=title, authors=(author,), venue=venue, year=2020)
    (record,) = parse_bibtex(exports.entry_bibtex(entry))
    assert unescape(record["title"]) == " ".join(title.split())
    assert split_authors(record["author"]) == [" ".join(author.split())]
    field = "journal" if exports.is_journal(venue) else "booktitle"
    assert unescape(record[field]) in (" ".join(venue.split()), " ".join(exports.venue_head(venue).split()))


def random_hostile_entries(count: int) -> list[Entry]:
    """Entries made of LaTeX specials, unbalanced braces, commas, 'and' and non-ASCII (seeded: repeatable)."""
    rnd = random.Random(20260101)
    alphabet = [*"abcXYZ {}%&#_$~^\\@,\"'=()-é漢ü", " and ", " others"]

    def text(size: int) -> str:
        return "".join(rnd.choice(alphabet) for _ in range(size)).strip() or "x"

    return [paper(id=f"random{i}", title=text(30), year=2020, venue=text(20) if i % 3 else None,
                  authors=tuple(text(12) for _ in range(1 + i % 4)) + (("others",) if i % 5 == 0 else ()),
                  arxiv="2008.13006" if i % 4 == 0 else None, code=f"https://example.org/{i}%20x#{i}")
            for i in range(count)]


# --- BibTeX itself -------------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("bibtex") is None,
                    reason="bibtex is not installed (Debian package texlive-binaries)")
def test_bibtex_itself_reads_the_export_without_errors_or_warnings(tmp_path: Path) -> None:
    catalog = repo_catalog()
    hostile = paper(id="hostile", title=HOSTILE, authors=("Ann {Brace} O'Neil", "Smith, Jr.", "others"),
                    venue="Conf & Workshop #3 on 100% _things_", year=2021)
    randomised = random_hostile_entries(200)
    text = "\n".join([exports.export_bibtex(catalog), exports.entry_bibtex(hostile),
                      *map(exports.entry_bibtex, randomised)])
    (tmp_path / "list.bib").write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "check.bst", tmp_path / "check.bst")
    aux = "\\citation{*}\n\\bibdata{list}\n\\bibstyle{check}\n"
    (tmp_path / "list.aux").write_text(aux, encoding="utf-8")
    ran = subprocess.run(["bibtex", "list"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                         env={"PATH": "/usr/bin:/bin", "BSTINPUTS": ".", "BIBINPUTS": "."})
    log = (tmp_path / "list.blg").read_text(encoding="utf-8", errors="replace")
    assert ran.returncode == 0, log
    assert "Warning" not in log and "error" not in log.lower(), log
    bbl = (tmp_path / "list.bbl").read_text(encoding="utf-8")
    for entry in (*catalog.entries, hostile, *randomised):
        assert f"\\entry{{{entry.id}}}{{{exports.bibtex_type(entry)}}}" in bbl


# --- CSL-JSON, CSV, JSON ---------------------------------------------------------------------------------

def test_csl_json_items_have_csl_types_names_and_dates() -> None:
    items = {item["id"]: item for item in json.loads(exports.export_csl_json(repo_catalog()))}
    sze = items["sze2017efficient"]
    assert sze["type"] == "article-journal"
    assert sze["container-title"] == "Proceedings of the IEEE"
    assert (sze["volume"], sze["issue"]) == ("105", "12")
    assert sze["author"][3] == {"given": "Joel S.", "family": "Emer"}
    assert sze["issued"] == {"date-parts": [[2017]]}
    assert sze["DOI"] == "10.1109/JPROC.2017.2761740"
    assert items["guo2020accelerating"]["type"] == "paper-conference"
    assert items["manikandan2020approximation"]["author"] == [{"family": "Manikandan"}]
    assert items["manikandan2020approximation"]["type"] == "article"
    assert items["nemo"]["type"] == "software"
    allowed = {"article-journal", "paper-conference", "article", "software"}
    assert all(item["type"] in allowed and item["title"] and item["URL"] for item in items.values())


def test_csl_name_keeps_particles_with_the_family_name() -> None:
    assert exports.csl_name("Ludwig van Beethoven") == {"given": "Ludwig", "family": "van Beethoven"}


def test_csv_has_every_field_of_every_entry() -> None:
    catalog = repo_catalog()
    text = exports.export_csv(catalog)
    assert "\r" not in text  # \n line ends, as every other generated file
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(ENTRY_FIELDS)
    by_id = {row["id"]: row for row in rows}
    for entry in catalog.entries:
        record = exports.entry_record(entry)
        for name in ENTRY_FIELDS:
            value = record[name]
            expected = "; ".join(value) if isinstance(value, list) else "" if value is None else str(value)
            assert by_id[entry.id][name] == expected


def test_json_has_every_field() -> None:
    records = json.loads(exports.export_json(repo_catalog()))
    assert all(list(record) == list(ENTRY_FIELDS) for record in records)
    wang = next(r for r in records if r["id"] == "wang2019deep")
    assert wang["added"] == date(2020, 9, 1).isoformat() and wang["arxiv"] == "1901.06955"


# --- the command ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", sorted(exports.EXPORT_FORMATS))
def test_export_command_prints_or_writes_each_format(cli, tmp_path: Path, fmt: str) -> None:
    printed = cli("export", "--format", fmt)
    assert printed.code == 0
    target = tmp_path / "out" / exports.EXPORT_FORMATS[fmt][0]
    written = cli("export", "--format", fmt, "--output", str(target))
    assert written.code == 0
    assert target.read_bytes().decode("utf-8") == printed.out
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_export_writes_nothing_when_the_data_is_invalid(cli, data: Path, tmp_path: Path) -> None:
    (data / "entries" / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    target = tmp_path / "list.bib"
    target.write_text("old\n", encoding="utf-8")
    ran = cli("export", "--format", "bibtex", "--output", str(target))
    assert ran.code == 1
    assert "broken.yaml:" in ran.err and "nothing exported" in ran.err
    assert target.read_text(encoding="utf-8") == "old\n"
    assert ran.out == ""


def test_export_refuses_a_folder_as_output(cli, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    ran = cli("export", "--format", "csv", "--output", str(tmp_path))
    assert ran.code == 2 and "is a folder" in ran.err
    assert snapshot(tmp_path) == before


# --- CSV formula injection (issue 10, item 6) -----------------------------------------------------------

FORMULA = '=HYPERLINK("https://evil.example/phish","Click")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_a_spreadsheet_would_run_get_a_quote_in_front(start: str) -> None:
    catalog = Catalog(entries=(paper(title=f"{start}1+1 Title", venue=f"{start}cmd|' /C calc'!A0",
                                     authors=(f"{start}Evil Person", "Good Person")),), categories=())
    rows = list(csv.DictReader(io.StringIO(exports.export_csv(catalog), newline="")))
    assert rows[0]["title"] == f"'{start}1+1 Title"
    assert rows[0]["venue"] == f"'{start}cmd|' /C calc'!A0"
    assert rows[0]["authors"] == f"'{start}Evil Person; Good Person"  # the cell, not each name


def test_csv_leaves_harmless_cells_alone() -> None:
    catalog = Catalog(entries=(paper(title="A 1+1=2 Title", venue="ISCA - 2016 @ home"),), categories=())
    row = next(csv.DictReader(io.StringIO(exports.export_csv(catalog), newline="")))
    assert (row["title"], row["venue"], row["url"]) == ("A 1+1=2 Title", "ISCA - 2016 @ home",
                                                         "https://example.org/thing")


def test_csv_export_and_the_site_download_neutralise_a_formula_from_an_entry_file(
        cli, data: Path, tmp_path: Path) -> None:
    (data / "entries" / "evil2020click.yaml").write_text(
        f"title: '{FORMULA}'\nurl: https://example.org/evil\ncategory: best-surveys\nyear: 2020\n"
        "authors: ['@SUM(1+9)*cmd']\ndescription: Tries to run a formula in a spreadsheet.\n", encoding="utf-8")
    target = tmp_path / "list.csv"
    ran = cli("export", "--format", "csv", "--output", str(target))
    assert ran.code == 0, ran.err
    with target.open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["id"] == "evil2020click")
    assert row["title"] == f"'{FORMULA}" and row["authors"] == "'@SUM(1+9)*cmd"
    from awesome_approx.render.pages import SiteOptions, render_pages

    site_files = render_pages(load_catalog(data).catalog, REPO / "templates", SiteOptions(repo_url="https://github.com/x/y"))
    download = exports.download_path(exports.EXPORT_FORMATS["csv"][0])
    assert site_files[download] == target.read_text(encoding="utf-8")
