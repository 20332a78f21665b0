"""The article pane: a Line API ScrollView that draws only the rows on screen.

Like toolong's LogLines: the text is wrapped once per width (`WrappedText`),
each visible row is built from its (start, end) slice, styled by the mentions
and matches that overlap it, and cached until a highlight or the theme changes.
Entity types, the current mention, the selected entity and search matches are
component classes, so the .tcss (and themes) colour them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.corpus import Article
from reader.entities.types import KEPT_LABELS
from reader.store import StoredMention
from reader.textio import one_line, printable, unwrap
from reader.tui.compat import set_virtual_size
from reader.tui.keys import bindings
from reader.tui.messages import CurrentMentionChanged
from reader.tui.offsets import WrappedText

ENTITY_TYPES = KEPT_LABELS
#: Wrap at most this wide, however wide the pane: long lines are hard to read.
MEASURE = 100
_CACHE_ROWS = 2000
#: Wrapped texts kept (per article and width): going back to an article, or
#: resizing back, does not wrap it again (a 1 MB text takes ~0.1 s).
_WRAP_CACHE = 8


def type_class(label: str) -> str:
    return f"article-view--{label.lower().replace('_', '-')}"


class ArticleView(ScrollView, can_focus=True):
    """The open article's text with its mentions highlighted and one current mention."""

    COMPONENT_CLASSES = {
        *(type_class(t) for t in ENTITY_TYPES),
        "article-view--current",
        "article-view--selected",
        "article-view--match",
        "article-view--match-current",
        "article-view--meta",
        "article-view--heading",
        "article-view--empty",
    }

    BINDINGS = bindings("article_view")

    DEFAULT_CSS = """
    ArticleView { overflow-y: scroll; overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.mentions: list[StoredMention] = []
        self._starts: list[int] = []
        self._longest = 0
        self.matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self.current: int | None = None
        self.current_match: int | None = None
        self.selected_entity: str | None = None
        self._display = ""
        self._wrapped: WrappedText | None = None
        self._header: list[Text] = []
        self._empty: Text = Text("")
        self._cache: OrderedDict[int, Strip] = OrderedDict()
        self._styles: dict[str, Style] = {}
        self._pending_offset: int | None = None
        self._wraps: OrderedDict[tuple, WrappedText] = OrderedDict()
        #: (article id, width) -> rows under the date line (star, tags, note: reader.tui.screens.tracking).
        self.extra_header = None

    # ------------------------------------------------------------ content

    def show_empty(self, message: Text | str) -> None:
        """No article: show a centred message (the empty state)."""
        self.article = None
        self.mentions, self._starts, self.matches, self._match_starts = [], [], [], []
        self.current = self.current_match = None
        self._display = ""
        self._empty = message if isinstance(message, Text) else Text(message)
        self._wrapped = None
        self._rewrap()

    def load(
        self,
        article: Article,
        mentions: Sequence[StoredMention],
        matches: Sequence[tuple[int, int]] = (),
        *,
        top_offset: int | None = None,
    ) -> None:
        self.article = article
        # Same-length sanitising: offsets into the stored text stay valid on
        # screen. A hard-wrapped paragraph (wire copy) is shown as one, filling
        # the pane: its line breaks are spaces, as the entity model reads it.
        self._display = unwrap(printable(article.text).replace("\t", " "))
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        self._longest = max((m.end - m.start for m in self.mentions), default=0)
        self.current = None
        self.selected_entity = None
        self._set_matches(matches)
        self._wrapped = None
        self._pending_offset = top_offset or 0
        self._rewrap()
        self._post_current()

    def set_matches(self, matches: Sequence[tuple[int, int]]) -> None:
        self._set_matches(matches)
        self._invalidate()

    def _set_matches(self, matches: Sequence[tuple[int, int]]) -> None:
        self.matches = sorted(matches)
        self._match_starts = [s for s, _ in self.matches]
        self.current_match = None

    def select_entity(self, entity_id: str | None) -> None:
        if entity_id != self.selected_entity:
            self.selected_entity = entity_id
            self._invalidate()

    # ------------------------------------------------------------ geometry

    @property
    def wrap_width(self) -> int:
        return max(10, min(MEASURE, self.scrollable_content_region.width))

    @property
    def body_row_offset(self) -> int:
        return len(self._header)

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            if self._pending_offset is None and self._wrapped is not None:
                self._pending_offset = self.top_offset()
            self._wrapped = None
            self.virtual_size = Size(0, 0)
            self._invalidate()
            return
        keep = self._pending_offset if self._pending_offset is not None else self.top_offset()
        self._pending_offset = None
        wrap_width = self.wrap_width
        self._header = self._make_header(wrap_width)
        if self.article is not None:
            if self._wrapped is None or self._wrapped.width != wrap_width:
                self._wrapped = self._wrap(wrap_width)
            rows = len(self._header) + len(self._wrapped)
        else:
            rows = len(self._header)
        set_virtual_size(self, Size(wrap_width, rows))
        self._invalidate()
        if self.article is not None:
            row = self.row_of_offset(keep) if keep else 0  # offset 0: show the header too
            self.scroll_to(y=row, animate=False, immediate=True)

    def _wrap(self, width: int) -> WrappedText:
        a = self.article
        assert a is not None
        key = (a.id, a.hash, len(self._display), width)
        wrapped = self._wraps.get(key)
        if wrapped is None or wrapped.text != self._display:
            wrapped = self._wraps[key] = WrappedText(self._display, width)
            if len(self._wraps) > _WRAP_CACHE:
                self._wraps.popitem(last=False)
        else:
            self._wraps.move_to_end(key)
        return wrapped

    def _make_header(self, width: int) -> list[Text]:
        if self.article is None:
            lines = self._empty.wrap(
                self.app.console, width, justify=self._empty.justify or "center"
            )
            return [Text("")] * 2 + list(lines)
        a = self.article
        rows: list[Text] = []
        heading = one_line(a.title, 400)
        stem = heading.rstrip("…").strip()
        # A title taken from the text's first words is not repeated above it.
        if a.title_span is None and stem and not a.text.lstrip().startswith(stem):
            title = Text(heading, style=self._style("article-view--heading"))
            rows.extend(title.wrap(self.app.console, width))
        meta = " · ".join(one_line(x, 120) for x in (a.date, a.source, a.author, a.path) if x)
        rows.append(
            Text(meta, style=self._style("article-view--meta"), no_wrap=True, overflow="ellipsis")
        )
        rows.append(Text(""))
        if self.extra_header is not None:
            rows.extend(self.extra_header(a.id, width))
        return rows

    def refresh_header(self) -> None:
        """Draw the header again (a star, tags or a note changed); the text stays put."""
        if self.article is not None:
            self._rewrap()

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    def row_of_offset(self, offset: int) -> int:
        if self._wrapped is None:
            return 0
        return self.body_row_offset + self._wrapped.row_of(offset)

    def top_offset(self) -> int:
        """The character offset at the top of the view (to restore a position)."""
        if self._wrapped is None or not len(self._wrapped):
            return 0
        if int(self.scroll_y) < self.body_row_offset:
            return 0
        row = int(self.scroll_y) - self.body_row_offset
        return self._wrapped.starts[min(row, len(self._wrapped) - 1)]

    def visible_rows(self) -> range:
        top = int(self.scroll_y)
        return range(top, top + max(1, self.scrollable_content_region.height))

    def is_offset_visible(self, offset: int) -> bool:
        return self._wrapped is not None and self.row_of_offset(offset) in self.visible_rows()

    def scroll_offset_into_view(self, offset: int) -> None:
        """Scroll so `offset` is on screen: untouched if it is, else a third from the top."""
        if self._wrapped is None:
            self._pending_offset = offset
            return
        row = self.row_of_offset(offset)
        if row not in self.visible_rows():
            height = max(1, self.scrollable_content_region.height)
            self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)

    def scroll_to_offset(self, offset: int) -> None:
        """Put `offset` at the top of the view (offset 0: the very top, with the header)."""
        if self._wrapped is None:
            self._pending_offset = offset
            return
        row = self.row_of_offset(offset) if offset else 0
        self.scroll_to(y=row, animate=False, immediate=True)

    # ------------------------------------------------------------ the current mention

    @property
    def current_mention(self) -> StoredMention | None:
        return self.mentions[self.current] if self.current is not None else None

    def set_current(self, index: int | None, *, scroll: bool = True) -> None:
        """Make mention `index` current and (unless told not to) scroll it into view."""
        if index is not None and not 0 <= index < len(self.mentions):
            index = None
        before, self.current = self.current, index
        if index is not None and scroll:
            self.scroll_offset_into_view(self.mentions[index].start)
        # Only the rows of the old and the new current mention look different.
        self._invalidate_mentions(before, index)
        self._post_current()

    def set_current_at(self, start: int | None, *, scroll: bool = True) -> bool:
        """Make the mention starting at `start` current; False when there is none."""
        if start is None:
            self.set_current(None)
            return False
        i = bisect_left(self._starts, start)
        if i < len(self._starts) and self._starts[i] == start:
            self.set_current(i, scroll=scroll)
            return True
        self.set_current(None)
        return False

    def mention_near(self, offset: int) -> int | None:
        """The mention holding `offset`, else the first one after it (None at the end)."""
        i = bisect_left(self._starts, offset)
        if i > 0 and self.mentions[i - 1].end > offset:
            return i - 1
        return i if i < len(self.mentions) else None

    def _post_current(self) -> None:
        self.post_message(
            CurrentMentionChanged(
                self.current_mention,
                self.current if self.current is not None else -1,
                len(self.mentions),
            )
        )

    def _anchor_index(self, forward: bool) -> int | None:
        """Where a move starts: the current mention when on screen, else the view's edge."""
        if self.current is not None and self.is_offset_visible(self.mentions[self.current].start):
            return self.current
        if self._wrapped is None:
            return None
        rows = self.visible_rows()
        if forward:
            first_body = max(0, rows.start - self.body_row_offset)
            offset = self._wrapped.starts[min(first_body, len(self._wrapped) - 1)]
            return bisect_left(self._starts, offset) - 1  # the move adds one
        last_body = max(0, rows.stop - self.body_row_offset)
        if last_body >= len(self._wrapped):
            offset = len(self._display) + 1
        else:
            offset = self._wrapped.starts[last_body]
        return bisect_left(self._starts, offset)  # the move subtracts one

    def next_mention(self, step: int = 1, entity_id: str | None = None) -> bool:
        """Move the current mention by `step` (of any entity, or of `entity_id` only).

        Returns False at either end of the article (the current mention stays).
        """
        if not self.mentions:
            return False
        anchor = self.current if entity_id else self._anchor_index(step > 0)
        if anchor is None:
            anchor = -1 if step > 0 else len(self.mentions)
        i = anchor + step
        while 0 <= i < len(self.mentions):
            if entity_id is None or self.mentions[i].entity_id == entity_id:
                self.set_current(i)
                return True
            i += step
        return False

    def first_mention_of(self, entity_id: str, last: bool = False) -> int | None:
        indexes = [i for i, m in enumerate(self.mentions) if m.entity_id == entity_id]
        if not indexes:
            return None
        return indexes[-1] if last else indexes[0]

    def next_mention_of_after_view(self, entity_id: str) -> int | None:
        """The entity's first mention at or after the top of the view (else its first)."""
        top = self.top_offset()
        indexes = [i for i, m in enumerate(self.mentions) if m.entity_id == entity_id]
        for i in indexes:
            if self.current is not None and i > self.current:
                return i
            if self.current is None and self.mentions[i].start >= top:
                return i
        return indexes[0] if indexes else None

    # ------------------------------------------------------------ search matches

    def next_match(self, step: int = 1) -> bool:
        if not self.matches:
            return False
        if self.current_match is not None and self.is_offset_visible(
            self.matches[self.current_match][0]
        ):
            i = self.current_match + step
        else:
            top = self.top_offset()
            i = bisect_left(self._match_starts, top)
            if step < 0:
                i -= 1
        if not 0 <= i < len(self.matches):
            return False
        self.set_current_match(i)
        return True

    def set_current_match(self, index: int) -> None:
        self.current_match = index
        self.scroll_offset_into_view(self.matches[index][0])
        self._invalidate()

    def action_clear_matches(self) -> None:
        if self.matches:
            self.set_matches(())

    # ------------------------------------------------------------ scrolling actions

    def action_half_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + self.scrollable_content_region.height // 2, animate=False)

    def action_half_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - self.scrollable_content_region.height // 2, animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    # ------------------------------------------------------------ drawing

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._invalidate()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def _invalidate_mentions(self, *indexes: int | None) -> None:
        """Redraw the rows these mentions are on (keeping every other cached row)."""
        if self._wrapped is None:
            self._invalidate()
            return
        for i in indexes:
            if i is not None and 0 <= i < len(self.mentions):
                m = self.mentions[i]
                for row in self._wrapped.rows_of(m.start, m.end):
                    self._cache.pop(self.body_row_offset + row, None)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        row = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        strip = self._cache.get(row)
        if strip is None:
            strip = self._render_row(row, width)
            self._cache[row] = strip
            if len(self._cache) > _CACHE_ROWS:
                self._cache.popitem(last=False)
        return strip

    def _render_row(self, row: int, width: int) -> Strip:
        if row < len(self._header):
            text = self._header[row]
        elif self._wrapped is not None and row - len(self._header) < len(self._wrapped):
            text = self._body_row(row - len(self._header))
        else:
            return Strip.blank(width)
        segments = [s for s in text.render(self.app.console, end="") if s.text]
        # The pane's own colours under the text (ScrollView lines do not inherit them).
        return Strip(segments).crop_extend(0, width, None).apply_style(self.rich_style)

    def _body_row(self, index: int) -> Text:
        start, end = self._wrapped.row(index)  # type: ignore[union-attr]
        text = Text(self._display[start:end], end="", no_wrap=True)
        # Mentions overlapping [start, end): they start at most `longest` before it.
        i = bisect_left(self._starts, start - self._longest)
        stop = bisect_left(self._starts, end)
        for j in range(i, stop):
            m = self.mentions[j]
            if m.end <= start:
                continue
            s, e = max(m.start, start) - start, min(m.end, end) - start
            text.stylize(self._style(type_class(m.label)), s, e)
            if self.selected_entity and m.entity_id == self.selected_entity:
                text.stylize(self._style("article-view--selected"), s, e)
            if j == self.current:
                text.stylize(self._style("article-view--current"), s, e)
        if self.matches:
            k = max(0, bisect_right(self._match_starts, start) - 1)
            while k < len(self.matches) and self.matches[k][0] < end:
                ms, me = self.matches[k]
                if me > start:
                    name = (
                        "article-view--match-current"
                        if k == self.current_match
                        else "article-view--match"
                    )
                    text.stylize(self._style(name), max(ms, start) - start, min(me, end) - start)
                k += 1
        return text

    # ------------------------------------------------------------ mouse

    def on_click(self, event: events.Click) -> None:
        inside = event.get_content_offset(self)
        if inside is None:
            return
        offset = self.offset_at(inside.x, inside.y)
        if offset is None:
            return
        i = bisect_right(self._starts, offset) - 1
        while i >= 0 and self.mentions[i].start > offset - self._longest:
            if self.mentions[i].start <= offset < self.mentions[i].end:
                self.set_current(i, scroll=False)
                return
            i -= 1

    def offset_at(self, x: int, y: int) -> int | None:
        """The character offset under screen cell (x, y) of the view, if any."""
        if self._wrapped is None:
            return None
        body = int(self.scroll_y) + y - self.body_row_offset
        if not 0 <= body < len(self._wrapped):
            return None
        start, end = self._wrapped.row(body)
        used = 0
        for i in range(start, end):
            used += cell_len(self._display[i])
            if used > x:
                return i
        return None
