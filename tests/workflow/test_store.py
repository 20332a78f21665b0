"""The user's data about a collection: kept across runs, in the user data folder,
bad input refused with one line, a damaged file kept aside and a new one begun."""

from __future__ import annotations

import sqlite3

import pytest

from reader.errors import ReaderError, UsageError
from reader.workflow.store import ARTICLE, ENTITY, HISTORY_KEPT, UserStore


@pytest.fixture
def store(tmp_path):
    s = UserStore.for_collection(tmp_path / "articles")
    yield s
    s.close()


def test_everything_survives_a_restart_and_lives_in_the_user_data_folder(tmp_path):
    store = UserStore.for_collection(tmp_path / "articles")
    assert store.mark_read(["a", "b", "a"]) == ["a", "b"]
    assert store.mark_read(["b", "c"]) == ["c"]  # only what changed (what undo restores)
    store.star(["b"])
    store.tag(ARTICLE, ["a", "b"], "Cold War")
    store.tag(ENTITY, ["person:vladimir-putin"], "sanctions")
    store.set_note(ARTICLE, "a", "Check the filing.\r\nThen call.")
    store.save_search("Pipelines", "nord stream", seen=["a"])
    store.watch("org:gazprom", "Gazprom", {"a": 3})
    store.visit("search", "nord stream", "nord stream")
    store.close()

    again = UserStore.for_collection(tmp_path / "articles")
    assert "userdata" in str(again.path) and "articles" not in again.path.parent.parts[-1:]
    assert again.read_ids() == {"a", "b", "c"}
    assert again.starred_ids() == {"b"}
    assert again.tags_of(ARTICLE, "a") == ["cold-war"]  # lower case, spaces as -
    assert again.tagged("cold-war") == {"a", "b"}
    assert again.tag_counts() == [("cold-war", 2), ("sanctions", 1)]
    assert again.note(ARTICLE, "a") == "Check the filing.\nThen call."
    assert [s.name for s in again.saved_searches()] == ["Pipelines"]
    assert again.saved_seen("Pipelines") == {"a"}
    assert again.watch_seen("org:gazprom") == {"a": 3}
    assert [v.key for v in again.history()] == ["nord stream"]
    again.close()


def test_unmarking_and_undo(store):
    changed = store.mark_read(["a", "b", "c"])
    store.mark_read(changed, read=False)
    assert store.read_ids() == set()
    store.star(["a"])
    assert store.star(["a"], starred=False) == ["a"] and store.starred_ids() == set()


@pytest.mark.parametrize(
    "tag, message",
    [
        ("bad\x1b[31m", "control characters"),
        ("  ", "empty"),
        ('a"b', "letters, digits"),
        ("x" * 61, "too long"),
    ],
)
def test_bad_tags_are_refused_with_one_line(store, tag, message):
    with pytest.raises(UsageError, match=message):
        store.tag(ARTICLE, ["a"], tag)
    assert store.tag_counts() == []


def test_a_huge_note_is_refused_and_the_old_one_kept(store):
    store.set_note(ARTICLE, "a", "first thoughts")
    with pytest.raises(UsageError, match="too long"):
        store.set_note(ARTICLE, "a", "x" * 1_000_000)
    with pytest.raises(UsageError, match="control characters"):
        store.set_note(ARTICLE, "a", "bell\x07")
    assert store.note(ARTICLE, "a") == "first thoughts"
    store.set_note(ARTICLE, "a", "   ")  # empty: removed
    assert store.notes() == []


def test_history_is_newest_first_once_each_and_bounded(store):
    store.visit("article", "a", "Title A")
    store.visit("search", "putin", "putin")
    store.visit("article", "a", "Title A")
    assert [(v.kind, v.key) for v in store.history()] == [("article", "a"), ("search", "putin")]
    for i in range(HISTORY_KEPT + 5):
        store.visit("search", f"q{i}", f"q{i}")
    visits = store.history(limit=HISTORY_KEPT + 10)
    assert len(visits) == HISTORY_KEPT and visits[0].key == f"q{HISTORY_KEPT + 4}"
    assert [v.kind for v in store.history("article")] == []  # the oldest went first


def test_a_damaged_file_is_kept_aside_and_a_new_one_started(tmp_path):
    store = UserStore.for_collection(tmp_path / "articles")
    path = store.path
    store.close()
    path.write_bytes(b"this is not a database" * 100)
    again = UserStore.for_collection(tmp_path / "articles")
    assert again.recovered_from is not None and again.recovered_from.exists()
    assert again.recovered_from.read_bytes().startswith(b"this is not")
    again.mark_read(["a"])
    assert again.read_ids() == {"a"}
    again.close()


def test_saved_search_names(store):
    with pytest.raises(UsageError, match="empty"):
        store.save_search(" ", "putin")
    with pytest.raises(UsageError, match="query is empty"):
        store.save_search("x", "  ")
    store.save_search("Kremlin", "person:putin")
    assert store.saved_search("kremlin").query == "person:putin"  # any case
    with pytest.raises(UsageError, match="no saved search named 'nope'"):
        store.remove_search("nope")
    store.remove_search("Kremlin")
    assert store.saved_searches() == []


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(ReaderError, match=r"cannot keep marks, tags and notes in .*file"):
        UserStore(tmp_path / "file" / "workflow.sqlite")


def test_a_locked_file_is_an_error_and_stays_as_it_is(tmp_path, monkeypatch):
    path = tmp_path / "workflow.sqlite"
    UserStore(path).mark_read(["a"], True)
    before = path.read_bytes()

    def locked(_path):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(UserStore, "_connect", staticmethod(locked))
    with pytest.raises(ReaderError, match="another program holds a lock"):
        UserStore(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.damaged-*"))  # not put aside: a lock proves nothing
