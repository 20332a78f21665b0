"""The user's own data about one collection, in one SQLite file.

`workflow.sqlite` in the collection's user data folder (beside its feeds and its
sort order; see `reader.userdata.collection_data_dir`). Every change is one
transaction (WAL journal): a crash leaves the file as it was before or after the
change, never half. A file SQLite cannot read is moved aside (kept, renamed
`workflow.sqlite.damaged-<time>`) and a new one started; `recovered_from` says
so, for the face to tell the user.

Articles are keyed by their id, entities by their id (`person:vladimir-putin`:
made from the name and type, so stable across rebuilds).
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError, UsageError
from reader.integrity import SQLITE_HEADER, why

FILE_NAME = "workflow.sqlite"
#: History entries kept (the oldest are forgotten).
HISTORY_KEPT = 1000
#: A note longer than this is refused (a note is something a person writes).
MAX_NOTE_CHARS = 100_000
MAX_TAG_CHARS = 60
MAX_NAME_CHARS = 100

ARTICLE = "article"
ENTITY = "entity"
KINDS = (ARTICLE, ENTITY)
#: What history remembers.
HISTORY_KINDS = ("search", "article", "entity")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS marks(
    article_id TEXT NOT NULL, mark TEXT NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (article_id, mark)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tags(
    kind TEXT NOT NULL, key TEXT NOT NULL, tag TEXT NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (kind, key, tag)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tags_by_tag ON tags(tag, kind);
CREATE TABLE IF NOT EXISTS notes(
    kind TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, updated REAL NOT NULL,
    PRIMARY KEY (kind, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS saved(
    name TEXT PRIMARY KEY, query TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS saved_seen(
    name TEXT NOT NULL, article_id TEXT NOT NULL,
    PRIMARY KEY (name, article_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS watched(
    entity_id TEXT PRIMARY KEY, name TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS watch_seen(
    entity_id TEXT NOT NULL, article_id TEXT NOT NULL, mentions INTEGER NOT NULL,
    PRIMARY KEY (entity_id, article_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS known(
    article_id TEXT PRIMARY KEY, hash TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_merges(
    seq INTEGER PRIMARY KEY, into_id TEXT NOT NULL, moved TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS history(
    seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL,
    label TEXT NOT NULL, at REAL NOT NULL);
"""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TAG_CHARS = re.compile(r"[\w\-.&+/']+")


def clean_tag(text: str) -> str:
    """A tag as kept: lower case, spaces as `-`. Raises UsageError (one line)
    for an empty tag, control characters, or characters a query cannot hold."""
    if _CONTROL.search(text):
        raise UsageError("a tag cannot hold control characters")
    tag = "-".join(text.lower().split())
    if not tag:
        raise UsageError("the tag is empty")
    if len(tag) > MAX_TAG_CHARS:
        raise UsageError(f"the tag is too long ({len(tag)} characters; at most {MAX_TAG_CHARS})")
    if not _TAG_CHARS.fullmatch(tag):
        raise UsageError(
            f"a tag is letters, digits and - _ . & + / ' (not {tag!r}: "
            "so that tag:NAME can find it)"
        )
    return tag


def clean_note(text: str) -> str:
    """A note as kept (line ends made \\n, trailing space trimmed); raises
    UsageError for one too long or holding control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    if len(text) > MAX_NOTE_CHARS:
        raise UsageError(
            f"the note is too long ({len(text):,} characters; at most {MAX_NOTE_CHARS:,})"
        )
    if _CONTROL.search(text):
        raise UsageError("a note cannot hold control characters (other than tabs and new lines)")
    return text


def clean_name(text: str) -> str:
    """A saved search's name: one line, not empty."""
    if _CONTROL.search(text):
        raise UsageError("a name cannot hold control characters")
    name = " ".join(text.split())
    if not name:
        raise UsageError("the name is empty")
    if len(name) > MAX_NAME_CHARS:
        raise UsageError(f"the name is too long (at most {MAX_NAME_CHARS} characters)")
    return name


@dataclass(frozen=True, slots=True)
class Note:
    kind: str
    key: str
    text: str
    updated: float


@dataclass(frozen=True, slots=True)
class SavedSearch:
    name: str
    query: str
    created: float


@dataclass(frozen=True, slots=True)
class Watch:
    entity_id: str
    name: str
    at: float


@dataclass(frozen=True, slots=True)
class Visit:
    """One history entry: a search run, an article or an entity opened."""

    kind: str  # "search" | "article" | "entity"
    key: str  # the query, the article id, the entity id
    label: str  # what to show: the query, the title, the name
    at: float


def _proven_damaged(path: Path, exc: sqlite3.DatabaseError) -> bool:
    """Only a file proven damaged is put aside (README, "What reader protects"):
    not SQLite's header, its check failed, or SQLite says it is corrupt."""
    if "quick_check failed" in str(exc):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(head) and head != SQLITE_HEADER


