"""Report building and the four formats, on a hand-made run (pure: no network)."""

from __future__ import annotations

import json
from pathlib import Path

from awesome_approx.catalog.model import Catalog, Category, Entry, Position
from awesome_approx.links.checker import CheckRun
from awesome_approx.links.pacing import Pacer
from awesome_approx.links.report import build_report, format_github, format_json, format_markdown, format_text
from awesome_approx.links.results import ARCHIVED, BLOCKED, DEAD, OK, LinkWarning, Result
from awesome_approx.links.targets import collect

ROOT = Path("/repo")
NOW = 1_800_000_000.0


def make_run(results_by_url: dict[str, Result], dead_since: float | None = NOW, confirmed: bool = False,
             network_down: bool = False, records=()) -> CheckRun:
    entries = tuple(
        Entry(id=f"e{i}", title="A Paper | With Pipes", url=url, category="c",
              source=ROOT / f"data/entries/e{i}.yaml", positions={"url": Position(3, 1)},
              arxiv="2008.13006" if i == 0 else None)
        for i, url in enumerate(results_by_url))
    references, targets = collect(Catalog((Category("c", "C"),), entries))
    results = {f"url:{url}": r for url, r in results_by_url.items()}
    results["arxiv:2008.13006"] = Result(OK, "found", metadata=tuple(records))
    dead = {k for k, r in results.items() if r.outcome == DEAD}
    return CheckRun(references, targets, results, set(), {k: dead_since for k in dead},
                    dead if confirmed else set(), network_down, {"pages": 3}, 1.5, Pacer(), NOW)


def test_findings_name_entry_file_line_field_outcome_reason_and_evidence():
    run = make_run({"https://a.example/x": Result(DEAD, "HTTP 404 Not Found from a.example (HEAD and GET)",
                                                  {"status": 404, "final_url": "https://a.example/x"}),
                    "https://b.example/": Result(OK, "HTTP 200")})
    report = build_report(run, {DEAD}, confirm_dead=False, root=ROOT)
    [finding] = report.findings
    where = (finding.entry, finding.file, finding.line, finding.fields)
    assert where == ("e0", "data/entries/e0.yaml", 3, ("url",))
    assert finding.fails and report.failed
    text = format_text(report)
    assert "data/entries/e0.yaml:3: e0 [url] DEAD: https://a.example/x" in text
    assert "evidence: status=404, final_url=https://a.example/x" in text
    assert "result: FAILED: 1 link(s) dead" in text


def test_unconfirmed_dead_does_not_fail_under_the_confirm_policy():
    run = make_run({"https://a.example/x": Result(DEAD, "HTTP 410")})
    report = build_report(run, {DEAD}, confirm_dead=True, root=ROOT)
    assert not report.failed
    assert "first seen dead in this run" in report.findings[0].note
    gone = {"https://a.example/x": Result(DEAD, "HTTP 410")}
    day_old = make_run(gone, dead_since=NOW - 90000, confirmed=True)
    confirmed = build_report(day_old, {DEAD}, confirm_dead=True, root=ROOT)
    assert confirmed.failed and "dead since" in confirmed.findings[0].note


def test_fail_on_adds_blocked():
    # e1 has no identifier (only e0 has an arXiv id), so its blocked page counts as blocked.
    run = make_run({"https://a.example/x": Result(OK, "HTTP 200"), "https://b.example/y": Result(BLOCKED, "HTTP 403")})
    assert not build_report(run, {DEAD}, False, ROOT).failed
    assert build_report(run, {DEAD, BLOCKED}, False, ROOT).failed


def test_a_blocked_page_is_judged_through_the_entrys_identifier():
    run = make_run({"https://a.example/x": Result(BLOCKED, "HTTP 403 with Cloudflare challenge")})
    report = build_report(run, {DEAD, BLOCKED}, False, ROOT)
    [finding] = report.findings
    assert finding.outcome == BLOCKED and not finding.fails and not report.failed
    assert finding.reason == "HTTP 403 with Cloudflare challenge; judged through arxiv:2008.13006: ok (found)"
    assert finding.evidence["judged_through"] == "arxiv:2008.13006"
    run.results["arxiv:2008.13006"] = Result(DEAD, "no such paper")
    assert build_report(run, {DEAD, BLOCKED}, False, ROOT).failed  # the identifier does not vouch for it


