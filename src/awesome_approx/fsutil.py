"""File writes that a reader, a crash or a full disk never turn into half a file or a changed mode.

`write_atomic` writes a temporary file beside the target and renames it over the target. The new file
keeps the old one's permission bits (a new file gets 0666 less the umask, as `open()` would give it);
a symbolic link stays a link and its target is rewritten. Every failure is a `WriteError` naming the path,
which the command line prints as `cannot write PATH: reason`.

`exchange_directories` swaps two folders in one step where the kernel can (see its docstring).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

NEW_FILE_MODE = 0o666
NEW_FOLDER_MODE = 0o777
"""What `open()` and `mkdir` ask for; the kernel takes the umask off them."""

T = TypeVar("T")


class WriteError(OSError):
    """A file or folder could not be written: `cannot write PATH: reason`."""

    def __init__(self, path: Path | str, error: OSError) -> None:
        reason = error.strerror or str(error)
        super().__init__(error.errno, reason, str(path))
        self.path = Path(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write `content` to `path` atomically, keeping the file's mode; WriteError when it cannot."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        _make_parent(target)
        _write_replacing(target, data)
    except WriteError:
        raise
    except OSError as error:
        raise WriteError(path, error) from error


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # the parent is a file: say so, not "File exists"
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path.parent)) from None


def _write_replacing(path: Path, data: bytes) -> None:
    mode = _mode_to_keep(path)
    fd, temp_name = _create_temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _mode_to_keep(path: Path) -> int | None:
    """The permission bits of the file being replaced, or None for a new file (then the umask decides)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new file beside `path`, opened for writing, created with NEW_FILE_MODE so that the umask applies.

    Not tempfile.mkstemp: it creates files at 0600, which would become the mode of every file written
    here, and undoing that needs the umask, which a process can only read by changing it.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)

    def create(name: str) -> tuple[int, str]:
        return os.open(name, flags, NEW_FILE_MODE), name

    return _with_fresh_name(path.parent, f".{path.name}.", ".tmp", create)


def fresh_directory(parent: Path, prefix: str) -> Path:
    """A new empty folder `parent/PREFIX` + 8 random characters, at 0777 less the umask (not
    tempfile.mkdtemp's 0700: the folder may become the published site, which a web server must read)."""
    def create(name: str) -> Path:
        os.mkdir(name, NEW_FOLDER_MODE)
        return Path(name)

    return _with_fresh_name(parent, prefix, "", create)


def _with_fresh_name(parent: Path, prefix: str, suffix: str, create: Callable[[str], T]) -> T:
    while True:
        name = str(parent / f"{prefix}{os.urandom(4).hex()}{suffix}")  # secrets.token_hex, without its import
        try:
            return create(name)
        except FileExistsError:
            continue  # 4 random bytes collided with a leftover: draw again


# --- swapping folders ----------------------------------------------------------------------------------

RENAME_EXCHANGE = 2  # from <linux/fs.h>
AT_FDCWD = -100


def exchange_directories(first: Path, second: Path) -> bool:
    """Swap two folders in one step, so that no reader ever finds either name missing; True when done.

    POSIX rename cannot replace a folder that is not empty, so the plain way (old away, new in) leaves a
    moment without the folder. A symbolic link swapped over another is atomic, but it would turn the
    folder into a link (which `cp -r`, upload actions and the `/site/` line of .gitignore treat
    differently) and the first switch from a real folder would still leave the gap. Linux (3.15 and
    later, on ext4, xfs, btrfs, tmpfs, overlayfs...) offers renameat2(RENAME_EXCHANGE), which swaps two
    names in one step; the standard library does not wrap it, hence ctypes. Returns False where it is
    not available (another system, an old kernel, a file system without it): the caller falls back.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here: only the site build swaps folders, and every command imports this module

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # a C library without renameat2 (glibc before 2.28, musl < 1.2.?)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))
