"""Only a store proven damaged is ever replaced, and never by a command that only
reads: a full disk, a lock held by another program, an I/O error is one line and
the index is left as it is (issue 15)."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import subprocess

import pytest

from reader.errors import IndexDamaged, IndexUnavailable
from reader.indexer import update_index
from reader.integrity import store_damage
from reader.library import Library
from reader.paths import IndexPaths
from tests.hardening.helpers import GOOD, build, cli, ids

ARTICLES = {
    "storm.txt": GOOD,
    "vote.txt": "Vote Counted\n\nThe vote in Ohio was counted on Tuesday.",
}

# (primary result code, SQLite's own message): none of them proves damage.
FAILURES = [
    (13, "database or disk is full"),
    (5, "database is locked"),
    (6, "database table is locked"),
    (10, "disk I/O error"),
    (8, "attempt to write a readonly database"),
    (3, "access permission denied"),
    (14, "unable to open database file"),
    (7, "out of memory"),
    # Damage reported where there is none (a passing fault): the check disproves it.
    (11, "database disk image is malformed"),
    (26, "file is not a database"),
]


def fingerprint(settings) -> dict[str, str]:
    """Every file of the index folder by its content (the lock file and SQLite's
    shared-memory file aside, and an empty write-ahead log: a reader makes them)."""
    root = settings.index_dir
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and p.name != ".lock"
        and not p.name.endswith("-shm")
        and not (p.name.endswith("-wal") and p.stat().st_size == 0)
    }


def error(code: int, message: str) -> sqlite3.Error:
    kind = sqlite3.DatabaseError if code in (11, 26) else sqlite3.OperationalError
    exc = kind(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]  # declared from Python 3.11
    return exc


class Faults:
    """sqlite3.connect made to fail once, at its `at`-th call or statement on the
    store (connect counts as one), with a given error; then it behaves."""

    def __init__(self, monkeypatch, at: int, failure: sqlite3.Error, path_part="reader.sqlite"):
        self.at, self.failure, self.calls, self.fired = at, failure, 0, False
        self.path_part = path_part
        real = sqlite3.connect
        faults = self

        class Connection(sqlite3.Connection):
            def execute(self, *args, **kw):
                faults.step()
                return super().execute(*args, **kw)

            def executescript(self, *args, **kw):
                faults.step()
                return super().executescript(*args, **kw)

        def connect(database, *args, **kw):
            if faults.path_part in str(database) and "mode=ro" not in str(database):
                faults.step()
                kw["factory"] = Connection
            return real(database, *args, **kw)

        monkeypatch.setattr(sqlite3, "connect", connect)

    def step(self) -> None:
        self.calls += 1
        if not self.fired and self.calls > self.at:
            self.fired = True
            raise self.failure


@pytest.fixture
def built(collection):
    settings = collection(ARTICLES)
    build(settings)
    (settings.articles_dir / "new.txt").write_text("New Head\n\nFresh news from Rome.")
    return settings


@pytest.mark.parametrize("code,message", FAILURES)
def test_an_error_opening_the_store_leaves_it_as_it_is(built, monkeypatch, code, message):
    before = fingerprint(built)
    faults = Faults(monkeypatch, 0, error(code, message))
    with pytest.raises(IndexUnavailable) as caught:
        update_index(built, processes=1, repair=True)
    assert faults.fired and not isinstance(caught.value, IndexDamaged)
    text = str(caught.value)
    assert "\n" not in text and "it is left as it is" in text
    if code == 13:
        assert "the disk is full" in text
    if code in (5, 6):
        assert "another program holds a lock" in text
    monkeypatch.undo()
    assert fingerprint(built) == before
    assert build(built).added == 1 and ids(built) == ["new", "storm", "vote"]


def test_random_errors_anywhere_in_the_open_path_never_delete_a_file(built, monkeypatch):
    """A generated test: 40 random (point, error) pairs injected into the store's
    open path, for an update and for a reading command; no file is ever replaced."""
    rng = random.Random(15)
    before = fingerprint(built)
    for _ in range(40):
        code, message = rng.choice(FAILURES)
        faults = Faults(monkeypatch, rng.randrange(0, 6), error(code, message))
        try:
            update_index(built, processes=1, repair=rng.random() < 0.5)
        except IndexUnavailable as exc:
            assert not isinstance(exc, IndexDamaged) and "\n" not in str(exc)
        monkeypatch.undo()
        if faults.fired:
            after = fingerprint(built)
            # Either nothing changed or the update went through (the fault hit
            # after the open path): the store was never replaced by an empty one.
            assert after == before or ids(built) == ["new", "storm", "vote"], (code, faults.at)
        else:
            assert ids(built) == ["new", "storm", "vote"]
        if ids(built) == ["new", "storm", "vote"]:
            (built.articles_dir / "new.txt").unlink()
            build(built)
            (built.articles_dir / "new.txt").write_text("New Head\n\nFresh news from Rome.")
            before = fingerprint(built)


def test_a_lock_held_by_another_program_is_an_error_not_damage(built, monkeypatch):
    """Another program holds a write lock on the store: reader waits, then says so."""

    real = sqlite3.connect  # the module reader.store opens its databases with

    def impatient(*args, **kw):
        kw["timeout"] = 0.2
        return real(*args, **kw)

    monkeypatch.setattr(sqlite3, "connect", impatient)
    path = IndexPaths(built.index_dir).store
    before = path.read_bytes()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(IndexUnavailable) as caught:
            update_index(built, processes=1, repair=True)
        assert "another program holds a lock" in str(caught.value)
        assert not isinstance(caught.value, IndexDamaged)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert path.read_bytes() == before
    monkeypatch.undo()
    assert build(built).added == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign"])
def test_a_damaged_store_is_replaced_only_by_reader_index(built, damage):
    path = IndexPaths(built.index_dir).store
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    if damage == "foreign":
        path.unlink()
        conn = sqlite3.connect(path)
        conn.executescript("CREATE TABLE articles (name TEXT, body BLOB);")
        conn.commit()
        conn.close()
    else:
        data = path.read_bytes()
        path.write_bytes(b"\xde\xad\xbe\xef" * 4096 if damage == "garbage" else data[:1500])
    assert store_damage(path) is not None
    damaged = path.read_bytes()
    for command in (("search", "ohio"), ("show", "storm"), ("entities",)):
        proc = cli(built, *command)
        err = proc.stderr.decode()
        assert proc.returncode == 1, (command, err)
        assert err.startswith("reader: error: the index store") and err.count("\n") == 1
        assert "is damaged" in err and "run `reader index` to rebuild it" in err
        assert path.read_bytes() == damaged  # a command that only reads never replaces it
    proc = cli(built, "index")
    assert proc.returncode == 0, proc.stderr
    assert b"rebuilt the index (the index store was damaged" in proc.stdout
    assert ids(built) == ["new", "storm", "vote"]


def test_a_sound_store_is_not_damaged(built):
    path = IndexPaths(built.index_dir).store
    assert store_damage(path) is None
    assert store_damage(path.with_name("missing.sqlite")) is None


# ---------------------------------------------------------------- a real full disk


@pytest.fixture
def small_disk(tmp_path):
    """An 8 MB tmpfs (skipped where this user may not mount one)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True
    )
    if proc.returncode != 0:
        pytest.skip("this system does not allow mounting a tmpfs (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(disk) -> None:
    with open(disk / "filler", "wb", buffering=0) as f:
        for size in (1 << 16, 512, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                pass


def test_a_full_disk_never_makes_a_search_delete_the_store(small_disk):
    from reader.config import Settings
    from tests.conftest import write_files

    articles = write_files(small_disk / "articles", ARTICLES)
    settings = Settings.resolve(articles, small_disk / "index", entities=False)
    build(settings)
    (articles / "new.txt").write_text("New Head\n\nFresh news from Rome.")
    fill(small_disk)
    before = fingerprint(settings)
    for _ in range(2):
        proc = cli(settings, "search", "ohio OR storm")
        err = proc.stderr.decode()
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "damaged" not in err
        assert "using the index as it is" in err and "the disk is full" in err
        out = proc.stdout.decode()
        assert "Vote Counted" in out and "Storm Hits Coast" in out  # titles, not ids
    proc = cli(settings, "index")
    assert proc.returncode == 1 and proc.stderr.decode().count("\n") == 1
    assert b"the disk is full" in proc.stderr
    assert fingerprint(settings) == before
    (small_disk / "filler").unlink()
    assert build(settings).added == 1
    library = Library(settings)
    assert library.search("rome").total == 1
    library.close()


def test_a_failed_whoosh_write_leaves_no_orphan_files(built, monkeypatch):
    """A full disk in the middle of Whoosh's write: the segment files it made are
    removed, so freeing what the build needs is enough to retry."""
    import errno
    import os

    from whoosh.filedb.structfile import StructFile

    words = "harbour storm council budget river mayor vote coast train bridge".split()
    for n in range(150):
        text = " ".join(words[(n + i) % len(words)] + str(i % 37) for i in range(300))
        (built.articles_dir / f"gen{n}.txt").write_text(f"Generated {n}\n\n{text}.")
    whoosh = IndexPaths(built.index_dir).whoosh
    before = sorted(p.name for p in whoosh.iterdir())
    real = StructFile.write
    calls = []

    def filling(self, *args, **kw):
        calls.append(1)
        if len(calls) > 3000:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, *args, **kw)

    monkeypatch.setattr(StructFile, "write", filling)
    with pytest.raises(IndexUnavailable, match="the disk is full"):
        update_index(built, processes=1)
    assert len(calls) > 3000  # it failed while writing segments
    after = sorted(p.name for p in whoosh.iterdir())
    assert after == before
    monkeypatch.undo()
    assert build(built).added == 151
