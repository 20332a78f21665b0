"""Minimal Textual app: the start-up time and memory reference for the reader.

It shows one ``Static`` and nothing else, so its start-up time and peak RSS
are the floor any Textual app pays on this machine.

    python -m bench.minimal_app

Like the reader, it is timed from outside (:func:`bench.stats.measure_tui_startup`
runs it in a pseudo-terminal until :data:`bench.options.MINIMAL_READY_TEXT` shows); it has no hook of
its own.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from bench.options import MINIMAL_READY_TEXT


class MinimalApp(App[None]):
    """One Static, nothing else."""

    def compose(self) -> ComposeResult:
        yield Static(MINIMAL_READY_TEXT)


def main() -> None:
    MinimalApp().run()


if __name__ == "__main__":
    main()
