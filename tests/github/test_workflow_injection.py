"""Script injection: text from an event (issue bodies, titles, comments, branch names) must reach a shell
only through environment variables or files, never expanded inside a `run:` script by `${{ ... }}`.
Also the shape of the curation workflows (discover, add-entry, the weekly enrich pull request)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
UNTRUSTED = re.compile(r"\$\{\{[^}]*\b(github\.event\.|github\.head_ref|inputs\.)")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def run_blocks(workflow: dict) -> list[tuple[str, str]]:
    return [(f"{job_name}: {step.get('name', '?')}", step["run"])
            for job_name, job in workflow["jobs"].items() for step in job.get("steps", []) if "run" in step]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_event_text_is_expanded_inside_a_run_block(path: Path) -> None:
    offending = [where for where, script in run_blocks(load(path)) if UNTRUSTED.search(script)]
    assert offending == []


def test_the_scan_catches_an_injection() -> None:
    workflow = {"jobs": {"x": {"steps": [{"name": "bad", "run": 'echo "${{ github.event.issue.body }}"'}]}}}
    assert [where for where, script in run_blocks(workflow) if UNTRUSTED.search(script)] == ["x: bad"]


def test_add_entry_runs_on_a_maintainers_add_comment_and_passes_the_body_by_environment() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "add-entry.yml")
    assert workflow[True] == {"issue_comment": {"types": ["created"]}}  # YAML 1.1 reads `on` as True
    job = workflow["jobs"]["add"]
    assert "'/add'" in job["if"] and "author_association" in job["if"] and "add-entry" in job["if"]
    steps = {step.get("name"): step for step in job["steps"]}
    write = steps["Write the issue body to a file"]
    assert write["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}" and "$ISSUE_BODY" in write["run"]
    assert "--from-issue" in steps["Add the entry"]["run"] and "--message-file" in steps["Add the entry"]["run"]
    assert "--body-file" in steps["Say why nothing was added"]["run"]
    opened = [s for s in job["steps"] if s.get("uses", "").startswith("peter-evans/create-pull-request@")]
    assert opened and opened[0]["with"]["token"] == "${{ secrets.BOT_TOKEN }}"


def test_discover_posts_one_candidates_issue_weekly() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "discover.yml")
    assert "schedule" in workflow[True]
    script = "\n".join(script for _, script in run_blocks(workflow))
    assert "awesome-approx discover" in script and "--format markdown" in script
    assert "gh issue edit" in script and "gh issue create" in script and workflow["env"]["LABEL"] == "candidates"


def test_the_link_check_opens_one_enrich_pull_request() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "links.yml")
    job = workflow["jobs"]["enrich"]
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert "awesome-approx enrich --write" in script and "awesome-approx fmt --check" in script
    opened = [s for s in job["steps"] if s.get("uses", "").startswith("peter-evans/create-pull-request@")]
    assert opened[0]["with"]["branch"] == "weekly/enrich" and opened[0]["with"]["token"] == "${{ secrets.BOT_TOKEN }}"
