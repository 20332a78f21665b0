"""Key bindings made from the action registry (`reader.actions`). The user's key
map (`keymap.toml`) is read by reader.keymap and checked by reader.actions."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from reader.actions import actions_for


def bindings(where: str) -> list[BindingType]:
    """The Textual bindings of the widget or screen `where` names (see reader.actions)."""
    return [
        Binding(a.keys, a.action, a.description, show=a.show, id=a.id) for a in actions_for(where)
    ]
