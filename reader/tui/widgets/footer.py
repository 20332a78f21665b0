"""The footer: the keys that work here, in one line, fitted to the width.

Textual's footer lists the focused widget's keys, then the screen's, then the
app's, as one widget per key, rebuilt (recomposed: widgets removed, made,
styled and laid out) on every focus or screen change: tens of milliseconds on
keys that move between panes or open an article. This one is a single widget
that draws its line of text and is repainted, not rebuilt, and only when the
keys it shows changed.

It cuts whole keys, never half of one, the least important first: the
screen's own (they work from any pane, and help lists them), then the focused
pane's; never the app's (quit, help) nor the command palette, drawn at the
right. The keys come from the screen's active bindings, which the action
registry (`reader.actions`) makes. A click on a key presses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

#: Cells a key takes besides its key and description (a space each side of
#: the key, one after the description; the command palette's key has a
#: separator instead of its left padding).
_KEY_PADDING = 3
#: What separates the command palette's key from the others (Textual's vkey border).
_SEPARATOR = "▏"


@dataclass(frozen=True, slots=True)
class FooterEntry:
    """One key as the footer shows it."""

    key: str  # the key pressed when it is clicked
    display: str  # how the key is shown ("q", "^p")
    description: str
    action: str
    enabled: bool = True
    rank: int = 1  # 0 the app's, 1 the focused pane's, 2 the screen's
    palette: bool = False

    @property
    def width(self) -> int:
        return len(self.display) + len(self.description) + _KEY_PADDING


def key_width(entry: FooterEntry) -> int:
    return entry.width


def fit_keys(entries: list[FooterEntry], width: int) -> list[FooterEntry]:
    """`entries` (in the footer's order) without the least important ones, last
    first, until they fit in `width` cells; the palette's key is always kept."""
    palette = [e for e in entries if e.palette]
    shown = [e for e in entries if not e.palette]
    room = width - sum(e.width for e in palette)
    while shown and sum(e.width for e in shown) > room:
        rank = max(e.rank for e in shown)
        if rank == 0:
            break  # only the app's keys are left: they are cut at the edge
        drop = max(i for i, e in enumerate(shown) if e.rank == rank)
        del shown[drop]
    return shown + palette


class ReaderFooter(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "footer--separator"}
    DEFAULT_CSS = """
    ReaderFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[FooterEntry] = []
        #: (first cell, last cell + 1, key) of each key drawn, for clicks.
        self._spans: list[tuple[int, int, str]] = []
        self._drawn: list[FooterEntry] = []
        self._pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._update_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        # Several changes come with one key (focus, then a reactive): one update.
        if not self._pending:
            self._pending = True
            self.call_later(self._update_keys)

    def _update_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        entries = self.current_entries()
        if entries != self.entries:
            self.entries = entries
            self.refresh()

    def current_entries(self) -> list[FooterEntry]:
        """The keys to show now: one per action, in the screen's order, then the palette's."""
        app, screen = self.app, self.screen
        active = screen.active_bindings
        ranks: dict[str, int] = {}
        for namespace, binding, _enabled, _tooltip in active.values():
            rank = 0 if namespace is app else 2 if namespace is screen else 1
            ranks[binding.action] = min(rank, ranks.get(binding.action, rank))
        entries: list[FooterEntry] = []
        seen: set[str] = set()
        for _namespace, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            entries.append(
                FooterEntry(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    ranks[binding.action],
                )
            )
        if app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _namespace, binding, enabled, _tooltip = found
                entries.append(
                    FooterEntry(
                        binding.key,
                        app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        enabled,
                        0,
                        palette=True,
                    )
                )
        return entries

    def render(self) -> Text:
        width = self.size.width
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str]] = []
        drawn: list[FooterEntry] = []
        shown = fit_keys(self.entries, width)
        keys = [e for e in shown if not e.palette]
        palette = [e for e in shown if e.palette]

        def draw(entry: FooterEntry) -> None:
            start = line.cell_len
            dim = Style() if entry.enabled else Style(dim=True)
            if entry.palette:  # a separator instead of the key's left padding
                line.append(_SEPARATOR, self.get_component_rich_style("footer--separator"))
                line.append(entry.display, key_style + dim)
                line.append(f" {entry.description}", description_style + dim)
                line.append(" ")
            else:
                line.append(f" {entry.display} ", key_style + dim)
                line.append(f"{entry.description} ", description_style + dim)
            spans.append((start, line.cell_len, entry.key))
            drawn.append(entry)

        for entry in keys:
            draw(entry)
        if palette:
            used = sum(e.width for e in palette)
            line.append(" " * max(0, width - line.cell_len - used))
            for entry in palette:
                draw(entry)
        self._spans, self._drawn = spans, drawn
        return line

    def on_click(self, event: events.Click) -> None:
        for entry, (start, end, key) in zip(self._drawn, self._spans, strict=True):
            if start <= event.x < end:
                event.stop()
                if entry.enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
