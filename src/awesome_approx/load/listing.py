"""Which files of data/entries/ are entry files, and which are refused before anything reads them.

An entry file is a regular file named *.yaml directly in the folder (names starting with . or _ are
templates and editor leftovers, skipped). A symlink, or anything that resolves outside the data folder,
is refused as `not-regular` and never opened: a pull request must not make the tool read (and print in
its messages) a file elsewhere on the machine. A FIFO, a folder or another special file named *.yaml is
reported too rather than skipped, so nothing the author meant as an entry vanishes silently.
"""

from __future__ import annotations

import os
from pathlib import Path

from awesome_approx.catalog.problems import Problem


def entry_files(data_dir: Path, problems: list[Problem]) -> list[Path]:
    """The entry files under `data_dir`/entries, sorted by name (every output is then deterministic)."""
    folder = data_dir / "entries"
    if not folder.is_dir():
        problems.append(Problem.at(folder, 1, 1, "missing-folder", "the folder of entries does not exist",
                                   f"create {folder} with one .yaml file per entry"))
        return []
    if not folder.resolve().is_relative_to(data_dir.resolve()):
        problems.append(Problem.at(folder, 1, 1, "not-regular", "the folder of entries lies outside the data "
                                   "folder (a symbolic link?); nothing in it is read",
                                   f"make {folder} a real folder inside {data_dir}"))
        return []
    files = []
    # scandir knows each name's file type without a stat() call per file (10,000 of them in large lists).
    with os.scandir(folder) as scan:
        items = sorted((item for item in scan if not item.name.startswith((".", "_"))), key=lambda i: i.name)
    for item in items:
        stem, suffix = os.path.splitext(item.name)  # from the name: a Path's properties cost more per file
        if suffix.lower() not in (".yml", ".yaml"):
            continue
        path = folder / item.name
        refusal = _refusal(item)
        if refusal:
            problems.append(Problem.at(path, 1, 1, "not-regular", refusal,
                                       "an entry is a plain file in data/entries/; replace it by one"))
        elif suffix != ".yaml":
            problems.append(Problem.at(path, 1, 1, "file-name", f"entry files end in .yaml, not {suffix}",
                                       f"rename it to {stem}.yaml"))
        else:
            files.append(path)
    return files


def _refusal(item: os.DirEntry) -> str | None:
    """Why a name in the folder is not read as an entry, or None for a regular file. A regular file that is
    not a symlink, in a folder inside the data folder, cannot lie outside it."""
    try:
        if item.is_symlink():
            return "the entry is a symbolic link, not a file; it is not read"
        if item.is_dir(follow_symlinks=False):
            return "this is a folder, not an entry file"
        if not item.is_file(follow_symlinks=False):
            return "this is not a regular file (a FIFO, socket or device); it is not read"
    except OSError as error:
        return f"cannot look at the file: {error.strerror}"
    return None
