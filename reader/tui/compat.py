"""Every use of Textual's private API, in one place, each with its reason.

Textual is pinned exactly (pyproject.toml), and only this module reaches into
its internals; `RELIED_ON` names each private member used here, and
tests/tui/test_compat.py fails, naming the missing one, when an upgrade removes
or reshapes it. Elsewhere the TUI uses Textual's public API only.

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
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

#: (class, private member, kind): "method" (with these parameters) or
#: "attribute" (set on an instance by Textual). Checked by tests/tui/test_compat.py.
RELIED_ON: list[tuple[type, str, str, tuple[str, ...]]] = [
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


# ---------------------------------------------------------------- scroll views


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
