"""The main screen: articles, the article, its entities and search, and the mediator.

Panes post messages (OpenArticle, EntityChosen, ...); this screen asks the
library and tells the other panes. Mention navigation, the jump list and the
pane layout (one pane at a time below 100 columns) live here.
"""

from __future__ import annotations

from time import monotonic

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from reader.errors import QueryError, ReaderError
from reader.textio import one_line, plural
from reader.tui.compat import SteadyScreen
from reader.tui.keys import bindings
from reader.tui.messages import (
    ArticleOrderChanged,
    CurrentMentionChanged,
    EntityChosen,
    EntityHighlighted,
    OpenArticle,
    ShowEntityPage,
)
from reader.tui.navigation import (
    HELD_AFTER,
    HELD_DRAW_DELAY,
    HELD_INTERVAL,
    HeldStep,
    JumpList,
    Location,
    neighbour,
    step_within,
)
from reader.tui.screens.tracking import WorkflowKeys
from reader.tui.widgets.article_list import ArticleList, ArticleOptions
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_list import EntityList, EntityOptions
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.index_progress import IndexProgress
from reader.tui.widgets.search_panel import SearchInput, SearchPanel, SearchResultsList
from reader.userdata import ArticleOrder

PANES = ("articles", "article", "entities", "search")


def _breakpoint_class(app) -> str:
    """The class Textual's HORIZONTAL_BREAKPOINTS give the terminal's width."""
    try:
        width = app.size.width
    except Exception:
        return ""
    chosen = ""
    for at, name in sorted(app.HORIZONTAL_BREAKPOINTS or ()):
        if width >= at:
            chosen = name
    return chosen


#: Actions that move a held `}` / `{` on without drawing it first.
_HELD_ACTIONS = frozenset({"next_same_entity", "previous_same_entity"})


