"""The curation figure: one operation applied to a built index, as the reader
applies it (journal, store, the Whoosh documents it touches), then its undo.

Measured on a copy of the built index with a journal of its own, so the other
figures never see the curation. Target (issue 14): each feels instant, at most
CURATION_TARGET_S seconds at 10k articles.
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
    from reader.curation.live import apply_now
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
    _, merged = apply_now(settings, ops.merge_entry(into, [other]))
    merge_s = time.perf_counter() - t0

    def undo_entry(read) -> dict:
        last = last_undoable(read.entries)
        assert last is not None, "the merge just made is undoable"
        return {"op": "undo", "desc": "undo", "target": last["seq"]}

    t0 = time.perf_counter()
    _, undone = apply_now(settings, make_entry=undo_entry)
    undo_s = time.perf_counter() - t0
    shutil.rmtree(copy, ignore_errors=True)
    worst = max(merge_s, undo_s)
    fig.unit = "s"
    fig.reader = worst
    fig.reader_text = (
        f"merge {merge_s * 1000:.0f} ms, undo {undo_s * 1000:.0f} ms "
        f"({len(merged.rewritten)} documents rewritten)"
    )
    fig.target = f"<= {CURATION_TARGET_S:g} s each"
    fig.met = worst <= CURATION_TARGET_S
    fig.details = {
        "merge_s": merge_s,
        "undo_s": undo_s,
        "mentions_moved": other.mention_count,
        "documents_merge": len(merged.rewritten),
        "documents_undo": len(undone.rewritten),
    }
    log(f"curation: {fig.reader_text}")
