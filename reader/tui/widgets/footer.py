"""The footer: Textual's, fitted to the width.

Textual's footer lists the focused widget's keys, then the screen's, then the
app's, and cuts whatever passes the right edge: at 80 columns in the articles
pane, "q Quit" was cut in half and "? Help" gone. This one leaves out whole
keys instead, the least important first: the screen's own (they work from any
pane, and help lists them), then the focused pane's; never the app's (quit,
help) nor the command palette.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

#: Cells a key takes besides its key and description (Footer's padding; the
#: command palette's key has a separator instead of its left padding).
_KEY_PADDING = 3


class ReaderFooter(Footer):
    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        width = self.size.width or self.app.size.width
        yield from fit_keys(keys, width, self._importance())

    def _importance(self) -> dict[str, int]:
        """Action -> how much it matters: 0 the app's, 1 the focused pane's, 2 the screen's."""
        importance: dict[str, int] = {}
        for namespace, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if namespace is self.app:
                rank = 0
            elif namespace is self.screen:
                rank = 2
            else:
                rank = 1
            importance[binding.action] = min(rank, importance.get(binding.action, rank))
        return importance

    def on_resize(self) -> None:
        self.refresh(recompose=True)


def key_width(key) -> int:
    return len(key.key_display) + len(key.description) + _KEY_PADDING


def fit_keys(keys: list, width: int, importance: dict[str, int]) -> list:
    """`keys` (FooterKey widgets, in the footer's order) without the least
    important ones, last first, until they fit in `width` cells."""
    palette = [k for k in keys if k.has_class("-command-palette")]
    shown = [k for k in keys if not k.has_class("-command-palette")]
    room = width - sum(key_width(k) for k in palette)
    while shown and sum(key_width(k) for k in shown) > room:
        rank = max(importance.get(k.action, 1) for k in shown)
        if rank == 0:
            break  # only the app's keys are left: the footer scrolls
        drop = max(i for i, k in enumerate(shown) if importance.get(k.action, 1) == rank)
        del shown[drop]
    return shown + palette
