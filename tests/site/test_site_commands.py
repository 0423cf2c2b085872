"""`awesome-approx pages` and `awesome-approx build`, end to end in a copy of the project."""

from __future__ import annotations

import shutil

import pytest
from site_support import BAD_DATA, DATA, ROOT

from awesome_approx.cli import main
from awesome_approx.config import load_config
from awesome_approx.render.pages import SiteOptions, render_pages
from awesome_approx.validate import load_catalog


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the repository's site sources with the fixture data, as the working directory."""
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("templates", "docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_pages_writes_the_renderer_output_as_plain_files(project, capsys):
    assert main(["pages", "--out", "out"]) == 0
    config = load_config(project)
    expected = render_pages(load_catalog(project / "data").catalog, config.templates_path,
                            SiteOptions(repo_url=config.repo_url))
    written = {p.relative_to(project / "out").as_posix(): p.read_text("utf-8")
               for p in (project / "out").rglob("*") if p.is_file()}
    assert written == expected
    assert f"wrote {len(expected)} files" in capsys.readouterr().err


def test_pages_with_invalid_data_writes_nothing(project, capsys):
    assert main(["--data", str(BAD_DATA), "pages", "--out", "out"]) == 1
    err = capsys.readouterr().err
    assert "broken2020.yaml:5:" in err and "no page written" in err
    assert not (project / "out").exists()


def test_build_writes_readme_and_site(project, capsys):
    (project / "README.md").write_text("old")
    assert main(["build"]) == 0
    assert "Accelerating Sparse DNN Models" in (project / "README.md").read_text()
    assert (project / "site" / "categories" / "best-surveys" / "index.html").is_file()
    assert f"open {project / 'site' / 'index.html'}" in capsys.readouterr().err


def test_build_with_invalid_data_writes_nothing(project, capsys):
    (project / "README.md").write_text("old")
    assert main(["--data", str(BAD_DATA), "build"]) == 1
    assert "broken2020.yaml:5:" in capsys.readouterr().err
    assert (project / "README.md").read_text() == "old"
    assert not (project / "site").exists()


# --- interruption, stale staging, a full disk (issue 10, item 8) ---------------------------------------

def staging_left(project) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site-"))


def test_build_removes_staging_folders_a_killed_build_left_and_nothing_else(project, capsys):
    for name in (".site-abcd1234", ".site-old-4242", ".site-keep-me", ".sitex1234567"):
        (project / name).mkdir()
        (project / name / "index.html").write_text("left behind")
    assert main(["build"]) == 0
    assert staging_left(project) == [".site-keep-me"]  # not a name a build gives: not ours to remove
    assert (project / ".sitex1234567").is_dir()
    assert (project / "site" / "index.html").is_file()


def test_a_second_build_of_the_same_site_at_once_is_refused(project, capsys):
    import fcntl
    import os

    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the running build's site")
    held = os.open(project, os.O_RDONLY)  # what a running build holds: a lock on the site's folder
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert main(["build", "--no-readme"]) == 1
    finally:
        os.close(held)
    assert (f"awesome-approx: the site was not built: another build is running in {project} (it holds a "
            "lock on that folder); run this one when it has finished") in capsys.readouterr().err
    assert (project / "site" / "index.html").read_text() == "the running build's site"


def test_a_rebuild_replaces_the_old_site_whole(project, capsys):
    (project / "site").mkdir()
    (project / "site" / "stale.html").write_text("from an old build")
    assert main(["build", "--no-readme"]) == 0
    assert not (project / "site" / "stale.html").exists()
    assert (project / "site" / "index.html").is_file() and staging_left(project) == []


def run_cli_process(project, *args: str, limit: int | None = None):
    import os
    import subprocess
    import sys

    setup = (f"import resource\nresource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
             if limit else "")
    code = setup + "import sys\nfrom awesome_approx.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=project, env=env, text=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_build_on_a_full_disk_says_cannot_write_and_keeps_the_old_site(project):
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the old site")
    run = run_cli_process(project, "build", "--no-readme", limit=8192)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 1, err
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"awesome-approx: cannot write {project / 'site'}/") and last.endswith(
        ": File too large"), last
    assert "Traceback" not in err
    assert (project / "site" / "index.html").read_text() == "the old site"
    assert staging_left(project) == []


def test_sigterm_during_build_exits_cleanly_and_removes_the_staging_folder(project):
    import os
    import signal
    import threading

    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the old site")
    # A page MkDocs must read: a FIFO, whose open() blocks until this test opens the other end. When the
    # test's open returns, the build is inside MkDocs with its staging folder made: the deterministic
    # point to send SIGTERM.
    fifo = project / "docs" / "zz-blocking-page.md"
    os.mkfifo(fifo)
    run = run_cli_process(project, "build", "--no-readme")
    opened: list[object] = []
    opener = threading.Thread(target=lambda: opened.append(open(fifo, "w")))  # noqa: SIM115
    opener.start()
    opener.join(timeout=240)
    if not opened:  # the build never reached the page: unblock the thread, then fail with its output
        with open(fifo):
            pass
        opener.join()
        run.kill()
        raise AssertionError(f"the build did not read the page: {run.communicate()}")
    assert len(staging_left(project)) == 1  # the build is under way
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=120)
    opened[0].close()
    assert run.returncode == 143, err
    assert err.strip().splitlines()[-1] == "awesome-approx: terminated" and "Traceback" not in err
    assert staging_left(project) == []
    assert (project / "site" / "index.html").read_text() == "the old site"
