"""The curated result in the store, and the way back to the automatic one.

Curation edits the store's `mentions`, `entities` and `articles` rows in place,
so every reader of the store (panes, entity page, exports, analytics, search
payloads) sees the curated entities with no change of its own. Before a row is
first changed, its automatic value is kept in three small tables (the overlay):

    curation_mentions  (article_id, start, end) -> the automatic mention, or none
    curation_entities  entity id -> the automatic entity row (JSON), or none
    curation_articles  article id -> its automatic entity hash and entity count

`restore_automatic` puts those values back and empties the overlay: the store
then holds the automatic result exactly (what linking left), which an index
update links against and a replay of the journal starts from. The overlay
lives and commits with the rows it describes; it is derived data, like them.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field

from reader.entities.fields import digest, entity_payload
from reader.store import Store, StoredEntity, StoredMention

_SCHEMA = """
CREATE TABLE IF NOT EXISTS curation_mentions (
    article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    auto_text TEXT, auto_label TEXT, auto_entity TEXT,
    PRIMARY KEY (article_id, start, end)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS curation_entities (id TEXT PRIMARY KEY, auto TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS curation_articles (
    article_id TEXT PRIMARY KEY, auto_hash TEXT NOT NULL, auto_n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS curation_pending (article_id TEXT PRIMARY KEY) WITHOUT ROWID;
"""
#: Store meta key: the digest of the journal the store's curated rows were made from.
META_KEY = "curation"


def ensure_tables(store: Store) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            store.conn.execute(statement)


def restore_automatic(store: Store) -> dict[str, str]:
    """Put the automatic rows back (not committed); returns, for each article the
    curation had touched, the entity hash of its curated payload (what the Whoosh
    document holds), so a later replay rewrites only documents that differ.

    Set-based: a few statements whatever the overlay holds."""
    ensure_tables(store)
    conn = store.conn
    curated = dict(
        conn.execute(
            "SELECT c.article_id, a.entity_hash FROM curation_articles c"
            " JOIN articles a ON a.id = c.article_id"
        )
    )
    conn.execute(
        "DELETE FROM mentions WHERE (article_id, start, end) IN"
        " (SELECT article_id, start, end FROM curation_mentions)"
    )
    conn.execute(
        "INSERT INTO mentions SELECT article_id, start, end, auto_text, auto_label, auto_entity"
        " FROM curation_mentions WHERE auto_entity IS NOT NULL"
    )
    autos = conn.execute("SELECT auto FROM curation_entities WHERE auto IS NOT NULL").fetchall()
    conn.execute("DELETE FROM entities WHERE id IN (SELECT id FROM curation_entities)")
    store.put_entities(_entity_from_json(auto) for (auto,) in autos)
    conn.execute(
        "UPDATE articles SET entity_hash = c.auto_hash, n_entities = c.auto_n"
        " FROM curation_articles c WHERE c.article_id = articles.id"
    )
    for table in ("curation_mentions", "curation_entities", "curation_articles"):
        conn.execute(f"DELETE FROM {table}")
    return curated


def add_pending(store: Store, ids: set[str]) -> None:
    """These articles' Whoosh documents lag behind their curated rows: the store
    commits an operation at once, and the documents follow (live.write_pending)."""
    ensure_tables(store)
    store.conn.executemany(
        "INSERT OR IGNORE INTO curation_pending VALUES (?)", [(aid,) for aid in sorted(ids)]
    )


def pending(store: Store) -> list[str]:
    """The articles whose Whoosh documents lag behind the store, by id (the
    articles still in the index)."""
    try:
        return [
            r[0]
            for r in store.conn.execute(
                "SELECT p.article_id FROM curation_pending p"
                " JOIN articles a ON a.id = p.article_id ORDER BY p.article_id"
            )
        ]
    except sqlite3.OperationalError:  # a store curation never opened (read-only)
        return []


def clear_pending(store: Store, ids: list[str] | None = None) -> None:
    """These documents (all by default) were written from the store's rows."""
    ensure_tables(store)
    if ids is None:
        store.conn.execute("DELETE FROM curation_pending")
    else:
        store.conn.executemany(
            "DELETE FROM curation_pending WHERE article_id=?", [(aid,) for aid in ids]
        )


def clear_overlay(store: Store) -> None:
    """Forget the overlay without restoring (the rows it describes are gone)."""
    ensure_tables(store)
    for table in ("curation_mentions", "curation_entities", "curation_articles"):
        store.conn.execute(f"DELETE FROM {table}")


@dataclass
class Entity:
    """An entity while operations run (counts are recomputed at the end)."""

    id: str
    name: str
    type: str
    aliases: list[str]
    mention_count: int = 0
    article_count: int = 0


@dataclass
class Workspace:
    """The store's automatic result, changed operation by operation; each change
    keeps the automatic value it replaces in the overlay."""

    store: Store
    entities: dict[str, Entity] = field(default_factory=dict)
    dirty_entities: set[str] = field(default_factory=set)
    dirty_articles: set[str] = field(default_factory=set)
    _recorded_mentions: set[tuple[str, int, int]] = field(default_factory=set)
    _recorded_entities: set[str] = field(default_factory=set)
    _name_index: dict[str, set[str]] | None = None  # casefolded name -> entity ids
    _indexed_names: dict[str, set[str]] = field(default_factory=dict)  # id -> its keys
    _texts: dict[str, str | None] = field(default_factory=dict)
    #: Each entity's name when the workspace opened: a renamed entity's articles
    #: get new entity fields; any other article's change only with its mentions.
    _first_names: dict[str, str] = field(default_factory=dict)
    #: The entity fields of the articles `finish` wrote, by article (for Whoosh).
    payloads: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def open(cls, store: Store) -> Workspace:
        ensure_tables(store)
        ws = cls(store)
        for e in store.all_entities().values():
            ws.entities[e.id] = Entity(
                e.id, e.name, e.type, list(e.aliases), e.mention_count, e.article_count
            )
            ws._first_names[e.id] = e.name
        return ws

    # -- reading
    def text(self, article_id: str) -> str | None:
        if article_id not in self._texts:
            self._texts[article_id] = self.store.text(article_id)
        return self._texts[article_id]

    def mentions_of_entity(self, eid: str) -> list[StoredMention]:
        return self.store.mentions_of_entity(eid)

    def mentions_of_article(self, article_id: str) -> list[StoredMention]:
        return self.store.mentions_of_article(article_id)

    def articles_containing(self, form: str) -> list[tuple[str, str]]:
        """(article id, text) of the articles whose text holds `form`, by id."""
        return list(
            self.store.conn.execute(
                "SELECT id, text FROM articles WHERE instr(text, ?) > 0 ORDER BY id", (form,)
            )
        )

    def named(self, name: str) -> list[str]:
        """Ids of the entities called `name` (any case), by name or by alias."""
        if self._name_index is None:
            self._name_index = {}
            for e in self.entities.values():
                self._index_names(e.id, e)
        return sorted(self._name_index.get(name.casefold(), ()))

    def _index_names(self, eid: str, entity: Entity | None) -> None:
        """Keep the name index (once built) up to date with one entity's names."""
        index = self._name_index
        if index is None:
            return
        for key in self._indexed_names.pop(eid, ()):
            index[key].discard(eid)
        if entity is not None:
            keys = {n.casefold() for n in (entity.name, *entity.aliases)}
            for key in keys:
                index.setdefault(key, set()).add(eid)
            self._indexed_names[eid] = keys

    # -- changing mentions
    def _record_mentions(self, keys: list[tuple[str, int, int]]) -> None:
        """Keep the automatic value of these spans (the mention, or none) in the
        overlay before they first change."""
        keys = [k for k in keys if k not in self._recorded_mentions]
        if not keys:
            return
        self._recorded_mentions.update(keys)
        conn = self.store.conn
        # An existing mention's row first; INSERT OR IGNORE leaves it and records
        # "no mention" for the spans that had none.
        conn.executemany(
            "INSERT OR IGNORE INTO curation_mentions SELECT article_id, start, end, text, label,"
            " entity_id FROM mentions WHERE article_id=? AND start=? AND end=?",
            keys,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO curation_mentions VALUES (?,?,?,NULL,NULL,NULL)", keys
        )

    def set_mention(self, m: StoredMention) -> None:
        """Store `m`, replacing any mention of the same span."""
        key = (m.article_id, m.start, m.end)
        self._record_mentions([key])
        conn = self.store.conn
        old = conn.execute(
            "SELECT entity_id FROM mentions WHERE article_id=? AND start=? AND end=?", key
        ).fetchone()
        conn.execute("DELETE FROM mentions WHERE article_id=? AND start=? AND end=?", key)
        conn.execute(
            "INSERT INTO mentions VALUES (?,?,?,?,?,?)",
            (*key, m.text, m.label, m.entity_id),
        )
        self.dirty_articles.add(m.article_id)
        self.dirty_entities.add(m.entity_id)
        if old and old[0]:
            self.dirty_entities.add(old[0])

    def delete_mention(self, m: StoredMention) -> None:
        self.delete_mentions([m])

    def delete_mentions(self, mentions: list[StoredMention]) -> None:
        keys = [(m.article_id, m.start, m.end) for m in mentions]
        self._record_mentions(keys)
        self.store.conn.executemany(
            "DELETE FROM mentions WHERE article_id=? AND start=? AND end=?", keys
        )
        self.dirty_articles.update(m.article_id for m in mentions)
        self.dirty_entities.update(m.entity_id for m in mentions if m.entity_id)

    def move_mentions(self, mentions: list[StoredMention], target: Entity) -> None:
        """These stored mentions become mentions of `target` (with its type as label):
        one statement for all of them."""
        keys = [(m.article_id, m.start, m.end) for m in mentions]
        self._record_mentions(keys)
        self.store.conn.executemany(
            "UPDATE mentions SET entity_id=?, label=? WHERE article_id=? AND start=? AND end=?",
            [(target.id, target.type, *k) for k in keys],
        )
        self.dirty_articles.update(m.article_id for m in mentions)
        self.dirty_entities.update(m.entity_id for m in mentions if m.entity_id)
        self.dirty_entities.add(target.id)

    # -- changing entities
    def _record_entity(self, eid: str) -> None:
        if eid in self._recorded_entities:
            return
        self._recorded_entities.add(eid)
        old = self.store.entity(eid)
        self.store.conn.execute(
            "INSERT OR IGNORE INTO curation_entities VALUES (?, ?)",
            (eid, _entity_json(old) if old else None),
        )

    def put_entity(self, entity: Entity) -> None:
        self._record_entity(entity.id)
        entity.aliases = [a for a in dict.fromkeys(entity.aliases) if a != entity.name]
        self.entities[entity.id] = entity
        self.dirty_entities.add(entity.id)
        self._index_names(entity.id, entity)

    def drop_entity(self, eid: str) -> None:
        self._record_entity(eid)
        self.entities.pop(eid, None)
        self.dirty_entities.add(eid)
        self._index_names(eid, None)

    def new_entity(self, name: str, type_: str, aliases: list[str] | None = None) -> Entity:
        """A new entity with an id made from its type and name (a suffix when taken)."""
        base = f"{type_.lower()}:{_slug(name)}"
        eid, n = base, 1
        while eid in self.entities or self.store.entity(eid) is not None:
            n += 1
            eid = f"{base}~{n}"
        entity = Entity(eid, name, type_, list(aliases or []))
        self.put_entity(entity)
        return entity

    # -- the end of a replay
    def finish(self) -> set[str]:
        """Write the changed entities with fresh counts (an entity left without a
        mention is dropped) and the changed articles' entity hashes; returns the
        articles whose entity fields may have changed: those whose mentions
        changed and those of a renamed entity (a name is in the fields)."""
        conn = self.store.conn
        dirty = sorted(e for e in self.dirty_entities if e)
        counts = {
            eid: (mentions, articles)
            for eid, mentions, articles in _chunked_rows(
                conn,
                "SELECT entity_id, COUNT(*), COUNT(DISTINCT article_id) FROM mentions"
                " WHERE entity_id IN ({marks}) GROUP BY entity_id",
                dirty,
            )
        }
        present: list[str] = []
        for eid in dirty:
            if eid in self.entities and eid not in counts:
                self.drop_entity(eid)  # left without a mention
            if eid in self.entities:
                present.append(eid)
        gone = [eid for eid in dirty if eid not in self.entities]
        for eid in dirty:
            self._record_entity(eid)
        rows = []
        for eid in present:
            entity = self.entities[eid]
            entity.mention_count, entity.article_count = counts[eid]
            rows.append(
                StoredEntity(eid, entity.name, entity.type, tuple(entity.aliases), *counts[eid])
            )
        self.store.put_entities(rows)
        # Mentions of a dropped entity (a rejected one has none left) would point nowhere.
        self.store.delete_entities(gone)
        renamed = [e for e in present if self._first_names.get(e) != self.entities[e].name]
        touched = set(self.dirty_articles) | self.store.articles_mentioning(renamed)
        self._write_article_hashes(sorted(touched))
        return touched

    def _write_article_hashes(self, ids: list[str]) -> None:
        conn = self.store.conn
        conn.executemany(
            "INSERT OR IGNORE INTO curation_articles SELECT id, entity_hash, n_entities"
            " FROM articles WHERE id=?",
            [(aid,) for aid in ids],
        )
        names = {eid: e.name for eid, e in self.entities.items()}
        linked: dict[str, list[StoredMention]] = {aid: [] for aid in ids}
        for row in _chunked_rows(
            conn,
            "SELECT article_id, start, end, text, label, entity_id FROM mentions"
            " WHERE article_id IN ({marks}) AND entity_id != '' ORDER BY article_id, start, end",
            ids,
        ):
            linked[row[0]].append(StoredMention(*row))
        updates = []
        for aid, mentions in linked.items():
            payload = entity_payload(mentions, names)
            self.payloads[aid] = payload
            updates.append((digest(payload), len({m.entity_id for m in mentions}), aid))
        conn.executemany("UPDATE articles SET entity_hash=?, n_entities=? WHERE id=?", updates)


def _chunked_rows(
    conn: sqlite3.Connection, sql: str, values: list[str], size: int = 500
) -> list[tuple]:
    """The rows of `sql` (with `{marks}` for an IN list) over `values`, in chunks."""
    out: list[tuple] = []
    for i in range(0, len(values), size):
        chunk = values[i : i + size]
        out += conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    return out


def entity_digest(mentions: list[StoredMention], names: dict[str, str]) -> str:
    """The digest linking gives the article's entity fields (reader.entities.fields)."""
    return digest(entity_payload(mentions, names))


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.casefold()).strip("-") or "entity"


def _entity_json(e: StoredEntity) -> str:
    return json.dumps([e.id, e.name, e.type, list(e.aliases), e.mention_count, e.article_count])


def _entity_from_json(raw: str) -> StoredEntity:
    eid, name, type_, aliases, mentions, articles = json.loads(raw)
    return StoredEntity(eid, name, type_, tuple(aliases), mentions, articles)