class UserStore:
    """Thread-safe (one connection, one lock): the TUI's workers and its UI
    thread share it. Several processes may hold it (SQLite's own locking)."""

    def __init__(self, path: Path):
        self.path = path
        self.recovered_from: Path | None = None
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReaderError(
                f"cannot keep marks, tags and notes in {path.parent}: {exc.strerror or exc}"
            ) from None
        try:
            self.conn = self._connect(path)
        except sqlite3.DatabaseError as exc:
            if not _proven_damaged(path, exc):  # a lock, a full disk, a permission
                raise ReaderError(
                    f"cannot open {path.name} (marks, tags, notes): {why(exc, path.parent)}"
                ) from None
            aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            path.replace(aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            self.recovered_from = aside
            self.conn = self._connect(path)

    @classmethod
    def for_collection(cls, articles_dir: Path | str) -> UserStore:
        from reader.userdata import collection_data_dir

        return cls(collection_data_dir(articles_dir) / FILE_NAME)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, check_same_thread=False, timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            conn.executescript(_SCHEMA)
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def _write(self, sql: str, rows: Iterable[Sequence] | None = None) -> int:
        """One statement (over many rows) in one transaction; rows changed."""
        with self._lock:
            cur = self.conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                if rows is None:
                    cur.execute(sql)
                else:
                    cur.executemany(sql, rows)
                changed = cur.rowcount
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            return changed

    def _read(self, sql: str, args: Sequence = ()) -> list[tuple]:
        with self._lock:
            return self.conn.execute(sql, args).fetchall()

    # ------------------------------------------------------------ read state, stars

    def _set_mark(self, mark: str, ids: Iterable[str], on: bool) -> list[str]:
        """Set or clear `mark` on `ids`; the ids whose state changed (for undo)."""
        ids = list(dict.fromkeys(ids))
        with self._lock:
            have = self._marked(mark, ids)
            changed = [i for i in ids if (i in have) != on]
            if not changed:
                return []
            now = time.time()
            if on:
                self._write(
                    "INSERT OR IGNORE INTO marks VALUES (?, ?, ?)",
                    [(i, mark, now) for i in changed],
                )
            else:
                self._write(
                    "DELETE FROM marks WHERE article_id=? AND mark=?", [(i, mark) for i in changed]
                )
            return changed

    def _marked(self, mark: str, ids: Sequence[str] | None = None) -> set[str]:
        if ids is None:
            return {r[0] for r in self._read("SELECT article_id FROM marks WHERE mark=?", (mark,))}
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found.update(
                r[0]
                for r in self._read(
                    "SELECT article_id FROM marks WHERE mark=? AND article_id IN "
                    f"({','.join('?' * len(chunk))})",
                    (mark, *chunk),
                )
            )
        return found

    def mark_read(self, ids: Iterable[str], read: bool = True) -> list[str]:
        return self._set_mark("read", ids, read)

    def read_ids(self, ids: Sequence[str] | None = None) -> set[str]:
        """The read articles (of `ids`, or all)."""
        return self._marked("read", ids)

    def is_read(self, article_id: str) -> bool:
        return bool(self._marked("read", [article_id]))

    def star(self, ids: Iterable[str], starred: bool = True) -> list[str]:
        return self._set_mark("star", ids, starred)

    def starred_ids(self, ids: Sequence[str] | None = None) -> set[str]:
        return self._marked("star", ids)

    # ------------------------------------------------------------ tags

    def tag(self, kind: str, keys: Iterable[str], tag: str, on: bool = True) -> list[str]:
        """Add (or remove) `tag` on articles or entities; the keys changed."""
        tag = clean_tag(tag)
        keys = list(dict.fromkeys(keys))
        with self._lock:
            have = {
                k
                for k in keys
                if self._read("SELECT 1 FROM tags WHERE kind=? AND key=? AND tag=?", (kind, k, tag))
            }
            changed = [k for k in keys if (k in have) != on]
            if on:
                now = time.time()
                self._write(
                    "INSERT OR IGNORE INTO tags VALUES (?, ?, ?, ?)",
                    [(kind, k, tag, now) for k in changed],
                )
            else:
                self._write(
                    "DELETE FROM tags WHERE kind=? AND key=? AND tag=?",
                    [(kind, k, tag) for k in changed],
                )
            return changed

    def tags_of(self, kind: str, key: str) -> list[str]:
        return [
            r[0]
            for r in self._read(
                "SELECT tag FROM tags WHERE kind=? AND key=? ORDER BY tag", (kind, key)
            )
        ]

    def set_tags(self, kind: str, key: str, tags: Iterable[str]) -> list[str]:
        """Make `key`'s tags exactly `tags` (cleaned); the tags kept."""
        wanted = list(dict.fromkeys(clean_tag(t) for t in tags))
        now = time.time()
        with self._lock:
            cur = self.conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                cur.execute("DELETE FROM tags WHERE kind=? AND key=?", (kind, key))
                cur.executemany(
                    "INSERT INTO tags VALUES (?, ?, ?, ?)", [(kind, key, t, now) for t in wanted]
                )
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return sorted(wanted)

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag used, with how many articles and entities carry it, most used first."""
        return [
            (r[0], r[1])
            for r in self._read(
                "SELECT tag, COUNT(*) AS n FROM tags GROUP BY tag ORDER BY n DESC, tag"
            )
        ]

    def tagged(self, tag: str, kind: str = ARTICLE) -> set[str]:
        return {
            r[0] for r in self._read("SELECT key FROM tags WHERE tag=? AND kind=?", (tag, kind))
        }

    def all_tags(self, kind: str = ARTICLE) -> list[tuple[str, str]]:
        """(key, tag) for every tag of this kind."""
        return [(r[0], r[1]) for r in self._read("SELECT key, tag FROM tags WHERE kind=?", (kind,))]

    # ------------------------------------------------------------ notes

    def set_note(self, kind: str, key: str, text: str) -> str:
        """Keep `text` as the note of an article or entity (empty: remove it)."""
        text = clean_note(text)
        if not text:
            self._write("DELETE FROM notes WHERE kind=? AND key=?", [(kind, key)])
        else:
            self._write(
                "INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?)",
                [(kind, key, text, time.time())],
            )
        return text

    def note(self, kind: str, key: str) -> str:
        rows = self._read("SELECT text FROM notes WHERE kind=? AND key=?", (kind, key))
        return rows[0][0] if rows else ""

    def notes(self, kind: str | None = None) -> list[Note]:
        """Every note (of a kind), the most recently written first."""
        sql = "SELECT kind, key, text, updated FROM notes"
        args: tuple = ()
        if kind is not None:
            sql += " WHERE kind=?"
            args = (kind,)
        return [Note(*r) for r in self._read(sql + " ORDER BY updated DESC", args)]

    # ------------------------------------------------------------ saved searches

    def save_search(self, name: str, query: str, seen: Iterable[str] = ()) -> SavedSearch:
        """Save (or replace) a search; `seen`: its matches now (not news later)."""
        name = clean_name(name)
        query = query.strip()
        if not query:
            raise UsageError("the query is empty")
        if _CONTROL.search(query):
            raise UsageError("a query cannot hold control characters")
        now = time.time()
        with self._lock:
            cur = self.conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                cur.execute("INSERT OR REPLACE INTO saved VALUES (?, ?, ?)", (name, query, now))
                cur.execute("DELETE FROM saved_seen WHERE name=?", (name,))
                cur.executemany(
                    "INSERT OR IGNORE INTO saved_seen VALUES (?, ?)", [(name, i) for i in seen]
                )
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return SavedSearch(name, query, now)

    def saved_searches(self) -> list[SavedSearch]:
        return [
            SavedSearch(*r)
            for r in self._read(
                "SELECT name, query, created FROM saved ORDER BY name COLLATE NOCASE"
            )
        ]

    def saved_search(self, name: str) -> SavedSearch:
        rows = self._read("SELECT name, query, created FROM saved WHERE name=?", (name,))
        if not rows:
            rows = self._read(
                "SELECT name, query, created FROM saved WHERE name=? COLLATE NOCASE", (name,)
            )
        if not rows:
            raise UsageError(f"no saved search named {name!r} (see `reader saved list`)")
        return SavedSearch(*rows[0])

    def remove_search(self, name: str) -> None:
        found = self.saved_search(name)
        with self._lock:
            self._write("DELETE FROM saved WHERE name=?", [(found.name,)])
            self._write("DELETE FROM saved_seen WHERE name=?", [(found.name,)])

    def saved_seen(self, name: str) -> set[str]:
        return {r[0] for r in self._read("SELECT article_id FROM saved_seen WHERE name=?", (name,))}

    def see_saved(self, name: str, ids: Iterable[str]) -> None:
        self._write("INSERT OR IGNORE INTO saved_seen VALUES (?, ?)", [(name, i) for i in ids])

    # ------------------------------------------------------------ watched entities

    def watch(self, entity_id: str, name: str, seen: dict[str, int]) -> bool:
        """Watch an entity; `seen`: its articles now (article id -> mentions),
        which are not news later. False when it was watched already."""
        with self._lock:
            if self.is_watched(entity_id):
                return False
            self._write("INSERT INTO watched VALUES (?, ?, ?)", [(entity_id, name, time.time())])
            self.see_watched(entity_id, seen)
            return True

    def unwatch(self, entity_id: str) -> bool:
        with self._lock:
            if not self.is_watched(entity_id):
                return False
            self._write("DELETE FROM watched WHERE entity_id=?", [(entity_id,)])
            self._write("DELETE FROM watch_seen WHERE entity_id=?", [(entity_id,)])
            return True

    def is_watched(self, entity_id: str) -> bool:
        return bool(self._read("SELECT 1 FROM watched WHERE entity_id=?", (entity_id,)))

    def watched(self) -> list[Watch]:
        return [
            Watch(*r)
            for r in self._read(
                "SELECT entity_id, name, at FROM watched ORDER BY name COLLATE NOCASE"
            )
        ]

    def watch_seen(self, entity_id: str) -> dict[str, int]:
        return {
            r[0]: r[1]
            for r in self._read(
                "SELECT article_id, mentions FROM watch_seen WHERE entity_id=?", (entity_id,)
            )
        }

    def see_watched(self, entity_id: str, seen: dict[str, int]) -> None:
        self._write(
            "INSERT OR REPLACE INTO watch_seen VALUES (?, ?, ?)",
            [(entity_id, a, n) for a, n in seen.items()],
        )

    # ------------------------------------------------------------ renamed files

    #: (table, id column, extra condition) of every row keyed by an article id.
    _ARTICLE_KEYS = (
        ("marks", "article_id", ""),
        ("tags", "key", "kind='article'"),
        ("notes", "key", "kind='article'"),
        ("saved_seen", "article_id", ""),
        ("watch_seen", "article_id", ""),
        ("history", "key", "kind='article'"),
    )

    def follow_renames(self, current: dict[str, str]) -> int:
        """Keep the user's data on articles whose file was renamed: `current` is
        the collection's article id -> content hash. An id that is gone, whose
        content (hash, as last seen) is now under another id, moves there. Then
        the hashes are remembered for next time. Returns how many ids moved."""
        with self._lock:
            known = dict(self._read("SELECT article_id, hash FROM known"))
            keyed: set[str] = set()
            for table, column, where in self._ARTICLE_KEYS:
                sql = f"SELECT DISTINCT {column} FROM {table}" + (
                    f" WHERE {where}" if where else ""
                )
                keyed.update(r[0] for r in self._read(sql))
            by_hash: dict[str, list[str]] = {}
            for aid, digest in current.items():
                by_hash.setdefault(digest, []).append(aid)
            moves = []
            for old in keyed - current.keys():
                candidates = [c for c in by_hash.get(known.get(old, ""), ()) if c not in known]
                if len(candidates) == 1:  # one new id with that content: the renamed file
                    moves.append((old, candidates[0]))
            cur = self.conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                for old, new in moves:
                    for table, column, where in self._ARTICLE_KEYS:
                        cond = f" AND {where}" if where else ""
                        cur.execute(
                            f"UPDATE OR IGNORE {table} SET {column}=? WHERE {column}=?{cond}",
                            (new, old),
                        )
                        cur.execute(f"DELETE FROM {table} WHERE {column}=?{cond}", (old,))
                changed = [(a, h) for a, h in current.items() if known.get(a) != h]
                cur.executemany("INSERT OR REPLACE INTO known VALUES (?, ?)", changed)
                gone = [(a,) for a in known.keys() - current.keys()]
                cur.executemany("DELETE FROM known WHERE article_id=?", gone)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            return len(moves)

    # ------------------------------------------------------------ history

    def visit(self, kind: str, key: str, label: str) -> None:
        """Remember a search run or an article or entity opened (newest first;
        visiting again moves it to the top)."""
        if kind not in HISTORY_KINDS or not key.strip():
            return
        label = " ".join(_CONTROL.sub(" ", label).split())[:300] or key
        with self._lock:
            cur = self.conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                cur.execute("DELETE FROM history WHERE kind=? AND key=?", (kind, key))
                cur.execute(
                    "INSERT INTO history(kind, key, label, at) VALUES (?, ?, ?, ?)",
                    (kind, key, label, time.time()),
                )
                cur.execute(
                    "DELETE FROM history WHERE seq <= "
                    "(SELECT seq FROM history ORDER BY seq DESC LIMIT 1 OFFSET ?)",
                    (HISTORY_KEPT,),
                )
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise

    def history(self, kind: str | None = None, limit: int = 100) -> list[Visit]:
        sql = "SELECT kind, key, label, at FROM history"
        args: tuple = ()
        if kind is not None:
            sql += " WHERE kind=?"
            args = (kind,)
        return [Visit(*r) for r in self._read(sql + " ORDER BY seq DESC LIMIT ?", (*args, limit))]

    def clear_history(self) -> int:
        return self._write("DELETE FROM history")
