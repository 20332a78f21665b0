"""The help screen: every key binding, as currently mapped, grouped by where it works."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.actions import Action, help_sections
from reader.tui.keys import bindings

INTRO = (
    "Mentions are highlighted by entity type; the current one is marked. "
    "] and [ move it, } and { follow the same entity across articles, "
    "e opens its page, H or Backspace goes back."
)


def key_names(app, action: Action) -> str:
    """The keys that run `action` now (the user's key map, else the default), as shown."""
    keys = app.user_keymap.get(action.id, action.keys)
    shown = []
    for key in keys.split(","):
        key = key.strip()
        one = Binding(key, action.action)
        shown.append(app.get_key_display(one))
    return " ".join(dict.fromkeys(shown))


#: Below this many columns the binding ids follow their description.
WIDE = 100


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings("help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Esc closes · remap keys in keymap.toml (ids in grey)"
            yield Static(Text(INTRO), id="help-intro")
            self._wide = self.app.size.width >= WIDE
            self.content = self._content(self._wide)
            yield Static(self.content, id="help-text")

    def _content(self, wide: bool) -> Group:
        """Each section's title, then its keys, what they do and their id; the
        key columns of all sections one width (titles sit above, not in them).
        On a narrow screen the id follows the description (wrapping under it),
        so the descriptions keep their room."""
        all_sections = help_sections()
        keys_of = {a.id: key_names(self.app, a) for _, actions in all_sections for a in actions}
        key_width = max(map(len, keys_of.values()), default=1)
        what_width = max(
            (len(a.description) for _, actions in all_sections for a in actions), default=1
        )
        parts: list = []
        for number, (title, actions) in enumerate(all_sections):
            if number:
                parts.append(Text(""))
            parts.append(Text(title, style="bold underline"))
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True, width=key_width)
            table.add_column(width=what_width if wide else None, ratio=None if wide else 1)
            if wide:
                table.add_column(style="dim", no_wrap=True)
            for action in actions:
                keys = Text(keys_of[action.id])
                what = Text(action.description)
                if wide:
                    table.add_row(keys, what, Text(action.id))
                else:
                    what.append(f"  {action.id}", style="dim")
                    table.add_row(keys, what)
            parts.append(table)
        return Group(*parts)

    def on_resize(self) -> None:
        # (Textual gives the screen its -narrow or -wide class, for the CSS.)
        wide = self.app.size.width >= WIDE
        if wide != self._wide:
            self._wide = wide
            self.content = self._content(wide)
            self.query_one("#help-text", Static).update(self.content)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
