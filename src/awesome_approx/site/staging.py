"""Where `build` writes a new site before it replaces the old one, and how it replaces it.

    staging = Staging.begin(site_dir)    # a fresh, empty .site-XXXXXXXX/ beside site_dir
    try:
        ...                              # MkDocs builds into staging.path
        staging.publish()                # only when the build succeeded
    finally:
        staging.end()                    # whatever ended the build: an error, Ctrl-C, SIGTERM

- One build at a time: `begin` takes an exclusive lock (flock) on the folder that holds the site, so no
  lock file is left behind; the kernel releases it however the process ends, even killed. It refuses
  when another build holds it.
- Holding the lock means no other build is running, so staging folders left by a build that was killed
  (`.site-XXXXXXXX/`, `.site-old-PID/`) are removed before a new one is made.
- `publish` swaps the new site in with one `exchange_directories` step where the kernel offers it, so
  `site/` never goes missing; elsewhere it renames the old one away and the new one in.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from awesome_approx.fsutil import WriteError, exchange_directories, fresh_directory


class SiteBusyError(Exception):
    """Another build is writing the same site."""


def is_staging_name(site_dir: Path, name: str) -> bool:
    """The names staging folders get (8 random characters, as tempfile.mkdtemp gave them too, or old-PID):
    nothing else beside the site is ever removed."""
    return re.fullmatch(rf"\.{re.escape(site_dir.name)}-(?:[a-z0-9_]{{8}}|old-\d+)", name) is not None


def staging_folders(site_dir: Path) -> list[Path]:
    """Staging folders beside `site_dir`: stale when no build holds the lock."""
    if not site_dir.parent.is_dir():
        return []
    return sorted(path for path in site_dir.parent.iterdir()
                  if is_staging_name(site_dir, path.name) and path.is_dir() and not path.is_symlink())


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _lock(site_dir: Path) -> int:
    """A lock file would be one more file a build leaves behind, and removing it races with a build that
    is just opening it; a lock on the folder itself has neither problem."""
    fd = os.open(site_dir.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        os.close(fd)
        raise SiteBusyError(f"another build is running in {site_dir.parent} (it holds a lock on that folder); "
                            "run this one when it has finished") from error
    return fd


@dataclass
class Staging:
    site_dir: Path
    path: Path
    lock_fd: int

    @classmethod
    def begin(cls, site_dir: Path) -> Staging:
        """Lock the site, remove stale staging folders, make a fresh one (WriteError when that fails)."""
        try:
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            fd = _lock(site_dir)
        except OSError as error:
            raise WriteError(error.filename or site_dir, error) from error
        try:
            for stale in staging_folders(site_dir):
                _remove(stale)
            return cls(site_dir, fresh_directory(site_dir.parent, f".{site_dir.name}-"), fd)
        except OSError as error:
            os.close(fd)
            raise WriteError(site_dir.parent, error) from error
        except BaseException:
            os.close(fd)
            raise

    def publish(self) -> None:
        """Put the site built in `path` at `site_dir`; the old site ends up in `path` or is removed."""
        if not os.path.lexists(self.site_dir):
            os.rename(self.path, self.site_dir)
            return
        if exchange_directories(self.path, self.site_dir):
            return  # the old site is now at `path`, which end() removes
        old = self.site_dir.with_name(f".{self.site_dir.name}-old-{os.getpid()}")
        os.replace(self.site_dir, old)
        os.replace(self.path, self.site_dir)
        _remove(old)

    def write_error(self, error: OSError) -> WriteError:
        """`cannot write site/x/index.html: reason` for a file that failed in the staging folder. A failed
        copy names its source first and its destination second (shutil's sendfile path), so the name
        inside the staging folder is looked for in both."""
        names = [Path(os.fsdecode(n)) for n in (error.filename, error.filename2) if isinstance(n, str | bytes)]
        inside = [n for n in names if n == self.path or self.path in n.parents]
        if inside:
            return WriteError(self.site_dir / inside[0].relative_to(self.path), error)
        return WriteError(names[0] if names else self.site_dir, error)

    def end(self) -> None:
        """Remove the staging folder (and the old site in it, after an exchange); release the lock."""
        try:
            _remove(self.path)
        finally:
            os.close(self.lock_fd)
