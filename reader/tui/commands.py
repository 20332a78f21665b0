"""The command palette (Ctrl+P): every action of the reader, and articles and entities by name."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.markup import escape

from reader.textio import one_line, plural, printable

#: (title, action run on the main screen, help) shown in the palette.
ACTIONS = [
    ("Next mention", "next_mention", "Move the current mention forward"),
    ("Previous mention", "previous_mention", "Move the current mention back"),
    ("Next mention of the same entity", "next_same_entity",
     "Continues into the next article that mentions it"),
    ("Previous mention of the same entity", "previous_same_entity",
     "Continues into the previous article that mentions it"),
    ("Open the entity page of the current mention", "entity_page", ""),
    ("Back", "back", "Go back through the jump list"),
    ("Forward", "forward", "Go forward through the jump list"),
    ("Next search match", "next_match", ""),
    ("Previous search match", "previous_match", ""),
    ("Focus articles", "focus_pane('articles')", ""),
    ("Focus article", "focus_pane('article')", ""),
    ("Focus entities", "focus_pane('entities')", ""),
    ("Search", "focus_pane('search')", ""),
    ("Toggle entities: this article / whole collection", "toggle_entity_scope", ""),
    ("Sort articles (cycle)", "sort_articles", ""),
    ("Filter articles", "filter_articles", ""),
    ("Related articles", "related", "Articles sharing the open article's most distinctive entities"),
    ("Versions of this story", "versions", "Near-duplicates of the open article; d: what changed"),
    ("Export the search results", "export_search", "Every hit, to a CSV or JSON lines file"),
]
APP_ACTIONS = [
    ("Update the index", "update_index", "Index new and changed files"),
    ("Rebuild the index", "rebuild_index", "Re-read every file from scratch"),
    ("Fetch feeds", "fetch_feeds", "Get new articles from the subscribed feeds, then update the index"),
    ("Help: keys", "help", ""),
    ("Quit", "quit", ""),
]


class ReaderCommands(Provider):
    def _main(self):
        from reader.tui.screens.main import MainScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _commands(self) -> list[tuple[str, object, str]]:
        out: list[tuple[str, object, str]] = []
        main = self._main()
        if main is not None:
            for title, action, help_text in ACTIONS:
                out.append((title, partial(main.run_action, action), help_text))
        for title, action, help_text in APP_ACTIONS:
            out.append((title, partial(self.app.run_action, action), help_text))
        page = self._entity_page()
        if page is not None:
            out.append(("Export this entity page", page.export,
                        "Its mentions in context, to a CSV or JSON lines file"))
        lib = self.app.library
        if lib is not None and main is not None:
            for summary in lib.articles():
                out.append((f"Open article: {one_line(summary.title, 80)}",
                            partial(main.open_article, summary.id), summary.id))
            for entity in lib.entities(limit=300):
                out.append((f"Entity: {one_line(entity.name, 60)} ({entity.type})",
                            partial(main.show_entity_page, entity.id),
                            plural(entity.mention_count, "mention")))
        return out

    def _entity_page(self):
        from reader.tui.screens.entity import EntityScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, EntityScreen):
                return screen
        return None

    async def discover(self) -> Hits:
        shown = len(ACTIONS) + len(APP_ACTIONS) + (self._entity_page() is not None)
        for title, callback, help_text in self._commands()[:shown]:
            yield DiscoveryHit(Text(title), callback, text=title, help=escape(printable(help_text)))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), callback, text=title,
                          help=escape(printable(help_text)))


def _highlight(matcher: Matcher, title: str) -> Text:
    """The title with the matched letters marked, never read as markup (titles are data)."""
    text = Text(title)
    _, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            text.stylize("bold underline", offset, offset + 1)
    return text
