"""Building and updating the index: files -> articles -> entities -> Whoosh.

Incremental: files whose size and mtime match the manifest are not re-read; a
re-read file whose content hash is unchanged is not re-indexed. The SQLite store
is committed only after Whoosh, so an interrupted run is finished by the next.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.build import (  # re-exported: the indexer's API
    BuildContext,
    Cancelled as Cancelled,
    IndexReport as IndexReport,
    Progress as Progress,
    never_stop,
    no_progress,
)
from reader.config import DEFAULT_MAX_FILE_MB, Settings
from reader.corpus import (
    FileEntry,
    UnreadableFile,
    assign_ids,
    is_jsonl,
    scan,
    stream_file,
)
from reader.errors import ArticleError, IndexDamaged, IndexUnavailable
from reader.fulltext import patches as whoosh_patches, search
from reader.fulltext.analysis import words_of
from reader.fulltext.vocabulary import apply_counts
from reader.locking import DEFAULT_WAIT, IndexLock
from reader.paths import IndexPaths
from reader.store import FileRecord, Store
from reader.textio import safe_name

DEFAULT_MAX_BYTES = int(DEFAULT_MAX_FILE_MB * 1024 * 1024)


def open_store(paths: IndexPaths, *, repair: bool = False) -> tuple[Store, str]:
    """The store and, when it had to be re-created, why.

    Only a store proven damaged (reader.integrity) is replaced, and only with
    `repair` (`reader index`, a rebuild asked for); a command that only reads
    gets IndexDamaged instead. Any other failure to open it (a full disk, a lock
    another program holds, an I/O error) is IndexUnavailable, the file left as
    it is.
    """
    from reader.integrity import store_damage, why

    _ensure_dir(paths.root)
    store = None
    try:
        damage = store_damage(paths.store, thorough=False)
        if damage is not None:  # nothing written into another program's database
            raise IndexDamaged(damage)
        store = Store(paths.store)
        store.article_count()  # reads the file: a damaged one fails here
        return store, ""
    except (IndexUnavailable, sqlite3.Error) as exc:
        if store is not None:
            store.close()
        damage = str(exc) if isinstance(exc, IndexDamaged) else store_damage(paths.store)
        if damage is None:
            raise IndexUnavailable(
                f"cannot open the index store {safe_name(str(paths.store))}: {why(exc, paths.root)};"
                " it is left as it is"
            ) from None
        if not repair:
            raise IndexDamaged(
                f"the index store {safe_name(str(paths.store))} is damaged ({damage});"
                " run `reader index` to rebuild it"
            ) from None
    for suffix in ("", "-wal", "-shm"):
        Path(str(paths.store) + suffix).unlink(missing_ok=True)
    return Store(paths.store), f"the index store was damaged: {damage}"


# Errors that say nothing about the files' content.
_NOT_DAMAGE = frozenset(
    (
        errno.ENOSPC,
        errno.EIO,
        errno.EACCES,
        errno.EPERM,
        errno.EROFS,
        errno.EMFILE,
        errno.ENFILE,
        errno.ENOMEM,
        errno.EDQUOT,
        errno.EBUSY,
        errno.EAGAIN,
        errno.EINTR,
    )
)


def open_whoosh(path: Path) -> tuple[Any, str]:
    """(index, "") when it opens and its segments read; (None, "") when there is
    none; (None, reason) when it is damaged (truncated or foreign files)."""
    try:
        ix = search.open_index(path)
        if ix is None:
            if path.is_dir() and any(path.iterdir()):
                return None, "the Whoosh index was damaged (no usable table of contents)"
            return None, ""
        with ix.reader() as reader:  # opens every segment
            reader.doc_count_all()
            for fieldname in ("id", "text"):
                next(iter(reader.lexicon(fieldname)), None)
        return ix, ""
    except OSError as exc:
        if exc.errno not in _NOT_DAMAGE:  # a missing segment, a seek past the end...
            return None, f"the Whoosh index was damaged ({type(exc).__name__})"
        # Not damage: a full disk, a permission, an I/O error. Left as it is.
        raise IndexUnavailable(
            f"cannot read the Whoosh index in {safe_name(str(path))}: {exc.strerror or exc}"
        ) from None
    except Exception as exc:  # Whoosh reports damage in many ways
        return None, f"the Whoosh index was damaged ({type(exc).__name__})"


#: The file size limit the index was last updated with (see _limit_change).
MAX_BYTES_META = "max_file_bytes"


def _limit_change(store: Store, settings: Settings) -> Callable[[int], bool]:
    """Whether a file of a given size is on the other side of the size limit
    than at the last update: skipped then and small enough now, or indexed then
    and too big now. Such files are read again although they did not change."""
    new = settings.max_file_bytes
    try:
        old = int(store.get_meta(MAX_BYTES_META) or DEFAULT_MAX_BYTES)
    except ValueError:
        old = DEFAULT_MAX_BYTES
    if old == new:
        return lambda size: False
    return lambda size: (size > old) != (size > new)


def index_status(settings: Settings) -> str:
    """ "missing", "stale" or "fresh": whether `update_index` has work to do."""
    paths = IndexPaths(settings.index_dir)
    if not paths.store.exists():
        return "missing"
    ix, damage = open_whoosh(paths.whoosh)
    if damage:
        return "stale"  # the update rebuilds it
    if ix is None:
        return "missing"
    try:
        store = Store(paths.store, readonly=True)
        try:
            if store.get_meta("schema") != search.SCHEMA_VERSION:
                return "stale"
            if settings.entities and store.get_meta("entities") != "on":
                return "stale"
            from reader.analytics.duplicates import PARAMS as DUPLICATE_PARAMS

            if store.get_meta("duplicates") != DUPLICATE_PARAMS:
                return "stale"
            if settings.entities:
                from reader.curation.engine import is_current
                from reader.entities.pipeline import link_key

                if store.get_meta("link_key") != link_key(settings):
                    return "stale"
                if not is_current(settings, store):
                    return "stale"
            known = store.files()
            crosses = _limit_change(store, settings)
        finally:
            store.close()
    except (IndexUnavailable, sqlite3.DatabaseError):
        return "stale"
    entries, _ = scan(settings.articles_dir, settings.follow_links)
    if len(entries) != len(known):
        return "stale"
    for entry in entries:
        record = known.get(entry.rel)
        if record is None or (record.mtime_ns, record.size) != (entry.mtime_ns, entry.size):
            return "stale"
        if crosses(entry.size):
            return "stale"
    return "fresh"


def update_index(
    settings: Settings,
    *,
    rebuild: bool = False,
    progress: Progress = no_progress,
    should_stop: Callable[[], bool] = never_stop,
    processes: int = 1,
    start_method: str = "fork",
    lock_wait: float = DEFAULT_WAIT,
    repair: bool = False,
) -> IndexReport:
    """Bring the index up to date with the articles folder. `repair` (or
    `rebuild`) lets it replace a store proven damaged: `reader index` asks for
    that, a command that only reads does not (see open_store). `processes` NER
    worker processes, started by `start_method`: a threaded caller (the app)
    must not fork ("spawn"), and then Whoosh writes in one process."""
    started = time.perf_counter()
    paths = IndexPaths(settings.index_dir)
    report = IndexReport()
    from reader.indexdir import claim, refuse_links

    if not settings.articles_dir.is_dir():  # one line, and no empty index made for it
        scan(settings.articles_dir)
    claim(paths.root)  # reader's own folder, or refused before anything is written
    with IndexLock(paths.root, wait=lock_wait):
        refuse_links(paths)
        store, reason = open_store(paths, repair=repair or rebuild)
        ctx = BuildContext(
            settings, paths, store, report, progress, should_stop, processes, start_method
        )
        try:
            IndexRun(ctx, rebuild=rebuild, reason=reason).run()
        except BaseException as exc:
            try:
                store.rollback()
            except sqlite3.Error:
                pass
            if isinstance(exc, (OSError, sqlite3.Error)):
                # A full disk or a read-only index folder (the articles' own read
                # errors never get here: they are per-file warnings).
                raise IndexUnavailable(_write_failure(paths.root, exc)) from exc
            raise
        finally:
            store.close()
            workers = sys.modules.get("reader.entities.workers")
            if workers is not None:
                workers.discard_prestarted()
    report.seconds = time.perf_counter() - started
    return report


def _write_failure(root: Path, exc: BaseException) -> str:
    """One line for a failed index write; what was committed before is kept."""
    from reader.integrity import why

    detail = why(exc, root)
    if getattr(exc, "errno", None) in (errno.EROFS, errno.EACCES, errno.EPERM) or detail in (
        "it is read-only",
        "permission denied",
    ):
        detail = "the folder is read-only"
    return (
        f"cannot write the index in {safe_name(str(root))}: {detail}; "
        "it keeps what was committed before"
    )


def _ensure_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexUnavailable(f"cannot create the index folder {path}: {exc.strerror}") from None
    return path


def _clear_whoosh(path: Path) -> None:
    """Empty the Whoosh folder for a new index: its files go, links are removed
    (never followed), a folder inside it (reader never makes one) is left."""
    try:
        entries = list(os.scandir(path))
    except FileNotFoundError:
        return
    except NotADirectoryError:
        path.unlink()
        return
    for entry in entries:
        if entry.is_symlink() or not entry.is_dir(follow_symlinks=False):
            os.unlink(entry.path)


class IndexRun:
    """One update of the index, a method per step (`run` calls them in order).

    Holds what the steps share: the build context (settings, paths, store,
    report, progress, cancellation) and what each step finds for the next.
    """

    def __init__(self, ctx: BuildContext, *, rebuild: bool, reason: str) -> None:
        self.ctx = ctx
        self.rebuild = rebuild
        self.reason = reason  # why the store had to be re-created, if it had
        self.ix: Any = None  # the Whoosh index
        self.whoosh_ok = False  # its documents are those of the store
        self.curated: Any = None  # what curation.engine.before_update put aside
        self.entries: list[FileEntry] = []
        self.known: dict[str, FileRecord] = {}
        self.ids: dict[str, str] = {}  # file -> the id of its (single) article
        self.stored_hashes: dict[str, str] = {}
        self.changed: list[FileEntry] = []  # files to read again
        self.fresh: set[str] = set()  # articles read that are new or changed (ids)
        self.to_write: set[str] = set()  # article ids whose Whoosh document must be (re)written
        self.removed_ids: set[str] = set()
        self.payloads: dict[str, dict[str, str]] = {}  # Whoosh entity fields linking computed

    def run(self) -> None:
        # 0. The store back to the automatic entities; curation is replayed after linking.
        from reader.curation.engine import before_update

        self.curated = before_update(self.ctx.store)
        self.open_whoosh()
        self.find_changes()
        self.read_changes()
        self.ctx.check_stop()
        self.refresh_near_duplicates()
        if not self.whoosh_ok:
            self.to_write.update(self.ctx.store.article_hashes())
        self.refresh_entities()
        self.ctx.check_stop()
        self.write_whoosh()
        self.commit()

    def open_whoosh(self) -> None:
        """1. Decide between a rebuild and an update; open (or create) Whoosh."""
        ctx, store, report = self.ctx, self.ctx.store, self.ctx.report
        reason = self.reason
        if not reason and store.get_meta("schema") not in (None, search.SCHEMA_VERSION):
            reason = "the index was made by another version of reader"
        ix, damage = open_whoosh(ctx.paths.whoosh)
        reason = reason or damage
        if self.rebuild and not reason:
            reason = "asked for a rebuild"
        if reason:
            report.rebuilt, report.reason = True, reason
            # Not committed on its own: a reader open meanwhile keeps the old store
            # until the rebuilt one commits, and an interrupted rebuild loses nothing.
            store.wipe()
            if reason != "asked for a rebuild":
                ix = None  # damaged, or made with another schema: start afresh
        if ix is None:
            _clear_whoosh(ctx.paths.whoosh)
            try:
                ix = search.create_index(ctx.paths.whoosh)
            except OSError as exc:
                raise IndexUnavailable(
                    f"cannot write the index in {ctx.paths.whoosh}: {exc.strerror}"
                ) from None
        # Whoosh commits before the store: a build killed in between leaves Whoosh a
        # generation ahead (maybe with documents the store never got). Then every
        # document is rewritten and the old segments dropped.
        stored_gen = store.get_meta("whoosh_generation")
        self.whoosh_ok = (
            not report.rebuilt
            and ix.doc_count() == store.article_count()
            and (stored_gen is None or stored_gen == str(ix.latest_generation()))
        )
        self.ix = ix

    def find_changes(self) -> None:
        """2. What changed on disk: files gone are dropped, changed ones listed."""
        ctx, store, report = self.ctx, self.ctx.store, self.ctx.report
        ctx.progress("scanning", 0, 0)
        entries, scan_warnings = scan(ctx.settings.articles_dir, ctx.settings.follow_links)
        report.warnings.extend(scan_warnings)
        self.entries = entries
        self.known = known = store.files()
        self.ids = ids = assign_ids([e.rel for e in entries])
        current = {e.rel for e in entries}
        self.stored_hashes = store.article_hashes()
        for rel, gone in known.items():
            if rel not in current:
                self.removed_ids.update(gone.article_ids)
                store.delete_file(rel)

        crosses = _limit_change(store, ctx.settings)
        for entry in entries:
            record = known.get(entry.rel)
            same_stat = record is not None and (record.mtime_ns, record.size) == (
                entry.mtime_ns,
                entry.size,
            )
            if same_stat and crosses(entry.size):
                same_stat = False  # skipped for its size before, or over the limit now: read again
            same_id = record is not None and _same_ids(record, entry.rel, ids[entry.rel])
            if same_stat and same_id and record is not None:
                report.unchanged += len(record.article_ids)
                if record.problem:
                    report.skipped.append(record.problem)
            else:
                self.changed.append(entry)

    def read_changes(self) -> None:
        """3. Read what changed (the NER workers, when they will be needed, load
        the model meanwhile); the store and the vocabulary follow."""
        ctx, store, report = self.ctx, self.ctx.store, self.ctx.report
        known, ids, stored_hashes = self.known, self.ids, self.stored_hashes
        changed, fresh, removed_ids = self.changed, self.fresh, self.removed_ids
        if ctx.settings.entities:
            from reader.entities.pipeline import prestart_extraction

            prestart_extraction(ctx, len(changed))
        vocab_delta: Counter[str] = Counter()
        for done, entry in enumerate(changed, start=1):
            ctx.check_stop()
            ctx.progress("reading", done, len(changed))
            old_ids = set(known[entry.rel].article_ids) if entry.rel in known else set()
            try:
                loaded = stream_file(
                    entry.path, entry.rel, ids[entry.rel], ctx.settings.max_file_bytes
                )
            except UnreadableFile as exc:
                # Tried again next time (mtime -1 never matches: fixing permissions does
                # not change a file's mtime); what was indexed from it is kept meanwhile.
                kept = (
                    [aid for aid in known[entry.rel].article_ids if aid in stored_hashes]
                    if entry.rel in known
                    else []
                )
                message = str(exc) + ("; its indexed copy is kept" if kept else "")
                report.skipped.append(message)
                report.unchanged += len(kept)
                store.put_file(entry.rel, -1, entry.size, kept, problem=message)
                continue
            except ArticleError as exc:
                report.skipped.append(str(exc))
                removed_ids.update(old_ids)
                store.put_file(entry.rel, entry.mtime_ns, entry.size, [], problem=str(exc))
                continue
            new_ids: list[str] = []
            # Each article goes to the store as it is read: a 200 MB JSON-lines
            # export is never in memory whole.
            try:
                for article in loaded.articles:
                    if article.id in fresh or (
                        article.id in stored_hashes
                        and article.id not in old_ids
                        and article.id not in removed_ids
                    ):
                        report.warnings.append(
                            f"{entry.rel}: duplicate article id {article.id!r}, skipped"
                        )
                        continue
                    new_ids.append(article.id)
                    if stored_hashes.get(article.id) == article.hash and self.whoosh_ok:
                        report.unchanged += 1
                        continue
                    if article.id in stored_hashes and article.id not in removed_ids:
                        report.updated += 1
                    else:
                        report.added += 1
                    fresh.add(article.id)
                    old_text = store.text(article.id) if article.id in stored_hashes else None
                    if old_text is not None:
                        vocab_delta.subtract(words_of(old_text))
                    vocab_delta.update(words_of(article.text))
                    store.put_article(article, entry.rel)
                    self.to_write.add(article.id)
            except (UnreadableFile, ArticleError) as exc:  # an I/O error part-way
                kept = [
                    aid
                    for aid in old_ids - set(new_ids)
                    if aid in stored_hashes and aid not in removed_ids
                ]
                message = f"{exc}; read as far as the error, tried again next update"
                report.warnings.extend(loaded.warnings)
                report.skipped.append(message)
                store.put_file(entry.rel, -1, entry.size, new_ids + kept, problem=message)
                continue
            report.warnings.extend(loaded.warnings)
            removed_ids.update(old_ids - set(new_ids))
            store.put_file(entry.rel, entry.mtime_ns, entry.size, new_ids)

        for aid in removed_ids - fresh:
            if aid in stored_hashes:
                report.removed += 1
                old_text = store.text(aid)
                if old_text is not None:
                    vocab_delta.subtract(words_of(old_text))
            store.delete_article(aid)
        apply_counts(store.conn, vocab_delta)
        removed_ids -= fresh

    def refresh_near_duplicates(self) -> None:
        """Near-duplicate groups: signs what changed since the last build (the
        module finds that itself in the store) and regroups; regenerable, like Whoosh."""
        from reader.analytics.duplicates import refresh

        refresh(self.ctx.store, self.ctx.progress, self.ctx.should_stop)

    def refresh_entities(self) -> None:
        """4. Entities: extract what is new, then link what it changes; curation
        is replayed over the result."""
        from reader.curation.engine import after_entities

        ctx, store = self.ctx, self.ctx.store
        entities_were_on = store.get_meta("entities") == "on"
        if ctx.settings.entities:
            from reader.entities.pipeline import refresh_entities

            self.to_write |= refresh_entities(ctx, self.payloads)
        else:
            if entities_were_on:
                self.to_write.update(store.article_hashes())
            store.clear_entities()
        after_entities(
            ctx.settings, store, self.curated, self.to_write, self.payloads, ctx.report.warnings
        )

    def write_whoosh(self) -> None:
        """5. Whoosh, before the store (see open_whoosh)."""
        _write_whoosh(
            self.ix,
            self.ctx,
            sorted(self.to_write),
            self.removed_ids,
            clear=not self.whoosh_ok,
            payloads=self.payloads,
        )

    def commit(self) -> None:
        """6. The store, with what the next update checks."""
        ctx, store, report, settings = self.ctx, self.ctx.store, self.ctx.report, self.ctx.settings
        store.set_meta("whoosh_generation", str(self.ix.latest_generation()))
        report.rewritten = len(self.to_write)
        store.set_meta("schema", search.SCHEMA_VERSION)
        store.set_meta("entities", "on" if settings.entities else "off")
        store.set_meta("articles_dir", safe_name(str(settings.articles_dir)))
        store.set_meta(MAX_BYTES_META, str(settings.max_file_bytes))
        store.set_meta("updated", time.strftime("%Y-%m-%dT%H:%M:%S"))
        ctx.progress("committing", 0, 0)
        store.commit()
        report.entities = store.entity_count()
        report.mentions = store.mention_count()


def _same_ids(record: FileRecord, rel: str, file_id: str) -> bool:
    """Whether a file's stored articles still have the ids it would get now (a
    new file beside it can change them: see corpus.assign_ids)."""
    if record.problem is not None:
        return True
    if is_jsonl(rel):
        return all(aid.startswith(file_id + "#") for aid in record.article_ids)
    if record.stored_ids == f'["{file_id}"]':  # most files, without parsing
        return True
    return len(record.article_ids) != 1 or record.article_ids[0] == file_id


def rewrite_documents(
    ix: Any, ctx: BuildContext, ids: list[str], payloads: dict[str, dict[str, str]]
) -> None:
    """Write these articles' Whoosh documents again, with one writer and one commit
    (their entity fields changed: a curation applied outside an index update).
    `payloads`: the entity fields already known, by article; the others are read
    from the store's mentions."""
    _write_whoosh(ix, ctx, ids, set(), payloads=payloads)


