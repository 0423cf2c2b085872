"""Every command that writes: the mode of what it rewrites is kept, and a write that fails (a full disk,
a path through a file) is `cannot write PATH: reason`, exit 1, no traceback, the old file whole
(issue 10, items 8 and 9). The site's share is in tests/site/test_site_commands.py."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_approx.cli import main
from workspace import ROOT

FILE_TOO_LARGE = "File too large"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def here(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    return project


def run_limited(project: Path, max_file_bytes: int, *args: str, env: dict[str, str] | None = None):
    """The command line in a fresh process whose files may not grow beyond `max_file_bytes` (RLIMIT_FSIZE:
    write() then fails with EFBIG, as on a full disk with ENOSPC; Python ignores the SIGXFSZ signal)."""
    code = ("import resource, sys\n"
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({max_file_bytes}, {max_file_bytes}))\n"
            "from awesome_approx.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=project, capture_output=True, text=True,
                          timeout=300, env=environment, check=False)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


# --- modes (item 9) ------------------------------------------------------------------------------------

def test_readme_keeps_the_mode_of_readme_md(here: Path, capsys) -> None:
    readme = here / "README.md"
    readme.write_text("old\n")
    readme.chmod(0o644)
    assert main(["readme"]) == 0
    assert readme.read_text() != "old\n" and mode(readme) == 0o644


def test_fmt_keeps_the_mode_of_the_entries_it_rewrites(here: Path, capsys) -> None:
    entry = here / "data" / "entries" / "nemo.yaml"
    entry.write_text(entry.read_text("utf-8").replace("tags: [framework, quantization, pytorch, onnx]",
                                                      "tags:\n  - framework\n  - quantization\n  - pytorch\n"
                                                      "  - onnx"), "utf-8")
    entry.chmod(0o664)
    assert main(["fmt"]) == 0
    assert "reformatted" in capsys.readouterr().out
    assert "tags: [framework, quantization, pytorch, onnx]" in entry.read_text("utf-8")
    assert mode(entry) == 0o664


def test_fmt_refuses_a_symlinked_entry_and_leaves_link_and_target_alone(here: Path, capsys) -> None:
    entries = here / "data" / "entries"
    outside = here / "elsewhere.yaml"
    messy = (entries / "nemo.yaml").read_text("utf-8").replace("tags: [framework, quantization, pytorch, onnx]",
                                                                "tags:\n  - framework\n  - onnx")
    outside.write_text(messy, "utf-8")
    (entries / "nemo.yaml").unlink()
    (entries / "nemo.yaml").symlink_to(outside)
    assert main(["fmt"]) == 1
    err = capsys.readouterr().err
    assert f"{entries / 'nemo.yaml'}:1:1: [not-regular]" in err and "1 file(s) not formatted" in err
    assert (entries / "nemo.yaml").is_symlink() and outside.read_text("utf-8") == messy


def test_export_keeps_the_mode_of_the_file_it_replaces(here: Path, capsys) -> None:
    target = here / "list.bib"
    target.write_text("old\n")
    target.chmod(0o644)
    assert main(["export", "--format", "bibtex", "--output", str(target)]) == 0
    assert target.read_text() != "old\n" and mode(target) == 0o644


def test_the_validate_cache_keeps_its_mode_when_rewritten(here: Path, capsys) -> None:
    assert main(["validate"]) == 0
    cache = here / ".cache" / "validate.marshal"
    cache.chmod(0o644)
    before = cache.read_bytes()
    entry = here / "data" / "entries" / "nemo.yaml"
    entry.write_text(entry.read_text("utf-8") + "\n", "utf-8")  # a changed file: the cache is rewritten
    assert main(["validate"]) == 0
    assert cache.read_bytes() != before and mode(cache) == 0o644


# --- failed writes (item 8) ----------------------------------------------------------------------------

def test_readme_on_a_full_disk_says_cannot_write_and_keeps_readme_md(project: Path) -> None:
    readme = project / "README.md"
    readme.write_text("old\n")
    done = run_limited(project, 4096, "readme")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == f"awesome-approx: cannot write {readme}: {FILE_TOO_LARGE}"
    assert "Traceback" not in done.stderr
    assert readme.read_text() == "old\n" and leftovers(project) == []


def test_export_on_a_full_disk_says_cannot_write(project: Path) -> None:
    target = project / "list.json"
    done = run_limited(project, 4096, "export", "--format", "json", "--output", str(target))
    assert done.returncode == 1
    assert f"awesome-approx: cannot write {target}: {FILE_TOO_LARGE}" in done.stderr
    assert "Traceback" not in done.stderr and not target.exists() and leftovers(project) == []


def test_fmt_on_a_full_disk_says_cannot_write_and_keeps_the_entry(project: Path) -> None:
    entry = project / "data" / "entries" / "nemo.yaml"
    messy = entry.read_text("utf-8").replace("tags: [framework, quantization, pytorch, onnx]",
                                             "tags:\n  - framework\n  - onnx")
    entry.write_text(messy, "utf-8")
    done = run_limited(project, 200, "fmt")
    assert done.returncode == 1
    assert f"awesome-approx: cannot write {entry}: {FILE_TOO_LARGE}" in done.stderr
    assert "Traceback" not in done.stderr
    assert entry.read_text("utf-8") == messy and leftovers(project) == []


def test_readme_into_a_path_through_a_file_says_cannot_write(here: Path, capsys) -> None:
    (here / "README.md").write_text("old\n")
    assert main(["readme", "--output", "README.md/inner.md"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"awesome-approx: cannot write {here / 'README.md' / 'inner.md'}: Not a directory")
    assert (here / "README.md").read_text() == "old\n"


def test_export_into_proc_says_cannot_write(here: Path, capsys) -> None:
    assert main(["export", "--format", "csv", "--output", "/proc/awesome-approx.csv"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("awesome-approx: cannot write /proc/awesome-approx.csv: ") and "Traceback" not in err


def test_add_on_a_full_disk_says_cannot_write_and_writes_nothing(project: Path) -> None:
    from fakes.arxiv import FakeArxiv, Paper

    paper = Paper("Accelerating Sparse DNN Models without Hardware-Support via Tile-Wise Sparsity",
                  ("Cong Guo", "Bo Yang Hsueh"), published="2020-08-31")
    entries = project / "data" / "entries"
    (entries / "guo2020accelerating.yaml").unlink()
    before = sorted(p.name for p in entries.iterdir())
    with FakeArxiv({"2008.13006": paper}) as arxiv:
        done = run_limited(project, 100, "add", "2008.13006", "--category", "structured-hardware-friendly",
                           env={"AWESOME_APPROX_ARXIV_API": arxiv.url})
    assert done.returncode == 1
    assert (f"awesome-approx add: cannot write {entries / 'guo2020accelerating.yaml'}: {FILE_TOO_LARGE}"
            in done.stderr)
    assert "Traceback" not in done.stderr and sorted(p.name for p in entries.iterdir()) == before
