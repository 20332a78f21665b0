"""reader writes and deletes only in folders it made, never through a planted
link, never into its index by an output path (issue 15)."""

from __future__ import annotations

import errno
import os
import random

import pytest

from reader.errors import IndexForeign, IndexUnavailable, ReaderError, UsageError
from reader.indexdir import MARKER, OWN_NAMES, claim
from reader.indexer import update_index
from reader.paths import IndexPaths
from reader.safeio import atomic_write, output_path, user_output
from tests.hardening.helpers import GOOD, build, cli, ids
from tests.hardening.test_store_errors import fingerprint, small_disk  # noqa: F401
from tests.tui.helpers import main_screen

ARTICLES = {
    "storm.txt": GOOD,
    "vote.txt": "Vote Counted\n\nThe vote in Ohio was counted on Tuesday.",
}


def tree(root) -> dict[str, bytes | str]:
    """Every entry under `root` (not followed): file contents, link targets, folders."""
    out: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path):
                out[rel] = "-> " + os.readlink(path)
            elif os.path.isdir(path):
                out[rel] = "dir"
            else:
                with open(path, "rb") as f:
                    out[rel] = f.read()
    return out


# ---------------------------------------------------------------- foreign folders


def test_a_folder_holding_other_things_is_refused_and_left_as_it_is(collection):
    settings = collection(ARTICLES)
    whoosh = settings.index_dir / "whoosh"
    (whoosh / "photos" / "2024").mkdir(parents=True)
    (whoosh / "photos" / "2024" / "beach.jpg").write_bytes(b"\xff\xd8 a photo")
    (whoosh / "notes.txt").write_text("my notes")
    (settings.index_dir / "thesis.tex").write_text("\\documentclass{article}")
    before = tree(settings.index_dir)
    for command in (("index",), ("index", "--rebuild"), ("search", "ohio")):
        proc = cli(settings, *command)
        err = proc.stderr.decode()
        assert proc.returncode == 1, err
        assert err.startswith("reader: error:") and err.count("\n") == 1
        assert "is not an index folder reader made" in err and "thesis.tex" in err
        assert tree(settings.index_dir) == before


def test_a_whoosh_folder_of_someone_else_alone_is_refused(collection):
    """Only names reader uses, but no store: not reader's."""
    settings = collection(ARTICLES)
    whoosh = settings.index_dir / "whoosh"
    (whoosh / "deep").mkdir(parents=True)
    (whoosh / "deep" / "data.bin").write_bytes(b"\x00\x01")
    before = tree(settings.index_dir)
    with pytest.raises(IndexForeign):
        update_index(settings, processes=1, repair=True)
    assert tree(settings.index_dir) == before


def test_random_foreign_trees_are_never_touched(tmp_path, collection):
    """Generated: 25 random trees (random names, some of them reader's, random
    depth) given as --index; every one is refused and left byte for byte."""
    settings = collection(ARTICLES)
    rng = random.Random(1515)
    names = [*sorted(OWN_NAMES - {MARKER}), "a", "b.txt", "x y", "-wal", "ünï", ".hidden"]
    for n in range(25):
        root = tmp_path / f"foreign{n}"
        for _ in range(rng.randint(1, 6)):
            path = root
            for _ in range(rng.randint(1, 5)):
                path = path / rng.choice(names)
            if path.exists() and not path.is_dir():
                continue
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                if path.is_dir():
                    continue
                path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 40))))
            except (NotADirectoryError, FileExistsError):
                continue
        before = tree(root)
        foreign = type(settings)(settings.articles_dir, root, entities=False)
        if not before:
            continue
        try:
            update_index(foreign, processes=1, repair=True)
        except IndexUnavailable:
            assert tree(root) == before, n
        else:  # only possible for a folder that looks like an older reader's index
            pytest.fail(f"tree {n} was used as an index: {sorted(before)}")


def test_an_empty_folder_becomes_reader_s(collection):
    settings = collection(ARTICLES)
    settings.index_dir.mkdir()
    build(settings)
    assert (settings.index_dir / MARKER).read_text().startswith("reader-index 1")
    assert ids(settings) == ["storm", "vote"]


