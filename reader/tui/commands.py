"""The command palette (Ctrl+P): every action of the reader, and articles and entities by name."""

from __future__ import annotations

import asyncio
import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.markup import escape

from reader.actions import palette_actions
from reader.store import ArticleSummary, StoredEntity
from reader.textio import one_line, plural, printable
from reader.tui.widgets.entity_list import TYPE_NAMES

#: Articles (best first) offered for one query at most.
ARTICLES_SHOWN = 20


def relevance(query: str, name: str) -> float:
    """How well `name` answers `query` (both case-folded), from 0 to 1: the whole
    name 1, its start 0.9, the start of one of its words 0.8, inside it 0.6."""
    if not query or not name:
        return 0.0
    if name == query:
        return 1.0
    if name.startswith(query):
        return 0.9
    at = name.find(query)
    if at < 0:
        return 0.0
    while at >= 0:
        if not name[at - 1].isalnum():
            return 0.8
        at = name.find(query, at + 1)
    return 0.6


@dataclass(frozen=True, slots=True)
class PaletteEntity:
    entity: StoredEntity
    names: tuple[str, ...]  # its name and aliases, case-folded


@dataclass(frozen=True, slots=True)
class PaletteArticle:
    summary: ArticleSummary
    title: str  # case-folded


def _load(library) -> tuple[list[PaletteEntity], list[PaletteArticle]]:
    """Every entity and article, for the palette (in a thread: 19,000 articles)."""
    entities = [
        PaletteEntity(e, tuple(dict.fromkeys(n.casefold() for n in (e.name, *e.aliases))))
        for e in library.entities()
    ]
    articles = [PaletteArticle(a, a.title.casefold()) for a in library.articles()]
    return entities, articles


def entity_score(query: str, item: PaletteEntity, most_mentions: int) -> float:
    """An entity's relevance, a little more for the often mentioned. An exact name
    (or alias) beats every article; a partial one beats an article's equal match."""
    best = max(relevance(query, name) for name in item.names)
    if not best:
        return 0.0
    fame = math.log1p(item.entity.mention_count) / math.log1p(max(1, most_mentions))
    return min(1.0, 0.9 * best + 0.1 * fame) if best < 1 else 1.0


def article_score(query: str, item: PaletteArticle) -> float:
    """An article's relevance by its title, below an entity's equal match."""
    return 0.8 * relevance(query, item.title)


class ReaderCommands(Provider):
    """Actions, entities and articles, ranked together: entities and articles by
    how their name or title matches (an entity first on an exact name, the best
    articles only), actions by Textual's fuzzy match."""

    def _main(self):
        from reader.tui.screens.main import MainScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    async def startup(self) -> None:
        self._entities: list[PaletteEntity] = []
        self._articles: list[PaletteArticle] = []
        lib = self.app.library
        if lib is not None and self._main() is not None:
            self._entities, self._articles = await asyncio.to_thread(_load, lib)
        self._most_mentions = max((e.entity.mention_count for e in self._entities), default=1)

    def _actions(self) -> list[tuple[str, Callable[[], object], str]]:
        out: list[tuple[str, Callable[[], object], str]] = []
        main = self._main()
        for action in palette_actions():
            # Only the main screen's and the app's actions are in PALETTE.
            target = self.app if action.where == "app" else main
            if target is not None and action.palette:
                out.append(
                    (action.palette, partial(target.run_action, action.action), action.palette_help)
                )
        page = self._entity_page()
        if page is not None:
            out.append(
                (
                    "Export this entity page",
                    page.export,
                    "Its mentions in context, to a CSV or JSON lines file",
                )
            )
        return out

    def _entity_page(self):
        from reader.tui.screens.entity import EntityScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, EntityScreen):
                return screen
        return None

    async def discover(self) -> Hits:
        for title, callback, help_text in self._actions():
            yield DiscoveryHit(Text(title), callback, text=title, help=escape(printable(help_text)))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, title),
                    callback,
                    text=title,
                    help=escape(printable(help_text)),
                )
        main = self._main()
        if main is None:
            return
        folded = " ".join(query.casefold().split())
        for item in self._entities:
            score = entity_score(folded, item, self._most_mentions)
            if score:
                e = item.entity
                title = f"Entity: {one_line(e.name, 60)} ({TYPE_NAMES.get(e.type, e.type)})"
                yield Hit(
                    score,
                    _mark(title, folded),
                    partial(main.show_entity_page, e.id),
                    text=title,
                    help=escape(
                        f"{plural(e.mention_count, 'mention')} in "
                        f"{plural(e.article_count, 'article')}"
                    ),
                )
        scored = [(s, item) for item in self._articles if (s := article_score(folded, item))]
        for score, article in heapq.nlargest(ARTICLES_SHOWN, scored, key=lambda pair: pair[0]):
            a = article.summary
            title = f"Article: {one_line(a.title, 80)}"
            meta = " · ".join(x for x in (a.date, a.source, a.id) if x)
            yield Hit(
                score,
                _mark(title, folded),
                partial(main.open_article, a.id),
                text=title,
                help=escape(printable(one_line(meta, 120))),
            )


def _mark(title: str, folded_query: str) -> Text:
    """The title with the query underlined where it occurs (titles are data, never markup)."""
    text = Text(title)
    at = title.casefold().find(folded_query)
    if at >= 0 and folded_query and len(title.casefold()) == len(title):
        text.stylize("bold underline", at, at + len(folded_query))
    return text


def _highlight(matcher: Matcher, title: str) -> Text:
    """The title with the matched letters marked, never read as markup (titles are data)."""
    text = Text(title)
    _, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            text.stylize("bold underline", offset, offset + 1)
    return text