class MainScreen(WorkflowKeys, SteadyScreen):
    # The article has focus from the start (no hop through the first list on the
    # way: each pane change restyles the whole screen).
    AUTO_FOCUS = "ArticleView"
    BINDINGS = bindings("main")

    def __init__(self) -> None:
        # Classes set here, not once mounted, where each restyles the whole screen:
        # the pane shown, and the width breakpoint the first Resize would set.
        super().__init__(classes=f"-show-article {_breakpoint_class(self.app)}")
        self.jumps = JumpList()
        self.active_query: str | None = None
        self.pane = "article"
        self._mention_status = Text()
        self._note: str | None = None
        self._held: HeldStep | None = None  # a held } / { not drawn yet
        self._held_timer: Timer | None = None
        self._last_press = 0.0  # monotonic time of the last } / {
        self._rapid = 0  # presses of } / { in a row, each within HELD_INTERVAL of the last
        self._held_keys: frozenset[str] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with ContentSwitcher(initial="articles-pane", id="sidebar"):
                yield ArticleList(id="articles-pane", classes="pane")
                yield SearchPanel(id="search-pane", classes="pane")
            yield ArticleView(id="article", classes="pane")
            yield EntityList(id="entities-pane", classes="pane")
        yield IndexProgress(id="index-progress")
        yield ReaderFooter()

    # ------------------------------------------------------------ typed accessors

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def entity_list(self) -> EntityList:
        return self.query_one(EntityList)

    @property
    def search_panel(self) -> SearchPanel:
        return self.query_one(SearchPanel)

    @property
    def index_progress(self) -> IndexProgress:
        return self.query_one(IndexProgress)

    @property
    def library(self):
        return self.app.library

    # ------------------------------------------------------------ start-up and refresh

    def on_mount(self) -> None:
        order = self.app.remembered_order()
        if order is not None:
            self.article_list.set_order(order.key, order.descending)
        self.load_collection(first_time=True)
        self.article_view.focus()

    def load_collection(self, first_time: bool = False) -> None:
        """(Re)read the collection from the library; keep the open article where it was."""
        lib = self.library
        view = self.article_view
        if lib is None:
            self.search_panel.use_library(None)
            self.article_list.set_articles([])
            self.entity_list.set_article_entities([])
            view.show_empty(
                Text(
                    "No index yet: building it now (progress below).\n"
                    "Articles appear here when it is ready.",
                    style="bold",
                )
            )
            return
        self.search_panel.use_library(lib)
        summaries = lib.articles()
        self.tracker.attach()
        self.article_list.set_articles(summaries, lib.duplicate_groups())
        self.entity_list.set_collection_loader(
            lambda offset, limit: lib.entity_listing(None, offset, limit)
        )
        ids = {s.id for s in summaries}
        if view.article is not None and view.article.id in ids:
            here = self.here()
            if here is not None:
                self.go_to(here, reload=True)
            return
        if first_time:
            remembered = self.app.remembered_position()
            if remembered is not None and remembered.article_id in ids:
                self.open_article(
                    remembered.article_id,
                    top_offset=remembered.top_offset,
                    mention_start=remembered.mention_start,
                    record=False,
                    focus=False,
                    scroll_to_mention=False,
                )
                return
        if summaries:
            self.open_article(summaries[0].id, record=False, focus=False)
        else:
            view.show_empty(self._no_articles(lib.problems()))

    def show_build_failed(self, reason: str) -> None:
        """The empty screen when the first build stopped: why, and what to do."""
        text = Text("The index could not be built:\n\n", style="bold")
        text.append(one_line(reason, 400))
        text.append("\n\nFix that, then press ctrl+r to try again (q quits).")
        self.article_view.show_empty(text)

    #: Skipped files named on the empty screen at most.
    SKIPPED_SHOWN = 8

    def _no_articles(self, problems: list[str]) -> Text:
        """The empty screen: why there are no articles (every file skipped, or none)."""
        folder = one_line(self.app.settings.articles_dir.name, 60)
        if not problems:
            return Text(
                f"No articles in {folder}/.\n"
                "Add .txt, .md, .html or .jsonl files and press ctrl+r.",
                style="bold",
            )
        text = Text(justify="left")
        text.append(
            f"No articles: {plural(len(problems), 'file')} in {folder}/ "
            f"{'was' if len(problems) == 1 else 'were'} skipped.\n\n",
            style="bold",
        )
        for problem in problems[: self.SKIPPED_SHOWN]:
            text.append(f"• {one_line(problem, 300)}\n")
        if len(problems) > self.SKIPPED_SHOWN:
            text.append(
                f"• and {len(problems) - self.SKIPPED_SHOWN} more (reader index lists them all)\n"
            )
        text.append(
            "\nFix or replace the files, then press ctrl+r to index them again.", style="dim"
        )
        return text

    # ------------------------------------------------------------ opening articles

    def here(self) -> Location | None:
        view = self.article_view
        if view.article is None:
            return None
        m = view.current_mention
        return Location(view.article.id, view.top_offset(), m.start if m else None)

    def open_article(
        self,
        article_id: str,
        *,
        offset: int | None = None,
        mention_start: int | None = None,
        top_offset: int | None = None,
        matches=None,
        query: str | None = None,
        record: bool = True,
        focus: bool = True,
        scroll_to_mention: bool = True,
    ) -> bool:
        lib = self.library
        if lib is None:
            self.notify("The index is still being built.", severity="warning")
            return False
        if self._held is not None:  # another way in (a click, a result): a held } is over
            self._held = None
            if self._held_timer is not None:
                self._held_timer.stop()
                self._held_timer = None
        try:
            article = lib.article(article_id)
            mentions = lib.mentions(article_id)
        except ReaderError as exc:
            self.notify(one_line(str(exc)), title="Cannot open the article", severity="error")
            return False
        if record:
            self.jumps.record(self.here())
        self._note = None
        if query is not None:
            self.active_query = query
        if matches is None and self.active_query:
            try:
                matches = lib.match_spans(self.active_query, article_id)
            except QueryError:
                matches = ()
        view = self.article_view
        view.load(article, mentions, matches or (), top_offset=top_offset)
        title = Text.assemble(("2 ", "bold"))
        title.append(one_line(article.title, 200))
        view.border_title = title
        if mention_start is not None:
            view.set_current_at(mention_start, scroll=scroll_to_mention)
        elif offset is not None:
            starts = [s for s, _ in view.matches]
            if offset in starts:
                view.set_current_match(starts.index(offset))
            else:
                view.scroll_offset_into_view(offset)
            # The mention at (or just after) the match becomes current when it is
            # on screen, so }, { and e work straight from a search result.
            near = view.mention_near(offset)
            if near is not None and view.is_offset_visible(view.mentions[near].start):
                view.set_current(near, scroll=False)
        self.entity_list.set_article_entities(lib.entities_of_article(article_id, mentions))
        self.article_list.mark_open(article_id)
        self.tracker.opened(article_id, article.title, query, visit=record)
        self.save_position()
        if focus:
            self.action_focus_pane("article")
        return True

    def go_to(self, where: Location, reload: bool = False) -> None:
        """Restore a location: the article, its scroll position and current mention."""
        view = self.article_view
        if reload or view.article is None or view.article.id != where.article_id:
            self.open_article(
                where.article_id,
                top_offset=where.top_offset,
                mention_start=where.mention_start,
                record=False,
                focus=False,
                scroll_to_mention=False,
            )
        else:
            view.scroll_to_offset(where.top_offset)
            view.set_current_at(where.mention_start, scroll=False)
        self.save_position()

    def save_position(self) -> None:
        here = self.here()
        if here is not None:
            self.app.remember_position(here)

    @on(ArticleOrderChanged)
    def _order_changed(self, event: ArticleOrderChanged) -> None:
        event.stop()
        self.app.remember_order(ArticleOrder(event.key, event.descending))

    @on(OpenArticle)
    def _open_article(self, event: OpenArticle) -> None:
        event.stop()
        self.open_article(
            event.article_id,
            offset=event.offset,
            mention_start=event.mention_start,
            matches=event.matches,
            query=event.query,
            focus=event.focus,
        )

    # ------------------------------------------------------------ the current mention

    @on(CurrentMentionChanged)
    def _current_changed(self, event: CurrentMentionChanged) -> None:
        m = event.mention
        if m is None:
            sub = Text(
                f"{plural(event.total, 'mention')} · ] next" if event.total else "no mentions"
            )
        else:
            sub = Text.assemble((f" {m.label} ", "reverse"))
            sub.append(" ")
            sub.append(one_line(m.text, 40), style="bold")
            sub.append(f"  {event.index + 1}/{event.total}")
            if m.entity_id:
                self.entity_list.highlight_entity(m.entity_id)
        self._mention_status = sub
        self._show_status()

    # The article pane's bottom line is the status line: the current mention,
    # then what the last move has to say (the article reached when } crosses,
    # "last mention", "hit BOTTOM"). A new move replaces it: toasts would pile
    # up over the text on quick presses.

    def say(self, note: str | None) -> None:
        """Show `note` after the current mention until the next move (None: clear)."""
        self._note = note
        self._show_status()

    def _show_status(self) -> None:
        status = self._mention_status.copy()
        if self._note:
            status.append(" · ")
            status.append(one_line(self._note, 80), style="bold")
        self.article_view.border_subtitle = status

    def action_next_mention(self) -> None:
        self.say(None)
        if not self.article_view.next_mention(+1):
            self._edge_notice("last mention here")

    def action_previous_mention(self) -> None:
        self.say(None)
        if not self.article_view.next_mention(-1):
            self._edge_notice("first mention here")

    def _edge_notice(self, message: str) -> None:
        self.say(message if self.article_view.mentions else "this article has no mentions")

    def _entity_in_focus(self) -> str | None:
        view = self.article_view
        m = view.current_mention
        if m is not None and m.entity_id:
            return m.entity_id
        return view.selected_entity

    def action_next_same_entity(self) -> None:
        self._same_entity(+1)

    def action_previous_same_entity(self) -> None:
        self._same_entity(-1)

    def _same_entity(self, step: int) -> None:
        view = self.article_view
        held = self._held
        entity_id = held.entity_id if held is not None else self._entity_in_focus()
        self.say(None)
        if view.article is None or self.library is None:
            return
        if entity_id is None:
            self.say("no current entity: press ] to pick one")
            return
        lib = self.library
        now = monotonic()
        self._rapid = self._rapid + 1 if now - self._last_press < HELD_INTERVAL else 0
        self._last_press = now
        # A held key repeats: a double tap still draws each article at once.
        repeating = self._rapid >= HELD_AFTER
        if held is None:
            if view.next_mention(step, entity_id=entity_id):
                return
            here = view.article.id
        else:
            # The key is held: go on from the article reached but not drawn yet.
            starts = [m.start for m in lib.mentions(held.article_id) if m.entity_id == entity_id]
            within = step_within(starts, held.mention_start, step)
            if within is not None:
                held.mention_start = within
                self.say(held.status)
                return
            here = held.article_id
        try:
            entity = lib.entity(entity_id)
        except ReaderError:
            return
        # Articles that mention it, in collection order (by article id), so "next" is stable.
        ordered = lib.entity_article_ids(entity_id)
        target, wrapped = neighbour(ordered, here, step)
        name = one_line(entity.name, 60)
        if target is None:
            index = view.first_mention_of(entity_id, last=step < 0)
            if index is not None:
                view.set_current(index)
            self.say(
                f"only this article mentions {name}; "
                f"{'back to the first' if step > 0 else 'on to the last'} mention"
            )
            return
        starts = [m.start for m in lib.mentions(target) if m.entity_id == entity_id]
        if not starts:
            return
        start = starts[0] if step > 0 else starts[-1]
        position = ordered.index(target) + 1
        wrap = (
            (", wrapped to the first" if step > 0 else ", wrapped to the last") if wrapped else ""
        )
        status = f"article {position}/{len(ordered)} with {name}{wrap}"
        if repeating or held is not None:
            # A held key: remember where it got to and draw once the presses pause.
            self._held = HeldStep(entity_id, target, start, status)
            self.say(status)
            if self._held_timer is not None:
                self._held_timer.stop()
            self._held_timer = self.set_timer(HELD_DRAW_DELAY, self.draw_held)
            return
        # The pane's title shows the article reached; the status says where it is.
        if self.open_article(target, mention_start=start, focus=False):
            self.say(status)

    def draw_held(self) -> None:
        """Draw the article a held `}` / `{` reached (any other key does this first)."""
        held, self._held = self._held, None
        if self._held_timer is not None:
            self._held_timer.stop()
            self._held_timer = None
        if held is None:
            return
        self._last_press = monotonic()
        if self.open_article(held.article_id, mention_start=held.mention_start, focus=False):
            self.say(held.status)

    def on_key(self, event: events.Key) -> None:
        # Any other key draws what a held } / { reached first, so it acts on it.
        if self._held is None:
            return
        if self._held_keys is None:  # the keys of } / { as bound (the key map may move them)
            self._held_keys = frozenset(
                key
                for key, bound in self.active_bindings.items()
                if bound.binding.action in _HELD_ACTIONS
            )
        if event.key not in self._held_keys:
            self.draw_held()

    # ------------------------------------------------------------ entities

    @on(EntityHighlighted)
    def _entity_highlighted(self, event: EntityHighlighted) -> None:
        event.stop()
        if self.entity_list.options.has_focus:
            self.article_view.select_entity(event.entity_id)

    @on(EntityChosen)
    def _entity_chosen(self, event: EntityChosen) -> None:
        event.stop()
        view = self.article_view
        view.select_entity(event.entity_id)
        index = view.next_mention_of_after_view(event.entity_id)
        if index is not None:
            view.set_current(index)
        self.action_focus_pane("article")

    @on(ShowEntityPage)
    def _show_entity_page(self, event: ShowEntityPage) -> None:
        event.stop()
        self.show_entity_page(event.entity_id)

    def action_entity_page(self) -> None:
        view = self.article_view
        m = view.current_mention
        self.say(None)
        if m is None:
            self.say("no current mention: press ] to pick one")
            return
        if not m.entity_id:
            self.say(f"{m.label} mentions have no entity page")
            return
        self.show_entity_page(m.entity_id)

    def show_entity_page(self, entity_id: str) -> None:
        from reader.tui.screens.entity import EntityScreen

        if self.library is None:
            return
        try:
            entity = self.library.entity(entity_id)
        except ReaderError as exc:
            self.notify(one_line(str(exc)), severity="error")
            return
        self.tracker.visited_entity(entity_id, entity.name)
        self.app.push_screen(EntityScreen(entity_id), self._entity_page_closed)

    def _entity_page_closed(self, result) -> None:
        if not result:
            return
        kind, article_id, detail = result
        if kind == "mention":
            self.open_article(article_id, mention_start=detail)
        elif kind == "pair":
            self.open_with_both(article_id, detail)
        else:
            self.open_article(article_id)

    def open_with_both(self, article_id: str, entity_ids: tuple[str, ...]) -> None:
        """Open an article with the mentions of these entities highlighted as
        matches (n / N move between them)."""
        spans = tuple(self.library.mention_spans(article_id, entity_ids))
        if self.open_article(article_id, offset=spans[0][0] if spans else None, matches=spans):
            names = [one_line(self.library.entity(e).name, 40) for e in entity_ids]
            self.notify(
                f"{' and '.join(names)} highlighted: n / N move between their "
                f"{len(spans)} mentions.",
                timeout=4,
            )

    # ------------------------------------------------------------ search matches

    def action_next_match(self) -> None:
        self._match(+1)

    def action_previous_match(self) -> None:
        self._match(-1)

    def _match(self, step: int) -> None:
        view = self.article_view
        self.say(None)
        if not view.matches:
            self.say("no search matches here: press / to search")
            return
        before = self.here()
        if view.next_match(step):
            if before is not None and before.article_id == view.article.id:  # type: ignore[union-attr]
                self.jumps.record(before)
            self.say(f"match {(view.current_match or 0) + 1}/{len(view.matches)}")
        else:
            self.say("search hit BOTTOM" if step > 0 else "search hit TOP")

    # ------------------------------------------------------------ jumps

    def action_back(self) -> None:
        where = self.jumps.back(self.here())
        self.say(None)
        if where is None:
            self.say("nothing to go back to")
            return
        self.go_to(where)

    def action_forward(self) -> None:
        where = self.jumps.forward(self.here())
        self.say(None)
        if where is None:
            self.say("nothing to go forward to")
            return
        self.go_to(where)

    # ------------------------------------------------------------ panes and focus

    def _pane_widget(self, pane: str) -> Widget:
        if pane == "articles":
            return self.query_one(ArticleOptions)
        if pane == "entities":
            return self.query_one(EntityOptions)
        if pane == "search":
            return self.query_one(SearchInput)
        return self.article_view

    def _show_pane_class(self, pane: str) -> None:
        if self.has_class(f"-show-{pane}"):
            return
        for name in PANES:
            self.set_class(name == pane, f"-show-{name}", update=False)
        if not self.has_class("-narrow"):
            # Wide, every pane is shown whichever is "shown" (reader.tcss): nothing
            # to restyle. A change to narrow restyles the screen anyway.
            return
        # Only the panes' own `display` depends on these classes (reader.tcss):
        # restyling them, not the whole screen, saves ~40 ms per pane change.
        panes = [
            self.query_one(selector) for selector in ("#sidebar", "#article", "#entities-pane")
        ]
        self.app.stylesheet.update_nodes([self, *panes], animate=False)

    def action_focus_pane(self, pane: str) -> None:
        if pane in ("articles", "search"):
            self.query_one("#sidebar", ContentSwitcher).current = f"{pane}-pane"
        self.pane = pane
        self._show_pane_class(pane)
        widget = self._pane_widget(pane)
        # Focused now (Widget.focus waits for the queued messages): keys typed
        # right after `/` are queued already and must find the box focused.
        self.set_focus(widget)
        self.call_after_refresh(widget.focus)

    def action_cycle_pane(self, step: int) -> None:
        i = PANES.index(self.pane) if self.pane in PANES else 1
        self.action_focus_pane(PANES[(i + step) % len(PANES)])

    def action_focus_results(self) -> None:
        results = self.query_one(SearchResultsList)
        if results.option_count:
            results.focus()

    def on_screen_suspend(self) -> None:
        self._pane_before_suspend = self.pane

    def on_screen_resume(self) -> None:
        # Back from the entity page or help: the pane that had focus gets it again.
        pane = getattr(self, "_pane_before_suspend", None)
        if pane is not None:
            self.action_focus_pane(pane)

    def on_descendant_focus(self, event) -> None:
        node = event.widget
        for pane, selector in (
            ("articles", "#articles-pane"),
            ("search", "#search-pane"),
            ("article", "#article"),
            ("entities", "#entities-pane"),
        ):
            widget = self.query_one(selector)
            if node is widget or widget in node.ancestors:
                self.pane = pane
                self._show_pane_class(pane)
                return

    # ------------------------------------------------------------ related, versions, exports

    def action_curate(self) -> None:
        from reader.tui.curation import main_screen_context, start_curation

        start_curation(self.app, main_screen_context(self))

    def action_related(self) -> None:
        from reader.tui.screens.related import RelatedScreen

        article = self.article_view.article
        if article is None or self.library is None:
            return
        self.app.push_screen(RelatedScreen(article.id, article.title), self._open_chosen)

    def action_versions(self) -> None:
        from reader.tui.screens.versions import VersionsScreen

        article = self.article_view.article
        if article is None or self.library is None:
            return
        versions = self.library.versions_of(article.id)
        if len(versions) < 2:
            self.notify("No other version of this story in the collection.", timeout=3)
            return
        similarity = dict(self.library.similar_to(article.id))
        self.app.push_screen(VersionsScreen(article.id, versions, similarity), self._open_chosen)

    def _open_chosen(self, article_id: str | None) -> None:
        if article_id:
            self.open_article(article_id)

    def action_export_search(self) -> None:
        from reader.tui.exporting import export_search

        export_search(self.app, self.search_panel.query_text)

    # ------------------------------------------------------------ palette-only actions

    def action_toggle_entity_scope(self) -> None:
        self.action_focus_pane("entities")
        self.entity_list.toggle_scope()

    def action_sort_articles(self) -> None:
        self.action_focus_pane("articles")
        self.article_list.action_cycle_sort()

    def action_filter_articles(self) -> None:
        self.action_focus_pane("articles")
        self.article_list.action_filter()
