"""A corrupted or foreign index/ is detected and rebuilt, with a message."""

from __future__ import annotations

import sqlite3

import pytest

from reader.indexer import index_status, update_index
from reader.library import Library
from reader.paths import IndexPaths
from reader.store import Store
from tests.hardening.helpers import GOOD, build, cli, ids
from tests.tui.helpers import main_screen

ARTICLES = {
    "storm.txt": GOOD,
    "vote.txt": "Vote Counted\n\nThe vote in Ohio was counted on Tuesday.",
    "feed.jsonl": '{"title": "Rain", "body": "Rain fell in Paris."}\n'
    '{"title": "Snow", "body": "Snow fell in Oslo."}\n',
}
IDS = ["feed#1", "feed#2", "storm", "vote"]


@pytest.fixture
def built(collection):
    settings = collection(ARTICLES)
    build(settings)
    return settings


def whoosh_files(settings, pattern):
    return sorted(IndexPaths(settings.index_dir).whoosh.glob(pattern))


def assert_rebuilt_by_the_cli(settings, reason: str) -> None:
    """`reader search` notices, rebuilds, says why in one line, and answers."""
    proc = cli(settings, "search", "paris OR ohio")
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert f"rebuilt the index ({reason}" in err, err
    assert "2 matching articles" in proc.stdout.decode()
    assert ids(settings) == IDS and index_status(settings) == "fresh"


def test_truncated_segment(built):
    (segment,) = whoosh_files(built, "*.seg")
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])
    assert_rebuilt_by_the_cli(built, "the Whoosh index was damaged")


def test_segment_overwritten_with_garbage(built):
    (segment,) = whoosh_files(built, "*.seg")
    segment.write_bytes(b"\x00garbage" * 1000)
    assert_rebuilt_by_the_cli(built, "the Whoosh index was damaged")


def test_missing_segment(built):
    (segment,) = whoosh_files(built, "*.seg")
    segment.unlink()
    assert_rebuilt_by_the_cli(built, "the Whoosh index was damaged")


def test_garbage_table_of_contents(built):
    (toc,) = whoosh_files(built, "_MAIN_*.toc")
    toc.write_bytes(b"not a table of contents")
    assert_rebuilt_by_the_cli(built, "the Whoosh index was damaged")


def test_only_garbage_files_in_the_whoosh_folder(built):
    whoosh = IndexPaths(built.index_dir).whoosh
    for path in whoosh.iterdir():
        path.unlink()
    (whoosh / "junk.bin").write_bytes(b"\x01\x02" * 100)
    assert_rebuilt_by_the_cli(built, "the Whoosh index was damaged")


def test_stray_files_beside_a_good_index_are_ignored(built):
    (built.index_dir / "notes.txt").write_text("someone's notes")
    (IndexPaths(built.index_dir).whoosh / "stray.tmp").write_bytes(b"x")
    report = update_index(built, processes=1)
    assert not report.rebuilt and report.unchanged == 4


def assert_repaired_only_by_reader_index(settings, reason: str) -> None:
    """A damaged store: `reader search` says so in one line and leaves it; `reader
    index` replaces it, says why, and the search answers."""
    path = IndexPaths(settings.index_dir).store
    damaged = path.read_bytes()
    proc = cli(settings, "search", "paris OR ohio")
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1, err
    assert "is damaged" in err and "run `reader index` to rebuild it" in err
    assert path.read_bytes() == damaged
    proc = cli(settings, "index")
    assert proc.returncode == 0, proc.stderr
    assert f"rebuilt the index ({reason}" in proc.stdout.decode()
    proc = cli(settings, "search", "paris OR ohio")
    assert "2 matching articles" in proc.stdout.decode()
    assert ids(settings) == IDS and index_status(settings) == "fresh"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_damaged_store(built, damage):
    path = IndexPaths(built.index_dir).store
    data = path.read_bytes()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(
        {"garbage": b"\xde\xad\xbe\xef" * 4096, "truncated": data[:1500], "empty": b""}[damage]
    )
    if damage == "empty":  # no damage: SQLite makes an empty database of it
        proc = cli(built, "search", "paris OR ohio")
        assert proc.returncode == 0, proc.stderr
        assert "2 matching articles" in proc.stdout.decode()
        assert ids(built) == IDS and index_status(built) == "fresh"
    else:
        assert_repaired_only_by_reader_index(built, "the index store was damaged")


