"""Turn a check run into findings and print them: text, json, markdown (GitHub job summary), github,
junit (CI test reports, links/junit.py).

A finding is one link of one entry that is not plainly fine: its outcome is not `ok`, or it carries a
warning (`redirected`, `mismatch`, `archived`). Each names the entry, the file and line, the field(s),
the URL, the outcome, the reason, the evidence (status, final URL, API answer) and, with `--suggest`, an
archived copy. A blocked page of an entry with an arXiv id or DOI is judged through that identifier.
With `--host-stats`, the text, markdown and json formats add a table per host: requests, outcomes,
seconds spent in requests, retries.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from awesome_approx.links.checker import CheckRun, Progress
from awesome_approx.links.junit import format_junit
from awesome_approx.links.metadata import mismatches
from awesome_approx.links.results import BLOCKED, DEAD, OK, OUTCOMES, WARNINGS, LinkWarning, Result
from awesome_approx.links.targets import ARXIV, DOI, Reference, Target
from awesome_approx.render.markdown import md_link, md_text

LINK_FIELDS_ORDER = ("url", "code", "arxiv", "doi", "ieee", "metadata")


@dataclass(frozen=True)
class Finding:
    entry: str
    file: str
    line: int
    fields: tuple[str, ...]
    url: str
    outcome: str
    reason: str
    evidence: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[LinkWarning, ...] = ()
    fails: bool = False
    note: str = ""
    cached: bool = False
    archived_copy: str = ""  # the closest Wayback Machine snapshot (--suggest)
    archived_on: str = ""  # its day, YYYY-MM-DD

    @property
    def is_problem(self) -> bool:
        return self.outcome != OK or bool(self.warnings)


@dataclass(frozen=True)
class HostRow:
    host: str
    requests: int
    seconds: float  # spent in requests to the host
    retries: int
    outcomes: dict[str, int]  # outcome -> links whose check started at this host


@dataclass
class Report:
    rows: list[Finding]  # every link of every entry
    counts: Counter[str]  # outcome -> number of distinct targets
    warning_counts: Counter[str]
    references: int
    targets: int
    cached: int
    requests: dict[str, int]
    elapsed: float
    network_down: bool
    notes: list[str]
    fail_on: tuple[str, ...]
    hosts: list[HostRow] | None = None  # only with --host-stats

    @property
    def findings(self) -> list[Finding]:
        return [row for row in self.rows if row.is_problem]

    @property
    def failed(self) -> bool:
        return any(row.fails for row in self.rows)


def _display_path(path: Path | None, root: Path) -> str:
    if path is None:
        return "?"
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _day(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def build_report(run: CheckRun, fail_on: set[str], confirm_dead: bool, root: Path,
                 host_stats: bool = False) -> Report:
    """`fail_on`: outcomes that fail the run (always includes dead); under `confirm_dead`, a dead link
    fails only once confirmed on two runs at least a day apart; `host_stats`: add the per-host table."""
    fail_on = set(fail_on) | {DEAD}
    grouped: dict[tuple[str, str], list[Reference]] = {}
    by_entry: dict[str, list[Reference]] = {}
    for ref in run.references:
        grouped.setdefault((ref.entry.id, ref.target.key), []).append(ref)
        by_entry.setdefault(ref.entry.id, []).append(ref)
    rows: list[Finding] = []
    for (entry_id, key), refs in grouped.items():
        row = _row(refs, run.results[key], key, run, fail_on, confirm_dead, root)
        if row.outcome == BLOCKED:
            row = _judged_through_identifier(row, key, by_entry[entry_id], run)
        rows.append(row)
    rows.extend(_mismatch_rows(by_entry, run, root))
    rows.sort(key=lambda r: (r.file, r.line, r.entry, LINK_FIELDS_ORDER.index(r.fields[0])))
    counts = Counter(run.results[k].outcome for k in run.targets)
    warning_counts = Counter(w.kind for row in rows for w in row.warnings)
    return Report(rows, counts, warning_counts, len(run.references), len(run.targets), len(run.from_cache),
                  dict(run.requests), run.elapsed, run.network_down, list(run.notes),
                  tuple(o for o in OUTCOMES if o in fail_on), _host_rows(run) if host_stats else None)


def _host_rows(run: CheckRun) -> list[HostRow]:
    rows = [HostRow(host, t.requests, t.seconds, t.retries, {o: t.outcomes[o] for o in OUTCOMES if t.outcomes[o]})
            for host, t in run.hosts.items()]
    return sorted(rows, key=lambda r: (-r.requests, r.host))


def _row(refs: list[Reference], result: Result, key: str, run: CheckRun, fail_on: set[str],
         confirm_dead: bool, root: Path) -> Finding:
    first = refs[0]
    fails = result.outcome in fail_on
    note = ""
    if result.outcome == DEAD:
        since = run.dead_since.get(key)
        confirmed = key in run.confirmed_dead
        first_time = since is None or since >= run.checked_at
        if confirm_dead and not confirmed:
            fails = False
            seen = "first seen dead in this run" if first_time else f"first seen dead {_day(since)}"
            note = f"{seen}; fails the check once seen dead again a day or more later"
        elif not first_time:
            note = f"dead since {_day(since)}"
    # Identifiers are shown as the link a maintainer can open; URLs as written in the entry.
    url = first.written if first.field in ("url", "code") else first.target.url
    snapshot = run.archived_copies.get(key)
    return Finding(first.entry.id, _display_path(first.entry.source, root), first.line,
                   tuple(r.field for r in refs), url, result.outcome, result.reason,
                   dict(result.evidence), result.warnings, fails, note, key in run.from_cache,
                   snapshot.url if snapshot else "", snapshot.day if snapshot else "")


def _judged_through_identifier(row: Finding, key: str, refs: list[Reference], run: CheckRun) -> Finding:
    """A blocked page of an entry with an arXiv id or DOI is judged through that identifier (an ok one
    first): the reason says what it answered, and the page fails the run only when it is not ok."""
    identifiers = [r.target.key for r in refs if r.target.kind in (ARXIV, DOI) and r.target.key != key]
    if not identifiers:
        return row
    chosen = next((k for k in identifiers if run.results[k].outcome == OK), identifiers[0])
    verdict = run.results[chosen]
    reason = f"{row.reason}; judged through {chosen}: {verdict.outcome} ({verdict.reason})"
    return replace(row, reason=reason, evidence={**row.evidence, "judged_through": chosen},
                   fails=row.fails and verdict.outcome != OK)


def _mismatch_rows(by_entry: dict[str, list[Reference]], run: CheckRun, root: Path) -> list[Finding]:
    rows = []
    for refs in by_entry.values():
        entry = refs[0].entry
        metadata_refs = [r for r in refs if r.target.kind in (ARXIV, DOI)]
        records = [m for r in metadata_refs for m in run.results[r.target.key].metadata]
        version = next((r.version for r in refs if r.version), None)
        warnings = mismatches(entry, records, version)
        if warnings:
            rows.append(Finding(entry.id, _display_path(entry.source, root), entry.position_of("title").line,
                                ("metadata",), entry.url, OK, "metadata compared with " +
                                ", ".join(sorted({m.get("source", "?") for m in records})),
                                {}, tuple(warnings)))
    return rows


# -- formats ------------------------------------------------------------------------------------------

def _evidence_text(evidence: dict[str, Any]) -> str:
    parts = []
    for name in ("status", "final_url", "api", "answer", "responseCode", "via", "blocked_by", "judged_through",
                 "dns", "body"):
        if name in evidence and evidence[name] not in (None, ""):
            parts.append(f"{name}={evidence[name]}")
    chain = evidence.get("chain") or []
    if len(chain) > 1:
        parts.append("chain=" + " -> ".join(f"{hop['status']} {hop['url']}" for hop in chain))
    return ", ".join(parts)


def summary_lines(report: Report) -> list[str]:
    counts = ", ".join(f"{report.counts.get(o, 0)} {o}" for o in OUTCOMES)
    warns = ", ".join(f"{report.warning_counts.get(w, 0)} {w}" for w in WARNINGS)
    requests = ", ".join(f"{k} {v}" for k, v in sorted(report.requests.items()) if v) or "none"
    lines = [f"{report.targets} links ({report.references} references): {counts}; warnings: {warns}",
             f"{report.cached} fresh from cache; requests: {requests}; {report.elapsed:.1f} s"]
    if report.network_down:
        lines.append("the network is down: every lookup failed, so nothing was called dead")
    lines.extend(report.notes)
    failing = sum(r.fails for r in report.rows)
    verdict = f"FAILED: {failing} link(s) {'/'.join(report.fail_on)}" if report.failed else "passed"
    lines.append(f"result: {verdict}")
    return lines


def format_text(report: Report) -> str:
    lines = []
    for f in report.findings:
        label = f.outcome.upper() if f.outcome != OK else "warning"
        line = f"{f.file}:{f.line}: {f.entry} [{', '.join(f.fields)}] {label}: {f.url}"
        if f.outcome != OK:
            line += f"\n    reason: {f.reason}"
            evidence = _evidence_text(f.evidence)
            if evidence:
                line += f"\n    evidence: {evidence}"
        for warning in f.warnings:
            line += f"\n    {warning.kind}: {warning.message}"
            if warning.suggestion and warning.kind == "redirected":
                line += f"\n    suggest: {warning.suggestion}"
        if f.archived_copy:
            line += f"\n    archived copy ({f.archived_on}): {f.archived_copy}"
        if f.note:
            line += f"\n    note: {f.note}"
        lines.append(line)
    if lines:
        lines.append("")
    lines.extend(summary_lines(report))
    if report.hosts is not None:
        lines += ["", *host_table_text(report.hosts)]
    return "\n".join(lines)


HOST_COLUMNS = ("host", "requests", *OUTCOMES, "seconds", "retries")


def _host_cells(row: HostRow) -> list[str]:
    return [row.host, str(row.requests), *(str(row.outcomes.get(o, 0)) for o in OUTCOMES),
            f"{row.seconds:.2f}", str(row.retries)]


def host_table_text(hosts: list[HostRow]) -> list[str]:
    """Per-host statistics as aligned columns (outcomes count the links whose check began there)."""
    table = [list(HOST_COLUMNS), *(_host_cells(row) for row in hosts)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HOST_COLUMNS))]
    lines = ["per host: requests, outcomes of the links checked there, seconds in requests, retries"]
    for line in table:
        cells = [line[0].ljust(widths[0]), *(cell.rjust(w) for cell, w in zip(line[1:], widths[1:], strict=True))]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def format_json(report: Report) -> str:
    document = {
        "summary": {
            "links": report.targets, "references": report.references, "cached": report.cached,
            "outcomes": {o: report.counts.get(o, 0) for o in OUTCOMES},
            "warnings": {w: report.warning_counts.get(w, 0) for w in WARNINGS},
            "requests": report.requests, "elapsed_seconds": round(report.elapsed, 3),
            "network_down": report.network_down, "fail_on": list(report.fail_on), "failed": report.failed,
            "notes": report.notes,
        },
        "findings": [_finding_json(f) for f in report.findings],
        "links": [_finding_json(f) for f in report.rows if f.fields != ("metadata",)],
    }
    if report.hosts is not None:
        document["hosts"] = [{**asdict(row), "seconds": round(row.seconds, 3)} for row in report.hosts]
    return json.dumps(document, indent=2, ensure_ascii=False)


def _finding_json(f: Finding) -> dict[str, Any]:
    data = asdict(f)
    data["fields"] = list(f.fields)
    data["warnings"] = [asdict(w) for w in f.warnings]
    return data


def _short(url: str, limit: int = 60) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _cell(text: str) -> str:
    return md_text(text)  # escapes "|" too, so a cell never splits


def format_markdown(report: Report) -> str:
    """Fits a GitHub job summary ($GITHUB_STEP_SUMMARY): a verdict, counts, then one row per finding."""
    icon = "❌" if report.failed else "✅"
    lines = [f"## {icon} Link check", "", "| outcome | links |", "|---|---:|"]
    lines += [f"| {o} | {report.counts.get(o, 0)} |" for o in OUTCOMES]
    lines += [f"| warning: {w} | {report.warning_counts.get(w, 0)} |" for w in WARNINGS]
    lines += ["", *(f"{line}  " for line in summary_lines(report))]
    if report.findings:
        lines += ["", "| entry | field | link | outcome | reason |", "|---|---|---|---|---|"]
        for f in report.findings:
            outcome = f.outcome + (" (fails)" if f.fails else "")
            parts = [f.reason if f.outcome != OK else "", *(w.message for w in f.warnings), f.note]
            text = _cell("; ".join(p for p in parts if p))
            if f.archived_copy:
                text += f"; {md_link(f'archived copy ({f.archived_on})', f.archived_copy)}"
            lines.append(f"| `{f.entry}` ({_cell(f.file)}:{f.line}) | {', '.join(f.fields)} | "
                         f"{md_link(_short(f.url), f.url)} | {outcome} | {text} |")
    if report.hosts is not None:
        lines += ["", "| " + " | ".join(HOST_COLUMNS) + " |", "|---" + "|---:" * (len(HOST_COLUMNS) - 1) + "|"]
        for row in report.hosts:
            cells = _host_cells(row)
            lines.append(f"| {_cell(cells[0])} | " + " | ".join(cells[1:]) + " |")
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report) -> str:
    """GitHub Actions workflow commands: an annotation on the entry file's line per finding."""
    lines = []
    for f in report.findings:
        level = "error" if f.fails else "warning"
        title = f"{f.outcome} link" if f.outcome != OK else ", ".join(sorted({w.kind for w in f.warnings}))
        parts = [f.reason if f.outcome != OK else "", *(w.message for w in f.warnings), f.note,
                 f"archived copy ({f.archived_on}): {f.archived_copy}" if f.archived_copy else ""]
        message = f"{f.entry} [{', '.join(f.fields)}] {f.url}: " + "; ".join(p for p in parts if p)
        lines.append(f"::{level} file={_escape_property(f.file)},line={f.line},"
                     f"title={_escape_property(title)}::{_escape_data(message)}")
    lines.extend(f"::notice::{_escape_data(line)}" for line in summary_lines(report)[:2])
    return "\n".join(lines)


