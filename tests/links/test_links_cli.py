"""`awesome-approx links` end to end, on a copy of our own data, against the fake services.

Every live fact of our data is served by the fakes (built from the data itself, so nothing is invented);
planted entries add dead links of every kind and live links behind every fault. The checker must report
exactly the planted dead links as dead.
"""

from __future__ import annotations

import json
import shutil
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from awesome_approx.catalog.identifiers import github_repo_from_url
from awesome_approx.cli import main
from awesome_approx.links.targets import IEEE, URL, references_of
from awesome_approx.validate import load_catalog
from fakes.arxiv import FakeArxiv, Paper
from fakes.crossref import FakeCrossref, Work
from fakes.doi import FakeDoi
from fakes.faults import FaultServer
from fakes.github import FakeGithub, Repo
from fakes.wayback import FakeWayback

REPO_ROOT = Path(__file__).resolve().parents[2]
LIVE_FAULTS = ["/flaky", "/unavailable", "/unavailable-then-ok", "/rate-limited-seconds",
               "/rate-limited-date", "/rate-limited", "/timeout", "/reset", "/redirect-chain", "/loop-a",
               "/head-not-allowed", "/forbidden", "/teapot", "/challenge", "/huge", "/slow"]
DEAD_PATHS = ["/not-found", "/gone", "/redirect-to-404"]


@dataclass
class World:
    arxiv: FakeArxiv
    doi: FakeDoi
    crossref: FakeCrossref
    github: FakeGithub
    web: FaultServer

    def args(self, data: Path, cache: Path, *extra: str) -> list[str]:
        return ["--data", str(data), "links", "--allow-private", "--cache", str(cache),
                "--arxiv-api", self.arxiv.url, "--doi-api", self.doi.url, "--crossref-api", self.crossref.url,
                "--github-api", self.github.url, "--arxiv-interval", "0.05", "--timeout", "0.5",
                "--max-wait", "0.05", *extra]

    def request_count(self) -> int:
        return sum(len(s.requests) for s in (self.arxiv, self.doi, self.crossref, self.github, self.web))


def services_for(data: Path, **faults) -> list:
    """Fakes that know every arXiv id, DOI and GitHub repository of the data, with the facts it states."""
    catalog = load_catalog(data).catalog
    papers, dois, works, repos = {}, set(), {}, {}
    for e in catalog.entries:
        year = e.year or 2020
        if e.arxiv:
            papers[e.arxiv] = Paper(e.title, e.authors or ("Unknown",), f"{year}-01-01")
        if e.doi:
            dois.add(e.doi)
            names = tuple((" ".join(a.split()[:-1]), a.split()[-1]) for a in e.authors)
            works[e.doi] = Work(e.title, names, year)
        for url in (e.url, e.code):
            repo = github_repo_from_url(url or "")
            if repo:
                repos["/".join(repo)] = Repo()
    return [FakeArxiv(papers, **faults.get("arxiv", {})), FakeDoi(dois, **faults.get("doi", {})),
            FakeCrossref(works), FakeGithub(repos, **faults.get("github", {})),
            FaultServer(stall=5.0, slow_interval=0.05)]


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", target)
    return target


def start(stack: ExitStack, data: Path, **faults) -> World:
    return World(*(stack.enter_context(s) for s in services_for(data, **faults)))


def plant(data: Path, name: str, url: str, **fields: str) -> None:
    lines = [f"title: Planted test entry {name}", f"url: {url}", "category: approximations-frameworks",
             "description: A planted entry for the link checker test."]
    lines += [f'{k}: "{v}"' for k, v in fields.items()]
    (data / "entries" / f"{name}.yaml").write_text("\n".join(lines) + "\n")


def point_plain_urls_at(data: Path, web: str, special: dict[str, str] | None = None,
                        default: str = "/ok") -> None:
    """Our data's plain web pages would reach the internet: point each at the loopback fault server,
    at `default` unless `special` maps the entry id to a fault path. Identifiers are left alone: the fake
    services answer for them."""
    for entry in load_catalog(data).catalog.entries:
        for ref in references_of(entry):
            plain = ref.target.kind == URL or (ref.target.kind == IEEE and not ref.target.doi)
            if plain and ref.field in ("url", "code"):
                path = (special or {}).get(entry.id, default)
                text = entry.source.read_text("utf-8")
                entry.source.write_text(text.replace(ref.written, f"{web}{path}?{entry.id}-{ref.field}", 1))


def run_cli(world: World, data: Path, cache: Path, *extra: str, capsys) -> tuple[int, str]:
    code = main(world.args(data, cache, *extra))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "fix the data first" not in captured.err, captured.err
    return code, captured.out


