"""Entities inside an index update: extract (cached), link the collection, store.

Returns which articles' entity fields changed, so only those Whoosh documents
are rewritten.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from reader.config import Settings, user_data_dir
from reader.errors import ReaderError
from reader.search import ENTITY_FIELDS
from reader.store import Store, StoredEntity, StoredMention

if TYPE_CHECKING:
    from reader.indexer import IndexPaths, IndexReport, Progress

ALIAS_FILE = "aliases.txt"


def alias_path() -> Path:
    """The user's alias file: one group of names per line, separated by TAB or " = "."""
    return user_data_dir() / ALIAS_FILE


def model_name(settings: Settings) -> str:
    """The spaCy pipeline to use, or a ReaderError saying how to install one."""
    from reader.entities.model import ModelNotFound, resolve_model_name

    try:
        return resolve_model_name(settings.model)
    except ModelNotFound as exc:
        raise ReaderError(str(exc)) from None


def link_key(settings: Settings) -> str:
    """Changes when linking would give another result: model, rules, alias file."""
    from reader.entities.model import model_fingerprint

    h = hashlib.blake2b(digest_size=12)
    h.update(model_fingerprint(model_name(settings)).encode())
    try:
        h.update(alias_path().read_bytes())
    except OSError:
        pass
    return h.hexdigest()


def refresh_entities(settings: Settings, paths: "IndexPaths", store: Store, fresh: set[str],
                     report: "IndexReport", progress: "Progress",
                     should_stop: Callable[[], bool], processes: int) -> set[str]:
    from reader.entities.aliases import AliasTable
    from reader.entities.cache import NerCache
    from reader.entities.linking import link_collection
    from reader.entities.model import model_fingerprint
    from reader.indexer import _check

    key = link_key(settings)
    hashes = store.article_hashes()
    if not fresh and store.get_meta("link_key") == key and store.get_meta("entities") == "on" \
            and len(store.entity_hashes()) == len(hashes) and not report.removed:
        return set()

    name = model_name(settings)
    cache = NerCache(paths.ner_cache, model_fingerprint(name))
    try:
        raw = cache.get_many(hashes.values())
        missing = [aid for aid, h in hashes.items() if h not in raw]
        if missing:
            _extract(name, cache, store, missing, hashes, raw, report, progress, should_stop, processes)
    finally:
        cache.close()

    _check(should_stop)
    progress("linking", 0, len(hashes))
    docs = {aid: (text, raw[hashes[aid]]) for aid, text in store.texts(hashes)}
    aliases = AliasTable.load(alias_path(), warnings=report.warnings)
    linked, entities = link_collection(docs, aliases)

    by_article: dict[str, list] = defaultdict(list)
    for m in linked:
        by_article[m.doc].append(m)
    previous = store.entity_hashes()
    changed: set[str] = set()
    names = {eid: e.name for eid, e in entities.items()}
    old_names = dict(store.conn.execute("SELECT id, name FROM entities"))
    renamed = {eid for eid, name in names.items() if old_names.get(eid) != name}
    for aid in hashes:
        mentions = sorted(by_article.get(aid, ()), key=lambda m: (m.start, m.end))
        m_hash = _mentions_digest(mentions)
        old = previous.get(aid, ("", ""))
        # Most articles are untouched by an update: same mentions, same names.
        if old[1] == m_hash and old[0] and not (renamed and renamed & {m.entity for m in mentions}):
            continue
        stored = [StoredMention(aid, m.start, m.end, m.text, m.label, m.entity) for m in mentions]
        e_hash = _digest(_payload(stored, names))
        if old[1] != m_hash or old[0] != e_hash:
            store.replace_mentions(aid, stored, e_hash, m_hash)
        if old[0] != e_hash:
            changed.add(aid)
    store.replace_entities(
        StoredEntity(e.id, e.name, e.type, tuple(e.aliases), e.mention_count, e.article_count)
        for e in entities.values()
    )
    store.set_meta("link_key", key)
    progress("linking", len(hashes), len(hashes))
    return changed


def _extract(name: str, cache, store: Store, missing: list[str], hashes: dict[str, str],
             raw: dict, report: "IndexReport", progress: "Progress",
             should_stop: Callable[[], bool], processes: int) -> None:
    from reader.entities.model import load_model
    from reader.entities.workers import extract_parallel, extract_texts
    from reader.indexer import _check

    progress("entities", 0, len(missing))
    texts = (text for _, text in store.texts(missing))
    if processes > 1 and len(missing) >= 200:
        results = extract_parallel(name, texts, processes, should_stop)
    else:
        results = extract_texts(load_model(name), texts, should_stop=should_stop)
    done = 0
    for aid, mentions in zip(missing, results):
        cache.put(hashes[aid], mentions)
        raw[hashes[aid]] = mentions
        done += 1
        if done % 100 == 0:
            cache.commit()  # an interrupted build keeps the work done so far
        progress("entities", done, len(missing))
    cache.commit()
    report.ner_articles += done
    _check(should_stop)


def _payload(mentions: Iterable[StoredMention], names: dict[str, str]) -> dict[str, str]:
    by_field: dict[str, set[str]] = defaultdict(set)
    ids: set[str] = set()
    for m in mentions:
        field = ENTITY_FIELDS.get(m.label)
        if not field or not m.entity_id:
            continue
        ids.add(m.entity_id)
        forms = {m.text, names.get(m.entity_id, m.text)}
        by_field[field].update(forms)
        by_field["entity"].update(forms)
    payload = {f: " ; ".join(sorted(v)) for f, v in by_field.items()}
    if ids:
        payload["entity_id"] = ",".join(sorted(ids))
    return payload


def _mentions_digest(mentions) -> str:
    rows = repr([(m.start, m.end, m.label, m.entity) for m in mentions])
    return hashlib.blake2b(rows.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _digest(value: object) -> str:
    return hashlib.blake2b(json.dumps(value, sort_keys=True).encode(), digest_size=12).hexdigest()


def payloads_for(store: Store, ids: list[str]) -> dict[str, dict[str, str]]:
    names = dict(store.conn.execute("SELECT id, name FROM entities"))
    out = {}
    for aid in ids:
        out[aid] = _payload(store.mentions_of_article(aid), names)
    return out
