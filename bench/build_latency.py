"""Keypress latency in the reader app while it builds its index (issue 19).

    .venv/bin/python -m bench.build_latency [--size 300] [--corpus DIR] [--processes 1,2]
                                            [--interval 0.1] [--json]

The app's own first build on a new folder (what `reader` / `make run` does when
the index is missing or stale), headless at 120x40 in this process, once per
count of NER processes (`--processes`; 1 is what the app used before issue 19, 2
is `reader index`'s default and now the app's). While the build runs, a key that
moves the focus between panes (`1`, `3`, in turn) is sent every `--interval`
seconds, as a user browsing while waiting would; each sample is the ms from
sending the key until the focus moved and the screen was updated
(`bench.tui_probe.timed_key`). The same keys on the idle app after the build are
the reference.

Reports, per run: the build's wall time, the keys answered during it and their
p50 / p95 / max, and the idle reference. With one process the extraction runs
in a thread of the app (it competes with the UI for the interpreter); with more,
in worker processes the app spawns (it never forks: it is threaded).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import stats
from bench.options import parse_size
from bench.stats import run_conditions
from bench.tui_probe import SIZE, _settle, timed_key

CACHE = Path("bench-corpus")
PANE_KEYS = ("1", "3")  # the articles pane, the entities pane
IDLE_PRESSES = 40


def _building(app) -> bool:
    return any(w.group == "index" and not w.is_finished for w in app.workers)


class _FocusKeys:
    """`1`, `3`, `1`... : each moves the focus to the other pane."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.sent = 0

    async def press(self) -> float:
        app = self.pilot.app
        key = PANE_KEYS[self.sent % len(PANE_KEYS)]
        self.sent += 1
        before = app.focused
        return await timed_key(self.pilot, key, lambda: app.focused is not before, timeout=60.0)


async def _first_build(settings, processes: int, interval: float) -> dict[str, Any]:
    """Open the app on a folder without an index and press keys while it builds."""
    from reader.tui.app import make_app

    app = make_app(settings, remember=False, keymap={}, processes=processes)
    during: list[float] = []
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = _FocusKeys(pilot)
        while _building(app):
            ms = await keys.press()
            if _building(app):  # a key the build's end answered is not "during"
                during.append(ms)
            await asyncio.sleep(interval)
        build = time.perf_counter() - started
        await _settle(pilot)
        articles = len(app.main_screen.article_list.shown)
        idle = [await keys.press() for _ in range(IDLE_PRESSES)]
    return {
        "processes": processes,
        "build_seconds": build,
        "articles": articles,
        "during": during,
        "idle": idle,
    }


def run(root: Path, processes: list[int], interval: float) -> list[dict[str, Any]]:
    from reader.config import Settings

    rows = []
    for n in processes:
        with tempfile.TemporaryDirectory(prefix="bench-build-latency-") as tmp:
            settings = Settings.resolve(articles=root, index=Path(tmp) / "index")
            rows.append(asyncio.run(_first_build(settings, n, interval)))
    return rows


def _ms(values: list[float], p: float) -> str:
    return f"{stats.percentile(values, p):.0f} ms" if values else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.build_latency", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--size", type=parse_size, default=300, help="generated articles (300)")
    ap.add_argument("--corpus", type=Path, metavar="DIR", help="your own folder instead")
    ap.add_argument("--processes", default="1,2", help="NER process counts to time (1,2)")
    ap.add_argument("--interval", type=float, default=0.1, help="seconds between keys (0.1)")
    ap.add_argument("--seed", type=int, default=0, help="corpus generator seed (0)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = ap.parse_args(argv)

    if args.corpus:
        root = args.corpus.expanduser().absolute()
    else:
        from bench.corpus import generate

        root = CACHE.absolute() / "corpus" / f"gen-{args.size}-s{args.seed}"
        if not (root / ".complete").exists():
            generate(root, args.size, args.seed)
            (root / ".complete").write_text("ok\n")
    counts = [int(x) for x in args.processes.split(",")]
    rows = run(root, counts, args.interval)
    result = {
        "corpus": str(root),
        **run_conditions(),
        "rows": rows,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"first build in the app of {rows[0]['articles']:,} articles, {os.cpu_count()} CPUs, "
        f"load average {result['load_average']:.1f}"
    )
    print("| NER processes | build | keys during it | p50 | p95 | max | idle p50 / p95 |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        during = row["during"]
        print(
            f"| {row['processes']} | {row['build_seconds']:.1f} s | {len(during)} "
            f"| {_ms(during, 50)} | {_ms(during, 95)} | {_ms(during, 100)} "
            f"| {_ms(row['idle'], 50)} / {_ms(row['idle'], 95)} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
