"""Telling a damaged index file from a failure to use it.

The rule (README, "What reader protects"): only a file proven damaged is ever
replaced: its header is not SQLite's, SQLite's integrity check fails, or its
tables are another program's. A full disk, a lock held by another program, an
I/O or permission error proves nothing: it is reported in one line and the
file is left as it is.
"""

from __future__ import annotations

import os
import sqlite3
from functools import cache
from pathlib import Path
from urllib.parse import quote

SQLITE_HEADER = b"SQLite format 3\x00"

# Primary result codes (the low byte of an extended code).
_CORRUPT, _NOTADB = 11, 26
_WHY = {
    13: "the disk is full",  # SQLITE_FULL
    5: "another program holds a lock on it",  # SQLITE_BUSY
    6: "another program holds a lock on it",  # SQLITE_LOCKED
    10: "an input/output error",  # SQLITE_IOERR
    8: "it is read-only",  # SQLITE_READONLY
    3: "permission denied",  # SQLITE_PERM
    23: "permission denied",  # SQLITE_AUTH
    14: "it cannot be opened",  # SQLITE_CANTOPEN
    7: "out of memory",  # SQLITE_NOMEM
    15: "a file lock failed",  # SQLITE_PROTOCOL
}
_WORDS = (
    ("full", "the disk is full"),
    ("locked", "another program holds a lock on it"),
    ("busy", "another program holds a lock on it"),
    ("disk i/o", "an input/output error"),
    ("readonly", "it is read-only"),
    ("read-only", "it is read-only"),
    ("unable to open", "it cannot be opened"),
)


def sqlite_error_of(exc: BaseException | None) -> sqlite3.Error | OSError | None:
    """The SQLite (or OS) error behind `exc`, following causes and contexts."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, (sqlite3.Error, OSError)):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def why(exc: BaseException | None, where: Path | None = None) -> str:
    """A few words for a failure to open or write an SQLite file (in folder `where`:
    SQLite reports a full disk as an I/O error when it maps its shared memory)."""
    words = _why(exc)
    if where is not None and words != "the disk is full" and _full(where):
        return "the disk is full"
    return words


def _full(where: Path) -> bool:
    import os

    try:
        return os.statvfs(where).f_bavail == 0
    except OSError:
        return False


def _why(exc: BaseException | None) -> str:
    error = sqlite_error_of(exc)
    if isinstance(error, OSError):
        import errno

        if error.errno == errno.ENOSPC:
            return "the disk is full"
        return error.strerror or type(error).__name__
    if error is None:
        return str(exc) if exc is not None else "an unknown error"
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _WHY:
        return _WHY[code & 0xFF]
    text = str(error).lower()
    for word, meaning in _WORDS:
        if word in text:
            return meaning
    return str(error) or type(error).__name__


@cache
def _expected_columns() -> dict[str, frozenset[str]]:
    from reader.store import _SCHEMA

    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(_SCHEMA)
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: frozenset(r[1] for r in conn.execute(f"PRAGMA table_info({t})")) for t in tables}
    finally:
        conn.close()


def store_damage(path: Path, *, thorough: bool = True) -> str | None:
    """Why the store at `path` is proven damaged, or None: it reads, it is missing
    or empty (SQLite makes a new one), or the check itself failed for a reason
    that proves nothing (a lock, a full disk, an I/O error). Without `thorough`
    only the header and the tables' columns are checked (cheap: done before every
    update, so that nothing is written into another program's database)."""
    # The header is read by SQLite, not with open(): closing any descriptor of the
    # file drops every lock this process's connections hold on it (POSIX locks),
    # and another process closing the store then deletes its write-ahead log under
    # them (the app's next update failed with an I/O error after a `reader entity`).
    try:
        size = os.stat(path).st_size
    except OSError:
        return None
    if not size:
        return None
    if size < 100:
        return "not an SQLite database"
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as exc:
            code = getattr(exc, "sqlite_errorcode", None)
            if isinstance(code, int) and (code & 0xFF) == _NOTADB:
                return "not an SQLite database"
            raise
        if thorough:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                return "its integrity check failed"
        expected = _expected_columns()
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in names:
            if name in expected:
                found = {r[1] for r in conn.execute(f"PRAGMA table_info({name})")}
                if not expected[name] <= found:
                    return f"its table {name!r} is not reader's"
        return None
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in (_CORRUPT, _NOTADB):
            return "its integrity check failed"
        return None
    finally:
        conn.close()
