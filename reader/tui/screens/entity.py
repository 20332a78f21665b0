"""The entity page: who or what it is, every mention in context, and its neighbours.

Enter on a context line closes the page and jumps to that mention in its
article; Enter on an article opens it; Enter on a co-occurring entity shows
that entity here (Backspace comes back).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from reader.errors import ReaderError
from reader.textio import one_line
from reader.tui.widgets.entity_list import TYPE_NAMES
from reader.tui.widgets.lists import VimOptionList

TITLE_WIDTH = 22
T = TypeVar("T")


def _unique(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    """`items` in order, each key once."""
    seen: set[Hashable] = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


class EntityScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="entity_page.close"),
        Binding("backspace,ctrl+o,H", "previous_entity", "Previous entity", show=False,
                id="entity_page.back"),
        Binding("1", "focus_list('#entity-mentions')", "Mentions", show=False,
                id="entity_page.mentions"),
        Binding("2", "focus_list('#entity-cooccurring')", "Seen with", show=False,
                id="entity_page.cooccurring"),
        Binding("3", "focus_list('#entity-articles')", "Articles", show=False,
                id="entity_page.articles"),
    ]

    def __init__(self, entity_id: str):
        super().__init__()
        self.entity_id = entity_id
        self.history: list[str] = []
        self._contexts = []
        self._co = []
        self._articles = []

    def compose(self) -> ComposeResult:
        yield Static(id="entity-header")
        with Vertical(id="entity-body"):
            yield VimOptionList(id="entity-mentions", classes="pane")
            with Horizontal(id="entity-lower"):
                yield VimOptionList(id="entity-cooccurring", classes="pane")
                yield VimOptionList(id="entity-articles", classes="pane")
        yield Footer()

    @property
    def library(self):
        return self.app.library

    @property
    def mentions_list(self) -> VimOptionList:
        return self.query_one("#entity-mentions", VimOptionList)

    def on_mount(self) -> None:
        self.show_entity(self.entity_id)
        self.mentions_list.focus()

    def show_entity(self, entity_id: str) -> None:
        lib = self.library
        try:
            entity = lib.entity(entity_id)
        except ReaderError as exc:
            self.notify(one_line(str(exc)), severity="error")
            return
        self.entity_id = entity_id
        header = Text()
        header.append(one_line(entity.name, 120), style="bold")
        header.append(f"  {TYPE_NAMES.get(entity.type, entity.type)} ({entity.type})",
                      style="italic")
        header.append(f"\n{entity.mention_count} mentions in {entity.article_count} "
                      f"article{'s' if entity.article_count != 1 else ''}")
        aliases = [a for a in entity.aliases if a != entity.name]
        if aliases:
            header.append("\nalso: ", style="dim")
            header.append(one_line(", ".join(aliases), 300))
        self.query_one("#entity-header", Static).update(header)

        # The lists' rows are found by position, never by an id made from the
        # data: an index holding a row twice must not break the page.
        self._contexts = _unique(lib.mentions_in_context(entity_id),
                                 key=lambda c: (c.article_id, c.start, c.end))
        articles = _unique(lib.entity_articles(entity_id), key=lambda pair: pair[0].id)
        self._titles = {s.id: s.title for s, _ in articles}
        self._fill_mentions()

        co = self.query_one("#entity-cooccurring", VimOptionList)
        self._co = _unique(lib.co_occurring(entity_id), key=lambda r: r.entity.id)
        co.set_options(Option(self._co_prompt(r)) for r in self._co)
        co.border_title = Text(f"2 Seen with ({len(self._co)}) · shared articles")
        if not self._co:
            co.set_options([Option(Text("No other entities share its articles.", style="dim"),
                                   disabled=True)])

        self._articles = sorted(articles, key=lambda p: p[0].id)
        arts = self._fill_articles()
        arts.border_title = Text(f"3 Articles ({len(articles)}) · mentions")
        for options in (co, arts):
            options.highlighted = 0 if options.option_count else None

    def _fill_articles(self) -> VimOptionList:
        arts = self.query_one("#entity-articles", VimOptionList)
        keep = arts.highlighted
        arts.set_options(Option(self._article_prompt(s, n)) for s, n in self._articles)
        if keep is not None and keep < arts.option_count:
            arts.highlighted = keep
        return arts

    def _co_prompt(self, ranked) -> Text:
        text = Text.assemble((f"{ranked.shared_articles:>3} ", "dim"))
        text.append(one_line(ranked.entity.name, 60))
        text.append(f"  {ranked.entity.type}", style="dim")
        return text

    def _article_prompt(self, summary, n: int) -> Text:
        text = Text.assemble((f"{n:>3} ", "dim"))
        title = Text(one_line(summary.title, 300))
        width = self.query_one("#entity-articles").scrollable_content_region.width
        title.truncate(max(20, width - 5), overflow="ellipsis")
        text.append_text(title)
        return text

    def _fill_mentions(self) -> None:
        mentions = self.mentions_list
        width = max(40, mentions.scrollable_content_region.width or self.app.size.width - 4)
        options = []
        for c in self._contexts:
            options.append(Option(self._context_line(c, width)))
        keep = mentions.highlighted
        mentions.set_options(options)
        mentions.highlighted = keep if keep is not None and keep < len(options) else (
            0 if options else None)
        mentions.border_title = Text(f"1 Mentions ({len(options)})")

    def _context_line(self, c, width: int) -> Text:
        """Keyword in context: the mention centred, the article's title on the left."""
        title = one_line(self._titles.get(c.article_id, c.article_id), TITLE_WIDTH)
        line = Text.assemble((f"{title:<{TITLE_WIDTH}} ", "dim"))
        mention = one_line(c.text, 40)
        side = max(4, (width - TITLE_WIDTH - 1 - len(mention) - 2) // 2)
        before = one_line(c.before, 400)[-side:]
        after = one_line(c.after, 400)[:side]
        # The core collapses whitespace around the mention; keep a space only between words.
        gap_before = " " if before[-1:].isalnum() or before[-1:] in ",.;:!?)\"'" else ""
        gap_after = " " if after[:1].isalnum() or after[:1] in "(\"'" else ""
        line.append(f"{before + gap_before:>{side + 1}}")
        line.append(mention, style="bold reverse")
        line.append(f"{gap_after}{after}")
        return line

    def on_resize(self) -> None:
        if self._contexts:
            self._fill_mentions()
            self._fill_articles()

    @on(VimOptionList.OptionSelected, "#entity-mentions")
    def _mention(self, event: VimOptionList.OptionSelected) -> None:
        if event.option_index < len(self._contexts):
            c = self._contexts[event.option_index]
            self.dismiss(("mention", c.article_id, c.start))

    @on(VimOptionList.OptionSelected, "#entity-articles")
    def _article(self, event: VimOptionList.OptionSelected) -> None:
        if event.option_index < len(self._articles):
            self.dismiss(("article", self._articles[event.option_index][0].id, None))

    @on(VimOptionList.OptionSelected, "#entity-cooccurring")
    def _other_entity(self, event: VimOptionList.OptionSelected) -> None:
        if event.option_index < len(self._co):
            self.history.append(self.entity_id)
            self.show_entity(self._co[event.option_index].entity.id)
            self.mentions_list.highlighted = 0 if self.mentions_list.option_count else None
            self.mentions_list.focus()

    def action_previous_entity(self) -> None:
        if self.history:
            self.show_entity(self.history.pop())
        else:
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_focus_list(self, selector: str) -> None:
        self.query_one(selector).focus()
