"""The entity page: who or what it is, when it is in the news, every mention in
context, the entities seen with it and the articles.

- A timeline of its mentions (a chart when wide, a sparkline when narrow).
- 1 Mentions: a concordance, the mention in one column; `s` sorts it by
  article, left context, right context or date. Enter jumps to the mention.
- 2 Seen with: entities in the same articles, ranked by log-likelihood, with
  the articles shared and the measure. Enter lists the articles where both
  appear (in 3); `e` opens that entity's page here (Backspace comes back);
  `c` compares the two timelines.
- 3 Articles: every article mentioning it, or those with both of a pair (`a`:
  all again). Enter opens the article (a pair's with both highlighted).

An entity with thousands of mentions opens at once: its header and the first
screenful of its mentions (in article order) are read as the page opens, in
milliseconds whatever the count; everything else (every mention, the
timeline, the entities seen with it, the articles) is read in a worker and
fills the lists a moment later, the line highlighted kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from reader.analytics.kwic import SORTS, KwicLine, aligned_text, sort_lines
from reader.errors import ReaderError
from reader.textio import one_line, plural, printable
from reader.tui.keys import bindings
from reader.tui.widgets.entity_list import TYPE_NAMES
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.lists import VimOptionList
from reader.tui.widgets.timeline import TimelineChart

if TYPE_CHECKING:
    from reader.analytics.timeline import Timeline
    from reader.library import RankedEntity
    from reader.store import ArticleSummary

TITLE_WIDTH = 22
NARROW_TITLE_WIDTH = 12
DATE_WIDTH = 10
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


@dataclass
class EntityPageData:
    """What the page shows of one entity (read off the UI thread)."""

    entity_id: str
    sort: str  # the order of `lines`
    lines: list[KwicLine]
    timeline: Timeline
    co: list[RankedEntity]
    articles: list[tuple[ArticleSummary, int]]  # (article, mentions)


def load_page(library, entity_id: str, sort: str) -> EntityPageData:
    lines = _unique(library.entity_kwic(entity_id, sort), key=lambda k: (k.article_id, k.start))
    return EntityPageData(
        entity_id,
        sort,
        lines,
        library.entity_timeline(entity_id),
        _unique(library.co_occurring(entity_id, limit=100), key=lambda r: r.entity.id),
        sorted(
            _unique(library.entity_articles(entity_id), key=lambda p: p[0].id),
            key=lambda p: p[0].id,
        ),
    )


class EntityScreen(Screen):
    BINDINGS = bindings("entity_page")
    #: Mentions read before the page is first drawn (more than any screen's rows).
    FIRST_LINES = 80

    def __init__(self, entity_id: str):
        super().__init__()
        self.entity_id = entity_id
        self.history: list[str] = []
        self.sort = "article"
        self.entity = None
        self._lines: list[KwicLine] = []
        self._co: list[RankedEntity] = []
        self._articles: list[tuple[ArticleSummary, int]] = []
        self._all_articles: list[tuple[ArticleSummary, int]] = []
        self._titles: dict[str, str] = {}
        self.pair: tuple[str, str] | None = None  # (this entity, the other) in pane 3

    def compose(self) -> ComposeResult:
        yield Static(id="entity-header")
        yield TimelineChart("mentions", id="entity-timeline")
        with Vertical(id="entity-body"):
            yield VimOptionList(id="entity-mentions", classes="pane")
            with Horizontal(id="entity-lower"):
                yield VimOptionList(id="entity-cooccurring", classes="pane")
                yield VimOptionList(id="entity-articles", classes="pane")
        yield ReaderFooter()

    @property
    def library(self):
        return self.app.library

    @property
    def mentions_list(self) -> VimOptionList:
        return self.query_one("#entity-mentions", VimOptionList)

    @property
    def cooccurring_list(self) -> VimOptionList:
        return self.query_one("#entity-cooccurring", VimOptionList)

    @property
    def articles_list(self) -> VimOptionList:
        return self.query_one("#entity-articles", VimOptionList)

    @property
    def timeline_chart(self) -> TimelineChart:
        return self.query_one(TimelineChart)

    @property
    def loaded(self) -> bool:
        """The lists show the current entity (its worker has finished)."""
        return getattr(self, "_loaded_id", None) == self.entity_id

    @property
    def first_screenful(self) -> bool:
        """The header and the first screenful of mentions show the current entity
        (the rest may still be read)."""
        return self.loaded or getattr(self, "_first_id", None) == self.entity_id

    def on_mount(self) -> None:
        self.show_entity(self.entity_id)
        self.mentions_list.focus()

    # ------------------------------------------------------------ loading

    def show_entity(self, entity_id: str) -> None:
        try:
            entity = self.library.entity(entity_id)
        except ReaderError as exc:
            self.notify(one_line(str(exc)), severity="error")
            return
        self.entity_id, self.entity, self.pair = entity_id, entity, None
        self._show_header(entity)
        self._lines, self._co, self._articles, self._all_articles = [], [], [], []
        self._titles = {}
        reading = [Option(Text("reading…", style="dim"), disabled=True)]
        self.timeline_chart.show(None)
        self.cooccurring_list.set_options(reading)
        self.cooccurring_list.border_title = Text("2 Seen with")
        self.articles_list.set_options(reading)
        self.articles_list.border_title = Text(f"3 Articles ({entity.article_count})")
        first = self._first_lines(entity_id)
        if first:
            self._lines = first
            self._fill_mentions(keep=None, total=entity.mention_count)
            self._first_id = entity_id
        else:
            self.mentions_list.border_title = Text(f"1 Mentions ({entity.mention_count})")
            self.mentions_list.set_options(reading)
        self._load(entity_id, self.sort)

    def _first_lines(self, entity_id: str) -> list[KwicLine]:
        """The first screenful of mentions in article order (none in another order:
        sorting needs them all)."""
        if self.sort != "article":
            return []
        try:
            lines = self.library.entity_kwic(entity_id, "article", first=self.FIRST_LINES)
        except ReaderError:
            return []
        return _unique(lines, key=lambda k: (k.article_id, k.start))

    def show_header(self) -> None:
        """The header again (the user's data on the entity changed)."""
        if self.entity is not None:
            self._show_header(self.entity)

    def _show_header(self, entity) -> None:
        header = Text()
        header.append(one_line(entity.name, 120), style="bold")
        header.append(
            f"  {TYPE_NAMES.get(entity.type, entity.type)} ({entity.type})", style="italic"
        )
        header.append(
            f"\n{plural(entity.mention_count, 'mention')} in "
            f"{plural(entity.article_count, 'article')}"
        )
        aliases = [a for a in entity.aliases if a != entity.name]
        if aliases:
            header.append("\nalso: ", style="dim")
            header.append(one_line(", ".join(aliases), 300))
        from reader.tui.screens.tracking import entity_rows

        mine = entity_rows(self.app, entity.id)  # watched, tags, note (issue 16)
        if mine is not None:
            header.append("\n").append_text(mine)
        self.query_one("#entity-header", Static).update(header)

    @work(thread=True, exclusive=True, group="entity-page", exit_on_error=False)
    def _load(self, entity_id: str, sort: str) -> EntityPageData:
        return load_page(self.library, entity_id, sort)

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "entity-page" or event.state != WorkerState.SUCCESS:
            return
        data = event.worker.result
        if not isinstance(data, EntityPageData) or data.entity_id != self.entity_id:
            return
        # The line highlighted in the first screenful (or its sort) stays so.
        highlighted = self.mentions_list.highlighted
        current = (
            self._lines[highlighted]
            if highlighted is not None and highlighted < len(self._lines)
            else None
        )
        self._lines = data.lines if data.sort == self.sort else sort_lines(data.lines, self.sort)
        keep = None
        if current is not None:
            where = (current.article_id, current.start)
            keep = next(
                (i for i, k in enumerate(self._lines) if (k.article_id, k.start) == where), None
            )
        self._titles = {s.id: s.title for s, _ in data.articles}
        self._fill_mentions(keep=keep)
        self.timeline_chart.show(data.timeline, "mentions")
        self._co = data.co
        self._fill_cooccurring()
        self._all_articles = self._articles = data.articles
        self._fill_articles(f"3 Articles ({len(data.articles)}) · mentions")
        self._loaded_id = data.entity_id

    # ------------------------------------------------------------ the lists

    def _fill_cooccurring(self) -> None:
        co = self.cooccurring_list
        if self._co:
            co.set_options(Option(self._co_prompt(r)) for r in self._co)
        else:
            co.set_options(
                [Option(Text("No other entities share its articles.", style="dim"), disabled=True)]
            )
        co.border_title = Text(f"2 Seen with ({len(self._co)}) · articles · llr")
        co.border_subtitle = Text("Enter: both · e: page · c: compare")
        co.highlighted = 0 if self._co else None

    def _fill_articles(self, title: str) -> VimOptionList:
        """Pane 3 (thousands of rows for a frequent entity: made as they are drawn)."""
        arts = self.articles_list
        keep = arts.highlighted
        articles = self._articles
        arts.set_lazy_options(
            len(articles),
            lambda i: Option(self._article_prompt(*articles[i])),
            lambda option_id: None,
        )
        arts.highlighted = (
            keep
            if keep is not None and keep < arts.option_count
            else (0 if arts.option_count else None)
        )
        arts.border_title = Text(title)
        arts.border_subtitle = Text("a: all its articles") if self.pair else Text("")
        return arts

    def _co_prompt(self, ranked) -> Text:
        text = Text.assemble(
            (f"{ranked.shared_articles:>4} ", "dim"), (f"{ranked.llr:>6.1f} ", "dim")
        )
        text.append(one_line(ranked.entity.name, 60))
        text.append(f"  {ranked.entity.type}", style="dim")
        return text

    def _article_prompt(self, summary, n: int) -> Text:
        text = Text.assemble((f"{n:>3} ", "dim"))
        title = Text(one_line(summary.title, 300))
        width = self.articles_list.scrollable_content_region.width
        title.truncate(max(20, width - 6), overflow="ellipsis")
        text.append_text(title)
        return text

    def _fill_mentions(self, keep: int | None, total: int | None = None) -> None:
        """The mentions pane; `total`: the count when only the first lines are read."""
        mentions = self.mentions_list
        lines = self._lines
        mentions.set_lazy_options(
            len(lines), lambda i: Option(self._context_line(lines[i])), lambda option_id: None
        )
        if lines:
            mentions.highlighted = keep if keep is not None and keep < len(lines) else 0
        mentions.border_title = Text(f"1 Mentions ({len(lines) if total is None else total})")
        mentions.border_subtitle = Text(f"s: sort · by {self.sort}")

    def _context_line(self, k: KwicLine) -> Text:
        """Keyword in context: the mention in one column, the article (and date) on the left."""
        width = max(
            40, self.mentions_list.scrollable_content_region.width or self.app.size.width - 4
        )
        wide = width >= 100
        title_width = TITLE_WIDTH if wide else NARROW_TITLE_WIDTH
        title = one_line(self._titles.get(k.article_id, k.title or k.article_id), title_width)
        if not wide and self.sort == "date":  # no room for both: the date it is sorted by
            title = k.date or "—"
        line = Text.assemble((f"{title:<{title_width}} ", "dim"))
        used = title_width + 1
        if wide:
            line.append(f"{(k.date or '—'):<{DATE_WIDTH}} ", style="dim")
            used += DATE_WIDTH + 1
        mention = one_line(k.keyword, 40)
        side = max(4, (width - used - len(mention)) // 2)
        before, _, after = aligned_text(k, side)
        line.append(printable(before))
        line.append(mention, style="bold reverse")
        line.append(printable(after))
        return line

    def on_resize(self) -> None:
        if self._lines:
            self.mentions_list.forget()
        if self._articles:
            self.articles_list.forget()

    # ------------------------------------------------------------ actions

    def action_toggle_watch(self) -> None:
        from reader.tui.screens.tracking import toggle_watch

        if self.entity is not None:
            toggle_watch(self, self.entity_id, self.entity.name)
            self._show_header(self.entity)

    def action_edit_tags(self) -> None:
        self._edit("tags")

    def action_edit_note(self) -> None:
        self._edit("note")

    def _edit(self, what: str) -> None:
        from reader.tui.screens.tracking import edit_note, edit_tags
        from reader.workflow.store import ENTITY

        entity = self.entity
        if entity is None:
            return
        try:
            store = self.library.userdata
        except Exception as exc:
            self.notify(one_line(str(exc), 200), title="User data", severity="error")
            return
        edit = edit_tags if what == "tags" else edit_note
        edit(self, store, ENTITY, entity.id, entity.name, then=lambda: self._show_header(entity))

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        highlighted = self.mentions_list.highlighted
        current = (
            self._lines[highlighted]
            if highlighted is not None and highlighted < len(self._lines)
            else None
        )
        self._lines = sort_lines(self._lines, self.sort)
        keep = self._lines.index(current) if current in self._lines else 0
        self._fill_mentions(keep)
        self.mentions_list.scroll_to_highlight()
        self.notify(f"Mentions sorted by {self.sort}", timeout=2)

    @on(VimOptionList.OptionSelected, "#entity-mentions")
    def _mention(self, event: VimOptionList.OptionSelected) -> None:
        if event.option_index < len(self._lines):
            k = self._lines[event.option_index]
            self.dismiss(("mention", k.article_id, k.start))

    @on(VimOptionList.OptionSelected, "#entity-articles")
    def _article(self, event: VimOptionList.OptionSelected) -> None:
        if event.option_index < len(self._articles):
            article_id = self._articles[event.option_index][0].id
            if self.pair:
                self.dismiss(("pair", article_id, self.pair))
            else:
                self.dismiss(("article", article_id, None))

    @on(VimOptionList.OptionSelected, "#entity-cooccurring")
    def _pair(self, event: VimOptionList.OptionSelected) -> None:
        """The articles where both appear, in pane 3."""
        if event.option_index >= len(self._co) or self.entity is None:
            return
        other = self._co[event.option_index].entity
        both = self.library.articles_with_all([self.entity_id, other.id])
        counts = dict(self._all_articles_counts())
        self.pair = (self.entity_id, other.id)
        self._articles = [(s, counts.get(s.id, 0)) for s in both]
        title = Text(f"3 With {one_line(other.name, 30)} ({len(both)})")
        arts = self._fill_articles(title.plain)
        arts.highlighted = 0 if both else None
        arts.focus()

    def _all_articles_counts(self) -> list[tuple[str, int]]:
        return [(s.id, n) for s, n in self._all_articles]

    def action_all_articles(self) -> None:
        if self.pair is None:
            return
        self.pair = None
        self._articles = self._all_articles
        self._fill_articles(f"3 Articles ({len(self._articles)}) · mentions")

    def _highlighted_other(self):
        index = self.cooccurring_list.highlighted
        if index is None or index >= len(self._co):
            return None
        return self._co[index].entity

    def action_open_other(self) -> None:
        other = self._highlighted_other()
        if other is None:
            self.notify("No entity seen with it: nothing to open.", timeout=2)
            return
        self.history.append(self.entity_id)
        self.show_entity(other.id)
        self.mentions_list.focus()

    def action_compare(self) -> None:
        from reader.tui.screens.compare import ComparePrompt

        if self.entity is None:
            return
        other = self._highlighted_other()
        self.app.push_screen(ComparePrompt(self.entity, other.name if other else ""))

    def export(self) -> None:
        """The palette's "Export this entity page": its concordance, as sorted."""
        from reader.tui.exporting import export_entity_page

        if self.entity is not None:
            export_entity_page(self.app, self.entity_id, self.entity.name, self.sort)

    def action_previous_entity(self) -> None:
        if self.history:
            self.show_entity(self.history.pop())
        else:
            self.dismiss(None)

    def action_curate(self) -> None:
        from reader.tui.curation import entity_page_context, start_curation

        if self.entity is not None:
            start_curation(self.app, entity_page_context(self))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_focus_list(self, selector: str) -> None:
        self.query_one(selector).focus()
