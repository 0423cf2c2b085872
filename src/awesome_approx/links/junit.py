"""The link report as JUnit XML (`--format junit`), the format CI systems read as test results.

One test case per link of each entry: named `entry [fields] url`, its class the entry file, with `file`
and `line` attributes. A link that fails the run is a `<failure>` (its type the outcome); a link that is
not ok but does not fail (blocked, unknown, moved, an unconfirmed dead link) is `<skipped>` with the
reason; warnings and archived copies go to `<system-out>`. Text from services and data is escaped by
the XML writer, and characters XML 1.0 cannot carry at all are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from awesome_approx.links.results import OK

if TYPE_CHECKING:
    from awesome_approx.links.report import Finding, Report

NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return NOT_XML.sub("", text)


def _details(f: Finding) -> str:
    lines = [f"{f.file}:{f.line}: {f.entry} [{', '.join(f.fields)}] {f.outcome}: {f.url}", f"reason: {f.reason}"]
    lines += [f"{w.kind}: {w.message}" for w in f.warnings]
    if f.archived_copy:
        lines.append(f"archived copy ({f.archived_on}): {f.archived_copy}")
    if f.note:
        lines.append(f"note: {f.note}")
    return _clean("\n".join(lines))


def _case(f: Finding) -> ET.Element:
    case = ET.Element("testcase", classname=_clean(f.file), name=_clean(f"{f.entry} [{', '.join(f.fields)}] {f.url}"),
                      file=_clean(f.file), line=str(f.line), time="0")
    if f.fails:
        failure = ET.SubElement(case, "failure", type=f.outcome, message=_clean(f.reason))
        failure.text = _details(f)
    elif f.outcome != OK:
        ET.SubElement(case, "skipped", message=_clean(f"{f.outcome}: {f.reason}"))
    if f.warnings or f.archived_copy or (f.outcome != OK and not f.fails):
        ET.SubElement(case, "system-out").text = _details(f)
    return case


def format_junit(report: Report) -> str:
    cases = [_case(f) for f in report.rows]
    failures = sum(f.fails for f in report.rows)
    skipped = sum(1 for f in report.rows if not f.fails and f.outcome != OK)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": str(skipped),
              "time": f"{report.elapsed:.3f}"}
    suites = ET.Element("testsuites", name="awesome-approx links", **counts)
    suite = ET.SubElement(suites, "testsuite", name="links", **counts)
    suite.extend(cases)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