def _write_whoosh(
    ix: Any,
    ctx: BuildContext,
    ids: list[str],
    removed: set[str],
    *,
    clear: bool = False,
    payloads: dict[str, dict[str, str]] | None = None,
) -> None:
    """Write `ids` and delete `removed`; `clear` drops every older segment (a full
    rewrite). `payloads`: entity fields already known, by article."""
    if not ids and not removed and not clear:
        return
    store, progress = ctx.store, ctx.progress
    whoosh_patches.install_writer()
    before = _whoosh_files(ix)
    big = len(ids) >= 2000 and ctx.processes > 1 and ctx.forks  # Whoosh's writers fork
    writer = (
        ix.writer(procs=ctx.processes, multisegment=True, limitmb=128)
        if big
        else ix.writer(limitmb=128)
    )
    try:
        for aid in removed:
            writer.delete_by_term("id", aid)
        known = payloads or {}
        payloads = {**known, **_payloads(store, [aid for aid in ids if aid not in known])}
        add = writer.add_document if clear else writer.update_document
        for done, article in enumerate(store.index_rows(ids), start=1):
            if done % 50 == 0:
                ctx.check_stop()
                progress("indexing", done, len(ids))
            doc: dict[str, object] = {
                "id": article.id,
                "hash": article.hash,
                "path": article.path,
                "title": article.title,
                "text": search.indexed_text(article.title, article.text),
                "source": article.source or "",
                "author": article.author or "",
            }
            when = search.parse_date(article.date)
            if when is not None:
                doc["date"] = when
            doc.update(payloads.get(article.id, {}))
            # A full rewrite drops every older segment: nothing to look up and delete.
            add(**doc)
        progress("indexing", len(ids), len(ids))
        progress("committing", 0, 0)
        if clear:
            from whoosh.writing import CLEAR

            writer.commit(mergetype=CLEAR)
        else:
            writer.commit(optimize=False)
    except BaseException:
        try:
            writer.cancel()
        finally:
            _drop_unreferenced(ix, before)
        raise


