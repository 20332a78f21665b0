"""Every use of Textual's private API, in one place, each with its reason.

Textual is pinned exactly (pyproject.toml), and only this module reaches into
its internals; `RELIED_ON` names each private member used here, and
tests/tui/test_compat.py fails, naming the missing one, when an upgrade removes
or reshapes it. Elsewhere the TUI uses Textual's public API only.

- `FixedRowsOptionList`: an OptionList that can show `count` options of one
  fixed height without making them (its line tables are computed, its options
  made when drawn). OptionList builds, wraps and measures every option up front:
  seconds for 10,000 articles. (The public way, a ScrollView on the line API as
  toolong's LogLines, would re-implement OptionList's look, keys, mouse and
  messages; not done yet.)
- `set_virtual_size`: a scroll view's virtual size set without a layout of the
  whole screen, as Textual does during a layout (see its doc).
- `SteadyScreen`: skips the restyle of a whole screen on its first resume and
  the re-layout on a Resize of the same size (start-up cost, see the bench),
  and repaints only the two widgets a focus change concerns, not the screen
  (its `focused` redeclared without repaint; Textual's watcher still runs).
- `CrashHookApp`: Textual's one hook for an exception nothing caught, and the
  traceback it queues for the terminal.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any

from textual import events
from textual.app import App
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

#: (class, private member, kind): "method" (with these parameters), "property",
#: or "attribute" (set on an instance by Textual). Checked by tests/tui/test_compat.py.
RELIED_ON: list[tuple[type, str, str, tuple[str, ...]]] = [
    (OptionList, "_options", "attribute", ()),
    (OptionList, "_id_to_option", "attribute", ()),
    (OptionList, "_option_to_index", "attribute", ()),
    (OptionList, "_line_cache", "attribute", ()),
    (OptionList, "_option_render_cache", "attribute", ()),
    (OptionList, "_mouse_hovering_over", "attribute", ()),
    (OptionList, "_lines", "property", ()),
    (OptionList, "_heights", "property", ()),
    (OptionList, "_index_to_line", "property", ()),
    (OptionList, "_clear_caches", "method", ("self",)),
    (OptionList, "_update_lines", "method", ("self",)),
    (OptionList, "_get_left_gutter_width", "method", ("self",)),
    (OptionList, "_get_visual", "method", ("self", "option")),
    (OptionList, "_scroll_update", "method", ("self", "virtual_size")),
    (Widget, "_scroll_update", "method", ("self", "virtual_size")),
    (Screen, "_on_screen_resume", "method", ("self", "event")),
    (Screen, "_screen_resized", "method", ("self", "size")),
    (Screen, "_compositor", "attribute", ()),
    (Screen, "_watch_focused", "method", ("self",)),
    (App, "_handle_exception", "method", ("self", "error")),
    (App, "_exit_renderables", "attribute", ()),
]


def parameters(function: Callable[..., Any]) -> tuple[str, ...]:
    return tuple(inspect.signature(function).parameters)


# ---------------------------------------------------------------- option lists


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Set a scroll view's virtual size without laying the whole screen out again.

    Textual's `virtual_size` reactive asks for a layout of every widget, and the
    next update then repaints the whole screen: a key that refills a list or
    opens an article paid that (most of its time). A pane whose own size is
    fixed by the CSS (no `auto`) only needs its scrollbars updated, which is what
    Textual itself does when it sets the size during a layout
    (`Widget._size_updated`); a scrollbar that appears or goes still asks for
    the layout it needs.
    """
    if size == widget.virtual_size:
        return
    width, height = widget.styles.width, widget.styles.height
    if (width is not None and width.is_auto) or (height is not None and height.is_auto):
        widget.virtual_size = size
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()


class _FixedLines(Sequence[tuple[int, int]]):
    """OptionList's line table for options `height` lines high: y -> (option, line)."""

    def __init__(self, count: int, height: int):
        self._count = count
        self._height = height

    def __len__(self) -> int:
        return self._count * self._height

    def __getitem__(self, y):
        if isinstance(y, slice):
            return [self[i] for i in range(len(self))[y]]
        if y < 0:
            y += len(self)
        if not 0 <= y < len(self):
            raise IndexError(y)
        return divmod(y, self._height)


class _FixedHeights:
    """OptionList's option -> height and option -> first line maps, computed."""

    def __init__(self, count: int, height: int, first_line: bool):
        self._count = count
        self._height = height
        self._first_line = first_line

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < self._count:
            raise KeyError(index)
        return index * self._height if self._first_line else self._height

    def get(self, index: int, default=None):
        try:
            return self[index]
        except KeyError:
            return default


