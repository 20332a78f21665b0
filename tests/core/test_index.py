"""Building and updating the index: incremental, rebuilds, locking."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from reader.errors import IndexBusy
from reader.fulltext import search
from reader.indexer import index_status, update_index
from reader.library import Library
from reader.locking import IndexLock
from reader.paths import IndexPaths
from reader.store import Store

ARTICLES = {
    "storm.txt": "Storm Hits Coast\n\nA storm hit the coast of Florida on Monday.",
    "vote.txt": "Vote Counted\n\nThe vote in Ohio was counted on Tuesday.",
    "feed.jsonl": '{"title": "Rain", "body": "Rain fell in Paris."}\n'
    '{"title": "Snow", "body": "Snow fell in Oslo."}\n',
}


def bump(path, text):
    """Rewrite a file and make sure its mtime moves (coarse file systems)."""
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def ids(settings):
    library = Library(settings)
    try:
        return sorted(s.id for s in library.articles())
    finally:
        library.close()


def test_first_build_indexes_everything(collection):
    settings = collection(ARTICLES)
    assert index_status(settings) == "missing"
    report = update_index(settings)
    assert (report.added, report.updated, report.removed, report.unchanged) == (4, 0, 0, 0)
    assert index_status(settings) == "fresh"
    assert ids(settings) == ["feed#1", "feed#2", "storm", "vote"]


def test_second_run_reads_nothing(collection, monkeypatch):
    settings = collection(ARTICLES)
    update_index(settings)
    import reader.indexer as indexer

    def fail(*args, **kwargs):
        raise AssertionError("an unchanged file was re-read")

    monkeypatch.setattr(indexer, "stream_file", fail)
    report = update_index(settings)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 4)
    assert report.rewritten == 0


def test_add_change_delete_touch_only_those(collection, monkeypatch):
    settings = collection(ARTICLES)
    update_index(settings)
    root = settings.articles_dir
    (root / "new.txt").write_text("New One\n\nFresh news from Rome.", encoding="utf-8")
    bump(root / "storm.txt", "Storm Hits Coast\n\nA storm hit the coast of Texas on Monday.")
    (root / "vote.txt").unlink()

    import reader.indexer as indexer

    read: list[str] = []
    from reader.corpus import stream_file as real

    def recording(path, *args):
        read.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(indexer, "stream_file", recording)
    report = update_index(settings)
    assert sorted(read) == ["new.txt", "storm.txt"]
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 2)
    assert report.rewritten == 2
    assert ids(settings) == ["feed#1", "feed#2", "new", "storm"]
    library = Library(settings)
    assert library.search("texas").total == 1
    assert library.search("florida").total == 0
    assert library.search("ohio").total == 0
    library.close()


def test_touched_but_identical_file_is_not_reindexed(collection):
    settings = collection(ARTICLES)
    update_index(settings)
    path = settings.articles_dir / "storm.txt"
    bump(path, path.read_text(encoding="utf-8"))
    report = update_index(settings)
    assert report.rewritten == 0 and report.unchanged == 4


def test_jsonl_line_removed(collection):
    settings = collection(ARTICLES)
    update_index(settings)
    bump(settings.articles_dir / "feed.jsonl", '{"title": "Rain", "body": "Rain fell in Paris."}\n')
    report = update_index(settings)
    assert report.removed == 1
    assert ids(settings) == ["feed#1", "storm", "vote"]


def test_bad_file_is_skipped_and_the_rest_indexed(collection):
    settings = collection({**ARTICLES, "empty.txt": ""})
    report = update_index(settings)
    assert report.added == 4
    assert any("empty.txt" in s for s in report.skipped)
    # Still skipped (and reported) next time, without being re-read.
    assert any("empty.txt" in s for s in update_index(settings).skipped)


def test_rebuild_flag_and_schema_change_rebuild(collection):
    settings = collection(ARTICLES)
    update_index(settings)
    report = update_index(settings, rebuild=True)
    assert report.rebuilt and report.added == 4
    store = Store(IndexPaths(settings.index_dir).store)
    store.set_meta("schema", "0-old")
    store.commit()
    store.close()
    assert index_status(settings) == "stale"
    report = update_index(settings)
    assert report.rebuilt and "another version" in report.reason and report.added == 4


def test_missing_whoosh_index_is_rebuilt_from_the_files(collection):
    settings = collection(ARTICLES)
    update_index(settings)
    import shutil

    shutil.rmtree(IndexPaths(settings.index_dir).whoosh)
    assert index_status(settings) == "missing"
    update_index(settings)
    library = Library(settings)
    assert library.search("paris").total == 1
    library.close()


def test_second_writer_waits_then_gives_a_clear_message(collection):
    settings = collection(ARTICLES)
    settings.index_dir.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from reader.locking import IndexLock\n"
            "lock = IndexLock(Path(sys.argv[1])); lock.acquire(); print('held', flush=True); time.sleep(30)",
            str(settings.index_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(IndexBusy, match="being updated by another reader"):
            update_index(settings, lock_wait=0.5)
        assert time.monotonic() - started >= 0.5
    finally:
        holder.kill()
        holder.wait()
    # The lock dies with its process: the next build goes ahead.
    assert update_index(settings, lock_wait=2).added == 4


def test_lock_is_reentrant_across_sequential_uses(tmp_path):
    with IndexLock(tmp_path):
        pass
    with IndexLock(tmp_path, wait=0):
        pass


def test_schema_has_room_for_entity_fields():
    names = search.make_schema().names()
    for field in (
        "person",
        "org",
        "place",
        "entity",
        "entity_id",
        "title",
        "text",
        "date",
        "source",
    ):
        assert field in names


def test_vocabulary_follows_changes(collection):
    """ "Did you mean" never suggests a word that is no longer in any article."""
    settings = collection(ARTICLES)
    update_index(settings)
    library = Library(settings)
    assert library.search("florda").suggestion == "florida"
    library.close()
    bump(settings.articles_dir / "storm.txt", "Storm Hits Coast\n\nA storm hit the coast of Texas.")
    update_index(settings)
    library = Library(settings)
    assert library.search("florda").suggestion != "florida"
    assert library.search("texs").suggestion == "texas"
    library.close()
    (settings.articles_dir / "storm.txt").unlink()
    update_index(settings)
    library = Library(settings)
    assert library.search("texs").suggestion is None
    library.close()
