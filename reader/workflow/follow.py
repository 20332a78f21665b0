"""The user's data on entities follows curation (reader/curation/).

Tags, notes and watches on entities are keyed by entity id. Curation keeps ids
where it can: a rename, a retype, a split keep the entity's id (a split's new
entity starts bare), so their data stays. A merge drops the merged entities:
their data moves to the entity kept, which then carries the union of the tags,
the watch (with what each had seen) and the notes (joined, each under the name
it was written for). An undo of the merge puts it back: the merged entities get
their own data again, and the kept one loses what the merge brought (its note
goes back to what it was, unless you have edited it since).

`follow_curation` compares the merges in force in the journal with those the
user data has followed (table `entity_merges`, one row per journal entry: what
moved, to undo it) and does the difference, in one transaction. It runs where
renamed files are followed: before the CLI's keeping-track commands and the
first user-data query, and in the TUI after each load (a curation change
reloads). It reads the journal, nothing else of curation's; it changes no
entity, only the user's rows.
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from reader.workflow.store import ENTITY

#: reader.library.Library (not imported: the library calls this module).
Library = Any


def active_merges(entries: list[dict]) -> dict[int, tuple[str, dict[str, str]]]:
    """seq -> (kept entity id, {merged entity id: its name}) of every merge in force."""
    from reader.curation.journal import active_operations

    merges: dict[int, tuple[str, dict[str, str]]] = {}
    for entry in active_operations(entries):
        if entry.get("op") != "merge" or not isinstance(entry.get("into"), dict):
            continue
        into = entry["into"].get("id")
        others = {
            r["id"]: str(r.get("name") or r["id"])
            for r in entry.get("others") or []
            if isinstance(r, dict) and isinstance(r.get("id"), str) and r["id"] != into
        }
        if isinstance(into, str) and others:
            merges[int(entry["seq"])] = (into, others)
    return merges


def follow_curation(library: Library) -> int:
    """Bring the user's entity data up to the journal's merges; how many merges
    were followed or taken back (0: nothing to do, the usual case)."""
    from reader.curation.engine import journal_for

    read = journal_for(library.settings).read()
    store = library.userdata
    wanted = active_merges(read.entries)
    with store._lock:
        done = {
            seq: (into, json.loads(moved))
            for seq, into, moved in store._read("SELECT seq, into_id, moved FROM entity_merges")
        }
        undo = sorted(set(done) - set(wanted), reverse=True)
        todo = []
        for seq in sorted(set(wanted) - set(done)):
            into, others = wanted[seq]
            entity = _entity(library, into)
            if entity is None:  # the merge did not apply (yet): its data stays put
                continue
            gone = {o: n for o, n in others.items() if _entity(library, o) is None}
            todo.append((seq, into, entity.name, gone))
        renamed = []
        for w in store.watched():
            entity = _entity(library, w.entity_id)
            if entity is not None and entity.name != w.name:
                renamed.append((entity.name, w.entity_id))
        if not (undo or todo or renamed):
            return 0
        cur = store.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            for seq in undo:
                _put_back(cur, done[seq][0], done[seq][1])
                cur.execute("DELETE FROM entity_merges WHERE seq=?", (seq,))
            for seq, into, name, gone in todo:
                moved = _move(cur, library, into, name, gone)
                cur.execute(
                    "INSERT INTO entity_merges VALUES (?, ?, ?, ?)",
                    (seq, into, json.dumps(moved), time.time()),
                )
            cur.executemany("UPDATE watched SET name=? WHERE entity_id=?", renamed)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    return len(undo) + len(todo)


def _entity(library: Library, entity_id: str) -> Any:
    with library._lock:
        return library.store.entity(entity_id)


def _rows(cur: sqlite3.Cursor, sql: str, *args: object) -> list[tuple]:
    return list(cur.execute(sql, args).fetchall())


def _move(
    cur: sqlite3.Cursor, library: Library, into: str, name: str, gone: dict[str, str]
) -> dict:
    """Move the data of the merged entities `gone` to `into`; what to undo it."""
    had_tags = {
        r[0] for r in _rows(cur, "SELECT tag FROM tags WHERE kind=? AND key=?", ENTITY, into)
    }
    note_rows = _rows(cur, "SELECT text FROM notes WHERE kind=? AND key=?", ENTITY, into)
    note_before = note_rows[0][0] if note_rows else None
    watched = bool(_rows(cur, "SELECT 1 FROM watched WHERE entity_id=?", into))
    record: dict = {"others": {}, "added_tags": [], "added_watch": False}
    notes = []
    now = time.time()
    for other, other_name in gone.items():
        data: dict[str, Any] = {
            "tags": [
                r[0]
                for r in _rows(
                    cur, "SELECT tag FROM tags WHERE kind=? AND key=? ORDER BY tag", ENTITY, other
                )
            ],
            "watch": (
                list(w[0])
                if (w := _rows(cur, "SELECT name, at FROM watched WHERE entity_id=?", other))
                else None
            ),
            "seen": dict(
                _rows(cur, "SELECT article_id, mentions FROM watch_seen WHERE entity_id=?", other)
            ),
            "note": (
                n[0][0]
                if (n := _rows(cur, "SELECT text FROM notes WHERE kind=? AND key=?", ENTITY, other))
                else None
            ),
        }
        if not (data["tags"] or data["watch"] or data["note"]):
            continue
        record["others"][other] = data
        for tag in data["tags"]:
            if tag not in had_tags and tag not in record["added_tags"]:
                record["added_tags"].append(tag)
        if data["watch"] and not watched and not record["added_watch"]:
            record["added_watch"] = True
        if data["note"]:
            notes.append(f"From {other_name}:\n{data['note']}")
        cur.execute("DELETE FROM tags WHERE kind=? AND key=?", (ENTITY, other))
        cur.execute("DELETE FROM notes WHERE kind=? AND key=?", (ENTITY, other))
        cur.execute("DELETE FROM watched WHERE entity_id=?", (other,))
        cur.execute("DELETE FROM watch_seen WHERE entity_id=?", (other,))
    for other in gone:  # a visit to a merged entity opens the one kept
        cur.execute(
            "UPDATE OR IGNORE history SET key=? WHERE kind='entity' AND key=?", (into, other)
        )
    cur.executemany(
        "INSERT OR IGNORE INTO tags VALUES (?, ?, ?, ?)",
        [(ENTITY, into, t, now) for t in record["added_tags"]],
    )
    if record["added_watch"]:
        cur.execute("INSERT OR IGNORE INTO watched VALUES (?, ?, ?)", (into, name, now))
        # Its own mentions were not watched: they are not news of the watch.
        with library._lock:
            seen = dict(library.store.entity_articles(into))
        cur.executemany(
            "INSERT OR IGNORE INTO watch_seen VALUES (?, ?, ?)",
            [(into, a, n) for a, n in seen.items()],
        )
    if watched or record["added_watch"]:
        for data in record["others"].values():
            cur.executemany(
                "INSERT OR IGNORE INTO watch_seen VALUES (?, ?, ?)",
                [(into, a, n) for a, n in data["seen"].items()],
            )
    record["note_before"] = note_before
    record["note_after"] = None
    if notes:
        after = "\n\n".join(([note_before] if note_before else []) + notes)
        cur.execute("INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?)", (ENTITY, into, after, now))
        record["note_after"] = after
    return record


def _put_back(cur: sqlite3.Cursor, into: str, record: dict) -> None:
    """Undo `_move`: the merged entities' data back, the kept one's as it was."""
    now = time.time()
    for other, data in record.get("others", {}).items():
        cur.executemany(
            "INSERT OR IGNORE INTO tags VALUES (?, ?, ?, ?)",
            [(ENTITY, other, t, now) for t in data.get("tags", [])],
        )
        if data.get("watch"):
            cur.execute("INSERT OR IGNORE INTO watched VALUES (?, ?, ?)", (other, *data["watch"]))
            cur.executemany(
                "INSERT OR IGNORE INTO watch_seen VALUES (?, ?, ?)",
                [(other, a, n) for a, n in data.get("seen", {}).items()],
            )
        if data.get("note"):
            cur.execute(
                "INSERT OR IGNORE INTO notes VALUES (?, ?, ?, ?)",
                (ENTITY, other, data["note"], now),
            )
    cur.executemany(
        "DELETE FROM tags WHERE kind=? AND key=? AND tag=?",
        [(ENTITY, into, t) for t in record.get("added_tags", [])],
    )
    if record.get("added_watch"):
        cur.execute("DELETE FROM watched WHERE entity_id=?", (into,))
        cur.execute("DELETE FROM watch_seen WHERE entity_id=?", (into,))
    after = record.get("note_after")
    if after is not None:
        rows = cur.execute(
            "SELECT text FROM notes WHERE kind=? AND key=?", (ENTITY, into)
        ).fetchall()
        if rows and rows[0][0] == after:  # not edited since: as it was before
            before = record.get("note_before")
            if before:
                cur.execute(
                    "UPDATE notes SET text=?, updated=? WHERE kind=? AND key=?",
                    (before, now, ENTITY, into),
                )
            else:
                cur.execute("DELETE FROM notes WHERE kind=? AND key=?", (ENTITY, into))