def test_an_index_of_an_older_reader_is_adopted(collection):
    settings = collection(ARTICLES)
    build(settings)
    (settings.index_dir / MARKER).unlink()
    report = build(settings)
    assert not report.rebuilt and report.unchanged == 2
    assert (settings.index_dir / MARKER).is_file()


def test_a_marked_folder_with_notes_beside_is_still_reader_s(collection):
    settings = collection(ARTICLES)
    build(settings)
    (settings.index_dir / "notes.txt").write_text("mine")
    claim(settings.index_dir)
    assert build(settings, rebuild=True).rebuilt
    assert (settings.index_dir / "notes.txt").read_text() == "mine"


def test_a_rebuild_keeps_a_folder_inside_whoosh(collection):
    """reader never makes a folder in whoosh/: a damaged index's files are
    removed, a folder someone put there is not."""
    settings = collection(ARTICLES)
    build(settings)
    whoosh = IndexPaths(settings.index_dir).whoosh
    (whoosh / "keep").mkdir()
    (whoosh / "keep" / "mine.txt").write_text("mine")
    for toc in whoosh.glob("*.toc"):
        toc.write_bytes(b"garbage")
    assert build(settings, repair=True).rebuilt
    assert (whoosh / "keep" / "mine.txt").read_text() == "mine"
    assert ids(settings) == ["storm", "vote"]


# ---------------------------------------------------------------- planted links


@pytest.fixture
def built(collection, tmp_path):
    settings = collection(ARTICLES)
    build(settings)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    return settings, victim


@pytest.mark.parametrize(
    "name", [".lock", "reader.sqlite-wal", "reader.sqlite-shm", "ner-cache.sqlite", MARKER]
)
def test_a_link_planted_in_the_index_is_never_written_through(built, name):
    settings, victim = built
    link = settings.index_dir / name
    link.unlink(missing_ok=True)
    link.symlink_to(victim)
    (settings.articles_dir / "new.txt").write_text("New Head\n\nFresh news from Rome.")
    for command in (("index",), ("search", "ohio")):
        proc = cli(settings, *command)
        err = proc.stderr.decode()
        assert "Traceback" not in err and err.count("\n") <= 1, err
        assert victim.read_text() == "precious\n"
    if name == MARKER:  # replaced by the marker itself (a rename), never written through
        assert not link.is_symlink()
    else:
        proc = cli(settings, "index")
        assert proc.returncode == 1
        assert b"symbolic link" in proc.stderr and b"remove it" in proc.stderr
        link.unlink()
    proc = cli(settings, "index")
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "precious\n"


def test_a_symlinked_whoosh_folder_is_refused(built, tmp_path):
    settings, _ = built
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "important.doc").write_text("keep me")
    whoosh = IndexPaths(settings.index_dir).whoosh
    for path in whoosh.iterdir():
        path.unlink()
    whoosh.rmdir()
    whoosh.symlink_to(elsewhere, target_is_directory=True)
    proc = cli(settings, "index", "--rebuild")
    assert proc.returncode == 1 and b"symbolic link" in proc.stderr
    assert tree(elsewhere) == {"important.doc": b"keep me"}


def test_a_link_inside_whoosh_is_refused(built):
    settings, victim = built
    whoosh = IndexPaths(settings.index_dir).whoosh
    (whoosh / "_MAIN_99.toc").symlink_to(victim)
    with pytest.raises(IndexUnavailable, match="symbolic link"):
        update_index(settings, processes=1, rebuild=True)
    assert victim.read_text() == "precious\n"


