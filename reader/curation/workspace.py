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
from dataclasses import dataclass, field, replace

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
    document holds), so a later replay rewrites only documents that differ."""
    ensure_tables(store)
    conn = store.conn
    curated = dict(
        conn.execute(
            "SELECT c.article_id, a.entity_hash FROM curation_articles c"
            " JOIN articles a ON a.id = c.article_id"
        )
    )
    for aid, start, end, text, label, entity in conn.execute(
        "SELECT article_id, start, end, auto_text, auto_label, auto_entity FROM curation_mentions"
    ).fetchall():
        conn.execute(
            "DELETE FROM mentions WHERE article_id=? AND start=? AND end=?", (aid, start, end)
        )
        if entity is not None:
            conn.execute(
                "INSERT INTO mentions VALUES (?,?,?,?,?,?)", (aid, start, end, text, label, entity)
            )
    for eid, auto in conn.execute("SELECT id, auto FROM curation_entities").fetchall():
        if auto is None:
            store.delete_entities([eid])
        else:
            store.put_entities([_entity_from_json(auto)])
    conn.execute(
        "UPDATE articles SET entity_hash = c.auto_hash, n_entities = c.auto_n"
        " FROM curation_articles c WHERE c.article_id = articles.id"
    )
    for table in ("curation_mentions", "curation_entities", "curation_articles"):
        conn.execute(f"DELETE FROM {table}")
    return curated


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
    _name_index: dict[str, list[str]] | None = None
    _texts: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def open(cls, store: Store) -> Workspace:
        ensure_tables(store)
        ws = cls(store)
        for e in store.all_entities().values():
            ws.entities[e.id] = Entity(
                e.id, e.name, e.type, list(e.aliases), e.mention_count, e.article_count
            )
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
            index: dict[str, list[str]] = {}
            for e in self.entities.values():
                for n in dict.fromkeys([e.name, *e.aliases]):
                    index.setdefault(n.casefold(), []).append(e.id)
            self._name_index = index
        return list(self._name_index.get(name.casefold(), ()))

    # -- changing mentions
    def _record_mention(self, article_id: str, start: int, end: int) -> None:
        key = (article_id, start, end)
        if key in self._recorded_mentions:
            return
        self._recorded_mentions.add(key)
        row = self.store.conn.execute(
            "SELECT text, label, entity_id FROM mentions WHERE article_id=? AND start=? AND end=?",
            key,
        ).fetchone()
        self.store.conn.execute(
            "INSERT OR IGNORE INTO curation_mentions VALUES (?,?,?,?,?,?)",
            (*key, *(row or (None, None, None))),
        )

    def set_mention(self, m: StoredMention) -> None:
        self._record_mention(m.article_id, m.start, m.end)
        old = self.store.conn.execute(
            "SELECT entity_id FROM mentions WHERE article_id=? AND start=? AND end=?",
            (m.article_id, m.start, m.end),
        ).fetchone()
        self.store.conn.execute(
            "DELETE FROM mentions WHERE article_id=? AND start=? AND end=?",
            (m.article_id, m.start, m.end),
        )
        self.store.conn.execute(
            "INSERT INTO mentions VALUES (?,?,?,?,?,?)",
            (m.article_id, m.start, m.end, m.text, m.label, m.entity_id),
        )
        self.dirty_articles.add(m.article_id)
        self.dirty_entities.add(m.entity_id)
        if old and old[0]:
            self.dirty_entities.add(old[0])

    def delete_mention(self, m: StoredMention) -> None:
        self._record_mention(m.article_id, m.start, m.end)
        self.store.conn.execute(
            "DELETE FROM mentions WHERE article_id=? AND start=? AND end=?",
            (m.article_id, m.start, m.end),
        )
        self.dirty_articles.add(m.article_id)
        if m.entity_id:
            self.dirty_entities.add(m.entity_id)

    def move_mentions(self, mentions: list[StoredMention], target: Entity) -> None:
        for m in mentions:
            self.set_mention(replace(m, entity_id=target.id, label=target.type))

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
        self._name_index = None

    def drop_entity(self, eid: str) -> None:
        self._record_entity(eid)
        self.entities.pop(eid, None)
        self.dirty_entities.add(eid)
        self._name_index = None

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
        articles whose entity fields may have changed."""
        conn = self.store.conn
        present = sorted(e for e in self.dirty_entities if e and e in self.entities)
        gone = sorted(e for e in self.dirty_entities if e and e not in self.entities)
        for eid in present:
            entity = self.entities[eid]
            mentions, articles = conn.execute(
                "SELECT COUNT(*), COUNT(DISTINCT article_id) FROM mentions WHERE entity_id=?",
                (eid,),
            ).fetchone()
            if not mentions:
                self.drop_entity(eid)
                gone.append(eid)
                continue
            self._record_entity(eid)
            entity.mention_count, entity.article_count = mentions, articles
            self.store.put_entities(
                [
                    StoredEntity(
                        eid, entity.name, entity.type, tuple(entity.aliases), *(mentions, articles)
                    )
                ]
            )
        # Mentions of a dropped entity (a rejected one has none left) would point nowhere.
        for eid in gone:
            self._record_entity(eid)
            self.store.delete_entities([eid])
        touched = set(self.dirty_articles)
        touched |= self.store.articles_mentioning([e for e in present if e in self.entities])
        self._write_article_hashes(sorted(touched))
        return touched

    def _write_article_hashes(self, ids: list[str]) -> None:
        conn = self.store.conn
        names = {eid: e.name for eid, e in self.entities.items()}
        for aid in ids:
            row = conn.execute(
                "SELECT entity_hash, n_entities FROM articles WHERE id=?", (aid,)
            ).fetchone()
            if row is None:
                continue
            conn.execute("INSERT OR IGNORE INTO curation_articles VALUES (?,?,?)", (aid, *row))
            mentions = self.store.mentions_of_article(aid)
            linked = [m for m in mentions if m.entity_id]
            conn.execute(
                "UPDATE articles SET entity_hash=?, n_entities=? WHERE id=?",
                (entity_digest(linked, names), len({m.entity_id for m in linked}), aid),
            )


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
