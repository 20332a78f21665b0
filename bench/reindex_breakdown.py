"""Ctrl+R in the real app, step by step: ``python -m bench.reindex_breakdown
--articles DIR --index DIR ARTICLE_ID [--runs N]``.

Drives the app as the probe's Ctrl+R row does (``bench.interactions.reindex_keys``:
the article's file changed, Ctrl+R, until the changed text is on screen; the
file is put back afterwards) and prints each sample with the time spent in the
steps behind it: the update (``update_index``), the panes reloaded
(``_index_updated``, ``load_collection``) and the heap settled after it. The
spaCy model is loaded first, as after a few seconds of reading.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

STEPS = (
    ("reader.indexer", None, "update_index"),
    ("reader.tui.app", "ReaderApp", "_index_updated"),
    ("reader.tui.screens.main", "MainScreen", "load_collection"),
    ("reader.tui.heap", None, "settle"),
)


def _timed(log: list[tuple[str, float]], owner: object, name: str) -> None:
    inner = getattr(owner, name)

    @functools.wraps(inner)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            log.append((name, (time.perf_counter() - t0) * 1000.0))

    setattr(owner, name, wrapper)


async def _run(articles: Path, index: Path, article_id: str, runs: int) -> None:
    import importlib

    from bench.interactions import reindex_keys
    from bench.tui_probe import _settle
    from reader.config import Settings
    from reader.tui.app import make_app

    log: list[tuple[str, float]] = []
    for module, cls, name in STEPS:
        owner = importlib.import_module(module)
        _timed(log, getattr(owner, cls) if cls else owner, name)
    settings = Settings.resolve(articles, index)
    app = make_app(settings, remember=False, build_on_start=False, keymap={}, preload_model=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        while settings.entities and not app.model_ready:
            await asyncio.sleep(0.05)
        await _settle(pilot)
        log.clear()
        samples = await reindex_keys(pilot, article_id, runs)
        app.exit(0)
    print("Ctrl+R to the changed text on screen, ms:", " ".join(f"{s:.0f}" for s in samples))
    for name, ms in log:
        print(f"  {name:16s} {ms:8.1f} ms")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.reindex_breakdown")
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("article_id")
    ap.add_argument("--runs", type=int, default=8)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reader-bench-data-") as td:
        os.environ["READER_DATA_DIR"] = td  # no remembered positions or user key map
        asyncio.run(_run(args.articles, args.index, args.article_id, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
