"""What an index build reports and how it is stopped: shared by the indexer and
the steps it runs (entities, near-duplicates), which sit below it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.config import Settings
    from reader.paths import IndexPaths
    from reader.store import Store

Progress = Callable[[str, int, int], None]  # (stage, done, total)
ShouldStop = Callable[[], bool]


class Cancelled(ReaderError):
    """The user stopped the build; what was committed before is kept."""


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rebuilt: bool = False
    reason: str = ""
    ner_articles: int = 0  # articles run through the model (not from the cache)
    relinked: int = (
        0  # articles whose links were computed again (all of them without a saved state)
    )
    entities: int = 0
    mentions: int = 0
    rewritten: int = 0  # Whoosh documents written
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rewritten)


def default_processes() -> int:
    """Processes an index build uses unless told otherwise: 2, or 1 on one CPU
    (the CLI's `reader index` and the app's own build alike)."""
    import os

    return max(1, min(2, os.cpu_count() or 1))


def no_progress(stage: str, done: int, total: int) -> None:
    pass


def never_stop() -> bool:
    return False


def check_stop(should_stop: ShouldStop) -> None:
    """Raise Cancelled when the user asked the build to stop."""
    if should_stop():
        raise Cancelled("indexing stopped; the index keeps what was committed before")


@dataclass
class BuildContext:
    """What every step of one index build shares: the settings, where the index
    is, its open store, the report it fills, and the caller's progress display
    and stop request (`processes`: NER and Whoosh writers to use; `start_method`:
    how NER worker processes start, see reader.entities.workers.START_METHODS)."""

    settings: Settings
    paths: IndexPaths
    store: Store
    report: IndexReport = field(default_factory=IndexReport)
    progress: Progress = no_progress
    should_stop: ShouldStop = never_stop
    processes: int = 1
    start_method: str = "fork"

    @property
    def forks(self) -> bool:
        """Whether this build may fork: only a single-threaded caller's may."""
        return self.start_method == "fork"

    def check_stop(self) -> None:
        check_stop(self.should_stop)
