"""The articles pane: the collection with title, date, source and entity count.

Sort (`s` cycles the key, `r` reverses) and filter (`f`: words that must all
appear in the title, source, date or id). Enter opens the highlighted article.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input
from textual.widgets.option_list import Option

from reader.sorting import SORT_KEYS, sort_articles
from reader.store import ArticleSummary
from reader.textio import one_line, plural
from reader.tui.keys import bindings
from reader.tui.messages import ArticleOrderChanged, OpenArticle
from reader.tui.widgets.inputs import PlainInput
from reader.tui.widgets.lists import VimOptionList

#: Sorts that start descending when chosen (newest, richest first).
DESCENDING_FIRST = ("date", "entities")
#: How each sort reads, ascending and descending: an arrow alone is ambiguous.
ORDER_WORDS = {
    "collection": ("collection", "collection, reversed"),
    "date": ("date ↑ oldest first", "date ↓ newest first"),
    "title": ("title ↑ A to Z", "title ↓ Z to A"),
    "source": ("source ↑ A to Z", "source ↓ Z to A"),
    "entities": ("entities ↑ fewest first", "entities ↓ most first"),
}


def order_words(key: str, descending: bool) -> str:
    return ORDER_WORDS.get(key, (key, f"{key}, reversed"))[descending]


class ArticleOptions(VimOptionList):
    BINDINGS = bindings("articles")

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(row_height=2, id=id, classes=classes)  # title, then date · source

    @property
    def pane(self) -> ArticleList:
        return self.query_ancestor(ArticleList)

    def action_cycle_sort(self) -> None:
        self.pane.action_cycle_sort()

    def action_reverse(self) -> None:
        self.pane.action_reverse()

    def action_filter(self) -> None:
        self.pane.action_filter()

    def action_clear_filter(self) -> None:
        self.pane.action_clear_filter()

    def action_collapse_versions(self) -> None:
        self.pane.action_collapse_versions()


class ArticleList(Vertical):
    """The collection as a list; posts OpenArticle.

    The list is virtual (rows are made when drawn), so opening an article
    remakes two rows, and sorting or filtering costs one pass over summaries
    with each sort order computed once.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.summaries: list[ArticleSummary] = []
        self.shown: list[ArticleSummary] = []
        self.sort_key = "collection"
        self.descending = False
        self.filter_text = ""
        self.open_id: str | None = None
        self._row_of: dict[str, int] = {}  # article id -> index in `shown`
        self._orders: dict[tuple[str, bool], list[ArticleSummary]] = {}
        self._haystacks: dict[str, str] | None = None  # article id -> what the filter searches
        #: (sort, filter words joined, articles matching): the next key narrows these.
        self._last_match: tuple[tuple[str, bool, int], str, list[ArticleSummary]] | None = None
        #: Near-duplicates: article id -> its group's ids; `collapsed` shows one per group.
        self.versions: dict[str, list[str]] = {}
        self.collapsed = False
        #: Read and starred articles (reader.tui.screens.tracking.Marks): unread rows are bold.
        self.marks = None

    def compose(self) -> ComposeResult:
        yield PlainInput(placeholder="filter: words in title, source, date", id="article-filter")
        yield ArticleOptions(id="article-options")

    @property
    def options(self) -> ArticleOptions:
        return self.query_one(ArticleOptions)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#article-filter", Input)

    def on_mount(self) -> None:
        self.filter_input.display = False

    def set_articles(
        self, summaries: list[ArticleSummary], versions: dict[str, list[str]] | None = None
    ) -> None:
        """The collection, and its groups of near-duplicates (group id -> article
        ids), whose articles say "3 versions"."""
        self.summaries = list(summaries)
        self.versions = {aid: ids for ids in (versions or {}).values() for aid in ids}
        self._orders.clear()
        self._haystacks = None
        self._last_match = None
        self._rebuild()

    def _latest_versions(self, shown: list[ArticleSummary]) -> list[ArticleSummary]:
        """One article per group of versions: the latest (by date, then id)."""
        best: dict[str, ArticleSummary] = {}
        for a in shown:
            group = self.versions.get(a.id)
            if group is not None:
                key = group[0]
                if key not in best or (a.date or "", a.id) > (best[key].date or "", best[key].id):
                    best[key] = a
        return [
            a for a in shown if a.id not in self.versions or best.get(self.versions[a.id][0]) is a
        ]

    def set_marks(self, marks) -> None:
        self.marks = marks
        self.refresh_marks(None)

    def refresh_marks(self, ids) -> None:
        """Rows of `ids` (None: all) changed read or starred state."""
        if ids is None:
            self.options.forget()
        else:
            self.options.forget([self._row_of[i] for i in ids if i in self._row_of])
        self._update_title()

    def mark_open(self, article_id: str | None) -> None:
        """Highlight the open article (without opening it again): two rows change."""
        before, self.open_id = self.open_id, article_id
        options = self.options
        options.forget(self._row_of[i] for i in (before, article_id) if i in self._row_of)
        if article_id in self._row_of:
            options.highlighted = self._row_of[article_id]
        options.scroll_to_highlight()

    def set_order(self, key: str, descending: bool) -> None:
        """Sort by `key` (one of reader.sorting.SORT_KEYS); unknown keys are ignored."""
        if key in SORT_KEYS and (key, descending) != (self.sort_key, self.descending):
            self.sort_key, self.descending = key, descending
            if self.is_mounted:
                self._rebuild()

    def _ordered(self) -> list[ArticleSummary]:
        # Undated (or sourceless) articles come last both ways: see reader.sorting.
        key = (self.sort_key, self.descending)
        order = self._orders.get(key)
        if order is None:
            order = self._orders[key] = sort_articles(self.summaries, *key)
        return order

    def _matching(self, words: list[str]) -> list[ArticleSummary]:
        if self._haystacks is None:
            self._haystacks = {
                a.id: " ".join((a.title, a.source or "", a.date or "", a.id)).casefold()
                for a in self.summaries
            }
        haystacks = self._haystacks
        # A key typed at the end only narrows: what matches now matched the last
        # filter too, so only those are looked at again (not the whole collection).
        text = " ".join(words)
        last = self._last_match
        if last is not None and last[0] == self._orders_key() and text.startswith(last[1]):
            candidates = last[2]
        else:
            candidates = self._ordered()
        matching = [a for a in candidates if all(w in haystacks[a.id] for w in words)]
        self._last_match = (self._orders_key(), text, matching)
        return matching

    def _orders_key(self) -> tuple[str, bool, int]:
        return (self.sort_key, self.descending, id(self.summaries))

    def _rebuild(self) -> None:
        words = self.filter_text.casefold().split()
        options = self.options
        before = options.highlighted
        keep = (
            self.shown[before].id
            if before is not None and before < len(self.shown)
            else self.open_id
        )
        shown = self._matching(words) if words else self._ordered()
        if self.collapsed and self.versions:
            shown = self._latest_versions(shown)
        self.shown = shown
        self._row_of = {a.id: i for i, a in enumerate(shown)}
        options.set_lazy_options(
            len(shown), lambda i: Option(self._prompt(shown[i]), id=shown[i].id), self._row_of.get
        )
        target = self.open_id if self.open_id in self._row_of else keep
        if target in self._row_of:
            options.highlighted = self._row_of[target]
        elif shown:
            options.highlighted = 0
        self._update_title()

    def _prompt(self, a: ArticleSummary) -> Text:
        marks = self.marks
        star = "★" if marks is not None and a.id in marks.starred else " "
        mark = ("▸" if a.id == self.open_id else " ") + star
        unread = marks is not None and a.id not in marks.read
        width = max(20, self.options.scrollable_content_region.width - 1)
        title = Text(one_line(a.title, 300), style="bold" if a.id == self.open_id or unread else "")
        title.truncate(width - 2, overflow="ellipsis")
        text = Text.assemble((mark, "bold"))
        text.append_text(title)
        meta = " · ".join(
            x
            for x in (
                a.date,
                one_line(a.source, 40) if a.source else None,
                plural(a.n_entities, "entity", "entities"),
            )
            if x
        )
        versions = self.versions.get(a.id)
        if versions:
            meta = f"{plural(len(versions), 'version')} · {meta}"
        # One row, like the title: every article is two rows high.
        meta_text = Text(meta, style="dim")
        meta_text.truncate(width - 2, overflow="ellipsis")
        text.append("\n  ")
        text.append_text(meta_text)
        return text

    def _update_title(self) -> None:
        title = Text.assemble(("1 ", "bold"))
        title.append(f"Articles {len(self.shown)}")
        if len(self.shown) != len(self.summaries):
            title.append(f"/{len(self.summaries)}")
        if self.marks is not None:
            read = self.marks.read
            unread = sum(1 for a in self.shown if a.id not in read)
            title.append(f" · {unread} unread" if unread else " · all read")
        subtitle = Text(f"sort: {order_words(self.sort_key, self.descending)}")
        if self.collapsed and self.versions:
            subtitle.append(" · versions collapsed")
        if self.filter_text:
            subtitle.append(" · filter: ")
            subtitle.append(one_line(self.filter_text, 30))
        self.border_title = title
        self.border_subtitle = subtitle

    # -- actions (bound on the list, carried out here)
    def action_cycle_sort(self) -> None:
        key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self.set_order(key, key in DESCENDING_FIRST)
        self.post_message(ArticleOrderChanged(self.sort_key, self.descending))

    def action_reverse(self) -> None:
        self.set_order(self.sort_key, not self.descending)
        self.post_message(ArticleOrderChanged(self.sort_key, self.descending))

    def action_collapse_versions(self) -> None:
        """One row per group of near-duplicates (the latest), or every version again."""
        if not self.versions:
            self.notify("No near-duplicate articles in this collection.", timeout=3)
            return
        self.collapsed = not self.collapsed
        self._rebuild()

    def action_filter(self) -> None:
        self.filter_input.display = True
        self.screen.set_focus(self.filter_input)  # now: the next keys may be queued already

    def action_clear_filter(self) -> None:
        self.filter_input.value = ""
        self.filter_input.display = False
        self.options.focus()

    @on(Input.Changed, "#article-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._rebuild()

    @on(Input.Submitted, "#article-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        if not event.value:
            self.filter_input.display = False
        self.options.focus()
        if len(self.shown) == 1:  # the filter found it: open it
            self.post_message(OpenArticle(self.shown[0].id))

    def on_key(self, event) -> None:
        if event.key == "escape" and self.filter_input.has_focus:
            event.stop()
            self.action_clear_filter()

    @on(VimOptionList.OptionSelected)
    def _open(self, event: VimOptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(OpenArticle(event.option.id))
