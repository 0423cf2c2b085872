"""fsutil: atomic writes keep the file's mode and links, fail as `cannot write PATH: reason`; folders swap
in one step (issue 10, items 8 and 9)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from awesome_approx.fsutil import WriteError, exchange_directories, fresh_directory, write_atomic
from workspace import in_fresh_process


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def current_umask() -> int:
    """Read without changing it (os.umask can only be read by setting it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("Umask:"):
            return int(line.split()[1], 8)
    raise AssertionError("no Umask line in /proc/self/status")


@pytest.mark.parametrize("kept", [0o644, 0o640, 0o755, 0o600])
def test_a_rewritten_file_keeps_its_mode(tmp_path: Path, kept: int) -> None:
    path = tmp_path / "README.md"
    path.write_text("old\n")
    path.chmod(kept)
    write_atomic(path, "new\n")
    assert path.read_text() == "new\n" and mode(path) == kept
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]  # no temporary file left


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_0666_less_the_umask(tmp_path: Path, umask: int) -> None:
    # In a fresh interpreter: the umask belongs to the whole process.
    code = ("import os, sys, stat; from pathlib import Path; from awesome_approx.fsutil import write_atomic, "
            "fresh_directory; os.umask(int(sys.argv[1], 8)); p = Path(sys.argv[2]); write_atomic(p / 'new.txt', 'x');"
            "d = fresh_directory(p, '.site-'); print(oct(stat.S_IMODE(os.stat(p / 'new.txt').st_mode)),"
            "oct(stat.S_IMODE(os.stat(d).st_mode)))")
    file_mode, folder_mode = in_fresh_process(code, oct(umask), str(tmp_path))[0].split()
    assert int(file_mode, 8) == 0o666 & ~umask
    assert int(folder_mode, 8) == 0o777 & ~umask


def test_new_files_follow_the_umask_of_this_process_too(tmp_path: Path) -> None:
    write_atomic(tmp_path / "out.csv", "a\n")
    assert mode(tmp_path / "out.csv") == 0o666 & ~current_umask()


def test_a_symbolic_link_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    target = tmp_path / "real" / "README.md"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o644)
    link = tmp_path / "README.md"
    link.symlink_to(target)
    write_atomic(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n" and mode(target) == 0o644


def test_a_path_through_a_file_is_a_write_error_naming_the_path(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(WriteError) as raised:
        write_atomic(tmp_path / "file" / "out.txt", "y")
    assert str(raised.value) == f"cannot write {tmp_path / 'file' / 'out.txt'}: Not a directory"
    assert (tmp_path / "file").read_text() == "x"


def test_a_file_too_large_for_the_limit_is_a_write_error_and_the_old_file_stays(tmp_path: Path) -> None:
    # RLIMIT_FSIZE makes write() fail with EFBIG, as a full disk fails with ENOSPC (Python ignores SIGXFSZ).
    path = tmp_path / "README.md"
    path.write_text("old\n")
    code = ("import resource, sys; from pathlib import Path; from awesome_approx.fsutil import write_atomic;"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000));"
            "\ntry:\n write_atomic(Path(sys.argv[1]), 'x' * 5000)\nexcept OSError as e:\n print(e)")
    assert in_fresh_process(code, str(path)) == [f"cannot write {path}: File too large"]
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    old, new = tmp_path / "site", tmp_path / ".site-abcd1234"
    old.mkdir()
    (old / "index.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    assert exchange_directories(new, old) is True  # Linux with renameat2: the machines CI runs on
    assert (old / "index.html").read_text() == "new"
    assert (new / "index.html").read_text() == "old"


def test_exchange_reports_a_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    with pytest.raises(FileNotFoundError):
        exchange_directories(tmp_path / "a", tmp_path / "missing")


def test_fresh_directories_have_names_of_their_own(tmp_path: Path) -> None:
    made = {fresh_directory(tmp_path, ".site-") for _ in range(20)}
    assert len(made) == 20 and all(p.is_dir() and len(p.name) == len(".site-") + 8 for p in made)
