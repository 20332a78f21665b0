"""The bottom bar that shows an index build or update while it runs."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

STAGE_NAMES = {
    "scanning": "Scanning files",
    "curating": "Curating entities",
    "reading": "Reading articles",
    "entities": "Finding entities",
    "linking": "Linking entities",
    "indexing": "Indexing text",
    "committing": "Saving",
}


class IndexProgress(Horizontal):
    """Hidden when idle; `show_stage()` while the index worker reports."""

    # Hidden from the start by the stylesheet (not in on_mount, which restyles
    # the screen once more before its first frame).
    DEFAULT_CSS = "IndexProgress { display: none; }"

    def compose(self) -> ComposeResult:
        yield Label("", id="index-stage")
        # Determinate while idle: an indeterminate bar animates at 15 frames a
        # second, hidden or not.
        yield ProgressBar(total=100, show_eta=False, id="index-bar")

    def start(self, message: str) -> None:
        self.display = True
        self.query_one("#index-stage", Label).update(Text(message))
        self.query_one(ProgressBar).update(total=None, progress=0)

    def show_stage(self, stage: str, done: int, total: int) -> None:
        self.display = True
        name = STAGE_NAMES.get(stage, stage.capitalize())
        label = f"{name} {done}/{total}" if total else f"{name}…"
        self.query_one("#index-stage", Label).update(Text(label))
        bar = self.query_one(ProgressBar)
        if total:
            bar.update(total=total, progress=done)
        else:
            bar.update(total=None)

    def finish(self) -> None:
        self.display = False
        self.query_one(ProgressBar).update(total=100, progress=0)
