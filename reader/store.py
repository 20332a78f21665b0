"""The reader's own tables beside the Whoosh index, in SQLite (index/reader.sqlite).

The store is the source of truth for what is indexed: the file manifest (to see
what changed without re-reading files), each article's text and metadata, the
entity mentions with their offsets, and the entities. Whoosh holds the inverted
index and can always be rebuilt from the store.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from reader.corpus import Article
from reader.errors import IndexUnavailable

# A mention's span is unique in its article: the store refuses a second row for
# it (an index of an older version may hold some; its rebuild creates the index).
_MENTION_INDEXES = (
    "CREATE UNIQUE INDEX IF NOT EXISTS mentions_span ON mentions(article_id, start, end)",
    "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id, article_id, start)",
)
_OLD_MENTION_INDEXES = ("mentions_article",)  # replaced by mentions_span
DUPLICATE_TABLES = ("dup_signatures", "dup_bands", "dup_pairs", "dup_groups")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    rel TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    article_ids TEXT NOT NULL, problem TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, rel TEXT NOT NULL, path TEXT NOT NULL, format TEXT NOT NULL,
    title TEXT NOT NULL, date TEXT, source TEXT, url TEXT, author TEXT,
    title_start INTEGER, title_end INTEGER, hash TEXT NOT NULL, text TEXT NOT NULL,
    entity_hash TEXT NOT NULL DEFAULT '', mention_hash TEXT NOT NULL DEFAULT '',
    n_entities INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS articles_rel ON articles(rel);
-- Covers an update's look at every article's hash (never the rows holding the text).
CREATE INDEX IF NOT EXISTS articles_hash ON articles(id, hash);
-- Covers the article list: its query then never reads the rows holding the text.
CREATE INDEX IF NOT EXISTS articles_summary ON articles(id, title, date, source, path, n_entities);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, label TEXT NOT NULL, entity_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, aliases TEXT NOT NULL,
    mention_count INTEGER NOT NULL, article_count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_type ON entities(type, mention_count);
CREATE TABLE IF NOT EXISTS vocab (word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
-- Linking's state between updates (entities/linkstate.py): each article's, by the
-- content hash it was linked with, and the collection's totals.
CREATE TABLE IF NOT EXISTS link_docs (
    article_id TEXT PRIMARY KEY, hash TEXT NOT NULL, state BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS link_state (name TEXT PRIMARY KEY, value BLOB NOT NULL);
-- Near-duplicates (analytics/duplicates.py), regenerable: each article's MinHash
-- signature (by the content hash it was made from), its LSH band keys, the
-- pairs found similar, and the groups they make.
CREATE TABLE IF NOT EXISTS dup_signatures (
    article_id TEXT PRIMARY KEY, hash TEXT NOT NULL, signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS dup_bands (band_key INTEGER NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS dup_bands_key ON dup_bands(band_key);
CREATE INDEX IF NOT EXISTS dup_bands_article ON dup_bands(article_id);
CREATE TABLE IF NOT EXISTS dup_pairs (
    a TEXT NOT NULL, b TEXT NOT NULL, similarity REAL NOT NULL, PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dup_pairs_b ON dup_pairs(b);
CREATE TABLE IF NOT EXISTS dup_groups (
    article_id TEXT PRIMARY KEY, group_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dup_groups_group ON dup_groups(group_id);
"""


def _ids(stored: str) -> tuple[str, ...]:
    """A file's article ids as stored (JSON): one plain id is read without the
    JSON parser (the whole table is read at each update: 10,000 rows at 10k)."""
    if (
        stored.startswith('["')
        and stored.endswith('"]')
        and '"' not in stored[2:-2]
        and "\\" not in stored
    ):
        return (stored[2:-2],)
    return tuple(json.loads(stored))


class FileRecord(NamedTuple):
    """A file as the store knows it (a row as read: the whole table is read at each
    update, 100,000 rows at 100k; its ids are parsed when asked for)."""

    rel: str
    mtime_ns: int
    size: int
    stored_ids: str  # JSON, as stored
    problem: str | None

    @property
    def article_ids(self) -> tuple[str, ...]:
        return _ids(self.stored_ids)


