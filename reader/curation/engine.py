"""Replaying the journal over the automatic result, in an index update and on its own.

Every change (a new operation, an undo, an index update) takes the same road:
put the automatic rows back (`restore_automatic`), apply the operations in
force in journal order, write fresh counts, and rewrite the Whoosh documents
whose entity fields now differ from what they hold. The same journal over the
same automatic result gives the same curated rows: a replay starts from
nothing but those two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.config import Settings
from reader.curation.journal import Journal, JournalRead, active_operations, digest_of, journal_path
from reader.curation.ops import NotApplicable, apply_entry
from reader.curation.workspace import (
    META_KEY,
    Workspace,
    clear_overlay,
    clear_pending,
    pending,
    restore_automatic,
)
from reader.paths import IndexPaths
from reader.store import Store


def journal_for(settings: Settings) -> Journal:
    return Journal(journal_path(settings.articles_dir, settings.extra.get("curation")))


@dataclass
class ReplayReport:
    applied: list[dict] = field(default_factory=list)
    skipped: list[tuple[dict, str]] = field(default_factory=list)  # (entry, why)
    problems: list[str] = field(default_factory=list)  # damaged journal lines
    touched: set[str] = field(default_factory=set)  # articles whose entities changed
    rewritten: set[str] = field(default_factory=set)  # Whoosh documents to write again
    #: The entity fields of the touched articles, as the replay computed them.
    payloads: dict[str, dict[str, str]] = field(default_factory=dict)


def replay(store: Store, read: JournalRead, before: dict[str, str]) -> ReplayReport:
    """Apply the operations in force to the automatic rows the store holds now
    (`restore_automatic` was called; `before`: what it returned)."""
    report = ReplayReport(problems=list(read.problems))
    operations = active_operations(read.entries)
    if operations:  # (no journal: nothing read, most updates of most collections)
        ws = Workspace.open(store)
        for entry in operations:
            try:
                apply_entry(ws, entry)
            except NotApplicable as exc:
                report.skipped.append((entry, str(exc)))
            else:
                report.applied.append(entry)
        report.touched = ws.finish()
        report.payloads = ws.payloads
    auto = dict(store.conn.execute("SELECT article_id, auto_hash FROM curation_articles"))
    now = store.entity_hashes(report.touched | before.keys())
    for aid, (entity_hash, _mentions) in now.items():
        had = before.get(aid, auto.get(aid))
        if had != entity_hash:
            report.rewritten.add(aid)
    store.set_meta(META_KEY, read.digest)
    return report


def is_current(settings: Settings, store: Store) -> bool:
    """Whether the store's curated rows were made from the journal as it is now,
    and the Whoosh documents follow them."""
    read = journal_for(settings).read()
    if (store.get_meta(META_KEY) or digest_of(b"")) != read.digest:
        return False
    return not pending(store)


# ---------------------------------------------------------------- inside an index update


def before_update(store: Store) -> dict[str, str]:
    """Called first by an update: the store goes back to the automatic result,
    which linking then updates. Returns what `after_entities` needs."""
    return restore_automatic(store)


def after_entities(
    settings: Settings,
    store: Store,
    before: dict[str, str],
    to_write: set[str],
    payloads: dict[str, dict[str, str]],
    warnings: list[str],
) -> None:
    """Called once linking has stored the automatic result: the journal is
    replayed over it; the Whoosh documents it changes join `to_write` (their
    entity fields are then read from the curated rows), with those an operation
    applied outside an update left lagging behind."""
    lagging = pending(store)
    to_write |= set(lagging)
    for aid in lagging:
        payloads.pop(aid, None)
    clear_pending(store)
    if not settings.entities:
        clear_overlay(store)
        return
    report = replay(store, journal_for(settings).read(), before)
    for aid in report.rewritten - report.touched:  # back to automatic: read from the store
        payloads.pop(aid, None)
    payloads.update(report.payloads)  # the curated fields the replay computed
    if report.rewritten:
        to_write |= report.rewritten & set(store.article_hashes())
    if report.skipped or report.problems:
        n = len(report.skipped) + len(report.problems)
        warnings.append(
            f"curation: {n} journal entr{'y' if n == 1 else 'ies'} did not apply "
            "(see reader curate check)"
        )


def check(settings: Settings) -> tuple[Path, ReplayReport]:
    """What a replay of the journal would apply and skip, computed and rolled back."""
    paths = IndexPaths(settings.index_dir)
    journal = journal_for(settings)
    store = Store(paths.store)
    try:
        before = restore_automatic(store)
        report = replay(store, journal.read(), before)
    finally:
        store.rollback()
        store.close()
    return journal.path, report