def test_own_data_reports_every_planted_dead_link_and_no_live_link_as_dead(data, tmp_path, capsys):
    with ExitStack() as stack:
        world = start(stack, data, arxiv={"empty_on": {1}, "status_on": {2: (503, {"Retry-After": "1"})}},
                      doi={"status_for": {"10.1145/3309551": 500}})
        web = world.web.url
        point_plain_urls_at(data, web, {"manikandan2020approximation": "/challenge"})
        for i, path in enumerate(LIVE_FAULTS):
            plant(data, f"live{i}", web + path)
        planted_dead = {f"dead{i}" for i in range(len(DEAD_PATHS))}
        for i, path in enumerate(DEAD_PATHS):
            plant(data, f"dead{i}", web + path)
        plant(data, "deadhost", "https://no-such-host.invalid/paper")
        plant(data, "deadarxiv", web + "/ok/a", arxiv="2101.99999")
        plant(data, "deaddoi", web + "/ok/b", doi="10.9999/no-such-doi")
        plant(data, "deadrepo", web + "/ok/c", code="https://github.com/nobody/no-such-repo")
        planted_dead |= {"deadhost", "deadarxiv", "deaddoi", "deadrepo"}
        code, out = run_cli(world, data, tmp_path / "c.json", "--format", "json", "--no-confirm-dead",
                            capsys=capsys)
    report = json.loads(out)
    dead = {f["entry"] for f in report["findings"] if f["outcome"] == "dead"}
    assert dead == planted_dead
    assert code == 1
    own = {p.stem for p in (REPO_ROOT / "data" / "entries").glob("*.yaml")}
    outcomes = {f["entry"]: f["outcome"] for f in report["links"] if f["entry"] in own}
    assert "dead" not in outcomes.values()
    assert outcomes["manikandan2020approximation"] == "blocked"
    assert all(f["fails"] for f in report["findings"] if f["outcome"] == "dead")


def test_clean_data_passes_and_a_warm_cache_makes_no_request(data, tmp_path, capsys):
    with ExitStack() as stack:
        world = start(stack, data)
        point_plain_urls_at(data, world.web.url)
        cache = tmp_path / "c.json"
        code, out = run_cli(world, data, cache, capsys=capsys)
        assert code == 0, out
        assert "result: passed" in out
        assert len(world.arxiv.queries) == 1  # all our arXiv ids in one batch
        before = world.request_count()
        code, out = run_cli(world, data, cache, capsys=capsys)
        assert code == 0
        assert world.request_count() == before
        assert "fresh from cache; requests: none" in out


def test_confirm_dead_policy_fails_only_on_the_second_day(data, tmp_path, capsys, monkeypatch):
    import time as time_module

    with ExitStack() as stack:
        world = start(stack, data)
        point_plain_urls_at(data, world.web.url, {"manikandan2020approximation": "/not-found"})
        cache = tmp_path / "c.json"
        monkeypatch.setenv("CI", "true")  # confirm-dead is on by default in CI
        code, out = run_cli(world, data, cache, capsys=capsys)
        assert code == 0 and "first seen dead in this run" in out
        real_time = time_module.time
        monkeypatch.setattr(time_module, "time", lambda: real_time() + 86400 + 60)
        code, out = run_cli(world, data, cache, capsys=capsys)
        assert code == 1 and "dead since" in out


def test_fail_on_blocked_makes_blocked_links_fail(data, tmp_path, capsys):
    with ExitStack() as stack:
        world = start(stack, data)
        point_plain_urls_at(data, world.web.url, {"manikandan2020approximation": "/forbidden"})
        assert run_cli(world, data, tmp_path / "c.json", capsys=capsys)[0] == 0
        assert run_cli(world, data, tmp_path / "c.json", "--fail-on", "blocked", capsys=capsys)[0] == 1


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "github", "junit"])
def test_output_file_in_every_format(data, tmp_path, capsys, fmt):
    with ExitStack() as stack:
        world = start(stack, data)
        point_plain_urls_at(data, world.web.url, {"manikandan2020approximation": "/gone"})
        output = tmp_path / f"report.{fmt}"
        code, out = run_cli(world, data, tmp_path / "c.json", "--format", fmt, "--output", str(output),
                            "--no-confirm-dead", capsys=capsys)
    assert code == 1 and out == ""
    text = output.read_text()
    assert "manikandan2020approximation" in text and "410" in text
    if fmt == "json":
        assert json.loads(text)["summary"]["outcomes"]["dead"] == 1
    if fmt == "github":
        assert text.startswith("::error file=entries/manikandan2020approximation.yaml,line=4,") or \
            "::error file=" in text
    if fmt == "markdown":
        assert "## ❌ Link check" in text and "| `manikandan2020approximation`" in text
    if fmt == "junit":
        suites = ElementTree.fromstring(text.encode())
        cases = suites.findall("testsuite/testcase")
        assert suites.tag == "testsuites" and int(suites.get("tests")) == len(cases) > 1
        [failed] = [c for c in cases if c.find("failure") is not None]
        assert failed.get("classname").endswith("entries/manikandan2020approximation.yaml")
        assert failed.find("failure").get("type") == "dead" and "410" in failed.find("failure").get("message")
        assert suites.get("failures") == "1"