def test_mismatch_against_arxiv_metadata_is_a_warning():
    record = {"source": "arxiv", "title": "A Paper With Pipes and More", "authors": ["X Y"], "year": 2020}
    report = build_report(make_run({"https://b.example/": Result(OK, "HTTP 200")}, records=[record]), {DEAD},
                          False, ROOT)
    [finding] = report.findings
    assert finding.fields == ("metadata",) and not finding.fails
    assert "title differs from arxiv" in finding.warnings[0].message


def test_json_is_complete_and_parsable():
    archived = Result(OK, "HTTP 200", warnings=(LinkWarning(ARCHIVED, "archived"),))
    run = make_run({"https://a.example/x": archived})
    document = json.loads(format_json(build_report(run, {DEAD}, False, ROOT)))
    assert document["summary"]["outcomes"] == {"ok": 2, "dead": 0, "blocked": 0, "unknown": 0, "moved": 0}
    assert document["summary"]["warnings"]["archived"] == 1
    assert document["findings"][0]["warnings"][0]["kind"] == "archived"
    assert {link["fields"][0] for link in document["links"]} == {"url", "arxiv"}


def test_markdown_escapes_table_cells():
    run = make_run({"https://a.example/x|y": Result(DEAD, "HTTP 404 | odd reason")})
    markdown = format_markdown(build_report(run, {DEAD}, False, ROOT))
    row = next(line for line in markdown.splitlines() if line.startswith("| `e0`"))
    assert row.count(" | ") == 4  # five cells: no pipe from the data splits a cell
    assert markdown.startswith("## ❌ Link check")


def test_github_annotations_escape_properties_and_data():
    run = make_run({"https://a.example/x,y": Result(DEAD, "bad\nnews 100%")})
    lines = format_github(build_report(run, {DEAD}, False, ROOT)).splitlines()
    assert lines[0].startswith("::error file=data/entries/e0.yaml,line=3,title=dead link::")
    assert "bad%0Anews 100%25" in lines[0]
    assert lines[-1].startswith("::notice::")


def test_network_down_is_said():
    report = build_report(make_run({}, network_down=True), {DEAD}, False, ROOT)
    assert "the network is down" in format_text(report)


def test_rich_progress_and_summary_table_render(capsys):
    from awesome_approx.links.report import RichProgress, print_summary_table
    from awesome_approx.links.targets import url_target

    progress = RichProgress()
    progress.start(2)
    progress.advance(url_target("https://a.example/"), Result(OK, "HTTP 200"))
    progress.stop()
    print_summary_table(build_report(make_run({"https://a.example/x": Result(DEAD, "HTTP 404")}), {DEAD},
                                     False, ROOT))
    out = capsys.readouterr().out
    assert "link check" in out and "dead" in out


def test_junit_escapes_service_text_and_drops_what_xml_cannot_hold():
    from xml.etree import ElementTree

    from awesome_approx.links.junit import format_junit

    reason = 'HTTP 404 <b>"gone"</b> & more\x00\x1b'
    run = make_run({"https://a.example/x?a=1&b=<2>": Result(DEAD, reason), "https://b.example/": Result(OK, "ok")})
    suites = ElementTree.fromstring(format_junit(build_report(run, {DEAD}, False, ROOT)).encode())
    failures = suites.findall("testsuite/testcase/failure")
    assert [f.get("message") for f in failures] == ['HTTP 404 <b>"gone"</b> & more']
    names = [case.get("name") for case in suites.findall("testsuite/testcase")]
    assert "e0 [url] https://a.example/x?a=1&b=<2>" in names
    assert suites.get("failures") == "1" and suites.get("skipped") == "0"
