"""What the commands share (reader, reader feeds, reader analytics): argument
types, the progress display, bringing the index up to date, opening the library.
The sub-command modules import this, never reader.cli, which imports them."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from rich.console import Console

from reader.build import default_processes as default_processes  # re-exported
from reader.config import Settings
from reader.entities.types import ENTITY_LABELS
from reader.errors import IndexBusy, IndexDamaged, IndexForeign, IndexUnavailable
from reader.textio import one_line, plural

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from reader.build import IndexReport
    from reader.library import Library


class Parser(argparse.ArgumentParser):
    """argparse, with its errors in one line (and the hint to --help)."""

    def error(self, message: str) -> NoReturn:  # one line, exit 2
        self.exit(2, f"reader: error: {message} (see reader --help)\n")


def at_least(minimum: int, maximum: int = 10**9) -> Callable[[str], int]:
    """An argparse type: a whole number from `minimum` to `maximum` (bounded: a
    number past SQLite's or a list's reach is a one-line error, not a crash)."""

    def whole_number(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"{value} must be {minimum} or more")
        if number > maximum:
            raise argparse.ArgumentTypeError(f"{value[:30]} is too large (at most {maximum:,})")
        return number

    return whole_number


class ProgressDisplay:
    """A rich progress bar on stderr that appears only when a build takes a moment."""

    DELAY = 0.4

    def __init__(self, console: Console):
        self.console = console
        self.started = time.monotonic()
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._progress is None:
            if time.monotonic() - self.started < self.DELAY or not self.console.is_terminal:
                return
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description:>10}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=total or None)
        self._progress.update(self._tasks[stage], completed=done, total=total or None)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def run_update(
    settings: Settings,
    err: Console,
    *,
    rebuild: bool = False,
    processes: int | None = None,
    lock_wait: float = 5.0,
    repair: bool = False,
) -> IndexReport:
    from reader.indexer import update_index

    display = ProgressDisplay(err)
    try:
        return update_index(
            settings,
            rebuild=rebuild,
            progress=display,
            processes=processes or default_processes(),
            lock_wait=lock_wait,
            repair=repair,
        )
    finally:
        display.close()


def summary_line(report: IndexReport) -> str:
    parts = [
        f"{report.added} added",
        f"{report.updated} updated",
        f"{report.removed} removed",
        f"{report.unchanged} unchanged",
        f"{len(report.skipped)} skipped",
    ]
    head = f"rebuilt the index ({report.reason})" if report.rebuilt else "index updated"
    tail = (
        f"; {plural(report.entities, 'entity', 'entities')}, {plural(report.mentions, 'mention')}"
        if report.entities
        else ""
    )
    return f"{head}: {', '.join(parts)}{tail} in {report.seconds:.1f} s"


def ensure_index(settings: Settings, err: Console) -> None:
    """Build or update the index when it is missing or stale (quietly when fresh)."""
    from reader.indexer import index_status

    status = index_status(settings)
    if status == "fresh":
        return
    try:
        report = run_update(settings, err)
    except IndexBusy:
        if status == "missing":
            raise
        err.print(
            "reader: note: another process is updating the index; using it as it is",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        return
    except IndexUnavailable as exc:  # a read-only or full index folder
        if status == "missing" or isinstance(exc, (IndexDamaged, IndexForeign)):
            raise
        err.print(
            f"reader: note: {one_line(str(exc), 300)}; using the index as it is",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        return
    if report.changed or report.skipped:
        err.print(summary_line(report), markup=False, highlight=False, soft_wrap=True)
    for message in report.skipped[:20]:
        err.print(
            f"reader: warning: {one_line(message)}", markup=False, highlight=False, soft_wrap=True
        )


def open_library(settings: Settings, err: Console) -> Library:
    from reader.library import Library

    ensure_index(settings, err)
    return Library(settings)


def entity_type(value: str) -> str:
    """An argparse type: an entity type (PERSON, ORG, ...), a few common names allowed."""
    upper = value.upper()
    aliases = {"PER": "PERSON", "PLACE": "GPE", "ORGANIZATION": "ORG", "ORGANISATION": "ORG"}
    upper = aliases.get(upper, upper)
    if upper not in ENTITY_LABELS:
        raise argparse.ArgumentTypeError(
            f"unknown type {value!r} (one of {', '.join(ENTITY_LABELS)})"
        )
    return upper
