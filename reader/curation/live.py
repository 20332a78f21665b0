"""Applying curation outside an index update (the CLI's `reader curate`, the TUI):
the journal entry is appended, then store and Whoosh follow it, under the index lock."""

from __future__ import annotations

from collections.abc import Callable

from reader.build import BuildContext
from reader.config import Settings
from reader.curation.engine import ReplayReport, journal_for, replay
from reader.curation.journal import JournalRead
from reader.curation.workspace import restore_automatic
from reader.errors import ReaderError, UsageError
from reader.paths import IndexPaths
from reader.store import Store


def apply_now(
    settings: Settings,
    entry: dict | None = None,
    *,
    make_entry: Callable[[JournalRead], dict | None] | None = None,
    lock_wait: float | None = None,
) -> tuple[dict | None, ReplayReport]:
    """Append `entry` (or what `make_entry` makes from the journal read under the
    lock: undo, redo) to the journal and bring the index up to it: store and
    Whoosh, committed together. Returns (the entry written, the replay)."""
    from reader.indexer import _write_whoosh, open_whoosh
    from reader.locking import DEFAULT_WAIT, IndexLock

    paths = IndexPaths(settings.index_dir)
    if not paths.store.exists():
        raise ReaderError(f"no index in {settings.index_dir}; run `reader index` first")
    journal = journal_for(settings)
    with IndexLock(paths.root, wait=DEFAULT_WAIT if lock_wait is None else lock_wait):
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
            before = restore_automatic(store)
            report = replay(store, journal.read(), before)
            refused = [why for e, why in report.skipped if written and e["seq"] == written["seq"]]
            if refused and written:
                store.rollback()
                journal.remove(written["seq"])
                raise UsageError(f"{written['desc']}: {refused[0]}; nothing changed")
            ix, damage = open_whoosh(paths.whoosh)
            if ix is None:
                raise ReaderError(f"{damage or 'no Whoosh index'}; run `reader index`")
            ids = sorted(report.rewritten & set(store.article_hashes()))
            _write_whoosh(ix, BuildContext(settings, paths, store), ids, set())
            store.set_meta("whoosh_generation", str(ix.latest_generation()))
            store.commit()
        except BaseException:
            store.rollback()
            raise
        finally:
            store.close()
    return written, report
