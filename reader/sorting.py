"""Orders of the article list, for every face: one definition of each sort.

Articles without the value sorted on (undated, no source) come last whichever
way the list is sorted, and ties keep the collection's order (by id), so
reversing a sort never brings the undated to the top.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from reader.store import ArticleSummary

#: The sorts, in the order a face cycles through them.
SORT_KEYS = ("collection", "date", "title", "source", "entities")

_VALUE: dict[str, Callable[[ArticleSummary], object]] = {
    "date": lambda a: a.date,
    "title": lambda a: a.title.casefold() or None,
    "source": lambda a: a.source.casefold() if a.source else None,
    "entities": lambda a: a.n_entities,
}


def sort_articles(
    summaries: Iterable[ArticleSummary], key: str = "collection", descending: bool = False
) -> list[ArticleSummary]:
    """`summaries` in the order `key` gives (see SORT_KEYS); `descending` puts
    the latest date, the most entities, Z before A first. Articles without a
    value for `key` come last either way; ties are in collection (id) order."""
    by_id = sorted(summaries, key=lambda a: a.id)
    if key == "collection":
        return by_id[::-1] if descending else by_id
    try:
        value = _VALUE[key]
    except KeyError:
        raise ValueError(f"unknown sort {key!r} (one of {', '.join(SORT_KEYS)})") from None
    known: list[tuple[Any, ArticleSummary]] = []
    missing: list[ArticleSummary] = []
    for a in by_id:
        v = value(a)
        if v is None:
            missing.append(a)
        else:
            known.append((v, a))
    known.sort(key=lambda pair: pair[0], reverse=descending)  # stable: ties stay by id
    return [a for _, a in known] + missing