class ArticleSummary(NamedTuple):
    """One row of the article list (a tuple: the list of 10,000 is built at start-up)."""

    id: str
    title: str
    date: str | None
    source: str | None
    path: str
    n_entities: int


@dataclass(frozen=True, slots=True)
class StoredMention:
    article_id: str
    start: int
    end: int
    text: str
    label: str
    entity_id: str


@dataclass(frozen=True, slots=True)
class StoredEntity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mention_count: int
    article_count: int


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    try:
        if readonly:
            conn = _connect_readonly(path)
        else:
            conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            except sqlite3.OperationalError:
                conn.close()
                raise
            except sqlite3.DatabaseError:
                pass  # not a database (damaged): the caller's first statement says so
    except sqlite3.Error as exc:
        raise IndexUnavailable(f"cannot open {path}: {exc}") from None
    return conn


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection; on a read-only file system or a full disk, where
    SQLite cannot create the WAL's shared-memory file, the database is opened as
    immutable (on a full disk only when no write-ahead log holds pages)."""
    uri = f"file:{quote(str(path))}"
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        writable = os.access(path.parent, os.W_OK) and not _read_only_fs(path)
        if writable and not (_disk_full(path) and _wal_empty(path)):
            raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)


def _disk_full(path: Path) -> bool:
    try:
        return os.statvfs(path.parent).f_bavail == 0
    except OSError:
        return False


def _wal_empty(path: Path) -> bool:
    """No write-ahead log to read (immutable mode would not see it)."""
    try:
        return os.stat(f"{path}-wal").st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


class Store:
    """Typed access to index/reader.sqlite. One instance per thread of use."""

    def __init__(self, path: Path, readonly: bool = False):
        self.path = path
        self.conn = connect(path, readonly)
        if not readonly:
            try:
                self.conn.executescript(_SCHEMA)
                self._mention_indexes()
            except sqlite3.DatabaseError as exc:
                raise IndexUnavailable(f"{path}: {exc}") from None

    def _mention_indexes(self) -> None:
        for name in _OLD_MENTION_INDEXES:
            self.conn.execute(f"DROP INDEX IF EXISTS {name}")
        for statement in _MENTION_INDEXES:
            try:
                self.conn.execute(statement)
            except sqlite3.IntegrityError:
                # An index made before spans were unique, with some twice: its
                # schema version makes the next update rebuild it, and filling
                # the emptied table creates this index.
                pass

    def close(self) -> None:
        self.conn.close()

    # -- meta
    def get_meta(self, key: str) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def wipe(self) -> None:
        """Forget everything indexed (a rebuild); the NER cache lives elsewhere."""
        for table in (
            "files",
            "articles",
            "mentions",
            "entities",
            "meta",
            "vocab",
            "link_docs",
            "link_state",
            *DUPLICATE_TABLES,
        ):
            self.conn.execute(f"DELETE FROM {table}")

    # -- files
    def files(self) -> dict[str, FileRecord]:
        rows = self.conn.execute("SELECT rel, mtime_ns, size, article_ids, problem FROM files")
        return {r[0]: r for r in map(partial(tuple.__new__, FileRecord), rows)}

    def put_file(
        self,
        rel: str,
        mtime_ns: int,
        size: int,
        article_ids: Sequence[str],
        problem: str | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (rel, mtime_ns, size, json.dumps(list(article_ids)), problem),
        )

    def delete_file(self, rel: str) -> None:
        self.conn.execute("DELETE FROM files WHERE rel=?", (rel,))

    def problems(self) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT problem FROM files WHERE problem IS NOT NULL ORDER BY rel"
            )
        ]

    # -- articles
    def put_article(self, article: Article, rel: str) -> None:
        span = article.title_span or (None, None)
        self.conn.execute(
            "INSERT OR REPLACE INTO articles (id, rel, path, format, title, date, source, url,"
            " author, title_start, title_end, hash, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                rel,
                article.path,
                article.format,
                article.title,
                article.date,
                article.source,
                article.url,
                article.author,
                span[0],
                span[1],
                article.hash,
                article.text,
            ),
        )

    def delete_article(self, article_id: str) -> None:
        self.conn.execute("DELETE FROM articles WHERE id=?", (article_id,))
        self.conn.execute("DELETE FROM mentions WHERE article_id=?", (article_id,))

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            "SELECT id, title, text, path, format, date, source, url, author, title_start,"
            " title_end, hash FROM articles WHERE id=?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        span = (row[9], row[10]) if row[9] is not None else None
        return Article(
            id=row[0],
            title=row[1],
            text=row[2],
            path=row[3],
            format=row[4],
            date=row[5],
            source=row[6],
            url=row[7],
            author=row[8],
            title_span=span,
            hash=row[11],
        )

    def text(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT text FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def article_hashes(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT id, hash FROM articles"))

    def article_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def summaries(self, ids: Iterable[str] | None = None) -> list[ArticleSummary]:
        sql = "SELECT id, title, date, source, path, n_entities FROM articles"
        if ids is None:
            rows = self.conn.execute(sql + " ORDER BY id")
            # tuple.__new__ straight, not _make's Python frame: 10,000 rows at start-up.
            return list(map(partial(tuple.__new__, ArticleSummary), rows))
        wanted = list(ids)
        found: dict[str, ArticleSummary] = {}
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"{sql} WHERE id IN ({marks})", chunk):
                found[r[0]] = ArticleSummary(*r)
        return [found[i] for i in wanted if i in found]

    def texts(self, ids: Iterable[str]) -> Iterator[tuple[str, str]]:
        for chunk in _chunks(list(ids), 200):
            marks = ",".join("?" * len(chunk))
            # fetchall: no cursor stays open across a yield (a generator dropped by
            # Ctrl+C is finalised after the connection has closed).
            yield from self.conn.execute(
                f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk
            ).fetchall()

    def index_rows(self, ids: Iterable[str]) -> Iterator[Article]:
        for chunk in _chunks(list(ids), 200):
            for aid in chunk:
                article = self.article(aid)
                if article is not None:
                    yield article

    def entity_hashes(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
        """(entity hash, mention hash) of these articles (of all by default)."""
        sql = "SELECT id, entity_hash, mention_hash FROM articles"
        if ids is None:
            return {r[0]: (r[1], r[2]) for r in self.conn.execute(sql)}
        out: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"{sql} WHERE id IN ({marks})", chunk)
            out.update((r[0], (r[1], r[2])) for r in rows)
        return out

    def set_entity_hash(self, article_id: str, entity_hash: str) -> None:
        self.conn.execute("UPDATE articles SET entity_hash=? WHERE id=?", (entity_hash, article_id))

    # -- mentions and entities
    def replace_mentions(
        self,
        article_id: str,
        mentions: Sequence[StoredMention],
        entity_hash: str,
        mention_hash: str,
        *,
        new: bool = False,
    ) -> None:
        """Store an article's mentions; `new`: it has none stored (no delete)."""
        if not new:
            self.conn.execute("DELETE FROM mentions WHERE article_id=?", (article_id,))
        self.conn.executemany(
            "INSERT INTO mentions VALUES (?,?,?,?,?,?)",
            [(m.article_id, m.start, m.end, m.text, m.label, m.entity_id) for m in mentions],
        )
        n_entities = len({m.entity_id for m in mentions if m.entity_id})
        self.conn.execute(
            "UPDATE articles SET entity_hash=?, mention_hash=?, n_entities=? WHERE id=?",
            (entity_hash, mention_hash, n_entities, article_id),
        )

    def has_mentions(self) -> bool:
        return self.conn.execute("SELECT 1 FROM mentions LIMIT 1").fetchone() is not None

    @contextmanager
    def filling_mentions(self) -> Iterator[None]:
        """Fill the empty mentions table: its indexes are built once, at the end
        (a million rows insert in about half the time). On an error the caller
        rolls back, which restores them; the next open creates any missing one."""
        for name in ("mentions_span", "mentions_entity", *_OLD_MENTION_INDEXES):
            self.conn.execute(f"DROP INDEX IF EXISTS {name}")
        yield
        for statement in _MENTION_INDEXES:
            self.conn.execute(statement)  # refuses a span stored twice

    def replace_entities(self, entities: Iterable[StoredEntity]) -> None:
        self.conn.execute("DELETE FROM entities")
        self.put_entities(entities)

    def put_entities(self, entities: Iterable[StoredEntity]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO entities VALUES (?,?,?,?,?,?)",
            [
                (
                    e.id,
                    e.name,
                    e.type,
                    json.dumps(list(e.aliases)),
                    e.mention_count,
                    e.article_count,
                )
                for e in entities
            ],
        )

    def delete_entities(self, ids: Iterable[str]) -> None:
        self.conn.executemany("DELETE FROM entities WHERE id=?", [(i,) for i in ids])

    def all_entities(self) -> dict[str, StoredEntity]:
        return {
            r[0]: _entity(r)
            for r in self.conn.execute(
                "SELECT id, name, type, aliases, mention_count, article_count FROM entities"
            )
        }

    def articles_mentioning(self, entity_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(list(entity_ids), 500):
            marks = ",".join("?" * len(chunk))
            out.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT DISTINCT article_id FROM mentions WHERE entity_id IN ({marks})", chunk
                )
            )
        return out

    # -- linking's saved state
    def link_changes(self) -> tuple[list[str], list[str]]:
        """(articles whose content is not what was linked, linked articles that are gone)."""
        return self._derived_changes("link_docs")

    def _derived_changes(self, table: str) -> tuple[list[str], list[str]]:
        """For a table of rows derived from articles (article_id, hash of the content
        they were made from): (articles with no row or one made from other content,
        rows of articles that are gone)."""
        assert table in ("link_docs", "dup_signatures")
        changed = [
            r[0]
            for r in self.conn.execute(
                f"SELECT a.id FROM articles a LEFT JOIN {table} d ON d.article_id = a.id"
                " WHERE d.hash IS NULL OR d.hash != a.hash ORDER BY a.id"
            )
        ]
        gone = [
            r[0]
            for r in self.conn.execute(
                f"SELECT article_id FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
                " ORDER BY article_id"
            )
        ]
        return changed, gone

    def link_docs(self, ids: Iterable[str]) -> dict[str, tuple[str, bytes]]:
        """Article id -> (content hash, saved state)."""
        out: dict[str, tuple[str, bytes]] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            out.update(
                (r[0], (r[1], r[2]))
                for r in self.conn.execute(
                    f"SELECT article_id, hash, state FROM link_docs WHERE article_id IN ({marks})",
                    chunk,
                )
            )
        return out

    def put_link_docs(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO link_docs VALUES (?,?,?)", rows)

    def delete_link_docs(self, ids: Iterable[str]) -> None:
        self.conn.executemany("DELETE FROM link_docs WHERE article_id=?", [(i,) for i in ids])

    def link_state(self, name: str) -> bytes | None:
        row = self.conn.execute("SELECT value FROM link_state WHERE name=?", (name,)).fetchone()
        return row[0] if row else None

    def put_link_state(self, name: str, value: bytes) -> None:
        self.conn.execute("INSERT OR REPLACE INTO link_state VALUES (?,?)", (name, value))

    def put_link_rows(self, rows: Mapping[str, bytes | None]) -> None:
        """Linking's per-key rows (LinkState.dump_rows): None deletes one."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO link_state VALUES (?,?)",
            ((name, blob) for name, blob in rows.items() if blob is not None),
        )
        self.conn.executemany(
            "DELETE FROM link_state WHERE name=?",
            ((name,) for name, blob in rows.items() if blob is None),
        )

    def clear_link_state(self) -> None:
        self.conn.execute("DELETE FROM link_docs")
        self.conn.execute("DELETE FROM link_state")

    def clear_entities(self) -> None:
        """Forget every entity, mention and link state (an index without entities)."""
        self.clear_link_state()
        self.conn.execute("DELETE FROM mentions")
        self.conn.execute("DELETE FROM entities")
        self.conn.execute("UPDATE articles SET entity_hash='', mention_hash='', n_entities=0")

    def mentions_of_article(self, article_id: str) -> list[StoredMention]:
        return [
            StoredMention(*r)
            for r in self.conn.execute(
                "SELECT article_id, start, end, text, label, entity_id FROM mentions"
                " WHERE article_id=? ORDER BY start, end",
                (article_id,),
            )
        ]

    def mentions_of_entity(self, entity_id: str, limit: int | None = None) -> list[StoredMention]:
        """An entity's mentions by article and offset (the first `limit` only, if given)."""
        return [
            StoredMention(*r)
            for r in self.conn.execute(
                "SELECT article_id, start, end, text, label, entity_id FROM mentions"
                " WHERE entity_id=? ORDER BY article_id, start LIMIT ?",
                (entity_id, -1 if limit is None else limit),
            )
        ]

    def all_mentions(self) -> Iterator[StoredMention]:
        for r in self.conn.execute(
            "SELECT article_id, start, end, text, label, entity_id FROM mentions"
            " ORDER BY article_id, start, end"
        ):
            yield StoredMention(*r)

    def entity(self, entity_id: str) -> StoredEntity | None:
        row = self.conn.execute(
            "SELECT id, name, type, aliases, mention_count, article_count FROM entities WHERE id=?",
            (entity_id,),
        ).fetchone()
        return _entity(row) if row else None

    def entities_by_id(self, ids: Iterable[str]) -> dict[str, StoredEntity]:
        found: dict[str, StoredEntity] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                "SELECT id, name, type, aliases, mention_count, article_count FROM entities"
                f" WHERE id IN ({marks})",
                chunk,
            ):
                found[r[0]] = _entity(r)
        return found

    def entities(
        self, type_: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StoredEntity]:
        """Most mentioned first (ties: in more articles, then by name, then id)."""
        sql = "SELECT id, name, type, aliases, mention_count, article_count FROM entities"
        args: list = []
        if type_:
            sql += " WHERE type=?"
            args.append(type_)
        sql += " ORDER BY mention_count DESC, article_count DESC, name, id"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            args.extend([-1 if limit is None else limit, max(0, offset)])
        return [_entity(r) for r in self.conn.execute(sql, args)]

    def entity_count(self, type_: str | None = None) -> int:
        if type_:
            return int(
                self.conn.execute(
                    "SELECT COUNT(*) FROM entities WHERE type=?", (type_,)
                ).fetchone()[0]
            )
        return int(self.conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0])

    def named_mentions(
        self, article_id: str, labels: Sequence[str] | None = None
    ) -> list[tuple[int, int, str, str, str, str]]:
        """(start, end, label, text, entity id, entity name) of an article's linked
        mentions (of `labels`, or of any label)."""
        where = "" if labels is None else f" AND m.label IN ({','.join('?' * len(labels))})"
        return self.conn.execute(
            "SELECT m.start, m.end, m.label, m.text, m.entity_id, COALESCE(e.name, '')"
            " FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id"
            f" WHERE m.article_id=? AND m.entity_id != ''{where} ORDER BY m.start, m.end",
            (article_id, *(labels or ())),
        ).fetchall()

    def mention_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0])

    def entity_names(self) -> dict[str, str]:
        """Entity id -> name, of every entity."""
        return dict(self.conn.execute("SELECT id, name FROM entities"))

    def find_entities(self, name: str) -> list[StoredEntity]:
        """Entities whose name or an alias equals `name` (case-insensitive), most mentioned first."""
        needle = name.casefold().strip()
        out = []
        for r in self.conn.execute(
            "SELECT id, name, type, aliases, mention_count, article_count FROM entities"
            " ORDER BY mention_count DESC"
        ):
            entity = _entity(r)
            if entity.id == name or needle in (
                a.casefold() for a in (entity.name, *entity.aliases)
            ):
                out.append(entity)
        return out

    def entities_named(self, names: Iterable[str], types: Iterable[str]) -> list[StoredEntity]:
        """Entities of these types whose name is one of `names` (any case), most mentioned first."""
        names, types = list(names), list(types)
        if not names or not types:
            return []
        rows = self.conn.execute(
            "SELECT id, name, type, aliases, mention_count, article_count FROM entities"
            f" WHERE name COLLATE NOCASE IN ({','.join('?' * len(names))})"
            f" AND type IN ({','.join('?' * len(types))}) ORDER BY mention_count DESC, id",
            [*names, *types],
        )
        return [_entity(r) for r in rows]

    def entity_articles(self, entity_id: str) -> list[tuple[str, int]]:
        """(article id, mention count) of every article mentioning the entity."""
        return list(
            self.conn.execute(
                "SELECT article_id, COUNT(*) FROM mentions WHERE entity_id=?"
                " GROUP BY article_id ORDER BY COUNT(*) DESC, article_id",
                (entity_id,),
            )
        )

    def co_occurring(self, entity_id: str, limit: int = 20) -> list[tuple[str, int]]:
        """(entity id, shared article count) for entities sharing articles with this one."""
        return list(
            self.conn.execute(
                "SELECT m2.entity_id, COUNT(DISTINCT m2.article_id) AS n FROM mentions m1"
                " JOIN mentions m2 ON m1.article_id = m2.article_id"
                " WHERE m1.entity_id=? AND m2.entity_id != ? AND m2.entity_id != ''"
                " GROUP BY m2.entity_id ORDER BY n DESC, m2.entity_id LIMIT ?",
                (entity_id, entity_id, limit),
            )
        )

    def related_articles(self, article_id: str, limit: int = 10) -> list[tuple[str, int]]:
        """(article id, shared entity count) for articles sharing entities with this one."""
        return list(
            self.conn.execute(
                "SELECT m2.article_id, COUNT(DISTINCT m2.entity_id) AS n FROM"
                " (SELECT DISTINCT entity_id FROM mentions WHERE article_id=? AND entity_id!='') e"
                " JOIN mentions m2 ON m2.entity_id = e.entity_id"
                " WHERE m2.article_id != ? GROUP BY m2.article_id ORDER BY n DESC, m2.article_id"
                " LIMIT ?",
                (article_id, article_id, limit),
            )
        )

    # -- analytics: timelines, co-occurrence, related articles (reader/analytics/)
    def article_dates(self, ids: Iterable[str] | None = None) -> list[tuple[str, str | None]]:
        """(article id, date or None) of these articles (of all by default)."""
        sql = "SELECT id, date FROM articles"
        if ids is None:
            return list(self.conn.execute(sql))
        return _rows_in(self.conn, sql + " WHERE id IN ({marks})", ids)

    def entity_mention_dates(self, entity_id: str) -> list[tuple[str | None, int, int]]:
        """(date, mentions, articles) of an entity, one row per date (None: undated)."""
        return list(
            self.conn.execute(
                "SELECT a.date, SUM(n), COUNT(*) FROM"
                " (SELECT article_id, COUNT(*) AS n FROM mentions WHERE entity_id=? GROUP BY article_id) m"
                " JOIN articles a ON a.id = m.article_id GROUP BY a.date",
                (entity_id,),
            )
        )

    def cooccurrence_counts(self, entity_id: str) -> list[tuple[str, int]]:
        """(entity id, articles shared) of every entity seen in an article with this one.

        Counted over (article, entity) pairs: each mention of the articles that
        mention this entity is read once, never paired with another mention.
        """
        return list(
            self.conn.execute(
                "WITH arts AS (SELECT DISTINCT article_id FROM mentions WHERE entity_id=?)"
                " SELECT m.entity_id, COUNT(DISTINCT m.article_id) FROM arts"
                " JOIN mentions m ON m.article_id = arts.article_id"
                " WHERE m.entity_id != '' AND m.entity_id != ? GROUP BY m.entity_id",
                (entity_id, entity_id),
            )
        )

    def entity_nearest(self, mentions: int) -> StoredEntity | None:
        """The entity whose mention count is nearest `mentions` (the benchmark's pick)."""
        row = self.conn.execute(
            "SELECT id, name, type, aliases, mention_count, article_count FROM entities"
            " ORDER BY ABS(mention_count - ?), id LIMIT 1",
            (mentions,),
        ).fetchone()
        return _entity(row) if row else None

    def entities_in_most_articles(self, limit: int) -> list[StoredEntity]:
        return [
            _entity(r)
            for r in self.conn.execute(
                "SELECT id, name, type, aliases, mention_count, article_count FROM entities"
                " ORDER BY article_count DESC, mention_count DESC, id LIMIT ?",
                (limit,),
            )
        ]

    def articles_with_all(self, entity_ids: Sequence[str]) -> list[str]:
        """Ids of the articles that mention every one of these entities, sorted."""
        if not entity_ids:
            return []
        sql = " INTERSECT ".join(
            "SELECT article_id FROM mentions WHERE entity_id=?" for _ in entity_ids
        )
        return sorted(r[0] for r in self.conn.execute(sql, list(entity_ids)))

    def article_entity_pairs(
        self, entity_ids: Iterable[str] | None = None
    ) -> Iterator[tuple[str, str]]:
        """Distinct (article id, entity id) pairs, by article (only these entities when given)."""
        if entity_ids is None:
            rows = self.conn.execute(
                "SELECT DISTINCT article_id, entity_id FROM mentions WHERE entity_id != ''"
                " ORDER BY article_id"
            ).fetchall()
        else:
            rows = sorted(
                _rows_in(
                    self.conn,
                    "SELECT DISTINCT article_id, entity_id FROM mentions"
                    " WHERE entity_id IN ({marks})",
                    entity_ids,
                )
            )
        yield from rows

    def entity_counts(self, article_ids: Iterable[str]) -> list[tuple[str, str, int]]:
        """(article id, entity id, mentions) of the linked entities of these articles."""
        return _rows_in(
            self.conn,
            "SELECT article_id, entity_id, COUNT(*) FROM mentions"
            " WHERE article_id IN ({marks}) AND entity_id != ''"
            " GROUP BY article_id, entity_id",
            article_ids,
        )

    def entity_article_counts(self, entity_ids: Iterable[str]) -> list[tuple[str, str, int]]:
        """(article id, entity id, mentions) of every article mentioning these entities."""
        return _rows_in(
            self.conn,
            "SELECT article_id, entity_id, COUNT(*) FROM mentions"
            " WHERE entity_id IN ({marks}) GROUP BY entity_id, article_id",
            entity_ids,
        )

    def mention_spans(self, article_id: str, entity_ids: Iterable[str]) -> list[tuple[int, int]]:
        """(start, end) of the mentions of these entities in an article, in order."""
        wanted = list(entity_ids)
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        return list(
            self.conn.execute(
                f"SELECT start, end FROM mentions WHERE article_id=? AND entity_id IN ({marks})"
                " ORDER BY start, end",
                [article_id, *wanted],
            )
        )

    # -- near-duplicates (reader/analytics/duplicates.py)
    def signature_changes(self) -> tuple[list[str], list[str]]:
        """(articles whose signature is missing or made from other content, signed
        articles that are gone)."""
        return self._derived_changes("dup_signatures")

    def forget_signatures(self, ids: Iterable[str]) -> None:
        """Drop these articles' signatures, band keys and pairs."""
        rows = [(i,) for i in ids]
        self.conn.executemany("DELETE FROM dup_signatures WHERE article_id=?", rows)
        self.conn.executemany("DELETE FROM dup_bands WHERE article_id=?", rows)
        self.conn.executemany("DELETE FROM dup_pairs WHERE a=?", rows)
        self.conn.executemany("DELETE FROM dup_pairs WHERE b=?", rows)

    def forget_all_signatures(self) -> None:
        for table in DUPLICATE_TABLES:
            self.conn.execute(f"DELETE FROM {table}")

    def put_signature(
        self, article_id: str, content_hash: str, signature: bytes, band_keys: Sequence[int]
    ) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO dup_signatures VALUES (?,?,?)",
            (article_id, content_hash, signature),
        )
        self.conn.executemany(
            "INSERT INTO dup_bands VALUES (?,?)", [(k, article_id) for k in band_keys]
        )

    def band_neighbours(self, band_keys: Sequence[int], exclude: str) -> list[str]:
        """Articles sharing at least one band key (other than `exclude`)."""
        marks = ",".join("?" * len(band_keys))
        return [
            r[0]
            for r in self.conn.execute(
                f"SELECT DISTINCT article_id FROM dup_bands WHERE band_key IN ({marks})"
                " AND article_id != ?",
                [*band_keys, exclude],
            )
        ]

    def signatures(self, ids: Iterable[str]) -> dict[str, bytes]:
        return dict(
            _rows_in(
                self.conn,
                "SELECT article_id, signature FROM dup_signatures WHERE article_id IN ({marks})",
                ids,
            )
        )

    def put_similar_pairs(self, pairs: Iterable[tuple[str, str, float]]) -> None:
        """Pairs of near-duplicates, each stored once with a < b."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO dup_pairs VALUES (?,?,?)",
            [(min(a, b), max(a, b), s) for a, b, s in pairs],
        )

    def similar_pairs(self) -> list[tuple[str, str, float]]:
        return list(self.conn.execute("SELECT a, b, similarity FROM dup_pairs ORDER BY a, b"))

    def similar_to(self, article_id: str) -> list[tuple[str, float]]:
        """(article id, estimated similarity) of this article's near-duplicates."""
        return list(
            self.conn.execute(
                "SELECT b, similarity FROM dup_pairs WHERE a=? UNION ALL"
                " SELECT a, similarity FROM dup_pairs WHERE b=?",
                (article_id, article_id),
            )
        )

    def replace_groups(self, groups: Iterable[tuple[str, str]]) -> None:
        """(article id, group id) of every article in a group of near-duplicates."""
        self.conn.execute("DELETE FROM dup_groups")
        self.conn.executemany("INSERT INTO dup_groups VALUES (?,?)", groups)

    def duplicate_groups(self) -> dict[str, list[str]]:
        """Group id -> its articles' ids (groups of two or more), in id order."""
        out: dict[str, list[str]] = {}
        for article_id, group_id in self.conn.execute(
            "SELECT article_id, group_id FROM dup_groups ORDER BY group_id, article_id"
        ):
            out.setdefault(group_id, []).append(article_id)
        return out

    def group_of(self, article_id: str) -> list[str]:
        """The ids of the articles in this article's group (itself alone when none)."""
        rows = self.conn.execute(
            "SELECT g2.article_id FROM dup_groups g1 JOIN dup_groups g2"
            " ON g2.group_id = g1.group_id WHERE g1.article_id=? ORDER BY g2.article_id",
            (article_id,),
        ).fetchall()
        return [r[0] for r in rows] or [article_id]

    def commit(self) -> None:
        self.conn.commit()

    def rollback(self) -> None:
        self.conn.rollback()


def _entity(row: tuple) -> StoredEntity:
    return StoredEntity(row[0], row[1], row[2], tuple(json.loads(row[3])), row[4], row[5])


def _rows_in(conn: sqlite3.Connection, sql: str, ids: Iterable, size: int = 500) -> list:
    """The rows of `sql` (whose `{marks}` is an IN list) for all `ids`, asked
    in chunks of `size` (SQLite caps the parameters of one statement)."""
    out: list = []
    for chunk in _chunks(list(ids), size):
        out.extend(conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk))
    return out


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