def test_suggest_and_host_stats_from_the_command_line(data, tmp_path, capsys):
    with ExitStack() as stack:
        world = start(stack, data)
        point_plain_urls_at(data, world.web.url, {"manikandan2020approximation": "/gone"})
        gone = f"{world.web.url}/gone?manikandan2020approximation-url"
        wayback = stack.enter_context(FakeWayback({gone: "20210102030405"}))
        code, out = run_cli(world, data, tmp_path / "c.json", "--suggest", "--wayback-api", wayback.url,
                            "--host-stats", "--no-confirm-dead", capsys=capsys)
    assert code == 1
    assert f"archived copy (2021-01-02): http://web.archive.org/web/20210102030405/{gone}" in out
    host = world.web.url.removeprefix("http://")
    assert "per host: requests, outcomes" in out and any(line.split()[:1] == [host] for line in out.splitlines())


@pytest.mark.parametrize(("argv", "message"), [
    (["--fail-on", "dead,sometimes"], "unknown outcome(s) sometimes"),
    (["--arxiv-api", "ftp://mirror.example"], "not an http(s) base URL"),
])
def test_usage_errors_exit_2_and_write_nothing(data, tmp_path, capsys, argv, message):
    cache = tmp_path / "c.json"
    code = main(["--data", str(data), "links", "--cache", str(cache), *argv])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not cache.exists()


def test_arxiv_interval_below_3_s_is_refused_for_the_real_api(data, tmp_path, capsys):
    code = main(["--data", str(data), "links", "--cache", str(tmp_path / "c.json"), "--arxiv-interval", "1"])
    assert code == 2
    assert "needs another --arxiv-api" in capsys.readouterr().err


def test_endpoint_from_environment_variable(data, tmp_path, capsys, monkeypatch):
    with ExitStack() as stack:
        world = start(stack, data)
        point_plain_urls_at(data, world.web.url)
        monkeypatch.setenv("AWESOME_APPROX_ARXIV_API", world.arxiv.url)
        args = [a for a in world.args(data, tmp_path / "c.json") if a not in (world.arxiv.url, "--arxiv-api")]
        assert main(args) == 0
        assert len(world.arxiv.queries) == 1


def test_data_with_errors_is_not_checked(data, tmp_path, capsys):
    (data / "entries" / "broken.yaml").write_text("title: [unclosed\n")
    cache = tmp_path / "c.json"
    code = main(["--data", str(data), "links", "--cache", str(cache)])
    err = capsys.readouterr().err
    assert code == 1
    assert "broken.yaml" in err and "fix the data first" in err
    assert not cache.exists()


def test_unwritable_output_is_a_clear_error(data, tmp_path, capsys):
    with ExitStack() as stack:
        world = start(stack, data)
        point_plain_urls_at(data, world.web.url)
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("")
        code = main(world.args(data, tmp_path / "c.json", "--output", str(blocker / "report.md")))
    captured = capsys.readouterr()
    assert code == 2
    assert f"cannot write {blocker / 'report.md'}" in captured.err
    assert "result: passed" in captured.out  # the report is not lost


def test_failing_services_never_make_a_live_link_dead(data, tmp_path, capsys):
    catalog = load_catalog(data).catalog
    every_doi = {e.doi: 503 for e in catalog.entries if e.doi}
    always_busy = {n: (503, {"Retry-After": "1"}) for n in range(1, 50)}
    with ExitStack() as stack:
        world = start(stack, data, arxiv={"status_on": always_busy}, doi={"status_for": every_doi},
                      github={"rate_limited": True})
        point_plain_urls_at(data, world.web.url, default="/reset")
        code, out = run_cli(world, data, tmp_path / "c.json", "--format", "json", "--no-confirm-dead",
                            capsys=capsys)
    report = json.loads(out)
    assert code == 0
    assert report["summary"]["outcomes"]["dead"] == 0
    assert report["summary"]["outcomes"]["unknown"] == report["summary"]["links"]
    assert not report["summary"]["network_down"]  # the services answered, with errors


def test_the_new_options_are_documented_where_links_is():
    text = (REPO_ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for option in ("--format junit", "--suggest", "--host-stats", "--wayback-api", "--fail-on moved",
                   "--per-host", "--concurrency"):
        assert option in text, option
