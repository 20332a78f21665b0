"""Applying curation outside an index update (the CLI's `reader curate`, the TUI).

Two steps, each under the index lock:

1. `apply_now`: the journal entry is appended, the store's curated rows follow
   it (only what the operations touch: their mentions and entities, those
   entities' counts, the entity hashes of their articles) and the articles
   whose Whoosh entity fields now differ are recorded as pending; one commit.
   Every pane, entity page, count and export shows the change from here: this
   is the part a person waits for.
2. `write_pending`: the pending articles' Whoosh documents are written again
   with one writer and one commit (a document is rewritten whole, its text
   analysed again: the slow part, seconds for a few hundred articles). The CLI
   runs it at once; the reader runs it in a worker of its own, with progress,
   and a later operation cancels it and starts it again over everything
   pending. An index update writes whatever is still pending (a quit in the
   middle loses nothing: `index_status` says "stale" while any is).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.build import BuildContext, Progress, ShouldStop, never_stop, no_progress
from reader.config import Settings
from reader.curation.engine import ReplayReport, journal_for, replay
from reader.curation.journal import JournalRead
from reader.curation.workspace import add_pending, clear_pending, pending, restore_automatic
from reader.errors import ReaderError, UsageError
from reader.paths import IndexPaths
from reader.store import Store

if TYPE_CHECKING:
    from reader.locking import IndexLock


def apply_now(
    settings: Settings,
    entry: dict | None = None,
    *,
    make_entry: Callable[[JournalRead], dict | None] | None = None,
    lock_wait: float | None = None,
    progress: Progress = no_progress,
    documents: bool = True,
) -> tuple[dict | None, ReplayReport]:
    """Append `entry` (or what `make_entry` makes from the journal read under the
    lock: undo, redo) to the journal and bring the store up to it (step 1), then,
    with `documents`, the Whoosh documents (step 2). Returns (the entry written,
    the replay). `progress(stage, done, total)` hears "curating", then
    "indexing" per document and "committing"."""
    paths = IndexPaths(settings.index_dir)
    if not paths.store.exists():
        raise ReaderError(f"no index in {settings.index_dir}; run `reader index` first")
    journal = journal_for(settings)
    with _locked(paths, lock_wait):
        store = Store(paths.store)
        try:
            if store.get_meta("entities") != "on":
                raise UsageError("this index has no entities (it was built with --no-entities)")
            if make_entry is not None:
                entry = make_entry(journal.read())
            written = None
            if entry is not None:
                try:
                    written = journal.append(entry)
                except OSError as exc:
                    raise ReaderError(f"cannot write {journal.path}: {exc.strerror}") from None
            progress("curating", 0, 0)
            before = restore_automatic(store)
            report = replay(store, journal.read(), before)
            refused = [why for e, why in report.skipped if written and e["seq"] == written["seq"]]
            if refused and written:
                store.rollback()
                journal.remove(written["seq"])
                raise UsageError(f"{written['desc']}: {refused[0]}; nothing changed")
            add_pending(store, report.rewritten)
            store.commit()
            if documents:
                _write_pending(settings, paths, store, progress, never_stop, report.payloads)
        except BaseException:
            store.rollback()
            raise
        finally:
            store.close()
    return written, report


def write_pending(
    settings: Settings,
    *,
    progress: Progress = no_progress,
    should_stop: ShouldStop = never_stop,
    lock_wait: float | None = None,
) -> int:
    """Step 2 on its own: write the Whoosh documents that lag behind the store's
    curated rows; returns how many. A stop request (`should_stop`) cancels the
    write and leaves them pending."""
    paths = IndexPaths(settings.index_dir)
    if not paths.store.exists():
        return 0
    with _locked(paths, lock_wait):
        store = Store(paths.store)
        try:
            return _write_pending(settings, paths, store, progress, should_stop, {})
        except BaseException:
            store.rollback()
            raise
        finally:
            store.close()


def _write_pending(
    settings: Settings,
    paths: IndexPaths,
    store: Store,
    progress: Progress,
    should_stop: ShouldStop,
    payloads: dict[str, dict[str, str]],
) -> int:
    from reader.indexer import open_whoosh, rewrite_documents

    ids = pending(store)
    if not ids:
        return 0
    ix, damage = open_whoosh(paths.whoosh)
    if ix is None:
        raise ReaderError(f"{damage or 'no Whoosh index'}; run `reader index`")
    ctx = BuildContext(settings, paths, store, progress=progress, should_stop=should_stop)
    known = {aid: payloads[aid] for aid in ids if aid in payloads}
    rewrite_documents(ix, ctx, ids, known)
    store.set_meta("whoosh_generation", str(ix.latest_generation()))
    clear_pending(store, ids)
    store.commit()
    return len(ids)


def _locked(paths: IndexPaths, lock_wait: float | None) -> IndexLock:
    from reader.locking import DEFAULT_WAIT, IndexLock

    return IndexLock(paths.root, wait=DEFAULT_WAIT if lock_wait is None else lock_wait)
