"""Key bindings made from the action registry (`reader.actions`), and the user's
key map: `keymap.toml` in the user data folder.

    # ~/.local/share/reader/keymap.toml (or $READER_DATA_DIR/keymap.toml)
    "mention.next" = "right_square_bracket,tab"
    "jump.back" = "ctrl+o,backspace"

Keys are Textual key names, comma-separated; ids are those on the help screen.
"""

from __future__ import annotations

import importlib

from textual.binding import Binding, BindingType

from reader.actions import actions_for
from reader.config import user_data_dir

KEYMAP_FILE = "keymap.toml"


def bindings(where: str) -> list[BindingType]:
    """The Textual bindings of the widget or screen `where` names (see reader.actions)."""
    return [
        Binding(a.keys, a.action, a.description, show=a.show, id=a.id) for a in actions_for(where)
    ]


def load_keymap() -> tuple[dict[str, str], str | None]:
    """The user's key map and a one-line problem (or None)."""
    path = user_data_dir() / KEYMAP_FILE
    if not path.exists():
        return {}, None
    try:
        # by name: mypy checks for Python 3.10 too, which has no tomllib
        tomllib = importlib.import_module("tomllib")
    except ImportError:  # Python 3.10
        return {}, f"{path.name} needs Python 3.11 or later; ignored"

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {}, f"cannot read {path.name}: {exc}"
    keymap = {str(k): str(v) for k, v in data.items() if isinstance(v, str)}
    return keymap, None
