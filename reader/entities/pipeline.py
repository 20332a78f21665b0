"""Entities inside an index update: extract (cached), link what changed, store.

Linking's state is saved in the store (linkstate, docstate), so an update links
only the articles its changes reach. Returns which articles' entity fields
changed, so only those Whoosh documents are rewritten.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from reader.build import BuildContext
from reader.config import Settings, user_data_dir
from reader.entities.fields import digest, entity_payload
from reader.errors import ReaderError
from reader.store import Store, StoredEntity, StoredMention

if TYPE_CHECKING:
    from reader.entities.aliases import AliasTable
    from reader.entities.cache import NerCache
    from reader.entities.docstate import DocState
    from reader.entities.linking import LinkedMention
    from reader.entities.linkstate import LinkState, LinkUpdate
    from reader.entities.types import RawMention

ALIAS_FILE = "aliases.txt"
#: Changed files from which an update starts the NER workers while it reads them.
PRESTART_FILES = 200
#: Articles to extract from which worker processes pay off (they load the model first).
PARALLEL_FROM = 200


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


# Linking's rules and the format of its saved state (linkstate): a change to any
# of these makes the next update link the whole collection again.
_LINK_SOURCES = (
    "linking.py",
    "linkstate.py",
    "clusters.py",
    "docstate.py",
    "propagate.py",
    "names.py",
    "fuzzy.py",
    "aliases.py",
    "extract.py",
    "notnames.py",
    "layout.py",
    "demonyms.py",
    "spans.py",
)


def link_key(settings: Settings) -> str:
    """Changes when linking would give another result: model, rules, alias files."""
    from reader.entities.aliases import BUILTIN_PATH, SEATS_PATH, generated_groups
    from reader.entities.model import model_fingerprint

    h = hashlib.blake2b(digest_size=12)
    h.update(model_fingerprint(model_name(settings)).encode())
    h.update(repr(generated_groups()).encode())
    here = Path(__file__).resolve().parent
    h.update(b"seats" if settings.link_seats else b"no seats")
    for path in (*(here / name for name in _LINK_SOURCES), BUILTIN_PATH, SEATS_PATH, alias_path()):
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(path.name.encode())
    return h.hexdigest()


def prestart_extraction(ctx: BuildContext, files: int) -> None:
    """Start the NER workers before an update reads `files` changed files, when
    most of them will need the model (not in the NER cache): each worker loads
    the model meanwhile. Anything wrong is left for the extraction to report."""
    settings, processes = ctx.settings, ctx.processes
    if processes < 2 or files < PRESTART_FILES or settings.cluster:  # NER runs there
        return
    from reader.entities.cache import NerCache
    from reader.entities.model import model_fingerprint
    from reader.entities.workers import prestart

    try:
        name = model_name(settings)
        cache = NerCache(ctx.paths.ner_cache, model_fingerprint(name))
        try:
            cached = cache.count()
        finally:
            cache.close()
        if cached < files // 2:
            prestart(name, processes, ctx.start_method)
    except (ReaderError, OSError, sqlite3.Error):
        pass


def refresh_entities(
    ctx: BuildContext, payloads: dict[str, dict[str, str]] | None = None
) -> set[str]:
    """Extract (cached) and link what changed since the last update; returns the
    articles whose entity fields changed. The entity fields it computes on the
    way (each article's Whoosh payload) go into `payloads`.

    Linking's state is saved with the index, so an update relinks only the
    articles a change can reach (see linkstate); without a usable state (first
    build, rebuild, another model, rules or alias file) the whole collection is
    linked. Either way the result is the same.
    """
    from reader.entities.aliases import AliasTable
    from reader.entities.cache import NerCache
    from reader.entities.linkstate import paused_gc
    from reader.entities.model import model_fingerprint

    settings, store, report, progress = ctx.settings, ctx.store, ctx.report, ctx.progress
    key = link_key(settings)
    saved = (
        store.get_meta("link_key") == key
        and store.get_meta("entities") == "on"
        and store.link_state("totals") is not None
    )
    changed, gone = store.link_changes() if saved else ([], [])
    if saved and not changed and not gone:
        return set()

    name = model_name(settings)
    cache = NerCache(ctx.paths.ner_cache, model_fingerprint(name))
    try:
        aliases = AliasTable.load(alias_path(), warnings=report.warnings, seats=settings.link_seats)
        hashes = store.article_hashes()
        mentions = _Mentions(ctx, name, cache, hashes)
        mentions.cluster = settings.cluster
        linked = _link_changes(ctx, cache, aliases, mentions, changed, gone) if saved else None
        full = linked is None
        if full:
            linked = _link_all(ctx, cache, aliases, mentions)
    finally:
        cache.close()
    ctx.check_stop()
    assert linked is not None  # the full link's when there was nothing to update
    state, result = linked
    with paused_gc():  # a full link's mentions and states stay alive until stored
        # An article the extraction failed on keeps no hash: the next update tries it again.
        store.put_link_docs(
            (aid, "" if aid in mentions.failed else hashes[aid], blob)
            for aid, blob in _encoded(result.states)
        )
        store.delete_link_docs(result.removed)
        store.put_link_state("totals", state.dump())
        store.put_link_rows(state.dump_rows())
        store.set_meta("link_key", key)
        report.relinked = len(result.linked)
        changed_ids = _store_links(store, result, full, {} if payloads is None else payloads)
    progress("linking", len(result.linked), len(result.linked))
    return changed_ids


def _link_changes(
    ctx: BuildContext,
    cache: NerCache,
    aliases: AliasTable,
    mentions: _Mentions,
    changed: list[str],
    gone: list[str],
) -> tuple[LinkState, LinkUpdate] | None:
    """(state, update) from the saved state, or None when it does not fit."""
    from reader.entities.docstate import StateMismatch
    from reader.entities.linkstate import LinkState

    store = ctx.store
    raw = mentions.of(changed)
    ctx.progress("linking", 0, len(changed) + len(gone))
    try:
        state = LinkState.load(store.link_state("totals") or b"", aliases, store.link_state)
        docs = {aid: (text, raw[aid]) for aid, text in store.texts(changed)}
        return state, state.update(docs, gone, _StoreSource(store, cache, state))
    # A damaged or stale state (its own checks, or what a damaged one breaks):
    # link everything instead.
    except (StateMismatch, ValueError, EOFError, TypeError, KeyError, IndexError):
        return None


def _link_all(
    ctx: BuildContext, cache: NerCache, aliases: AliasTable, mentions: _Mentions
) -> tuple[LinkState, LinkUpdate]:
    """(state, update) of linking the whole collection afresh."""
    from reader.entities.linkstate import LinkState

    store = ctx.store
    ids = sorted(mentions.hashes)
    raw = mentions.of(ids)
    ctx.check_stop()
    ctx.progress("linking", 0, len(ids))
    store.clear_link_state()
    docs = {aid: (text, raw[aid]) for aid, text in store.texts(ids)}
    del raw
    state = LinkState(aliases)
    return state, state.update(docs, (), _StoreSource(store, cache, state))


class _Mentions:
    """The model's mentions of articles: cached, else extracted (and cached)."""

    def __init__(self, ctx: BuildContext, name: str, cache: NerCache, hashes: dict[str, str]):
        self.ctx, self.name, self.cache, self.hashes = ctx, name, cache, hashes
        self.cluster: str | None = None  # a Dask scheduler's address: NER runs there
        self.failed: set[str] = set()  # articles the cluster's extraction failed on

    def of(self, ids: list[str]) -> dict[str, list]:
        hashes = self.hashes
        raw = self.cache.get_many(hashes[aid] for aid in ids)
        missing = [aid for aid in ids if hashes[aid] not in raw]
        if missing and self.cluster:
            from reader.entities.cluster_ner import extract_on_cluster

            ctx = self.ctx
            self.failed |= extract_on_cluster(
                self.cluster,
                self.name,
                self.cache,
                ctx.store,
                missing,
                hashes,
                raw,
                ctx.report,
                ctx.progress,
                ctx.should_stop,
            )
            ctx.check_stop()
        elif missing:
            _extract(self.ctx, self.name, self.cache, missing, hashes, raw)
        return {aid: raw[hashes[aid]] for aid in ids}


def _encoded(states: Mapping[str, DocState]) -> Iterator[tuple[str, bytes]]:
    from reader.entities.docstate import encode_doc

    for aid, st in states.items():
        yield aid, encode_doc(st)


class _StoreSource:
    """Articles an update looks at again, from the store and the NER cache."""

    def __init__(self, store: Store, cache: NerCache, state: LinkState) -> None:
        self.store, self.cache, self.key_of = store, cache, state.key_of

    def states(self, ids: Collection[str]) -> dict[str, DocState]:
        from reader.entities.docstate import StateMismatch, decode_doc

        saved = self.store.link_docs(ids)
        if len(saved) != len(set(ids)):
            raise StateMismatch("an article's linking state is missing")
        raw = self.cache.get_many(h for h, _ in saved.values())
        out = {}
        for aid in sorted(saved):
            h, blob = saved[aid]
            if h not in raw:
                raise StateMismatch("the NER cache lost an article's mentions")
            out[aid] = decode_doc(blob, raw[h], self.key_of)
        return out

    def texts(self, ids: Collection[str]) -> dict[str, str]:
        return dict(self.store.texts(ids))

    def containing(self, forms: Collection[str], ids: Collection[str]) -> set[str]:
        forms = list(forms)
        return {aid for aid, text in self.store.texts(sorted(ids)) if any(f in text for f in forms)}


def _store_links(
    store: Store, result: LinkUpdate, full: bool, payloads: dict[str, dict[str, str]]
) -> set[str]:
    """Write the linked mentions and entities; returns the articles whose
    entity fields (the Whoosh payload) changed, and puts the payloads it
    computed in `payloads`."""
    new = {
        eid: StoredEntity(e.id, e.name, e.type, tuple(e.aliases), e.mention_count, e.article_count)
        for eid, e in result.entities.items()
    }
    if full:
        old = store.all_entities()
        gone = old.keys() - new.keys()
    else:
        old = store.entities_by_id(new)
        gone = result.gone_entities - new.keys()
    renamed = {eid for eid, e in new.items() if eid not in old or old[eid].name != e.name}
    store.delete_entities(gone)
    store.put_entities(e for eid, e in new.items() if old.get(eid) != e)
    names = _Names(store, new)

    previous = store.entity_hashes(result.linked)
    changed: set[str] = set()
    # A first build or a rebuild fills an empty table.
    fill = full and not store.has_mentions()
    with store.filling_mentions() if fill else nullcontext():
        for aid, linked in result.linked.items():
            if aid not in previous:
                continue
            m_hash = _mentions_digest(linked)
            old_hashes = previous[aid]
            # Most articles are untouched by an update: same mentions, same names.
            if (
                old_hashes[1] == m_hash
                and old_hashes[0]
                and not (renamed & {m.entity for m in linked})
            ):
                continue
            stored = [StoredMention(aid, m.start, m.end, m.text, m.label, m.entity) for m in linked]
            payload = payloads[aid] = entity_payload(stored, names)
            e_hash = digest(payload)
            if old_hashes[1] != m_hash or old_hashes[0] != e_hash:
                store.replace_mentions(aid, stored, e_hash, m_hash, new=fill)
            if old_hashes[0] != e_hash:
                changed.add(aid)
    # Articles whose mentions stay but name a renamed entity: only their payload changes.
    if renamed and not full:
        others = store.articles_mentioning(renamed) - result.linked.keys()
        for aid, (e_old, _m) in store.entity_hashes(others).items():
            payload = payloads[aid] = entity_payload(store.mentions_of_article(aid), names)
            e_hash = digest(payload)
            if e_old != e_hash:
                store.set_entity_hash(aid, e_hash)
                changed.add(aid)
    return changed


class _Names(dict):
    """Entity id -> name: the update's new names, else the stored ones."""

    def __init__(self, store: Store, new: dict[str, StoredEntity]) -> None:
        super().__init__((eid, e.name) for eid, e in new.items())
        self.store = store

    def __missing__(self, eid: str) -> str | None:
        entity = self.store.entity(eid)
        name = self[eid] = entity.name if entity else None
        return name

    def get(self, eid: str, default: str | None = None) -> str | None:  # type: ignore[override]
        name = self[eid]
        return default if name is None else name


def _extract(
    ctx: BuildContext,
    name: str,
    cache: NerCache,
    missing: list[str],
    hashes: dict[str, str],
    raw: dict[str, list[RawMention]],
) -> None:
    """Run the model over the `missing` articles into the cache and `raw`."""
    from reader.entities.model import load_model
    from reader.entities.workers import extract_parallel, extract_texts

    progress, should_stop = ctx.progress, ctx.should_stop
    progress("entities", 0, len(missing))
    texts = (text for _, text in ctx.store.texts(missing))
    if ctx.processes > 1 and len(missing) >= PARALLEL_FROM:
        results = extract_parallel(name, texts, ctx.processes, should_stop, ctx.start_method)
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
    ctx.report.ner_articles += done
    ctx.check_stop()


def _mentions_digest(mentions: Iterable[LinkedMention]) -> str:
    rows = repr([(m.start, m.end, m.label, m.entity) for m in mentions])
    return hashlib.blake2b(rows.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def payloads_for(store: Store, ids: list[str]) -> dict[str, dict[str, str]]:
    # Many articles name most entities: one query for all names; a few, a query per name.
    names = store.entity_names() if len(ids) > 500 else _Names(store, {})
    out = {}
    for aid in ids:
        out[aid] = entity_payload(store.mentions_of_article(aid), names)
    return out