def test_a_store_from_something_else(built):
    """A valid SQLite file whose tables are not reader's (same names, other columns)."""
    path = IndexPaths(built.index_dir).store
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE articles (name TEXT, body BLOB);"
        "CREATE TABLE files (x INTEGER); INSERT INTO files VALUES (1);"
    )
    conn.commit()
    conn.close()
    assert_repaired_only_by_reader_index(built, "the index store was damaged")


def test_an_index_from_an_older_schema(built):
    store = Store(IndexPaths(built.index_dir).store)
    store.set_meta("schema", "1")
    store.commit()
    store.close()
    assert index_status(built) == "stale"
    assert_rebuilt_by_the_cli(built, "the index was made by another version of reader")


def test_an_older_whoosh_schema_with_a_current_store(built):
    """Whoosh files written with other fields (an older reader) are replaced."""
    import shutil

    from whoosh import fields
    from whoosh.filedb.filestore import FileStorage

    whoosh = IndexPaths(built.index_dir).whoosh
    shutil.rmtree(whoosh)
    whoosh.mkdir()
    old = FileStorage(str(whoosh)).create_index(
        fields.Schema(id=fields.ID(stored=True), body=fields.TEXT)
    )
    writer = old.writer()
    writer.add_document(id="storm", body="an old document")
    writer.commit()
    store = Store(IndexPaths(built.index_dir).store)
    store.set_meta("schema", "3")
    store.commit()
    store.close()
    assert_rebuilt_by_the_cli(built, "the index was made by another version of reader")


def test_the_whoosh_folder_is_a_file(built):
    import shutil

    whoosh = IndexPaths(built.index_dir).whoosh
    shutil.rmtree(whoosh)
    whoosh.write_text("not a folder")
    proc = cli(built, "search", "paris OR ohio")
    err = proc.stderr.decode()
    if proc.returncode == 0:
        assert "2 matching articles" in proc.stdout.decode()
    else:  # a clear message, never a traceback
        assert proc.returncode == 1 and err.startswith("reader: error:") and err.count("\n") == 1


def test_the_library_says_what_to_do_with_a_damaged_index(built):
    """A face opening the index directly (no update first) gets a clear error."""
    from reader.errors import IndexUnavailable

    (toc,) = whoosh_files(built, "_MAIN_*.toc")
    toc.write_bytes(b"garbage")
    with pytest.raises(IndexUnavailable, match="reader index"):
        Library(built)


async def test_the_tui_rebuilds_a_damaged_index_on_start(built):
    from reader.tui.app import make_app
    from tests.tui.helpers import notifications, settle

    (segment,) = whoosh_files(built, "*.seg")
    segment.write_bytes(b"garbage")
    app = make_app(built, remember=False, keymap={})
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.library is not None
        assert len(main_screen(app).article_list.shown) == 4
        assert app.library.search("paris").total == 1
        assert any("Index updated" in n for n in notifications(app))


def test_an_index_damaged_under_an_open_library_gives_a_message(built):
    from reader.errors import IndexUnavailable, QueryError

    library = Library(built)
    assert library.search("paris").total == 1
    for segment in whoosh_files(built, "*.seg"):
        segment.write_bytes(segment.read_bytes()[:200])
    for query in ("paris", "ohio OR oslo", "rai*", '"coast of florida"'):
        try:
            library.search(query)
        except IndexUnavailable as exc:
            assert "run `reader index` to rebuild it" in str(exc)
        except QueryError:
            pass
    library.close()
    update_index(built, processes=1)
    assert ids(built) == IDS


def test_a_damaged_entity_cache_is_started_afresh(collection):
    """The NER cache is only saved time: garbage in it never stops a build."""
    settings = collection({"storm.txt": GOOD}, entities=True)
    build(settings)
    store = Store(IndexPaths(settings.index_dir).store)
    mentions = store.conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    store.close()
    IndexPaths(settings.index_dir).ner_cache.write_bytes(b"\x13garbage" * 700)
    report = build(settings, rebuild=True)
    assert report.added == 1 and report.mentions == mentions