class FixedRowsOptionList(OptionList):
    """An OptionList with a second mode: `_show_lazy(options)` shows a sequence of
    options each `row_height` lines high (longer prompts are cut) that makes them
    when asked for; `_show_plain()` goes back to ordinary options."""

    #: Lazy options shown (a Sequence[Option] with `forget()`), or None: ordinary ones.
    _lazy: Any = None
    row_height = 1
    _made_width = -1

    def _show_lazy(self, lazy: Sequence[Option]) -> None:
        self._lazy = lazy
        self._options = lazy  # type: ignore[assignment]
        self._id_to_option.clear()
        self._option_to_index.clear()
        self._line_cache.clear()
        self._option_render_cache.clear()
        self._mouse_hovering_over = None
        self.highlighted = None
        self.scroll_y = 0
        if self.is_mounted:
            self._update_lines()
            self.refresh()

    def _show_plain(self) -> None:
        if self._lazy is not None:
            self._lazy = None
            self._options = []

    # ------------------------------------------------------------ OptionList's line tables

    @property
    def _lines(self):
        if self._lazy is None:
            return super()._lines
        return _FixedLines(len(self._lazy), self.row_height)

    @property
    def _heights(self):
        if self._lazy is None:
            return super()._heights
        return _FixedHeights(len(self._lazy), self.row_height, first_line=False)

    @property
    def _index_to_line(self):
        if self._lazy is None:
            return super()._index_to_line
        return _FixedHeights(len(self._lazy), self.row_height, first_line=True)

    def _clear_caches(self) -> None:
        if self._lazy is not None:
            self._lazy.forget()
        super()._clear_caches()

    def _update_lines(self) -> None:
        if self._lazy is None:
            super()._update_lines()
            return
        region = self.scrollable_content_region
        if not region:
            return
        if region.width != self._made_width:  # a scrollbar came or went: prompts are cut anew
            self._made_width = region.width
            self._lazy.forget()
        virtual_size = Size(
            region.width - self._get_left_gutter_width(), len(self._lazy) * self.row_height
        )
        set_virtual_size(self, virtual_size)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self._lazy is None:
            return super().get_content_width(container, viewport)
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._lazy is None:
            return super().get_content_height(container, viewport, width)
        return len(self._lazy) * self.row_height

    # ------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        if self._lazy is None:
            return super().render_line(y)
        index, line = divmod(self.scroll_offset.y + y, self.row_height)
        if index >= len(self._lazy):
            return Strip.blank(
                self.scrollable_content_region.width,
                self.get_visual_style("option-list--option").rich_style,
            )
        option = self._lazy[index]
        # As OptionList.render_line: disabled, else highlighted, else under the mouse.
        if option.disabled:
            style = self.get_visual_style("option-list--option", "option-list--option-disabled")
        elif self.highlighted == index:
            style = self.get_visual_style("option-list--option", "option-list--option-highlighted")
        elif self._mouse_hovering_over == index:
            style = self.get_visual_style("option-list--option", "option-list--option-hover")
        else:
            style = self.get_visual_style("option-list--option")
        strips = self._render_option(index, option, style)
        if line < len(strips):
            return strips[line]
        return Strip.blank(self.scrollable_content_region.width, style.rich_style)

    def _render_option(self, index: int, option: Option, style: Style) -> list[Strip]:
        """OptionList._get_option_render for a made option (it knows its own index)."""
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        key = (option, style, padding)
        strips = self._option_render_cache.get(key)
        if strips is None:
            visual = self._get_visual(option)
            if padding:
                visual = Padding(visual, padding)
            meta = {"option": index}
            strips = [
                strip.extend_cell_length(width, style.rich_style).apply_meta(meta)
                for strip in visual.to_strips(self, visual, width, None, style)
            ]
            self._option_render_cache[key] = strips
        return strips


# ---------------------------------------------------------------- screens


class SteadyScreen(Screen):
    """A screen that skips work Textual repeats at start-up, and on every focus change."""

    # Textual's `focused` repaints the whole screen when the focus moves (every
    # widget's every line drawn again: most of the CPU of opening an article
    # from a list or switching panes). Only the widget that lost the focus and
    # the one that got it are repainted here; Textual restyles (and so repaints)
    # the panes whose look depends on the focus within them.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    _resumed = False

    # Textual calls a watcher with as many of (old, new) as it takes.
    def _watch_focused(self, old: Widget | None, new: Widget | None) -> None:  # type: ignore[override]
        super()._watch_focused()
        for widget in (old, new):
            if widget is not None and widget.is_attached:
                widget.refresh()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # The first time, every widget was styled as it mounted: Textual's
        # restyle of the whole screen here would only repeat it (~10 ms).
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        super()._on_screen_resume(event)

    def _screen_resized(self, size: Size) -> None:
        # Textual lays the screen out again on every Resize event, and a start
        # brings three of the same size: the layout is kept when nothing changed
        # (a widget that changes asks for its own layout, done on the next update).
        if size and size == self._compositor.size:
            return
        super()._screen_resized(size)


# ---------------------------------------------------------------- the app


class CrashHookApp(App[int]):
    """An app told of an exception no handler caught (`before_crash`,
    before Textual stops the app), whose traceback is not printed on exit."""

    def before_crash(self, error: Exception) -> None:
        """Override: keep what the user made, record the crash."""

    def _handle_exception(self, error: Exception) -> None:
        # Textual's one hook for an exception no handler caught: it stops the
        # app and queues a full traceback for stderr.
        self.before_crash(error)
        super()._handle_exception(error)
        # The app prints its own one line, once the terminal is restored.
        self._exit_renderables.clear()
