"""Read-only articles, a read-only or full index folder, and user data written
atomically. Tests run as root, which permissions do not stop: failures are
simulated where reader writes, with the error the kernel would give; a real
read-only mount is tried too, where the system allows it."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import IndexUnavailable
from reader.indexer import update_index
from reader.library import Library
from tests.hardening.helpers import GOOD, build, cli, ids

ARTICLES = {"storm.txt": GOOD, "vote.txt": "Vote Counted\n\nThe vote in Ohio was counted."}


def tree(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(root.rglob("*"))
    }


def refuse_writes_under(monkeypatch, root: Path, code: int) -> None:
    """Every write-mode open under `root` fails with `code` (os.open and open())."""
    import builtins

    real_os_open, real_open = os.open, builtins.open
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def under(path) -> bool:
        try:
            return Path(os.fsdecode(path)).absolute().is_relative_to(root)
        except TypeError:
            return False

    def os_open(path, flags, *args, **kw):
        if flags & write_flags and under(path):
            raise OSError(code, os.strerror(code), os.fsdecode(path))
        return real_os_open(path, flags, *args, **kw)

    def open_(file, mode="r", *args, **kw):
        if isinstance(file, (str, bytes, os.PathLike)) and set(mode) & set("wax+") and under(file):
            raise OSError(code, os.strerror(code), os.fsdecode(file))
        return real_open(file, mode, *args, **kw)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)


# ---------------------------------------------------------------- read-only articles


def test_reader_never_writes_into_the_articles_folder(collection, monkeypatch):
    settings = collection(ARTICLES)
    before = tree(settings.articles_dir)
    refuse_writes_under(monkeypatch, settings.articles_dir, errno.EROFS)
    report = build(settings)
    assert report.added == 2 and not report.skipped
    library = Library(settings)
    assert library.search("ohio").total == 1
    library.close()
    monkeypatch.undo()
    assert tree(settings.articles_dir) == before


# ---------------------------------------------------------------- read-only index


def test_a_read_only_index_folder_gives_a_clear_message(collection, monkeypatch, capsys):
    settings = collection(ARTICLES)
    build(settings)
    (settings.articles_dir / "new.txt").write_text("New Head\n\nFresh news from Rome.")
    refuse_writes_under(monkeypatch, settings.index_dir, errno.EROFS)
    with pytest.raises(IndexUnavailable, match="Read-only file system"):
        update_index(settings, processes=1)
    argv = [
        "--articles",
        str(settings.articles_dir),
        "--index",
        str(settings.index_dir),
        "--no-entities",
    ]
    assert main([*argv, "index"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: error: cannot write the index folder")
    assert "Read-only file system" in err and err.count("\n") == 1
    # A search uses the index as it is, and says why it could not update it.
    assert main([*argv, "search", "ohio"]) == 0
    out, err = capsys.readouterr()
    assert "1 matching article;" in out
    assert err.startswith("reader: note:") and "using the index as it is" in err


def test_a_really_read_only_index_folder(collection, tmp_path):
    """The same on a read-only bind mount, where SQLite cannot even create its
    WAL shared-memory file (skipped where the system does not allow mounts)."""
    settings = collection(ARTICLES)
    build(settings)
    mount = tmp_path / "ro"
    mount.mkdir()
    try:
        subprocess.run(
            ["mount", "--bind", str(tmp_path), str(mount)], check=True, capture_output=True
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("this system does not allow a bind mount (needs root with CAP_SYS_ADMIN)")
    try:
        subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(mount)], check=True, capture_output=True
        )
        from reader.config import Settings

        ro = Settings.resolve(mount / "articles", mount / "index", entities=False)
        proc = cli(ro, "search", "ohio", "--json")
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["total"] == 1
        (settings.articles_dir / "new.txt").write_text("New Head\n\nFresh news from Rome.")
        proc = cli(ro, "index")
        assert proc.returncode == 1
        assert proc.stderr.decode().count("\n") == 1 and b"Read-only file system" in proc.stderr
        proc = cli(ro, "search", "ohio")
        assert proc.returncode == 0 and b"using the index as it is" in proc.stderr
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


# ---------------------------------------------------------------- a full disk


def test_a_full_disk_while_whoosh_writes(collection, monkeypatch, capsys):
    from whoosh.filedb.structfile import StructFile

    settings = collection(ARTICLES)
    build(settings)
    (settings.articles_dir / "new.txt").write_text("New Head\n\nFresh news from Rome.")

    def full(self, *args, **kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(StructFile, "write", full)
    argv = [
        "--articles",
        str(settings.articles_dir),
        "--index",
        str(settings.index_dir),
        "--no-entities",
    ]
    assert main([*argv, "index"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"reader: error: cannot write the index in {settings.index_dir}: the disk is "
        "full; it keeps what was committed before\n"
    )
    assert ids(settings) == ["storm", "vote"]  # what was committed before
    assert Library(settings).search("ohio").total == 1
    monkeypatch.undo()
    assert build(settings).added == 1 and ids(settings) == ["new", "storm", "vote"]


def test_a_full_disk_when_the_store_commits(collection, monkeypatch):
    from reader.store import Store

    settings = collection(ARTICLES)
    build(settings)
    (settings.articles_dir / "new.txt").write_text("New Head\n\nFresh news from Rome.")

    def full(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "commit", full)
    with pytest.raises(IndexUnavailable, match="the disk is full"):
        update_index(settings, processes=1)
    monkeypatch.undo()
    library = Library(settings)
    assert library.search("ohio").total == 1  # still opens and answers
    library.close()
    # Whoosh got the new document, the store did not: the next run squares them.
    assert build(settings).added == 1
    library = Library(settings)
    assert library.article_count() == library.searcher.doc_count == 3
    library.close()


def test_a_full_disk_for_the_lock_file(collection, monkeypatch):
    settings = collection(ARTICLES)
    settings.index_dir.mkdir()
    refuse_writes_under(monkeypatch, settings.index_dir, errno.ENOSPC)
    # The marker file is the first write (reader/indexdir.py), then the lock file.
    with pytest.raises(IndexUnavailable, match="the disk is full"):
        update_index(settings, processes=1)


# ---------------------------------------------------------------- user data


def test_remembered_positions_are_written_atomically(monkeypatch, tmp_path):
    from reader import userdata
    from reader.userdata import Position, load_position, save_position

    save_position(tmp_path / "a", Position("first", 10, 12))
    path = userdata._path()
    good = path.read_bytes()

    # A crash half-way through writing: the old file stays whole, no temp file is left.
    real_fsync = os.fsync

    def crash(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        save_position(tmp_path / "a", Position("second", 20))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_bytes() == good
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert load_position(tmp_path / "a") == Position("first", 10, 12)

    # A full disk: the save is dropped quietly, the old file is intact.
    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    save_position(tmp_path / "a", Position("third", 30))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_bytes() == good
    assert [p.name for p in path.parent.iterdir()] == [path.name]


@pytest.mark.parametrize(
    "content", [b"", b'{"trunc', b"\xff\xfe\x00garbage", b"[1, 2]", b'{"/x": {"article_id": 5}}']
)
def test_a_damaged_positions_file_reads_as_nothing_remembered(tmp_path, content):
    from reader import userdata
    from reader.userdata import Position, load_position, save_position

    path = userdata._path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert load_position(tmp_path / "a") is None
    save_position(tmp_path / "a", Position("x", 1))  # and it heals on the next save
    assert load_position(tmp_path / "a") == Position("x", 1)


def test_positions_survive_a_non_utf8_articles_path(tmp_path):
    from reader.userdata import Position, load_position, save_position

    folder = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9")))
    save_position(folder, Position("x", 3))
    assert load_position(folder) == Position("x", 3)


def test_a_damaged_alias_file_is_reported_and_the_index_still_built(collection):
    """reader only reads the user's alias file (it never writes it, so there is no
    half-written file of its own); a half-saved or binary one must not stop a build."""
    from reader.config import user_data_dir

    path = user_data_dir() / "aliases.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"Kyiv = Kiev\n\xff\xfe\x00 half-writ")
    settings = collection(ARTICLES, entities=True)
    report = build(settings)
    assert report.added == 2
    assert any("aliases.txt" in w for w in [*report.warnings, *report.skipped])
