"""Minimal Textual app: the start-up time / memory reference for the reader.

It shows a single ``Static`` and nothing else, so its start-up time and peak
RSS are the floor any Textual app pays on this machine.

    python -m reader.bench.minimal_app

Benchmark protocol (shared with the reader's TUI):

* ``READER_BENCH_READY_FILE=<path>``: once the first screen has been shown
  (Textual's ``Ready`` event: DOM ready and first frame displayed) the app
  writes ``READY <time.monotonic()>``, ``PEAK_RSS_KB <ru_maxrss>`` and
  ``PID <pid>`` lines to that file (atomically, via a ``.tmp`` + rename).
  Textual owns stdout, so nothing is printed.
* ``READER_BENCH_EXIT_ON_READY=1``: exit right after writing the file.
* ``READER_BENCH_HEADLESS=1``: run headless (no terminal needed; for tests).

Measure it with :func:`reader.bench.stats.measure_tui_startup`, which runs the
command in a pseudo-terminal.
"""

from __future__ import annotations

import os
import time

from textual.app import App, ComposeResult
from textual.widgets import Static


def _write_ready(path: str) -> None:
    # Not reader.bench.stats: this reference app imports Textual and nothing
    # else of weight.
    t = time.monotonic()
    from reader.bench.rss import peak_rss_self_kb  # after the time: stdlib only, ~1 ms

    rss = peak_rss_self_kb()
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(f"READY {t:.6f}\nPEAK_RSS_KB {rss}\nPID {os.getpid()}\n")
    os.replace(tmp, path)


class MinimalApp(App[None]):
    """One Static, nothing else."""

    def compose(self) -> ComposeResult:
        yield Static("reader benchmark: minimal Textual app")

    def on_ready(self) -> None:
        ready_file = os.environ.get("READER_BENCH_READY_FILE")
        if ready_file:
            _write_ready(ready_file)
        if os.environ.get("READER_BENCH_EXIT_ON_READY") == "1":
            self.exit()


def main() -> None:
    MinimalApp().run(headless=os.environ.get("READER_BENCH_HEADLESS") == "1")


if __name__ == "__main__":
    main()
