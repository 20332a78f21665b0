"""Messages the TUI's widgets post upward; the main screen mediates between panes.

Small dataclasses, one place (as in toolong): a widget says what happened, it
never reaches into another pane.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from reader.store import StoredMention

if TYPE_CHECKING:
    from reader.results import ResultSet, SearchHit
    from reader.store import ArticleSummary


@dataclass(frozen=True, slots=True)
class ResultRow:
    """What one search result row shows: the hit (matches, a snippet) and its article."""

    hit: SearchHit
    summary: ArticleSummary | None


@dataclass
class OpenArticle(Message):
    """Show an article, optionally at an offset, a mention, with search matches."""

    article_id: str
    offset: int | None = None
    mention_start: int | None = None
    query: str | None = None
    matches: tuple[tuple[int, int], ...] | None = None
    focus: bool = True


@dataclass
class ArticleOrderChanged(Message):
    """The user sorted the article list another way (remembered for next time)."""

    key: str
    descending: bool


@dataclass
class CurrentMentionChanged(Message):
    """The article view's current mention moved (or there is none)."""

    mention: StoredMention | None
    index: int
    total: int


@dataclass
class EntityHighlighted(Message):
    """An entity was highlighted in the entities pane: mark its mentions."""

    entity_id: str | None


@dataclass
class EntityChosen(Message):
    """Enter on an entity in the entities pane: go to its next mention here."""

    entity_id: str


@dataclass
class ShowEntityPage(Message):
    entity_id: str


@dataclass
class IndexProgress(Message):
    """Posted from the index worker's thread (post_message is thread-safe)."""

    stage: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class SearchFinished(Message):
    """Posted from the search worker's thread: every hit ranked and the first
    rows prepared, or the error."""

    query: str
    results: ResultSet | None
    rows: dict[int, ResultRow]
    error: str | None


@dataclass
class RowsPrepared(Message):
    """Posted from a worker's thread: result rows prepared as they came into view."""

    results: ResultSet
    rows: dict[int, ResultRow]
    error: str | None = None
