"""The curation figure: one operation applied to a built index, as the reader
applies it, then its undo.

Each is timed in its two steps (reader.curation.live): the operation itself
(journal, the store's curated rows: what every pane shows once it is done, and
what the person waits for) and then the Whoosh documents it changed, which the
reader writes in a worker of its own while the person goes on. Measured on a
copy of the built index with a journal of its own, so the other figures never
see the curation. Target (issue 14): the operation feels instant, at most
CURATION_TARGET_S seconds at 10k articles; the documents' time is reported.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path

CURATION_TARGET_S = 1.0
#: The entities merged: the two whose mention counts are nearest this.
MERGED_MENTIONS = 200


def fig_curation(fig, settings, ix: Path, work: Path, log) -> None:
    """Fill `fig` (bench.run.Figure) with the times of a merge and of its undo."""
    from reader.curation import ops
    from reader.curation.journal import last_undoable
    from reader.curation.live import apply_now, write_pending
    from reader.paths import IndexPaths
    from reader.store import Store

    copy = work / "curation-index"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ix, copy)
    journal = work / "curation.jsonl"
    journal.unlink(missing_ok=True)
    settings = replace(settings, index_dir=copy, extra={**settings.extra, "curation": str(journal)})
    store = Store(IndexPaths(copy).store, readonly=True)
    try:
        ranked = sorted(
            store.entities(), key=lambda e: (abs(e.mention_count - MERGED_MENTIONS), e.id)
        )
    finally:
        store.close()
    if len(ranked) < 2:
        fig.error = "fewer than two entities"
        return
    into, other = ranked[0], ranked[1]
    log(f"curation: merge {other.name} into {into.name} ({other.mention_count} mentions)")
    t0 = time.perf_counter()
    _, merged = apply_now(settings, ops.merge_entry(into, [other]), documents=False)
    merge_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    merge_docs = write_pending(settings)
    merge_docs_s = time.perf_counter() - t0

    def undo_entry(read) -> dict:
        last = last_undoable(read.entries)
        assert last is not None, "the merge just made is undoable"
        return {"op": "undo", "desc": "undo", "target": last["seq"]}

    t0 = time.perf_counter()
    _, undone = apply_now(settings, make_entry=undo_entry, documents=False)
    undo_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    undo_docs = write_pending(settings)
    undo_docs_s = time.perf_counter() - t0
    shutil.rmtree(copy, ignore_errors=True)
    worst = max(merge_s, undo_s)
    fig.unit = "s"
    fig.reader = worst
    fig.reader_text = (
        f"merge {merge_s * 1000:.0f} ms, undo {undo_s * 1000:.0f} ms; then in the "
        f"background {merge_docs} Whoosh documents {merge_docs_s:.1f} s, "
        f"{undo_docs} {undo_docs_s:.1f} s"
    )
    fig.target = f"<= {CURATION_TARGET_S:g} s each"
    fig.met = worst <= CURATION_TARGET_S
    fig.details = {
        "merge_s": merge_s,
        "undo_s": undo_s,
        "merge_documents_s": merge_docs_s,
        "undo_documents_s": undo_docs_s,
        "mentions_moved": other.mention_count,
        "documents_merge": merge_docs,
        "documents_undo": undo_docs,
        "articles_touched": len(merged.touched),
        "articles_touched_undo": len(undone.touched),
    }
    log(f"curation: {fig.reader_text}")