def _whoosh_files(ix: Any) -> set[str] | None:
    try:
        return set(os.listdir(ix.storage.folder))
    except (AttributeError, OSError):
        return None


def _drop_unreferenced(ix: Any, before: set[str] | None) -> None:
    """After a failed write, remove the files it made that no committed segment
    uses (a full disk left ~830 KB of them per attempt, so freeing as much as the
    build needed was not enough to retry). Nothing is removed when the committed
    index cannot be read: what is unreferenced is then not proven."""
    after = _whoosh_files(ix)
    if before is None or after is None:
        return
    try:
        latest = search.open_index(Path(ix.storage.folder))
        if latest is None:
            return
        live = [seg.segment_id() for seg in latest._segments()]
        toc = f"_{latest.indexname}_{latest.latest_generation()}.toc"
    except Exception:
        return
    for name in after - before:
        if name == toc or any(name.startswith(segid) for segid in live):
            continue
        if name.endswith("WRITELOCK"):
            continue
        path = os.path.join(ix.storage.folder, name)
        try:
            if name.endswith(".tmp") and os.path.isdir(path) and not os.path.islink(path):
                for inner in os.listdir(path):  # the writer's temp storage: flat
                    os.unlink(os.path.join(path, inner))
                os.rmdir(path)
            else:
                os.unlink(path)
        except OSError:
            pass


def _payloads(store: Store, ids: list[str]) -> dict[str, dict[str, str]]:
    """Entity fields of each article's Whoosh document, from the stored mentions."""
    from reader.entities.pipeline import payloads_for

    return payloads_for(store, ids)
