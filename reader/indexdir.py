"""reader's own index folders: a marker file says so, and reader writes or deletes
nothing in a folder that is not its own.

`claim(root)` is called before an update writes anything: an empty or missing
folder becomes reader's (the marker is written), a folder with the marker is
reader's, a folder of an older reader (only the names reader uses, and a store
that is an SQLite database) is adopted; anything else is refused with one line
(IndexForeign), and nothing in it is touched. `refuse_links(paths)` refuses an
index whose files are symbolic links or not regular files (SQLite and Whoosh
would otherwise write wherever a planted link points).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from reader.errors import IndexForeign, IndexUnavailable
from reader.integrity import SQLITE_HEADER
from reader.paths import IndexPaths
from reader.safeio import atomic_write, failure
from reader.textio import safe_name

MARKER = ".reader-index"
FORMAT = "reader-index 1"
_SQLITE_FILES = ("reader.sqlite", "ner-cache.sqlite")
#: Every name reader itself makes in an index folder.
OWN_NAMES = frozenset(
    {MARKER, ".lock", "whoosh"}
    | {name + suffix for name in _SQLITE_FILES for suffix in ("", "-wal", "-shm", "-journal")}
)


def is_marked(root: Path) -> bool:
    try:
        info = os.lstat(root / MARKER)
        if not stat.S_ISREG(info.st_mode) or info.st_size > 4096:
            return False
        with open(root / MARKER, "rb") as f:
            return f.read(64).startswith(b"reader-index ")
    except OSError:
        return False


def claim(root: Path) -> None:
    """Make sure `root` is reader's own index folder before anything is written or
    deleted in it (see the module's docstring)."""
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexUnavailable(
            f"cannot create the index folder {_show(root)}: {failure(exc)}"
        ) from None
    if is_marked(root):
        return
    try:
        names = sorted(os.listdir(root))
    except OSError as exc:
        raise IndexUnavailable(
            f"cannot read the index folder {_show(root)}: {failure(exc)}"
        ) from None
    # A marker being written (by a concurrent or a killed update) is reader's too.
    names = [n for n in names if not (n.startswith(f".{MARKER}.") and n.endswith(".tmp"))]
    foreign = [name for name in names if name not in OWN_NAMES]
    if names and (foreign or not _older_index(root, names)):
        shown = ", ".join(safe_name(n) for n in (foreign or names)[:3])
        more = " ..." if len(foreign or names) > 3 else ""
        raise IndexForeign(
            f"{_show(root)} is not an index folder reader made (it holds {shown}{more});"
            " give --index an empty or new folder"
        )
    try:
        atomic_write(root / MARKER, FORMAT + "\n", mode=0o644)
    except OSError as exc:
        raise IndexUnavailable(
            f"cannot write the index folder {_show(root)}: {failure(exc)}"
        ) from None


def _older_index(root: Path, names: list[str]) -> bool:
    """A folder an older reader made (before the marker), or one an update is
    starting in (its lock file alone): only reader's names, and its store an
    SQLite database (a whoosh/ folder alone is not enough: it is a common name)."""
    store = root / "reader.sqlite"
    if "reader.sqlite" not in names:
        return set(names) <= {".lock"}
    try:
        if not stat.S_ISREG(os.lstat(store).st_mode):
            return False
        with open(store, "rb") as f:
            head = f.read(100)
    except OSError:
        return False
    return head.startswith(SQLITE_HEADER) or not head


def refuse_links(paths: IndexPaths) -> None:
    """IndexForeign when a file reader writes in the index folder is a symbolic
    link, or something other than a regular file (a folder, a FIFO, a device)."""
    for name in sorted(OWN_NAMES - {"whoosh"}):
        _check(paths.root / name, stat.S_ISREG)
    _check(paths.whoosh, stat.S_ISDIR)
    try:
        entries = list(os.scandir(paths.whoosh))
    except OSError:
        return
    for entry in entries:
        if entry.is_symlink():
            _check(Path(entry.path), stat.S_ISREG)


def _check(path: Path, kind: Callable[[int], bool]) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            return
        raise IndexUnavailable(f"cannot read {_show(path)}: {failure(exc)}") from None
    if stat.S_ISLNK(mode):
        what = "a symbolic link"
    elif not kind(mode):
        what = "not a " + ("folder" if kind is stat.S_ISDIR else "regular file")
    else:
        return
    raise IndexForeign(
        f"{_show(path)} is {what}; reader does not write through it: remove it and try again"
    )


def _show(path: Path) -> str:
    return safe_name(str(path))