FORMATS = {"text": format_text, "json": format_json, "markdown": format_markdown, "github": format_github,
           "junit": format_junit}


# -- terminal -----------------------------------------------------------------------------------------

class RichProgress(Progress):
    """A live progress bar on stderr; only used when stderr is a terminal."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        self._bar = Bar(TextColumn("checking links"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.fields[last]}"), console=Console(stderr=True), transient=True)
        self._task = None

    def start(self, total: int) -> None:
        self._bar.start()
        self._task = self._bar.add_task("links", total=total, last="")

    def advance(self, target: Target, result: Result) -> None:
        self._bar.update(self._task, advance=1, last=f"{result.outcome}: {target.url[:60]}")

    def stop(self) -> None:
        self._bar.stop()


def print_summary_table(report: Report) -> None:
    """The end-of-run summary as a rich table (terminal only)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="link check")
    table.add_column("outcome")
    table.add_column("links", justify="right")
    styles = {"ok": "green", "dead": "red", "blocked": "yellow", "unknown": "magenta", "moved": "cyan"}
    for outcome in OUTCOMES:
        table.add_row(f"[{styles[outcome]}]{outcome}[/]", str(report.counts.get(outcome, 0)))
    for warning in WARNINGS:
        table.add_row(f"warning: {warning}", str(report.warning_counts.get(warning, 0)))
    Console(file=sys.stdout).print(table)
