"""What is new since the user last looked: the matches of each saved search and
the mentions of each watched entity in articles not seen before.

"Seen" is kept per saved search and per watched entity (the articles they had
when saved or watched, or when their news was last acknowledged). An article
added to the folder (or fetched from a feed) and indexed is unread and new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.errors import QueryError, ReaderError
from reader.textio import plural

if TYPE_CHECKING:
    from reader.library import Library
    from reader.workflow.store import SavedSearch, Watch


@dataclass(frozen=True, slots=True)
class SavedStatus:
    """A saved search now: its matches, how many are unread, which are new."""

    name: str
    query: str
    total: int = 0
    unread: int = 0
    new: list[str] = field(default_factory=list)  # article ids, best match first
    error: str | None = None  # the query no longer reads (a field removed...)


@dataclass(frozen=True, slots=True)
class WatchStatus:
    """A watched entity now: its new mentions and the articles they are in."""

    entity_id: str
    name: str
    mentions: int = 0  # in all
    articles: int = 0
    new_mentions: int = 0
    new: dict[str, int] = field(default_factory=dict)  # article id -> mentions, most first
    missing: bool = False  # not in the collection any more

    def sentence(self) -> str:
        """ "12 new mentions of General Motors in 5 articles"."""
        return (
            f"{plural(self.new_mentions, 'new mention')} of {self.name} in "
            f"{plural(len(self.new), 'article')}"
        )


def saved_matches(library: Library, query: str) -> list[str]:
    """Every article `query` matches, best first."""
    results = library.search_results(query)
    return results.ids(0, results.total)


def saved_status(library: Library, saved: SavedSearch) -> SavedStatus:
    try:
        ids = saved_matches(library, saved.query)
    except QueryError as exc:
        return SavedStatus(saved.name, saved.query, error=str(exc))
    except ReaderError as exc:
        return SavedStatus(saved.name, saved.query, error=str(exc))
    store = library.userdata
    read = store.read_ids(ids)
    seen = store.saved_seen(saved.name)
    return SavedStatus(
        saved.name,
        saved.query,
        total=len(ids),
        unread=len(ids) - len(read),
        new=[i for i in ids if i not in seen],
    )


def entity_articles(library: Library, entity_id: str) -> dict[str, int] | None:
    """Article id -> mentions of the entity, or None when it is not in the collection."""
    with library._lock:
        rows = library.store.entity_articles(entity_id)
        if not rows and library.store.entity(entity_id) is None:
            return None
    return dict(rows)


def watch_status(library: Library, watch: Watch) -> WatchStatus:
    current = entity_articles(library, watch.entity_id)
    if current is None:
        return WatchStatus(watch.entity_id, watch.name, missing=True)
    seen = library.userdata.watch_seen(watch.entity_id)
    new = {a: n for a, n in current.items() if a not in seen}
    new = dict(sorted(new.items(), key=lambda kv: (-kv[1], kv[0])))
    return WatchStatus(
        watch.entity_id,
        watch.name,
        mentions=sum(current.values()),
        articles=len(current),
        new_mentions=sum(new.values()),
        new=new,
    )


def news(library: Library) -> tuple[list[SavedStatus], list[WatchStatus]]:
    """Every saved search's and watched entity's status now."""
    store = library.userdata
    return (
        [saved_status(library, s) for s in store.saved_searches()],
        [watch_status(library, w) for w in store.watched()],
    )


def acknowledge(library: Library, saved: list[SavedStatus], watched: list[WatchStatus]) -> None:
    """What was new is seen now (the next `news` starts from here)."""
    store = library.userdata
    for s in saved:
        if s.new:
            store.see_saved(s.name, s.new)
    for w in watched:
        if w.new:
            store.see_watched(w.entity_id, w.new)
