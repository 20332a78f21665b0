"""Writing files without harm: whole or not at all, never through a planted link,
never into the index folder by mistake.

Every writer of user data (remembered positions, curation, workflow data) and of
output the user names (`-o FILE`, the TUI's exports) goes through here:

- `atomic_write(path, data)`: a temp file in the same folder, flushed, renamed
  over `path`; a symlink at `path` is replaced, never followed; a failure leaves
  the old file as it was.
- `output_path(name, protected=...)`: checks a path the user gave for output
  (not inside the index folder, not a folder, its folder exists) and says what
  is wrong in one line (UsageError).
- `atomic_output(path, mode)`: a context manager giving a stream whose content
  replaces `path` only when the block ends without an error.
- `open_regular(path, flags)`: an fd on a regular file, never through a link,
  never a FIFO or a device (lock and state files).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from reader.errors import ReaderError, UsageError


def failure(exc: OSError) -> str:
    """A few words for an OSError (a full disk said plainly)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link"
    return exc.strerror or str(exc) or type(exc).__name__


def open_regular(path: Path | str, flags: int, mode: int = 0o644) -> int:
    """os.open that never follows a symbolic link at `path`, never blocks on a FIFO
    and refuses anything but a regular file (OSError, as os.open would)."""
    fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, mode)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def atomic_write(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` whole (text is UTF-8). `mode`: permissions other
    than 0600. Raises OSError; the old file is kept on any failure."""
    with atomic_output(path, "wb" if isinstance(data, bytes) else "w", mode) as stream:
        stream.write(data)


@contextmanager
def atomic_output(path: Path, mode: str = "w", perms: int | None = None) -> Iterator[IO]:
    """A stream (text: UTF-8, newlines as written) whose content replaces `path`
    when the block ends; on an error the temp file is removed and `path` is as
    it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    try:
        stream: IO[Any] = (
            os.fdopen(fd, mode)
            if "b" in mode
            else os.fdopen(fd, mode, encoding="utf-8", newline="")
        )
        with stream:
            yield stream
            if perms is not None:
                os.fchmod(stream.fileno(), perms)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or in it, links resolved on both sides."""
    try:
        target, root = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):
        return False
    return target == root or root in target.parents


def output_path(name: str | Path, protected: Iterable[Path] = ()) -> Path:
    """The path a user named for output, checked: UsageError (one line) when it is
    inside a protected folder (the index), is a folder, or its folder is missing."""
    path = Path(os.fsdecode(name)).expanduser()
    for folder in protected:
        if inside(path, folder) or inside(path.parent, folder):
            raise UsageError(
                f"will not write {_show(path)}: it is inside the index folder {_show(folder)}"
            )
    if path.is_dir():
        raise UsageError(f"cannot write {_show(path)}: it is a folder; name a file")
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {_show(path)}: there is no folder {_show(path.parent)}")
    return path


@contextmanager
def user_output(name: str | Path, mode: str = "w", protected: Iterable[Path] = ()) -> Iterator[IO]:
    """`output_path` then `atomic_output`, an OSError said in one line (ReaderError):
    what a face uses for `-o FILE` and for an export the user names."""
    path = output_path(name, protected)
    try:
        with atomic_output(path, mode, 0o644) as stream:
            yield stream
    except OSError as exc:
        raise ReaderError(f"cannot write {_show(path)}: {failure(exc)}") from None


def _show(path: Path) -> str:
    from reader.textio import safe_name

    return safe_name(str(path))