def test_a_fifo_as_the_lock_file_is_refused_at_once(built):
    settings, _ = built
    (settings.index_dir / ".lock").unlink(missing_ok=True)
    os.mkfifo(settings.index_dir / ".lock")
    proc = cli(settings, "index", timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1, err
    assert "not a regular file" in err


# ---------------------------------------------------------------- output paths


@pytest.mark.parametrize("target", ["reader.sqlite", "new.csv", "whoosh/x.csv", "."])
def test_export_never_writes_into_the_index(built, target):
    settings, _ = built
    before = fingerprint(settings)
    proc = cli(settings, "export", "articles", "-o", str(settings.index_dir / target))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1, err
    assert "inside the index folder" in err
    assert fingerprint(settings) == before and ids(settings) == ["storm", "vote"]


def test_export_through_a_link_into_the_index_is_refused(built, tmp_path):
    settings, _ = built
    link = tmp_path / "out.csv"
    link.symlink_to(IndexPaths(settings.index_dir).store)
    proc = cli(settings, "export", "articles", "-o", str(link))
    assert proc.returncode == 2 and b"inside the index folder" in proc.stderr
    assert ids(settings) == ["storm", "vote"]


def test_export_to_a_planted_link_replaces_the_link_not_its_target(built, tmp_path):
    settings, victim = built
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    proc = cli(settings, "export", "articles", "-o", str(link))
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "precious\n"
    assert not link.is_symlink() and "storm" in link.read_text()


@pytest.mark.parametrize("where", ["missing/out.csv", "folder"])
def test_export_to_a_missing_folder_or_a_folder_is_one_line(built, tmp_path, where):
    settings, _ = built
    (tmp_path / "folder").mkdir()
    proc = cli(settings, "export", "articles", "-o", str(tmp_path / where))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.startswith("reader: error:") and err.count("\n") == 1
    assert ("no folder" in err) if where.startswith("missing") else ("it is a folder" in err)


def test_export_to_a_full_disk_is_one_line_and_leaves_no_half_file(built, small_disk):  # noqa: F811
    from tests.hardening.test_store_errors import fill

    settings, _ = built
    out = small_disk / "out.jsonl"
    out.write_text("the old export\n")
    fill(small_disk)
    proc = cli(settings, "export", "articles", "-o", str(out))
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1, err
    assert "the disk is full" in err
    assert out.read_text() == "the old export\n"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "out.jsonl"]


def test_feeds_export_never_writes_into_the_index(built):
    settings, _ = built
    proc = cli(settings, "feeds", "export", "-o", str(IndexPaths(settings.index_dir).store))
    assert proc.returncode == 2 and b"inside the index folder" in proc.stderr
    assert ids(settings) == ["storm", "vote"]


# ---------------------------------------------------------------- safeio


def test_output_path_checks(tmp_path):
    index = tmp_path / "index"
    index.mkdir()
    assert output_path(tmp_path / "a.csv", [index]) == tmp_path / "a.csv"
    for bad in (index / "a.csv", index, tmp_path / "no" / "a.csv", tmp_path):
        with pytest.raises(UsageError):
            output_path(bad, [index])


def test_atomic_write_keeps_the_old_file_when_the_disk_fills(tmp_path, monkeypatch):
    path = tmp_path / "data.json"
    atomic_write(path, "old")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        atomic_write(path, "new")
    with pytest.raises(ReaderError, match="the disk is full"), user_output(path, "w") as stream:
        stream.write("new")
    monkeypatch.undo()
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["data.json"]


def test_atomic_write_replaces_a_link_never_its_target(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    link = tmp_path / "state.json"
    link.symlink_to(victim)
    atomic_write(link, "{}")
    assert victim.read_text() == "precious" and link.read_text() == "{}"
    assert not link.is_symlink()


async def test_the_reader_says_why_when_its_first_build_is_refused(tmp_path):
    """--index at a folder of someone else's files: the build is refused, the
    folder untouched, and the article pane says why and what to do instead of
    "building it now" under the error."""
    from reader.config import Settings
    from reader.tui.app import make_app
    from tests.conftest import copy_samples
    from tests.tui.helpers import notifications, settle, visible_text

    foreign = tmp_path / "thesis"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("\\documentclass{article}", encoding="utf-8")
    settings = Settings.resolve(copy_samples(tmp_path), foreign, entities=False)
    app = make_app(settings, remember=False, build_on_start=True, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(50):
            if any("not an index folder" in n for n in notifications(app)):
                break
            await pilot.pause(0.1)
        await pilot.pause()
        shown = " ".join(visible_text(main_screen(app).article_view).split())
        assert "could not be built" in shown and "not an index folder" in shown
        assert "building it now" not in shown
        assert "ctrl+r" in shown
    assert sorted(p.name for p in foreign.iterdir()) == ["thesis.tex"]
