"""The GitHub integration files cannot run here, so these tests pin down what they must say: triggers,
least-privilege permissions, pinned actions, concurrency groups, and documents that mirror the validator."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from awesome_approx import cli
from awesome_approx.catalog.model import ENTRY_FIELDS
from awesome_approx.validate.cross_entry import FIELD_OF_KEY

ROOT = Path(__file__).resolve().parents[2]
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@v\d+\.\d+\.\d+$")


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_text(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict) -> list[str]:
    return [step["uses"] for step in steps(workflow) if "uses" in step]


WORKFLOWS = ["add-entry.yml", "ci.yml", "discover.yml", "links.yml", "pages.yml"]


def test_the_workflows_exist(workflows):
    assert sorted(workflows) == WORKFLOWS


@pytest.mark.parametrize("name", WORKFLOWS)
def test_actions_are_pinned_to_an_exact_version(workflows, name):
    used = uses(workflows[name])
    assert used
    assert [u for u in used if not PINNED.match(u)] == []


@pytest.mark.parametrize("name", WORKFLOWS)
def test_every_workflow_has_a_concurrency_group_and_top_level_permissions(workflows, name):
    workflow = workflows[name]
    assert workflow["concurrency"]["group"]
    assert "permissions" in workflow
    top = workflow["permissions"]
    assert top == {} or top == {"contents": "read"}


@pytest.mark.parametrize("name", WORKFLOWS)
def test_no_workflow_runs_on_pull_request_target(workflows, name):
    assert "pull_request_target" not in workflows[name]["on"]


def job_permissions(workflow: dict) -> dict[str, dict]:
    return {name: job.get("permissions", workflow["permissions"]) for name, job in workflow["jobs"].items()}


def test_ci_runs_on_pushes_and_pull_requests_with_read_only_rights(workflows):
    ci = workflows["ci.yml"]
    assert set(ci["on"]) == {"push", "pull_request"}
    assert all(perms == {"contents": "read"} for perms in job_permissions(ci).values())
    assert ci["concurrency"]["cancel-in-progress"] is True


def test_ci_sets_up_python_311_and_runs_every_check(workflows):
    ci = workflows["ci.yml"]
    setup = next(s for s in steps(ci) if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    commands = [line.strip() for line in run_text(ci).splitlines()]
    assert "make test" in commands
    assert ".venv/bin/awesome-approx validate --format github" in commands
    assert ".venv/bin/awesome-approx readme --check" in commands
    assert ".venv/bin/mkdocs build --strict" in commands


def test_links_runs_weekly_and_on_demand(workflows):
    links = workflows["links.yml"]
    assert set(links["on"]) == {"schedule", "workflow_dispatch"}
    (schedule,) = links["on"]["schedule"]
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()


def test_links_restores_and_saves_the_cache_even_when_links_are_dead(workflows):
    links = workflows["links.yml"]
    restore = next(s for s in steps(links) if s.get("uses", "").startswith("actions/cache/restore@"))
    save = next(s for s in steps(links) if s.get("uses", "").startswith("actions/cache/save@"))
    assert restore["with"]["path"] == save["with"]["path"] == ".cache/links.json"
    assert save["if"] == "always()"
    order = [s.get("uses", s.get("run", "")) for s in steps(links)]
    check = next(i for i, s in enumerate(order) if "awesome-approx links" in s)
    assert order.index(restore["uses"]) < check < order.index(save["uses"])


def test_links_reports_to_the_summary_and_to_one_labelled_issue(workflows):
    links = workflows["links.yml"]
    text = run_text(links)
    assert "awesome-approx links --format markdown --output report.md" in text
    assert 'cat report.md >> "$GITHUB_STEP_SUMMARY"' in text
    assert 'gh issue list --label "$LABEL"' in text and "gh issue edit" in text and "gh issue create" in text
    assert links["env"]["LABEL"] == "dead-links"
    assert job_permissions(links) == {"links": {"contents": "read", "issues": "write"}, "enrich": {"contents": "read"}}


def test_pages_builds_with_make_site_and_deploys_from_main_only(workflows):
    pages = workflows["pages.yml"]
    assert pages["on"]["push"] == {"branches": ["main"]}
    assert "make site" in run_text(pages)
    upload = next(s for s in steps(pages) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any(u.startswith("actions/deploy-pages@") for u in uses(pages))
    perms = job_permissions(pages)
    assert perms["build"] == {"contents": "read"}
    assert perms["deploy"] == {"pages": "write", "id-token": "write"}
    assert pages["jobs"]["deploy"]["needs"] == "build"
    assert pages["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert pages["concurrency"]["cancel-in-progress"] is False


# --- pre-commit hooks --------------------------------------------------------------------------------------


def hooks() -> dict[str, dict]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return {hook["id"]: hook for hook in data}


def test_pre_commit_hooks_expose_validate_fmt_and_readme():
    found = hooks()
    assert {hook["entry"] for hook in found.values()} == {
        "awesome-approx validate", "awesome-approx fmt --check", "awesome-approx readme --check"}
    for hook in found.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        assert re.search(hook["files"], "data/entries/guo2020accelerating.yaml")
        assert not re.search(hook["files"], "src/awesome_approx/cli.py")


def test_pre_commit_hooks_run_subcommands_the_cli_has():
    parser = cli.build_parser()
    for hook in hooks().values():
        argv = hook["entry"].split()[1:]
        if argv[0] not in cli.COMMANDS:  # fmt is registered by its own change; checked once it is
            continue
        assert parser.parse_args(argv).command == argv[0]


# --- documents that mirror the validator ------------------------------------------------------------------


def validator_codes() -> set[str]:
    """Every problem code the loader and the validator can emit, read from their source."""
    codes: set[str] = set()
    package = ROOT / "src" / "awesome_approx"
    for path in sorted([*(package / "load").glob("*.py"), *(package / "validate").glob("*.py")]):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute | ast.Name):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            position = {"problem": 0, "at": 3, "_entry_problem": 2, "Rule": 2}.get(name)
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                codes.add(arg.value)
            elif isinstance(arg, ast.JoinedStr):  # f"duplicate-{kind}"
                codes.update(f"duplicate-{kind}" for kind in FIELD_OF_KEY)
    return codes


def test_validator_codes_are_found():
    codes = validator_codes()
    assert {"bad-arxiv", "duplicate-doi", "yaml-anchor", "ieee-without-doi", "unreadable"} <= codes
    assert len(codes) >= 30


def test_contributing_documents_every_problem_code_and_field():
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    table_codes = set(re.findall(r"^\| `([a-z-]+)` \|", text, re.MULTILINE))
    assert validator_codes() <= table_codes
    fields = set(re.findall(r"^\| `([a-z]+)` \| (?:yes|no|for )", text, re.MULTILINE))
    assert fields == set(ENTRY_FIELDS)


def test_contributing_shows_both_ways_to_add_an_entry():
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert "awesome-approx add 2008.13006 --category structured-hardware-friendly" in text
    assert "cp data/entries/_template.yaml.example data/entries/<id>.yaml" in text
    assert "make test" in text
    assert (ROOT / "data" / "entries" / "_template.yaml.example").is_file()


def test_pull_request_checklist_mirrors_the_validator():
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text("utf-8")
    groups = re.findall(r"\(checked: ([^)]*)\)", " ".join(text.split()))
    mentioned = {code.strip() for group in groups for code in group.split(",")}
    assert validator_codes() <= mentioned
    assert text.count("- [ ]") >= 10
